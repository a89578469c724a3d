"""Voter rolls and station allocation, with the nine cases and the invariants."""

from __future__ import annotations

import csv
import io
import random
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InconsistentValue, MissingValue, OutOfRange
from electoral.formats.smartelect import (
    write_station_metadata,
    write_voters_by_center_and_station,
    write_voters_by_national_id,
)
from electoral.model import (
    TRIPOLI,
    Center,
    CenterType,
    Citizen,
    Constituency,
    Gender,
    SubConstituency,
)
from electoral.registration import (
    Registration,
    RegistryRecord,
    StationPlan,
    allocate_stations,
    arabic_roll_key,
    check_roll_job,
    codepoint_roll_key,
    primary_form,
    sort_roll,
    voter_roll,
    voter_rolls,
)

NOW = pendulum.datetime(2014, 1, 1, tz=TRIPOLI)
NAMES = [
    "أحمد",
    "احمد",
    "إبراهيم",
    "ابتسام",
    "زينب",
    "مُحَمَّد",
    "محمد",
    "عبد الله",
    "عبدالله",
    "ـعلي",
]


def record(i: int, gender: Gender, first: str | None = None) -> RegistryRecord:
    nid = ("1" if gender is Gender.MALE else "2") + f"{i:011d}"
    return RegistryRecord(
        i,
        first or f"n{i:05d}",
        "ب",
        "ج",
        "د",
        "",
        1 if gender is Gender.MALE else 2,
        pendulum.date(1980, 1, 1),
        "",
        nid,
        "1",
        0,
        0,
        0,
    )


def roll(males: int, females: int) -> list[RegistryRecord]:
    voters = [record(i, Gender.MALE) for i in range(1, males + 1)]
    voters += [record(i, Gender.FEMALE) for i in range(males + 1, males + females + 1)]
    return sort_roll(voters)


def shape(plan: StationPlan[RegistryRecord]) -> list[tuple[str, int]]:
    return [(s.gender.letter, s.registrants) for s in plan.stations]


@pytest.mark.parametrize(
    ("males", "females", "expected"),
    [
        (0, 0, []),
        (0, 10, [("f", 10)]),
        (0, 600, [("f", 300), ("f", 300)]),
        (10, 0, [("m", 10)]),
        (10, 10, [("u", 20)]),
        (24, 549, [("u", 573)]),
        (10, 1101, [("f", 367), ("f", 367), ("u", 377)]),
        (551, 0, [("m", 275), ("m", 276)]),
        (0, 1654, [("f", 413), ("f", 414), ("f", 413), ("f", 414)]),
        (560, 24, [("m", 280), ("u", 304)]),
        (560, 25, [("m", 280), ("m", 280), ("f", 25)]),
        (25, 25, [("m", 25), ("f", 25)]),
        (550, 1, [("u", 551)]),
    ],
)
def test_nine_cases(males: int, females: int, expected: list[tuple[str, int]]) -> None:
    plan = allocate_stations(roll(males, females), center_id=11001)
    assert shape(plan) == expected
    assert [s.number for s in plan.stations] == list(range(1, len(expected) + 1))


def test_numbering_males_first_and_unisex_noncontiguous() -> None:
    plan = allocate_stations(roll(10, 1101), center_id=11001)
    unisex = plan.stations[-1]
    numbers = [n for n, _ in unisex.entries()]
    assert numbers[:10] == list(range(1, 11))
    assert numbers[10] == 10 + 734 + 1
    assert unisex.last_number == 1111
    assert [v.gender for _, v in unisex.entries()][:10] == [Gender.MALE] * 10
    assert plan.stations[0].first_number == 11
    assert unisex.to_station().gender is Gender.UNISEX


def test_limits_refused() -> None:
    with pytest.raises(OutOfRange):
        allocate_stations([], center_id=11001, max_registrants=0)


def test_collation() -> None:
    assert primary_form("أَحْمَد") == primary_form("احمد") == primary_form("ـاحمد")
    assert primary_form("عبد الله") == primary_form("عبدالله")
    assert primary_form("ﻣﺤﻤﺪ") == "محمد"  # presentation forms
    voters = [record(i, Gender.MALE, name) for i, name in enumerate(NAMES, start=1)]
    ordered = [v.first_name for v in sort_roll(voters)]
    assert ordered.index("ابتسام") < ordered.index("إبراهيم") < ordered.index("زينب")
    assert [v.national_id for v in sort_roll(voters, key=codepoint_roll_key)] != [
        v.national_id for v in sort_roll(voters)
    ]


