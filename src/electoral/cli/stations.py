"""``electoral stations``: rolls and polling stations from the registration files."""

from __future__ import annotations

import argparse
import pathlib
from collections import Counter
from typing import Any

from electoral.cli._args import date
from electoral.cli._atomic import write_atomic
from electoral.cli._command import Command, Context, DataError, Outcome
from electoral.cli._inputs import load_centers, load_citizens, load_registrations
from electoral.errors import ErrorCollector, InconsistentValue

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--centers", required=True, help="centres CSV (registration system)")
    parser.add_argument("--citizens", required=True, help="civil-registry dump CSV")
    parser.add_argument(
        "--registrations", required=True, help="registrations CSV (national_id, center_id)"
    )
    parser.add_argument("--as-of", type=date, help="polling day (eligibility; default today)")
    parser.add_argument("--output", help="write the stations CSV (results system format)")
    parser.add_argument("--voters", help="write national_id,center_id,station_number CSV")


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    from electoral.formats.smartelect import (
        write_voters_by_national_id as voters_by_national_id_csv,
    )
    from electoral.formats.tallyho import write_stations
    from electoral.registration import allocate_stations, is_old_enough, sort_roll

    as_of = args.as_of or context.now()
    centers = load_centers(pathlib.Path(args.centers))
    by_id = {c.center_id: c for c in centers}
    citizens = load_citizens(pathlib.Path(args.citizens), as_of)
    registrations = load_registrations(pathlib.Path(args.registrations), set(by_id))
    people = {c.national_id: c for c in citizens}
    collector = ErrorCollector("registrations")
    groups: dict[int, list[Any]] = {}
    too_young = 0
    for line, (nid, registered_at) in enumerate(registrations, start=2):
        citizen = people.get(nid)
        if citizen is None:
            collector.add(
                InconsistentValue("cli.unknown_citizen", field="national_id", value=nid),
                f"line {line}",
            )
            continue
        if not is_old_enough(citizen.date_of_birth, as_of=as_of):
            too_young += 1
            continue
        groups.setdefault(registered_at, []).append(citizen)
    if collector:
        raise DataError(collector.errors)
    plans = []
    stations = []
    rolls: dict[int, list[Any]] = {}
    for center in sorted(centers, key=lambda c: (c.is_copy, c.center_id)):
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
            stations.append(station if subcon is None else _with_subcon(station, subcon))
    stations.sort(key=lambda s: s.key)
    text = write_stations(stations, centers=centers)
    if args.output:
        write_atomic(pathlib.Path(args.output), text)
    if args.voters:
        write_atomic(pathlib.Path(args.voters), voters_by_national_id_csv(plans))
    summary = {
        "centers": len(plans),
        "voters": sum(len(roll) for roll in rolls.values()),
        "stations": len(stations),
        "registrants": sum(s.registrants or 0 for s in stations),
        "too_young": too_young,
        "by_gender": dict(sorted(Counter(s.gender.value for s in stations).items())),
    }
    if args.output:
        text = (
            f"{summary['stations']} stations in {summary['centers']} centres, "
            f"{summary['registrants']} registrants ({too_young} under 18 left out); "
            f"written to {args.output}\n"
        )
    return Outcome(text=text, data=summary)


def _with_subcon(station: Any, subcon: int) -> Any:
    import attrs

    return attrs.evolve(station, subconstituency_id=subcon)


COMMAND = Command(
    name="stations",
    summary="allocate polling stations from the rolls",
    configure=_configure,
    run=_run,
)
"""``electoral stations``."""
