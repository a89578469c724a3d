"""Civil-registry records: validation, batch reporting, and the import safety limit."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pendulum
import pytest

from electoral.errors import InvalidFormat, ValidationErrors
from electoral.model import TRIPOLI, Citizen, Gender
from electoral.registration import (
    REGISTRY_COLUMNS,
    TooManyChanges,
    apply_snapshot,
    check_snapshot,
    citizens_by_national_id,
    compare_snapshots,
    parse_birth_date,
    validate_registry_row,
    validate_registry_rows,
)

NOW = pendulum.datetime(2026, 1, 1, 12, tz=TRIPOLI)
GOOD = [
    "7",
    "محمد",
    "علي",
    "سالم",
    "الورفلي",
    "فاطمة",
    "1",
    "7/9/1969",
    "طرابلس",
    "119690261935",
    "4471",
    "0",
    "0",
    "0",
]


def with_(**changes: str) -> list[str]:
    row = list(GOOD)
    for name, value in changes.items():
        row[REGISTRY_COLUMNS.index(name)] = value
    return row


def codes(row: list[str]) -> list[str]:
    with pytest.raises(ValidationErrors) as info:
        validate_registry_row(row, as_of=NOW)
    return list(info.value.codes)


def test_valid_record() -> None:
    record = validate_registry_row(GOOD, as_of=NOW)
    assert record.national_id == "119690261935"
    assert record.gender is Gender.MALE
    assert record.birth_date == pendulum.date(1969, 9, 7)
    citizen = record.to_citizen()
    assert citizen.full_name == "محمد علي سالم الورفلي"
    assert citizen.mother_name == "فاطمة"


def test_eastern_arabic_national_id_folded() -> None:
    assert validate_registry_row(with_(NATIONAL_ID="١١٩٦٩٠٢٦١٩٣٥"), as_of=NOW).national_id == (
        "119690261935"
    )


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"NATIONAL_ID": "11969026193"}, "registration.registry.national_id"),
        ({"NATIONAL_ID": "319690261935"}, "registration.registry.national_id"),
        ({"GENDER": "2"}, "registration.registry.gender_mismatch"),
        ({"GENDER": "3"}, "registration.registry.gender"),
        ({"DATE_OF_BIRTH": "1969-09-07"}, "registration.registry.birth_date"),
        ({"DATE_OF_BIRTH": "31/2/1969"}, "registration.registry.birth_date"),
        ({"DATE_OF_BIRTH": "2/1/2026"}, "registration.registry.not_born_yet"),
        ({"REGISTRY_NO": "12a3"}, "fbr.format"),
        ({"PERSON_ID": "x"}, "registration.registry.integer"),
        ({"NAME": "a\u200fb"}, "registration.registry.name"),
    ],
)
def test_bad_field(change: dict[str, str], code: str) -> None:
    assert codes(with_(**change)) == [code]


def test_born_today_accepted() -> None:
    assert validate_registry_row(with_(DATE_OF_BIRTH="1/1/2026"), as_of=NOW)


def test_not_born_yet_message() -> None:
    with pytest.raises(ValidationErrors) as info:
        validate_registry_row(with_(DATE_OF_BIRTH="2/1/2026"), as_of=NOW)
    assert info.value.errors[0].message() == "Citizen hasn't been born yet"


def test_every_problem_of_a_record() -> None:
    assert codes(with_(GENDER="9", REGISTRY_NO="", DATE_OF_BIRTH="x")) == [
        "registration.registry.gender",
        "registration.registry.birth_date",
        "fbr.format",
    ]


def test_wrong_column_count() -> None:
    with pytest.raises(InvalidFormat) as info:
        validate_registry_row(GOOD[:13], as_of=NOW)
    assert info.value.code == "registration.registry.columns"


def test_batch_all_or_nothing_with_lines() -> None:
    second = with_(PERSON_ID="8", NATIONAL_ID="219810371062", GENDER="2")
    assert len(validate_registry_rows([GOOD, second], as_of=NOW)) == 2
    with pytest.raises(ValidationErrors) as info:
        validate_registry_rows([GOOD, with_(GENDER="2"), GOOD], as_of=NOW, first_line=2)
    assert [(e.location, e.code) for e in info.value.errors] == [
        ("line 3", "registration.registry.gender_mismatch"),
        ("line 4", "registration.registry.duplicate"),
        ("line 4", "registration.registry.duplicate"),
    ]
    assert [e.field for e in info.value.errors][1:] == ["civil_registry_id", "national_id"]


def test_parse_birth_date_padding() -> None:
    assert parse_birth_date("07/09/1969") == parse_birth_date("7/9/1969")
    with pytest.raises(InvalidFormat):
        parse_birth_date("7/9/69")


def person(i: int, name: str = "أ") -> Citizen:
    return Citizen(
        civil_registry_id=i,
        national_id=f"1{i:011d}",
        fbr_number="1",
        first_name=name,
        father_name="",
        grandfather_name="",
        family_name="",
        birth_date=pendulum.date(1980, 1, 1),
        gender=Gender.MALE,
    )


def test_safety_limit_from_smartelect_test() -> None:
    old = [person(1), person(2), person(3)]
    new = [person(1), person(2), person(3, "ب")]
    assert check_snapshot(old, new, max_change_percent=34).change_count == 1
    with pytest.raises(TooManyChanges) as info:
        check_snapshot(old, new, max_change_percent=10)
    assert info.value.params["changed"] == 1
    assert "33.33%" in str(info.value)


def test_default_limit_is_half_a_percent() -> None:
    old = [person(i) for i in range(1, 201)]
    assert check_snapshot(old, [*old[:199], person(200, "ب")]).change_percent == Fraction(1, 2)
    with pytest.raises(TooManyChanges):
        check_snapshot(old, old[:198])


def test_diff_and_apply() -> None:
    old = [person(1), attrs.evolve(person(2), blocked=True), person(3)]
    new = [person(1), person(2, "ب"), person(4)]
    diff = compare_snapshots(old, new)
    assert (diff.new, diff.changed, diff.missing) == (
        frozenset({4}),
        frozenset({2}),
        frozenset({3}),
    )
    result, _ = apply_snapshot(old, new, as_of=NOW, max_change_percent=100)
    assert result[3].missing_since == NOW
    assert result[2].blocked is True
    assert result[2].first_name == "ب"
    assert set(citizens_by_national_id(result)) == {c.national_id for c in new}
    again, diff2 = apply_snapshot(
        result.values(), [*new, person(3)], as_of=NOW, max_change_percent=100
    )
    assert diff2.changed == {3}
    assert again[3].missing_since is None


def test_first_import_has_no_percentage() -> None:
    assert check_snapshot([], [person(1)]).change_percent == 0


@pytest.mark.parametrize("column", ["PERSON_ID", "OFFICE_ID", "BRANCH_ID", "STATE"])
def test_numbers_with_too_many_digits_are_refused(column: str) -> None:
    assert codes(with_(**{column: "9" * 19})) == ["registration.registry.too_large"]
    assert codes(with_(**{column: "1" * 5000})) == ["registration.registry.too_large"]
    assert validate_registry_row(with_(**{column: "9" * 18}), as_of=NOW)
