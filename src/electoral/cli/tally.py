"""``electoral tally RESULTS --setup DIR``: the totals of a results export, by ballot."""

from __future__ import annotations

import argparse
import pathlib
from typing import Any

from electoral.cli._command import Command, Context, DataError, Outcome
from electoral.cli._inputs import read_result_records, read_setup
from electoral.errors import ValidationError

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("results", help="the results export CSV (results.csv)")
    parser.add_argument("--setup", required=True, help="tally setup folder")
    parser.add_argument("--top", type=int, default=3, help="candidates shown per ballot")


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    from electoral.results import tally

    setup = read_setup(pathlib.Path(args.setup))
    records = read_result_records(pathlib.Path(args.results))
    try:
        result = tally(records, setup)
    except ValidationError as error:
        raise DataError([error]) from None
    names = {c.key: c.name_ar for group in setup.candidates.values() for c in group}
    report: dict[str, Any] = {
        "forms": result.national.forms,
        "valid": result.national.valid,
        "invalid": result.national.invalid,
        "ballots": {
            str(number): {
                "valid": totals.valid,
                "invalid": totals.invalid,
                "forms": totals.forms,
                "ranking": [
                    {"candidate_id": key[1], "name": names.get(key, ""), "votes": votes}
                    for key, votes in totals.ranking()
                ],
            }
            for number, totals in sorted(result.ballot.items())
        },
    }
    lines = [
        f"{report['forms']:,} forms: {report['valid']:,} valid and "
        f"{report['invalid']:,} invalid votes"
    ]
    for number, totals in report["ballots"].items():
        top = ", ".join(f"{c['name']} {c['votes']:,}" for c in totals["ranking"][: args.top])
        lines.append(f"  ballot {number}: {totals['valid']:,} valid; {top}")
    return Outcome(text="\n".join(lines) + "\n", data=report)


COMMAND = Command(
    name="tally",
    summary="totals of a results export, by ballot",
    configure=_configure,
    run=_run,
)
"""``electoral tally``."""
