"""Private: what a command is, what it is given, and what it gives back.

A command module (``electoral/cli/tally.py``) defines one :class:`Command`: its
name, a one-line summary, a function that adds its arguments to an
:class:`argparse.ArgumentParser`, and a function that runs it. ``run`` receives the
parsed arguments and a :class:`Context` (the streams, the language, the clock, a
progress indicator) and returns an :class:`Outcome`: the text report, the members of
its ``--json`` document and the exit code. A command never prints a traceback and
never calls :func:`sys.exit`: it raises :class:`UsageError` (exit 2) or
:class:`DataError` (exit 1) with typed errors, and :func:`electoral.cli.main`
reports them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, TextIO

import attrs

from electoral.cli._progress import Progress
from electoral.errors import Language, ValidationError

if TYPE_CHECKING:
    import pendulum

__all__ = [
    "EXIT_CODES",
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
]

EXIT_OK: Final = 0
"""Done: the command did what it was asked."""
EXIT_DATA: Final = 1
"""The data have problems; every one was reported, with its code and line."""
EXIT_USAGE: Final = 2
"""Bad arguments or files: an unknown option, a missing, unreadable or unrecognised file."""
EXIT_DECISION: Final = 3
"""The result needs a human decision (an unresolved tie: pass the drawing with ``--lots``)."""
EXIT_INTERRUPTED: Final = 130
"""Interrupted (Ctrl-C); nothing half-written is left behind."""

EXIT_CODES: Final = {
    EXIT_OK: "done: the command did what it was asked",
    EXIT_DATA: "the data have problems: every one is reported with its code and line; "
    "nothing was written",
    EXIT_USAGE: "bad arguments or files: an unknown option, a file that is missing, a folder, "
    "unreadable, empty, not UTF-8 text or not of the kind asked for; nothing was written",
    EXIT_DECISION: "the result needs a human decision: a tie that only a drawing of lots can "
    "break (give it with --lots)",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C); nothing half-written was left",
}
"""Every exit code of the command line, with its meaning (the compatibility policy)."""


class UsageError(Exception):
    """Bad arguments or files: reported with exit code 2, nothing written."""

    def __init__(self, *errors: ValidationError) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors

    @property
    def error(self) -> ValidationError:
        """The first problem."""
        return self.errors[0]


class DataError(Exception):
    """Bad data: every problem is reported, exit code 1, nothing written.

    ``data`` holds members of the ``--json`` document that are known even though
    the command failed (the file checked, the day used).
    """

    def __init__(
        self, errors: Sequence[ValidationError], data: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(f"{len(errors)} problems")
        self.errors = tuple(errors)
        self.data = dict(data or {})


@attrs.frozen(kw_only=True)
class Outcome:
    """What a command gives back.

    Attributes:
        text: the report for a person (printed on stdout without ``--json``).
        data: the command's members of its ``--json`` document.
        exit_code: :data:`EXIT_OK`, or :data:`EXIT_DATA` when ``problems`` are the
            report (``validate``), or :data:`EXIT_DECISION`.
        problems: problems that are the command's report (printed on stdout).
    """

    text: str = ""
    data: Mapping[str, Any] = attrs.field(factory=dict)
    exit_code: int = EXIT_OK
    problems: tuple[ValidationError, ...] = ()


@attrs.define(kw_only=True)
class Context:
    """What a running command is given: streams, language, clock and progress.

    Attributes:
        out: standard output (the report).
        err: standard error (progress, problems of a failed command).
        json: whether ``--json`` was given.
        language: the language of messages (``--lang``).
        quiet: no progress indicator (``--quiet``).
    """

    out: TextIO
    err: TextIO
    json: bool = False
    language: Language = "en"
    quiet: bool = False

    def progress(self) -> Progress:
        """A progress indicator on stderr (silent unless stderr is a terminal)."""
        return Progress(self.err, enabled=not self.quiet)

    def now(self) -> pendulum.DateTime:
        """The command line's one reading of the clock (the library never reads it)."""
        import pendulum

        from electoral.model import TRIPOLI

        return pendulum.now(TRIPOLI)


@attrs.frozen(kw_only=True)
class Command:
    """One command of the command line.

    Attributes:
        name: the word typed after ``electoral`` (``"tally"``); two words
            (``"audit plan"``) make a sub-command of a group (``electoral audit``).
        summary: one line, shown by ``electoral --help`` and the reference page.
        configure: adds the command's arguments to its parser.
        run: runs the command with the parsed arguments.
        description: more text for ``electoral NAME --help`` and the reference page.
        inputs: the formats of the files it reads, one line each, for the reference page.
        exit_codes: the exit codes it may return (:data:`EXIT_CODES`).
        group_summary: the group's one line, for a two-word name.
    """

    name: str
    summary: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Context], Outcome]
    description: str = ""
    inputs: tuple[str, ...] = ()
    exit_codes: tuple[int, ...] = (EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERRUPTED)
    group_summary: str = ""
