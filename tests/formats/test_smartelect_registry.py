"""The civil-registry SQL dump parser: line splitting, validation, all-or-nothing."""

from __future__ import annotations

import datetime as dt
import time
import tracemalloc
from pathlib import Path

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InvalidFormat, InvalidType, ValidationErrors
from electoral.formats.smartelect import (
    check_registry_csv,
    check_registry_dump,
    format_dump_line,
    iter_registry_dump,
    read_registry_csv,
    read_registry_dump,
    record_to_dump_line,
    split_dump_line,
    write_registry_csv,
    write_registry_dump,
)
from electoral.model import TRIPOLI, Citizen
from electoral.registration import REGISTRY_COLUMNS
from electoral.testing.strategies import citizens

DATA = Path(__file__).parent / "data" / "smartelect"
NOW = pendulum.datetime(2026, 1, 1, 12, tz=TRIPOLI)
COMMA_NAME = "ملائك, ة نائلة"
LINE = (
    "VALUES(2566665, '%s', 'جمعة', 'عبدالصمد', 'عبدالرحمن', 'صفية علي', "
    "1, '7/9/1969', 'الاسكندرية','119690261935', '1009332066', 35, 54, 0);\r\n"
)


def test_split_plain_line_on_commas() -> None:
    values = split_dump_line(LINE % "ملائك ة نائلة")
    assert len(values) == 14
    assert values[0] == "2566665"
    assert values[1] == "ملائك ة نائلة"
    assert values[7] == "7/9/1969"
    assert values[11:] == ("35", "54", "0")


def test_split_line_with_comma_in_name() -> None:
    values = split_dump_line(LINE % COMMA_NAME)
    assert values == (
        "2566665",
        COMMA_NAME,
        "جمعة",
        "عبدالصمد",
        "عبدالرحمن",
        "صفية علي",
        "1",
        "7/9/1969",
        "الاسكندرية",
        "119690261935",
        "1009332066",
        "35",
        "54",
        "0",
    )


def test_spaces_and_quotes_are_stripped() -> None:
    values = split_dump_line(
        "VALUES( 7 ,' أ ', 'ب','ج', 'د', 'ه', 2 , '1/2/1990', ' ', "
        "'219900201001', '55', 0, 0, 0 ) ;"
    )
    assert values[0] == "7"
    assert values[1] == "أ"
    assert values[6] == "2"
    assert values[8] == ""


@pytest.mark.parametrize(
    "line",
    [
        "VALUES(2566665, 'أ');",
        # 15 values: the regular expression refuses it as well
        (LINE % COMMA_NAME).replace(");", ",0,2);"),
        # a quote inside a name breaks the quoting
        (LINE % "o'neil, x").strip(),
        "INSERT INTO T_PERSONAL_DATA VALUES(1);",
        # 13 commas but no closing parenthesis
        (LINE % "أ").replace(");", ";"),
    ],
)
def test_unreadable_lines_are_refused(line: str) -> None:
    with pytest.raises(InvalidFormat) as info:
        split_dump_line(line)
    assert info.value.code == "registration.dump.line"


def test_split_refuses_non_text() -> None:
    with pytest.raises(TypeError, match="line"):
        split_dump_line(b"VALUES(1);")  # type: ignore[arg-type]


def test_fixture_dump_parses() -> None:
    with (DATA / "cra_dump.sql").open(encoding="utf-8") as dump:
        records = read_registry_dump(dump, as_of=NOW)
    assert [r.civil_registry_id for r in records] == list(range(2566665, 2566671))
    first = records[0]
    assert first.first_name == COMMA_NAME
    assert first.birth_date == pendulum.Date(1969, 9, 7)
    assert first.gender_code == 1
    assert (first.office_id, first.branch_id, first.state) == (35, 54, 0)
    assert records[2].fbr_number == "r45872"
    assert records[2].address == "بنغازي، الصابري"
    assert records[3].address == ""
    assert records[5].mother_name == "زينب, محمد"
    # the same dump as text and as bytes gives the same records
    text = (DATA / "cra_dump.sql").read_text(encoding="utf-8")
    assert read_registry_dump(text, as_of=NOW) == records
    assert read_registry_dump(text.encode("utf-8"), as_of=NOW) == records


