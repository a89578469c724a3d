"""The one file policy: sources, text, line endings, CSV, cells and JSON."""

from __future__ import annotations

import io
import os
import pathlib
import re
from typing import IO, Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import ErrorCollector, ValidationError, ValidationErrors
from electoral.formats import _lines
from electoral.formats import _policy as policy
from electoral.formats._policy import (
    CsvFile,
    check_encoding,
    csv_text,
    digits,
    load_json,
    neutralise,
    open_lines,
    refuse_formula,
    write_csv,
)


def lines_of(source: Any, **options: Any) -> list[object]:
    """Every line of ``source``; a fatal problem as ``(code, location)`` at the end."""
    out: list[object] = []
    try:
        with open_lines(source, **options) as lines:
            out.extend(lines)
    except ValidationError as error:
        out.append((error.code, error.location))
    return out


def table(text: str | bytes, *, header: bool = True) -> tuple[list[list[str]], list[str]]:
    """The records of a CSV text and the problems, as ``code @ location``."""
    errors = ErrorCollector("test")
    rows: list[list[str]] = []
    with open_lines(text) as lines:
        csv_file = CsvFile(lines, errors, header=header)
        rows.extend(cells for _, cells in (csv_file if header else csv_file.records()))
        csv_file.finish()
    return rows, [f"{e.code} @ {e.location}" for e in errors.errors]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read three characters (or bytes) at a time, to cross every chunk boundary."""
    monkeypatch.setattr(_lines, "CHUNK_CHARS", 3)


# --------------------------------------------------------------------------- sources


@pytest.mark.parametrize("source", [None, 1, 1.5, ["a"], {"a": 1}, object()])
def test_what_is_not_a_source_is_a_type_error(source: object) -> None:
    with (
        pytest.raises(TypeError, match="data must be a path"),
        open_lines(
            source,  # type: ignore[arg-type]
            parameter="data",
        ),
    ):
        pass  # pragma: no cover


def test_a_str_is_content_and_a_path_is_a_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"x,y\n")
    assert lines_of(path) == ["x,y\n"]
    assert lines_of(str(path)) == [str(path)]
    assert lines_of(io.BytesIO(b"x\r\n")) == ["x\r\n"]
    assert lines_of(io.StringIO("x\ny")) == ["x\n", "y"]
    assert lines_of(bytearray(b"x")) == ["x"]


def test_paths_that_cannot_be_read(tmp_path: pathlib.Path) -> None:
    for path, code in (
        (tmp_path / "none.csv", "formats.file.missing"),
        (tmp_path, "formats.file.directory"),
    ):
        with pytest.raises(ValidationError) as info, open_lines(path):
            pass  # pragma: no cover
        assert info.value.code == code
        # the message shortens a long value (a worker's tmp_path is long): check the value
        assert info.value.value == str(path)
        assert str(path)[:20] in info.value.message()
    locked = tmp_path / "locked.csv"
    locked.write_text("x")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads anything: nothing to test
            pytest.skip("running with permission to read every file")
        with pytest.raises(ValidationError) as info, open_lines(locked):
            pass  # pragma: no cover
        assert info.value.code == "formats.file.unreadable"
    finally:
        locked.chmod(0o600)


def test_a_stream_that_fails_midway(tmp_path: pathlib.Path) -> None:
    class Broken(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            raise OSError(5, "Input/output error")

    path = tmp_path / "x"
    path.write_bytes(b"x")
    with open_lines(path) as lines:
        lines._read = _lines._reading(cast(IO[bytes], Broken()), path)
        with pytest.raises(ValidationError) as info:
            next(lines)
    assert info.value.code == "formats.file.unreadable"
    with pytest.raises(TypeError, match="read"), open_lines(_Odd()) as odd:  # type: ignore[arg-type]
        next(odd)


class _Odd:
    def read(self, size: int = -1) -> int:
        return 7


def test_encoding_names() -> None:
    check_encoding("cp1256")
    with pytest.raises(ValidationError) as info:
        check_encoding("no-such-encoding")
    assert info.value.code == "formats.unknown_encoding"
    with pytest.raises(TypeError, match="encoding"):
        check_encoding(None)


# --------------------------------------------------------------------------- text


def test_line_endings_lf_crlf_cr_and_mixed() -> None:
    assert lines_of("a\nb\r\nc\rd") == ["a\n", "b\r\n", "c\r", "d"]
    assert lines_of(b"a\rb\r") == ["a\r", "b\r"]
    assert lines_of("a\u2028b\x85c\x0cd\n") == ["a\u2028b\x85c\x0cd\n"]  # only CR and LF end lines


def test_byte_order_marks() -> None:
    assert lines_of(b"\xef\xbb\xbfa\n") == ["a\n"]
    assert lines_of("\ufeffa\n") == ["a\n"]
    assert lines_of("a\n".encode("utf-16")) == [("formats.utf16", "line 1")]
    assert lines_of("a\n".encode("utf-32")) == [("formats.utf16", "line 1")]
    assert lines_of("ab,c\n".encode("utf-16-le")) == [("formats.utf16", "line 1")]
    assert lines_of("ab,c\n".encode("utf-16-be")) == [("formats.utf16", "line 1")]


def test_windows_1256_is_refused_at_its_line_or_read_when_named() -> None:
    data = "ok\nمدرسة\n".encode("cp1256")
    assert lines_of(data) == ["ok\n", ("formats.encoding", "line 2")]
    assert lines_of(data, encoding="cp1256") == ["ok\n", "مدرسة\n"]
    assert lines_of("a\nب".encode()[:-1]) == ["a\n", ("formats.encoding", "line 2")]


def test_nul_and_overlong_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    assert lines_of("a\nb\x00c\nd\n") == ["a\n", ("formats.nul", "line 2")]
    assert lines_of("a\n\x00\n") == ["a\n", ("formats.nul", "line 2")]
    monkeypatch.setattr(_lines, "MAX_LINE_CHARS", 5)
    assert lines_of("abc\nabcdefgh\nx\n") == ["abc\n", ("formats.line_too_long", "line 2")]
    monkeypatch.setattr(_lines, "CHUNK_CHARS", 4)
    assert lines_of("ab\nabcdefghijkl") == ["ab\n", ("formats.line_too_long", "line 2")]
    monkeypatch.setattr(_lines, "CHUNK_CHARS", 64)  # a chunk longer than a line may be
    assert lines_of("abc\nabcd\nxy\n") == ["abc\n", "abcd\n", "xy\n"]


@pytest.mark.usefixtures("small_chunks")
def test_chunk_boundaries_split_nothing() -> None:
    assert lines_of("ab\r\ncd\re\n") == ["ab\r\n", "cd\r", "e\n"]
    assert lines_of("ab\r\nعلي\r\nx".encode()) == ["ab\r\n", "علي\r\n", "x"]
    assert lines_of(b"ab\r\n\xd8\n\xff") == ["ab\r\n", ("formats.encoding", "line 2")]
    assert lines_of("a\r" * 4) == ["a\r"] * 4


@given(
    st.lists(
        st.tuples(st.text(alphabet="ab ع,\"'", max_size=6), st.sampled_from(["\n", "\r\n", "\r"])),
        max_size=8,
    ),
    st.integers(1, 7),
    st.booleans(),
)
def test_lines_are_the_text_cut_at_its_line_endings(
    parts: list[tuple[str, str]], chunk: int, binary: bool
) -> None:
    text = "".join(body + end for body, end in parts)
    original = _lines.CHUNK_CHARS
    setattr(_lines, "CHUNK_CHARS", chunk)  # noqa: B010 - a Final, changed for this test only
    try:
        got = lines_of(text.encode() if binary else text)
    finally:
        setattr(_lines, "CHUNK_CHARS", original)  # noqa: B010
    assert "".join(str(line) for line in got) == text
    assert got == re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


# --------------------------------------------------------------------------- CSV


def test_csv_records_problems_and_blank_rows() -> None:
    rows, problems = table('a,b\n1,2\n\n ,  \n"x\ny",3\n4\n5,6,7\n')
    assert rows == [["1", "2"], ["x\ny", "3"]]
    assert problems == ["formats.csv.cells @ line 7", "formats.csv.cells @ line 8"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "formats.empty @ None"),
        ("a,b\n", "formats.no_records @ line 1"),
        ("a,b\n\n,\n", "formats.no_records @ line 1"),
        ("a,a\n1,2\n", "formats.csv.duplicate_column @ line 1"),
        ('a,b\n1,"2\n', "formats.csv.syntax @ line 2"),
        ('a,b\n1,"2"x\n', "formats.csv.syntax @ line 2"),
        ("a,b\n1,\x002\n", "formats.nul @ line 2"),
    ],
)
def test_csv_file_problems(text: str, problem: str) -> None:
    assert table(text)[1] == [problem]


def test_csv_cells_and_records_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    big = "x" * (policy.MAX_FIELD_CHARS + 1)
    assert table(f"a\n{big}\n")[1] == ["formats.csv.field_too_large @ line 2"]
    assert table(f'a\n"{big}"\n')[1] == ["formats.csv.field_too_large @ line 2"]
    monkeypatch.setattr(_lines, "MAX_LINE_CHARS", 10)
    assert table('a\n"1\n12345678901\n"\n')[1] == ["formats.line_too_long @ line 3"]


def test_csv_without_a_header() -> None:
    assert table("1,2\n3\n", header=False) == ([["1", "2"], ["3"]], [])
    assert table("", header=False)[1] == ["formats.empty @ None"]
    assert table("\n\n", header=False)[1] == ["formats.no_records @ None"]


@given(st.lists(st.lists(st.text(max_size=5), min_size=2, max_size=2), min_size=1, max_size=5))
def test_what_the_writer_writes_the_reader_reads(rows: list[list[str]]) -> None:
    text = write_csv(("a", "b"), rows)
    clean = [row for row in rows if any(cell.strip() for cell in row)]
    got, problems = table(text)
    if "\x00" in text:
        assert problems[-1].startswith("formats.nul")
        return
    if not clean:
        assert problems == ["formats.no_records @ line 1"]
        return
    assert problems == []
    assert got == [[str(neutralise(cell)) for cell in row] for row in clean]


# --------------------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", 0), ("007", 7), ("١٢٣", 123), ("۱۲", 12), ("-5", -5), ("-٥", -5)],
)
def test_whole_numbers(text: str, expected: int) -> None:
    assert digits(text, "n", code="format", negative=True) == expected


@pytest.mark.parametrize("text", ["", "+5", "1.0", "1e3", "1_000", " 1", "x", "--1", "٫"])
def test_not_whole_numbers(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        digits(text, "n", code="format", negative=True)
    assert info.value.code == "format"


def test_numbers_of_thousands_of_digits_are_refused_before_int() -> None:
    for text in ("9" * 19, "1" * 5000, "١" * 5000):
        with pytest.raises(ValidationError) as info:
            digits(text, "n", code="format")
        assert info.value.code == "formats.number.too_long"
        assert len(info.value.message()) < 200
    assert digits("9" * 18, "n", code="format") == 10**18 - 1
    with pytest.raises(ValidationError):
        digits("-1", "n", code="format")


@pytest.mark.parametrize("prefix", policy.FORMULA_PREFIXES)
def test_formula_prefixes_are_refused_on_input_and_neutralised_on_output(prefix: str) -> None:
    with pytest.raises(ValidationError) as info:
        refuse_formula(prefix + "1+1", "name")
    assert info.value.code == "formats.formula"
    assert repr(prefix) in info.value.message()
    assert neutralise(prefix + "1+1") == "'" + prefix + "1+1"
    assert refuse_formula("'" + prefix, "name") == "'" + prefix


def test_numbers_are_never_neutralised() -> None:
    from decimal import Decimal

    assert csv_text([-5, Decimal("-12.5"), Decimal("0E-8"), None, "-x"]) == [
        -5,
        "-12.5",
        "0.00000000",
        "",
        "'-x",
    ]
    for bad in (True, 1.5, object()):
        with pytest.raises(TypeError, match="CSV cell"):
            csv_text([bad])


# --------------------------------------------------------------------------- JSON


def json_problems(text: str | bytes) -> list[str]:
    try:
        load_json(text)
    except ValidationErrors as group:
        return [f"{e.code} @ {e.location}" for e in group.errors]
    return []


def test_json_values_under_the_policy() -> None:
    from decimal import Decimal

    assert load_json('{"a": [1, 2.5, "x", null, true]}') == {
        "a": [1, Decimal("2.5"), "x", None, True]
    }
    assert load_json(b"\xef\xbb\xbf[]") == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "formats.empty @ None"),
        ("  \n", "formats.empty @ None"),
        ('{"a": 1,\n "b": }', "formats.json.syntax @ line 2"),
        ('{"a": 1, "a": 2}', "formats.json.duplicate_key @ None"),
        ("[NaN]", "formats.json.constant @ None"),
        ("[-Infinity]", "formats.json.constant @ None"),
        ("[" + "1" * 19 + "]", "formats.number.too_long @ None"),
        ("[" + "9" * 5000 + "]", "formats.number.too_long @ None"),
        ("[1." + "0" * 50 + "]", "formats.number.too_long @ None"),
        ("[" * 33 + "]" * 33, "formats.json.too_deep @ None"),
        ("[" * 100_000 + "]" * 100_000, "formats.json.too_deep @ None"),
        ('{"a": ' * 40 + "1" + "}" * 40, "formats.json.too_deep @ None"),
        ("[1]\x00", "formats.nul @ line 1"),
    ],
)
def test_json_problems(text: str, problem: str) -> None:
    assert json_problems(text) == [problem]


def test_json_nesting_limit_is_exact() -> None:
    assert load_json("[" * 32 + "]" * 32) is not None
    assert json_problems(b"\xff") == ["formats.encoding @ line 1"]
    with pytest.raises(TypeError):
        load_json(3)  # type: ignore[arg-type]


def test_a_file_object_may_return_bytearrays() -> None:
    class Chunks:
        def __init__(self) -> None:
            self.parts = [bytearray(b"a,"), memoryview(b"b\n"), b""]

        def read(self, size: int = -1) -> object:
            return self.parts.pop(0)

    assert lines_of(Chunks()) == ["a,b\n"]
