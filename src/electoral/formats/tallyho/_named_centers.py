"""Private: Tally-Ho's centres file with six more columns, so that a centre keeps its names.

Tally-Ho's centres file (``FILES["centers"]``) has no place for a centre's
constituency id, the centre a copy copies, its sub-constituency's name, its English
name, ``reg_open`` or ``active``. Tally-Ho ignores columns it does not know (its own
fixture has a ``reg_open`` column), so this file adds them at the end
(:data:`NAMED_CENTER_COLUMNS`): a registration-system centre written here and read
back is the same centre, with its region, office, constituency and sub-constituency
names. ``electoral convert`` reads and writes its ``tallyho`` centres with it.

Sources: Tally-Ho ``management/commands/import_centers.py``,
``libs/tests/fixtures/tally_setup_files/centers.csv`` (onaio/tally-ho at commit
``acbe4f4``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidType,
    MissingValue,
    ValidationError,
)
from electoral.formats._policy import (
    FORMULA_PREFIXES,
    CsvFile,
    Source,
    check_source,
    digits,
    items_of,
    open_lines,
    write_csv,
)
from electoral.formats.tallyho._setup import (
    FILES,
    NO_CONSTITUENCY_NAME,
    SPECIAL_MARKERS,
    _decimal,
)
from electoral.model import NO_NAMED_THING, Center, CenterType, Region

__all__ = [
    "NAMED_CENTER_COLUMNS",
    "NamedCenter",
    "NamedCenters",
    "read_named_centers",
    "region_label",
    "region_value",
    "write_named_centers",
]

_EXTRAS: Final = (
    "constituency_id",
    "copy_of_id",
    "subconstituency_name",
    "reg_open",
    "name_en",
    "active",
)
NAMED_CENTER_COLUMNS: Final = (*FILES["centers"], *_EXTRAS)
"""The columns :func:`write_named_centers` writes: Tally-Ho's twelve, then six it ignores."""

_REGIONS: Final = {
    text.casefold(): region
    for region in Region
    for text in (region.value, region.label("en"), region.label("ar"))
}
_TYPES: Final = {t.value: t for t in CenterType} | {t.label().casefold(): t for t in CenterType}
_TRUE: Final = ("1", "true", "yes")
_FALSE: Final = ("0", "false", "no")
_FORMULA: Final = tuple(FORMULA_PREFIXES)


def region_value(text: str) -> str:
    """A region's name as one value: ``west`` for "West" and "الغرب"; other text as it is.

    >>> region_value(" الغرب "), region_value("WEST"), region_value("Fezzan")
    ('west', 'west', 'Fezzan')
    """
    region = _REGIONS.get(text.strip().casefold())
    return text.strip() if region is None else region.value


def region_label(value: str, language: str) -> str:
    """The label of a region's value in ``language`` (``en`` or ``ar``); other text as it is."""
    region = _REGIONS.get(value.casefold())
    if region is None or (region is Region.NONE and not value):
        return value
    return region.label("ar" if language == "ar" else "en")


