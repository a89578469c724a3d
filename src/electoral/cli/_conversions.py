"""Private: the formats ``electoral convert`` reads and writes, and what each one carries.

Every record is first read into one plain form per kind, a dict of JSON-ready
values: the noun's fields (``Center``, ``Citizen``, ``ResultForm``, as
:func:`electoral.serialization.unstructure` gives them) plus what the files say
beside the noun (the centres' office, region, constituency and sub-constituency
**names**; the civil registry's ``OFFICE_ID``, ``BRANCH_ID`` and ``STATE``). Each
format says which of those fields it carries, what a reader of it gets for the
others, and which values it cannot hold (the registration system has no
out-of-country centre; the civil-registry dump cannot hold a quote).

So a conversion knows, before writing anything, what it would lose: a value the
target does not carry and that differs from what a reader of the target would
get back, a value the target cannot hold, a column of the source that nothing
carries, a value the source did not have and the target would have to make up.
It is refused, naming each field with the records it touches, unless
``--allow-loss`` is given; then the losses are written in the report. A
conversion without loss round-trips: converting back gives the same records.

The results system's centres file gets extra columns (``constituency_id``,
``copy_of_id``, ``subconstituency_name``, ``reg_open``, ``name_en``, ``active``):
the results system ignores columns it does not know (its own test fixture has a
``reg_open`` column), and with them a registration-system centre survives the trip
through the results system's format.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Final, TextIO

import attrs

from electoral.cli._command import DataError
from electoral.cli._files import Input, check_header, csv_records, read_text
from electoral.cli._inputs import load_centers, load_result_forms, parse_json_list, read_registry
from electoral.cli._output import SCHEMA_VERSION, csv_text, unescape
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    InvalidType,
    ValidationError,
)
from electoral.model import NO_NAMED_THING, Center, CenterType, Citizen, Region, ResultForm

if TYPE_CHECKING:
    from electoral.cli._atomic import Content
    from electoral.results import TallySetup

__all__ = ["FORMATS", "Format", "Loss", "Options", "Read", "Records", "losses", "writable"]

Record = dict[str, Any]
Records = list[tuple[str, Record]]
"""Records with where each was read (``line 4``, ``$.centers[3]``)."""


@attrs.frozen(kw_only=True)
class Options:
    """What some formats need: the tally setup (result forms), the import day (citizens)."""

    setup: TallySetup | None = None
    as_of: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class Format:
    """One format of one kind of record.

    Attributes:
        kind, name: ``centers`` and ``smartelect``, for example.
        read: reads a file.
        write: the file's content for some records.
        carries: the fields written and read back unchanged.
        defaults: what a reader of this format gets for each field it does not carry.
        unwritable: the field of a record that this format cannot hold, if any.
    """

    kind: str
    name: str
    read: Callable[[Input, Options], Read]
    write: Callable[[list[Record], Options], Content]
    carries: frozenset[str]
    defaults: Mapping[str, Any]
    unwritable: Callable[[Record], str | None] = lambda record: None


@attrs.frozen(kw_only=True)
class Loss:
    """One kind of loss: what (a field, or columns), how, and the records it touches.

    ``how`` is ``lost`` (the target does not carry the value), ``left_out`` (the
    target cannot hold the record), ``made_up`` (the source does not have a value
    the target needs), ``columns`` (columns of the source nothing carries) or
    ``changed`` (a value the reader could not keep as it was).
    """

    what: str
    how: str
    where: tuple[str, ...]

    def error(self) -> ValidationError:
        """The problem that says it, naming the first few records."""
        shown = ", ".join(self.where[:5]) + (", ..." if len(self.where) > 5 else "")
        return InconsistentValue(
            f"cli.convert_{self.how}",
            field=self.what,
            what=self.what,
            count=len(self.where),
            where=shown,
        )


@attrs.frozen(kw_only=True)
class Read:
    """A file read into plain records.

    Attributes:
        records: the records, in file order, with where each was read.
        ignored: columns of the file that no field carries.
        invented: fields the file did not have, whose values were made up (``made_up``).
        doubts: values the file had that the reader could not keep (``changed``).
    """

    records: Records
    ignored: tuple[str, ...] = ()
    invented: tuple[Loss, ...] = ()
    doubts: tuple[Loss, ...] = ()


def losses(source: Read, target: Format) -> list[Loss]:
    """What writing ``source`` in ``target`` would lose or make up."""
    lost: dict[str, list[str]] = {}
    left_out: dict[str, list[str]] = {}
    for where, record in source.records:
        for field, value in record.items():
            if field not in target.carries and value != target.defaults.get(field, value):
                lost.setdefault(field, []).append(where)
        refused = target.unwritable(record)
        if refused is not None:
            left_out.setdefault(refused, []).append(where)
    out = [Loss(what=k, how="lost", where=tuple(v)) for k, v in lost.items()]
    out += [Loss(what=k, how="left_out", where=tuple(v)) for k, v in left_out.items()]
    if source.ignored:
        out.append(Loss(what=", ".join(source.ignored), how="columns", where=("line 1",)))
    out += [loss for loss in source.invented if loss.what in target.carries]
    out += source.doubts
    return out


def writable(records: Records, target: Format) -> list[Record]:
    """The records ``target`` can hold (the others are lost, and :func:`losses` says so)."""
    return [record for _, record in records if target.unwritable(record) is None]


def _structured(
    items: Sequence[Any], cls: type[Any], member: str, extras: Sequence[str]
) -> Records:
    """Structure JSON records (``{noun: {...}, extra: ...}`` or bare nouns), all at once."""
    from electoral.serialization import structure, unstructure

    collector = ErrorCollector(member)
    out: Records = []
    noun = cls.__name__.lower() if cls is not ResultForm else "result_form"
    for index, item in enumerate(items):
        where = f"$.{member}[{index}]"
        with collector.at(where):
            if isinstance(item, dict) and noun in item:
                unknown = sorted(set(item) - {noun, *extras})
                if unknown:
                    raise InvalidFormat(
                        "serialization.unknown_field", field=unknown[0], value=unknown[0],
                        cls=member,
                    )  # fmt: skip
                value = structure(item[noun], cls)
                record = unstructure(value)
                record.update({name: item[name] for name in extras if name in item})
            else:
                record = unstructure(structure(item, cls))
            for name in extras:
                value = record.setdefault(name, "" if name.endswith("_name") else None)
                if isinstance(value, str):
                    record[name] = value.strip()
            out.append((where, record))
    if collector:
        raise DataError(collector.errors)
    return out


def _json_document(
    kind: str, member: str, noun: str, extras: Sequence[str]
) -> Callable[[list[Record], Options], Content]:
    def write(records: list[Record], options: Options) -> Content:
        items = []
        for record in records:
            item: dict[str, Any] = {noun: {k: v for k, v in record.items() if k not in extras}}
            item.update({name: record[name] for name in extras if name in record})
            items.append(item)
        document = {"schema_version": SCHEMA_VERSION, "kind": kind, member: items}
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    return write


# --------------------------------------------------------------------------- centres

_NAMES: Final = ("region_name", "office_name", "constituency_name", "subconstituency_name")
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


def _read_smartelect(source: Input, options: Options) -> Read:
    from electoral.registration import CENTER_CSV_COLUMNS
    from electoral.serialization import unstructure

    by_id = {center.center_id: center for center in load_centers(source)}
    text = read_text(source)
    rows = csv_records(source, enumerate(text.split("\n"), start=1))
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
        record.update({name: unescape(row[columns[name]].strip()) for name in _NAMES})
        record["region_name"] = _region(record["region_name"])
        records.append((f"line {line}", record))
    if problems:
        raise DataError(problems)
    return Read(records=records)


def _write_smartelect(records: list[Record], options: Options) -> Content:
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
    from electoral.results._formats import FILES

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


def _read_tallyho_centers(source: Input, options: Options) -> Read:
    from electoral.results._formats import FILES
    from electoral.serialization import unstructure

    text = read_text(source)
    rows = csv_records(source, enumerate(text.split("\n"), start=1))
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


def _write_tallyho_centers(records: list[Record], options: Options) -> Content:
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


def _read_centers_json(source: Input, options: Options) -> Read:
    records = _structured(parse_json_list(source, "centers"), Center, "centers", _NAMES)
    collector = ErrorCollector("centers")
    for where, record in records:
        for name in _NAMES:
            if not isinstance(record[name], str) or "\n" in record[name] or "\r" in record[name]:
                collector.add(InvalidType(field=name, value=record[name]), f"{where}.{name}")
        record["region_name"] = _region(str(record["region_name"]))
    if collector:
        raise DataError(collector.errors)
    return Read(records=records)


def _special_subconstituency(record: Record) -> str | None:
    special = record["center_type"] == CenterType.SPECIAL.value
    return (
        "subconstituency_id"
        if special and record["subconstituency_id"] != NO_NAMED_THING
        else None
    )


def _not_special(record: Record) -> str | None:
    return "center_type" if record["center_type"] == CenterType.SPECIAL.value else None


_ALL_CENTER: Final = _CENTER_FIELDS | frozenset(_NAMES)

# --------------------------------------------------------------------------- citizens

_CITIZEN_FIELDS: Final = frozenset(a.name for a in attrs.fields(Citizen))
_REGISTRY_EXTRAS: Final = ("office_id", "branch_id", "state")
_TEXTS: Final = (
    "first_name",
    "father_name",
    "grandfather_name",
    "family_name",
    "mother_name",
    "address",
    "fbr_number",
)


def _read_registry(source: Input, options: Options, fmt: str) -> Read:
    from electoral.serialization import unstructure

    assert options.as_of is not None
    registry = read_registry(source, fmt, as_of=options.as_of, keep=True)
    if registry.problems:
        raise DataError(registry.problems)
    records: Records = []
    for index, record in enumerate(registry.records):
        plain = unstructure(record.to_citizen())
        plain.update(office_id=record.office_id, branch_id=record.branch_id, state=record.state)
        records.append((f"record {index + 1}", plain))
    return Read(records=records)


def _registry_row(r: Record) -> list[str | int]:
    born = dt.date.fromisoformat(r["birth_date"])
    return [
        r["civil_registry_id"],
        r["first_name"],
        r["father_name"],
        r["grandfather_name"],
        r["family_name"],
        r["mother_name"],
        1 if r["gender"] == "male" else 2,
        f"{born.day}/{born.month}/{born.year}",
        r["address"],
        r["national_id"],
        r["fbr_number"],
        r["office_id"],
        r["branch_id"],
        r["state"],
    ]


def _write_registry_csv(records: list[Record], options: Options) -> Content:
    from electoral.registration import REGISTRY_COLUMNS

    return csv_text(REGISTRY_COLUMNS, (_registry_row(r) for r in records))


def _write_registry_sql(records: list[Record], options: Options) -> Content:
    from electoral.registration import REGISTRY_COLUMNS, format_dump_line

    def write(handle: TextIO) -> None:
        handle.write(f"INSERT INTO T_PERSONAL_DATA({','.join(REGISTRY_COLUMNS)})\n")
        for record in records:
            handle.write(format_dump_line(_registry_row(record)) + "\n")

    return write


def _quote(record: Record) -> str | None:
    for field in _TEXTS:
        text = str(record[field])
        if "'" in text or "\n" in text or "\r" in text:
            return field
    return None


def _read_citizens_json(source: Input, options: Options) -> Read:
    records = _structured(
        parse_json_list(source, "citizens"), Citizen, "citizens", _REGISTRY_EXTRAS
    )
    collector = ErrorCollector("citizens")
    for where, record in records:
        for name in _REGISTRY_EXTRAS:
            value = record.get(name)
            if value is None:
                record[name] = 0
            elif type(value) is not int or not 0 <= value < 10**18:
                collector.add(
                    InvalidFormat("cli.integer", field=name, value=value), f"{where}.{name}"
                )
    if collector:
        raise DataError(collector.errors)
    return Read(records=records)


_ALL_CITIZEN: Final = _CITIZEN_FIELDS | frozenset(_REGISTRY_EXTRAS)
_REGISTRY_CARRIES: Final = _ALL_CITIZEN - {"blocked", "missing_since"}

# --------------------------------------------------------------------------- result forms

_FORM_FIELDS: Final = frozenset(a.name for a in attrs.fields(ResultForm))


def _read_forms_tallyho(source: Input, options: Options) -> Read:
    from electoral.serialization import unstructure

    assert options.setup is not None
    forms = load_result_forms(source, options.setup)
    return Read(records=[(f"form {f.barcode}", unstructure(f)) for f in forms])


def _write_forms_tallyho(records: list[Record], options: Options) -> Content:
    from electoral.results import write_result_forms
    from electoral.serialization import structure

    assert options.setup is not None
    return write_result_forms([structure(r, ResultForm) for r in records], setup=options.setup)


def _assigned_replacement(record: Record) -> str | None:
    replacement = record["is_replacement"] != (record["center_id"] is None)
    return "is_replacement" if replacement else None


def _read_forms_json(source: Input, options: Options) -> Read:
    items = parse_json_list(source, "result_forms")
    return Read(records=_structured(items, ResultForm, "result_forms", ()))


# --------------------------------------------------------------------------- the table


def _formats() -> dict[tuple[str, str], Format]:
    table = [
        Format(
            kind="centers",
            name="smartelect",
            read=_read_smartelect,
            write=_write_smartelect,
            carries=_ALL_CENTER - {"name_en", "reg_open", "active"},
            defaults={"name_en": "", "reg_open": True, "active": True},
            unwritable=_not_special,
        ),
        Format(
            kind="centers",
            name="tallyho",
            read=_read_tallyho_centers,
            write=_write_tallyho_centers,
            carries=_ALL_CENTER,
            defaults={},
            unwritable=_special_subconstituency,
        ),
        Format(
            kind="centers",
            name="json",
            read=_read_centers_json,
            write=_json_document("centers", "centers", "center", _NAMES),
            carries=_ALL_CENTER,
            defaults={},
        ),
        Format(
            kind="citizens",
            name="sql",
            read=lambda source, options: _read_registry(source, options, "sql"),
            write=_write_registry_sql,
            carries=_REGISTRY_CARRIES,
            defaults={"blocked": False, "missing_since": None},
            unwritable=_quote,
        ),
        Format(
            kind="citizens",
            name="csv",
            read=lambda source, options: _read_registry(source, options, "csv"),
            write=_write_registry_csv,
            carries=_REGISTRY_CARRIES,
            defaults={"blocked": False, "missing_since": None},
        ),
        Format(
            kind="citizens",
            name="json",
            read=_read_citizens_json,
            write=_json_document("citizens", "citizens", "citizen", _REGISTRY_EXTRAS),
            carries=_ALL_CITIZEN,
            defaults={},
        ),
        Format(
            kind="result-forms",
            name="tallyho",
            read=_read_forms_tallyho,
            write=_write_forms_tallyho,
            carries=_FORM_FIELDS - {"state"},
            defaults={"state": "unsubmitted"},
            unwritable=_assigned_replacement,
        ),
        Format(
            kind="result-forms",
            name="json",
            read=_read_forms_json,
            write=_json_document("result-forms", "result_forms", "result_form", ()),
            carries=_FORM_FIELDS,
            defaults={},
        ),
    ]
    return {(f.kind, f.name): f for f in table}


FORMATS: Final = _formats()
"""Every format ``convert`` offers, by (kind, name); every pair of one kind converts."""
