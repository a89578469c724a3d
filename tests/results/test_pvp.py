"""PVP: the mode, the bundle (all-or-nothing), the skip reasons, transitions 29 and 30."""

from __future__ import annotations

import datetime as dt
import io

import attrs
import pytest

from electoral.errors import (
    InconsistentValue,
    InvalidType,
    OutOfRange,
    ValidationErrors,
)
from electoral.formats.tallyho import (
    read_results_export,
    write_results_export,
)
from electoral.model import FormState, Gender, ReconciliationForm, ResultForm
from electoral.results import (
    PVP_MODE_CODES,
    TRANSITIONS,
    EntryVersion,
    FormRecord,
    PvpBundle,
    PvpCandidate,
    PvpLink,
    PvpMode,
    PvpSkip,
    PvpSubmission,
    TallyConfig,
    TallySetup,
    VoteEntry,
    WrongState,
    apply_pvp_submission,
    enter_de2,
    import_form,
    import_pvp_bundle,
    plan_pvp_import,
    pvp_de1_and_de2,
    pvp_de1_only,
    pvp_mode_from_code,
    pvp_skip_reason,
    qc_pass,
    qc_print,
    replay,
    reset_form,
    resolve_corrections,
    results_rows,
)

DE1_AND_DE2 = TallyConfig(name="t", pvp_mode=PvpMode.DE1_AND_DE2)
DE1_ONLY = TallyConfig(name="t", pvp_mode=PvpMode.DE1_ONLY)


def submission(
    barcode: str = "31001001117",
    *,
    ballot: int = 117,
    round1: tuple[int | None, ...] = (10, 20, 30),
    round2: tuple[int | None, ...] = (10, 20, 30),
    ids: tuple[int, ...] = (1, 2, 3),
    instance: str = "uuid:1",
) -> PvpSubmission:
    return PvpSubmission(
        instance_id=instance,
        form_id="results_117",
        barcode=barcode,
        ballot_number=ballot,
        staff_user_name="clerk",
        candidates=[
            PvpCandidate(candidate_id=i, order=i, round1=a, round2=b)
            for i, a, b in zip(ids, round1, round2, strict=True)
        ],
        recon_r1=(99, 71, 61, 6, 66),
        recon_r2=(99, 70, 60, 5, 65),
        images=[("clerk_signature", "sig.jpg")],
    )


def form_record(
    barcode: str = "31001001117", center: int = 31001, station: int = 1, ballot: int = 117
) -> FormRecord:
    form = ResultForm(
        barcode=barcode,
        ballot_number=ballot,
        center_id=center,
        station_number=station,
        gender=Gender.MALE if station == 1 else Gender.FEMALE,
    )
    return import_form(form, user="setup", now=dt.datetime(2026, 2, 20, tzinfo=dt.UTC)).record


def codes(info: pytest.ExceptionInfo[ValidationErrors]) -> list[str]:
    return list(info.value.codes)


# --------------------------------------------------------------------------- mode


def test_mode_codes_are_tally_ho_integers() -> None:
    assert [PVP_MODE_CODES[m] for m in PvpMode] == [0, 1, 2]
    assert all(pvp_mode_from_code(n) is m for m, n in PVP_MODE_CODES.items())
    with pytest.raises(OutOfRange) as info:
        pvp_mode_from_code(-1)
    assert info.value.code == "results.pvp.mode_code"
    for bad in ("1", True, 1.0, None):
        with pytest.raises(InvalidType):
            pvp_mode_from_code(bad)
    assert "وضع" in info.value.message("ar")


def test_config_carries_the_mode() -> None:
    assert TallyConfig().pvp_mode is PvpMode.DISABLED
    with pytest.raises(InvalidType):
        TallyConfig(pvp_mode=1)  # type: ignore[arg-type]


