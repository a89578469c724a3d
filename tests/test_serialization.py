"""The cattrs converter: round trips for every noun, and every problem reported at once."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import ValidationErrors
from electoral.model import (
    NOUNS,
    TRIPOLI,
    Ballot,
    Center,
    Citizen,
    Election,
    Gender,
    Race,
    RaceType,
    ResultForm,
    Station,
)
from electoral.serialization import converter, structure, unstructure
from electoral.testing import assert_codes, sample_election


@pytest.mark.parametrize("cls", NOUNS, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_every_noun_round_trips_through_json(cls: type[Any], data: st.DataObject) -> None:
    value = data.draw(st.from_type(cls))
    encoded = json.dumps(unstructure(value), ensure_ascii=False)
    assert structure(json.loads(encoded), cls) == value


def test_sample_election_round_trips() -> None:
    sample = sample_election()
    for group in (sample.centers, sample.stations, sample.citizens, sample.result_forms):
        for value in group:
            assert structure(unstructure(value), type(value)) == value


def test_output_shapes_are_json_ready() -> None:
    center = Center(center_id=11001, name_ar="أ", lat=Decimal("32.10000001"), lon=Decimal("13"))
    data = unstructure(center)
    assert data["lat"] == "32.10000001"
    assert data["center_type"] == "general"
    ballot = Ballot(
        number=3, race=Race(election_level="HoR", name="x"), subconstituency_ids={9, 2, 5}
    )
    assert unstructure(ballot)["subconstituency_ids"] == [2, 5, 9]
    election = Election(
        name_en="x",
        name_ar="س",
        polling_start=pendulum.datetime(2014, 6, 25, 6),
        polling_end=pendulum.datetime(2014, 6, 25, 18),
    )
    assert unstructure(election)["polling_start"] == "2014-06-25T08:00:00+02:00"


def test_barcode_keeps_leading_zeros() -> None:
    form = ResultForm(barcode="000000001", ballot_number=1, is_replacement=True)
    assert unstructure(form)["barcode"] == "000000001"
    assert structure(unstructure(form), ResultForm).barcode == "000000001"


def test_every_bad_field_is_reported_with_its_path() -> None:
    with pytest.raises(ValidationErrors) as caught:
        structure(
            {
                "center_id": "11001",
                "number": 0,
                "gender": "woman",
                "registrants": -1,
                "colour": "red",
            },
            Station,
        )
    group = caught.value
    assert_codes(group, ["serialization.unknown_field", "type", "range", "enum.unknown", "range"])
    assert [error.location for error in group.errors] == [
        "$.colour",
        "$.center_id",
        "$.number",
        "$.gender",
        "$.registrants",
    ]


def test_missing_required_fields_are_reported() -> None:
    with pytest.raises(ValidationErrors) as caught:
        structure({"number": 1}, Station)
    assert caught.value.codes == ("missing", "missing")
    assert [e.field for e in caught.value.errors] == ["center_id", "gender"]


def test_nested_problems_carry_the_nested_path() -> None:
    with pytest.raises(ValidationErrors) as caught:
        structure({"number": 1, "race": {"election_level": "", "name": "n"}}, Ballot)
    assert [e.location for e in caught.value.errors] == ["$.race.election_level"]


def test_nested_value_must_be_a_mapping() -> None:
    with pytest.raises(ValidationErrors) as caught:
        structure({"number": 1, "race": ["HoR"]}, Ballot)
    assert caught.value.codes == ("serialization.not_a_mapping",)
    with pytest.raises(ValidationErrors) as top:
        structure("Station", Station)
    assert top.value.codes == ("serialization.not_a_mapping",)


def test_cross_field_problem_is_a_group_too() -> None:
    data = unstructure(sample_election().citizens[0])
    data["gender"] = "female"
    with pytest.raises(ValidationErrors) as caught:
        structure(data, Citizen)
    assert caught.value.codes == ("citizen.gender_mismatch",)
    assert caught.value.errors[0].location == "$"


def test_times_without_offset_are_refused_not_guessed() -> None:
    data = {
        "name_en": "x",
        "name_ar": "س",
        "polling_start": "2014-06-25T08:00:00",
        "polling_end": "2014-06-25T20:00:00+02:00",
    }
    with pytest.raises(ValidationErrors) as caught:
        structure(data, Election)
    assert caught.value.codes == ("time.naive",)
    data["polling_start"] = "25/06/2014"
    with pytest.raises(ValidationErrors) as bad:
        structure(data, Election)
    assert bad.value.codes == ("format",)


def test_bad_decimal_and_set_and_date_are_refused() -> None:
    with pytest.raises(ValidationErrors) as caught:
        structure({"center_id": 11001, "name_ar": "أ", "lat": "north", "lon": "1"}, Center)
    assert caught.value.codes == ("format",)
    with pytest.raises(ValidationErrors) as sets:
        structure(
            {
                "number": 1,
                "race": {"election_level": "a", "name": "b"},
                "subconstituency_ids": [[1]],
            },
            Ballot,
        )
    assert sets.value.codes == ("type",)
    data = unstructure(sample_election().citizens[0])
    data["birth_date"] = "7/9/1969"
    with pytest.raises(ValidationErrors) as dates:
        structure(data, Citizen)
    assert dates.value.codes == ("format",)


def test_enum_values_and_members_both_structure() -> None:
    race = structure({"election_level": "HoR", "name": "w", "race_type": RaceType.WOMEN}, Race)
    assert race.race_type is RaceType.WOMEN
    assert structure({"center_id": 11001, "number": 1, "gender": "unisex"}, Station).gender is (
        Gender.UNISEX
    )


def test_converter_is_shared_and_aware_times_come_back_in_tripoli() -> None:
    election = structure(
        {
            "name_en": "x",
            "name_ar": "س",
            "polling_start": "2014-06-25T06:00:00+00:00",
            "polling_end": "2014-06-25T18:00:00+00:00",
        },
        Election,
    )
    assert election.polling_start.timezone_name == TRIPOLI.name
    assert election.polling_start.hour == 8
    assert converter.unstructure(election) == unstructure(election)
    assert attrs.has(Election)
