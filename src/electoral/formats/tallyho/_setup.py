"""Private: Tally-Ho's tally-setup CSV files (ballots to candidates).

Six of the seven setup files, read in this order because each refers to the ones
before: ballots, sub-constituencies, sub-constituency ballots, centres, stations,
candidates (with the ballot-order file); the seventh, result forms, is in
``_forms.py``. Each reader checks the required columns first ("Column X is missing
in the {file} file"), then every row, and raises **every** problem at once as
:class:`~electoral.errors.ValidationErrors` with locations ``line N`` (the header is
line 1); nothing is returned from a file with a problem. Extra columns are ignored.
Each writer produces the same columns, so ``read(write(x)) == x``.

Sources: Tally-Ho ``management/commands/import_*.py``, ``asign_ballots_to_sub_cons.py``,
``management/commands/utils.py``, ``libs/tests/fixtures/tally_setup_files/*.csv``
(onaio/tally-ho at commit ``acbe4f4``).

>>> ballots = read_ballots("election_level,sub_type,number\\nHoR,general,117\\n")
>>> ballots[0].number, ballots[0].race.key
(117, ('HoR', 'general'))
>>> read_ballots("level,number\\n")
Traceback (most recent call last):
...
electoral.errors.ValidationErrors: 1 problem in ballots (1 sub-exception)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Final

import attrs

from electoral._guard import guarded
from electoral.adapters.tallyho import GENDER
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidType,
    MissingValue,
    ValidationError,
    register_messages,
)
from electoral.formats._policy import (
    CsvFile,
    Source,
    check_source,
    digits,
    items_of,
    one_of,
    open_lines,
    refuse_formula,
    write_csv,
)
from electoral.model import (
    NO_NAMED_THING,
    Ballot,
    Candidate,
    Center,
    CenterType,
    Constituency,
    Gender,
    Office,
    Race,
    Region,
    Station,
    SubConstituency,
)

__all__ = [
    "FILES",
    "NO_CONSTITUENCY_NAME",
    "SPECIAL_MARKERS",
    "Rows",
    "gender_cell",
    "int_cell",
    "read_ballots",
    "read_candidates",
    "read_centers",
    "read_stations",
    "read_subconstituencies",
    "read_subconstituency_ballots",
    "region_cell",
    "rows",
    "text_cell",
    "write_ballots",
    "write_candidates",
    "write_centers",
    "write_stations",
    "write_subconstituencies",
    "write_subconstituency_ballots",
]

register_messages(
    {
        "results.csv.missing_column": (
            "Column {column} is missing in the {file} file",
            "العمود {column} مفقود في ملف {file}",
        ),
        "results.csv.missing_columns": (
            "Columns {columns} are missing in the {file} file",
            "الأعمدة {columns} مفقودة في ملف {file}",
        ),
        "results.csv.integer": (
            "{value} is not a whole number.",
            "القيمة {value} ليست عددًا صحيحًا.",
        ),
        "results.csv.decimal": (
            "{value} is not a number.",
            "القيمة {value} ليست رقمًا.",
        ),
        "results.csv.duplicate": (
            "{value} appears more than once.",
            "القيمة {value} مكررة.",
        ),
        "results.csv.duplicate_barcodes": (
            "Duplicate entries detected in the 'barcode' column: {items}",
            "تم اكتشاف قيم مكررة في عمود 'barcode': {items}",
        ),
        "results.csv.unknown_center_codes": (
            "The following center codes do not exist in the centers file: {items}",
            "رموز المراكز التالية غير موجودة في ملف المراكز: {items}",
        ),
        "results.csv.region_unknown": ("Region {name} does not", "المنطقة {name} غير موجودة"),
        "results.csv.office_region": (
            "Office {name} does not exist for region {region}",
            "المكتب {name} غير موجود في المنطقة {region}",
        ),
        "results.csv.subconstituency_unknown": (
            "SubConstituency {value} does not exist",
            "الدائرة الفرعية {value} غير موجودة",
        ),
        "results.csv.constituency_unknown": (
            "Constituency {value} is not among the constituencies given",
            "الدائرة {value} ليست من بين الدوائر المعطاة",
        ),
        "results.csv.center_unknown": (
            "Center {value} does not exist",
            "المركز {value} غير موجود",
        ),
        "results.csv.race_unknown": (
            "Electrol race with sub race {name} does not exist",
            "السباق الانتخابي بالنوع الفرعي {name} غير موجود",
        ),
        "results.csv.ballot_unknown": (
            "Ballot {value} does not exist",
            "ورقة الاقتراع {value} غير موجودة",
        ),
        "results.csv.station_unknown": (
            "Station {value} does not exist for center {center}",
            "المحطة {value} غير موجودة في المركز {center}",
        ),
        "results.csv.gender": (
            "{value} is not male, female or unisex.",
            "القيمة {value} ليست ذكر أو أنثى أو مختلط.",
        ),
        "results.csv.boolean": (
            "{value} is not true or false.",
            "القيمة {value} ليست true أو false.",
        ),
        "results.csv.pvp_mode": (
            "{value} is not a PVP mode (disabled, de1_only, de1_and_de2).",
            "القيمة {value} ليست وضعًا لبروتوكول التصويت الأولي "
            "(disabled أو de1_only أو de1_and_de2).",
        ),
        "results.csv.order_missing": (
            "Candidate {value} has no ballot order.",
            "المرشح {value} ليس له ترتيب في ورقة الاقتراع.",
        ),
        "results.csv.summary_rows": (
            "The rows on lines {lines} have no ballot number (summary rows such as "
            "'... - Matrix'); Tally-Ho skips them; read with skip_summary_rows to skip "
            "them too.",
            "الصفوف في الأسطر {lines} بلا رقم ورقة اقتراع (صفوف إجمالية مثل '... - Matrix')؛ "
            "يتخطاها Tally-Ho؛ اقرأ الملف مع skip_summary_rows لتخطيها أيضًا.",
        ),
        "results.csv.na_rows": (
            "The rows on lines {lines} name the centre '#N/A'; Tally-Ho skips them; read "
            "with skip_na_rows to skip them too.",
            "الصفوف في الأسطر {lines} تذكر المركز '#N/A'؛ يتخطاها Tally-Ho؛ اقرأ الملف "
            "مع skip_na_rows لتخطيها أيضًا.",
        ),
    }
)

FILES: Final = {
    "ballots": ("election_level", "sub_type", "number"),
    "sub constituencies": (
        "sub_constituency_code",
        "number_of_ballots",
        "sub_constituency_name",
        "constituency_name",
    ),
    "sub constituency ballots": ("sub_constituency_code", "ballot_number"),
    "centers": (
        "center_id",
        "name",
        "center_type",
        "center_lat",
        "center_lon",
        "office_name",
        "office_id",
        "region_name",
        "constituency_name",
        "subconstituency_id",
        "mahalla_name",
        "village_name",
    ),
    "stations": (
        "center_code",
        "center_name",
        "sub_constituency_code",
        "station_number",
        "station_gender",
        "station_registrants",
    ),
    "candidates": ("candidate_id", "candidate_full_name", "ballot_number", "race_type"),
    "ballot order": ("candidate_id", "ballot_order"),
    "result_form": (
        "ballot_number",
        "center_code",
        "station_number",
        "gender",
        "name",
        "office_name",
        "barcode",
        "serial_number",
        "region_name",
    ),
}
"""Required columns of each file, by Tally-Ho's file name."""

