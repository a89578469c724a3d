"""Libya's elections as data, and allocate()."""

from __future__ import annotations

from fractions import Fraction

import pytest

from electoral.errors import InconsistentValue, InvalidFormat, OutOfRange, ValidationErrors
from electoral.model import Region
from electoral.seats import (
    ELECTIONS,
    DrawingOfLots,
    HighestAveragesRule,
    LargestRemainderRule,
    PluralityRule,
    TwoRoundRule,
    UnknownName,
    allocate,
    candidate_key,
    cda_2014,
    gnc_2012,
    hor_2014,
    hor_2021,
    hor_2023,
    municipal_council,
    president_2021,
    president_2023,
    senate_2023,
    sntv,
    votes_from_totals,
)


def test_every_election_is_registered_and_cites_law() -> None:
    assert set(ELECTIONS) == {
        "gnc_2012",
        "cda_2014",
        "hor_2014",
        "president_2021",
        "hor_2021",
        "president_2023",
        "hor_2023",
        "senate_2023",
        "municipal_2023",
    }
    for election in (
        president_2021(),
        president_2023(),
        municipal_council(municipality="x", size=9),
    ):
        assert election.citations
        assert election.tie_rule
        assert all(race.citation for race in election.races)


def test_totals_checked_against_the_law() -> None:
    with pytest.raises(InconsistentValue) as info:
        hor_2014(general={"Sebha": 7}, women={})
    assert info.value.code == "seats.district_total"
    assert hor_2014(general={"Sebha": 7}, women={}, partial=True).races[0].seats == 7
    full = hor_2014(general={f"d{i}": 2 for i in range(84)}, women={f"w{i}": 1 for i in range(32)})
    assert sum(race.seats for race in full.races) == full.seats == 200
    with pytest.raises(ValidationErrors):
        senate_2023(districts={"a": -1}, partial=True)


def test_senate_2023_elects_one_member_per_district() -> None:
    with pytest.raises(ValidationErrors) as info:
        senate_2023(districts={"a": 1, "b": 2, "c": 3}, partial=True)
    assert info.value.codes == ("seats.multi_seat_district", "seats.multi_seat_district")
    assert [e.location for e in info.value.errors] == ["$.districts['b']", "$.districts['c']"]
    allowed = senate_2023(districts={"b": 2}, partial=True, multi_seat_districts=True)
    assert allowed.races[0].seats == 2
    full = senate_2023(districts={f"d{i}": 1 for i in range(90)})
    assert full.seats == len(full.races) == 90


def test_president_2021_cites_the_majority_reading() -> None:
    rules = president_2021()
    assert any("sawtbeirut" in citation for citation in rules.citations)


REGIONS = {"east": Region.EAST, "west": Region.WEST, "south": Region.SOUTH}


def test_cda_2014_components_and_women_are_separate_races() -> None:
    # the default component seats: 2 west (Amazigh), 1 east (Tebu in Kufra), 3 south
    election = cda_2014(
        general={"east": 17, "west": 16, "south": 15},
        women={"east": 2, "west": 2, "south": 2},
        regions=REGIONS,
    )
    kinds = {race.kind for race in election.races}
    assert kinds == {"general", "women", "component"}
    components = [race for race in election.races if race.kind == "component"]
    assert [race.id for race in components] == [
        "Zuwara/amazigh",
        "Jebel Nafusa/amazigh",
        "Murzuk/tebu",
        "Kufra/tebu",
        "Obari/tuareg",
        "Ghat/tuareg",
    ]
    assert election.parameter("component_districts") is not None
    with pytest.raises(InconsistentValue):
        election.race("nowhere")


def test_cda_2014_enforces_twenty_seats_per_region() -> None:
    # 48 general and 6 women's seats, but the east has 21 and the south 19
    with pytest.raises(ValidationErrors) as info:
        cda_2014(
            general={"east": 18, "west": 16, "south": 14},
            women={"east": 2, "west": 2, "south": 2},
            regions=REGIONS,
        )
    assert info.value.codes == ("seats.region_total", "seats.region_total")
    assert [e.params["region"] for e in info.value.errors] == ["east", "south"]
    # a district in no region is named
    with pytest.raises(ValidationErrors) as missing:
        cda_2014(
            general={"east": 17, "west": 16, "south": 15},
            women={"east": 2, "west": 2, "nowhere": 2},
            regions=REGIONS,
        )
    assert "districts.no_region" in missing.value.codes
    # the component seats' districts are a parameter, checked against the law's 2 each
    moved = cda_2014(
        general={"east": 18, "west": 16, "south": 14},
        women={"east": 2, "west": 2, "south": 2},
        regions={**REGIONS, "Ubari": Region.SOUTH, "Awbari": Region.SOUTH},
        component_districts={
            "amazigh": {"Zuwara": 1, "Jebel Nafusa": 1},
            "tebu": {"Murzuk": 1, "Ghat": 1},
            "tuareg": {"Ubari": 1, "Awbari": 1},
        },
    )
    assert moved.race("Ubari/tuareg").seats == 1
    with pytest.raises(ValidationErrors) as three:
        cda_2014(
            general={"east": 16, "west": 16, "south": 16},
            women={"east": 2, "west": 2, "south": 2},
            regions=REGIONS,
            component_districts={"tebu": {"Murzuk": 3}, "berber": {"x": 2}},
        )
    assert set(three.value.codes) == {"seats.district_total", "seats.component"}


def test_hor_2021_women_seats_parameter() -> None:
    default = hor_2021(general={"a": 168}, women={"w": 32})
    assert default.parameters[0].value == 32
    alternative = hor_2021(general={"a": 167}, women={"w": 33}, women_seats=33)
    assert sum(r.seats for r in alternative.races if r.kind == "women") == 33


