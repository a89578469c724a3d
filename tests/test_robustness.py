"""Junk sweep over every identifier module: is_valid never raises, the rest raise only ours."""

from __future__ import annotations

import array
import datetime as dt
import decimal
import fractions
import math
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from typing import Any, Protocol, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InvalidType, ValidationError
from electoral.ids import MODULES, barcode, center_id, fbr, national_id, phone, station_number


class IdModule(Protocol):
    """The python-stdnum interface every identifier module offers."""

    __name__: str

    def compact(self, number: Any) -> str: ...

    def validate(self, number: Any) -> str: ...

    def is_valid(self, number: object) -> bool: ...

    def format(self, number: Any) -> str: ...


def short_name(module: IdModule) -> str:
    """``electoral.ids.national_id`` -> ``national_id``."""
    return module.__name__.rsplit(".", 1)[-1]


IDS: dict[str, IdModule] = {short_name(cast(IdModule, module)): module for module in MODULES}
NAMES = sorted(IDS)

VALID: dict[str, str] = {
    "barcode": "31001002117",
    "center_id": "31001",
    "fbr": "se4471",
    "national_id": "119690261935",
    "phone": "218923456789",
    "station_number": "102",
}
"""One valid, already compact value per module."""

VALID_INT: dict[str, int] = {
    "center_id": 31001,
    "fbr": 4471,
    "national_id": 119690261935,
    "phone": 218923456789,
    "station_number": 102,
}
"""One valid int per module that accepts int (barcode refuses every int)."""

BIDI_AND_ZERO_WIDTH = {
    "U+200E": "\u200e",  # left-to-right mark
    "U+200F": "\u200f",  # right-to-left mark
    "U+202A": "\u202a",  # left-to-right embedding
    "U+202B": "\u202b",  # right-to-left embedding
    "U+202C": "\u202c",  # pop directional formatting
    "U+202D": "\u202d",  # left-to-right override
    "U+202E": "\u202e",  # right-to-left override
    "U+2066": "\u2066",  # left-to-right isolate
    "U+2067": "\u2067",  # right-to-left isolate
    "U+2068": "\u2068",  # first strong isolate
    "U+2069": "\u2069",  # pop directional isolate
    "U+200B": "\u200b",  # zero-width space
    "U+200C": "\u200c",  # zero-width non-joiner
    "U+200D": "\u200d",  # zero-width joiner
    "U+FEFF": "\ufeff",  # zero-width no-break space (byte order mark)
}

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def junk(name: str) -> Iterator[tuple[str, object]]:
    """Junk inputs for module ``name``, each with a test id; none of them is valid."""
    valid = VALID[name]
    yield "none", None
    yield "bytes", valid.encode()
    yield "bytes-empty", b""
    yield "bytearray", bytearray(valid.encode())
    yield "memoryview", memoryview(valid.encode())
    yield "array", array.array("b", valid.encode())
    yield "float", 1.0
    yield "float-zero", 0.0
    yield "float-negative", -1.5
    yield "nan", math.nan
    yield "inf", math.inf
    yield "-inf", -math.inf
    yield "complex", 1j
    yield "decimal", decimal.Decimal("31001")
    yield "fraction", fractions.Fraction(1, 3)
    yield "true", True
    yield "false", False
    yield "object", object()
    yield "type", str
    yield "function", len
    yield "list-empty", []
    yield "list", [valid]
    yield "tuple", (valid,)
    yield "set", {valid}
    yield "dict-empty", {}
    yield "dict", {valid: valid}
    yield "date", dt.date(2024, 1, 1)
    yield "uuid", uuid.UUID(int=0)
    yield "ellipsis", ...
    yield "minus-one", -1
    yield "int-1e30", 10**30
    yield "int-minus-1e30", -(10**30)
    yield "int-2^70", 2**70
    yield "int-4300-digits", 10**4299
    yield "int-4301-digits", 10**4300
    if name in VALID_INT:
        yield "negative-valid-int", -VALID_INT[name]
    yield "empty", ""
    yield "space", " "
    yield "whitespace", " \t\n\r\u00a0\u3000"
    yield "dash", "-"
    yield "null-char", "\x00"
    yield "null-inside", valid[:2] + "\x00" + valid[2:]
    yield "none-text", "None"
    yield "nan-text", "NaN"
    yield "emoji", "😀"
    yield "emoji-12", "😀" * 12
    yield "emoji-huge", "😀" * 10**5
    yield "lone-surrogate", "\ud800"
    yield "lone-surrogates", "\udfff\ud800"
    yield "surrogate-inside", valid[:2] + "\ud800" + valid[2:]
    yield "huge-digits", "1" * 10**6
    yield "huge-letters", "a" * 10**6
    yield "huge-arabic", "١" * 10**6
    yield "superscript", valid.translate(SUPERSCRIPT)
    yield "arabic-decimal-separator", "٫"


