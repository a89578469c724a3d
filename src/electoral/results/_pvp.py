"""Private: PVP (Preliminary Vote Protocol) — the bundle format, its checks, transitions 29-30.

At the polling station a clerk keys the candidate results twice (round 1 and
round 2) into a tablet form; the submissions are pulled into a zip bundle,
carried in and uploaded by a super admin. What the upload does depends on the
tally's :class:`~electoral.results.PvpMode` (:attr:`TallyConfig.pvp_mode`),
snapshotted when the bundle is imported:

* **DISABLED** — the upload is refused up front.
* **DE1_ONLY** (transition 29, :func:`pvp_de1_only`) — the **round 2** values
  become the DE1 entry (votes and reconciliation section); the form goes
  UNSUBMITTED -> DATA_ENTRY_2 and a human enters DE2 from the paper form.
* **DE1_AND_DE2** (transition 30, :func:`pvp_de1_and_de2`) — round 1 becomes
  DE1, round 2 becomes DE2 **and** FINAL, a reconciliation section is written
  for all three; the form goes UNSUBMITTED -> QUALITY_CONTROL, skipping
  corrections.

The reconciliation section maps voter cards to Field 2, valid to Field 3,
invalid to Field 4 and ballots inside the box to Field 5; **Field 1**
(``number_of_voters``) is the station's **registrants**, because the device
does not capture it. "Ballots received" is kept in the submission only. The
DE1 all-zero gate and the "all blank or zero" reconciliation check are not
applied. PVP never handles replacement forms.

**The bundle** is read by :func:`electoral.formats.tallyho.read_pvp_bundle`, all or
nothing, into a :class:`PvpBundle`. Submissions that are fine as data but cannot be
imported are **skipped** with the first reason of :class:`PvpSkip`, in its fixed
order (:func:`pvp_skip_reason`). :func:`import_pvp_bundle` imports every other
submission or, if any one fails, none.

Deliberate differences from Tally-Ho:

* Rows with an empty ``meta-instanceID`` are not dropped silently: they are
  grouped by barcode and skipped as ``required_fields``.
* A candidate appearing twice in one submission, a negative number, a
  candidate not on the form's ballot, a form candidate missing from the
  submission and a ballot number that is not the form's are refused (Tally-Ho
  wrote what it got, or failed on a database lookup).
* A replacement form is skipped with a sixth reason, ``replacement_form``,
  checked last (Tally-Ho failed the whole import on the station lookup).
* Importing supersedes every still-active entry of the form (a form reset to
  UNSUBMITTED through clearance may keep data from before), so the form has
  exactly one active entry per candidate and version; an out-of-country form
  (no reconciliation section) gets no reconciliation entries; an empty
  reconciliation cell, or a station without registrants, is written as 0
  (the section's numbers are whole numbers here, not nullable).

Sources: Tally-Ho ``libs/pvp/bundle.py``, ``libs/pvp/validation.py``,
``libs/pvp/import_submission.py``, ``libs/models/enums/pvp_mode.py``,
``docs/overview/pvp.md`` (onaio/tally-ho at commit ``acbe4f4``).

>>> s = PvpSubmission(instance_id="uuid:1", barcode="31001001117", ballot_number=117,
...                   candidates=[PvpCandidate(candidate_id=1, round1=10, round2=10)])
>>> s.candidates[0].rounds_agree, s.recon(2)["number_voter_cards"]
(True, None)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    InvalidType,
    MissingValue,
    OutOfRange,
)
from electoral.model import FormState, ReconciliationForm
from electoral.model import _validators as v
from electoral.results._checks import TallyConfig
from electoral.results._lifecycle import Step, finish, guard, with_state
from electoral.results._records import (
    CandidateKey,
    EntryVersion,
    FormRecord,
    PvpLink,
    PvpMode,
    ReconEntry,
    TallySetup,
    VoteEntry,
)

__all__ = [
    "IMAGE_COLUMNS",
    "PVP_MODE_CODES",
    "RECON_PARTS",
    "PvpBundle",
    "PvpCandidate",
    "PvpImport",
    "PvpPlan",
    "PvpSkip",
    "PvpSubmission",
    "apply_pvp_submission",
    "import_pvp_bundle",
    "plan_pvp_import",
    "pvp_de1_and_de2",
    "pvp_de1_only",
    "pvp_mode_from_code",
    "pvp_skip_reason",
]

PVP_MODE_CODES: Final[Mapping[PvpMode, int]] = {
    PvpMode.DISABLED: 0,
    PvpMode.DE1_ONLY: 1,
    PvpMode.DE1_AND_DE2: 2,
}
"""Tally-Ho's integer for each PVP mode (``libs/models/enums/pvp_mode.py``)."""


