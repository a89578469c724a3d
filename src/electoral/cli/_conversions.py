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
import functools
import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, TextIO

import attrs

from electoral.cli._civil_registry import read_registry
from electoral.cli._command import DataError
from electoral.cli._files import Input
from electoral.cli._inputs import load_result_forms, parse_json_list
from electoral.cli._output import SCHEMA_VERSION, csv_text
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    ValidationError,
)
from electoral.model import Citizen, ResultForm

if TYPE_CHECKING:
    from electoral.cli._atomic import Content
    from electoral.cli._progress import Progress
    from electoral.results import TallySetup

__all__ = [
    "Format",
    "Loss",
    "Options",
    "Read",
    "Record",
    "Records",
    "formats",
    "json_document",
    "losses",
    "structured",
    "writable",
]

Record = dict[str, Any]
Records = list[tuple[str, Record]]
"""Records with where each was read (``line 4``, ``$.centers[3]``)."""


@attrs.frozen(kw_only=True)
class Options:
    """What some formats need: the tally setup (result forms), the import day (citizens),
    and a progress indicator for long reads."""

    setup: TallySetup | None = None
    as_of: dt.datetime | None = None
    progress: Progress | None = None


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


def structured(
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


def json_document(
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
    registry = read_registry(
        source, fmt, as_of=options.as_of, keep=True, progress=options.progress
    )
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
    from electoral.formats.smartelect import format_dump_line
    from electoral.registration import REGISTRY_COLUMNS

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
    records = structured(
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
    from electoral.formats.tallyho import write_result_forms
    from electoral.serialization import structure

    assert options.setup is not None
    return write_result_forms([structure(r, ResultForm) for r in records], setup=options.setup)


def _assigned_replacement(record: Record) -> str | None:
    replacement = record["is_replacement"] != (record["center_id"] is None)
    return "is_replacement" if replacement else None


def _read_forms_json(source: Input, options: Options) -> Read:
    items = parse_json_list(source, "result_forms")
    return Read(records=structured(items, ResultForm, "result_forms", ()))


# --------------------------------------------------------------------------- the table


@functools.cache
def formats() -> dict[tuple[str, str], Format]:
    """Every format ``convert`` offers, by (kind, name); every pair of one kind converts."""
    from electoral.cli._convert_centers import (
        ALL_CENTER,
        NAMES,
        not_special,
        read_centers_json,
        read_smartelect,
        read_tallyho_centers,
        special_subconstituency,
        write_smartelect,
        write_tallyho_centers,
    )

    table = [
        Format(
            kind="centers",
            name="smartelect",
            read=read_smartelect,
            write=write_smartelect,
            carries=ALL_CENTER - {"name_en", "reg_open", "active"},
            defaults={"name_en": "", "reg_open": True, "active": True},
            unwritable=not_special,
        ),
        Format(
            kind="centers",
            name="tallyho",
            read=read_tallyho_centers,
            write=write_tallyho_centers,
            carries=ALL_CENTER,
            defaults={},
            unwritable=special_subconstituency,
        ),
        Format(
            kind="centers",
            name="json",
            read=read_centers_json,
            write=json_document("centers", "centers", "center", NAMES),
            carries=ALL_CENTER,
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
            write=json_document("citizens", "citizens", "citizen", _REGISTRY_EXTRAS),
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
            write=json_document("result-forms", "result_forms", "result_form", ()),
            carries=_FORM_FIELDS,
            defaults={},
        ),
    ]
    return {(f.kind, f.name): f for f in table}
