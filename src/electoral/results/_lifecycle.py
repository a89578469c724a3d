"""Private: the result form's state machine — the transition table, guards, steps, replay.

Every transition is a pure function: it checks its guard (the form's state,
and whatever else the stage requires), and returns a :class:`Step`: the new
:class:`FormRecord` and an :class:`Event` saying who did what, when and why,
with the new value of every field that changed. "Reject" deactivates all
entered data (results and reconciliation entries of every version, FINAL
included) and never deletes it. Replaying a form's events rebuilds the form
(:func:`replay`). :data:`TRANSITIONS` is the table the guards read and the
diagram (:func:`state_diagram`) is drawn from. The transitions themselves live
with their stage: intake in ``_intake``, data entry, corrections and quality
control in ``_entry``, audit and clearance in ``_audit``.

Sources: Tally-Ho ``views/intake.py``, ``views/data_entry.py``,
``views/corrections.py``, ``views/quality_control.py``, ``views/audit.py``,
``views/clearance.py``, ``views/workflow.py``, ``views/super_admin.py``,
``libs/views/form_state.py``, ``models/result_form.py``
(onaio/tally-ho at commit ``acbe4f4``).

>>> guard_states = sorted(s.name for s in TRANSITIONS["intake_abort"].sources if s)
>>> guard_states, sorted(s.name for s in TRANSITIONS["intake_abort"].targets)
(['INTAKE'], ['UNSUBMITTED'])
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, cast

import attrs

from electoral._guard import guarded, typed_fields
from electoral.adapters.tallyho import FORM_STATE
from electoral.errors import InconsistentValue, InvalidType, Language
from electoral.model import FormState, ResultForm
from electoral.model._validators import builder, changed, differ, replacer, settled
from electoral.results._checks import QuarantineReport
from electoral.results._records import ClearanceRecord, Event, FormRecord

__all__ = [
    "TRANSITIONS",
    "Step",
    "Transition",
    "WrongState",
    "replay",
    "state_diagram",
]


class WrongState(InconsistentValue):
    """A transition's guard refused the form's state (``results.wrong_state``).

    ``params["allowed_states"]`` holds the allowed states and
    ``params["current_state"]`` the form's state; the message shows their labels
    in the language asked for (``params["allowed"]`` and ``params["current"]``
    hold the English labels).
    """

    default_code = "results.wrong_state"

    def message_params(self, language: Language = "en") -> dict[str, object]:
        """The params, with the states' labels in ``language``."""
        params = super().message_params(language)
        allowed = self.params.get("allowed_states")
        current = self.params.get("current_state")
        if language == "en" or not isinstance(current, FormState):
            return params
        states = allowed if isinstance(allowed, tuple) else ()
        return {**params, "allowed": _labels(states, "ar"), "current": current.label("ar")}


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Transition:
    """One row of the transition table.

    Attributes:
        name: the event's ``transition`` name.
        sources: states the form may be in (``None``: the form is being created).
        targets: states the transition may lead to.
        actor: who triggers it.
        rejects: whether it deactivates the form's entered data.
        superadmin_sources: further source states a super administrator may use.
        source: the Tally-Ho view it comes from.
        loop: the form stays in the state it is in (``targets`` lists every
            state it may be in); the diagram draws one loop per source.
    """

    name: str
    sources: frozenset[FormState | None]
    targets: frozenset[FormState]
    actor: str
    rejects: bool = False
    superadmin_sources: frozenset[FormState] = frozenset()
    source: str = ""
    loop: bool = False


def _t(
    name: str,
    sources: Iterable[FormState | None],
    targets: Iterable[FormState],
    actor: str,
    source: str,
    *,
    rejects: bool = False,
    superadmin: Iterable[FormState] = (),
    loop: bool = False,
) -> Transition:
    return Transition(
        name=name,
        sources=frozenset(sources),
        targets=frozenset(targets),
        actor=actor,
        rejects=rejects,
        superadmin_sources=frozenset(superadmin),
        source=source,
        loop=loop,
    )