@guarded
def pvp_mode_from_code(code: object) -> PvpMode:
    """The PVP mode of Tally-Ho's integer ``code`` (0, 1 or 2).

    >>> pvp_mode_from_code(2).name
    'DE1_AND_DE2'
    >>> pvp_mode_from_code(3)
    Traceback (most recent call last):
    ...
    electoral.errors.OutOfRange: 3 is not a PVP mode (0, 1 or 2).
    """
    if type(code) is not int:
        raise InvalidType("results.pvp.mode_code", field="pvp_mode", value=code)
    for mode, number in PVP_MODE_CODES.items():
        if number == code:
            return mode
    raise OutOfRange("results.pvp.mode_code", field="pvp_mode", value=code)


RECON_PARTS: Final = (
    "number_ballots_received",
    "number_voter_cards",
    "number_valid_ballots",
    "number_invalid_ballots",
    "number_ballots_inside_box",
)
"""The device's reconciliation fields, in column order (each for round 1 and round 2)."""

IMAGE_COLUMNS: Final = ("clerk_signature", "forms_picture_1st_page", "forms_picture_2nd_page")
"""The bundle's three image columns, in order."""

_OPT_COUNT: Final = v.optional(v.integer(0))


def _five(_: object, attribute: attrs.Attribute[Any], value: tuple[int | None, ...]) -> None:
    if not isinstance(value, tuple):
        raise InvalidType(field=attribute.name, value=value)
    if len(value) != len(RECON_PARTS):
        raise InvalidFormat(field=attribute.name, value=value)
    for item in value:
        _OPT_COUNT(_, attribute, item)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PvpCandidate:
    """One candidate's two rounds in one submission (``None``: the cell was empty)."""

    candidate_id: int = attrs.field(validator=v.integer(0))
    order: int = attrs.field(default=0, validator=v.integer(0))
    round1: int | None = attrs.field(default=None, validator=_OPT_COUNT)
    round2: int | None = attrs.field(default=None, validator=_OPT_COUNT)

    @property
    def rounds_agree(self) -> bool:
        """Both rounds present and equal (Tally-Ho's round integrity; 0/0 agrees)."""
        return self.round1 is not None and self.round1 == self.round2


