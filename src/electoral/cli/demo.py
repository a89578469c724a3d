"""``electoral demo``: a synthetic national election, end to end.

It generates a seeded, Libya-shaped election (:mod:`electoral.synthetic`), runs it
through every chapter of the library (register validation, eligibility, rolls and
stations, the results life cycle, the tally, the winners of every race), prints a
summary with the time of each stage and writes the files of both existing systems
into ``--output``.
"""

from __future__ import annotations

import argparse
import csv
import io
import pathlib
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from electoral import __version__
from electoral.cli._args import fraction
from electoral.cli._atomic import write_atomic, write_error
from electoral.cli._command import Command, Context, Outcome, UsageError
from electoral.cli._output import describe, dump_json
from electoral.cli._progress import Progress
from electoral.model import Center, CenterType

if TYPE_CHECKING:
    from electoral.synthetic import Country, SyntheticElection

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    from electoral.synthetic import PRESETS

    parser.add_argument(
        "--size",
        choices=sorted(PRESETS),
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
    parser.add_argument("--quiet", action="store_true", help="no progress indicator")


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    from electoral import synthetic

    err = context.err
    size = synthetic.Size.named(args.size)
    output = pathlib.Path(args.output)
    if not args.no_files:  # refuse an unusable folder now, not after a minute of work
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(write_error(output, error)) from None
    progress = Progress(err, enabled=not args.quiet)

    def stage_done(stage: str, seconds: float) -> None:
        progress.clear()
        if not args.json and not args.quiet and err.isatty():
            err.write(f"{stage:<10} done in {seconds:6.2f} s\n")

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
    if not args.no_files:
        _write_demo_files(election, output, summary)
    summary["timings"]["write"] = time.perf_counter() - write_began
    summary["timings"]["total"] = time.perf_counter() - began
    summary["output"] = None if args.no_files else str(output)
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
    return {
        "electoral": __version__,
        "size": election.size.name,
        "seed": election.seed,
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
        f"  eligibility on polling day: {reg['too_young']:,} under 18, "
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


def _write_demo_files(
    election: SyntheticElection, output: pathlib.Path, summary: Mapping[str, Any]
) -> None:
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
    files = {
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
        "registration/station_metadata.csv": station_metadata_csv(
            election.allocation.plans.values(),
            centers={c.center_id: c for c in country.centers},
            constituencies={c.id: c for c in country.constituencies},
            subconstituencies={s.id: s for s in country.subconstituencies},
            generated_at=country.election.polling_start,
        ),
        "winners.csv": _winners_csv(summary["seats"]["winners"]),
        "summary.json": dump_json(summary),
    }
    for name, text in files.items():
        write_atomic(output / name, text)


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


def _winners_csv(winners: Iterable[Mapping[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = ("race", "kind", "ballot", "candidate_id", "name", "votes", "seats", "by_lot")
    writer.writerow(columns)
    for winner in winners:
        writer.writerow([winner[c] for c in columns])
    return buffer.getvalue()


COMMAND = Command(
    name="demo",
    summary="run a synthetic national election end to end",
    configure=_configure,
    run=_run,
)
"""``electoral demo``."""
