"""``electoral validate KIND FILE``: every problem of a file, with its line and code.

The problems are the report: they are printed on stdout (or listed in the JSON
document), and the exit code is 1 when there is any. The file's format is
recognised from its content (``--format`` names it): a civil-registry file may be
the CRA's SQL dump (``VALUES(`` lines) or its CSV.
"""

from __future__ import annotations

import argparse
from typing import Any

from electoral.cli._args import date
from electoral.cli._civil_registry import read_registry
from electoral.cli._command import EXIT_DATA, Command, Context, DataError, Outcome, UsageError
from electoral.cli._files import Input
from electoral.cli._inputs import (
    INPUT_FORMATS,
    detect_format,
    load_centers,
    load_registrations,
    load_result_forms,
    load_results_export,
    load_setup,
)
from electoral.cli._output import phrase
from electoral.errors import MissingValue

__all__ = ["COMMAND"]

KINDS = ("centers", "citizens", "registrations", "result-forms", "results")


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "kind",
        choices=KINDS,
        help="what the file holds: centres (registration system), citizens (civil registry), "
        "registrations, result-forms or results (the results system's export)",
    )
    parser.add_argument("file", help="the file to check")
    parser.add_argument(
        "--format",
        choices=("smartelect", "tallyho", "sql", "csv", "json"),
        help="the file's format (default: recognised from its content)",
    )
    parser.add_argument("--setup", help="tally setup folder (result forms)")
    parser.add_argument("--centers", help="centres CSV the registrations must refer to")
    parser.add_argument(
        "--as-of",
        type=date,
        help="the import day, YYYY-MM-DD (citizens: no one born after it; default today)",
    )


def _check(args: argparse.Namespace, source: Input, context: Context, data: dict[str, Any]) -> int:
    """Read the file with its kind's rules; return the records read (raise DataError)."""
    kind = args.kind
    if kind == "citizens":
        fmt = detect_format(source, kind, args.format)
        as_of = args.as_of or context.now()
        data.update(format=fmt, as_of=as_of.to_date_string())
        registry = read_registry(source, fmt, as_of=as_of, keep=False, progress=context.progress())
        if registry.problems:
            raise DataError(registry.problems)
        return registry.count
    if kind == "result-forms" and not args.setup:
        raise UsageError(MissingValue("cli.setup_required", field="setup"))
    fmt = detect_format(source, kind, args.format)
    data["format"] = fmt
    if kind == "centers":
        if fmt == "smartelect":
            return len(load_centers(source))
        from electoral.cli._conversions import Options, formats

        return len(formats()[(kind, fmt)].read(source, Options()).records)
    if kind == "registrations":
        known = None
        if args.centers:
            known = {c.center_id for c in load_centers(Input.named(args.centers, "centers"))}
        return len(load_registrations(source, known, context.progress()))
    if kind == "results":
        return len(load_results_export(source))
    setup = load_setup(args.setup)
    return len(load_result_forms(source, setup))


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    source = Input.named(args.file, "file")
    language = context.language
    data: dict[str, Any] = {"kind": args.kind, "file": str(source.path)}
    try:
        count = _check(args, source, context, data)
    except DataError as problems:
        data.update(valid=False, records=None)
        lines = [phrase("invalid", language, file=source.path, count=len(problems.errors))]
        if "as_of" in data:
            lines.append(phrase("as_of", language, day=data["as_of"]))
        return Outcome(
            text="\n".join(lines) + "\n",
            data=data,
            exit_code=EXIT_DATA,
            problems=problems.errors,
        )
    data.update(valid=True, records=count)
    lines = [phrase("valid", language, file=source.path, count=count, kind=args.kind)]
    if "as_of" in data:
        lines.append(phrase("as_of", language, day=data["as_of"]))
    return Outcome(text="\n".join(lines) + "\n", data=data)


COMMAND = Command(
    name="validate",
    summary="report every problem of a file, with line and code",
    description=__doc__.split("\n", 2)[2].strip() if __doc__ else "",
    configure=_configure,
    run=_run,
    inputs=tuple(
        INPUT_FORMATS[k]
        for k in (
            "convert-centers",
            "citizens",
            "registrations",
            "result-forms",
            "results",
            "setup",
        )
    ),
)
"""``electoral validate``."""