def test_skip_reasons_in_fixed_order() -> None:
    fresh = form_record()
    records = {fresh.barcode: fresh}
    sub = submission()
    mode = PvpMode.DE1_ONLY
    assert pvp_skip_reason(sub, mode=PvpMode.DISABLED, records=records) is PvpSkip.PVP_DISABLED
    no_round2 = submission(round2=(None, None, None))
    assert pvp_skip_reason(no_round2, mode=mode, records={}) is PvpSkip.REQUIRED_FIELDS
    no_ballot = attrs.evolve(sub, ballot_number=None)
    assert pvp_skip_reason(no_ballot, mode=mode, records={}) is PvpSkip.REQUIRED_FIELDS
    assert pvp_skip_reason(submission("9"), mode=mode, records=records) is (
        PvpSkip.BARCODE_NOT_FOUND
    )
    moved = attrs.evolve(fresh, form=attrs.evolve(fresh.form, state=FormState.INTAKE))
    linked = attrs.evolve(fresh, pvp=PvpLink(instance_id="uuid:0", mode=mode))
    assert pvp_skip_reason(sub, mode=mode, records={fresh.barcode: moved}) is (
        PvpSkip.FORM_NOT_UNSUBMITTED
    )
    both = attrs.evolve(linked, form=moved.form)
    assert pvp_skip_reason(sub, mode=mode, records={fresh.barcode: both}) is (
        PvpSkip.FORM_NOT_UNSUBMITTED
    )
    assert pvp_skip_reason(sub, mode=mode, records={fresh.barcode: linked}) is (
        PvpSkip.ALREADY_IMPORTED
    )
    spare = attrs.evolve(fresh, form=attrs.evolve(fresh.form, is_replacement=True))
    assert pvp_skip_reason(sub, mode=mode, records={fresh.barcode: spare}) is (
        PvpSkip.REPLACEMENT_FORM
    )
    assert pvp_skip_reason(sub, mode=mode, records=records) is None
    assert [s.value for s in PvpSkip] == [
        "pvp_disabled",
        "required_fields",
        "barcode_not_found",
        "form_not_unsubmitted",
        "already_imported",
        "replacement_form",
    ]


# --------------------------------------------------------------------------- transitions


def test_de1_only_takes_round_two(setup: TallySetup, now: dt.datetime) -> None:
    fresh = form_record()
    sub = submission(round1=(1, 2, 3))  # DE1_ONLY never reads round 1
    step = pvp_de1_only(fresh, sub, setup=setup, user="admin", now=now)
    record = step.record
    assert step.event.transition == "pvp_de1_only"
    assert (step.event.from_state, step.event.to_state) == (
        FormState.UNSUBMITTED,
        FormState.DATA_ENTRY_2,
    )
    assert record.previous_state is FormState.UNSUBMITTED
    assert record.active_votes(EntryVersion.DATA_ENTRY_1) == {
        (117, 1): 10,
        (117, 2): 20,
        (117, 3): 30,
    }
    assert record.active_votes(EntryVersion.DATA_ENTRY_2) == {}
    assert record.active_votes(EntryVersion.FINAL) == {}
    recon = record.active_recon(EntryVersion.DATA_ENTRY_1)
    assert isinstance(recon, ReconciliationForm)
    assert recon.numbers == (400, 70, 60, 5, 65)  # Field 1 from the register
    assert record.pvp == PvpLink(instance_id="uuid:1", mode=PvpMode.DE1_ONLY)
    assert replay([import_form(fresh.form, user="s", now=now).event, step.event]) == record
    # a human enters DE2; corrections works as usual
    typo = {(117, 1): 10, (117, 2): 21, (117, 3): 30}
    record = enter_de2(record, votes=typo, recon=recon, setup=setup, user="de2", now=now).record
    with pytest.raises(InconsistentValue):
        resolve_corrections(record, user="c", now=now)
    done = resolve_corrections(record, user="c", now=now, choices={(117, 2): 20}).record
    assert done.state is FormState.QUALITY_CONTROL
    assert done.active_votes(EntryVersion.FINAL)[(117, 2)] == 20