def test_bad_dump_reports_every_line_and_keeps_nothing() -> None:
    with pytest.raises(ValidationErrors) as info:
        read_registry_dump((DATA / "cra_dump_bad.sql").read_bytes(), as_of=NOW)
    found = sorted((e.location or "", e.code) for e in info.value.errors)
    assert found == [
        ("line 3", "registration.registry.gender"),
        ("line 4", "registration.registry.gender_mismatch"),
        ("line 5", "registration.dump.line"),
        ("line 6", "registration.registry.not_born_yet"),
        ("line 7", "registration.registry.duplicate"),
    ]


def test_line_numbers_are_physical_lines() -> None:
    dump = "-- header\n\nSET NAMES utf8;\n" + (LINE % "أ").replace("'1', '7/9", "'1', '7/9")
    dump = dump.replace("'7/9/1969'", "'31/2/1969'")
    with pytest.raises(ValidationErrors) as info:
        read_registry_dump(dump, as_of=NOW)
    [error] = info.value.errors
    assert error.location == "line 4"
    assert error.code == "registration.registry.birth_date"


@pytest.mark.parametrize(
    "other",
    ["-- a comment", "/* a block", " * inside it", "INSERT INTO T_PERSONAL_DATA(...)", "COMMIT;",
     "SET NAMES utf8;", ");", "   ", "GO"],
)  # fmt: skip
def test_sql_statements_comments_and_blank_lines_are_skipped(other: str) -> None:
    records = read_registry_dump(other + "\n" + LINE % "أ", as_of=NOW)
    assert [r.national_id for r in records] == ["119690261935"]


@pytest.mark.parametrize("damaged", ["ALUES(2566665, 'x'", "2566665, 'أ', 'جمعة'", "garbage"])
def test_a_line_that_is_neither_data_nor_sql_is_a_damaged_record(damaged: str) -> None:
    # SmartElect skipped any line not starting with VALUES(; a cut or mangled record
    # would vanish from the register, so it is reported at its line
    with pytest.raises(ValidationErrors) as info:
        read_registry_dump(LINE % "أ" + damaged + "\n", as_of=NOW)
    assert [(e.code, e.location) for e in info.value.errors] == [
        ("registration.dump.line", "line 2")
    ]


def test_not_utf8_is_refused() -> None:
    with pytest.raises(ValidationErrors) as info:
        read_registry_dump(b"VALUES(\xff\xfe);", as_of=NOW)
    assert info.value.codes == ("formats.encoding",)
    assert info.value.errors[0].location == "line 1"


def test_naive_time_is_refused() -> None:
    with pytest.raises(InvalidType):
        read_registry_dump(LINE % "أ", as_of=dt.datetime(2026, 1, 1))


def test_non_text_sources_are_refused() -> None:
    with pytest.raises(TypeError, match="source"):
        read_registry_dump([b"VALUES(1);"], as_of=NOW)  # type: ignore[arg-type]


def test_format_refuses_quotes_and_wrong_width() -> None:
    row: list[str | int] = ["7", "أ'ب", "", "", "", "", 1, "1/1/1990", "", "1" * 12, "1", 0, 0, 0]
    with pytest.raises(InvalidFormat) as info:
        format_dump_line(row)
    assert info.value.code == "registration.dump.quote"
    assert info.value.field == "NAME"
    with pytest.raises(InvalidFormat) as info:
        format_dump_line(row[:13])
    assert info.value.code == "registration.dump.width"
    with pytest.raises(TypeError, match="STATE"):
        format_dump_line([row[0], "أب", *row[2:13], 1.5])  # type: ignore[list-item]


_NAME_PIECES = st.sampled_from(["محمد", "ة نائلة", "عبد", "ملائك", "علي"])


@st.composite
def names_with_commas(draw: st.DrawFn) -> str:
    parts = draw(st.lists(_NAME_PIECES, min_size=1, max_size=3))
    return draw(st.sampled_from([", ", ",", " "])).join(parts)


