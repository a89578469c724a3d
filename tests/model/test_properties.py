"""Hypothesis properties of every noun and the soundness of electoral.testing.strategies."""

from __future__ import annotations

import pickle
from types import ModuleType
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from electoral.errors import ValidationError
from electoral.ids import barcode, center_id, fbr, national_id, phone, station_number
from electoral.model import (
    NOUNS,
    Center,
    CenterType,
    Citizen,
    Gender,
    Period,
    ResultForm,
    check_copies,
)
from electoral.testing import strategies as s

NOUN_IDS = [cls.__name__ for cls in NOUNS]

VALID: list[tuple[str, st.SearchStrategy[str], ModuleType]] = [
    ("national_ids", s.national_ids(), national_id),
    ("national_ids_male", s.national_ids(gender=Gender.MALE), national_id),
    ("national_ids_female", s.national_ids(gender=Gender.FEMALE), national_id),
    ("fbr_numbers", s.fbr_numbers(), fbr),
    ("center_ids", s.center_ids(), center_id),
    ("station_numbers", s.station_numbers(), station_number),
    ("barcodes", s.barcodes(), barcode),
    ("barcodes_layout", s.barcodes(layout=True), barcode),
    ("phone_numbers", s.phone_numbers(), phone),
]
INVALID: list[tuple[str, st.SearchStrategy[str], ModuleType]] = [
    ("invalid_national_ids", s.invalid_national_ids(), national_id),
    ("invalid_fbr_numbers", s.invalid_fbr_numbers(), fbr),
    ("invalid_center_ids", s.invalid_center_ids(), center_id),
    ("invalid_station_numbers", s.invalid_station_numbers(), station_number),
    ("invalid_barcodes", s.invalid_barcodes(), barcode),
    ("invalid_phone_numbers", s.invalid_phone_numbers(), phone),
]


def test_every_identifier_strategy_is_covered() -> None:
    named = {name for name in s.__all__ if name.startswith("invalid_")}
    assert named == {name for name, _, _ in INVALID}
    assert {name.removeprefix("invalid_") for name in named} <= {name for name, _, _ in VALID}


def test_every_noun_has_a_strategy() -> None:
    for cls in NOUNS:
        assert isinstance(s.strategy_for(cls), st.SearchStrategy)
    assert len(NOUNS) == 15


def check_value_object(value: Any, cls: type[Any]) -> None:
    """Every property a noun value must have, asserted on one value."""
    assert isinstance(value, cls)
    fields = attrs.fields(type(value))
    rebuilt = type(value)(**{f.name: getattr(value, f.name) for f in fields})
    assert rebuilt == value
    copy = attrs.evolve(value)
    assert copy == value
    assert hash(copy) == hash(value)
    assert len({value, copy}) == 1
    assert pickle.loads(pickle.dumps(value)) == value
    for field in fields:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, field.name, getattr(value, field.name))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(value, field.name)


@pytest.mark.parametrize("cls", NOUNS, ids=NOUN_IDS)
@given(data=st.data())
def test_noun_values_are_sound(cls: type[Any], data: st.DataObject) -> None:
    """Values from the package's strategy and from ``st.from_type`` (the entry point)."""
    check_value_object(data.draw(s.strategy_for(cls), label="strategy_for"), cls)
    check_value_object(data.draw(st.from_type(cls), label="from_type"), cls)


def test_register_type_strategies_is_harmless() -> None:
    s.register_type_strategies()
    st.from_type(Center).validate()


# --- identifier strategies ---------------------------------------------------------------------


@pytest.mark.parametrize(("name", "strategy", "module"), VALID, ids=[v[0] for v in VALID])
@given(data=st.data())
def test_valid_identifiers_accepted_and_typed_forms_compact_back(
    name: str, strategy: st.SearchStrategy[str], module: ModuleType, data: st.DataObject
) -> None:
    value = data.draw(strategy)
    assert type(value) is str
    assert module.validate(value) == value
    assert module.is_valid(value) is True
    assert module.compact(value) == value
    if name.startswith("national_ids_"):
        assert value[0] == ("1" if name.endswith("_male") else "2")
    typed = data.draw(s.as_typed(st.just(value)), label="typed")
    assert module.compact(typed) == value
    assert module.validate(typed) == value


