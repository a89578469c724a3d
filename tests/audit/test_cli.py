"""``electoral audit plan`` and ``electoral audit evaluate``: rounds, refusals, JSON documents."""

from __future__ import annotations

import csv
import io
import json
import pathlib
from typing import Any

import pytest

from electoral.cli import json_schema, main

SEED = "73918264501928374650"
FORMS = {"5:1": 260, "5:2": 160, "105:8": 250, "105:9": 160}


def _run(capsys: pytest.CaptureFixture[str], *args: str | pathlib.Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
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
        general, women = f"{30000 + n}0015", f"{30000 + n}0105"
        rows += [f"5,{30000 + n},1,{general},1,260,430", f"5,{30000 + n},1,{general},2,160,430"]
        rows += [f"105,{30000 + n},1,{women},8,250,420", f"105,{30000 + n},1,{women},9,160,420"]
    (tmp_path / "results.csv").write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    return tmp_path


def _plan(
    capsys: pytest.CaptureFixture[str], folder: pathlib.Path, *extra: str
) -> tuple[int, str, str]:
    return _run(
        capsys, "audit", "plan", folder / "results.csv", "--races", folder / "races.csv",
        "--risk-limit", "0.05", "--seed", SEED, "--output", folder / "round1", *extra,
    )  # fmt: skip


def _fill(sheet: pathlib.Path, out: pathlib.Path, change: dict[str, int] | None = None) -> None:
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    first = rows[0]["batch"]
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["race", "batch", "candidate", "votes", "ballots"])
        for row in rows:
            votes = FORMS[row["candidate"]]
            if change and row["batch"] == first:
                votes = change.get(row["candidate"], votes)
            writer.writerow([row["race"], row["batch"], row["candidate"], votes, ""])


def test_plan_then_evaluate_confirms(
    capsys: pytest.CaptureFixture[str], published: pathlib.Path
) -> None:
    code, text, err = _plan(capsys, published)
    assert code == 0, err
    assert "Ghat/general:" in text
    assert "Ghat/women:" in text
    written = sorted(p.name for p in (published / "round1").iterdir() if p.suffix != ".json")
    assert written == ["draws.csv", "hand-counts.csv"]
    assert (published / "round1" / "plan.json").exists()
    counts = published / "counts.csv"
    _fill(published / "round1" / "hand-counts.csv", counts)
    code, text, err = _run(
        capsys, "audit", "evaluate", published / "round1" / "plan.json", "--counts", counts,
        "--output", published / "evaluation", "--json",
    )  # fmt: skip
    assert code == 0, err
    document = json.loads(text)
    assert {e["status"] for e in document["evaluations"]} == {"confirmed"}
    assert (published / "evaluation" / "evaluation.json").exists()


def test_a_discrepancy_writes_the_next_round(
    capsys: pytest.CaptureFixture[str], published: pathlib.Path
) -> None:
    assert _plan(capsys, published)[0] == 0
    counts = published / "counts.csv"
    # the first station's winner was 100 votes short
    _fill(published / "round1" / "hand-counts.csv", counts, {"5:1": 160, "5:2": 260})
    code, text, err = _run(
        capsys, "audit", "evaluate", published / "round1" / "plan.json", "--counts", counts,
        "--output", published / "round2",
    )  # fmt: skip
    assert code == 0, err
    assert "Ghat/general: next_round" in text or "Ghat/general: full_hand_count" in text
    assert (published / "round2" / "plan.json").exists()
    assert (published / "round2" / "hand-counts.csv").exists()


def test_missing_counts_are_refused_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], published: pathlib.Path
) -> None:
    assert _plan(capsys, published)[0] == 0
    counts = published / "counts.csv"
    counts.write_text("race,batch,candidate,votes\nGhat/general,300000015,5:1,260\n")
    code, _, err = _run(
        capsys, "audit", "evaluate", published / "round1" / "plan.json", "--counts", counts,
        "--output", published / "evaluation",
    )  # fmt: skip
    assert code == 1
    assert "audit.missing_count" in err
    assert not (published / "evaluation").exists()


@pytest.mark.parametrize(
    ("option", "value", "code"),
    [("--risk-limit", "1.5", "audit.risk_limit"), ("--seed", "12", "audit.seed")],
)
def test_bad_arguments_exit_2(
    capsys: pytest.CaptureFixture[str], published: pathlib.Path, option: str, value: str, code: str
) -> None:
    status, _, err = _plan(capsys, published, option, value)
    assert status == 2
    assert code in err


def test_bad_files(capsys: pytest.CaptureFixture[str], published: pathlib.Path) -> None:
    bad = published / "results.csv"
    bad.write_text("ballot,center,station,barcode,candidate_id,votes\n5,1,1,B,1,-4\n")
    status, _, err = _plan(capsys, published)
    assert status == 1
    assert "barcode.format" in err
    assert "results.csv.integer" in err
    assert "line 2" in err
    bad.unlink()
    status, _, err = _plan(capsys, published)
    assert status == 2
    assert "cli.file_missing" in err


def test_a_tie_without_its_drawing_exits_3(
    capsys: pytest.CaptureFixture[str], published: pathlib.Path
) -> None:
    rows = ["ballot,center,station,barcode,candidate_id,votes"]
    rows += [f"5,{n},1,{n}005,1,10" for n in range(5)] + [f"5,{n},1,{n}005,2,10" for n in range(5)]
    (published / "results.csv").write_text("\n".join(rows) + "\n")
    (published / "races.csv").write_text("ballot,race,rule,seats\n5,Ghat/general,plurality,1\n")
    status, _, _ = _plan(capsys, published)
    assert status == 3
    assert not (published / "round1").exists()
    status, _, err = _plan(capsys, published, "--lots", "Ghat/general=5:2,5:1")
    assert status == 0, err


def test_json_documents_follow_the_schema(
    capsys: pytest.CaptureFixture[str], published: pathlib.Path
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator: Any = jsonschema.Draft202012Validator(json_schema())
    documents = [json.loads(_plan(capsys, published, "--json")[1])]
    counts = published / "counts.csv"
    _fill(published / "round1" / "hand-counts.csv", counts)
    for output in ("evaluation", "round1"):  # the second refuses to replace its own input
        documents.append(
            json.loads(
                _run(
                    capsys, "audit", "evaluate", published / "round1" / "plan.json",
                    "--counts", counts, "--output", published / output, "--json",
                )[1]
            )
        )  # fmt: skip
    documents.append(json.loads(_plan(capsys, published, "--json", "--seed", "1")[1]))
    for document in documents:
        assert not list(validator.iter_errors(document)), document
    assert [d["ok"] for d in documents] == [True, True, False, False]


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("plan", "evaluate"):
        status, out, _ = _run(capsys, "audit", command, "--help")
        assert status == 0
        assert "--json" in out
