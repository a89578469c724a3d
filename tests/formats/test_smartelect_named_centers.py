"""SmartElect's centre CSV read and written with the names beside the centres.

The file ``electoral convert`` reads and writes for the registration system: the
upload's fifteen columns (SmartElect ``register/tests/uploads/`` has the shape), whose
``*_name`` cells the upload ignores and this reader keeps. Written and read back, it
gives the same centres with the same names, whatever the names hold.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electoral.errors import ValidationErrors
from electoral.formats.smartelect import read_named_centers, write_named_centers
from electoral.formats.tallyho import NamedCenter
from electoral.model import Center, CenterType, Region
from electoral.registration import CENTER_CSV_COLUMNS
from electoral.testing import strategies

HEADER = ",".join(CENTER_CSV_COLUMNS)
GOOD = "11001,مدرسة,,الغرب,1,طرابلس,طرابلس المركز,2,3,حي,محلة,قرية,عام,32.5,13.25\n"

# Names beginning with any formula character, with apostrophes before one, or quoted
NAMES = st.text(alphabet="ابتثجحخدذرزسشص ,=+-@'\"\t", max_size=12).map(str.strip)
# A centre's own text may not hold a control character such as a tab
OWN = st.text(alphabet="ابتثجحخدذرزسشص ,=+-@'\"", max_size=12).map(str.strip)


@settings(max_examples=40)
@given(
    centers=st.lists(
        strategies.centers(
            # a copy needs its original first; an out-of-country centre has no place here
            center_type=st.sampled_from(
                [t for t in CenterType if t not in (CenterType.COPY, CenterType.SPECIAL)]
            )
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda c: c.center_id,
    ),
    names=st.lists(
        st.tuples(
            st.sampled_from([*Region, None]), NAMES, NAMES, NAMES, OWN.filter(bool), OWN, OWN
        ),
        min_size=4,
        max_size=4,
    ),
    language=st.sampled_from(["ar", "en"]),
)
def test_written_centres_read_back_with_any_names(
    centers: list[Center],
    names: list[tuple[Region | None, str, str, str, str, str, str]],
    language: str,
) -> None:
    written = []
    for center, (region, office, constituency, sub, name, mahalla, village) in zip(
        centers, names, strict=False
    ):
        # the upload has no place for an English name, reg_open or active
        center = attrs.evolve(
            center, name_ar=name, mahalla=mahalla, village=village, name_en="",
            reg_open=True, active=True,
        )  # fmt: skip
        written.append(
            NamedCenter(
                center=center,
                region_name="" if region is None else region.value,
                office_name=office,
                constituency_name=constituency,
                subconstituency_name=sub,
            )
        )
    text = write_named_centers(written, language=language)  # type: ignore[arg-type]
    read = read_named_centers(text)
    assert read.centers == tuple(written)
    assert read.lines == tuple(range(2, len(written) + 2))
    for cells in list(csv.reader(io.StringIO(text)))[1:]:  # no text cell runs as a formula
        texts = [cells[i] for i in (1, 3, 5, 6, 9, 10, 11)]
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in texts)


def test_a_name_with_an_apostrophe_before_a_formula_character_survives() -> None:
    center = Center(
        center_id=11001, name_ar="'=مدرسة", office_id=1, constituency_id=2,
        subconstituency_id=3, mahalla="''+m",
    )  # fmt: skip
    named = NamedCenter(center=center, office_name="'=HYPERLINK(1)", region_name="'-x")
    text = write_named_centers([named])
    assert text.splitlines()[1].split(",")[:6] == [
        "11001",
        "''=مدرسة",
        "",
        "''-x",
        "1",
        "''=HYPERLINK(1)",
    ]
    assert read_named_centers(text).centers == (named,)


def test_the_upload_reads_with_its_names_a_copy_and_blank_rows() -> None:
    copy = "11002,نسخة,11001,West,1,,,2,3,,,,نسخة,,\n"
    read = read_named_centers(HEADER + "\n" + GOOD + "\n,,,,,,,,,,,,,,\n" + copy)
    first, second = read.centers
    assert read.lines == (2, 5)  # numbered as SmartElect numbers them; blank rows skipped
    assert (first.region_name, first.office_name, first.constituency_name) == (
        "west",
        "طرابلس",
        "طرابلس المركز",
    )
    assert first.subconstituency_name == "حي"
    assert (first.center.lat, first.center.lon) == (Decimal("32.5"), Decimal("13.25"))
    assert (second.center.center_type, second.center.copy_of) == (CenterType.COPY, 11001)
    assert second.region_name == "west"
    assert read_named_centers(write_named_centers(read.centers)).centers == read.centers


def test_a_region_that_is_not_one_of_libyas_is_kept_as_written() -> None:
    (named,) = read_named_centers(HEADER + "\n" + GOOD.replace("الغرب", " Fezzan ")).centers
    assert named.region_name == "Fezzan"
    assert write_named_centers([named]).splitlines()[1].split(",")[3] == "Fezzan"
    english = write_named_centers([attrs.evolve(named, region_name="west")], language="en")
    assert english.splitlines()[1].split(",")[3] == "West"
    assert english.splitlines()[1].split(",")[12] == "General"


def test_a_signed_centre_id_reads_as_the_upload_reads_it() -> None:
    (named,) = read_named_centers(HEADER + "\n+" + GOOD).centers
    assert named.center.center_id == 11001


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEADER + "\n" + GOOD + GOOD.replace("مدرسة", "أخرى"),
            [("registration.csv.duplicate_center", "line 3")],
        ),
        (
            HEADER + "\n" + GOOD.replace(",3,", ",x,") + GOOD + GOOD,
            [
                ("registration.csv.integer", "line 2"),  # its centre id is still read
                ("registration.csv.duplicate_center", "line 3"),
                ("registration.csv.duplicate_center", "line 4"),
            ],
        ),
        (HEADER + "\n" + GOOD.replace("مدرسة", "=مدرسة"), [("formats.formula", "line 2")]),
        (
            HEADER + "\n" + GOOD.replace("11001,", "1100x,"),
            [("registration.csv.integer", "line 2")],
        ),
        ("center_id,name\n" + GOOD, [("registration.csv.columns", "line 1")]),
        (HEADER + "\n" + GOOD + '11002,"x\n', [("formats.csv.syntax", "line 3")]),
        ("", [("formats.empty", None)]),
    ],
)
def test_every_problem_has_a_code_and_a_line(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    with pytest.raises(ValidationErrors) as caught:
        read_named_centers(text)
    assert [(e.code, e.location) for e in caught.value.errors] == expected


def test_programming_errors_are_type_errors() -> None:
    with pytest.raises(TypeError, match="source"):
        read_named_centers(7)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="centers"):
        write_named_centers([Center(center_id=11001, name_ar="x", office_id=1)])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="language"):
        write_named_centers([], language="fr")  # type: ignore[arg-type]


def test_the_ids_are_read_without_lists() -> None:
    from electoral.formats._policy import EveryId

    every = EveryId()  # contains every id, lists none: only ``in`` is used on it
    assert (12345 in every, list(every), len(every)) == (True, [], 0)
