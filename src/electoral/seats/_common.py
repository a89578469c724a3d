"""Shared pieces of the seats chapter: error codes, input checks, ties and cuts.

Every method in :mod:`electoral.seats` takes a plain ``{candidate_or_list: votes}``
mapping. This module checks it (whole non-negative numbers, non-blank string keys),
registers the chapter's error codes with their Arabic texts, and holds :class:`Tie`,
the value a method returns instead of breaking a tie silently (Law 4/2012 Art. 6 and
Law 12/2014 Art. 3 both decide ties by drawing lots, as reported at
https://www.idea.int/node/201041 and https://security-legislation.ly/node/31921).

>>> check_votes({"A": 3, "B": 0})
{'A': 3, 'B': 0}
>>> check_votes({"A": -1})
Traceback (most recent call last):
...
electoral.errors.ValidationErrors: 1 problem in votes (1 sub-exception)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from operator import itemgetter
from typing import Any, Literal, TypeVar

import attrs

from electoral._guard import MAX_COUNT, guarded, typed_fields
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidType,
    OutOfRange,
    ValidationError,
    _show,
)

__all__ = [
    "OverAward",
    "Tie",
    "TieStage",
    "UnknownName",
    "check_caps",
    "check_count",
    "check_threshold",
    "check_votes",
    "cut",
    "plain_votes",
    "rank_names",
    "rank_votes",
]


class UnknownName(ValidationError):
    """A method, quota, divisor or policy name that the registry does not know."""

    default_code = "seats.unknown_name"


class OverAward(ValidationError):
    """A quota awarded more seats than there are, and the policy is ``"error"``."""

    default_code = "seats.overaward"


TieStage = Literal["plurality", "quotient", "remainder", "overaward", "block", "runoff"]


def _sorted_names(names: object) -> tuple[str, ...]:
    if not isinstance(names, (Sequence, frozenset, set)) or isinstance(names, str):
        raise InvalidType("seats.candidate_type", field="candidates", value=names)
    for name in names:
        if not isinstance(name, str):
            raise InvalidType("seats.candidate_type", field="candidates", value=name)
    return tuple(sorted(names))


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Tie:
    """Candidates tied for fewer places than they are (a value, never broken silently).

    Attributes:
        candidates: the tied candidates or lists, sorted by identifier.
        seats: how many of the places at stake they share (fewer than ``candidates``).
        value: the tied figure: votes, a quotient or a remainder.
        stage: where the tie arose (``"plurality"``, ``"quotient"``, ``"remainder"``,
            ``"overaward"``, ``"block"``, ``"runoff"``).

    >>> Tie(candidates=("B", "A", "C"), seats=1, value=Fraction(7), stage="plurality")
    Tie(candidates=('A', 'B', 'C'), seats=1, value=Fraction(7, 1), stage='plurality')
    """

    candidates: tuple[str, ...] = attrs.field(converter=_sorted_names)
    seats: int = attrs.field()
    value: Fraction = attrs.field()
    stage: TieStage = attrs.field()

    @seats.validator
    def _check_seats(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if type(value) is not int or not 0 < value < len(self.candidates):
            raise InconsistentValue(
                "seats.tie_seats", field="seats", value=value, candidates=len(self.candidates)
            )


def _count_error(field: str, value: object) -> ValidationError:
    if not isinstance(value, int) or isinstance(value, bool):
        return InvalidType("seats.count_type", field=field, value=value)
    if value > MAX_COUNT:
        return OutOfRange("range.ceiling", field=field, value=value, maximum=MAX_COUNT)
    return OutOfRange("seats.count_negative", field=field, value=value, min_value=0, max_value="∞")


def check_count(value: object, field: str = "seats") -> int:
    """Return ``value`` if it is a non-negative ``int`` (``bool`` refused).

    Args:
        value: the number of seats (or any count) given.
        field: the argument name for the error.

    Returns:
        The count.

    Raises:
        InvalidType: ``seats.count_type`` for a float, a bool, a string...
        OutOfRange: ``seats.count_negative`` below zero.

    >>> check_count(3)
    3
    >>> check_count(True)
    Traceback (most recent call last):
    ...
    electoral.errors.InvalidType: True must be a whole number.
    """
    if type(value) is int and 0 <= value <= MAX_COUNT:
        return value
    raise _count_error(field, value)


@guarded
def check_votes(votes: object, field: str = "votes") -> dict[str, int]:
    """Check a ``{candidate: votes}`` mapping and return it as a plain dict.

    Candidates are non-blank strings; votes are ``int`` (never ``bool`` or ``float``),
    never negative and at most :data:`~electoral.model.MAX_COUNT` (``range.ceiling``).
    Every problem is reported at once.

    Args:
        votes: the mapping to check.
        field: the argument name used in the errors.

    Returns:
        A new dict with the same items.

    Raises:
        ValidationErrors: codes ``seats.mapping_type``, ``seats.candidate_type``,
            ``seats.votes_type``, ``seats.votes_negative``.

    >>> check_votes({"A": 1.5}).values()
    Traceback (most recent call last):
    ...
    electoral.errors.ValidationErrors: 1 problem in votes (1 sub-exception)
    """
    if type(votes) is dict or isinstance(votes, Mapping):
        result = dict(votes)
        if plain_votes(result):
            return result
    collector = ErrorCollector(field)
    if not isinstance(votes, Mapping):
        collector.add(InvalidType("seats.mapping_type", field=field, value=votes))
        collector.raise_if_any()
        raise AssertionError("unreachable")  # pragma: no cover
    result = {}
    for candidate, count in votes.items():
        where = f"$.{field}[{_show(candidate)}]"
        if not isinstance(candidate, str) or not candidate.strip():
            collector.add(InvalidType("seats.candidate_type", field=field, value=candidate), where)
            continue
        if type(count) is not int:
            collector.add(
                InvalidType("seats.votes_type", field=field, value=count, candidate=candidate),
                where,
            )
        elif count > MAX_COUNT:
            collector.add(
                OutOfRange("range.ceiling", field=field, value=count, maximum=MAX_COUNT), where
            )
        elif count < 0:
            collector.add(
                OutOfRange(
                    "seats.votes_negative",
                    field=field,
                    value=count,
                    candidate=candidate,
                    min_value=0,
                    max_value="∞",
                ),
                where,
            )
        else:
            result[candidate] = count
    collector.raise_if_any()
    return result


def check_threshold(threshold: object, field: str = "threshold") -> Fraction:
    """Return a legal threshold as a :class:`~fractions.Fraction` in ``[0, 1]``.

    Args:
        threshold: ``Fraction(5, 100)`` for 5 %, or the ints 0 and 1.
        field: the argument name for the error.

    Returns:
        The threshold.

    Raises:
        InvalidType: ``seats.threshold_type`` for a float, bool or string.
        OutOfRange: ``seats.threshold_range`` below 0 or above 100 %.

    >>> check_threshold(Fraction(5, 100))
    Fraction(1, 20)
    >>> check_threshold(Fraction(101, 100))
    Traceback (most recent call last):
    ...
    electoral.errors.OutOfRange: The threshold Fraction(101, 100) must lie between 0 and 100%.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, (int, Fraction)):
        raise InvalidType("seats.threshold_type", field=field, value=threshold)
    value = Fraction(threshold)
    if value.denominator > MAX_COUNT:
        raise OutOfRange("range.ceiling", field=field, value=threshold, maximum=MAX_COUNT)
    if not 0 <= value <= 1:
        raise OutOfRange(
            "seats.threshold_range", field=field, value=threshold, min_value=0, max_value=1
        )
    return value


