"""Private: the checks of the arguments a caller passes, shared by the chapters.

A wrong Python object passed to a function is a :class:`TypeError` that names the
parameter; the same object in a noun's field is data, refused with
:class:`~electoral.errors.InvalidType` (``data=True``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import pendulum

from electoral.errors import InvalidType
from electoral.model import TRIPOLI

__all__ = ["day_of", "moment_of", "sequence_of"]


def _names(kind: type[Any] | tuple[type[Any], ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


def sequence_of(
    value: object, name: str, kind: type[Any] | tuple[type[Any], ...], *, data: bool = False
) -> tuple[Any, ...]:
    """``value`` as a tuple of ``kind``; a text, a mapping or a non-iterable is refused.

    A text item must not be empty.

    >>> sequence_of(["a", "b"], "names", str)
    ('a', 'b')
    >>> sequence_of("ab", "names", str)
    Traceback (most recent call last):
    ...
    TypeError: names must be a sequence of str, not str
    """
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        if data:
            raise InvalidType(field=name, value=value)
        raise TypeError(f"{name} must be a sequence of {_names(kind)}, not {type(value).__name__}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind) or (isinstance(item, str) and not item):
            if data:
                raise InvalidType(field=name, value=item)
            raise TypeError(f"{name} must hold {_names(kind)} values, not {type(item).__name__}")
    return items


def day_of(value: object, name: str) -> pendulum.Date:
    """A calendar date (not a datetime) as a :class:`pendulum.Date`."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(f"{name} must be a date, not {type(value).__name__}")
    return pendulum.Date(value.year, value.month, value.day)


def moment_of(value: object, name: str) -> pendulum.DateTime:
    """An aware datetime, in Libyan time; a naive one is refused with ``time.naive``."""
    if not isinstance(value, dt.datetime):
        raise TypeError(f"{name} must be an aware datetime, not {type(value).__name__}")
    if value.utcoffset() is None:
        raise InvalidType("time.naive", field=name, value=value)
    return pendulum.instance(value).in_timezone(TRIPOLI)