SPECIAL_MARKERS: Final = ("Special Voting", "OCV Voting")
NO_CONSTITUENCY_NAME: Final = "No Constituency"
NOT_AVAILABLE: Final = "#N/A"
SUMMARY_SUFFIX: Final = " - Matrix"

Rows = list[tuple[int, dict[str, str]]]


def rows(
    source: Source, file: str, *, parameter: str = "source", distinct: bool = True
) -> tuple[Rows, ErrorCollector]:
    """Every record of one setup file as ``(line, {column: cell})`` and the problems so far.

    Missing columns (and a file that cannot be read at all) are raised at once; a
    later problem (an encoding error at line 40) is in the collector, with the rows
    before it returned. ``distinct`` drops a row equal to an earlier one, as
    Tally-Ho's importers do for every file but the ballots and result forms.
    """
    errors = ErrorCollector(file)
    out: Rows = []
    try:
        with open_lines(source, parameter=parameter) as lines:
            table = CsvFile(lines, errors)
            missing = table.missing(FILES[file])
            if missing and not errors:
                errors.add(missing_columns(missing, file))
            if missing:
                errors.raise_if_any()
            seen: set[tuple[str, ...]] = set()
            for line, row in table.dicts():
                if distinct:
                    key = tuple(row.values())
                    if key in seen:
                        continue
                    seen.add(key)
                out.append((line, row))
            table.finish()
    except ValidationError as error:
        errors.add(error)
    if not out:
        errors.raise_if_any()
    return out, errors


