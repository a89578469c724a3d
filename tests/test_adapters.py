"""Tests for electoral.adapters: SmartElect and Tally-Ho codes, both ways, exactly."""

from __future__ import annotations

import enum
from typing import Any

import pytest

from electoral.adapters import CodeMap, smartelect, tallyho
from electoral.errors import InvalidComponent, InvalidType, ValidationError
from electoral.ids.phone import Carrier
from electoral.model import CenterType, FormState, Gender, RaceType, Region

ALL_MAPS: dict[str, CodeMap[Any]] = {
    "smartelect.GENDER": smartelect.GENDER,
    "smartelect.CENTER_TYPE": smartelect.CENTER_TYPE,
    "smartelect.REGION": smartelect.REGION,
    "smartelect.BALLOT_TYPE": smartelect.BALLOT_TYPE,
    "smartelect.CARRIER": smartelect.CARRIER,
    "tallyho.GENDER": tallyho.GENDER,
    "tallyho.FORM_STATE": tallyho.FORM_STATE,
    "tallyho.RACE_TYPE": tallyho.RACE_TYPE,
    "tallyho.CENTER_TYPE": tallyho.CENTER_TYPE,
}
MAP_NAMES = sorted(ALL_MAPS)

EXPECTED: dict[str, dict[Any, int]] = {
    "smartelect.GENDER": {Gender.MALE: 1, Gender.FEMALE: 2, Gender.UNISEX: 3},
    "smartelect.CENTER_TYPE": {
        CenterType.GENERAL: 1,
        CenterType.DISPLACED: 2,
        CenterType.OIL: 3,
        CenterType.DISABILITY: 4,
        CenterType.REVOLUTION: 5,
        CenterType.COPY: 6,
        CenterType.SPLIT: 7,
    },
    "smartelect.REGION": {Region.NONE: 0, Region.WEST: 1, Region.SOUTH: 2, Region.EAST: 3},
    "smartelect.BALLOT_TYPE": {RaceType.GENERAL: 0, RaceType.WOMEN: 1},
    "smartelect.CARRIER": {Carrier.LIBYANA: 2, Carrier.ALMADAR: 3, Carrier.THURAYA: 4},
    "tallyho.GENDER": {Gender.MALE: 0, Gender.FEMALE: 1, Gender.UNISEX: 3},
    "tallyho.FORM_STATE": {
        FormState.ARCHIVED: 0,
        FormState.ARCHIVING: 1,
        FormState.AUDIT: 2,
        FormState.CLEARANCE: 3,
        FormState.CORRECTION: 4,
        FormState.DATA_ENTRY_1: 5,
        FormState.DATA_ENTRY_2: 6,
        FormState.INTAKE: 7,
        FormState.QUALITY_CONTROL: 8,
        FormState.UNSUBMITTED: 9,
    },
    "tallyho.RACE_TYPE": {
        RaceType.GENERAL: 0,
        RaceType.WOMEN: 1,
        RaceType.COMPONENT_AMAZIGH: 2,
        RaceType.COMPONENT_TWARAG: 3,
        RaceType.COMPONENT_TEBU: 4,
        RaceType.PRESIDENTIAL: 5,
    },
    "tallyho.CENTER_TYPE": {CenterType.GENERAL: 0, CenterType.SPECIAL: 1},
}
SYSTEMS = {"smartelect": "SmartElect", "tallyho": "Tally-Ho"}
FIELDS = {
    "GENDER": "gender",
    "CENTER_TYPE": "center_type",
    "REGION": "region",
    "BALLOT_TYPE": "ballot_type",
    "CARRIER": "carrier",
    "FORM_STATE": "form_state",
    "RACE_TYPE": "race_type",
}


def enum_of(name: str) -> type[enum.Enum]:
    member = next(iter(EXPECTED[name]))
    return type(member)


def _junk_id(value: object) -> str:
    """A stable test id: a bare object() has a new address in every process."""
    return "object()" if type(value) is object else repr(value)


@pytest.mark.parametrize("name", MAP_NAMES)
def test_codes_exactly_as_in_the_systems(name: str) -> None:
    assert ALL_MAPS[name].codes == EXPECTED[name]


@pytest.mark.parametrize("name", MAP_NAMES)
def test_system_and_field(name: str) -> None:
    module, attribute = name.split(".")
    code_map = ALL_MAPS[name]
    assert code_map.system == SYSTEMS[module]
    assert code_map.field == FIELDS[attribute]
    assert repr(code_map) == f"CodeMap({SYSTEMS[module]!r}, {FIELDS[attribute]!r})"


@pytest.mark.parametrize("name", MAP_NAMES)
def test_round_trip(name: str) -> None:
    code_map = ALL_MAPS[name]
    for member, code in EXPECTED[name].items():
        assert code_map.to_code(member) == code
        assert code_map.from_code(code) is member
        assert code_map.from_code(code_map.to_code(member)) is member
        assert code_map.to_code(code_map.from_code(code)) == code


@pytest.mark.parametrize("name", MAP_NAMES)
def test_codes_returns_a_copy(name: str) -> None:
    code_map = ALL_MAPS[name]
    codes = code_map.codes
    codes.clear()
    assert code_map.codes == EXPECTED[name]


@pytest.mark.parametrize("name", MAP_NAMES)
def test_digit_strings_accepted(name: str) -> None:
    code_map = ALL_MAPS[name]
    for member, code in EXPECTED[name].items():
        assert code_map.from_code(str(code)) is member
        assert code_map.from_code(f" {code} ") is member
        assert code_map.from_code(f"0{code}") is member