def check_base(base: object, total: int, field: str = "threshold_base") -> int:
    """Return the base of a threshold or majority: ``total`` if ``None``.

    Raises:
        InvalidType: ``seats.count_type``.
        InconsistentValue: ``seats.base_too_small`` if below the votes counted.

    >>> check_base(None, 10), check_base(12, 10)
    (10, 12)
    """
    if base is None:
        return total
    value = check_count(base, field)
    if value < total:
        raise InconsistentValue("seats.base_too_small", field=field, value=value, total=total)
    return value


def check_caps(caps: object, votes: Mapping[str, int], field: str = "caps") -> dict[str, int]:
    """Check the per-list seat caps (a list wins no more seats than it has candidates).

    Raises:
        ValidationErrors: ``seats.unknown_candidate`` for a cap on an unknown list,
            ``seats.count_type`` / ``seats.count_negative`` for a bad cap.

    >>> check_caps({"A": 2}, {"A": 10, "B": 5})
    {'A': 2}
    """
    if caps is None:
        return {}
    collector = ErrorCollector(field)
    if not isinstance(caps, Mapping):
        collector.add(InvalidType("seats.mapping_type", field=field, value=caps))
        collector.raise_if_any()
    result: dict[str, int] = {}
    assert isinstance(caps, Mapping)
    for name, cap in caps.items():
        with collector.at(f"$.{field}[{_show(name)}]"):
            if name not in votes:
                raise InconsistentValue("seats.unknown_candidate", field=field, value=name)
            result[name] = check_count(cap, field)
    collector.raise_if_any()
    return result


