"""``electoral audit plan RESULTS --races RACES --risk-limit A --seed DIGITS``: the first round.

Reads the published per-form results and the races file, plans a risk-limiting
audit of every race (:func:`electoral.audit.plan_audit`), and writes, in
``--output``: ``plan.json`` (for ``electoral audit evaluate``), ``draws.csv`` (the
stations to pull, in draw order) and ``hand-counts.csv`` (the sheet the counting
teams fill in). The report gives each race's status, draws and stations to pull.
"""

from __future__ import annotations

import argparse
import io
import pathlib
from collections.abc import Sequence
from typing import Any

from electoral.cli._atomic import write_atomic
from electoral.cli._command import Command, Context, DataError, Outcome, UsageError
from electoral.cli._inputs import read_text
from electoral.errors import ErrorCollector, InvalidFormat, ValidationError, ValidationErrors

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("results", help="the results export CSV (one row per form and candidate)")
    parser.add_argument("--races", required=True, help="CSV: ballot,race,rule,seats[,threshold]")
    parser.add_argument("--risk-limit", required=True, help="alpha, exact: 0.05 or 1/20")
    parser.add_argument("--seed", required=True, help="20 to 256 decimal digits, rolled in public")
    parser.add_argument(
        "--method", choices=("batch_comparison", "ballot_polling"), default="batch_comparison"
    )
    parser.add_argument("--sampling", choices=("ppeb", "uniform"), help="batch comparison only")
    parser.add_argument(
        "--expected-overstatement",
        type=int,
        default=0,
        help="votes of overstatement to allow for per sampled station (default 0)",
    )
    parser.add_argument(
        "--lots",
        action="append",
        default=[],
        metavar="RACE=NAME,NAME",
        help="the drawing of lots of a race whose result holds a tie, in the order drawn",
    )
    parser.add_argument("--output", required=True, help="folder for plan.json and the sheets")


def _lots(entries: Sequence[str]) -> dict[str, Any]:
    from electoral.seats import DrawingOfLots

    found: dict[str, Any] = {}
    for entry in entries:
        race, sep, names = entry.partition("=")
        if not sep or not race.strip() or not names.strip():
            raise UsageError(
                InvalidFormat(
                    "cli.usage", field="lots", value=entry, reason="--lots wants RACE=NAME,NAME"
                )
            )
        found[race.strip()] = DrawingOfLots(order=tuple(n.strip() for n in names.split(",")))
    return found


def _summarise(plans: Sequence[Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """Text lines and JSON members describing ``plans``, one per race."""
    lines, races = [], []
    for plan in plans:
        races.append(
            {
                "race": plan.contest.id,
                "status": plan.status,
                "round": len(plan.rounds),
                "draws": plan.sample_size,
                "to_count": list(plan.to_count),
                "batches": len(plan.contest.batches),
                "reason": plan.reason,
            }
        )
        if plan.status == "sampling":
            what = f"{plan.sample_size} draws, {len(plan.to_count)} stations to count"
        elif plan.status == "full_hand_count":
            what = f"full hand count of {len(plan.to_count)} stations ({plan.reason})"
        else:
            what = plan.reason
        lines.append(f"{plan.contest.id}: {what}")
    return lines, races


def _write_round(folder: pathlib.Path, plans: Sequence[Any]) -> list[str]:
    """Write ``plan.json``, ``draws.csv`` and ``hand-counts.csv``; their names."""
    from electoral.audit import hand_count_sheet, plans_json, write_draws

    files = {
        "plan.json": plans_json(plans),
        "draws.csv": write_draws(plans),
        "hand-counts.csv": hand_count_sheet(plans),
    }
    for name, text in files.items():
        write_atomic(folder / name, text)
    return list(files)


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    from electoral.audit import check_risk_limit, check_seed, plan_audit, read_races, read_results

    try:
        alpha = check_risk_limit(args.risk_limit)
        seed = check_seed(args.seed)
    except ValidationError as error:
        raise UsageError(error) from None
    lots = _lots(args.lots)
    races_text = read_text(pathlib.Path(args.races), "races")
    results_text = read_text(pathlib.Path(args.results), "results")
    try:
        races = read_races(io.StringIO(races_text, newline=""))
        contests = read_results(io.StringIO(results_text, newline=""), races, lots=lots)
    except ValidationErrors as group:
        raise DataError(group.errors) from None
    collector = ErrorCollector("audit plan")
    plans = []
    for contest in contests:
        with collector.at(f"race {contest.id}"):
            plans.append(
                plan_audit(
                    contest,
                    risk_limit=alpha,
                    seed=seed,
                    method=args.method,
                    sampling=args.sampling,
                    expected_overstatement=args.expected_overstatement,
                )
            )
    if collector:
        raise DataError(collector.errors)
    written = _write_round(pathlib.Path(args.output), plans)
    lines, races_data = _summarise(plans)
    header = f"risk limit {args.risk_limit}, seed {seed}: {len(plans)} races; wrote " + ", ".join(
        written
    )
    return Outcome(
        text="\n".join([header, *lines]) + "\n",
        data={"risk_limit": str(alpha), "seed": seed, "races": races_data, "files": written},
    )


COMMAND = Command(
    name="audit plan",
    summary="plan a risk-limiting audit: the stations to recount by hand",
    configure=_configure,
    run=_run,
    description=(
        "Plan the first round of a risk-limiting audit of every race of published "
        "per-form results: the draws from a public seed and the stations to recount."
    ),
    group_summary="risk-limiting audits of published results",
)
"""``electoral audit plan``."""
