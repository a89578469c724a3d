"""Private: the audit chapter's error codes, input checks and conservative rounding.

Every refusal of the chapter has a code under ``audit.`` registered here with its
English and Arabic texts (the templates never name their field: the field stays in
``error.field``). A wrong Python object (a list where a contest is expected) is a
:class:`TypeError` that names the parameter; a wrong value is a typed
:class:`~electoral.errors.ValidationError` with a code.

**Exact arithmetic and its one rounding.** Margins, error bounds and taints are
exact (:class:`int` and :class:`~fractions.Fraction`). A risk is a product of one
factor per sampled batch or ballot; kept exact, its numerator and denominator would
grow with every draw. :func:`ceil_risk` therefore rounds a running product *up* to the
next multiple of ``2**-128`` after each factor, once its denominator needs more than
128 bits (smaller ones stay exact). Every factor is positive, so the
rounded product is never below the exact one: rounding can only make an audit ask
for more evidence, never stop it early.

>>> check_risk_limit("0.05")
Fraction(1, 20)
>>> check_risk_limit(Fraction(1))
Traceback (most recent call last):
...
electoral.errors.OutOfRange: Fraction(1, 1) is not a risk limit: it must lie strictly ...
>>> ceil_risk(Fraction(1, 3)) >= Fraction(1, 3)
True
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from fractions import Fraction
from typing import Final

from electoral.errors import (
    InvalidFormat,
    InvalidType,
    OutOfRange,
    register_messages,
)

__all__ = [
    "GRID_BITS",
    "MAX_COUNT",
    "MAX_NAME",
    "ceil_risk",
    "check_count",
    "check_name",
    "check_risk_limit",
    "pow_risk",
    "require_type",
]

MAX_COUNT: Final = 10**9
"""The ceiling of every count the chapter accepts (votes, ballots, draws): a billion,
far above any station's or election's figure; a larger number is refused with
``audit.count_ceiling`` so nothing accepted can break printing or JSON."""

MAX_NAME: Final = 200
"""The longest candidate, batch or contest identifier accepted, in characters."""

GRID_BITS: Final = 128
"""Running risks are rounded up to multiples of ``2**-GRID_BITS`` (see the module)."""

_GRID: Final = 1 << GRID_BITS

register_messages(
    {
        "audit.risk_limit": (
            "{value} is not a risk limit: it must lie strictly between 0 and 1.",
            "القيمة {value} ليست حدًا للمخاطرة: يجب أن تكون أكبر من 0 وأصغر من 1.",
        ),
        "audit.risk_limit_type": (
            "{value} is not an exact fraction; give it as a Fraction or as a decimal "
            "text such as '0.05'.",
            "القيمة {value} ليست كسرًا دقيقًا؛ أدخلها كسرًا أو نصًا عشريًا مثل '0.05'.",
        ),
        "audit.count_type": (
            "{value} is not a whole number.",
            "القيمة {value} ليست عددًا صحيحًا.",
        ),
        "audit.count_negative": (
            "{value} is negative.",
            "القيمة {value} سالبة.",
        ),
        "audit.count_ceiling": (
            "{value} exceeds the ceiling of {ceiling}.",
            "القيمة {value} تتجاوز الحد الأعلى {ceiling}.",
        ),
        "audit.name": (
            "{value} is not a valid identifier: non-blank text of at most {max_length} "
            "characters, without control, bidi or zero-width characters.",
            "القيمة {value} ليست معرّفًا صالحًا: نص غير فارغ لا يتجاوز {max_length} حرفًا، "
            "بلا محارف تحكم أو اتجاه أو محارف صفرية العرض.",
        ),
        "audit.unknown_name": (
            "{value} is not one of {choices}.",
            "القيمة {value} ليست من بين {choices}.",
        ),
    }
)


def require_type(value: object, kinds: type | tuple[type, ...], parameter: str) -> None:
    """Raise :class:`TypeError` naming ``parameter`` unless ``value`` is one of ``kinds``.

    >>> require_type([], dict, "votes")
    Traceback (most recent call last):
    ...
    TypeError: votes must be dict, not list
    """
    if not isinstance(value, kinds):
        names = (
            " or ".join(kind.__name__ for kind in kinds)
            if isinstance(kinds, tuple)
            else kinds.__name__
        )
        raise TypeError(f"{parameter} must be {names}, not {type(value).__name__}")


def check_count(value: object, field: str) -> int:
    """Return ``value`` if it is an ``int`` (never a ``bool``) from 0 to :data:`MAX_COUNT`.

    Raises:
        InvalidType: ``audit.count_type``.
        OutOfRange: ``audit.count_negative``, ``audit.count_ceiling``.

    >>> check_count(12, "votes")
    12
    >>> check_count(10**5000, "votes")
    Traceback (most recent call last):
    ...
    electoral.errors.OutOfRange: <int of 16610 bits> exceeds the ceiling of 1000000000.
    """
    if type(value) is not int:
        raise InvalidType("audit.count_type", field=field, value=value)
    if value < 0:
        raise OutOfRange(
            "audit.count_negative", field=field, value=value, min_value=0, max_value=MAX_COUNT
        )
    if value > MAX_COUNT:
        raise OutOfRange(
            "audit.count_ceiling",
            field=field,
            value=value,
            ceiling=MAX_COUNT,
            min_value=0,
            max_value=MAX_COUNT,
        )
    return value


def check_name(value: object, field: str) -> str:
    """Return ``value`` if it is a usable identifier (candidate, batch, contest).

    Raises:
        InvalidType: ``audit.name`` for anything but ``str``.
        InvalidFormat: ``audit.name`` for blank, over-long or control-laden text.

    >>> check_name("117:3", "candidate")
    '117:3'
    """
    if type(value) is not str:
        raise InvalidType("audit.name", field=field, value=value, max_length=MAX_NAME)
    if not value.strip() or len(value) > MAX_NAME or not value.isprintable():
        raise InvalidFormat("audit.name", field=field, value=value, max_length=MAX_NAME)
    return value


def check_risk_limit(value: object, field: str = "risk_limit") -> Fraction:
    """Return a risk limit as an exact :class:`~fractions.Fraction` in ``(0, 1)``.

    Accepted: a :class:`~fractions.Fraction`, a :class:`decimal.Decimal`, or a decimal
    text (``"0.05"``, ``"1/20"``). A ``float`` is refused: its binary value is not the
    decimal a user typed.

    Raises:
        InvalidType: ``audit.risk_limit_type`` for a float or unreadable text.
        OutOfRange: ``audit.risk_limit`` outside ``(0, 1)``.
        TypeError: for any other kind of object.

    >>> check_risk_limit(Fraction(1, 10))
    Fraction(1, 10)
    >>> check_risk_limit(0.1)
    Traceback (most recent call last):
    ...
    electoral.errors.InvalidType: 0.1 is not an exact fraction; give it as a Fraction ...
    """
    if isinstance(value, bool):
        raise InvalidType("audit.risk_limit_type", field=field, value=value)
    if isinstance(value, float):
        raise InvalidType("audit.risk_limit_type", field=field, value=value)
    if isinstance(value, (Fraction, int)):
        limit = Fraction(value)
    elif isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise InvalidType("audit.risk_limit_type", field=field, value=value)
        limit = Fraction(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text or len(text) > 40 or not all(c in "0123456789./" for c in text):
            raise InvalidType("audit.risk_limit_type", field=field, value=value)
        try:
            limit = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise InvalidType("audit.risk_limit_type", field=field, value=value) from None
    else:
        raise TypeError(f"{field} must be Fraction, Decimal or str, not {type(value).__name__}")
    if not 0 < limit < 1:
        raise OutOfRange("audit.risk_limit", field=field, value=value, min_value=0, max_value=1)
    return limit


def ceil_risk(value: Fraction) -> Fraction:
    """``value``, or rounded up to a multiple of ``2**-128`` once its denominator is larger.

    >>> ceil_risk(Fraction(1, 3))
    Fraction(1, 3)
    >>> tiny = Fraction(1, 3**90)
    >>> ceil_risk(tiny) >= tiny, ceil_risk(tiny) - tiny < Fraction(1, 2**128)
    (True, True)
    """
    numerator, denominator = value.numerator, value.denominator
    if denominator.bit_length() <= GRID_BITS:  # small enough to stay exact
        return value
    return Fraction(-((-numerator * _GRID) // denominator), _GRID)


def pow_risk(base: Fraction, exponent: int) -> Fraction:
    """``base ** exponent`` for a positive ``base``, rounded up after each product.

    Binary exponentiation keeps the numbers small; every partial product is rounded
    up by :func:`ceil_risk`, so the result is never below the exact power.

    >>> pow_risk(Fraction(1, 2), 10)
    Fraction(1, 1024)
    >>> pow_risk(Fraction(2, 3), 200) >= Fraction(2, 3) ** 200
    True
    """
    result = Fraction(1)
    factor = ceil_risk(base)
    while exponent:
        if exponent & 1:
            result = ceil_risk(result * factor)
        exponent >>= 1
        if exponent:
            factor = ceil_risk(factor * factor)
    return result


def check_mapping(value: object, parameter: str) -> Mapping[object, object]:
    """Return ``value`` if it is a mapping; otherwise a :class:`TypeError` naming it."""
    require_type(value, Mapping, parameter)
    assert isinstance(value, Mapping)
    return value
