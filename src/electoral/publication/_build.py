"""Private: build the trees from forms given in publication order, one pass, streaming.

:class:`TreeBuilder` takes each form's place, barcode, leaf and packed vector in
publication order (constituency, sub-constituency, centre, station, ballot),
refuses a form out of order or a second form for the same station and ballot,
and closes each node as soon as the next form of its ballot leaves it. Each closed
node goes to a callback with its path; publishing keeps the whole tree,
verifying compares each node with the manifest and forgets it. Memory depends on
the open nodes (one path per ballot and the children of each open node), never
on the number of forms.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Final

from electoral.errors import InconsistentValue, OutOfRange, register_messages
from electoral.publication._encoding import SUMMARY_COLUMNS
from electoral.publication._tree import (
    CEILING,
    Level,
    Pair,
    inner_root,
    level_hash,
    overflows,
    pack,
    unpack,
)

__all__ = [
    "Built",
    "NodePath",
    "TreeBuilder",
    "ballot_header",
    "describe_path",
    "election_header",
    "summary",
]

NodePath = tuple[tuple[Level, int], ...]
"""Where a node is: ``((Level.BALLOT, 117), (Level.CONSTITUENCY, 3), ...)``."""

CandidateKey = tuple[int, int]

register_messages(
    {
        "publication.order": (
            "The form comes before the one above it in publication order "
            "(constituency, sub-constituency, centre, station, ballot).",
            "تأتي الاستمارة قبل التي تعلوها في ترتيب النشر "
            "(الدائرة، الدائرة الفرعية، المركز، المحطة، ورقة الاقتراع).",
        ),
        "publication.duplicate": (
            "A second form for the same station and ballot.",
            "استمارة ثانية للمحطة نفسها وورقة الاقتراع نفسها.",
        ),
        "publication.unknown_ballot": (
            "Ballot {value} has no tree in the manifest.",
            "ورقة الاقتراع {value} ليس لها شجرة في البيان.",
        ),
        "publication.subtotal_ceiling": (
            "A subtotal of {value} is above the ceiling of {ceiling}.",
            "أحد المجاميع الفرعية في {value} يتجاوز الحد الأعلى {ceiling}.",
        ),
    }
)

_SUMMARY_SLOTS: Final = len(SUMMARY_COLUMNS) + 1


def describe_path(path: NodePath, language: str = "en") -> str:
    """``"ballot 117 / constituency 3 / centre 31001"``, or in Arabic."""
    if not path:
        return Level.ELECTION.label(language)
    return " / ".join(f"{level.label(language)} {key}" for level, key in path)


def ballot_header(candidates: Sequence[CandidateKey]) -> bytes:
    """A ballot node's header: the candidate count, then each ``(ballot, candidate id)``."""
    parts = [len(candidates).to_bytes(8, "big")]
    for ballot, candidate in candidates:
        parts.append(ballot.to_bytes(8, "big") + candidate.to_bytes(8, "big"))
    return b"".join(parts)


def election_header(label: str, flags: int) -> bytes:
    """The election node's header: the label's length and ASCII bytes, the counting rule."""
    data = label.encode("ascii")
    return len(data).to_bytes(8, "big") + data + bytes((flags,))


def summary(value: int, slots: int) -> int:
    """A ballot's vector reduced to ``(forms, fields 1-5, all votes)`` for the election."""
    counts = unpack(value, slots)
    return pack((*counts[:6], sum(counts[6:])))


class Built:
    """A closed node: level, key, hash, packed vector, and (when kept) what is under it."""

    __slots__ = ("children", "count", "forms", "hash", "key", "level", "slots", "value")

    def __init__(
        self,
        level: Level,
        key: int,
        hash_: bytes,
        value: int,
        slots: int,
        children: list[Built],
        forms: list[tuple[int, str, bytes, int]],
    ) -> None:
        self.level = level
        self.key = key
        self.hash = hash_
        self.value = value
        self.slots = slots
        self.children = children
        self.forms = forms
        self.count = len(forms) if level is Level.CENTER else len(children)

    def pairs(self) -> list[Pair]:
        """The ``(hash, vector)`` of each child (of each form for a centre)."""
        if self.level is Level.CENTER:
            return [(leaf, value) for _, _, leaf, value in self.forms]
        if self.level is Level.ELECTION:
            return [(c.hash, summary(c.value, c.slots)) for c in self.children]
        return [(c.hash, c.value) for c in self.children]


OnClose = Callable[[Built, NodePath], None]


class _Open:
    __slots__ = ("center", "centers", "constituencies", "forms", "keys", "subconstituencies")

    def __init__(self) -> None:
        self.keys: tuple[int, int, int] | None = None
        self.forms: list[tuple[int, str, bytes, int]] = []
        self.centers: list[Built] = []
        self.subconstituencies: list[Built] = []
        self.constituencies: list[Built] = []


