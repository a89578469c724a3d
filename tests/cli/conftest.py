"""Fixtures of the command line's tests: a tiny demo's files, and runners.

``cli`` runs ``electoral`` in this process (stdout and stderr captured apart) and
fails on a traceback; ``console`` runs the ``console`` blocks of a Markdown page
(``$ electoral ...`` lines and the output shown after them) and returns every
difference, so the worked examples of the docs and the README are tested.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import os
import pathlib
import re
import shlex
from collections.abc import Callable, Iterator

import attrs
import pytest

from electoral.cli import main

ROOT = pathlib.Path(__file__).resolve().parents[2]


@attrs.frozen
class Ran:
    """One run of the command line."""

    code: int
    out: str
    err: str


Cli = Callable[..., Ran]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run ``electoral`` with the given words; stdout and stderr apart; no traceback."""

    def run(*words: str | os.PathLike[str]) -> Ran:
        code = main([str(word) for word in words])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err + captured.out
        return Ran(code, captured.out, captured.err)

    return run


DEMO_ARGS = ("demo", "--size", "tiny", "--seed", "7", "--problem-share", "1/5", "--quiet")


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The files of ``electoral demo --size tiny --seed 7 --problem-share 1/5``."""
    folder = tmp_path_factory.mktemp("demo") / "out"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main([*DEMO_ARGS, "--output", str(folder)]) == 0
    return folder


# --------------------------------------------------------------------------- console blocks

_BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)


def console_blocks(page: pathlib.Path) -> list[list[tuple[str, str]]]:
    """The ``console`` blocks of a page: each a list of (command, expected output)."""
    blocks = []
    for match in _BLOCK.finditer(page.read_text(encoding="utf-8")):
        steps: list[tuple[str, str]] = []
        for line in match.group(1).splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], ""))
            elif steps:
                command, expected = steps[-1]
                steps[-1] = (command, expected + line + "\n")
        blocks.append(steps)
    return blocks


def _printf(words: list[str], cwd: pathlib.Path) -> str:
    assert words[-2] == ">", words
    text = words[1].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
    (cwd / words[-1]).write_text(text, encoding="utf-8")
    return ""


@contextlib.contextmanager
def _inside(folder: pathlib.Path) -> Iterator[None]:
    before = pathlib.Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def run_console(steps: list[tuple[str, str]], cwd: pathlib.Path) -> list[str]:
    """Run a block's commands in ``cwd``; the differences from the page, if any.

    Supported: ``electoral ...`` (run in this process, stderr after stdout),
    ``echo $?`` (the last exit code), ``printf 'text' > file`` and ``head -n N file``.
    """
    checker = doctest.OutputChecker()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    differences = []
    last = 0
    for command, expected in steps:
        words = shlex.split(command)
        if words[0] == "electoral":
            out, err = io.StringIO(), io.StringIO()
            with _inside(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                last = main(words[1:])
            got = out.getvalue() + err.getvalue()
        elif words == ["echo", "$?"]:
            got = f"{last}\n"
        elif words[0] == "printf":
            got = _printf(words, cwd)
        elif words[0] == "head":
            count = int(words[2])
            lines = (cwd / words[3]).read_text(encoding="utf-8").splitlines(keepends=True)
            got = "".join(lines[:count])
        else:  # pragma: no cover - a page uses a command this runner does not know
            raise AssertionError(f"cannot run {command!r}")
        if not checker.check_output(expected, got, flags):
            differences.append(f"$ {command}\n--- expected\n{expected}--- got\n{got}")
    return differences
