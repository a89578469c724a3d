"""Assertions per seat method: SHANGRLA's golden assorters, and exactness by property.

The central property: for reported votes ``V`` and any true votes ``T`` without a
tie, every assertion of ``V``'s outcome holds on ``T`` exactly when the seat method
gives ``T`` the same seats. "If" makes an audit sound (confirming every assertion
confirms the outcome); "only if" makes it no stricter than it must be.
"""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from electoral.audit import (
    Assertion,
    Batch,
    Contest,
    assertions,
    pairwise,
    seats_won,
    supermajority,
)
from electoral.errors import InconsistentValue
from electoral.seats import (
    BlockVoteRule,
    DrawingOfLots,
    HighestAveragesRule,
    LargestRemainderRule,
    PluralityRule,
    TwoRoundRule,
)

from ._support import one_batch

NAMES = ("A", "B", "C", "D", "E")


def _votes(size: int = 5, top: int = 60) -> st.SearchStrategy[dict[str, int]]:
    return st.lists(st.integers(0, top), min_size=2, max_size=size).map(
        lambda counts: dict(zip(NAMES, counts, strict=False))
    )


def _same_iff_all_hold(contest: Contest, truth: dict[str, int], *, exact: bool = True) -> None:
    """Assertions hold on ``truth`` => same seats; and, if ``exact``, the converse.

    A threshold's assertions are sufficient but not necessary: a list may cross the
    threshold without changing any seat, which only makes the audit look further.
    """
    reported = contest.outcome()
    assume(reported.tie is None)
    found = assertions(contest)
    actual = contest.outcome(truth)
    assume(actual.tie is None)
    holds = all(assertion.holds(truth) for assertion in found)
    same = seats_won(actual) == seats_won(reported)
    report = [(a.text, a.margin(truth)) for a in found]
    if holds:
        assert same, report
    if exact:
        assert holds == same, report


# --------------------------------------------------------------------------- golden


def test_shangrla_plurality_assorter_golden() -> None:
    # SHANGRLA tests/core/test_Assertion.py: winners Alice and Bob, losers Candy and
    # Dan; "Alice v Candy" scores Alice 1, Bob 1/2, Candy 0, Dan 1/2.
    contest = one_batch(PluralityRule(), 2, {"Alice": 40, "Bob": 30, "Candy": 20, "Dan": 10})
    found = {a.text: a for a in assertions(contest)}
    assert set(found) == {
        "Alice beats Candy",
        "Alice beats Dan",
        "Bob beats Candy",
        "Bob beats Dan",
    }
    alice_candy = found["Alice beats Candy"]
    scores = [alice_candy.assorter(v) for v in ("Alice", "Bob", "Candy", "Dan")]
    assert scores == [1, Fraction(1, 2), 0, Fraction(1, 2)]
    assert alice_candy.assorter_bound() == 1


def test_shangrla_supermajority_assorter_golden() -> None:
    # SHANGRLA test_supermajority_assorter: share 2/3 scores 3/4, 0 and 1/2.
    two_thirds = supermajority("Alice", ["Alice", "Bob", "Candy"], Fraction(2, 3))
    assert [two_thirds.assorter(v) for v in ("Alice", "Bob", None)] == [
        Fraction(3, 4),
        0,
        Fraction(1, 2),
    ]
    assert two_thirds.assorter_bound() == Fraction(3, 4)


@given(_votes(), st.integers(0, 50))
def test_assorter_mean_above_half_iff_the_assertion_holds(
    votes: dict[str, int], blank: int
) -> None:
    assume(sum(votes.values()) + blank > 0)
    assertion = pairwise("A", "B", votes)
    ballots = sum(votes.values()) + blank
    assert (assertion.assorter_mean(votes, ballots) > Fraction(1, 2)) == (
        votes["A"] > votes["B"]
    ) or assertion.by_lot