def _images(value: Iterable[tuple[str, str | None]]) -> tuple[tuple[str, str | None], ...]:
    """Every image column, in the bundle's column order (``None``: no file)."""
    try:
        given = dict(value)
    except (TypeError, ValueError):  # not pairs: left for the validator to refuse
        return value  # type: ignore[return-value]
    unknown = sorted(set(given) - set(IMAGE_COLUMNS))
    if unknown:
        raise InvalidFormat(field="images", value=unknown)
    return tuple((column, given.get(column)) for column in IMAGE_COLUMNS)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PvpSubmission:
    """One device submission: one form's candidates, both rounds, both recon sections.

    Attributes:
        instance_id: ``meta-instanceID`` (empty only for rows that lacked it).
        form_id: ``xml_form_id``.
        barcode: the form's barcode, as text.
        ballot_number: the ballot, or ``None`` when the cell was empty.
        staff_user_name: who keyed it on the device.
        candidates: the candidates, in row order.
        recon_r1, recon_r2: the five reconciliation numbers of each round
            (ballots received, voter cards, valid, invalid, inside the box;
            ``None``: empty).
        images: ``(column, filename)`` of the three image columns
            (``clerk_signature``, ``forms_picture_1st_page``,
            ``forms_picture_2nd_page``; ``None``: no file).
    """

    instance_id: str = attrs.field(validator=v.text(max_length=255))
    form_id: str = attrs.field(default="", validator=v.text(max_length=255))
    barcode: str = attrs.field(validator=v.text(max_length=255))
    ballot_number: int | None = attrs.field(default=None, validator=_OPT_COUNT)
    staff_user_name: str = attrs.field(default="", validator=v.text(max_length=255))
    candidates: tuple[PvpCandidate, ...] = attrs.field(default=(), converter=v.to_tuple)
    recon_r1: tuple[int | None, ...] = attrs.field(default=(None,) * 5, converter=v.to_tuple)
    recon_r2: tuple[int | None, ...] = attrs.field(default=(None,) * 5, converter=v.to_tuple)
    images: tuple[tuple[str, str | None], ...] = attrs.field(default=(), converter=_images)

    @recon_r1.validator
    def _check_r1(self, attribute: attrs.Attribute[Any], value: tuple[int | None, ...]) -> None:
        _five(self, attribute, value)

    @recon_r2.validator
    def _check_r2(self, attribute: attrs.Attribute[Any], value: tuple[int | None, ...]) -> None:
        _five(self, attribute, value)

    @guarded
    def recon(self, round_number: int) -> dict[str, int | None]:
        """One round's five reconciliation numbers, by the device's field name.

        Raises:
            OutOfRange: ``round_number`` is not 1 or 2.
        """
        if round_number not in (1, 2):
            raise OutOfRange(field="round_number", value=round_number, min_value=1, max_value=2)
        values = self.recon_r1 if round_number == 1 else self.recon_r2
        return dict(zip(RECON_PARTS, values, strict=True))


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PvpBundle:
    """A parsed, valid bundle: its submissions and the image files it lacks (listed only)."""

    submissions: tuple[PvpSubmission, ...] = attrs.field(converter=v.to_tuple)
    missing_images: tuple[str, ...] = attrs.field(default=(), converter=v.to_tuple)


class PvpSkip(enum.Enum):
    """Why a valid submission is not imported; checked in this order, first wins.

    The first five are Tally-Ho's (``libs/pvp/validation.py``);
    ``REPLACEMENT_FORM`` is ours (PVP never handles replacement forms).
    """

    PVP_DISABLED = "pvp_disabled"
    REQUIRED_FIELDS = "required_fields"
    BARCODE_NOT_FOUND = "barcode_not_found"
    FORM_NOT_UNSUBMITTED = "form_not_unsubmitted"
    ALREADY_IMPORTED = "already_imported"
    REPLACEMENT_FORM = "replacement_form"


# --------------------------------------------------------------------------- skipping


@guarded
def pvp_skip_reason(
    submission: PvpSubmission, *, mode: PvpMode, records: Mapping[str, FormRecord]
) -> PvpSkip | None:
    """Why ``submission`` is skipped, or ``None``: the first :class:`PvpSkip` that applies.

    >>> s = PvpSubmission(instance_id="uuid:1", barcode="1", ballot_number=117)
    >>> pvp_skip_reason(s, mode=PvpMode.DISABLED, records={}).value
    'pvp_disabled'
    >>> pvp_skip_reason(s, mode=PvpMode.DE1_ONLY, records={}).value
    'required_fields'
    """
    if mode is PvpMode.DISABLED:
        return PvpSkip.PVP_DISABLED
    has_round2 = any(c.round2 is not None for c in submission.candidates)
    if not (
        submission.barcode
        and submission.ballot_number is not None
        and submission.instance_id
        and has_round2
    ):
        return PvpSkip.REQUIRED_FIELDS
    record = records.get(submission.barcode)
    if record is None:
        return PvpSkip.BARCODE_NOT_FOUND
    if record.state is not FormState.UNSUBMITTED:
        return PvpSkip.FORM_NOT_UNSUBMITTED
    if record.pvp is not None:
        return PvpSkip.ALREADY_IMPORTED
    if record.form.is_replacement:
        return PvpSkip.REPLACEMENT_FORM
    return None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PvpPlan:
    """What an import would do: the mode used, the rows to import and the rows skipped."""

    mode: PvpMode
    accepted: tuple[PvpSubmission, ...]
    skipped: tuple[tuple[PvpSubmission, PvpSkip], ...]


