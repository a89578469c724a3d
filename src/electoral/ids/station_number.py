"""Station number (رقم المحطة, polling station number within a centre).

A polling station is identified by its centre and its number, 1 to 102. The
registration system numbers the stations it allocates from 1; the results system
accepts 1 to 102 at entry (``MIN_STATION_VALUE``, ``MAX_STATION_VALUE``). On the
11-digit result-form barcode the number is printed with three digits (``002``), so
leading zeros are accepted and dropped here: the number is a count, not a code.

More information:

* Tally-Ho ``tally_ho/settings/common.py`` and
  ``tally_ho/apps/tally/forms/center_details_form.py`` (onaio/tally-ho at commit ``acbe4f4``);
* SmartElect ``rollgen/models.py`` (SmartElect/SmartElect at commit ``d6d35f2``).

>>> validate("002")
'2'
>>> to_int(" ٧ ")
7
>>> validate("103")
Traceback (most recent call last):
...
electoral.errors.OutOfRange: '103' must lie between 1 and 102.
"""

from __future__ import annotations

from typing import Final

from electoral.errors import InvalidFormat, OutOfRange, register_messages
from electoral.ids._text import as_text, fold, is_ascii_digits

__all__ = ["MAX_VALUE", "MIN_VALUE", "compact", "format", "is_valid", "to_int", "validate"]

MIN_VALUE: Final = 1
"""Lowest station number (``MIN_STATION_VALUE``)."""
MAX_VALUE: Final = 102
"""Highest station number (``MAX_STATION_VALUE``)."""

_FIELD: Final = "station_number"
_MAX_DIGITS: Final = 6

register_messages(
    {
        "station_number.format": (
            "A station number contains only digits.",
            "رقم المحطة يتكون من أرقام فقط.",
        ),
    }
)


def compact(number: str | int) -> str:
    """Return the number as ASCII digits without separators (does not validate)."""
    return fold(as_text(number, _FIELD, allow_int=True))


def validate(number: str | int) -> str:
    """Return the station number as canonical text (no leading zeros), or raise.

    Raises:
        InvalidType: ``number`` is neither ``str`` nor ``int``.
        InvalidFormat: ``station_number.format``, empty or not only digits.
        OutOfRange: ``range``, outside 1 to 102.
    """
    text = compact(number)
    if not is_ascii_digits(text):
        raise InvalidFormat("station_number.format", field=_FIELD, value=number)
    significant = text.lstrip("0") or "0"
    value = int(significant) if len(significant) <= _MAX_DIGITS else MAX_VALUE + 1
    if not MIN_VALUE <= value <= MAX_VALUE:
        raise OutOfRange(field=_FIELD, value=number, min_value=MIN_VALUE, max_value=MAX_VALUE)
    return str(value)


def to_int(number: str | int) -> int:
    """Return the validated station number as an ``int``."""
    return int(validate(number))


def is_valid(number: object) -> bool:
    """Whether ``number`` is a valid station number; never raises."""
    try:
        validate(number)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - is_valid must never raise, whatever it is given
        return False
    return True


def format(number: str | int) -> str:  # noqa: A001 - the stdnum interface name
    """Return the number as printed on a barcode: three digits, ``002``."""
    return validate(number).zfill(3)
