"""Junk sweep: every field of every noun refuses junk with a ValidationError, nothing else."""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import ModuleType
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import ValidationError
from electoral.ids import barcode, fbr, national_id
from electoral.model import (
    MAX_COUNT,
    NOUNS,
    TRIPOLI,
    Ballot,
    Candidate,
    Center,
    CenterType,
    Citizen,
    Constituency,
    Election,
    FormState,
    Gender,
    Office,
    Period,
    Race,
    RaceType,
    ReconciliationForm,
    ReconciliationForm2014,
    Region,
    RegistrationPeriod,
    ResultForm,
    Station,
    SubConstituency,
)
from electoral.testing.strategies import strategy_for

# --- what each field accepts ---------------------------------------------------------------------


@attrs.frozen
class Int:
    lo: int | None = None
    hi: int | None = None
    optional: bool = False


@attrs.frozen
class Text:
    max_length: int = 255
    blank: bool = True
    newlines: bool = False
    optional: bool = False


@attrs.frozen
class Ident:
    module: ModuleType


@attrs.frozen
class Member:
    cls: type[enum.Enum]
    optional: bool = False
    person: bool = False


@attrs.frozen
class Instance:
    cls: type


@attrs.frozen
class Bool:
    pass


@attrs.frozen
class Coordinate:
    limit: int


@attrs.frozen
class Moment:
    optional: bool = False


@attrs.frozen
class Day:
    pass


@attrs.frozen
class IntSet:
    lo: int
    hi: int


Spec = Int | Text | Ident | Member | Instance | Bool | Coordinate | Moment | Day | IntSet

SMALL = 32_767
CENTER_ID = Int(10_000, 99_999)
COUNT = Int(0)
NAME = Text(255, blank=False)

SPECS: dict[type, dict[str, Spec]] = {
    Office: {"id": Int(1, SMALL), "name_en": NAME, "name_ar": NAME, "region": Member(Region)},
    Constituency: {"id": Int(1, SMALL), "name_en": NAME, "name_ar": NAME},
    SubConstituency: {
        "id": Int(1, SMALL),
        "name_en": Text(255),
        "name_ar": Text(255),
        "constituency_id": Int(1, SMALL, optional=True),
    },
    Center: {
        "center_id": CENTER_ID,
        "name_ar": NAME,
        "name_en": Text(),
        "office_id": Int(1, SMALL),
        "constituency_id": Int(1, SMALL),
        "subconstituency_id": Int(1, SMALL),
        "center_type": Member(CenterType),
        "copy_of": Int(10_000, 99_999, optional=True),
        "lat": Coordinate(90),
        "lon": Coordinate(180),
        "mahalla": Text(),
        "village": Text(),
        "reg_open": Bool(),
        "active": Bool(),
    },
    Station: {
        "center_id": CENTER_ID,
        "number": Int(1, 102),
        "gender": Member(Gender),
        "registrants": Int(0, optional=True),
        "subconstituency_id": Int(1, SMALL, optional=True),
        "active": Bool(),
    },
    Citizen: {
        "civil_registry_id": Int(1),
        "national_id": Ident(national_id),
        "fbr_number": Ident(fbr),
        "first_name": Text(),
        "father_name": Text(),
        "grandfather_name": Text(),
        "family_name": Text(),
        "mother_name": Text(),
        "birth_date": Day(),
        "gender": Member(Gender, person=True),
        "blocked": Bool(),
        "missing_since": Moment(optional=True),
        "address": Text(1024),
    },
    Period: {"start": Moment(), "end": Moment()},
    RegistrationPeriod: {"start": Moment(), "end": Moment()},
    Election: {
        "name_en": Text(150, blank=False),
        "name_ar": Text(150, blank=False),
        "polling_start": Moment(),
        "polling_end": Moment(),
    },
    Race: {
        "election_level": Text(256, blank=False),
        "name": Text(256, blank=False),
        "race_type": Member(RaceType, optional=True),
        "active": Bool(),
    },
    Ballot: {
        "number": Int(0, SMALL),
        "race": Instance(Race),
        "seats": Int(1, SMALL),
        "subconstituency_ids": IntSet(1, SMALL),
        "active": Bool(),
        "available_for_release": Bool(),
    },
    Candidate: {
        "ballot_number": Int(0, SMALL),
        "candidate_id": Int(1),
        "name_ar": NAME,
        "order": Int(1, SMALL),
        "name_en": Text(),
        "gender": Member(Gender, optional=True),
        "active": Bool(),
    },
    ResultForm: {
        "barcode": Ident(barcode),
        "ballot_number": Int(0, SMALL),
        "center_id": Int(10_000, 99_999, optional=True),
        "station_number": Int(1, 102, optional=True),
        "gender": Member(Gender, optional=True),
        "state": Member(FormState),
        "is_replacement": Bool(),
        "serial_number": Int(0, optional=True),
    },
    ReconciliationForm: {
        "number_of_voters": COUNT,
        "number_of_voter_cards_in_the_ballot_box": COUNT,
        "number_valid_votes": COUNT,
        "number_invalid_votes": COUNT,
        "number_sorted_and_counted": COUNT,
        "notes": Text(4096, newlines=True),
        "ballot_number_from": Text(optional=True),
        "ballot_number_to": Text(optional=True),
    },
    ReconciliationForm2014: {
        **dict.fromkeys(
            (
                "number_ballots_received",
                "number_signatures_in_vr",
                "number_unused_ballots",
                "number_spoiled_ballots",
                "number_cancelled_ballots",
                "number_ballots_outside_box",
                "number_ballots_inside_box",
                "number_ballots_inside_and_outside_box",
                "number_unstamped_ballots",
                "number_invalid_votes",
                "number_valid_votes",
                "number_sorted_and_counted",
            ),
            COUNT,
        ),
        **{
            name: Bool()
            for name in (
                "signature_polling_officer_1",
                "signature_polling_officer_2",
                "signature_polling_station_chair",
                "signature_dated",
                "is_stamped",
            )
        },
        "notes": Text(4096, newlines=True),
    },
}

