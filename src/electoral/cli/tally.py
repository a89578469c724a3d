"""``electoral tally RESULTS --setup DIR``: the totals of a results export, by ballot."""

from __future__ import annotations

import argparse
import io
import pathlib
from typing import Any

from electoral.cli._command import Command, Context, DataError, Outcome
from electoral.cli._inputs import read_setup, read_text
from electoral.errors import ErrorCollector, ValidationError, ValidationErrors
from electoral.model import FormState, ResultForm

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("results", help="the results export CSV (results.csv)")
    parser.add_argument("--setup", required=True, help="tally setup folder")
    parser.add_argument("--top", type=int, default=3, help="candidates shown per ballot")


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    from electoral.formats.tallyho import read_results_export
    from electoral.model import ReconciliationForm
    from electoral.results import (
        EntryVersion,
        FormRecord,
        ReconEntry,
        VoteEntry,
        tally,
    )

    setup = read_setup(pathlib.Path(args.setup))
    path = pathlib.Path(args.results)
    text = read_text(path, "results")
    try:
        rows = read_results_export(io.StringIO(text))
    except ValidationErrors as group:
        raise DataError(group.errors) from None
    forms: dict[str, list[Any]] = {}
    for row in rows:
        forms.setdefault(row.barcode, []).append(row)
    collector = ErrorCollector("results")
    records = []
    for barcode, rows_of_form in forms.items():
        first = rows_of_form[0]
        with collector.at(f"barcode {barcode}"):
            form = ResultForm(
                barcode=barcode,
                ballot_number=first.ballot,
                center_id=first.center,
                station_number=first.station,
                gender=first.gender,
                state=FormState.ARCHIVED,
                is_replacement=False,
            )
            votes = tuple(
                VoteEntry(
                    candidate=(row.ballot, row.candidate_id),
                    votes=row.votes,
                    version=EntryVersion.FINAL,
                )
                for row in rows_of_form
            )
            recons: tuple[ReconEntry, ...] = ()
            if first.invalid_ballots is not None:
                recon = ReconciliationForm(
                    number_of_voters=first.received_ballots_papers or 0,
                    number_of_voter_cards_in_the_ballot_box=first.voter_cards or 0,
                    number_valid_votes=first.valid_votes or 0,
                    number_invalid_votes=first.invalid_ballots,
                    number_sorted_and_counted=first.total_ballot_papers_in_box or 0,
                )
                recons = (ReconEntry(recon=recon, version=EntryVersion.FINAL),)
            records.append(FormRecord(form=form, results=votes, recons=recons))
    if collector:
        raise DataError(collector.errors)
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
