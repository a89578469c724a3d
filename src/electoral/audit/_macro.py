"""Private: batch-level comparison audits with the MACRO bound and the Kaplan-Markov test.

A sampled batch (one station's result form) is recounted by hand and compared with
the form. For each assertion ``a`` of the contest, with reported margin ``M_a`` (its
left-hand side minus its bound, less what ballots outside every batch could take
away), batch ``p``'s **overstatement** is ``e_pa = (G_pa - A_pa) / M_a``: what the form
claimed for the assertion (``G_pa``) minus what the hand count shows (``A_pa``), in
units of the margin. If the outcome is wrong, some assertion's overstatements add up
to at least 1. A batch of ``b_p`` ballots can overstate by at most
``u_pa = (G_pa - b_p * a_min) / M_a``, where ``a_min`` is the lowest contribution of one
ballot. MACRO (Stark 2009) takes ``e_p = max(0, max_a e_pa)`` and ``u_p = max_a u_pa``;
``U = sum(u_p)``.

**Sampling.** Batches are drawn with replacement with probability ``u_p / U``
(probability proportional to an error bound, PPEB: Aslam, Popa and Rivest 2008), or
uniformly, which is the same rule with every ``u_p`` raised to the largest one (any
upper bound is a valid bound). Each ``u_p`` is rounded *up* to a whole number of
``2**-64`` (:data:`UNIT`), so weights are whole numbers anyone can check; a larger
bound only makes the audit more cautious.

**Risk (Kaplan-Markov).** With taints ``t_j = e_p / u_p`` of the batches drawn, in draw
order, the risk is ``prod_j (1 - 1/U) / (1 - t_j)`` (Stark 2009, "Risk-limiting
post-election audits: P-values from common probability inequalities"; the MACRO
batch audit of VotingWorks' Arlo computes the same). A taint of 1 or more (a batch
as wrong as it could be, or a box holding more ballots than the form's bound) makes
the risk unbounded: the audit goes to a full hand count. The product is exact,
rounded up after each factor (:func:`~electoral.audit._common.ceil_risk`).

**Sample size.** With risk ``p`` so far and an expected overstatement of ``d`` votes in
each sampled batch, the next round needs ``n`` draws with
``ln p + n E[ln((1 - 1/U) / (1 - t))] <= ln(alpha)``, plus one draw to absorb small
discrepancies (Arlo's rule since its pull request 1875). With ``d = 0`` this is
``ceil((ln alpha - ln p) / ln(1 - 1/U)) + 1``, checked exactly.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Final

import attrs

from ._assertions import Assertion
from ._common import ceil_risk, pow_risk
from ._contest import Batch, Contest

__all__ = ["UNIT", "ErrorBounds", "draw_factor", "error_bounds", "sample_size"]

UNIT: Final = 1 << 64
"""Error bounds are whole multiples of ``1 / UNIT`` (rounded up)."""


@attrs.frozen(kw_only=True, eq=False)
class ErrorBounds:
    """The error bounds of a contest: what batch comparison samples from.

    Attributes:
        assertions: the contest's assertions.
        margins: each assertion's margin, in votes of its left-hand side.
        weights: each batch's error bound ``u_p`` times :data:`UNIT`, rounded up (the
            PPEB weights), in the order of the contest's batches.
        total: the sum of the weights (``U`` times :data:`UNIT`).
        batches: the contest's batches, in the same order.
    """

    assertions: tuple[Assertion, ...]
    margins: tuple[int, ...]
    weights: tuple[int, ...]
    total: int
    batches: tuple[Batch, ...]

    @property
    def bound(self) -> Fraction:
        """``U``: the largest possible overstatement of every batch, in margins."""
        return Fraction(self.total, UNIT)

    @property
    def decided(self) -> bool:
        """Whether no error in the batches could change the outcome (``U < 1``)."""
        return self.total < UNIT

    @property
    def open(self) -> bool:
        """Whether some assertion has no margin left (only a full hand count decides)."""
        return any(margin <= 0 for margin in self.margins)


def _column(assertion: Assertion, columns: Mapping[str, list[int]], zeros: list[int]) -> list[int]:
    """The assertion's left-hand side in every batch, ``G_pa``, computed column-wise."""
    terms = assertion.coefficients
    if len(terms) == 2 and terms[0][1] == -terms[1][1] and abs(terms[0][1]) == 1:
        (first, one), (second, _other) = terms
        plus, minus = (first, second) if one == 1 else (second, first)
        return list(map(operator.sub, columns.get(plus, zeros), columns.get(minus, zeros)))
    values = zeros
    for name, coefficient in terms:
        column = columns.get(name, zeros)
        scaled = column if coefficient == 1 else [coefficient * v for v in column]
        values = list(map(operator.add, values, scaled))
    return values