def test_dhondt_assertions_match_the_rlauxe_transcription_of_blom_et_al() -> None:
    # A's last seat (its 2nd, divisor 2) against B's next (its 2nd, divisor 2) and C's
    # first: T_A/2 > T_B/2 and T_A/2 > T_C/1, as whole coefficients.
    contest = one_batch(HighestAveragesRule(), 3, {"A": 600, "B": 350, "C": 100})
    assert seats_won(contest.outcome()) == {"A": 2, "B": 1}
    found = {a.text: a.coefficients for a in assertions(contest)}
    assert found["A's last seat beats B's next seat by quotient"] == (("A", 2), ("B", -2))
    assert found["A's last seat beats C's next seat by quotient"] == (("A", 1), ("C", -2))
    assert found["B's last seat beats C's next seat by quotient"] == (("B", 1), ("C", -1))


def test_real_published_dhondt_allocation_is_asserted_with_positive_margins() -> None:
    # The Austrian European Parliament election of 2019 (tests/seats/data): every
    # assertion of the published allocation holds on the published votes.
    lines = (Path(__file__).parents[1] / "seats" / "data" / "at_ep_2019.csv").read_text(
        encoding="utf-8"
    )
    rows = list(csv.DictReader(x for x in lines.splitlines() if not x.startswith("#")))
    votes = {row["list"]: int(row["votes"]) for row in rows}
    contest = one_batch(HighestAveragesRule(threshold=Fraction(4, 100)), 18, votes)
    assert seats_won(contest.outcome()) == {
        r["list"]: int(r["seats"]) for r in rows if int(r["seats"])
    }
    found = assertions(contest)
    assert all(assertion.holds(votes) for assertion in found)
    kinds = {assertion.kind for assertion in found}
    assert kinds == {"quotient", "threshold", "below_threshold"} or kinds == {
        "quotient",
        "threshold",
    }


# --------------------------------------------------------------------------- properties


@given(_votes(), _votes(), st.integers(1, 4))
def test_plurality_and_sntv(reported: dict[str, int], truth: dict[str, int], seats: int) -> None:
    truth = {name: truth.get(name, 0) for name in reported}
    _same_iff_all_hold(one_batch(PluralityRule(), seats, reported), truth)


@given(_votes(), _votes())
def test_block_vote(reported: dict[str, int], truth: dict[str, int]) -> None:
    truth = {name: truth.get(name, 0) for name in reported}
    _same_iff_all_hold(one_batch(BlockVoteRule(), 5, reported), truth)


@given(
    _votes(),
    _votes(),
    st.sampled_from(["more_than_half", "fifty_percent_plus_one", "always_runoff"]),
)
def test_two_round(reported: dict[str, int], truth: dict[str, int], majority: str) -> None:
    truth = {name: truth.get(name, 0) for name in reported}
    rule = TwoRoundRule(majority=majority)  # type: ignore[arg-type]
    _same_iff_all_hold(one_batch(rule, 1, reported), truth)


@given(
    _votes(top=200),
    _votes(top=200),
    st.integers(1, 7),
    st.sampled_from(["dhondt", "sainte_lague", "modified_sainte_lague"]),
    st.sampled_from([None, Fraction(1, 10), Fraction(1, 4)]),
)
def test_highest_averages(
    reported: dict[str, int],
    truth: dict[str, int],
    seats: int,
    divisor: str,
    threshold: Fraction | None,
) -> None:
    truth = {name: truth.get(name, 0) for name in reported}
    rule = HighestAveragesRule(divisor=divisor, threshold=threshold)
    _same_iff_all_hold(one_batch(rule, seats, reported), truth, exact=threshold is None)


@given(
    _votes(top=200),
    _votes(top=200),
    st.integers(1, 7),
    st.sampled_from([None, Fraction(1, 10)]),
    st.dictionaries(st.sampled_from(NAMES), st.integers(0, 3), max_size=2),
)
def test_highest_averages_with_caps(
    reported: dict[str, int],
    truth: dict[str, int],
    seats: int,
    threshold: Fraction | None,
    caps: dict[str, int],
) -> None:
    truth = {name: truth.get(name, 0) for name in reported}
    caps = {name: cap for name, cap in caps.items() if name in reported}
    rule = HighestAveragesRule(threshold=threshold)
    contest = one_batch(rule, seats, reported, caps=caps)
    _same_iff_all_hold(contest, truth, exact=threshold is None)


