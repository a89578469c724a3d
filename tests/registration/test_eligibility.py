"""Eligibility: the (year, month, day) triple rule in Tripoli time."""

from __future__ import annotations

import datetime as dt

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InvalidType, OutOfRange
from electoral.model import TRIPOLI, Citizen, Gender
from electoral.registration import (
    Blocked,
    Missing,
    TooYoung,
    age_on,
    check_eligible,
    is_eligible,
    is_old_enough,
    local_date,
)


def citizen(born: pendulum.Date, **kw: object) -> Citizen:
    fields: dict[str, object] = {
        "civil_registry_id": 1,
        "national_id": "119690261935",
        "fbr_number": "1",
        "first_name": "م",
        "father_name": "ع",
        "grandfather_name": "س",
        "family_name": "و",
        "birth_date": born,
        "gender": Gender.MALE,
    }
    fields.update(kw)
    return Citizen(**fields)  # type: ignore[arg-type]


def at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, second, tz=TRIPOLI)


def test_eligible_on_18th_birthday() -> None:
    born = pendulum.date(2008, 5, 4)
    assert not is_old_enough(born, as_of=at(2026, 5, 3, 23, 59, 59))
    assert is_old_enough(born, as_of=at(2026, 5, 4))


def test_29_february_eligible_on_1_march() -> None:
    born = pendulum.date(2008, 2, 29)
    assert not is_old_enough(born, as_of=at(2026, 2, 28, 23, 59))
    assert is_old_enough(born, as_of=at(2026, 3, 1))
    assert is_old_enough(pendulum.date(2012, 2, 29), as_of=at(2030, 2, 28)) is False
    assert is_old_enough(pendulum.date(2012, 2, 29), as_of=at(2030, 3, 1))


def test_day_is_tripoli_not_utc() -> None:
    born = pendulum.date(2008, 5, 4)
    # 23:30 UTC on 3 May is 01:30 on 4 May in Tripoli (UTC+2): already eligible.
    moment = pendulum.datetime(2026, 5, 3, 23, 30, tz="UTC")
    assert local_date(moment) == pendulum.date(2026, 5, 4)
    assert is_old_enough(born, as_of=moment)


def test_strict_out_of_country_rule() -> None:
    born = pendulum.date(2008, 5, 4)
    assert not is_old_enough(born, as_of=at(2026, 5, 4), strict=True)
    assert is_old_enough(born, as_of=at(2026, 5, 5), strict=True)


def test_minimum_age_parameter() -> None:
    born = pendulum.date(2005, 1, 1)
    assert is_old_enough(born, as_of=at(2026, 1, 1), minimum_age=21)
    assert not is_old_enough(born, as_of=at(2025, 12, 31), minimum_age=21)
    with pytest.raises(OutOfRange):
        is_old_enough(born, as_of=at(2026, 1, 1), minimum_age=-1)
    with pytest.raises(InvalidType):
        is_old_enough(born, as_of=at(2026, 1, 1), minimum_age=True)


def test_naive_time_refused() -> None:
    with pytest.raises(InvalidType) as info:
        is_old_enough(pendulum.date(2000, 1, 1), as_of=dt.datetime(2026, 1, 1))
    assert info.value.code == "time.naive"
    with pytest.raises(TypeError, match=r"^as_of: expected an aware datetime, got str"):
        local_date("2026-01-01")  # type: ignore[arg-type]


def test_blocked_missing_young() -> None:
    now = at(2026, 1, 1)
    adult = citizen(pendulum.date(1969, 9, 7))
    assert is_eligible(adult, as_of=now)
    check_eligible(adult, as_of=now)
    with pytest.raises(Blocked) as blocked:
        check_eligible(attrs.evolve(adult, blocked=True), as_of=now)
    assert blocked.value.code == "registration.blocked"
    assert str(blocked.value) == "The citizen is blocked from registering or voting"
    with pytest.raises(Missing):
        check_eligible(attrs.evolve(adult, missing_since=now), as_of=now)
    with pytest.raises(TooYoung) as young:
        check_eligible(citizen(pendulum.date(2010, 1, 1)), as_of=now)
    assert young.value.params["minimum_age"] == 18
    assert not is_eligible(attrs.evolve(adult, blocked=True), as_of=now)


def test_age_on() -> None:
    assert age_on(pendulum.date(2000, 2, 29), as_of=at(2018, 3, 1)) == 18
    assert age_on(pendulum.date(2000, 6, 1), as_of=at(2018, 5, 31)) == 17


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2060, 12, 31)),
)
def test_triple_rule_matches_age(born: dt.date, day: dt.date) -> None:
    moment = at(day.year, day.month, day.day, 12)
    assert is_old_enough(born, as_of=moment) == (age_on(born, as_of=moment) >= 18)
    assert is_old_enough(born, as_of=moment, strict=True) <= is_old_enough(born, as_of=moment)