@given(st.lists(st.sampled_from(NAMES), min_size=1, max_size=30), st.randoms())
def test_sort_is_deterministic(names: list[str], rnd: random.Random) -> None:
    voters = [record(i, Gender.MALE, name) for i, name in enumerate(names, start=1)]
    shuffled = list(voters)
    rnd.shuffle(shuffled)
    assert sort_roll(shuffled) == sort_roll(voters)
    keys = [arabic_roll_key(v) for v in sort_roll(voters)]
    assert keys == sorted(keys)


_PART = st.sampled_from([*NAMES, "", "a", "A", "ﻣﺤﻤﺪ", "زينب "])


@given(
    st.lists(
        st.tuples(_PART, _PART, _PART, _PART, st.integers(1, 40), st.booleans()),
        max_size=60,
    ),
    st.booleans(),
)
def test_sort_roll_equals_sorted_by_the_key(
    people: list[tuple[str, str, str, str, int, bool]], as_citizens: bool
) -> None:
    """The fast roll sort is exactly ``sorted(key=arabic_roll_key)``: same voters, same
    order, ties of the whole key (a repeated national id) kept in input order."""
    voters: list[Any] = []
    for first, father, grand, family, serial, male in people:
        nid = ("1" if male else "2") + f"{serial:011d}"
        record = RegistryRecord(
            serial, first, father, grand, family, "", 1 if male else 2,
            pendulum.date(1980, 1, 1), "", nid, "1", 0, 0, 0,
        )  # fmt: skip
        voters.append(record.to_citizen() if as_citizens else record)
    ordered = sort_roll(voters)
    expected = sorted(voters, key=arabic_roll_key)
    assert [id(v) for v in ordered] == [id(v) for v in expected]


@given(st.integers(0, 1700), st.integers(0, 1700))
def test_station_invariants(males: int, females: int) -> None:
    voters = roll(males, females)
    plan = allocate_stations(voters, center_id=11001)
    entries = list(plan.entries())
    assert sorted(v.national_id for _, _, v in entries) == sorted(v.national_id for v in voters)
    assert sorted(n for _, n, _ in entries) == list(range(1, males + females + 1))
    unisex = [s for s in plan.stations if s.gender is Gender.UNISEX]
    assert len(unisex) <= 1
    for station in plan.stations:
        if station.gender is not Gender.UNISEX:
            assert 1 <= station.registrants <= 550
            assert {v.gender for _, v in station.entries()} == {station.gender}
    for gender in (Gender.MALE, Gender.FEMALE):
        sizes = [s.registrants for s in plan.stations if s.gender is gender]
        assert not sizes or (max(sizes) - min(sizes) <= 1 and sizes[-1] == max(sizes))
    genders = [s.gender for s in plan.stations]
    assert genders == sorted(genders, key=[Gender.MALE, Gender.FEMALE, Gender.UNISEX].index)
    assert bool(unisex) == (males > 0 and females > 0 and min(males, females) < 25)


@given(st.integers(0, 700), st.integers(0, 700), st.randoms())
def test_allocation_independent_of_input_order(
    males: int, females: int, rnd: random.Random
) -> None:
    voters = roll(males, females)
    shuffled = list(voters)
    rnd.shuffle(shuffled)
    assert allocate_stations(sort_roll(shuffled), center_id=11001) == allocate_stations(
        voters, center_id=11001
    )


def citizen(i: int, **kw: object) -> Citizen:
    gender = kw.pop("gender", Gender.MALE)
    nid = ("1" if gender is Gender.MALE else "2") + f"{i:011d}"
    fields: dict[str, object] = {
        "civil_registry_id": i,
        "national_id": nid,
        "fbr_number": "1",
        "first_name": f"n{i}",
        "father_name": "",
        "grandfather_name": "",
        "family_name": "",
        "birth_date": pendulum.date(1980, 1, 1),
        "gender": gender,
    }
    fields.update(kw)
    return Citizen(**fields)  # type: ignore[arg-type]


def reg(citizen_id: int, center_id: int, **kw: Any) -> Registration:
    return Registration(
        citizen_id=citizen_id, center_id=center_id, phone="1", created_at=NOW, **kw
    )


CENTERS = [
    Center(center_id=11001, name_ar="أ", office_id=1),
    Center(center_id=11002, name_ar="ب", office_id=1),
    Center(
        center_id=11003, name_ar="نسخة", office_id=1, center_type=CenterType.COPY, copy_of=11001
    ),
]