_SECOND = itemgetter(1)


def plain_votes(
    votes: Mapping[Any, Any], smallest: int | None = None, largest: int | None = None
) -> bool:
    """Whether ``votes`` needs no report, checked in C-level passes (no Python loop).

    Every count an ``int`` (not a ``bool``), never negative and at most
    :data:`~electoral.model.MAX_COUNT`, every name a ``str`` with something besides
    white space. ``smallest`` and ``largest`` are the smallest and largest counts when
    the caller knows them already (they are then not looked for again).

    >>> plain_votes({"A": 3, "B": 0}), plain_votes({"A": True}), plain_votes({" ": 1})
    (True, False, False)
    """
    values = votes.values()
    if list(map(type, values)).count(int) != len(votes):
        return False
    if (min(values, default=0) if smallest is None else smallest) < 0:
        return False
    if (max(values, default=0) if largest is None else largest) > MAX_COUNT:
        return False
    try:  # str.strip refuses anything but a str, so this checks the names' type too
        return all(map(str.strip, votes))
    except TypeError:
        return False


def rank_names(votes: Mapping[str, int]) -> list[str]:
    """The names of :func:`rank_votes`, most votes first, then by name: two C-level sorts.

    Sorting the names alone (then stably by their votes, a C-level key) compares
    strings and ints instead of pairs, and builds no pair.

    >>> rank_names({"B": 5, "C": 9, "A": 5})
    ['C', 'A', 'B']
    """
    names = sorted(votes)
    names.sort(key=votes.__getitem__, reverse=True)
    return names


def rank_votes(votes: Mapping[str, int]) -> list[tuple[str, int]]:
    """``(name, votes)`` pairs, most votes first, then by name: two C-level sorts.

    The first sort orders by name (names are unique, so votes are never compared);
    the second, by votes descending, is stable, so equal votes stay in name order.
    The result equals ``sorted(votes.items(), key=lambda item: (-item[1], item[0]))``.

    >>> rank_votes({"B": 5, "C": 9, "A": 5})
    [('C', 9), ('A', 5), ('B', 5)]
    """
    ranking = sorted(votes.items())
    ranking.sort(key=_SECOND, reverse=True)
    return ranking


_T = TypeVar("_T")


def cut(ranked: Sequence[tuple[_T, str]], places: int) -> tuple[list[str], list[str], _T | None]:
    """Split a ranking (best first, by a key) at ``places``: winners and a boundary tie.

    ``ranked`` holds ``(key, name)`` pairs sorted best first; equal keys are tied.
    Returns the names that are certainly in, the names tied at the boundary (empty
    when there is no tie), and the boundary key.

    >>> cut([(3, "A"), (2, "B"), (2, "C"), (1, "D")], 2)
    (['A'], ['B', 'C'], 2)
    >>> cut([(3, "A"), (2, "B"), (1, "C")], 2)
    (['A', 'B'], [], 2)
    """
    if places <= 0 or not ranked:
        return [], [], None
    if places >= len(ranked):
        return [name for _key, name in ranked], [], ranked[-1][0]
    boundary = ranked[places - 1][0]
    if ranked[places][0] != boundary:
        return [name for _key, name in ranked[:places]], [], boundary
    first = places - 1
    while first > 0 and ranked[first - 1][0] == boundary:
        first -= 1
    last = places
    while last < len(ranked) and ranked[last][0] == boundary:
        last += 1
    return (
        [name for _key, name in ranked[:first]],
        [name for _k, name in ranked[first:last]],
        boundary,
    )
