"""Aggregation: the counting rule, levels, publication, progress, turnout, empty denominators."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs
import pytest

from electoral.errors import InconsistentValue, OutOfRange
from electoral.model import MAX_COUNT, FormState, Gender, ReconciliationForm
from electoral.results import (
    COMPONENT_TO_BALLOTS_2014,
    EMPTY_PERCENT,
    EntryVersion,
    FormRecord,
    TallySetup,
    Totals,
    counted_forms,
    distinct_forms,
    gender_turnout,
    percent,
    processed_states,
    progress,
    race_progress,
    reconciliation_turnout,
    station_turnout,
    tally,
    unprocessed_states,
)
from electoral.testing import demo_records


@pytest.fixture(scope="module")
def records(setup: TallySetup) -> list[FormRecord]:
    return demo_records(setup)


def moved(record: FormRecord, state: FormState, barcode: str | None = None) -> FormRecord:
    form = attrs.evolve(record.form, state=state, barcode=barcode or record.barcode)
    return attrs.evolve(record, form=form)


def test_official_rule(records: list[FormRecord], setup: TallySetup) -> None:
    t = tally(records, setup)
    assert len(t.counted) == 11  # one demo form is in AUDIT
    q = tally(records, setup, include_quarantine=True)
    assert len(q.counted) == 12
    assert q.national.valid - t.national.valid == 486
    audit = next(r for r in records if r.state is FormState.AUDIT)
    assert audit.barcode not in t.counted


def test_inactive_final_never_counts(records: list[FormRecord], setup: TallySetup) -> None:
    first = records[0]
    off = attrs.evolve(first, results=tuple(attrs.evolve(e, active=False) for e in first.results))
    t = tally([off, *records[1:]], setup)
    assert t.national.valid == tally(records, setup).national.valid - sum(
        first.active_votes(EntryVersion.FINAL).values()
    )


def test_one_form_per_triple_lowest_state_wins(
    records: list[FormRecord], setup: TallySetup
) -> None:
    twin = moved(records[0], FormState.ARCHIVED, "99999999999")
    t = tally([*records, twin], setup)
    assert len(t.counted) == 11
    assert t.national == tally(records, setup).national
    in_qc = moved(records[0], FormState.QUALITY_CONTROL, "00000000001")
    chosen = distinct_forms([in_qc, records[0]])
    assert next(iter(chosen.values())).state is FormState.ARCHIVED


def test_publication_needs_release(records: list[FormRecord], setup: TallySetup) -> None:
    published = tally(records, setup, published_only=True)
    assert set(published.ballot) == {117}
    assert {k[0] for k in published.national.votes} == {117}


def test_levels(records: list[FormRecord], setup: TallySetup) -> None:
    t = tally(records, setup)
    assert set(t.center) == {31001, 31002, 80001}
    assert set(t.office) == {1, 2}
    west = t.region[setup.offices[1].region]
    assert west == t.office[1]
    assert t.center[31001].invalid == 20  # 4 in-country forms x 5
    assert t.center[80001].invalid == 0  # out of country: no recon
    assert t.national.valid == sum(t.national.votes.values())
    top = t.national.ranking()[0]
    assert top[1] == max(t.national.votes.values())


def test_unknown_centre_refused(records: list[FormRecord], setup: TallySetup) -> None:
    smaller = attrs.evolve(setup, centers={k: c for k, c in setup.centers.items() if k != 31001})
    with pytest.raises(InconsistentValue) as info:
        tally(records, smaller)
    assert info.value.code == "results.center_unknown"


def test_percent_convention() -> None:
    assert percent(1, 3) == Fraction(100, 3)
    assert percent(0, 0) is EMPTY_PERCENT is None


def test_progress(records: list[FormRecord]) -> None:
    p = progress(records)
    assert p.expected == 12
    assert p.count(FormState.ARCHIVED) == 11
    assert p.percent(FormState.AUDIT) == Fraction(100, 12)
    assert p.intaken == 12
    assert p.not_received == 0
    assert progress([]).percent(FormState.ARCHIVED) is None
    assert progress(records, ballot_numbers=[118]).expected == 6


def test_pipeline_states() -> None:
    assert unprocessed_states(FormState.INTAKE) == {
        FormState.UNSUBMITTED,
        FormState.CLEARANCE,
        FormState.AUDIT,
    }
    assert FormState.QUALITY_CONTROL in unprocessed_states(FormState.ARCHIVED)
    assert processed_states(FormState.AUDIT) == {FormState.AUDIT}
    assert processed_states(FormState.CORRECTION) == {
        FormState.CORRECTION,
        FormState.QUALITY_CONTROL,
        FormState.ARCHIVED,
    }
    with pytest.raises(InconsistentValue):
        unprocessed_states(FormState.AUDIT)


def test_race_progress_and_components(records: list[FormRecord], setup: TallySetup) -> None:
    by_ballot = {p.ballot_number: p for p in race_progress(records, setup)}
    assert by_ballot[117].completed
    assert by_ballot[118].archived == 5
    assert not by_ballot[118].completed
    component = attrs.evolve(
        setup, component_ballots={55: (117,)}, ballots={**setup.ballots, 55: setup.ballots[117]}
    )
    assert {p.ballot_number: p.expected for p in race_progress(records, component)}[55] == 6
    assert COMPONENT_TO_BALLOTS_2014[56] == (29, 30, 31)


def test_station_turnout(records: list[FormRecord], setup: TallySetup) -> None:
    t = station_turnout(records, setup)
    assert t.expected == 6
    assert t.processed == 5  # the station with an AUDIT form is not processed
    assert t.status == "Partial"
    assert "processed stations" in t.definition
    # voters: the larger per-ballot sum at each processed station
    assert t.voters == sum(
        max(
            sum(r.active_votes(EntryVersion.FINAL).values())
            for r in records
            if r.form.station_key == key
        )
        for key in {r.form.station_key for r in records}
        if all(r.state is FormState.ARCHIVED for r in records if r.form.station_key == key)
    )
    assert t.registrants == 400 + 380 + 400 + 400 + 380
    only_117 = station_turnout(records, setup, ballot_numbers=[117])
    assert only_117.status == "Final"
    assert station_turnout([], setup).percent is None


def test_gender_and_reconciliation_turnout(records: list[FormRecord], setup: TallySetup) -> None:
    by_gender = gender_turnout(records, setup, ballot_numbers=[117])
    assert set(by_gender) == {Gender.MALE, Gender.FEMALE}
    assert by_gender[Gender.MALE].registrants == 1200
    assert by_gender[Gender.MALE].percent == Fraction(100 * by_gender[Gender.MALE].voters, 1200)
    recon = reconciliation_turnout(records, setup, ballot_numbers=[117])
    counted = [
        r
        for r in counted_forms(records)
        if r.form.has_reconciliation and r.form.ballot_number == 117
    ]
    sections = [r.active_recon(EntryVersion.FINAL) for r in counted]
    assert recon.voters == sum(
        s.number_valid_votes + 5 for s in sections if isinstance(s, ReconciliationForm)
    )
    stations = {station for r in counted if (station := setup.station_of(r.form)) is not None}
    assert recon.registrants == sum(station.registrants or 0 for station in stations)
    assert reconciliation_turnout([], setup).percent is None


@pytest.mark.parametrize("turnout", [reconciliation_turnout, gender_turnout])
def test_two_ballots_at_a_station_are_not_added_into_one_turnout(
    records: list[FormRecord], setup: TallySetup, turnout: Any
) -> None:
    """The general and the women's form of a station count the same voters: the
    figure would roughly double. One race at a time, as the station turnout does."""
    for scope in (None, [117, 118]):
        with pytest.raises(InconsistentValue) as excinfo:
            turnout(records, setup, ballot_numbers=scope)
        assert excinfo.value.code == "results.turnout_mixed_ballots"
        assert excinfo.value.params["ballots"] == "117, 118"
    general, women = (turnout(records, setup, ballot_numbers=[b]) for b in (117, 118))
    figures = [general] if turnout is reconciliation_turnout else [*general.values()]
    figures += [women] if turnout is reconciliation_turnout else [*women.values()]
    for figure in figures:
        assert figure.percent is not None
        assert figure.percent <= 100


def test_turnout_leaves_out_stations_without_a_register(
    records: list[FormRecord], setup: TallySetup
) -> None:
    """Out-of-country stations have no known registrants: neither side counts them."""
    unknown = {
        key: (attrs.evolve(station, registrants=None) if key[0] == 80001 else station)
        for key, station in setup.stations.items()
    }
    blind = attrs.evolve(setup, stations=unknown)
    in_country = [r for r in records if r.form.center_id != 80001]
    everything, domestic = station_turnout(records, blind), station_turnout(in_country, blind)
    assert (everything.voters, everything.registrants, everything.processed) == (
        domestic.voters,
        domestic.registrants,
        domestic.processed,
    )
    assert (
        station_turnout(records, blind).registrants < station_turnout(records, setup).registrants
    )
    for gender, turnout in gender_turnout(records, blind, ballot_numbers=[117]).items():
        assert turnout == gender_turnout(in_country, blind, ballot_numbers=[117])[gender]
        assert turnout.percent is not None
        assert turnout.percent <= 100


def test_a_total_beyond_the_ceiling_is_refused(
    records: list[FormRecord], setup: TallySetup
) -> None:
    """Totals are assembled without their field checks; the ceiling still holds at every level."""
    archived = [r for r in records if r.state is FormState.ARCHIVED]
    huge = [
        attrs.evolve(
            r,
            results=tuple(
                attrs.evolve(e, votes=MAX_COUNT) if e.version is EntryVersion.FINAL else e
                for e in r.results
            ),
        )
        for r in archived
    ]
    with pytest.raises(OutOfRange) as info:
        tally(huge, setup)
    assert info.value.code == "range.ceiling"
    below = tally(records, setup)
    assert below.national == Totals(
        votes=below.national.votes, invalid=below.national.invalid, forms=below.national.forms
    )