class TreeBuilder:
    """Build the ballots' trees and the election's from forms in publication order.

    Args:
        candidates: each ballot's candidates (its vote columns), by ballot number.
        label: the election's label.
        flags: the counting rule's byte.
        on_close: hears each node when it closes, with its path.
        keep: keep every node's children (for a publication and its proofs);
            otherwise children are dropped once their parent is closed.
    """

    def __init__(
        self,
        candidates: Mapping[int, Sequence[CandidateKey]],
        *,
        label: str,
        flags: int,
        on_close: OnClose | None = None,
        keep: bool = True,
    ) -> None:
        self._candidates = candidates
        self._label = label
        self._flags = flags
        self._on_close = on_close
        self._keep = keep
        self._open: dict[int, _Open] = {}
        self._widths: dict[int, int] = {}
        self._last: tuple[int, int, int, int, int] | None = None
        self.forms = 0

    def add(
        self, key: tuple[int, int, int, int, int], barcode: str, leaf: bytes, value: int
    ) -> None:
        """Add the next form: its place, barcode, leaf hash and packed vector."""
        last = self._last
        if last is not None and key <= last:
            code = "publication.duplicate" if key == last else "publication.order"
            raise InconsistentValue(code, field="row", value=barcode)
        self._last = key
        ballot = key[4]
        state = self._open.get(ballot)
        if state is None:
            if ballot not in self._candidates:
                raise InconsistentValue("publication.unknown_ballot", field="row", value=ballot)
            state = self._open[ballot] = _Open()
        place = key[:3]
        if state.keys != place:
            if state.keys is not None:
                self._close(ballot, state, place)
            state.keys = place
        state.forms.append((key[3], barcode, leaf, value))
        self.forms += 1

    def _slots(self, ballot: int) -> int:
        slots = self._widths.get(ballot)
        if slots is None:
            slots = self._widths[ballot] = len(SUMMARY_COLUMNS) + len(self._candidates[ballot])
        return slots

    def _node(
        self,
        level: Level,
        key: int,
        path: NodePath,
        slots: int,
        children: list[Built],
        forms: list[tuple[int, str, bytes, int]],
        header: bytes = b"",
    ) -> Built:
        built = Built(level, key, b"", 0, slots, children, forms)
        pairs = built.pairs()
        try:
            inner = inner_root(pairs, slots)
        except OverflowError:
            inner = (b"", 1 << (64 * slots))
        if overflows(inner[1], slots):
            raise OutOfRange(
                "publication.subtotal_ceiling",
                field="subtotals",
                value=describe_path(path),
                ceiling=CEILING,
            )
        built.hash = level_hash(level, key, len(pairs), inner, slots, header)
        built.value = inner[1]
        if self._on_close is not None:
            self._on_close(built, path)
        if not self._keep:
            built.children = []
            built.forms = []
        return built

    def _close(self, ballot: int, state: _Open, place: tuple[int, int, int] | None) -> None:
        """Close the open nodes of ``ballot`` that ``place`` (``None``: the end) leaves."""
        assert state.keys is not None
        constituency, subcon, center = state.keys
        slots = self._slots(ballot)
        base: NodePath = ((Level.BALLOT, ballot), (Level.CONSTITUENCY, constituency))
        sub_path: NodePath = (*base, (Level.SUBCONSTITUENCY, subcon))
        state.centers.append(
            self._node(
                Level.CENTER, center, (*sub_path, (Level.CENTER, center)), slots, [], state.forms
            )
        )
        state.forms = []
        if place is not None and place[:2] == (constituency, subcon):
            return
        state.subconstituencies.append(
            self._node(Level.SUBCONSTITUENCY, subcon, sub_path, slots, state.centers, [])
        )
        state.centers = []
        if place is not None and place[0] == constituency:
            return
        state.constituencies.append(
            self._node(Level.CONSTITUENCY, constituency, base, slots, state.subconstituencies, [])
        )
        state.subconstituencies = []

    def finish(self) -> Built:
        """Close every node; the election's node (its children are the ballots)."""
        ballots: list[Built] = []
        for ballot in sorted(self._open):
            state = self._open[ballot]
            self._close(ballot, state, None)
            ballots.append(
                self._node(
                    Level.BALLOT,
                    ballot,
                    ((Level.BALLOT, ballot),),
                    self._slots(ballot),
                    state.constituencies,
                    [],
                    ballot_header(self._candidates[ballot]),
                )
            )
        self._open = {}
        return self._node(
            Level.ELECTION,
            0,
            (),
            _SUMMARY_SLOTS,
            ballots,
            [],
            election_header(self._label, self._flags),
        )
