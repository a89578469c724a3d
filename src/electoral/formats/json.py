"""Our JSON (ملفات JSON): every noun as a JSON document, and the JSON Schema of them all.

:mod:`electoral.serialization` maps a noun to JSON-ready Python data and back (that
mapping is also what a Django ``JSONField`` or an API response needs, without any
file). This module adds the file: it reads a document under the one policy of
:mod:`electoral.formats` (UTF-8 with or without a byte-order mark, no ``NaN``, no key
twice in one object, nesting at most 32 deep, integers of at most 18 digits) and
writes one the same way every time (UTF-8, two-space indent, keys in field order).

:func:`json_schema` is the JSON Schema (draft 2020-12) of every noun, generated from
the nouns' fields and validators; the documentation publishes it, and a test checks
that the published file equals the generated one. The schema describes shape, types,
enumerations, ranges and lengths; the library's own checks go further (check digits,
cross-field rules), so a document that passes the schema can still be refused by
:func:`read_json`, with every problem located by its path.

>>> from electoral.model import Station, Gender
>>> text = write_json([Station(center_id=11001, number=2, gender=Gender.FEMALE)])
>>> read_json_list(text, Station)[0].gender
<Gender.FEMALE: 'female'>
>>> read_json_list('[{"center_id": 11001, "number": 0, "gender": "female"}]', Station)
Traceback (most recent call last):
...
electoral.errors.ValidationErrors: 1 problem in Station list (1 sub-exception)
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs
import pendulum

from electoral._guard import MAX_COUNT, beyond_ceiling, guarded
from electoral.errors import (
    ErrorCollector,
    InvalidType,
    OutOfRange,
    ValidationErrors,
    register_messages,
)
from electoral.formats._policy import Source, load_json
from electoral.model import NOUNS
from electoral.serialization import structure, unstructure

__all__ = [
    "SCHEMA_ID",
    "json_schema",
    "read_json",
    "read_json_list",
    "write_json",
]

T = TypeVar("T")

SCHEMA_ID: Final = "https://electoral.readthedocs.io/formats/electoral.schema.json"
"""The ``$id`` of the published schema."""

register_messages(
    {
        "formats.json.not_list": (
            "A list of {cls} is a JSON array, not {kind}.",
            "قائمة {cls} مصفوفة JSON، وليست {kind}.",
        ),
    }
)


def _noun(cls: object, parameter: str = "cls") -> type[Any]:
    if not (isinstance(cls, type) and cls in NOUNS):
        raise TypeError(f"{parameter} must be one of the library's nouns, not {cls!r}")
    return cls


@guarded
def read_json(source: Source, cls: type[T]) -> T:
    """Read one ``cls`` from a JSON document (an object).

    Raises:
        TypeError: ``source`` is not a source, or ``cls`` not a noun.
        ValidationErrors: the file's problems, or every refused field (``$.lat``).

    >>> from electoral.model import Office
    >>> read_json('{"id": 1, "name_en": "Tripoli", "name_ar": "طرابلس"}', Office).id
    1
    """
    _noun(cls)
    return structure(load_json(source), cls)


@guarded
def read_json_list(source: Source, cls: type[T]) -> list[T]:
    """Read a list of ``cls`` from a JSON document (an array), all or nothing.

    Raises:
        TypeError: ``source`` is not a source, or ``cls`` not a noun.
        ValidationErrors: the file's problems, or every refused field of every
            item (``$[3].number``).
    """
    name = _noun(cls).__name__
    data = load_json(source)
    errors = ErrorCollector(f"{name} list")
    if not isinstance(data, list):
        errors.add(
            InvalidType("formats.json.not_list", value=None, cls=name, kind=type(data).__name__)
        )
        errors.raise_if_any()
    items: list[T] = []
    for index, item in enumerate(data):
        try:
            items.append(structure(item, cls))
        except ValidationErrors as group:
            errors.extend(group.errors, f"$[{index}]")
    errors.raise_if_any()
    return items


@guarded
def write_json(value: object) -> str:
    """A noun, or a list or mapping of nouns, as a JSON document (UTF-8 text, LF).

    ``value`` may be anything, so what JSON cannot carry is a coded error, not a
    ``TypeError``.

    Raises:
        OutOfRange: ``range.ceiling``, ``value`` holds an integer beyond
            :data:`~electoral.model.MAX_COUNT`.
        InvalidType: ``type``, ``value`` holds something that is neither a noun nor
            plain JSON data (bytes, a fraction, NaN or an infinity, another object).
    """
    if beyond_ceiling(value):
        raise OutOfRange("range.ceiling", field="value", value=value, maximum=MAX_COUNT)
    try:
        text = json.dumps(unstructure(value), ensure_ascii=False, indent=2, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as error:
        raise InvalidType(field="value", value=type(value).__name__) from error
    return text + "\n"


# --------------------------------------------------------------------------- schema


def _type_schema(kind: Any) -> dict[str, Any]:
    origin = typing.get_origin(kind)
    if origin is typing.Union or origin is types.UnionType:
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        assert len(options) == 1, kind
        return {"anyOf": [_type_schema(options[0]), {"type": "null"}]}
    if origin is frozenset:
        (item,) = typing.get_args(kind)
        return {"type": "array", "items": _type_schema(item), "uniqueItems": True}
    if isinstance(kind, type) and kind in NOUNS:
        return {"$ref": f"#/$defs/{kind.__name__}"}
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return {"type": "string", "enum": [member.value for member in kind]}
    if kind is bool:
        return {"type": "boolean"}
    if kind is int:
        return {"type": "integer"}
    if kind is str:
        return {"type": "string"}
    if kind is Decimal:
        return {"type": "string", "pattern": r"^[+-]?[0-9]+(\.[0-9]+)?$"}
    if kind in (pendulum.DateTime, dt.datetime):
        return {"type": "string", "format": "date-time"}
    if kind in (pendulum.Date, dt.date):
        return {"type": "string", "format": "date"}
    raise TypeError(f"no JSON Schema for {kind!r}")  # pragma: no cover - every noun maps


def _with_checks(schema: dict[str, Any], checks: Mapping[str, Any]) -> dict[str, Any]:
    if "anyOf" in schema:
        first, none = schema["anyOf"]
        return {"anyOf": [_with_checks(first, checks), none]}
    if schema.get("type") == "array" and "items" in checks:
        return schema | {"items": schema["items"] | checks["items"]}
    wanted = {"integer": ("minimum", "maximum"), "string": ("maxLength", "pattern")}
    keys = wanted.get(schema.get("type", ""), ())
    return schema | {key: checks[key] for key in keys if key in checks and "enum" not in schema}


def _noun_schema(cls: type[Any]) -> dict[str, Any]:
    attrs.resolve_types(cls)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        schema = _type_schema(field.type)
        checks = getattr(field.validator, "json_schema", {})
        properties[field.name] = _with_checks(schema, checks)
        if field.default is attrs.NOTHING:
            required.append(field.name)
    doc = (cls.__doc__ or "").strip().splitlines()
    return {
        "type": "object",
        "description": doc[0] if doc else cls.__name__,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of every noun, under ``$defs``.

    >>> schema = json_schema()
    >>> schema["$defs"]["Station"]["properties"]["number"]
    {'type': 'integer', 'minimum': 1, 'maximum': 102}
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "electoral nouns",
        "description": "Every noun of the electoral library as JSON (electoral.formats.json).",
        "$defs": {noun.__name__: _noun_schema(noun) for noun in NOUNS},
    }
