"""Rounds of an audit: planning, evaluating, escalating, and refusing incomplete data."""

from __future__ import annotations

from fractions import Fraction

import pytest

from electoral.audit import (
    AuditPlan,
    BallotRead,
    Batch,
    Contest,
    HandCount,
    evaluate_audit,
    plan_audit,
)
from electoral.errors import (
    InconsistentValue,
    InvalidFormat,
    InvalidType,
    OutOfRange,
    ValidationErrors,
)
from electoral.seats import DrawingOfLots, HighestAveragesRule, PluralityRule, TwoRoundRule

from ._support import run_comparison

SEED = "31415926535897932384"
ALPHA = Fraction(1, 20)


def _district(batches: int = 60, winner: int = 300, loser: int = 200) -> Contest:
    return Contest(
        id="Sebha/general",
        rule=PluralityRule(),
        seats=1,
        batches=[
            Batch(
                id=f"F{n:03d}",
                votes={"Amal": winner, "Badr": loser, "Jamal": 20},
                ballots=winner + loser + 30,
                label=f"centre 11{n:03d}, station 1",
            )
            for n in range(batches)
        ],
    )


def _counts(plan: AuditPlan, truth: Contest | None = None) -> list[HandCount]:
    source = truth or plan.contest
    votes = {batch.id: batch.votes for batch in source.batches}
    needed = dict.fromkeys(d.batch for d in plan.draws)
    return [HandCount(batch=b, votes=dict(votes[b])) for b in needed]


def test_clean_hand_counts_confirm_in_one_round() -> None:
    plan = plan_audit(_district(), risk_limit=ALPHA, seed=SEED)
    assert plan.status == "sampling"
    assert plan.sample_size > 0
    assert [d.number for d in plan.draws] == list(range(1, plan.sample_size + 1))
    evaluation = evaluate_audit(plan, _counts(plan))
    assert evaluation.status == "confirmed"
    assert evaluation.confirmed
    assert evaluation.risk is not None
    assert evaluation.risk <= ALPHA
    assert evaluation.discrepancies == ()


def test_plans_are_reproducible_from_the_seed() -> None:
    one = plan_audit(_district(), risk_limit=ALPHA, seed=SEED)
    two = plan_audit(_district(), risk_limit=ALPHA, seed=SEED)
    other = plan_audit(_district(), risk_limit=ALPHA, seed="27182818284590452353")
    assert one.draws == two.draws
    assert one.draws != other.draws


def test_discrepancies_lead_to_another_round_that_continues_the_stream() -> None:
    plan = plan_audit(_district(), risk_limit=ALPHA, seed=SEED)
    counts = _counts(plan)
    first = counts[0]
    counts[0] = HandCount(batch=first.batch, votes={"Amal": 200, "Badr": 310, "Jamal": 20})
    evaluation = evaluate_audit(plan, counts)
    assert evaluation.status == "next_round"
    assert evaluation.discrepancies[0].batch == first.batch
    following = evaluation.next
    assert following is not None
    assert len(following.rounds) == 2
    assert following.rounds[1][0].number == plan.sample_size + 1
    assert following.risk == evaluation.risk


def test_a_batch_as_wrong_as_it_could_be_calls_for_a_full_hand_count() -> None:
    plan = plan_audit(_district(), risk_limit=ALPHA, seed=SEED)
    counts = _counts(plan)
    counts[0] = HandCount(batch=counts[0].batch, votes={"Badr": 530})
    evaluation = evaluate_audit(plan, counts)
    # the taint is 1 less the rounding of the batch's bound: the risk explodes
    assert evaluation.status == "full_hand_count"
    assert evaluation.risk is None or evaluation.risk > 10**15
    assert evaluation.next is not None
    assert len(evaluation.next.to_count) == 60


def test_a_box_with_more_ballots_than_its_bound_calls_for_a_full_hand_count() -> None:
    plan = plan_audit(_district(), risk_limit=ALPHA, seed=SEED)
    counts = _counts(plan)
    counts[0] = HandCount(batch=counts[0].batch, votes=dict(counts[0].votes), ballots=531)
    evaluation = evaluate_audit(plan, counts)
    assert evaluation.status == "full_hand_count"
    assert "more ballots" in evaluation.reason