def missing_columns(missing: Sequence[str], file: str) -> ValidationError:
    """Tally-Ho's message for required columns a file lacks (at line 1)."""
    if len(missing) == 1:
        error = MissingValue(
            "results.csv.missing_column", field=missing[0], column=missing[0], file=file
        )
    else:
        columns = ", ".join(missing)
        error = MissingValue(
            "results.csv.missing_columns", field=columns, columns=columns, file=file
        )
    return error.at("line 1")


def listed(
    code: str, field: str, items: Sequence[object], *, lines: Sequence[int]
) -> ValidationError:
    """One error naming every item (a repeated barcode, the lines of summary rows),
    located at the first of ``lines``."""
    error = InconsistentValue(
        code,
        field=field,
        value=tuple(items),
        items=", ".join(map(str, items)),
        lines=", ".join(map(str, lines)),
    )
    return error.at(f"line {lines[0]}")


def int_cell(text: str, field: str, *, required: bool = True) -> int | None:
    """A whole-number cell (``None`` when empty and not required)."""
    if not text:
        if required:
            raise MissingValue(field=field, value=text)
        return None
    return digits(text, field, code="results.csv.integer")


def _req_int(text: str, field: str) -> int:
    value = int_cell(text, field)
    assert value is not None
    return value


def text_cell(text: str, field: str) -> str:
    """A text cell: refused when it would run as a spreadsheet formula."""
    return refuse_formula(text, field)


# --------------------------------------------------------------------------- ballots


def read_ballots(source: Source, *, skip_summary_rows: bool = False) -> list[Ballot]:
    """Ballots file (``election_level``, ``sub_type``, ``number``): one race per pair.

    Ballot numbers must be whole numbers and unique, and a row may not repeat an
    earlier one (Tally-Ho's database refuses it). A **summary row**, whose
    ``number`` is empty or reads ``"<sub_type> - Matrix"``, is refused with one
    ``results.csv.summary_rows`` error naming every such line, unless
    ``skip_summary_rows`` is true (Tally-Ho skips them without a word).
    Sub-constituencies come later (:func:`read_subconstituency_ballots`).
    """
    one_of(skip_summary_rows, bool, "skip_summary_rows")
    table, errors = rows(source, "ballots", distinct=False)
    races: dict[tuple[str, str], Race] = {}
    ballots: dict[int, Ballot] = {}
    summary: list[int] = []
    for line, row in table:
        number_text = row["number"]
        if not number_text or number_text.endswith(SUMMARY_SUFFIX):
            if not skip_summary_rows:
                summary.append(line)
            continue
        with errors.at(f"line {line}"):
            level = text_cell(row["election_level"], "election_level")
            name = text_cell(row["sub_type"], "sub_type")
            number = _req_int(number_text, "number")
            key = (level, name)
            race = races.get(key) or Race(election_level=level, name=name)
            races[key] = race
            if number in ballots:
                raise InconsistentValue("results.csv.duplicate", field="number", value=number)
            ballots[number] = Ballot(number=number, race=race)
    if summary:
        errors.add(listed("results.csv.summary_rows", "number", summary, lines=summary))
    errors.raise_if_any()
    return list(ballots.values())


