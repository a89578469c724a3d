"""Private: where a form enters the tally, intake, and the super administrator's reset.

The transitions that bring a form in (:func:`import_form`, :func:`create_form`),
the intake checks in Tally-Ho's order (:func:`check_barcode`,
:func:`check_center_station`), the duplicate search at intake
(:func:`find_duplicates`, :func:`send_to_clearance`), the intake transitions and
the reset. Each checks its guard and returns a :class:`~electoral.results.Step`
built by the state machine (``electoral.results._lifecycle``).

Sources: Tally-Ho ``views/intake.py``, ``views/super_admin.py``,
``views/clearance.py``, ``forms/center_details_form.py``,
``libs/views/form_state.py``, ``models/result_form.py``
(onaio/tally-ho at commit ``acbe4f4``).

>>> import pendulum
>>> from electoral.model import ResultForm, Gender
>>> now = pendulum.datetime(2026, 1, 10, 9, tz="Africa/Tripoli")
>>> step = import_form(ResultForm(barcode="31001002117", ballot_number=117,
...     center_id=31001, station_number=2, gender=Gender.MALE), user="setup", now=now)
>>> step.record.state.name, step.event.transition
('UNSUBMITTED', 'import')
>>> intake_abort(step.record, user="clerk", now=now)
Traceback (most recent call last):
...
electoral.results._lifecycle.WrongState: Form not in Intake. Return form to Unsubmitted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from electoral._guard import guarded
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    MissingValue,
    OutOfRange,
)
from electoral.ids import barcode as _barcode
from electoral.model import Center, FormState, ResultForm, Station
from electoral.model._validators import assemble, changed
from electoral.results._lifecycle import (
    Step,
    finish,
    form_in,
    guard,
    new_clearance,
    reject,
    with_state,
)
from electoral.results._records import FormRecord, TallySetup

__all__ = [
    "UnknownReference",
    "assign_center_station",
    "check_barcode",
    "check_center_station",
    "create_form",
    "find_duplicates",
    "import_form",
    "intake",
    "intake_abort",
    "intake_match",
    "intake_reject",
    "next_barcode",
    "reset_form",
    "send_to_clearance",
]


class UnknownReference(InconsistentValue):
    """A barcode, centre, station or ballot is not in the tally."""

    default_code = "results.barcode_unknown"


@guarded
def import_form(form: ResultForm, *, user: str, now: dt.datetime) -> Step:
    """Transition 1: an imported form starts UNSUBMITTED (``import_result_forms.py``).

    The event carries every field, so it is where :func:`replay` starts.
    """
    # the form was checked when it was built and its new state is the library's own,
    # and the record's other fields take their defaults (a test holds it equal to the
    # constructor's record)
    record = blank_record(form_in(form, FormState.UNSUBMITTED))
    return finish(None, record, "import", user=user, now=now)


_DEFAULTS: Final = {a.name: a.default for a in attrs.fields(FormRecord) if a.name != "form"}
"""Every field of a fresh record but its form: the declared defaults, all plain values."""


def blank_record(form: ResultForm) -> FormRecord:
    """``FormRecord(form=form)`` for a checked form: the defaults need no checking."""
    return assemble(FormRecord, form=form, **_DEFAULTS)


START_BARCODE: Final = 10_000_000
"""Tally-Ho ``START_BARCODE``; the first generated barcode is this plus 1."""


@guarded
def next_barcode(existing: Iterable[str]) -> str:
    """The barcode for a form created by hand: the numerically highest plus 1.

    Deliberate difference: Tally-Ho takes the highest barcode by **text** order
    (so "9" beats "10"); here barcodes are compared as numbers.

    >>> next_barcode(["9", "10", "0000000012"])
    '13'
    >>> next_barcode([])
    '10000001'

    Raises:
        ValidationErrors: every existing value that is not a barcode, at
            ``$.existing[i]``.
    """
    errors = ErrorCollector("existing barcodes")
    numbers = []
    for index, text in enumerate(existing):
        with errors.at(f"$.existing[{index}]"):
            numbers.append(int(_barcode.validate(text)))
    errors.raise_if_any()
    return str(max(numbers, default=START_BARCODE) + 1)


def _races_of_subconstituency(setup: TallySetup, subconstituency_id: int) -> set[tuple[str, str]]:
    return {
        b.race.key for b in setup.ballots.values() if subconstituency_id in b.subconstituency_ids
    }


@guarded
def create_form(
    *,
    center_id: int | None,
    station_number: int | None,
    ballot_number: int | None,
    setup: TallySetup,
    existing: Sequence[FormRecord],
    user: str,
    now: dt.datetime,
    barcode: str | None = None,
) -> Step:
    """Transition 2: a form created by hand starts in CLEARANCE (``create_result_form.py``).

    Raises:
        MissingValue: ``results.all_fields_mandatory``.
        UnknownReference: the ballot, centre or station is unknown.
        InconsistentValue: the ballot, centre or station is disabled, the
            ballot's race is not contested at the centre, or a form for the
            (centre, station, ballot) exists already.
    """
    if center_id is None or station_number is None or ballot_number is None:
        raise MissingValue("results.all_fields_mandatory", field="center_station_ballot")
    ballot = setup.ballots.get(ballot_number)
    if ballot is None:
        raise UnknownReference("results.ballot_unknown", field="ballot", value=ballot_number)
    if not ballot.active:
        raise InconsistentValue("results.create_ballot_disabled", field="ballot", value=ballot)
    center = setup.centers.get(center_id)
    if center is None:
        raise UnknownReference("results.center_unknown", field="center_id", value=center_id)
    if not center.active:
        raise InconsistentValue(
            "results.create_center_disabled", field="center_id", value=center_id
        )
    station = setup.stations.get((center_id, station_number))
    if station is None:
        raise UnknownReference(
            "results.create_station_unknown", field="station_number", value=station_number
        )
    if not station.active:
        raise InconsistentValue(
            "results.create_station_disabled", field="station_number", value=station_number
        )
    if ballot.race.key not in _races_of_subconstituency(setup, center.subconstituency_id):
        raise InconsistentValue(
            "results.create_race_mismatch", field="ballot", value=ballot_number
        )
    for other in existing:
        if (other.form.center_id, other.form.station_number, other.form.ballot_number) == (
            center_id,
            station_number,
            ballot_number,
        ):
            raise InconsistentValue("results.form_exists", field="barcode", value=other.barcode)
    barcodes = [r.barcode for r in existing]
    code = next_barcode(barcodes) if barcode is None else _barcode.validate(barcode)
    if code in barcodes:
        raise InconsistentValue("results.barcode_taken", field="barcode", value=code)
    form = ResultForm(
        barcode=code,
        ballot_number=ballot_number,
        center_id=center_id,
        station_number=station_number,
        gender=station.gender,
        state=FormState.CLEARANCE,
        is_replacement=False,
    )
    record = FormRecord(form=form, clearances=(new_clearance(user, "Form created by hand."),))
    return finish(None, record, "create_form", user=user, now=now)


# --------------------------------------------------------------------------- intake


@guarded
def check_barcode(
    typed: str,
    *,
    copy: str | None = None,
    scanned: bool = False,
    records: Mapping[str, FormRecord],
    setup: TallySetup,
) -> FormRecord:
    """The intake barcode checks, in Tally-Ho's order; return the form's record.

    1. digits only, 1 to 255 characters (:func:`electoral.ids.barcode.validate`);
    2. typed twice and equal ("Barcodes do not match!"), unless ``scanned``;
    3. the barcode exists in the tally ("Barcode does not exist.");
    4. the form's centre, if any, is active ("Center is disabled.");
    5. the form's station, if any, exists and is active, and its ballot is
       active ("Station does not exist.", "Station disabled.", "Ballot disabled.").

    Leading zeros are significant: ``"000000001"`` is not ``"1"``.
    """
    code = _barcode.validate(typed)
    if not scanned and (copy is None or _barcode.compact(copy) != code):
        raise InconsistentValue("results.barcodes_mismatch", field="barcode_copy", value=copy)
    record = records.get(code)
    if record is None:
        raise UnknownReference("results.barcode_unknown", field="barcode", value=code)
    check_form_context(record.form, setup)
    return record


def check_form_context(form: ResultForm, setup: TallySetup) -> None:
    """Checks 4 and 5 of :func:`check_barcode`: centre, station and ballot are usable."""
    if form.center_id is not None:
        center = setup.centers.get(form.center_id)
        if center is None or not center.active:
            raise InconsistentValue(
                "results.center_disabled", field="center_id", value=form.center_id
            )
    if form.station_number is not None and form.center_id is not None:
        station = setup.stations.get((form.center_id, form.station_number))
        if station is None:
            raise UnknownReference(
                "results.station_unknown", field="station_number", value=form.station_number
            )
        if not station.active:
            raise InconsistentValue(
                "results.station_disabled", field="station_number", value=form.station_number
            )
        ballot = setup.ballots.get(form.ballot_number)
        if ballot is None or not ballot.active:
            raise InconsistentValue(
                "results.ballot_disabled", field="ballot", value=form.ballot_number
            )


@guarded
def find_duplicates(record: FormRecord, others: Iterable[FormRecord]) -> tuple[FormRecord, ...]:
    """Forms that make ``record`` a duplicate, relative to ``record``'s state.

    Same non-empty (centre, station, ballot), another barcode, and: when the
    checking form is UNSUBMITTED or CLEARANCE, the other has left UNSUBMITTED;
    when it is in INTAKE, the other has left UNSUBMITTED and INTAKE; in any
    other state nothing is a duplicate. Ordered by barcode (Tally-Ho orders by
    creation time, which a record does not carry).
    """
    form = record.form
    if form.station_key is None:
        return ()
    if record.state in (FormState.UNSUBMITTED, FormState.CLEARANCE):
        excluded = {FormState.UNSUBMITTED}
    elif record.state is FormState.INTAKE:
        excluded = {FormState.UNSUBMITTED, FormState.INTAKE}
    else:
        return ()
    found = [
        o
        for o in others
        if o.barcode != record.barcode
        and o.form.station_key == form.station_key
        and o.form.ballot_number == form.ballot_number
        and o.state not in excluded
    ]
    return tuple(sorted(found, key=lambda r: (len(r.barcode), r.barcode)))


@guarded
def send_to_clearance(record: FormRecord, *, user: str, now: dt.datetime, reason: str) -> Step:
    """Tally-Ho ``send_to_clearance``: CLEARANCE, data **kept**, active audit closed."""
    guard(record, "send_to_clearance")
    audits = tuple(attrs.evolve(a, active=False) if a.active else a for a in record.audits)
    new = with_state(record, FormState.CLEARANCE, audits=audits)
    return finish(record, new, "send_to_clearance", user=user, now=now, reason=reason)


DUPLICATE_REASON: Final = "Duplicate of a form already entered into system."


def _intake_or_duplicate(
    old: FormRecord,
    new: FormRecord,
    name: str,
    *,
    others: Iterable[FormRecord],
    user: str,
    now: dt.datetime,
) -> Step:
    others = tuple(others)
    if not others:  # nothing it could duplicate
        return finish(old, new, name, user=user, now=now)
    # Duplicates are judged from the state the form was in when it was scanned.
    checker = changed(new, form=changed(new.form, state=old.state))
    duplicates = find_duplicates(checker, others)
    if not duplicates:
        return finish(old, new, name, user=user, now=now)
    related = [
        send_to_clearance(d, user=user, now=now, reason=DUPLICATE_REASON)
        for d in duplicates
        if d.state is not FormState.CLEARANCE
    ]
    moved = changed(with_state(new, FormState.CLEARANCE), previous_state=old.state, date_seen=now)
    return finish(
        old,
        moved,
        "intake_duplicate",
        user=user,
        now=now,
        reason=DUPLICATE_REASON,
        related=related,
    )


@guarded
def intake(
    record: FormRecord,
    *,
    setup: TallySetup,
    others: Iterable[FormRecord],
    user: str,
    now: dt.datetime,
) -> Step:
    """Transitions 3 and 4: take a form in at intake.

    The form's centre, station and ballot must be usable (``check_form_context``).
    If another form for the same (centre, station, ballot) has gone past intake
    (:func:`find_duplicates`), **both** go to CLEARANCE with their data kept
    (``intake_duplicate`` for this form, ``send_to_clearance`` in
    :attr:`Step.related` for the others). Otherwise the form goes to INTAKE.
    """
    guard(record, "intake")
    check_form_context(record.form, setup)
    new = with_state(record, FormState.INTAKE, duplicate_reviewed=False, date_seen=now)
    return _intake_or_duplicate(record, new, "intake", others=others, user=user, now=now)


_MAX_TYPED: Final = 12


def _digits(text: object, field: str, code: str, min_length: int = 1) -> int:
    if isinstance(text, int) and not isinstance(text, bool):
        folded = str(text)
    elif isinstance(text, str):
        folded = _barcode.compact(text)
    else:
        raise InvalidFormat(code, field=field, value=text)
    if not min_length <= len(folded) <= _MAX_TYPED or not folded.isascii() or not folded.isdigit():
        raise InvalidFormat(code, field=field, value=text)  # no centre or station is longer
    return int(folded)


@guarded
def check_center_station(
    center_number: str | int,
    center_copy: str | int,
    station_number: str | int,
    station_copy: str | int,
    *,
    setup: TallySetup,
    form: ResultForm | None = None,
    stage: str = "intake",
) -> tuple[Center, Station]:
    """The centre and station entry checks of Tally-Ho's intake, in order.

    Args:
        center_number, center_copy: the centre number, typed twice.
        station_number, station_copy: the station number, typed twice.
        setup: the tally's reference data.
        form: the form being handled (needed for check 8 at intake and 9 in
            data entry).
        stage: ``"intake"`` (check 8) or ``"data_entry"`` (check 9).

    Raises:
        InvalidFormat: a number is not made of digits (or the centre has fewer
            than 5).
        OutOfRange: the station number is not 1 to 102.
        UnknownReference: the centre, or the station in it, does not exist.
        InconsistentValue: any other failing check, with the results system's
            message.
    """
    center_id = _digits(center_number, "center_number", "results.center_number_format", 5)
    number = _digits(station_number, "station_number", "results.station_number_format")
    if not 1 <= number <= 102:
        raise OutOfRange(
            "results.station_number_range",
            field="station_number",
            value=station_number,
            min_value=1,
            max_value=102,
        )
    if _digits(center_copy, "center_copy", "results.center_number_format") != center_id:
        raise InconsistentValue(
            "results.center_numbers_mismatch", field="center_copy", value=center_copy
        )
    if _digits(station_copy, "station_copy", "results.station_number_format") != number:
        raise InconsistentValue(
            "results.station_numbers_mismatch", field="station_copy", value=station_copy
        )
    center = setup.centers.get(center_id)
    if center is None:
        raise UnknownReference("results.center_unknown", field="center_number", value=center_id)
    station = setup.stations.get((center_id, number))
    if station is None:
        raise UnknownReference(
            "results.station_not_in_center", field="station_number", value=number
        )
    if not center.active:
        raise InconsistentValue(
            "results.intake_center_disabled", field="center_number", value=center_id
        )
    if not station.active:
        raise InconsistentValue(
            "results.intake_station_disabled", field="station_number", value=number
        )
    if station.subconstituency_id is not None:
        ballots = [
            b
            for b in setup.ballots.values()
            if station.subconstituency_id in b.subconstituency_ids
        ]
        if not any(b.active for b in ballots):
            raise InconsistentValue(
                "results.race_disabled", field="station_number", value=station.subconstituency_id
            )
    if form is not None and stage == "intake":
        ballot = setup.ballots.get(form.ballot_number)
        races = _races_of_subconstituency(setup, center.subconstituency_id)
        if ballot is None or ballot.race.key not in races:
            raise InconsistentValue(
                "results.ballot_race_mismatch", field="ballot", value=form.ballot_number
            )
    if form is not None and stage == "data_entry" and form.station_key != (center_id, number):
        raise InconsistentValue(
            "results.center_station_not_form", field="center_number", value=(center_id, number)
        )
    return center, station


@guarded
def assign_center_station(
    record: FormRecord,
    *,
    center_number: str | int,
    center_copy: str | int,
    station_number: str | int,
    station_copy: str | int,
    setup: TallySetup,
    others: Iterable[FormRecord],
    user: str,
    now: dt.datetime,
) -> Step:
    """Transition 5: a replacement form in INTAKE takes its centre and station.

    The form takes the **station's gender**. If the (centre, station, ballot)
    now duplicates a form past intake, both go to CLEARANCE (data kept).

    Raises:
        InconsistentValue: ``results.not_replacement``, the form already has a
            centre; or any check of :func:`check_center_station`.
    """
    guard(record, "assign_center_station")
    if not record.form.is_replacement or record.form.center_id is not None:
        raise InconsistentValue("results.not_replacement", field="barcode", value=record.barcode)
    center, station = check_center_station(
        center_number, center_copy, station_number, station_copy, setup=setup, form=record.form
    )
    form = attrs.evolve(
        record.form,
        center_id=center.center_id,
        station_number=station.number,
        gender=station.gender,
    )
    new = changed(record, form=form, previous_state=record.state)
    return _intake_or_duplicate(
        record, new, "assign_center_station", others=others, user=user, now=now
    )


@guarded
def intake_match(record: FormRecord, *, user: str, now: dt.datetime) -> Step:
    """Transition 6: the clerk confirms the details ("is_match", cover printed) -> DE1."""
    guard(record, "intake_match")
    if record.form.center_id is None:
        raise MissingValue(
            "results.center_station_required", field="center_id", value=record.barcode
        )
    new = with_state(record, FormState.DATA_ENTRY_1, duplicate_reviewed=False)
    return finish(record, new, "intake_match", user=user, now=now)


INTAKE_REJECT_REASON: Final = "Form rejected during intake: Details Incorrect."


@guarded
def intake_reject(record: FormRecord, *, user: str, now: dt.datetime) -> Step:
    """Transition 7: details incorrect -> CLEARANCE, by reject; a clearance case opens."""
    guard(record, "intake_reject")
    new = reject(
        record,
        FormState.CLEARANCE,
        INTAKE_REJECT_REASON,
        by="intake_reject",
        clearances=(*record.clearances, new_clearance(user, INTAKE_REJECT_REASON)),
        date_seen=now,
    )
    return finish(record, new, "intake_reject", user=user, now=now, reason=INTAKE_REJECT_REASON)


@guarded
def intake_abort(record: FormRecord, *, user: str, now: dt.datetime) -> Step:
    """Transition 8: the clerk aborts intake -> UNSUBMITTED."""
    guard(record, "intake_abort")
    new = with_state(record, FormState.UNSUBMITTED, duplicate_reviewed=False)
    return finish(record, new, "intake_abort", user=user, now=now)


# --------------------------------------------------------------------------- reset


RESET_LENGTH: Final = 11


@guarded
def reset_form(
    record: FormRecord, *, barcode: str, reason: str, user: str, now: dt.datetime
) -> Step:
    """Transition 28: super admin "Reset form" -> UNSUBMITTED (``reset_to_unsubmitted``).

    The barcode must be typed as exactly 11 digits and be this form's; a reason
    is required. Deactivates results, reconciliation entries, audits,
    clearances and quality controls, and unlinks the PVP submission (``pvp``),
    so the form can be imported from a PVP bundle again. Does **not** change
    ``rejected_count``, the centre or station of a replacement form, or the
    sticky skip flags.
    """
    guard(record, "reset")
    text = barcode if isinstance(barcode, str) else ""
    if len(text) != RESET_LENGTH or not text.isascii() or not text.isdigit():
        raise InvalidFormat("results.barcode_reset_length", field="barcode", value=barcode)
    if text != record.barcode:
        raise InconsistentValue("results.barcode_not_this_form", field="barcode", value=barcode)
    if not isinstance(reason, str) or not reason.strip():
        raise MissingValue("results.reason_required", field="reason", value=reason)

    def off(items: tuple[Any, ...], **extra: Any) -> tuple[Any, ...]:
        return tuple(attrs.evolve(i, active=False, **extra) if i.active else i for i in items)

    new = with_state(
        record,
        FormState.UNSUBMITTED,
        results=off(record.results, deactivated_by="reset"),
        recons=off(record.recons, deactivated_by="reset"),
        audits=off(record.audits),
        clearances=off(record.clearances),
        quality_controls=off(record.quality_controls),
        pvp=None,
    )
    return finish(record, new, "reset", user=user, now=now, reason=reason)
