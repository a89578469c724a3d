"""Private: the nouns of the results chapter (entries, events, records, setup).

Every class is a frozen attrs value; a form changes only through
:func:`attrs.evolve` inside a transition function, which returns the new record
and an :class:`Event` naming what changed.

Sources: Tally-Ho ``models/result.py``, ``models/result_form.py``,
``models/audit.py``, ``models/clearance.py``, ``models/quality_control.py``,
``models/workflow_request.py``, ``libs/models/enums/*`` (onaio/tally-ho at commit ``acbe4f4``).

>>> e = VoteEntry(candidate=(117, 5), votes=12, version=EntryVersion.DATA_ENTRY_1, user="de1")
>>> e.active, e.candidate
(True, (117, 5))
>>> VoteEntry(candidate=(117, 5), votes=-1, version=EntryVersion.FINAL, user="x")
Traceback (most recent call last):
...
electoral.errors.OutOfRange: -1 must lie between 0 and ∞.
"""

from __future__ import annotations

import collections
import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping
from itertools import repeat
from typing import Any, Final, cast

import attrs

from electoral._guard import MAX_COUNT, guarded, typed_fields
from electoral.errors import InvalidType
from electoral.model import (
    Ballot,
    Candidate,
    Center,
    FormState,
    Office,
    ReconciliationForm,
    ReconciliationForm2014,
    ResultForm,
    Station,
)
from electoral.model import _validators as v

__all__ = [
    "ActionPrior",
    "AuditRecord",
    "AuditResolution",
    "CandidateKey",
    "ClearanceRecord",
    "ClearanceResolution",
    "EntryVersion",
    "Event",
    "FormRecord",
    "PvpLink",
    "PvpMode",
    "QualityControl",
    "RecallRequest",
    "ReconEntry",
    "RequestReason",
    "RequestStatus",
    "TallySetup",
    "VoteEntry",
    "vote_entries",
]

CandidateKey = tuple[int, int]
"""A candidate's identity: ``(ballot_number, candidate_id)``, as ``Candidate.key``."""

Recon = ReconciliationForm | ReconciliationForm2014

_COUNT: Final = v.integer(0)
_USER: Final = v.text(max_length=150)
_REASON: Final = v.text(max_length=4096, newlines=True)


