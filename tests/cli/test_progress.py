"""The progress indicator: count, rate and time left on a terminal's stderr, nothing elsewhere."""

from __future__ import annotations

import contextlib
import io
import os
import pathlib
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

from electoral.cli import main
from electoral.cli._progress import Progress, duration

pty = pytest.importorskip("pty")

REGISTRY_ROW = (
    "VALUES({pid}, 'محمد', 'علي', 'سالم', 'الورفلي', 'فاطمة', 1, '7/9/1969', '', "
    "'1{serial:011d}', '4471', 0, 0, 0);"
)


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


@contextlib.contextmanager
def _terminal() -> Iterator[tuple[int, io.TextIOWrapper]]:
    """A pseudo-terminal: its reading end, and a text stream on its writing end."""
    master, slave = pty.openpty()
    stream = open(slave, "w", encoding="utf-8", closefd=True)  # noqa: SIM115 - closed below
    try:
        yield master, stream
    finally:
        stream.close()
        os.close(master)


def test_validate_shows_count_rate_and_time_left_on_a_terminal(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from electoral.cli import _civil_registry
    from electoral.formats import _lines

    monkeypatch.setattr(_civil_registry, "_CHUNK", 2)
    # the formats layer reads 64 KiB at a time: smaller reads, so the share read grows
    monkeypatch.setattr(_lines, "CHUNK_CHARS", 64)
    dump = tmp_path / "registry.sql"
    # each line's national id is a man's born in 1969: 1, 1969, a serial
    dump.write_text(
        "\n".join(REGISTRY_ROW.format(pid=n, serial=19690261900 + n) for n in range(1, 9)) + "\n",
        encoding="utf-8",
    )
    with _terminal() as (master, stream):
        monkeypatch.setattr(sys, "stderr", stream)
        monkeypatch.setattr(sys, "stdout", io.StringIO())
        code = main(["validate", "citizens", str(dump), "--as-of", "2026-01-01"])
        stream.flush()
        os.set_blocking(master, False)
        shown = _read_all(master)
    assert code == 0
    assert re.search(r"validate\s+2 records\s+[\d,]+/s\s+\d+%\s+(<1 s|\d+ s) left", shown), shown
    assert shown.endswith("\r")  # the line is erased at the end


def test_demo_in_a_terminal_shows_each_stage(tmp_path: pathlib.Path) -> None:
    master, slave = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "electoral", "demo", "--size", "tiny", "--no-files"],
            stdout=subprocess.PIPE,
            stderr=slave,
            cwd=tmp_path,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        os.close(slave)
        out, _ = process.communicate(timeout=120)
        shown = _read_all(master)
    finally:
        os.close(master)
    assert process.returncode == 0
    assert b"Winners:" in out
    assert re.search(r"validate\s+3,000\s+[\d,]+/s\s+100%", shown), shown
    assert "validate   done in" in shown


def test_silent_without_a_terminal_or_when_quiet() -> None:
    stream = io.StringIO()
    progress = Progress(stream, enabled=True)
    progress.start("validate", total=10)
    progress.update(5)
    progress.clear()
    assert stream.getvalue() == ""
    with _terminal() as (master, terminal):
        quiet = Progress(terminal, enabled=False)
        quiet("validate", 5, 10)
        terminal.flush()
        os.set_blocking(master, False)
        assert _read_all(master) == ""


def test_time_left_comes_from_the_share_done() -> None:
    now = [0.0]
    with _terminal() as (master, terminal):
        progress = Progress(terminal, enabled=True, clock=lambda: now[0])
        progress.start("read", unit="records")
        now[0] = 10.0
        progress.update(1_000, share=(25, 100))
        terminal.flush()
        os.set_blocking(master, False)
        shown = _read_all(master)
    assert "1,000 records" in shown
    assert "100/s" in shown
    assert "25%" in shown
    assert "30 s left" in shown
    assert duration(7322) == "2 h 02 min"
