"""Private: verify a manifest against the forms: recompute every node and compare.

:func:`verify_manifest` rebuilds every tree from the forms (a
:class:`~electoral.publication.PublishedForm` iterable, or the rows of the
per-form file through :func:`electoral.publication.verify_files`) and compares,
node by node as each one closes, its hash, its subtotals, its children and (for a
centre) its forms with the manifest's. The answer is a :class:`Verification`:
``ok`` only when every node, the root and, if given, the root published elsewhere
all agree; otherwise its disagreements, the first one first, each naming its node
and why. A row that cannot be read is not a disagreement but bad input: every such
row is reported at once, with its line, as
:class:`~electoral.errors.ValidationErrors`, and nothing is said verified.
"""

from __future__ import annotations

import hashlib
import operator
import re
from collections.abc import Iterable, Iterator
from typing import Any, Final

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import (
    MESSAGES,
    ErrorCollector,
    InvalidFormat,
    InvalidType,
    Language,
    ValidationError,
    register_messages,
)
from electoral.ids import center_id as _center_id
from electoral.publication._build import Built, NodePath, TreeBuilder, describe_path
from electoral.publication._encoding import (
    SUMMARY_COLUMNS,
    PublishedForm,
    parse_row,
)
from electoral.publication._manifest import Manifest, Node, check_hash
from electoral.publication._tree import CEILING, Level, unpack

__all__ = ["Disagreement", "Verification", "check_rows", "disagreement", "verify_manifest"]

