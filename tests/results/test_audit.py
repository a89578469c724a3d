"""Audit, clearance and recall: precedence, effects, the escape hatches."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from electoral.errors import InconsistentValue, MissingValue
from electoral.model import FormState, ReconciliationForm, ResultForm
from electoral.results import (
    ActionPrior,
    AuditResolution,
    ClearanceResolution,
    EntryVersion,
    FormRecord,
    RequestReason,
    RequestStatus,
    TallyConfig,
    TallySetup,
    WrongState,
    approve_recall,
    assign_center_station,
    audit_outcome,
    confirm_archive,
    create_audit,
    create_clearance,
    duplicate_results_to_clearance,
    enter_de1,
    enter_de2,
    implement_audit,
    implement_clearance,
    import_form,
    intake,
    qc_pass,
    reject_recall,
    request_recall,
    resolve_corrections,
    review_audit,
    review_clearance,
)
from electoral.testing import process_form

VOTES = {(117, 1): 10, (117, 2): 20, (117, 3): 30}


RECON = ReconciliationForm(
    number_of_voters=400,
    number_of_voter_cards_in_the_ballot_box=70,
    number_valid_votes=60,
    number_invalid_votes=5,
    number_sorted_and_counted=65,
)


def archived(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> FormRecord:
    return process_form(
        fresh, votes=VOTES, recon=RECON, setup=setup, config=TallyConfig(), now=now
    )


@pytest.mark.parametrize(
    ("resolution", "prior", "outcome"),
    [
        (
            AuditResolution.MAKE_AVAILABLE_FOR_ARCHIVE,
            ActionPrior.REQUEST_COPY_FROM_FIELD,
            "superadmin",
        ),
        (
            AuditResolution.SEND_TO_CLEARANCE,
            ActionPrior.REQUEST_AUDIT_ACTION_FROM_FIELD,
            "clearance",
        ),
        (
            AuditResolution.NO_PROBLEM_TO_DE_1,
            ActionPrior.REQUEST_COPY_FROM_FIELD,
            "wait_for_field",
        ),
        (AuditResolution.EMPTY, ActionPrior.PENDING_ADVICE, "de1"),
        (AuditResolution.OTHER_CORRECTION_TO_DE_1, ActionPrior.NONE_REQUIRED, "de1"),
    ],
)
def test_resolution_precedes_action_prior(
    resolution: AuditResolution, prior: ActionPrior, outcome: str
) -> None:
    assert audit_outcome(resolution, prior) == outcome


def audited(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> FormRecord:
    record = archived(fresh, setup, now)
    with pytest.raises(WrongState):
        create_audit(record, user="aud", now=now)
    return create_audit(record, user="aud", now=now, superadmin=True).record


def test_create_audit_rejects(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> None:
    record = audited(fresh, setup, now)
    assert record.state is FormState.AUDIT
    assert record.audited_count == 1
    assert record.reject_reason == "Audit case created by user: aud"
    assert record.active_votes(EntryVersion.FINAL) == {}


def test_audit_to_de1_and_to_clearance(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    record = audited(fresh, setup, now)
    with_review = review_audit(
        record,
        user="clerk",
        now=now,
        forward=True,
        resolution=AuditResolution.NO_PROBLEM_TO_DE_1,
        unclear_figures=True,
    ).record
    assert with_review.active_audit is not None
    assert with_review.active_audit.unclear_figures
    step = implement_audit(with_review, user="sup", now=now)
    assert step.record.state is FormState.DATA_ENTRY_1
    assert step.record.active_audit is None
    to_clear = review_audit(
        record, user="clerk", now=now, forward=True, resolution=AuditResolution.SEND_TO_CLEARANCE
    ).record
    step = implement_audit(to_clear, user="sup", now=now)
    assert step.record.state is FormState.CLEARANCE
    assert step.record.active_clearance is not None
    assert step.event.reason == "Audit action send to clearance by user: sup"


def test_wait_for_field(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> None:
    record = review_audit(
        audited(fresh, setup, now),
        user="c",
        now=now,
        forward=True,
        action_prior=ActionPrior.REQUEST_COPY_FROM_FIELD,
    ).record
    step = implement_audit(record, user="sup", now=now)
    assert step.record.state is FormState.AUDIT
    audit = step.record.active_audit
    assert audit is not None
    assert not audit.reviewed_supervisor


def test_make_available_for_archive_skips_checks_next_time(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    record = review_audit(
        audited(fresh, setup, now),
        user="c",
        now=now,
        forward=True,
        resolution=AuditResolution.MAKE_AVAILABLE_FOR_ARCHIVE,
    ).record
    with pytest.raises(InconsistentValue) as info:
        confirm_archive(record, user="admin", now=now)
    assert info.value.code == "results.not_for_superadmin"
    waiting = implement_audit(record, user="sup", now=now).record
    assert waiting.state is FormState.AUDIT
    assert waiting.active_audit is not None
    assert waiting.active_audit.for_superadmin
    step = confirm_archive(waiting, user="admin", now=now)
    assert step.record.state is FormState.DATA_ENTRY_1
    assert step.record.skip_quarantine_checks
    assert step.record.audits[-1].resolution is AuditResolution.MAKE_AVAILABLE_FOR_ARCHIVE
    # Re-entered with figures that would fail every check, it still passes QC.
    tiny = attrs.evolve(setup.stations[(31001, 1)], registrants=1)
    small = attrs.evolve(setup, stations={**setup.stations, (31001, 1): tiny})
    again = step.record
    again = enter_de1(again, votes=VOTES, recon=RECON, setup=small, user="a", now=now).record
    again = enter_de2(again, votes=VOTES, recon=RECON, setup=small, user="b", now=now).record
    again = resolve_corrections(again, user="c", now=now).record
    qc = qc_pass(again, config=TallyConfig(), setup=small, user="q", now=now)
    assert qc.report is not None
    assert qc.report.skipped
    assert qc.record.active_audit is None


def test_clearance_resolutions(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> None:
    record = create_clearance(fresh, user="cl", now=now).record
    assert record.state is FormState.CLEARANCE
    with pytest.raises(InconsistentValue):
        implement_clearance(attrs.evolve(record, clearances=()), user="s", now=now)

    def decide(resolution: ClearanceResolution) -> FormRecord:
        reviewed = review_clearance(
            record, user="cl", now=now, forward=True, resolution=resolution
        ).record
        return implement_clearance(reviewed, user="sup", now=now).record

    pending = decide(ClearanceResolution.PENDING_FIELD_INPUT)
    assert pending.state is FormState.CLEARANCE
    assert pending.active_clearance is not None
    parked = decide(ClearanceResolution.PASS_TO_ADMINISTRATOR)
    assert parked.state is FormState.CLEARANCE
    assert parked.active_clearance is None
    reset = decide(ClearanceResolution.RESET_TO_PREINTAKE)
    assert reset.state is FormState.UNSUBMITTED
    assert not reset.skip_all_zero_votes_check
    skip = decide(ClearanceResolution.RESET_PREINTAKE_SKIP_ZERO_CHECK)
    assert skip.state is FormState.UNSUBMITTED
    assert skip.skip_all_zero_votes_check


def test_replacement_loses_centre_on_reset(setup: TallySetup, now: dt.datetime) -> None:
    record = import_form(
        ResultForm(barcode="99990001001", ballot_number=118), user="s", now=now
    ).record
    record = intake(record, setup=setup, others=(), user="c", now=now).record
    record = assign_center_station(
        record,
        center_number="31001",
        center_copy="31001",
        station_number="1",
        station_copy="1",
        setup=setup,
        others=(),
        user="c",
        now=now,
    ).record
    record = create_clearance(record, user="c", now=now).record
    record = review_clearance(
        record, user="c", now=now, forward=True, resolution=ClearanceResolution.RESET_TO_PREINTAKE
    ).record
    record = implement_clearance(record, user="s", now=now).record
    assert record.form.center_id is None
    assert record.form.gender is None


def test_duplicate_results_to_clearance(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    with pytest.raises(InconsistentValue) as info:
        duplicate_results_to_clearance(archived(fresh, setup, now), user="a", now=now)
    assert info.value.code == "results.archived_to_clearance"
    step = duplicate_results_to_clearance(fresh, user="a", now=now)
    assert step.record.state is FormState.CLEARANCE
    assert step.record.duplicate_reviewed


def test_recall_from_archive(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> None:
    with pytest.raises(InconsistentValue) as info:
        request_recall(
            fresh, request_id="r0", requester="a", reason=RequestReason.OTHER, comment=""
        )
    assert info.value.code == "results.recall_not_archived"
    record = archived(fresh, setup, now)
    request = request_recall(
        record,
        request_id="r1",
        requester="a",
        reason=RequestReason.DATA_ENTRY_ERROR,
        comment="typo",
    )
    with pytest.raises(InconsistentValue) as info:
        request_recall(
            record,
            request_id="r2",
            requester="a",
            reason=RequestReason.OTHER,
            comment="",
            requests=(request,),
        )
    assert info.value.code == "results.recall_pending_exists"
    with pytest.raises(MissingValue):
        approve_recall(record, request, approver="tm", comment="", now=now)
    step, approved = approve_recall(record, request, approver="tm", comment="ok", now=now)
    assert approved.status is RequestStatus.APPROVED
    assert step.record.state is FormState.AUDIT
    old_final = [e for e in step.record.results if e.version is EntryVersion.FINAL]
    assert {e.deactivated_by for e in old_final} == {"recall:r1"}
    with pytest.raises(InconsistentValue) as info:
        reject_recall(record, approved, approver="tm", comment="no", now=now)
    assert info.value.code == "results.recall_not_pending"
    refused = reject_recall(record, request, approver="tm", comment="no", now=now)
    assert refused.status is RequestStatus.REJECTED
