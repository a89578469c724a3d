"""Properties: legal transition sequences keep the data sound; the tally is sound."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electoral.errors import InconsistentValue, MissingValue, ValidationErrors
from electoral.formats.tallyho import read_pvp_results, write_pvp_results
from electoral.model import FormState, ReconciliationForm, ResultForm
from electoral.results import (
    TRANSITIONS,
    ActionPrior,
    AuditResolution,
    ClearanceResolution,
    EntryVersion,
    Event,
    FormRecord,
    PvpBundle,
    PvpCandidate,
    PvpMode,
    PvpSubmission,
    Step,
    Tally,
    TallyConfig,
    TallySetup,
    VoteEntry,
    approve_recall,
    compare_entries,
    confirm_archive,
    counted_forms,
    create_audit,
    create_clearance,
    enter_de1,
    enter_de2,
    gender_turnout,
    implement_audit,
    implement_clearance,
    import_form,
    import_pvp_bundle,
    intake,
    intake_abort,
    intake_match,
    intake_reject,
    mark_duplicate_reviewed,
    merge_tallies,
    progress,
    pvp_de1_and_de2,
    pvp_de1_only,
    qc_pass,
    qc_print,
    qc_reject,
    race_progress,
    reconciliation_turnout,
    reject_corrections,
    replay,
    request_recall,
    reset_form,
    resolve_corrections,
    review_audit,
    review_clearance,
    station_turnout,
    tally,
)
from electoral.results import RequestReason as Reason
from electoral.testing import DEMO_NOW, demo_tally_setup

SETUP: TallySetup = demo_tally_setup()
CONFIG = TallyConfig()
NOW: dt.datetime = DEMO_NOW


def entry(draw: st.DrawFn, record: FormRecord) -> tuple[dict[tuple[int, int], int | None], object]:
    keys = [c.key for c in SETUP.form_candidates(record.form.ballot_number)]
    votes: dict[tuple[int, int], int | None] = {k: draw(st.integers(0, 150)) for k in keys}
    recon: object = None
    if record.form.has_reconciliation:
        recon = draw(
            st.sampled_from(
                [
                    ReconciliationForm(
                        number_of_voters=1,
                        number_valid_votes=sum(v or 0 for v in votes.values()),
                        number_invalid_votes=2,
                        number_sorted_and_counted=sum(v or 0 for v in votes.values()) + 2,
                        number_of_voter_cards_in_the_ballot_box=500,
                    ),
                    ReconciliationForm(),
                ]
            )
        )
    return votes, recon


def device_submission(
    draw: st.DrawFn, record: FormRecord, *, ballot: int | None = None
) -> PvpSubmission:
    """A submission the device would send for ``record``: both rounds equal."""
    candidates = []
    for c in SETUP.form_candidates(record.form.ballot_number):
        votes = draw(st.integers(0, 150))
        candidates.append(
            PvpCandidate(candidate_id=c.candidate_id, order=c.order, round1=votes, round2=votes)
        )
    recon = tuple(draw(st.lists(st.integers(0, 500) | st.none(), min_size=5, max_size=5)))
    return PvpSubmission(
        instance_id=f"uuid:{draw(st.integers(0, 10**6))}",
        barcode=record.barcode,
        ballot_number=record.form.ballot_number if ballot is None else ballot,
        candidates=candidates,
        recon_r1=recon,
        recon_r2=recon,
    )


def actions(draw: st.DrawFn, r: FormRecord) -> list[Callable[[], Step]]:
    s = r.state
    out: list[Callable[[], Step]] = [lambda: mark_duplicate_reviewed(r, user="u", now=NOW)]
    if s in TRANSITIONS["create_clearance"].sources:
        out.append(lambda: create_clearance(r, user="u", now=NOW))
    if s in TRANSITIONS["create_audit"].sources:
        out.append(lambda: create_audit(r, user="u", now=NOW))
    if s is FormState.UNSUBMITTED:
        out.append(lambda: intake(r, setup=SETUP, others=(), user="u", now=NOW))
        if r.pvp is None:
            sub = device_submission(draw, r)
            out += [
                lambda: pvp_de1_only(r, sub, setup=SETUP, user="u", now=NOW),
                lambda: pvp_de1_and_de2(r, sub, setup=SETUP, user="u", now=NOW),
            ]
    elif s is FormState.INTAKE:
        out += [
            lambda: intake_match(r, user="u", now=NOW),
            lambda: intake_reject(r, user="u", now=NOW),
            lambda: intake_abort(r, user="u", now=NOW),
        ]
    elif s is FormState.DATA_ENTRY_1:
        votes, recon = entry(draw, r)
        out.append(lambda: enter_de1(r, votes=votes, recon=recon, setup=SETUP, user="u", now=NOW))  # type: ignore[arg-type]
    elif s is FormState.DATA_ENTRY_2:
        same = draw(st.booleans())
        votes, recon = entry(draw, r)
        if same:
            votes = dict(r.active_votes(EntryVersion.DATA_ENTRY_1))
            recon = r.active_recon(EntryVersion.DATA_ENTRY_1)
        if recon == ReconciliationForm():
            recon = r.active_recon(EntryVersion.DATA_ENTRY_1)
        out.append(lambda: enter_de2(r, votes=votes, recon=recon, setup=SETUP, user="u", now=NOW))  # type: ignore[arg-type]
    elif s is FormState.CORRECTION:
        comparison = compare_entries(r)
        de1 = r.active_votes(EntryVersion.DATA_ENTRY_1)
        choices = {k: de1.get(k, 0) for k in comparison.mismatched}
        base = r.active_recon(EntryVersion.DATA_ENTRY_2)
        recon_choices = {f: getattr(base, f) for f in comparison.recon_mismatched}
        out += [
            lambda: resolve_corrections(
                r, choices=choices, recon_choices=recon_choices, user="u", now=NOW
            ),
            lambda: reject_corrections(r, user="u", now=NOW),
        ]
    elif s is FormState.QUALITY_CONTROL:
        out += [
            lambda: qc_pass(r, config=CONFIG, setup=SETUP, user="u", now=NOW),
            lambda: qc_reject(
                r, ballot=SETUP.ballots[r.form.ballot_number], reason="x", user="u", now=NOW
            ),
        ]
        if any(q.active and q.passed_qc for q in r.quality_controls):
            out.append(lambda: qc_print(r, user="u", now=NOW))
    elif s is FormState.ARCHIVED:
        request = request_recall(r, request_id="q", requester="a", reason=Reason.OTHER, comment="")
        out += [
            lambda: create_audit(r, superadmin=True, user="u", now=NOW),
            lambda: approve_recall(r, request, approver="m", comment="c", now=NOW)[0],
            lambda: reset_form(r, barcode=r.barcode, reason="r", user="u", now=NOW),
        ]
    elif s is FormState.AUDIT:
        audit = r.active_audit
        awaiting = audit is not None and audit.for_superadmin
        if awaiting and audit.resolution is AuditResolution.MAKE_AVAILABLE_FOR_ARCHIVE:  # type: ignore[union-attr]
            out.append(lambda: confirm_archive(r, user="u", now=NOW))
        resolution = draw(st.sampled_from(AuditResolution))
        prior = draw(st.sampled_from(ActionPrior))
        out.append(
            lambda: review_audit(
                r, forward=True, resolution=resolution, action_prior=prior, user="u", now=NOW
            )
        )
        if audit is not None:
            out.append(lambda: implement_audit(r, user="u", now=NOW))
    elif s is FormState.CLEARANCE:
        resolution_c = draw(st.sampled_from(ClearanceResolution))
        out.append(
            lambda: review_clearance(r, forward=True, resolution=resolution_c, user="u", now=NOW)
        )
        if r.active_clearance is not None:
            out.append(lambda: implement_clearance(r, user="u", now=NOW))
    return out


def check_record(record: FormRecord) -> None:
    active = Counter((e.candidate, e.version) for e in record.results if e.active)
    assert all(n == 1 for n in active.values())
    recons = Counter(e.version for e in record.recons if e.active)
    assert all(n == 1 for n in recons.values())
    if record.state in (FormState.QUALITY_CONTROL, FormState.ARCHIVED):
        keys = {c.key for c in SETUP.form_candidates(record.form.ballot_number)}
        final = {k for (k, v) in active if v is EntryVersion.FINAL}
        assert final == keys


@st.composite
def walks(draw: st.DrawFn, barcode: str, center: int, station: int, ballot: int) -> FormRecord:
    form = ResultForm(
        barcode=barcode,
        ballot_number=ballot,
        center_id=center,
        station_number=station,
        gender=SETUP.stations[(center, station)].gender,
    )
    step = import_form(form, user="s", now=NOW)
    record = step.record
    events: list[Event] = [step.event]
    for _ in range(draw(st.integers(0, 25))):
        choices = actions(draw, record)
        step = draw(st.sampled_from(choices))()
        spec = TRANSITIONS[step.event.transition]
        assert step.event.from_state in spec.sources | spec.superadmin_sources
        assert step.record.state in spec.targets
        assert step.event.to_state is step.record.state
        record = step.record
        events.append(step.event)
        check_record(record)
    assert replay(events) == record
    return record


@given(walks("31001001117", 31001, 1, 117))
def test_any_legal_sequence_keeps_one_active_final_per_candidate(record: FormRecord) -> None:
    check_record(record)


@given(walks("80001002118", 80001, 2, 118))
def test_out_of_country_sequences_keep_one_active_final(record: FormRecord) -> None:
    check_record(record)
    assert not any(e.active for e in record.recons)


@st.composite
def device_bundles(draw: st.DrawFn) -> tuple[list[PvpSubmission], int]:
    """Submissions whose rounds sometimes differ; the number of differing candidates."""
    submissions = []
    bad = 0
    for n in range(draw(st.integers(1, 4))):
        candidates = []
        for i in range(1, draw(st.integers(1, 4)) + 1):
            round1 = draw(st.integers(0, 9))
            round2 = draw(st.sampled_from([round1, round1, round1, round1 + 1, None]))
            bad += round2 != round1
            candidates.append(PvpCandidate(candidate_id=i, order=i, round1=round1, round2=round2))
        submissions.append(
            PvpSubmission(
                instance_id=f"uuid:{n}",
                barcode=str(1000 + n),
                ballot_number=117,
                candidates=candidates,
            )
        )
    return submissions, bad


@given(device_bundles())
def test_bundle_validation_is_all_or_nothing(case: tuple[list[PvpSubmission], int]) -> None:
    submissions, bad = case
    bundle = PvpBundle(submissions=submissions)
    text = write_pvp_results(bundle)
    if not bad:
        assert read_pvp_results(text) == bundle
        return
    with pytest.raises(ValidationErrors) as info:
        read_pvp_results(text)
    assert info.value.codes == ("results.pvp.rounds_differ",) * bad


@st.composite
def import_cases(draw: st.DrawFn) -> tuple[dict[str, FormRecord], list[PvpSubmission], bool]:
    """Every demo form UNSUBMITTED, device submissions for some, maybe one for the wrong ballot."""
    records: dict[str, FormRecord] = {}
    submissions: list[PvpSubmission] = []
    corrupt = False
    for (center, station), where in sorted(SETUP.stations.items()):
        for ballot in sorted(SETUP.ballots):
            form = ResultForm(
                barcode=f"{center}{station:03d}{ballot:03d}",
                ballot_number=ballot,
                center_id=center,
                station_number=station,
                gender=where.gender,
            )
            record = import_form(form, user="s", now=NOW).record
            records[record.barcode] = record
            if draw(st.booleans()):
                wrong = draw(st.integers(0, 9)) == 0
                corrupt |= wrong
                other = 118 if ballot == 117 else 117
                submissions.append(
                    device_submission(draw, record, ballot=other if wrong else None)
                )
    return records, submissions, corrupt


@given(import_cases(), st.sampled_from([PvpMode.DE1_ONLY, PvpMode.DE1_AND_DE2]))
def test_import_is_all_or_nothing(
    case: tuple[dict[str, FormRecord], list[PvpSubmission], bool], mode: PvpMode
) -> None:
    records, submissions, corrupt = case
    config = TallyConfig(pvp_mode=mode)
    bundle = PvpBundle(submissions=submissions)
    if corrupt:
        with pytest.raises(ValidationErrors) as info:
            import_pvp_bundle(
                bundle, config=config, records=records, setup=SETUP, user="u", now=NOW
            )
        assert set(info.value.codes) == {"results.pvp.ballot_mismatch"}
        return
    done = import_pvp_bundle(
        bundle, config=config, records=records, setup=SETUP, user="u", now=NOW
    )
    assert len(done.steps) == len(submissions)
    target = FormState.DATA_ENTRY_2 if mode is PvpMode.DE1_ONLY else FormState.QUALITY_CONTROL
    for step in done.steps:
        check_record(step.record)
        assert step.record.state is target
        assert step.record.pvp is not None
        assert step.record.pvp.mode is mode
        assert replay([import_form(records[step.record.barcode].form, user="s", now=NOW).event,
                       step.event]) == step.record  # fmt: skip


@st.composite
def archived_forms(draw: st.DrawFn) -> FormRecord:
    (center, station) = draw(st.sampled_from(sorted(SETUP.stations)))
    ballot = draw(st.sampled_from(sorted(SETUP.ballots)))
    suffix = draw(st.integers(0, 9))
    state = draw(
        st.sampled_from(
            [
                FormState.ARCHIVED,
                FormState.ARCHIVED,
                FormState.AUDIT,
                FormState.QUALITY_CONTROL,
                FormState.UNSUBMITTED,
            ]
        )
    )
    form = ResultForm(
        barcode=f"{center}{station:03d}{ballot:03d}{suffix}",
        ballot_number=ballot,
        center_id=center,
        station_number=station,
        gender=SETUP.stations[(center, station)].gender,
        state=state,
    )
    results = [
        VoteEntry(
            candidate=c.key,
            votes=draw(st.integers(0, 500)),
            version=v,
            active=draw(st.booleans()) if v is not EntryVersion.FINAL else True,
        )
        for c in SETUP.form_candidates(ballot)
        for v in EntryVersion
    ]
    return FormRecord(form=form, results=results)


def final_sum(record: FormRecord) -> int:
    return sum(record.active_votes(EntryVersion.FINAL).values())


@given(st.lists(archived_forms(), max_size=25, unique_by=lambda r: r.barcode), st.randoms())
def test_tally_is_sound(records: list[FormRecord], rnd: object) -> None:
    result = tally(records, SETUP)
    counted = counted_forms(records)
    # never counts a form twice, nor a non-archived form
    assert len(set(result.counted)) == len(result.counted)
    assert all(r.state is FormState.ARCHIVED for r in counted)
    triples = [(r.form.center_id, r.form.station_number, r.form.ballot_number) for r in counted]
    assert len(set(triples)) == len(triples)
    # a triple with an archived form is counted exactly once
    archived_triples = {
        (r.form.center_id, r.form.station_number, r.form.ballot_number)
        for r in records
        if r.state is FormState.ARCHIVED
    }
    assert archived_triples == set(triples)

    # totals at every level equal the sum of the level below
    def summed(parts: object) -> Counter[tuple[int, int]]:
        total: Counter[tuple[int, int]] = Counter()
        for t in parts:  # type: ignore[attr-defined]
            total.update(t.votes)
        return total

    for center_id, totals in result.center.items():
        below = [t for k, t in result.station.items() if k[0] == center_id]
        assert Counter(totals.votes) == summed(below)
        assert totals.invalid == sum(t.invalid for t in below)
    for level in (result.subconstituency, result.office, result.region, result.ballot):
        assert summed(level.values()) == Counter(result.national.votes)
    for office_id, totals in result.office.items():
        below = [t for c, t in result.center.items() if SETUP.centers[c].office_id == office_id]
        assert Counter(totals.votes) == summed(below)
    assert summed(result.region.values()) == summed(result.office.values())
    assert result.national.valid == sum(final_sum(r) for r in counted)
    # independent of input order
    shuffled = list(records)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert tally(shuffled, SETUP) == result
    # with quarantine counts AUDIT forms too, never fewer votes
    quarantine = tally(records, SETUP, include_quarantine=True)
    assert set(result.counted) <= set(quarantine.counted)
    assert quarantine.national.valid >= result.national.valid


def merged(parts: Iterable[Any]) -> Any:
    """Fold ``parts`` with their ``merge`` method, left to right."""
    items = iter(parts)
    total = next(items)
    for part in items:
        total = total.merge(part)
    return total


def merged_in_any_grouping(parts: list[Tally], rnd: random.Random) -> Tally:
    """Merge ``parts`` in a random order and a random tree of merges."""
    pending = list(parts)
    rnd.shuffle(pending)
    while len(pending) > 1:
        at = rnd.randrange(len(pending) - 1)
        pending[at : at + 2] = [pending[at].merge(pending[at + 1])]
    return pending[0]


@st.composite
def partitions(draw: st.DrawFn) -> tuple[list[FormRecord], list[list[FormRecord]]]:
    """Forms, and the same forms split into parts with each station's forms in one part."""
    records = draw(st.lists(archived_forms(), max_size=25, unique_by=lambda r: r.barcode))
    count = draw(st.integers(1, 4))
    part_of = {key: draw(st.integers(0, count - 1)) for key in sorted(SETUP.stations)}
    parts: list[list[FormRecord]] = [[] for _ in range(count)]
    for record in records:
        assert record.form.station_key is not None
        parts[part_of[record.form.station_key]].append(record)
    return records, parts


