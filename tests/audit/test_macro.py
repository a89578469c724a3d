"""Batch comparison (MACRO, Kaplan-Markov) against the figures VotingWorks' Arlo asserts.

Arlo's ``server/tests/audit_math/test_macro.py`` (commit 8d86156c) audits three
contests at a 25 % risk limit. Contest A: 60,000 to 54,000 in 200 batches of 200 to 180
(400 ballots) and 200 of 100 to 90 (200 ballots); B: 30,000 to 24,000 in 100 + 100
such batches of 200/160 and 100/80; C: 18,000 to 12,600 in 60 + 60 of 200/140 and
100/70. Its asserted maximum errors, first-round sizes (30, 16, 11), sizes after four
clean batches (26, 12, 7), after five more with a taint equal to the margin's share
(A unchanged) or clean (C down by 5), the end of C after one more clean batch, the
worst case and the full recount are reproduced here.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.audit import UNIT, Batch, Contest, _macro, assertions, error_bounds
from electoral.seats import PluralityRule

ALPHA = Fraction(1, 4)


def _arlo(loser: int, pairs: int) -> Contest:
    batches = []
    for i in range(pairs):
        batches.append(Batch(id=f"Batch {i}", votes={"winner": 200, "loser": loser}, ballots=400))
        batches.append(
            Batch(id=f"Batch {i} AV", votes={"winner": 100, "loser": loser // 2}, ballots=200)
        )
    return Contest(id="contest", rule=PluralityRule(), seats=1, batches=batches)


CONTESTS = {"A": _arlo(180, 200), "B": _arlo(160, 100), "C": _arlo(140, 60)}
FIRST = {"A": 30, "B": 16, "C": 11}
SECOND = {"A": 26, "B": 12, "C": 7}
MAX_ERROR = {"A": (0.0700, 0.035), "B": (0.0733, 0.0367), "C": (0.0852, 0.0426)}


@pytest.mark.parametrize("name", ["A", "B", "C"])
def test_maximum_errors(name: str) -> None:
    bounds = error_bounds(CONTESTS[name])
    big, small = (float(Fraction(w, UNIT)) for w in bounds.weights[:2])
    assert big == pytest.approx(MAX_ERROR[name][0], abs=1e-3)
    assert small == pytest.approx(MAX_ERROR[name][1], abs=1e-3)


def test_contest_a_total_bound_is_21_rounded_up_by_less_than_one_unit_per_batch() -> None:
    bound = error_bounds(CONTESTS["A"]).bound
    assert 21 <= bound < 21 + Fraction(400, UNIT)


@pytest.mark.parametrize("name", ["A", "B", "C"])
def test_first_round_sizes(name: str) -> None:
    bounds = error_bounds(CONTESTS[name])
    assert _macro.sample_size(bounds, ALPHA, Fraction(1)) == FIRST[name]


def _clean(contest: Contest, index: int) -> dict[str, int]:
    return dict(contest.batches[index].votes)


@pytest.mark.parametrize("name", ["A", "B", "C"])
def test_sizes_after_four_clean_batches(name: str) -> None:
    contest = CONTESTS[name]
    bounds = error_bounds(contest)
    draws = [0, 2, 4, 6]  # Batch 0..3
    risk = _macro.risk(bounds, draws, {i: _clean(contest, i) for i in draws})
    assert risk is not None
    assert _macro.sample_size(bounds, ALPHA, risk) == SECOND[name]


def test_taint_equal_to_the_margin_share_leaves_the_size_alone_and_clean_draws_end_c() -> None:
    a, c = CONTESTS["A"], CONTESTS["C"]
    bounds_a, bounds_c = error_bounds(a), error_bounds(c)
    first = [0, 2, 4, 6]
    later = [8, 10, 12, 14, 16]  # Batch 4..8
    tainted = {i: {"winner": 190, "loser": 190} for i in later}
    counts_a = {i: _clean(a, i) for i in first} | tainted
    risk_a = _macro.risk(bounds_a, first + later, counts_a)
    assert risk_a is not None
    # a taint of 20/420 = 1/21 = 1/U: each such draw leaves the risk where it was
    assert _macro.sample_size(bounds_a, ALPHA, risk_a) == SECOND["A"]
    counts_c = {i: _clean(c, i) for i in first + later}
    risk_c = _macro.risk(bounds_c, first + later, counts_c)
    assert risk_c is not None
    assert _macro.sample_size(bounds_c, ALPHA, risk_c) == SECOND["C"] - 5
    final = _macro.risk(bounds_c, [*first, *later, 18], counts_c | {18: _clean(c, 18)})
    assert final is not None
    assert final <= ALPHA
    assert _macro.sample_size(bounds_c, ALPHA, final) == 0


def test_worst_case_is_unbounded() -> None:
    contest = Contest(
        id="test1",
        rule=PluralityRule(),
        seats=1,
        batches=[
            Batch(id="Batch 1", votes={"winner": 500, "loser": 0}, ballots=500),
            Batch(id="Batch 2", votes={"winner": 500, "loser": 0}, ballots=500),
        ],
    )
    bounds = error_bounds(contest)
    assert _macro.risk(bounds, [0], {0: {"winner": 0, "loser": 500}}) is None


@given(
    st.lists(st.integers(0, 40), min_size=1, max_size=30),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), min_size=1, max_size=8),
)
def test_risk_is_never_below_the_exact_product(
    draws: list[int], counts: list[tuple[int, int]]
) -> None:
    contest = CONTESTS["C"]
    bounds = error_bounds(contest)
    hand = {i: {"winner": w, "loser": lose} for i, (w, lose) in enumerate(counts)}
    picked = [draw % len(counts) for draw in draws]
    picked = [i % len(contest.batches) for i in picked if i % len(contest.batches) in hand]
    rounded = _macro.risk(bounds, picked, hand)
    exact = Fraction(1)
    for index in picked:
        factor = _macro.draw_factor(bounds, index, hand[index])
        if factor is None:
            assert rounded is None
            return
        exact *= factor
    assert rounded is not None
    assert rounded >= exact


def test_margins_are_exact_whole_numbers() -> None:
    contest = CONTESTS["C"]
    (pair,) = assertions(contest)
    assert pair.margin(contest.totals()) == 5400
    assert error_bounds(contest).margins == (5400,)


def test_uncounted_ballots_reduce_the_margin() -> None:
    contest = Contest(
        id="c",
        rule=PluralityRule(),
        seats=1,
        batches=CONTESTS["A"].batches,
        uncounted=1000,
    )
    assert error_bounds(contest).margins == (5000,)


def test_uniform_sampling_raises_every_bound_to_the_largest() -> None:
    bounds = error_bounds(CONTESTS["A"], uniform=True)
    assert set(bounds.weights) == {max(error_bounds(CONTESTS["A"]).weights)}
    assert bounds.bound >= 28  # 400 batches of 0.07
