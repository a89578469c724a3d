"""Tests for electoral.ids.barcode: every rule, error code, folding and property."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InvalidFormat, InvalidLength, InvalidType, ValidationError
from electoral.ids import barcode
from electoral.ids.barcode import BarcodeParts

FIELD = "barcode"
ASCII_DIGITS = "0123456789"
ARABIC = str.maketrans(ASCII_DIGITS, "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans(ASCII_DIGITS, "۰۱۲۳۴۵۶۷۸۹")
FULLWIDTH = str.maketrans(ASCII_DIGITS, "０１２３４５６７８９")
SUPERSCRIPT = str.maketrans(ASCII_DIGITS, "⁰¹²³⁴⁵⁶⁷⁸⁹")

validate: Callable[[Any], str] = barcode.validate
compact: Callable[[Any], str] = barcode.compact
format_: Callable[[Any], str] = barcode.format
parse: Callable[[Any], BarcodeParts | None] = barcode.parse
is_valid: Callable[[Any], bool] = barcode.is_valid


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


def outcome(number: str) -> tuple[str, str]:
    """The result of validating ``number``: ("ok", text) or (error class, code)."""
    try:
        return ("ok", barcode.validate(number))
    except ValidationError as error:
        return (type(error).__name__, error.code)


def test_constants() -> None:
    assert barcode.MAX_LENGTH == 255
    assert barcode.LAYOUT_LENGTH == 11


# --- valid input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("000000001", "000000001"),  # leading zeros are significant
        ("1", "1"),
        ("0", "0"),
        ("00", "00"),
        ("1234", "1234"),  # no length rule at entry
        ("123456789", "123456789"),  # a 2014 nine-digit barcode
        ("10000001", "10000001"),
        ("10000000001", "10000000001"),
        ("31001002117", "31001002117"),
        ("99990001001", "99990001001"),
        ("9" * 255, "9" * 255),
        ("31001 002 117", "31001002117"),
        ("31001-002-117", "31001002117"),
        (" 000000001 ", "000000001"),
        ("31001\u00a0002\u2013117", "31001002117"),
        ("٣١٠٠١ ٠٠٢ ١١٧", "31001002117"),
        ("٠٠٠٠٠٠٠٠١", "000000001"),
        ("۳۱۰۰۱۰۰۲۱۱۷", "31001002117"),
        ("３１００１００２１１７", "31001002117"),
        ("9" * 255 + "   ", "9" * 255),  # separators do not count
    ],
)
def test_validate_valid(number: str, expected: str) -> None:
    assert barcode.validate(number) == expected
    assert barcode.is_valid(number) is True
    assert barcode.compact(number) == expected


def test_leading_zeros_make_a_different_barcode() -> None:
    assert barcode.validate("000000001") != barcode.validate("1")
    assert barcode.validate("000123") == "000123"


# --- errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "cls", "code"),
    [
        ("", InvalidLength, "barcode.length"),
        ("   ", InvalidLength, "barcode.length"),
        ("-", InvalidLength, "barcode.length"),
        ("1" * 256, InvalidLength, "barcode.length"),
        ("a" * 256, InvalidLength, "barcode.length"),  # length is checked before format
        ("١" * 256, InvalidLength, "barcode.length"),
        ("a", InvalidFormat, "barcode.format"),
        ("3100100211x", InvalidFormat, "barcode.format"),
        ("31001.002", InvalidFormat, "barcode.format"),
        ("+31001002117", InvalidFormat, "barcode.format"),
        ("31001\u200b002117", InvalidFormat, "barcode.format"),
        ("\u200e31001002117", InvalidFormat, "barcode.format"),
        ("31001002117\ufeff", InvalidFormat, "barcode.format"),
        ("31001002117".translate(SUPERSCRIPT), InvalidFormat, "barcode.format"),
        ("\ud800", InvalidFormat, "barcode.format"),
        ("😀", InvalidFormat, "barcode.format"),
    ],
)
def test_validate_errors(number: str, cls: type[ValidationError], code: str) -> None:
    error = raises(number, cls, code)
    if code == "barcode.length":
        assert error.params == {"max_length": 255}


@pytest.mark.parametrize(
    "number",
    [
        31001002117,  # an int has already lost its leading zeros
        1,
        0,
        -1,
        10**300,
        None,
        31001002117.0,
        math.nan,
        True,
        False,
        b"31001002117",
        bytearray(b"31001002117"),
        ["31001002117"],
        {},
        object(),
    ],
    ids=lambda number: type(number).__name__,
)
def test_refuses_int_and_other_types(number: object) -> None:
    raises(number, InvalidType, "type")
    for function in (compact, format_, parse):
        with pytest.raises(InvalidType) as excinfo:
            function(number)
        assert excinfo.value.code == "type"
        assert excinfo.value.field == FIELD
        assert excinfo.value.value is number


def test_error_messages() -> None:
    error = raises(31001002117, InvalidType, "type")
    assert str(error) == "31001002117 is not of an accepted type."
    error = raises("", InvalidLength, "barcode.length")
    assert str(error) == "A barcode has 1 to 255 digits."
    assert error.message("ar") == "يتكون الرمز الشريطي من رقم واحد إلى 255 رقمًا."
    error = raises("12x", InvalidFormat, "barcode.format")
    assert str(error) == "A barcode contains only digits."
    assert error.message("ar") == "الرمز الشريطي يتكون من أرقام فقط."


def test_huge_int_raises_invalid_type() -> None:
    with pytest.raises(InvalidType):
        validate(10**5000)


# --- compact, format, parse ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [("٠٠١ x", "001x"), ("", ""), ("000 000 001", "000000001"), ("abc", "abc")],
)
def test_compact_does_not_validate(number: str, expected: str) -> None:
    assert barcode.compact(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("31001002117", "31001 002 117"),
        ("٣١٠٠١٠٠٢١١٧", "31001 002 117"),
        ("31001 002 117", "31001 002 117"),
        ("99990001001", "99990 001 001"),
        ("00000000001", "00000 000 001"),
        ("000000001", "000000001"),  # only 11-digit barcodes are grouped
        ("1", "1"),
        ("123456789012", "123456789012"),
        ("10000001", "10000001"),
    ],
)
def test_format(number: str, expected: str) -> None:
    assert barcode.format(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("31001002117", BarcodeParts(31001, 2, 117)),
        ("31001 002 117", BarcodeParts(31001, 2, 117)),
        ("٣١٠٠١٠٠٢١١٧", BarcodeParts(31001, 2, 117)),
        ("99990001001", BarcodeParts(99990, 1, 1)),  # a replacement form: not a real centre
        ("10000000001", BarcodeParts(10000, 0, 1)),
        ("00000000000", BarcodeParts(0, 0, 0)),
        ("000000001", None),
        ("123", None),
        ("123456789012", None),
    ],
)
def test_parse(number: str, expected: BarcodeParts | None) -> None:
    assert barcode.parse(number) == expected


def test_parse_fields() -> None:
    parts = barcode.parse("31001002117")
    assert parts is not None
    assert (parts.center_id, parts.station_number, parts.ballot_number) == (31001, 2, 117)


@pytest.mark.parametrize(
    ("number", "cls", "code"),
    [("", InvalidLength, "barcode.length"), ("3100100211x", InvalidFormat, "barcode.format")],
)
def test_format_and_parse_validate(number: str, cls: type[ValidationError], code: str) -> None:
    for function in (format_, parse):
        with pytest.raises(cls) as excinfo:
            function(number)
        assert type(excinfo.value) is cls
        assert excinfo.value.code == code


# --- properties --------------------------------------------------------------------------

valid_texts = st.text(alphabet=ASCII_DIGITS, min_size=1, max_size=255)
layout = st.text(alphabet=ASCII_DIGITS, min_size=11, max_size=11)
anything = st.one_of(
    st.text(),
    st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩ -", max_size=20),
    valid_texts,
    layout,
)


@given(anything)
def test_validate_is_idempotent(number: str) -> None:
    try:
        once = barcode.validate(number)
    except ValidationError:
        return
    assert barcode.validate(once) == once
    assert 1 <= len(once) <= 255
    assert once.isascii()
    assert once.isdigit()


@given(anything)
def test_is_valid_agrees_with_validate(number: str) -> None:
    try:
        barcode.validate(number)
    except ValidationError:
        assert barcode.is_valid(number) is False
    else:
        assert barcode.is_valid(number) is True


@given(anything)
def test_compact_is_idempotent(number: str) -> None:
    once = barcode.compact(number)
    assert barcode.compact(once) == once


@given(st.one_of(valid_texts, layout))
def test_format_validates_back(number: str) -> None:
    assert barcode.validate(barcode.format(number)) == number
    assert barcode.validate(number) == number  # leading zeros survive


@given(layout)
def test_parse_reads_the_layout(number: str) -> None:
    parts = barcode.parse(number)
    assert parts is not None
    assert f"{parts.center_id:05d}{parts.station_number:03d}{parts.ballot_number:03d}" == number


@given(st.text(alphabet="0123456789 -", max_size=20))
def test_arabic_digits_fold_like_ascii(number: str) -> None:
    assert outcome(number.translate(ARABIC)) == outcome(number)
    assert outcome(number.translate(PERSIAN)) == outcome(number)
    assert outcome(number.translate(FULLWIDTH)) == outcome(number)


@given(st.integers())
def test_ints_are_always_refused(number: int) -> None:
    assert barcode.is_valid(number) is False
    assert barcode.is_valid(str(abs(number))) is True
    assert barcode.validate(str(number)) == str(abs(number))  # a '-' is a dash: folded