@given(citizens(), st.lists(names_with_commas(), min_size=5, max_size=5), st.booleans())
def test_round_trip_through_dump_syntax(citizen: Citizen, names: list[str], commas: bool) -> None:
    """A record written back in dump syntax parses to the same record (commas included)."""
    row: list[str | int] = [
        citizen.civil_registry_id,
        *(
            names
            if commas
            else [
                citizen.first_name,
                citizen.father_name,
                citizen.grandfather_name,
                citizen.family_name,
                citizen.mother_name,
            ]
        ),
        1 if citizen.national_id[0] == "1" else 2,
        f"{citizen.birth_date.day}/{citizen.birth_date.month}/{citizen.birth_date.year}",
        "طرابلس",
        citizen.national_id,
        citizen.fbr_number,
        3,
        0,
        1,
    ]
    line = format_dump_line(row)
    assert split_dump_line(line) == tuple(str(value) for value in row)
    [record] = read_registry_dump("INSERT INTO T_PERSONAL_DATA(...)\n" + line, as_of=NOW)
    assert record.civil_registry_id == citizen.civil_registry_id
    assert record.national_id == citizen.national_id
    assert record.birth_date == citizen.birth_date
    assert [record.first_name, record.mother_name] == [row[1], row[5]]
    assert record_to_dump_line(record) == line
    assert len(REGISTRY_COLUMNS) == len(split_dump_line(line))


@pytest.mark.parametrize(
    "line",
    [
        "VALUES(" + " " * 50_000 + "x" + ", " * 20,
        "VALUES(1, '" + "a," * 20_000 + "' " + " " * 20_000 + ",",
        "VALUES(" + " 'a' ," * 20_000,
    ],
)
def test_long_malformed_lines_fail_fast(line: str) -> None:
    """The regular expression cannot backtrack: these took minutes with a naive one."""
    started = time.perf_counter()
    with pytest.raises(InvalidFormat):
        split_dump_line(line)
    assert time.perf_counter() - started < 1


# --------------------------------------------------------------------------- streaming


def test_check_finds_what_read_finds_without_keeping_records() -> None:
    result = check_registry_dump(DATA / "cra_dump_bad.sql", as_of=NOW)
    assert not result.ok
    assert [(e.location, e.code) for e in result.problems] == [
        ("line 3", "registration.registry.gender"),
        ("line 4", "registration.registry.gender_mismatch"),
        ("line 5", "registration.dump.line"),
        ("line 6", "registration.registry.not_born_yet"),
        ("line 7", "registration.registry.duplicate"),
    ]
    assert result.problem_count == 5
    good = check_registry_dump(DATA / "cra_dump.sql", as_of=NOW)
    assert good.ok
    assert good.records == 6
    assert good.counts == {}


def test_repeats_are_found_across_spilled_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """With runs of 2 ids the repeats are found by merging files from disk."""
    monkeypatch.setattr("electoral._repeats.CHUNK", 2)
    first = (LINE % "أ").strip()
    lines = [first]
    for n in range(1, 9):
        nid = f"1196902619{n:02d}" if n != 6 else "119690261935"
        lines.append(first.replace("2566665", str(2566665 + n % 7)).replace("119690261935", nid))
    dump = "\n".join(lines) + "\n"
    result = check_registry_dump(dump, as_of=NOW, max_problems=2)
    expected = {
        ("line 7", "national_id"),
        ("line 8", "civil_registry_id"),
        ("line 9", "civil_registry_id"),
    }
    assert result.problem_count == len(expected)
    assert len(result.problems) == 2
    assert result.counts == {"registration.registry.duplicate": 3}
    with pytest.raises(ValidationErrors) as info:
        read_registry_dump(dump, as_of=NOW)
    assert {(e.location, e.field) for e in info.value.errors} == expected
    assert result.records == 9 - 3


def test_the_registry_as_csv(tmp_path: Path) -> None:
    records = read_registry_dump(DATA / "cra_dump.sql", as_of=NOW)
    text = write_registry_csv(records)
    assert text.splitlines()[0] == ",".join(REGISTRY_COLUMNS)
    assert read_registry_csv(text, as_of=NOW) == records
    headless = "\n".join(text.splitlines()[1:]) + "\n"
    assert read_registry_csv(headless, as_of=NOW) == records
    path = tmp_path / "registry.csv"
    path.write_text(text, encoding="utf-8")
    assert check_registry_csv(path, as_of=NOW).records == len(records)
    assert write_registry_dump(records).count("VALUES(") == len(records)
    bad = text.replace("ملائك", "=ملائك", 1) + "1,2,3\n"
    with pytest.raises(ValidationErrors) as info:
        read_registry_csv(bad, as_of=NOW)
    assert [(e.code, e.location) for e in info.value.errors] == [
        ("formats.formula", "line 2"),
        ("registration.registry.columns", "line 8"),
    ]
    with pytest.raises(ValidationErrors) as info:
        check_registry_csv(tmp_path / "none.csv", as_of=NOW)
    assert info.value.codes == ("formats.file.missing",)


