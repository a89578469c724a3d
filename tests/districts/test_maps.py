"""District maps as checked, versioned, cited data; builders that take a map by name."""

from __future__ import annotations

import pytest

from electoral.districts import MAPS, District, DistrictMap, resolve_map
from electoral.errors import InconsistentValue, InvalidType, OutOfRange, ValidationErrors
from electoral.law import Citation
from electoral.model import Region
from electoral.seats import cda_2014, gnc_2012, hor_2014, hor_2021
from electoral.synthetic import Size, district_map, generate_country, seat_election

SOURCE = Citation(instrument="test table")


def test_published_maps_carry_their_structure_and_sources() -> None:
    assert set(MAPS) == {"gnc_2012", "cda_2014", "hor_2014", "hor_2021"}
    assert MAPS["gnc_2012"].published == {
        "constituency": 13,
        "subconstituency": 73,
        "list_district": 20,
    }
    assert MAPS["hor_2014"].published == {"constituency": 13, "subconstituency": 75}
    for found in MAPS.values():
        assert not found.complete
        assert found.note
        assert found.citation.instrument
        for district in found.districts:
            assert district.citation.source.startswith("http")
    # the preliminary results of 29 June 2014 (Libya Herald)
    assert MAPS["hor_2014"].table("general") == {
        "Sebha": 7,
        "Wadi Shati": 6,
        "Obari": 5,
        "Murzuk": 1,
        "Yefren": 1,
        "Mazda": 1,
        "Derna": 3,
    }
    # 2021 reuses the 2014 districts, with its own law
    assert MAPS["hor_2021"].districts == MAPS["hor_2014"].districts
    assert MAPS["hor_2021"].based_on == "hor_2014"
    assert MAPS["hor_2021"].citation.instrument.startswith("Law 2/2021")


def test_builders_take_a_map_by_name_and_check_it_against_the_law() -> None:
    with pytest.raises(InconsistentValue) as info:
        hor_2014(district_map="hor_2014")
    assert info.value.code == "districts.incomplete"
    partial = hor_2014(district_map="hor_2014", partial=True)
    assert partial.race("Derna/women").seats == 1
    assert partial.district_map is not None
    assert partial.district_map.startswith("hor_2014 (Law 10/2014")
    assert gnc_2012(district_map="gnc_2012", partial=True).race("Misrata/list").seats == 4
    assert hor_2021(district_map="hor_2021", partial=True).race("Sebha/general").seats == 7
    with pytest.raises(InconsistentValue) as both:
        hor_2014(district_map="hor_2014", general={"a": 1}, partial=True)
    assert both.value.code == "seats.map_and_tables"
    with pytest.raises(ValidationErrors) as neither:
        hor_2014()
    assert neither.value.codes == ("seats.table_missing", "seats.table_missing")
    with pytest.raises(InconsistentValue) as unknown:
        hor_2014(district_map="hor_2023")
    assert unknown.value.code == "districts.unknown_map"


def test_a_complete_map_serves_without_partial_and_its_totals_are_checked() -> None:
    districts = [
        District(name=f"C{i}", level="constituency", seats={"women": 1}, citation=SOURCE)
        for i in range(32)
    ] + [
        District(
            name=f"S{i}",
            level="subconstituency",
            parent="C0",
            seats={"general": 2},
            citation=SOURCE,
        )
        for i in range(84)
    ]
    full = DistrictMap(
        name="gazette",
        title="test",
        version="v1",
        citation=SOURCE,
        districts=districts,
        published={"constituency": 32, "subconstituency": 84},
        complete=True,
    )
    rules = hor_2014(district_map=full)
    assert sum(race.seats for race in rules.races) == 200
    short = DistrictMap(
        name="short",
        title="test",
        version="v1",
        citation=SOURCE,
        districts=districts[:-1],
        published={"constituency": 32, "subconstituency": 84},
    )
    with pytest.raises(InconsistentValue) as info:
        hor_2014(district_map=short, partial=False)
    assert info.value.code == "districts.incomplete"
    fake_complete = DistrictMap(
        name="fake",
        title="test",
        version="v1",
        citation=SOURCE,
        districts=districts[:-1],
        complete=True,
    )
    with pytest.raises(InconsistentValue) as total:
        hor_2014(district_map=fake_complete)
    assert total.value.code == "seats.district_total"


def test_a_map_is_checked_when_built() -> None:
    with pytest.raises(ValidationErrors) as info:
        DistrictMap(
            name="bad",
            title="bad",
            version="v",
            citation=SOURCE,
            districts=[
                District(name="A", level="constituency", citation=SOURCE),
                District(name="A", level="constituency", citation=SOURCE),
                District(name="B", level="subconstituency", parent="Z", citation=SOURCE),
                District(name="C", level="constituency", parent="B", citation=SOURCE),
            ],
            published={"constituency": 2},
            complete=True,
        )
    assert info.value.codes == (
        "districts.duplicate",
        "districts.unknown_parent",
        "districts.parent_level",
        "districts.count",
    )
    with pytest.raises(OutOfRange):
        District(name="A", level="constituency", seats={"general": -1}, citation=SOURCE)
    with pytest.raises(InvalidType):
        District(name="A", level="county", citation=SOURCE)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="district_map"):
        resolve_map(3)  # type: ignore[arg-type]


def test_cda_map_gives_the_regions() -> None:
    cda = MAPS["cda_2014"]
    assert cda.region_of("Murzuk") is Region.SOUTH
    assert cda.region_of("Zuwara") is Region.WEST
    assert cda.table("tebu") == {"Murzuk": 1, "Kufra": 1}
    rules = cda_2014(district_map="cda_2014", partial=True)
    assert rules.race("Murzuk/general").seats == 3
    with pytest.raises(InconsistentValue):
        cda_2014(district_map="cda_2014", regions={"x": Region.EAST}, partial=True)


def test_the_synthetic_election_builds_on_its_own_complete_map() -> None:
    country = generate_country(Size.TINY, seed=3)
    synthetic = district_map(country)
    assert synthetic.complete
    rules, _ = seat_election(country)
    assert rules.district_map == f"{synthetic.name} ({synthetic.version})"
    assert sum(r.seats for r in rules.races) == sum(synthetic.seats().values())
