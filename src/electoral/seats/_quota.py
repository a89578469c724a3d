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
from itertools import chain, compress, repeat
from operator import add, eq, floordiv, ge, mod, mul, neg
from typing import Any, Literal

from electoral._guard import MAX_COUNT, guarded

from ._allocation import Allocation, finish, prepare
from ._common import OverAward, Tie, UnknownName, check_base, cut, plain_votes, rank_names
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


@guarded(own=("votes", "seats", "threshold", "threshold_base", "caps", "base"))
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
    if threshold is None and caps is None and type(votes) is dict and type(seats) is int:
        done = _one_pass(votes, seats, quota, threshold_base, lots)
        if done is not None:
            return done
    return _count(votes, seats, quota, threshold, threshold_base, caps, overaward, lots)


def _one_pass(
    votes: dict[str, int],
    house: int,
    quota: str,
    threshold_base: object,
    lots: TieBreaker | None,
) -> Allocation | None:
    """The usual count, or ``None`` when :func:`_count` must do it (from the start).

    The usual count: good votes in a dict, a house of 1 to ``MAX_COUNT`` seats, no
    threshold, no caps, some votes, and one pass that hands out fewer seats by
    remainder than there are lists with votes (no over-award, no list whose whole
    quotas fill the house). Anything else, bad input included, goes to :func:`_count`,
    which reports every problem with its code. The result equals :func:`_count`'s
    (tests/seats/test_quota_fast_path.py).
    """
    if not 0 < house <= MAX_COUNT:
        return None
    counted = dict(votes)
    # the quick form of check_votes: the types and names here, the range once sorted
    if not plain_votes(counted, 0, 0):
        return None
    ranked = sorted(counted)
    ranked.sort(key=counted.__getitem__, reverse=True)
    counts = list(map(counted.__getitem__, ranked))
    if not counts or counts[0] > MAX_COUNT or counts[-1] <= 0:
        # no votes, a count out of range, or lists without votes (left out of the
        # count, last in the ranking): the lists with votes only, or the full check
        if not counts or counts[0] > MAX_COUNT or counts[-1] < 0 or not counts[0]:
            return None
        voted = len(counts) - counts.count(0)
        names, counts = ranked[:voted], counts[:voted]
    else:
        names = ranked
    total = sum(counts)
    if threshold_base is not None:
        check_base(threshold_base, total)
    value = QUOTAS[quota](total, house)
    numerator, denominator = value.numerator, value.denominator
    # whole quotas and remainders, scaled by the quota's denominator to stay in ints
    scaled_counts = counts if denominator == 1 else list(map(mul, counts, repeat(denominator)))
    whole = list(map(floordiv, scaled_counts, repeat(numerator)))
    # the counts are in descending order, so the whole quotas are too: whole[0] is
    # the most; a list whose whole quotas fill the house is a pass of _count's
    spare = house - sum(whole)
    if whole[0] >= house or not 0 <= spare < len(names):
        return None
    scaled = list(map(mod, scaled_counts, repeat(numerator)))
    tie: Tie | None = None
    if not spare:
        totals = whole
    else:
        # the seats go to the lists whose remainder is above the spare-th largest;
        # those equal to it share what is left (a tie when they are more)
        ordered = sorted(scaled, reverse=True)
        boundary = ordered[spare - 1]
        if ordered[spare] == boundary:
            pairs = zip(whole, scaled, strict=True)
            totals = [seats + 1 if rest > boundary else seats for seats, rest in pairs]
            tie = Tie(
                candidates=list(compress(names, map(eq, scaled, repeat(boundary)))),
                seats=house - sum(totals),
                value=Fraction(boundary, denominator),
                stage="remainder",
            )
        else:
            pairs = zip(whole, scaled, strict=True)
            totals = [seats + 1 if rest >= boundary else seats for seats, rest in pairs]
    # more votes never win fewer seats here (more whole quotas, or as many and a
    # remainder at least as large), so totals[0] is the most seats, and the ranking
    # by votes is already the order of the seats (most seats, most votes, name)
    if totals[0] >= house:
        at_cap = tuple(map(ge, totals, repeat(house)))
        capped = tuple(sorted(compress(names, at_cap)))
    else:
        at_cap, capped = (False,) * len(names), ()
    # the lists without votes (last in the ranking) win 0; repeat() never ends
    won = dict(zip(ranked, chain(totals, repeat(0)), strict=False))
    return finish(
        method=quota,
        house=house,
        counted=counted,
        seats=won,
        tie=tie,
        lots=lots,
        excluded=(),
        capped=capped,
        quotas=(value,),
        row_kind="quota",
        recorded=(
            tuple(names),
            tuple(counts),
            (value,) * len(names),
            tuple(whole),
            tuple(totals),
            at_cap,
            (1,) * len(names),
        ),
        ordered=True,
    )