@pytest.mark.parametrize(("name", "strategy", "module"), INVALID, ids=[v[0] for v in INVALID])
@given(data=st.data())
def test_invalid_identifiers_refused(
    name: str, strategy: st.SearchStrategy[str], module: ModuleType, data: st.DataObject
) -> None:
    value = data.draw(strategy)
    assert module.is_valid(value) is False
    with pytest.raises(ValidationError):
        module.validate(value)


@given(s.as_typed(s.barcodes()))
def test_as_typed_of_a_strategy(typed: str) -> None:
    assert barcode.is_valid(typed)


def test_national_ids_refuse_unisex() -> None:
    with pytest.raises(ValueError, match="male or female"):
        s.national_ids(gender=Gender.UNISEX)


# --- pinned noun strategies ---------------------------------------------------------------------


@given(s.centers(center_type=CenterType.COPY), s.centers(center_type=CenterType.SPLIT))
def test_copy_and_split_centres(copy: Center, split: Center) -> None:
    assert copy.center_type is CenterType.COPY
    assert copy.copy_of is not None
    assert copy.copy_of != copy.center_id
    assert split.subconstituency_id == 998


@given(s.centers(center_type=CenterType.COPY, copy_of=11001))
def test_copy_centres_pinned_original(center: Center) -> None:
    if center.center_id != 11001:
        check_copies([Center(center_id=11001, name_ar="أصل"), center])


@given(s.centers())
def test_centre_coordinates(center: Center) -> None:
    assert (center.lat is None) == (center.lon is None)
    if center.lat is not None and center.lon is not None:
        assert -90 <= center.lat <= 90
        assert -180 <= center.lon <= 180
        for coordinate in (center.lat, center.lon):
            exponent = coordinate.as_tuple().exponent
            assert isinstance(exponent, int)
            assert exponent >= -8


@given(s.citizens(gender=Gender.FEMALE, blocked=True))
def test_citizen_pins(citizen: Citizen) -> None:
    assert citizen.gender is Gender.FEMALE
    assert citizen.national_id[0] == "2"
    assert citizen.blocked is True


@given(s.result_forms(replacement=False), s.result_forms(replacement=True))
def test_result_form_pins(original: ResultForm, replacement: ResultForm) -> None:
    assert original.is_replacement is False
    assert original.station_key is not None
    assert replacement.is_replacement is True


@given(s.stations(gender=Gender.UNISEX, registrants=0, center_id=11001))
def test_station_pins(station: Any) -> None:
    assert (station.gender, station.registrants, station.center_id) == (Gender.UNISEX, 0, 11001)


@given(s.moments())
def test_moments_are_aware_and_in_tripoli(moment: Any) -> None:
    assert moment.timezone_name == "Africa/Tripoli"
    assert moment.utcoffset() is not None


# --- period algebra ----------------------------------------------------------------------------


@given(s.periods())
def test_period_bounds(period: Period) -> None:
    assert period.contains(period.start) is not period.is_empty
    assert period.contains(period.end) is False
    assert period.overlaps(period) is not period.is_empty


@given(s.periods(), s.periods())
def test_overlap_is_symmetric(a: Period, b: Period) -> None:
    assert a.overlaps(b) is b.overlaps(a)


@given(s.periods(), st.integers(0, 10**7))
def test_touching_periods_never_overlap(a: Period, length: int) -> None:
    b = Period(start=a.end, end=a.end.add(seconds=length))
    assert a.overlaps(b) is False
    assert b.overlaps(a) is False


@given(s.periods(), s.periods())
def test_overlap_means_a_shared_instant(a: Period, b: Period) -> None:
    assume(not a.is_empty and not b.is_empty)
    shared = max(a.start, b.start)
    assert a.overlaps(b) is (a.contains(shared) and b.contains(shared))
