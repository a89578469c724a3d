"""``electoral convert KIND INPUT OUTPUT --to FORMAT``: between the systems' formats and JSON.

Kinds and their formats (every pair of one kind converts, both ways):

* ``centers``: ``smartelect`` (the registration system's centres upload CSV),
  ``tallyho`` (the results system's centres file), ``json``;
* ``citizens``: ``sql`` (the civil registry's dump of ``VALUES(`` lines), ``csv``
  (its CSV form), ``json``; the import day (``--as-of``) is shown;
* ``result-forms``: ``tallyho`` (the results system's result-forms file, read and
  written with ``--setup DIR``), ``json``.

The input's format is recognised from its content (``--from`` names it). Names
travel with the records: a centre keeps its office, region, constituency and
sub-constituency names in every format. A conversion that would lose a value,
or make one up, is refused, naming the field and the records, unless
``--allow-loss`` is given (the losses are then listed in the report). The output
is written atomically, and may not be the input itself (a hard link to it
neither).
"""

from __future__ import annotations

import argparse
import pathlib
from typing import Any

from electoral.cli._args import date
from electoral.cli._atomic import check_not_input, write_file
from electoral.cli._command import Command, Context, DataError, Outcome, UsageError
from electoral.cli._conversions import Options, formats, losses, writable
from electoral.cli._files import Input
from electoral.cli._inputs import INPUT_FORMATS, detect_format, load_setup
from electoral.cli._output import describe, phrase
from electoral.errors import InvalidFormat, MissingValue

__all__ = ["COMMAND"]

_KINDS = ("centers", "citizens", "result-forms")
_NAMES = ("smartelect", "tallyho", "sql", "csv", "json")


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=_KINDS, help="what the file holds")
    parser.add_argument("input", help="the file to convert")
    parser.add_argument("output", help="the file to write (never the input)")
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=_NAMES,
        help="the input's format (default: recognised from its content)",
    )
    parser.add_argument(
        "--to", dest="target_format", required=True, choices=_NAMES, help="the output's format"
    )
    parser.add_argument(
        "--as-of",
        type=date,
        help="citizens: the import day, YYYY-MM-DD (no one born after it; default today)",
    )
    parser.add_argument("--setup", help="result forms: the tally setup folder")
    parser.add_argument(
        "--allow-loss",
        action="store_true",
        help="convert even if values would be lost or made up (they are listed)",
    )


def _pairs() -> str:
    return "; ".join(
        f"{kind} {a}->{b}"
        for kind in _KINDS
        for (k, a) in formats()
        if k == kind
        for (k2, b) in formats()
        if k2 == kind and b != a
    )


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    kind = args.kind
    source = Input.named(args.input, "input")
    target_path = pathlib.Path(args.output)
    check_not_input(target_path, source.path)
    fmt = detect_format(source, kind, args.source_format)
    target = formats().get((kind, args.target_format))
    if target is None or args.target_format == fmt:
        raise UsageError(
            InvalidFormat(
                "cli.convert_unsupported",
                field="to",
                value=f"{kind} {fmt}->{args.target_format}",
                supported=_pairs(),
            )
        )
    setup = None
    if kind == "result-forms":
        if not args.setup:
            raise UsageError(MissingValue("cli.setup_required", field="setup"))
        setup = load_setup(args.setup)
    data: dict[str, Any] = {"kind": kind, "from": fmt, "to": target.name}
    as_of = None
    if kind == "citizens":
        as_of = args.as_of or context.now()
        data["as_of"] = as_of.to_date_string()
    options = Options(setup=setup, as_of=as_of, progress=context.progress())
    read = formats()[(kind, fmt)].read(source, options)
    lost = losses(read, target)
    data["lost"] = [
        {"what": loss.what, "how": loss.how, "count": len(loss.where)} for loss in lost
    ]
    if lost and not args.allow_loss:
        refused = MissingValue("cli.convert_refused", field="allow_loss")
        raise DataError([*(loss.error() for loss in lost), refused], data)
    records = writable(read.records, target)
    write_file(target_path, target.write(records, options))
    data.update(records=len(records), output=str(target_path))
    language = context.language
    lines = [phrase("converted", language, count=len(records), kind=kind, path=target_path)]
    if as_of is not None:
        lines.append(phrase("as_of", language, day=data["as_of"]))
    lines.extend(phrase("lost", language, what=describe(loss.error(), language)) for loss in lost)
    return Outcome(text="\n".join(lines) + "\n", data=data)


COMMAND = Command(
    name="convert",
    summary="convert between the systems' formats and JSON",
    description=__doc__.split("\n", 2)[2].strip() if __doc__ else "",
    configure=_configure,
    run=_run,
    inputs=tuple(
        INPUT_FORMATS[k] for k in ("convert-centers", "convert-citizens", "convert-result-forms")
    ),
)
"""``electoral convert``."""
