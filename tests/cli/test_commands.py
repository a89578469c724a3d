"""Every command on the demo's files and on small files of its own: reports, JSON, exit codes."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from electoral.cli import EXIT_DATA, EXIT_DECISION, EXIT_OK, EXIT_USAGE, build_parser
from electoral.cli._registry import COMMAND_MODULES, commands
from electoral.registration import CENTER_CSV_COLUMNS, REGISTRY_COLUMNS

if TYPE_CHECKING:
    from tests.cli.conftest import Cli

GOOD = ["7", "محمد", "علي", "سالم", "الورفلي", "فاطمة", "1", "7/9/1969", "", "119690261935",
        "4471", "0", "0", "0"]  # fmt: skip
WOMAN = ["8", "مريم", "خالد", "علي", "الترهوني", "سعاد", "2", "29/2/2000", "", "220000229001",
         "4472", "0", "0", "0"]  # fmt: skip


def citizens_csv(path: pathlib.Path, rows: list[list[str]]) -> pathlib.Path:
    lines = [",".join(REGISTRY_COLUMNS)] + [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def citizens_sql(path: pathlib.Path, rows: list[list[str]]) -> pathlib.Path:
    from electoral.formats.smartelect import format_dump_line

    lines = [f"INSERT INTO T_PERSONAL_DATA({','.join(REGISTRY_COLUMNS)})"]
    lines += [format_dump_line(row) for row in rows]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the registry


def test_every_registered_module_defines_its_command() -> None:
    found = commands()
    assert list(found) == [
        "demo",
        "validate",
        "stations",
        "tally",
        "seats",
        "convert",
        "publish",
        "verify",
        "audit plan",
        "audit evaluate",
    ]
    assert len(found) == len(COMMAND_MODULES)
    for command in found.values():
        assert command.summary
        assert set(command.exit_codes) <= {0, 1, 2, 3, 130}


def test_the_parser_lists_every_method_and_size_without_importing_them() -> None:
    from electoral.cli import demo, seats
    from electoral.seats import METHODS
    from electoral.synthetic import PRESETS

    assert tuple(sorted(METHODS)) == seats.METHOD_NAMES
    assert tuple(sorted(PRESETS)) == demo.SIZES


def test_help_on_every_command(cli: Cli) -> None:
    for name in commands():
        ran = cli(*name.split(), "--help")
        assert ran.code == EXIT_OK
        assert "--json" in ran.out
        assert "--lang" in ran.out
    assert cli("--version").code == EXIT_OK
    assert "demo" in build_parser().format_help()


def test_a_two_word_command_makes_a_group(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    import argparse

    from electoral.cli import Command, Context, Outcome, _registry

    def configure(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--size", type=int)

    def run(args: argparse.Namespace, context: Context) -> Outcome:
        return Outcome(text="planned\n", data={"sample": args.size})

    plan = Command(
        name="audit plan",
        summary="plan an audit",
        group_summary="audits",
        configure=configure,
        run=run,
    )
    real = _registry.commands
    monkeypatch.setattr(_registry, "commands", lambda: {**real(), "audit plan": plan})
    ran = cli("audit", "plan", "--size", "3")
    assert (ran.code, ran.out) == (EXIT_OK, "planned\n")
    ran = cli("audit", "plan", "--json")
    assert json.loads(ran.out)["command"] == "audit plan"
    assert cli("audit").code == EXIT_USAGE


# --------------------------------------------------------------------------- demo


def test_demo_writes_every_file(demo_dir: pathlib.Path) -> None:
    names = {p.relative_to(demo_dir).as_posix() for p in demo_dir.rglob("*") if p.is_file()}
    assert {
        ".electoral.json",
        "summary.json",
        "winners.csv",
        "results.csv",
        "tally-setup/stations.csv",
        "tally-setup/result_forms.csv",
        "registration/centers.csv",
        "registration/civil_registry.sql",
        "registration/registrations.csv",
    } <= names
    manifest = json.loads((demo_dir / ".electoral.json").read_text(encoding="utf-8"))
    assert manifest["command"] == "demo"
    assert set(manifest["files"]) == names - {".electoral.json"}
    summary = json.loads((demo_dir / "summary.json").read_text(encoding="utf-8"))
    assert summary["as_of"] == {"register": "2026-03-01", "eligibility": "2026-06-25"}
    assert summary["size"] == "tiny"
    assert not [p for p in demo_dir.parent.iterdir() if p.name != "out"]


def test_demo_text_and_json(cli: Cli, tmp_path: pathlib.Path) -> None:
    ran = cli("demo", "--size", "tiny", "--no-files", "--quiet")
    assert ran.code == EXIT_OK
    assert "Time per stage" in ran.out
    assert "eligibility on polling day (2026-06-25)" in ran.out
    ran = cli("demo", "--size", "tiny", "--json", "--output", tmp_path / "out")
    data = json.loads(ran.out)
    assert (data["ok"], data["command"], data["schema_version"]) == (True, "demo", 1)
    assert data["register"]["records"] == 3000
    assert ran.err == ""


def test_demo_bad_arguments(cli: Cli, tmp_path: pathlib.Path) -> None:
    assert "cli.usage" in cli("demo", "--size", "huge").err
    assert cli("demo", "--size", "tiny", "--problem-share", "3/2").code == EXIT_USAGE
    blocker = tmp_path / "file"
    blocker.write_text("x")
    ran = cli("demo", "--size", "tiny", "--quiet", "--output", blocker)
    assert (ran.code, "cli.write_failed" in ran.err) == (EXIT_USAGE, True)


def test_demo_refuses_a_folder_it_did_not_write(cli: Cli, tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    ran = cli("demo", "--size", "tiny", "--quiet", "--output", folder)
    assert ran.code == EXIT_USAGE
    assert "cli.output_foreign" in ran.err
    assert "notes.txt" in ran.err
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    ran = cli("demo", "--size", "tiny", "--quiet", "--output", ".")
    assert "cli.output_cwd" in ran.err


def test_demo_replaces_its_own_folder_whole(cli: Cli, tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "out"
    assert cli("demo", "--size", "tiny", "--seed", "1", "--quiet", "--output", folder).code == 0
    assert cli("demo", "--size", "tiny", "--seed", "2", "--quiet", "--output", folder).code == 0
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["seed"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# --------------------------------------------------------------------------- validate


def test_validate_the_demo_files(cli: Cli, demo_dir: pathlib.Path) -> None:
    checks = [
        ("centers", demo_dir / "registration/centers.csv", ()),
        ("citizens", demo_dir / "registration/civil_registry.sql", ("--as-of", "2026-06-25")),
        ("registrations", demo_dir / "registration/registrations.csv",
         ("--centers", str(demo_dir / "registration/centers.csv"))),
        ("result-forms", demo_dir / "tally-setup/result_forms.csv",
         ("--setup", str(demo_dir / "tally-setup"))),
        ("results", demo_dir / "results.csv", ()),
    ]  # fmt: skip
    for kind, path, options in checks:
        ran = cli("validate", kind, path, *options, "--json")
        data = json.loads(ran.out)
        assert (ran.code, data["valid"], data["problems"]) == (EXIT_OK, True, []), kind
        assert data["records"] > 0


def test_validate_citizens_reports_every_problem_and_the_day(
    cli: Cli, tmp_path: pathlib.Path
) -> None:
    bad = list(GOOD)
    bad[6] = "2"  # gender contradicts the national id
    worse = list(WOMAN)
    worse[7] = "31/2/2000"
    twin = list(GOOD)
    twin[0] = "9"  # another PERSON_ID, the same national id
    for path in (
        citizens_csv(tmp_path / "c.csv", [GOOD, bad, worse, twin]),
        citizens_sql(tmp_path / "c.sql", [GOOD, bad, worse, twin]),
    ):
        ran = cli("validate", "citizens", path, "--as-of", "2026-01-01")
        assert ran.code == EXIT_DATA
        assert "registration.registry.gender_mismatch" in ran.out
        assert "@ line 3" in ran.out
        assert "registration.registry.birth_date" in ran.out
        assert "@ line 4" in ran.out
        assert "registration.registry.duplicate: National ID" in ran.out
        assert "2026-01-01" in ran.out
        data = json.loads(cli("validate", "citizens", path, "--as-of", "2026-01-01", "--json").out)
        assert data["as_of"] == "2026-01-01"
        assert data["format"] == path.suffix[1:]
        assert {p["line"] for p in data["problems"]} == {3, 4, 5}


def test_validate_citizens_born_after_the_day(cli: Cli, tmp_path: pathlib.Path) -> None:
    path = citizens_csv(tmp_path / "c.csv", [GOOD, WOMAN])
    assert cli("validate", "citizens", path, "--as-of", "2026-01-01").code == EXIT_OK
    ran = cli("validate", "citizens", path, "--as-of", "1999-01-01")
    assert ran.code == EXIT_DATA
    assert "@ line 3" in ran.out
    assert "day used: 1999-01-01" in ran.out


def test_validate_citizens_chunks_keep_the_repeat_check(
    monkeypatch: pytest.MonkeyPatch, cli: Cli, tmp_path: pathlib.Path
) -> None:
    from electoral.cli import _civil_registry

    monkeypatch.setattr(_civil_registry, "_CHUNK", 2)
    twin = list(GOOD)
    twin[0] = "99"
    path = citizens_sql(tmp_path / "c.sql", [GOOD, WOMAN, twin])
    ran = cli("validate", "citizens", path, "--as-of", "2026-01-01")
    assert "registration.registry.duplicate: National ID: '119690261935'" in ran.out
    assert "@ line 4" in ran.out


def test_validate_centers_with_problems(cli: Cli, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "centers.csv"
    header = ",".join(CENTER_CSV_COLUMNS)
    path.write_text(header + "\n110A1,مدرسة,,,1,,,1,1,,,,General,,\n", encoding="utf-8")
    ran = cli("validate", "centers", path)
    assert ran.code == EXIT_DATA
    assert "registration.csv.integer: Centre ID" in ran.out
    assert "line 2" in ran.out


def test_validate_registrations(cli: Cli, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "national_id,center_id\n119690261935,11001\n12,1100x\n119690261935,11002\n",
        encoding="utf-8",
    )
    ran = cli("validate", "registrations", path)
    assert ran.code == EXIT_DATA
    assert "national_id.length" in ran.out
    assert "center_id" in ran.out
    assert "cli.two_registrations: National ID" in ran.out


def test_validate_result_forms_problems(
    cli: Cli, demo_dir: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    forms = (demo_dir / "tally-setup/result_forms.csv").read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "forms.csv"
    twin = forms[1].split(",")
    twin[7] = "123"  # same barcode, another serial number
    broken.write_text("\n".join([*forms, ",".join(twin)]) + "\n", encoding="utf-8")
    ran = cli("validate", "result-forms", broken, "--setup", demo_dir / "tally-setup")
    assert ran.code == EXIT_DATA
    assert "results.csv.duplicate_barcodes" in ran.out
    assert "cli.setup_required" in cli("validate", "result-forms", broken).err


def test_validate_names_a_file_of_another_kind(cli: Cli, demo_dir: pathlib.Path) -> None:
    ran = cli("validate", "citizens", demo_dir / "results.csv")
    assert ran.code == EXIT_USAGE
    assert "cli.format_mismatch" in ran.err
    assert "results export" in ran.err
    ran = cli("validate", "centers", demo_dir / "registration/civil_registry.sql")
    assert "an SQL dump" in ran.err
    ran = cli("validate", "citizens", demo_dir / "registration/centers.csv", "--format", "tallyho")
    assert "cli.format_unsupported" in ran.err


# --------------------------------------------------------------------------- stations


def test_stations_from_the_demo_files_match_the_demo(
    cli: Cli, tmp_path: pathlib.Path, demo_dir: pathlib.Path
) -> None:
    registration = demo_dir / "registration"
    ran = cli(
        "stations", "--centers", registration / "centers.csv",
        "--citizens", registration / "civil_registry.sql",
        "--registrations", registration / "registrations.csv",
        "--as-of", "2026-06-25", "--output", tmp_path / "stations", "--json",
    )  # fmt: skip
    assert ran.code == EXIT_OK, ran.err
    data = json.loads(ran.out)
    summary = json.loads((demo_dir / "summary.json").read_text(encoding="utf-8"))
    assert data["as_of"] == "2026-06-25"
    assert data["citizens_format"] == "sql"
    assert data["registrants"] == summary["stations"]["registrants"]
    assert data["too_young"] == summary["register"]["too_young"]
    in_country = summary["stations"]["total"] - summary["stations"]["out_of_country"]
    assert data["stations"] == in_country
    written = (tmp_path / "stations/stations.csv").read_text(encoding="utf-8").splitlines()
    demo = (demo_dir / "tally-setup/stations.csv").read_text(encoding="utf-8").splitlines()

    def rows(lines: list[str]) -> set[tuple[str, ...]]:  # centre, number, gender, registrants
        return {tuple(c for i, c in enumerate(line.split(",")) if i in (0, 3, 4, 5))
                for line in lines[1:]}  # fmt: skip

    assert rows(written) <= rows(demo)
    assert (tmp_path / "stations/voters.csv").exists()


def test_stations_unknown_citizen_and_centre(
    cli: Cli, tmp_path: pathlib.Path, demo_dir: pathlib.Path
) -> None:
    citizens = citizens_csv(tmp_path / "c.csv", [GOOD])
    registrations = tmp_path / "r.csv"
    registrations.write_text("national_id,center_id\n219810371062,99999\n", encoding="utf-8")
    out = tmp_path / "out"
    ran = cli(
        "stations", "--centers", demo_dir / "registration/centers.csv", "--citizens", citizens,
        "--registrations", registrations, "--output", out,
    )  # fmt: skip
    assert ran.code == EXIT_DATA
    assert "cli.unknown_center" in ran.err
    assert not out.exists()
    registrations.write_text("national_id,center_id\n219810371062,11001\n", encoding="utf-8")
    ran = cli(
        "stations", "--centers", demo_dir / "registration/centers.csv", "--citizens", citizens,
        "--registrations", registrations, "--json",
    )  # fmt: skip
    assert ran.code == EXIT_DATA
    data = json.loads(ran.out)
    assert data["problems"][0]["code"] == "cli.unknown_citizen"
    assert "as_of" in data


def test_stations_refuses_to_replace_its_inputs(
    cli: Cli, tmp_path: pathlib.Path, demo_dir: pathlib.Path
) -> None:
    registration = demo_dir / "registration"
    ran = cli(
        "stations", "--centers", registration / "centers.csv",
        "--citizens", registration / "civil_registry.sql",
        "--registrations", registration / "registrations.csv", "--output", demo_dir,
    )  # fmt: skip
    assert ran.code == EXIT_USAGE
    assert "cli.output_holds_input" in ran.err


# --------------------------------------------------------------------------- tally and seats


def test_tally_matches_the_demo_and_feeds_seats(
    cli: Cli, demo_dir: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    votes = tmp_path / "votes"
    ran = cli(
        "tally", demo_dir / "results.csv", "--setup", demo_dir / "tally-setup",
        "--output", votes, "--json",
    )  # fmt: skip
    assert ran.code == EXIT_OK, ran.err
    summary = json.loads((demo_dir / "summary.json").read_text(encoding="utf-8"))
    data = json.loads(ran.out)
    assert data["valid"] == summary["tally"]["valid"]
    winners: dict[int, list[tuple[int, int]]] = {}
    for winner in summary["seats"]["winners"]:
        winners.setdefault(winner["ballot"], []).append((winner["candidate_id"], winner["seats"]))
    for ballot, won in winners.items():
        seats = sum(count for _, count in won)
        ran = cli("seats", votes / f"ballot-{ballot}.csv", "--seats", seats, "--json")
        assert ran.code in (EXIT_OK, EXIT_DECISION)
        allocation = json.loads(ran.out)["allocation"]
        got = sorted(int(name.split()[0]) for name, count in allocation.items() if count)
        if ran.code == EXIT_OK:
            assert got == sorted(candidate for candidate, _ in won), ballot


def test_tally_bad_files(cli: Cli, demo_dir: pathlib.Path, tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "results.csv"
    bad.write_text("ballot,votes\n1,2\n", encoding="utf-8")
    ran = cli("tally", bad, "--setup", demo_dir / "tally-setup")
    assert ran.code == EXIT_DATA
    assert "results.csv.missing_columns" in ran.err
    ran = cli("tally", bad, "--setup", tmp_path / "none")
    assert (ran.code, "cli.folder_missing" in ran.err) == (EXIT_USAGE, True)
    assert cli("tally", bad, "--setup", demo_dir / "tally-setup", "--top", "0").code == 2


def test_seats_and_a_drawing_of_lots(cli: Cli, tmp_path: pathlib.Path) -> None:
    votes = tmp_path / "votes.csv"
    votes.write_text("candidate,votes\nA,6000\nB,3500\nC,500\n", encoding="utf-8")
    ran = cli("seats", votes, "--method", "dhondt", "--seats", "5", "--json")
    assert json.loads(ran.out)["allocation"] == {"A": 3, "B": 2, "C": 0}
    tie = tmp_path / "votes.json"
    tie.write_text('{"a": 10, "b": 10, "c": 3}', encoding="utf-8")
    ran = cli("seats", tie, "--seats", "1")
    assert ran.code == EXIT_DECISION
    assert "TIE: a, b" in ran.out
    data = json.loads(cli("seats", tie, "--seats", "1", "--json").out)
    assert (data["ok"], data["exit_code"], data["tie"]) == (
        False, EXIT_DECISION, {"candidates": ["a", "b"], "seats": 1},
    )  # fmt: skip
    ran = cli("seats", tie, "--seats", "1", "--lots", "b,a", "--lots-record", "minute 7")
    assert ran.code == EXIT_OK
    assert ran.out.startswith("b: 1")
    assert "drawing of lots given with --lots (b, a): b [minute 7]" in ran.out
    data = json.loads(
        cli("seats", tie, "--seats", "1", "--lots", "b,a", "--lots-record", "m7", "--json").out
    )
    assert data["lots"] == {
        "order": ["b", "a"], "record": "m7", "used": True,
        "tie": {"candidates": ["a", "b"], "seats": 1}, "winners": ["b"],
    }  # fmt: skip
    ran = cli("seats", tie, "--seats", "1", "--lots", "b,z")
    assert ran.code == EXIT_DATA


def test_seats_bad_input(cli: Cli, tmp_path: pathlib.Path) -> None:
    votes = tmp_path / "votes.csv"
    votes.write_text("A,12x\nB,-3\nA,4\n," + "9" * 5000 + "\n", encoding="utf-8")
    ran = cli("seats", votes)
    assert ran.code == EXIT_DATA
    assert "cli.votes: A" in ran.err
    assert "@ line 1" in ran.err
    assert "cli.votes_range" in ran.err
    assert "cli.duplicate_candidate" not in ran.err  # the first A was refused
    assert cli("seats", votes, "--seats", "0").code == EXIT_USAGE
    assert cli("seats", votes, "--method", "nope").code == EXIT_USAGE
    bad_json = tmp_path / "v.json"
    bad_json.write_text("{not json", encoding="utf-8")
    ran = cli("seats", bad_json)
    assert (ran.code, "formats.json.syntax" in ran.err) == (EXIT_DATA, True)
    bad_json.write_text('{"a": 1e400, "b": true}', encoding="utf-8")
    ran = cli("seats", bad_json)
    assert ran.err.count("cli.votes") == 2


def test_lang_ar_prints_messages_in_arabic(cli: Cli, tmp_path: pathlib.Path) -> None:
    ran = cli("validate", "citizens", tmp_path / "missing.sql", "--lang", "ar")
    assert "غير موجود" in ran.err
    path = citizens_csv(tmp_path / "c.csv", [GOOD])
    ran = cli("validate", "citizens", path, "--as-of", "2026-01-01", "--lang", "ar")
    assert "بلا مشكلات" in ran.out
    assert "اليوم المعتمد: 2026-01-01" in ran.out


def test_json_stays_json_on_failure(cli: Cli, tmp_path: pathlib.Path) -> None:
    for words in (
        ("validate", "citizens", tmp_path / "missing.csv", "--json"),
        ("seats", "--json"),
        ("--json",),
        ("tally", tmp_path, "--setup", tmp_path, "--json"),
    ):
        ran = cli(*words)
        data = json.loads(ran.out)
        assert data["ok"] is False
        assert data["exit_code"] == ran.code == EXIT_USAGE
        assert data["problems"]
        assert ran.err == ""


# --------------------------------------------------------------------------- a real process


def _python(*args: str, cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "electoral", *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_module_demo_subprocess(tmp_path: pathlib.Path) -> None:
    done = _python("demo", "--size", "tiny", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Winners:" in done.stdout
    assert (tmp_path / "electoral-demo-output" / "summary.json").exists()
    assert done.stderr == ""  # not a terminal: no progress indicator
    done = _python("validate", "citizens", "missing.csv", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("cli.file_missing: File:")
