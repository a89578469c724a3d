"""Private: the roll and station CSVs of SmartElect's roll generator, and a roll read back.

Sources: SmartElect ``rollgen/job.py`` (the voters-by-national-id and
voters-by-centre-and-station files), ``rollgen/utils.py`` and
``rollgen/management/commands/generate_polling_metadata_csv.py`` (the station
metadata file)
(SmartElect/SmartElect at commit ``d6d35f2``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from typing import Any, Final

from electoral._guard import guarded
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    MissingValue,
    ValidationError,
    register_messages,
)
from electoral.formats._policy import (
    CsvFile,
    Source,
    digits,
    ids_of,
    items_of,
    mapping_of,
    open_lines,
    write_csv,
)
from electoral.ids import center_id as _center_id
from electoral.ids import national_id as _national_id
from electoral.model import TRIPOLI, Center, Constituency, SubConstituency
from electoral.registration import StationPlan, Voter

__all__ = [
    "METADATA_HEADER",
    "ROLL_COLUMNS",
    "read_roll",
    "write_station_metadata",
    "write_voters_by_center_and_station",
    "write_voters_by_national_id",
]

register_messages(
    {
        "registration.roll.unknown_center": (
            "Centre {value} is not among the centres given.",
            "المركز {value} ليس من بين المراكز المعطاة.",
        ),
        "registration.roll.repeated": (
            "The citizen {value} is on the roll more than once.",
            "المواطن {value} مدرج في السجل أكثر من مرة.",
        ),
    }
)

ROLL_COLUMNS: Final = ("national_id", "center_id", "station_number")
"""The columns of the two voter files, in order (``station_number`` optional on input)."""

METADATA_HEADER: Final = (
    "Centre #",
    "Centre Name",
    "Centre Type",
    "Office #",
    "Constituency #",
    "Constituency Name",
    "SubConstituency #",
    "SubConstituency Name",
    "Station number",
    "Station Gender",
    "Number of Registrants",
    "First Name",
    "First Name Number",
    "Last Name",
    "Last Name Number",
    "When Generated",
)
"""The columns of the station metadata file."""


def _plans(plans: Iterable[StationPlan[Any]]) -> list[StationPlan[Any]]:
    return items_of(plans, StationPlan, "plans")


def write_voters_by_national_id(plans: Iterable[StationPlan[Any]]) -> str:
    """``national_id,center_id,station_number``, sorted by national id."""
    rows = sorted(
        (voter.national_id, plan.center_id, station)
        for plan in _plans(plans)
        for station, _, voter in plan.entries()
    )
    return write_csv(ROLL_COLUMNS, rows)


def write_voters_by_center_and_station(plans: Iterable[StationPlan[Any]]) -> str:
    """The same rows, sorted by (centre, station, national id)."""
    rows = sorted(
        (plan.center_id, station, voter.national_id)
        for plan in _plans(plans)
        for station, _, voter in plan.entries()
    )
    return write_csv(ROLL_COLUMNS, ((nid, cid, st) for cid, st, nid in rows))


def _full(voter: Voter) -> str:
    parts = (voter.first_name, voter.father_name, voter.grandfather_name, voter.family_name)
    return " ".join(part for part in parts if part)


@guarded
def write_station_metadata(
    plans: Iterable[StationPlan[Any]],
    *,
    centers: Mapping[int, Center],
    constituencies: Mapping[int, Constituency],
    subconstituencies: Mapping[int, SubConstituency],
    generated_at: dt.datetime,
) -> str:
    """The station metadata CSV (SmartElect "generate polling metadata csv").

    Names are the full four-part names of the first and last voter; the type and
    the constituency names are in Arabic; ``generated_at`` is shown in Tripoli time.
    """
    when = generated_at.astimezone(TRIPOLI).strftime("%Y-%m-%d %H:%M:%S")
    centers = mapping_of(centers, Center, "centers")
    constituencies = mapping_of(constituencies, Constituency, "constituencies")
    subconstituencies = mapping_of(subconstituencies, SubConstituency, "subconstituencies")
    rows = []
    for plan in sorted(_plans(plans), key=lambda p: p.center_id):
        center = centers.get(plan.center_id)
        if center is None:
            raise TypeError(f"centers has no centre {plan.center_id}")
        con = constituencies.get(center.constituency_id)
        sub = subconstituencies.get(center.subconstituency_id)
        for station in plan.stations:
            first_number, first = station.first
            last_number, last = station.last
            rows.append(
                (
                    center.center_id,
                    center.name_ar,
                    center.center_type.label("ar"),
                    center.office_id,
                    center.constituency_id,
                    con.name_ar if con else "",
                    center.subconstituency_id,
                    sub.name_ar if sub else "",
                    station.number,
                    station.gender.value,
                    station.registrants,
                    _full(first),
                    first_number,
                    _full(last),
                    last_number,
                    when,
                )
            )
    return write_csv(METADATA_HEADER, rows)


def read_roll(
    source: Source, *, centers: Collection[int] | None = None
) -> list[tuple[str, int, int | None]]:
    """Read a roll: ``(national_id, center_id, station_number)`` of each voter, all or nothing.

    The header must name ``national_id`` and ``center_id`` (in any order);
    ``station_number`` is read when present and other columns are ignored, so
    both voter files of the roll generator read back, and so does a plain list of
    registrations. A national id may appear once; with ``centers``, every centre
    must be one of them.

    Raises:
        TypeError: ``source`` is not a source.
        ValidationErrors: every problem (located ``line N``).

    >>> read_roll("national_id,center_id\\n119690261935,11001\\n")
    [('119690261935', 11001, None)]
    """
    if centers is not None:
        centers = ids_of(centers, "centers")
    errors = ErrorCollector("roll")
    out: list[tuple[str, int, int | None]] = []
    seen: set[str] = set()
    try:
        with open_lines(source) as lines:
            table = CsvFile(lines, errors)
            missing = table.missing(ROLL_COLUMNS[:2])
            if missing and not errors:
                errors.add(
                    MissingValue("formats.csv.missing_columns", columns=", ".join(missing)),
                    "line 1",
                )
            index: dict[str, int] = {
                name: table.header.index(name) for name in ROLL_COLUMNS if name in table.header
            }
            for line, cells in table if not missing else ():
                with errors.at(f"line {line}"):
                    out.append(_roll_row(cells, index, centers, seen))
            table.finish()
    except ValidationError as error:
        errors.add(error)
    errors.raise_if_any()
    return out


def _roll_row(
    cells: list[str], index: Mapping[str, int], centers: Collection[int] | None, seen: set[str]
) -> tuple[str, int, int | None]:
    row = ErrorCollector("roll row")
    nid = center = station = None
    with row.at():
        nid = _national_id.validate(cells[index["national_id"]])
    with row.at():
        center = _center_id.to_int(cells[index["center_id"]])
    if "station_number" in index and cells[index["station_number"]].strip():
        with row.at():
            station = digits(
                cells[index["station_number"]].strip(), "station_number", code="format"
            )
    if center is not None and centers is not None and center not in centers:
        row.add(
            InconsistentValue("registration.roll.unknown_center", field="center_id", value=center)
        )
    if nid is not None and nid in seen:
        row.add(InconsistentValue("registration.roll.repeated", field="national_id", value=nid))
    row.raise_if_any()
    assert nid is not None
    assert center is not None
    seen.add(nid)
    return nid, center, station
