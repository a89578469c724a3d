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
========================================  ===============================================

Conventions: ``--help`` on every command; ``--json`` prints one JSON document on
stdout instead of text; exit code 0 when all is well, 1 when the data have
problems, 2 for bad arguments (a missing file, an unknown option); problems are
written ``code: message @ location`` (``validate`` writes them on stdout, as its
report; every other command on stderr); a progress indicator on stderr during long
stages, only when stderr is a terminal; files are written atomically (a temporary
file in the same folder, then :func:`os.replace`), so a failure never leaves a
half-written file. Nothing here prints a traceback for bad input.

**Adding a command.** Write one module in this package, ``electoral/cli/NAME.py``,
that defines ``COMMAND = Command(name=..., summary=..., configure=..., run=...)``
(:class:`Command`), with ``__all__ = ["COMMAND"]``; then add its module name to
``COMMAND_MODULES`` in ``electoral/cli/_registry.py``. ``configure`` adds the
command's arguments to its parser (``--json`` is already there); ``run`` receives
the parsed arguments and a :class:`Context` and returns an :class:`Outcome` (the
text report, the members of the JSON document, the exit code). It reads files
through ``electoral.cli._inputs``, writes them through ``electoral.cli._atomic``,
and reports bad input by raising :class:`UsageError` (exit 2) or :class:`DataError`
(exit 1) with typed errors. A two-word name (``"audit plan"``) makes a sub-command
of a group (``electoral audit plan``).

>>> main(["seats", "--help"]) == 0  # doctest: +ELLIPSIS
usage: electoral seats ...
True
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from electoral.cli import _messages  # noqa: F401 - registers the command line's codes
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
from electoral.cli._output import describe, dump_json, problem_json
from electoral.cli._registry import build_parser
from electoral.errors import ElectoralError, ValidationError, ValidationErrors

__all__ = [
    "EXIT_DATA",
    "EXIT_DECISION",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "Command",
    "Context",
    "DataError",
    "Outcome",
    "UsageError",
    "build_parser",
    "main",
]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    out, err = sys.stdout, sys.stderr
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as done:  # --help and --version
            return int(done.code or 0) if not isinstance(done.code, str) else EXIT_USAGE
        context = Context(out=out, err=err, json=args.json)
        command: Command = args.command
        outcome = command.run(args, context)
    except UsageError as usage:
        for error in usage.errors:
            err.write(describe(error) + "\n")
        return EXIT_USAGE
    except DataError as problems:
        for error in problems.errors:
            err.write(describe(error) + "\n")
        err.write(f"{len(problems.errors)} problem(s); nothing was written.\n")
        return EXIT_DATA
    except ValidationErrors as group:
        for error in group.errors:
            err.write(describe(error) + "\n")
        return EXIT_DATA
    except ValidationError as error:
        err.write(describe(error) + "\n")
        return EXIT_DATA
    except ElectoralError as error:  # pragma: no cover - every refusal is a ValidationError
        err.write(f"error: {error}\n")
        return EXIT_DATA
    except KeyboardInterrupt:
        err.write("interrupted\n")
        return EXIT_INTERRUPTED
    if args.json:
        document = dict(outcome.data)
        if outcome.problems or "valid" in document:
            document["problems"] = [problem_json(e) for e in outcome.problems]
        out.write(dump_json(document))
    else:
        for problem in outcome.problems:
            out.write(describe(problem) + "\n")
        out.write(outcome.text)
    return outcome.exit_code