@pytest.mark.parametrize("name", MAP_NAMES)
def test_unknown_codes_refused(name: str) -> None:
    code_map = ALL_MAPS[name]
    known = set(EXPECTED[name].values())
    for code in (-1, 10, 99, max(known) + 1, 2**63):
        if code in known:
            continue
        with pytest.raises(InvalidComponent) as info:
            code_map.from_code(code)
        error = info.value
        assert type(error) is InvalidComponent
        assert error.code == "code.unknown"
        assert error.field == code_map.field
        assert error.value == code
        assert error.params == {"system": code_map.system}
        assert code_map.system in str(error)


@pytest.mark.parametrize("name", MAP_NAMES)
def test_unknown_digit_string_refused_as_int(name: str) -> None:
    code_map = ALL_MAPS[name]
    with pytest.raises(InvalidComponent) as info:
        code_map.from_code("42")
    assert info.value.code == "code.unknown"
    assert info.value.value == 42


@pytest.mark.parametrize("name", MAP_NAMES)
@pytest.mark.parametrize(
    "junk",
    [True, False, None, 1.0, "", " ", "-1", "+1", "1.0", "one", "١", b"1", [1], {1: 1}, object()],
    ids=_junk_id,
)
def test_non_codes_refused_as_type(name: str, junk: object) -> None:
    code_map = ALL_MAPS[name]
    with pytest.raises(InvalidType) as info:
        code_map.from_code(junk)
    error = info.value
    assert type(error) is InvalidType
    assert error.code == "type"
    assert error.field == code_map.field
    assert error.value is junk


@pytest.mark.parametrize("name", MAP_NAMES)
def test_unmappable_members_refused(name: str) -> None:
    code_map = ALL_MAPS[name]
    cls = enum_of(name)
    missing = [member for member in cls if member not in EXPECTED[name]]
    others: list[object] = [Gender.MALE if cls is not Gender else FormState.ARCHIVED]
    for junk in [*missing, *others, None, 0, 1, True, "male", [1]]:
        with pytest.raises(InvalidComponent) as info:
            code_map.to_code(junk)
        error = info.value
        assert error.code == "code.unknown"
        assert error.field == code_map.field
        assert error.value is junk
        assert error.params == {"system": code_map.system}


def test_unmappable_members_are_the_expected_ones() -> None:
    assert [m for m in CenterType if m not in smartelect.CENTER_TYPE.codes] == [CenterType.SPECIAL]
    assert [m for m in CenterType if m not in tallyho.CENTER_TYPE.codes] == [
        CenterType.DISPLACED,
        CenterType.OIL,
        CenterType.DISABILITY,
        CenterType.REVOLUTION,
        CenterType.COPY,
        CenterType.SPLIT,
    ]
    assert [m for m in RaceType if m not in smartelect.BALLOT_TYPE.codes] == [
        RaceType.COMPONENT_AMAZIGH,
        RaceType.COMPONENT_TWARAG,
        RaceType.COMPONENT_TEBU,
        RaceType.PRESIDENTIAL,
    ]


def test_tallyho_gender_has_no_code_2() -> None:
    with pytest.raises(InvalidComponent) as info:
        tallyho.GENDER.from_code(2)
    assert info.value.code == "code.unknown"
    assert info.value.message() == "2 is not a known Tally-Ho code."
    assert info.value.message("ar") == "القيمة 2 ليست رمزًا معروفًا في Tally-Ho."


def test_smartelect_gender_has_no_code_0() -> None:
    with pytest.raises(InvalidComponent) as info:
        smartelect.GENDER.from_code(0)
    assert str(info.value) == "0 is not a known SmartElect code."


def test_gender_between_systems() -> None:
    pairs = {smartelect.GENDER.to_code(g): tallyho.GENDER.to_code(g) for g in Gender}
    assert pairs == {1: 0, 2: 1, 3: 3}
    assert tallyho.GENDER.to_code(smartelect.GENDER.from_code(2)) == 1


def test_ballot_number_is_type_plus_one() -> None:
    assert smartelect.ballot_number(RaceType.GENERAL) == 1
    assert smartelect.ballot_number(RaceType.WOMEN) == 2
    for race_type in (RaceType.GENERAL, RaceType.WOMEN):
        number = smartelect.ballot_number(race_type)
        assert smartelect.BALLOT_TYPE.from_code(number - 1) is race_type


@pytest.mark.parametrize("race_type", [RaceType.PRESIDENTIAL, RaceType.COMPONENT_TEBU])
def test_ballot_number_refuses_races_without_a_ballot_type(race_type: RaceType) -> None:
    with pytest.raises(InvalidComponent) as info:
        smartelect.ballot_number(race_type)
    assert info.value.code == "code.unknown"
    assert info.value.field == "ballot_type"
    assert info.value.value is race_type


def test_codemap_refuses_two_members_with_one_code() -> None:
    with pytest.raises(ValueError, match="two members share a code"):
        CodeMap("X", "gender", {Gender.MALE: 1, Gender.FEMALE: 1})


def test_codemap_is_generic_and_small() -> None:
    code_map: CodeMap[Region] = CodeMap("X", "region", {Region.WEST: 7})
    assert code_map.from_code(7) is Region.WEST
    assert code_map.to_code(Region.WEST) == 7
    assert code_map.codes == {Region.WEST: 7}


def test_huge_digit_string_refused_as_validation_error() -> None:
    with pytest.raises(ValidationError) as info:
        smartelect.GENDER.from_code("1" * 5000)
    assert info.value.field == "gender"


def test_huge_int_refused_as_validation_error() -> None:
    with pytest.raises(ValidationError) as info:
        smartelect.GENDER.from_code(10**5000)
    assert info.value.code == "code.unknown"
