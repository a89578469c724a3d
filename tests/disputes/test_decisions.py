"""Recounts, annulments and re-runs as recorded decisions over the tally's forms."""

from __future__ import annotations

import functools

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.disputes import (
    RERUN_RULES,
    Annulment,
    Decision,
    Recount,
    Rerun,
    Scope,
    apply_decisions,
    disputed_progress,
)
from electoral.errors import OutOfRange, ValidationErrors
from electoral.model import FormState, ReconciliationForm, ResultForm
from electoral.results import (
    FormRecord,
    TallyConfig,
    TallySetup,
    import_form,
    progress,
    tally,
)
from electoral.testing import DEMO_NOW, demo_records, demo_tally_setup, process_form

DECIDED = pendulum.datetime(2014, 2, 22, 10, tz="Africa/Tripoli")


@functools.cache
def demo() -> tuple[TallySetup, tuple[FormRecord, ...]]:
    setup = demo_tally_setup()
    return setup, tuple(demo_records(setup))


def new_form(
    setup: TallySetup, barcode: str, center: int, station: int, ballot: int, base: int
) -> FormRecord:
    """A re-run's or recount's form for a station, processed to ARCHIVED."""
    gender = setup.stations[center, station].gender
    form = ResultForm(
        barcode=barcode,
        ballot_number=ballot,
        center_id=center,
        station_number=station,
        gender=gender,
    )
    record = import_form(form, user="setup", now=DEMO_NOW).record
    votes = {c.key: base + c.order for c in setup.form_candidates(ballot)}
    recon = ReconciliationForm(
        number_of_voters=400,
        number_of_voter_cards_in_the_ballot_box=sum(votes.values()),
        number_valid_votes=sum(votes.values()),
        number_invalid_votes=0,
        number_sorted_and_counted=sum(votes.values()),
    )
    processed = process_form(
        record,
        votes=votes,
        recon=recon if form.has_reconciliation else None,
        setup=setup,
        config=TallyConfig(),
        now=DEMO_NOW,
    )
    assert processed.state is FormState.ARCHIVED
    return processed


def annul(scope: Scope, key: str = "A1", reason: str = "polling stations attacked") -> Annulment:
    return Annulment(
        id=key,
        scope=scope,
        reason=reason,
        instrument="HNEC Board Decision 12/2014",
        decided_at=DECIDED,
        decided_by="HNEC Board",
    )


def test_an_annulled_centre_leaves_the_tally_with_its_reason() -> None:
    setup, records = demo()
    disputed = apply_decisions(records, [annul(Scope(center_id=31002))], setup)
    gone = {r.barcode for r in records if r.form.center_id == 31002}
    assert disputed.excluded == gone
    assert {e.reason for e in disputed.exclusions} == {"polling stations attacked"}
    assert {e.kind for e in disputed.exclusions} == {"annulment"}
    assert all(r.form.center_id != 31002 for r in disputed.records)
    before, after = tally(records, setup), tally(disputed.records, setup)
    assert 31002 not in after.center
    assert after.national.valid == before.national.valid - before.center[31002].valid
    assert [a.id for a in disputed.awaiting_rerun] == ["A1"]
    # progress: the annulled forms are no longer expected; they are counted apart
    status = disputed_progress(disputed)
    assert status.progress.expected == progress(records).expected - len(gone)
    assert (status.annulled, status.replaced, status.awaiting_rerun) == (len(gone), 0, 1)


def test_a_rerun_replaces_the_annulled_forms() -> None:
    setup, records = demo()
    rerun_form = new_form(setup, "91001001117", 31001, 1, 117, base=100)
    scope = Scope(center_id=31001, station_number=1, ballot_number=117)
    original = next(r for r in records if scope.covers(r))
    rerun = Rerun(
        id="R1",
        annulment="A1",
        held_on=pendulum.date(2014, 2, 26),
        forms=[rerun_form.barcode],
        instrument="HNEC Board Decision 13/2014",
        decided_at=DECIDED,
        decided_by="hnec",
    )
    disputed = apply_decisions(
        (*records, rerun_form),
        [annul(scope), rerun],
        setup,
        rerun_rule=RERUN_RULES["cda_2014"],
        polling_day=pendulum.date(2014, 2, 20),
    )
    assert [(e.barcode, e.replaced_by) for e in disputed.exclusions] == [
        (original.barcode, (rerun_form.barcode,))
    ]
    assert disputed.awaiting_rerun == ()
    counted = tally(disputed.records, setup)
    assert counted.station[31001, 1].votes[117, 1] == 101
    assert rerun_form.barcode in counted.counted
    assert original.barcode not in counted.counted
    assert disputed_progress(disputed).replaced == 1


