"""Private: Tally-Ho's tally-setup CSV files and the per-form results export.

Seven setup files, read in this order because each refers to the ones before:
ballots, sub-constituencies, sub-constituency ballots, centres, stations,
candidates (with the ballot-order file), result forms. Each reader checks the
required columns first ("Column X is missing in the {file} file"), then every
row, and raises **every** problem at once as
:class:`~electoral.errors.ValidationErrors` with locations ``line N`` (the
header is line 1); nothing is returned from a file with a problem. Extra
columns are ignored and exact duplicate rows are dropped, as Tally-Ho does.
Each writer produces the same columns, so ``read(write(x)) == x``.

Deliberate differences from Tally-Ho:

* **Barcodes stay text.** Tally-Ho's importer infers integer columns and so
  turns ``"000123"`` into ``"123"``; here every cell is read as text and
  barcodes keep their leading zeros.
* **Nothing is silently skipped.** Non-integer ballot numbers and unknown codes
  in the sub-constituency ballots file are refused with a code (Tally-Ho skipped
  them); stations whose ``center_name`` is ``#N/A`` are still skipped, as the
  file format uses that marker for "no such row".
* Tally-Ho names a constituency only by its name; constituencies get ids 1, 2, ...
  in order of first appearance in the sub-constituencies file ("No
  Constituency" is 999).

Sources: Tally-Ho ``management/commands/import_*.py``, ``asign_ballots_to_sub_cons.py``,
``management/commands/utils.py``, ``libs/views/exports.py`` ``save_barcode_results``,
``libs/tests/fixtures/tally_setup_files/*.csv`` (``domain-results.md`` §7.3, §8).

>>> import io
>>> ballots = read_ballots(io.StringIO("election_level,sub_type,number\\nHoR,general,117\\n"))
>>> ballots[0].number, ballots[0].race.key
(117, ('HoR', 'general'))
>>> read_ballots(io.StringIO("level,number\\n"))
Traceback (most recent call last):
...
electoral.errors.ValidationErrors: 1 problem in ballots (1 sub-exception)
"""

from __future__ import annotations

import csv
import io
import pathlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Final, TextIO

import attrs

from electoral.adapters.tallyho import GENDER
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidType,
    MissingValue,
    ValidationError,
    register_messages,
)
from electoral.ids import barcode as _barcode
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
    ReconciliationForm,
    Region,
    ResultForm,
    Station,
    SubConstituency,
)
from electoral.model import _validators as v
from electoral.results._aggregate import counted_forms
from electoral.results._records import EntryVersion, FormRecord, PvpMode, TallySetup

__all__ = [
    "ResultRow",
    "read_ballots",
    "read_candidates",
    "read_centers",
    "read_result_forms",
    "read_results_export",
    "read_stations",
    "read_subconstituencies",
    "read_subconstituency_ballots",
    "results_rows",
    "write_ballots",
    "write_candidates",
    "write_centers",
    "write_result_forms",
    "write_results_export",
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
            "{field}: {value} is not a whole number.",
            "{field}: القيمة {value} ليست عددًا صحيحًا.",
        ),
        "results.csv.decimal": (
            "{field}: {value} is not a number.",
            "{field}: القيمة {value} ليست رقمًا.",
        ),
        "results.csv.duplicate": (
            "{field}: {value} appears more than once.",
            "{field}: القيمة {value} مكررة.",
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
            "Constituency {name} does not exist",
            "الدائرة {name} غير موجودة",
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
            "{field}: {value} is not male, female or unisex.",
            "{field}: القيمة {value} ليست ذكر أو أنثى أو مختلط.",
        ),
        "results.csv.boolean": (
            "{field}: {value} is not true or false.",
            "{field}: القيمة {value} ليست true أو false.",
        ),
        "results.csv.pvp_mode": (
            "{field}: {value} is not a PVP mode (disabled, de1_only, de1_and_de2).",
            "{field}: القيمة {value} ليست وضعًا لبروتوكول التصويت الأولي "
            "(disabled أو de1_only أو de1_and_de2).",
        ),
        "results.csv.order_missing": (
            "{field}: candidate {value} has no ballot order.",
            "{field}: المرشح {value} ليس له ترتيب في ورقة الاقتراع.",
        ),
    }
)

Source = TextIO | pathlib.Path

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


