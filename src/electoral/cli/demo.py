"""``electoral demo``: a synthetic national election, end to end.

It generates a seeded, Libya-shaped election (:mod:`electoral.synthetic`), runs it
through every chapter of the library (register validation, eligibility on polling
day, rolls and stations, the results life cycle, the tally, the winners of every
race), prints a summary with the time of each stage and writes the files of both
existing systems into ``--output``, as one set:

* ``registration/``: ``centers.csv`` (the centres upload), ``civil_registry.sql``
  (the accepted civil-registry records, as the CRA's dump), ``registrations.csv``
  (``national_id,center_id``; blocked voters left out) and ``station_metadata.csv``;
* ``tally-setup/``: the results system's seven setup files and ``result_forms.csv``;
* ``results.csv`` (the results export), ``winners.csv`` and ``summary.json``.

These files are the inputs of the other commands: ``validate``, ``stations``,
``tally`` and ``seats`` can be run on them one after the other.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TextIO

from electoral import __version__
from electoral.cli._args import fraction
from electoral.cli._atomic import Content, OutputFolder
from electoral.cli._command import Command, Context, Outcome
from electoral.cli._output import csv_text, describe, dump_json
from electoral.cli._progress import duration
from electoral.model import Center, CenterType

if TYPE_CHECKING:
    from electoral.synthetic import Country, SyntheticElection

__all__ = ["COMMAND"]


SIZES = ("national", "small", "tiny")
"""The names of :data:`electoral.synthetic.PRESETS`, written out so that building the
parser does not import the synthetic election (a test keeps the two equal)."""


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--size",
        choices=SIZES,
        default="national",
        help="preset size (default: national, about 2.8 million voters)",
    )
    parser.add_argument("--seed", type=int, default=2014, help="the seed (default 2014)")
    parser.add_argument(
        "--output",
        default="electoral-demo-output",
        help="folder for the output files (default ./electoral-demo-output)",
    )
    parser.add_argument("--no-files", action="store_true", help="write no files")
    parser.add_argument(
        "--problem-share",
        type=fraction,
        default=Fraction(1, 50),
        help="share of result forms with an injected problem (default 1/50)",
    )
    parser.add_argument(
        "--register-problem-share",
        type=fraction,
        default=Fraction(1, 100_000),
        help="share of spoiled civil-registry records (default 1/100000)",
    )


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    from electoral import synthetic

    err = context.err
    size = synthetic.Size.named(args.size)
    folder = None
    if not args.no_files:  # refuse an unusable folder now, not after a minute of work
        folder = OutputFolder(args.output, command="demo")
        folder.prepare()
    progress = context.progress()

    def stage_done(stage: str, seconds: float) -> None:
        progress.clear()
        if progress.enabled:
            err.write(f"{stage:<10} done in {duration(seconds)}\n")

    began = time.perf_counter()
    election = synthetic.run(
        size,
        seed=args.seed,
        problem_share=args.problem_share,
        register_problem_share=args.register_problem_share,
        progress=progress,
        on_stage=stage_done,
    )
    progress.clear()
    write_began = time.perf_counter()
    summary = _demo_summary(election)
    summary["output"] = None if folder is None else str(args.output)
    if folder is not None:
        files = _demo_files(election, summary)
        progress.start("write", total=len(files), unit="files")
        written = [0]

        def on_file(name: str) -> None:
            written[0] += 1
            progress.update(written[0])

        folder.commit(files, on_file=on_file)
        progress.clear()
    summary["timings"]["write"] = time.perf_counter() - write_began
    summary["timings"]["total"] = time.perf_counter() - began
    return Outcome(text="\n".join(_demo_text(election, summary)) + "\n", data=summary)


def _percent(part: int, whole: int) -> str:
    """An exact percentage shown with one decimal, rounded half up (display only)."""
    if whole == 0:
        return "-"
    tenths = (Fraction(1000 * part, whole) + Fraction(1, 2)).__floor__()
    return f"{tenths // 10}.{tenths % 10}%"


def _demo_summary(election: SyntheticElection) -> dict[str, Any]:
    from electoral.synthetic import STAGES, public_draw

    country = election.country
    official = election.tally.official
    quarantine = election.tally.with_quarantine
    names = {c.key: c for c in country.candidates}
    ballots = {b.number: b for b in country.ballots}
    winners = []
    for winner in election.outcome.winners:
        ballot, candidate_id = (int(part) for part in winner.candidate.split(":"))
        candidate = names[(ballot, candidate_id)]
        totals = official.ballot.get(ballot)
        votes = 0 if totals is None else totals.votes.get(candidate.key, 0)
        winners.append(
            {
                "race": winner.race,
                "kind": winner.kind,
                "ballot": ballot,
                "candidate_id": candidate_id,
                "name": candidate.name_ar,
                "votes": votes,
                "seats": winner.seats,
                "by_lot": winner.by_lot,
            }
        )
    unresolved = {race for race, _ in election.outcome.ties}
    states = {
        state.value: count
        for state, count in sorted(election.tally.states.items(), key=lambda item: item[0].value)
    }
    registered = election.register.voters
    stations = election.allocation.stations
    from electoral.synthetic import POLLING_START, REGISTER_AS_OF

    return {
        "electoral": __version__,
        "size": election.size.name,
        "seed": election.seed,
        "as_of": {
            "register": REGISTER_AS_OF.to_date_string(),
            "eligibility": POLLING_START.to_date_string(),
        },
        "country": {
            "regions": len({o.region for o in country.offices}),
            "offices": len(country.offices),
            "constituencies": len(country.constituencies),
            "subconstituencies": len(country.subconstituencies),
            "centers": dict(sorted(Counter(c.center_type.value for c in country.centers).items())),
            "ballots": len(country.ballots),
            "candidates": len(country.candidates),
            "seats": {
                "general": sum(country.general_seats.values()),
                "women": sum(country.women_seats.values()),
            },
        },
        "register": {
            "records": registered,
            "accepted": len(election.register_check.records),
            "refused": dict(
                sorted(Counter(e.code for e in election.register_check.problems).items())
            ),
            "problems": [describe(e) for e in election.register_check.problems[:50]],
            "too_young": election.allocation.too_young,
            "blocked": election.allocation.blocked,
            "on_roll": election.allocation.on_roll,
        },
        "stations": {
            "total": len(stations),
            "out_of_country": sum(1 for s in stations if s.registrants is None),
            "by_gender": dict(sorted(Counter(s.gender.value for s in stations).items())),
            "registrants": sum(s.registrants or 0 for s in stations),
        },
        "forms": {
            "printed": len(election.forms),
            "injected": dict(sorted(election.injected.items())),
            "states": states,
        },
        "tally": {
            "valid": official.national.valid,
            "invalid": official.national.invalid,
            "forms_counted": official.national.forms,
            "valid_with_quarantine": quarantine.national.valid,
            "regions": {
                region.value: totals.valid
                for region, totals in sorted(
                    official.region.items(), key=lambda item: item[0].value
                )
            },
            "ballots": {
                str(number): totals.valid for number, totals in sorted(official.ballot.items())
            },
        },
        "seats": {
            "winners": winners,
            "ties": [
                {
                    "race": race,
                    "candidates": list(tie.candidates),
                    "names": [_candidate_name(names, key) for key in tie.candidates],
                    "seats": tie.seats,
                    "drawn": [
                        _candidate_name(names, w.candidate)
                        for w in election.outcome.winners
                        if w.race == race and w.by_lot
                    ],
                    "draw": None if race in unresolved else public_draw(election.seed).record,
                }
                for race, tie in election.ties
            ],
            "unfilled": dict(election.outcome.unfilled),
            "races": len({w["race"] for w in winners}),
            "rules": "House of Representatives 2014 (Law 10/2014): FPTP/SNTV per "
            "sub-constituency, a women's race per constituency",
        },
        "ballot_names": {str(n): b.race.name for n, b in sorted(ballots.items())},
        "timings": {stage: election.timings.get(stage, 0.0) for stage in STAGES},
    }


def _candidate_name(names: Mapping[tuple[int, int], Any], key: str) -> str:
    ballot, _, candidate_id = key.partition(":")
    candidate = names.get((int(ballot), int(candidate_id)))
    return key if candidate is None else f"{candidate.name_ar} ({key})"


def _demo_text(election: SyntheticElection, summary: Mapping[str, Any]) -> list[str]:
    country = election.country
    reg = summary["register"]
    forms = summary["forms"]
    tally_ = summary["tally"]
    lines = [
        f"electoral {__version__}: synthetic national election "
        f"({summary['size']}, seed {summary['seed']})",
        f"{country.election.name_en} / {country.election.name_ar}, polling "
        f"{country.election.polling_start.to_date_string()}",
        "",
        f"Country: {summary['country']['constituencies']} constituencies, "
        f"{summary['country']['subconstituencies']} sub-constituencies, "
        f"{summary['country']['offices']} offices in {summary['country']['regions']} regions, "
        f"{len(country.centers):,} centres ("
        + ", ".join(f"{n} {kind}" for kind, n in summary["country"]["centers"].items())
        + ")",
        f"Races: {summary['country']['ballots']} ballots, "
        f"{summary['country']['candidates']:,} candidates, "
        f"{summary['country']['seats']['general']} general + "
        f"{summary['country']['seats']['women']} women's seats",
        "",
        f"Register: {reg['records']:,} civil-registry records validated, "
        f"{reg['accepted']:,} accepted, {reg['records'] - reg['accepted']} refused",
    ]
    for code, count in reg["refused"].items():
        lines.append(f"  {count:>6} x {code}")
    lines.append(
        f"  eligibility on polling day ({summary['as_of']['eligibility']}): "
        f"{reg['too_young']:,} under 18, "
        f"{reg['blocked']:,} blocked; {reg['on_roll']:,} voters on the rolls"
    )
    st = summary["stations"]
    lines.append(
        f"Stations: {st['total']:,} allocated ("
        + ", ".join(f"{n:,} {g}" for g, n in st["by_gender"].items())
        + f"), {st['out_of_country']} of them out of country; {st['registrants']:,} registrants"
        " (copy centres share their original's roll)"
    )
    lines.append("")
    lines.append(
        f"Result forms: {forms['printed']:,} printed, "
        + ", ".join(f"{n} {kind}" for kind, n in forms["injected"].items())
        + " injected"
    )
    lines.append(
        "  after the life cycle: "
        + ", ".join(f"{n:,} {state}" for state, n in forms["states"].items())
    )
    total_votes = tally_["valid"] + tally_["invalid"]
    lines.append(
        f"Tally: {tally_['forms_counted']:,} forms counted, {tally_['valid']:,} valid and "
        f"{tally_['invalid']:,} invalid votes ({_percent(tally_['invalid'], total_votes)} "
        f"invalid); with quarantined forms {tally_['valid_with_quarantine']:,} valid"
    )
    lines.append(
        "  by region: "
        + ", ".join(f"{region} {votes:,}" for region, votes in tally_["regions"].items())
    )
    seats = summary["seats"]
    lines.append("")
    lines.append(
        f"Winners: {len(seats['winners'])} elected in {seats['races']} races ({seats['rules']})"
    )
    by_race: dict[str, list[Mapping[str, Any]]] = {}
    for winner in seats["winners"]:
        by_race.setdefault(winner["race"], []).append(winner)
    shown = list(by_race.items())
    for race, group in shown[:8]:
        people = "; ".join(f"{w['name']} ({w['votes']:,})" for w in group)
        lines.append(f"  {race}: {people}")
    if len(shown) > 8:
        lines.append(f"  ... and {len(shown) - 8} more races (winners.csv)")
    for tie in seats["ties"]:
        lines.append(
            f"  TIE in {tie['race']}: {'; '.join(tie['names'])} for {tie['seats']} seat(s)"
        )
        if tie["draw"]:
            lines.append(f"    broken by lot ({tie['draw']}): {'; '.join(tie['drawn'])}")
        else:
            lines.append("    to be drawn by lot (Law 12/2014 Art. 3)")
    lines.append("")
    lines.append("Time per stage:")
    for stage, seconds in summary["timings"].items():
        lines.append(f"  {stage:<10} {seconds:7.2f} s")
    if summary["output"]:
        lines.append("")
        lines.append(f"Files written to {summary['output']}/")
    return lines


def _demo_files(election: SyntheticElection, summary: Mapping[str, Any]) -> dict[str, Content]:
    """Every file of the demo, by path in the output folder."""
    from electoral.formats.smartelect import write_centers as export_centers_csv
    from electoral.formats.smartelect import write_station_metadata as station_metadata_csv
    from electoral.formats.tallyho import (
        write_ballots,
        write_candidates,
        write_centers,
        write_result_forms,
        write_results_export,
        write_stations,
        write_subconstituencies,
        write_subconstituency_ballots,
    )
    from electoral.results import results_rows

    country = election.country
    setup = election.setup
    ballots = list(country.ballots)
    candidates, order = write_candidates(country.candidates, ballots=ballots)
    return {
        "tally-setup/ballots.csv": write_ballots(ballots),
        "tally-setup/sub_constituencies.csv": write_subconstituencies(
            country.subconstituencies, country.constituencies, ballots
        ),
        "tally-setup/sub_constituency_ballots.csv": write_subconstituency_ballots(ballots),
        "tally-setup/centers.csv": write_centers(
            _results_system_centers(country),
            offices=country.offices,
            constituencies=country.constituencies,
        ),
        "tally-setup/stations.csv": write_stations(
            election.allocation.stations, centers=country.centers
        ),
        "tally-setup/candidates.csv": candidates,
        "tally-setup/ballot_order.csv": order,
        "tally-setup/result_forms.csv": write_result_forms(
            [f.form for f in election.forms], setup=setup
        ),
        "results.csv": write_results_export(results_rows(election.records.values(), setup)),
        "registration/centers.csv": export_centers_csv(
            [c for c in country.centers if c.center_type is not CenterType.SPECIAL],
            offices={o.id: o for o in country.offices},
            constituencies={c.id: c for c in country.constituencies},
            subconstituencies={s.id: s for s in country.subconstituencies},
        ),
        "registration/civil_registry.sql": lambda handle: _write_registry(election, handle),
        "registration/registrations.csv": lambda handle: _write_registrations(election, handle),
        "registration/station_metadata.csv": station_metadata_csv(
            election.allocation.plans.values(),
            centers={c.center_id: c for c in country.centers},
            constituencies={c.id: c for c in country.constituencies},
            subconstituencies={s.id: s for s in country.subconstituencies},
            generated_at=country.election.polling_start,
        ),
        "winners.csv": csv_text(
            _WINNER_COLUMNS, ([w[c] for c in _WINNER_COLUMNS] for w in summary["seats"]["winners"])
        ),
        "summary.json": dump_json(summary),
    }


_WINNER_COLUMNS = ("race", "kind", "ballot", "candidate_id", "name", "votes", "seats", "by_lot")


def _write_registry(election: SyntheticElection, handle: TextIO) -> None:
    """The civil registry as the CRA delivers it (an SQL dump of ``VALUES(`` lines).

    Only the records the registry rules accepted are written: the register as it was
    imported, so that ``electoral stations`` can read it whole.
    """
    from electoral.formats.smartelect import record_to_dump_line
    from electoral.registration import REGISTRY_COLUMNS

    handle.write(f"INSERT INTO T_PERSONAL_DATA({','.join(REGISTRY_COLUMNS)})\n")
    lines = []
    for r in election.register_check.records:
        texts = (r.first_name, r.father_name, r.grandfather_name, r.family_name, r.mother_name)
        if "'" in "".join(texts) + r.address:  # pragma: no cover - the generator makes none
            lines.append(record_to_dump_line(r))
        else:
            born = r.date_of_birth
            lines.append(
                f"VALUES({r.civil_registry_id}, '{r.first_name}', '{r.father_name}', "
                f"'{r.grandfather_name}', '{r.family_name}', '{r.mother_name}', "
                f"{r.gender_code}, '{born.day}/{born.month}/{born.year}', '{r.address}', "
                f"'{r.national_id}', '{r.fbr_number}', {r.office_id}, {r.branch_id}, "
                f"{r.state});"
            )
        if len(lines) == 10_000:
            handle.write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        handle.write("\n".join(lines) + "\n")


def _write_registrations(election: SyntheticElection, handle: TextIO) -> None:
    """Each accepted voter's registration centre (``national_id,center_id``).

    Blocked voters are left out: the roll excludes them, and this file has no column
    for blocking.
    """
    register = election.register
    blocked = register.blocked
    handle.write("national_id,center_id\n")
    lines = []
    for r in election.register_check.records:
        if r.civil_registry_id not in blocked:
            lines.append(f"{r.national_id},{register.center_of(r.civil_registry_id)}")
        if len(lines) == 10_000:
            handle.write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        handle.write("\n".join(lines) + "\n")


def _results_system_centers(country: Country) -> list[Center]:
    """Centres as the results system knows them: it has no split centres.

    A split centre (sub-constituency 998) is written as a general centre of its
    first sub-constituency; its stations keep their own sub-constituency in the
    stations file, which is what the results system reads for each form.
    """
    import attrs

    out = []
    for center in country.centers:
        pair = country.split_subconstituencies.get(center.center_id)
        if pair is not None:
            center = attrs.evolve(
                center, center_type=CenterType.GENERAL, subconstituency_id=pair[0]
            )
        out.append(center)
    return out


COMMAND = Command(
    name="demo",
    summary="run a synthetic national election end to end",
    description=__doc__.split("\n", 2)[2].strip() if __doc__ else "",
    configure=_configure,
    run=_run,
)
"""``electoral demo``."""
