"""Registration statistics: counting rules, age buckets, breakdowns, fraud lists."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InvalidType, OutOfRange, ValidationErrors
from electoral.model import TRIPOLI, Center, Citizen, Gender, Office, Region
from electoral.registration import (
    AgeBucket,
    Registration,
    age_bucket,
    counted_registrations,
    phones_sent_code,
    phones_with_several_family_books,
    phones_with_several_registrations,
    registration_breakdown,
)

AS_OF = pendulum.datetime(2026, 1, 1, 12, tz=TRIPOLI)
T = pendulum.datetime(2014, 1, 5, 10, tz=TRIPOLI)


def citizen(i: int, born: pendulum.Date, gender: Gender = Gender.MALE, fbr: str = "1") -> Citizen:
    first = "1" if gender is Gender.MALE else "2"
    return Citizen(
        civil_registry_id=i,
        national_id=f"{first}{i:011d}",
        fbr_number=fbr,
        first_name="أ",
        father_name="",
        grandfather_name="",
        family_name="ب",
        birth_date=born,
        gender=gender,
    )


def reg(i: int, center: int = 11001, phone: str = "218923456789", **kw: object) -> Registration:
    return Registration(citizen_id=i, center_id=center, phone=phone, created_at=T, **kw)  # type: ignore[arg-type]


CENTERS = {
    11001: Center(center_id=11001, name_ar="أ", office_id=5, subconstituency_id=20),
    11002: Center(center_id=11002, name_ar="ب", office_id=6, subconstituency_id=21),
    11003: Center(center_id=11003, name_ar="ج", office_id=6, reg_open=False),
}
OFFICES = {5: Office(id=5, name_en="Tripoli", name_ar="طرابلس", region=Region.WEST)}


@pytest.mark.parametrize(
    ("age", "bucket"),
    [
        (18, AgeBucket.AGE_18_29),
        (29, AgeBucket.AGE_18_29),
        (30, AgeBucket.AGE_30_39),
        (39, AgeBucket.AGE_30_39),
        (40, AgeBucket.AGE_40_49),
        (49, AgeBucket.AGE_40_49),
        (50, AgeBucket.AGE_50_59),
        (59, AgeBucket.AGE_50_59),
        (60, AgeBucket.AGE_60_PLUS),
        (120, AgeBucket.AGE_60_PLUS),
    ],
)
def test_age_buckets(age: int, bucket: AgeBucket) -> None:
    assert age_bucket(age) is bucket


def test_age_bucket_refuses() -> None:
    with pytest.raises(OutOfRange) as info:
        age_bucket(17)
    assert info.value.code == "registration.report.age"
    with pytest.raises(InvalidType):
        age_bucket(True)
    with pytest.raises(InvalidType):
        age_bucket(30.0)  # type: ignore[arg-type]


@given(st.integers(18, 150))
def test_buckets_are_ordered(age: int) -> None:
    order = list(AgeBucket)
    assert order.index(age_bucket(age)) <= order.index(age_bucket(age + 1))


def test_counting_rules() -> None:
    archived = reg(4, archived_at=T.add(days=1))
    rows = [
        reg(1),
        reg(2, deleted=True),
        reg(3, center=11003),  # reg_open false
        reg(5, center=12000),  # deleted centre: not among the centres given
        archived,
        reg(6, center=11002),
    ]
    assert [r.citizen_id for r in counted_registrations(rows, CENTERS)] == [1, 6]
    with pytest.raises(InvalidType):
        counted_registrations(["x"], CENTERS)  # type: ignore[list-item]


def test_breakdown() -> None:
    people = {
        1: citizen(1, pendulum.date(2007, 12, 31)),  # 18 on AS_OF
        2: citizen(2, pendulum.date(1966, 1, 2), Gender.FEMALE),  # 59
        3: citizen(3, pendulum.date(1966, 1, 1), Gender.FEMALE),  # 60
    }
    late = Registration(
        citizen_id=3,
        center_id=11002,
        phone="1",
        created_at=pendulum.datetime(2014, 1, 5, 23, 30, tz="UTC"),  # 6 Jan in Tripoli
    )
    result = registration_breakdown(
        [reg(1), reg(2), late, reg(9, deleted=True)],
        citizens=people,
        centers=CENTERS,
        offices=OFFICES,
        as_of=AS_OF,
    )
    assert result.total == 3
    assert result.by_gender == {Gender.MALE: 1, Gender.FEMALE: 2}
    assert result.by_age == {
        AgeBucket.AGE_18_29: 1,
        AgeBucket.AGE_50_59: 1,
        AgeBucket.AGE_60_PLUS: 1,
    }
    assert result.by_office == {5: 2, 6: 1}
    assert result.by_region == {Region.WEST: 2, Region.NONE: 1}
    assert result.by_subconstituency == {20: 2, 21: 1}
    assert result.by_day == {pendulum.date(2014, 1, 5): 2, pendulum.date(2014, 1, 6): 1}
    assert sum(result.by_age.values()) == sum(result.by_gender.values()) == result.total


def test_breakdown_reports_problems_all_or_nothing() -> None:
    young = {1: citizen(1, pendulum.date(2008, 1, 2))}  # 17 on AS_OF
    with pytest.raises(ValidationErrors) as info:
        registration_breakdown([reg(1), reg(2)], citizens=young, centers=CENTERS, as_of=AS_OF)
    assert [(e.code, e.location) for e in info.value.errors] == [
        ("registration.report.age", "registration 1"),
        ("registration.report.unknown_citizen", "registration 2"),
    ]


def test_fraud_lists() -> None:
    people = {
        1: citizen(1, pendulum.date(1980, 1, 1), fbr="100"),
        2: citizen(2, pendulum.date(1980, 1, 1), fbr="200"),
        3: citizen(3, pendulum.date(1980, 1, 1), fbr="300"),
        4: citizen(4, pendulum.date(1980, 1, 1), fbr="300"),
    }
    rows = [
        reg(1, phone="A"),
        reg(2, phone="A"),
        reg(3, phone="B"),
        reg(4, phone="B"),
        reg(5, phone="C"),
        reg(6, phone="C", deleted=True),
    ]
    assert phones_with_several_registrations(rows) == {"A": 2, "B": 2}
    assert phones_with_several_family_books(rows, people) == {"A": frozenset({"100", "200"})}
    replies = [("A", 3), ("B", 1), ("C", 3), ("C", 3)]
    assert phones_sent_code(replies) == frozenset({"A", "C"})
    assert phones_sent_code(replies, 1) == frozenset({"B"})