@settings(max_examples=60)
@given(partitions(), st.randoms(use_true_random=False), st.booleans(), st.booleans())
def test_merged_parts_equal_the_whole(
    case: tuple[list[FormRecord], list[list[FormRecord]]],
    rnd: random.Random,
    quarantine: bool,
    published: bool,
) -> None:
    records, parts = case
    options = {"include_quarantine": quarantine, "published_only": published}
    whole = tally(records, SETUP, **options)
    tallies = [tally(part, SETUP, **options) for part in parts]
    assert merged_in_any_grouping(tallies, rnd) == whole
    assert merge_tallies(tallies) == whole
    # the other totals merge exactly too
    assert merged(progress(p) for p in parts) == progress(records)
    for number, expected in zip(sorted(SETUP.ballots), race_progress(records, SETUP), strict=True):
        per_part = [next(r for r in race_progress(p, SETUP) if r.ballot_number == number)
                    for p in parts]  # fmt: skip
        assert merged(per_part) == expected
    assert merged(station_turnout(p, SETUP) for p in parts) == station_turnout(records, SETUP)
    for number in sorted(SETUP.ballots):  # one race at a time: a station's ballots never mix
        race = {"ballot_numbers": [number]}
        assert merged(reconciliation_turnout(p, SETUP, **race) for p in parts) == (
            reconciliation_turnout(records, SETUP, **race)
        )
        by_gender = gender_turnout(records, SETUP, **race)
        for gender, expected_turnout in by_gender.items():
            shares = [
                t[gender] for p in parts if gender in (t := gender_turnout(p, SETUP, **race))
            ]
            assert merged(shares) == expected_turnout


@settings(max_examples=30)
@given(st.lists(archived_forms(), min_size=2, max_size=8, unique_by=lambda r: r.barcode))
def test_a_split_station_is_refused(records: list[FormRecord]) -> None:
    first = records[0]
    same = [r for r in records[1:] if r.form.station_key == first.form.station_key]
    others = [r for r in records[1:] if r.form.station_key != first.form.station_key]
    if not same:
        same = [attrs.evolve(first, form=attrs.evolve(first.form, barcode=first.barcode + "0"))]
    left, right = tally([first, *others], SETUP), tally(same, SETUP)
    with pytest.raises(InconsistentValue) as info:
        left.merge(right)
    assert info.value.code == "results.partition_split_station"
    assert info.value.value == first.form.station_key


def test_tallies_counted_differently_are_not_merged() -> None:
    official = tally([], SETUP)
    with pytest.raises(InconsistentValue) as info:
        official.merge(tally([], SETUP, include_quarantine=True))
    assert info.value.code == "results.merge_mismatch"
    with pytest.raises(MissingValue):
        merge_tallies([])
    with pytest.raises(TypeError, match="Tally"):
        official.merge(official.national)  # type: ignore[arg-type]
