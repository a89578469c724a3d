"""Private: the list of commands, and the parser built from it."""

from __future__ import annotations

import argparse
import importlib
from typing import Final

from electoral import __version__
from electoral.cli._args import Parser
from electoral.cli._command import Command

__all__ = ["COMMAND_MODULES", "build_parser", "commands"]

COMMAND_MODULES: Final = (
    "electoral.cli.demo",
    "electoral.cli.validate",
    "electoral.cli.stations",
    "electoral.cli.tally",
    "electoral.cli.seats",
    "electoral.cli.convert",
    "electoral.cli.publish",
    "electoral.cli.verify",
    "electoral.cli.audit_plan",
    "electoral.cli.audit_evaluate",
)
"""One line per command: the module that defines its ``COMMAND``, in the order of ``--help``."""


def commands() -> dict[str, Command]:
    """Every command, by name, in the order of :data:`COMMAND_MODULES`."""
    found: dict[str, Command] = {}
    for name in COMMAND_MODULES:
        command = importlib.import_module(name).COMMAND
        if not isinstance(command, Command):  # pragma: no cover - a programming error
            raise TypeError(f"{name}.COMMAND is not a Command")
        if command.name in found:  # pragma: no cover - a programming error
            raise ValueError(f"two commands are named {command.name!r}")
        found[command.name] = command
    return found


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``electoral``: one sub-parser per command.

    Each sub-parser's ``command`` default is the :class:`Command` it runs.
    """
    parser = Parser(
        prog="electoral",
        description="Electoral domain rules of Libya's High National Elections Commission.",
        epilog="Exit codes: 0 ok, 1 problems in the data, 2 bad arguments.",
    )
    parser.add_argument("--version", action="version", version=f"electoral {__version__}")
    top = parser.add_subparsers(
        dest="command_name", required=True, metavar="COMMAND", parser_class=Parser
    )
    groups: dict[str, argparse._SubParsersAction[Parser]] = {}
    for command in commands().values():
        words = command.name.split()
        where = top
        if len(words) == 2:
            if words[0] not in groups:
                group = top.add_parser(
                    words[0], help=command.group_summary, description=command.group_summary
                )
                groups[words[0]] = group.add_subparsers(
                    dest="subcommand_name", required=True, metavar="COMMAND", parser_class=Parser
                )
            where = groups[words[0]]
        sub: Parser = where.add_parser(
            words[-1],
            help=command.summary,
            description=command.description or command.summary,
        )
        common = sub.add_argument_group("common options")
        common.add_argument(
            "--json",
            action="store_true",
            help="print one JSON document on stdout, also on failure",
        )
        common.add_argument(
            "--lang", choices=("en", "ar"), default="en", help="language of messages (default en)"
        )
        common.add_argument("--quiet", action="store_true", help="no progress indicator on stderr")
        command.configure(sub)
        sub.set_defaults(command=command)
    return parser