START = pendulum.datetime(2013, 3, 15, 8, tz=TRIPOLI)
END = pendulum.datetime(2013, 4, 15, 20, tz=TRIPOLI)
HOR = Race(election_level="HoR", name="ballot_number_general", race_type=RaceType.GENERAL)

BASE: dict[type, dict[str, Any]] = {
    Office: {"id": 1, "name_en": "Tripoli", "name_ar": "طرابلس", "region": Region.WEST},
    Constituency: {"id": 2, "name_en": "Constituency 2", "name_ar": "الدائرة الثانية"},
    SubConstituency: {"id": 3, "name_en": "Sub 3", "name_ar": "الفرعية", "constituency_id": 2},
    Center: {
        "center_id": 11001,
        "name_ar": "مدرسة الفاتح",
        "name_en": "Al Fateh School",
        "office_id": 1,
        "constituency_id": 2,
        "subconstituency_id": 3,
        "center_type": CenterType.GENERAL,
        "copy_of": None,
        "lat": Decimal("32.88743210"),
        "lon": Decimal("13.18729900"),
        "mahalla": "الحي",
        "village": "القرية",
        "reg_open": True,
        "active": True,
    },
    Station: {
        "center_id": 11001,
        "number": 2,
        "gender": Gender.FEMALE,
        "registrants": 412,
        "subconstituency_id": 3,
        "active": True,
    },
    Citizen: {
        "civil_registry_id": 7,
        "national_id": "119690261935",
        "fbr_number": "4471",
        "first_name": "محمد",
        "father_name": "علي",
        "grandfather_name": "سالم",
        "family_name": "الورفلي",
        "mother_name": "فاطمة",
        "birth_date": pendulum.Date(1969, 9, 7),
        "gender": Gender.MALE,
        "blocked": False,
        "missing_since": pendulum.datetime(2014, 1, 1, tz=TRIPOLI),
        "address": "طرابلس",
    },
    Period: {"start": START, "end": END},
    RegistrationPeriod: {"start": START, "end": END},
    Election: {
        "name_en": "House of Representatives",
        "name_ar": "مجلس النواب",
        "polling_start": START,
        "polling_end": END,
    },
    Race: {
        "election_level": "HoR",
        "name": "ballot_number_general",
        "race_type": RaceType.GENERAL,
        "active": True,
    },
    Ballot: {
        "number": 117,
        "race": HOR,
        "seats": 2,
        "subconstituency_ids": frozenset({31, 32}),
        "active": True,
        "available_for_release": False,
    },
    Candidate: {
        "ballot_number": 117,
        "candidate_id": 5,
        "name_ar": "سعاد",
        "order": 1,
        "name_en": "Suad",
        "gender": Gender.FEMALE,
        "active": True,
    },
    ResultForm: {
        "barcode": "031001002117",
        "ballot_number": 117,
        "center_id": 31001,
        "station_number": 2,
        "gender": Gender.MALE,
        "state": FormState.INTAKE,
        "is_replacement": False,
        "serial_number": 12,
    },
    ReconciliationForm: {
        "number_of_voters": 500,
        "number_of_voter_cards_in_the_ballot_box": 300,
        "number_valid_votes": 280,
        "number_invalid_votes": 15,
        "number_sorted_and_counted": 295,
        "notes": "لا ملاحظات",
        "ballot_number_from": "0001",
        "ballot_number_to": "0500",
    },
    ReconciliationForm2014: {
        **dict.fromkeys(
            (name for name, spec in SPECS[ReconciliationForm2014].items() if spec == COUNT), 3
        ),
        **dict.fromkeys(
            (name for name, spec in SPECS[ReconciliationForm2014].items() if spec == Bool()), True
        ),
        "notes": "",
    },
}

