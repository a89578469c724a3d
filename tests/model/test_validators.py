"""Tests for electoral.model._validators: every validator and converter, with exact codes."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pendulum
import pytest

from electoral.errors import (
    MESSAGES,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    MissingValue,
    OutOfRange,
    ValidationError,
)
from electoral.ids import barcode, fbr, national_id
from electoral.model import MAX_COUNT
from electoral.model import _validators as v


@attrs.define
class _Probe:
    number_field: object = None


ATTRIBUTE: attrs.Attribute[Any] = attrs.fields(_Probe).number_field
FIELD = "number_field"

BIDI_AND_INVISIBLE = [
    "\u200e",  # LEFT-TO-RIGHT MARK
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",  # POP DIRECTIONAL ISOLATE
    "\u200b",  # ZERO WIDTH SPACE
    "\u200c",  # ZERO WIDTH NON-JOINER
    "\u200d",  # ZERO WIDTH JOINER
    "\ufeff",  # BYTE ORDER MARK
    "\ud800",  # lone high surrogate
    "\udfff",  # lone low surrogate
    "\x00",
    "\t",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",  # LINE SEPARATOR
    "\u2029",  # PARAGRAPH SEPARATOR
    "\ue000",  # private use
    "\u061c",  # ARABIC LETTER MARK
]


def refuse(
    check: Callable[[Any, Any, Any], None],
    value: object,
    cls: type[ValidationError],
    code: str,
) -> ValidationError:
    """Run ``check`` on ``value``; expect exactly ``cls`` with ``code``, the field and value."""
    with pytest.raises(cls) as info:
        check(None, ATTRIBUTE, value)
    error = info.value
    assert type(error) is cls
    assert error.code == code
    assert error.field == FIELD
    assert error.value is value
    return error


def accept(check: Callable[[Any, Any, Any], None], value: object) -> None:
    check(None, ATTRIBUTE, value)


def test_registered_codes() -> None:
    assert MESSAGES["time.naive"].en == "{value} has no time zone; give an aware time."
    assert MESSAGES["coordinate.precision"].en == (
        "{value} has more than {places} decimal places."
    )
    assert str(v.TRIPOLI.name) == "Africa/Tripoli"


# --- integer -----------------------------------------------------------------------------------


def test_integer_bounds_inclusive() -> None:
    check = v.integer(1, 102)
    accept(check, 1)
    accept(check, 102)
    low = refuse(check, 0, OutOfRange, "range")
    assert low.params == {"min_value": 1, "max_value": 102}
    high = refuse(check, 103, OutOfRange, "range")
    assert str(high) == "103 must lie between 1 and 102."


def test_integer_open_bounds() -> None:
    accept(v.integer(), -MAX_COUNT)
    accept(v.integer(0), MAX_COUNT)
    for beyond in (-MAX_COUNT - 1, MAX_COUNT + 1, 10**5000):
        error = refuse(v.integer(), beyond, OutOfRange, "range.ceiling")
        assert error.params == {"maximum": MAX_COUNT}
        assert str(error)
    error = refuse(v.integer(0), -1, OutOfRange, "range")
    assert error.params == {"min_value": 0, "max_value": "∞"}
    error = refuse(v.integer(max_value=5), 6, OutOfRange, "range")
    assert error.params == {"min_value": "-∞", "max_value": 5}


class _IntSubclass(int):
    pass


def _junk_id(value: object) -> str:
    """A stable test id: a bare object() has a new address in every process."""
    return "object()" if type(value) is object else repr(value)


@pytest.mark.parametrize(
    "junk",
    [True, False, 1.0, Decimal(1), "1", b"1", None, _IntSubclass(1), [1], object()],
    ids=_junk_id,
)
def test_integer_refuses_non_int(junk: object) -> None:
    refuse(v.integer(0, 10), junk, InvalidType, "type")


# --- identifier --------------------------------------------------------------------------------


def test_identifier_accepts_compact_text() -> None:
    accept(v.identifier(national_id), "119690261935")
    accept(v.identifier(barcode), "000000001")
    accept(v.identifier(fbr), "r123")


def test_identifier_reports_under_the_attribute_name() -> None:
    error = refuse(
        v.identifier(national_id), "319690261935", InvalidComponent, "national_id.first_digit"
    )
    assert str(error) == "A valid National ID starts with 1 or 2."
    refuse(v.identifier(national_id), "12345", InvalidLength, "national_id.length")
    refuse(v.identifier(barcode), "", InvalidLength, "barcode.length")
    refuse(v.identifier(barcode), "12a", InvalidFormat, "barcode.format")
    refuse(v.identifier(fbr), "1a", InvalidFormat, "fbr.format")


@pytest.mark.parametrize(
    "typed", ["١١٩٦٩٠٢٦١٩٣٥", "119 690 261 935", "1196-9026-1935", " 119690261935"]
)
def test_identifier_refuses_non_compact_forms(typed: str) -> None:
    assert national_id.validate(typed) == "119690261935"
    refuse(v.identifier(national_id), typed, InvalidFormat, "format")


@pytest.mark.parametrize("junk", [119690261935, None, b"119690261935", 1.5, True], ids=repr)
def test_identifier_refuses_non_str(junk: object) -> None:
    refuse(v.identifier(national_id), junk, InvalidType, "type")


@pytest.mark.parametrize("junk", BIDI_AND_INVISIBLE, ids=ascii)
def test_identifier_refuses_invisible_characters(junk: str) -> None:
    with pytest.raises(ValidationError) as info:
        v.identifier(national_id)(None, ATTRIBUTE, "1196902" + junk + "61935")
    assert info.value.field == FIELD


# --- text --------------------------------------------------------------------------------------


def test_text_accepts_arabic_names_with_spaces_and_commas() -> None:
    check = v.text(max_length=255)
    for value in ("", "محمد", "ملائك, ة نائلة", "عبد الله", "Al Fateh School", "😀"):
        accept(check, value)


def test_text_length_limit() -> None:
    check = v.text(max_length=5)
    accept(check, "12345")
    accept(check, "أبجده")
    error = refuse(check, "123456", InvalidFormat, "text.too_long")
    assert error.params == {"max_length": 5}
    assert str(error) == "Text may be at most 5 characters long."
    assert error.message("ar") == "يجب ألا يزيد طول النص عن 5 حرفًا."


def test_text_huge_string_refused_as_too_long() -> None:
    refuse(v.text(max_length=4096), "x" * 10**6, InvalidFormat, "text.too_long")


@pytest.mark.parametrize("blank", ["", " ", "   ", "\u00a0", "\u3000", "\u2003"], ids=ascii)
def test_text_blank_refused_where_forbidden(blank: str) -> None:
    refuse(v.text(blank=False), blank, MissingValue, "text.blank")
    accept(v.text(blank=True), blank)


def test_text_blank_message() -> None:
    error = refuse(v.text(blank=False), "", MissingValue, "text.blank")
    assert str(error) == "This field may not be blank."


@pytest.mark.parametrize("newline", ["a\nb", "a\rb", "a\r\nb", "\n"], ids=ascii)
def test_text_newline(newline: str) -> None:
    refuse(v.text(), newline, InvalidFormat, "text.newline")
    refuse(v.text(blank=False), newline, InvalidFormat, "text.newline")
    accept(v.text(newlines=True), newline)


@pytest.mark.parametrize("char", BIDI_AND_INVISIBLE, ids=ascii)
def test_text_refuses_control_bidi_and_zero_width(char: str) -> None:
    for value in (char, "محمد" + char, char + "علي", "a" + char + "b"):
        refuse(v.text(), value, InvalidFormat, "text.control")
        refuse(v.text(newlines=True), value, InvalidFormat, "text.control")


def test_text_control_message() -> None:
    error = refuse(v.text(), "\u202e", InvalidFormat, "text.control")
    assert str(error) == "Text may not contain control, bidi or zero-width characters."


def test_text_newline_with_a_control_character_after_it() -> None:
    refuse(v.text(newlines=True), "a\n\u200fb", InvalidFormat, "text.control")


class _StrSubclass(str):
    __slots__ = ()


@pytest.mark.parametrize(
    "junk",
    [None, b"abc", 1, 1.0, True, ["a"], {"a": 1}, _StrSubclass("a"), object()],
    ids=_junk_id,
)
def test_text_refuses_non_str(junk: object) -> None:
    refuse(v.text(), junk, InvalidType, "type")


# --- boolean, enum_member, instance, optional -------------------------------------------------


def test_boolean() -> None:
    accept(v.boolean, True)
    accept(v.boolean, False)
    for junk in (0, 1, None, "True", 1.0):
        refuse(v.boolean, junk, InvalidType, "type")


class _Colour(enum.Enum):
    RED = "red"


class _Other(enum.Enum):
    RED = "red"


def test_enum_member() -> None:
    check = v.enum_member(_Colour)
    accept(check, _Colour.RED)
    for junk in ("red", _Other.RED, None, 0):
        refuse(check, junk, InvalidType, "type")


def test_instance() -> None:
    check = v.instance(Decimal)
    accept(check, Decimal(1))
    refuse(check, 1, InvalidType, "type")


def test_optional() -> None:
    check = v.optional(v.integer(1, 2))
    accept(check, None)
    accept(check, 1)
    refuse(check, 3, OutOfRange, "range")
    refuse(check, "1", InvalidType, "type")


# --- frozen_ints and to_frozenset ------------------------------------------------------------


def test_frozen_ints() -> None:
    check = v.frozen_ints(1, 10)
    accept(check, frozenset())
    accept(check, frozenset({1, 10}))
    refuse(check, {1}, InvalidType, "type")
    refuse(check, [1], InvalidType, "type")
    with pytest.raises(OutOfRange) as info:
        check(None, ATTRIBUTE, frozenset({11}))
    assert (info.value.field, info.value.value) == (FIELD, 11)
    with pytest.raises(InvalidType) as type_info:
        check(None, ATTRIBUTE, frozenset({True}))
    assert type_info.value.value is True


def test_to_tuple() -> None:
    assert v.to_tuple([1, 2, 2]) == (1, 2, 2)
    assert v.to_tuple(x for x in (4,)) == (4,)
    kept = (1,)
    assert v.to_tuple(kept) is kept
    for left in ("12", b"12", {5: "a"}, 7, None):  # text, mappings and scalars: the
        assert v.to_tuple(left) is left  # validator refuses them, nothing is guessed


def test_to_frozenset() -> None:
    assert v.to_frozenset([1, 2, 2]) == frozenset({1, 2})
    assert v.to_frozenset({3}) == frozenset({3})
    assert v.to_frozenset(x for x in (4,)) == frozenset({4})
    assert v.to_frozenset({5: "a"}) == {5: "a"}  # a mapping is left for the validator
    kept = frozenset({1})
    assert v.to_frozenset(kept) is kept
    assert v.to_frozenset("12") == "12"
    assert v.to_frozenset(b"12") == b"12"
    assert v.to_frozenset(7) == 7
    assert v.to_frozenset(None) is None


# --- dates and moments -------------------------------------------------------------------------


def test_to_date_and_date() -> None:
    converted = v.to_date(dt.date(1969, 9, 7))
    assert type(converted) is pendulum.Date
    assert converted == pendulum.Date(1969, 9, 7)
    kept = pendulum.Date(2000, 1, 1)
    assert v.to_date(kept) is kept
    naive = dt.datetime(2000, 1, 1)
    assert v.to_date(naive) is naive
    accept(v.date, pendulum.Date(2000, 1, 1))
    for junk in (
        dt.date(2000, 1, 1),
        naive,
        pendulum.datetime(2000, 1, 1),
        "2000-01-01",
        None,
        20000101,
    ):
        refuse(v.date, junk, InvalidType, "type")


def test_to_moment_converts_aware_times_to_tripoli() -> None:
    utc = dt.datetime(2013, 3, 15, 7, 0, tzinfo=dt.UTC)
    converted = v.to_moment(utc)
    assert isinstance(converted, pendulum.DateTime)
    assert converted.timezone_name == "Africa/Tripoli"
    assert converted == utc
    assert (converted.hour, converted.utcoffset()) == (8, dt.timedelta(hours=1))
    summer = v.to_moment(pendulum.datetime(2013, 4, 15, 18, tz="UTC"))
    assert isinstance(summer, pendulum.DateTime)
    assert (summer.hour, summer.utcoffset()) == (20, dt.timedelta(hours=2))
    kept = pendulum.datetime(2013, 1, 1, tz=v.TRIPOLI)
    assert v.to_moment(kept) is kept


def test_to_moment_leaves_naive_and_junk_alone() -> None:
    naive = dt.datetime(2013, 3, 15, 8)
    assert v.to_moment(naive) is naive
    day = dt.date(2013, 3, 15)
    assert v.to_moment(day) is day
    assert v.to_moment("2013-03-15") == "2013-03-15"


def test_moment() -> None:
    accept(v.moment, pendulum.datetime(2013, 3, 15, tz=v.TRIPOLI))
    accept(v.moment, v.to_moment(dt.datetime(2013, 3, 15, tzinfo=dt.UTC)))
    # Unconverted, a time in another zone is refused: the converter runs first.
    refuse(v.moment, dt.datetime(2013, 3, 15, tzinfo=dt.UTC), OutOfRange, "time.out_of_range")
    error = refuse(v.moment, dt.datetime(2013, 3, 15, 8), InvalidType, "time.naive")
    assert str(error) == (
        "datetime.datetime(2013, 3, 15, 8, 0) has no time zone; give an aware time."
    )
    refuse(v.moment, pendulum.naive(2013, 3, 15), InvalidType, "time.naive")
    for junk in (dt.date(2013, 3, 15), "2013-03-15T08:00:00+02:00", 1363334400, None):
        refuse(v.moment, junk, InvalidType, "type")


# --- coordinates -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "90", "-90", "32.88743210", "-0.00000001", "13.1", "1E+1"])
def test_coordinate_accepts(value: str) -> None:
    accept(v.coordinate(90), Decimal(value))


def test_coordinate_range() -> None:
    error = refuse(v.coordinate(90), Decimal("90.00000001"), OutOfRange, "range")
    assert error.params == {"min_value": -90, "max_value": 90}
    refuse(v.coordinate(90), Decimal("-90.00000001"), OutOfRange, "range")
    accept(v.coordinate(180), Decimal("180"))
    refuse(v.coordinate(180), Decimal("180.1"), OutOfRange, "range")
    refuse(v.coordinate(180), Decimal("-181"), OutOfRange, "range")


def test_coordinate_precision_eight_places() -> None:
    accept(v.coordinate(90), Decimal("1.12345678"))
    error = refuse(v.coordinate(90), Decimal("1.123456789"), InvalidFormat, "coordinate.precision")
    assert error.params == {"places": 8}
    assert str(error) == "Decimal('1.123456789') has more than 8 decimal places."
    refuse(v.coordinate(90), Decimal("0.000000000"), InvalidFormat, "coordinate.precision")
    refuse(v.coordinate(90), Decimal("1E-9"), InvalidFormat, "coordinate.precision")


@pytest.mark.parametrize(
    "junk",
    [1.5, 1, "1", None, True, Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity")],
    ids=repr,
)
def test_coordinate_refuses_non_finite_decimals(junk: object) -> None:
    refuse(v.coordinate(90), junk, InvalidType, "type")


def test_to_decimal() -> None:
    assert v.to_decimal(12) == Decimal(12)
    assert type(v.to_decimal(12)) is Decimal
    assert v.to_decimal("32.12345678") == Decimal("32.12345678")
    negative = v.to_decimal("-0.5")
    assert isinstance(negative, Decimal)
    assert negative.as_tuple() == Decimal("-0.5").as_tuple()
    for junk in (True, 1.5, None, b"1"):
        assert v.to_decimal(junk) is junk
    assert v.to_decimal("abc") == "abc"
    kept = Decimal("1.5")
    assert v.to_decimal(kept) is kept


# ---- changed: attrs.evolve that checks only what changes -------------------------


def _record() -> Any:
    from electoral.model import FormState, Gender, ResultForm
    from electoral.results import FormRecord

    form = ResultForm(
        barcode="10001001101",
        ballot_number=101,
        center_id=10001,
        station_number=1,
        gender=Gender.MALE,
        state=FormState.INTAKE,
    )
    return FormRecord(form=form, date_seen=pendulum.datetime(2026, 6, 26, 8, tz=v.TRIPOLI))


@pytest.mark.parametrize(
    "changes",
    [
        {"previous_state": None},
        {"audited_count": 3},
        {"date_seen": dt.datetime(2026, 6, 26, 6, tzinfo=dt.UTC)},
        {"results": []},
    ],
)
def test_changed_gives_what_evolve_gives(changes: dict[str, Any]) -> None:
    record = _record()
    assert v.changed(record, **changes) == attrs.evolve(record, **changes)


@pytest.mark.parametrize(
    "changes",
    [
        {"audited_count": -1},
        {"audited_count": "3"},
        {"date_seen": dt.datetime(2026, 6, 26, 6)},  # naive
        {"previous_state": "Intake"},
    ],
)
def test_changed_refuses_what_evolve_refuses(changes: dict[str, Any]) -> None:
    record = _record()
    with pytest.raises(ValidationError) as ours:
        v.changed(record, **changes)
    with pytest.raises(ValidationError) as theirs:
        attrs.evolve(record, **changes)
    assert (ours.value.code, ours.value.field) == (theirs.value.code, theirs.value.field)


def test_changed_unknown_field_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="no_such"):
        v.changed(_record(), no_such=1)


def test_changed_falls_back_to_evolve_for_a_class_validator() -> None:
    @attrs.frozen
    class Pair:
        low: int
        high: int = attrs.field()

        @high.validator
        def _above(self, attribute: attrs.Attribute[int], value: int) -> None:
            if value < self.low:
                raise ValueError("high below low")

    with pytest.raises(ValueError, match="below"):
        v.changed(Pair(1, 2), low=5)
    assert v.changed(Pair(1, 2), high=3) == Pair(1, 3)


def _times_factor(raw: int, inst: Any) -> int:
    return raw * int(inst.factor)


def test_changed_falls_back_to_evolve_for_a_converter_that_reads_the_instance() -> None:
    @attrs.frozen
    class Scaled:
        factor: int
        value: int = attrs.field(
            converter=attrs.Converter(_times_factor, takes_self=True)  # type: ignore[misc]
        )

    assert v.changed(Scaled(2, 3), value=5) == attrs.evolve(Scaled(2, 3), value=5)
    assert v.changed(Scaled(2, 3), value=5).value == 10


def test_changed_checks_nothing_while_attrs_validators_are_disabled() -> None:
    record = _record()
    with attrs.validators.disabled():
        assert v.changed(record, audited_count=-1).audited_count == -1
    with pytest.raises(ValidationError):
        v.changed(record, audited_count=-1)


def test_the_model_registers_nothing_with_hypothesis_before_hypothesis_is_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    import electoral.model

    monkeypatch.delitem(sys.modules, "hypothesis")
    electoral.model._register_with_hypothesis()
    assert "hypothesis" not in sys.modules


def test_changed_sets_a_field_that_has_no_validator() -> None:
    @attrs.frozen
    class Note:
        text: str
        checked: int = attrs.field(validator=attrs.validators.instance_of(int))

    assert v.changed(Note("a", 1), text="b") == Note("b", 1)


@attrs.frozen
class _OneField:
    count: int = attrs.field(validator=attrs.validators.instance_of(int))


def test_changed_builds_a_class_of_one_field() -> None:
    # a class of one field is copied like any other
    assert v.changed(_OneField(1), count=2) == _OneField(2)
    with pytest.raises(TypeError):
        v.changed(_OneField(1), count="2")


def test_assemble_needs_exactly_the_fields() -> None:
    assert v.assemble(_OneField, count=3) == _OneField(3)
    with pytest.raises(TypeError, match="assemble needs exactly the fields"):
        v.assemble(_OneField)
    with pytest.raises(TypeError, match="assemble needs exactly the fields"):
        v.assemble(_OneField, count=3, extra=4)


@attrs.define(frozen=True, slots=False)
class _NoSlots:
    count: int = attrs.field(validator=attrs.validators.instance_of(int))
    name: str = "x"


def test_builder_builds_what_assemble_builds() -> None:
    make = v.builder(_OneField, "count")
    assert make(3) == v.assemble(_OneField, count=3) == _OneField(3)
    loose = v.builder(_NoSlots, "name", "count")
    assert loose("y", 4) == _NoSlots(4, "y")
    for names in (("count", "count"), ("count", "extra"), ("extra",)):
        with pytest.raises(TypeError, match="builder needs exactly the fields"):
            v.builder(_OneField, *names)
    with pytest.raises(TypeError):  # a value missing is a programming error too
        make()


@attrs.frozen(slots=False)
class _Unslotted:
    low: int = attrs.field(validator=attrs.validators.instance_of(int))
    high: int = attrs.field(validator=attrs.validators.instance_of(int))


def test_changed_and_assemble_build_a_class_without_slots() -> None:
    # its fields are set through object.__setattr__, having no slot to go through
    assert v.changed(_Unslotted(1, 2), high=3) == _Unslotted(1, 3)
    assert v.assemble(_Unslotted, low=4, high=5) == _Unslotted(4, 5)
    assert v.builder(_Unslotted)(6, 7) == _Unslotted(6, 7)


def test_builder_needs_every_field_in_order() -> None:
    build = v.builder(_OneField)
    assert build(3) == _OneField(3)
    with pytest.raises(TypeError):
        build()
    with pytest.raises(TypeError):
        build(3, 4)


def test_revised_sets_made_parts_as_they_are_and_checks_the_changes() -> None:
    record = _record()
    made = {"previous_state": record.state}
    assert v.revised(record, made, audited_count=2) == attrs.evolve(
        record, previous_state=record.state, audited_count=2
    )
    with pytest.raises(ValidationError):
        v.revised(record, made, audited_count=-1)
    with pytest.raises(TypeError, match="no_such"):
        v.revised(record, {"no_such": 1})


def test_replacer_copies_with_the_given_fields_set_as_they_are() -> None:
    from electoral.model import FormState

    record = _record()
    form = record.form
    in_state = v.replacer(type(form), "state")
    assert in_state(form, FormState.DATA_ENTRY_1) == attrs.evolve(
        form, state=FormState.DATA_ENTRY_1
    )
    moved = v.replacer(type(record), "form", "previous_state")
    new = moved(record, in_state(form, FormState.ARCHIVED), record.state)
    assert new == attrs.evolve(
        record, form=attrs.evolve(form, state=FormState.ARCHIVED), previous_state=record.state
    )
    assert new.results is record.results  # the other fields are shared, not copied
    # the class's own check runs on the copy, as in __init__
    with pytest.raises(ValidationError, match="station"):
        v.replacer(type(form), "station_number")(form, None)
    assert v.replacer(_NoSlots, "name")(_NoSlots(1), "z") == _NoSlots(1, "z")
    for names in ((), ("count", "count"), ("extra",)):
        with pytest.raises(TypeError, match="replacer needs distinct fields"):
            v.replacer(_OneField, *names)


def test_differ_names_the_changed_fields_in_order() -> None:
    diff = v.differ(_Unslotted)
    assert diff(_Unslotted(1, 2), _Unslotted(1, 2)) == ()
    assert diff(_Unslotted(3, 2), _Unslotted(1, 2)) == (("low", 3),)
    assert diff(_Unslotted(3, 4), _Unslotted(1, 2)) == (("low", 3), ("high", 4))
    # equal values count as unchanged, though they are other objects
    big, same = int("1" + "0" * 20), int("100" + "0" * 18)
    assert big is not same
    assert diff(_Unslotted(big, 1), _Unslotted(same, 1)) == ()


def test_settled_completes_a_fresh_copy_as_revised_does() -> None:
    record = _record()
    fresh = v.replacer(type(record), "previous_state")
    made = {"results": ()}
    expected = v.revised(record, {"previous_state": record.state, **made}, audited_count=2)
    assert v.settled(fresh(record, record.state), made, {"audited_count": 2}) == expected
    with pytest.raises(ValidationError):
        v.settled(fresh(record, record.state), {}, {"audited_count": -1})
    with pytest.raises(TypeError, match="no_such"):
        v.settled(fresh(record, record.state), {}, {"no_such": 1})


@attrs.frozen
class _Ordered:
    low: int
    high: int = attrs.field()

    @high.validator
    def _not_below(self, _: Any, value: int) -> None:
        if value < self.low:
            raise ValueError("below")


def test_settled_falls_back_to_evolve_for_a_validator_written_as_a_method() -> None:
    assert v.settled(_Ordered(1, 2), {}, {"high": 3}) == _Ordered(1, 3)
    with pytest.raises(ValueError, match="below"):
        v.settled(_Ordered(1, 2), {}, {"high": 0})


def _lookup(value: object) -> object:
    return {"a": 1}[str(value)]  # a KeyError for anything but "a"


@attrs.frozen
class _Looked:
    code: object = attrs.field(converter=_lookup)


def test_revised_lets_a_converters_key_error_stand() -> None:
    # a KeyError from a converter is not an unknown field's: it is raised as it came
    assert v.revised(_Looked("a"), {}, code="a") == _Looked("a")
    with pytest.raises(KeyError, match="b"):
        v.revised(_Looked("a"), {}, code="b")


def test_changed_runs_the_classs_own_check() -> None:
    form = _record().form
    assert v.changed(form, station_number=2).station_number == 2
    with pytest.raises(ValidationError) as refused:  # a station without its centre
        v.changed(form, center_id=None)
    assert refused.value.code == "result_form.station_without_center"