def test_full_hand_count_decides_and_may_change_the_outcome() -> None:
    reported = _district(batches=8, winner=210, loser=200)
    truth = _district(batches=8, winner=200, loser=210)
    plan = plan_audit(reported, risk_limit=ALPHA, seed=SEED)
    evaluation = run_comparison(plan, {b.id: b.votes for b in truth.batches})
    assert evaluation.status == "counted"
    assert evaluation.changed is True
    assert not evaluation.confirmed
    assert evaluation.seats == {"Badr": 1}


def test_a_landslide_without_possible_error_needs_no_sample() -> None:
    contest = Contest(
        id="r",
        rule=PluralityRule(),
        seats=1,
        batches=[Batch(id="F1", votes={"A": 100, "B": 0}, ballots=100)],
        candidates=("A", "B"),
    )
    # one batch: a full hand count is the only sample there is
    plan = plan_audit(contest, risk_limit=ALPHA, seed=SEED)
    assert plan.status == "full_hand_count"


@pytest.mark.parametrize("bad", ["0", "1", "1.5", "-0.1", "abc", "", "1/0"])
def test_risk_limit_outside_zero_one_is_refused(bad: str) -> None:
    with pytest.raises((OutOfRange, InvalidType)) as caught:
        plan_audit(_district(), risk_limit=bad, seed=SEED)
    assert caught.value.code in ("audit.risk_limit", "audit.risk_limit_type")
    assert caught.value.field == "risk_limit"


def test_float_risk_limit_is_refused_with_a_code() -> None:
    with pytest.raises(InvalidType) as caught:
        plan_audit(_district(), risk_limit=0.05, seed=SEED)  # type: ignore[arg-type]
    assert caught.value.code == "audit.risk_limit_type"


def test_bad_seed_is_refused() -> None:
    with pytest.raises(InvalidFormat) as caught:
        plan_audit(_district(), risk_limit=ALPHA, seed="12")
    assert caught.value.code == "audit.seed"


def test_counts_naming_batches_not_drawn_or_missing_some_are_refused_all_at_once() -> None:
    plan = plan_audit(_district(), risk_limit=ALPHA, seed=SEED)
    counts = _counts(plan)
    drawn = {c.batch for c in counts}
    stranger = next(b.id for b in plan.contest.batches if b.id not in drawn)
    bad = [*counts[1:], HandCount(batch=stranger, votes={"Amal": 1}), counts[2]]
    with pytest.raises(ValidationErrors) as caught:
        evaluate_audit(plan, bad)
    codes = sorted(caught.value.codes)
    assert codes == ["audit.count_duplicate", "audit.missing_count", "audit.not_drawn"]


def test_unknown_candidate_in_a_count_is_refused() -> None:
    plan = plan_audit(_district(), risk_limit=ALPHA, seed=SEED)
    counts = _counts(plan)
    counts[0] = HandCount(batch=counts[0].batch, votes={"Nobody": 3})
    with pytest.raises(ValidationErrors) as caught:
        evaluate_audit(plan, counts)
    assert caught.value.codes == ("audit.unknown_candidate",)


@pytest.mark.parametrize(
    "votes", [{"Amal": -1}, {"Amal": 1.5}, {"Amal": True}, {"Amal": 10**5000}]
)
def test_negative_or_non_integer_counts_are_refused(votes: dict[str, object]) -> None:
    with pytest.raises(ValidationErrors) as caught:
        HandCount(batch="F001", votes=votes)
    assert caught.value.codes[0] in (
        "audit.count_type",
        "audit.count_negative",
        "audit.count_ceiling",
    )


def test_an_empty_count_list_never_confirms() -> None:
    plan = plan_audit(_district(), risk_limit=ALPHA, seed=SEED)
    with pytest.raises(ValidationErrors) as caught:
        evaluate_audit(plan, [])
    assert set(caught.value.codes) == {"audit.missing_count"}


