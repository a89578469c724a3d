"""Tests for electoral.model.station: centre, number 1 to 102, gender, registrants."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from electoral.errors import InvalidType, OutOfRange, ValidationError
from electoral.model import Gender, Station


def make(**changes: Any) -> Station:
    fields: dict[str, Any] = {"center_id": 11001, "number": 1, "gender": Gender.MALE}
    fields.update(changes)
    return Station(**fields)


def refused(
    cls: type[ValidationError], code: str, field: str, value: object, **changes: Any
) -> ValidationError:
    with pytest.raises(cls) as info:
        make(**changes)
    error = info.value
    assert type(error) is cls
    assert (error.code, error.field) == (code, field)
    assert error.value == value
    assert type(error.value) is type(value)
    return error


def test_defaults_and_key() -> None:
    station = make()
    assert station.registrants is None
    assert station.subconstituency_id is None
    assert station.active is True
    assert station.key == (11001, 1)


@pytest.mark.parametrize("gender", list(Gender))
def test_every_gender_including_unisex(gender: Gender) -> None:
    assert make(gender=gender).gender is gender


def test_gender_must_be_a_member() -> None:
    refused(InvalidType, "type", "gender", "male", gender="male")
    refused(InvalidType, "type", "gender", None, gender=None)
    refused(InvalidType, "type", "gender", 1, gender=1)


def test_number_range() -> None:
    assert make(number=102).number == 102
    error = refused(OutOfRange, "range", "number", 0, number=0)
    assert error.params == {"min_value": 1, "max_value": 102}
    assert str(error) == "0 must lie between 1 and 102."
    refused(OutOfRange, "range", "number", 103, number=103)
    refused(InvalidType, "type", "number", True, number=True)
    refused(InvalidType, "type", "number", "1", number="1")


def test_center_id_range() -> None:
    refused(OutOfRange, "range", "center_id", 9999, center_id=9999)
    refused(OutOfRange, "range", "center_id", 100000, center_id=100000)
    refused(InvalidType, "type", "center_id", None, center_id=None)


def test_registrants_none_is_not_zero() -> None:
    assert make(registrants=None).registrants is None
    assert make(registrants=0).registrants == 0
    assert make(registrants=0) != make(registrants=None)
    assert make(registrants=10**6).registrants == 10**6
    error = refused(OutOfRange, "range", "registrants", -1, registrants=-1)
    assert error.params == {"min_value": 0, "max_value": "∞"}
    refused(InvalidType, "type", "registrants", False, registrants=False)
    refused(InvalidType, "type", "registrants", 1.0, registrants=1.0)


def test_subconstituency_and_active() -> None:
    assert make(subconstituency_id=998).subconstituency_id == 998
    refused(OutOfRange, "range", "subconstituency_id", 0, subconstituency_id=0)
    refused(OutOfRange, "range", "subconstituency_id", 32768, subconstituency_id=32768)
    refused(InvalidType, "type", "active", None, active=None)


def test_evolve() -> None:
    station = make(registrants=300)
    assert attrs.evolve(station, registrants=301).registrants == 301
    with pytest.raises(OutOfRange):
        attrs.evolve(station, number=0)
