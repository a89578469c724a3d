"""``electoral validate KIND FILE``: every problem of a file, with its line and code."""

from __future__ import annotations

import argparse
import io
import pathlib

from electoral.cli._args import date
from electoral.cli._command import (
    EXIT_DATA,
    Command,
    Context,
    DataError,
    Outcome,
    UsageError,
)
from electoral.cli._inputs import (
    load_centers,
    load_citizens,
    load_registrations,
    read_setup,
    read_text,
)
from electoral.errors import MissingValue, ValidationErrors

__all__ = ["COMMAND"]

KINDS = ("centers", "citizens", "registrations", "result-forms")


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=KINDS, help="what the file holds")
    parser.add_argument("file", help="the file to check")
    parser.add_argument("--setup", help="tally setup folder (result forms)")
    parser.add_argument("--centers", help="centres CSV the registrations must refer to")
    parser.add_argument("--as-of", type=date, help="the import day (citizens; default today)")


def _count(args: argparse.Namespace, path: pathlib.Path, context: Context) -> int:
    kind = args.kind
    if kind == "centers":
        return len(load_centers(path))
    if kind == "citizens":
        return len(load_citizens(path, args.as_of or context.now()))
    if kind == "registrations":
        known = None
        if args.centers:
            known = {c.center_id for c in load_centers(pathlib.Path(args.centers))}
        return len(load_registrations(path, known))
    if not args.setup:
        raise UsageError(MissingValue("cli.setup_required", field="setup"))
    from electoral.formats.tallyho import read_result_forms

    setup = read_setup(pathlib.Path(args.setup))
    text = read_text(path, "result_forms")
    try:
        return len(read_result_forms(io.StringIO(text), setup=setup))
    except ValidationErrors as group:
        raise DataError(group.errors) from None


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    path = pathlib.Path(args.file)
    kind = args.kind
    try:
        count = _count(args, path, context)
    except DataError as problems:
        return Outcome(
            text=f"{path}: {len(problems.errors)} problem(s); nothing accepted.\n",
            data={"kind": kind, "file": str(path), "valid": False},
            exit_code=EXIT_DATA,
            problems=problems.errors,
        )
    return Outcome(
        text=f"{path}: {count} {kind} record(s), no problems.\n",
        data={"kind": kind, "file": str(path), "valid": True, "records": count},
    )


COMMAND = Command(
    name="validate",
    summary="report every problem of a file, with line and code",
    configure=_configure,
    run=_run,
)
"""``electoral validate``."""
