"""Private attrs validators for the registration nouns, raising the library's errors."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Final

import attrs
import pendulum

from electoral.errors import InvalidType, OutOfRange
from electoral.model import TRIPOLI

__all__ = [
    "aware",
    "boolean",
    "integer",
    "moment",
    "optional_moment",
    "split_lines",
    "text",
    "to_moment",
]


def integer(min_value: int | None = None, max_value: int | None = None) -> Any:
    """An ``int`` (not ``bool``) within inclusive bounds."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not int:
            raise InvalidType(field=attribute.name, value=value)
        if (min_value is not None and value < min_value) or (
            max_value is not None and value > max_value
        ):
            raise OutOfRange(
                field=attribute.name,
                value=value,
                min_value="-∞" if min_value is None else min_value,
                max_value="∞" if max_value is None else max_value,
            )

    return check


def text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A ``str``."""
    if type(value) is not str:
        raise InvalidType(field=attribute.name, value=value)


def boolean(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Exactly ``True`` or ``False``."""
    if type(value) is not bool:
        raise InvalidType(field=attribute.name, value=value)


def to_moment(value: object) -> object:
    """Converter: an aware datetime becomes a pendulum time in Tripoli."""
    if isinstance(value, dt.datetime) and value.utcoffset() is not None:
        return pendulum.instance(value).in_timezone(TRIPOLI)
    return value


def moment(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An aware datetime."""
    if not isinstance(value, dt.datetime):
        raise InvalidType(field=attribute.name, value=value)
    if value.utcoffset() is None:
        raise InvalidType("time.naive", field=attribute.name, value=value)


def optional_moment(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or an aware datetime."""
    if value is not None:
        moment(instance, attribute, value)


def aware(value: object, field: str) -> pendulum.DateTime:
    """An aware datetime argument as a pendulum time in Tripoli, or a typed refusal."""
    if not isinstance(value, dt.datetime):
        raise InvalidType(field=field, value=value)
    if value.utcoffset() is None:
        raise InvalidType("time.naive", field=field, value=value)
    return pendulum.instance(value).in_timezone(TRIPOLI)


_NEWLINE: Final = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Split a file's text into lines at ``\\r\\n``, ``\\r`` or ``\\n`` only.

    Unlike :meth:`str.splitlines`, other Unicode line boundaries (U+0085, U+2028,
    form feed…) stay inside their line. A final newline does not start a line.

    >>> split_lines("a\\r\\nb\\u2028c\\n")
    ['a', 'b\\u2028c']
    """
    lines = _NEWLINE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines
