"""Run every tests/doctest/*.doctest file (pytest itself only collects *.md doctests)."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FILES = sorted(HERE.glob("*.doctest"))
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def test_doctest_files_exist() -> None:
    assert HERE / "ids.doctest" in FILES


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_doctest_file(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = doctest.testfile(
        str(path),
        module_relative=False,
        globs={},
        optionflags=FLAGS,
        encoding="utf-8",
        raise_on_error=False,
    )
    report = capsys.readouterr().out
    assert result.attempted > 0, f"{path.name} has no examples"
    assert result.failed == 0, f"{result.failed} of {result.attempted} failed:\n{report}"
