"""``electoral tally RESULTS --setup DIR``: the totals of a results export, by ballot.

Reads the results system's per-form results export and its tally setup folder,
builds each form's final entries and counts them with :func:`electoral.results.tally`:
national totals, and every ballot's valid and invalid votes with its candidates
ranked. ``--output DIR`` writes each ballot's votes as ``ballot-N.csv``
(``candidate,votes``), the input of ``electoral seats``, as one set.
"""

from __future__ import annotations

import argparse
import pathlib
from typing import Any

from electoral.cli._atomic import OutputFolder
from electoral.cli._command import Command, Context, DataError, Outcome
from electoral.cli._files import Input
from electoral.cli._inputs import INPUT_FORMATS, load_result_records, load_setup
from electoral.cli._output import phrase, votes_csv
from electoral.errors import ValidationError

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("results", help="the results system's results export (results.csv)")
    parser.add_argument("--setup", required=True, help="the tally setup folder")
    parser.add_argument(
        "--top", type=_positive, default=3, help="candidates shown per ballot (default 3)"
    )
    parser.add_argument(
        "--output", help="folder to write each ballot's votes into (ballot-N.csv), as one set"
    )


def _positive(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) < 10_000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1 to 9999")
    return int(text)


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    from electoral.results import tally

    source = Input.named(args.results, "results")
    folder = None
    if args.output:
        folder = OutputFolder(args.output, command="tally")
        folder.check_inputs(source.path, pathlib.Path(args.setup))
        folder.prepare()
    setup = load_setup(args.setup)
    records = load_result_records(source, context.progress())
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
        "output": None if folder is None else str(args.output),
    }
    lines = [
        f"{report['forms']:,} forms: {report['valid']:,} valid and "
        f"{report['invalid']:,} invalid votes"
    ]
    for number, totals in report["ballots"].items():
        top = ", ".join(f"{c['name']} {c['votes']:,}" for c in totals["ranking"][: args.top])
        lines.append(f"  ballot {number}: {totals['valid']:,} valid; {top}")
    if folder is not None:
        folder.commit(
            {
                f"ballot-{number}.csv": votes_csv(
                    (f"{c['candidate_id']} {c['name']}".strip(), c["votes"])
                    for c in totals["ranking"]
                )
                for number, totals in report["ballots"].items()
            }
        )
        lines.append(phrase("written", context.language, path=args.output))
    return Outcome(text="\n".join(lines) + "\n", data=report)


COMMAND = Command(
    name="tally",
    summary="totals of a results export, by ballot",
    description=__doc__.split("\n", 2)[2].strip() if __doc__ else "",
    configure=_configure,
    run=_run,
    inputs=tuple(INPUT_FORMATS[k] for k in ("results", "setup")),
)
"""``electoral tally``."""
