"""Helpers of the audit tests: contests from vote tables, hand counts, binomial intervals."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from typing import Any

from electoral.audit import AuditEvaluation, AuditPlan, Batch, Contest, HandCount, evaluate_audit
from electoral.audit import Rule as AuditRule


def one_batch(rule: AuditRule, seats: int, votes: Mapping[str, int], **options: Any) -> Contest:
    """A contest whose reported votes sit in one batch of exactly that many ballots."""
    batch = Batch(id="F1", votes=dict(votes), ballots=sum(votes.values()))
    return Contest(
        id="race", rule=rule, seats=seats, batches=[batch], candidates=tuple(votes), **options
    )


def split_votes(rng: random.Random, votes: Mapping[str, int], parts: int) -> list[dict[str, int]]:
    """``votes`` spread over ``parts`` batches at random (each candidate's total kept)."""
    tables: list[dict[str, int]] = [dict.fromkeys(votes, 0) for _ in range(parts)]
    for name, count in votes.items():
        cuts = sorted(rng.randint(0, count) for _ in range(parts - 1))
        edges = [0, *cuts, count]
        for index in range(parts):
            tables[index][name] = edges[index + 1] - edges[index]
    return tables


def run_comparison(
    plan: AuditPlan, truth: Mapping[str, Mapping[str, int]], *, rounds: int = 20
) -> AuditEvaluation:
    """Run rounds of a batch-comparison audit whose hand counts show ``truth``.

    Returns the last evaluation: confirmed, or the call for a full hand count.
    """
    current = plan
    counted: dict[str, HandCount] = {}
    for _ in range(rounds):
        for batch in current.to_count:
            counted[batch] = HandCount(batch=batch, votes=dict(truth[batch]))
        needed = (
            {b.id for b in current.contest.batches}
            if current.status == "full_hand_count"
            else {d.batch for d in current.draws}
        )
        evaluation = evaluate_audit(current, [counted[b] for b in sorted(needed)])
        if evaluation.status != "next_round":
            return evaluation
        assert evaluation.next is not None
        current = evaluation.next
    raise AssertionError("the audit did not end")


def clopper_pearson(successes: int, trials: int, level: float = 0.95) -> tuple[float, float]:
    """The exact (Clopper-Pearson) two-sided confidence interval of a binomial rate."""
    tail = (1 - level) / 2

    def upper_tail(p: float) -> float:  # P(X >= successes)
        return sum(
            math.comb(trials, k) * p**k * (1 - p) ** (trials - k)
            for k in range(successes, trials + 1)
        )

    def lower_tail(p: float) -> float:  # P(X <= successes)
        return sum(
            math.comb(trials, k) * p**k * (1 - p) ** (trials - k) for k in range(successes + 1)
        )

    def solve(function: object, target: float, rising: bool) -> float:
        low, high = 0.0, 1.0
        for _ in range(60):
            middle = (low + high) / 2
            value = function(middle)  # type: ignore[operator]
            if (value < target) == rising:
                low = middle
            else:
                high = middle
        return (low + high) / 2

    lower = 0.0 if successes == 0 else solve(upper_tail, tail, rising=True)
    upper = 1.0 if successes == trials else solve(lower_tail, tail, rising=False)
    return lower, upper


def seeds(count: int, start: int = 10**19) -> Sequence[str]:
    """``count`` distinct 20-digit seeds."""
    return [str(start + index) for index in range(count)]