def error_bounds(
    contest: Contest,
    found: Sequence[Assertion],
    *,
    uniform: bool = False,
    totals: Mapping[str, int] | None = None,
) -> ErrorBounds:
    """The margins, error bounds and sampling weights of ``contest``.

    ``uniform`` raises every weight to the largest one (uniform sampling); ``totals``
    are the contest's totals when the caller has them.
    """
    batches = contest.batches
    totals = contest.totals() if totals is None else totals
    lows = [assertion.lowest for assertion in found]
    margins = tuple(
        assertion.margin(totals) + contest.uncounted * low
        for assertion, low in zip(found, lows, strict=True)
    )
    if not found or any(margin <= 0 for margin in margins):
        weights = [0 if not found else 1] * len(batches)
    else:
        zeros = [0] * len(batches)
        columns = {name: [b.votes.get(name, 0) for b in batches] for name in totals}
        ballots = [batch.ballots for batch in batches]
        best: list[int] = zeros
        for assertion, margin, low in zip(found, margins, lows, strict=True):
            values = _column(assertion, columns, zeros)
            most = (
                map(operator.add, values, ballots)
                if low == -1
                else (v - b * low for v, b in zip(values, ballots, strict=True))
            )
            bounds = [-((-m * UNIT) // margin) for m in most]  # rounded up
            best = list(map(max, best, bounds))
        weights = best
    if uniform and weights:
        weights = [max(weights)] * len(weights)
    return ErrorBounds(
        assertions=tuple(found),
        margins=margins,
        weights=tuple(weights),
        total=sum(weights),
        batches=batches,
    )


def overstatement(plan: ErrorBounds, index: int, counted: Mapping[str, int]) -> Fraction:
    """``e_p``: batch ``index``'s largest overstatement, in margins, never below 0."""
    worst = Fraction(0)
    votes = plan.batches[index].votes
    for assertion, margin in zip(plan.assertions, plan.margins, strict=True):
        found = assertion.value(votes) - assertion.value(counted)
        if found > 0 and found * worst.denominator > worst.numerator * margin:
            worst = Fraction(found, margin)
    return worst


def draw_factor(plan: ErrorBounds, index: int, counted: Mapping[str, int]) -> Fraction | None:
    """The Kaplan-Markov factor of one draw of batch ``index``; ``None`` if unbounded."""
    weight = plan.weights[index]
    keep = Fraction(plan.total - UNIT, plan.total)
    excess = overstatement(plan, index, counted)
    if not excess:
        return keep
    taint = excess * UNIT / weight
    if taint >= 1:
        return None
    return keep / (1 - taint)


def risk(
    plan: ErrorBounds,
    draws: Sequence[int],
    counts: Mapping[int, Mapping[str, int]],
    start: Fraction = Fraction(1),
) -> Fraction | None:
    """The risk after ``draws`` (batch indices, in draw order); ``None`` if unbounded.

    ``counts`` maps a batch index to its hand count. The product is rounded up after
    every factor.
    """
    value = start
    for index in draws:
        factor = draw_factor(plan, index, counts[index])
        if factor is None:
            return None
        value = ceil_risk(value * factor)
    return value


def sample_size(
    plan: ErrorBounds, alpha: Fraction, so_far: Fraction, expected: int = 0
) -> int | None:
    """Draws for the next round, or ``None`` when no number of draws is expected to do.

    Args:
        plan: the contest's design.
        alpha: the risk limit.
        so_far: the risk measured so far (1 before the first round).
        expected: overstatement, in votes, expected in each sampled batch (a vote
            recorded for the favoured side of the closest assertion).

    Returns:
        0 when the risk limit is met already; else the draws, including the extra
        one (see the module).
    """
    if so_far <= alpha or plan.decided:
        return 0
    if plan.open:
        return None
    keep = Fraction(plan.total - UNIT, plan.total)
    if not keep:  # U = 1: one batch short of its bound settles it
        return 2
    need = math.log(alpha) - math.log(so_far)
    if not expected:
        step = math.log(keep)
        draws = max(1, math.ceil(need / step))
        while ceil_risk(so_far * pow_risk(keep, draws)) > alpha:
            draws += 1
        while draws > 1 and ceil_risk(so_far * pow_risk(keep, draws - 1)) <= alpha:
            draws -= 1
        return draws + 1
    worst = max(
        Fraction(expected * assertion.highest, margin)
        for assertion, margin in zip(plan.assertions, plan.margins, strict=True)
    )
    mean = math.log(keep)
    for weight in plan.weights:
        if not weight:
            continue
        taint = worst * UNIT / weight
        if taint >= 1:
            return None
        mean -= weight / plan.total * math.log(1 - taint)
    if mean >= 0:
        return None
    return math.ceil(need / mean) + 1


def batch_index(contest: Contest) -> dict[str, int]:
    """``{batch id: position}`` in the contest's batches."""
    return {batch.id: index for index, batch in enumerate(contest.batches)}


def hand_total(
    batches: Sequence[Batch], counts: Mapping[str, Mapping[str, int]]
) -> dict[str, int]:
    """The hand-counted votes of every candidate over ``batches``."""
    totals: dict[str, int] = {}
    for batch in batches:
        for name, count in counts[batch.id].items():
            totals[name] = totals.get(name, 0) + count
    return totals
