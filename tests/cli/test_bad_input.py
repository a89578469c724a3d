"""Bad input for every command: a typed problem with its code (and line), exit 1 or 2,
nothing written, nothing lost, never a traceback.

Each case is a command with one of its inputs replaced by a spoiled copy of a good
file (the tiny demo's): empty, header only, a repeated or a missing column, a row
with an extra cell, Windows-1256 or UTF-16 text, a NUL, an oversize or unterminated
cell. Line endings in CR only are not bad input: the same file must be accepted.
Missing, folder and unreadable paths are tried on every input as well.
"""

from __future__ import annotations

import json
import pathlib
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs
import pytest

from electoral.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from tests.cli.conftest import Cli


@attrs.frozen
class Case:
    """A command whose input ``{input}`` is replaced; ``output`` must stay unwritten."""

    name: str
    source: str  # the good file, relative to the demo folder
    words: tuple[str, ...]  # {input}, {demo}, {out} are filled in
    csv: bool = True

    def argv(self, spoiled: pathlib.Path, demo: pathlib.Path, out: pathlib.Path) -> list[str]:
        return [w.format(input=spoiled, demo=demo, out=out) for w in self.words]


SETUP = "{demo}/tally-setup"
REG = "{demo}/registration"
CASES = [
    Case("validate centers", "registration/centers.csv", ("validate", "centers", "{input}")),
    Case("validate citizens sql", "registration/civil_registry.sql",
         ("validate", "citizens", "{input}", "--as-of", "2026-06-25"), csv=False),
    Case("validate registrations", "registration/registrations.csv",
         ("validate", "registrations", "{input}")),
    Case("validate result-forms", "tally-setup/result_forms.csv",
         ("validate", "result-forms", "{input}", "--setup", SETUP)),
    Case("validate results", "results.csv", ("validate", "results", "{input}")),
    Case("stations centres", "registration/centers.csv",
         ("stations", "--centers", "{input}", "--citizens", f"{REG}/civil_registry.sql",
          "--registrations", f"{REG}/registrations.csv", "--as-of", "2026-06-25",
          "--output", "{out}")),
    Case("stations registrations", "registration/registrations.csv",
         ("stations", "--centers", f"{REG}/centers.csv", "--citizens",
          f"{REG}/civil_registry.sql", "--registrations", "{input}", "--as-of", "2026-06-25",
          "--output", "{out}")),
    Case("tally", "results.csv", ("tally", "{input}", "--setup", SETUP, "--output", "{out}")),
    Case("seats", "votes.csv", ("seats", "{input}", "--seats", "2")),
    Case("convert centres", "registration/centers.csv",
         ("convert", "centers", "{input}", "{out}", "--to", "json")),
    Case("convert tallyho centres", "tally-setup/centers.csv",
         ("convert", "centers", "{input}", "{out}", "--to", "json", "--allow-loss")),
    Case("convert citizens", "registration/civil_registry.sql",
         ("convert", "citizens", "{input}", "{out}", "--to", "json", "--as-of", "2026-06-25"),
         csv=False),
    Case("convert result forms", "tally-setup/result_forms.csv",
         ("convert", "result-forms", "{input}", "{out}", "--to", "json", "--setup", SETUP)),
]  # fmt: skip


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _second(data: bytes, change: Callable[[bytes], bytes]) -> bytes:
    lines = _lines(data)
    lines[1] = change(lines[1])
    return b"\n".join(lines)


def _header(data: bytes, change: Callable[[bytes], bytes]) -> bytes:
    lines = _lines(data)
    lines[0] = change(lines[0])
    return b"\n".join(lines)


Spoil = Callable[[bytes], bytes]
SPOILS: dict[str, tuple[Spoil, tuple[int, ...], str, bool]] = {
    # name: (spoil, exit codes, code expected, CSV files only)
    "empty": (lambda d: b"", (EXIT_USAGE,), "formats.empty", False),
    "header only": (lambda d: _lines(d)[0] + b"\n", (EXIT_DATA,), "", False),
    "repeated column": (
        lambda d: _header(d, lambda h: h + b"," + h.split(b",")[0]),
        # the centres upload's own rule (its 15 columns, in order) names it first
        (EXIT_DATA,), "formats.csv.duplicate_column|registration.csv.columns", True,
    ),
    "missing column": (
        lambda d: _header(d, lambda h: b",".join(h.split(b",")[1:])), (EXIT_DATA,), "", True,
    ),
    "extra cell": (lambda d: _second(d, lambda line: line + b",x"), (EXIT_DATA,), "", False),
    "windows-1256": (
        lambda d: d.decode("utf-8").encode("cp1256"), (EXIT_USAGE,), "formats.encoding", False,
    ),
    "utf-16": (lambda d: d.decode("utf-8").encode("utf-16"), (EXIT_USAGE,), "formats.utf16",
               False),
    "nul": (lambda d: _second(d, lambda line: line + b"\x00"), (EXIT_DATA,), "formats.nul", False),
    "oversize cell": (lambda d: d + b'"' + b"x" * 200_000 + b'"\n', (EXIT_DATA,), "", False),
    "unterminated quote": (lambda d: d + b'"abc,1\n', (EXIT_DATA,), "", False),
}  # fmt: skip


