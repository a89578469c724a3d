"""Private: Tally-Ho's result-forms file, and a whole tally-setup folder.

Sources: Tally-Ho ``management/commands/import_result_forms.py``,
``management/commands/utils.py`` (``check_duplicates``, ``find_missing_center_codes``),
``models/result_form.py`` (barcode and serial number unique in a tally)
(onaio/tally-ho at commit ``acbe4f4``).
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Iterable
from typing import Final

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import InconsistentValue, ValidationError, register_messages
from electoral.formats._policy import Source, items_of, one_of, write_csv
from electoral.formats.tallyho._setup import (
    FILES,
    gender_cell,
    int_cell,
    listed,
    read_ballots,
    read_candidates,
    read_centers,
    read_stations,
    read_subconstituencies,
    read_subconstituency_ballots,
    region_cell,
    rows,
    text_cell,
)
from electoral.ids import barcode as _barcode
from electoral.model import Constituency, Region, ResultForm, SubConstituency
from electoral.results import TallySetup

__all__ = [
    "SETUP_FILES",
    "SetupFolder",
    "read_result_forms",
    "read_tally_setup",
    "write_result_forms",
]

register_messages(
    {
        "results.csv.duplicate_serials": (
            "Serial numbers appear on more than one form: {items}",
            "أرقام تسلسلية تظهر في أكثر من استمارة: {items}",
        ),
    }
)

SETUP_FILES: Final = {
    "ballots": "ballots.csv",
    "subconstituencies": "sub_constituencies.csv",
    "subconstituency_ballots": "sub_constituency_ballots.csv",
    "centers": "centers.csv",
    "stations": "stations.csv",
    "candidates": "candidates.csv",
    "ballot_order": "ballot_order.csv",
}
"""The file name of each setup file in a folder (as ``electoral demo`` writes them)."""


def _repeats(values: Iterable[tuple[int, str]]) -> tuple[list[str], int]:
    """The values given more than once (sorted) and the line of the first repeat."""
    seen: set[str] = set()
    repeated: set[str] = set()
    first = 0
    for line, value in values:
        if value in seen:
            repeated.add(value)
            first = first or line
        seen.add(value)
    return sorted(repeated), first


def _whole(text: str, field: str) -> int:
    value = int_cell(text, field)
    assert value is not None  # a required cell is never None
    return value


def _compact_barcode(text: str) -> str:
    try:
        return _barcode.validate(text)
    except ValidationError:
        return text


def read_result_forms(source: Source, *, setup: TallySetup) -> list[ResultForm]:
    """Result forms file: every form UNSUBMITTED; barcodes kept as text.

    Checks, in Tally-Ho's order: required columns; a barcode on two rows (one
    ``results.csv.duplicate_barcodes`` error naming every repeated barcode; a row
    repeated exactly counts, as in Tally-Ho); a serial number on two rows; centre
    codes not in the centres file (one error listing them); then per row: the
    station exists for the centre, the ballot exists, an office named with a
    region exists in that region. An empty ``center_code`` makes a replacement
    form with no station and no gender.
    """
    one_of(setup, TallySetup, "setup")
    table, errors = rows(source, "result_form", distinct=False)
    repeated, line = _repeats((n, _compact_barcode(row["barcode"])) for n, row in table)
    if repeated:
        errors.add(listed("results.csv.duplicate_barcodes", "barcode", repeated, lines=[line]))
    serials, line = _repeats((n, row["serial_number"]) for n, row in table if row["serial_number"])
    if serials:
        errors.add(listed("results.csv.duplicate_serials", "serial_number", serials, lines=[line]))
    known = {str(c) for c in setup.centers}
    unknown = sorted({row["center_code"] for _, row in table if row["center_code"]} - known)
    if unknown:
        errors.add(
            InconsistentValue(
                "results.csv.unknown_center_codes",
                field="center_code",
                value=tuple(unknown),
                items=", ".join(unknown),
            )
        )
    errors.raise_if_any()
    offices = {(o.name_en, o.region): o for o in setup.offices.values()}
    forms = []
    for line, row in table:
        with errors.at(f"line {line}"):
            code = _barcode.validate(row["barcode"])
            ballot = _whole(row["ballot_number"], "ballot_number")
            if ballot not in setup.ballots:
                raise InconsistentValue(
                    "results.csv.ballot_unknown", field="ballot_number", value=ballot
                )
            office_name = text_cell(row["office_name"], "office_name")
            region_name = text_cell(row["region_name"], "region_name")
            text_cell(row["name"], "name")
            if (
                office_name
                and region_name
                and (office_name, region_cell(region_name)) not in offices
            ):
                raise InconsistentValue(
                    "results.csv.office_region",
                    field="office_name",
                    value=office_name,
                    name=office_name,
                    region=region_name,
                )
            serial = int_cell(row["serial_number"], "serial_number", required=False)
            if not row["center_code"]:
                forms.append(ResultForm(barcode=code, ballot_number=ballot, serial_number=serial))
                continue
            center_id = _whole(row["center_code"], "center_code")
            number = _whole(row["station_number"], "station_number")
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
                    gender=gender_cell(row["gender"], "gender"),
                    is_replacement=False,
                    serial_number=serial,
                )
            )
    errors.raise_if_any()
    return forms


def write_result_forms(forms: Iterable[ResultForm], *, setup: TallySetup) -> str:
    """The result forms file; centre name, office and region come from ``setup``."""
    one_of(setup, TallySetup, "setup")
    out = []
    for f in items_of(forms, ResultForm, "forms"):
        center = None if f.center_id is None else setup.centers.get(f.center_id)
        office = None if center is None else setup.offices.get(center.office_id)
        out.append(
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
    return write_csv(FILES["result_form"], out)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class SetupFolder:
    """A tally set up from its folder: the indexed setup and the names it carried.

    Attributes:
        setup: centres, stations, ballots, candidates and offices, indexed.
        constituencies: every constituency, as the files name them.
        subconstituencies: every sub-constituency.
    """

    setup: TallySetup
    constituencies: tuple[Constituency, ...]
    subconstituencies: tuple[SubConstituency, ...]


@guarded
def read_tally_setup(
    folder: os.PathLike[str], *, skip_summary_rows: bool = False, skip_na_rows: bool = False
) -> SetupFolder:
    """Read the six setup files of a folder (file names: :data:`SETUP_FILES`).

    Raises:
        TypeError: ``folder`` is not a path.
        ValidationErrors: the first file with a problem, every problem of it (each
            reader refers to the files before it, so reading stops there).
    """
    one_of(skip_summary_rows, bool, "skip_summary_rows")
    one_of(skip_na_rows, bool, "skip_na_rows")
    path = pathlib.Path(folder)

    def file(key: str) -> pathlib.Path:
        return path / SETUP_FILES[key]

    ballots = read_ballots(file("ballots"), skip_summary_rows=skip_summary_rows)
    constituencies, subs = read_subconstituencies(file("subconstituencies"))
    ballots = read_subconstituency_ballots(
        file("subconstituency_ballots"), ballots=ballots, subconstituencies=subs
    )
    centers, offices, constituencies = read_centers(
        file("centers"), constituencies=constituencies, subconstituencies=subs
    )
    stations = read_stations(
        file("stations"), centers=centers, subconstituencies=subs, skip_na_rows=skip_na_rows
    )
    candidates = read_candidates(file("candidates"), file("ballot_order"), ballots=ballots)
    return SetupFolder(
        setup=TallySetup.build(
            centers=centers,
            stations=stations,
            ballots=ballots,
            candidates=candidates,
            offices=offices,
        ),
        constituencies=tuple(constituencies),
        subconstituencies=tuple(subs),
    )
