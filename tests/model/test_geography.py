"""Tests for electoral.model.geography: regions, offices, constituencies, placeholders."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from electoral.errors import InvalidFormat, InvalidType, MissingValue, OutOfRange, ValidationError
from electoral.model import (
    NO_CONSTITUENCY,
    NO_NAMED_THING,
    NO_OFFICE,
    NO_SUBCONSTITUENCY,
    SPLIT_SUBCONSTITUENCY,
    SPLIT_SUBCONSTITUENCY_ID,
    Constituency,
    Office,
    Region,
    SubConstituency,
)

NAMED = (Office, Constituency, SubConstituency)


def make(cls: type[Any], **changes: Any) -> Any:
    fields: dict[str, Any] = {"id": 1, "name_en": "Tripoli", "name_ar": "طرابلس"}
    fields.update(changes)
    return cls(**fields)


def refused(
    cls: type[ValidationError],
    code: str,
    field: str,
    value: object,
    noun: type[Any],
    **changes: Any,
) -> ValidationError:
    with pytest.raises(cls) as info:
        make(noun, **changes)
    error = info.value
    assert type(error) is cls
    assert (error.code, error.field) == (code, field)
    assert error.value == value
    assert type(error.value) is type(value)
    return error


def test_placeholder_ids() -> None:
    assert NO_NAMED_THING == 999
    assert SPLIT_SUBCONSTITUENCY_ID == 998


def test_placeholders() -> None:
    assert Office(id=999, name_en="No Office", name_ar="لا يوجد مكتب") == NO_OFFICE
    assert NO_OFFICE.region is Region.NONE
    assert (
        Constituency(id=999, name_en="No Constituency", name_ar="لا توجد دائرة") == NO_CONSTITUENCY
    )
    assert (
        SubConstituency(id=999, name_en="No Subconstituency", name_ar="لا توجد دائرة فرعية")
        == NO_SUBCONSTITUENCY
    )
    assert (
        SubConstituency(
            id=998, name_en="Split Center Subconstituency", name_ar="مركز انقسام الفرعية"
        )
        == SPLIT_SUBCONSTITUENCY
    )
    for placeholder in (NO_OFFICE, NO_CONSTITUENCY, NO_SUBCONSTITUENCY, SPLIT_SUBCONSTITUENCY):
        assert placeholder.is_placeholder is True


@pytest.mark.parametrize("noun", NAMED)
def test_is_placeholder(noun: type[Any]) -> None:
    assert make(noun, id=999).is_placeholder is True
    assert make(noun, id=1).is_placeholder is False
    assert make(noun, id=998).is_placeholder is (noun is SubConstituency)


@pytest.mark.parametrize("noun", NAMED)
def test_names(noun: type[Any]) -> None:
    thing = make(noun)
    assert thing.name() == "Tripoli"
    assert thing.name("en") == "Tripoli"
    assert thing.name("ar") == "طرابلس"


@pytest.mark.parametrize("noun", NAMED)
def test_id_range(noun: type[Any]) -> None:
    assert make(noun, id=32767).id == 32767
    error = refused(OutOfRange, "range", "id", 0, noun, id=0)
    assert error.params == {"min_value": 1, "max_value": 32767}
    refused(OutOfRange, "range", "id", 32768, noun, id=32768)
    refused(InvalidType, "type", "id", True, noun, id=True)
    refused(InvalidType, "type", "id", "1", noun, id="1")


@pytest.mark.parametrize("noun", NAMED)
@pytest.mark.parametrize("field", ["name_en", "name_ar"])
def test_name_rules(noun: type[Any], field: str) -> None:
    assert getattr(make(noun, **{field: "x" * 255}), field) == "x" * 255
    refused(InvalidFormat, "text.too_long", field, "x" * 256, noun, **{field: "x" * 256})
    if noun is SubConstituency:  # Tally-Ho's setup files allow a sub-constituency without a name
        assert getattr(make(noun, **{field: ""}), field) == ""
    else:
        refused(MissingValue, "text.blank", field, "", noun, **{field: ""})
        refused(MissingValue, "text.blank", field, "  ", noun, **{field: "  "})
    refused(InvalidFormat, "text.newline", field, "a\nb", noun, **{field: "a\nb"})
    refused(InvalidFormat, "text.control", field, "\u202eطرابلس", noun, **{field: "\u202eطرابلس"})
    refused(InvalidType, "type", field, None, noun, **{field: None})


def test_office_region() -> None:
    assert make(Office).region is Region.NONE
    assert make(Office, region=Region.EAST).region is Region.EAST
    refused(InvalidType, "type", "region", "east", Office, region="east")
    refused(InvalidType, "type", "region", 3, Office, region=3)


def test_subconstituency_constituency_id() -> None:
    assert make(SubConstituency).constituency_id is None
    assert make(SubConstituency, constituency_id=13).constituency_id == 13
    refused(OutOfRange, "range", "constituency_id", 0, SubConstituency, constituency_id=0)
    refused(InvalidType, "type", "constituency_id", False, SubConstituency, constituency_id=False)


@pytest.mark.parametrize(
    ("region", "en", "ar"),
    [
        (Region.NONE, "No Region", "بلا منطقة"),
        (Region.WEST, "West", "الغرب"),
        (Region.SOUTH, "South", "الجنوب"),
        (Region.EAST, "East", "الشرق"),
    ],
)
def test_region_labels(region: Region, en: str, ar: str) -> None:
    assert region.label() == en
    assert region.label("ar") == ar


def test_keyword_only_and_frozen() -> None:
    with pytest.raises(TypeError):
        Office(1, "Tripoli", "طرابلس")  # type: ignore[call-arg]
    office = make(Office)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        office.id = 2
    assert attrs.evolve(office, id=2).id == 2
    with pytest.raises(OutOfRange):
        attrs.evolve(office, id=0)