def test_roll_excludes_deleted_archived_blocked_missing() -> None:
    citizens = {i: citizen(i) for i in range(1, 7)}
    citizens[4] = attrs.evolve(citizens[4], blocked=True)
    citizens[5] = attrs.evolve(citizens[5], missing_since=NOW)
    registrations = [
        reg(1, 11001),
        reg(2, 11001, deleted=True),
        reg(3, 11001, archived_at=NOW),
        reg(3, 11002),
        reg(4, 11001),
        reg(5, 11001),
        reg(6, 11001),
        reg(99, 11001),
    ]
    rolls = voter_rolls(CENTERS, registrations, citizens)
    assert [c.civil_registry_id for c in rolls[11001]] == [1, 6]
    assert rolls[11003] == rolls[11001]
    assert [c.civil_registry_id for c in rolls[11002]] == [3]
    assert voter_roll(CENTERS[2], CENTERS, registrations, citizens) == rolls[11001]


def test_two_current_registrations_refused() -> None:
    with pytest.raises(InconsistentValue):
        voter_rolls(CENTERS, [reg(1, 11001), reg(1, 11002)], {1: citizen(1)})
    with pytest.raises(InconsistentValue):
        voter_rolls(CENTERS[2:], [], {})


@given(
    st.lists(
        st.tuples(st.integers(1, 40), st.sampled_from([11001, 11002]), st.booleans()), max_size=60
    )
)
def test_no_voter_on_two_rolls(rows: list[tuple[int, int, bool]]) -> None:
    citizens = {
        i: citizen(i, gender=Gender.MALE if i % 2 else Gender.FEMALE) for i in range(1, 41)
    }
    registrations: list[Registration] = []
    current: dict[int, int] = {}
    for citizen_id, center_id, archive in rows:
        if archive or citizen_id in current:
            registrations.append(reg(citizen_id, center_id, archived_at=NOW))
        else:
            current[citizen_id] = center_id
            registrations.append(reg(citizen_id, center_id))
    rolls = voter_rolls(CENTERS[:2], registrations, citizens)
    placed = [c.civil_registry_id for r in rolls.values() for c in r]
    assert sorted(placed) == sorted(current)
    stationed = [
        v.civil_registry_id
        for cid, r in rolls.items()
        for _, _, v in allocate_stations(r, center_id=cid).entries()
    ]
    assert sorted(stationed) == sorted(current)


def test_job_checks() -> None:
    no_office = Center(center_id=11004, name_ar="د")
    closed = Center(center_id=11005, name_ar="ه", office_id=1, reg_open=False)
    with pytest.raises(InconsistentValue) as info:
        check_roll_job([*CENTERS, no_office], registrants={11001: 1, 11002: 1, 11004: 1})
    assert str(info.value) == "The following centers have no associated office: [11004]"
    with pytest.raises(InconsistentValue) as info:
        check_roll_job(CENTERS, registrants={11002: 4})
    assert info.value.params["centers"] == [11001, 11003]
    chosen = check_roll_job(
        [*CENTERS, closed, no_office], registrants={}, accept_no_office=True, accept_no_voters=True
    )
    assert [c.center_id for c in chosen] == [11001, 11002, 11003, 11004]
    with pytest.raises(MissingValue):
        check_roll_job([closed], registrants={})


def test_outputs() -> None:
    plans = [
        allocate_stations(roll(3, 30), center_id=11002),
        allocate_stations(roll(600, 0), center_id=11001),
    ]
    by_nid = list(csv.reader(io.StringIO(write_voters_by_national_id(plans))))
    assert by_nid[0] == ["national_id", "center_id", "station_number"]
    assert [row[0] for row in by_nid[1:]] == sorted(row[0] for row in by_nid[1:])
    assert len(by_nid) == 634
    by_station = list(csv.reader(io.StringIO(write_voters_by_center_and_station(plans))))
    keys = [(int(r[1]), int(r[2]), r[0]) for r in by_station[1:]]
    assert keys == sorted(keys)
    meta = list(
        csv.reader(
            io.StringIO(
                write_station_metadata(
                    plans,
                    centers={c.center_id: c for c in CENTERS},
                    constituencies={
                        999: Constituency(id=999, name_en="None", name_ar="لا توجد دائرة")
                    },
                    subconstituencies={999: SubConstituency(id=999, name_en="N", name_ar="لا")},
                    generated_at=pendulum.datetime(2014, 1, 1, 10, tz="UTC"),
                )
            )
        )
    )
    assert meta[0][0] == "Centre #"
    assert meta[1][:3] == ["11001", "أ", "عام"]
    assert meta[1][9:11] == ["male", "300"]
    assert meta[1][-1] == "2014-01-01 12:00:00"
    assert meta[3][9] == "unisex"
    assert meta[1][11] == "n00001 ب ج د"
