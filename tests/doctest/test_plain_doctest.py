"""The examples users copy run under plain ``python -m doctest``, with no option flag.

The suite runs every doctest with NORMALIZE_WHITESPACE and ELLIPSIS (never
IGNORE_EXCEPTION_DETAIL, so an exception's message is checked like any output). The
README, the identifiers page and the docstrings of the identifier modules and of
:mod:`electoral.errors` must also pass with no flag at all, as a reader who runs
``python -m doctest README.md`` gets them: a ``...`` there is written as a directive
on its example.
"""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", ROOT / "docs" / "identifiers.md"]
MODULES = [
    "electoral.errors",
    "electoral.ids.barcode",
    "electoral.ids.center_id",
    "electoral.ids.fbr",
    "electoral.ids.national_id",
    "electoral.ids.phone",
    "electoral.ids.station_number",
]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_page_passes_python_m_doctest(page: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "doctest", str(page)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.parametrize("name", MODULES)
def test_module_docstrings_pass_with_no_flag(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=0, raise_on_error=False)
    report = capsys.readouterr().out
    assert result.attempted > 0, name
    assert result.failed == 0, report
