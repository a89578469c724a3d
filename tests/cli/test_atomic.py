"""Writing files: one file, and a set of files that a ``kill -9`` at any moment cannot mix.

The crash tests run a real process that writes a set of files into a folder that
already holds an older set, and kill it with SIGKILL at its first, second, ...
file operation (``ELECTORAL_TEST_KILL_AT``), until a run completes. After every
kill the folder must hold exactly the complete old set or the complete new set
(on Linux, where the folders are exchanged atomically; elsewhere after the next
run's recovery), and never a temporary file; after the next run nothing of the
killed run is left beside it either.
"""

from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

from electoral.cli import UsageError
from electoral.cli._atomic import MANIFEST, OutputFolder, check_not_input, umask, write_file

if TYPE_CHECKING:
    from tests.cli.conftest import Cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and locks")

FILES = ("a.csv", "b.csv", "sub/c.csv", "sub/d.csv", "e.json")

DRIVER = """
import pathlib, sys
from electoral.cli._atomic import OutputFolder
folder, generation = pathlib.Path(sys.argv[1]), sys.argv[2]
files = {name: (f"{generation}:{name}\\n" * 2000) for name in sys.argv[3:]}
files["sub/d.csv"] = lambda handle: handle.write(f"{generation}:sub/d.csv\\n" * 2000)
OutputFolder(folder, command="test").commit(files)
"""


def _write(folder: pathlib.Path, generation: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", DRIVER, str(folder), generation, *FILES],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
        check=False,
    )


def _generation(folder: pathlib.Path) -> str:
    """The one generation the folder holds whole; fails on a mix, a gap or a stray file."""
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert names == {*FILES, MANIFEST}, names
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    generations = set()
    for name in FILES:
        text = (folder / name).read_text(encoding="utf-8")
        assert len(text) == manifest["files"][name]
        generations.add(text.split(":", 1)[0])
    assert len(generations) == 1, generations
    return generations.pop()


def _siblings(folder: pathlib.Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name != folder.name)


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_kill_at_every_moment_leaves_one_whole_set(
    tmp_path: pathlib.Path, exchange: bool
) -> None:
    env = {} if exchange else {"ELECTORAL_TEST_NO_EXCHANGE": "1"}
    folder = tmp_path / "out"
    assert _write(folder, "old", **env).returncode == 0
    assert _generation(folder) == "old"
    kills = 0
    for step in range(1, 40):
        done = _write(folder, "new", ELECTORAL_TEST_KILL_AT=str(step), **env)
        if done.returncode == 0:
            break
        assert done.returncode == -signal.SIGKILL, done.stderr
        kills += 1
        if exchange or folder.exists():
            assert _generation(folder) in ("old", "new")
        OutputFolder(folder, command="test").recover()
        assert _generation(folder) in ("old", "new")
        assert _siblings(folder) == []
        if _generation(folder) == "old":
            continue
        # a kill after the new set was in place: put the old one back (in this
        # process: the same code, without the cost of another process) and go on
        OutputFolder(folder, command="test").commit(
            {name: f"old:{name}\n" * 2000 for name in FILES}
        )
    assert kills >= len(FILES) + 3
    assert _generation(folder) == "new"
    assert _siblings(folder) == []


