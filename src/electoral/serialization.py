"""Serialisation (التسلسل): every noun to JSON-ready dicts and back, with one converter.

:data:`converter` is a :class:`cattrs.Converter` set up for the library's nouns:

* enums become their string values (``"female"``), never the integer codes of one
  system (those live in :mod:`electoral.adapters`);
* times become ISO 8601 text with their offset (``"2013-03-15T08:00:00+02:00"``),
  dates ISO dates; a time without an offset is refused, not guessed;
* coordinates (:class:`~decimal.Decimal`) become text, so no digit is lost;
* sets become sorted lists, so the output is deterministic.

Structuring a dict checks **every** field and raises one
:class:`~electoral.errors.ValidationErrors` listing every problem with its path
(``$.lat``, ``$.race.name``); nothing is half-built. Unknown keys are refused, so a
typo in a field name is not silently dropped.

>>> from electoral.model import Station, Gender
>>> data = unstructure(Station(center_id=11001, number=2, gender=Gender.FEMALE))
>>> data["gender"], data["registrants"]
('female', None)
>>> structure(data, Station) == Station(center_id=11001, number=2, gender=Gender.FEMALE)
True
>>> try:
...     structure({"center_id": "11001", "number": 0, "gender": "woman"}, Station)
... except ValidationErrors as group:
...     print("\\n".join(group.describe()))
type: '11001' is not of an accepted type. @ $.center_id
range: 0 must lie between 1 and 102. @ $.number
enum.unknown: 'woman' is not one of male, female, unisex. @ $.gender
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final, TypeVar

import attrs
import cattrs
import pendulum

from electoral._guard import MAX_COUNT, guarded
from electoral.errors import (
    ErrorCollector,
    InvalidComponent,
    InvalidFormat,
    InvalidType,
    MissingValue,
    ValidationError,
    ValidationErrors,
    register_messages,
)
from electoral.model import NOUNS

__all__ = ["converter", "structure", "unstructure"]

_MAX_DEPTH: Final = 100

T = TypeVar("T")

register_messages(
    {
        "serialization.unknown_field": (
            "{value} is not a field of {cls}.",
            "{value} ليس حقلًا من حقول {cls}.",
        ),
        "serialization.not_a_mapping": (
            "A {cls} is given as a mapping of field names to values, not {value}.",
            "يجب تقديم {cls} كقاموس من أسماء الحقول وقيمها، وليس {value}.",
        ),
    }
)


def _unstructure_moment(value: dt.datetime) -> str:
    return value.isoformat()


def _unstructure_date(value: dt.date) -> str:
    return value.isoformat()


def _unstructure_decimal(value: Decimal) -> str:
    return format(value, "f")  # fixed point: Decimal("0E-8") is "0.00000000", not "0E-8"


def _unstructure_frozenset(value: frozenset[Any]) -> list[Any]:
    return sorted(value)


def _is_frozenset_type(kind: Any) -> bool:
    return typing.get_origin(kind) is frozenset


def _resolved_fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    attrs.resolve_types(cls)
    return tuple(attrs.fields(cls))


def _strip_optional(kind: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(kind)
    if origin is typing.Union or origin is types.UnionType:
        args = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return (args[0] if len(args) == 1 else kind), len(args) < len(typing.get_args(kind))
    return kind, False


def _structure_value(value: Any, kind: Any, name: str) -> Any:
    kind, optional = _strip_optional(kind)
    if value is None and optional:
        return None
    if isinstance(kind, type) and attrs.has(kind):
        return _structure_noun(value, kind, name)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        if isinstance(value, kind):
            return value
        try:
            return kind(value)
        except (ValueError, TypeError):
            choices = ", ".join(str(member.value) for member in kind)
            raise InvalidComponent(
                "enum.unknown", field=name, value=value, choices=choices
            ) from None
    if kind is pendulum.DateTime and isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            raise InvalidFormat(field=name, value=value) from None
    if kind is pendulum.Date and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidFormat(field=name, value=value) from None
    if kind is Decimal and type(value) in (str, int):
        try:
            return Decimal(value)
        except InvalidOperation:
            raise InvalidFormat(field=name, value=value) from None
    if typing.get_origin(kind) is frozenset and isinstance(value, list | tuple | set):
        try:
            return frozenset(value)
        except TypeError:
            raise InvalidType(field=name, value=value) from None
    return value


def _structure_noun(data: Any, cls: type[T], name: str | None = None) -> T:
    label = name or cls.__name__
    if not isinstance(data, Mapping):
        raise InvalidType("serialization.not_a_mapping", field=label, value=data, cls=cls.__name__)
    fields = _resolved_fields(cls)
    known = {field.name for field in fields}
    collector = ErrorCollector(cls.__name__)
    for key in data:
        if key not in known:
            collector.add(
                InvalidComponent(
                    "serialization.unknown_field", field=str(key), value=key, cls=cls.__name__
                ),
                f"$.{key}",
            )
    kwargs: dict[str, Any] = {}
    for field in fields:
        where = f"$.{field.name}"
        if field.name not in data:
            if field.default is attrs.NOTHING:
                collector.add(MissingValue(field=field.name), where)
            continue
        with collector.at(where):
            value = _structure_value(data[field.name], field.type, field.name)
            kwargs[field.name] = value
            checked = field.converter(value) if callable(field.converter) else value
            if field.validator is not None:
                field.validator(None, field, checked)
    collector.raise_if_any()
    try:
        return cls(**kwargs)
    except ValidationError as error:
        raise ValidationErrors(f"1 problem in {cls.__name__}", [error.at("$")]) from None


def _make_converter() -> cattrs.Converter:
    made = cattrs.Converter()
    made.register_unstructure_hook(pendulum.DateTime, _unstructure_moment)
    made.register_unstructure_hook(dt.datetime, _unstructure_moment)
    made.register_unstructure_hook(pendulum.Date, _unstructure_date)
    made.register_unstructure_hook(dt.date, _unstructure_date)
    made.register_unstructure_hook(Decimal, _unstructure_decimal)
    made.register_unstructure_hook_func(_is_frozenset_type, _unstructure_frozenset)
    for noun in NOUNS:
        attrs.resolve_types(noun)
        made.register_structure_hook(noun, _structure_noun)
    return made


converter: Final = _make_converter()
"""The library's :class:`cattrs.Converter` for its nouns."""


