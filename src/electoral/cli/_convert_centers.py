"""Private: the centres' formats for ``convert`` (see :mod:`electoral.cli._conversions`).

A centre travels with its names: region, office, constituency and sub-constituency,
as the files give them (a region's name is kept as its value, ``west``, when it is
one of the regions, so that "West" and "الغرب" are the same region). The
registration system's upload CSV has no place for an out-of-country centre, an
English name, ``reg_open`` or ``active``; the results system's centres file gets six
columns it does not read, so that a registration-system centre survives it.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Final

import attrs

from electoral.cli._command import DataError
from electoral.cli._conversions import Loss, Options, Read, Record, Records, structured
from electoral.cli._files import Input, check_header, csv_records
from electoral.cli._inputs import load_centers, parse_json_list
from electoral.cli._output import csv_text, unescape
from electoral.errors import ErrorCollector, InconsistentValue, InvalidFormat, InvalidType
from electoral.model import NO_NAMED_THING, Center, CenterType, Region

if TYPE_CHECKING:
    from electoral.cli._atomic import Content

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
_REGIONS: Final = {
    text.casefold(): region
    for region in Region
    for text in (region.value, region.label("en"), region.label("ar"))
}
_TALLYHO_EXTRAS: Final = (
    "constituency_id",
    "copy_of_id",
    "subconstituency_name",
    "reg_open",
    "name_en",
    "active",
)
_SPECIAL_MARKERS: Final = ("Special Voting", "OCV Voting")


def _region(text: str) -> str:
    """A region's name as one value: ``west`` for "West" and "الغرب"; other text as it is."""
    region = _REGIONS.get(text.strip().casefold())
    return text.strip() if region is None else region.value


def _region_label(value: str, language: str) -> str:
    region = _REGIONS.get(value.casefold())
    if region is None or (region is Region.NONE and not value):
        return value
    return region.label("ar" if language == "ar" else "en")


def read_smartelect(source: Input, options: Options) -> Read:
    from electoral.registration import CENTER_CSV_COLUMNS
    from electoral.serialization import unstructure

    by_id = {center.center_id: center for center in load_centers(source)}
    rows = csv_records(source)
    next(rows)  # the header, checked by the upload's rules
    columns = {name: index for index, name in enumerate(CENTER_CSV_COLUMNS)}
    records: Records = []
    seen: dict[int, int] = {}
    problems = []
    for line, row in rows:
        center_id = int(row[columns["center_id"]])
        if center_id in seen:
            problems.append(
                InconsistentValue(
                    "cli.duplicate_record", field="center_id", value=center_id,
                    first=f"line {seen[center_id]}", location=f"line {line}",
                )
            )  # fmt: skip
            continue
        seen[center_id] = line
        record = unstructure(by_id[center_id])
        for name in ("name_ar", "mahalla", "village"):
            record[name] = unescape(record[name])
        record.update({name: unescape(row[columns[name]].strip()) for name in NAMES})
        record["region_name"] = _region(record["region_name"])
        records.append((f"line {line}", record))
    if problems:
        raise DataError(problems)
    return Read(records=records)


def write_smartelect(records: list[Record], options: Options) -> Content:
    from electoral.registration import CENTER_CSV_COLUMNS

    def row(r: Record) -> list[object]:
        return [
            r["center_id"],
            r["name_ar"],
            "" if r["copy_of"] is None else r["copy_of"],
            _region_label(r["region_name"], "ar"),
            r["office_id"],
            r["office_name"],
            r["constituency_name"],
            r["constituency_id"],
            r["subconstituency_id"],
            r["subconstituency_name"],
            r["mahalla"],
            r["village"],
            CenterType(r["center_type"]).label("ar"),
            "" if r["lat"] is None else r["lat"],
            "" if r["lon"] is None else r["lon"],
        ]

    return csv_text(CENTER_CSV_COLUMNS, (row(r) for r in records))


def _tallyho_columns() -> tuple[str, ...]:
    from electoral.formats.tallyho import FILES

    return (*FILES["centers"], *_TALLYHO_EXTRAS)


def _cell_int(text: str, field: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) <= 9):
        raise InvalidFormat("cli.integer", field=field, value=text)
    return int(text)


def _cell_bool(text: str, field: str, default: bool) -> bool:
    text = text.strip().casefold()
    if not text:
        return default
    if text in ("1", "true", "yes"):
        return True
    if text in ("0", "false", "no"):
        return False
    raise InvalidFormat("results.csv.boolean", field=field, value=text)


