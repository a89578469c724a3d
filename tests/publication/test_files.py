"""The chapter's files: per-form CSV and manifest/proof JSON under the file policy."""

from __future__ import annotations

import io
from typing import Any

import pytest

from electoral.errors import ValidationError, ValidationErrors
from electoral.publication import (
    Publication,
    PublishedForm,
    read_forms,
    read_manifest,
    read_proof,
    verify_forms_file,
    verify_inclusion,
    write_forms,
    write_manifest,
    write_proof,
)
from electoral.testing import raises_code


def _codes(error: BaseException) -> list[tuple[str, str | None]]:
    if isinstance(error, ValidationErrors):
        return [(e.code, e.location) for e in error.errors]
    assert isinstance(error, ValidationError)
    return [(error.code, error.location)]


def test_line_endings_and_byte_order_mark_are_accepted(small: Publication) -> None:
    text = write_forms(small)
    for variant in (
        text,
        "\ufeff" + text,
        text.replace("\n", "\r\n"),
        text.replace("\n", "\r"),
        text.rstrip("\n"),
        text + "\n\n",
    ):
        assert verify_forms_file(small.manifest, variant.encode()).ok
        assert verify_forms_file(small.manifest, io.BytesIO(variant.encode())).ok
    assert verify_forms_file(small.manifest, io.StringIO(text)).ok


def test_a_crlf_split_across_reads_is_one_line_end(small: Publication) -> None:
    class Trickle(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = data

        def read(self, size: int = -1) -> bytes:
            chunk, self.data = self.data[:7], self.data[7:]
            return chunk

    data = write_forms(small).replace("\n", "\r\n").encode()
    assert verify_forms_file(small.manifest, Trickle(b"\xef\xbb\xbf" + data)).ok  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (",10,20,30", ",010,20,30", "publication.number"),
        (",10,20,30", ",+10,20,30", "publication.not_ascii"),
        (",10,20,30", ", 10,20,30", "publication.not_ascii"),
        (",10,20,30", ',"10",20,30', "publication.not_ascii"),
        (",10,20,30", ",1٠,20,30", "publication.not_ascii"),
        (",10,20,30", ",10,20", "publication.cells"),
        (",10,20,30", ",10,20,30,4", "publication.cells"),
        (",10,20,30", ",99999999999999999,20,30", "publication.number"),
        (",10,20,30", ",9007199254740992,20,30", "publication.ceiling"),
        ("archived", "ARCHIVED", "publication.not_ascii"),
        ("archived", "intake", "publication.state"),
        ("11001001001", "", "publication.barcode"),
        ("1,11,11001,1,1,", "1,11,11001,0,1,", "range"),
        ("900,", ",", "publication.recon_partial"),
        ("10,20,30", "10\x0020,30", "publication.not_ascii"),
    ],
)
def test_a_non_canonical_row_is_refused_with_its_line(
    small: Publication, old: str, new: str, code: str
) -> None:
    lines = write_forms(small).splitlines()
    assert old in lines[1]
    lines[1] = lines[1].replace(old, new, 1)
    with pytest.raises(ValidationErrors) as caught:
        verify_forms_file(small.manifest, "\n".join(lines))
    assert _codes(caught.value) == [(code, "line 2")]
    if code != "publication.cells":  # without the manifest a row's width is unknown
        with pytest.raises(ValidationErrors):
            read_forms("\n".join(lines))


def test_every_bad_row_is_reported_at_once(small: Publication) -> None:
    lines = write_forms(small).splitlines()
    lines[2] = lines[2].replace("archived", "nope")
    lines[6] = lines[6] + ",1"
    lines.insert(4, "")
    with pytest.raises(ValidationErrors) as caught:
        verify_forms_file(small.manifest, "\n".join(lines))
    assert [loc for _, loc in _codes(caught.value)] == ["line 3", "line 5", "line 8"]


def test_rows_out_of_order_or_of_unknown_ballots(small: Publication) -> None:
    lines = write_forms(small).splitlines()
    swapped = [lines[0], lines[2], lines[1], *lines[3:]]
    with pytest.raises(ValidationErrors) as caught:
        verify_forms_file(small.manifest, "\n".join(swapped))
    assert _codes(caught.value) == [("publication.order", "line 3")]
    lines[1] = lines[1].replace("1,11,11001,1,1,", "1,11,11001,1,7,")
    with pytest.raises(ValidationErrors) as caught:
        verify_forms_file(small.manifest, "\n".join(lines))
    assert _codes(caught.value)[0][0] == "publication.unknown_ballot"