JUNK: dict[str, object] = {
    "none": None,
    "bytes": b"123",
    "float": 1.0,
    "nan": float("nan"),
    "inf": float("inf"),
    "true": True,
    "false": False,
    "zero": 0,
    "minus_one": -1,
    "huge_int": 10**5000,
    "empty": "",
    "spaces": "   ",
    "digits": "123",
    "huge_str": "x" * 10**6,
    "emoji": "😀",
    "rlm": "\u200f",
    "rlo": "abc\u202e",
    "isolate": "\u2067abc\u2069",
    "zwsp": "a\u200bb",
    "zwj": "\u200d",
    "bom": "\ufeff",
    "surrogate": "\ud800",
    "newline": "a\nb",
    "tab": "a\tb",
    "list_empty": [],
    "list_int": [1],
    "list_nested": [[1]],
    "list_of_dict": [{}],
    "dict_empty": {},
    "dict": {"a": 1},
    "object": object(),
    "naive_datetime": dt.datetime(2013, 3, 20, 8),
    "aware_datetime": dt.datetime(2014, 6, 25, 6, tzinfo=dt.UTC),
    "aware_min": dt.datetime.min.replace(tzinfo=dt.timezone(dt.timedelta(hours=5))),
    "aware_max": dt.datetime.max.replace(tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    "date": dt.date(2000, 1, 1),
    "decimal": Decimal("1.5"),
    "decimal_nan": Decimal("NaN"),
    "region": Region.WEST,
    "unisex": Gender.UNISEX,
    "gender_value": "male",
}

_BAD_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}


def _text_ok(spec: Text, value: object) -> bool:
    if value is None:
        return spec.optional
    if type(value) is not str or len(value) > spec.max_length:
        return False
    for char in value:
        if char in "\n\r":
            if not spec.newlines:
                return False
        elif unicodedata.category(char) in _BAD_CATEGORIES:
            return False
    return spec.blank or bool(value.strip())


def _int_ok(spec: Int | IntSet, value: object) -> bool:
    if type(value) is not int:
        return False
    lo = -MAX_COUNT if spec.lo is None else spec.lo
    hi = MAX_COUNT if spec.hi is None else spec.hi
    return lo <= value <= hi