def write_ballots(ballots: Iterable[Ballot]) -> str:
    """The ballots file for ``ballots``."""
    return write_csv(
        FILES["ballots"],
        (
            (b.race.election_level, b.race.name, b.number)
            for b in items_of(ballots, Ballot, "ballots")
        ),
    )


# --------------------------------------------------------------------------- sub-constituencies


def read_subconstituencies(source: Source) -> tuple[list[Constituency], list[SubConstituency]]:
    """Sub-constituencies file; constituencies are numbered by first appearance.

    ``number_of_ballots`` must be a whole number; it is not kept (the count
    follows from the sub-constituency ballots file). A sub-constituency may have
    no name (Tally-Ho's own fixture has one).
    """
    table, errors = rows(source, "sub constituencies")
    constituencies: dict[str, Constituency] = {}
    subcons: dict[int, SubConstituency] = {}
    for line, row in table:
        with errors.at(f"line {line}"):
            code = _req_int(row["sub_constituency_code"], "sub_constituency_code")
            _req_int(row["number_of_ballots"], "number_of_ballots")
            name = text_cell(row["constituency_name"], "constituency_name")
            label = text_cell(row["sub_constituency_name"], "sub_constituency_name")
            constituency_id: int | None = None
            if name and name != NO_CONSTITUENCY_NAME:
                if name not in constituencies:
                    constituencies[name] = Constituency(
                        id=len(constituencies) + 1, name_en=name, name_ar=name
                    )
                constituency_id = constituencies[name].id
            elif name == NO_CONSTITUENCY_NAME:
                constituency_id = NO_NAMED_THING
            if code in subcons:
                raise InconsistentValue(
                    "results.csv.duplicate", field="sub_constituency_code", value=code
                )
            subcons[code] = SubConstituency(
                id=code, name_en=label, name_ar=label, constituency_id=constituency_id
            )
    errors.raise_if_any()
    return list(constituencies.values()), list(subcons.values())


@guarded
def write_subconstituencies(
    subconstituencies: Iterable[SubConstituency],
    constituencies: Iterable[Constituency],
    ballots: Iterable[Ballot] = (),
) -> str:
    """The sub-constituencies file; ``number_of_ballots`` counts the ballots used there.

    Raises:
        InconsistentValue: ``results.csv.constituency_unknown``, a sub-constituency's
            constituency is not among ``constituencies``.
    """
    subconstituencies = items_of(subconstituencies, SubConstituency, "subconstituencies")
    names = {c.id: c.name_en for c in items_of(constituencies, Constituency, "constituencies")}
    names[NO_NAMED_THING] = NO_CONSTITUENCY_NAME
    for s in subconstituencies:
        if s.constituency_id is not None and s.constituency_id not in names:
            raise InconsistentValue(
                "results.csv.constituency_unknown",
                field="constituency_id",
                value=s.constituency_id,
            )
    counts: dict[int, int] = {}
    for ballot in items_of(ballots, Ballot, "ballots"):
        for code in ballot.subconstituency_ids:
            counts[code] = counts.get(code, 0) + 1
    return write_csv(
        FILES["sub constituencies"],
        (
            (
                s.id,
                counts.get(s.id, 0),
                s.name_ar,
                "" if s.constituency_id is None else names[s.constituency_id],
            )
            for s in subconstituencies
        ),
    )


def read_subconstituency_ballots(
    source: Source, *, ballots: Iterable[Ballot], subconstituencies: Iterable[SubConstituency]
) -> list[Ballot]:
    """Sub-constituency ballots file: returns ``ballots`` with their sub-constituencies set."""
    by_number = {b.number: b for b in items_of(ballots, Ballot, "ballots")}
    known = {s.id for s in items_of(subconstituencies, SubConstituency, "subconstituencies")}
    table, errors = rows(source, "sub constituency ballots")
    links: dict[int, set[int]] = {n: set() for n in by_number}
    for line, row in table:
        with errors.at(f"line {line}"):
            code = _req_int(row["sub_constituency_code"], "sub_constituency_code")
            number = _req_int(row["ballot_number"], "ballot_number")
            if code not in known:
                raise InconsistentValue(
                    "results.csv.subconstituency_unknown",
                    field="sub_constituency_code",
                    value=code,
                )
            if number not in by_number:
                raise InconsistentValue(
                    "results.csv.ballot_unknown", field="ballot_number", value=number
                )
            links[number].add(code)
    errors.raise_if_any()
    return [
        attrs.evolve(b, subconstituency_ids=frozenset(b.subconstituency_ids | links[b.number]))
        for b in by_number.values()
    ]


