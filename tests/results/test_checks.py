"""Quarantine checks: formulas, tolerances, bounds, configuration, explanations."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InconsistentValue, InvalidType, OutOfRange
from electoral.model import MAX_COUNT, ReconciliationForm, ReconciliationForm2014
from electoral.results import (
    CHECKS_2014,
    DEFAULT_CHECKS,
    CheckMethod,
    CheckOutcome,
    QuarantineCheck,
    TallyConfig,
    run_checks,
)


def recon(cards: int = 0, valid: int = 0, invalid: int = 0, box: int = 0) -> ReconciliationForm:
    return ReconciliationForm(
        number_of_voter_cards_in_the_ballot_box=cards,
        number_valid_votes=valid,
        number_invalid_votes=invalid,
        number_sorted_and_counted=box,
    )


def only(method: CheckMethod, value: int = 0, percentage: int = 0) -> tuple[QuarantineCheck]:
    return (QuarantineCheck(name="c", method=method, value=value, percentage=percentage),)


def test_tolerance_value_takes_precedence() -> None:
    check = QuarantineCheck(name="c", method=CheckMethod.CARD, value=5, percentage=50)
    assert check.tolerance(1000) == 5


def test_three_percent_of_seventy_is_exact() -> None:
    check = QuarantineCheck(name="c", method=CheckMethod.RECONCILIATION, percentage=3)
    assert check.tolerance(70) == Fraction(21, 10)
    assert not isinstance(check.tolerance(70), float)


def test_reconciliation_check_bounds_and_base() -> None:
    # V + I = 70; tolerance 2.1: B = 72 passes, B = 73 fails, B = 67 fails.
    checks = only(CheckMethod.RECONCILIATION, percentage=3)
    assert run_checks(
        candidate_votes=65, recon=recon(invalid=5, box=72), registrants=None, checks=checks
    ).passed
    assert not run_checks(
        candidate_votes=65, recon=recon(invalid=5, box=73), registrants=None, checks=checks
    ).passed
    assert not run_checks(
        candidate_votes=65, recon=recon(invalid=5, box=67), registrants=None, checks=checks
    ).passed
    exact = only(CheckMethod.RECONCILIATION)
    assert run_checks(
        candidate_votes=65, recon=recon(invalid=5, box=70), registrants=None, checks=exact
    ).passed
    assert not run_checks(
        candidate_votes=65, recon=recon(invalid=5, box=71), registrants=None, checks=exact
    ).passed


def test_over_voting_inclusive_and_registrants_base() -> None:
    checks = only(CheckMethod.OVER_VOTING, value=5)
    r = recon(invalid=5)
    assert run_checks(candidate_votes=100, recon=r, registrants=100, checks=checks).passed
    assert not run_checks(candidate_votes=101, recon=r, registrants=100, checks=checks).passed
    pct = only(CheckMethod.OVER_VOTING, percentage=10)  # 10 % of R = 10
    outcome = run_checks(candidate_votes=105, recon=r, registrants=100, checks=pct).outcomes[0]
    assert outcome.passed
    assert outcome.base == 100
    assert outcome.tolerance == 10


def test_over_voting_skips_unknown_registrants_but_not_zero() -> None:
    checks = only(CheckMethod.OVER_VOTING)
    none = run_checks(candidate_votes=10, recon=recon(), registrants=None, checks=checks)
    assert none.passed
    assert not none.outcomes[0].applies
    zero = run_checks(candidate_votes=10, recon=recon(), registrants=0, checks=checks)
    assert not zero.passed
    no_station = run_checks(
        candidate_votes=10, recon=recon(), registrants=0, has_station=False, checks=checks
    )
    assert no_station.passed


def test_card_check_uses_recon_valid_votes_and_cards_base() -> None:
    checks = only(CheckMethod.CARD, percentage=5)
    # VV + I = 105, C = 100, tolerance 5: passes; candidate votes are irrelevant.
    ok = run_checks(
        candidate_votes=999,
        recon=recon(cards=100, valid=100, invalid=5),
        registrants=None,
        checks=checks,
    )
    assert ok.passed
    assert ok.outcomes[0].base == 100
    bad = run_checks(
        candidate_votes=0,
        recon=recon(cards=100, valid=101, invalid=5),
        registrants=None,
        checks=checks,
    )
    assert not bad.passed


def test_no_recon_no_checks() -> None:
    report = run_checks(candidate_votes=10_000, recon=None, registrants=1)
    assert report.passed
    assert all(not o.applies for o in report.outcomes)


def test_inactive_checks_do_not_run() -> None:
    checks = (
        QuarantineCheck(name="a", method=CheckMethod.OVER_VOTING, active=False),
        QuarantineCheck(name="b", method=CheckMethod.CARD),
    )
    report = run_checks(candidate_votes=1, recon=recon(cards=1), registrants=0, checks=checks)
    assert [o.check.name for o in report.outcomes] == ["b"]


def test_every_failure_is_listed() -> None:
    report = run_checks(
        candidate_votes=500, recon=recon(cards=1, valid=500, invalid=5, box=1), registrants=10
    )
    assert report.failed_names == ("Reconciliation Check", "Over-Voting Check", "Card Check")


def test_explain_states_inputs_tolerance_condition() -> None:
    outcome = run_checks(
        candidate_votes=65, recon=recon(invalid=5, box=80), registrants=None
    ).outcomes[0]
    text = outcome.explain()
    assert "FAILED" in text
    assert "V (candidate votes) = 65" in text
    assert "3% of V + I = 21/10" in text
    assert "|B - (V + I)| <= tolerance" in text
    fixed = run_checks(candidate_votes=1, recon=recon(invalid=1), registrants=10).outcomes[1]
    assert "5 (fixed value)" in fixed.explain()


def test_2014_triggers() -> None:
    r = ReconciliationForm2014(
        number_cancelled_ballots=2,
        number_unstamped_ballots=1,
        number_invalid_votes=3,
        number_ballots_inside_box=104,
    )
    # ballots used = 2 + 1 + 3 + 100 = 106 <= 100 + 10; expected = 100, |100 - 100| = 0.
    report = run_checks(candidate_votes=100, recon=r, registrants=96, checks=CHECKS_2014)
    assert report.passed
    report = run_checks(candidate_votes=100, recon=r, registrants=95, checks=CHECKS_2014)
    assert report.failed_names == ("Trigger 1 - Guard against overvoting",)
    # expected 100, V = 104: |4| <= 3 % of 102 = 3.06 fails.
    report = run_checks(candidate_votes=104, recon=r, registrants=None, checks=CHECKS_2014)
    assert report.failed_names == (CHECKS_2014[1].name,)
    assert report.failed[0].tolerance == Fraction(306, 100)


def test_layout_mismatch_is_refused() -> None:
    with pytest.raises(InconsistentValue) as info:
        run_checks(candidate_votes=1, recon=recon(), registrants=1, checks=CHECKS_2014)
    assert info.value.code == "results.recon_layout"


def test_config_refuses_duplicates_and_bad_percentages() -> None:
    with pytest.raises(InconsistentValue) as info:
        TallyConfig(checks=(DEFAULT_CHECKS[0], DEFAULT_CHECKS[0]))
    assert info.value.code == "results.check_duplicate"
    with pytest.raises(InvalidType) as bad:
        QuarantineCheck(name="x", method=CheckMethod.CARD, percentage=2.5)
    assert bad.value.code == "results.percentage"
    with pytest.raises(OutOfRange):
        QuarantineCheck(name="x", method=CheckMethod.CARD, percentage=-1)
    assert TallyConfig(checks=CHECKS_2014).checks == CHECKS_2014


counts = st.integers(0, 2_000)


@given(
    v=counts,
    i=counts,
    b=counts,
    vv=counts,
    c=counts,
    r=counts,
    value=st.integers(0, 20),
    pct=st.integers(0, 20),
)
def test_checks_match_the_formulas(
    v: int, i: int, b: int, vv: int, c: int, r: int, value: int, pct: int
) -> None:
    checks = (
        QuarantineCheck(name="r", method=CheckMethod.RECONCILIATION, value=value, percentage=pct),
        QuarantineCheck(name="o", method=CheckMethod.OVER_VOTING, value=value, percentage=pct),
        QuarantineCheck(name="c", method=CheckMethod.CARD, value=value, percentage=pct),
    )
    section = recon(cards=c, valid=vv, invalid=i, box=b)
    passed = [
        o.passed
        for o in run_checks(
            candidate_votes=v, recon=section, registrants=r, checks=checks
        ).outcomes
    ]

    def tol(base: int) -> Fraction:
        return Fraction(value) if value else Fraction(pct * base, 100)

    # Cross-multiplied integer forms of the same inequalities.
    assert passed[0] == (100 * abs(b - v - i) <= 100 * tol(v + i))
    assert passed[1] == (100 * (v + i) <= 100 * (r + tol(r)))
    assert passed[2] == (100 * (vv + i) <= 100 * (c + tol(c)))


def test_figures_beyond_the_ceiling_are_refused() -> None:
    """An outcome is assembled without its field checks only under the ceiling."""
    section = ReconciliationForm(number_invalid_votes=5, number_sorted_and_counted=80)
    report = run_checks(candidate_votes=65, recon=section, registrants=900)
    assert report.outcomes[0] == CheckOutcome(**attrs.asdict(report.outcomes[0], recurse=False))
    with pytest.raises(OutOfRange) as info:
        run_checks(candidate_votes=MAX_COUNT, recon=section, registrants=900)
    assert info.value.code == "range.ceiling"