def accepted(spec: Spec, value: object) -> tuple[bool, object]:
    """Whether a field with ``spec`` accepts ``value``, and the value as stored."""
    if isinstance(spec, Int):
        return (value is None and spec.optional) or _int_ok(spec, value), value
    if isinstance(spec, Text):
        return _text_ok(spec, value), value
    if isinstance(spec, Ident):
        ok = type(value) is str and spec.module.is_valid(value)
        return ok and spec.module.validate(value) == value, value
    if isinstance(spec, Member):
        if value is None:
            return spec.optional, value
        ok = isinstance(value, spec.cls) and not (spec.person and value is Gender.UNISEX)
        return ok, value
    if isinstance(spec, Instance):
        return isinstance(value, spec.cls), value
    if isinstance(spec, Bool):
        return type(value) is bool, value
    if isinstance(spec, Coordinate):
        if value is None:
            return True, value  # the field is optional; the pair rule decides
        if type(value) is int or type(value) is str:
            try:
                value = Decimal(value)
            except ArithmeticError:
                return False, value
        if not isinstance(value, Decimal) or not value.is_finite():
            return False, value
        exponent = value.as_tuple().exponent
        in_range = -spec.limit <= value <= spec.limit
        return in_range and isinstance(exponent, int) and exponent >= -8, value
    if isinstance(spec, Moment):
        if value is None:
            return spec.optional, value
        if not isinstance(value, dt.datetime) or value.utcoffset() is None:
            return False, value
        try:
            return True, pendulum.instance(value).in_timezone(TRIPOLI)
        except OverflowError:
            return False, value  # not representable in Tripoli: must be refused
    if isinstance(spec, Day):
        if type(value) is dt.date:
            return True, value
        return isinstance(value, pendulum.Date) and not isinstance(value, dt.datetime), value
    assert isinstance(spec, IntSet)
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | frozenset | Mapping):
        try:
            value = frozenset(value)
        except TypeError:
            return False, value  # unhashable items: must be refused
    if not isinstance(value, frozenset):
        return False, value
    return all(_int_ok(spec, item) for item in value), value


def consistent(cls: type, values: dict[str, Any]) -> bool:
    """The rules across fields, given values each field accepts."""
    if cls is Center:
        is_copy = values["center_type"] is CenterType.COPY
        if is_copy == (values["copy_of"] is None) or values["copy_of"] == values["center_id"]:
            return False
        in_998 = values["subconstituency_id"] == 998
        if (values["center_type"] is CenterType.SPLIT) != in_998:
            return False
        return (values["lat"] is None) == (values["lon"] is None)
    if cls is Citizen:
        first = values["national_id"][0]
        return values["gender"] is (Gender.MALE if first == "1" else Gender.FEMALE)
    if cls in (Period, RegistrationPeriod):
        return bool(values["end"] >= values["start"])
    if cls is Election:
        return bool(values["polling_start"] <= values["polling_end"])
    if cls is ResultForm:
        if values["center_id"] is None:
            return (
                values["station_number"] is None
                and values["gender"] is None
                and values["is_replacement"] is True
            )
        return values["station_number"] is not None and values["gender"] is not None
    return True


def expectation(cls: type, field: str, junk: str) -> tuple[bool, bool]:
    """(construction succeeds, the field itself refuses) for ``field`` set to ``junk``."""
    specs = SPECS[cls]
    field_ok, stored = accepted(specs[field], JUNK[junk])
    if not field_ok:
        return False, True
    values = dict(BASE[cls])
    values[field] = stored
    return consistent(cls, values), False


FIELDS = [(cls, field) for cls in NOUNS for field in SPECS[cls]]


# --- the tables are right ----------------------------------------------------------------------


@pytest.mark.parametrize("cls", NOUNS, ids=[cls.__name__ for cls in NOUNS])
def test_specs_cover_every_field(cls: type) -> None:
    assert list(SPECS[cls]) == [field.name for field in attrs.fields(cls)]
    assert list(BASE[cls]) == list(SPECS[cls])


@pytest.mark.parametrize("cls", NOUNS, ids=[cls.__name__ for cls in NOUNS])
def test_base_values_are_valid(cls: type) -> None:
    value = cls(**BASE[cls])
    for field, spec in SPECS[cls].items():
        assert accepted(spec, BASE[cls][field])[0], field
    assert consistent(cls, BASE[cls])
    assert attrs.evolve(value) == value


