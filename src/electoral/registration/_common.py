"""Private attrs validators for the registration nouns, raising the library's errors.

The shared ones (``integer``, ``boolean``, ``moment``, ``to_moment``) are the
model's own, re-exported, so every noun refuses bad input the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import attrs
import pendulum

from electoral.errors import InvalidType
from electoral.model import TRIPOLI
from electoral.model import _validators as v
from electoral.model._validators import boolean, integer, moment, to_moment

__all__ = [
    "aware",
    "boolean",
    "integer",
    "moment",
    "optional_moment",
    "text",
    "to_moment",
]


def text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A ``str`` (any text: phone numbers and staff names as the system stored them)."""
    if type(value) is not str:
        raise InvalidType(field=attribute.name, value=value)


optional_moment: Final = v.optional(v.moment)
"""``None`` or an aware time (after :func:`to_moment`)."""


def aware(value: object, field: str) -> pendulum.DateTime:
    """An aware datetime argument as a pendulum time in Tripoli, or a typed refusal."""
    if not isinstance(value, dt.datetime):
        raise InvalidType(field=field, value=value)
    if value.utcoffset() is None:
        raise InvalidType("time.naive", field=field, value=value)
    return pendulum.instance(value).in_timezone(TRIPOLI)
