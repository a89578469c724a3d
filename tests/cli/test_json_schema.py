"""Every ``--json`` document, succeeding or failing, is valid against the published schema."""

from __future__ import annotations

import json
import pathlib
from typing import TYPE_CHECKING, Any

import pytest

from electoral.cli import json_schema

if TYPE_CHECKING:
    from tests.cli.conftest import Cli

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_schema_catches_a_wrong_document(validator: Any) -> None:
    good = {"schema_version": 1, "electoral": "0", "command": "seats", "ok": False,
            "exit_code": 2, "problems": []}  # fmt: skip
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "schema_version": 2})
    assert not validator.is_valid({**good, "ok": True, "exit_code": 0})  # members missing
    assert not validator.is_valid({**good, "problems": [{"code": "x"}]})
    assert not validator.is_valid({**good, "tie": {"candidates": "A", "seats": 1}})


def test_real_documents_of_every_command(
    cli: Cli, validator: Any, demo_dir: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    registration, setup = demo_dir / "registration", demo_dir / "tally-setup"
    tie = tmp_path / "tie.json"
    tie.write_text('{"A": 5, "B": 5}', encoding="utf-8")
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    runs = [
        ("demo", "--size", "tiny", "--no-files"),
        ("demo", "--size", "tiny", "--output", foreign),  # a folder it did not write
        ("validate", "citizens", registration / "civil_registry.sql", "--as-of", "2026-06-25"),
        ("validate", "citizens", registration / "civil_registry.sql", "--as-of", "1950-01-01"),
        ("validate", "centers", demo_dir / "results.csv"),
        ("validate", "results", tmp_path / "missing.csv"),
        ("stations", "--centers", registration / "centers.csv",
         "--citizens", registration / "civil_registry.sql",
         "--registrations", registration / "registrations.csv", "--as-of", "2026-06-25"),
        ("stations", "--centers", registration / "centers.csv",
         "--citizens", registration / "civil_registry.sql",
         "--registrations", registration / "civil_registry.sql"),
        ("tally", demo_dir / "results.csv", "--setup", setup, "--output", tmp_path / "votes"),
        ("tally", demo_dir / "results.csv", "--setup", tmp_path),
        ("seats", tmp_path / "votes/ballot-1.csv", "--seats", "2"),
        ("seats", tie), ("seats", tie, "--lots", "B,A"), ("seats", tie, "--lots", "B"),
        ("convert", "centers", registration / "centers.csv", tmp_path / "c.json", "--to", "json"),
        ("convert", "centers", setup / "centers.csv", tmp_path / "c.csv", "--to", "smartelect"),
        ("convert", "citizens", registration / "civil_registry.sql", tmp_path / "p.json",
         "--to", "json", "--as-of", "2026-06-25"),
        ("convert",),
        ("nope",),
    ]  # fmt: skip
    seen = set()
    for words in runs:
        ran = cli(*words, "--json")
        document = json.loads(ran.out)
        errors = sorted(validator.iter_errors(document), key=str)
        assert not errors, (words, [e.message for e in errors])
        assert document["exit_code"] == ran.code
        assert document["ok"] is (ran.code == 0)
        seen.add((document["command"], document["ok"]))
    assert {name for name, ok in seen if ok} >= {"demo", "validate", "stations", "tally",
                                                  "seats", "convert"}  # fmt: skip
    assert {name for name, ok in seen if not ok} >= {"demo", "validate", "stations", "tally",
                                                      "seats", "convert", None}  # fmt: skip
