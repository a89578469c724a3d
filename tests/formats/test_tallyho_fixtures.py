"""Our readers agree with Tally-Ho's importers on files of the shapes of its own fixtures.

The files in ``data/tallyho_mirror`` are ours; each mirrors one fixture of
onaio/tally-ho ``tally_ho/libs/tests/fixtures/tally_setup_files/`` at commit
acbe4f472c39a6c41d39a45da427adeb4216d109 (``data/tallyho_mirror/SOURCES.md`` maps
them). They are read in the order of Tally-Ho's ``test_async_import_result_form.py``
``setUp``: ballots, sub-constituencies, their ballots, centres, stations,
candidates with the ballot order, then result forms.
"""

from __future__ import annotations

import pathlib
import shutil
from collections.abc import Callable
from typing import NamedTuple

import attrs
import pytest

from electoral.errors import ValidationErrors
from electoral.formats import MAX_FIELD_CHARS
from electoral.formats.tallyho import (
    SETUP_FILES,
    read_ballots,
    read_candidates,
    read_centers,
    read_result_forms,
    read_stations,
    read_subconstituencies,
    read_subconstituency_ballots,
    read_tally_setup,
)
from electoral.model import Ballot, CenterType, Constituency, SubConstituency
from electoral.results import TallySetup

MIRROR = pathlib.Path(__file__).parent / "data" / "tallyho_mirror"
SUMMARY_LINES = (6, 9, 11, 12, 15, 17)


class Setup(NamedTuple):
    ballots: list[Ballot]
    constituencies: list[Constituency]
    subcons: list[SubConstituency]
    setup: TallySetup


def same(one: TallySetup, other: TallySetup) -> bool:
    """Whether two setups hold the same data (a setup compares by identity)."""
    return attrs.asdict(one, recurse=False) == attrs.asdict(other, recurse=False)


def load(folder: pathlib.Path = MIRROR) -> Setup:
    ballots = read_ballots(folder / "ballots.csv", skip_summary_rows=True)
    constituencies, subcons = read_subconstituencies(folder / "subcons.csv")
    ballots = read_subconstituency_ballots(
        folder / "subs_ballots.csv", ballots=ballots, subconstituencies=subcons
    )
    centers, offices, constituencies = read_centers(
        folder / "centers.csv", constituencies=constituencies, subconstituencies=subcons
    )
    stations = read_stations(folder / "stations.csv", centers=centers, subconstituencies=subcons)
    candidates = read_candidates(
        folder / "candidates.csv", folder / "ballot_order.csv", ballots=ballots
    )
    setup = TallySetup.build(
        centers=centers, stations=stations, ballots=ballots, candidates=candidates, offices=offices
    )
    return Setup(ballots, constituencies, subcons, setup)


def test_summary_rows_are_refused_with_their_lines_and_the_option() -> None:
    """Tally-Ho skips them without a word; we name them and the option that skips them."""
    with pytest.raises(ValidationErrors) as info:
        read_ballots(MIRROR / "ballots.csv")
    [error] = info.value.errors
    assert error.code == "results.csv.summary_rows"
    assert error.value == SUMMARY_LINES
    assert "6, 9, 11, 12, 15, 17" in error.message()
    assert "skip_summary_rows" in error.message()
    assert "skip_summary_rows" in error.message("ar")
    ballots = read_ballots(MIRROR / "ballots.csv", skip_summary_rows=True)
    assert [b.number for b in ballots] == [1, 201, 202, 203, 301, 302, 401, 501, 502, 601]


def test_the_whole_setup_reads() -> None:
    data = load()
    (subcon,) = data.subcons
    assert (subcon.id, subcon.name_ar, subcon.name_en) == (7, "", "")  # a blank name is fine
    by_number = {b.number: b for b in data.ballots}
    assert by_number[201].subconstituency_ids == {7}  # CRLF, no final line ending
    assert by_number[202].subconstituency_ids == frozenset()
    assert [c.name_en for c in data.constituencies] == ["الجنوبية", "Annex"]
    annex = data.setup.centers[52002]
    assert annex.constituency_id == 2  # created, as Tally-Ho's get_or_create does
    assert annex.center_type is CenterType.GENERAL
    assert data.setup.offices[21].name_en == "Sabha"
    assert [c.order for c in data.setup.candidates[501]] == [3]  # no final line ending
    assert data.setup.stations[(52001, 2)].registrants == 187


