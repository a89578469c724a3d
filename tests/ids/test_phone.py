"""Tests for electoral.ids.phone: canonicalisation, every error code, formats and carriers."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InvalidFormat, InvalidType, ValidationError
from electoral.ids import phone
from electoral.ids.phone import Carrier

FIELD = "phone"
ASCII_DIGITS = "0123456789"
ARABIC = str.maketrans(ASCII_DIGITS, "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans(ASCII_DIGITS, "۰۱۲۳۴۵۶۷۸۹")
FULLWIDTH = str.maketrans(ASCII_DIGITS, "０１２３４５６７８９")
SUPERSCRIPT = str.maketrans(ASCII_DIGITS, "⁰¹²³⁴⁵⁶⁷⁸⁹")

LIBYANA = "218923456789"
THURAYA = "8821612340058"

validate: Callable[[Any], str] = phone.validate
compact: Callable[[Any], str] = phone.compact
format_: Callable[[Any], str] = phone.format
carrier: Callable[[Any], Carrier | None] = phone.carrier
is_valid: Callable[[Any], bool] = phone.is_valid


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
        return ("ok", phone.validate(number))
    except ValidationError as error:
        return (type(error).__name__, error.code)


def test_constants() -> None:
    assert phone.MAX_LENGTH == 13


# --- valid input and canonicalisation ------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (LIBYANA, LIBYANA),
        ("218913456789", "218913456789"),  # Al Madar
        ("218943456789", "218943456789"),  # Libyana
        ("218933456789", "218933456789"),  # any 2189x is accepted
        ("218987654321", "218987654321"),
        ("218900000000", "218900000000"),
        ("218999999999", "218999999999"),
        (THURAYA, THURAYA),
        ("8821600000000", "8821600000000"),
        (218923456789, LIBYANA),
        (8821612340058, THURAYA),
        # HNEC's canonicalisation
        ("+218 (0)92-345-6789", LIBYANA),
        ("+218(0)923456789", LIBYANA),
        ("+218 (0) 92 345 6789", LIBYANA),
        ("  +218 (0)92-345-6789  ", LIBYANA),
        ("0923456789", LIBYANA),
        ("0913456789", "218913456789"),
        ("092 345 6789", LIBYANA),
        ("092-345-6789", LIBYANA),
        ("(092) 345-6789", LIBYANA),  # everything but digits is dropped
        ("+218923456789", LIBYANA),
        ("+218 92 345 6789", LIBYANA),
        ("tel:+218923456789", LIBYANA),
        ("+88216 1234 0058", THURAYA),
        ("+88216-12340058", THURAYA),
        # folded digits (a deliberate difference from HNEC, which keeps them unfolded)
        ("٠٩٢٣٤٥٦٧٨٩", LIBYANA),
        ("۰۹۱۳۴۵۶۷۸۹", "218913456789"),
        ("٢١٨٩٢٣٤٥٦٧٨٩", LIBYANA),
        ("+٢١٨ (٠)٩٢-٣٤٥-٦٧٨٩", LIBYANA),
        ("８８２１６１２３４００５８", THURAYA),
        ("218\u00a092\u2009345\u20136789", LIBYANA),
    ],
)
def test_validate_valid(number: str | int, expected: str) -> None:
    assert phone.validate(number) == expected
    assert phone.compact(number) == expected
    assert phone.is_valid(number) is True


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("00218923456789", "00218923456789"),  # not repaired
        ("923456789", "923456789"),  # not repaired
        ("2180923456789", "2180923456789"),  # not repaired
        ("+2180923456789", "2180923456789"),
        ("+218 (0)0923456789", "2180923456789"),
        ("09234567890", "09234567890"),  # 11 digits: not the 10-digit local form
        ("092345678", "092345678"),
        ("+218 (0)", "218"),
        ("abc", ""),
        ("", ""),
        ("218923456789 ext 5", "2189234567895"),
        (923456789, "923456789"),
    ],
)
def test_compact_does_not_validate(number: str | int, expected: str) -> None:
    assert phone.compact(number) == expected


# --- errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "",
        "   ",
        "abc",
        "00218923456789",
        "923456789",
        "2180923456789",
        "218023456789",  # 2180 is refused
        "218823456789",
        "21892345678",  # 11 digits
        "2189234567890",  # 13 digits
        "882161234005",  # 12 digits
        "88216123400589",  # 14 digits
        "8821712340058",
        "0823456789",
        "09234567890",
        "+218 (0)0923456789",
        "218923456789 ext 5",
        "٠٠٢١٨٩٢٣٤٥٦٧٨٩",
        LIBYANA.translate(SUPERSCRIPT),  # superscripts are not digits: nothing is left
        "\ud800",
        "😀",
        923456789,
        218023456789,
        0,
    ],
)
def test_validate_errors(number: str | int) -> None:
    raises(number, InvalidFormat, "phone.format")


@pytest.mark.parametrize(
    "number",
    [None, 218923456789.0, math.nan, True, False, b"218923456789", bytearray(b"2"), [], {}],
    ids=lambda number: type(number).__name__,
)
def test_refuses_other_types(number: object) -> None:
    raises(number, InvalidType, "type")
    for function in (compact, format_, carrier):
        with pytest.raises(InvalidType) as excinfo:
            function(number)
        assert excinfo.value.code == "type"
        assert excinfo.value.value is number


def test_error_messages() -> None:
    error = raises("218023456789", InvalidFormat, "phone.format")
    assert str(error) == (
        "Please enter a valid phone number (2189xxxxxxxx or 88216xxxxxxxx) "
        "without punctuation or spaces."
    )
    assert error.message("ar") == (
        "الرجاء إدخال رقم هاتف صحيح (2189xxxxxxxx أو 88216xxxxxxxx) دون علامات ترقيم أو مسافات."
    )


def test_negative_int_is_refused() -> None:
    assert phone.is_valid(-218923456789) is False


def test_huge_int_raises_validation_error() -> None:
    with pytest.raises(ValidationError):
        phone.validate(10**5000)


# --- format --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "hnec", "e164"),
    [
        (LIBYANA, "+218 (0)92-345-6789", "+218923456789"),
        ("0923456789", "+218 (0)92-345-6789", "+218923456789"),
        ("+218 (0)92-345-6789", "+218 (0)92-345-6789", "+218923456789"),
        ("218913456789", "+218 (0)91-345-6789", "+218913456789"),
        ("0943456789", "+218 (0)94-345-6789", "+218943456789"),
        ("218987654321", "+218 (0)98-765-4321", "+218987654321"),
        (THURAYA, "+88216-12340058", "+8821612340058"),
        ("+88216-12340058", "+88216-12340058", "+8821612340058"),
        (8821612340058, "+88216-12340058", "+8821612340058"),
        ("٠٩٢٣٤٥٦٧٨٩", "+218 (0)92-345-6789", "+218923456789"),
    ],
)
def test_format_styles(number: str | int, hnec: str, e164: str) -> None:
    assert phone.format(number) == hnec
    assert phone.format(number, style="hnec") == hnec
    assert phone.format(number, style="e164") == e164


@pytest.mark.parametrize("number", ["923456789", "00218923456789", "2180923456789", ""])
def test_format_validates(number: str) -> None:
    for style in ("hnec", "e164"):
        with pytest.raises(InvalidFormat) as excinfo:
            phone.format(number, style=style)
        assert excinfo.value.code == "phone.format"
        assert excinfo.value.value is number


# --- carrier -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("218913456789", Carrier.ALMADAR),
        ("0913456789", Carrier.ALMADAR),
        ("218923456789", Carrier.LIBYANA),
        ("0923456789", Carrier.LIBYANA),
        ("218943456789", Carrier.LIBYANA),
        ("+218 (0)94-123-4567", Carrier.LIBYANA),
        ("8821612340058", Carrier.THURAYA),
        ("+88216 1234 0058", Carrier.THURAYA),
        ("218933456789", None),
        ("218953456789", None),
        ("218903456789", None),
        ("218987654321", None),
    ],
)
def test_carrier(number: str, expected: Carrier | None) -> None:
    assert phone.carrier(number) is expected


def test_carrier_validates() -> None:
    with pytest.raises(InvalidFormat) as excinfo:
        phone.carrier("218023456789")
    assert excinfo.value.code == "phone.format"


def test_carrier_labels() -> None:
    assert [network.value for network in Carrier] == ["libyana", "almadar", "thuraya"]
    assert [network.label() for network in Carrier] == ["Libyana", "Al Madar", "Thuraya"]
    assert [network.label("en") for network in Carrier] == ["Libyana", "Al Madar", "Thuraya"]
    assert [network.label("ar") for network in Carrier] == ["ليبيانا", "المدار", "الثريا"]


# --- properties --------------------------------------------------------------------------

eight = st.text(alphabet=ASCII_DIGITS, min_size=8, max_size=8)
libyan = st.builds(lambda x, rest: f"2189{x}{rest[1:]}", st.sampled_from(ASCII_DIGITS), eight)
thuraya = eight.map(lambda rest: "88216" + rest)
canonical = st.one_of(libyan, thuraya)


@st.composite
def typed_phones(draw: st.DrawFn) -> str:
    """A valid number as people type it: local, HNEC display, E.164, folded digits."""
    number = draw(canonical)
    if number.startswith("218"):
        styles = [number, "0" + number[3:], phone.format(number), "+" + number]
    else:
        styles = [number, phone.format(number), "+" + number]
    text = draw(st.sampled_from(styles))
    return text.translate(draw(st.sampled_from([ARABIC, PERSIAN, FULLWIDTH, {}])))


anything = st.one_of(
    st.text(),
    st.text(alphabet="+()0123456789٠١٢٣٤٥٦٧٨٩ -", max_size=20),
    canonical,
    typed_phones(),
    st.integers(),
)


@given(anything)
def test_validate_is_idempotent(number: str | int) -> None:
    try:
        once = phone.validate(number)
    except ValidationError:
        return
    assert phone.validate(once) == once
    assert once.isascii()
    assert once.isdigit()
    assert len(once) in (12, 13)
    assert once.startswith(("2189", "88216"))


@given(anything)
def test_is_valid_agrees_with_validate(number: str | int) -> None:
    try:
        phone.validate(number)
    except ValidationError:
        assert phone.is_valid(number) is False
    else:
        assert phone.is_valid(number) is True


@given(anything)
def test_compact_is_idempotent(number: str | int) -> None:
    if isinstance(number, int) and number < 0:
        with pytest.raises(ValidationError):  # a minus sign is not a dash to fold
            phone.compact(number)
        return
    once = phone.compact(number)
    assert phone.compact(once) == once


@given(st.one_of(canonical, typed_phones()))
def test_format_validates_back(number: str) -> None:
    compacted = phone.validate(number)
    assert phone.validate(phone.format(number)) == compacted
    assert phone.validate(phone.format(number, style="e164")) == compacted
    assert phone.format(number, style="e164") == "+" + compacted


@given(canonical)
def test_int_and_text_agree(number: str) -> None:
    assert phone.validate(int(number)) == number
    assert phone.carrier(int(number)) is phone.carrier(number)


@given(st.text(alphabet="+()0123456789 -", max_size=20))
def test_arabic_digits_fold_like_ascii(number: str) -> None:
    assert outcome(number.translate(ARABIC)) == outcome(number)
    assert outcome(number.translate(PERSIAN)) == outcome(number)
    assert phone.compact(number.translate(ARABIC)) == phone.compact(number)
