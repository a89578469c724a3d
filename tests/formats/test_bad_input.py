"""Every reader, every kind of bad file: a typed error with its code and line, never a crash.

A missing path, a folder, an empty file, a header with nothing after it, text in
Windows-1256 or UTF-16, a NUL: the same code from every reader. CR-only line endings
and a byte-order mark read as LF and nothing would. A wrong Python object is a
``TypeError`` naming the parameter.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from typing import Any, NamedTuple

import pendulum
import pytest

from electoral.errors import ValidationError, ValidationErrors
from electoral.formats import json as ours
from electoral.formats import smartelect, tallyho
from electoral.model import TRIPOLI, Station, SubConstituency
from electoral.registration import CENTER_CSV_COLUMNS, RegistryCheck
from electoral.results import results_rows
from electoral.testing import demo_records, demo_tally_setup

AS_OF = pendulum.datetime(2026, 1, 1, tz=TRIPOLI)
SETUP = demo_tally_setup()
EXPORT = tallyho.write_results_export(list(results_rows(demo_records(SETUP), SETUP))[:3])
DUMP_LINE = (
    "VALUES(7, 'محمد', 'علي', 'سالم', 'الورفلي', 'فاطمة', 1, '7/9/1969', 'طرابلس', "
    "'119690261935', '4471', 0, 0, 0);"
)


class Reader(NamedTuple):
    read: Callable[[Any], object]
    header: str | None  # None: the format has no header row
    good: str  # one good record (after the header)


def _check(function: Callable[..., RegistryCheck]) -> Callable[[Any], object]:
    def read(source: Any) -> object:
        result = function(source, as_of=AS_OF)
        if result.problems:
            raise ValidationErrors("check", list(result.problems))
        return result

    return read


READERS: dict[str, Reader] = {
    "tallyho.read_ballots": Reader(
        tallyho.read_ballots, "election_level,sub_type,number", "HoR,الفرعية,117"
    ),
    "tallyho.read_subconstituencies": Reader(
        tallyho.read_subconstituencies,
        "sub_constituency_code,number_of_ballots,sub_constituency_name,constituency_name",
        "31,1,جنزور,طرابلس",
    ),
    "tallyho.read_subconstituency_ballots": Reader(
        lambda s: tallyho.read_subconstituency_ballots(
            s,
            ballots=SETUP.ballots.values(),
            subconstituencies=[SubConstituency(id=31, name_en="", name_ar="")],
        ),
        "sub_constituency_code,ballot_number",
        "31,117",
    ),
    "tallyho.read_stations": Reader(
        lambda s: tallyho.read_stations(s, centers=SETUP.centers.values(), subconstituencies=[]),
        "center_code,center_name,sub_constituency_code,station_number,station_gender,"
        "station_registrants",
        "31001,مدرسة,,1,male,",
    ),
    "tallyho.read_candidates": Reader(
        lambda s: tallyho.read_candidates(
            "candidate_id,candidate_full_name,ballot_number,race_type\n"
            f"1,أ,117,{SETUP.ballots[117].race.name}\n",
            s,
            ballots=SETUP.ballots.values(),
        ),
        "candidate_id,ballot_order",
        "1,1",
    ),
    "tallyho.read_result_forms": Reader(
        lambda s: tallyho.read_result_forms(s, setup=SETUP),
        "ballot_number,center_code,station_number,gender,name,office_name,barcode,"
        "serial_number,region_name",
        "117,31001,1,male,مدرسة,,31001001117,,",
    ),
    "tallyho.read_results_export": Reader(
        tallyho.read_results_export, EXPORT.splitlines()[0], EXPORT.splitlines()[1]
    ),
    "tallyho.read_pvp_results": Reader(
        tallyho.read_pvp_results,
        tallyho.pvp_results_csv_example().splitlines()[0],
        tallyho.pvp_results_csv_example().splitlines()[1],
    ),
    "smartelect.read_centers": Reader(
        lambda s: smartelect.read_centers(
            s, centers=[], office_ids={1}, constituency_ids={1}, subconstituency_ids={1}
        ),
        ",".join(CENTER_CSV_COLUMNS),
        "11001,مدرسة,,,1,,,1,1,,,,General,-12.5,13",
    ),
    "smartelect.read_registry_dump": Reader(
        lambda s: smartelect.read_registry_dump(s, as_of=AS_OF),
        "INSERT INTO T_PERSONAL_DATA(PERSON_ID,NAME)",
        DUMP_LINE,
    ),
    "smartelect.check_registry_dump": Reader(
        _check(smartelect.check_registry_dump),
        "INSERT INTO T_PERSONAL_DATA(PERSON_ID,NAME)",
        DUMP_LINE,
    ),
    "smartelect.read_registry_csv": Reader(
        lambda s: smartelect.read_registry_csv(s, as_of=AS_OF),
        "PERSON_ID,NAME,FATHER_NAME_AR,GRAND_FATHER_NAME_AR,FAM_NAME,MOTHER_NAME_AR,GENDER,"
        "DATE_OF_BIRTH,ADDRESS,NATIONAL_ID,REGISTRY_NO,OFFICE_ID,BRANCH_ID,STATE",
        "7,محمد,علي,سالم,الورفلي,فاطمة,1,7/9/1969,طرابلس,119690261935,4471,0,0,0",
    ),
    "smartelect.check_registry_csv": Reader(
        _check(smartelect.check_registry_csv),
        "PERSON_ID,NAME,FATHER_NAME_AR,GRAND_FATHER_NAME_AR,FAM_NAME,MOTHER_NAME_AR,GENDER,"
        "DATE_OF_BIRTH,ADDRESS,NATIONAL_ID,REGISTRY_NO,OFFICE_ID,BRANCH_ID,STATE",
        "7,محمد,علي,سالم,الورفلي,فاطمة,1,7/9/1969,طرابلس,119690261935,4471,0,0,0",
    ),
    "smartelect.read_roll": Reader(
        smartelect.read_roll, "national_id,center_id,station_number", "119690261935,11001,1"
    ),
    "smartelect.read_phone_list_upload": Reader(
        smartelect.read_phone_list_upload, None, "0923456789"
    ),
    "smartelect.read_national_id_upload": Reader(
        lambda s: smartelect.read_national_id_upload(s, known={"119690261935"}),
        None,
        "119690261935",
    ),
    "smartelect.read_bulk_sms": Reader(smartelect.read_bulk_sms, None, "0923456789,مرحبا"),
    "json.read_json_list": Reader(
        lambda s: ours.read_json_list(s, Station),
        None,
        '[{"center_id": 31001, "number": 1, "gender": "male"}]',
    ),
}
NAMES = sorted(READERS)
EMPTY_CODES = ("formats.empty", "registration.upload.empty")


def problems(reader: Reader, source: object) -> list[tuple[str, str | None]]:
    try:
        reader.read(source)
    except ValidationErrors as group:
        return [(e.code, e.location) for e in group.errors]
    return []


def content(reader: Reader, *rows: str, end: str = "\n") -> str:
    lines = ([] if reader.header is None else [reader.header]) + [r for r in rows if r]
    return end.join(lines) + end


@pytest.mark.parametrize("name", NAMES)
def test_the_good_file_reads(name: str) -> None:
    reader = READERS[name]
    assert problems(reader, content(reader, reader.good)) == []


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("end", ["\r", "\r\n"])
def test_cr_and_crlf_line_endings_and_a_bom_read_as_lf(name: str, end: str) -> None:
    reader = READERS[name]
    lf = reader.read(content(reader, reader.good))
    assert reader.read(content(reader, reader.good, end=end)) == lf
    assert reader.read(b"\xef\xbb\xbf" + content(reader, reader.good).encode()) == lf


@pytest.mark.parametrize("name", NAMES)
def test_paths_that_cannot_be_read(name: str, tmp_path: pathlib.Path) -> None:
    reader = READERS[name]
    assert problems(reader, tmp_path / "missing.csv") == [("formats.file.missing", None)]
    assert problems(reader, tmp_path) == [("formats.file.directory", None)]
    path = tmp_path / "good.csv"
    path.write_text(content(reader, reader.good), encoding="utf-8")
    assert problems(reader, path) == []


@pytest.mark.parametrize("name", NAMES)
def test_an_empty_file(name: str) -> None:
    reader = READERS[name]
    for empty in ("", b"", b"\xef\xbb\xbf"):
        [(code, _)] = problems(reader, empty)
        assert code in EMPTY_CODES


@pytest.mark.parametrize("name", [n for n in NAMES if READERS[n].header is not None])
def test_a_header_with_nothing_after_it(name: str) -> None:
    reader = READERS[name]
    assert reader.header is not None
    assert problems(reader, reader.header + "\n") == [("formats.no_records", "line 1")]
    assert problems(reader, reader.header + "\n\n\n") == [("formats.no_records", "line 1")]


@pytest.mark.parametrize("name", NAMES)
def test_windows_1256_and_utf16(name: str) -> None:
    reader = READERS[name]
    text = content(reader, reader.good, "مدرسة")
    first = next(n for n, line in enumerate(text.splitlines(), 1) if not line.isascii())
    found = problems(reader, text.encode("cp1256", errors="replace"))
    assert ("formats.encoding", f"line {first}") in found
    assert problems(reader, text.encode("utf-16")) == [("formats.utf16", "line 1")]


@pytest.mark.parametrize("name", NAMES)
def test_a_nul_is_refused_at_its_line(name: str) -> None:
    reader = READERS[name]
    text = content(reader, reader.good) + reader.good[:3] + "\x00" + reader.good[3:] + "\n"
    assert ("formats.nul", f"line {3 if reader.header else 2}") in problems(reader, text)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("source", [None, 1, 2.5, ["a,b"], {"a": 1}, object()])
def test_a_wrong_python_object_is_a_type_error(name: str, source: object) -> None:
    with pytest.raises(TypeError, match=r"source|order_source"):
        READERS[name].read(source)


def test_a_repeated_or_missing_column() -> None:
    reader = READERS["tallyho.read_ballots"]
    assert problems(reader, "number,number,sub_type,election_level\n1,1,a,b\n") == [
        ("formats.csv.duplicate_column", "line 1")
    ]
    assert problems(READERS["smartelect.read_roll"], "national_id,x\n1,2\n") == [
        ("formats.csv.missing_columns", "line 1")
    ]


def test_extra_and_missing_cells_are_refused_at_their_line() -> None:
    reader = READERS["tallyho.read_ballots"]
    text = content(reader, reader.good, reader.good + ",x", "HoR,general")
    assert problems(reader, text) == [
        ("formats.csv.cells", "line 3"),
        ("formats.csv.cells", "line 4"),
    ]


def test_an_unknown_encoding_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        smartelect.read_registry_dump(DUMP_LINE, as_of=AS_OF, encoding="no-such")
    assert info.value.code == "formats.unknown_encoding"
    [record] = smartelect.read_registry_dump(
        DUMP_LINE.encode("cp1256"), as_of=AS_OF, encoding="cp1256"
    )
    assert record.first_name == "محمد"
