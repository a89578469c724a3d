"""Tests for electoral.model.citizen: identity fields, names, gender rules, times."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pendulum
import pytest

from electoral.errors import (
    InconsistentValue,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    OutOfRange,
    ValidationError,
)
from electoral.model import TRIPOLI, Citizen, Gender

NAME_FIELDS = ("first_name", "father_name", "grandfather_name", "family_name", "mother_name")


def make(**changes: Any) -> Citizen:
    fields: dict[str, Any] = {
        "civil_registry_id": 1,
        "national_id": "119690261935",
        "fbr_number": "4471",
        "first_name": "محمد",
        "father_name": "علي",
        "grandfather_name": "سالم",
        "family_name": "الورفلي",
        "mother_name": "فاطمة",
        "birth_date": pendulum.Date(1969, 9, 7),
        "gender": Gender.MALE,
    }
    fields.update(changes)
    return Citizen(**fields)


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


def test_valid_citizen_and_defaults() -> None:
    citizen = make()
    assert citizen.blocked is False
    assert citizen.missing_since is None
    assert citizen.address == ""
    assert citizen.full_name == "محمد علي سالم الورفلي"
    assert citizen.name_key == ("محمد", "علي", "سالم", "الورفلي")
    assert make(mother_name="").mother_name == ""


def test_full_name_skips_blank_parts_and_never_shows_the_mother() -> None:
    citizen = make(father_name="", grandfather_name="")
    assert citizen.full_name == "محمد الورفلي"
    assert "فاطمة" not in make().full_name
    assert citizen.name_key == ("محمد", "", "", "الورفلي")


def test_names_may_contain_spaces_and_commas() -> None:
    assert make(first_name="ملائك, ة نائلة").first_name == "ملائك, ة نائلة"


@pytest.mark.parametrize("field", NAME_FIELDS)
def test_name_rules(field: str) -> None:
    assert getattr(make(**{field: ""}), field) == ""
    assert getattr(make(**{field: "ع" * 255}), field) == "ع" * 255
    refused(InvalidFormat, "text.too_long", field, "ع" * 256, **{field: "ع" * 256})
    refused(InvalidFormat, "text.newline", field, "محمد\nعلي", **{field: "محمد\nعلي"})
    for char in ("\u200e", "\u200f", "\u202b", "\u2067", "\u200d", "\ufeff", "\ud800"):
        refused(InvalidFormat, "text.control", field, "محمد" + char, **{field: "محمد" + char})
    refused(InvalidType, "type", field, None, **{field: None})


def test_address() -> None:
    assert make(address="ع" * 1024).address == "ع" * 1024
    refused(InvalidFormat, "text.too_long", "address", "ع" * 1025, address="ع" * 1025)


def test_civil_registry_id() -> None:
    assert make(civil_registry_id=10**12).civil_registry_id == 10**12
    refused(OutOfRange, "range", "civil_registry_id", 0, civil_registry_id=0)
    refused(InvalidType, "type", "civil_registry_id", True, civil_registry_id=True)
    refused(InvalidType, "type", "civil_registry_id", "1", civil_registry_id="1")


def test_national_id_rules() -> None:
    refused(InvalidLength, "national_id.length", "national_id", "12345", national_id="12345")
    error = refused(
        InvalidComponent,
        "national_id.first_digit",
        "national_id",
        "319690261935",
        national_id="319690261935",
    )
    assert str(error) == "A valid National ID starts with 1 or 2."
    refused(
        InvalidFormat,
        "national_id.format",
        "national_id",
        "11969026193x",
        national_id="11969026193x",
    )
    refused(InvalidType, "type", "national_id", 119690261935, national_id=119690261935)
    refused(InvalidFormat, "format", "national_id", "١١٩٦٩٠٢٦١٩٣٥", national_id="١١٩٦٩٠٢٦١٩٣٥")


def test_fbr_rules() -> None:
    assert make(fbr_number="r123").fbr_number == "r123"
    refused(InvalidFormat, "fbr.format", "fbr_number", "12r", fbr_number="12r")
    refused(InvalidLength, "fbr.length", "fbr_number", "1" * 21, fbr_number="1" * 21)
    refused(InvalidType, "type", "fbr_number", 4471, fbr_number=4471)
    refused(InvalidFormat, "format", "fbr_number", "44 71", fbr_number="44 71")


def test_female_citizen() -> None:
    citizen = make(national_id="219810371062", gender=Gender.FEMALE)
    assert citizen.gender is Gender.FEMALE


@pytest.mark.parametrize(
    ("national_id", "gender"),
    [("119690261935", Gender.FEMALE), ("219810371062", Gender.MALE)],
)
def test_national_id_and_gender_must_agree(national_id: str, gender: Gender) -> None:
    error = refused(
        InconsistentValue,
        "citizen.gender_mismatch",
        "gender",
        gender,
        national_id=national_id,
        gender=gender,
    )
    assert str(error) == "The first digit of the national ID does not match the gender."
    assert error.message("ar") == "الرقم الأول من الرقم الوطني لا يطابق الجنس."


def test_evolve_gender_mismatch() -> None:
    with pytest.raises(InconsistentValue) as info:
        attrs.evolve(make(), gender=Gender.FEMALE)
    assert info.value.code == "citizen.gender_mismatch"


@pytest.mark.parametrize("national_id", ["119690261935", "219810371062"])
def test_unisex_citizen_refused(national_id: str) -> None:
    error = refused(
        InvalidComponent,
        "citizen.unisex",
        "gender",
        Gender.UNISEX,
        national_id=national_id,
        gender=Gender.UNISEX,
    )
    assert str(error) == "A citizen is male or female."


def test_gender_must_be_a_member() -> None:
    refused(InvalidType, "type", "gender", "male", gender="male")
    refused(InvalidType, "type", "gender", 1, gender=1)


def test_birth_date_conversion() -> None:
    citizen = make(birth_date=dt.date(1969, 9, 7))
    assert type(citizen.birth_date) is pendulum.Date
    assert citizen.birth_date == pendulum.Date(1969, 9, 7)
    assert citizen == make()


@pytest.mark.parametrize(
    "junk",
    [dt.datetime(1969, 9, 7), pendulum.datetime(1969, 9, 7), "1969-09-07", "7/9/1969", None],
    ids=repr,
)
def test_birth_date_refuses_datetimes_and_text(junk: object) -> None:
    refused(InvalidType, "type", "birth_date", junk, birth_date=junk)


def test_missing_since_is_aware_and_in_tripoli() -> None:
    moment = dt.datetime(2014, 1, 1, 10, 0, tzinfo=dt.UTC)
    citizen = make(missing_since=moment)
    assert citizen.missing_since == moment
    assert citizen.missing_since is not None
    assert citizen.missing_since.timezone_name == "Africa/Tripoli"
    assert citizen.missing_since.hour == 12
    kept = pendulum.datetime(2014, 1, 1, tz=TRIPOLI)
    assert make(missing_since=kept).missing_since is kept


def test_missing_since_naive_refused() -> None:
    naive = dt.datetime(2014, 1, 1, 10)
    refused(InvalidType, "time.naive", "missing_since", naive, missing_since=naive)
    refused(InvalidType, "type", "missing_since", "2014-01-01", missing_since="2014-01-01")


def test_blocked_is_a_bool() -> None:
    assert make(blocked=True).blocked is True
    refused(InvalidType, "type", "blocked", 1, blocked=1)
