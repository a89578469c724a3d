"""Highest-averages (divisor) methods: D'Hondt, Sainte-Laguë, modified Sainte-Laguë.

Each list's votes are divided by the divisors ``d(0) < d(1) < ...``; the ``S`` largest
quotients win the ``S`` seats. With ``n`` seats already, a list's next quotient is
``votes / d(n)``.

=========================  ==============================
method                     divisors
=========================  ==============================
``dhondt``                 1, 2, 3, 4, ...
``sainte_lague``           1, 3, 5, 7, ...
``modified_sainte_lague``  1.4, 3, 5, 7, ...
=========================  ==============================

No Libyan law in force names a divisor method: the 2023 HoR law's formula for its
152 list seats is not in the published summaries of the law (Libya Observer's, of the
Official Gazette). These methods are here so that the formula can be chosen as data.

A cap (a list cannot win more seats than it has candidates) simply ends that list's
sequence of quotients, which is the same as skipping a full list in the sequential
count. A tie between equal quotients at the last seat is returned as a
:class:`~electoral.seats.Tie`. The count is exact (``int`` votes, ``Fraction``
quotients) and fast: it first gives each list the seats its quotients certainly win
above ``votes_total / seats`` (proved below), then takes the rest from a heap.

>>> highest_averages({"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}, 8).seats
{'A': 4, 'B': 3, 'C': 1, 'D': 0}
>>> highest_averages({"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}, 8,
...                  divisor="sainte_lague").seats
{'A': 3, 'B': 3, 'C': 1, 'D': 1}
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction

from ._allocation import Allocation, finish, prepare
from ._common import Tie, UnknownName, rank_votes
from ._explanation import Divisor
from ._ties import TieBreaker

__all__ = ["DIVISORS", "Divisor", "highest_averages"]


DIVISORS: dict[str, Divisor] = {
    divisor.name: divisor
    for divisor in (
        Divisor(name="dhondt", first=Fraction(1), step=Fraction(1), offset=Fraction(1)),
        Divisor(name="sainte_lague", first=Fraction(1), step=Fraction(2), offset=Fraction(1)),
        Divisor(
            name="modified_sainte_lague",
            first=Fraction(7, 5),
            step=Fraction(2),
            offset=Fraction(1),
        ),
    )
}
"""The divisor methods by name."""


def _scaled_integers(rule: Divisor) -> tuple[int, int, int, int]:
    """``(D, N(0), step * D, offset * D)``: the divisors scaled to integers by ``D``."""
    scale = math.lcm(rule.first.denominator, rule.step.denominator, rule.offset.denominator)
    return scale, int(rule.first * scale), int(rule.step * scale), int(rule.offset * scale)


_REGISTERED = {name: (rule, _scaled_integers(rule)) for name, rule in DIVISORS.items()}


def _integers(rule: Divisor) -> tuple[int, int, int, int]:
    """:func:`_scaled_integers`, precomputed for the registered divisors."""
    registered = _REGISTERED.get(rule.name)
    if registered is not None and registered[0] is rule:
        return registered[1]
    return _scaled_integers(rule)


def _divisor(divisor: object) -> Divisor:
    if isinstance(divisor, Divisor):
        return divisor
    if isinstance(divisor, str) and divisor in DIVISORS:
        return DIVISORS[divisor]
    raise UnknownName(field="divisor", value=divisor, choices=", ".join(DIVISORS))


def highest_averages(
    votes: Mapping[str, int],
    seats: int,
    *,
    divisor: str | Divisor = "dhondt",
    threshold: Fraction | None = None,
    threshold_base: int | None = None,
    caps: Mapping[str, int] | None = None,
    lots: TieBreaker | None = None,
) -> Allocation:
    """Allocate ``seats`` among lists by a divisor method.

    Args:
        votes: ``{list: votes}``.
        seats: the seats to fill.
        divisor: ``"dhondt"`` (default), ``"sainte_lague"``, ``"modified_sainte_lague"``,
            or a :class:`Divisor`.
        threshold: the legal threshold as a fraction of ``threshold_base``
            (inclusive: a list with exactly the threshold passes).
        threshold_base: the votes the threshold is measured against; default the
            sum of ``votes``.
        caps: the most seats each list may win (its number of candidates).
        lots: the drawing that breaks a tie for the last seat(s).

    Returns:
        An :class:`~electoral.seats.Allocation` with one :class:`DivisorRow` per list
        that passed the threshold and has votes, and the ``cutoff`` quotient.

    Raises:
        ValidationErrors: bad votes or arguments (see :func:`check_votes`).
        UnknownName: ``seats.unknown_name`` for an unknown divisor.

    Worked example (D'Hondt, 4 seats; quotients A 60, 30, 20; B 40, 20; C 20): 60,
    40 and 30 win; the fourth seat is tied between three quotients of 20.

    >>> result = highest_averages({"A": 60, "B": 40, "C": 20}, 4)
    >>> result.seats, result.tie.candidates, result.tie.seats, result.tie.value
    ({'A': 2, 'B': 1, 'C': 0}, ('A', 'B', 'C'), 1, Fraction(20, 1))
    """
    rule = _divisor(divisor)
    counted, house, eligible, excluded, caps_full = prepare(
        votes, seats, threshold, threshold_base, caps
    )
    active = {name: count for name, count in eligible.items() if count > 0}
    won, tie, cutoff = _allocate(rule, active, house, caps_full)
    ranking = rank_votes(counted)
    recorded = tuple(
        [
            (name, count, won[name], caps_full[name], rule)
            for name, count in ranking
            if name in active
        ]
    )
    capped = tuple(sorted(name for name in active if won[name] >= caps_full[name] and won[name]))
    return finish(
        method=rule.name,
        house=house,
        counted=counted,
        seats=won,
        tie=tie,
        lots=lots,
        excluded=excluded,
        capped=capped,
        cutoff=cutoff,
        row_kind="divisor",
        recorded=recorded,
        ranking=ranking,
    )


def _allocate(
    rule: Divisor, active: dict[str, int], house: int, caps: Mapping[str, int]
) -> tuple[dict[str, int], Tie | None, Fraction | None]:
    """The seats, the boundary tie and the cutoff quotient, in integer arithmetic.

    Divisors are scaled to integers ``N(j) = d(j) * D``; the quotient ``v / d(j)`` is
    ``v * D / N(j)``, and two quotients compare as ``v1 * N2`` against ``v2 * N1``.

    Step 1 gives each list every quotient ``>= V / T`` for the largest ``T`` at which
    these number at most ``house`` (a binary search): all of them win, and every
    quotient left is ``< V / T``. Step 2 takes the remaining seats one by one, best
    next quotient first. A tie can then only involve quotients of step 2.
    """
    won = dict.fromkeys(active, 0)
    total = sum(active.values())
    if not total or not house:
        return won, None, None
    scale, first, step, offset = _integers(rule)

    def scaled(order: int) -> int:
        return first if order == 0 else step * order + offset

    names = list(active)
    values = list(active.values()) if scale == 1 else [count * scale for count in active.values()]
    limits = [caps[name] for name in names]
    first_total, offset_total, step_total = first * total, offset * total, step * total

    second_total = offset_total + step_total  # N(1) * total
    any_cap = any(limit < house for limit in limits)

    shift = step_total - offset_total
    simple = first == offset and shift >= 0  # D'Hondt, Sainte-Laguë

    def counts(target: int) -> list[int]:
        # the number of j with v / d(j) >= total / target, i.e. N(j) * total <= v * target * D:
        # none below N(0); one below N(1); else 1 + floor((x - offset * total) / (step * total))
        if simple:
            # with N(0) = offset and step >= offset, floor((x + shift) / (step * total)) is
            # never negative and is exactly that count: 0 below N(0) * total, 1 up to N(1)
            # * total, and 1 + floor((x - offset * total) / (step * total)) above it
            result = [(value * target + shift) // step_total for value in values]
        else:
            result = [
                0
                if (x := value * target) < first_total
                else 1
                if x < second_total
                else (x - offset_total) // step_total + 1
                for value in values
            ]
        # a list whose cap is the house is left unclipped: a target where it alone
        # passes the house is refused, and a smaller one found, with the same result
        if any_cap:
            result = [
                limit if more > limit else more for more, limit in zip(result, limits, strict=True)
            ]
        return result

    # the sum of counts is within len(active) of target * D / step: search around it
    spread = len(active) + 1
    low = max(0, (house - spread) * step // scale - 1)
    high = (house + spread) * step // scale + 1
    base = counts(low)
    if sum(base) > house:
        low = 0
        base = counts(low)
    bisect = False
    while low < high:  # the largest target whose counts fit in the house
        short = house - sum(base)
        if not short:
            break
        # jump by the seats missing (about scale / step seats per unit of target),
        # or bisect once a jump has overshot
        jump = (low + high + 1) // 2 if bisect else low + max(1, short * step // scale)
        middle = min(jump, high)
        trial = counts(middle)
        if sum(trial) <= house:
            low, base = middle, trial
        else:
            high, bisect = middle - 1, True
    won = dict(zip(names, base, strict=True))
    remaining = house - sum(won.values())
    taken: list[str] = []
    last_votes, last_divisor = 0, 1
    while remaining:
        best: str | None = None
        best_votes, best_divisor = 0, 1
        for name, count in active.items():
            if won[name] < caps[name]:
                divisor = scaled(won[name])
                if best is None or count * best_divisor > best_votes * divisor:
                    best, best_votes, best_divisor = name, count, divisor
        if best is None:
            break
        won[best] += 1
        remaining -= 1
        taken.append(best)
        last_votes, last_divisor = best_votes, best_divisor
    if not taken:  # the cutoff is the smallest quotient won, votes / N(seats - 1)
        smallest_votes, smallest_divisor = 0, 0
        for count, seats in zip(active.values(), base, strict=True):  # won is still base
            if seats:
                divisor = first if seats == 1 else step * (seats - 1) + offset
                if not smallest_divisor or count * smallest_divisor < smallest_votes * divisor:
                    smallest_votes, smallest_divisor = count, divisor
        if not smallest_divisor:
            return won, None, None
        return won, None, Fraction(smallest_votes * scale, smallest_divisor)
    cutoff = Fraction(last_votes * scale, last_divisor)

    def at_cutoff(name: int | str, order: int) -> bool:
        return active[str(name)] * last_divisor == last_votes * scaled(order)

    winners = [name for name in dict.fromkeys(taken) if at_cutoff(name, won[name] - 1)]
    waiting = [name for name in active if won[name] < caps[name] and at_cutoff(name, won[name])]
    if not waiting:
        return won, None, cutoff
    for name in winners:
        won[name] -= 1
    tie = Tie(candidates=winners + waiting, seats=len(winners), value=cutoff, stage="quotient")
    return won, tie, cutoff
