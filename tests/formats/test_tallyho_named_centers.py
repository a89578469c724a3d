"""Tally-Ho's centres file with six more columns, so that a centre keeps its names.

The file ``electoral convert`` writes for the results system: read back it gives the
same centres with the same names; a centres file Tally-Ho itself wrote (twelve
columns, or its fixture's thirteen with ``reg_open``) reads too, and what could not be
kept from it is said (constituencies numbered from their names, types read as general).
"""

from __future__ import annotations

import csv
import io
import pathlib
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electoral.errors import ValidationError, ValidationErrors
from electoral.formats.tallyho import (
    FILES,
    NAMED_CENTER_COLUMNS,
    NamedCenter,
    NamedCenters,
    read_named_centers,
    write_named_centers,
)
from electoral.formats.tallyho._named_centers import region_label, region_value
from electoral.model import NO_NAMED_THING, Center, CenterType, Region
from electoral.testing import strategies

DATA = pathlib.Path(__file__).parent / "data"
HEADER = ",".join(NAMED_CENTER_COLUMNS)
TALLYHO_HEADER = ",".join(FILES["centers"])

NAMES = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ,=+-@'\"\t", max_size=12).map(str.strip)


@settings(max_examples=25)
@given(
    centers=st.lists(
        strategies.centers(
            center_type=st.sampled_from([t for t in CenterType if t is not CenterType.COPY])
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda c: c.center_id,
    ),
    names=st.lists(
        st.tuples(st.sampled_from([*Region, None]), NAMES, NAMES, NAMES), min_size=4, max_size=4
    ),
)
def test_written_centres_read_back_with_their_names(
    centers: list[Center], names: list[tuple[Region | None, str, str, str]]
) -> None:
    written = []
    for center, (region, office, constituency, sub) in zip(centers, names, strict=False):
        if center.center_type is CenterType.SPECIAL:  # no sub-constituency, by definition
            center = _no_subconstituency(center)
        if center.center_type is CenterType.SPLIT:  # split centres are in sub-constituency 998
            center = _evolve(center, 998)
        written.append(
            NamedCenter(
                center=center,
                region_name="" if region is None else region.value,
                office_name=office,
                constituency_name=constituency,
                subconstituency_name=sub,
            )
        )
    text = write_named_centers(written)
    read = read_named_centers(text)
    assert read.centers == tuple(written)
    assert read.lines == tuple(range(2, len(written) + 2))
    assert (read.ignored_columns, read.numbered, read.retyped) == ((), (), ())
    for cells in list(csv.reader(io.StringIO(text)))[1:]:  # no text cell runs as a formula
        texts = [cells[i] for i in (1, 5, 7, 8, 10, 11, 14, 16)]
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in texts)


def _evolve(center: Center, subconstituency_id: int) -> Center:
    import attrs

    return attrs.evolve(center, subconstituency_id=subconstituency_id)


def _no_subconstituency(center: Center) -> Center:
    return _evolve(center, NO_NAMED_THING)


def test_a_copy_keeps_its_original_and_special_centres_their_marker() -> None:
    original = Center(
        center_id=11001, name_ar="مدرسة", office_id=1, constituency_id=2, subconstituency_id=3
    )
    copy = Center(
        center_id=11002, name_ar="نسخة", office_id=1, constituency_id=2, subconstituency_id=3,
        center_type=CenterType.COPY, copy_of=11001, lat=Decimal("32.5"), lon=Decimal("13.25"),
        name_en="Copy", reg_open=False, active=False,
    )  # fmt: skip
    special = [
        Center(center_id=n, name_ar="خارج", office_id=9, center_type=CenterType.SPECIAL)
        for n in (70001, 80001)
    ]
    text = write_named_centers(NamedCenter(center=c) for c in (original, copy, *special))
    lines = text.splitlines()
    assert lines[0] == HEADER
    assert lines[2] == "11002,نسخة,copy,32.5,13.25,,1,,,3,,,2,11001,,0,Copy,0"
    assert lines[3].split(",")[9] == "Special Voting"
    assert lines[4].split(",")[9] == "OCV Voting"
    assert [n.center for n in read_named_centers(text).centers] == [original, copy, *special]


def test_the_results_systems_own_centres_file_reads_and_says_what_it_made_up() -> None:
    read = read_named_centers(DATA / "tallyho_mirror" / "centers.csv")
    assert isinstance(read, NamedCenters)
    assert read.ignored_columns == ()  # reg_open is one of this file's columns
    first = read.centers[0]
    assert (first.center.center_id, first.region_name, first.office_name) == (
        52001,
        "south",
        "Sabha",
    )
    assert first.constituency_name == "الجنوبية"
    # Tally-Ho's file has constituency names only: each is numbered as it first appears
    assert read.numbered == tuple(
        line
        for line, named in zip(read.lines, read.centers, strict=True)
        if named.constituency_name not in ("", "No Constituency")
    )
    assert read.numbered
    same = {n.constituency_name: n.center.constituency_id for n in read.centers}
    assert sorted(v for k, v in same.items() if k not in ("", "No Constituency")) == list(
        range(1, len(same) - (("" in same) + ("No Constituency" in same)) + 1)
    )