@guarded
def unstructure(value: Any) -> Any:
    """A noun (or a list or dict of nouns) as JSON-ready Python data.

    Raises:
        InvalidType: what comes out would not be JSON (an object that is not a noun, a
            key that is not text, an integer beyond :data:`~electoral.model.MAX_COUNT`).
    """
    data = converter.unstructure(value)
    if not _json_ready(data):
        raise InvalidType(field="value", value=value)
    return data


def _json_ready(data: object, depth: int = 0) -> bool:
    """Whether ``data`` is made of what JSON holds (and what a JSON reader keeps exact)."""
    if data is None or isinstance(data, str | bool | float):
        return True
    if isinstance(data, int):
        return -MAX_COUNT <= data <= MAX_COUNT
    if depth > _MAX_DEPTH:
        return False
    if isinstance(data, list | tuple):
        return all(_json_ready(item, depth + 1) for item in data)
    if isinstance(data, dict):
        return all(
            isinstance(key, str) and _json_ready(item, depth + 1) for key, item in data.items()
        )
    return False


@guarded
def structure(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from JSON-ready data, reporting every problem at once.

    Raises:
        ValidationErrors: every refused field, each located by its path.
    """
    try:
        return converter.structure(data, cls)
    except ValidationErrors:
        raise
    except ValidationError as error:
        raise ValidationErrors(f"1 problem in {cls.__name__}", [error.at("$")]) from None
