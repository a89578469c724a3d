"""``electoral audit plan RESULTS --races RACES --risk-limit A --seed DIGITS --output DIR``.

Plans the first round of a risk-limiting audit of every race of the published
per-form results (:func:`electoral.audit.plan_audit`): the assertions of each race's
outcome, the round's draws from the public seed, and the stations to recount. It
writes, in ``--output`` and as one set: ``plan.json`` (for ``electoral audit
evaluate``), ``draws.csv`` (the stations to pull, in draw order) and
``hand-counts.csv`` (the sheet the counting teams fill in). A race whose published
result holds a tie needs the drawing of lots that broke it (``--lots``); without it
nothing is written and the exit code is 3.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from typing import Any

from electoral.cli._atomic import OutputFolder
from electoral.cli._command import (
    EXIT_DATA,
    EXIT_DECISION,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Command,
    Context,
    DataError,
    Outcome,
    UsageError,
)
from electoral.cli._files import Input, lines, read_text
from electoral.cli._inputs import INPUT_FORMATS
from electoral.cli._output import phrase
from electoral.errors import ErrorCollector, InvalidFormat, ValidationError, ValidationErrors

__all__ = ["COMMAND"]

RACES_FORMAT = (
    "--races: CSV with the columns ballot (the results export's ballot number), race, rule "
    "(plurality, block_vote, two_round, two_round:fifty_percent_plus_one, "
    "two_round:always_runoff, dhondt, sainte_lague, modified_sainte_lague or hare), seats, "
    "and optionally threshold (a fraction such as 0.05) and kind (general, women...)"
)


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("results", help="the results system's per-form results export")
    parser.add_argument("--races", required=True, help="which ballot is which race, and its rule")
    parser.add_argument("--risk-limit", required=True, help="alpha, exact: 0.05 or 1/20")
    parser.add_argument("--seed", required=True, help="20 to 256 decimal digits rolled in public")
    parser.add_argument(
        "--method",
        choices=("batch_comparison", "ballot_polling"),
        default="batch_comparison",
        help="recount whole stations against their forms, or read single ballots",
    )
    parser.add_argument(
        "--sampling",
        choices=("ppeb", "uniform"),
        help="stations in proportion to their error bound (default) or uniformly",
    )
    parser.add_argument(
        "--expected-overstatement",
        type=_count,
        default=0,
        help="votes of overstatement to allow for per sampled station (default 0)",
    )
    parser.add_argument(
        "--lots",
        action="append",
        default=[],
        metavar="RACE=NAME,NAME",
        help="the drawing of lots of a race whose result holds a tie, names in the order drawn",
    )
    parser.add_argument("--output", required=True, help="folder for the plan and the sheets")


def _count(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of votes")
    return int(text)


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
        try:
            found[race.strip()] = DrawingOfLots(order=tuple(n.strip() for n in names.split(",")))
        except ValidationError as error:
            raise UsageError(error) from None
    return found


def stream(source: Input) -> Iterator[str]:
    """The lines of a large file, read one at a time, with their line ends."""
    return (line + "\n" for _number, line in lines(source))


def summarise(plans: Sequence[Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """Text lines and JSON members describing ``plans``, one per race."""
    text, races = [], []
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
            what = f"confirmed: {plan.reason}"
        text.append(f"{plan.contest.id}: {what}")
    return text, races


def round_files(plans: Sequence[Any]) -> dict[str, str]:
    """``plan.json``, ``draws.csv`` and ``hand-counts.csv`` of ``plans``."""
    from electoral.audit import hand_count_sheet, plans_json, write_draws

    return {
        "plan.json": plans_json(plans),
        "draws.csv": write_draws(plans),
        "hand-counts.csv": hand_count_sheet(plans),
    }


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    from electoral.audit import check_risk_limit, check_seed, plan_audit, read_races, read_results

    try:
        alpha = check_risk_limit(args.risk_limit)
        seed = check_seed(args.seed)
    except ValidationError as error:
        raise UsageError(error) from None
    lots = _lots(args.lots)
    results = Input.named(args.results, "results")
    races_file = Input.named(args.races, "races")
    folder = OutputFolder(args.output, command="audit plan")
    folder.check_inputs(results.path, races_file.path)
    folder.prepare()
    try:
        races = read_races(iter(read_text(races_file).splitlines(keepends=True)))
        contests = read_results(stream(results), races, lots=lots)
    except ValidationErrors as group:
        raise DataError(group.errors) from None
    problems = ErrorCollector("audit plan")
    ties = ErrorCollector("audit plan")
    plans = []
    progress = context.progress()
    progress.start("races", total=len(contests), unit="races")
    for done, contest in enumerate(contests, start=1):
        progress.update(done)
        try:
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
        except ValidationError as error:
            target = ties if error.code == "audit.unresolved_tie" else problems
            target.add(error, f"race {contest.id}")
    progress.clear()
    if problems:
        raise DataError(problems.errors)
    data: dict[str, Any] = {"risk_limit": str(alpha), "seed": seed, "method": args.method}
    if ties:
        text = [f"{e.location}: {e.message(context.language)}" for e in ties.errors]
        text.append("nothing was written: pass --lots RACE=NAME,NAME with each drawing")
        return Outcome(
            text="\n".join(text) + "\n",
            data={**data, "races": [], "output": None},
            exit_code=EXIT_DECISION,
            problems=ties.errors,
        )
    folder.commit(round_files(plans))
    text, races_data = summarise(plans)
    header = f"risk limit {alpha}, seed {seed}: {len(plans)} races"
    return Outcome(
        text="\n".join([header, *text, phrase("written", context.language, path=args.output)])
        + "\n",
        data={**data, "races": races_data, "output": str(args.output)},
    )


COMMAND = Command(
    name="audit plan",
    summary="plan a risk-limiting audit: the stations to recount by hand",
    description=__doc__.split("\n", 2)[2].strip() if __doc__ else "",
    configure=_configure,
    run=_run,
    inputs=(INPUT_FORMATS["results"], RACES_FORMAT),
    exit_codes=(EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_DECISION, EXIT_INTERRUPTED),
    group_summary="risk-limiting audits of published results",
)
"""``electoral audit plan``."""
