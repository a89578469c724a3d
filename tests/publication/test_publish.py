"""Publishing a tally: the forms counted, the totals, determinism, proofs, tampering found."""

from __future__ import annotations

import random
from typing import Any

import attrs
import pytest

from electoral.errors import ValidationErrors
from electoral.model import ReconciliationForm2014
from electoral.publication import (
    Level,
    Publication,
    PublishedForm,
    publish,
    read_manifest,
    verify_forms_file,
    verify_inclusion,
    verify_manifest,
    write_forms,
    write_manifest,
)
from electoral.results import EntryVersion, ReconEntry, VoteEntry, tally
from electoral.testing import demo_records, demo_tally_setup, raises_code


def test_the_demo_publishes_what_the_tally_counts() -> None:
    setup = demo_tally_setup()
    records = demo_records(setup)
    official = tally(records, setup)
    publication = publish(records, setup, election="demo", tally=official)
    assert len(publication.forms) == official.national.forms
    assert {f.barcode for f in publication.forms} == set(official.counted)
    for ballot in publication.manifest.ballots:
        totals = official.ballot[ballot.key]
        assert ballot.subtotals.forms == totals.forms
        assert ballot.subtotals.invalid_votes == totals.invalid
        assert dict(zip(ballot.candidates, ballot.subtotals.votes, strict=True)) == dict(
            totals.votes
        )
    assert publication.manifest.subtotals.votes == (official.national.valid,)


def test_quarantine_and_release_are_part_of_the_rule() -> None:
    setup = demo_tally_setup()
    records = demo_records(setup)
    with_audit = publish(records, setup, election="demo", include_quarantine=True)
    official = publish(records, setup, election="demo")
    released = publish(records, setup, election="demo", published_only=True)
    assert len(with_audit.forms) == len(official.forms) + 1
    assert {b.key for b in released.manifest.ballots} == {117}
    assert len({with_audit.root, official.root, released.root}) == 3
    # the rule is hashed into the root: the same forms under another rule's flags differ
    relabelled = publish(records, setup, election="demo2")
    assert relabelled.root != official.root


def test_a_tally_of_another_rule_is_refused() -> None:
    setup = demo_tally_setup()
    records = demo_records(setup)
    other = tally(records, setup, include_quarantine=True)
    with raises_code("publication.tally_mismatch"):
        publish(records, setup, election="demo", tally=other)


def test_the_same_records_in_any_order_give_the_same_bytes(small_specs: Any, builder: Any) -> None:
    records, setup = builder(small_specs)
    first = publish(records, setup, election="test")
    shuffled = list(records)
    random.Random(4).shuffle(shuffled)
    second = publish(shuffled, setup, election="test")
    assert write_manifest(first.manifest) == write_manifest(second.manifest)
    assert write_forms(first) == write_forms(second)


def test_forms_are_in_publication_order(small: Publication) -> None:
    keys = [form.key for form in small.forms]
    assert keys == sorted(keys)
    assert small.forms[0].row.startswith("1,11,11001,1,1,")


def test_every_form_has_a_proof_that_verifies(small: Publication) -> None:
    for form in small.forms:
        proof = small.proof(form.barcode)
        assert verify_inclusion(proof, form, small.root)
        assert [step.level for step in proof.steps] == [
            Level.CENTER,
            Level.SUBCONSTITUENCY,
            Level.CONSTITUENCY,
            Level.BALLOT,
            Level.ELECTION,
        ]


def test_a_proof_fails_for_a_changed_form_or_another_root(small: Publication) -> None:
    form = small.forms[2]
    proof = small.proof(form.barcode)
    changed = attrs.evolve(form, votes=(form.votes[0] + 1, *form.votes[1:]))
    result = verify_inclusion(proof, changed, small.root)
    assert not result
    assert result.disagreements[0].code == "publication.differs.root"
    moved = attrs.evolve(form, center_id=11002)
    moved_result = verify_inclusion(proof, moved, small.root)
    assert moved_result.disagreements
    assert moved_result.disagreements[0].code == "publication.differs.place"
    assert moved_result.disagreements[0].path[-1] == (Level.CENTER, 11002)
    assert moved_result.disagreements[0].expected == 11001
    assert not verify_inclusion(proof, form, "0" * 64)
    other = small.forms[5]
    assert not verify_inclusion(proof, other, small.root)