@guarded
def plan_pvp_import(
    bundle: PvpBundle, *, mode: PvpMode, records: Mapping[str, FormRecord]
) -> PvpPlan:
    """Sort the bundle's submissions into those to import and those skipped (with why)."""
    accepted: list[PvpSubmission] = []
    skipped: list[tuple[PvpSubmission, PvpSkip]] = []
    for submission in bundle.submissions:
        reason = pvp_skip_reason(submission, mode=mode, records=records)
        if reason is None:
            accepted.append(submission)
        else:
            skipped.append((submission, reason))
    return PvpPlan(mode=mode, accepted=tuple(accepted), skipped=tuple(skipped))


# --------------------------------------------------------------------------- transitions


def _votes(
    record: FormRecord,
    submission: PvpSubmission,
    setup: TallySetup,
    errors: ErrorCollector,
    *,
    both_rounds: bool,
) -> tuple[dict[CandidateKey, int], dict[CandidateKey, int]]:
    """Round 1 and round 2 votes by candidate key; problems go to ``errors``."""
    keys = {c.candidate_id: c.key for c in setup.form_candidates(record.form.ballot_number)}
    round1: dict[CandidateKey, int] = {}
    round2: dict[CandidateKey, int] = {}
    for c in submission.candidates:
        where = f"$.candidates[{c.candidate_id}]"
        key = keys.get(c.candidate_id)
        if key is None:
            errors.add(
                InconsistentValue(
                    "results.unknown_candidate", field="candidate_id", value=c.candidate_id
                ),
                where,
            )
            continue
        if key in round2:
            errors.add(
                InconsistentValue(
                    "results.pvp.duplicate_candidate",
                    field="candidate_id",
                    value=c.candidate_id,
                    instance=submission.instance_id,
                ),
                where,
            )
            continue
        if c.round2 is None or (both_rounds and c.round1 is None):
            errors.add(MissingValue("results.missing_votes", field="votes", value=key), where)
            continue
        if both_rounds and not c.rounds_agree:
            errors.add(
                InconsistentValue(
                    "results.pvp.rounds_differ",
                    field="candidate_result_round2",
                    value=(c.round1, c.round2),
                    candidate=c.candidate_id,
                    barcode=submission.barcode,
                    round1=c.round1,
                    round2=c.round2,
                ),
                where,
            )
            continue
        round2[key] = c.round2
        if c.round1 is not None:
            round1[key] = c.round1
    for candidate_id, key in keys.items():
        listed = any(c.candidate_id == candidate_id for c in submission.candidates)
        if not listed:
            errors.add(
                MissingValue("results.missing_votes", field="votes", value=key),
                f"$.candidates[{candidate_id}]",
            )
    return round1, round2


def _section(
    record: FormRecord, submission: PvpSubmission, setup: TallySetup, round_number: int
) -> ReconciliationForm | None:
    """The reconciliation section of one round; Field 1 from the station's register."""
    if not record.form.has_reconciliation:
        return None
    station = setup.station_of(record.form)
    registrants = 0 if station is None or station.registrants is None else station.registrants
    numbers = submission.recon(round_number)
    return ReconciliationForm(
        number_of_voters=registrants,
        number_of_voter_cards_in_the_ballot_box=numbers["number_voter_cards"] or 0,
        number_valid_votes=numbers["number_valid_ballots"] or 0,
        number_invalid_votes=numbers["number_invalid_ballots"] or 0,
        number_sorted_and_counted=numbers["number_ballots_inside_box"] or 0,
    )