def test_de1_and_de2_writes_three_versions(setup: TallySetup, now: dt.datetime) -> None:
    fresh = form_record()
    step = pvp_de1_and_de2(fresh, submission(), setup=setup, user="admin", now=now)
    record = step.record
    assert record.state is FormState.QUALITY_CONTROL
    for version in EntryVersion:
        assert record.active_votes(version) == {(117, 1): 10, (117, 2): 20, (117, 3): 30}
    r1 = record.active_recon(EntryVersion.DATA_ENTRY_1)
    r2 = record.active_recon(EntryVersion.DATA_ENTRY_2)
    final = record.active_recon(EntryVersion.FINAL)
    assert isinstance(r1, ReconciliationForm)
    assert r1.numbers == (400, 71, 61, 6, 66)
    assert isinstance(r2, ReconciliationForm)
    assert r2.numbers == (400, 70, 60, 5, 65)
    assert final == r2
    assert len(record.results) == 9
    assert len(record.recons) == 3
    record = qc_pass(record, config=DE1_AND_DE2, setup=setup, user="qc", now=now).record
    record = qc_print(record, user="qc", now=now).record
    assert record.state is FormState.ARCHIVED
    rows = list(results_rows([record], setup))
    assert {(r.from_pvp, r.pvp_mode_applied) for r in rows} == {(True, PvpMode.DE1_AND_DE2)}
    text = write_results_export(rows)
    assert "from_pvp,pvp_mode_applied" in text.splitlines()[0]
    assert ",true,de1_and_de2" in text
    assert read_results_export(io.StringIO(text)) == rows


def test_de1_and_de2_refuses_differing_rounds(setup: TallySetup, now: dt.datetime) -> None:
    with pytest.raises(ValidationErrors) as info:
        pvp_de1_and_de2(
            form_record(), submission(round1=(10, 19, None)), setup=setup, user="a", now=now
        )
    assert codes(info) == ["results.pvp.rounds_differ", "results.missing_votes"]
    # DE1_ONLY does not look at round 1
    step = pvp_de1_only(
        form_record(), submission(round1=(10, 19, None)), setup=setup, user="a", now=now
    )
    assert step.record.state is FormState.DATA_ENTRY_2


def test_transitions_refuse_bad_input_all_at_once(setup: TallySetup, now: dt.datetime) -> None:
    fresh = form_record()
    with pytest.raises(WrongState):
        pvp_de1_only(
            attrs.evolve(fresh, form=attrs.evolve(fresh.form, state=FormState.INTAKE)),
            submission(),
            setup=setup,
            user="a",
            now=now,
        )
    spare = attrs.evolve(
        fresh,
        form=attrs.evolve(fresh.form, is_replacement=True),
        pvp=PvpLink(instance_id="uuid:0", mode=PvpMode.DE1_ONLY),
    )
    bad = submission(
        "31001001118", ballot=118, ids=(1, 2, 9), round1=(1, None, 3), round2=(1, None, 3)
    )
    with pytest.raises(ValidationErrors) as info:
        pvp_de1_and_de2(spare, bad, setup=setup, user="a", now=now)
    assert codes(info) == [
        "results.barcode_not_this_form",
        "results.pvp.ballot_mismatch",
        "results.pvp.replacement_form",
        "results.pvp.already_imported",
        "results.missing_votes",  # candidate 2 has no round 2
        "results.unknown_candidate",  # candidate 9
        "results.missing_votes",  # candidate 3 not in the submission
    ]
    assert all(e.message("ar") != e.message("en") for e in info.value.errors)
    no_instance = attrs.evolve(submission(), instance_id="")
    with pytest.raises(ValidationErrors) as info:
        pvp_de1_only(fresh, no_instance, setup=setup, user="a", now=now)
    assert codes(info) == ["results.pvp.required_fields"]
    with pytest.raises(InconsistentValue) as single:
        apply_pvp_submission(
            fresh, submission(), mode=PvpMode.DISABLED, setup=setup, user="a", now=now
        )
    assert single.value.code == "results.pvp.disabled"


def test_out_of_country_form_gets_no_recon(setup: TallySetup, now: dt.datetime) -> None:
    ocv = form_record("80001001117", center=80001)
    step = pvp_de1_and_de2(ocv, submission("80001001117"), setup=setup, user="a", now=now)
    assert step.record.recons == ()
    assert len(step.record.active_votes(EntryVersion.FINAL)) == 3