def _count(
    votes: Mapping[str, int],
    seats: int,
    quota: str,
    threshold: Fraction | None,
    threshold_base: int | None,
    caps: Mapping[str, int] | None,
    overaward: OverAwardPolicy,
    lots: TieBreaker | None,
) -> Allocation:
    """Every count of :func:`largest_remainder`, with its full checks."""
    quota_of = QUOTAS[quota]
    counted, house, eligible, excluded, caps_full = prepare(
        votes, seats, threshold, threshold_base, caps
    )
    by_rank = rank_names(counted)
    # the lists in the count, in ranking order, as parallel lists of names, votes, caps
    if caps is None and not excluded:
        # every list passed the threshold and may win a seat: only those without
        # votes (last in the ranking) leave the count
        names = by_rank.copy()
        counts = list(map(counted.__getitem__, names))
        del names[len(names) - counts.count(0) :], counts[len(counts) - counts.count(0) :]
    else:
        names = [name for name in by_rank if counted[name] > 0 and caps_full.get(name, 0) > 0]
        counts = list(map(counted.__getitem__, names))
    limits = [house] * len(names) if caps is None else list(map(caps_full.__getitem__, names))
    won: dict[str, int] = dict.fromkeys(eligible, 0)
    capped: list[str] = []
    quotas: list[Fraction] = []
    rows: list[tuple[Any, ...]] = []
    tie: Tie | None = None
    left = house
    pass_number = 0
    while names and left > 0:
        pass_number += 1
        value = quota_of(sum(counts), left)
        quotas.append(value)
        numerator, denominator = value.numerator, value.denominator
        # whole quotas and remainders, scaled by the quota's denominator to stay in ints
        # (C-level maps: count * denominator - whole * numerator is the modulo)
        scaled_counts = counts if denominator == 1 else list(map(mul, counts, repeat(denominator)))
        whole = list(map(floordiv, scaled_counts, repeat(numerator)))
        scaled = list(map(mod, scaled_counts, repeat(numerator)))
        if any(map(ge, whole, limits)):
            # every list whose whole quotas reach its cap keeps the cap and leaves;
            # the others share the seats left in a new pass with a new quota
            kept: list[int] = []
            for index, (name, count, seats, limit) in enumerate(
                zip(names, counts, whole, limits, strict=True)
            ):
                full = seats >= limit
                rows.append((name, count, value, limit if full else seats, 0, full, pass_number))
                if full:
                    won[name] = limit
                    left -= limit
                    capped.append(name)
                else:
                    kept.append(index)
            names = [names[index] for index in kept]
            counts = [counts[index] for index in kept]
            limits = [limits[index] for index in kept]
            continue
        extra = [0] * len(names)
        excess = sum(whole) - left
        if excess > 0:
            if overaward == "error":
                raise OverAward(field="seats", value=left, quota=str(value), awarded=sum(whole))
            # the lists with the smallest remainders each give one seat back
            position = {name: index for index, name in enumerate(names)}
            ranked = sorted(
                [
                    (rest, name)
                    for name, seats, rest in zip(names, whole, scaled, strict=True)
                    if seats > 0
                ]
            )
            inside, tied, boundary = cut(ranked, excess)
            for name in inside + tied:
                whole[position[name]] -= 1
            if tied:
                assert boundary is not None
                keep = len(tied) - (excess - len(inside))
                tie = Tie(
                    candidates=tied,
                    seats=keep,
                    value=Fraction(boundary, denominator),
                    stage="overaward",
                )
        elif (spare := left - sum(whole)) < len(names):
            # fewer seats left than lists (the usual case): the seats go to the lists
            # whose remainder is above the spare-th largest; those equal to it share
            # what is left (a tie when they are more than the seats). Same outcome as
            # ranking (-remainder, name) and cutting it (tests/seats/test_fast_paths.py)
            if spare:
                ordered = sorted(scaled, reverse=True)
                boundary = ordered[spare - 1]
                if ordered[spare] == boundary:
                    extra = [1 if rest > boundary else 0 for rest in scaled]
                    tied = list(compress(names, map(eq, scaled, repeat(boundary))))
                    tie = Tie(
                        candidates=tied,
                        seats=spare - sum(extra),
                        value=Fraction(boundary, denominator),
                        stage="remainder",
                    )
                else:
                    extra = [1 if rest >= boundary else 0 for rest in scaled]
        else:
            position = dict(zip(names, range(len(names)), strict=True))
            # no list is at its cap here (that ends the pass above), so all compete
            order = sorted(zip(map(neg, scaled), names, strict=True))
            while order and spare >= len(order):
                for _key, name in order:
                    extra[position[name]] += 1
                spare -= len(order)
                order = [
                    (key, name)
                    for key, name in order
                    if whole[position[name]] + extra[position[name]] < limits[position[name]]
                ]
            inside, tied, boundary = cut(order, spare)
            for name in inside:
                extra[position[name]] += 1
            if tied:
                assert boundary is not None
                tie = Tie(
                    candidates=tied,
                    seats=spare - len(inside),
                    value=Fraction(-boundary, denominator),
                    stage="remainder",
                )
        totals = list(map(add, whole, extra))
        at_cap = list(map(ge, totals, limits))
        won.update(zip(names, totals, strict=True))
        # this pass's rows: (name, votes, quota, quota seats, remainder seats, capped,
        # pass); repeat() never ends, so zip stops with the lists
        rows.extend(zip(names, counts, repeat(value), whole, extra, at_cap, repeat(pass_number)))
        capped.extend(name for name in compress(names, at_cap) if name not in capped)
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
        row_kind="quota",
        # the rows as columns, quota and remainder seats added up (build_rows)
        recorded=_columns(rows),
        ranked=by_rank,
    )


def _columns(rows: list[tuple[Any, ...]]) -> tuple[tuple[Any, ...], ...]:
    """The quota rows as :func:`~._explanation.build_rows` takes them: seven columns."""
    if not rows:
        return ()
    names, counts, quotas, whole, extra, capped, passes = zip(*rows, strict=True)
    return names, counts, quotas, whole, tuple(map(add, whole, extra)), capped, passes
