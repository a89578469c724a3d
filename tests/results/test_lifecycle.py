"""Life cycle: guards, intake rules, duplicates, replacement forms, reject, reset, replay."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest

from electoral.errors import (
    InconsistentValue,
    InvalidFormat,
    InvalidType,
    MissingValue,
    ValidationError,
    ValidationErrors,
)
from electoral.model import FormState, Gender, ReconciliationForm, ResultForm
from electoral.results import (
    TRANSITIONS,
    AuditRecord,
    EntryVersion,
    Event,
    FormRecord,
    Step,
    TallySetup,
    UnknownReference,
    WrongState,
    assign_center_station,
    check_barcode,
    check_center_station,
    create_form,
    enter_de1,
    find_duplicates,
    import_form,
    intake,
    intake_abort,
    intake_match,
    intake_reject,
    next_barcode,
    replay,
    reset_form,
    send_to_clearance,
    state_diagram,
)

VOTES = {(117, 1): 10, (117, 2): 20, (117, 3): 30}
RECON = ReconciliationForm(
    number_of_voters=400,
    number_of_voter_cards_in_the_ballot_box=70,
    number_valid_votes=60,
    number_invalid_votes=5,
    number_sorted_and_counted=65,
)


def at_de1(record: FormRecord, setup: TallySetup, now: dt.datetime) -> FormRecord:
    record = intake(record, setup=setup, others=(), user="i", now=now).record
    return intake_match(record, user="i", now=now).record


def test_wrong_state_is_typed_with_allowed_states(fresh: FormRecord, now: dt.datetime) -> None:
    with pytest.raises(WrongState) as info:
        intake_match(fresh, user="u", now=now)
    error = info.value
    assert error.code == "results.wrong_state"
    assert error.params["allowed"] == "Intake"
    assert error.params["current"] == "Unsubmitted"
    assert "أعد الاستمارة" in error.message("ar")
    assert "الاستلام" in error.message("ar")
    assert "غير مقدمة" in error.message("ar")


def test_naive_time_is_refused(fresh: FormRecord, setup: TallySetup) -> None:
    with pytest.raises(InvalidType) as info:
        intake(fresh, setup=setup, others=(), user="u", now=dt.datetime(2026, 1, 1))
    assert info.value.code == "time.naive"


def test_barcode_checks_in_order(fresh: FormRecord, setup: TallySetup) -> None:
    records = {fresh.barcode: fresh}
    with pytest.raises(InvalidFormat) as fmt:
        check_barcode("12a", copy="12a", records=records, setup=setup)
    assert fmt.value.code == "barcode.format"
    with pytest.raises(InconsistentValue) as mismatch:
        check_barcode("31001001117", copy="31001001118", records=records, setup=setup)
    assert mismatch.value.code == "results.barcodes_mismatch"
    assert str(mismatch.value) == "Barcodes do not match!"
    with pytest.raises(UnknownReference) as unknown:
        check_barcode("1234", scanned=True, records=records, setup=setup)
    assert unknown.value.code == "results.barcode_unknown"
    assert check_barcode("31001001117", copy="31001001117", records=records, setup=setup) is fresh
    assert check_barcode("31001001117", scanned=True, records=records, setup=setup) is fresh


def test_barcode_leading_zeros_are_significant(setup: TallySetup, now: dt.datetime) -> None:
    form = ResultForm(
        barcode="000000001",
        ballot_number=117,
        center_id=31001,
        station_number=1,
        gender=Gender.MALE,
    )
    record = import_form(form, user="s", now=now).record
    records = {record.barcode: record}
    assert check_barcode("000000001", scanned=True, records=records, setup=setup) is record
    with pytest.raises(UnknownReference):
        check_barcode("1", scanned=True, records=records, setup=setup)


def test_disabled_centre_station_ballot(fresh: FormRecord, setup: TallySetup) -> None:
    records = {fresh.barcode: fresh}
    center = attrs.evolve(setup.centers[31001], active=False)
    off = attrs.evolve(setup, centers={**setup.centers, 31001: center})
    with pytest.raises(InconsistentValue) as info:
        check_barcode(fresh.barcode, scanned=True, records=records, setup=off)
    assert info.value.code == "results.center_disabled"
    station = attrs.evolve(setup.stations[(31001, 1)], active=False)
    off = attrs.evolve(setup, stations={**setup.stations, (31001, 1): station})
    with pytest.raises(InconsistentValue) as info:
        check_barcode(fresh.barcode, scanned=True, records=records, setup=off)
    assert info.value.code == "results.station_disabled"
    ballot = attrs.evolve(setup.ballots[117], active=False)
    off = attrs.evolve(setup, ballots={**setup.ballots, 117: ballot})
    with pytest.raises(InconsistentValue) as info:
        check_barcode(fresh.barcode, scanned=True, records=records, setup=off)
    assert info.value.code == "results.ballot_disabled"
    gone = attrs.evolve(
        setup, stations={k: s for k, s in setup.stations.items() if k != (31001, 1)}
    )
    with pytest.raises(UnknownReference) as info:
        check_barcode(fresh.barcode, scanned=True, records=records, setup=gone)
    assert info.value.code == "results.station_unknown"


def test_intake_and_back(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> None:
    step = intake(fresh, setup=setup, others=(), user="clerk", now=now)
    assert step.record.state is FormState.INTAKE
    assert step.event.user == "clerk"
    assert step.event.from_state is FormState.UNSUBMITTED
    back = intake_abort(step.record, user="clerk", now=now)
    assert back.record.state is FormState.UNSUBMITTED
    assert back.record.previous_state is FormState.INTAKE


def duplicate_of(record: FormRecord, barcode: str, state: FormState) -> FormRecord:
    form = attrs.evolve(record.form, barcode=barcode, state=state)
    return attrs.evolve(record, form=form)


def test_duplicates_go_to_clearance_with_data_kept(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    entered = at_de1(duplicate_of(fresh, "99", FormState.UNSUBMITTED), setup, now)
    entered = enter_de1(entered, votes=VOTES, recon=RECON, setup=setup, user="d", now=now).record
    step = intake(fresh, setup=setup, others=(entered,), user="clerk", now=now)
    assert step.record.state is FormState.CLEARANCE
    assert step.event.transition == "intake_duplicate"
    assert len(step.related) == 1
    other = step.related[0].record
    assert other.state is FormState.CLEARANCE
    assert other.previous_state is FormState.DATA_ENTRY_2
    assert other.active_votes(EntryVersion.DATA_ENTRY_1) == VOTES  # data kept
    assert other.rejected_count == 0


def test_duplicates_are_relative_to_the_checkers_state(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    waiting = duplicate_of(fresh, "98", FormState.UNSUBMITTED)
    in_intake = duplicate_of(fresh, "97", FormState.INTAKE)
    # An UNSUBMITTED checker sees a form in INTAKE as a duplicate...
    step = intake(fresh, setup=setup, others=(waiting, in_intake), user="c", now=now)
    assert step.record.state is FormState.CLEARANCE
    # ... a checker already in INTAKE does not.
    mine = attrs.evolve(fresh, form=attrs.evolve(fresh.form, state=FormState.INTAKE))
    step = intake(mine, setup=setup, others=(waiting, in_intake), user="c", now=now)
    assert step.record.state is FormState.INTAKE
    # Another ballot or station is never a duplicate.
    other_ballot = attrs.evolve(in_intake, form=attrs.evolve(in_intake.form, ballot_number=118))
    step = intake(fresh, setup=setup, others=(other_ballot,), user="c", now=now)
    assert step.record.state is FormState.INTAKE


def replacement(now: dt.datetime, barcode: str = "99990001001") -> FormRecord:
    return import_form(ResultForm(barcode=barcode, ballot_number=118), user="s", now=now).record


def test_replacement_form_takes_station_gender(setup: TallySetup, now: dt.datetime) -> None:
    record = intake(replacement(now), setup=setup, others=(), user="c", now=now).record
    with pytest.raises(MissingValue) as info:
        intake_match(record, user="c", now=now)
    assert info.value.code == "results.center_station_required"
    step = assign_center_station(
        record,
        center_number="31001",
        center_copy="٣١٠٠١",
        station_number="2",
        station_copy=2,
        setup=setup,
        others=(),
        user="c",
        now=now,
    )
    form = step.record.form
    assert (form.center_id, form.station_number) == (31001, 2)
    assert form.gender is Gender.FEMALE
    assert step.record.state is FormState.INTAKE
    assert intake_match(step.record, user="c", now=now).record.state is FormState.DATA_ENTRY_1


def test_replacement_duplicate(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> None:
    past = duplicate_of(fresh, "55", FormState.DATA_ENTRY_1)
    record = intake(
        replacement(now, "99990001117"), setup=setup, others=(), user="c", now=now
    ).record
    record = attrs.evolve(record, form=attrs.evolve(record.form, ballot_number=117))
    step = assign_center_station(
        record,
        center_number=31001,
        center_copy=31001,
        station_number=1,
        station_copy=1,
        setup=setup,
        others=(past,),
        user="c",
        now=now,
    )
    assert step.record.state is FormState.CLEARANCE
    assert step.record.form.gender is Gender.MALE
    assert step.related[0].record.state is FormState.CLEARANCE


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("3100", "3100", "1", "1"), "results.center_number_format"),
        (("31001", "31001", "x", "x"), "results.station_number_format"),
        (("31001", "31001", "103", "103"), "results.station_number_range"),
        (("31001", "31002", "1", "1"), "results.center_numbers_mismatch"),
        (("31001", "31001", "1", "2"), "results.station_numbers_mismatch"),
        (("31009", "31009", "1", "1"), "results.center_unknown"),
        (("31001", "31001", "9", "9"), "results.station_not_in_center"),
    ],
)
def test_center_station_checks(setup: TallySetup, args: tuple[str, ...], code: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_center_station(*args, setup=setup)
    assert info.value.code == code


def test_center_station_disabled_and_race(setup: TallySetup, now: dt.datetime) -> None:
    off = attrs.evolve(
        setup, centers={**setup.centers, 31001: attrs.evolve(setup.centers[31001], active=False)}
    )
    with pytest.raises(InconsistentValue) as info:
        check_center_station("31001", "31001", "1", "1", setup=off)
    assert info.value.code == "results.intake_center_disabled"
    off = attrs.evolve(
        setup, ballots={k: attrs.evolve(b, active=False) for k, b in setup.ballots.items()}
    )
    with pytest.raises(InconsistentValue) as info:
        check_center_station("31001", "31001", "1", "1", setup=off)
    assert info.value.code == "results.race_disabled"
    foreign = ResultForm(barcode="1", ballot_number=999)
    with pytest.raises(InconsistentValue) as info:
        check_center_station("31001", "31001", "1", "1", setup=setup, form=foreign)
    assert info.value.code == "results.ballot_race_mismatch"
    mine = ResultForm(
        barcode="1", ballot_number=117, center_id=31001, station_number=2, gender=Gender.FEMALE
    )
    with pytest.raises(InconsistentValue) as info:
        check_center_station(
            "31001", "31001", "1", "1", setup=setup, form=mine, stage="data_entry"
        )
    assert info.value.code == "results.center_station_not_form"


def test_intake_reject_deactivates_and_opens_clearance(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    record = intake(fresh, setup=setup, others=(), user="c", now=now).record
    step = intake_reject(record, user="c", now=now)
    assert step.record.state is FormState.CLEARANCE
    assert step.record.rejected_count == 1
    assert step.record.reject_reason == "Form rejected during intake: Details Incorrect."
    assert step.record.active_clearance is not None


def test_reset_rules(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> None:
    record = at_de1(fresh, setup, now)
    record = enter_de1(record, votes=VOTES, recon=RECON, setup=setup, user="d", now=now).record
    with pytest.raises(InvalidFormat) as info:
        reset_form(record, barcode="123", reason="x", user="admin", now=now)
    assert info.value.code == "results.barcode_reset_length"
    with pytest.raises(InconsistentValue):
        reset_form(record, barcode="31001001118", reason="x", user="admin", now=now)
    with pytest.raises(MissingValue):
        reset_form(record, barcode="31001001117", reason=" ", user="admin", now=now)
    step = reset_form(record, barcode="31001001117", reason="wrong", user="admin", now=now)
    assert step.record.state is FormState.UNSUBMITTED
    assert step.record.rejected_count == record.rejected_count
    assert not any(e.active for e in step.record.results)
    assert len(step.record.results) == len(record.results)  # never deleted


def test_replay_rebuilds_the_form(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> None:
    events: list[Event] = [import_form(fresh.form, user="s", now=now).event]
    record = replay(events)
    moves: list[Callable[[FormRecord], Step]] = [
        lambda r: intake(r, setup=setup, others=(), user="i", now=now),
        lambda r: intake_match(r, user="i", now=now),
        lambda r: enter_de1(r, votes=VOTES, recon=RECON, setup=setup, user="d", now=now),
    ]
    for fn in moves:
        step = fn(record)
        events.append(step.event)
        record = step.record
    assert replay(events) == record
    with pytest.raises(InconsistentValue) as info:
        replay(events[1:])
    assert info.value.code == "results.replay_order"
    with pytest.raises(InconsistentValue):
        replay([events[0], events[2]])


def test_create_form(fresh: FormRecord, setup: TallySetup, now: dt.datetime) -> None:
    step = create_form(
        center_id=31001,
        station_number=2,
        ballot_number=117,
        setup=setup,
        existing=(fresh,),
        user="sup",
        now=now,
    )
    assert step.record.state is FormState.CLEARANCE
    assert step.record.barcode == "31001001118"
    assert step.record.form.gender is Gender.FEMALE
    with pytest.raises(InconsistentValue) as info:
        create_form(
            center_id=31001,
            station_number=1,
            ballot_number=117,
            setup=setup,
            existing=(fresh,),
            user="sup",
            now=now,
        )
    assert info.value.code == "results.form_exists"
    with pytest.raises(MissingValue):
        create_form(
            center_id=None,
            station_number=1,
            ballot_number=117,
            setup=setup,
            existing=(),
            user="sup",
            now=now,
        )
    with pytest.raises(InconsistentValue) as info:
        create_form(
            center_id=31001,
            station_number=9,
            ballot_number=117,
            setup=setup,
            existing=(),
            user="sup",
            now=now,
        )
    assert info.value.code == "results.create_station_unknown"


def test_next_barcode_is_numeric() -> None:
    assert next_barcode(["9", "10"]) == "11"
    assert next_barcode([]) == "10000001"


def test_next_barcode_refuses_what_is_not_a_barcode() -> None:
    """``int("abc")`` used to escape as a bare ``ValueError``."""
    with pytest.raises(ValidationErrors) as excinfo:
        next_barcode(["9", "abc", "9" * 5000, "-10"])
    errors = excinfo.value.errors
    assert [e.location for e in errors] == ["$.existing[1]", "$.existing[2]", "$.existing[3]"]
    assert [e.code for e in errors] == ["barcode.format", "barcode.length", "barcode.format"]


def test_diagram_lists_every_transition() -> None:
    text = state_diagram()
    for spec in TRANSITIONS.values():
        for source in spec.sources:
            for target in [source] if spec.loop else spec.targets:
                left = "[*]" if source is None else source.name
                assert f"{left} --> {target.name}: {spec.name}" in text  # type: ignore[union-attr]
    assert text.count("-->") == sum(
        len(t.sources) if t.loop else (len(t.sources) + len(t.superadmin_sources)) * len(t.targets)
        for t in TRANSITIONS.values()
    )
    assert "UNSUBMITTED --> DATA_ENTRY_2: pvp_de1_only" in text
    assert "UNSUBMITTED --> QUALITY_CONTROL: pvp_de1_and_de2" in text
    assert "ARCHIVED --> ARCHIVED: mark_duplicate_reviewed" in text
    assert "ARCHIVED --> UNSUBMITTED: mark_duplicate_reviewed" not in text


def test_find_duplicates_by_checker_state(fresh: FormRecord) -> None:
    waiting = duplicate_of(fresh, "98", FormState.UNSUBMITTED)
    in_intake = duplicate_of(fresh, "97", FormState.INTAKE)
    archived = duplicate_of(fresh, "96", FormState.ARCHIVED)
    others = (fresh, waiting, in_intake, archived)
    in_clearance = duplicate_of(fresh, "95", FormState.CLEARANCE)
    assert [r.barcode for r in find_duplicates(in_clearance, others)] == ["96", "97"]
    assert find_duplicates(duplicate_of(fresh, "94", FormState.DATA_ENTRY_1), others) == ()
    assert find_duplicates(replacement_record(), others) == ()


def replacement_record() -> FormRecord:
    return FormRecord(form=ResultForm(barcode="99990001001", ballot_number=117))


def test_send_to_clearance_closes_audit_keeps_data(
    fresh: FormRecord, setup: TallySetup, now: dt.datetime
) -> None:
    record = at_de1(fresh, setup, now)
    record = enter_de1(record, votes=VOTES, recon=RECON, setup=setup, user="d", now=now).record
    record = attrs.evolve(record, audits=(AuditRecord(),))
    step = send_to_clearance(record, user="c", now=now, reason="dup")
    assert step.record.state is FormState.CLEARANCE
    assert step.record.active_audit is None
    assert step.record.active_votes(EntryVersion.DATA_ENTRY_1) == VOTES
    with pytest.raises(WrongState):
        send_to_clearance(step.record, user="c", now=now, reason="dup")