def test_an_unknown_barcode_has_no_proof(small: Publication) -> None:
    with raises_code("publication.form_not_found"):
        small.proof("123")


def _verify_text(publication: Publication, text: str) -> Any:
    manifest = read_manifest(write_manifest(publication.manifest))
    return verify_forms_file(manifest, text)


def test_the_published_files_verify(small: Publication) -> None:
    result = _verify_text(small, write_forms(small))
    assert result.ok
    assert result.root == small.root
    assert result.forms == len(small.forms)
    assert verify_manifest(small.manifest, small.forms, root=small.root).ok


def test_a_changed_number_names_its_form(small: Publication) -> None:
    lines = write_forms(small).splitlines()
    lines[5] = lines[5].replace(",13,23,33", ",13,24,33")  # centre 12001, station 1, ballot 1
    result = _verify_text(small, "\n".join(lines))
    assert not result.ok
    first = result.first
    assert first.code == "publication.differs.form"
    assert first.path == (
        (Level.BALLOT, 1),
        (Level.CONSTITUENCY, 1),
        (Level.SUBCONSTITUENCY, 12),
        (Level.CENTER, 12001),
        (Level.FORM, 1),
    )
    assert "12001001001" in first.message()
    assert str(first).startswith("ballot 1 / constituency 1 / sub-constituency 12 / centre 12001")


def test_a_moved_form_names_both_stations(small: Publication) -> None:
    lines = write_forms(small).splitlines()
    # centre 21001 station 3 becomes station 4
    lines[9] = lines[9].replace("2,21,21001,3,", "2,21,21001,4,")
    result = _verify_text(small, "\n".join(lines))
    codes = [(d.code, d.path[-1]) for d in result.disagreements]
    assert codes[0] == ("publication.differs.form_missing", (Level.FORM, 3))


def test_a_dropped_form_is_missing(small: Publication) -> None:
    lines = write_forms(small).splitlines()
    del lines[3]  # centre 11001 station 2 ballot 1
    result = _verify_text(small, "\n".join(lines))
    assert result.disagreements[0].code == "publication.differs.form_missing"
    assert result.disagreements[0].path[-2:] == ((Level.CENTER, 11001), (Level.FORM, 2))
    del lines[3]  # and centre 11002's only form: the centre is missing
    result = _verify_text(small, "\n".join(lines))
    assert [d.code for d in result.disagreements[:2]] == [
        "publication.differs.form_missing",
        "publication.differs.missing",
    ]
    assert result.disagreements[1].path[-1] == (Level.CENTER, 11002)


def test_a_duplicated_form_is_refused_with_its_line(small: Publication) -> None:
    lines = write_forms(small).splitlines()
    lines.insert(3, lines[3])
    with pytest.raises(ValidationErrors) as caught:
        _verify_text(small, "\n".join(lines))
    assert [(e.code, e.location) for e in caught.value.errors] == [
        ("publication.duplicate", "line 5")
    ]