def test_the_oracle_knows_some_junk_is_valid() -> None:
    assert expectation(Station, "registrants", "none") == (True, False)
    assert expectation(ReconciliationForm, "notes", "newline") == (True, False)
    assert expectation(Center, "name_ar", "newline") == (False, True)
    assert expectation(Center, "lon", "digits") == (True, False)
    assert expectation(Center, "lat", "digits") == (False, True)
    assert expectation(Center, "lat", "none") == (False, False)
    assert expectation(Ballot, "subconstituency_ids", "list_int") == (True, False)
    assert expectation(Ballot, "subconstituency_ids", "dict_empty") == (False, True)
    assert expectation(Office, "region", "region") == (True, False)
    assert expectation(Station, "gender", "unisex") == (True, False)
    assert expectation(Citizen, "gender", "unisex") == (False, True)
    assert expectation(Period, "end", "aware_datetime") == (True, False)
    assert expectation(Period, "start", "aware_datetime") == (False, False)
    assert expectation(Citizen, "birth_date", "date") == (True, False)
    assert expectation(Citizen, "fbr_number", "digits") == (True, False)
    assert expectation(ResultForm, "center_id", "none") == (False, False)
    assert expectation(Citizen, "civil_registry_id", "huge_int") == (False, True)
    assert expectation(Station, "registrants", "huge_int") == (False, True)


# --- the sweep ---------------------------------------------------------------------------------


def outcome(cls: type, field: str, junk: str) -> str | None:
    """Construct ``cls`` with ``field`` set to ``junk``; describe what went wrong, if anything."""
    fields = {**BASE[cls], field: JUNK[junk]}
    succeeds, field_refuses = expectation(cls, field, junk)
    try:
        value = cls(**fields)
    except ValidationError as error:
        if succeeds:
            return f"{junk}: refused, expected accepted ({error!r})"
        if not (error.code and error.message("en") and error.message("ar")):
            return f"{junk}: error without code or message"
        if field_refuses and error.field != field:
            return f"{junk}: error names field {error.field!r}"
        return None
    except Exception as error:  # noqa: BLE001 - the point of the sweep
        return f"{junk}: {type(error).__name__}: {error}"
    if not succeeds:
        return f"{junk}: accepted, expected a ValidationError"
    if not isinstance(value, cls):
        return f"{junk}: built {type(value).__name__}"
    return None


@pytest.mark.parametrize(("cls", "field"), FIELDS, ids=[f"{c.__name__}.{f}" for c, f in FIELDS])
def test_junk(cls: type, field: str) -> None:
    """Every junk value: accepted when valid, else a ValidationError naming the field."""
    problems = [problem for junk in JUNK if (problem := outcome(cls, field, junk)) is not None]
    assert problems == []


def test_junk_sweep_size() -> None:
    assert len(FIELDS) == 103
    assert len(JUNK) >= 40


# --- random junk, field by field ---------------------------------------------------------------

RANDOM_JUNK: st.SearchStrategy[object] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**100), 10**100),
    st.floats(),
    st.decimals(),
    st.text(),
    st.binary(),
    st.datetimes(timezones=st.none() | st.timezones()),
    st.dates(),
    st.lists(st.integers(-5, 10**6) | st.text(max_size=3) | st.none(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from([*Gender, *Region, *CenterType, *FormState, *RaceType]),
)


@given(data=st.data())
def test_random_junk_refused_only_with_validation_errors(data: st.DataObject) -> None:
    cls = data.draw(st.sampled_from(NOUNS), label="noun")
    value = data.draw(strategy_for(cls), label="valid")
    fields = attrs.asdict(value, recurse=False)
    field = data.draw(st.sampled_from(sorted(fields)), label="field")
    junk = data.draw(RANDOM_JUNK, label="junk")
    spec = SPECS[cls][field]
    fields[field] = junk
    try:
        rebuilt = cls(**fields)
    except ValidationError:
        return
    ok, _ = accepted(spec, junk)
    assert ok, f"{cls.__name__}.{field} accepted {junk!r}"
    assert getattr(rebuilt, field) == junk or isinstance(spec, Coordinate | Moment | Day | IntSet)
