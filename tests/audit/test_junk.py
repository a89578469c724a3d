"""Junk through every public callable of the audit chapter.

A wrong Python object is a :class:`TypeError` naming the parameter; a wrong value is
one of the library's typed errors with a code. Never an AttributeError, KeyError or
IndexError from inside.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import electoral.audit as audit
from electoral.audit import Batch, Contest, HandCount, plan_audit
from electoral.errors import ValidationError, ValidationErrors
from electoral.seats import PluralityRule

SEED = "11111111112222222222"


def _contest() -> Contest:
    return Contest(
        id="r",
        rule=PluralityRule(),
        seats=1,
        batches=[Batch(id=f"F{n}", votes={"A": 60, "B": 40}, ballots=100) for n in range(30)],
    )


def _plan() -> audit.AuditPlan:
    return plan_audit(_contest(), risk_limit="0.1", seed=SEED)


JUNK: list[object] = [None, 5, 1.5, "text", b"bytes", [1, 2], {"a": 1}, object(), True]

BATCHES = _contest().batches
RULE = PluralityRule()


def _contest_with(**options: Any) -> Contest:
    fields: dict[str, Any] = {"id": "r", "rule": RULE, "seats": 1, "batches": BATCHES}
    return Contest(**(fields | options))


def _plan_with(**options: Any) -> audit.AuditPlan:
    fields: dict[str, Any] = {"risk_limit": "0.1", "seed": SEED}
    return plan_audit(options.pop("contest", _contest()), **(fields | options))


def _one_pair() -> audit.Assertion:
    return audit.pairwise("A", "B", {"A": 1})


# (name, call taking the junk, parameter named in a TypeError)
CALLS: list[tuple[str, Callable[[Any], object], str]] = [
    ("Batch.id", lambda j: Batch(id=j, votes={}, ballots=0), "batch"),
    ("Batch.votes", lambda j: Batch(id="F", votes=j, ballots=0), "votes"),
    ("Batch.ballots", lambda j: Batch(id="F", votes={}, ballots=j), "ballots"),
    ("Contest.rule", lambda j: _contest_with(rule=j), "rule"),
    ("Contest.batches", lambda j: _contest_with(batches=j), "batches"),
    ("Contest.seats", lambda j: _contest_with(seats=j), "seats"),
    ("Contest.lots", lambda j: _contest_with(lots=j), "lots"),
    ("Contest.caps", lambda j: _contest_with(caps=j), "caps"),
    ("Contest.candidates", lambda j: _contest_with(candidates=j), "candidates"),
    ("Contest.outcome", lambda j: _contest().outcome(j), "votes"),
    ("assertions", lambda j: audit.assertions(j), "contest"),
    ("error_bounds", lambda j: audit.error_bounds(j), "contest"),
    ("pairwise", lambda j: audit.pairwise("A", "B", j), "reported"),
    ("supermajority", lambda j: audit.supermajority("A", ["A", "B"], j), "share"),
    ("seats_won", lambda j: audit.seats_won(j), "outcome"),
    ("plan_audit.contest", lambda j: _plan_with(contest=j), "contest"),
    ("plan_audit.risk_limit", lambda j: _plan_with(risk_limit=j), "risk_limit"),
    ("plan_audit.seed", lambda j: _plan_with(seed=j), "seed"),
    ("plan_audit.method", lambda j: _plan_with(method=j), "method"),
    ("plan_audit.expected", lambda j: _plan_with(expected_overstatement=j), "expected"),
    ("evaluate_audit.plan", lambda j: audit.evaluate_audit(j, []), "plan"),
    ("evaluate_audit.counts", lambda j: audit.evaluate_audit(_plan(), j), "counts"),
    ("HandCount.votes", lambda j: HandCount(batch="F1", votes=j), "votes"),
    ("HandCount.ballots", lambda j: HandCount(batch="F1", votes={}, ballots=j), "ballots"),
    ("BallotRead.position", lambda j: audit.BallotRead(batch="F1", position=j), "position"),
    ("BallotRead.vote", lambda j: audit.BallotRead(batch="F1", position=1, vote=j), "vote"),
    ("Draw.number", lambda j: audit.Draw(number=j, batch="F1"), "number"),
    ("sample_uniform.seed", lambda j: audit.sample_uniform(j, 10, 1), "seed"),
    ("sample_uniform.total", lambda j: audit.sample_uniform("0", j, 1), "total"),
    ("sample_weighted.weights", lambda j: audit.sample_weighted("0", j, 1), "weights"),
    ("draw_number", lambda j: audit.draw_number("0", j), "index"),
    ("contest_seed", lambda j: audit.contest_seed("0", j), "contest"),
    ("check_seed", lambda j: audit.check_seed(j), "seed"),
    ("check_risk_limit", lambda j: audit.check_risk_limit(j), "risk_limit"),
    ("contests_from_results.rows", lambda j: audit.contests_from_results(j, {}), "rows"),
    ("contests_from_results.races", lambda j: audit.contests_from_results([], j), "races"),
    ("read_races", lambda j: audit.read_races(j), "source"),
    ("read_results.races", lambda j: audit.read_results(io.StringIO(""), j), "races"),
    ("read_hand_counts.plans", lambda j: audit.read_hand_counts(io.StringIO(""), j), "plans"),
    ("write_races", lambda j: audit.write_races(j), "races"),
    ("write_draws", lambda j: audit.write_draws(j), "plans"),
    ("hand_count_sheet", lambda j: audit.hand_count_sheet(j), "plans"),
    ("plans_json", lambda j: audit.plans_json(j), "plans"),
    ("evaluations_json", lambda j: audit.evaluations_json(j), "evaluations"),
    ("plans_from_json", lambda j: audit.plans_from_json(j), "source"),
    ("risk_text", lambda j: audit.risk_text(j), "value"),
    ("Assertion.value", lambda j: _one_pair().value(j), "votes"),
    (
        "Assertion.coefficients",
        lambda j: audit.Assertion(kind="pairwise", winner="A", loser="B", coefficients=j),
        "coefficients",
    ),
]


def _raised(call: Callable[[Any], object], junk: object) -> BaseException | None:
    try:
        call(junk)
    except (TypeError, ValidationError, ValidationErrors) as error:
        return error
    return None  # some junk is a fine value for some parameters (a str as a seed text)


@pytest.mark.parametrize(("name", "call", "parameter"), CALLS, ids=[c[0] for c in CALLS])
@pytest.mark.parametrize("junk", JUNK, ids=[type(j).__name__ for j in JUNK])
def test_junk_gives_a_type_error_naming_the_parameter_or_a_coded_error(
    name: str, call: Callable[[Any], object], parameter: str, junk: object
) -> None:
    error = _raised(call, junk)
    if isinstance(error, ValidationErrors):
        assert error.codes, name
    elif isinstance(error, ValidationError):
        assert error.code, name
    elif error is not None:
        assert parameter in str(error), (name, str(error))


JSON = st.recursive(
    st.none() | st.integers() | st.text(max_size=5) | st.floats(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(JSON)
def test_any_json_shape_in_a_plan_file_is_a_coded_error(data: object) -> None:
    import json

    text = json.dumps({"format": "electoral.audit.plan/1", "plans": [data]})
    with contextlib.suppress(ValidationError, ValidationErrors):
        audit.plans_from_json(text)


@given(st.text(max_size=300))
def test_any_results_text_is_read_or_refused_with_codes(text: str) -> None:
    races = audit.read_races(io.StringIO("ballot,race,rule,seats\n1,r,plurality,1\n"))
    header = "ballot,center,station,barcode,candidate_id,votes\n"
    with contextlib.suppress(ValidationErrors):
        audit.read_results(io.StringIO(header + text), races)


def test_risk_limit_decimal_and_fraction_forms_agree() -> None:
    from decimal import Decimal

    assert (
        audit.check_risk_limit(Decimal("0.05"))
        == audit.check_risk_limit("1/20")
        == Fraction(1, 20)
    )