S = FormState
_ALL: Final = tuple(FormState)
TRANSITIONS: Final[Mapping[str, Transition]] = {
    t.name: t
    for t in (
        _t("import", [None], [S.UNSUBMITTED], "tally setup import", "import_result_forms.py"),
        _t("create_form", [None], [S.CLEARANCE], "clearance / super admin", "super_admin.py"),
        _t("intake", [S.UNSUBMITTED, S.INTAKE], [S.INTAKE], "intake clerk", "intake.py"),
        _t(
            "intake_duplicate",
            [S.UNSUBMITTED, S.INTAKE],
            [S.CLEARANCE],
            "intake clerk (duplicate found)",
            "intake.py",
        ),
        _t(
            "send_to_clearance",
            [s for s in _ALL if s is not S.CLEARANCE],
            [S.CLEARANCE],
            "intake (the other duplicates)",
            "result_form.py send_to_clearance",
        ),
        _t("assign_center_station", [S.INTAKE], [S.INTAKE], "intake clerk", "intake.py"),
        _t("intake_match", [S.INTAKE], [S.DATA_ENTRY_1], "intake clerk", "intake.py"),
        _t("intake_reject", [S.INTAKE], [S.CLEARANCE], "intake clerk", "intake.py", rejects=True),
        _t("intake_abort", [S.INTAKE], [S.UNSUBMITTED], "intake clerk", "intake.py"),
        _t("de1_submit", [S.DATA_ENTRY_1], [S.DATA_ENTRY_2], "DE1 clerk", "data_entry.py"),
        _t(
            "de1_to_clearance",
            [S.DATA_ENTRY_1],
            [S.CLEARANCE],
            "DE1 clerk (zero votes or invalid recon)",
            "data_entry.py",
            rejects=True,
        ),
        _t("de2_submit", [S.DATA_ENTRY_2], [S.CORRECTION], "DE2 clerk", "data_entry.py"),
        _t(
            "correction_match",
            [S.CORRECTION],
            [S.QUALITY_CONTROL],
            "corrections clerk",
            "corrections.py",
        ),
        _t(
            "correction_resolve",
            [S.CORRECTION],
            [S.QUALITY_CONTROL],
            "corrections clerk",
            "corrections.py",
        ),
        _t(
            "correction_reject",
            [S.CORRECTION],
            [S.DATA_ENTRY_1],
            "corrections clerk",
            "corrections.py",
            rejects=True,
        ),
        _t(
            "correction_count_mismatch",
            [S.CORRECTION],
            [S.DATA_ENTRY_1],
            "system (DE1 and DE2 counts differ)",
            "result_form.py get_matched_results",
            rejects=True,
        ),
        _t(
            "qc_pass",
            [S.QUALITY_CONTROL, S.ARCHIVING],
            [S.QUALITY_CONTROL, S.ARCHIVING],
            "QC clerk (quarantine checks run)",
            "quality_control.py",
        ),
        _t(
            "qc_print",
            [S.QUALITY_CONTROL, S.ARCHIVING],
            [S.AUDIT, S.ARCHIVED],
            "QC clerk",
            "quality_control.py",
        ),
        _t(
            "qc_reject",
            [S.QUALITY_CONTROL, S.ARCHIVING],
            [S.DATA_ENTRY_1],
            "QC clerk",
            "quality_control.py",
            rejects=True,
        ),
        _t(
            "create_audit",
            [S.CORRECTION, S.DATA_ENTRY_1, S.DATA_ENTRY_2, S.QUALITY_CONTROL],
            [S.AUDIT],
            "audit clerk or supervisor",
            "audit.py",
            rejects=True,
            superadmin=[S.ARCHIVED],
        ),
        _t(
            "recall_approve",
            [S.ARCHIVED],
            [S.AUDIT],
            "tally manager / super admin",
            "workflow.py",
            rejects=True,
        ),
        _t("audit_review", [S.AUDIT], [S.AUDIT], "audit clerk", "audit.py"),
        _t(
            "audit_implement",
            [S.AUDIT],
            [S.AUDIT, S.DATA_ENTRY_1, S.CLEARANCE],
            "audit supervisor",
            "audit.py",
            rejects=True,
        ),
        _t(
            "audit_confirm_archive",
            [S.AUDIT],
            [S.DATA_ENTRY_1],
            "super admin",
            "super_admin.py",
            rejects=True,
        ),
        _t(
            "create_clearance",
            [
                S.CORRECTION,
                S.DATA_ENTRY_1,
                S.DATA_ENTRY_2,
                S.INTAKE,
                S.QUALITY_CONTROL,
                S.ARCHIVING,
                S.UNSUBMITTED,
            ],
            [S.CLEARANCE],
            "clearance clerk or supervisor",
            "clearance.py",
            rejects=True,
            superadmin=[S.ARCHIVED],
        ),
        _t("clearance_review", [S.CLEARANCE], [S.CLEARANCE], "clearance clerk", "clearance.py"),
        _t(
            "clearance_implement",
            [S.CLEARANCE],
            [S.CLEARANCE, S.UNSUBMITTED],
            "clearance supervisor",
            "clearance.py",
        ),
        _t(
            "duplicate_results_to_clearance",
            [s for s in _ALL if s is not S.ARCHIVED],
            [S.CLEARANCE],
            "super admin",
            "super_admin.py",
            rejects=True,
        ),
        _t(
            "mark_duplicate_reviewed",
            _ALL,
            _ALL,
            "super admin, duplicate-results screen",
            "super_admin.py",
            loop=True,
        ),
        _t("reset", _ALL, [S.UNSUBMITTED], "super admin", "super_admin.py"),
        _t(
            "pvp_de1_only",
            [S.UNSUBMITTED],
            [S.DATA_ENTRY_2],
            "super admin (PVP bundle, mode DE1_ONLY)",
            "libs/pvp/import_submission.py",
        ),
        _t(
            "pvp_de1_and_de2",
            [S.UNSUBMITTED],
            [S.QUALITY_CONTROL],
            "super admin (PVP bundle, mode DE1_AND_DE2)",
            "libs/pvp/import_submission.py",
        ),
    )
}
"""Every real transition, by name, each with the Tally-Ho file that performs it."""