def write_subconstituency_ballots(ballots: Iterable[Ballot]) -> str:
    """The sub-constituency ballots file."""
    return write_csv(
        FILES["sub constituency ballots"],
        (
            (code, b.number)
            for b in items_of(ballots, Ballot, "ballots")
            for code in sorted(b.subconstituency_ids)
        ),
    )


# --------------------------------------------------------------------------- centres


_REGIONS: Final = {r.label().casefold(): r for r in Region} | {r.value: r for r in Region}


def region_cell(text: str) -> Region:
    """West, South or East (any case); empty is no region."""
    region = _REGIONS.get(text.casefold()) if text else Region.NONE
    if region is None:
        raise InconsistentValue(
            "results.csv.region_unknown", field="region_name", value=text, name=text
        )
    return region


def _decimal(text: str, field: str) -> Decimal | None:
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or len(text) > 40:
        raise InvalidType("results.csv.decimal", field=field, value=text)
    return number


def read_centers(
    source: Source,
    *,
    constituencies: Iterable[Constituency],
    subconstituencies: Iterable[SubConstituency],
) -> tuple[list[Center], list[Office], list[Constituency]]:
    """Centres file: the centres, the offices they name and every constituency.

    ``center_type`` is ignored and derived: SPECIAL when ``subconstituency_id``
    is "Special Voting" or "OCV Voting" (then there is no sub-constituency and
    no constituency), else GENERAL. Sub-constituency 999 and constituency "No
    Constituency" mean none. A constituency name the sub-constituencies file
    did not give is added (Tally-Ho creates it), with the next free id; the
    returned constituencies are the ones given plus those. Region names are
    West, South, East (any case).
    """
    known_constituencies = items_of(constituencies, Constituency, "constituencies")
    by_name = {c.name_en: c for c in known_constituencies}
    added: list[Constituency] = []
    subs = items_of(subconstituencies, SubConstituency, "subconstituencies")
    known = {s.id for s in subs} | {NO_NAMED_THING}
    table, errors = rows(source, "centers")
    offices: dict[int, Office] = {}
    centers: dict[int, Center] = {}
    for line, row in table:
        with errors.at(f"line {line}"):
            center_id = _req_int(row["center_id"], "center_id")
            region = region_cell(text_cell(row["region_name"], "region_name"))
            special = row["subconstituency_id"] in SPECIAL_MARKERS
            subcon = NO_NAMED_THING
            if not special:
                subcon = _req_int(row["subconstituency_id"], "subconstituency_id")
                if subcon not in known:
                    raise InconsistentValue(
                        "results.csv.subconstituency_unknown",
                        field="subconstituency_id",
                        value=subcon,
                    )
            cname = text_cell(row["constituency_name"], "constituency_name")
            constituency = NO_NAMED_THING
            if not special and cname and cname != NO_CONSTITUENCY_NAME:
                if cname not in by_name:
                    used = {c.id for c in known_constituencies} | {c.id for c in added}
                    new = Constituency(
                        id=min(set(range(1, len(used) + 2)) - used - {NO_NAMED_THING}),
                        name_en=cname,
                        name_ar=cname,
                    )
                    added.append(new)
                    by_name[cname] = new
                constituency = by_name[cname].id
            office_id = int_cell(row["office_id"], "office_id", required=False) or NO_NAMED_THING
            oname = text_cell(row["office_name"], "office_name") or "No Office"
            office = offices.get(office_id)
            if office is None:
                office = Office(id=office_id, name_en=oname, name_ar=oname, region=region)
                offices[office_id] = office
            elif office.region is not region:
                raise InconsistentValue(
                    "results.csv.office_region",
                    field="office_id",
                    value=office_id,
                    name=office_id,
                    region=row["region_name"],
                )
            if center_id in centers:
                raise InconsistentValue(
                    "results.csv.duplicate", field="center_id", value=center_id
                )
            centers[center_id] = Center(
                center_id=center_id,
                name_ar=text_cell(row["name"], "name"),
                office_id=office_id,
                constituency_id=constituency,
                subconstituency_id=subcon,
                center_type=CenterType.SPECIAL if special else CenterType.GENERAL,
                lat=_decimal(row["center_lat"], "center_lat"),
                lon=_decimal(row["center_lon"], "center_lon"),
                mahalla=text_cell(row["mahalla_name"], "mahalla_name"),
                village=text_cell(row["village_name"], "village_name"),
            )
    errors.raise_if_any()
    return list(centers.values()), list(offices.values()), known_constituencies + added


