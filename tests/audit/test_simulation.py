"""Seeded simulations: what an audit does when the reported outcome is right, and wrong.

Each trial is the same election audited with a different public seed. A claim is
made only through an exact (Clopper-Pearson) 95 % confidence interval of the measured
frequency, so a test fails only if the claim is false or the trials were unlucky at
the 2.5 % level (and the seeds are fixed, so a run is repeatable). Run with ``-s`` to
see the measured figures.

* Wrong outcome (forms altered so the loser is reported as winner): the audit must
  end in a full hand count in at least ``1 - alpha`` of the trials.
* Right outcome: the audit should usually stop without a full hand count.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from fractions import Fraction

from electoral.audit import (
    AuditEvaluation,
    AuditPlan,
    BallotRead,
    Batch,
    Contest,
    evaluate_audit,
    plan_audit,
)
from electoral.seats import PluralityRule

from ._support import clopper_pearson, run_comparison, seeds

ALPHA = Fraction(1, 10)
TRIALS = 200


def _contest(tables: list[dict[str, int]], ballots: int) -> Contest:
    return Contest(
        id="district",
        rule=PluralityRule(),
        seats=1,
        batches=[Batch(id=f"F{n:03d}", votes=t, ballots=ballots) for n, t in enumerate(tables)],
        candidates=("A", "B"),
    )


def _report(what: str, hits: int, trials: int) -> tuple[float, float]:
    low, high = clopper_pearson(hits, trials)
    print(f"{what}: {hits}/{trials} = {hits / trials:.3f} (95% CI {low:.3f}-{high:.3f})")
    return low, high


def test_batch_comparison_with_a_wrong_outcome_goes_to_a_full_hand_count() -> None:
    # 100 stations of 400 ballots: truly A 195, B 200 (B wins by 500); 20 forms were
    # altered to A 225, B 170, so the published result has A winning by 700.
    truth = {f"F{n:03d}": {"A": 195, "B": 200} for n in range(100)}
    reported = [dict(truth[f"F{n:03d}"]) for n in range(100)]
    for n in range(0, 100, 5):
        reported[n] = {"A": 225, "B": 170}
    contest = _contest(reported, 400)
    escalated = 0
    for seed in seeds(TRIALS):
        plan = plan_audit(contest, risk_limit=ALPHA, seed=seed)
        end = run_comparison(plan, truth)
        escalated += end.status in ("full_hand_count", "counted")
    low, _high = _report("comparison, wrong outcome, escalated", escalated, TRIALS)
    assert low >= 1 - ALPHA


def test_batch_comparison_with_the_right_outcome_usually_stops_in_the_first_round() -> None:
    # 100 stations, A 220, B 180 each; hand counts differ from the forms by up to
    # two votes either way in a third of the stations (miscounts, no fraud).
    forms = {f"F{n:03d}": {"A": 220, "B": 180} for n in range(100)}
    contest = _contest(list(forms.values()), 410)
    first_round = 0
    stopped = 0
    for index, seed in enumerate(seeds(TRIALS)):
        rng = random.Random(index)
        truth: dict[str, Mapping[str, int]] = {}
        for batch, votes in forms.items():
            shift = rng.choice((-2, -1, 1, 2)) if rng.random() < 1 / 3 else 0
            truth[batch] = {"A": votes["A"] + shift, "B": votes["B"] - shift}
        plan = plan_audit(contest, risk_limit=ALPHA, seed=seed, expected_overstatement=1)
        end = run_comparison(plan, truth)
        stopped += end.status == "confirmed"
        first_round += end.status == "confirmed" and len(end.plan.rounds) == 1
    low, _ = _report("comparison, right outcome, confirmed", stopped, TRIALS)
    assert low >= 0.9
    low, _ = _report("comparison, right outcome, confirmed in round 1", first_round, TRIALS)
    assert low >= 0.75


def _poll(plan: AuditPlan, shows: Mapping[str, list[str | None]]) -> AuditEvaluation:
    current = plan
    reads: dict[tuple[str, int], BallotRead] = {}
    for _ in range(100):
        for draw in current.draws:
            assert draw.position is not None
            key = (draw.batch, draw.position)
            if key not in reads:
                vote = shows[draw.batch][draw.position - 1]
                reads[key] = BallotRead(batch=draw.batch, position=draw.position, vote=vote)
        evaluation = evaluate_audit(current, list(reads.values()))
        if evaluation.status != "next_round":
            return evaluation
        assert evaluation.next is not None
        current = evaluation.next
    raise AssertionError("the audit did not end")


def _boxes(a: int, b: int, blank: int, count: int) -> dict[str, list[str | None]]:
    box: list[str | None] = ["A"] * a + ["B"] * b + [None] * blank
    return {f"F{n:03d}": box for n in range(count)}


def test_ballot_polling_with_a_wrong_outcome_goes_to_a_full_hand_count() -> None:
    # 20 stations of 100 ballots: published A 60, B 40 each; truly A 48, B 52.
    contest = _contest([{"A": 60, "B": 40}] * 20, 100)
    truth = _boxes(48, 52, 0, 20)
    escalated = 0
    trials = TRIALS * 3 // 5  # each trial reads thousands of ballots
    for seed in seeds(trials):
        plan = plan_audit(contest, risk_limit=ALPHA, seed=seed, method="ballot_polling")
        escalated += _poll(plan, truth).status == "full_hand_count"
    low, _ = _report("polling, wrong outcome, escalated", escalated, trials)
    assert low >= 1 - ALPHA


def test_ballot_polling_with_the_right_outcome_usually_confirms() -> None:
    contest = _contest([{"A": 60, "B": 40}] * 40, 104)
    truth = _boxes(60, 40, 4, 40)
    confirmed = 0
    for seed in seeds(TRIALS):
        plan = plan_audit(contest, risk_limit=ALPHA, seed=seed, method="ballot_polling")
        confirmed += _poll(plan, truth).status == "confirmed"
    low, _ = _report("polling, right outcome, confirmed", confirmed, TRIALS)
    assert low >= 0.9
