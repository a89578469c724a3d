"""Private: the manifest's nouns: subtotals, nodes, the counting rule, the manifest.

A :class:`Manifest` is what HNEC would publish beside the per-form file: the
election's root hash, and for every ballot its tree down to the centres, each
node with its hash and subtotals, each centre with the leaf hash of each of its
forms. It is read and written as JSON (:func:`electoral.publication.read_manifest`,
:func:`electoral.publication.write_manifest`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, Final

import attrs

from electoral.errors import InvalidFormat, InvalidType, register_messages
from electoral.ids import station_number as _station_number
from electoral.model import _validators as v
from electoral.publication._encoding import _BARCODE, SUMMARY_COLUMNS
from electoral.publication._tree import CEILING, Level, pack

__all__ = [
    "SCHEMA_VERSION",
    "Counting",
    "FormEntry",
    "Manifest",
    "Node",
    "Subtotals",
    "check_hash",
    "check_label",
]

SCHEMA_VERSION: Final = 1
"""The manifest schema this library writes and reads."""

_HEX: Final = re.compile(r"[0-9a-f]{64}")
_LABEL: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")

register_messages(
    {
        "publication.hash": (
            "{value} is not a SHA-256 hash (64 lowercase hexadecimal digits).",
            "القيمة {value} ليست بصمة SHA-256 (64 رقمًا ست عشريًا بأحرف صغيرة).",
        ),
        "publication.label": (
            "{value} is not an election label (1 to 64 ASCII letters, digits, dots, "
            "dashes and underscores, beginning with a letter or digit).",
            "القيمة {value} ليست تسمية انتخابات (من 1 إلى 64 من الحروف اللاتينية والأرقام "
            "والنقاط والشرطات، تبدأ بحرف أو رقم).",
        ),
    }
)

_COUNT: Final = v.integer(0, CEILING)


def check_hash(value: object, field: str = "hash") -> str:
    """``value`` if it is a SHA-256 hash in lowercase hexadecimal, else a typed error."""
    if type(value) is not str:
        raise InvalidType(field=field, value=value)
    if _HEX.fullmatch(value) is None:
        raise InvalidFormat("publication.hash", field=field, value=value)
    return value


def _hash(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_hash(value, attribute.name)


def check_label(value: object, field: str = "election") -> str:
    """``value`` if it is an election label, else a typed error."""
    if type(value) is not str:
        raise InvalidType(field=field, value=value)
    if _LABEL.fullmatch(value) is None:
        raise InvalidFormat("publication.label", field=field, value=value)
    return value


def _label(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_label(value, attribute.name)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Converter: a list (or other iterable but text or a mapping) becomes a tuple."""
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | dict):
        return tuple(value)
    return value  # type: ignore[return-value]


def _all(cls: type) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple or not all(isinstance(item, cls) for item in value):
            raise InvalidType(field=attribute.name, value=value)

    return check