def write_centers(
    centers: Iterable[Center],
    *,
    offices: Iterable[Office],
    constituencies: Iterable[Constituency],
) -> str:
    """The centres file; SPECIAL centres are written "Special Voting" (or "OCV Voting"
    from centre 80001 on)."""
    office_by_id = {o.id: o for o in items_of(offices, Office, "offices")}
    names = {c.id: c.name_en for c in items_of(constituencies, Constituency, "constituencies")}
    names[NO_NAMED_THING] = NO_CONSTITUENCY_NAME
    out = []
    for c in items_of(centers, Center, "centers"):
        office = office_by_id.get(c.office_id)
        special = c.center_type is CenterType.SPECIAL
        marker = "OCV Voting" if c.center_id >= 80_001 else "Special Voting"
        out.append(
            (
                c.center_id,
                c.name_ar,
                c.center_type.value,
                c.lat,
                c.lon,
                "" if office is None else office.name_en,
                "" if c.office_id == NO_NAMED_THING else c.office_id,
                "" if office is None or office.region is Region.NONE else office.region.label(),
                names.get(c.constituency_id, ""),
                marker if special else c.subconstituency_id,
                c.mahalla,
                c.village,
            )
        )
    return write_csv(FILES["centers"], out)


# --------------------------------------------------------------------------- stations


def gender_cell(text: str, field: str) -> Gender:
    """male, female or unisex in any case, or Tally-Ho's 0, 1, 3."""
    try:
        return Gender(text.casefold())
    except ValueError:
        pass
    try:
        return GENDER.from_code(text)
    except ValidationError:
        raise InvalidType("results.csv.gender", field=field, value=text) from None


def _subcon_code(text: str, known: set[int], field: str) -> int | None:
    if not text or text in SPECIAL_MARKERS:
        return None
    code = _req_int(text, field)
    if code == NO_NAMED_THING:
        return None
    if code not in known:
        raise InconsistentValue("results.csv.subconstituency_unknown", field=field, value=code)
    return code


def read_stations(
    source: Source,
    *,
    centers: Iterable[Center],
    subconstituencies: Iterable[SubConstituency],
    skip_na_rows: bool = False,
) -> list[Station]:
    """Stations file. Gender is male, female or unisex in any case (or Tally-Ho's 0,
    1, 3); empty registrants mean "not known". A row whose ``center_name`` is
    ``#N/A`` is refused with one ``results.csv.na_rows`` error naming every such
    line, unless ``skip_na_rows`` is true (Tally-Ho skips them without a word)."""
    one_of(skip_na_rows, bool, "skip_na_rows")
    known_centers = {c.center_id for c in items_of(centers, Center, "centers")}
    known = {s.id for s in items_of(subconstituencies, SubConstituency, "subconstituencies")}
    table, errors = rows(source, "stations")
    stations: dict[tuple[int, int], Station] = {}
    skipped: list[int] = []
    for line, row in table:
        if row["center_name"] == NOT_AVAILABLE:
            if not skip_na_rows:
                skipped.append(line)
            continue
        with errors.at(f"line {line}"):
            text_cell(row["center_name"], "center_name")
            center_id = _req_int(row["center_code"], "center_code")
            if center_id not in known_centers:
                raise InconsistentValue(
                    "results.csv.center_unknown", field="center_code", value=center_id
                )
            station = Station(
                center_id=center_id,
                number=_req_int(row["station_number"], "station_number"),
                gender=gender_cell(row["station_gender"], "station_gender"),
                registrants=int_cell(
                    row["station_registrants"], "station_registrants", required=False
                ),
                subconstituency_id=_subcon_code(
                    row["sub_constituency_code"], known, "sub_constituency_code"
                ),
            )
            if station.key in stations:
                raise InconsistentValue(
                    "results.csv.duplicate", field="station_number", value=station.key
                )
            stations[station.key] = station
    if skipped:
        errors.add(listed("results.csv.na_rows", "center_name", skipped, lines=skipped))
    errors.raise_if_any()
    return list(stations.values())


