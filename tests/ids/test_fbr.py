"""Tests for electoral.ids.fbr: every rule, error code, folding and property."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InvalidFormat, InvalidLength, InvalidType, ValidationError
from electoral.ids import fbr

FIELD = "fbr_number"
ASCII_DIGITS = "0123456789"
ARABIC = str.maketrans(ASCII_DIGITS, "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans(ASCII_DIGITS, "۰۱۲۳۴۵۶۷۸۹")
BENGALI = str.maketrans(ASCII_DIGITS, "০১২৩৪৫৬৭৮৯")
FULLWIDTH = str.maketrans(ASCII_DIGITS, "０１２３４５６７８９")
SUPERSCRIPT = str.maketrans(ASCII_DIGITS, "⁰¹²³⁴⁵⁶⁷⁸⁹")

validate: Callable[[Any], str] = fbr.validate
compact: Callable[[Any], str] = fbr.compact
is_valid: Callable[[Any], bool] = fbr.is_valid


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
        return ("ok", fbr.validate(number))
    except ValidationError as error:
        return (type(error).__name__, error.code)


def test_constants() -> None:
    assert fbr.MAX_LENGTH == 20


# --- valid input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("12345", "12345"),
        ("0", "0"),
        ("0012", "0012"),  # leading zeros are kept: the registry compares strings
        ("r1234", "r1234"),
        ("f56789", "f56789"),
        ("se4471", "se4471"),
        ("te771", "te771"),
        ("SE4471", "SE4471"),  # case is never changed
        ("Te771", "Te771"),
        ("abcdefghijklmnopqrs1", "abcdefghijklmnopqrs1"),  # 20 characters
        ("1" * 20, "1" * 20),
        ("se 4471", "se4471"),
        ("se-4471", "se4471"),
        (" r 12 ", "r12"),
        ("te\u00a0771", "te771"),
        ("te\u2013771", "te771"),
        ("1 2345678901 234567890", "12345678901234567890"),  # 20 once compacted
        ("١٢٣٤٥", "12345"),
        ("۱۲۳۴۵", "12345"),
        ("se٤٤٧١", "se4471"),
        ("r۱۲۳", "r123"),
        ("১২৩", "123"),
        ("０１２", "012"),
        (7781, "7781"),
        (0, "0"),
        (10**19, "1" + "0" * 19),
    ],
)
def test_validate_valid(number: str | int, expected: str) -> None:
    assert fbr.validate(number) == expected
    assert fbr.is_valid(number) is True
    assert fbr.compact(number) == expected


# --- errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "cls", "code"),
    [
        ("", InvalidFormat, "fbr.format"),
        ("  ", InvalidFormat, "fbr.format"),
        ("se", InvalidFormat, "fbr.format"),  # letters need digits after them
        ("12a3", InvalidFormat, "fbr.format"),  # digits then letters
        ("1234r", InvalidFormat, "fbr.format"),
        ("se4471x", InvalidFormat, "fbr.format"),
        ("se.4471", InvalidFormat, "fbr.format"),
        ("se/4471", InvalidFormat, "fbr.format"),
        ("ر123", InvalidFormat, "fbr.format"),  # Arabic letters are not ASCII letters
        ("ｓｅ4471", InvalidFormat, "fbr.format"),  # fullwidth letters
        ("é12", InvalidFormat, "fbr.format"),
        ("r1\u200b2", InvalidFormat, "fbr.format"),
        ("\u202bse4471\u202c", InvalidFormat, "fbr.format"),
        ("12345".translate(SUPERSCRIPT), InvalidFormat, "fbr.format"),
        ("\ud800", InvalidFormat, "fbr.format"),
        ("1" * 21, InvalidLength, "fbr.length"),
        ("a" * 21, InvalidLength, "fbr.length"),  # length is checked before format
        ("se" + "1" * 19, InvalidLength, "fbr.length"),
        ("١" * 21, InvalidLength, "fbr.length"),
        (10**20, InvalidLength, "fbr.length"),
    ],
)
def test_validate_errors(number: str | int, cls: type[ValidationError], code: str) -> None:
    error = raises(number, cls, code)
    if code == "fbr.length":
        assert error.params == {"max_length": 20}


@pytest.mark.parametrize(
    "number",
    [None, 12.0, math.nan, True, False, b"12345", bytearray(b"12"), ["12"], {}, object()],
    ids=lambda number: type(number).__name__,
)
def test_refuses_other_types(number: object) -> None:
    raises(number, InvalidType, "type")
    with pytest.raises(InvalidType):
        compact(number)


def test_error_messages() -> None:
    error = raises("12a3", InvalidFormat, "fbr.format")
    assert str(error) == (
        "Not a valid Family Book Registry Number. Must be all digits, or a "
        "sequence of 1 or more characters followed by 1 or more digits."
    )
    assert error.message("ar") == (
        "رقم قيد العائلة غير صالح. يجب أن يتكون من أرقام فقط، أو من حرف أو أكثر يليه رقم أو أكثر."
    )
    error = raises("1" * 21, InvalidLength, "fbr.length")
    assert str(error) == "A Family Book Registry Number is at most 20 characters long."
    assert error.message("ar") == "يجب ألا يزيد رقم قيد العائلة عن 20 حرفًا."


@pytest.mark.parametrize("number", [-1, -12345])
def test_negative_int_is_refused(number: int) -> None:
    assert fbr.is_valid(number) is False


def test_huge_int_raises_validation_error() -> None:
    with pytest.raises(ValidationError):
        fbr.validate(10**5000)


# --- compact, format, prefix, serial -----------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("se 4471", "se4471"),
        ("SE-4471", "SE4471"),
        ("٠٠١٢", "0012"),
        ("12a3", "12a3"),  # compact does not validate
        ("", ""),
        ("ر ١٢", "ر12"),
        (7781, "7781"),
    ],
)
def test_compact(number: str | int, expected: str) -> None:
    assert fbr.compact(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("se 4471", "se4471"),
        ("SE-4471", "SE4471"),
        ("٠٠١٢", "0012"),
        ("te\u00a0٧٧١", "te771"),
        (7781, "7781"),
    ],
)
def test_format(number: str | int, expected: str) -> None:
    assert fbr.format(number) == expected


@pytest.mark.parametrize(
    ("number", "cls", "code"),
    [
        ("12a3", InvalidFormat, "fbr.format"),
        ("", InvalidFormat, "fbr.format"),
        ("1" * 21, InvalidLength, "fbr.length"),
        (None, InvalidType, "type"),
    ],
)
def test_format_validates(number: object, cls: type[ValidationError], code: str) -> None:
    with pytest.raises(cls) as excinfo:
        fbr.format(number)  # type: ignore[arg-type]
    assert type(excinfo.value) is cls
    assert excinfo.value.code == code
    assert excinfo.value.value is number


@pytest.mark.parametrize(
    ("number", "prefix", "serial"),
    [
        ("te771", "te", "771"),
        ("se 4471", "se", "4471"),
        ("r1234", "r", "1234"),
        ("f٥٦٧٨٩", "f", "56789"),
        ("SE0001", "SE", "0001"),
        ("12345", "", "12345"),
        ("0012", "", "0012"),
        (7781, "", "7781"),
        ("abcdefghijklmnopqrs1", "abcdefghijklmnopqrs", "1"),
    ],
)
def test_prefix_and_serial(number: str | int, prefix: str, serial: str) -> None:
    assert fbr.prefix(number) == prefix
    assert fbr.serial(number) == serial


@pytest.mark.parametrize(
    ("number", "cls", "code"),
    [
        ("se", InvalidFormat, "fbr.format"),
        ("1" * 21, InvalidLength, "fbr.length"),
        (None, InvalidType, "type"),
    ],
)
def test_prefix_and_serial_raise_like_validate(
    number: object, cls: type[ValidationError], code: str
) -> None:
    prefix: Callable[[Any], str] = fbr.prefix
    serial: Callable[[Any], str] = fbr.serial
    for function in (prefix, serial):
        with pytest.raises(cls) as excinfo:
            function(number)
        assert type(excinfo.value) is cls
        assert excinfo.value.code == code
        assert excinfo.value.value is number


# --- properties --------------------------------------------------------------------------

letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", max_size=5)
digits = st.text(alphabet=ASCII_DIGITS, min_size=1, max_size=15)
valid_texts = st.builds(str.__add__, letters, digits)
anything = st.one_of(
    st.text(),
    st.text(alphabet="abrsefte0123456789٠١٢٣٤٥٦٧٨٩ -."),
    valid_texts,
    st.integers(),
)


@given(anything)
def test_validate_is_idempotent(number: str | int) -> None:
    try:
        once = fbr.validate(number)
    except ValidationError:
        return
    assert fbr.validate(once) == once
    assert 1 <= len(once) <= 20
    assert once.isascii()
    assert once.isalnum()


@given(anything)
def test_is_valid_agrees_with_validate(number: str | int) -> None:
    try:
        fbr.validate(number)
    except ValidationError:
        assert fbr.is_valid(number) is False
    else:
        assert fbr.is_valid(number) is True


@given(anything)
def test_compact_is_idempotent(number: str | int) -> None:
    if isinstance(number, int) and number < 0:
        with pytest.raises(ValidationError):  # a minus sign is not a dash to fold
            fbr.compact(number)
        return
    once = fbr.compact(number)
    assert fbr.compact(once) == once


@given(valid_texts)
def test_format_validates_back(number: str) -> None:
    assert fbr.validate(number) == number
    assert fbr.validate(fbr.format(number)) == number
    assert fbr.prefix(number) + fbr.serial(number) == number
    assert fbr.serial(number).isdigit()


@given(st.text(alphabet="sete0123456789 -", max_size=24))
def test_arabic_digits_fold_like_ascii(number: str) -> None:
    assert outcome(number.translate(ARABIC)) == outcome(number)
    assert outcome(number.translate(PERSIAN)) == outcome(number)
    assert outcome(number.translate(BENGALI)) == outcome(number)


@given(st.integers(0, 10**25))
def test_non_negative_ints_are_valid_up_to_20_digits(number: int) -> None:
    assert fbr.is_valid(number) is (len(str(number)) <= 20)