# The same states as tuples: a state is found in a tuple by identity, where a set
# would call the Enum's hash, a Python function, at every step of every form.
_SOURCES: Final = {name: tuple(t.sources) for name, t in TRANSITIONS.items()}
_TARGETS: Final = {name: tuple(t.targets) for name, t in TRANSITIONS.items()}


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Step:
    """The outcome of a transition: the new record and the event that describes it.

    Attributes:
        record: the form after the transition.
        event: what changed, who, when and why.
        related: steps applied to *other* forms by the same action (the other
            duplicates sent to clearance at intake).
        report: the quarantine report, for ``qc_pass``.
    """

    record: FormRecord
    event: Event
    related: tuple[Step, ...] = ()
    report: QuarantineReport | None = None


def _labels(states: Iterable[FormState | None], language: str) -> str:
    names = sorted(
        (s for s in states if s is not None), key=lambda s: FORM_STATE.to_code(s), reverse=True
    )
    joiner = " أو " if language == "ar" else " or "
    return joiner.join(s.label("ar" if language == "ar" else "en") for s in names)


def guard(record: FormRecord, name: str, *, superadmin: bool = False) -> Transition:
    """Refuse the transition ``name`` unless the form is in one of its source states.

    Raises:
        WrongState: ``results.wrong_state``, with the allowed and current states.
    """
    spec = TRANSITIONS[name]
    state = record.state
    if state in _SOURCES[name] or (superadmin and state in spec.superadmin_sources):
        return spec
    allowed = set(spec.sources) | (spec.superadmin_sources if superadmin else set())
    raise WrongState(
        field="form_state",
        value=state,
        allowed=_labels(allowed, "en"),
        current=state.label(),
        allowed_states=tuple(s for s in allowed if s is not None),
        current_state=state,
    )


_FIELDS: Final = tuple(a.name for a in attrs.fields(FormRecord))
_VALUES: Final = operator.attrgetter(*_FIELDS)
_diff: Final = differ(FormRecord)


def finish(
    old: FormRecord | None,
    new: FormRecord,
    name: str,
    *,
    user: str,
    now: dt.datetime,
    reason: str = "",
    related: Sequence[Step] = (),
    report: QuarantineReport | None = None,
) -> Step:
    """Build the step for ``old`` -> ``new``; the event records every changed field.

    The event is built field by field, checking only what the caller gave (who, when,
    why) by :class:`Event`'s own field validators (the time converted first, as
    ``__init__`` does): the barcode, the states and the changed values come from
    records that were checked when they were built, and the transition's name from
    :data:`TRANSITIONS`.
    """
    to_state = new.form.state
    from_state = None if old is None else old.form.state
    wrong_loop = from_state is not None and to_state is not from_state and name in _LOOPS
    if to_state not in _TARGETS[name] or wrong_loop:  # a programming error, never user input
        raise AssertionError(f"{name} cannot lead to {to_state}")
    # a field evolved without change is the same object (identity first, then ==)
    changes = tuple(zip(_FIELDS, _VALUES(new), strict=True)) if old is None else _diff(new, old)
    at = _to_moment(now)
    if not attrs.validators.get_disabled():
        _check_user(None, _USER_FIELD, user)
        _check_at(None, _AT, at)
        if reason or type(reason) is not str:  # an empty reason is always good
            _check_reason(None, _REASON_FIELD, reason)
    event = _new_event(new.form.barcode, name, from_state, to_state, user, at, reason, changes)
    # Built field by field: every value is the library's own, made and checked above
    # (the record by its transition, the event here, the related steps by finish).
    return _step(new, event, tuple(related), report)


_LOOPS: Final = frozenset(name for name, t in TRANSITIONS.items() if t.loop)
_step: Final = builder(Step)
_new_event: Final = builder(Event)
_EVENT: Final = attrs.fields(Event)
_USER_FIELD: Final = _EVENT.user
_AT: Final = _EVENT.at
_REASON_FIELD: Final = _EVENT.reason
_check_user: Final = cast(Callable[..., None], _USER_FIELD.validator)
_check_at: Final = cast(Callable[..., None], _AT.validator)
_check_reason: Final = cast(Callable[..., None], _REASON_FIELD.validator)
_to_moment: Final = cast(Callable[[object], object], _AT.converter)