def write_stations(stations: Iterable[Station], *, centers: Iterable[Center]) -> str:
    """The stations file."""
    names = {c.center_id: c.name_ar for c in items_of(centers, Center, "centers")}
    stations = items_of(stations, Station, "stations")
    return write_csv(
        FILES["stations"],
        (
            (
                s.center_id,
                names.get(s.center_id, ""),
                NO_NAMED_THING if s.subconstituency_id is None else s.subconstituency_id,
                s.number,
                s.gender.value,
                s.registrants,
            )
            for s in stations
        ),
    )


# --------------------------------------------------------------------------- candidates


def read_candidates(
    source: Source, order_source: Source, *, ballots: Iterable[Ballot]
) -> list[Candidate]:
    """Candidates file with the ballot-order file (``candidate_id``, ``ballot_order``).

    ``race_type`` must name a race's sub-type; the ballot must exist; every
    candidate needs an order.
    """
    by_number = {b.number: b for b in items_of(ballots, Ballot, "ballots")}
    check_source(source, "source")
    order_rows, order_errors = rows(order_source, "ballot order", parameter="order_source")
    orders: dict[int, int] = {}
    for line, row in order_rows:
        with order_errors.at(f"line {line}"):
            orders[_req_int(row["candidate_id"], "candidate_id")] = _req_int(
                row["ballot_order"], "ballot_order"
            )
    order_errors.raise_if_any()
    table, errors = rows(source, "candidates")
    races = {b.race.name for b in by_number.values()}
    out = []
    for line, row in table:
        with errors.at(f"line {line}"):
            candidate_id = _req_int(row["candidate_id"], "candidate_id")
            number = _req_int(row["ballot_number"], "ballot_number")
            race_type = text_cell(row["race_type"], "race_type")
            if race_type not in races:
                raise InconsistentValue(
                    "results.csv.race_unknown", field="race_type", value=race_type, name=race_type
                )
            if number not in by_number:
                raise InconsistentValue(
                    "results.csv.ballot_unknown", field="ballot_number", value=number
                )
            if candidate_id not in orders:
                raise MissingValue(
                    "results.csv.order_missing", field="ballot_order", value=candidate_id
                )
            out.append(
                Candidate(
                    ballot_number=number,
                    candidate_id=candidate_id,
                    name_ar=text_cell(row["candidate_full_name"], "candidate_full_name"),
                    order=orders[candidate_id],
                )
            )
    errors.raise_if_any()
    return out


def write_candidates(
    candidates: Iterable[Candidate], *, ballots: Iterable[Ballot]
) -> tuple[str, str]:
    """The candidates file and the ballot-order file."""
    by_number = {b.number: b for b in items_of(ballots, Ballot, "ballots")}
    listed: Sequence[Candidate] = items_of(candidates, Candidate, "candidates")
    for candidate in listed:
        if candidate.ballot_number not in by_number:
            raise InconsistentValue(
                "results.csv.ballot_unknown", field="ballot_number", value=candidate.ballot_number
            )
    return (
        write_csv(
            FILES["candidates"],
            (
                (c.candidate_id, c.name_ar, c.ballot_number, by_number[c.ballot_number].race.name)
                for c in listed
            ),
        ),
        write_csv(FILES["ballot order"], ((c.candidate_id, c.order) for c in listed)),
    )