def test_readers_refuse_what_is_not_a_record() -> None:
    with pytest.raises(TypeError, match="record"):
        record_to_dump_line(("7",) * 14)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="row"):
        format_dump_line("VALUES(1)")
    [(line, error)] = iter_registry_dump("-- nothing\n")
    assert (line, getattr(error, "code", None)) == (1, "formats.no_records")


class _GeneratedDump:
    """A dump of ``rows`` records made as it is read, so the source itself takes no memory."""

    def __init__(self, rows: int) -> None:
        first = (LINE % "أ").strip()
        self._lines = (
            first.replace("2566665", str(3_000_000 + n)).replace("119690261935", f"1196902{n:05d}")
            + "\n"
            for n in range(rows)
        )
        self._buffer = b""

    def read(self, size: int = -1, /) -> bytes:
        while len(self._buffer) < size:
            line = next(self._lines, None)
            if line is None:
                break
            self._buffer += line.encode("utf-8")
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data


def _peak(rows: int) -> int:
    tracemalloc.start()
    try:
        result = check_registry_dump(_GeneratedDump(rows), as_of=NOW)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (result.ok, result.records) == (True, rows)
    return peak


def test_checking_memory_follows_the_row_not_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten times the rows, about the same peak: the reader streams and the ids spill to disk."""
    # Small runs, few of them (as 100,000-id runs, at most 64, are for a national
    # registry); a first check allocates what every check shares, so it is not measured.
    monkeypatch.setattr("electoral._repeats.CHUNK", 500)
    monkeypatch.setattr("electoral._repeats.MAX_RUNS", 8)
    _peak(200)
    small, large = _peak(2_000), _peak(20_000)
    assert large < small * 1.2 + 64 * 1024, (small, large)


_FIELD = st.text(alphabet="1 'أب,;()", max_size=4)


@given(
    st.lists(
        st.one_of(
            st.lists(_FIELD, min_size=12, max_size=16).map(
                lambda fields: "VALUES(" + ",".join(fields) + ");"
            ),
            st.lists(_FIELD, min_size=14, max_size=14).map(
                lambda fields: "VALUES(" + ", ".join(f"'{f}'" for f in fields) + ");"
            ),
            st.sampled_from(["INSERT INTO T(A)", "-- x", "", "VALUES(1);", "damaged"]),
        ),
        max_size=12,
    ),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.integers(1, 200),
)
def test_lines_split_a_block_at_a_time_as_one_by_one(
    lines: list[str], ending: str, chunk: int
) -> None:
    """The whole-block split gives what splitting each line on its own gives."""
    from electoral.formats import _lines
    from electoral.formats.smartelect import _registry

    text = "".join(line + ending for line in lines)
    original = _lines.CHUNK_CHARS
    setattr(_lines, "CHUNK_CHARS", chunk)  # noqa: B010 - a Final, changed for this test only
    try:
        fast = [_shown(row) for row in iter_registry_dump(text)]
        plain, _registry._plain_bodies = _registry._plain_bodies, lambda block, count: None
        try:
            slow = [_shown(row) for row in iter_registry_dump(text)]
        finally:
            _registry._plain_bodies = plain
    finally:
        setattr(_lines, "CHUNK_CHARS", original)  # noqa: B010
    assert fast == slow


def _shown(row: tuple[int, object]) -> tuple[int, object]:
    line, values = row
    if isinstance(values, Exception):
        return line, (getattr(values, "code", None), str(values))
    return line, values


def test_a_block_whose_lines_hold_too_few_and_too_many_values() -> None:
    """13 commas on average, 12 on one line and 14 on the next: each line is read alone."""
    twelve = "VALUES(1, 'a', 'b', 'c', 'd', 'e', 1, '7/9/1969', '', '119690261935', 0, 0, 0);"
    fourteen = (
        "VALUES(2, 'a,b', 'c', 'd', 'e', 'f', 1, '7/9/1969', '', '119690261935', '4', 0, 0, 0);"
    )
    rows = list(iter_registry_dump(f"{twelve}\n{fourteen}\n"))
    assert [line for line, _ in rows] == [1, 2]
    assert getattr(rows[0][1], "code", None) == "registration.dump.line"
    assert rows[1][1] == (
        "2",
        "a,b",
        "c",
        "d",
        "e",
        "f",
        "1",
        "7/9/1969",
        "",
        "119690261935",
        "4",
        "0",
        "0",
        "0",
    )
