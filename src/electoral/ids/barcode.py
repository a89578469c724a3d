"""Result form barcode (الرمز الشريطي لاستمارة النتائج).

A barcode identifies one paper result form. It is **text**: 1 to 255 ASCII digits,
and leading zeros are significant (``"000000001"`` and ``"1"`` are different forms).
The results system has no check digit and no length rule at entry; only its reset
screen demands exactly 11 digits, and the 2014 forms had 9. The data HNEC supplies
usually follows the 11-digit layout CCCCC SSS BBB (centre, station, ballot), which
:func:`parse` reads, but replacement forms do not follow it (``99990001001``), so
the layout is never a rule.

More information:

* Tally-Ho ``tally_ho/apps/tally/forms/barcode_form.py``,
  ``tally_ho/apps/tally/forms/reset_form_form.py``, and the fixtures
  ``tally_ho/libs/tests/fixtures/tally_setup_files/result_forms.csv`` and
  ``result_forms_with_replacements.csv`` in the same folder (onaio/tally-ho at commit ``acbe4f4``);
  the 9-digit barcode of 2014 in ``tally_ho/apps/tally/forms/barcode_form.py`` at
  commit ``abc79b4``.

>>> validate("000000001")
'000000001'
>>> validate("٣١٠٠١ ٠٠٢ ١١٧")
'31001002117'
>>> parse("31001002117")
BarcodeParts(center_id=31001, station_number=2, ballot_number=117)
>>> parse("99990001001") is None
False
>>> parse("123") is None
True
>>> validate(31001002117)
Traceback (most recent call last):
...
electoral.errors.InvalidType: 31001002117 is not of an accepted type.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from electoral.errors import InvalidFormat, InvalidLength, register_messages
from electoral.ids._text import as_text, fold, is_ascii_digits

__all__ = [
    "LAYOUT_LENGTH",
    "MAX_LENGTH",
    "BarcodeParts",
    "compact",
    "format",
    "is_valid",
    "parse",
    "validate",
]

MAX_LENGTH: Final = 255
"""Longest barcode the results system stores."""
LAYOUT_LENGTH: Final = 11
"""Length of the CCCCC SSS BBB layout (and the reset screen's rule)."""

_FIELD: Final = "barcode"

register_messages(
    {
        "barcode.format": (
            "A barcode contains only digits.",
            "الرمز الشريطي يتكون من أرقام فقط.",
        ),
        "barcode.length": (
            "A barcode has 1 to {max_length} digits.",
            "يتكون الرمز الشريطي من رقم واحد إلى {max_length} رقمًا.",
        ),
    }
)


class BarcodeParts(NamedTuple):
    """The three numbers of an 11-digit barcode, when it follows the layout."""

    center_id: int
    station_number: int
    ballot_number: int


def compact(number: str) -> str:
    """Return the barcode as ASCII digits without separators; keeps leading zeros.

    An ``int`` is refused: it has already lost any leading zeros.
    """
    return fold(as_text(number, _FIELD))


def validate(number: str) -> str:
    """Return the compact barcode, or raise.

    Raises:
        InvalidType: ``number`` is not ``str`` (an ``int`` included).
        InvalidLength: ``barcode.length``, empty or longer than 255 digits.
        InvalidFormat: ``barcode.format``, a character that is not a digit.
    """
    text = compact(number)
    if not text or len(text) > MAX_LENGTH:
        raise InvalidLength("barcode.length", field=_FIELD, value=number, max_length=MAX_LENGTH)
    if not is_ascii_digits(text):
        raise InvalidFormat("barcode.format", field=_FIELD, value=number)
    return text


def is_valid(number: object) -> bool:
    """Whether ``number`` is a valid barcode; never raises."""
    try:
        validate(number)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - is_valid must never raise, whatever it is given
        return False
    return True


def format(number: str) -> str:  # noqa: A001 - the stdnum interface name
    """Return the barcode as printed; 11-digit barcodes are grouped ``31001 002 117``."""
    text = validate(number)
    if len(text) == LAYOUT_LENGTH:
        return f"{text[:5]} {text[5:8]} {text[8:]}"
    return text


def parse(number: str) -> BarcodeParts | None:
    """Read the CCCCC SSS BBB layout, or return ``None`` when the barcode is not 11 digits.

    This is a convention of the data HNEC supplies, not a rule: nothing checks
    that the parts match the form's own centre, station and ballot, and
    replacement forms do not follow it.
    """
    text = validate(number)
    if len(text) != LAYOUT_LENGTH:
        return None
    return BarcodeParts(int(text[:5]), int(text[5:8]), int(text[8:]))