def _check(record: FormRecord, submission: PvpSubmission, name: str) -> ErrorCollector:
    guard(record, name)
    errors = ErrorCollector(f"form {record.barcode}")
    if submission.barcode != record.barcode:
        errors.add(
            InconsistentValue(
                "results.barcode_not_this_form", field="barcode", value=submission.barcode
            )
        )
    if not submission.instance_id or submission.ballot_number is None:
        errors.add(
            MissingValue(
                "results.pvp.required_fields", field="submission", value=submission.barcode
            )
        )
    elif submission.ballot_number != record.form.ballot_number:
        errors.add(
            InconsistentValue(
                "results.pvp.ballot_mismatch",
                field="ballot_number",
                value=submission.ballot_number,
                barcode=record.barcode,
            )
        )
    if record.form.is_replacement:
        errors.add(
            InconsistentValue(
                "results.pvp.replacement_form", field="barcode", value=record.barcode
            )
        )
    if record.pvp is not None:
        errors.add(
            InconsistentValue(
                "results.pvp.already_imported", field="barcode", value=record.barcode
            )
        )
    return errors


def _import(
    record: FormRecord,
    *,
    name: str,
    mode: PvpMode,
    entries: Iterable[tuple[EntryVersion, dict[CandidateKey, int], ReconciliationForm | None]],
    target: FormState,
    instance_id: str,
    user: str,
    now: dt.datetime,
) -> Step:
    results: list[VoteEntry] = [
        attrs.evolve(e, active=False, deactivated_by=name) if e.active else e
        for e in record.results
    ]
    recons: list[ReconEntry] = [
        attrs.evolve(e, active=False, deactivated_by=name) if e.active else e
        for e in record.recons
    ]
    for version, votes, section in entries:
        results.extend(
            VoteEntry(candidate=key, votes=count, version=version, user=user)
            for key, count in votes.items()
        )
        if section is not None:
            recons.append(ReconEntry(recon=section, version=version, user=user))
    new = with_state(
        record,
        target,
        results=tuple(results),
        recons=tuple(recons),
        duplicate_reviewed=False,
        pvp=PvpLink(instance_id=instance_id, mode=mode),
    )
    return finish(record, new, name, user=user, now=now, reason=f"PVP submission {instance_id}")


def _ordered(
    record: FormRecord, setup: TallySetup, votes: Mapping[CandidateKey, int]
) -> dict[CandidateKey, int]:
    keys = [c.key for c in setup.form_candidates(record.form.ballot_number)]
    return {key: votes[key] for key in keys if key in votes}


@guarded
def pvp_de1_only(
    record: FormRecord,
    submission: PvpSubmission,
    *,
    setup: TallySetup,
    user: str,
    now: dt.datetime,
) -> Step:
    """Transition 29 (mode DE1_ONLY): **round 2** becomes DE1; UNSUBMITTED -> DATA_ENTRY_2.

    Writes one DE1 vote entry per candidate of the form (in ballot order) and,
    when the form has a reconciliation section, a DE1 section from the round 2
    columns (Field 1 from the station's registrants). Round 1 is not read.

    Raises:
        WrongState: the form is not UNSUBMITTED.
        ValidationErrors: every other problem at once (another form's
            submission, no instance id or ballot, another ballot, a replacement
            form, already imported, an unknown or missing candidate, an empty
            round 2 value); nothing is written.
    """
    errors = _check(record, submission, "pvp_de1_only")
    _, round2 = _votes(record, submission, setup, errors, both_rounds=False)
    errors.raise_if_any()
    section = _section(record, submission, setup, 2)
    return _import(
        record,
        name="pvp_de1_only",
        mode=PvpMode.DE1_ONLY,
        entries=[(EntryVersion.DATA_ENTRY_1, _ordered(record, setup, round2), section)],
        target=FormState.DATA_ENTRY_2,
        instance_id=submission.instance_id,
        user=user,
        now=now,
    )


