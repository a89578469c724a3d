"""Phone number (رقم الهاتف) of a voter or polling staff, as HNEC's SMS systems use it.

A valid number is in HNEC's canonical form, digits only: ``2189`` and 8 more
digits (Libyan mobiles, Libyana and Al Madar), or ``88216`` and 8 more digits
(Thuraya satellite phones). Any ``2189x`` is accepted; a number starting ``2180``
is not.

:func:`compact` canonicalises typed input the way HNEC does: a leading
``+218 (0)`` becomes ``218``, everything but digits is dropped, and a 10-digit
``09...`` becomes ``2189...``. Deliberate difference: HNEC keeps Eastern Arabic
digits untranslated (so they later fail); this module folds them to ASCII first.
Other local forms (``00218...``, a bare ``9xxxxxxxx``) are not repaired, as in HNEC.
A number carrying control, bidi or zero-width characters is refused rather than
cleaned: HNEC's "keep only digits" would silently repair it.

:func:`format` gives HNEC's display form (``+218 (0)92-345-6789``) or E.164
(``+218923456789``); :func:`carrier` names the network where the prefix says it.

More information:

* SmartElect ``libya_elections/phone_numbers.py``, ``libya_elections/constants.py``,
  ``reporting_api/codings.py`` (SmartElect/SmartElect at commit ``d6d35f2``).

>>> validate("+218 (0)92-345-6789")
'218923456789'
>>> validate("0923456789")
'218923456789'
>>> format("218923456789")
'+218 (0)92-345-6789'
>>> format("8821612340058", style="e164")
'+8821612340058'
>>> carrier("218913456789")
<Carrier.ALMADAR: 'almadar'>
>>> validate("218023456789")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
electoral.errors.InvalidFormat: Please enter a valid phone number (2189xxxxxxxx or ...
"""

from __future__ import annotations

import enum
import re
from typing import Final, Literal

from electoral.errors import InvalidFormat, Language, register_messages
from electoral.ids._text import as_text, fold, has_controls

__all__ = [
    "MAX_LENGTH",
    "Carrier",
    "carrier",
    "compact",
    "format",
    "is_valid",
    "validate",
]

MAX_LENGTH: Final = 13
"""Longest canonical number (``MAX_PHONE_NUMBER_LENGTH``)."""

_FIELD: Final = "phone"
_PATTERN: Final = re.compile(r"2189[0-9]{8}|88216[0-9]{8}")
_HNEC_PREFIX: Final = re.compile(r"\+218\s*\(0\)")


class Carrier(enum.Enum):
    """The mobile network a number's prefix belongs to."""

    LIBYANA = "libyana"
    ALMADAR = "almadar"
    THURAYA = "thuraya"

    def label(self, language: Language = "en") -> str:
        """The network's name in English or Arabic."""
        return _CARRIER_LABELS[self][language == "ar"]


_CARRIER_LABELS: Final = {
    Carrier.LIBYANA: ("Libyana", "ليبيانا"),
    Carrier.ALMADAR: ("Al Madar", "المدار"),
    Carrier.THURAYA: ("Thuraya", "الثريا"),
}
_CARRIER_PREFIXES: Final = (
    ("21891", Carrier.ALMADAR),
    ("21892", Carrier.LIBYANA),
    ("21894", Carrier.LIBYANA),
    ("88216", Carrier.THURAYA),
)

register_messages(
    {
        "phone.format": (
            "Please enter a valid phone number (2189xxxxxxxx or 88216xxxxxxxx) "
            "without punctuation or spaces.",
            "الرجاء إدخال رقم هاتف صحيح (2189xxxxxxxx أو 88216xxxxxxxx) دون "
            "علامات ترقيم أو مسافات.",
        ),
    }
)


def compact(number: str | int) -> str:
    """Canonicalise typed input as HNEC does (does not validate)."""
    text = fold(as_text(number, _FIELD, allow_int=True))
    text = _HNEC_PREFIX.sub("218", text, count=1) if text.startswith("+218") else text
    digits = "".join(char for char in text if "0" <= char <= "9")
    if len(digits) == 10 and digits.startswith("09"):
        digits = "218" + digits[1:]
    return digits


def validate(number: str | int) -> str:
    """Return the canonical number, or raise ``phone.format``.

    Raises:
        InvalidType: ``number`` is neither ``str`` nor ``int``.
        InvalidFormat: ``phone.format``, not ``2189`` + 8 or ``88216`` + 8 digits.
    """
    text = compact(number)
    if _PATTERN.fullmatch(text) is None or has_controls(as_text(number, _FIELD, allow_int=True)):
        raise InvalidFormat("phone.format", field=_FIELD, value=number)
    return text


def is_valid(number: object) -> bool:
    """Whether ``number`` canonicalises to a valid phone number; never raises."""
    try:
        validate(number)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - is_valid must never raise, whatever it is given
        return False
    return True


def format(  # noqa: A001 - the stdnum interface name
    number: str | int, *, style: Literal["hnec", "e164"] = "hnec"
) -> str:
    """Return the number for display: HNEC's style (default) or E.164.

    >>> format("0923456789", style="e164")
    '+218923456789'
    """
    text = validate(number)
    if style == "e164":
        return "+" + text
    if text.startswith("218"):
        return f"+218 (0){text[3:5]}-{text[5:8]}-{text[8:]}"
    return f"+88216-{text[5:]}"


def carrier(number: str | int) -> Carrier | None:
    """Return the network the prefix names, or ``None`` (for example ``21893...``)."""
    text = validate(number)
    for prefix, network in _CARRIER_PREFIXES:
        if text.startswith(prefix):
            return network
    return None