def _candidate_key(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not (
        type(value) is tuple
        and len(value) == 2
        and type(value[0]) is int
        and type(value[1]) is int
        and value[0] >= 0
        and value[1] >= 0
    ):
        raise InvalidType("results.candidate_key", field=attribute.name, value=value)


class EntryVersion(enum.Enum):
    """Which entry a result row belongs to (Tally-Ho ``EntryVersion``: 0, 1, 2)."""

    DATA_ENTRY_1 = "data_entry_1"
    DATA_ENTRY_2 = "data_entry_2"
    FINAL = "final"


class ActionPrior(enum.Enum):
    """Action taken before the recommendation (Tally-Ho ``ActionsPrior`` 0-4)."""

    REQUEST_COPY_FROM_FIELD = "request_copy_from_field"
    REQUEST_AUDIT_ACTION_FROM_FIELD = "request_audit_action_from_field"
    PENDING_ADVICE = "pending_advice"
    NONE_REQUIRED = "none_required"
    EMPTY = "empty"


class AuditResolution(enum.Enum):
    """An audit's recommendation (Tally-Ho ``AuditResolution`` 0-5)."""

    EMPTY = "empty"
    NO_PROBLEM_TO_DE_1 = "no_problem_to_de_1"
    CLARIFIED_FIGURES_TO_DE_1 = "clarified_figures_to_de_1"
    OTHER_CORRECTION_TO_DE_1 = "other_correction_to_de_1"
    MAKE_AVAILABLE_FOR_ARCHIVE = "make_available_for_archive"
    SEND_TO_CLEARANCE = "send_to_clearance"


class ClearanceResolution(enum.Enum):
    """A clearance's recommendation (Tally-Ho ``ClearanceResolution`` 0-4)."""

    EMPTY = "empty"
    PENDING_FIELD_INPUT = "pending_field_input"
    PASS_TO_ADMINISTRATOR = "pass_to_administrator"
    RESET_TO_PREINTAKE = "reset_to_preintake"
    RESET_PREINTAKE_SKIP_ZERO_CHECK = "reset_preintake_skip_zero_check"


class PvpMode(enum.Enum):
    """A tally's PVP mode (Tally-Ho ``PvpMode``: DISABLED 0, DE1_ONLY 1, DE1_AND_DE2 2).

    The integers are Tally-Ho's; :data:`electoral.results.PVP_MODE_CODES` maps
    each member to its integer and :func:`electoral.results.pvp_mode_from_code`
    maps back.

    >>> PvpMode("de1_only").name
    'DE1_ONLY'
    """

    DISABLED = "disabled"
    DE1_ONLY = "de1_only"
    DE1_AND_DE2 = "de1_and_de2"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PvpLink:
    """The PVP submission a form was imported from (Tally-Ho ``ResultForm.pvp_submission``).

    Attributes:
        instance_id: the device submission's ``meta-instanceID``.
        mode: the mode the bundle snapshotted when it was imported.
    """

    instance_id: str = attrs.field(validator=v.text(max_length=255, blank=False))
    mode: PvpMode = attrs.field(validator=v.enum_member(PvpMode))


class RequestReason(enum.Enum):
    """Why a recall from archive is asked for (Tally-Ho ``RequestReason``)."""

    INCORRECT_ARCHIVE = "incorrect_archive"
    DATA_ENTRY_ERROR = "data_entry_error"
    CLEARANCE_NEEDED = "clearance_needed"
    OTHER = "other"


class RequestStatus(enum.Enum):
    """A recall request's status (Tally-Ho ``RequestStatus``)."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class VoteEntry:
    """One candidate's votes in one entry version (a Tally-Ho ``Result`` row).

    Attributes:
        candidate: ``(ballot_number, candidate_id)``.
        votes: the count entered, 0 or more.
        version: DE1, DE2 or FINAL.
        user: who typed (or, for FINAL, who resolved) it.
        active: ``False`` once a reject deactivated it; rows are never deleted.
        deactivated_by: the transition (and recall request, if any) that
            deactivated it.
    """

    candidate: CandidateKey = attrs.field(validator=_candidate_key)
    votes: int = attrs.field(validator=_COUNT)
    version: EntryVersion = attrs.field(validator=v.enum_member(EntryVersion))
    user: str = attrs.field(default="", validator=_USER)
    active: bool = attrs.field(default=True, validator=v.boolean)
    deactivated_by: str | None = attrs.field(default=None, validator=v.optional(_REASON))


_ENTRY: Final = attrs.fields(VoteEntry)
_new: Final = object.__new__
_SET: Final = v.setters(VoteEntry)


def vote_entries(
    votes: Mapping[CandidateKey, int], *, version: EntryVersion, user: str
) -> list[VoteEntry]:
    """``VoteEntry(candidate=k, votes=n, version=version, user=user)`` for each ``k: n``.

    The first entry's fields are checked by :class:`VoteEntry`'s own validators, in
    its constructor's order; the others share its version, user and flags, so only
    their own candidate and votes are checked, each by its field's validator. Same
    values, same errors, a fraction of the cost for a form of many candidates.
    """
    return _entries(votes, version, user, counted=False)


def counted_entries(
    counts: Mapping[CandidateKey, int], *, version: EntryVersion, user: str
) -> list[VoteEntry]:
    """:func:`vote_entries` for counts the library has already read and checked.

    Every key is a :class:`~electoral.model.Candidate`'s own ``key`` (or a checked
    entry's candidate) and every count an ``int`` of at least 0 (the data entry's
    parse, or a checked entry's votes): what remains of :class:`VoteEntry`'s checks
    is the ceiling of each count (``range.ceiling``, by the same validator) and the
    version and user, checked once. Same values, same errors as :func:`vote_entries`
    for such counts (a property test holds them equal).
    """
    return _entries(counts, version, user, counted=True)


def _entries(
    votes: Mapping[CandidateKey, int], version: EntryVersion, user: str, *, counted: bool
) -> list[VoteEntry]:
    items = iter(votes.items())
    head = next(items, None)
    if head is None:
        return []
    if not attrs.validators.get_disabled():  # the first entry's fields, as __init__ does
        for (attribute, check), value in zip(_FIRST, (*head, version, user), strict=True):
            check(None, attribute, value)
    first = _new_entry(head[0], head[1], version, user, True, None)
    if not attrs.validators.get_disabled():
        key_field, votes_field = _ENTRY.candidate, _ENTRY.votes
        check_key, check_votes = key_field.validator, votes_field.validator
        assert check_key is not None
        assert check_votes is not None
        if not counted:
            for key, count in items:  # in entry order: the first bad value is the one refused
                check_key(first, key_field, key)
                check_votes(first, votes_field, count)
        elif max(votes.values()) > MAX_COUNT:  # ints >= 0 already: only the ceiling is left
            for count in votes.values():
                check_votes(first, votes_field, count)
    # Built column by column: each field's setter runs over every entry in C (map), the
    # values shared by all (version, user, flags) taken from the first, checked, entry.
    size = len(votes)
    entries = list(map(_new, repeat(VoteEntry, size)))
    _each(map(_SET["candidate"], entries, votes.keys()))
    _each(map(_SET["votes"], entries, votes.values()))
    _each(map(_SET["version"], entries, repeat(first.version, size)))
    _each(map(_SET["user"], entries, repeat(first.user, size)))
    _each(map(_SET["active"], entries, repeat(True, size)))
    _each(map(_SET["deactivated_by"], entries, repeat(None, size)))
    entries[0] = first
    return entries


_FIRST: Final[tuple[tuple[attrs.Attribute[Any], Callable[..., None]], ...]] = tuple(
    (a, cast(Callable[..., None], a.validator))
    for a in (_ENTRY.candidate, _ENTRY.votes, _ENTRY.version, _ENTRY.user)
)
"""The fields a caller gives an entry, with their validators, in the order ``__init__``
checks them (its flags take their defaults, which need no check)."""
_new_entry: Final = v.builder(VoteEntry)
_each: Final[Callable[[Iterable[object]], None]] = collections.deque[object](maxlen=0).extend
"""Run an iterator to its end, keeping nothing."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ReconEntry:
    """One entry of a form's reconciliation section (a Tally-Ho recon row)."""

    recon: Recon = attrs.field(
        validator=v.instance((ReconciliationForm, ReconciliationForm2014))  # type: ignore[arg-type]
    )
    version: EntryVersion = attrs.field(validator=v.enum_member(EntryVersion))
    user: str = attrs.field(default="", validator=_USER)
    active: bool = attrs.field(default=True, validator=v.boolean)
    deactivated_by: str | None = attrs.field(default=None, validator=v.optional(_REASON))


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class QualityControl:
    """A quality-control visit (Tally-Ho ``QualityControl``)."""

    user: str = attrs.field(default="", validator=_USER)
    passed_qc: bool | None = attrs.field(default=None, validator=v.optional(v.boolean))
    passed_reconciliation: bool | None = attrs.field(default=None, validator=v.optional(v.boolean))
    active: bool = attrs.field(default=True, validator=v.boolean)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class AuditRecord:
    """An audit case (Tally-Ho ``Audit``): problem flags, failed checks, decision.

    Attributes:
        blank_reconciliation, blank_results, damaged_form, unclear_figures: the
            problem categories; ``other``: free text.
        failed_checks: names of the quarantine checks that failed.
        action_prior: action taken before the recommendation.
        resolution: the recommendation.
        reviewed_team, reviewed_supervisor, for_superadmin, active: workflow flags.
    """

    user: str = attrs.field(default="", validator=_USER)
    supervisor: str = attrs.field(default="", validator=_USER)
    blank_reconciliation: bool = attrs.field(default=False, validator=v.boolean)
    blank_results: bool = attrs.field(default=False, validator=v.boolean)
    damaged_form: bool = attrs.field(default=False, validator=v.boolean)
    unclear_figures: bool = attrs.field(default=False, validator=v.boolean)
    other: str = attrs.field(default="", validator=_REASON)
    failed_checks: tuple[str, ...] = attrs.field(default=(), converter=v.to_tuple)
    action_prior: ActionPrior = attrs.field(
        default=ActionPrior.EMPTY, validator=v.enum_member(ActionPrior)
    )
    resolution: AuditResolution = attrs.field(
        default=AuditResolution.EMPTY, validator=v.enum_member(AuditResolution)
    )
    team_comment: str = attrs.field(default="", validator=_REASON)
    supervisor_comment: str = attrs.field(default="", validator=_REASON)
    reviewed_team: bool = attrs.field(default=False, validator=v.boolean)
    reviewed_supervisor: bool = attrs.field(default=False, validator=v.boolean)
    for_superadmin: bool = attrs.field(default=False, validator=v.boolean)
    active: bool = attrs.field(default=True, validator=v.boolean)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ClearanceRecord:
    """A clearance case (Tally-Ho ``Clearance``): problem flags and decision.

    ``station_number_mismatching`` is the flag Tally-Ho stores in
    ``center_code_mismatching`` (its label and field name disagree; we name it
    after its label).
    """

    user: str = attrs.field(default="", validator=_USER)
    supervisor: str = attrs.field(default="", validator=_USER)
    reason: str = attrs.field(default="", validator=_REASON)
    center_name_missing: bool = attrs.field(default=False, validator=v.boolean)
    center_name_mismatching: bool = attrs.field(default=False, validator=v.boolean)
    center_code_missing: bool = attrs.field(default=False, validator=v.boolean)
    station_number_mismatching: bool = attrs.field(default=False, validator=v.boolean)
    form_already_in_system: bool = attrs.field(default=False, validator=v.boolean)
    form_incorrectly_entered_into_system: bool = attrs.field(default=False, validator=v.boolean)
    other: str = attrs.field(default="", validator=_REASON)
    action_prior: ActionPrior = attrs.field(
        default=ActionPrior.EMPTY, validator=v.enum_member(ActionPrior)
    )
    resolution: ClearanceResolution = attrs.field(
        default=ClearanceResolution.EMPTY, validator=v.enum_member(ClearanceResolution)
    )
    team_comment: str = attrs.field(default="", validator=_REASON)
    supervisor_comment: str = attrs.field(default="", validator=_REASON)
    reviewed_team: bool = attrs.field(default=False, validator=v.boolean)
    reviewed_supervisor: bool = attrs.field(default=False, validator=v.boolean)
    active: bool = attrs.field(default=True, validator=v.boolean)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class RecallRequest:
    """A request to recall an archived form to audit (Tally-Ho ``WorkflowRequest``)."""

    request_id: str = attrs.field(validator=v.text(max_length=64, blank=False))
    barcode: str = attrs.field(validator=v.text(max_length=255, blank=False))
    requester: str = attrs.field(validator=_USER)
    reason: RequestReason = attrs.field(validator=v.enum_member(RequestReason))
    comment: str = attrs.field(default="", validator=_REASON)
    status: RequestStatus = attrs.field(
        default=RequestStatus.PENDING, validator=v.enum_member(RequestStatus)
    )
    approver: str = attrs.field(default="", validator=_USER)
    approval_comment: str = attrs.field(default="", validator=_REASON)
    resolved_at: dt.datetime | None = attrs.field(
        default=None, converter=v.to_moment, validator=v.optional(v.moment)
    )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class FormRecord:
    """A result form with everything the tally keeps about it.

    Attributes:
        form: the :class:`~electoral.model.ResultForm` (its ``state`` is the
            form's state).
        results: every vote entry ever made, active or not, in entry order.
        recons: every reconciliation entry ever made.
        previous_state: the state before the last transition.
        rejected_count, audited_count: how often the form was rejected / audited.
        reject_reason: the reason of the last reject.
        duplicate_reviewed: set by the duplicate-results review.
        skip_quarantine_checks: sticky; set by the super admin's "confirm" of
            "make available for archive".
        skip_all_zero_votes_check: sticky; set by clearance resolution 4.
        quality_controls, audits, clearances: review records, newest last.
        date_seen: time of the last intake or clearance decision.
        pvp: the PVP submission the form was imported from, if any; only
            the super admin's reset unlinks it.
    """

    form: ResultForm = attrs.field(validator=v.instance(ResultForm))
    results: tuple[VoteEntry, ...] = attrs.field(default=(), converter=v.to_tuple)
    recons: tuple[ReconEntry, ...] = attrs.field(default=(), converter=v.to_tuple)
    previous_state: FormState | None = attrs.field(
        default=None, validator=v.optional(v.enum_member(FormState))
    )
    rejected_count: int = attrs.field(default=0, validator=_COUNT)
    audited_count: int = attrs.field(default=0, validator=_COUNT)
    reject_reason: str | None = attrs.field(default=None, validator=v.optional(_REASON))
    duplicate_reviewed: bool = attrs.field(default=False, validator=v.boolean)
    skip_quarantine_checks: bool = attrs.field(default=False, validator=v.boolean)
    skip_all_zero_votes_check: bool = attrs.field(default=False, validator=v.boolean)
    quality_controls: tuple[QualityControl, ...] = attrs.field(default=(), converter=v.to_tuple)
    audits: tuple[AuditRecord, ...] = attrs.field(default=(), converter=v.to_tuple)
    clearances: tuple[ClearanceRecord, ...] = attrs.field(default=(), converter=v.to_tuple)
    date_seen: dt.datetime | None = attrs.field(
        default=None, converter=v.to_moment, validator=v.optional(v.moment)
    )
    pvp: PvpLink | None = attrs.field(default=None, validator=v.optional(v.instance(PvpLink)))

    @property
    def state(self) -> FormState:
        """The form's state."""
        return self.form.state

    @property
    def barcode(self) -> str:
        """The form's barcode."""
        return self.form.barcode

    @guarded
    def active_votes(self, version: EntryVersion) -> dict[CandidateKey, int]:
        """Active votes of one entry version, by candidate (the last entry wins)."""
        return {e.candidate: e.votes for e in self.results if e.active and e.version is version}

    @guarded
    def active_recon(self, version: EntryVersion) -> Recon | None:
        """The active reconciliation entry of one version, or ``None``."""
        return active_recon_of(self, version)

    @property
    def active_audit(self) -> AuditRecord | None:
        """The active audit case, if any."""
        return next((a for a in reversed(self.audits) if a.active), None)

    @property
    def active_clearance(self) -> ClearanceRecord | None:
        """The active clearance case, if any."""
        return next((c for c in reversed(self.clearances) if c.active), None)


def active_recon_of(record: FormRecord, version: EntryVersion) -> Recon | None:
    """:meth:`FormRecord.active_recon` without the guard, for the library's own calls."""
    for entry in reversed(record.recons):
        if entry.active and entry.version is version:
            return entry.recon
    return None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Event:
    """What one transition did to one form: who, when, why, and what changed.

    ``changes`` holds the new value of every record field the transition changed
    (``"form"`` carries the whole new :class:`~electoral.model.ResultForm`). Applying the changes
    of a form's events in order rebuilds the form (:func:`replay`).
    """

    barcode: str = attrs.field(validator=v.text(max_length=255, blank=False))
    transition: str = attrs.field(validator=v.text(max_length=64, blank=False))
    from_state: FormState | None = attrs.field(validator=v.optional(v.enum_member(FormState)))
    to_state: FormState = attrs.field(validator=v.enum_member(FormState))
    user: str = attrs.field(validator=_USER)
    at: dt.datetime = attrs.field(converter=v.to_moment, validator=v.moment)
    reason: str = attrs.field(default="", validator=_REASON)
    changes: tuple[tuple[str, Any], ...] = attrs.field(default=(), converter=v.to_tuple)

    @property
    def changed_fields(self) -> tuple[str, ...]:
        """Names of the record fields this event changed."""
        return tuple(name for name, _ in self.changes)


def _by_key(items: Iterable[Any], key: str) -> dict[Any, Any]:
    return {getattr(item, key): item for item in items}


@attrs.frozen(kw_only=True, eq=False, field_transformer=typed_fields)
class TallySetup:
    """The tally's reference data, indexed: centres, stations, ballots, candidates.

    Build it with :meth:`build` from plain sequences. ``component_ballots`` maps a
    component ballot to the general ballots whose forms carry its candidates (the
    2014 layout; :data:`COMPONENT_TO_BALLOTS_2014`); empty by default.
    """

    centers: Mapping[int, Center]
    stations: Mapping[tuple[int, int], Station]
    ballots: Mapping[int, Ballot]
    candidates: Mapping[int, tuple[Candidate, ...]]
    offices: Mapping[int, Office] = attrs.field(factory=dict)
    component_ballots: Mapping[int, tuple[int, ...]] = attrs.field(factory=dict)

    @classmethod
    @guarded
    def build(
        cls,
        *,
        centers: Iterable[Center] = (),
        stations: Iterable[Station] = (),
        ballots: Iterable[Ballot] = (),
        candidates: Iterable[Candidate] = (),
        offices: Iterable[Office] = (),
        component_ballots: Mapping[int, Iterable[int]] | None = None,
    ) -> TallySetup:
        """Index plain sequences of nouns."""
        by_ballot: dict[int, list[Candidate]] = {}
        for candidate in candidates:
            by_ballot.setdefault(candidate.ballot_number, []).append(candidate)
        return cls(
            centers=_by_key(centers, "center_id"),
            stations={s.key: s for s in stations},
            ballots=_by_key(ballots, "number"),
            candidates={
                number: tuple(sorted(group, key=lambda c: (c.order, c.candidate_id)))
                for number, group in by_ballot.items()
            },
            offices=_by_key(offices, "id"),
            component_ballots={k: tuple(vals) for k, vals in (component_ballots or {}).items()},
        )

    @guarded
    def form_candidates(self, ballot_number: int) -> tuple[Candidate, ...]:
        """The candidates printed on a form of ``ballot_number``, in order.

        The ballot's own candidates by ``order``, then those of every component
        ballot whose forms are this ballot's (Tally-Ho ``ResultForm.candidates``,
        2014 layout).
        """
        return form_candidates_of(self, ballot_number)

    @guarded
    def station_of(self, form: ResultForm) -> Station | None:
        """The station a form comes from, if it is known."""
        key = form.station_key
        return None if key is None else self.stations.get(key)


def form_candidates_of(setup: TallySetup, ballot_number: int) -> tuple[Candidate, ...]:
    """:meth:`TallySetup.form_candidates` without the guard, for the library's own calls."""
    own = setup.candidates.get(ballot_number, ())
    extra: list[Candidate] = []
    for component, generals in sorted(setup.component_ballots.items()):
        if ballot_number in generals:
            extra.extend(setup.candidates.get(component, ()))
    return own + tuple(extra)
