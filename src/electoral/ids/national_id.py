"""National ID (الرقم الوطني, Libyan national identity number).

The national id is 12 decimal digits in the range 100000000000 to 299999999999.
The first digit is the holder's gender: 1 for male, 2 for female; the civil
registry import refuses a record whose first digit disagrees with its gender.
There is no check digit. In the sample data digits 2 to 5 are the year of birth,
but that is not a rule (a known record breaks it), so :func:`embedded_birth_year`
offers it only as a heuristic.

Input may be typed in Arabic-Indic or Persian digits, with spaces or dashes; an
``int`` is accepted as well, since the registration system stores the id as an
integer.

More information:

* SmartElect ``libya_elections/constants.py`` (``NID_LENGTH``, ``MIN_NATIONAL_ID``,
  ``MAX_NATIONAL_ID``), ``civil_registry/utils.py``, ``libya_site/forms.py``
  (SmartElect/SmartElect at commit ``d6d35f2``); the sample record ``119690261935`` in
  ``civil_registry/tests/test_parsing.py``.

>>> validate("119690261935")
'119690261935'
>>> validate("١١٩٦٩٠٢٦١٩٣٥")
'119690261935'
>>> gender("219810371062")
<Gender.FEMALE: 'female'>
>>> validate("319690261935")
Traceback (most recent call last):
...
electoral.errors.InvalidComponent: A valid National ID starts with 1 or 2.
>>> is_valid("11969026193")
False
"""

from __future__ import annotations

from typing import Final

from electoral._gender import Gender
from electoral.errors import InvalidComponent, InvalidFormat, InvalidLength, register_messages
from electoral.ids._text import as_text, fold, is_ascii_digits

__all__ = [
    "LENGTH",
    "MAX_VALUE",
    "MIN_VALUE",
    "compact",
    "embedded_birth_year",
    "format",
    "gender",
    "is_valid",
    "validate",
]

LENGTH: Final = 12
"""Number of digits (``NID_LENGTH``)."""
MIN_VALUE: Final = 100_000_000_000
"""Smallest valid id (``MIN_NATIONAL_ID``)."""
MAX_VALUE: Final = 299_999_999_999
"""Largest valid id (``MAX_NATIONAL_ID``)."""

_FIELD: Final = "national_id"

register_messages(
    {
        "national_id.format": (
            "A National ID contains only digits.",
            "الرقم الوطني يتكون من أرقام فقط.",
        ),
        "national_id.length": (
            "A National ID is a 12-digit number.",
            "الرقم الوطني يتكون من 12 رقمًا.",
        ),
        "national_id.first_digit": (
            "A valid National ID starts with 1 or 2.",
            "الرقم الوطني الصحيح يبدأ بالرقم 1 أو 2.",
        ),
    }
)


def compact(number: str | int) -> str:
    """Return the id as ASCII digits, without spaces or dashes (does not validate)."""
    return fold(as_text(number, _FIELD, allow_int=True))


def validate(number: str | int) -> str:
    """Return the compact id, or raise the first problem found.

    Raises:
        InvalidType: ``number`` is neither ``str`` nor ``int``.
        InvalidFormat: ``national_id.format``, a character that is not a digit.
        InvalidLength: ``national_id.length``, not exactly 12 digits.
        InvalidComponent: ``national_id.first_digit``, the first digit is not 1 or 2.
    """
    text = as_text(number, _FIELD, allow_int=True)
    if not (len(text) == LENGTH and text.isascii() and text.isdigit()):
        text = fold(text)
        if not is_ascii_digits(text) and text:
            raise InvalidFormat("national_id.format", field=_FIELD, value=number)
        if len(text) != LENGTH:
            raise InvalidLength("national_id.length", field=_FIELD, value=number)
    if text[0] not in "12":
        raise InvalidComponent("national_id.first_digit", field=_FIELD, value=number)
    return text


def is_valid(number: object) -> bool:
    """Whether ``number`` is a valid national id; never raises."""
    try:
        validate(number)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - is_valid must never raise, whatever it is given
        return False
    return True


def format(number: str | int) -> str:  # noqa: A001 - the stdnum interface name
    """Return the id in its printed form: the 12 digits, ungrouped."""
    return validate(number)


def gender(number: str | int) -> Gender:
    """Return the gender the id's first digit encodes (1 male, 2 female).

    Raises the same errors as :func:`validate`.
    """
    return Gender.MALE if validate(number)[0] == "1" else Gender.FEMALE


def embedded_birth_year(number: str | int) -> int:
    """Return digits 2 to 5 read as a year of birth: a heuristic, never a rule.

    The sample records fit this pattern, but a known record does not (OCVR's
    ``118000023427``, born 1972, in ``spec/support/api_stubs.rb``, hnec-vr/ocvr at
    commit ``1404379``), so compare it with the registry's birth date
    only to flag records for review.

    >>> embedded_birth_year("119690261935")
    1969
    """
    return int(validate(number)[1:5])