register_messages(
    {
        "publication.unknown_code": (
            "{value} is not a registered error code.",
            "{value} ليس رمز خطأ مسجلًا.",
        ),
        "publication.differs.root": (
            "The root computed from the forms is {found}; the manifest says {expected}.",
            "الجذر المحسوب من الاستمارات هو {found}؛ والبيان يذكر {expected}.",
        ),
        "publication.differs.published_root": (
            "The manifest's root is {found}; the root published elsewhere is {expected}.",
            "جذر البيان هو {found}؛ والجذر المنشور في مكان آخر هو {expected}.",
        ),
        "publication.differs.subtotal": (
            "{column}: the forms add up to {found}; the manifest says {expected}.",
            "{column}: مجموع الاستمارات {found}؛ والبيان يذكر {expected}.",
        ),
        "publication.differs.hash": (
            "The hash computed from the forms is {found}; the manifest says {expected}.",
            "البصمة المحسوبة من الاستمارات هي {found}؛ والبيان يذكر {expected}.",
        ),
        "publication.differs.missing": (
            "The manifest lists it, but no form is under it.",
            "يذكره البيان، لكن لا استمارة تحته.",
        ),
        "publication.differs.extra": (
            "Forms are under it, but the manifest does not list it.",
            "توجد استمارات تحته، لكن البيان لا يذكره.",
        ),
        "publication.differs.form_missing": (
            "The manifest lists form {expected} here; the forms have none.",
            "يذكر البيان الاستمارة {expected} هنا؛ ولا توجد استمارة.",
        ),
        "publication.differs.form_extra": (
            "The forms have form {found} here; the manifest lists none.",
            "توجد الاستمارة {found} هنا؛ والبيان لا يذكر أي استمارة.",
        ),
        "publication.differs.barcode": (
            "The form here has barcode {found}; the manifest has {expected}.",
            "الاستمارة هنا رمزها الشريطي {found}؛ والبيان يذكر {expected}.",
        ),
        "publication.differs.form": (
            "Form {barcode} is not the published one: its leaf is {found}; "
            "the manifest says {expected}.",
            "الاستمارة {barcode} ليست المنشورة: بصمتها {found}؛ والبيان يذكر {expected}.",
        ),
    }
)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Disagreement:
    """Where the forms and the manifest (or a proof and a root) disagree, and why.

    Attributes:
        code: a stable code, ``publication.differs.*``.
        path: the node, as ``((level, key), ...)`` from the ballot down; empty for
            the election.
        expected: what the manifest (or the proof, or the published root) says.
        found: what the forms give.
        params: further figures the message uses (``column``, ``barcode``...).
    """

    code: str = attrs.field()
    path: NodePath
    expected: object = None
    found: object = None
    params: tuple[tuple[str, object], ...] = ()

    @code.validator
    def _registered(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not str:
            raise InvalidType(field="code", value=value)
        if value not in MESSAGES:
            raise InvalidFormat("publication.unknown_code", field="code", value=value)

    @property
    def node(self) -> str:
        """The node, in words: ``"ballot 117 / constituency 3 / centre 31001"``."""
        return describe_path(self.path)

    @guarded
    def describe(self, language: Language = "en") -> str:
        """The node and what disagrees there, in English or Arabic."""
        return f"{describe_path(self.path, language)}: {self.message(language)}"

    @guarded
    def message(self, language: Language = "en") -> str:
        """What disagrees, in English or Arabic (without the node)."""
        template: str = getattr(MESSAGES[self.code], language)
        return template.format(expected=self.expected, found=self.found, **dict(self.params))

    def __str__(self) -> str:
        return self.describe()


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Verification:
    """The answer of a verification: true only when everything was checked and agrees.

    Attributes:
        ok: every node, the root and (if given) the published root agree.
        root: the root computed from the forms, in hexadecimal.
        forms: how many forms were checked.
        disagreements: what disagrees, the first found first (at most 100).
    """

    ok: bool
    root: str
    forms: int
    disagreements: tuple[Disagreement, ...] = ()

    @property
    def first(self) -> Disagreement | None:
        """The first disagreement, or ``None``."""
        return self.disagreements[0] if self.disagreements else None

    def __bool__(self) -> bool:
        return self.ok


def disagreement(
    code: str, path: NodePath, expected: object = None, found: object = None, **params: object
) -> Disagreement:
    """A :class:`Disagreement` with its message's extra figures as keywords."""
    return Disagreement(
        code=code, path=path, expected=expected, found=found, params=tuple(params.items())
    )


_LIMIT: Final = 100
_STATES: Final = (b"archived", b"audit")
_EMPTY4: Final = [b"", b"", b"", b""]
_ZERO5: Final = bytes(40)
_ONE: Final = (1).to_bytes(8, "big")
_CACHE: Final = 1 << 16
_CANONICAL: Final = re.compile(rb"0|[1-9][0-9]{0,15}")
_C_LOW: Final = _center_id.MIN_VALUE
_C_HIGH: Final = _center_id.MAX_VALUE


class _Expected:
    """A manifest node as the checker compares it (its forms read only when it closes)."""

    __slots__ = ("children", "hash", "node", "value")

    def __init__(self, node: Node) -> None:
        self.node = node
        self.hash = bytes.fromhex(node.hash)
        self.value = node.subtotals.value
        self.children = [child.key for child in node.children]

    def forms(self) -> list[tuple[int, str, bytes]]:
        """Each form's station, barcode and leaf, in order."""
        return [(f.station_number, f.barcode, bytes.fromhex(f.leaf)) for f in self.node.forms]

    def same_forms(
        self, stations: tuple[int, ...], barcodes: tuple[str, ...], leaves: bytes
    ) -> bool:
        """Whether the centre's forms are these (``leaves``: every leaf, one after the other)."""
        forms = self.node.forms
        return (
            stations == tuple(map(_STATION, forms))
            and barcodes == tuple(map(_BARCODE, forms))
            and leaves == bytes.fromhex("".join(map(_LEAF, forms)))
        )


_STATION: Final = operator.attrgetter("station_number")
_BARCODE: Final = operator.attrgetter("barcode")
_LEAF: Final = operator.attrgetter("leaf")

_CHILD_LEVEL: Final = {
    Level.BALLOT: Level.CONSTITUENCY,
    Level.CONSTITUENCY: Level.SUBCONSTITUENCY,
    Level.SUBCONSTITUENCY: Level.CENTER,
}


class _Checker:
    """Compares each closed node with the manifest's node at the same path."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self.expected: dict[NodePath, _Expected] = {}
        self.candidates = {b.key: b.candidates for b in manifest.ballots}
        for ballot in manifest.ballots:
            self._index(ballot, ((Level.BALLOT, ballot.key),))
        self.found: list[Disagreement] = []
        self.count = 0

    def _index(self, node: Node, path: NodePath) -> None:
        self.expected[path] = _Expected(node)
        for child in node.children:
            self._index(child, (*path, (child.level, child.key)))

    def add(
        self,
        code: str,
        path: NodePath,
        expected: object = None,
        found: object = None,
        **params: object,
    ) -> None:
        self.count += 1
        if len(self.found) < _LIMIT:
            self.found.append(disagreement(code, path, expected, found, **params))

    def close(self, built: Built, path: NodePath) -> None:
        expected = self.expected.pop(path, None)
        if expected is None:
            if built.level is not Level.ELECTION:
                self.add("publication.differs.extra", path)
            return
        if built.level is Level.CENTER:
            stations, barcodes, leaves, _ = zip(*built.forms, strict=True)
            if not expected.same_forms(stations, barcodes, b"".join(leaves)):
                found = [(station, barcode, leaf) for station, barcode, leaf, _ in built.forms]
                self._forms(path, found, expected.forms())
                return
        else:
            keys = [child.key for child in built.children]
            if keys != expected.children:
                missing = [key for key in expected.children if key not in set(keys)]
                if missing:
                    child = _CHILD_LEVEL[built.level]
                    self.add("publication.differs.missing", (*path, (child, missing[0])))
                    return
        if built.value != expected.value:
            self._subtotal(path, built, expected)
        elif built.hash != expected.hash:
            self.add("publication.differs.hash", path, expected.hash.hex(), built.hash.hex())

    def _forms(
        self,
        path: NodePath,
        found: list[tuple[int, str, bytes]],
        expected: list[tuple[int, str, bytes]],
    ) -> None:
        mine = {station: (barcode, leaf) for station, barcode, leaf in found}
        theirs = {station: (barcode, leaf) for station, barcode, leaf in expected}
        for station in sorted(mine.keys() | theirs.keys()):
            here = (*path, (Level.FORM, station))
            a, b = mine.get(station), theirs.get(station)
            if a == b:
                continue
            if a is None:
                assert b is not None
                self.add("publication.differs.form_missing", here, expected=b[0])
            elif b is None:
                self.add("publication.differs.form_extra", here, found=a[0])
            elif a[0] != b[0]:
                self.add("publication.differs.barcode", here, expected=b[0], found=a[0])
            else:
                self.add("publication.differs.form", here, b[1].hex(), a[1].hex(), barcode=a[0])
            return

    def _subtotal(self, path: NodePath, built: Built, expected: _Expected) -> None:
        mine = unpack(built.value, built.slots)
        theirs = expected.node.subtotals.counts
        ballot = path[0][1] if path else None
        candidates = self.candidates.get(ballot, ()) if ballot is not None else ()
        for slot, (a, b) in enumerate(zip(mine, theirs, strict=False)):
            if a != b:
                self.add(
                    "publication.differs.subtotal",
                    path,
                    expected=b,
                    found=a,
                    column=_column(slot, candidates),
                )
                return
        self.add(
            "publication.differs.subtotal",
            path,
            expected=len(theirs),
            found=len(mine),
            column="the number of columns",
        )

    def finish(self, election: Built, root: str | None) -> Verification:
        for path in list(self.expected):
            if len(path) == 1:  # a whole ballot with no form
                self.add("publication.differs.missing", path)
        manifest = self.manifest
        computed = election.hash.hex()
        if not self.found:
            if election.value != manifest.subtotals.value:
                theirs = manifest.subtotals.counts
                mine = unpack(election.value, len(SUMMARY_COLUMNS) + 1)
                slot = next(
                    i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b
                )
                self.add(
                    "publication.differs.subtotal",
                    (),
                    theirs[slot],
                    mine[slot],
                    column=_column(slot, ()),
                )
            elif computed != manifest.root:
                self.add("publication.differs.root", (), manifest.root, computed)
        if root is not None and root != manifest.root:
            self.add("publication.differs.published_root", (), root, manifest.root)
        return Verification(
            ok=not self.found,
            root=computed,
            forms=_forms(election),
            disagreements=tuple(self.found),
        )


def _forms(election: Built) -> int:
    return unpack(election.value, len(SUMMARY_COLUMNS) + 1)[0]


def _column(slot: int, candidates: Any) -> str:
    if slot < len(SUMMARY_COLUMNS):
        return SUMMARY_COLUMNS[slot]
    index = slot - len(SUMMARY_COLUMNS)
    if index < len(candidates):
        ballot, candidate = candidates[index]
        return f"votes of candidate {ballot}:{candidate}"
    return "votes"


class _Numbers(dict[bytes, int]):
    """Canonical numbers seen so far (each checked once, as the specification says)."""

    def __missing__(self, cell: bytes) -> int:
        if _CANONICAL.fullmatch(cell) is None:
            raise KeyError(cell)
        value = int(cell)
        if value > CEILING:
            raise KeyError(cell)
        if len(self) < _CACHE:
            self[cell] = value
        return value


class _Encoded(dict[bytes, bytes]):
    """Canonical counts seen so far, as their 8-byte big-endian encoding."""

    def __init__(self, numbers: _Numbers) -> None:
        super().__init__()
        self.numbers = numbers

    def __missing__(self, cell: bytes) -> bytes:
        encoded = self.numbers[cell].to_bytes(8, "big")
        if len(self) < _CACHE:
            self[cell] = encoded
        return encoded


class _Rows:
    """Reads canonical rows fast; a row it cannot vouch for goes to :func:`parse_row`.

    The fast path accepts exactly what the specification accepts (a number is
    checked against the canonical pattern and the ceiling the first time it is
    seen); anything else is left to the strict parser, which says what is wrong.
    """

    def __init__(self, manifest: Manifest) -> None:
        self.width = {str(b.key).encode(): len(b.candidates) for b in manifest.ballots}
        self.numbers = _Numbers()
        self.encoded = _Encoded(self.numbers)

    def parse(self, line: bytes) -> tuple[tuple[int, int, int, int, int], str, bytes, int]:
        parts = line.split(b",")
        if len(parts) >= 12:
            width = self.width.get(parts[4])
            barcode = parts[5]
            if (
                width is not None
                and len(parts) == 12 + width
                and barcode.isdigit()
                and len(barcode) <= 255
                and parts[6] in _STATES
            ):
                numbers = self.numbers
                try:
                    key = (
                        numbers[parts[0]],
                        numbers[parts[1]],
                        numbers[parts[2]],
                        numbers[parts[3]],
                        numbers[parts[4]],
                    )
                    if parts[7]:
                        data = b"".join(map(self.encoded.__getitem__, parts[7:]))
                    elif parts[8:12] == _EMPTY4:
                        data = _ZERO5 + b"".join(map(self.encoded.__getitem__, parts[12:]))
                    else:
                        data = b""
                except KeyError:
                    data = b""
                if data and (
                    0 < key[0] <= 32_767
                    and 0 < key[1] <= 32_767
                    and _C_LOW <= key[2] <= _C_HIGH
                    and 0 < key[3] <= 102
                    and key[4] <= 32_767
                ):
                    leaf = hashlib.sha256(b"\x00" + line).digest()
                    return key, barcode.decode("ascii"), leaf, int.from_bytes(_ONE + data, "big")
        form = parse_row(line, self.width.get(parts[4]) if len(parts) > 4 else None)
        return form.key, form.barcode, form.leaf, form.value


def check_rows(
    manifest: Manifest,
    rows: Iterable[tuple[int, bytes]],
    root: str | None = None,
    *,
    unit: str = "line",
) -> Verification:
    """Verify ``manifest`` against canonical rows, each with its number (``unit`` 4).

    Raises:
        ValidationErrors: every row that cannot be read or placed, with its location.
    """
    if root is not None:
        root = check_hash(root, "root")
    checker = _Checker(manifest)
    builder = TreeBuilder(
        checker.candidates,
        label=manifest.election,
        flags=manifest.counting.flags,
        on_close=checker.close,
        keep=False,
    )
    reader = _Rows(manifest)
    collector = ErrorCollector("the forms")
    parse = reader.parse
    add = builder.add
    for number, line in rows:
        try:
            add(*parse(line))
        except ValidationError as error:
            collector.add(error, f"{unit} {number}")
            if len(collector) >= 1000:
                break
    collector.raise_if_any()
    return checker.finish(builder.finish(), root)


def _form_rows(forms: Iterable[PublishedForm]) -> Iterator[tuple[int, bytes]]:
    for number, form in enumerate(forms, 1):
        if not isinstance(form, PublishedForm):
            raise TypeError(f"forms must hold PublishedForm values, not {type(form).__name__}")
        yield number, form.row.encode("ascii")


@guarded
def verify_manifest(
    manifest: Manifest, forms: Iterable[PublishedForm], *, root: str | None = None
) -> Verification:
    """Recompute every node of ``manifest`` from ``forms`` and compare.

    Args:
        manifest: the published manifest.
        forms: the published forms, in publication order.
        root: the election's root as published elsewhere (a newspaper, a signed
            statement); the manifest's root must equal it.

    Returns:
        A :class:`Verification`, ``ok`` only when everything agrees; otherwise
        its first disagreement names the node and why.

    Raises:
        ValidationErrors: forms out of publication order, a second form for one
            station and ballot, a form of a ballot the manifest does not have, a
            row of the wrong length; each with its location (``form 12``).

    >>> from electoral.testing import demo_records, demo_tally_setup
    >>> from electoral.publication import publish
    >>> setup = demo_tally_setup()
    >>> publication = publish(demo_records(setup), setup, election="demo")
    >>> verify_manifest(publication.manifest, publication.forms).ok
    True
    """
    if not isinstance(manifest, Manifest):
        raise TypeError(f"manifest must be a Manifest, not {type(manifest).__name__}")
    if isinstance(forms, str | bytes) or not isinstance(forms, Iterable):  # type: ignore[unreachable]
        raise TypeError(f"forms must be an iterable of PublishedForm, not {type(forms).__name__}")
    return check_rows(manifest, _form_rows(forms), root, unit="form")