def test_wrong_kind_of_count_is_a_type_error() -> None:
    plan = plan_audit(_district(), risk_limit=ALPHA, seed=SEED)
    with pytest.raises(TypeError, match="counts"):
        evaluate_audit(plan, [BallotRead(batch="F001", position=1, vote="Amal")])
    with pytest.raises(TypeError, match="counts"):
        evaluate_audit(plan, {"F001": {}})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="plan"):
        evaluate_audit("plan", [])  # type: ignore[arg-type]


def test_ballot_polling_round() -> None:
    contest = _district(batches=40)
    plan = plan_audit(contest, risk_limit=Fraction(1, 10), seed=SEED, method="ballot_polling")
    assert plan.sampling == "uniform"
    assert plan.status == "sampling"
    assert all(d.position is not None and 1 <= d.position <= 550 for d in plan.draws)
    reads = {}
    for draw in plan.draws:
        assert draw.position is not None
        reads[(draw.batch, draw.position)] = BallotRead(
            batch=draw.batch, position=draw.position, vote="Amal"
        )
    evaluation = evaluate_audit(plan, list(reads.values()))
    assert evaluation.status == "confirmed"


def test_ballot_polling_missing_ballots_count_against() -> None:
    contest = _district(batches=40)
    plan = plan_audit(contest, risk_limit=Fraction(1, 10), seed=SEED, method="ballot_polling")
    reads = {}
    for draw in plan.draws:
        assert draw.position is not None
        reads[(draw.batch, draw.position)] = BallotRead(
            batch=draw.batch, position=draw.position, found=False
        )
    evaluation = evaluate_audit(plan, list(reads.values()))
    assert evaluation.status in ("next_round", "full_hand_count")
    assert evaluation.risk is not None
    assert evaluation.risk > 1


def test_tied_outcome_drawn_by_lot_needs_a_full_hand_count() -> None:
    batches = [Batch(id=f"F{n}", votes={"A": 10, "B": 10}, ballots=20) for n in range(10)]
    contest = Contest(
        id="r",
        rule=PluralityRule(),
        seats=1,
        batches=batches,
        lots=DrawingOfLots(order=("B", "A")),
    )
    plan = plan_audit(contest, risk_limit=ALPHA, seed=SEED)
    assert plan.status == "full_hand_count"
    evaluation = evaluate_audit(
        plan, [HandCount(batch=b.id, votes={"A": 10, "B": 10}) for b in batches]
    )
    assert evaluation.status == "counted"
    assert evaluation.changed is False
    assert evaluation.seats == {"B": 1}


def test_two_round_runoff_and_list_pr_plan() -> None:
    runoff = Contest(
        id="president",
        rule=TwoRoundRule(),
        seats=1,
        batches=[
            Batch(id=f"F{n}", votes={"A": 400, "B": 350, "C": 250}, ballots=1010)
            for n in range(50)
        ],
    )
    assert plan_audit(runoff, risk_limit=ALPHA, seed=SEED).status == "sampling"
    lists = Contest(
        id="list",
        rule=HighestAveragesRule(divisor="sainte_lague"),
        seats=9,
        batches=[
            Batch(id=f"F{n}", votes={"L1": 500, "L2": 300, "L3": 200}, ballots=1000)
            for n in range(100)
        ],
    )
    assert plan_audit(lists, risk_limit=ALPHA, seed=SEED).assertions


def test_unknown_method_or_sampling_is_refused() -> None:
    for options in ({"method": "magic"}, {"sampling": "every_other"}):
        with pytest.raises(InconsistentValue) as caught:
            plan_audit(_district(), risk_limit=ALPHA, seed=SEED, **options)  # type: ignore[arg-type]
        assert caught.value.code == "audit.unknown_name"
    with pytest.raises(InconsistentValue):
        plan_audit(
            _district(), risk_limit=ALPHA, seed=SEED, method="ballot_polling", sampling="ppeb"
        )


def test_expected_overstatement_makes_rounds_larger() -> None:
    base = plan_audit(_district(), risk_limit=ALPHA, seed=SEED)
    padded = plan_audit(_district(), risk_limit=ALPHA, seed=SEED, expected_overstatement=10)
    assert padded.sample_size > base.sample_size
    with pytest.raises(InvalidType):
        plan_audit(_district(), risk_limit=ALPHA, seed=SEED, expected_overstatement=1.5)  # type: ignore[arg-type]