def test_headers_empty_files_and_long_lines(small: Publication) -> None:
    text = write_forms(small)
    with raises_code("publication.file.empty"):
        verify_forms_file(small.manifest, b"")
    with raises_code("publication.file.header"):
        verify_forms_file(small.manifest, text.replace("votes_3", "votes_x"))
    with raises_code("publication.file.header"):
        verify_forms_file(small.manifest, text.split("\n", 1)[1])
    with raises_code("publication.file.line_too_long"):
        verify_forms_file(small.manifest, text + "1," * 600_000)
    with raises_code("publication.file.nul"):
        read_forms("\x00" + text)
    with pytest.raises(TypeError, match="forms"):
        verify_forms_file(small.manifest, 12)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="manifest"):
        verify_forms_file("{}", text)  # type: ignore[arg-type]


def test_no_cell_can_run_as_a_spreadsheet_formula(small: Publication) -> None:
    for line in write_forms(small).splitlines():
        for cell in line.split(","):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def _manifest(small: Publication) -> str:
    return write_manifest(small.manifest)


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (lambda t: t[:-40], "publication.json.syntax"),
        (lambda t: "", "publication.json.syntax"),
        (
            lambda t: t.replace('"schema_version":1', '"schema_version":2'),
            "publication.schema_version",
        ),
        (
            lambda t: t.replace('"schema_version":1', '"schema_version":"1"'),
            "publication.schema_version",
        ),
        (lambda t: "[" * 100_000 + "]" * 100_000, "publication.json.too_deep"),
        (
            lambda t: t.replace('"forms":10', '"forms":' + "9" * 5000),
            "publication.json.huge_number",
        ),
        (lambda t: t.replace('"forms":10', '"forms":NaN'), "publication.json.constant"),
        (
            lambda t: t.replace('"election":"test"', '"election":"test","election":"x"'),
            "publication.json.duplicate_key",
        ),
        (lambda t: "[]", "publication.json.shape"),
    ],
)
def test_a_malformed_manifest_is_refused(small: Publication, edit: Any, code: str) -> None:
    with raises_code(code):
        read_manifest(edit(_manifest(small)))


def test_schema_problems_are_all_located(small: Publication) -> None:
    text = _manifest(small)
    root = small.manifest.root
    leaf = small.manifest.ballots[0].children[0].children[0].children[0].forms[0].leaf
    bad = (
        text.replace(root, root[:-2])
        .replace(leaf, leaf.upper())
        .replace('"votes":[', '"votes":[-1,', 1)
    )
    with pytest.raises(ValidationErrors) as caught:
        read_manifest(bad)
    found = _codes(caught.value)
    assert ("publication.json.shape", "$.subtotals.votes[0]") in found
    assert (
        "publication.hash",
        "$.ballots[0].constituencies[0].subconstituencies[0].centers[0].forms[0]",
    ) in found
    with raises_code("publication.hash"):
        read_manifest(text.replace(root, root[:-2]))
    with raises_code("publication.json.members"):
        read_manifest(text.replace('"hash":"sha256",', ""))
    with raises_code("publication.file.not_utf8"):
        read_manifest(b"\xff" + text.encode())
    assert read_manifest(b"\xef\xbb\xbf" + text.encode()) == small.manifest


def test_proofs_round_trip_and_refuse_junk(small: Publication) -> None:
    form = small.forms[3]
    proof = small.proof(form.barcode)
    text = write_proof(proof)
    assert read_proof(text) == proof
    assert verify_inclusion(read_proof(io.BytesIO(text.encode())), form, small.root)
    with raises_code("publication.json.syntax"):
        read_proof(text[: len(text) // 2])
    with raises_code("publication.schema_version"):
        read_proof(text.replace('"schema_version":1', '"schema_version":9'))
    with raises_code("publication.proof_levels"):
        read_proof(text.replace('"level":"center"', '"level":"ballot"'))
    with raises_code("publication.json.shape"):
        read_proof(text.replace('"level":"center"', '"level":"moon"'))
    short = text.replace(proof.steps[0].siblings[0][0], "ab") if proof.steps[0].siblings else None
    if short is not None:
        with raises_code("publication.hash"):
            read_proof(short)


def test_a_form_reads_back_from_its_row(small: Publication) -> None:
    for form in small.forms:
        assert PublishedForm.from_row(form.row) == form
        assert PublishedForm.from_row(form.row.encode(), candidates=len(form.votes)) == form
    with raises_code("publication.cells"):
        PublishedForm.from_row(small.forms[0].row, candidates=7)