def test_result_forms_with_and_without_replacements() -> None:
    setup = load().setup
    forms = read_result_forms(MIRROR / "result_forms.csv", setup=setup)
    assert len(forms) == 8
    assert not any(f.is_replacement for f in forms)
    forms = read_result_forms(MIRROR / "result_forms_with_replacements.csv", setup=setup)
    assert len(forms) == 10
    replacements = [f for f in forms if f.is_replacement]
    assert [f.barcode for f in replacements] == ["99991001001", "99991001201"]
    assert all(
        f.center_id is None and f.station_number is None and f.gender is None for f in replacements
    )


def test_a_repeated_barcode_is_refused_naming_the_barcode() -> None:
    """An exact duplicate row counts: Tally-Ho's check_duplicates groups the raw file."""
    setup = load().setup
    with pytest.raises(ValidationErrors) as info:
        read_result_forms(MIRROR / "duplicate_result_forms.csv", setup=setup)
    [error] = info.value.errors
    assert error.code == "results.csv.duplicate_barcodes"
    assert error.value == ("52001002001",)
    assert "52001002001" in error.message()
    assert error.location == "line 3"


def test_an_unknown_centre_code_is_refused_naming_the_code() -> None:
    setup = load().setup
    with pytest.raises(ValidationErrors) as info:
        read_result_forms(MIRROR / "invalid_center_codes_result_forms.csv", setup=setup)
    assert info.value.codes == ("results.csv.unknown_center_codes",)
    assert "520012" in info.value.errors[0].message()


def test_a_wrong_file_is_refused_by_every_reader() -> None:
    """Tally-Ho's tests pass ballot_order.csv to each importer: missing columns."""
    wrong = MIRROR / "ballot_order.csv"
    data = load()
    readers: list[Callable[[], object]] = [
        lambda: read_ballots(wrong),
        lambda: read_subconstituencies(wrong),
        lambda: read_subconstituency_ballots(wrong, ballots=[], subconstituencies=[]),
        lambda: read_centers(wrong, constituencies=[], subconstituencies=[]),
        lambda: read_stations(wrong, centers=[], subconstituencies=[]),
        lambda: read_candidates(MIRROR / "centers.csv", wrong, ballots=[]),
        lambda: read_result_forms(wrong, setup=data.setup),
    ]
    for read in readers:
        with pytest.raises(ValidationErrors) as info:
            read()
        assert info.value.codes[0] in ("results.csv.missing_column", "results.csv.missing_columns")
        assert info.value.errors[0].location == "line 1"


def _copy(target: pathlib.Path, change: Callable[[bytes], bytes]) -> pathlib.Path:
    target.mkdir()
    for path in MIRROR.glob("*.csv"):
        (target / path.name).write_bytes(change(path.read_bytes()))
    return target


def test_cr_only_line_endings_read_the_same(tmp_path: pathlib.Path) -> None:
    """Old Mac and some exports end lines with CR alone: nothing crashes, nothing changes."""

    def cr_only(data: bytes) -> bytes:
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")

    folder = _copy(tmp_path / "cr", cr_only)
    assert b"\n" not in (folder / "ballots.csv").read_bytes()
    cr, lf = load(folder), load()
    assert cr[:3] == lf[:3]
    assert same(cr.setup, lf.setup)
    setup = cr.setup
    forms = read_result_forms(folder / "result_forms_with_replacements.csv", setup=setup)
    assert len(forms) == 10


def test_an_oversize_field_is_a_coded_error_not_a_crash() -> None:
    header, first, *_ = (MIRROR / "result_forms.csv").read_text(encoding="utf-8").splitlines()
    long_name = '"' + "م" * (MAX_FIELD_CHARS + 1) + '"'
    row = first.replace("مدرسة النخيل للتعليم الأساسي", long_name)
    with pytest.raises(ValidationErrors) as info:
        read_result_forms(f"{header}\n{first}\n{row}\n", setup=load().setup)
    assert info.value.codes == ("formats.csv.field_too_large",)
    assert info.value.errors[0].location == "line 3"


def test_a_folder_reads_as_one_setup(tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "setup"
    folder.mkdir()
    names = {
        "ballots": "ballots.csv",
        "subconstituencies": "subcons.csv",
        "subconstituency_ballots": "subs_ballots.csv",
        "centers": "centers.csv",
        "stations": "stations.csv",
        "candidates": "candidates.csv",
        "ballot_order": "ballot_order.csv",
    }
    for key, ours in names.items():
        shutil.copy(MIRROR / ours, folder / SETUP_FILES[key])
    with pytest.raises(ValidationErrors):
        read_tally_setup(folder)
    read = read_tally_setup(folder, skip_summary_rows=True)
    assert same(read.setup, load().setup)
    assert [c.name_en for c in read.constituencies] == ["الجنوبية", "Annex"]
    with pytest.raises(TypeError, match="folder"):
        read_tally_setup(str(folder))  # type: ignore[arg-type]