form_in: Final = replacer(ResultForm, "state")
"""``form`` in ``state``, a state the library names (a transition's target)."""


def with_state(
    record: FormRecord,
    state: FormState,
    made: Mapping[str, Any] | None = None,
    **changes: Any,
) -> FormRecord:
    """Evolve the record into ``state``, recording the previous state.

    One build of the record: ``changes`` are converted and checked by the record's
    field validators; the new form (the record's, in the state the transition names),
    the previous state (the record's own) and the parts in ``made`` (tuples of entries
    the caller has just built from checked entries) are the library's own checked
    values and are set as they are (:func:`~electoral.model._validators.replacer`,
    :func:`~electoral.model._validators.revised`).
    """
    form = record.form
    if type(state) is not FormState:  # the library's own state; a programming error
        raise InvalidType(field="state", value=state)
    return settled(_moved(record, form_in(form, state), form.state), made or {}, changes)


_moved: Final = replacer(FormRecord, "form", "previous_state")


def reject(
    record: FormRecord, state: FormState, reason: str, *, by: str, **changes: Any
) -> FormRecord:
    """Tally-Ho ``ResultForm.reject``: deactivate all entered data, never delete it.

    Every active vote and reconciliation entry, of every version, becomes
    inactive with ``deactivated_by`` = ``by``; ``rejected_count`` goes up by one;
    ``duplicate_reviewed`` is cleared; review records are left alone.
    """
    results = tuple(
        attrs.evolve(e, active=False, deactivated_by=by) if e.active else e for e in record.results
    )
    recons = tuple(
        attrs.evolve(e, active=False, deactivated_by=by) if e.active else e for e in record.recons
    )
    merged: dict[str, Any] = {
        "rejected_count": record.rejected_count + 1,
        "reject_reason": reason,
        "duplicate_reviewed": False,
    }
    merged.update(changes)
    # the entries were checked when built, and evolve checked the deactivated ones
    made = {"results": results, "recons": recons}
    return with_state(record, state, {k: v for k, v in made.items() if k not in merged}, **merged)


def new_clearance(user: str, reason: str, **flags: Any) -> ClearanceRecord:
    """A fresh, active clearance case."""
    return ClearanceRecord(user=user, reason=reason, **flags)


# --------------------------------------------------------------------------- replay


@guarded
def replay(events: Iterable[Event]) -> FormRecord:
    """Rebuild a form from its events, oldest first.

    The first event must create the form (``import`` or ``create_form``); each
    later one must start from the state the previous one ended in.

    Raises:
        InconsistentValue: ``results.replay_order``.
    """
    record: FormRecord | None = None
    for event in events:
        if record is None:
            if event.from_state is not None:
                raise InconsistentValue(
                    "results.replay_order", field="events", value=event.transition
                )
            record = FormRecord(**dict(event.changes))
            continue
        if event.from_state is not record.state or event.barcode != record.barcode:
            raise InconsistentValue("results.replay_order", field="events", value=event.transition)
        record = changed(record, **dict(event.changes))
    if record is None:
        raise InconsistentValue("results.replay_order", field="events", value=None)
    return record


# --------------------------------------------------------------------------- diagram


@guarded
def state_diagram() -> str:
    """The state machine as Mermaid ``stateDiagram-v2`` text, drawn from :data:`TRANSITIONS`.

    One line per (source, target, transition); ``[*]`` is "not yet a form".
    Super-admin-only sources are marked ``(super admin)``; a transition that
    keeps the state draws one loop per source.

    >>> print(state_diagram())  # doctest: +ELLIPSIS
    stateDiagram-v2
        [*] --> UNSUBMITTED: import
        [*] --> CLEARANCE: create_form
        UNSUBMITTED --> INTAKE: intake
    ...
    """
    lines = ["stateDiagram-v2"]
    order = {s: i for i, s in enumerate(FormState)}
    for spec in TRANSITIONS.values():
        sources = sorted(spec.sources, key=lambda s: -1 if s is None else order[s])
        if spec.loop:
            lines.extend(f"    {s.name} --> {s.name}: {spec.name}" for s in sources if s)
            continue
        for source in sources:
            for target in sorted(spec.targets, key=order.__getitem__):
                left = "[*]" if source is None else source.name
                lines.append(f"    {left} --> {target.name}: {spec.name}")
        for source in sorted(spec.superadmin_sources, key=order.__getitem__):
            for target in sorted(spec.targets, key=order.__getitem__):
                lines.append(f"    {source.name} --> {target.name}: {spec.name} (super admin)")
    return "\n".join(lines)