def test_presidential_rules() -> None:
    assert president_2021().races[0].rule == TwoRoundRule(majority="more_than_half")
    literal = president_2021(majority="fifty_percent_plus_one")
    outcome = allocate(literal, {"libya/president": {"A": 51, "B": 50}})
    assert outcome.winners == ()
    assert outcome.runoffs == (("libya/president", ("A", "B")),)
    always = allocate(president_2023(), {"libya/president": {"A": 99, "B": 1}})
    assert always.runoffs == (("libya/president", ("A", "B")),)
    elected = allocate(president_2021(), {"libya/president": {"A": 51, "B": 50}})
    assert [w.candidate for w in elected.winners] == ["A"]


def test_gnc_2012_mixed_allocation_with_caps() -> None:
    election = gnc_2012(individual={"Misrata": 1}, lists={"Misrata": 4}, partial=True)
    outcome = allocate(
        election,
        {
            "Misrata/general": {"x": 500, "y": 300},
            "Misrata/list": {"UH": 20_606, "JC": 17_165, "NF": 11_537, "NFA": 6_561},
        },
        caps={"Misrata/list": {"UH": 1}},
    )
    seats = {(w.race, w.candidate): w.seats for w in outcome.winners}
    assert seats[("Misrata/general", "x")] == 1
    assert seats[("Misrata/list", "UH")] == 1
    assert sum(v for (race, _), v in seats.items() if race == "Misrata/list") == 4
    assert outcome.ties == ()


def test_hor_2023_list_formula_has_no_default() -> None:
    with pytest.raises(TypeError, match="list_formula"):
        hor_2023(lists={"T": 3}, individual={"T": 1}, partial=True)  # type: ignore[call-arg]
    with pytest.raises(UnknownName) as info:
        hor_2023(lists={"T": 3}, individual={}, partial=True, list_formula="hondt")
    assert info.value.code == "seats.unknown_name"
    election = hor_2023(
        lists={"T": 3},
        individual={"T": 1},
        partial=True,
        list_formula="dhondt",
        list_threshold=Fraction(5, 100),
    )
    assert election.race("T/list").rule == HighestAveragesRule(threshold=Fraction(1, 20))
    formula = election.parameter("list_formula")
    assert formula is not None
    assert (formula.value, formula.default) == ("dhondt", None)
    hare = hor_2023(lists={"T": 3}, individual={}, partial=True, list_formula="hare")
    assert hare.race("T/list").rule == LargestRemainderRule()
    outcome = allocate(election, {"T/list": {"A": 60, "B": 40, "C": 4}, "T/general": {"z": 1}})
    assert {w.candidate: w.seats for w in outcome.winners if w.race == "T/list"} == {
        "A": 2,
        "B": 1,
    }
    assert isinstance(election.race("T/general").rule, PluralityRule)


def test_allocate_reports_every_tie_and_unfilled_seat() -> None:
    election = hor_2014(general={"Sebha": 2, "Obari": 1}, women={"Fezzan": 1}, partial=True)
    results = {
        "Sebha/general": {"a": 10, "b": 8, "c": 8},
        "Obari/general": {},
        "Fezzan/women": {"w1": 5, "w2": 5},
    }
    outcome = allocate(election, results)
    assert [race for race, _ in outcome.ties] == ["Sebha/general", "Fezzan/women"]
    assert outcome.unfilled == {"Obari/general": 1}
    drawn = allocate(election, results, lots={"Fezzan/women": DrawingOfLots(order=("w2", "w1"))})
    assert [race for race, _ in drawn.ties] == ["Sebha/general"]
    by_lot = [w for w in drawn.winners if w.by_lot]
    assert [(w.candidate, w.kind) for w in by_lot] == [("w2", "women")]


def test_allocate_refuses_unknown_and_missing_races_and_candidates() -> None:
    election = municipal_council(municipality="Ghat", size=7)
    with pytest.raises(ValidationErrors) as info:
        allocate(election, {"Ghat/list": {"L1": 5}, "Nowhere/list": {}})
    assert set(info.value.codes) == {"seats.unknown_race", "seats.missing_race"}
    with pytest.raises(ValidationErrors) as bad:
        allocate(
            election,
            {"Ghat/list": {"L1": 5}, "Ghat/individual": {"a": 1, "ghost": 2}},
            candidates={"Ghat/individual": ["a", "b"]},
        )
    assert bad.value.codes == ("seats.unknown_candidate",)
    with pytest.raises(ValidationErrors) as votes:
        allocate(election, {"Ghat/list": {"L1": -5}, "Ghat/individual": {}})
    assert votes.value.codes == ("seats.votes_negative",)


def test_municipal_sizes() -> None:
    for size, (lists, individual) in {7: (5, 2), 9: (6, 3), 11: (7, 4)}.items():
        races = municipal_council(municipality="m", size=size).races
        assert [r.seats for r in races] == [lists, individual]
    with pytest.raises(OutOfRange):
        municipal_council(municipality="m", size=5)


def test_totals_of_the_results_chapter_feed_the_seat_methods() -> None:
    from electoral.results import Totals, tally
    from electoral.testing import demo_records, demo_tally_setup

    setup = demo_tally_setup()
    totals = tally(demo_records(setup), setup)
    votes = votes_from_totals(totals.national, ballot=118)
    assert votes == {"118:1": 345, "118:2": 350, "118:3": 355}
    assert [candidate_key(name) for name in sntv(votes, 2).elected] == [(118, 3), (118, 2)]
    assert len(votes_from_totals(totals.national)) == 6
    with pytest.raises(ValidationErrors):
        votes_from_totals(Totals(votes={(1, 1): -3}))
    with pytest.raises(InvalidFormat) as info:
        candidate_key("x:1")
    assert info.value.code == "seats.candidate_key"