def test_the_trace_names_every_operation(tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "out"
    assert _write(folder, "old").returncode == 0
    done = _write(folder, "new", ELECTORAL_TEST_TRACE="1")
    steps = [line for line in done.stderr.splitlines() if line.startswith("electoral-step")]
    assert [s.split()[2] for s in steps] == ["create", *["write"] * len(FILES), "write",
                                             "exchange", "remove"]  # fmt: skip


def test_a_demo_killed_while_writing_keeps_the_old_election(tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "demo"
    command = [
        sys.executable,
        "-m",
        "electoral",
        "demo",
        "--size",
        "tiny",
        "--output",
        str(folder),
    ]

    def demo(seed: int, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, "--seed", str(seed)],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            timeout=120,
            check=False,
        )

    def seed() -> int:
        return int(json.loads((folder / "summary.json").read_text(encoding="utf-8"))["seed"])

    assert demo(1).returncode == 0
    # killed just before the swap: every file of the new set written, none in place
    assert demo(2, ELECTORAL_TEST_KILL_AT="18").returncode == -signal.SIGKILL
    assert seed() == 1
    assert [p.name for p in tmp_path.iterdir() if p.name != "demo"]  # its staging folder
    # killed from outside, at whatever moment the clock gives
    process = subprocess.Popen([*command, "--seed", "3"], stdout=subprocess.DEVNULL)
    time.sleep(0.8)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    OutputFolder(folder, command="demo").recover()
    assert seed() in (1, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo"]
    assert all(not p.name.endswith(".tmp") for p in folder.rglob("*"))
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    for name, size in manifest["files"].items():
        assert (folder / name).stat().st_size == size


# --------------------------------------------------------------------------- in process


def test_write_file_leaves_no_partial_file(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")

    def boom(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(UsageError) as raised:
        write_file(target, "new\n" * 1000)
    assert raised.value.error.code == "cli.write_failed"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_write_file_replaces_with_the_usual_mode(tmp_path: pathlib.Path) -> None:
    target = tmp_path / "sub" / "out.csv"
    write_file(target, "a\n")
    write_file(target, lambda handle: handle.write("b\n"))
    assert target.read_text(encoding="utf-8") == "b\n"
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask()
    stale = target.parent / ".out.csv.electoral-0123abcd.tmp"
    stale.write_text("left by a killed run")
    write_file(target, "c\n")
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.csv"]
    with pytest.raises(UsageError):
        write_file(tmp_path, "a folder is in the way\n")


def test_an_output_that_is_the_input_is_refused(tmp_path: pathlib.Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("x\n")
    link = tmp_path / "link.csv"
    os.link(source, link)
    symbolic = tmp_path / "sym.csv"
    symbolic.symlink_to(source)
    for output in (source, tmp_path / "." / "in.csv", link, symbolic):
        with pytest.raises(UsageError) as raised:
            check_not_input(output, source)
        assert raised.value.error.code == "cli.output_is_input"
    check_not_input(tmp_path / "other.csv", source)


def test_a_folder_of_another_command_is_refused(tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "out"
    OutputFolder(folder, command="demo").commit({"x.csv": "1\n"})
    with pytest.raises(UsageError) as raised:
        OutputFolder(folder, command="tally").prepare()
    assert raised.value.error.code == "cli.output_other_command"
    (folder / "mine.txt").write_text("added by hand")
    with pytest.raises(UsageError) as raised:
        OutputFolder(folder, command="demo").prepare()
    assert raised.value.error.code == "cli.output_foreign"
    empty = tmp_path / "empty"
    empty.mkdir()
    OutputFolder(empty, command="demo").commit({"y.csv": "2\n"})
    assert (empty / "y.csv").read_text() == "2\n"


def test_a_failed_write_keeps_the_old_set(tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "out"
    OutputFolder(folder, command="demo").commit({"x.csv": "old\n"})

    def fail(handle: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(UsageError):
        OutputFolder(folder, command="demo").commit({"x.csv": "new\n", "y.csv": fail})
    assert (folder / "x.csv").read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_symlinked_folder_is_written_where_it_points(tmp_path: pathlib.Path) -> None:
    real = tmp_path / "real"
    OutputFolder(real, command="demo").commit({"x.csv": "1\n"})
    link = tmp_path / "link"
    link.symlink_to(real)
    OutputFolder(link, command="demo").commit({"x.csv": "2\n"})
    assert link.is_symlink()
    assert (real / "x.csv").read_text() == "2\n"


def test_an_output_below_a_file_is_refused(cli: Cli, tmp_path: pathlib.Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    ran = cli("demo", "--size", "tiny", "--quiet", "--output", blocker / "below")
    assert ran.code == 2
    assert "cli.write_failed" in ran.err
