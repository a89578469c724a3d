"""The command line of ``electoral`` (also ``python -m electoral``).

========================================  ===============================================
command                                   what it does
========================================  ===============================================
``electoral demo``                        a synthetic national election end to end:
                                          register, stations, results, tally, winners;
                                          time per stage; files in ``--output``
``electoral validate KIND FILE``          every problem of a file, with line and code
``electoral stations``                    rolls and polling stations from a centres
                                          file, a civil-registry dump and registrations
``electoral tally RESULTS --setup DIR``   totals from a results export
``electoral seats VOTES``                 seats from votes with a named method
``electoral convert KIND IN OUT``         between the registration system's, the
                                          results system's and our JSON formats
``electoral publish FOLDER``              a tally's manifest and per-form file, bound
                                          by a hash tree, in ``--output`` (or from
                                          ``--results`` and ``--setup``)
``electoral verify MANIFEST FORMS``       recompute every node; exit 1 names the first
                                          that disagrees (``--root`` to check the root)
``electoral audit plan RESULTS``          a risk-limiting audit's first round: the
                                          stations to recount, from a public seed
``electoral audit evaluate PLAN``         hand counts in: confirmed, the next round,
                                          or a full hand count
========================================  ===============================================

Conventions (the command line's page of the docs has them all, generated from the
parser): ``--help``, ``--json``, ``--lang`` and ``--quiet`` on every command; ``--json``
prints one JSON document on stdout, also when the command fails (:func:`json_schema`);
the exit codes are :data:`EXIT_CODES` (0 done, 1 problems in the data, 2 bad arguments
or files, 3 a tie that needs a drawing of lots); a problem is written ``code: field:
message @ location``, on stdout for ``validate`` (it is its report), on stderr
otherwise; a file's format is recognised from its content; the day a rule used is
shown; a progress indicator (count, rate, time left) is drawn on stderr only when it
is a terminal; a set of files is written whole (a ``kill -9`` at any moment leaves the
old set or the new one). Nothing here prints a traceback for bad input.

**Adding a command.** Write one module in this package, ``electoral/cli/NAME.py``,
that defines ``COMMAND = Command(name=..., summary=..., configure=..., run=...)``
(:class:`Command`), with ``__all__ = ["COMMAND"]``; then add its module name to
``COMMAND_MODULES`` in ``electoral/cli/_registry.py``. That is all: the parser, the
``--help`` text, the reference page of the docs and the tests of every command pick
it up. ``configure`` adds the command's arguments to its parser (``--json``,
``--lang`` and ``--quiet`` are already there); ``run`` receives the parsed arguments
and a :class:`Context` (streams, language, clock, progress) and returns an
:class:`Outcome` (the text report, the members of the JSON document, the exit code).
It opens files with ``electoral.cli._files.Input.named`` and reads them through the
loaders of ``electoral.cli._inputs``, writes through ``electoral.cli._atomic``
(``write_file``, ``OutputFolder``), and reports bad input by raising
:class:`UsageError` (exit 2) or :class:`DataError` (exit 1) with typed errors. Add its
members to the JSON Schema in ``electoral.cli._schema``. A two-word name
(``"audit plan"``) makes a sub-command of a group (``electoral audit plan``).

>>> main(["seats", "--help"]) == 0  # doctest: +ELLIPSIS
usage: electoral seats ...
True
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any

from electoral.cli import _messages  # noqa: F401 - registers the command line's codes
from electoral.cli._command import (
    EXIT_CODES,
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
from electoral.cli._output import SCHEMA_VERSION, describe, dump_json, envelope, phrase
from electoral.cli._progress import Progress
from electoral.cli._registry import build_parser
from electoral.cli._schema import json_schema
from electoral.errors import Language, ValidationError, ValidationErrors

__all__ = [
    "EXIT_CODES",
    "EXIT_DATA",
    "EXIT_DECISION",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "SCHEMA_VERSION",
    "Command",
    "Context",
    "DataError",
    "Outcome",
    "Progress",
    "UsageError",
    "build_parser",
    "json_schema",
    "main",
]


def _language(argv: Sequence[str]) -> Language:
    """The ``--lang`` in ``argv``, read before parsing so that a parse error honours it."""
    for index, word in enumerate(argv):
        if (word == "--lang" and argv[index + 1 : index + 2] == ["ar"]) or word == "--lang=ar":
            return "ar"
    return "en"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code.

    With ``--json`` exactly one JSON document is printed on stdout, also when the
    command fails (its ``ok`` is then ``false`` and ``problems`` says why).
    """
    words = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in words
    language = _language(words)
    out, err = sys.stdout, sys.stderr
    name: str | None = None

    def fail(code: int, errors: Sequence[ValidationError], data: Mapping[str, Any]) -> int:
        if as_json:
            out.write(dump_json(envelope(name, code, data, errors)))
            return code
        for error in errors:
            err.write(describe(error, language) + "\n")
        if code == EXIT_DATA:
            err.write(phrase("problems", language, count=len(errors)) + "\n")
        elif code == EXIT_INTERRUPTED:
            err.write(phrase("interrupted", language) + "\n")
        return code

    try:
        try:
            args = build_parser().parse_args(words)
        except SystemExit as done:  # --help and --version
            return int(done.code or 0) if not isinstance(done.code, str) else EXIT_USAGE
        command: Command = args.command
        name = command.name
        context = Context(
            out=out, err=err, json=args.json, language=args.lang, quiet=args.quiet or args.json
        )
        outcome = command.run(args, context)
    except UsageError as usage:
        return fail(EXIT_USAGE, usage.errors, {})
    except DataError as problems:
        return fail(EXIT_DATA, problems.errors, problems.data)
    except ValidationErrors as group:
        return fail(EXIT_DATA, group.errors, {})
    except ValidationError as error:
        return fail(EXIT_DATA, [error], {})
    except KeyboardInterrupt:
        return fail(EXIT_INTERRUPTED, [], {})
    if as_json:
        out.write(dump_json(envelope(name, outcome.exit_code, outcome.data, outcome.problems)))
    else:
        for problem in outcome.problems:
            out.write(describe(problem, language) + "\n")
        out.write(outcome.text)
    return outcome.exit_code
