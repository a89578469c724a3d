"""Centre ID (رقم المركز, polling and registration centre number).

A centre id is a 5-digit number from 10000 to 99999, so it never has a leading
zero. Both HNEC systems use the same number: the registration system stores it as
``center_id`` and the results system as the centre ``code``. Codes of 80001 and
above are out-of-country centres in the results system (see
:data:`OUT_OF_COUNTRY_MIN`); 99998 is reserved by the registration system's tests
as "no such centre" (:data:`NO_SUCH_CENTER`).

More information:

* SmartElect ``libya_elections/constants.py`` (``CENTER_ID_LENGTH``,
  ``CENTER_ID_MIN_INT_VALUE``, ``CENTER_ID_MAX_INT_VALUE``), ``register/utils.py``
  (SmartElect/SmartElect at commit ``d6d35f2``);
* Tally-Ho ``tally_ho/libs/validators.py``, ``ResultForm.OCV_CENTER_MIN`` in
  ``tally_ho/apps/tally/models/result_form.py`` (onaio/tally-ho at commit ``acbe4f4``).

>>> validate(" 31001 ")
'31001'
>>> to_int("٣١٠٠١")
31001
>>> validate("100000")
Traceback (most recent call last):
...
electoral.errors.InvalidLength: A centre ID is a 5-digit number from 10000 to 99999.
>>> is_valid("01234")
False
"""

from __future__ import annotations

from typing import Final

from electoral.errors import InvalidComponent, InvalidFormat, InvalidLength, register_messages
from electoral.ids._text import as_text, fold, is_ascii_digits

__all__ = [
    "LENGTH",
    "MAX_VALUE",
    "MIN_VALUE",
    "NO_SUCH_CENTER",
    "OUT_OF_COUNTRY_MIN",
    "compact",
    "format",
    "is_out_of_country",
    "is_valid",
    "to_int",
    "validate",
]

LENGTH: Final = 5
"""Number of digits (``CENTER_ID_LENGTH``)."""
MIN_VALUE: Final = 10_000
"""Smallest centre id (``CENTER_ID_MIN_INT_VALUE``)."""
MAX_VALUE: Final = 99_999
"""Largest centre id (``CENTER_ID_MAX_INT_VALUE``)."""
NO_SUCH_CENTER: Final = 99_998
"""Reserved by the registration system as "no such centre" (``NO_SUCH_CENTER``)."""
OUT_OF_COUNTRY_MIN: Final = 80_001
"""Results-system codes from here up are out-of-country centres (``OCV_CENTER_MIN``)."""

_FIELD: Final = "center_id"

register_messages(
    {
        "center_id.format": (
            "A centre ID contains only digits.",
            "رقم المركز يتكون من أرقام فقط.",
        ),
        "center_id.length": (
            "A centre ID is a 5-digit number from 10000 to 99999.",
            "رقم المركز عدد من 5 أرقام بين 10000 و99999.",
        ),
        "center_id.leading_zero": (
            "A centre ID cannot start with 0.",
            "لا يمكن أن يبدأ رقم المركز بالصفر.",
        ),
    }
)


def compact(number: str | int) -> str:
    """Return the id as ASCII digits, without spaces or dashes (does not validate)."""
    return fold(as_text(number, _FIELD, allow_int=True))


def validate(number: str | int) -> str:
    """Return the compact centre id, or raise the first problem found.

    Raises:
        InvalidType: ``number`` is neither ``str`` nor ``int``.
        InvalidFormat: ``center_id.format``, a character that is not a digit.
        InvalidLength: ``center_id.length``, not exactly 5 digits.
        InvalidComponent: ``center_id.leading_zero``, 5 digits starting with 0.
    """
    text = compact(number)
    if text and not is_ascii_digits(text):
        raise InvalidFormat("center_id.format", field=_FIELD, value=number)
    if len(text) != LENGTH:
        raise InvalidLength("center_id.length", field=_FIELD, value=number)
    if text[0] == "0":
        raise InvalidComponent("center_id.leading_zero", field=_FIELD, value=number)
    return text


def to_int(number: str | int) -> int:
    """Return the validated centre id as an ``int``, as both systems store it."""
    return int(validate(number))


def is_valid(number: object) -> bool:
    """Whether ``number`` is a valid centre id; never raises."""
    try:
        validate(number)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - is_valid must never raise, whatever it is given
        return False
    return True


def format(number: str | int) -> str:  # noqa: A001 - the stdnum interface name
    """Return the id as printed: its 5 digits."""
    return validate(number)


def is_out_of_country(number: str | int) -> bool:
    """Whether the results system treats this centre as out-of-country (80001 and up).

    Out-of-country result forms have no reconciliation section
    (Tally-Ho ``ResultForm.has_recon``).

    >>> is_out_of_country(80001), is_out_of_country(79999)
    (True, False)
    """
    return to_int(number) >= OUT_OF_COUNTRY_MIN