@given(
    _votes(top=200),
    _votes(top=200),
    st.integers(1, 7),
    st.sampled_from([None, Fraction(1, 10), Fraction(1, 5)]),
)
def test_hamilton(
    reported: dict[str, int], truth: dict[str, int], seats: int, threshold: Fraction | None
) -> None:
    truth = {name: truth.get(name, 0) for name in reported}
    contest = one_batch(LargestRemainderRule(threshold=threshold), seats, reported)
    _same_iff_all_hold(contest, truth, exact=threshold is None)


# --------------------------------------------------------------------------- ties and refusals


def test_tie_decided_by_lot_asks_only_that_the_order_is_not_reversed() -> None:
    lots = DrawingOfLots(order=("C", "B"), record="minute 9")
    contest = one_batch(PluralityRule(), 2, {"A": 50, "B": 30, "C": 30}, lots=lots)
    assert seats_won(contest.outcome()) == {"A": 1, "C": 1}
    tied = next(a for a in assertions(contest) if a.text.startswith("C beats B"))
    assert tied.by_lot
    assert tied.threshold == -1
    assert tied.margin({"A": 50, "B": 30, "C": 30}) == 1
    assert not tied.holds({"A": 50, "B": 31, "C": 30})


def test_unresolved_tie_is_refused() -> None:
    contest = one_batch(PluralityRule(), 1, {"A": 30, "B": 30})
    with pytest.raises(InconsistentValue) as caught:
        assertions(contest)
    assert caught.value.code == "audit.unresolved_tie"
    assert caught.value.field == "lots"


@pytest.mark.parametrize("quota", ["droop", "hagenbach_bischoff", "imperiali", "hare_rounded"])
def test_largest_remainder_without_a_published_method_is_refused(quota: str) -> None:
    contest = one_batch(LargestRemainderRule(quota=quota), 3, {"A": 60, "B": 30, "C": 10})
    with pytest.raises(InconsistentValue) as caught:
        assertions(contest)
    assert caught.value.code == "audit.method_unsupported"


def test_hamilton_with_binding_caps_is_refused() -> None:
    contest = one_batch(LargestRemainderRule(), 4, {"A": 90, "B": 10}, caps={"A": 2})
    with pytest.raises(InconsistentValue) as caught:
        assertions(contest)
    assert caught.value.code == "audit.method_unsupported"


def test_women_race_is_its_own_contest() -> None:
    # A district's general race and its women's race are separate ballots with
    # separate candidates; each gets its own assertions and batches.
    general = one_batch(PluralityRule(), 2, {"g1": 900, "g2": 800, "g3": 100})
    women = one_batch(PluralityRule(), 1, {"w1": 410, "w2": 400})
    assert {a.text for a in assertions(women)} == {"w1 beats w2"}
    assert all(not a.text.startswith("w") for a in assertions(general))


def test_unfilled_seats_keep_the_losers_at_no_votes() -> None:
    contest = one_batch(PluralityRule(), 3, {"A": 5, "B": 2, "C": 0})
    texts = {a.text for a in assertions(contest)}
    assert texts == {"A has at least one vote", "B has at least one vote", "C has no vote"}


def test_majority_readings() -> None:
    more = one_batch(TwoRoundRule(), 1, {"A": 51, "B": 30, "C": 20})
    (majority,) = assertions(more)
    assert majority.kind == "majority"
    assert majority.margin(more.totals()) == 1
    literal = one_batch(TwoRoundRule(majority="fifty_percent_plus_one"), 1, {"A": 52, "B": 50})
    (strict,) = assertions(literal)
    assert strict.threshold == 1
    assert strict.margin(literal.totals()) == 1


def test_assertion_is_a_value() -> None:
    one = pairwise("A", "B", {"A": 2, "B": 1})
    assert one == Assertion(
        kind="pairwise", winner="A", loser="B", coefficients=(("B", -1), ("A", 1))
    )
    assert one.lowest == -1
    assert one.highest == 1


def test_split_batches_add_up() -> None:
    contest = Contest(
        id="r",
        rule=PluralityRule(),
        seats=1,
        batches=[
            Batch(id="a", votes={"A": 1}, ballots=1),
            Batch(id="b", votes={"B": 3, "A": 1}, ballots=4),
        ],
    )
    assert contest.totals() == {"A": 2, "B": 3}
    assert contest.names == ("A", "B")