def test_an_altered_subtotal_or_hash_is_named(small: Publication) -> None:
    manifest = small.manifest
    ballot = manifest.ballots[0]
    constituency = ballot.children[0]
    votes = constituency.subtotals.votes
    bad = attrs.evolve(constituency.subtotals, votes=(votes[0], votes[1] + 1, votes[2]))
    altered = attrs.evolve(
        manifest,
        ballots=(
            attrs.evolve(
                ballot,
                children=(attrs.evolve(constituency, subtotals=bad), *ballot.children[1:]),
            ),
            *manifest.ballots[1:],
        ),
    )
    result = verify_manifest(altered, small.forms)
    assert result.disagreements[0].code == "publication.differs.subtotal"
    assert result.disagreements[0].path == ((Level.BALLOT, 1), (Level.CONSTITUENCY, 1))
    assert result.disagreements[0].message() == (
        "votes of candidate 1:2: the forms add up to 86; the manifest says 87."
    )
    rehashed = attrs.evolve(
        manifest, ballots=(attrs.evolve(ballot, hash="0" * 64), *manifest.ballots[1:])
    )
    result = verify_manifest(rehashed, small.forms)
    assert [d.code for d in result.disagreements] == ["publication.differs.hash"]
    assert result.disagreements[0].path == ((Level.BALLOT, 1),)


def test_a_root_published_elsewhere_must_match(small: Publication) -> None:
    assert verify_manifest(small.manifest, small.forms, root=small.root)
    result = verify_manifest(small.manifest, small.forms, root="f" * 64)
    assert [d.code for d in result.disagreements] == ["publication.differs.published_root"]
    forged = attrs.evolve(small.manifest, root="a" * 64)
    assert verify_manifest(forged, small.forms).disagreements[0].code == (
        "publication.differs.root"
    )


def test_forms_that_cannot_be_published_are_all_reported(builder: Any) -> None:
    records, setup = builder([(1, 11, 11001, 1, 1, (1, 2)), (1, 11, 11001, 2, 1, (3, 4))])
    stray = attrs.evolve(
        records[0],
        results=(
            *records[0].results,
            VoteEntry(candidate=(9, 9), votes=1, version=EntryVersion.FINAL),
        ),
    )
    old = attrs.evolve(
        records[1],
        recons=(ReconEntry(recon=ReconciliationForm2014(), version=EntryVersion.FINAL),),
    )
    with pytest.raises(ValidationErrors) as caught:
        publish([stray, old], setup, election="test")
    assert [(e.code, e.location) for e in caught.value.errors] == [
        ("publication.candidate_not_on_ballot", "barcode 11001001001"),
        ("publication.recon_layout", "barcode 11001002001"),
    ]


def test_wrong_python_objects_are_type_errors(small: Publication) -> None:
    setup = demo_tally_setup()
    with pytest.raises(TypeError, match="setup"):
        publish([], {}, election="x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="records"):
        publish({"a": 1}, setup, election="x")  # type: ignore[dict-item]
    with pytest.raises(TypeError, match="records"):
        publish([1], setup, election="x")  # type: ignore[list-item]
    with raises_code("publication.label"):
        publish([], setup, election="bad label")
    with pytest.raises(TypeError, match="manifest"):
        verify_manifest({}, [])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="forms"):
        verify_manifest(small.manifest, "rows")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="proof"):
        verify_inclusion(None, small.forms[0], small.root)  # type: ignore[arg-type]
    with raises_code("publication.hash"):
        verify_inclusion(small.proof(small.forms[0].barcode), small.forms[0], "abc")
    with pytest.raises(TypeError, match="barcode"):
        small.proof(11001001001)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="row"):
        PublishedForm.from_row(5)  # type: ignore[arg-type]


def test_verification_is_linear(builder: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    real = hashlib.sha256
    calls = 0

    def counting(data: bytes = b"") -> Any:
        nonlocal calls
        calls += 1
        return real(data)

    per_form = []
    for centers in (4, 16, 64):
        spec = [
            (1 + c % 3, 10 + c % 5, 10001 + c, s, 1, (s, c, 7))
            for c in range(centers)
            for s in range(1, 9)
        ]
        records, setup = builder(spec)
        publication = publish(records, setup, election="linear")
        calls = 0
        with monkeypatch.context() as patch:
            patch.setattr(hashlib, "sha256", counting)
            assert verify_manifest(publication.manifest, publication.forms).ok
        per_form.append(calls / len(publication.forms))
    # a leaf and fewer than one inner node per form, plus a node per centre and above
    assert all(2 <= ratio < 2.5 for ratio in per_form), per_form
