"""The figures that explain a proportional count: quota rows, divisor rows, divisors.

A leaf of the seats chapter: it imports nothing of the chapter, so the result type
(:mod:`electoral.seats._allocation`) and the two families of methods
(:mod:`._quota`, :mod:`._divisor`) all build on it without importing each other.

* :class:`QuotaRow`: one list in one pass of a largest-remainder count;
* :class:`DivisorRow`: one list in a highest-averages count;
* :class:`Divisor`: a divisor sequence (D'Hondt, Sainte-Laguë...), which a
  :class:`DivisorRow` needs to state its quotients.

The methods record each row as a plain tuple while they count and build the row
objects only when :attr:`Allocation.rows <electoral.seats.Allocation.rows>` is first
read (:func:`build_rows`): a count whose explanation nobody reads does not pay for it.

>>> rule = Divisor(name="dhondt", first=1, step=1, offset=1)
>>> DivisorRow(candidate="A", votes=90, seats=3, cap=10, divisor=rule).next_quotient
Fraction(45, 2)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from operator import sub
from typing import Any, Literal

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import InvalidFormat

__all__ = [
    "Divisor",
    "DivisorRow",
    "QuotaRow",
    "RowKind",
    "build_rows",
    "divisor_row",
    "quota_row",
]


def _positive(value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, Fraction)) or value <= 0:
        raise InvalidFormat("seats.divisor", field="divisor", value=value)
    return Fraction(value)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Divisor:
    """A divisor sequence ``d(0) = first``, ``d(j) = step * j + offset`` for ``j >= 1``.

    Attributes:
        name: the registry name.
        first: the first divisor (1 for D'Hondt and Sainte-Laguë, 7/5 for the
            modified Sainte-Laguë of Norway and, before 2018, Sweden).
        step: the growth of the divisors (1 for D'Hondt, 2 for Sainte-Laguë).
        offset: ``d(j) - step * j`` for ``j >= 1``.

    >>> Divisor(name="swedish_2018", first=Fraction(6, 5), step=2, offset=1).at(0)
    Fraction(6, 5)
    """

    name: str
    first: Fraction = attrs.field(converter=_positive)
    step: Fraction = attrs.field(converter=_positive)
    offset: Fraction = attrs.field(converter=_positive)

    def __attrs_post_init__(self) -> None:
        if self.first >= self.step + self.offset:
            raise InvalidFormat("seats.divisor", field="divisor", value=self.first)

    @guarded
    def at(self, order: int) -> Fraction:
        """The divisor for a list that already has ``order`` seats."""
        return self.first if order == 0 else self.step * order + self.offset

    @guarded
    def count_at_least(self, ratio: Fraction) -> int:
        """How many divisors are ``<= ratio`` (the seats whose quotient is ``>= lambda``
        when ``ratio = votes / lambda``)."""
        if ratio < self.first:
            return 0
        return 1 + max(0, math.floor((ratio - self.offset) / self.step))


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

    The row classes have no converters or ``on_setattr`` hooks, and no validator but the
    annotation check, which the counts' checked figures always pass (checked by
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


RowKind = Literal["quota", "divisor"]
"""Which row class a count's recorded rows stand for."""


def build_rows(
    kind: RowKind | None, recorded: Sequence[Sequence[Any]]
) -> tuple[QuotaRow | DivisorRow, ...]:
    """The row objects of a count from the tuples it recorded.

    ``"divisor"`` rows are recorded row by row, ``(candidate, votes, seats, cap,
    divisor)``; ``"quota"`` rows column by column, seven sequences with one item per
    row: ``(candidates, votes, quotas, quota_seats, seats, capped, pass_numbers)``,
    where ``seats`` is each row's quota seats plus remainder seats (a count builds
    its columns in C-level passes, and no row tuple is made until the rows are read),
    or ``()`` for no row.

    >>> build_rows("quota", [("A",), (10,), (Fraction(3),), (3,), (4,), (False,), (1,)])[0]
    QuotaRow(candidate='A', votes=10, quota=Fraction(3, 1), quota_seats=3, \
remainder_seats=1, capped=False, pass_number=1)
    """
    if kind == "quota":
        if not recorded:
            return ()
        names, votes, quotas, whole, seats, capped, passes = recorded
        return tuple(
            map(quota_row, names, votes, quotas, whole, map(sub, seats, whole), capped, passes)
        )
    if kind == "divisor":
        return tuple([divisor_row(*row) for row in recorded])
    return ()
