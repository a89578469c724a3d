"""Tally-Ho's PVP bundle: reading it all or nothing, writing it back."""

from __future__ import annotations

import io
import pathlib
import zipfile

import attrs
import pytest

from electoral.errors import InvalidFormat, OutOfRange, ValidationErrors
from electoral.formats.tallyho import (
    PVP_BUNDLE_COLUMNS,
    pvp_results_csv_example,
    read_pvp_bundle,
    read_pvp_results,
    write_pvp_bundle,
    write_pvp_results,
)
from electoral.results import (
    PvpBundle,
    PvpCandidate,
    PvpMode,
    PvpSkip,
    PvpSubmission,
    pvp_skip_reason,
)


def codes(info: pytest.ExceptionInfo[ValidationErrors]) -> list[str]:
    return list(info.value.codes)


EXAMPLE = read_pvp_results(pvp_results_csv_example()).submissions[0]


def submission(
    barcode: str = "31001001117",
    *,
    instance: str = "uuid:1",
    round1: tuple[int, ...] = (10, 20, 30),
    round2: tuple[int, ...] = (10, 20, 30),
) -> PvpSubmission:
    """The example's submission, with another barcode, instance or rounds."""
    candidates = [
        attrs.evolve(c, round1=a, round2=b)
        for c, a, b in zip(EXAMPLE.candidates, round1, round2, strict=True)
    ]
    return attrs.evolve(EXAMPLE, barcode=barcode, instance_id=instance, candidates=candidates)


def test_example_parses_and_round_trips() -> None:
    bundle = read_pvp_results(pvp_results_csv_example())
    (only,) = bundle.submissions
    assert only.instance_id == "uuid:demo-1"
    assert only.ballot_number == 117
    assert [(c.candidate_id, c.round1, c.round2) for c in only.candidates] == [
        (1, 10, 10),
        (2, 20, 20),
        (3, 30, 30),
    ]
    assert only.recon(2) == {
        "number_ballots_received": 5,
        "number_voter_cards": 70,
        "number_valid_ballots": 60,
        "number_invalid_ballots": 5,
        "number_ballots_inside_box": 65,
    }
    assert bundle.missing_images == ()
    with pytest.raises(OutOfRange):
        only.recon(3)
    assert read_pvp_results(write_pvp_results(bundle)) == bundle
    data = write_pvp_bundle(bundle, {"sig.jpg": b"x", "p1.jpg": b"y"})
    assert read_pvp_bundle(data).missing_images == ("p2.jpg",)
    assert read_pvp_bundle(io.BytesIO(data)).submissions == bundle.submissions


def test_zero_rounds_and_empty_recon_cells_are_valid() -> None:
    sub = attrs.evolve(
        submission(round1=(0, 0, 0), round2=(0, 0, 0)), recon_r1=(None,) * 5, recon_r2=(None,) * 5
    )
    text = write_pvp_results(PvpBundle(submissions=[sub]))
    assert read_pvp_results(text).submissions == (sub,)


