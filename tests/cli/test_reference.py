"""The command line's pages: the worked examples run as shown, and the reference is complete.

The ``console`` blocks of ``docs/cli.md`` and of the README are run, in order, in a fresh
folder (the first of each page runs ``electoral demo``); each output must match what the
page shows (``...`` stands for any text).
"""

from __future__ import annotations

import pathlib
import sys

import pytest
from tests.cli.conftest import ROOT, console_blocks, run_console

from electoral.cli import EXIT_CODES
from electoral.cli._registry import commands

PAGES = [ROOT / "docs" / "cli.md", ROOT / "README.md"]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_the_worked_examples_run_as_shown(page: pathlib.Path, tmp_path: pathlib.Path) -> None:
    if not page.exists():  # pragma: no cover - the wheel's tests run without the source tree
        pytest.skip("the page is not here")
    blocks = console_blocks(page)
    assert blocks, f"{page.name} has no console example"
    differences = []
    for steps in blocks:
        differences += run_console(steps, tmp_path)
    assert not differences, "\n\n".join(differences)


def test_the_reference_directive_covers_every_command_and_exit_code() -> None:
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    try:
        cli_reference = pytest.importorskip("cli_reference")
    finally:
        sys.path.pop(0)
    found = cli_reference.commands()
    assert [name for name, _, _ in found] == list(commands())
    for _, parser, command in found:
        rows = cli_reference._argument_rows(parser)
        assert any("--json" in row[0] for row in rows)
        assert all(row[1] for row in rows), [row for row in rows if not row[1]]
        assert set(command.exit_codes) <= set(EXIT_CODES)