def _cell_decimal(text: str, field: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise InvalidFormat("results.csv.decimal", field=field, value=text) from None


def read_tallyho_centers(source: Input, options: Options) -> Read:
    from electoral.formats.tallyho import FILES
    from electoral.serialization import unstructure

    rows = csv_records(source)
    first = next(rows, None)
    if first is None:
        return Read(records=[])
    columns = check_header(source, first[1], required=FILES["centers"])
    known = set(_tallyho_columns())
    ignored = tuple(name for name in columns if name not in known)
    types = {t.value: t for t in CenterType} | {t.label().casefold(): t for t in CenterType}
    collector = ErrorCollector("centers")
    records: Records = []
    constituencies: dict[str, int] = {}
    invented: list[str] = []
    doubts: list[str] = []
    seen: dict[int, int] = {}
    for line, row in rows:
        cell = {
            name: unescape(row[index]) if index < len(row) else ""
            for name, index in columns.items()
        }
        with collector.at(f"line {line}"):
            center_id = _cell_int(cell["center_id"], "center_id")
            subcon_text = cell["subconstituency_id"].strip()
            special = subcon_text in _SPECIAL_MARKERS
            kind_text = cell["center_type"].strip().casefold()
            center_type = types.get(kind_text, CenterType.GENERAL)
            if special:
                center_type = CenterType.SPECIAL
            no_original = center_type is CenterType.COPY and not cell.get("copy_of_id", "").strip()
            if no_original or (center_type is CenterType.SPLIT and subcon_text != "998"):
                # the results system ignores this column: a type it cannot hold reads as general
                doubts.append(f"line {line}")
                center_type = CenterType.GENERAL
            constituency_name = cell["constituency_name"].strip()
            constituency = _cell_int(cell.get("constituency_id", ""), "constituency_id")
            if constituency is None:
                if constituency_name and constituency_name != "No Constituency":
                    constituency = constituencies.setdefault(
                        constituency_name, len(constituencies) + 1
                    )
                    invented.append(f"line {line}")
                else:
                    constituency = NO_NAMED_THING
            center = Center(
                center_id=center_id,  # type: ignore[arg-type]
                name_ar=cell["name"].strip(),
                name_en=cell.get("name_en", "").strip(),
                office_id=_cell_int(cell["office_id"], "office_id") or NO_NAMED_THING,
                constituency_id=constituency,
                subconstituency_id=NO_NAMED_THING
                if special
                else _cell_int(subcon_text, "subconstituency_id") or NO_NAMED_THING,
                center_type=center_type,
                copy_of=_cell_int(cell.get("copy_of_id", ""), "copy_of_id"),
                lat=_cell_decimal(cell["center_lat"], "center_lat"),
                lon=_cell_decimal(cell["center_lon"], "center_lon"),
                mahalla=cell["mahalla_name"].strip(),
                village=cell["village_name"].strip(),
                reg_open=_cell_bool(cell.get("reg_open", ""), "reg_open", True),
                active=_cell_bool(cell.get("active", ""), "active", True),
            )
            if center.center_id in seen:
                raise InconsistentValue(
                    "cli.duplicate_record", field="center_id", value=center.center_id,
                    first=f"line {seen[center.center_id]}",
                )  # fmt: skip
            seen[center.center_id] = line
            record = unstructure(center)
            record.update(
                region_name=_region(cell["region_name"]),
                office_name=cell["office_name"].strip(),
                constituency_name=constituency_name,
                subconstituency_name=cell.get("subconstituency_name", "").strip(),
            )
            records.append((f"line {line}", record))
    if collector:
        raise DataError(collector.errors)
    return Read(
        records=records,
        ignored=ignored,
        invented=_found("constituency_id", "made_up", invented),
        doubts=_found("center_type", "changed", doubts),
    )


def _found(what: str, how: str, where: list[str]) -> tuple[Loss, ...]:
    return (Loss(what=what, how=how, where=tuple(where)),) if where else ()


def write_tallyho_centers(records: list[Record], options: Options) -> Content:
    def row(r: Record) -> list[object]:
        special = r["center_type"] == CenterType.SPECIAL.value
        marker = "OCV Voting" if r["center_id"] >= 80_001 else "Special Voting"
        return [
            r["center_id"],
            r["name_ar"],
            r["center_type"],
            "" if r["lat"] is None else r["lat"],
            "" if r["lon"] is None else r["lon"],
            r["office_name"],
            "" if r["office_id"] == NO_NAMED_THING else r["office_id"],
            _region_label(r["region_name"], "en"),
            r["constituency_name"],
            marker if special else r["subconstituency_id"],
            r["mahalla"],
            r["village"],
            r["constituency_id"],
            "" if r["copy_of"] is None else r["copy_of"],
            r["subconstituency_name"],
            int(r["reg_open"]),
            r["name_en"],
            int(r["active"]),
        ]

    return csv_text(_tallyho_columns(), (row(r) for r in records))


def read_centers_json(source: Input, options: Options) -> Read:
    records = structured(parse_json_list(source, "centers"), Center, "centers", NAMES)
    collector = ErrorCollector("centers")
    for where, record in records:
        for name in NAMES:
            if not isinstance(record[name], str) or "\n" in record[name] or "\r" in record[name]:
                collector.add(InvalidType(field=name, value=record[name]), f"{where}.{name}")
        record["region_name"] = _region(str(record["region_name"]))
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
