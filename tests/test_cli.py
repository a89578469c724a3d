"""Tests of the command line: every command, bad files, bad arguments, atomic writes."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

from electoral.__main__ import main
from electoral.cli import UsageError, _atomic, _progress
from electoral.registration import CENTER_CSV_COLUMNS, REGISTRY_COLUMNS


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    folder = tmp_path_factory.mktemp("demo")
    assert (
        main(
            [
                "demo",
                "--size",
                "tiny",
                "--seed",
                "3",
                "--output",
                str(folder),
                "--problem-share",
                "1/5",
                "--quiet",
            ]
        )
        == 0
    )
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


# --------------------------------------------------------------------------- demo


def test_demo_tiny_writes_every_file(demo_dir: pathlib.Path) -> None:
    names = {p.relative_to(demo_dir).as_posix() for p in demo_dir.rglob("*") if p.is_file()}
    assert {
        "summary.json",
        "winners.csv",
        "results.csv",
        "tally-setup/stations.csv",
        "tally-setup/result_forms.csv",
        "registration/centers.csv",
    } <= names
    assert not [n for n in names if n.endswith(".tmp")]
    summary = json.loads((demo_dir / "summary.json").read_text(encoding="utf-8"))
    assert summary["size"] == "tiny"
    assert set(summary["forms"]["injected"]) == {
        "reconciliation",
        "over_voting",
        "duplicate",
        "double_entry",
    }


def test_demo_text_and_json(capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path) -> None:
    code, out, _ = run(capsys, "demo", "--size", "tiny", "--no-files", "--quiet")
    assert code == 0
    assert "Time per stage" in out
    assert "Winners:" in out
    code, out, _ = run(capsys, "demo", "--size", "tiny", "--json", "--output", str(tmp_path))
    assert code == 0
    data = json.loads(out)
    assert set(data["timings"]) >= {"validate", "stations", "results", "tally", "seats"}
    assert data["register"]["records"] == 3000


def test_demo_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "demo", "--size", "huge")
    assert code == 2
    assert "cli.usage" in err
    code, _, err = run(capsys, "demo", "--size", "tiny", "--problem-share", "3/2")
    assert code == 2
    assert "cli.usage" in err


def test_demo_output_not_writable(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "demo", "--size", "tiny", "--quiet", "--output", str(blocker))
    assert code == 2
    assert "cli.write_failed" in err


# --------------------------------------------------------------------------- validate


def test_validate_good_files(capsys: pytest.CaptureFixture[str], demo_dir: pathlib.Path) -> None:
    code, out, _ = run(capsys, "validate", "centers", str(demo_dir / "registration/centers.csv"))
    assert code == 0
    assert "no problems" in out
    code, out, _ = run(
        capsys,
        "validate",
        "result-forms",
        str(demo_dir / "tally-setup/result_forms.csv"),
        "--setup",
        str(demo_dir / "tally-setup"),
        "--json",
    )
    assert code == 0
    assert json.loads(out)["valid"] is True


def _citizens(path: pathlib.Path, rows: list[list[str]]) -> pathlib.Path:
    lines = [",".join(REGISTRY_COLUMNS)] + [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = [
    "7",
    "محمد",
    "علي",
    "سالم",
    "الورفلي",
    "فاطمة",
    "1",
    "7/9/1969",
    "",
    "119690261935",
    "4471",
    "0",
    "0",
    "0",
]
WOMAN = [
    "8",
    "مريم",
    "خالد",
    "علي",
    "الترهوني",
    "سعاد",
    "2",
    "29/2/2000",
    "",
    "220000229001",
    "4472",
    "0",
    "0",
    "0",
]


def test_validate_citizens_reports_every_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
) -> None:
    bad = list(GOOD)
    bad[6] = "2"  # gender contradicts the national id
    worse = list(WOMAN)
    worse[7] = "31/2/2000"
    path = _citizens(tmp_path / "c.csv", [GOOD, bad, worse])
    code, out, _ = run(capsys, "validate", "citizens", str(path), "--as-of", "2026-01-01")
    assert code == 1
    assert "registration.registry.gender_mismatch" in out
    assert "@ line 3" in out
    assert "registration.registry.birth_date" in out
    assert "@ line 4" in out
    code, out, _ = run(capsys, "validate", "citizens", str(path), "--json")
    assert code == 1
    assert {p["location"] for p in json.loads(out)["problems"]} >= {"line 3", "line 4"}
    good = _citizens(tmp_path / "g.csv", [GOOD, WOMAN])
    code, out, _ = run(capsys, "validate", "citizens", str(good), "--as-of", "2026-01-01")
    assert code == 0


def test_validate_centers_with_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
) -> None:
    path = tmp_path / "centers.csv"
    header = ",".join(CENTER_CSV_COLUMNS)
    path.write_text(header + "\n110A1,مدرسة,,,1,,,1,1,,,,General,,\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", "centers", str(path))
    assert code == 1
    assert "line 2" in out


def test_validate_registrations(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "national_id,center_id\n119690261935,11001\n12,1100x\n119690261935,11002\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", "registrations", str(path))
    assert code == 1
    assert "national_id.length" in out
    assert "center_id" in out
    assert "cli.two_registrations" in out
    missing = tmp_path / "m.csv"
    missing.write_text("nid,center\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", "registrations", str(missing))
    assert code == 1
    assert "cli.missing_columns" in out


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"", b'a,b\n"unterminated'])
def test_validate_refuses_junk(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path, content: bytes
) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(content)
    for kind in ("centers", "citizens", "registrations"):
        code, out, err = run(capsys, "validate", kind, str(path))
        assert code in (0, 1), (kind, out, err)
        if content:
            assert code == 1


def test_validate_bad_arguments(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
) -> None:
    code, _, err = run(capsys, "validate", "centers", str(tmp_path / "nope.csv"))
    assert code == 2
    assert "cli.file_missing" in err
    code, _, err = run(capsys, "validate", "ballots", "x.csv")
    assert code == 2
    code, _, err = run(capsys, "validate", "result-forms", str(tmp_path))
    assert code == 2
    assert "cli.setup_required" in err
    code, _, err = run(capsys, "validate")
    assert code == 2


def test_validate_result_forms_problems(
    capsys: pytest.CaptureFixture[str], demo_dir: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    forms = (demo_dir / "tally-setup/result_forms.csv").read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "forms.csv"
    twin = forms[1].split(",")
    twin[7] = "123"  # same barcode, another serial number: not an exact duplicate row
    broken.write_text("\n".join([*forms, ",".join(twin)]) + "\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "validate", "result-forms", str(broken), "--setup", str(demo_dir / "tally-setup")
    )
    assert code == 1
    assert "results.csv.duplicate_barcodes" in out


# --------------------------------------------------------------------------- stations


def test_stations(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path, demo_dir: pathlib.Path
) -> None:
    citizens = _citizens(tmp_path / "c.csv", [GOOD, WOMAN])
    registrations = tmp_path / "r.csv"
    center = (demo_dir / "registration/centers.csv").read_text(encoding="utf-8").splitlines()[1]
    first_center = center.split(",")[0]
    registrations.write_text(
        f"national_id,center_id\n119690261935,{first_center}\n220000229001,{first_center}\n",
        encoding="utf-8",
    )
    out_file = tmp_path / "stations.csv"
    code, out, err = run(
        capsys,
        "stations",
        "--centers",
        str(demo_dir / "registration/centers.csv"),
        "--citizens",
        str(citizens),
        "--registrations",
        str(registrations),
        "--as-of",
        "2026-06-25",
        "--output",
        str(out_file),
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["voters"] == 2
    assert data["registrants"] == 2 * data["centers"]  # a copy centre shares the roll
    assert data["by_gender"] == {"unisex": data["centers"]}
    assert "station_registrants" in out_file.read_text(encoding="utf-8")


def test_stations_unknown_citizen(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path, demo_dir: pathlib.Path
) -> None:
    citizens = _citizens(tmp_path / "c.csv", [GOOD])
    registrations = tmp_path / "r.csv"
    registrations.write_text("national_id,center_id\n219810371062,99999\n", encoding="utf-8")
    code, _, err = run(
        capsys,
        "stations",
        "--centers",
        str(demo_dir / "registration/centers.csv"),
        "--citizens",
        str(citizens),
        "--registrations",
        str(registrations),
    )
    assert code == 1
    assert "cli.unknown_center" in err


# --------------------------------------------------------------------------- tally and seats


def test_tally_matches_the_demo(
    capsys: pytest.CaptureFixture[str], demo_dir: pathlib.Path
) -> None:
    code, out, err = run(
        capsys,
        "tally",
        str(demo_dir / "results.csv"),
        "--setup",
        str(demo_dir / "tally-setup"),
        "--json",
    )
    assert code == 0, err
    summary = json.loads((demo_dir / "summary.json").read_text(encoding="utf-8"))
    assert json.loads(out)["valid"] == summary["tally"]["valid"]
    code, out, _ = run(
        capsys, "tally", str(demo_dir / "results.csv"), "--setup", str(demo_dir / "tally-setup")
    )
    assert code == 0
    assert "ballot" in out


def test_tally_bad_file(
    capsys: pytest.CaptureFixture[str], demo_dir: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    bad = tmp_path / "results.csv"
    bad.write_text("ballot,votes\n1,2\n", encoding="utf-8")
    code, _, err = run(capsys, "tally", str(bad), "--setup", str(demo_dir / "tally-setup"))
    assert code == 1
    assert "results.csv.missing_columns" in err
    code, _, err = run(capsys, "tally", str(bad), "--setup", str(tmp_path / "none"))
    assert code == 2


def test_seats(capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path) -> None:
    votes = tmp_path / "votes.csv"
    votes.write_text("candidate,votes\nA,6000\nB,3500\nC,500\n", encoding="utf-8")
    code, out, _ = run(capsys, "seats", str(votes), "--method", "dhondt", "--seats", "5", "--json")
    assert code == 0
    assert json.loads(out)["allocation"] == {"A": 3, "B": 2, "C": 0}
    as_json = tmp_path / "votes.json"
    as_json.write_text('{"a": 10, "b": 10, "c": 3}', encoding="utf-8")
    code, out, _ = run(capsys, "seats", str(as_json), "--method", "sntv", "--seats", "1")
    assert code == 0
    assert "TIE" in out
    code, out, _ = run(capsys, "seats", str(as_json), "--seats", "1", "--lots", "b,a")
    assert code == 0
    assert out.startswith("b: 1")


def test_seats_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path) -> None:
    votes = tmp_path / "votes.csv"
    votes.write_text("A,12x\nB,-3\nA,4\n", encoding="utf-8")
    code, _, err = run(capsys, "seats", str(votes))
    assert code == 1
    assert "cli.votes" in err
    assert "line 1" in err
    code, _, err = run(capsys, "seats", str(votes), "--seats", "0")
    assert code == 2
    code, _, err = run(capsys, "seats", str(votes), "--method", "nope")
    assert code == 2
    bad_json = tmp_path / "v.json"
    bad_json.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "seats", str(bad_json))
    assert code == 1
    assert "cli.not_json" in err


# --------------------------------------------------------------------------- convert


def test_convert_round_trip(
    capsys: pytest.CaptureFixture[str], demo_dir: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    source = demo_dir / "registration/centers.csv"
    as_json = tmp_path / "centers.json"
    back = tmp_path / "centers.csv"
    assert (
        run(
            capsys,
            "convert",
            "centers",
            str(source),
            str(as_json),
            "--from",
            "smartelect",
            "--to",
            "json",
        )[0]
        == 0
    )
    assert (
        run(
            capsys,
            "convert",
            "centers",
            str(as_json),
            str(back),
            "--from",
            "json",
            "--to",
            "smartelect",
        )[0]
        == 0
    )
    again = tmp_path / "again.json"
    assert (
        run(
            capsys,
            "convert",
            "centers",
            str(back),
            str(again),
            "--from",
            "smartelect",
            "--to",
            "json",
        )[0]
        == 0
    )
    assert json.loads(again.read_text(encoding="utf-8")) == json.loads(
        as_json.read_text(encoding="utf-8")
    )
    tallyho = tmp_path / "tallyho.csv"
    assert (
        run(
            capsys,
            "convert",
            "centers",
            str(as_json),
            str(tallyho),
            "--from",
            "json",
            "--to",
            "tallyho",
        )[0]
        == 0
    )
    citizens = _citizens(tmp_path / "c.csv", [GOOD, WOMAN])
    people = tmp_path / "people.json"
    cra = tmp_path / "cra.csv"
    assert (
        run(
            capsys,
            "convert",
            "citizens",
            str(citizens),
            str(people),
            "--from",
            "cra",
            "--to",
            "json",
            "--as-of",
            "2026-01-01",
        )[0]
        == 0
    )
    assert (
        run(capsys, "convert", "citizens", str(people), str(cra), "--from", "json", "--to", "cra")[
            0
        ]
        == 0
    )
    assert cra.read_text(encoding="utf-8") == citizens.read_text(encoding="utf-8")


def test_convert_refusals(capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"center_id": "x"}]', encoding="utf-8")
    target = tmp_path / "out.csv"
    code, _, err = run(
        capsys, "convert", "centers", str(bad), str(target), "--from", "json", "--to", "smartelect"
    )
    assert code == 1
    assert "@ $[0]" in err
    assert not target.exists()
    code, _, err = run(
        capsys, "convert", "centers", str(bad), str(target), "--from", "cra", "--to", "json"
    )
    assert code == 2
    assert "cli.convert_unsupported" in err


def test_convert_result_forms_round_trip(
    capsys: pytest.CaptureFixture[str], demo_dir: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    setup = demo_dir / "tally-setup"
    as_json = tmp_path / "forms.json"
    back = tmp_path / "result_forms.csv"
    common = ("--setup", str(setup))
    first = run(
        capsys, "convert", "result-forms", str(setup / "result_forms.csv"), str(as_json),
        "--from", "tallyho", "--to", "json", *common,
    )  # fmt: skip
    assert first[0] == 0
    forms = json.loads(as_json.read_text(encoding="utf-8"))
    assert forms
    assert all(isinstance(form["barcode"], str) for form in forms)
    second = run(
        capsys, "convert", "result-forms", str(as_json), str(back),
        "--from", "json", "--to", "tallyho", *common,
    )  # fmt: skip
    assert second[0] == 0
    again = tmp_path / "again.json"
    third = run(
        capsys, "convert", "result-forms", str(back), str(again),
        "--from", "tallyho", "--to", "json", *common,
    )  # fmt: skip
    assert third[0] == 0
    assert json.loads(again.read_text(encoding="utf-8")) == forms


def test_convert_result_forms_needs_a_setup_and_good_json(
    capsys: pytest.CaptureFixture[str], demo_dir: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"barcode": 1}]', encoding="utf-8")
    target = tmp_path / "out.csv"
    code, _, err = run(
        capsys,
        "convert",
        "result-forms",
        str(bad),
        str(target),
        "--from",
        "json",
        "--to",
        "tallyho",
    )
    assert code == 2
    assert "cli.setup_required" in err
    code, _, err = run(
        capsys, "convert", "result-forms", str(bad), str(target),
        "--from", "json", "--to", "tallyho", "--setup", str(demo_dir / "tally-setup"),
    )  # fmt: skip
    assert code == 1
    assert "type: barcode" in err
    assert "missing: ballot_number" in err
    assert not target.exists()


# --------------------------------------------------------------------------- atomic writes


def test_atomic_write_leaves_no_partial_file(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")

    def boom(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(UsageError):
        _atomic.write_atomic(target, "new\n" * 1000)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_atomic_write_replaces(tmp_path: pathlib.Path) -> None:
    target = tmp_path / "sub" / "out.csv"
    _atomic.write_atomic(target, "a\n")
    _atomic.write_atomic(target, "b\n")
    assert target.read_text(encoding="utf-8") == "b\n"
    assert target.stat().st_mode & 0o777 == 0o666 & ~_atomic.umask()  # not the private 0600
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.csv"]


def test_help_on_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("demo", "validate", "stations", "tally", "seats", "convert"):
        code, out, _ = run(capsys, command, "--help")
        assert code == 0
        assert "--json" in out
    code, out, _ = run(capsys, "--version")
    assert code == 0


def test_progress_is_silent_without_a_terminal() -> None:
    import io

    stream = io.StringIO()
    progress = _progress.Progress(stream, enabled=True)
    progress("validate", 5, 10)
    progress.clear()
    assert stream.getvalue() == ""


# --------------------------------------------------------------------------- subprocess


def _python(*args: str, cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "electoral", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def test_module_demo_subprocess(tmp_path: pathlib.Path) -> None:
    done = _python("demo", "--size", "tiny", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Winners:" in done.stdout
    assert (tmp_path / "electoral-demo-output" / "summary.json").exists()
    assert done.stderr == ""  # not a terminal: no progress indicator


def test_module_bad_file_subprocess(tmp_path: pathlib.Path) -> None:
    done = _python("validate", "citizens", "missing.csv", cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("cli.file_missing:")
