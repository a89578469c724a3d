"""Private helpers shared by the identifier modules: type checks and digit folding.

People type identifiers on Arabic keyboards, paste them from Arabic documents and
read them aloud to help desks. :func:`fold` therefore maps every Unicode decimal
digit (Arabic-Indic U+0660-0669, Extended Arabic-Indic/Persian U+06F0-06F9 and the
rest of category Nd) to its ASCII digit, and removes Unicode spaces and dashes, as
python-stdnum's ``stdnum/eg/tn.py`` and ``stdnum/util.py`` do. It does not remove
bidi or zero-width control characters: an identifier that carries them is refused
by the validator rather than silently repaired.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from electoral.errors import InvalidFormat, InvalidLength, InvalidType

__all__ = ["SEPARATORS", "as_text", "fold", "has_controls", "is_ascii_digits"]

#: ASCII separators removed by :func:`fold`.
SEPARATORS: Final = " \t\n\r\f\v-"

_MAX_INT_BITS: Final = 256
_CONTROL_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_ASCII_TABLE: Final = str.maketrans("", "", SEPARATORS)
_MINUS_LIKE: Final = frozenset("\u2212\u2010\u2011\u2012\u2013\u2014\u2015\ufe58\ufe63\uff0d")


def as_text(value: object, field: str, *, allow_int: bool = False) -> str:
    """Return ``value`` as ``str`` or raise :class:`InvalidType`.

    ``bool`` is never an integer here; ``int`` is accepted only with ``allow_int``
    (identifiers that can never start with zero, such as the national id). A
    negative int is refused: its minus sign is not a dash to fold away.
    """
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str(value)
    if allow_int and isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise InvalidFormat(field=field, value=value)
        if value.bit_length() > _MAX_INT_BITS:
            raise InvalidLength(field=field, value=value)
        return str(value)
    raise InvalidType(field=field, value=value)


def fold(text: str) -> str:
    """Map Unicode digits to ASCII and drop spaces and dashes.

    A minus sign written against the first digit (``-31001``, ``−31001``) is a sign,
    not a separator: it is kept (as ``-``), so that the validators refuse the text as
    they refuse the negative ``int``.

    >>> fold("١٢٣ ٤٥-۶"), fold(" −31001")
    ('123456', '-31001')
    """
    if _is_signed(text):
        return "-" + fold(text.lstrip()[1:])
    if text.isascii():
        return text.translate(_ASCII_TABLE)
    out = []
    for char in text:
        if char.isascii():
            if char not in SEPARATORS:
                out.append(char)
            continue
        digit = unicodedata.decimal(char, None)
        if digit is not None:
            out.append(chr(48 + digit))
        elif char in _MINUS_LIKE or unicodedata.category(char) in ("Zs", "Pd"):
            continue
        else:
            out.append(char)
    return "".join(out)


def _is_signed(text: str) -> bool:
    """Whether ``text`` starts (after spaces) with a minus sign written against a digit."""
    start = text.lstrip()
    return (
        len(start) > 1
        and (start[0] == "-" or start[0] in _MINUS_LIKE)
        and unicodedata.decimal(start[1], None) is not None
    )


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a control, bidi, zero-width, surrogate or unassigned character.

    Ordinary whitespace (space, tab, line breaks) does not count: :func:`fold` drops it.
    """
    if text.isprintable():
        return False
    return any(
        char not in SEPARATORS and unicodedata.category(char) in _CONTROL_CATEGORIES
        for char in text
    )


def is_ascii_digits(text: str) -> bool:
    """True when ``text`` is non-empty and made only of ``0``-``9``."""
    return text.isascii() and text.isdigit()
