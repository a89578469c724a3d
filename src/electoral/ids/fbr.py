"""Family book record number (رقم قيد العائلة, FBR, "registry number").

The family book number comes from the civil registry's ``REGISTRY_NO`` column. It
is at most 20 characters: either all digits, or one or more ASCII letters followed
by one or more digits (about 2.3% carry a prefix such as ``r``, ``f``, ``se`` or
``te``). The public "check my registration" page compares it with the registry by
exact string equality, so :func:`compact` folds digits and drops spaces and dashes
but never changes the letters' case.

More information:

* SmartElect ``civil_registry/utils.py``, ``civil_registry/models.py``,
  ``libya_site/forms.py`` (SmartElect/SmartElect at commit ``d6d35f2``).

>>> validate("١٢٣٤٥")
'12345'
>>> validate("se 4471")
'se4471'
>>> validate("12a3")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
electoral.errors.InvalidFormat: Not a valid Family Book Registry Number. ...
>>> prefix("te771"), serial("te771")
('te', '771')
"""

from __future__ import annotations

import re
from typing import Final

from electoral.errors import InvalidFormat, InvalidLength, register_messages
from electoral.ids._text import as_text, fold

__all__ = ["MAX_LENGTH", "compact", "format", "is_valid", "prefix", "serial", "validate"]

MAX_LENGTH: Final = 20
"""Longest family book number the registry stores."""

_FIELD: Final = "fbr_number"
_PATTERN: Final = re.compile(r"([A-Za-z]*)([0-9]+)")

register_messages(
    {
        "fbr.format": (
            "Not a valid Family Book Registry Number. Must be all digits, or a "
            "sequence of 1 or more characters followed by 1 or more digits.",
            "رقم قيد العائلة غير صالح. يجب أن يتكون من أرقام فقط، أو من حرف أو أكثر "
            "يليه رقم أو أكثر.",
        ),
        "fbr.length": (
            "A Family Book Registry Number is at most {max_length} characters long.",
            "يجب ألا يزيد رقم قيد العائلة عن {max_length} حرفًا.",
        ),
    }
)


def compact(number: str | int) -> str:
    """Return the number with digits folded to ASCII and separators removed."""
    return fold(as_text(number, _FIELD, allow_int=True))


def validate(number: str | int) -> str:
    """Return the compact family book number, or raise.

    Raises:
        InvalidType: ``number`` is neither ``str`` nor ``int``.
        InvalidLength: ``fbr.length``, longer than 20 characters.
        InvalidFormat: ``fbr.format``, not digits or letters-then-digits.
    """
    text = compact(number)
    if len(text) > MAX_LENGTH:
        raise InvalidLength("fbr.length", field=_FIELD, value=number, max_length=MAX_LENGTH)
    if not text.isascii() or _PATTERN.fullmatch(text) is None:
        raise InvalidFormat("fbr.format", field=_FIELD, value=number)
    return text


def is_valid(number: object) -> bool:
    """Whether ``number`` is a valid family book number; never raises."""
    try:
        validate(number)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - is_valid must never raise, whatever it is given
        return False
    return True


def format(number: str | int) -> str:  # noqa: A001 - the stdnum interface name
    """Return the number as printed: its compact form."""
    return validate(number)


def prefix(number: str | int) -> str:
    """Return the letter prefix ('' when the number is all digits)."""
    match = _PATTERN.fullmatch(validate(number))
    assert match is not None  # validate() guarantees the shape
    return match.group(1)


def serial(number: str | int) -> str:
    """Return the digits after the prefix."""
    match = _PATTERN.fullmatch(validate(number))
    assert match is not None  # validate() guarantees the shape
    return match.group(2)