def test_bundle_from_a_path_and_image_columns(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bundle.zip"
    path.write_bytes(write_pvp_bundle(read_pvp_results(pvp_results_csv_example())))
    (only,) = read_pvp_bundle(path).submissions
    assert only.images == (
        ("clerk_signature", "sig.jpg"),
        ("forms_picture_1st_page", "p1.jpg"),
        ("forms_picture_2nd_page", "p2.jpg"),
    )
    with pytest.raises(InvalidFormat):
        attrs.evolve(only, images=[("selfie", "x.jpg")])
    with pytest.raises(ValidationErrors) as info:
        read_pvp_bundle(tmp_path / "missing.zip")
    assert codes(info) == ["formats.file.missing"]


def test_zip_problems() -> None:
    with pytest.raises(ValidationErrors) as info:
        read_pvp_bundle(b"not a zip")
    assert codes(info) == ["results.pvp.bad_zip"]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("other.csv", "x")
    with pytest.raises(ValidationErrors) as info:
        read_pvp_bundle(out.getvalue())
    assert codes(info) == ["results.pvp.missing_csv"]


def test_missing_columns_fail_the_bundle() -> None:
    header = ",".join(c for c in PVP_BUNDLE_COLUMNS if c != "barcode" and "r1" not in c)
    with pytest.raises(ValidationErrors) as info:
        read_pvp_results(header + "\n")
    assert codes(info) == ["results.pvp.missing_columns"]
    text = info.value.errors[0].message()
    assert "barcode" in text
    assert "reconciliation_r1-number_voter_cards_r1" in text


def test_every_bundle_problem_at_once() -> None:
    good = submission()
    rows = [
        attrs.evolve(good, candidates=[*good.candidates[:2], PvpCandidate(candidate_id=3)]),
        submission("31001002117", instance="uuid:2", round2=(10, 21, 30)),
        submission("31001002117", instance="uuid:3"),
    ]
    text = write_pvp_results(PvpBundle(submissions=rows))
    lines = text.splitlines()
    lines[1] = lines[1].replace(",10,10,", ",x,10,", 1)  # non-integer round 1
    lines[2] = lines[2].replace("sig.jpg", "a\\b.jpg")
    with pytest.raises(ValidationErrors) as info:
        read_pvp_results("\n".join(lines) + "\n")
    found = [(e.code, e.location) for e in info.value.errors]
    assert ("results.pvp.integer", "line 2") in found
    assert ("results.pvp.unsafe_image", "line 3") in found
    assert ("results.pvp.rounds_differ", "line 4") in found  # candidate 3, no rounds
    assert ("results.pvp.rounds_differ", "line 6") in found  # 20 vs 21
    assert ("results.pvp.duplicate_barcodes", None) in found
    # the bad cell of line 2 is reported once, not again as a round mismatch
    assert ("results.pvp.rounds_differ", "line 2") not in found
    assert len(found) == 5


@pytest.mark.parametrize(
    ("cell", "code"),
    [("-1", "results.pvp.negative"), ("1.5", "results.pvp.integer"), ("١٠", None)],
)
def test_numeric_cells(cell: str, code: str | None) -> None:
    text = pvp_results_csv_example().replace(",10,10,", f",{cell},{cell},", 1)
    if code is None:  # Arabic-Indic digits are read as the number
        assert read_pvp_results(text).submissions[0].candidates[0].round1 == 10
        return
    with pytest.raises(ValidationErrors) as info:
        read_pvp_results(text)
    assert codes(info)[0] == code


@pytest.mark.parametrize("name", ["../x.jpg", "a/b.jpg", "a\\b.jpg", "x..jpg"])
def test_image_names_with_path_syntax_fail(name: str) -> None:
    text = pvp_results_csv_example().replace("p2.jpg", name)
    with pytest.raises(ValidationErrors) as info:
        read_pvp_results(text)
    assert set(codes(info)) == {"results.pvp.unsafe_image"}


def test_duplicate_candidate_and_missing_candidate_id() -> None:
    lines = pvp_results_csv_example().splitlines()
    twice = lines[1].replace(",1,1,10,10,", ",2,2,20,20,")
    no_id = lines[1].replace(",1,1,10,10,", ",,1,10,10,")
    with pytest.raises(ValidationErrors) as info:
        read_pvp_results("\n".join([*lines, twice, no_id]) + "\n")
    found = [(e.code, e.location) for e in info.value.errors]
    assert found == [("missing", "line 6"), ("results.pvp.duplicate_candidate", "line 5")]


def test_rows_without_instance_id_are_skipped_not_dropped() -> None:
    text = pvp_results_csv_example().replace("uuid:demo-1", "")
    bundle = read_pvp_results(text)
    (only,) = bundle.submissions
    assert only.instance_id == ""
    assert len(only.candidates) == 3
    reason = pvp_skip_reason(only, mode=PvpMode.DE1_ONLY, records={})
    assert reason is PvpSkip.REQUIRED_FIELDS


def test_a_broken_member_a_bad_candidate_id_and_no_barcode() -> None:
    data = bytearray(write_pvp_bundle(read_pvp_results(pvp_results_csv_example())))
    index = data.index(b"uuid:demo-1")
    data[index] = ord("v")  # the member's bytes no longer match its CRC-32
    with pytest.raises(ValidationErrors) as info:
        read_pvp_bundle(bytes(data))
    assert codes(info) == ["results.pvp.bad_zip"]
    text = pvp_results_csv_example()
    with pytest.raises(ValidationErrors) as info:
        read_pvp_results(text.replace(",117,1,1,", ",117,x,1,", 1))
    assert codes(info) == ["results.pvp.integer"]
    bundle = read_pvp_results(text.replace(",31001001117,", ",,"))
    assert bundle.submissions[0].barcode == ""
    with pytest.raises(TypeError, match="source"):
        read_pvp_bundle("bundle.zip")  # type: ignore[arg-type]
