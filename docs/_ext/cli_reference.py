"""Sphinx extension: the command line's reference, built from its parser at every build.

Two directives, so that the page cannot go stale:

``cli-reference``
    For every command of :func:`electoral.cli.build_parser` (one section each, in
    the registry's order): its summary and description, its usage line, a table of
    every argument and option (with its default and choices), the formats of the
    files it reads, and the exit codes it may return, with their meanings from
    :data:`electoral.cli.EXIT_CODES`.

``cli-json-schema``
    The JSON Schema of the ``--json`` documents (:func:`electoral.cli.json_schema`).

Usage, in a MyST page::

    ```{cli-reference}
    ```

Each command's section has the anchor ``cli-<name>`` (``cli-audit-plan`` for a
two-word command). Text is shown as written; a ``double-backquoted`` part becomes
code.
"""

from __future__ import annotations

import argparse
import json
import re
from typing import Any, ClassVar

from docutils import nodes  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

__all__ = ["CliJsonSchema", "CliReference", "commands", "setup"]

_CODE = re.compile(r"``(.+?)``|:\w+:`~?(.+?)`")


def _inline(text: str) -> list[Any]:
    """Text with ``code`` parts (and reST roles, shown as code) as docutils nodes."""
    out: list[Any] = []
    position = 0
    for match in _CODE.finditer(text):
        out.append(nodes.Text(text[position : match.start()]))
        out.append(nodes.literal("", match.group(1) or match.group(2)))
        position = match.end()
    out.append(nodes.Text(text[position:]))
    return out


def _paragraph(text: str) -> Any:
    return nodes.paragraph("", "", *_inline(" ".join(text.split())))


def _prose(text: str) -> list[Any]:
    """Paragraphs and ``* `` bullet lists of a docstring-like text."""
    out: list[Any] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        if lines and lines[0].lstrip().startswith("* "):
            bullets = nodes.bullet_list()
            items: list[str] = []
            for line in lines:
                if line.lstrip().startswith("* "):
                    items.append(line.lstrip()[2:])
                elif items:
                    items[-1] += " " + line.strip()
            for item in items:
                entry = nodes.list_item()
                entry += _paragraph(item)
                bullets += entry
            out.append(bullets)
        elif block.strip():
            out.append(_paragraph(block))
    return out


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[int, ...]) -> Any:
    table = nodes.table(classes=["cli-reference"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    row = nodes.row()
    for title in header:
        cell = nodes.entry()
        cell += nodes.paragraph("", title)
        row += cell
    head += row
    group += head
    body = nodes.tbody()
    for values in rows:
        row = nodes.row()
        for value in values:
            cell = nodes.entry()
            cell += nodes.paragraph("", "", *_inline(value))
            row += cell
        body += row
    group += body
    return table


def _argument_rows(parser: argparse.ArgumentParser) -> list[tuple[str, str, str]]:
    rows = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if action.option_strings:
            name = ", ".join(action.option_strings)
            if action.nargs != 0:
                name += f" {action.metavar or action.dest.upper()}"
        else:
            name = action.metavar or action.dest.upper()
        notes = []
        if action.choices is not None:
            notes.append("one of " + ", ".join(f"``{c}``" for c in action.choices))
        if action.required and action.option_strings:
            notes.append("required")
        if action.default not in (None, False, argparse.SUPPRESS) and action.nargs != 0:
            notes.append(f"default ``{action.default}``")
        rows.append((f"``{name}``", (action.help or "").replace("%%", "%"), "; ".join(notes)))
    return rows


def commands() -> list[tuple[str, argparse.ArgumentParser, Any]]:
    """Every command's name, its sub-parser and its :class:`electoral.cli.Command`."""
    from electoral.cli import build_parser

    found = []

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    command = sub.get_default("command")
                    if command is not None:
                        found.append((f"{prefix}{name}", sub, command))
                    else:
                        walk(sub, f"{prefix}{name} ")

    walk(build_parser(), "")
    return found


class CliReference(SphinxDirective):
    """``cli-reference``: a section per command, generated from the parser."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[Any]:
        from electoral.cli import EXIT_CODES

        self.env.note_reread()
        out: list[Any] = []
        for name, parser, command in commands():
            section = nodes.section(ids=[f"cli-{name.replace(' ', '-')}"])
            section += nodes.title("", "", nodes.literal("", f"electoral {name}"))
            section += _paragraph(command.summary[:1].upper() + command.summary[1:] + ".")
            section.extend(_prose(command.description))
            usage = parser.format_usage().strip().removeprefix("usage: ")
            section += nodes.literal_block(usage, usage, language="text")
            section += _table(
                ("argument", "what it is", "notes"), _argument_rows(parser), (26, 50, 24)
            )
            if command.inputs:
                section += nodes.rubric("", "Input formats")
                formats = nodes.bullet_list()
                for text in command.inputs:
                    item = nodes.list_item()
                    item += _paragraph(text)
                    formats += item
                section += formats
            section += nodes.rubric("", "Exit codes")
            section += _table(
                ("code", "meaning"),
                [(str(code), EXIT_CODES[code]) for code in command.exit_codes],
                (10, 90),
            )
            out.append(section)
        return out


class CliJsonSchema(SphinxDirective):
    """``cli-json-schema``: the JSON Schema of the ``--json`` documents."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[Any]:
        from electoral.cli import json_schema

        self.env.note_reread()
        text = json.dumps(json_schema(), indent=2, ensure_ascii=False)
        return [nodes.literal_block(text, text, language="json")]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives."""
    app.add_directive("cli-reference", CliReference)
    app.add_directive("cli-json-schema", CliJsonSchema)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
