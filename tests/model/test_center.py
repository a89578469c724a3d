"""Tests for electoral.model.center: centre rules, coordinates, types and check_copies."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest

from electoral.errors import (
    InconsistentValue,
    InvalidFormat,
    InvalidType,
    MissingValue,
    OutOfRange,
    ValidationError,
    ValidationErrors,
)
from electoral.model import MAX_COPIES, Center, CenterType, check_copies


def make(**changes: Any) -> Center:
    fields: dict[str, Any] = {
        "center_id": 11001,
        "name_ar": "مدرسة الفاتح",
        "office_id": 1,
        "constituency_id": 1,
        "subconstituency_id": 1,
    }
    fields.update(changes)
    return Center(**fields)


def copy(center_id: int, original: int) -> Center:
    return make(center_id=center_id, center_type=CenterType.COPY, copy_of=original)


def refused(
    cls: type[ValidationError], code: str, field: str, value: object, **changes: Any
) -> ValidationError:
    with pytest.raises(cls) as info:
        make(**changes)
    error = info.value
    assert type(error) is cls
    assert (error.code, error.field) == (code, field)
    assert error.value is value or error.value == value
    assert type(error.value) is type(value)
    return error


def test_defaults() -> None:
    center = Center(center_id=11001, name_ar="أ")
    assert center.name_en == ""
    assert (center.office_id, center.constituency_id, center.subconstituency_id) == (999, 999, 999)
    assert center.center_type is CenterType.GENERAL
    assert center.copy_of is None
    assert (center.lat, center.lon) == (None, None)
    assert (center.mahalla, center.village) == ("", "")
    assert center.reg_open is True
    assert center.active is True
    assert center.is_copy is False
    assert center.original_id == 11001


def test_center_id_range() -> None:
    assert make(center_id=10000).center_id == 10000
    assert make(center_id=99999).center_id == 99999
    error = refused(OutOfRange, "range", "center_id", 9999, center_id=9999)
    assert error.params == {"min_value": 10000, "max_value": 99999}
    refused(OutOfRange, "range", "center_id", 100000, center_id=100000)
    refused(InvalidType, "type", "center_id", "11001", center_id="11001")
    refused(InvalidType, "type", "center_id", True, center_id=True)


def test_out_of_country() -> None:
    assert make(center_id=80000).is_out_of_country is False
    assert make(center_id=80001).is_out_of_country is True


def test_name_rules() -> None:
    refused(MissingValue, "text.blank", "name_ar", "", name_ar="")
    refused(InvalidFormat, "text.newline", "name_ar", "أ\nب", name_ar="أ\nب")
    refused(InvalidFormat, "text.too_long", "name_ar", "أ" * 256, name_ar="أ" * 256)
    refused(InvalidFormat, "text.control", "name_ar", "أ\u200fب", name_ar="أ\u200fب")
    assert make(name_en="").name_en == ""
    refused(InvalidFormat, "text.too_long", "name_en", "a" * 256, name_en="a" * 256)
    for field in ("mahalla", "village"):
        assert getattr(make(**{field: ""}), field) == ""
        refused(InvalidFormat, "text.control", field, "\u2066x", **{field: "\u2066x"})


@pytest.mark.parametrize("field", ["office_id", "constituency_id", "subconstituency_id"])
def test_geography_ids(field: str) -> None:
    assert getattr(make(**{field: 32767}), field) == 32767
    refused(OutOfRange, "range", field, 0, **{field: 0})
    refused(InvalidType, "type", field, None, **{field: None})


def test_flags_are_bools() -> None:
    assert make(reg_open=False).reg_open is False
    refused(InvalidType, "type", "reg_open", 0, reg_open=0)
    refused(InvalidType, "type", "active", 1, active=1)


@pytest.mark.parametrize(
    ("center_type", "en", "ar"),
    [
        (CenterType.GENERAL, "General", "عام"),
        (CenterType.DISPLACED, "Displaced", "نازحين"),
        (CenterType.OIL, "Oil", "حقل نفط"),
        (CenterType.DISABILITY, "Disability", "مركز تأهيل وايواء"),
        (CenterType.REVOLUTION, "Revolution", "ثوار"),
        (CenterType.COPY, "Copy", "نسخة"),
        (CenterType.SPLIT, "Split", "تقسيم"),
        (CenterType.SPECIAL, "Special", "خاص"),
    ],
)
def test_type_labels(center_type: CenterType, en: str, ar: str) -> None:
    assert center_type.label() == en
    assert center_type.label("ar") == ar


def test_center_type_must_be_a_member() -> None:
    refused(InvalidType, "type", "center_type", "general", center_type="general")
    refused(InvalidType, "type", "center_type", 1, center_type=1)


# --- copy centres ------------------------------------------------------------------------------


def test_copy_centre() -> None:
    center = copy(11002, 11001)
    assert center.is_copy is True
    assert center.copy_of == 11001
    assert center.original_id == 11001


def test_copy_without_original() -> None:
    error = refused(
        InconsistentValue,
        "center.copy_without_original",
        "copy_of",
        None,
        center_type=CenterType.COPY,
    )
    assert str(error) == 'Centre type "copy" requires copy centre information.'
    assert error.message("ar") == 'نوع المركز "نسخة" يتطلب بيانات المركز الأصلي.'


@pytest.mark.parametrize("center_type", [t for t in CenterType if t is not CenterType.COPY])
def test_original_of_another_type(center_type: CenterType) -> None:
    extra = {"subconstituency_id": 998} if center_type is CenterType.SPLIT else {}
    error = refused(
        InconsistentValue,
        "center.original_not_copy_type",
        "center_type",
        center_type,
        center_type=center_type,
        copy_of=11002,
        **extra,
    )
    assert str(error) == 'Copy centre type must be "copy".'


def test_copy_of_itself() -> None:
    error = refused(
        InconsistentValue,
        "center.copies_itself",
        "copy_of",
        11001,
        center_type=CenterType.COPY,
        copy_of=11001,
    )
    assert str(error) == "A centre cannot be a copy of itself."


def test_copy_of_range() -> None:
    refused(OutOfRange, "range", "copy_of", 9999, center_type=CenterType.COPY, copy_of=9999)
    refused(InvalidType, "type", "copy_of", "11002", center_type=CenterType.COPY, copy_of="11002")


# --- split centres -----------------------------------------------------------------------------


def test_split_centre_uses_998() -> None:
    center = make(center_type=CenterType.SPLIT, subconstituency_id=998)
    assert center.subconstituency_id == 998


@pytest.mark.parametrize("subconstituency_id", [1, 999, 997])
def test_split_centre_elsewhere_refused(subconstituency_id: int) -> None:
    error = refused(
        InconsistentValue,
        "center.split_subconstituency",
        "subconstituency_id",
        subconstituency_id,
        center_type=CenterType.SPLIT,
        subconstituency_id=subconstituency_id,
    )
    assert str(error) == "Split centers must be associated with subconstituency 998."


@pytest.mark.parametrize("center_type", [t for t in CenterType if t is not CenterType.SPLIT])
def test_only_split_centres_in_998(center_type: CenterType) -> None:
    extra = {"copy_of": 11002} if center_type is CenterType.COPY else {}
    error = refused(
        InconsistentValue,
        "center.subconstituency_998",
        "subconstituency_id",
        998,
        center_type=center_type,
        subconstituency_id=998,
        **extra,
    )
    assert str(error) == "Only split centers may be associated with subconstituency 998."


# --- coordinates -------------------------------------------------------------------------------


def test_coordinates_both_set() -> None:
    center = make(lat=Decimal("32.88743210"), lon=Decimal("13.18729900"))
    assert center.lat == Decimal("32.88743210")
    assert center.lon == Decimal("13.18729900")


def test_coordinates_from_int_and_str_become_decimal() -> None:
    center = make(lat=32, lon="-13.5")
    assert center.lat == Decimal(32)
    assert type(center.lat) is Decimal
    assert center.lon == Decimal("-13.5")
    assert type(center.lon) is Decimal


def test_coordinates_limits() -> None:
    center = make(lat=Decimal(-90), lon=Decimal(180))
    assert (center.lat, center.lon) == (Decimal(-90), Decimal(180))
    assert make(lat=Decimal(90), lon=Decimal(-180)).lat == 90


def test_lat_without_lon() -> None:
    error = refused(InconsistentValue, "center.lat_lon_pair", "lon", None, lat=Decimal(1))
    assert str(error) == "Either set both latitude and longitude or neither."
    assert error.message("ar") == "يجب تحديد خط العرض وخط الطول معًا أو تركهما معًا."


def test_lon_without_lat() -> None:
    refused(InconsistentValue, "center.lat_lon_pair", "lat", None, lon=Decimal(1))


@pytest.mark.parametrize(
    ("field", "value"),
    [("lat", "90.00000001"), ("lat", "-91"), ("lon", "180.00000001"), ("lon", "-180.1")],
)
def test_coordinates_out_of_range(field: str, value: str) -> None:
    other = "lon" if field == "lat" else "lat"
    error = refused(
        OutOfRange, "range", field, Decimal(value), **{field: Decimal(value), other: Decimal(0)}
    )
    limit = 90 if field == "lat" else 180
    assert error.params == {"min_value": -limit, "max_value": limit}


@pytest.mark.parametrize("field", ["lat", "lon"])
def test_coordinates_precision(field: str) -> None:
    other = "lon" if field == "lat" else "lat"
    assert getattr(make(**{field: Decimal("1.12345678"), other: Decimal(0)}), field) == Decimal(
        "1.12345678"
    )
    error = refused(
        InvalidFormat,
        "coordinate.precision",
        field,
        Decimal("1.123456789"),
        **{field: Decimal("1.123456789"), other: Decimal(0)},
    )
    assert error.params == {"places": 8}
    refused(
        InvalidFormat,
        "coordinate.precision",
        field,
        Decimal("1.123456789"),
        **{field: "1.123456789", other: Decimal(0)},
    )


@pytest.mark.parametrize("junk", [1.5, True, Decimal("NaN"), Decimal("-Infinity"), b"1"], ids=repr)
def test_coordinates_refuse_floats_and_non_finite(junk: object) -> None:
    refused(InvalidType, "type", "lat", junk, lat=junk, lon=Decimal(0))


def test_coordinate_text_that_is_no_number() -> None:
    refused(InvalidType, "type", "lat", "north", lat="north", lon=Decimal(0))


# --- check_copies ------------------------------------------------------------------------------


def test_max_copies() -> None:
    assert MAX_COPIES == 6


def test_check_copies_accepts_valid_sets() -> None:
    original = make()
    check_copies([])
    check_copies([original])
    check_copies([original, *(copy(11002 + i, 11001) for i in range(MAX_COPIES))])
    check_copies(iter([original, copy(11002, 11001)]))


def problems(centers: list[Center]) -> ValidationErrors:
    with pytest.raises(ValidationErrors) as info:
        check_copies(centers)
    group = info.value
    assert type(group) is ValidationErrors
    assert all(type(error) is InconsistentValue for error in group.errors)
    return group


def test_duplicate_ids() -> None:
    group = problems([make(), make(name_ar="آخر")])
    assert group.codes == ("center.duplicate_id",)
    error = group.errors[0]
    assert (error.field, error.value, error.location) == ("center_id", 11001, "center 11001")
    assert group.describe() == [
        "center.duplicate_id: Duplicate value for center id. @ center 11001"
    ]
    assert group.message == "1 problem in centres"


def test_copy_of_unknown() -> None:
    group = problems([make(), copy(11002, 22222)])
    assert group.codes == ("center.copy_of_unknown",)
    error = group.errors[0]
    assert (error.field, error.value, error.location) == ("copy_of", 22222, "center 11002")
    assert str(error) == "Centre 22222 is not among the centres given. @ center 11002"


def test_copy_of_copy() -> None:
    group = problems([make(), copy(11002, 11001), copy(11003, 11002)])
    assert group.codes == ("center.copy_of_copy",)
    error = group.errors[0]
    assert (error.field, error.value, error.location) == ("copy_of", 11002, "center 11003")
    assert error.message() == "A copy centre cannot copy another copy centre."


def test_seventh_copy() -> None:
    copies = [copy(11002 + i, 11001) for i in range(MAX_COPIES + 1)]
    group = problems([make(), *reversed(copies)])
    assert group.codes == ("center.too_many_copies",)
    error = group.errors[0]
    assert (error.field, error.value) == ("copy_of", 11001)
    assert error.params == {"max_copies": 6}
    assert error.location == "center 11008"
    assert error.message() == "Copy centre already has the maximum number of copies (6)."
    assert error.message("ar") == "المركز الأصلي لديه بالفعل الحد الأقصى من النسخ (6)."


def test_every_problem_reported_at_once() -> None:
    centers = [
        make(center_id=11001),
        make(center_id=11001, name_ar="مكرر"),
        copy(12001, 19999),
        make(center_id=13001),
        copy(13002, 13001),
        copy(13003, 13002),
        make(center_id=14001),
        *(copy(14002 + i, 14001) for i in range(MAX_COPIES + 1)),
    ]
    group = problems(centers)
    assert group.message == "4 problems in centres"
    assert group.codes == (
        "center.duplicate_id",
        "center.copy_of_unknown",
        "center.copy_of_copy",
        "center.too_many_copies",
    )
    assert [error.location for error in group.errors] == [
        "center 11001",
        "center 12001",
        "center 13003",
        "center 14008",
    ]
    assert [error.value for error in group.errors] == [11001, 19999, 13002, 14001]


def test_copies_of_an_unknown_original_are_counted() -> None:
    copies = [copy(11002 + i, 19999) for i in range(MAX_COPIES + 1)]
    group = problems(copies)
    assert group.codes.count("center.copy_of_unknown") == MAX_COPIES + 1
    assert group.codes[-1] == "center.too_many_copies"


def test_evolve_revalidates() -> None:
    center = make()
    with pytest.raises(InconsistentValue) as info:
        attrs.evolve(center, center_type=CenterType.COPY)
    assert info.value.code == "center.copy_without_original"
    moved = attrs.evolve(center, center_type=CenterType.SPLIT, subconstituency_id=998)
    assert moved.center_type is CenterType.SPLIT
