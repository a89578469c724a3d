"""``electoral audit plan`` and ``electoral audit evaluate``: a round trip, and refusals."""

from __future__ import annotations

import csv
import io
import json
import pathlib

import pytest

from electoral.__main__ import main

SEED = "73918264501928374650"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


@pytest.fixture
def published(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / "races.csv").write_text(
        "ballot,race,rule,seats,kind\n5,Ghat/general,plurality,1,general\n"
        "105,Ghat/women,plurality,1,women\n",
        encoding="utf-8",
    )
    rows = ["ballot,center,station,barcode,candidate_id,votes,total_ballot_papers_in_box"]
    for n in range(80):
        rows += [
            f"5,{30000 + n},1,{30000 + n}0015,1,260,430",
            f"5,{30000 + n},1,{30000 + n}0015,2,160,430",
        ]
        rows += [
            f"105,{30000 + n},1,{30000 + n}0105,8,250,420",
            f"105,{30000 + n},1,{30000 + n}0105,9,160,420",
        ]
    (tmp_path / "results.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def _fill(sheet: pathlib.Path, votes: dict[str, int], out: pathlib.Path) -> None:
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["race", "batch", "candidate", "votes", "ballots"])
        for row in rows:
            writer.writerow(
                [row["race"], row["batch"], row["candidate"], votes[row["candidate"]], ""]
            )


def test_plan_then_evaluate_confirms(
    capsys: pytest.CaptureFixture[str], published: pathlib.Path
) -> None:
    out = published / "round1"
    code, text, err = _run(
        capsys, "audit", "plan", str(published / "results.csv"), "--races",
        str(published / "races.csv"), "--risk-limit", "0.05", "--seed", SEED, "--output", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert "Ghat/general:" in text
    assert "Ghat/women:" in text
    assert sorted(p.name for p in out.iterdir()) == ["draws.csv", "hand-counts.csv", "plan.json"]
    counts = published / "counts.csv"
    _fill(out / "hand-counts.csv", {"5:1": 260, "5:2": 160, "105:8": 250, "105:9": 160}, counts)
    code, text, err = _run(
        capsys, "audit", "evaluate", str(out / "plan.json"), "--counts", str(counts),
        "--output", str(published / "evaluation"), "--json",
    )  # fmt: skip
    assert code == 0, err
    document = json.loads(text)
    assert {e["status"] for e in document["evaluations"]} == {"confirmed"}
    assert (published / "evaluation" / "evaluation.json").exists()


def test_evaluate_refuses_missing_counts(
    capsys: pytest.CaptureFixture[str], published: pathlib.Path
) -> None:
    out = published / "round1"
    args = ["--risk-limit", "1/20", "--seed", SEED, "--output", str(out)]
    code, _, _ = _run(capsys, "audit", "plan", str(published / "results.csv"), "--races",
                      str(published / "races.csv"), *args)  # fmt: skip
    assert code == 0
    counts = published / "counts.csv"
    counts.write_text(
        "race,batch,candidate,votes\nGhat/general,300000015,5:1,260\n", encoding="utf-8"
    )
    code, _, err = _run(
        capsys, "audit", "evaluate", str(out / "plan.json"), "--counts", str(counts),
        "--output", str(published / "evaluation"),
    )  # fmt: skip
    assert code == 1
    assert "audit.missing_count" in err
    assert not (published / "evaluation").exists()


@pytest.mark.parametrize(
    ("option", "value", "code"),
    [("--risk-limit", "1.5", "audit.risk_limit"), ("--seed", "12", "audit.seed")],
)
def test_plan_refuses_bad_arguments(
    capsys: pytest.CaptureFixture[str], published: pathlib.Path, option: str, value: str, code: str
) -> None:
    args = {"--risk-limit": "0.05", "--seed": SEED} | {option: value}
    status, _, err = _run(
        capsys, "audit", "plan", str(published / "results.csv"), "--races",
        str(published / "races.csv"), "--output", str(published / "out"),
        *[item for pair in args.items() for item in pair],
    )  # fmt: skip
    assert status == 2
    assert code in err


def test_plan_reports_bad_files(
    capsys: pytest.CaptureFixture[str], published: pathlib.Path
) -> None:
    (published / "bad.csv").write_text(
        "ballot,center,station,barcode,candidate_id,votes\n5,1,1,B,1,-4\n", encoding="utf-8"
    )
    races = str(published / "races.csv")
    rest = ["--risk-limit", "0.05", "--seed", SEED, "--output", str(published / "out")]
    status, _, err = _run(
        capsys, "audit", "plan", str(published / "bad.csv"), "--races", races, *rest
    )
    assert status == 1
    assert "audit.count_type" in err
    assert "line 2" in err
    missing = str(published / "missing.csv")
    status, _, err = _run(capsys, "audit", "plan", missing, "--races", races, *rest)
    assert status == 2
    assert "cli.file_missing" in err


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("plan", "evaluate"):
        status, out, _ = _run(capsys, "audit", command, "--help")
        assert status == 0
        assert "--json" in out


def test_discrepancy_writes_the_next_round(
    capsys: pytest.CaptureFixture[str], published: pathlib.Path
) -> None:
    races, results = str(published / "races.csv"), str(published / "results.csv")
    out = published / "round1"
    rest = ["--risk-limit", "0.05", "--seed", SEED, "--output", str(out)]
    assert _run(capsys, "audit", "plan", results, "--races", races, *rest)[0] == 0
    counts = published / "counts.csv"
    _fill(out / "hand-counts.csv", {"5:1": 260, "5:2": 160, "105:8": 250, "105:9": 160}, counts)
    lines = counts.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Ghat/general"))
    lines[first] = lines[first].replace(",260,", ",160,")  # the winner's votes were 100 short
    lines[first + 1] = lines[first + 1].replace(",160,", ",260,")
    counts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    following = published / "round2"
    status, text, err = _run(
        capsys, "audit", "evaluate", str(out / "plan.json"), "--counts", str(counts),
        "--output", str(following),
    )  # fmt: skip
    assert status == 0, err
    assert "Ghat/general: next_round" in text or "Ghat/general: full_hand_count" in text
    assert (following / "plan.json").exists()
    assert (following / "hand-counts.csv").exists()
