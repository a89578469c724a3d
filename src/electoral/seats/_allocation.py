"""The result of a proportional allocation, shared by the quota and divisor methods.

An :class:`Allocation` carries the seats each list certainly won, the tie for the
last seat(s) if any, the seats no list could take (every list capped or without
votes), the lists excluded by the threshold, and the figures that explain the result:
the quota and remainders (:class:`QuotaRow`) or the quotients (:class:`DivisorRow`).

Invariant: ``sum(seats) + tie.seats + unfilled == house``.

>>> from electoral.seats import highest_averages
>>> result = highest_averages({"A": 100, "B": 80, "C": 30}, 4)
>>> result.seats, result.unfilled, result.tie
({'A': 2, 'B': 2, 'C': 0}, 0, None)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from fractions import Fraction
from itertools import repeat
from operator import itemgetter
from typing import Any

import attrs

from electoral._guard import MAX_COUNT, typed_fields
from electoral.errors import ErrorCollector

from ._common import (
    Tie,
    check_base,
    check_caps,
    check_count,
    check_threshold,
    check_votes,
    rank_votes,
)
from ._explanation import DivisorRow, QuotaRow, RowKind, build_rows
from ._ties import TieBreaker, TieResolution, resolve

__all__ = ["Allocation", "finish", "order_seats", "prepare"]


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Allocation:
    """The seats won by each list in one proportional count.

    Attributes:
        method: the method's registry name (``"dhondt"``, ``"hare"``...).
        house: the seats to fill.
        votes: the votes counted, as given.
        seats: the seats each list certainly won (every list, 0 included).
        tie: lists tied for the last seat(s), if any.
        resolution: how the tie was broken, when a drawing was given.
        unfilled: seats no list could take.
        excluded: the lists below the threshold.
        capped: the lists that reached their cap.
        quotas: the quota of each pass (largest remainder only).
        cutoff: the smallest winning quotient (highest averages only).

    The explanation, one row per list (per pass for largest remainder), is
    :attr:`rows`.
    """

    method: str
    house: int
    votes: Mapping[str, int]
    seats: Mapping[str, int]
    tie: Tie | None = None
    resolution: TieResolution | None = None
    unfilled: int = 0
    excluded: tuple[str, ...] = ()
    capped: tuple[str, ...] = ()
    quotas: tuple[Fraction, ...] = ()
    cutoff: Fraction | None = None
    _row_kind: RowKind | None = attrs.field(default=None, repr=False)
    _recorded: tuple[tuple[Any, ...], ...] = attrs.field(default=(), repr=False)

    @functools.cached_property
    def rows(self) -> tuple[QuotaRow | DivisorRow, ...]:
        """The explanation, one row per list (per pass for largest remainder).

        Built from the figures the count recorded when first read, so a count whose
        explanation nobody reads does not pay for the row objects.

        >>> from electoral.seats import largest_remainder
        >>> [(row.candidate, row.quota_seats, row.remainder_seats)
        ...  for row in largest_remainder({"A": 350, "B": 190, "C": 160}, 7).rows]
        [('A', 3, 0), ('B', 1, 1), ('C', 1, 1)]
        """
        return build_rows(self._row_kind, self._recorded)

    @property
    def final(self) -> dict[str, int]:
        """The seats after the tie's resolution (equal to :attr:`seats` without a tie).

        >>> from electoral.seats import DrawingOfLots, highest_averages
        >>> highest_averages({"A": 3, "B": 3}, 1, lots=DrawingOfLots(order=("B",))).final
        {'A': 0, 'B': 1}
        """
        result = dict(self.seats)
        if self.resolution is not None:
            for name in self.resolution.winners:
                result[name] += 1
        return result

    @property
    def allocated(self) -> int:
        """The seats certainly allocated (excluding the tie and unfilled seats)."""
        return sum(self.seats.values())


def prepare(
    votes: object,
    seats: object,
    threshold: object,
    threshold_base: object,
    caps: object,
) -> tuple[dict[str, int], int, dict[str, int], tuple[str, ...], dict[str, int]]:
    """Check the common arguments of a proportional method and apply the threshold.

    Returns the counted votes, the house size, the votes of the lists that passed the
    threshold (the counted votes themselves when there is no threshold: read them, never
    change them), the lists excluded by it, and the caps (defaulting to the house size).

    The threshold is inclusive: a list with exactly ``threshold * base`` votes passes.
    The base defaults to the sum of ``votes``; pass the valid votes of the election
    (or another figure the law names) as ``threshold_base``.

    >>> from fractions import Fraction
    >>> prepare({"A": 50, "B": 950}, 3, Fraction(5, 100), None, None)[2:4]
    ({'A': 50, 'B': 950}, ())
    >>> prepare({"A": 49, "B": 951}, 3, Fraction(5, 100), None, None)[2:4]
    ({'B': 951}, ('A',))
    """
    if type(seats) is int and 0 <= seats <= MAX_COUNT and threshold is None and caps is None:
        # the common case: nothing but the votes to check, no threshold, no caps
        counted = check_votes(votes)
        if threshold_base is not None:
            check_base(threshold_base, sum(counted.values()))
        return counted, seats, counted, (), dict.fromkeys(counted, seats)
    collector = ErrorCollector("allocation")
    counted = {}
    house = 0
    limit = Fraction(0)
    capped: dict[str, int] = {}
    with collector.at():
        counted = check_votes(votes)
    with collector.at():
        house = check_count(seats)
    with collector.at():
        if threshold is not None:
            limit = check_threshold(threshold)
    collector.raise_if_any()
    total = sum(counted.values())
    base = check_base(threshold_base, total)
    capped = check_caps(caps, counted)
    if limit:
        eligible = {
            name: count
            for name, count in counted.items()
            if count * limit.denominator >= limit.numerator * base
        }
        excluded = tuple(sorted(name for name in counted if name not in eligible))
    else:
        eligible, excluded = dict(counted), ()
    caps_full = dict.fromkeys(eligible, house)
    for name, cap in capped.items():
        if name in caps_full:
            caps_full[name] = min(cap, house)
    return counted, house, eligible, excluded, caps_full


_FIRST = itemgetter(0)
_SECOND = itemgetter(1)


def order_seats(
    votes: Mapping[str, int],
    seats: Mapping[str, int],
    ranking: list[tuple[str, int]] | None = None,
    ranked: list[str] | None = None,
) -> dict[str, int]:
    """``{list: seats}`` for every list, most seats first, then most votes, then name.

    ``seats`` names lists of ``votes`` only (the lists without seats may be left out).

    ``ranking`` is ``rank_votes(votes)`` (or ``ranked`` its names,
    ``rank_names(votes)``) when the caller has it already; a stable sort by seats
    (descending) of that ranking keeps equal seats in (-votes, name) order.

    >>> order_seats({"A": 5, "B": 9, "C": 5}, {"A": 1, "C": 1})
    {'A': 1, 'C': 1, 'B': 0}
    """
    if ranked is not None:
        names = ranked
    else:
        names = list(map(_FIRST, rank_votes(votes) if ranking is None else ranking))
    if len(seats) == len(names):  # every list has its seats (they are lists of votes)
        names = sorted(names, key=seats.__getitem__, reverse=True)
        return dict(zip(names, map(seats.__getitem__, names), strict=True))
    result = list(zip(names, map(seats.get, names, repeat(0)), strict=True))
    result.sort(key=_SECOND, reverse=True)
    return dict(result)


def finish(
    *,
    method: str,
    house: int,
    counted: dict[str, int],
    seats: Mapping[str, int],
    tie: Tie | None,
    lots: TieBreaker | None,
    excluded: tuple[str, ...],
    capped: tuple[str, ...],
    quotas: tuple[Fraction, ...] = (),
    cutoff: Fraction | None = None,
    row_kind: RowKind | None = None,
    recorded: tuple[tuple[Any, ...], ...] = (),
    ranking: list[tuple[str, int]] | None = None,
    ranked: list[str] | None = None,
    ordered: bool = False,
) -> Allocation:
    """Assemble an :class:`Allocation`, resolving the tie if a drawing was given.

    ``recorded`` holds the explanation rows as tuples (see
    :func:`~electoral.seats._explanation.build_rows`); ``ranking`` is
    ``rank_votes(counted)`` (``ranked`` its names) when the method has computed it
    already. ``ordered`` says that ``seats`` is a new dict naming every list of
    ``counted`` in the order of :func:`order_seats` already (it is kept as it is).
    """
    allocated = sum(seats.values())
    # Allocation(...) with its slots filled directly: the class has no converters,
    # validators or hooks (tests/seats/test_fast_paths.py), so the value is the same
    result = _new(Allocation)
    _METHOD(result, method)
    _HOUSE(result, house)
    _VOTES(result, counted)
    _SEATS(result, seats if ordered else order_seats(counted, seats, ranking, ranked))
    _TIE(result, tie)
    _RESOLUTION(result, resolve(tie, lots) if tie is not None and lots is not None else None)
    _UNFILLED(result, house - allocated - (tie.seats if tie else 0))
    _EXCLUDED(result, excluded)
    _CAPPED(result, capped)
    _QUOTAS(result, quotas)
    _CUTOFF(result, cutoff)
    _ROW_KIND(result, row_kind)
    _RECORDED(result, recorded)
    return result


_new = object.__new__
(
    _METHOD,
    _HOUSE,
    _VOTES,
    _SEATS,
    _TIE,
    _RESOLUTION,
    _UNFILLED,
    _EXCLUDED,
    _CAPPED,
    _QUOTAS,
    _CUTOFF,
    _ROW_KIND,
    _RECORDED,
) = (getattr(Allocation, field.name).__set__ for field in attrs.fields(Allocation))