@guarded
def pvp_de1_and_de2(
    record: FormRecord,
    submission: PvpSubmission,
    *,
    setup: TallySetup,
    user: str,
    now: dt.datetime,
) -> Step:
    """Transition 30 (mode DE1_AND_DE2): DE1, DE2 and FINAL; UNSUBMITTED -> QUALITY_CONTROL.

    DE1 comes from round 1, DE2 and FINAL from round 2, each with a
    reconciliation section (round 1 columns for DE1, round 2 for DE2 and
    FINAL) when the form has one. Corrections are skipped, so the rounds must
    agree for every candidate.

    Raises:
        WrongState: the form is not UNSUBMITTED.
        ValidationErrors: every problem :func:`pvp_de1_only` refuses, and any
            candidate whose round 1 and round 2 differ or are missing.
    """
    errors = _check(record, submission, "pvp_de1_and_de2")
    round1, round2 = _votes(record, submission, setup, errors, both_rounds=True)
    errors.raise_if_any()
    r1 = _section(record, submission, setup, 1)
    r2 = _section(record, submission, setup, 2)
    votes1 = _ordered(record, setup, round1)
    votes2 = _ordered(record, setup, round2)
    return _import(
        record,
        name="pvp_de1_and_de2",
        mode=PvpMode.DE1_AND_DE2,
        entries=[
            (EntryVersion.DATA_ENTRY_1, votes1, r1),
            (EntryVersion.DATA_ENTRY_2, votes2, r2),
            (EntryVersion.FINAL, votes2, r2),
        ],
        target=FormState.QUALITY_CONTROL,
        instance_id=submission.instance_id,
        user=user,
        now=now,
    )


@guarded
def apply_pvp_submission(
    record: FormRecord,
    submission: PvpSubmission,
    *,
    mode: PvpMode,
    setup: TallySetup,
    user: str,
    now: dt.datetime,
) -> Step:
    """Transition 29 or 30, as ``mode`` says.

    Raises:
        InconsistentValue: ``results.pvp.disabled`` when ``mode`` is DISABLED.
    """
    if mode is PvpMode.DE1_ONLY:
        return pvp_de1_only(record, submission, setup=setup, user=user, now=now)
    if mode is PvpMode.DE1_AND_DE2:
        return pvp_de1_and_de2(record, submission, setup=setup, user=user, now=now)
    raise InconsistentValue("results.pvp.disabled", field="pvp_mode", value=mode.value)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PvpImport:
    """An imported bundle: the mode it snapshotted, one step per imported form, the skips."""

    mode: PvpMode
    steps: tuple[Step, ...]
    skipped: tuple[tuple[PvpSubmission, PvpSkip], ...]

    @property
    def records(self) -> dict[str, FormRecord]:
        """The imported forms, by barcode."""
        return {s.record.barcode: s.record for s in self.steps}


@guarded
def import_pvp_bundle(
    bundle: PvpBundle,
    *,
    config: TallyConfig,
    records: Mapping[str, FormRecord],
    setup: TallySetup,
    user: str,
    now: dt.datetime,
) -> PvpImport:
    """Import a bundle under the tally's mode (snapshotted from ``config``): all or nothing.

    Skipped submissions (:func:`plan_pvp_import`) are listed, not imported;
    every other one goes through :func:`apply_pvp_submission`.

    Raises:
        InconsistentValue: ``results.pvp.disabled``, the tally's mode is DISABLED.
        ValidationErrors: any submission failed; every problem of every
            submission, located ``barcode B``; no form is changed.
    """
    mode = config.pvp_mode
    if mode is PvpMode.DISABLED:
        raise InconsistentValue("results.pvp.disabled", field="pvp_mode", value=config.name)
    plan = plan_pvp_import(bundle, mode=mode, records=records)
    errors = ErrorCollector("PVP bundle")
    steps: list[Step] = []
    for submission in plan.accepted:
        record = records[submission.barcode]
        with errors.at(f"barcode {submission.barcode}"):
            steps.append(
                apply_pvp_submission(
                    record, submission, mode=mode, setup=setup, user=user, now=now
                )
            )
    errors.raise_if_any()
    return PvpImport(mode=mode, steps=tuple(steps), skipped=plan.skipped)