def test_a_twelve_column_file_and_what_could_not_be_kept() -> None:
    text = (
        f"{TALLYHO_HEADER},notes\n"
        "11001,أ,copy,,,Office,1,الغرب,A,3,,,x\n"  # a copy without its original
        "11002,ب,split,,,Office,1,WEST,A,3,,,x\n"  # a split centre outside 998
        "11003,ج,Split,,,Office,1,west,No Constituency,998,,,x\n"
        "80001,د,,,,,,Nowhere,,OCV Voting,,,x\n"
    )
    read = read_named_centers(text)
    assert read.ignored_columns == ("notes",)
    assert read.retyped == (2, 3)
    assert read.numbered == (2, 3)
    types = [n.center.center_type for n in read.centers]
    assert types == [CenterType.GENERAL, CenterType.GENERAL, CenterType.SPLIT, CenterType.SPECIAL]
    assert [n.region_name for n in read.centers] == ["west", "west", "west", "Nowhere"]
    assert read.centers[2].center.constituency_id == NO_NAMED_THING
    assert read.centers[3].center.office_id == NO_NAMED_THING


def test_reg_open_and_active_in_every_spelling() -> None:
    rows = "".join(
        f"1100{i},م,general,,,,1,,,3,,,,,,{flag},,{flag}\n"
        for i, flag in enumerate(["1", "TRUE", "yes", "", "0", "False", "NO"])
    )
    read = read_named_centers(HEADER + "\n" + rows)
    assert [n.center.reg_open for n in read.centers] == [True] * 4 + [False] * 3
    assert [n.center.active for n in read.centers] == [True] * 4 + [False] * 3


def test_a_cell_written_safe_reads_back_as_it_was() -> None:
    row = "11001,'=مدرسة,general,,,'+Office,1,'@x,'-A,3,'=m,'\tv,,,'=s,1,'=e,1\n"
    (named,) = read_named_centers(HEADER + "\n" + row).centers
    assert named.center.name_ar == "=مدرسة"
    assert (named.office_name, named.region_name, named.constituency_name) == (
        "+Office",
        "@x",
        "-A",
    )
    assert (named.center.mahalla, named.center.village) == ("=m", "v")
    assert (named.subconstituency_name, named.center.name_en) == ("=s", "=e")
    assert read_named_centers(write_named_centers([named])).centers == (named,)


def test_region_names_and_labels() -> None:
    assert region_value(" الشرق ") == region_value("East") == "east"
    assert region_label("east", "ar") == "الشرق"
    assert region_label("east", "en") == "East"
    assert region_label("", "en") == ""
    assert region_label("Nowhere", "ar") == "Nowhere"


GOOD = "11001,مدرسة,general,,,Office,1,West,A,3,,,,,,1,,1\n"


def _row(**cells: str) -> str:
    """GOOD with some of its cells changed, by column name."""
    values = dict(zip(NAMED_CENTER_COLUMNS, GOOD.rstrip("\n").split(","), strict=True))
    return HEADER + "\n" + ",".join((values | cells).values()) + "\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_row(center_id="1100x"), [("results.csv.integer", "line 2")]),
        (_row(office_id="x"), [("results.csv.integer", "line 2")]),
        (_row(constituency_id="7x"), [("results.csv.integer", "line 2")]),
        (_row(copy_of_id="y"), [("results.csv.integer", "line 2")]),
        (_row(subconstituency_id="3x"), [("results.csv.integer", "line 2")]),
        (_row(center_lat="north"), [("results.csv.decimal", "line 2")]),
        (_row(active="maybe"), [("results.csv.boolean", "line 2")]),
        (_row(reg_open="2"), [("results.csv.boolean", "line 2")]),
        (HEADER + "\n" + GOOD + GOOD, [("results.csv.duplicate", "line 3")]),
        (_row(center_id=""), [("missing", "line 2")]),
        (_row(center_id="9" * 19), [("formats.number.too_long", "line 2")]),
        (HEADER + "\n" + GOOD.replace(",1,,1\n", ",1\n"), [("formats.csv.cells", "line 2")]),
        (HEADER + "\n" + GOOD + '11002,"x\n', [("formats.csv.syntax", "line 3")]),
        (HEADER + "\n", [("formats.no_records", "line 1")]),
        ("", [("formats.empty", None)]),
        ("center_id,name\n11001,x\n", [("formats.csv.missing_columns", "line 1")]),
        (HEADER + ",name\n" + GOOD, [("formats.csv.duplicate_column", "line 1")]),
        (HEADER + "\n" + GOOD + "11002,ب\x00\n", [("formats.nul", "line 3")]),
    ],
)
def test_every_problem_has_a_code_and_a_line(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    with pytest.raises(ValidationErrors) as caught:
        read_named_centers(text)
    assert [(e.code, e.location) for e in caught.value.errors] == expected


def test_every_bad_row_at_once() -> None:
    bad_id, bad_flag = GOOD.replace("11001", "1100x"), GOOD.replace("11001", "11002")
    bad_flag = bad_flag.replace(",1,,1\n", ",2,,1\n")
    text = HEADER + "\n" + bad_id + GOOD + GOOD + bad_flag
    with pytest.raises(ValidationErrors) as caught:
        read_named_centers(text)
    assert [e.location for e in caught.value.errors] == ["line 2", "line 4", "line 5"]


def test_a_file_by_path_and_one_that_is_missing(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "centers.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + "\r" + GOOD.replace("\n", "\r")).encode())
    assert read_named_centers(path).centers == read_named_centers(HEADER + "\n" + GOOD).centers
    with pytest.raises(ValidationErrors) as caught:
        read_named_centers(tmp_path / "nowhere.csv")
    assert caught.value.codes == ("formats.file.missing",)


def test_programming_errors_are_type_errors() -> None:
    with pytest.raises(TypeError, match="source"):
        read_named_centers(7)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="centers"):
        write_named_centers("centres")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="centers"):
        write_named_centers([Center(center_id=11001, name_ar="x", office_id=1)])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="not of an accepted type"):
        NamedCenter(center="x")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="not of an accepted type"):
        NamedCenter(center=Center(center_id=11001, name_ar="x", office_id=1), office_name=3)  # type: ignore[arg-type]
