"""The chapter's nouns refuse junk with typed errors; the documented schema is the writer's."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from electoral.errors import ValidationError
from electoral.model import FormState
from electoral.publication import (
    Counting,
    FormEntry,
    InclusionProof,
    Level,
    Manifest,
    Node,
    ProofStep,
    Publication,
    PublishedForm,
    Subtotals,
    write_manifest,
)

SCHEMA_PAGE = Path(__file__).resolve().parents[2] / "docs" / "publication" / "manifest.md"
ZERO = Subtotals(forms=0, voters=0, voter_cards=0, valid_votes=0, invalid_votes=0,
                 papers_in_box=0, votes=())  # fmt: skip
FORM: dict[str, Any] = {
    "constituency_id": 3, "subconstituency_id": 31, "center_id": 31001, "station_number": 2,
    "ballot_number": 117, "barcode": "31001002117", "state": FormState.ARCHIVED,
    "reconciliation": (412, 160, 150, 10, 160), "votes": (90, 60),
}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"votes": 5}, "type"),
        ({"votes": "12"}, "type"),
        ({"votes": (1, -1)}, "range"),
        ({"votes": (2**53,)}, "range"),
        ({"votes": (True,)}, "type"),
        ({"reconciliation": (1, 2, 3)}, "length"),
        ({"reconciliation": 7}, "type"),
        ({"barcode": "12a"}, "publication.barcode"),
        ({"barcode": ""}, "text.blank"),
        ({"state": FormState.INTAKE}, "publication.state"),
        ({"station_number": 0}, "range"),
        ({"center_id": None}, "type"),
    ],
)
def test_a_published_form_refuses_junk(change: dict[str, Any], code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        PublishedForm(**{**FORM, **change})
    assert caught.value.code == code


def test_the_manifest_nouns_refuse_junk() -> None:
    good = "a" * 64
    with pytest.raises(ValidationError, match="accepted type"):
        Node(level=Level.CENTER, key=1, hash=good, subtotals=ZERO, children=[1])
    with pytest.raises(ValidationError):
        Node(level=Level.CENTER, key=1, hash=good, subtotals=ZERO, forms=5)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Node(level=Level.FORM, key=1, hash=good, subtotals=ZERO)
    with pytest.raises(ValidationError):
        Node(level=Level.CENTER, key=1, hash=good.upper(), subtotals=ZERO)
    with pytest.raises(ValidationError):
        FormEntry(station_number=1, barcode="x", leaf=good)
    with pytest.raises(ValidationError):
        Subtotals.of((1, 2, 3, 4, 5, -6))
    with pytest.raises(ValidationError):
        Counting(include_quarantine=1)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Manifest(election="x y", counting=Counting(), root=good, subtotals=ZERO, ballots=())
    with pytest.raises(ValidationError):
        Manifest(election="x", counting=Counting(), root=good, subtotals=ZERO, ballots=[ZERO])
    with pytest.raises(ValidationError):
        ProofStep(level=Level.CENTER, key=1, index=0, count=0, siblings=())
    with pytest.raises(ValidationError):
        ProofStep(level=Level.CENTER, key=1, index=0, count=1, siblings=[("ab", ZERO)])
    with pytest.raises(ValidationError):
        InclusionProof(election="x", counting=Counting(), candidates=(), steps=())


def test_the_documented_schema_names_what_the_writer_writes(small: Publication) -> None:
    block = re.search(r"```json\n(.*?)```", SCHEMA_PAGE.read_text(encoding="utf-8"), re.DOTALL)
    assert block is not None
    schema = json.loads(block.group(1))
    document = json.loads(write_manifest(small.manifest))
    assert schema["required"] == list(document)
    defs = schema["$defs"]
    ballot = document["ballots"][0]
    constituency = ballot["constituencies"][0]
    subcon = constituency["subconstituencies"][0]
    center = subcon["centers"][0]
    for name, node in (("ballot", ballot), ("constituency", constituency),
                       ("subconstituency", subcon), ("center", center)):  # fmt: skip
        assert defs[name]["required"] == list(node)
    assert defs["subtotals"]["required"] == list(center["subtotals"])
    assert re.fullmatch(defs["hash"]["pattern"].strip("^$"), center["forms"][0][2])
