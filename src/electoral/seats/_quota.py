"""Largest-remainder (quota) methods: Hare, rounded Hare, Droop, Hagenbach-Bischoff,
Imperiali.

Each list wins one seat per whole quota in its votes; the seats left go one each to
the lists with the largest remainders (the votes left over).

============================  =======================================
quota                         value (``V`` votes, ``S`` seats)
============================  =======================================
``hare``                      ``V / S`` (exact)
``hare_rounded``              ``V / S`` rounded to a whole number, halves up (at least 1)
``droop``                     ``floor(V / (S + 1)) + 1``
``hagenbach_bischoff``        ``V / (S + 1)`` (exact)
``imperiali``                 ``V / (S + 2)`` (exact)
============================  =======================================

Legal source: the 2012 list seats (Law 4/2012 Art. 7) are reported as "Hare quota with
largest remainders" (M. S. Shugart, reading a translated draft,
https://fruitsandvotes.wordpress.com/2012/07/08/libyas-electoral-system/); whether the
quota is exact or rounded is not confirmed (the allocation article's text was not
found), hence both.

**Caps.** A list cannot win more seats than it has candidates. When a list's whole
quotas reach its cap it keeps the cap and leaves the count; the other lists share the
remaining seats in a new pass with a new quota. (votelib's ``LargestRemainder``
ignores caps and its ``QuotaDistributor`` mis-counts them: reproduced with votelib
0.4.0, simberaj/votelib at commit ``94af16c``.)

**More seats left than lists.** When the seats left after the whole quotas outnumber
the lists still in the count (tiny vote totals with the Droop quota, or caps), the
remainder round is repeated in the same order until the seats run out (votelib leaves
those seats unallocated).

**Over-award.** A low quota (Imperiali, rounded Hare, exact Hagenbach-Bischoff) can
give more whole quotas than seats. ``overaward="subtract"`` (default) takes one seat
each from the lists with the smallest remainders; ``"error"`` raises
:class:`~electoral.seats.OverAward`.

>>> largest_remainder({"A": 47_000, "B": 16_000, "C": 15_800, "D": 12_000,
...                    "E": 6_100, "F": 3_100}, 10).seats
{'A': 5, 'B': 2, 'C': 1, 'D': 1, 'E': 1, 'F': 0}
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Literal

from ._allocation import Allocation, QuotaRow, finish, prepare, quota_row
from ._common import OverAward, Tie, UnknownName, cut, rank_votes
from ._ties import TieBreaker

__all__ = ["QUOTAS", "OverAwardPolicy", "largest_remainder"]

OverAwardPolicy = Literal["subtract", "error"]


def _round_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


QUOTAS: dict[str, Callable[[int, int], Fraction]] = {
    "hare": lambda votes, seats: Fraction(votes, seats),
    "hare_rounded": lambda votes, seats: Fraction(max(1, _round_half_up(Fraction(votes, seats)))),
    "droop": lambda votes, seats: Fraction(votes // (seats + 1) + 1),
    "hagenbach_bischoff": lambda votes, seats: Fraction(votes, seats + 1),
    "imperiali": lambda votes, seats: Fraction(votes, seats + 2),
}
"""The quota functions by name, each ``(votes, seats) -> quota``."""


def largest_remainder(
    votes: Mapping[str, int],
    seats: int,
    *,
    quota: str = "hare",
    threshold: Fraction | None = None,
    threshold_base: int | None = None,
    caps: Mapping[str, int] | None = None,
    overaward: OverAwardPolicy = "subtract",
    lots: TieBreaker | None = None,
) -> Allocation:
    """Allocate ``seats`` among lists by whole quotas and largest remainders.

    Args:
        votes: ``{list: votes}``.
        seats: the seats to fill.
        quota: ``"hare"`` (default), ``"hare_rounded"``, ``"droop"``,
            ``"hagenbach_bischoff"`` or ``"imperiali"``.
        threshold: the legal threshold as a fraction of ``threshold_base`` (inclusive).
        threshold_base: the votes the threshold is measured against; default the sum
            of ``votes``.
        caps: the most seats each list may win (its number of candidates).
        overaward: ``"subtract"`` (default) or ``"error"``.
        lots: the drawing that breaks a tie between equal remainders.

    Returns:
        An :class:`~electoral.seats.Allocation` with the quota of each pass and one
        :class:`QuotaRow` per list and pass.

    Raises:
        ValidationErrors: bad votes or arguments.
        UnknownName: ``seats.unknown_name`` for an unknown quota or policy.
        OverAward: ``seats.overaward`` when the policy is ``"error"``.

    Worked example (Hare, 7 seats, 700 votes, quota 100): A 350, B 190, C 160
    fill 3, 1 and 1 quotas (remainders 50, 90, 60); B and C win the 2 seats left.

    >>> largest_remainder({"A": 350, "B": 190, "C": 160}, 7).seats
    {'A': 3, 'B': 2, 'C': 2}
    """
    if quota not in QUOTAS:
        raise UnknownName(field="quota", value=quota, choices=", ".join(QUOTAS))
    if overaward not in ("subtract", "error"):
        raise UnknownName(field="overaward", value=overaward, choices="subtract, error")
    quota_of = QUOTAS[quota]
    counted, house, eligible, excluded, caps_full = prepare(
        votes, seats, threshold, threshold_base, caps
    )
    active = {name: count for name, count in eligible.items() if count > 0 and caps_full[name] > 0}
    ranking = rank_votes(counted)
    won: dict[str, int] = dict.fromkeys(eligible, 0)
    capped: list[str] = []
    quotas: list[Fraction] = []
    rows: list[QuotaRow] = []
    tie: Tie | None = None
    left = house
    pass_number = 0
    while active and left > 0:
        pass_number += 1
        value = quota_of(sum(active.values()), left)
        quotas.append(value)
        numerator, denominator = value.numerator, value.denominator
        ordered = [(name, count) for name, count in ranking if name in active]
        # whole quotas and remainders, scaled by the quota's denominator to stay in ints
        whole = {name: active[name] * denominator // numerator for name in active}
        scaled = {name: active[name] * denominator - whole[name] * numerator for name in active}
        reached = [name for name in active if whole[name] >= caps_full[name]]
        if reached:
            for name, count in ordered:
                full = name in reached
                rows.append(
                    quota_row(
                        name,
                        count,
                        value,
                        caps_full[name] if full else whole[name],
                        0,
                        full,
                        pass_number,
                    )
                )
            for name in reached:
                won[name] = caps_full[name]
                left -= caps_full[name]
                capped.append(name)
                del active[name]
            continue
        extra = dict.fromkeys(active, 0)
        excess = sum(whole.values()) - left
        if excess > 0:
            if overaward == "error":
                raise OverAward(
                    field="seats", value=left, quota=str(value), awarded=sum(whole.values())
                )
            # the lists with the smallest remainders each give one seat back
            ranked = sorted((scaled[name], name) for name in active if whole[name] > 0)
            inside, tied, boundary = cut(ranked, excess)
            for name in inside + tied:
                whole[name] -= 1
            if tied:
                assert boundary is not None
                keep = len(tied) - (excess - len(inside))
                tie = Tie(
                    candidates=tied,
                    seats=keep,
                    value=Fraction(boundary, denominator),
                    stage="overaward",
                )
        else:
            spare = left - sum(whole.values())
            order = sorted(
                (-scaled[name], name) for name in active if whole[name] < caps_full[name]
            )
            while order and spare >= len(order):
                for _key, name in order:
                    extra[name] += 1
                spare -= len(order)
                order = [
                    (key, name)
                    for key, name in order
                    if whole[name] + extra[name] < caps_full[name]
                ]
            inside, tied, boundary = cut(order, spare)
            for name in inside:
                extra[name] += 1
            if tied:
                assert boundary is not None
                tie = Tie(
                    candidates=tied,
                    seats=spare - len(inside),
                    value=Fraction(-boundary, denominator),
                    stage="remainder",
                )
        for name, count in ordered:
            quota_seats = whole[name]
            remainder_seats = extra[name]
            won[name] = seats_won = quota_seats + remainder_seats
            full = seats_won >= caps_full[name]
            rows.append(
                quota_row(name, count, value, quota_seats, remainder_seats, full, pass_number)
            )
            if full and name not in capped:
                capped.append(name)
        break
    return finish(
        method=quota,
        house=house,
        counted=counted,
        seats=won,
        tie=tie,
        lots=lots,
        excluded=excluded,
        capped=tuple(sorted(capped)),
        quotas=tuple(quotas),
        rows=tuple(rows),
        ranking=ranking,
    )
