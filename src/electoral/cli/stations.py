"""``electoral stations``: rolls and polling stations from the registration system's files.

Reads the centres upload CSV, the civil registry (the CRA's SQL dump or its CSV,
recognised from the content) and the registrations (``national_id,center_id``),
leaves out everyone under 18 on the polling day (``--as-of``, shown in the report),
sorts each centre's roll and allocates its stations; a copy centre shares its
original's roll. ``--output DIR`` writes the set ``stations.csv`` (the results
system's stations file) and ``voters.csv`` (``national_id,center_id,station_number``).
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

import attrs

from electoral.cli._args import date
from electoral.cli._atomic import OutputFolder
from electoral.cli._civil_registry import read_registry
from electoral.cli._command import Command, Context, DataError, Outcome
from electoral.cli._files import Input
from electoral.cli._inputs import (
    INPUT_FORMATS,
    detect_format,
    load_centers,
    load_registrations,
)
from electoral.cli._output import phrase
from electoral.errors import ErrorCollector, InconsistentValue

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--centers", required=True, help="the registration system's centres upload CSV"
    )
    parser.add_argument(
        "--citizens", required=True, help="the civil registry: the CRA's SQL dump or its CSV"
    )
    parser.add_argument(
        "--citizens-format",
        choices=("sql", "csv"),
        help="the civil registry's format (default: recognised from its content)",
    )
    parser.add_argument(
        "--registrations", required=True, help="registrations CSV: national_id,center_id"
    )
    parser.add_argument(
        "--as-of",
        type=date,
        help="the polling day, YYYY-MM-DD (who is 18; default today)",
    )
    parser.add_argument(
        "--output", help="folder to write stations.csv and voters.csv into, as one set"
    )


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    from electoral.formats.smartelect import (
        write_voters_by_national_id as voters_by_national_id_csv,
    )
    from electoral.formats.tallyho import write_stations
    from electoral.registration import allocate_stations, is_old_enough, sort_roll

    as_of = args.as_of or context.now()
    day = as_of.to_date_string()
    centers_file = Input.named(args.centers, "centers")
    citizens_file = Input.named(args.citizens, "citizens")
    registrations_file = Input.named(args.registrations, "registrations")
    fmt = detect_format(citizens_file, "citizens", args.citizens_format)
    folder = None
    if args.output:
        folder = OutputFolder(args.output, command="stations")
        folder.check_inputs(centers_file.path, citizens_file.path, registrations_file.path)
        folder.prepare()
    centers = load_centers(centers_file)
    by_id = {c.center_id: c for c in centers}
    progress = context.progress()
    registrations = load_registrations(registrations_file, set(by_id), progress)
    registry = read_registry(citizens_file, fmt, as_of=as_of, keep=True, progress=progress)
    if registry.problems:
        raise DataError(registry.problems, {"as_of": day})
    people = {record.national_id: record for record in registry.records}
    collector = ErrorCollector("registrations")
    groups: dict[int, list[Any]] = {}
    too_young = 0
    eligible: dict[Any, bool] = {}
    for line, nid, registered_at in registrations:
        person = people.get(nid)
        if person is None:
            collector.add(
                InconsistentValue("cli.unknown_citizen", field="national_id", value=nid),
                f"line {line}",
            )
            continue
        born = person.date_of_birth
        if born not in eligible:
            eligible[born] = is_old_enough(born, as_of=as_of)
        if not eligible[born]:
            too_young += 1
            continue
        groups.setdefault(registered_at, []).append(person)
    if collector:
        raise DataError(collector.errors, {"as_of": day})
    plans = []
    stations = []
    rolls: dict[int, list[Any]] = {}
    progress.start("stations", total=len(centers), unit="centres")
    for done, center in enumerate(sorted(centers, key=lambda c: (c.is_copy, c.center_id)), 1):
        progress.update(done)
        if center.is_copy:
            roll = rolls.get(center.original_id, [])
        else:
            roll = rolls[center.center_id] = sort_roll(groups.get(center.center_id, []))
        if not roll or not center.reg_open:
            continue
        plan = allocate_stations(roll, center_id=center.center_id)
        plans.append(plan)
        subcon = None if center.subconstituency_id >= 998 else center.subconstituency_id
        for allocated in plan.stations:
            station = allocated.to_station()
            if subcon is not None:
                station = attrs.evolve(station, subconstituency_id=subcon)
            stations.append(station)
    progress.clear()
    stations.sort(key=lambda s: s.key)
    summary: dict[str, Any] = {
        "as_of": day,
        "citizens_format": fmt,
        "centers": len(plans),
        "voters": sum(len(roll) for roll in rolls.values()),
        "stations": len(stations),
        "registrants": sum(s.registrants or 0 for s in stations),
        "too_young": too_young,
        "by_gender": dict(sorted(Counter(s.gender.value for s in stations).items())),
        "output": None if folder is None else str(args.output),
    }
    if folder is not None:
        folder.commit(
            {
                "stations.csv": write_stations(stations, centers=centers),
                "voters.csv": voters_by_national_id_csv(plans),
            }
        )
    language = context.language
    lines = [
        f"{summary['stations']:,} stations in {summary['centers']:,} centres, "
        f"{summary['registrants']:,} registrants ({too_young:,} under 18 left out)",
        phrase("as_of", language, day=day),
    ]
    if folder is not None:
        lines.append(phrase("written", language, path=args.output))
    return Outcome(text="\n".join(lines) + "\n", data=summary)


COMMAND = Command(
    name="stations",
    summary="allocate polling stations from the rolls",
    description=__doc__.split("\n", 2)[2].strip() if __doc__ else "",
    configure=_configure,
    run=_run,
    inputs=tuple(INPUT_FORMATS[k] for k in ("centers", "citizens", "registrations")),
)
"""``electoral stations``."""
