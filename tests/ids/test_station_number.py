"""Tests for electoral.ids.station_number: every rule, error code, folding and property."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InvalidFormat, InvalidType, OutOfRange, ValidationError
from electoral.ids import station_number

FIELD = "station_number"
ASCII_DIGITS = "0123456789"
ARABIC = str.maketrans(ASCII_DIGITS, "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans(ASCII_DIGITS, "۰۱۲۳۴۵۶۷۸۹")
FULLWIDTH = str.maketrans(ASCII_DIGITS, "０１２３４５６７８９")
SUPERSCRIPT = str.maketrans(ASCII_DIGITS, "⁰¹²³⁴⁵⁶⁷⁸⁹")

validate: Callable[[Any], str] = station_number.validate
compact: Callable[[Any], str] = station_number.compact
is_valid: Callable[[Any], bool] = station_number.is_valid


def raises(number: object, cls: type[ValidationError], code: str) -> ValidationError:
    """Validate ``number``, expecting exactly ``cls`` with ``code``; return the error."""
    with pytest.raises(cls) as excinfo:
        validate(number)
    error = excinfo.value
    assert type(error) is cls
    assert error.code == code
    assert error.field == FIELD
    assert error.value is number
    assert is_valid(number) is False
    return error


def outcome(number: str | int) -> tuple[str, str]:
    """The result of validating ``number``: ("ok", text) or (error class, code)."""
    try:
        return ("ok", station_number.validate(number))
    except ValidationError as error:
        return (type(error).__name__, error.code)


def test_constants() -> None:
    assert station_number.MIN_VALUE == 1
    assert station_number.MAX_VALUE == 102


# --- valid input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("1", "1"),
        ("01", "1"),
        ("001", "1"),
        ("002", "2"),
        ("017", "17"),
        ("99", "99"),
        ("102", "102"),
        ("0102", "102"),
        ("000102", "102"),  # six digits
        (1, "1"),
        (7, "7"),
        (102, "102"),
        (" 7 ", "7"),
        ("1 02", "102"),
        ("0-02", "2"),
        ("\u00a0٠٠٢\u2009", "2"),
        ("٧", "7"),
        ("١٠٢", "102"),
        ("۱۰۲", "102"),
        ("１０２", "102"),
    ],
)
def test_validate_valid(number: str | int, expected: str) -> None:
    assert station_number.validate(number) == expected
    assert station_number.is_valid(number) is True
    assert station_number.to_int(number) == int(expected)


# --- errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "cls", "code"),
    [
        ("", InvalidFormat, "station_number.format"),
        ("   ", InvalidFormat, "station_number.format"),
        ("-", InvalidFormat, "station_number.format"),
        ("a", InvalidFormat, "station_number.format"),
        ("1a", InvalidFormat, "station_number.format"),
        ("1.0", InvalidFormat, "station_number.format"),
        ("+1", InvalidFormat, "station_number.format"),
        ("1\u200b2", InvalidFormat, "station_number.format"),
        ("\u206612\u2069", InvalidFormat, "station_number.format"),
        ("12".translate(SUPERSCRIPT), InvalidFormat, "station_number.format"),
        ("\ud800", InvalidFormat, "station_number.format"),
        ("0", OutOfRange, "range"),
        ("000", OutOfRange, "range"),
        ("103", OutOfRange, "range"),
        ("999", OutOfRange, "range"),
        ("999999", OutOfRange, "range"),
        ("1000000", OutOfRange, "range"),
        ("1" * 5000, OutOfRange, "range"),  # no int() of a huge string
        ("١٠٣", OutOfRange, "range"),
        (0, OutOfRange, "range"),
        (103, OutOfRange, "range"),
        (10**30, OutOfRange, "range"),
    ],
)
def test_validate_errors(number: str | int, cls: type[ValidationError], code: str) -> None:
    error = raises(number, cls, code)
    if code == "range":
        assert error.params == {"min_value": 1, "max_value": 102}


@pytest.mark.parametrize(
    "number",
    [None, 2.0, math.nan, True, False, b"2", bytearray(b"2"), [2], {2: 2}, object()],
    ids=lambda number: type(number).__name__,
)
def test_refuses_other_types(number: object) -> None:
    raises(number, InvalidType, "type")
    with pytest.raises(InvalidType):
        compact(number)


def test_error_messages() -> None:
    error = raises("103", OutOfRange, "range")
    assert str(error) == "'103' must lie between 1 and 102."
    assert error.message("ar") == "يجب أن تكون القيمة '103' بين 1 و102."
    error = raises(0, OutOfRange, "range")
    assert str(error) == "0 must lie between 1 and 102."
    error = raises("x", InvalidFormat, "station_number.format")
    assert str(error) == "A station number contains only digits."
    assert error.message("ar") == "رقم المحطة يتكون من أرقام فقط."


@pytest.mark.parametrize("number", ["0000001", "0000000102", "٠٠٠٠٠٠٠٠٠٧"])
def test_many_leading_zeros_are_dropped(number: str) -> None:
    assert station_number.validate(number) == str(int(number))


@pytest.mark.parametrize("number", [-1, -5, -102])
def test_negative_int_is_refused(number: int) -> None:
    assert station_number.is_valid(number) is False


def test_huge_int_raises_validation_error() -> None:
    with pytest.raises(ValidationError):
        station_number.validate(10**5000)


# --- compact, format, to_int -------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [("٠٠٢", "002"), (" 0 02 ", "002"), ("abc", "abc"), ("", ""), (0, "0"), (103, "103")],
)
def test_compact_does_not_validate(number: str | int, expected: str) -> None:
    assert station_number.compact(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("1", "001"),
        ("2", "002"),
        ("002", "002"),
        ("17", "017"),
        ("٧", "007"),
        ("99", "099"),
        ("102", "102"),
        ("000102", "102"),
        (5, "005"),
        (100, "100"),
    ],
)
def test_format(number: str | int, expected: str) -> None:
    assert station_number.format(number) == expected


@pytest.mark.parametrize(
    ("number", "cls", "code"),
    [
        ("0", OutOfRange, "range"),
        ("x", InvalidFormat, "station_number.format"),
        (None, InvalidType, "type"),
    ],
)
def test_format_and_to_int_validate(number: object, cls: type[ValidationError], code: str) -> None:
    to_int: Callable[[Any], int] = station_number.to_int
    format_: Callable[[Any], str] = station_number.format
    for function in (format_, to_int):
        with pytest.raises(cls) as excinfo:
            function(number)
        assert type(excinfo.value) is cls
        assert excinfo.value.code == code
        assert excinfo.value.value is number


# --- properties --------------------------------------------------------------------------

valid_ints = st.integers(station_number.MIN_VALUE, station_number.MAX_VALUE)
padded = st.builds(lambda n, width: str(n).zfill(width), valid_ints, st.integers(0, 6))
anything = st.one_of(
    st.text(),
    st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩ -", max_size=10),
    padded,
    st.integers(),
    valid_ints,
)


@given(anything)
def test_validate_is_idempotent(number: str | int) -> None:
    try:
        once = station_number.validate(number)
    except ValidationError:
        return
    assert station_number.validate(once) == once
    assert 1 <= int(once) <= 102
    assert str(int(once)) == once


@given(anything)
def test_is_valid_agrees_with_validate(number: str | int) -> None:
    try:
        station_number.validate(number)
    except ValidationError:
        assert station_number.is_valid(number) is False
    else:
        assert station_number.is_valid(number) is True


@given(anything)
def test_compact_is_idempotent(number: str | int) -> None:
    if isinstance(number, int) and number < 0:
        with pytest.raises(ValidationError):  # a minus sign is not a dash to fold
            station_number.compact(number)
        return
    once = station_number.compact(number)
    assert station_number.compact(once) == once


@given(st.one_of(padded, valid_ints))
def test_format_validates_back(number: str | int) -> None:
    compacted = station_number.validate(number)
    formatted = station_number.format(number)
    assert station_number.validate(formatted) == compacted
    assert len(formatted) == 3
    assert int(formatted) == station_number.to_int(number)


@given(st.text(alphabet="0123456789 -", max_size=8))
def test_arabic_digits_fold_like_ascii(number: str) -> None:
    assert outcome(number.translate(ARABIC)) == outcome(number)
    assert outcome(number.translate(PERSIAN)) == outcome(number)
    assert outcome(number.translate(FULLWIDTH)) == outcome(number)


@given(st.integers(0, 10**9))
def test_non_negative_ints(number: int) -> None:
    assert station_number.is_valid(number) is (1 <= number <= 102)
    assert station_number.is_valid(number) is station_number.is_valid(str(number))
