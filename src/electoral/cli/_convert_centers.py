"""Private: the centres' formats for ``convert`` (see :mod:`electoral.cli._conversions`).

A centre travels with its names: region, office, constituency and sub-constituency,
as the files give them (a region's name is kept as its value, ``west``, when it is
one of the regions, so that "West" and "الغرب" are the same region). The
registration system's upload CSV has no place for an out-of-country centre, an
English name, ``reg_open`` or ``active``; the results system's centres file gets six
columns it does not read, so that a registration-system centre survives it. Both
files are read and written by the formats layer
(:func:`electoral.formats.smartelect.read_named_centers`,
:func:`electoral.formats.smartelect.write_named_centers`,
:func:`electoral.formats.tallyho.read_named_centers`,
:func:`electoral.formats.tallyho.write_named_centers`); here their centres become the
conversion's records and back.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

import attrs

from electoral.cli._command import DataError
from electoral.cli._conversions import Loss, Options, Read, Record, Records, structured
from electoral.cli._files import Input
from electoral.cli._inputs import load_named_centers, parse_json_list
from electoral.errors import ErrorCollector, InvalidType
from electoral.formats.tallyho._named_centers import region_value
from electoral.model import NO_NAMED_THING, Center, CenterType

if TYPE_CHECKING:
    from electoral.cli._atomic import Content
    from electoral.formats.tallyho import NamedCenter, NamedCenters

__all__ = [
    "ALL_CENTER",
    "NAMES",
    "not_special",
    "read_centers_json",
    "read_smartelect",
    "read_tallyho_centers",
    "special_subconstituency",
    "write_smartelect",
    "write_tallyho_centers",
]

NAMES: Final = ("region_name", "office_name", "constituency_name", "subconstituency_name")
_CENTER_FIELDS: Final = frozenset(a.name for a in attrs.fields(Center))


def read_smartelect(source: Input, options: Options) -> Read:
    from electoral.formats.smartelect import read_named_centers

    return _read(load_named_centers(source, read_named_centers))


def write_smartelect(records: list[Record], options: Options) -> Content:
    from electoral.formats.smartelect import write_named_centers

    return write_named_centers(_named(records))


def _read(found: NamedCenters) -> Read:
    from electoral.serialization import unstructure

    records: Records = []
    for line, named in zip(found.lines, found.centers, strict=True):
        record = unstructure(named.center)
        record.update({name: getattr(named, name) for name in NAMES})
        records.append((f"line {line}", record))
    return Read(
        records=records,
        ignored=found.ignored_columns,
        invented=_found("constituency_id", "made_up", found.numbered),
        doubts=_found("center_type", "changed", found.retyped),
    )


def _named(records: list[Record]) -> Iterator[NamedCenter]:
    from electoral.formats.tallyho import NamedCenter
    from electoral.serialization import structure

    for r in records:
        yield NamedCenter(
            center=structure({k: v for k, v in r.items() if k not in NAMES}, Center),
            **{name: r[name] for name in NAMES},
        )


def read_tallyho_centers(source: Input, options: Options) -> Read:
    from electoral.formats.tallyho import read_named_centers

    return _read(load_named_centers(source, read_named_centers))


def _found(what: str, how: str, lines: tuple[int, ...]) -> tuple[Loss, ...]:
    where = tuple(f"line {line}" for line in lines)
    return (Loss(what=what, how=how, where=where),) if where else ()


def write_tallyho_centers(records: list[Record], options: Options) -> Content:
    from electoral.formats.tallyho import write_named_centers

    return write_named_centers(_named(records))


def read_centers_json(source: Input, options: Options) -> Read:
    records = structured(parse_json_list(source, "centers"), Center, "centers", NAMES)
    collector = ErrorCollector("centers")
    for where, record in records:
        for name in NAMES:
            if not isinstance(record[name], str) or "\n" in record[name] or "\r" in record[name]:
                collector.add(InvalidType(field=name, value=record[name]), f"{where}.{name}")
        record["region_name"] = region_value(str(record["region_name"]))
    if collector:
        raise DataError(collector.errors)
    return Read(records=records)


def special_subconstituency(record: Record) -> str | None:
    special = record["center_type"] == CenterType.SPECIAL.value
    return (
        "subconstituency_id"
        if special and record["subconstituency_id"] != NO_NAMED_THING
        else None
    )


def not_special(record: Record) -> str | None:
    return "center_type" if record["center_type"] == CenterType.SPECIAL.value else None


ALL_CENTER: Final = _CENTER_FIELDS | frozenset(NAMES)
