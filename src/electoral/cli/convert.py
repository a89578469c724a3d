"""``electoral convert KIND IN OUT``: between the systems' formats and our JSON."""

from __future__ import annotations

import argparse
import csv
import io
import json
import pathlib
from collections.abc import Iterable, Mapping
from typing import Any, Final

from electoral.cli._args import date
from electoral.cli._atomic import write_atomic
from electoral.cli._command import Command, Context, DataError, Outcome, UsageError
from electoral.cli._inputs import load_centers, load_citizens, read_setup, read_text
from electoral.errors import ErrorCollector, InvalidFormat, MissingValue, ValidationErrors
from electoral.model import Center, Citizen, Gender, ResultForm

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=("centers", "citizens", "result-forms"))
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument(
        "--from",
        dest="source_format",
        required=True,
        choices=("smartelect", "tallyho", "cra", "json"),
    )
    parser.add_argument(
        "--to",
        dest="target_format",
        required=True,
        choices=("smartelect", "tallyho", "cra", "json"),
    )
    parser.add_argument("--as-of", type=date, help="import day for citizens (default today)")
    parser.add_argument("--setup", help="tally setup folder (result forms)")


_CONVERSIONS: Final = (
    ("centers", "smartelect", "json"),
    ("centers", "smartelect", "tallyho"),
    ("centers", "json", "smartelect"),
    ("centers", "json", "tallyho"),
    ("citizens", "cra", "json"),
    ("citizens", "json", "cra"),
    ("result-forms", "tallyho", "json"),
    ("result-forms", "json", "tallyho"),
)
_NOUNS: Final[Mapping[str, type[Any]]] = {
    "centers": Center,
    "citizens": Citizen,
    "result-forms": ResultForm,
}


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    from electoral.serialization import structure, unstructure

    key = (args.kind, args.source_format, args.target_format)
    if key not in _CONVERSIONS:
        supported = "; ".join(f"{k} {a}->{b}" for k, a, b in _CONVERSIONS)
        raise UsageError(
            InvalidFormat(
                "cli.convert_unsupported",
                field="format",
                value=f"{args.kind} {args.source_format}->{args.target_format}",
                supported=supported,
            )
        )
    source = pathlib.Path(args.input)
    target = pathlib.Path(args.output)
    noun = _NOUNS[args.kind]
    setup = None
    if args.kind == "result-forms":
        if not args.setup:
            raise UsageError(MissingValue("cli.setup_required", field="setup"))
        setup = read_setup(pathlib.Path(args.setup))
    if args.source_format == "json":
        text = read_text(source, "input")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise DataError(
                [InvalidFormat("cli.not_json", field="input", value=str(source), reason=error.msg)]
            ) from None
        if not isinstance(data, list):
            raise DataError(
                [
                    InvalidFormat(
                        "cli.not_json", field="input", value=str(source), reason="expected a list"
                    )
                ]
            )
        collector = ErrorCollector(args.kind)
        items: list[Any] = []
        for index, item in enumerate(data):
            with collector.at(f"$[{index}]"):
                items.append(structure(item, noun))
        if collector:
            raise DataError(collector.errors)
    elif args.kind == "centers":
        items = load_centers(source)
    elif setup is not None:
        from electoral.formats.tallyho import read_result_forms

        try:
            items = list(read_result_forms(io.StringIO(read_text(source, "input")), setup=setup))
        except ValidationErrors as group:
            raise DataError(group.errors) from None
    else:
        items = [
            record.to_citizen() for record in load_citizens(source, args.as_of or context.now())
        ]
    if args.target_format == "json":
        text = json.dumps(unstructure(items), ensure_ascii=False, indent=2) + "\n"
    elif args.target_format == "smartelect":
        from electoral.formats.smartelect import write_centers as export_centers_csv

        text = export_centers_csv(items)
    elif setup is not None:
        from electoral.formats.tallyho import write_result_forms

        text = write_result_forms(items, setup=setup)
    elif args.target_format == "tallyho":
        from electoral.formats.tallyho import write_centers
        from electoral.model import Office

        offices = [
            Office(id=i, name_en=f"Office {i}", name_ar=f"مكتب {i}")
            for i in sorted({c.office_id for c in items})
        ]
        text = write_centers(items, offices=offices, constituencies=[])
    else:
        text = _cra_csv(items)
    write_atomic(target, text)
    return Outcome(
        text=f"{len(items)} {args.kind} written to {target}\n",
        data={"kind": args.kind, "records": len(items), "output": str(target)},
    )


def _cra_csv(citizens: Iterable[Citizen]) -> str:
    from electoral.registration import REGISTRY_COLUMNS

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REGISTRY_COLUMNS)
    for c in citizens:
        born = c.birth_date
        writer.writerow(
            (
                c.civil_registry_id,
                c.first_name,
                c.father_name,
                c.grandfather_name,
                c.family_name,
                c.mother_name,
                1 if c.gender is Gender.MALE else 2,
                f"{born.day}/{born.month}/{born.year}",
                c.address,
                c.national_id,
                c.fbr_number,
                0,
                0,
                0,
            )
        )
    return buffer.getvalue()


COMMAND = Command(
    name="convert",
    summary="convert between the systems' formats and JSON",
    configure=_configure,
    run=_run,
)
"""``electoral convert``."""
