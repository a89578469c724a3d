"""Private: audit, clearance and recall from archive.

**Audit supervisor "implement"** applies the first matching rule — the
resolution takes precedence over the action taken before it:

1. MAKE_AVAILABLE_FOR_ARCHIVE: the case waits for the super admin
   (``for_superadmin``); the form stays in AUDIT. The super admin's
   :func:`confirm_archive` rejects it to DE1 and sets the sticky
   ``skip_quarantine_checks``: "make available for archive" means "re-enter,
   then skip the quarantine checks", not "archive now".
2. SEND_TO_CLEARANCE: reject to CLEARANCE, a clearance case opens.
3. action prior REQUEST_AUDIT_ACTION_FROM_FIELD or REQUEST_COPY_FROM_FIELD: the
   case stays open, waiting for the field.
4. otherwise: reject to DE1.

**Clearance supervisor "implement"**: PENDING_FIELD_INPUT keeps the case open;
RESET_TO_PREINTAKE (and RESET_PREINTAKE_SKIP_ZERO_CHECK, which also sets the
sticky ``skip_all_zero_votes_check``) sends the form to UNSUBMITTED, and a
replacement form loses its centre, station and gender; PASS_TO_ADMINISTRATOR
and EMPTY close the case and **leave the form in CLEARANCE** for an
administrator.

Sources: Tally-Ho ``views/audit.py`` ``audit_action``, ``views/clearance.py``
``clearance_action``, ``views/workflow.py``, ``views/super_admin.py``
(onaio/tally-ho at commit ``acbe4f4``).

>>> audit_outcome(AuditResolution.SEND_TO_CLEARANCE, ActionPrior.REQUEST_COPY_FROM_FIELD)
'clearance'
>>> audit_outcome(AuditResolution.NO_PROBLEM_TO_DE_1, ActionPrior.REQUEST_COPY_FROM_FIELD)
'wait_for_field'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final

import attrs

from electoral._guard import guarded
from electoral.errors import InconsistentValue, MissingValue
from electoral.model import FormState
from electoral.results._lifecycle import (
    Step,
    finish,
    guard,
    new_clearance,
    reject,
    with_state,
)
from electoral.results._records import (
    ActionPrior,
    AuditRecord,
    AuditResolution,
    ClearanceRecord,
    ClearanceResolution,
    FormRecord,
    RecallRequest,
    RequestReason,
    RequestStatus,
)

__all__ = [
    "approve_recall",
    "audit_outcome",
    "confirm_archive",
    "create_audit",
    "create_clearance",
    "duplicate_results_to_clearance",
    "implement_audit",
    "implement_clearance",
    "reject_recall",
    "request_recall",
    "review_audit",
    "review_clearance",
]


@guarded
def audit_outcome(resolution: AuditResolution, action_prior: ActionPrior) -> str:
    """Which rule "implement" applies: ``superadmin``, ``clearance``, ``wait_for_field``, ``de1``.

    Resolution first, then action prior (Tally-Ho ``audit_action``).
    """
    if resolution is AuditResolution.MAKE_AVAILABLE_FOR_ARCHIVE:
        return "superadmin"
    if resolution is AuditResolution.SEND_TO_CLEARANCE:
        return "clearance"
    if action_prior in (
        ActionPrior.REQUEST_AUDIT_ACTION_FROM_FIELD,
        ActionPrior.REQUEST_COPY_FROM_FIELD,
    ):
        return "wait_for_field"
    return "de1"


def _replace_active(items: tuple[Any, ...], new: Any) -> tuple[Any, ...]:
    for index in range(len(items) - 1, -1, -1):
        if items[index].active:
            return (*items[:index], new, *items[index + 1 :])
    return (*items, new)


@guarded
def create_audit(
    record: FormRecord, *, user: str, now: dt.datetime, superadmin: bool = False
) -> Step:
    """Transition 20: "Create Audit" by barcode -> AUDIT by reject; ``audited_count`` + 1.

    A super admin may also audit an ARCHIVED form.
    """
    guard(record, "create_audit", superadmin=superadmin)
    reason = f"Audit case created by user: {user}"
    new = reject(
        record,
        FormState.AUDIT,
        reason,
        by="create_audit",
        audits=(*record.audits, AuditRecord(user=user)),
        audited_count=record.audited_count + 1,
    )
    return finish(record, new, "create_audit", user=user, now=now, reason=reason)


@guarded
def review_audit(
    record: FormRecord,
    *,
    user: str,
    now: dt.datetime,
    forward: bool,
    resolution: AuditResolution = AuditResolution.EMPTY,
    action_prior: ActionPrior = ActionPrior.EMPTY,
    comment: str = "",
    **problems: Any,
) -> Step:
    """The audit clerk saves a review: problems, action prior, recommendation.

    ``forward`` sets ``reviewed_team`` (else it is cleared). With no active case
    one is opened and ``audited_count`` goes up by one. ``problems`` are the
    :class:`AuditRecord` flags (``blank_results=True``, ``other="..."``).
    """
    guard(record, "audit_review")
    current = record.active_audit
    changes: dict[str, Any] = {}
    if current is None:
        current = AuditRecord(user=user)
        changes["audited_count"] = record.audited_count + 1
    updated = attrs.evolve(
        current,
        resolution=resolution,
        action_prior=action_prior,
        team_comment=comment,
        reviewed_team=forward,
        **problems,
    )
    new = attrs.evolve(record, audits=_replace_active(record.audits, updated), **changes)
    return finish(record, new, "audit_review", user=user, now=now, reason=comment)


@guarded
def implement_audit(record: FormRecord, *, user: str, now: dt.datetime, comment: str = "") -> Step:
    """Transitions 22-23: the audit supervisor implements the recommendation (see module).

    Raises:
        InconsistentValue: ``results.no_active_audit``.
    """
    guard(record, "audit_implement")
    audit = record.active_audit
    if audit is None:
        raise InconsistentValue("results.no_active_audit", field="audit", value=record.barcode)
    outcome = audit_outcome(audit.resolution, audit.action_prior)
    done = attrs.evolve(
        audit, reviewed_supervisor=True, supervisor=user, supervisor_comment=comment
    )
    if outcome == "superadmin":
        done = attrs.evolve(done, for_superadmin=True)
        new = attrs.evolve(record, audits=_replace_active(record.audits, done))
        reason = "Awaiting super admin approval for archive."
    elif outcome == "wait_for_field":
        done = attrs.evolve(done, reviewed_supervisor=False)
        new = attrs.evolve(record, audits=_replace_active(record.audits, done))
        reason = "Waiting for input from the field."
    elif outcome == "clearance":
        reason = f"Audit action send to clearance by user: {user}"
        new = reject(
            record,
            FormState.CLEARANCE,
            reason,
            by="audit_implement",
            audits=_replace_active(record.audits, attrs.evolve(done, active=False)),
            clearances=(*record.clearances, new_clearance(user, reason)),
        )
    else:
        reason = f"Audit action implemented by user: {user}"
        new = reject(
            record,
            FormState.DATA_ENTRY_1,
            reason,
            by="audit_implement",
            audits=_replace_active(record.audits, attrs.evolve(done, active=False)),
        )
    return finish(record, new, "audit_implement", user=user, now=now, reason=reason)


@guarded
def confirm_archive(record: FormRecord, *, user: str, now: dt.datetime) -> Step:
    """Transition 24: the super admin confirms "make available for archive".

    Reject to DE1; ``skip_quarantine_checks`` becomes true for good; the audit
    closes and keeps its resolution.

    Raises:
        InconsistentValue: ``results.not_for_superadmin``.
    """
    guard(record, "audit_confirm_archive")
    audit = record.active_audit
    if (
        audit is None
        or not audit.for_superadmin
        or audit.resolution is not AuditResolution.MAKE_AVAILABLE_FOR_ARCHIVE
    ):
        raise InconsistentValue("results.not_for_superadmin", field="audit", value=record.barcode)
    reason = f"Made available for archive by user: {user}"
    new = reject(
        record,
        FormState.DATA_ENTRY_1,
        reason,
        by="audit_confirm_archive",
        audits=_replace_active(record.audits, attrs.evolve(audit, active=False)),
        skip_quarantine_checks=True,
    )
    return finish(record, new, "audit_confirm_archive", user=user, now=now, reason=reason)


@guarded
def create_clearance(
    record: FormRecord, *, user: str, now: dt.datetime, superadmin: bool = False
) -> Step:
    """Transition 25: "Create Clearance" by barcode -> CLEARANCE by reject."""
    guard(record, "create_clearance", superadmin=superadmin)
    reason = f"Clearance case created by user: {user}"
    new = reject(
        record,
        FormState.CLEARANCE,
        reason,
        by="create_clearance",
        clearances=(*record.clearances, new_clearance(user, reason)),
        date_seen=now,
    )
    return finish(record, new, "create_clearance", user=user, now=now, reason=reason)


@guarded
def review_clearance(
    record: FormRecord,
    *,
    user: str,
    now: dt.datetime,
    forward: bool,
    resolution: ClearanceResolution = ClearanceResolution.EMPTY,
    action_prior: ActionPrior = ActionPrior.EMPTY,
    comment: str = "",
    **problems: Any,
) -> Step:
    """The clearance clerk saves a review; "forward" sets ``reviewed_team``, "return" clears both.

    ``problems`` are the :class:`ClearanceRecord` flags. Opens a case if none is active.
    """
    guard(record, "clearance_review")
    current = record.active_clearance or ClearanceRecord(user=user)
    updated = attrs.evolve(
        current,
        resolution=resolution,
        action_prior=action_prior,
        team_comment=comment,
        reviewed_team=forward,
        reviewed_supervisor=current.reviewed_supervisor if forward else False,
        **problems,
    )
    new = attrs.evolve(record, clearances=_replace_active(record.clearances, updated))
    return finish(record, new, "clearance_review", user=user, now=now, reason=comment)


@guarded
def implement_clearance(
    record: FormRecord, *, user: str, now: dt.datetime, comment: str = ""
) -> Step:
    """Transition 26: the clearance supervisor implements the recommendation (see module).

    Raises:
        InconsistentValue: ``results.no_active_clearance``.
    """
    guard(record, "clearance_implement")
    case = record.active_clearance
    if case is None:
        raise InconsistentValue(
            "results.no_active_clearance", field="clearance", value=record.barcode
        )
    done = attrs.evolve(
        case, reviewed_supervisor=True, active=False, supervisor=user, supervisor_comment=comment
    )
    resolution = case.resolution
    if resolution is ClearanceResolution.PENDING_FIELD_INPUT:
        done = attrs.evolve(done, active=True, reviewed_supervisor=False)
    clearances = _replace_active(record.clearances, done)
    if resolution in (
        ClearanceResolution.RESET_TO_PREINTAKE,
        ClearanceResolution.RESET_PREINTAKE_SKIP_ZERO_CHECK,
    ):
        form = record.form
        if form.is_replacement:
            form = attrs.evolve(form, center_id=None, station_number=None, gender=None)
        new = with_state(
            attrs.evolve(record, form=form),
            FormState.UNSUBMITTED,
            clearances=clearances,
            duplicate_reviewed=False,
            date_seen=now,
            skip_all_zero_votes_check=record.skip_all_zero_votes_check
            or resolution is ClearanceResolution.RESET_PREINTAKE_SKIP_ZERO_CHECK,
        )
    else:
        new = attrs.evolve(record, clearances=clearances, date_seen=now)
    return finish(record, new, "clearance_implement", user=user, now=now, reason=resolution.value)


DUPLICATE_RESULTS_REASON: Final = "Form has duplicate results."


@guarded
def duplicate_results_to_clearance(record: FormRecord, *, user: str, now: dt.datetime) -> Step:
    """Transition 27: the super admin sends a form with duplicate results to CLEARANCE.

    Raises:
        InconsistentValue: ``results.archived_to_clearance`` for an ARCHIVED form.
    """
    if record.state is FormState.ARCHIVED:
        raise InconsistentValue(
            "results.archived_to_clearance", field="form_state", value=record.barcode
        )
    guard(record, "duplicate_results_to_clearance")
    new = reject(
        record,
        FormState.CLEARANCE,
        DUPLICATE_RESULTS_REASON,
        by="duplicate_results_to_clearance",
        clearances=(*record.clearances, new_clearance(user, DUPLICATE_RESULTS_REASON)),
        duplicate_reviewed=True,
    )
    return finish(
        record,
        new,
        "duplicate_results_to_clearance",
        user=user,
        now=now,
        reason=DUPLICATE_RESULTS_REASON,
    )


@guarded
def request_recall(
    record: FormRecord,
    *,
    request_id: str,
    requester: str,
    reason: RequestReason,
    comment: str,
    requests: Iterable[RecallRequest] = (),
) -> RecallRequest:
    """Ask to recall an ARCHIVED form to audit; at most one PENDING request per form.

    Raises:
        InconsistentValue: ``results.recall_not_archived``,
            ``results.recall_pending_exists``.
    """
    if record.state is not FormState.ARCHIVED:
        raise InconsistentValue(
            "results.recall_not_archived", field="form_state", value=record.barcode
        )
    for other in requests:
        if other.barcode == record.barcode and other.status is RequestStatus.PENDING:
            raise InconsistentValue(
                "results.recall_pending_exists", field="barcode", value=record.barcode
            )
    return RecallRequest(
        request_id=request_id,
        barcode=record.barcode,
        requester=requester,
        reason=reason,
        comment=comment,
    )


def _resolvable(record: FormRecord, request: RecallRequest) -> None:
    if request.status is not RequestStatus.PENDING:
        raise InconsistentValue(
            "results.recall_not_pending", field="request", value=request.request_id
        )
    if request.barcode != record.barcode:
        raise InconsistentValue(
            "results.recall_other_form", field="request", value=request.request_id
        )


@guarded
def approve_recall(
    record: FormRecord,
    request: RecallRequest,
    *,
    approver: str,
    comment: str,
    now: dt.datetime,
) -> tuple[Step, RecallRequest]:
    """Transition 21: approve a recall: the form goes ARCHIVED -> AUDIT by reject.

    The deactivated entries name the request (``deactivated_by`` =
    ``"recall:<request id>"``), so the old FINAL figures stay visible. An
    audit case opens; the request becomes APPROVED.

    Raises:
        WrongState: the form is no longer ARCHIVED.
        MissingValue: ``results.reason_required``, no approval comment.
        InconsistentValue: the request is not pending or is for another form.
    """
    guard(record, "recall_approve")
    _resolvable(record, request)
    if not comment.strip():
        raise MissingValue("results.reason_required", field="approval_comment", value=comment)
    new = reject(
        record,
        FormState.AUDIT,
        comment,
        by=f"recall:{request.request_id}",
        audits=(*record.audits, AuditRecord(user=approver)),
    )
    approved = attrs.evolve(
        request,
        status=RequestStatus.APPROVED,
        approver=approver,
        approval_comment=comment,
        resolved_at=now,
    )
    return finish(record, new, "recall_approve", user=approver, now=now, reason=comment), approved


@guarded
def reject_recall(
    record: FormRecord,
    request: RecallRequest,
    *,
    approver: str,
    comment: str,
    now: dt.datetime,
) -> RecallRequest:
    """Refuse a recall request; the form is unchanged."""
    _resolvable(record, request)
    return attrs.evolve(
        request,
        status=RequestStatus.REJECTED,
        approver=approver,
        approval_comment=comment,
        resolved_at=now,
    )
