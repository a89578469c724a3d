"""Tests for electoral.model.ballot: races, ballots, candidates and race-type labels."""

from __future__ import annotations

from typing import Any

import pytest

from electoral.errors import InvalidFormat, InvalidType, MissingValue, OutOfRange, ValidationError
from electoral.model import Ballot, Candidate, Gender, Race, RaceType

HOR_WOMEN = Race(election_level="HoR", name="ballot_number_HOR_women", race_type=RaceType.WOMEN)


def expect(
    cls: type[ValidationError],
    code: str,
    field: str,
    value: object,
    noun: type[Any],
    **fields: Any,
) -> ValidationError:
    with pytest.raises(cls) as info:
        noun(**fields)
    error = info.value
    assert type(error) is cls
    assert (error.code, error.field) == (code, field)
    assert error.value == value
    assert type(error.value) is type(value)
    return error


def race(**changes: Any) -> dict[str, Any]:
    return {"election_level": "HoR", "name": "ballot_number_general", **changes}


def ballot(**changes: Any) -> dict[str, Any]:
    return {"number": 117, "race": HOR_WOMEN, **changes}


def candidate(**changes: Any) -> dict[str, Any]:
    return {"ballot_number": 117, "candidate_id": 5, "name_ar": "سعاد", "order": 1, **changes}


@pytest.mark.parametrize(
    ("race_type", "en", "ar", "component"),
    [
        (RaceType.GENERAL, "General", "عام", False),
        (RaceType.WOMEN, "Women", "المرأة", False),
        (RaceType.COMPONENT_AMAZIGH, "Amazigh component", "مكون الأمازيغ", True),
        (RaceType.COMPONENT_TWARAG, "Tuareg component", "مكون الطوارق", True),
        (RaceType.COMPONENT_TEBU, "Tebu component", "مكون التبو", True),
        (RaceType.PRESIDENTIAL, "Presidential", "رئاسي", False),
    ],
)
def test_race_types(race_type: RaceType, en: str, ar: str, component: bool) -> None:
    assert race_type.label() == en
    assert race_type.label("ar") == ar
    assert race_type.is_component is component


def test_race() -> None:
    hor = Race(**race())
    assert hor.key == ("HoR", "ballot_number_general")
    assert hor.race_type is None
    assert hor.active is True
    assert Race(**race(name="n" * 256)).name == "n" * 256


@pytest.mark.parametrize("field", ["election_level", "name"])
def test_race_labels(field: str) -> None:
    expect(InvalidFormat, "text.too_long", field, "n" * 257, Race, **race(**{field: "n" * 257}))
    expect(MissingValue, "text.blank", field, "", Race, **race(**{field: ""}))
    expect(InvalidFormat, "text.newline", field, "a\rb", Race, **race(**{field: "a\rb"}))
    expect(InvalidType, "type", field, None, Race, **race(**{field: None}))


def test_race_type_and_active() -> None:
    expect(InvalidType, "type", "race_type", 1, Race, **race(race_type=1))
    expect(InvalidType, "type", "race_type", "women", Race, **race(race_type="women"))
    expect(InvalidType, "type", "active", None, Race, **race(active=None))


def test_ballot_defaults_and_conversion() -> None:
    paper = Ballot(**ballot(seats=2, subconstituency_ids={31, 32}))
    assert paper.subconstituency_ids == frozenset({31, 32})
    assert type(paper.subconstituency_ids) is frozenset
    assert Ballot(**ballot(subconstituency_ids=[1, 1, 2])).subconstituency_ids == {1, 2}
    default = Ballot(**ballot())
    assert default.seats == 1
    assert default.subconstituency_ids == frozenset()
    assert default.active is True
    assert default.available_for_release is False
    assert hash(paper) == hash(Ballot(**ballot(seats=2, subconstituency_ids=[32, 31])))


def test_ballot_number() -> None:
    assert Ballot(**ballot(number=0)).number == 0
    assert Ballot(**ballot(number=32767)).number == 32767
    error = expect(OutOfRange, "range", "number", -1, Ballot, **ballot(number=-1))
    assert str(error) == "-1 must lie between 0 and 32767."
    expect(OutOfRange, "range", "number", 32768, Ballot, **ballot(number=32768))
    expect(InvalidType, "type", "number", True, Ballot, **ballot(number=True))


def test_ballot_race_and_seats() -> None:
    expect(InvalidType, "type", "race", "HoR", Ballot, **ballot(race="HoR"))
    expect(InvalidType, "type", "race", None, Ballot, **ballot(race=None))
    expect(OutOfRange, "range", "seats", 0, Ballot, **ballot(seats=0))
    expect(InvalidType, "type", "seats", 1.0, Ballot, **ballot(seats=1.0))


def test_ballot_subconstituencies() -> None:
    expect(
        OutOfRange, "range", "subconstituency_ids", 0, Ballot, **ballot(subconstituency_ids={0})
    )
    expect(
        InvalidType,
        "type",
        "subconstituency_ids",
        True,
        Ballot,
        **ballot(subconstituency_ids=[True]),
    )
    expect(
        InvalidType,
        "type",
        "subconstituency_ids",
        "31",
        Ballot,
        **ballot(subconstituency_ids="31"),
    )
    expect(
        InvalidType,
        "type",
        "subconstituency_ids",
        "3",
        Ballot,
        **ballot(subconstituency_ids=["3"]),
    )
    expect(
        InvalidType,
        "type",
        "subconstituency_ids",
        None,
        Ballot,
        **ballot(subconstituency_ids=None),
    )


def test_ballot_flags() -> None:
    expect(InvalidType, "type", "active", 1, Ballot, **ballot(active=1))
    expect(
        InvalidType, "type", "available_for_release", 0, Ballot, **ballot(available_for_release=0)
    )


def test_ballot_subconstituencies_with_unhashable_items() -> None:
    with pytest.raises(ValidationError) as info:
        Ballot(**ballot(subconstituency_ids=[[1]]))
    assert info.value.field == "subconstituency_ids"


def test_candidate() -> None:
    person = Candidate(**candidate())
    assert person.key == (117, 5)
    assert person.active is True
    assert person.gender is None
    assert person.name_en == ""
    assert Candidate(**candidate(gender=Gender.FEMALE)).gender is Gender.FEMALE


def test_candidate_numbers() -> None:
    expect(OutOfRange, "range", "ballot_number", -1, Candidate, **candidate(ballot_number=-1))
    expect(OutOfRange, "range", "candidate_id", 0, Candidate, **candidate(candidate_id=0))
    assert Candidate(**candidate(candidate_id=10**9)).candidate_id == 10**9
    expect(OutOfRange, "range", "order", 0, Candidate, **candidate(order=0))
    expect(OutOfRange, "range", "order", 32768, Candidate, **candidate(order=32768))
    expect(InvalidType, "type", "order", False, Candidate, **candidate(order=False))


def test_candidate_names() -> None:
    expect(MissingValue, "text.blank", "name_ar", "", Candidate, **candidate(name_ar=""))
    expect(
        InvalidFormat,
        "text.control",
        "name_ar",
        "س\u200c",
        Candidate,
        **candidate(name_ar="س\u200c"),
    )
    expect(
        InvalidFormat,
        "text.too_long",
        "name_en",
        "a" * 256,
        Candidate,
        **candidate(name_en="a" * 256),
    )
    expect(InvalidType, "type", "gender", "female", Candidate, **candidate(gender="female"))
    expect(InvalidType, "type", "active", None, Candidate, **candidate(active=None))