def _rows(source: Source, file: str) -> tuple[list[tuple[int, dict[str, str]]], ErrorCollector]:
    if isinstance(source, pathlib.Path):
        text = source.read_text(encoding="utf-8-sig")
    else:
        text = source.read()
    reader = csv.DictReader(io.StringIO(text))
    errors = ErrorCollector(file)
    header = reader.fieldnames or []
    missing = [c for c in FILES[file] if c not in header]
    if len(missing) == 1:
        errors.add(MissingValue("results.csv.missing_column", field=missing[0], column=missing[0],
                                file=file))  # fmt: skip
    elif missing:
        errors.add(
            MissingValue(
                "results.csv.missing_columns",
                field=", ".join(missing),
                columns=", ".join(missing),
                file=file,
            )
        )
    errors.raise_if_any()
    seen: set[tuple[str, ...]] = set()
    rows = []
    for number, row in enumerate(reader, start=2):
        clean = {k: (val or "").strip() for k, val in row.items() if k is not None}
        key = tuple(clean.get(c, "") for c in header)
        if key in seen:
            continue
        seen.add(key)
        rows.append((number, clean))
    return rows, errors


def _int(text: str, field: str, *, required: bool = True) -> int | None:
    if not text:
        if required:
            raise MissingValue(field=field, value=text)
        return None
    try:
        return int(text)
    except ValueError:
        raise InvalidType("results.csv.integer", field=field, value=text) from None


def _req_int(text: str, field: str) -> int:
    value = _int(text, field)
    assert value is not None
    return value