def junk_cases() -> Iterator[Any]:
    """(module, value) params for every junk value."""
    for name in NAMES:
        for case, value in junk(name):
            yield pytest.param(name, value, id=f"{name}-{case}")


def control_cases() -> Iterator[Any]:
    """(module, character) params for each bidi and zero-width character."""
    for name in NAMES:
        for label, char in BIDI_AND_ZERO_WIDTH.items():
            yield pytest.param(name, char, id=f"{name}-{label}")


def call(function: Callable[[Any], object], value: object) -> object:
    """Call ``function``; let only a ValidationError (returned) or a result through."""
    try:
        return function(value)
    except ValidationError as error:
        return error


# --- the modules -------------------------------------------------------------------------


def test_modules_lists_all_six() -> None:
    assert list(MODULES) == [barcode, center_id, fbr, national_id, phone, station_number]
    assert NAMES == ["barcode", "center_id", "fbr", "national_id", "phone", "station_number"]


@pytest.mark.parametrize("name", NAMES)
def test_valid_examples_are_valid(name: str) -> None:
    module = IDS[name]
    assert module.is_valid(VALID[name]) is True
    assert module.validate(VALID[name]) == VALID[name]
    assert module.compact(VALID[name]) == VALID[name]


# --- junk ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "value"), list(junk_cases()))
def test_is_valid_says_false_for_junk(name: str, value: object) -> None:
    assert IDS[name].is_valid(value) is False


@pytest.mark.parametrize(("name", "value"), list(junk_cases()))
def test_validate_refuses_junk_with_a_validation_error(name: str, value: object) -> None:
    module = IDS[name]
    with pytest.raises(ValidationError) as excinfo:
        module.validate(value)
    error = excinfo.value
    assert error.value is value
    assert error.code.split(".")[0] in {name, "type", "range", "format", "length"}
    assert isinstance(error, ValueError)
    assert isinstance(error.message("en"), str)
    assert isinstance(error.message("ar"), str)


@pytest.mark.parametrize(("name", "value"), list(junk_cases()))
def test_compact_and_format_raise_only_validation_errors(name: str, value: object) -> None:
    module = IDS[name]
    for function in (module.compact, module.format):
        result = call(function, value)
        assert isinstance(result, (str, ValidationError))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "value",
    [None, b"1", bytearray(b"1"), 1.0, math.nan, True, False, object(), [], {}],
    ids=lambda value: type(value).__name__,
)
def test_wrong_types_raise_invalid_type(name: str, value: object) -> None:
    module = IDS[name]
    for function in (module.validate, module.compact, module.format):
        with pytest.raises(InvalidType) as excinfo:
            function(value)
        assert type(excinfo.value) is InvalidType
        assert excinfo.value.code == "type"
        assert excinfo.value.value is value


@pytest.mark.parametrize(("name", "char"), list(control_cases()))
def test_bidi_and_zero_width_characters_are_refused(name: str, char: str) -> None:
    module = IDS[name]
    valid = VALID[name]
    for text in (char + valid, valid[:2] + char + valid[2:], valid + char, char):
        assert module.is_valid(text) is False, repr(text)
        with pytest.raises(ValidationError):
            module.validate(text)


@pytest.mark.parametrize("name", NAMES)
def test_int_input_agrees_with_text_except_for_barcode(name: str) -> None:
    module = IDS[name]
    accepts_int = name != "barcode"
    for number in (0, 1, 31001, 31001002117, 218923456789):
        assert module.is_valid(number) is (accepts_int and module.is_valid(str(number)))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("sign", ["-", "\u2212", "\uff0d", " -", "\u00a0\u2212"])
def test_a_minus_sign_is_refused_as_text_as_it_is_as_an_int(name: str, sign: str) -> None:
    """``-31001`` is a negative number, whether an ``int`` or typed: both are refused."""
    module = IDS[name]
    digits = str(VALID_INT[name]) if name in VALID_INT else VALID[name]
    text = sign + digits
    assert module.is_valid(digits) is True
    assert module.is_valid(text) is False
    with pytest.raises(ValidationError) as excinfo:
        module.validate(text)
    assert excinfo.value.code in {f"{name}.format", "format"}
    if name in VALID_INT:
        assert module.is_valid(-VALID_INT[name]) is False
    if name != "phone":  # the phone's compact keeps digits only, as SmartElect's does
        assert module.compact(text).startswith("-")


