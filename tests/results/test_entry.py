"""Data entry, the DE1 gate, the double-entry comparison, corrections and QC."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from electoral.errors import InconsistentValue, MissingValue, ValidationErrors
from electoral.model import FormState, Gender, ReconciliationForm, ResultForm
from electoral.results import (
    EntryVersion,
    FormRecord,
    TallyConfig,
    TallySetup,
    compare_entries,
    enter_de1,
    enter_de2,
    import_form,
    intake,
    intake_match,
    qc_pass,
    qc_print,
    qc_reject,
    recon_problems,
    reject_corrections,
    resolve_corrections,
)

VOTES = {(117, 1): 10, (117, 2): 20, (117, 3): 30}
RECON = ReconciliationForm(
    number_of_voters=400,
    number_of_voter_cards_in_the_ballot_box=70,
    number_valid_votes=60,
    number_invalid_votes=5,
    number_sorted_and_counted=65,
)


def de1(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> FormRecord:
    record = intake(fresh, setup=setup, others=(), user="i", now=now).record
    return intake_match(record, user="i", now=now).record


def both(
    fresh: FormRecord,
    setup: TallySetup,
    now: dt.datetime,
    second: dict[tuple[int, int], int] | None = None,
    recon2: ReconciliationForm = RECON,
) -> FormRecord:
    record = de1(fresh, setup, now)
    record = enter_de1(record, votes=VOTES, recon=RECON, setup=setup, user="a", now=now).record
    return enter_de2(
        record, votes=second or VOTES, recon=recon2, setup=setup, user="b", now=now
    ).record


def test_de1_all_zero_goes_to_clearance(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    record = de1(fresh, setup, now)
    zeros = {(117, 1): 0, (117, 2): None, (117, 3): 0}
    step = enter_de1(record, votes=zeros, recon=RECON, setup=setup, user="a", now=now)
    assert step.record.state is FormState.CLEARANCE
    assert step.event.transition == "de1_to_clearance"
    assert step.record.rejected_count == 1
    assert step.record.active_clearance is not None
    # The sticky flag lets all-zero votes through.
    flagged = attrs.evolve(record, skip_all_zero_votes_check=True)
    step = enter_de1(
        flagged, votes=dict.fromkeys(VOTES, 0), recon=RECON, setup=setup, user="a", now=now
    )
    assert step.record.state is FormState.DATA_ENTRY_2


@pytest.mark.parametrize(
    "recon",
    [
        None,
        ReconciliationForm(),
        {"number_of_voters": 1},
        {
            "number_of_voters": 1,
            "number_of_voter_cards_in_the_ballot_box": -1,
            "number_valid_votes": 1,
            "number_invalid_votes": 1,
            "number_sorted_and_counted": 1,
        },
    ],
)
def test_de1_invalid_recon_goes_to_clearance(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime, recon: object
) -> None:
    record = de1(fresh, setup, now)
    step = enter_de1(record, votes=VOTES, recon=recon, setup=setup, user="a", now=now)  # type: ignore[arg-type]
    assert step.record.state is FormState.CLEARANCE


def test_de1_recon_mapping_accepted(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    record = de1(fresh, setup, now)
    typed = attrs.asdict(RECON)
    step = enter_de1(record, votes=VOTES, recon=typed, setup=setup, user="a", now=now)
    assert step.record.active_recon(EntryVersion.DATA_ENTRY_1) == RECON


def test_de1_reports_every_problem(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> None:
    record = de1(fresh, setup, now)
    votes = {(117, 1): 5, (117, 2): None, (117, 9): 1, (117, 3): -2}
    with pytest.raises(ValidationErrors) as info:
        enter_de1(record, votes=votes, recon=RECON, setup=setup, user="a", now=now)
    codes = sorted(info.value.codes)
    assert codes == [
        "range",
        "results.missing_votes",
        "results.missing_votes",
        "results.unknown_candidate",
    ]


def test_de2_has_no_zero_gate(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> None:
    record = de1(fresh, setup, now)
    record = enter_de1(record, votes=VOTES, recon=RECON, setup=setup, user="a", now=now).record
    step = enter_de2(
        record, votes=dict.fromkeys(VOTES, 0), recon=RECON, setup=setup, user="b", now=now
    )
    assert step.record.state is FormState.CORRECTION
    with pytest.raises(ValidationErrors) as info:
        enter_de2(record, votes=VOTES, recon=ReconciliationForm(), setup=setup, user="b", now=now)
    assert info.value.codes == ("results.recon_all_zero",)


def test_ocv_form_needs_no_recon(setup: TallySetup, now: dt.datetime) -> None:
    form = ResultForm(
        barcode="80001001117",
        ballot_number=117,
        center_id=80001,
        station_number=1,
        gender=Gender.MALE,
    )
    record = de1(import_form(form, user="s", now=now).record, setup, now)
    step = enter_de1(record, votes=VOTES, recon=None, setup=setup, user="a", now=now)
    assert step.record.state is FormState.DATA_ENTRY_2
    with pytest.raises(ValidationErrors) as info:
        enter_de2(step.record, votes=VOTES, recon=RECON, setup=setup, user="b", now=now)
    assert info.value.codes == ("results.recon_not_expected",)


def test_match_final_from_de2_and_recon_from_de1(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    record = both(fresh, setup, now)
    comparison = compare_entries(record)
    assert comparison.matches  # different users, same numbers and notes
    step = resolve_corrections(record, user="c", now=now)
    assert step.event.transition == "correction_match"
    assert step.record.state is FormState.QUALITY_CONTROL
    assert step.record.active_votes(EntryVersion.FINAL) == VOTES
    assert step.record.active_recon(EntryVersion.FINAL) == RECON


def test_value_mismatch_needs_every_choice(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    second = {**VOTES, (117, 2): 21}
    recon2 = attrs.evolve(RECON, notes="torn", number_invalid_votes=6)
    record = both(fresh, setup, now, second, recon2)
    comparison = compare_entries(record)
    assert comparison.mismatched == ((117, 2),)
    assert comparison.recon_mismatched == ("number_invalid_votes", "notes")
    with pytest.raises(InconsistentValue) as info:
        resolve_corrections(record, user="c", now=now, choices={(117, 2): 20})
    assert info.value.code == "results.corrections_incomplete"
    step = resolve_corrections(
        record,
        user="c",
        now=now,
        choices={(117, 2): 20},
        recon_choices={"number_invalid_votes": 5, "notes": ""},
    )
    assert step.event.transition == "correction_resolve"
    assert step.record.active_votes(EntryVersion.FINAL) == VOTES
    assert step.record.active_recon(EntryVersion.FINAL) == RECON


def test_count_mismatch_returns_to_de1(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    record = both(fresh, setup, now)
    extra = [e for e in record.results if e.version is EntryVersion.DATA_ENTRY_2][:1]
    record = attrs.evolve(
        record, results=record.results + tuple(attrs.evolve(e, candidate=(118, 1)) for e in extra)
    )
    step = resolve_corrections(record, user="c", now=now)
    assert step.record.state is FormState.DATA_ENTRY_1
    assert step.event.transition == "correction_count_mismatch"
    assert "Unexpected number of results" in step.event.reason
    assert not any(e.active for e in step.record.results)


def test_no_double_entries(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> None:
    record = both(fresh, setup, now)
    only_de1 = attrs.evolve(
        record, results=tuple(e for e in record.results if e.version is EntryVersion.DATA_ENTRY_1)
    )
    with pytest.raises(InconsistentValue) as info:
        compare_entries(only_de1)
    assert info.value.code == "results.no_double_entries"


def test_reject_corrections(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> None:
    step = reject_corrections(both(fresh, setup, now), user="c", now=now)
    assert step.record.state is FormState.DATA_ENTRY_1
    assert all(not e.active for e in step.record.results)
    assert step.record.results  # kept


def at_qc(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> FormRecord:
    return resolve_corrections(both(fresh, setup, now), user="c", now=now).record


def test_qc_pass_and_print_archives(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    record = at_qc(fresh, setup, now)
    with pytest.raises(InconsistentValue) as info:
        qc_print(record, user="q", now=now)
    assert info.value.code == "results.qc_not_passed"
    step = qc_pass(record, config=TallyConfig(), setup=setup, user="q", now=now)
    assert step.report is not None
    assert step.report.passed
    assert step.record.active_audit is None
    assert qc_print(step.record, user="q", now=now).record.state is FormState.ARCHIVED


def test_failed_checks_open_one_audit(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    record = at_qc(fresh, setup, now)
    station = attrs.evolve(setup.stations[(31001, 1)], registrants=10)
    small = attrs.evolve(setup, stations={**setup.stations, (31001, 1): station})
    step = qc_pass(record, config=TallyConfig(), setup=small, user="q", now=now)
    audit = step.record.active_audit
    assert audit is not None
    assert audit.failed_checks == ("Over-Voting Check",)
    assert step.record.audited_count == 1
    assert step.record.active_votes(EntryVersion.FINAL) == VOTES  # not deactivated
    assert qc_print(step.record, user="q", now=now).record.state is FormState.AUDIT


def test_qc_reject_needs_reason_when_released(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    record = at_qc(fresh, setup, now)
    released = setup.ballots[117]
    assert released.available_for_release
    with pytest.raises(MissingValue) as info:
        qc_reject(record, ballot=released, user="q", now=now)
    assert info.value.code == "results.reason_required"
    step = qc_reject(record, ballot=released, user="q", now=now, reason="smudged")
    assert step.record.state is FormState.DATA_ENTRY_1
    assert step.record.reject_reason == "smudged"
    unreleased = attrs.evolve(released, available_for_release=False)
    assert qc_reject(record, ballot=unreleased, user="q", now=now).record.rejected_count == 1


def test_a_recon_mapping_with_an_unknown_key_is_refused_with_a_code(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    """The key used to reach ``ReconciliationForm(**mapping)`` and raise ``TypeError``."""
    record = de1(fresh, setup, now)
    typed: dict[Any, object] = dict(attrs.asdict(RECON))
    typed.update({"number_of_ghosts": 3, 7: 1})
    with pytest.raises(ValidationErrors) as excinfo:
        enter_de1(record, votes=VOTES, recon=typed, setup=setup, user="a", now=now)
    errors = excinfo.value.errors
    assert [e.code for e in errors] == ["results.recon_unknown_field"] * 2
    assert [e.value for e in errors] == ["number_of_ghosts", 7]
    assert [e.location for e in errors] == ["$.recon['number_of_ghosts']", "$.recon[7]"]
    assert recon_problems(typed) == ()  # not a reason to send the form to clearance
    clean = {str(k): v for k, v in typed.items() if k in attrs.asdict(RECON)}
    step = enter_de1(record, votes=VOTES, recon=clean, setup=setup, user="a", now=now)
    assert step.record.active_recon(EntryVersion.DATA_ENTRY_1) == RECON