def test_import_supersedes_stale_entries(setup: TallySetup, now: dt.datetime) -> None:
    stale = [
        VoteEntry(candidate=(117, c), votes=99, version=v) for c in (1, 2, 3) for v in EntryVersion
    ]
    record = attrs.evolve(form_record(), results=stale, duplicate_reviewed=True)
    new = pvp_de1_only(record, submission(), setup=setup, user="a", now=now).record
    assert all(not e.active and e.deactivated_by == "pvp_de1_only" for e in new.results[:9])
    assert new.active_votes(EntryVersion.FINAL) == {}
    assert new.active_votes(EntryVersion.DATA_ENTRY_1)[(117, 1)] == 10
    assert new.duplicate_reviewed is False


def test_reset_unlinks_so_the_form_can_be_imported_again(
    setup: TallySetup, now: dt.datetime
) -> None:
    record = pvp_de1_only(form_record(), submission(), setup=setup, user="a", now=now).record
    assert pvp_skip_reason(submission(), mode=PvpMode.DE1_ONLY, records={"x": record}) is (
        PvpSkip.BARCODE_NOT_FOUND
    )
    reset = reset_form(record, barcode=record.barcode, reason="again", user="sa", now=now).record
    assert reset.pvp is None
    assert reset.state is FormState.UNSUBMITTED
    sub = submission(instance="uuid:2")
    assert pvp_skip_reason(sub, mode=PvpMode.DE1_ONLY, records={reset.barcode: reset}) is None
    again = pvp_de1_and_de2(reset, sub, setup=setup, user="a", now=now).record
    assert again.pvp == PvpLink(instance_id="uuid:2", mode=PvpMode.DE1_AND_DE2)


# --------------------------------------------------------------------------- bundle import


def test_import_is_all_or_nothing(setup: TallySetup, now: dt.datetime) -> None:
    first, second = form_record(), form_record("31001002117", station=2)
    archived = attrs.evolve(
        form_record("31001001118", ballot=118),
        form=attrs.evolve(form_record("31001001118", ballot=118).form, state=FormState.ARCHIVED),
    )
    records = {r.barcode: r for r in (first, second, archived)}
    good = [
        submission(),
        submission("31001002117", instance="uuid:2"),
        submission("31001001118", ballot=118, instance="uuid:3"),
        submission("404", instance="uuid:4"),
    ]
    with pytest.raises(InconsistentValue) as refused:
        import_pvp_bundle(
            PvpBundle(submissions=good),
            config=TallyConfig(),
            records=records,
            setup=setup,
            user="a",
            now=now,
        )
    assert refused.value.code == "results.pvp.disabled"
    plan = plan_pvp_import(PvpBundle(submissions=good), mode=PvpMode.DISABLED, records=records)
    assert plan.accepted == ()
    assert {w for _, w in plan.skipped} == {PvpSkip.PVP_DISABLED}

    done = import_pvp_bundle(
        PvpBundle(submissions=good),
        config=DE1_ONLY,
        records=records,
        setup=setup,
        user="a",
        now=now,
    )
    assert done.mode is PvpMode.DE1_ONLY
    assert sorted(done.records) == ["31001001117", "31001002117"]
    assert all(s.event.transition == "pvp_de1_only" for s in done.steps)
    assert [(s.barcode, why) for s, why in done.skipped] == [
        ("31001001118", PvpSkip.FORM_NOT_UNSUBMITTED),
        ("404", PvpSkip.BARCODE_NOT_FOUND),
    ]

    wrong_ballot = submission("31001002117", ballot=118, ids=(1, 2, 3), instance="uuid:2")
    bundle = PvpBundle(submissions=[good[0], wrong_ballot])
    with pytest.raises(ValidationErrors) as info:
        import_pvp_bundle(bundle, config=DE1_ONLY, records=records, setup=setup, user="a", now=now)
    assert [(e.code, e.location) for e in info.value.errors] == [
        ("results.pvp.ballot_mismatch", "barcode 31001002117"),
    ]
    assert records["31001001117"].state is FormState.UNSUBMITTED  # nothing changed


def test_pvp_transitions_are_in_the_table() -> None:
    assert TRANSITIONS["pvp_de1_only"].sources == {FormState.UNSUBMITTED}
    assert TRANSITIONS["pvp_de1_only"].targets == {FormState.DATA_ENTRY_2}
    assert TRANSITIONS["pvp_de1_and_de2"].targets == {FormState.QUALITY_CONTROL}
    assert not TRANSITIONS["pvp_de1_and_de2"].rejects