@pytest.fixture(scope="module")
def sources(demo_dir: pathlib.Path, tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The demo folder plus a votes file (``votes.csv``), read-only for the tests."""
    folder = tmp_path_factory.mktemp("sources")
    (folder / "votes.csv").write_text("candidate,votes\nأحمد,120\nسالم,80\n", encoding="utf-8")
    return folder


def _good(case: Case, demo: pathlib.Path, sources: pathlib.Path) -> bytes:
    path = sources / case.source if case.source == "votes.csv" else demo / case.source
    return path.read_bytes()


def _check_failure(cli: Cli, argv: list[str], codes: tuple[int, ...], expected: str) -> None:
    ran = cli(*argv, "--json")
    assert ran.code in codes, (argv, ran.out, ran.err)
    assert ran.err == ""
    data = json.loads(ran.out)
    assert data["exit_code"] == ran.code
    assert data["problems"], data
    if expected:  # one of the codes separated by |
        found = {p["code"] for p in data["problems"]}
        assert set(expected.split("|")) & found, data["problems"]
    if ran.code == EXIT_DATA:  # a problem inside the file: it says where
        assert any(p["line"] or p["location"] for p in data["problems"]), data["problems"]


@pytest.mark.parametrize("spoil", list(SPOILS))
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_spoiled_file(
    cli: Cli,
    demo_dir: pathlib.Path,
    sources: pathlib.Path,
    tmp_path: pathlib.Path,
    case: Case,
    spoil: str,
) -> None:
    change, codes, expected, csv_only = SPOILS[spoil]
    if csv_only and not case.csv:
        pytest.skip("an SQL dump has no header")
    good = _good(case, demo_dir, sources)
    spoiled = change(good)
    if spoiled == good:
        pytest.skip("this spoil does not change this file (ASCII text in Windows-1256)")
    path = tmp_path / pathlib.Path(case.source).name
    path.write_bytes(spoiled)
    out = tmp_path / "written"
    before = sorted(p.name for p in tmp_path.iterdir())
    _check_failure(cli, case.argv(path, demo_dir, out), codes, expected)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written
    assert path.read_bytes() == spoiled  # nothing lost


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cr_only_line_ends_are_read_alike(
    cli: Cli, demo_dir: pathlib.Path, sources: pathlib.Path, tmp_path: pathlib.Path, case: Case
) -> None:
    path = tmp_path / pathlib.Path(case.source).name
    good = _good(case, demo_dir, sources)
    path.write_bytes(good.replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    path.with_name("lf").write_bytes(good)
    with_lf = cli(*case.argv(path.with_name("lf"), demo_dir, tmp_path / "a"))
    with_cr = cli(*case.argv(path, demo_dir, tmp_path / "b"))
    assert with_cr.code == with_lf.code == EXIT_OK, with_cr.err
    assert with_cr.out.replace(str(path), "X").replace(str(tmp_path / "b"), "Y") == (
        with_lf.out.replace(str(path.with_name("lf")), "X").replace(str(tmp_path / "a"), "Y")
    )
    bom = tmp_path / "bom"
    bom.write_bytes(b"\xef\xbb\xbf" + good)
    assert cli(*case.argv(bom, demo_dir, tmp_path / "c")).code == EXIT_OK


UNREADABLE = pathlib.Path("/proc/self/mem")
"""A file that exists and that no one, root included, can read from its start (Linux)."""


@pytest.mark.parametrize("path", ["missing", "folder", "unreadable"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_path_that_is_not_a_readable_file(
    cli: Cli, demo_dir: pathlib.Path, tmp_path: pathlib.Path, case: Case, path: str
) -> None:
    if path == "unreadable" and not UNREADABLE.exists():
        pytest.skip("no /proc/self/mem here")
    given = {"missing": tmp_path / "nowhere.csv", "folder": tmp_path, "unreadable": UNREADABLE}[
        path
    ]
    code = {"missing": "cli.file_missing", "folder": "cli.file_is_folder"}.get(
        path, "cli.file_unreadable"
    )
    out = tmp_path / "written"
    _check_failure(cli, case.argv(given, demo_dir, out), (EXIT_USAGE,), code)
    ran = cli(*case.argv(given, demo_dir, out))
    assert ran.err.startswith(f"{code}: ")
    assert not out.exists()