def _write(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return out.getvalue()


# --------------------------------------------------------------------------- ballots


def read_ballots(source: Source) -> list[Ballot]:
    """Ballots file (``election_level``, ``sub_type``, ``number``): one race per pair.

    Ballot numbers must be whole numbers and unique (Tally-Ho skipped
    non-integers silently). Sub-constituencies come later
    (:func:`read_subconstituency_ballots`).
    """
    rows, errors = _rows(source, "ballots")
    races: dict[tuple[str, str], Race] = {}
    ballots: dict[int, Ballot] = {}
    for line, row in rows:
        with errors.at(f"line {line}"):
            number = _req_int(row["number"], "number")
            key = (row["election_level"], row["sub_type"])
            race = races.get(key) or Race(election_level=key[0], name=key[1])
            races[key] = race
            if number in ballots:
                raise InconsistentValue("results.csv.duplicate", field="number", value=number)
            ballots[number] = Ballot(number=number, race=race)
    errors.raise_if_any()
    return list(ballots.values())


def write_ballots(ballots: Iterable[Ballot]) -> str:
    """The ballots file for ``ballots``."""
    return _write(
        FILES["ballots"],
        ((b.race.election_level, b.race.name, b.number) for b in ballots),
    )


# --------------------------------------------------------------------------- sub-constituencies


def read_subconstituencies(source: Source) -> tuple[list[Constituency], list[SubConstituency]]:
    """Sub-constituencies file; constituencies are numbered by first appearance.

    ``number_of_ballots`` must be a whole number; it is not kept (the count
    follows from the sub-constituency ballots file).
    """
    rows, errors = _rows(source, "sub constituencies")
    constituencies: dict[str, Constituency] = {}
    subcons: dict[int, SubConstituency] = {}
    for line, row in rows:
        with errors.at(f"line {line}"):
            code = _req_int(row["sub_constituency_code"], "sub_constituency_code")
            _req_int(row["number_of_ballots"], "number_of_ballots")
            name = row["constituency_name"]
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
            label = row["sub_constituency_name"]
            subcons[code] = SubConstituency(
                id=code, name_en=label, name_ar=label, constituency_id=constituency_id
            )
    errors.raise_if_any()
    return list(constituencies.values()), list(subcons.values())


def write_subconstituencies(
    subconstituencies: Iterable[SubConstituency],
    constituencies: Iterable[Constituency],
    ballots: Iterable[Ballot] = (),
) -> str:
    """The sub-constituencies file; ``number_of_ballots`` counts the ballots used there."""
    names = {c.id: c.name_en for c in constituencies}
    names[NO_NAMED_THING] = NO_CONSTITUENCY_NAME
    ballots = list(ballots)
    return _write(
        FILES["sub constituencies"],
        (
            (
                s.id,
                sum(1 for b in ballots if s.id in b.subconstituency_ids),
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
    rows, errors = _rows(source, "sub constituency ballots")
    by_number = {b.number: b for b in ballots}
    known = {s.id for s in subconstituencies}
    links: dict[int, set[int]] = {n: set() for n in by_number}
    for line, row in rows:
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
    return _write(
        FILES["sub constituency ballots"],
        ((code, b.number) for b in ballots for code in sorted(b.subconstituency_ids)),
    )


# --------------------------------------------------------------------------- centres


_REGIONS: Final = {r.label().casefold(): r for r in Region} | {r.value: r for r in Region}


def _region(text: str) -> Region:
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
        return Decimal(text)
    except InvalidOperation:
        raise InvalidType("results.csv.decimal", field=field, value=text) from None


def read_centers(
    source: Source,
    *,
    constituencies: Iterable[Constituency],
    subconstituencies: Iterable[SubConstituency],
) -> tuple[list[Center], list[Office]]:
    """Centres file: centres and the offices they name.

    ``center_type`` is ignored and derived: SPECIAL when ``subconstituency_id``
    is "Special Voting" or "OCV Voting" (then there is no sub-constituency and
    no constituency), else GENERAL. Sub-constituency 999 and constituency "No
    Constituency" mean none. Region names are West, South, East (any case).
    """
    rows, errors = _rows(source, "centers")
    by_name = {c.name_en: c.id for c in constituencies}
    known = {s.id for s in subconstituencies} | {NO_NAMED_THING}
    offices: dict[int, Office] = {}
    centers: dict[int, Center] = {}
    for line, row in rows:
        with errors.at(f"line {line}"):
            center_id = _req_int(row["center_id"], "center_id")
            region = _region(row["region_name"])
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
            cname = row["constituency_name"]
            constituency = NO_NAMED_THING
            if not special and cname and cname != NO_CONSTITUENCY_NAME:
                if cname not in by_name:
                    raise InconsistentValue(
                        "results.csv.constituency_unknown",
                        field="constituency_name",
                        value=cname,
                        name=cname,
                    )
                constituency = by_name[cname]
            office_id = _int(row["office_id"], "office_id", required=False) or NO_NAMED_THING
            office = offices.get(office_id)
            if office is None:
                oname = row["office_name"] or "No Office"
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
                name_ar=row["name"],
                office_id=office_id,
                constituency_id=constituency,
                subconstituency_id=subcon,
                center_type=CenterType.SPECIAL if special else CenterType.GENERAL,
                lat=_decimal(row["center_lat"], "center_lat"),
                lon=_decimal(row["center_lon"], "center_lon"),
                mahalla=row["mahalla_name"],
                village=row["village_name"],
            )
    errors.raise_if_any()
    return list(centers.values()), list(offices.values())


def write_centers(
    centers: Iterable[Center],
    *,
    offices: Iterable[Office],
    constituencies: Iterable[Constituency],
) -> str:
    """The centres file; SPECIAL centres are written "Special Voting" (or "OCV Voting"
    from centre 80001 on)."""
    office_by_id = {o.id: o for o in offices}
    names = {c.id: c.name_en for c in constituencies}
    names[NO_NAMED_THING] = NO_CONSTITUENCY_NAME
    rows = []
    for c in centers:
        office = office_by_id.get(c.office_id)
        special = c.center_type is CenterType.SPECIAL
        marker = "OCV Voting" if c.center_id >= 80_001 else "Special Voting"
        rows.append(
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
    return _write(FILES["centers"], rows)


# --------------------------------------------------------------------------- stations


def _gender(text: str, field: str) -> Gender:
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
    source: Source, *, centers: Iterable[Center], subconstituencies: Iterable[SubConstituency]
) -> list[Station]:
    """Stations file. Rows whose ``center_name`` is ``#N/A`` are skipped; gender is
    male, female or unisex in any case (or Tally-Ho's 0, 1, 3); empty registrants
    mean "not known"."""
    rows, errors = _rows(source, "stations")
    known_centers = {c.center_id for c in centers}
    known = {s.id for s in subconstituencies}
    stations: dict[tuple[int, int], Station] = {}
    for line, row in rows:
        if row["center_name"] == "#N/A":
            continue
        with errors.at(f"line {line}"):
            center_id = _req_int(row["center_code"], "center_code")
            if center_id not in known_centers:
                raise InconsistentValue(
                    "results.csv.center_unknown", field="center_code", value=center_id
                )
            station = Station(
                center_id=center_id,
                number=_req_int(row["station_number"], "station_number"),
                gender=_gender(row["station_gender"], "station_gender"),
                registrants=_int(
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
    errors.raise_if_any()
    return list(stations.values())


def write_stations(stations: Iterable[Station], *, centers: Iterable[Center]) -> str:
    """The stations file."""
    names = {c.center_id: c.name_ar for c in centers}
    return _write(
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
    order_rows, order_errors = _rows(order_source, "ballot order")
    orders: dict[int, int] = {}
    for line, row in order_rows:
        with order_errors.at(f"line {line}"):
            orders[_req_int(row["candidate_id"], "candidate_id")] = _req_int(
                row["ballot_order"], "ballot_order"
            )
    order_errors.raise_if_any()
    rows, errors = _rows(source, "candidates")
    by_number = {b.number: b for b in ballots}
    races = {b.race.name for b in by_number.values()}
    out = []
    for line, row in rows:
        with errors.at(f"line {line}"):
            candidate_id = _req_int(row["candidate_id"], "candidate_id")
            number = _req_int(row["ballot_number"], "ballot_number")
            if row["race_type"] not in races:
                raise InconsistentValue(
                    "results.csv.race_unknown",
                    field="race_type",
                    value=row["race_type"],
                    name=row["race_type"],
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
                    name_ar=row["candidate_full_name"],
                    order=orders[candidate_id],
                )
            )
    errors.raise_if_any()
    return out


def write_candidates(
    candidates: Iterable[Candidate], *, ballots: Iterable[Ballot]
) -> tuple[str, str]:
    """The candidates file and the ballot-order file."""
    by_number = {b.number: b for b in ballots}
    candidates = list(candidates)
    return (
        _write(
            FILES["candidates"],
            (
                (c.candidate_id, c.name_ar, c.ballot_number, by_number[c.ballot_number].race.name)
                for c in candidates
            ),
        ),
        _write(FILES["ballot order"], ((c.candidate_id, c.order) for c in candidates)),
    )


# --------------------------------------------------------------------------- result forms


def read_result_forms(source: Source, *, setup: TallySetup) -> list[ResultForm]:
    """Result forms file: every form UNSUBMITTED; barcodes kept as text.

    Checks, in Tally-Ho's order: required columns; duplicate barcodes (one
    error listing them); unknown centre codes (one error listing them); then
    per row: the station exists for the centre, the ballot exists, the office
    (when given with a region) is in that region. An empty ``center_code``
    makes a replacement form with no station and no gender.
    """
    rows, errors = _rows(source, "result_form")
    counts: dict[str, int] = {}
    for _, row in rows:
        counts[row["barcode"]] = counts.get(row["barcode"], 0) + 1
    repeated = sorted(b for b, n in counts.items() if n > 1)
    if repeated:
        errors.add(
            InconsistentValue(
                "results.csv.duplicate_barcodes",
                field="barcode",
                value=repeated,
                items=", ".join(repeated),
            )
        )
    unknown = sorted(
        {row["center_code"] for _, row in rows if row["center_code"]}
        - {str(c) for c in setup.centers}
    )
    if unknown:
        errors.add(
            InconsistentValue(
                "results.csv.unknown_center_codes",
                field="center_code",
                value=unknown,
                items=", ".join(unknown),
            )
        )
    errors.raise_if_any()
    offices = {o.name_en: o for o in setup.offices.values()}
    forms = []
    for line, row in rows:
        with errors.at(f"line {line}"):
            code = _barcode.validate(row["barcode"])
            ballot = _req_int(row["ballot_number"], "ballot_number")
            if ballot not in setup.ballots:
                raise InconsistentValue(
                    "results.csv.ballot_unknown", field="ballot_number", value=ballot
                )
            office = offices.get(row["office_name"])
            wrong_region = (
                office is not None
                and bool(row["region_name"])
                and _region(row["region_name"]) is not office.region
            )
            if wrong_region:
                raise InconsistentValue(
                    "results.csv.office_region",
                    field="office_name",
                    value=row["office_name"],
                    name=row["office_name"],
                    region=row["region_name"],
                )
            serial = _int(row["serial_number"], "serial_number", required=False)
            if not row["center_code"]:
                forms.append(ResultForm(barcode=code, ballot_number=ballot, serial_number=serial))
                continue
            center_id = _req_int(row["center_code"], "center_code")
            number = _req_int(row["station_number"], "station_number")
            if (center_id, number) not in setup.stations:
                raise InconsistentValue(
                    "results.csv.station_unknown",
                    field="station_number",
                    value=number,
                    center=center_id,
                )
            forms.append(
                ResultForm(
                    barcode=code,
                    ballot_number=ballot,
                    center_id=center_id,
                    station_number=number,
                    gender=_gender(row["gender"], "gender"),
                    is_replacement=False,
                    serial_number=serial,
                )
            )
    errors.raise_if_any()
    return forms


def write_result_forms(forms: Iterable[ResultForm], *, setup: TallySetup) -> str:
    """The result forms file; centre name, office and region come from ``setup``."""
    rows = []
    for f in forms:
        center = None if f.center_id is None else setup.centers.get(f.center_id)
        office = None if center is None else setup.offices.get(center.office_id)
        rows.append(
            (
                f.ballot_number,
                f.center_id,
                f.station_number,
                None if f.gender is None else f.gender.value,
                "" if center is None else center.name_ar,
                "" if office is None else office.name_en,
                f.barcode,
                f.serial_number,
                "" if office is None or office.region is Region.NONE else office.region.label(),
            )
        )
    return _write(FILES["result_form"], rows)


# --------------------------------------------------------------------------- results export


@attrs.frozen(kw_only=True)
class ResultRow:
    """One row of the per-form results export: one candidate on one ARCHIVED form.

    ``from_pvp`` says whether the form is linked to a PVP submission and
    ``pvp_mode_applied`` is the mode that submission was imported under
    (``None`` when not from PVP).
    """

    ballot: int = attrs.field(validator=v.integer(0))
    race_number: int = attrs.field(validator=v.integer(0))
    center: int = attrs.field(validator=v.integer(0))
    station: int = attrs.field(validator=v.integer(0))
    gender: Gender = attrs.field(validator=v.enum_member(Gender))
    barcode: str = attrs.field(validator=v.identifier(_barcode))
    election_level: str = attrs.field(validator=v.text())
    sub_race_type: str = attrs.field(validator=v.text())
    voting_district: int | None = attrs.field(validator=v.optional(v.integer(0)))
    order: int = attrs.field(validator=v.integer(0))
    candidate_name: str = attrs.field(validator=v.text())
    candidate_id: int = attrs.field(validator=v.integer(0))
    votes: int = attrs.field(validator=v.integer(0))
    invalid_ballots: int | None = attrs.field(validator=v.optional(v.integer(0)))
    voter_cards: int | None = attrs.field(validator=v.optional(v.integer(0)))
    received_ballots_papers: int | None = attrs.field(validator=v.optional(v.integer(0)))
    valid_votes: int | None = attrs.field(validator=v.optional(v.integer(0)))
    total_ballot_papers_in_box: int | None = attrs.field(validator=v.optional(v.integer(0)))
    number_registrants: int | None = attrs.field(validator=v.optional(v.integer(0)))
    candidate_status: str = attrs.field(validator=v.text())
    from_pvp: bool = attrs.field(default=False, validator=v.boolean)
    pvp_mode_applied: PvpMode | None = attrs.field(
        default=None, validator=v.optional(v.enum_member(PvpMode))
    )


EXPORT_COLUMNS: Final = tuple(a.name for a in attrs.fields(ResultRow))
PVP_EXPORT_COLUMNS: Final = ("from_pvp", "pvp_mode_applied")
"""The PVP columns; an export written before PVP (without them) still reads."""


def results_rows(records: Iterable[FormRecord], setup: TallySetup) -> Iterator[ResultRow]:
    """The export's rows: counted ARCHIVED forms, each candidate in ballot order.

    ``votes`` is the FINAL active count (0 when missing); the recon columns are
    empty for a form without a FINAL reconciliation section. ``race_number``
    is the ballot number (the results system's "race number" column).
    """
    for record in counted_forms(records):
        form = record.form
        assert form.center_id is not None
        assert form.station_number is not None
        assert form.gender is not None
        ballot = setup.ballots[form.ballot_number]
        votes = record.active_votes(EntryVersion.FINAL)
        recon = record.active_recon(EntryVersion.FINAL) if form.has_reconciliation else None
        numbers: tuple[int | None, ...] = (None,) * 5
        if isinstance(recon, ReconciliationForm):
            numbers = (
                recon.number_invalid_votes,
                recon.number_of_voter_cards_in_the_ballot_box,
                recon.number_of_voters,
                recon.number_valid_votes,
                recon.number_sorted_and_counted,
            )
        station = setup.station_of(form)
        center = setup.centers.get(form.center_id)
        for candidate in setup.form_candidates(form.ballot_number):
            yield ResultRow(
                ballot=form.ballot_number,
                race_number=form.ballot_number,
                center=form.center_id,
                station=form.station_number,
                gender=form.gender,
                barcode=form.barcode,
                election_level=ballot.race.election_level,
                sub_race_type=ballot.race.name,
                voting_district=None if center is None else center.subconstituency_id,
                order=candidate.order,
                candidate_name=candidate.name_ar,
                candidate_id=candidate.candidate_id,
                votes=votes.get(candidate.key, 0),
                invalid_ballots=numbers[0],
                voter_cards=numbers[1],
                received_ballots_papers=numbers[2],
                valid_votes=numbers[3],
                total_ballot_papers_in_box=numbers[4],
                number_registrants=None if station is None else station.registrants,
                candidate_status="enabled" if candidate.active else "disabled",
                from_pvp=record.pvp is not None,
                pvp_mode_applied=None if record.pvp is None else record.pvp.mode,
            )


def _export_cell(row: ResultRow, name: str) -> object:
    value = getattr(row, name)
    if name == "gender":
        return row.gender.value
    if name == "from_pvp":
        return "true" if value else "false"
    if name == "pvp_mode_applied":
        return None if value is None else value.value
    return value


def write_results_export(rows: Iterable[ResultRow]) -> str:
    """The per-form results export as CSV text (``from_pvp`` as ``true``/``false``)."""
    return _write(EXPORT_COLUMNS, ([_export_cell(r, n) for n in EXPORT_COLUMNS] for r in rows))


def _pvp_cells(row: Mapping[str, str | None]) -> tuple[bool, PvpMode | None]:
    flag = (row.get("from_pvp") or "").strip()
    mode = (row.get("pvp_mode_applied") or "").strip()
    if flag not in ("", "true", "false"):
        raise InvalidType("results.csv.boolean", field="from_pvp", value=flag)
    try:
        applied = PvpMode(mode) if mode else None
    except ValueError:
        raise InvalidType("results.csv.pvp_mode", field="pvp_mode_applied", value=mode) from None
    return flag == "true", applied


def read_results_export(source: Source) -> list[ResultRow]:
    """Read back a per-form results export (every problem at once)."""
    if isinstance(source, pathlib.Path):
        text = source.read_text(encoding="utf-8-sig")
    else:
        text = source.read()
    reader = csv.DictReader(io.StringIO(text))
    errors = ErrorCollector("results export")
    header = reader.fieldnames or []
    missing = [c for c in EXPORT_COLUMNS if c not in header and c not in PVP_EXPORT_COLUMNS]
    if missing:
        errors.add(
            MissingValue(
                "results.csv.missing_columns",
                field=", ".join(missing),
                columns=", ".join(missing),
                file="results export",
            )
        )
        errors.raise_if_any()
    text_fields = {"barcode", "election_level", "sub_race_type", "candidate_name",
                   "candidate_status"}  # fmt: skip
    optional = {"voting_district", "invalid_ballots", "voter_cards", "received_ballots_papers",
                "valid_votes", "total_ballot_papers_in_box", "number_registrants"}  # fmt: skip
    out = []
    for line, row in enumerate(reader, start=2):
        with errors.at(f"line {line}"):
            values: dict[str, object] = {}
            values["from_pvp"], values["pvp_mode_applied"] = _pvp_cells(row)
            for name in EXPORT_COLUMNS:
                if name in PVP_EXPORT_COLUMNS:
                    continue
                cell = (row.get(name) or "").strip()
                if name == "gender":
                    values[name] = _gender(cell, name)
                elif name in text_fields:
                    values[name] = cell
                else:
                    values[name] = _int(cell, name, required=name not in optional)
            out.append(ResultRow(**values))  # type: ignore[arg-type]
    errors.raise_if_any()
    return out
