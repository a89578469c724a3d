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

from collections.abc import Callable, Mapping
from fractions import Fraction
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import attrs

from electoral._guard import typed_fields
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
from ._ties import TieBreaker, TieResolution

if TYPE_CHECKING:
    from ._divisor import Divisor

__all__ = ["Allocation", "DivisorRow", "QuotaRow", "divisor_row", "prepare", "quota_row"]


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class QuotaRow:
    """One list in one pass of a largest-remainder count.

    Attributes:
        candidate: the list.
        votes: its votes.
        quota: the quota of the pass.
        quota_seats: the whole quotas it filled, ``floor(votes / quota)`` (capped).
        remainder_seats: the seats it won by remainder in this pass.
        capped: whether it reached its cap in this pass and left the count.
        pass_number: 1 for the first pass; a new pass starts when a list is capped.
    """

    candidate: str
    votes: int
    quota: Fraction
    quota_seats: int
    remainder_seats: int
    capped: bool
    pass_number: int

    @property
    def remainder(self) -> Fraction:
        """The votes left over, ``votes - quota_seats * quota``."""
        return self.votes - self.quota_seats * self.quota


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class DivisorRow:
    """One list in a highest-averages count.

    Attributes:
        candidate: the list.
        votes: its votes.
        seats: the seats it certainly won.
        cap: the most seats it may win.
        divisor: the divisor sequence used.
    """

    candidate: str
    votes: int
    seats: int
    cap: int
    divisor: Divisor

    @property
    def last_quotient(self) -> Fraction | None:
        """The quotient that won its last seat (``None`` with no seat)."""
        return Fraction(self.votes) / self.divisor.at(self.seats - 1) if self.seats else None

    @property
    def next_quotient(self) -> Fraction | None:
        """The quotient that would win its next seat (``None`` once capped)."""
        if self.seats >= self.cap:
            return None
        return Fraction(self.votes) / self.divisor.at(self.seats)


_new = object.__new__


def _setters(cls: type) -> tuple[Callable[[object, Any], None], ...]:
    """The slot setters of a frozen attrs class's fields, in field order."""
    return tuple(getattr(cls, field.name).__set__ for field in attrs.fields(cls))


_Q_CANDIDATE, _Q_VOTES, _Q_QUOTA, _Q_QUOTA_SEATS, _Q_REMAINDER_SEATS, _Q_CAPPED, _Q_PASS = (
    _setters(QuotaRow)
)
_D_CANDIDATE, _D_VOTES, _D_SEATS, _D_CAP, _D_DIVISOR = _setters(DivisorRow)


def quota_row(
    candidate: str,
    votes: int,
    quota: Fraction,
    quota_seats: int,
    remainder_seats: int,
    capped: bool,
    pass_number: int,
) -> QuotaRow:
    """``QuotaRow(candidate=..., ...)`` at half the cost: fill the slots directly.

    The row classes have no converters, validators or ``on_setattr`` hooks (checked by
    ``tests/seats/test_fast_paths.py``), so the value is the one ``__init__`` builds.
    """
    row = _new(QuotaRow)
    _Q_CANDIDATE(row, candidate)
    _Q_VOTES(row, votes)
    _Q_QUOTA(row, quota)
    _Q_QUOTA_SEATS(row, quota_seats)
    _Q_REMAINDER_SEATS(row, remainder_seats)
    _Q_CAPPED(row, capped)
    _Q_PASS(row, pass_number)
    return row


def divisor_row(candidate: str, votes: int, seats: int, cap: int, divisor: Divisor) -> DivisorRow:
    """``DivisorRow(candidate=..., ...)`` at half the cost (see :func:`quota_row`)."""
    row = _new(DivisorRow)
    _D_CANDIDATE(row, candidate)
    _D_VOTES(row, votes)
    _D_SEATS(row, seats)
    _D_CAP(row, cap)
    _D_DIVISOR(row, divisor)
    return row


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
        rows: the explanation, one row per list (per pass for largest remainder).
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
    rows: tuple[QuotaRow | DivisorRow, ...] = ()

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
    threshold, the lists excluded by it, and the caps (defaulting to the house size).

    The threshold is inclusive: a list with exactly ``threshold * base`` votes passes.
    The base defaults to the sum of ``votes``; pass the valid votes of the election
    (or another figure the law names) as ``threshold_base``.

    >>> from fractions import Fraction
    >>> prepare({"A": 50, "B": 950}, 3, Fraction(5, 100), None, None)[2:4]
    ({'A': 50, 'B': 950}, ())
    >>> prepare({"A": 49, "B": 951}, 3, Fraction(5, 100), None, None)[2:4]
    ({'B': 951}, ('A',))
    """
    collector = ErrorCollector("allocation")
    counted: dict[str, int] = {}
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


_SECOND = itemgetter(1)


def order_seats(
    votes: Mapping[str, int],
    seats: Mapping[str, int],
    ranking: list[tuple[str, int]] | None = None,
) -> dict[str, int]:
    """``{list: seats}`` for every list, most seats first, then most votes, then name.

    ``ranking`` is ``rank_votes(votes)`` when the caller has it already; a stable sort
    by seats (descending) of that ranking keeps equal seats in (-votes, name) order.

    >>> order_seats({"A": 5, "B": 9, "C": 5}, {"A": 1, "C": 1})
    {'A': 1, 'C': 1, 'B': 0}
    """
    if ranking is None:
        ranking = rank_votes(votes)
    get = seats.get
    result = [(name, get(name, 0)) for name, _count in ranking]
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
    rows: tuple[QuotaRow | DivisorRow, ...] = (),
    ranking: list[tuple[str, int]] | None = None,
) -> Allocation:
    """Assemble an :class:`Allocation`, resolving the tie if a drawing was given.

    ``ranking`` is ``rank_votes(counted)`` when the method has computed it already.
    """
    from ._ties import resolve

    allocated = sum(seats.values())
    unfilled = house - allocated - (tie.seats if tie else 0)
    return Allocation(
        method=method,
        house=house,
        votes=counted,
        seats=order_seats(counted, seats, ranking),
        tie=tie,
        resolution=resolve(tie, lots) if tie is not None and lots is not None else None,
        unfilled=unfilled,
        excluded=excluded,
        capped=capped,
        quotas=quotas,
        cutoff=cutoff,
        rows=rows,
    )