def _name(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if type(value) is not str:
        raise InvalidType(field=attribute.name, value=value)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class NamedCenter:
    """A centre with the names the results system's centres file gives beside it.

    Attributes:
        center: the centre.
        region_name: a region's value (``west``) when the file names one of Libya's
            regions, in English or Arabic and in any case; other text as it is.
        office_name, constituency_name, subconstituency_name: as the file gives them.
    """

    center: Center
    region_name: str = attrs.field(default="", validator=_name)
    office_name: str = attrs.field(default="", validator=_name)
    constituency_name: str = attrs.field(default="", validator=_name)
    subconstituency_name: str = attrs.field(default="", validator=_name)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class NamedCenters:
    """What :func:`read_named_centers` read.

    Attributes:
        centers: the centres, in file order.
        lines: the line each centre was read from (``lines[i]`` for ``centers[i]``).
        ignored_columns: the file's columns that neither Tally-Ho nor this file knows.
        numbered: the lines whose ``constituency_id`` was empty under a constituency
            name: the constituency was numbered in order of first appearance (Tally-Ho
            does the same), so the number is made up.
        retyped: the lines whose ``center_type`` names a type the file cannot hold
            (a copy without ``copy_of_id``, a split centre outside sub-constituency
            998): read as general, as Tally-Ho reads every centre.
    """

    centers: tuple[NamedCenter, ...]
    lines: tuple[int, ...]
    ignored_columns: tuple[str, ...] = ()
    numbered: tuple[int, ...] = ()
    retyped: tuple[int, ...] = ()


def _text(cell: str) -> str:
    """A cell's text: spaces trimmed, and the apostrophe the writer put before a formula
    character taken off again (``'=x`` reads ``=x``, ``''=x`` reads ``'=x``)."""
    if cell.startswith("'") and cell.lstrip("'").startswith(_FORMULA):
        cell = cell[1:]
    return cell.strip()


def _safe(text: str) -> str:
    """Text that :func:`_text` reads back as it is: apostrophes before a formula character
    get one more (the policy's writer adds the one before a bare formula character)."""
    if text.startswith("'") and text.lstrip("'").startswith(_FORMULA):
        return "'" + text
    return text


def _int(text: str, field: str) -> int | None:
    return digits(text, field, code="results.csv.integer") if text else None


def _required(text: str, field: str) -> int:
    if not text:
        raise MissingValue(field=field, value=text)
    return digits(text, field, code="results.csv.integer")


def _bool(text: str, field: str) -> bool:
    folded = text.casefold()
    if folded in _TRUE or not folded:
        return True
    if folded in _FALSE:
        return False
    raise InvalidType("results.csv.boolean", field=field, value=text)


@guarded
def read_named_centers(source: Source) -> NamedCenters:
    """Read the centres file with names (:data:`NAMED_CENTER_COLUMNS`).

    Tally-Ho's twelve columns are required; the six others may be missing (a file
    Tally-Ho itself wrote), and then each centre gets what Tally-Ho would give it:
    no copy, no English name or sub-constituency name, open for registration and
    active, and a constituency numbered from its name (:attr:`NamedCenters.numbered`).
    A centre whose ``subconstituency_id`` is "Special Voting" or "OCV Voting" is an
    out-of-country centre with no sub-constituency; ``center_type`` is the type's value
    or English label (an unknown one reads as general). ``reg_open`` and ``active`` are
    ``1``/``true``/``yes`` or ``0``/``false``/``no`` (empty: yes). Text cells are
    read as written: a cell that :func:`write_named_centers` wrote with an apostrophe
    before a formula character is read without it.

    Raises:
        TypeError: ``source`` is not a source.
        ValidationErrors: every problem of the file (located ``line N``): the file
            policy's, ``formats.csv.missing_columns``, ``results.csv.integer``,
            ``results.csv.decimal``, ``results.csv.boolean``, ``results.csv.duplicate``
            (a centre id twice) and the centre's own checks.

    >>> text = write_named_centers([NamedCenter(
    ...     center=Center(center_id=11001, name_ar="مدرسة", office_id=1, constituency_id=2,
    ...                   subconstituency_id=3),
    ...     region_name="west", office_name="Tripoli", constituency_name="Tripoli centre")])
    >>> read = read_named_centers(text)
    >>> read.centers[0].center.constituency_id, read.centers[0].region_name, read.lines
    (2, 'west', (2,))
    """
    check_source(source, "source")
    errors = ErrorCollector("centers")
    centers: list[NamedCenter] = []
    lines: list[int] = []
    ignored: tuple[str, ...] = ()
    numbered: list[int] = []
    retyped: list[int] = []
    try:
        with open_lines(source) as opened:
            table = CsvFile(opened, errors)
            header = [name.strip() for name in table.header]
            missing = [name for name in FILES["centers"] if name not in header]
            if missing and not errors:
                columns = ", ".join(missing)
                errors.add(
                    MissingValue("formats.csv.missing_columns", value=columns, columns=columns),
                    "line 1",
                )
            errors.raise_if_any()
            ignored = tuple(name for name in header if name not in NAMED_CENTER_COLUMNS)
            constituencies: dict[str, int] = {}
            seen: dict[int, int] = {}
            for line, cells in table:
                cell = dict.fromkeys(_EXTRAS, "") | {
                    name: _text(text) for name, text in zip(header, cells, strict=True)
                }
                with errors.at(f"line {line}"):
                    named, made_up, changed = _center(cell, constituencies)
                    center_id = named.center.center_id
                    if center_id in seen:
                        raise InconsistentValue(
                            "results.csv.duplicate", field="center_id", value=center_id,
                            first=f"line {seen[center_id]}",
                        )  # fmt: skip
                    seen[center_id] = line
                    centers.append(named)
                    lines.append(line)
                    if made_up:
                        numbered.append(line)
                    if changed:
                        retyped.append(line)
            table.finish()
    except ValidationError as error:
        errors.add(error)
    errors.raise_if_any()
    return NamedCenters(
        centers=tuple(centers),
        lines=tuple(lines),
        ignored_columns=ignored,
        numbered=tuple(numbered),
        retyped=tuple(retyped),
    )


def _center(
    cell: dict[str, str], constituencies: dict[str, int]
) -> tuple[NamedCenter, bool, bool]:
    """One row's centre, whether its constituency id was made up, and whether its type
    was changed."""
    subcon_text = cell["subconstituency_id"]
    special = subcon_text in SPECIAL_MARKERS
    center_type = _TYPES.get(cell["center_type"].casefold(), CenterType.GENERAL)
    if special:
        center_type = CenterType.SPECIAL
    copy_of = _int(cell["copy_of_id"], "copy_of_id")
    changed = (center_type is CenterType.COPY and copy_of is None) or (
        center_type is CenterType.SPLIT and subcon_text != "998"
    )
    if changed:  # Tally-Ho ignores the column: a type it cannot hold reads as general
        center_type = CenterType.GENERAL
    constituency_name = cell["constituency_name"]
    constituency = _int(cell["constituency_id"], "constituency_id")
    made_up = False
    if constituency is None:
        if constituency_name and constituency_name != NO_CONSTITUENCY_NAME:
            constituency = constituencies.setdefault(constituency_name, len(constituencies) + 1)
            made_up = True
        else:
            constituency = NO_NAMED_THING
    center = Center(
        center_id=_required(cell["center_id"], "center_id"),
        name_ar=cell["name"],
        name_en=cell["name_en"],
        office_id=_int(cell["office_id"], "office_id") or NO_NAMED_THING,
        constituency_id=constituency,
        subconstituency_id=NO_NAMED_THING
        if special
        else _int(subcon_text, "subconstituency_id") or NO_NAMED_THING,
        center_type=center_type,
        copy_of=copy_of,
        lat=_decimal(cell["center_lat"], "center_lat"),
        lon=_decimal(cell["center_lon"], "center_lon"),
        mahalla=cell["mahalla_name"],
        village=cell["village_name"],
        reg_open=_bool(cell["reg_open"], "reg_open"),
        active=_bool(cell["active"], "active"),
    )
    named = NamedCenter(
        center=center,
        region_name=region_value(cell["region_name"]),
        office_name=cell["office_name"],
        constituency_name=constituency_name,
        subconstituency_name=cell["subconstituency_name"],
    )
    return named, made_up, changed


@guarded
def write_named_centers(centers: Iterable[NamedCenter]) -> str:
    """The centres file with names (:data:`NAMED_CENTER_COLUMNS`), read back by
    :func:`read_named_centers` as the same centres.

    An out-of-country (SPECIAL) centre is written "Special Voting" (or "OCV Voting"
    from centre 80001 on) in ``subconstituency_id``, so its sub-constituency is not
    written; the region is written in English; a text cell that a spreadsheet would
    run as a formula is written with a leading apostrophe (and a text that begins with
    apostrophes before such a character gets one more), which the reader takes off.
    """
    rows = []
    for named in items_of(centers, NamedCenter, "centers"):
        c = named.center
        special = c.center_type is CenterType.SPECIAL
        marker = "OCV Voting" if c.center_id >= 80_001 else "Special Voting"
        rows.append(
            (
                c.center_id,
                _safe(c.name_ar),
                c.center_type.value,
                c.lat,
                c.lon,
                _safe(named.office_name),
                "" if c.office_id == NO_NAMED_THING else c.office_id,
                _safe(region_label(named.region_name, "en")),
                _safe(named.constituency_name),
                marker if special else c.subconstituency_id,
                _safe(c.mahalla),
                _safe(c.village),
                c.constituency_id,
                c.copy_of,
                _safe(named.subconstituency_name),
                int(c.reg_open),
                _safe(c.name_en),
                int(c.active),
            )
        )
    return write_csv(NAMED_CENTER_COLUMNS, rows)