def test_rerun_rules_of_2014() -> None:
    # CDA 2014: HNEC could try once more within a week of 20 February; the GNC
    # authorised the later re-runs (Murzuk and Kufra on 26 April 2014)
    setup, records = demo()
    rerun_form = new_form(setup, "91001001117", 31001, 1, 117, base=50)
    scope = Scope(center_id=31001, station_number=1, ballot_number=117)

    def rerun(key: str, day: pendulum.Date, by: str, forms: tuple[str, ...] = ()) -> Rerun:
        return Rerun(
            id=key,
            annulment="A1",
            held_on=day,
            forms=forms,
            instrument="decision",
            decided_at=DECIDED,
            decided_by=by,
        )

    rule = RERUN_RULES["cda_2014"]
    polling = pendulum.date(2014, 2, 20)
    with pytest.raises(ValidationErrors) as late:
        apply_decisions(
            (*records, rerun_form),
            [annul(scope), rerun("R1", pendulum.date(2014, 4, 26), "hnec", (rerun_form.barcode,))],
            setup,
            rerun_rule=rule,
            polling_day=polling,
        )
    assert late.value.codes == ("disputes.rerun_late",)
    assert "Law 17/2013" in str(late.value.errors[0])
    with pytest.raises(ValidationErrors) as twice:
        apply_decisions(
            records,
            [
                annul(scope),
                rerun("R1", pendulum.date(2014, 2, 26), "hnec"),
                rerun("R2", pendulum.date(2014, 2, 27), "hnec"),
            ],
            setup,
            rerun_rule=rule,
            polling_day=polling,
        )
    assert twice.value.codes == ("disputes.rerun_limit",)
    authorised = apply_decisions(
        (*records, rerun_form),
        [
            annul(scope),
            rerun("R1", pendulum.date(2014, 4, 26), "legislature", (rerun_form.barcode,)),
        ],
        setup,
        rerun_rule=rule,
        polling_day=polling,
    )
    assert rerun_form.barcode in {r.barcode for r in authorised.records}
    # HoR 2014: HNEC had no remit to re-run
    with pytest.raises(ValidationErrors) as hor:
        apply_decisions(
            records,
            [annul(scope), rerun("R1", pendulum.date(2014, 7, 1), "hnec")],
            setup,
            rerun_rule=RERUN_RULES["hor_2014"],
        )
    assert hor.value.codes == ("disputes.rerun_not_authorised",)


def test_a_recount_confirms_or_replaces() -> None:
    setup, records = demo()
    scope = Scope(center_id=31001, station_number=2)
    confirmed = Recount(
        id="C1",
        scope=scope,
        reason="complaint by a candidate agent",
        instrument="HNEC",
        decided_at=DECIDED,
        decided_by="HNEC",
    )
    same = apply_decisions(records, [confirmed], setup)
    assert same.records == records
    assert same.confirmed == (confirmed,)
    corrected = new_form(setup, "92001002117", 31001, 2, 117, base=7)
    replacing = attrs.evolve(confirmed, forms=(corrected.barcode,))
    changed = apply_decisions((*records, corrected), [replacing], setup)
    assert {e.barcode for e in changed.exclusions} == {
        r.barcode for r in records if scope.covers(r)
    }
    assert {e.kind for e in changed.exclusions} == {"recount"}
    assert tally(changed.records, setup).station[31001, 2].votes[117, 1] == 8


def test_bad_decisions_are_all_reported() -> None:
    setup, records = demo()
    elsewhere = new_form(setup, "93001001117", 31002, 1, 117, base=1)
    decisions: list[Decision] = [
        annul(Scope(center_id=99999), key="A1"),
        annul(Scope(center_id=31001, station_number=9), key="A2"),
        annul(Scope(center_id=31001, ballot_number=555), key="A3"),
        annul(Scope(center_id=31001, station_number=1), key="A3"),
        Rerun(
            id="R1",
            annulment="A9",
            held_on=pendulum.date(2014, 2, 26),
            forms=(),
            instrument="d",
            decided_at=DECIDED,
            decided_by="hnec",
        ),
        Rerun(
            id="R2",
            annulment="A3",
            held_on=pendulum.date(2014, 2, 26),
            forms=("nope", elsewhere.barcode),
            instrument="d",
            decided_at=DECIDED,
            decided_by="hnec",
        ),
    ]
    with pytest.raises(ValidationErrors) as info:
        apply_decisions((*records, elsewhere), decisions, setup)
    assert info.value.codes == (
        "disputes.unknown_center",
        "disputes.unknown_station",
        "disputes.unknown_ballot",
        "disputes.duplicate_decision",
        "disputes.unknown_annulment",
        "disputes.unknown_form",
        "disputes.form_outside_scope",
    )
    assert info.value.errors[0].location == "$.decisions[0].scope"
    with pytest.raises(OutOfRange):
        Scope(center_id=0)
    with pytest.raises(TypeError, match="decisions"):
        apply_decisions(records, [{"id": "A1"}], setup)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="setup"):
        apply_decisions(records, [], {})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="records"):
        apply_decisions("records", [], setup)  # type: ignore[arg-type]


@given(
    scopes=st.lists(
        st.tuples(
            st.sampled_from([31001, 31002, 80001]),
            st.one_of(st.none(), st.sampled_from([1, 2])),
            st.one_of(st.none(), st.sampled_from([117, 118])),
        ),
        max_size=4,
    )
)
def test_annulments_conserve_every_vote(scopes: list[tuple[int, int | None, int | None]]) -> None:
    setup, records = demo()
    decisions = [
        annul(Scope(center_id=c, station_number=s, ballot_number=b), key=f"A{i}")
        for i, (c, s, b) in enumerate(scopes)
    ]
    disputed = apply_decisions(records, decisions, setup)
    assert len(disputed.records) + len(disputed.exclusions) == len(records)
    excluded = [r for r in records if r.barcode in disputed.excluded]
    assert all(any(d.scope.covers(r) for d in decisions) for r in excluded)
    before = tally(records, setup, include_quarantine=True).national
    after = tally(disputed.records, setup, include_quarantine=True).national
    removed = tally(excluded, setup, include_quarantine=True).national
    assert after.valid + removed.valid == before.valid
    assert after.invalid + removed.invalid == before.invalid
    status = disputed_progress(disputed)
    assert status.progress.expected + status.annulled == progress(records).expected
    assert status.archived == sum(1 for r in disputed.records if r.state is FormState.ARCHIVED)
