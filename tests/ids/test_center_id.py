"""Tests for electoral.ids.center_id: every rule, error code, folding and property."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import (
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    ValidationError,
)
from electoral.ids import center_id

FIELD = "center_id"
ASCII_DIGITS = "0123456789"
ARABIC = str.maketrans(ASCII_DIGITS, "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans(ASCII_DIGITS, "۰۱۲۳۴۵۶۷۸۹")
THAI = str.maketrans(ASCII_DIGITS, "๐๑๒๓๔๕๖๗๘๙")
FULLWIDTH = str.maketrans(ASCII_DIGITS, "０１２３４５６７８９")
SUPERSCRIPT = str.maketrans(ASCII_DIGITS, "⁰¹²³⁴⁵⁶⁷⁸⁹")

validate: Callable[[Any], str] = center_id.validate
compact: Callable[[Any], str] = center_id.compact
is_valid: Callable[[Any], bool] = center_id.is_valid


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
        return ("ok", center_id.validate(number))
    except ValidationError as error:
        return (type(error).__name__, error.code)


def test_constants() -> None:
    assert center_id.LENGTH == 5
    assert center_id.MIN_VALUE == 10_000
    assert center_id.MAX_VALUE == 99_999
    assert center_id.NO_SUCH_CENTER == 99_998
    assert center_id.OUT_OF_COUNTRY_MIN == 80_001


# --- valid input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("10000", "10000"),
        ("10001", "10001"),
        ("31001", "31001"),
        ("80001", "80001"),
        ("99998", "99998"),
        ("99999", "99999"),
        (10000, "10000"),
        (31001, "31001"),
        (99999, "99999"),
        (" 31001 ", "31001"),
        ("31 001", "31001"),
        ("31-001", "31001"),
        ("31\u2013001", "31001"),
        ("\u00a031001\u3000", "31001"),
        ("٣١٠٠١", "31001"),
        ("۳۱۰۰۱", "31001"),
        ("๓๑๐๐๑", "31001"),
        ("３１００１", "31001"),
        ("٣١ ٠٠١", "31001"),
        ("31٠٠1", "31001"),
    ],
)
def test_validate_valid(number: str | int, expected: str) -> None:
    assert center_id.validate(number) == expected
    assert center_id.is_valid(number) is True
    assert center_id.to_int(number) == int(expected)
    assert center_id.format(number) == expected


# --- errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "cls", "code"),
    [
        ("", InvalidLength, "center_id.length"),
        ("   ", InvalidLength, "center_id.length"),
        ("1", InvalidLength, "center_id.length"),
        ("1000", InvalidLength, "center_id.length"),
        ("9999", InvalidLength, "center_id.length"),
        ("100000", InvalidLength, "center_id.length"),
        ("٣١٠٠١٠", InvalidLength, "center_id.length"),
        ("1" * 1000, InvalidLength, "center_id.length"),
        (9999, InvalidLength, "center_id.length"),
        (100000, InvalidLength, "center_id.length"),
        (0, InvalidLength, "center_id.length"),
        ("x", InvalidFormat, "center_id.format"),
        ("3100a", InvalidFormat, "center_id.format"),
        ("31001.0", InvalidFormat, "center_id.format"),
        ("+31001", InvalidFormat, "center_id.format"),
        ("3100a1", InvalidFormat, "center_id.format"),  # format is checked before length
        ("31\u200b001", InvalidFormat, "center_id.format"),
        ("\u202e31001", InvalidFormat, "center_id.format"),
        ("31001".translate(SUPERSCRIPT), InvalidFormat, "center_id.format"),
        ("\ud800", InvalidFormat, "center_id.format"),
        ("01234", InvalidComponent, "center_id.leading_zero"),
        ("00000", InvalidComponent, "center_id.leading_zero"),
        ("09999", InvalidComponent, "center_id.leading_zero"),
        ("٠١٢٣٤", InvalidComponent, "center_id.leading_zero"),
    ],
)
def test_validate_errors(number: str | int, cls: type[ValidationError], code: str) -> None:
    raises(number, cls, code)


@pytest.mark.parametrize(
    "number",
    [None, 31001.0, math.inf, True, False, b"31001", bytearray(b"31001"), [31001], {}, object()],
    ids=lambda number: type(number).__name__,
)
def test_refuses_other_types(number: object) -> None:
    raises(number, InvalidType, "type")
    with pytest.raises(InvalidType):
        compact(number)


def test_error_messages() -> None:
    error = raises("100000", InvalidLength, "center_id.length")
    assert str(error) == "A centre ID is a 5-digit number from 10000 to 99999."
    assert error.message("ar") == "رقم المركز عدد من 5 أرقام بين 10000 و99999."
    error = raises("3100x", InvalidFormat, "center_id.format")
    assert str(error) == "A centre ID contains only digits."
    assert error.message("ar") == "رقم المركز يتكون من أرقام فقط."
    error = raises("01234", InvalidComponent, "center_id.leading_zero")
    assert str(error) == "A centre ID cannot start with 0."
    assert error.message("ar") == "لا يمكن أن يبدأ رقم المركز بالصفر."


def test_negative_int_is_refused() -> None:
    assert center_id.is_valid(-31001) is False


def test_huge_int_raises_validation_error() -> None:
    with pytest.raises(ValidationError):
        center_id.validate(10**5000)


# --- compact, to_int, is_out_of_country ----------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [("٣١ ٠٠١", "31001"), ("0123", "0123"), ("abc", "abc"), ("", ""), (100000, "100000")],
)
def test_compact_does_not_validate(number: str | int, expected: str) -> None:
    assert center_id.compact(number) == expected


@pytest.mark.parametrize(
    ("number", "cls", "code"),
    [
        ("01234", InvalidComponent, "center_id.leading_zero"),
        ("abc", InvalidFormat, "center_id.format"),
        ("100000", InvalidLength, "center_id.length"),
        (1.5, InvalidType, "type"),
    ],
)
def test_format_validates(number: object, cls: type[ValidationError], code: str) -> None:
    with pytest.raises(cls) as excinfo:
        center_id.format(number)  # type: ignore[arg-type]
    assert type(excinfo.value) is cls
    assert excinfo.value.code == code
    assert excinfo.value.value is number


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (10000, False),
        ("31001", False),
        ("79999", False),
        ("80000", False),
        ("80001", True),
        ("٨٠٠٠١", True),
        (80002, True),
        ("99998", True),
        (99999, True),
    ],
)
def test_is_out_of_country(number: str | int, expected: bool) -> None:
    assert center_id.is_out_of_country(number) is expected


@pytest.mark.parametrize(
    ("number", "cls", "code"),
    [
        ("01234", InvalidComponent, "center_id.leading_zero"),
        ("100000", InvalidLength, "center_id.length"),
        ("x", InvalidFormat, "center_id.format"),
        (None, InvalidType, "type"),
    ],
)
def test_to_int_and_out_of_country_raise_like_validate(
    number: object, cls: type[ValidationError], code: str
) -> None:
    to_int: Callable[[Any], int] = center_id.to_int
    out_of_country: Callable[[Any], bool] = center_id.is_out_of_country
    for function in (to_int, out_of_country):
        with pytest.raises(cls) as excinfo:
            function(number)
        assert type(excinfo.value) is cls
        assert excinfo.value.code == code
        assert excinfo.value.value is number


# --- properties --------------------------------------------------------------------------

valid_ints = st.integers(center_id.MIN_VALUE, center_id.MAX_VALUE)
valid_texts = valid_ints.map(str)
anything = st.one_of(
    st.text(),
    st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩ -", max_size=8),
    valid_texts,
    st.integers(),
    valid_ints,
)


@given(anything)
def test_validate_is_idempotent(number: str | int) -> None:
    try:
        once = center_id.validate(number)
    except ValidationError:
        return
    assert center_id.validate(once) == once
    assert center_id.MIN_VALUE <= int(once) <= center_id.MAX_VALUE
    assert str(int(once)) == once


@given(anything)
def test_is_valid_agrees_with_validate(number: str | int) -> None:
    try:
        center_id.validate(number)
    except ValidationError:
        assert center_id.is_valid(number) is False
    else:
        assert center_id.is_valid(number) is True


@given(anything)
def test_compact_is_idempotent(number: str | int) -> None:
    if isinstance(number, int) and number < 0:
        with pytest.raises(ValidationError):  # a minus sign is not a dash to fold
            center_id.compact(number)
        return
    once = center_id.compact(number)
    assert center_id.compact(once) == once


@given(st.one_of(valid_texts, valid_ints, valid_texts.map(lambda text: text.translate(ARABIC))))
def test_format_validates_back(number: str | int) -> None:
    compacted = center_id.validate(number)
    assert center_id.validate(center_id.format(number)) == compacted


@given(valid_ints)
def test_int_and_text_agree(number: int) -> None:
    assert center_id.validate(number) == str(number)
    assert center_id.to_int(str(number)) == number
    assert center_id.is_out_of_country(number) is (number >= 80_001)


@given(st.text(alphabet="0123456789 -", max_size=8))
def test_arabic_digits_fold_like_ascii(number: str) -> None:
    assert outcome(number.translate(ARABIC)) == outcome(number)
    assert outcome(number.translate(PERSIAN)) == outcome(number)
    assert outcome(number.translate(FULLWIDTH)) == outcome(number)


@given(st.integers(0, 10**7))
def test_non_negative_ints(number: int) -> None:
    assert center_id.is_valid(number) is (10_000 <= number <= 99_999)