# --- valid values in disguise --------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "wrap",
    [
        "  {}  ",
        "\t{}\n",
        "\u00a0{}\u00a0",
        "\u3000{}\u2009",
        "{}\u202f",
        " - {} - ",
    ],
)
def test_leading_and_trailing_spaces_are_folded(name: str, wrap: str) -> None:
    module = IDS[name]
    text = wrap.format(VALID[name])
    assert module.is_valid(text) is True
    assert module.validate(text) == VALID[name]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "table",
    [ARABIC, FULLWIDTH],
    ids=["arabic-indic", "fullwidth"],
)
def test_unicode_digits_are_folded(name: str, table: dict[int, int]) -> None:
    """Fullwidth digits are category Nd, which ``fold`` maps to ASCII like Arabic-Indic."""
    module = IDS[name]
    assert module.is_valid(VALID[name].translate(table)) is True
    assert module.validate(VALID[name].translate(table)) == VALID[name]


@pytest.mark.parametrize("name", NAMES)
def test_a_str_subclass_is_read_as_text(name: str) -> None:
    class Text(str):
        __slots__ = ()

    module = IDS[name]
    result = module.validate(Text(VALID[name]))
    assert result == VALID[name]
    assert type(result) is str


# --- properties ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
@given(text=st.text())
def test_arbitrary_text(name: str, text: str) -> None:
    module = IDS[name]
    result = call(module.validate, text)
    if isinstance(result, ValidationError):
        assert module.is_valid(text) is False
        assert result.value is text
    else:
        assert isinstance(result, str)
        assert module.is_valid(text) is True
        assert module.is_valid(result) is True
        assert module.validate(result) == result
    assert isinstance(module.compact(text), str)
    assert isinstance(call(module.format, text), (str, ValidationError))


@pytest.mark.parametrize("name", NAMES)
@given(text=st.text(alphabet=st.characters(categories=["Nd", "No", "Zs", "Pd", "Cf", "Cc"])))
def test_arbitrary_digits_spaces_and_controls(name: str, text: str) -> None:
    module = IDS[name]
    result = call(module.validate, text)
    assert module.is_valid(text) is not isinstance(result, ValidationError)
    if isinstance(result, str):
        assert module.validate(result) == result
        if name != "phone":  # phone keeps only the digits, whatever else there is
            assert not any(char in text for char in BIDI_AND_ZERO_WIDTH.values())


objects = st.one_of(
    st.from_type(type).flatmap(st.from_type),
    *(
        st.from_type(kind)
        for kind in (
            int,
            float,
            complex,
            bool,
            str,
            bytes,
            bytearray,
            list,
            tuple,
            dict,
            set,
            frozenset,
            type(None),
            decimal.Decimal,
            fractions.Fraction,
            dt.date,
            dt.datetime,
            dt.timedelta,
            uuid.UUID,
            range,
            slice,
            memoryview,
        )
    ),
)
"""Objects of many types; ``st.from_type(object)`` is tested apart, in a fresh interpreter."""


def check_object(module: IdModule, value: object) -> None:
    """is_valid says a bool; validate agrees; non-str, non-int values are InvalidType."""
    valid = module.is_valid(value)
    assert valid is True or valid is False
    result = call(module.validate, value)
    assert valid is not isinstance(result, ValidationError)
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        assert isinstance(result, InvalidType)
        assert result.value is value
    for function in (module.compact, module.format):
        assert isinstance(call(function, value), (str, ValidationError))


@pytest.mark.parametrize("name", NAMES)
@given(value=objects)
def test_arbitrary_objects(name: str, value: object) -> None:
    check_object(IDS[name], value)


FROM_TYPE_OBJECT = """
from hypothesis import given, strategies as st
from electoral.errors import ValidationError
from electoral.ids import MODULES

@given(st.from_type(object))
def check(value):
    for module in MODULES:
        assert module.is_valid(value) in (True, False)
        try:
            module.validate(value)
        except ValidationError:
            pass

check()
print("ok")
"""


def test_arbitrary_objects_from_type_object() -> None:
    env = {key: value for key, value in os.environ.items() if key != "HYPOTHESIS_NO_PLUGINS"}
    process = subprocess.run(
        [sys.executable, "-c", FROM_TYPE_OBJECT],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert process.returncode == 0, process.stderr[-2000:]
    assert process.stdout == "ok\n"


@pytest.mark.parametrize("name", NAMES)
@given(value=st.one_of(st.binary(), st.integers(), st.floats(), st.none(), st.booleans()))
def test_arbitrary_bytes_numbers_and_constants(name: str, value: object) -> None:
    module = IDS[name]
    valid = module.is_valid(value)
    result = call(module.validate, value)
    assert valid is not isinstance(result, ValidationError)
    if isinstance(value, int) and not isinstance(value, bool) and name != "barcode":
        if value >= 0:
            assert valid is module.is_valid(str(value))
    else:
        assert valid is False
        assert isinstance(result, InvalidType)
