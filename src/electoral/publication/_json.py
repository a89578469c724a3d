"""Private: the manifest and proof as JSON: writing them, and reading them against the schema.

Writing gives the same bytes for the same value (members in a fixed order, no
spaces, ASCII, one LF at the end). Reading follows the file policy of
:mod:`electoral.publication._files` (bytes read there) and refuses, with a typed
and coded error, JSON nested too deep, a duplicate member, a non-finite or huge
number, an unknown schema version; every value that does not fit the schema is
reported at once, each at its JSON path.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, Any, Final

from electoral._guard import guarded
from electoral.errors import (
    ErrorCollector,
    InvalidFormat,
    InvalidType,
    ValidationError,
    register_messages,
)
from electoral.publication._files import BOM, read_all
from electoral.publication._manifest import (
    SCHEMA_VERSION,
    Counting,
    FormEntry,
    Manifest,
    Node,
    Subtotals,
)
from electoral.publication._proofs import InclusionProof, ProofStep
from electoral.publication._tree import Level

__all__ = ["read_manifest", "read_proof", "write_manifest", "write_proof"]

register_messages(
    {
        "publication.json.syntax": (
            "The text is not JSON ({reason}).",
            "النص ليس بصيغة JSON ({reason}).",
        ),
        "publication.json.too_deep": (
            "The JSON is nested too deeply to read.",
            "بنية JSON متداخلة بعمق لا يمكن قراءته.",
        ),
        "publication.json.huge_number": (
            "The JSON holds a number with too many digits.",
            "تحتوي بيانات JSON على عدد بأرقام كثيرة جدًا.",
        ),
        "publication.json.duplicate_key": (
            "The member {value} appears twice in one object.",
            "العضو {value} مكرر في الكائن نفسه.",
        ),
        "publication.json.constant": (
            "{value} is not a finite number.",
            "القيمة {value} ليست عددًا منتهيًا.",
        ),
        "publication.json.shape": (
            "{value} is not {expected}.",
            "القيمة {value} ليست {expected}.",
        ),
        "publication.json.members": (
            "The object's members are {value}; expected {expected}.",
            "أعضاء الكائن هي {value}؛ والمتوقع {expected}.",
        ),
        "publication.schema_version": (
            "Schema version {value} is not one this library reads ({supported}).",
            "إصدار المخطط {value} ليس مما تقرؤه هذه المكتبة ({supported}).",
        ),
    }
)


def _dump(document: object) -> str:
    return json.dumps(document, ensure_ascii=True, separators=(",", ":")) + "\n"


def _subtotals_json(subtotals: Subtotals) -> dict[str, Any]:
    return {
        "forms": subtotals.forms,
        "voters": subtotals.voters,
        "voter_cards": subtotals.voter_cards,
        "valid_votes": subtotals.valid_votes,
        "invalid_votes": subtotals.invalid_votes,
        "papers_in_box": subtotals.papers_in_box,
        "votes": list(subtotals.votes),
    }


_ID: Final = {
    Level.BALLOT: "ballot",
    Level.CONSTITUENCY: "constituency",
    Level.SUBCONSTITUENCY: "subconstituency",
    Level.CENTER: "center",
}
_CHILDREN: Final = {
    Level.BALLOT: "constituencies",
    Level.CONSTITUENCY: "subconstituencies",
    Level.SUBCONSTITUENCY: "centers",
    Level.CENTER: "forms",
}
_BELOW: Final = {
    Level.BALLOT: Level.CONSTITUENCY,
    Level.CONSTITUENCY: Level.SUBCONSTITUENCY,
    Level.SUBCONSTITUENCY: Level.CENTER,
}


def _node_json(node: Node) -> dict[str, Any]:
    document: dict[str, Any] = {_ID[node.level]: node.key, "hash": node.hash}
    if node.level is Level.BALLOT:
        document["candidates"] = [list(pair) for pair in node.candidates]
    document["subtotals"] = _subtotals_json(node.subtotals)
    if node.level is Level.CENTER:
        document["forms"] = [[f.station_number, f.barcode, f.leaf] for f in node.forms]
    else:
        document[_CHILDREN[node.level]] = [_node_json(child) for child in node.children]
    return document


def _counting_json(counting: Counting) -> dict[str, bool]:
    return {
        "include_quarantine": counting.include_quarantine,
        "published_only": counting.published_only,
    }


@guarded
def write_manifest(manifest: Manifest) -> str:
    """The manifest as JSON: the same manifest always gives the same bytes.

    >>> from electoral.testing import demo_records, demo_tally_setup
    >>> from electoral.publication import publish
    >>> setup = demo_tally_setup()
    >>> text = write_manifest(publish(demo_records(setup), setup, election="demo").manifest)
    >>> text[:48]
    '{"schema_version":1,"election":"demo","counting"'
    >>> read_manifest(text) == read_manifest(text.encode())
    True
    """
    if not isinstance(manifest, Manifest):
        raise TypeError(f"manifest must be a Manifest, not {type(manifest).__name__}")
    return _dump(
        {
            "schema_version": manifest.schema_version,
            "election": manifest.election,
            "counting": _counting_json(manifest.counting),
            "hash": "sha256",
            "root": manifest.root,
            "subtotals": _subtotals_json(manifest.subtotals),
            "ballots": [_node_json(node) for node in manifest.ballots],
        }
    )


@guarded
def write_proof(proof: InclusionProof) -> str:
    """An inclusion proof as JSON."""
    if not isinstance(proof, InclusionProof):
        raise TypeError(f"proof must be an InclusionProof, not {type(proof).__name__}")
    return _dump(
        {
            "schema_version": SCHEMA_VERSION,
            "election": proof.election,
            "counting": _counting_json(proof.counting),
            "hash": "sha256",
            "candidates": [list(pair) for pair in proof.candidates],
            "steps": [
                {
                    "level": step.level.value,
                    "key": step.key,
                    "index": step.index,
                    "count": step.count,
                    "siblings": [
                        {"hash": sibling, "subtotals": _subtotals_json(subtotals)}
                        for sibling, subtotals in step.siblings
                    ],
                }
                for step in proof.steps
            ],
        }
    )


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise InvalidFormat("publication.json.duplicate_key", field="json", value=key)
        document[key] = value
    return document


def _constant(name: str) -> Any:
    raise InvalidFormat("publication.json.constant", field="json", value=name)


def _load(source: object, name: str) -> Any:
    data = read_all(source, name)
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidFormat("publication.file.not_utf8", field=name) from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_constant)
    except RecursionError:
        raise InvalidFormat("publication.json.too_deep", field=name) from None
    except json.JSONDecodeError as error:
        raise InvalidFormat(
            "publication.json.syntax",
            field=name,
            location=f"line {error.lineno}",
            reason=error.msg,
        ) from None
    except ValidationError:
        raise
    except ValueError:  # an integer beyond Python's digit limit
        raise InvalidFormat("publication.json.huge_number", field=name) from None


class _Shape:
    """Checks a parsed JSON document against the schema, collecting every problem."""

    def __init__(self, what: str) -> None:
        self.collector = ErrorCollector(what)

    def fail(self, where: str, value: object, expected: str) -> None:
        shown = value if isinstance(value, int | str | bool | None) else type(value).__name__
        self.collector.add(
            InvalidType("publication.json.shape", field="json", value=shown, expected=expected),
            where,
        )

    def members(self, where: str, value: object, names: tuple[str, ...]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(where, value, "an object")
            return None
        if tuple(value) != names and set(value) != set(names):
            self.collector.add(
                InvalidFormat(
                    "publication.json.members",
                    field="json",
                    value=sorted(value),
                    expected=list(names),
                ),
                where,
            )
            return None
        return value

    def array(self, where: str, value: object) -> list[Any]:
        if not isinstance(value, list):
            self.fail(where, value, "an array")
            return []
        return value

    def integer(self, where: str, value: object) -> int:
        if type(value) is not int or value < 0:
            self.fail(where, value, "a whole number of 0 or more")
            return 0
        return value

    def boolean(self, where: str, value: object) -> bool:
        if type(value) is not bool:
            self.fail(where, value, "true or false")
            return False
        return value

    def build(self, where: str, make: Callable[[], Any]) -> Any:
        """``make()``, or ``None`` with its validation errors recorded at ``where``."""
        built: list[Any] = []
        with self.collector.at(where):
            built.append(make())
        return built[0] if built else None


_SUBTOTALS: Final = (
    "forms",
    "voters",
    "voter_cards",
    "valid_votes",
    "invalid_votes",
    "papers_in_box",
    "votes",
)


def _subtotals(shape: _Shape, where: str, value: object) -> Subtotals | None:
    document = shape.members(where, value, _SUBTOTALS)
    if document is None:
        return None
    counts = [shape.integer(f"{where}.{name}", document[name]) for name in _SUBTOTALS[:-1]]
    votes = [
        shape.integer(f"{where}.votes[{i}]", item)
        for i, item in enumerate(shape.array(f"{where}.votes", document["votes"]))
    ]
    return shape.build(where, lambda: Subtotals.of((*counts, *votes)))  # type: ignore[no-any-return]


def _candidates(shape: _Shape, where: str, value: object) -> tuple[tuple[int, int], ...]:
    pairs = []
    for i, pair in enumerate(shape.array(where, value)):
        if not (isinstance(pair, list) and len(pair) == 2):
            shape.fail(f"{where}[{i}]", pair, "a [ballot, candidate id] pair")
            continue
        pairs.append(
            (
                shape.integer(f"{where}[{i}][0]", pair[0]),
                shape.integer(f"{where}[{i}][1]", pair[1]),
            )
        )
    return tuple(pairs)


def _form_entry(shape: _Shape, where: str, index: int, value: object) -> FormEntry | None:
    if type(value) is list and len(value) == 3:
        station, barcode, leaf = value
        if type(station) is int and type(barcode) is str and type(leaf) is str:
            try:
                return FormEntry(station_number=station, barcode=barcode, leaf=leaf)
            except ValidationError as error:
                shape.collector.add(error, f"{where}[{index}]")
                return None
    shape.fail(f"{where}[{index}]", value, "a [station, barcode, leaf] triple")
    return None


def _node(shape: _Shape, where: str, value: object, level: Level) -> Node | None:
    names: tuple[str, ...] = (_ID[level], "hash")
    if level is Level.BALLOT:
        names += ("candidates",)
    names += ("subtotals", _CHILDREN[level])
    document = shape.members(where, value, names)
    if document is None:
        return None
    key = shape.integer(f"{where}.{_ID[level]}", document[_ID[level]])
    candidates = (
        _candidates(shape, f"{where}.candidates", document["candidates"])
        if level is Level.BALLOT
        else ()
    )
    subtotals = _subtotals(shape, f"{where}.subtotals", document["subtotals"])
    below = _CHILDREN[level]
    items = shape.array(f"{where}.{below}", document[below])
    children: list[Node | None] = []
    forms: list[FormEntry | None] = []
    if level is Level.CENTER:
        forms = [_form_entry(shape, f"{where}.forms", i, item) for i, item in enumerate(items)]
    else:
        children = [
            _node(shape, f"{where}.{below}[{i}]", item, _BELOW[level])
            for i, item in enumerate(items)
        ]
    if subtotals is None or None in children or None in forms:
        return None
    return shape.build(  # type: ignore[no-any-return]
        where,
        lambda: Node(
            level=level,
            key=key,
            hash=document["hash"],
            subtotals=subtotals,
            children=children,
            forms=forms,
            candidates=candidates,
        ),
    )


def _counting(shape: _Shape, where: str, value: object) -> Counting:
    document = shape.members(where, value, ("include_quarantine", "published_only"))
    if document is None:
        return Counting()
    return Counting(
        include_quarantine=shape.boolean(
            f"{where}.include_quarantine", document["include_quarantine"]
        ),
        published_only=shape.boolean(f"{where}.published_only", document["published_only"]),
    )


def _version(document: dict[str, Any]) -> None:
    version = document.get("schema_version")
    if version != SCHEMA_VERSION or type(version) is not int:
        raise InvalidFormat(
            "publication.schema_version",
            field="schema_version",
            value=version,
            location="$.schema_version",
            supported=SCHEMA_VERSION,
        )


def _document(
    source: object, name: str, members: tuple[str, ...]
) -> tuple[_Shape, dict[str, Any]]:
    """Parse a JSON file of this chapter: its version, its top-level members, its hash name."""
    document = _load(source, name)
    if not isinstance(document, dict):
        raise InvalidType(
            "publication.json.shape",
            field=name,
            value=type(document).__name__,
            expected="an object",
            location="$",
        )
    _version(document)
    shape = _Shape(f"the {name}")
    top = shape.members("$", document, members)
    if top is None:
        shape.collector.raise_if_any()
        raise AssertionError("unreachable")  # pragma: no cover
    if top["hash"] != "sha256":
        shape.fail("$.hash", top["hash"], '"sha256"')
    return shape, top


@guarded
def read_manifest(source: str | bytes | IO[bytes] | IO[str]) -> Manifest:
    """Read a manifest written by :func:`write_manifest` (or by anyone following the schema).

    Raises:
        InvalidFormat: ``publication.schema_version`` for another version; the
            ``publication.json.*`` and ``publication.file.*`` codes for text that
            is not JSON, nested too deep, with a duplicate member or a huge number.
        ValidationErrors: every value that does not fit the schema, each at its
            JSON path (``$.ballots[0].constituencies[2].hash``).
    """
    shape, top = _document(
        source,
        "manifest",
        ("schema_version", "election", "counting", "hash", "root", "subtotals", "ballots"),
    )
    counting = _counting(shape, "$.counting", top["counting"])
    subtotals = _subtotals(shape, "$.subtotals", top["subtotals"])
    ballots = [
        _node(shape, f"$.ballots[{i}]", item, Level.BALLOT)
        for i, item in enumerate(shape.array("$.ballots", top["ballots"]))
    ]
    manifest = None
    if not shape.collector and subtotals is not None:
        manifest = shape.build(
            "$",
            lambda: Manifest(
                election=top["election"],
                counting=counting,
                root=top["root"],
                subtotals=subtotals,
                ballots=ballots,
            ),
        )
    shape.collector.raise_if_any()
    assert isinstance(manifest, Manifest)
    return manifest


def _step_maker(
    level: Level, key: int, index: int, count: int, siblings: list[Any]
) -> Callable[[], ProofStep]:
    def make() -> ProofStep:
        return ProofStep(level=level, key=key, index=index, count=count, siblings=siblings)

    return make


@guarded
def read_proof(source: str | bytes | IO[bytes] | IO[str]) -> InclusionProof:
    """Read an inclusion proof written by :func:`write_proof`.

    Raises:
        InvalidFormat: as :func:`read_manifest`.
        ValidationErrors: every value that does not fit, at its JSON path.
    """
    shape, top = _document(
        source, "proof", ("schema_version", "election", "counting", "hash", "candidates", "steps")
    )
    counting = _counting(shape, "$.counting", top["counting"])
    candidates = _candidates(shape, "$.candidates", top["candidates"])
    steps = []
    for i, item in enumerate(shape.array("$.steps", top["steps"])):
        where = f"$.steps[{i}]"
        step = shape.members(where, item, ("level", "key", "index", "count", "siblings"))
        if step is None:
            continue
        levels = {level.value: level for level in Level}
        level = levels.get(step["level"]) if isinstance(step["level"], str) else None
        if level is None:
            shape.fail(f"{where}.level", step["level"], "a level")
            continue
        siblings = []
        for j, sibling in enumerate(shape.array(f"{where}.siblings", step["siblings"])):
            there = f"{where}.siblings[{j}]"
            entry = shape.members(there, sibling, ("hash", "subtotals"))
            if entry is None:
                continue
            subtotals = _subtotals(shape, f"{there}.subtotals", entry["subtotals"])
            siblings.append((entry["hash"], subtotals))
        key = shape.integer(f"{where}.key", step["key"])
        index = shape.integer(f"{where}.index", step["index"])
        count = shape.integer(f"{where}.count", step["count"])
        steps.append(shape.build(where, _step_maker(level, key, index, count, siblings)))
    proof = None
    if not shape.collector:
        proof = shape.build(
            "$",
            lambda: InclusionProof(
                election=top["election"], counting=counting, candidates=candidates, steps=steps
            ),
        )
    shape.collector.raise_if_any()
    assert isinstance(proof, InclusionProof)
    return proof
