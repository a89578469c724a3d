"""Citations point at primary sources: nothing refers to the team's private notes or to a
path outside the repository (a reader has neither)."""

from __future__ import annotations

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
SCANNED = ("src", "tests", "docs", "examples", "benchmarks", "README.md", "CHANGELOG.md")
SKIPPED = {"_build", "__pycache__", ".hypothesis", ".ipynb_checkpoints"}
GENERATED = ROOT / "docs" / "examples"  # the build's copy of examples/
SECTION = "\u00a7"
NOTES = re.compile(r"shared[/]design|\bdomain-[a-z-]+\.md|\b(?:design|domain) notes\b", re.I)
MACHINE = re.compile(r"(?<![\w.])(?:/work|/home|/Users|/root|~)/\w")
RELATIVE = re.compile(r"(?:\.\./)+[\w.-]+")


def _files() -> list[pathlib.Path]:
    found = [ROOT / "pyproject.toml"]
    for name in SCANNED:
        top = ROOT / name
        paths = [top] if top.is_file() else sorted(top.rglob("*"))
        found += [
            p
            for p in paths
            if p.is_file() and not SKIPPED & set(p.parts) and not p.is_relative_to(GENERATED)
        ]
    return found


def _problems(path: pathlib.Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return []
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        where = f"{path.relative_to(ROOT)}:{number}"
        problems += [f"{where}: {m.group()}" for m in NOTES.finditer(line)]
        problems += [f"{where}: {m.group()}" for m in MACHINE.finditer(line)]
        if SECTION in line and "RFC" not in line:  # section numbers of the notes
            problems.append(f"{where}: {SECTION}")
        for m in RELATIVE.finditer(line):
            if not (path.parent / m.group()).resolve().is_relative_to(ROOT):
                problems.append(f"{where}: {m.group()}")
    return problems


def test_nothing_points_outside_the_repository() -> None:
    problems = [problem for path in _files() for problem in _problems(path)]
    assert not problems, "\n".join(problems)