def _counts(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple:
        raise InvalidType(field=attribute.name, value=value)
    for item in value:
        _COUNT(_, attribute, item)


@attrs.frozen(kw_only=True)
class Subtotals:
    """A node's subtotals: forms counted, the five reconciliation fields, votes.

    ``votes`` holds one count per candidate of the ballot, in the ballot's order;
    for the election it holds one count, every candidate's votes of every ballot.
    """

    forms: int = attrs.field(validator=_COUNT)
    voters: int = attrs.field(validator=_COUNT)
    voter_cards: int = attrs.field(validator=_COUNT)
    valid_votes: int = attrs.field(validator=_COUNT)
    invalid_votes: int = attrs.field(validator=_COUNT)
    papers_in_box: int = attrs.field(validator=_COUNT)
    votes: tuple[int, ...] = attrs.field(converter=_tuple, validator=_counts)

    @classmethod
    def of(cls, counts: tuple[int, ...]) -> Subtotals:
        """From a vector ``(forms, fields 1-5, votes...)``."""
        return cls(
            forms=counts[0],
            voters=counts[1],
            voter_cards=counts[2],
            valid_votes=counts[3],
            invalid_votes=counts[4],
            papers_in_box=counts[5],
            votes=counts[6:],
        )

    @property
    def counts(self) -> tuple[int, ...]:
        """The vector ``(forms, fields 1-5, votes...)``."""
        return (
            self.forms,
            self.voters,
            self.voter_cards,
            self.valid_votes,
            self.invalid_votes,
            self.papers_in_box,
            *self.votes,
        )

    @property
    def slots(self) -> int:
        """The length of the vector."""
        return len(SUMMARY_COLUMNS) + len(self.votes)

    @property
    def value(self) -> int:
        """The vector, packed (private use by the tree)."""
        return pack(self.counts)

    @property
    def candidate_votes(self) -> int:
        """Every candidate's votes added up."""
        return sum(self.votes)


@attrs.frozen(kw_only=True)
class FormEntry:
    """A centre's form in the manifest: its station, barcode and leaf hash."""

    station_number: int = attrs.field(
        validator=v.integer(_station_number.MIN_VALUE, _station_number.MAX_VALUE)
    )
    barcode: str = attrs.field(validator=v.text(blank=False))
    leaf: str = attrs.field(validator=_hash)

    def __attrs_post_init__(self) -> None:
        if _BARCODE.fullmatch(self.barcode.encode("ascii", "replace")) is None:
            raise InvalidFormat("publication.barcode", field="barcode", value=self.barcode)


def _level(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Level) or value is Level.FORM:
        raise InvalidType(field=attribute.name, value=value)


def _candidates(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple:
        raise InvalidType(field=attribute.name, value=value)
    for pair in value:
        if not (
            type(pair) is tuple
            and len(pair) == 2
            and all(type(part) is int and 0 <= part <= CEILING for part in pair)
        ):
            raise InvalidType(field=attribute.name, value=pair)


@attrs.frozen(kw_only=True)
class Node:
    """A node of the tree above the forms: a centre, sub-constituency, constituency or ballot.

    Attributes:
        level: which level.
        key: the centre id, sub-constituency id, constituency id or ballot number.
        hash: the node's hash, in hexadecimal.
        subtotals: the sums of every form beneath it.
        children: the nodes of the level below, ordered by key (empty for a centre).
        forms: a centre's forms, ordered by station (empty above the centre).
        candidates: a ballot's candidates, ``(ballot number, candidate id)``, in the
            order of the vote columns (empty below the ballot).
    """

    level: Level = attrs.field(validator=_level)
    key: int = attrs.field(validator=v.integer(0, CEILING))
    hash: str = attrs.field(validator=_hash)
    subtotals: Subtotals = attrs.field(validator=v.instance(Subtotals))
    children: tuple[Node, ...] = attrs.field(
        default=(), converter=_tuple, validator=lambda i, a, v: _all(Node)(i, a, v)
    )
    forms: tuple[FormEntry, ...] = attrs.field(
        default=(), converter=_tuple, validator=_all(FormEntry)
    )
    candidates: tuple[tuple[int, int], ...] = attrs.field(
        default=(), converter=_tuple, validator=_candidates
    )

    def walk(self) -> Iterator[Node]:
        """This node and every node beneath it, parents first, in order."""
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen(kw_only=True)
class Counting:
    """The counting rule the tree was built under (:func:`electoral.results.counted_forms`).

    Attributes:
        include_quarantine: AUDIT forms were counted too.
        published_only: only ballots ``available_for_release`` were counted.
    """

    include_quarantine: bool = attrs.field(default=False, validator=v.boolean)
    published_only: bool = attrs.field(default=False, validator=v.boolean)

    @property
    def flags(self) -> int:
        """The rule as one byte: bit 0 quarantine, bit 1 published only."""
        return int(self.include_quarantine) | int(self.published_only) << 1


def _ballots(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple:
        raise InvalidType(field=attribute.name, value=value)
    for node in value:
        if not isinstance(node, Node) or node.level is not Level.BALLOT:
            raise InvalidType(field=attribute.name, value=node)


@attrs.frozen(kw_only=True)
class Manifest:
    """What is published beside the per-form file: the roots and every node above the forms.

    Attributes:
        schema_version: :data:`SCHEMA_VERSION`.
        election: the election's label, hashed into the root.
        counting: the counting rule, hashed into the root.
        root: the election's root hash, in hexadecimal.
        subtotals: the election's subtotals (``votes`` has one count: all votes).
        ballots: one tree per ballot, ordered by ballot number.
    """

    election: str = attrs.field(validator=_label)
    counting: Counting = attrs.field(validator=v.instance(Counting))
    root: str = attrs.field(validator=_hash)
    subtotals: Subtotals = attrs.field(validator=v.instance(Subtotals))
    ballots: tuple[Node, ...] = attrs.field(converter=_tuple, validator=_ballots)
    schema_version: int = attrs.field(default=SCHEMA_VERSION, validator=v.integer(1, 1))

    def ballot(self, number: int) -> Node | None:
        """The tree of ballot ``number``, or ``None``."""
        return next((node for node in self.ballots if node.key == number), None)

    @property
    def max_candidates(self) -> int:
        """The most candidates on any ballot (the per-form file's vote columns)."""
        return max((len(node.candidates) for node in self.ballots), default=0)
