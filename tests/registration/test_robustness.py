"""Junk in, typed refusal out: no rule of this chapter crashes on bad input."""

from __future__ import annotations

import contextlib

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import ValidationError, ValidationErrors
from electoral.formats.smartelect import (
    read_centers,
    read_national_id_upload,
    read_phone_list_upload,
    read_registry_dump,
)
from electoral.model import TRIPOLI
from electoral.registration import (
    CENTER_CSV_COLUMNS,
    classify_search_term,
    cleanup_lat_long,
    protect_from_emoji,
    split_message,
    validate_registry_rows,
    validate_web_national_id,
)

NOW = pendulum.datetime(2026, 1, 1, tz=TRIPOLI)
CELLS = st.one_of(st.text(max_size=14), st.sampled_from(["1", "2", "7/9/1969", "119690261935"]))
JUNK = st.one_of(st.none(), st.integers(), st.floats(), st.binary(max_size=5), CELLS)


@given(st.lists(st.lists(CELLS, min_size=12, max_size=16), max_size=5))
def test_registry_rows_never_crash(rows: list[list[str]]) -> None:
    locations: list[str | None] = []
    try:
        records = validate_registry_rows(rows, as_of=NOW)
    except ValidationErrors as errors:
        locations = [e.location for e in errors.errors]
    else:
        assert len(records) == len(rows)
    assert all(where and where.startswith("line ") for where in locations)


@given(st.lists(st.one_of(JUNK, st.lists(JUNK, max_size=15)), min_size=1, max_size=3))
def test_registry_junk_types_refused(rows: list[object]) -> None:
    with pytest.raises(ValidationErrors):
        validate_registry_rows(rows, as_of=NOW)  # type: ignore[arg-type]


ROW = st.lists(
    st.one_of(st.text(max_size=8), st.sampled_from(["11001", "1", "General", "نسخة"])),
    min_size=13,
    max_size=16,
)


@given(st.lists(ROW, max_size=5))
def test_center_csv_never_crashes(rows: list[list[str]]) -> None:
    text = (
        ",".join(CENTER_CSV_COLUMNS)
        + "\n"
        + "\n".join(",".join('"' + cell.replace('"', '""') + '"' for cell in row) for row in rows)
    )
    try:
        result = read_centers(
            text, centers=[], office_ids={1}, constituency_ids={1}, subconstituency_ids={1}
        )
    except ValidationError:
        pass
    except ValidationErrors:
        pass
    else:
        assert result.created + result.blank + result.duplicates + result.updated == len(rows)


@given(st.one_of(st.binary(max_size=40), st.text(max_size=40), JUNK))
def test_center_csv_junk(data: object) -> None:
    wrong_type = not isinstance(data, str | bytes)
    with pytest.raises(TypeError if wrong_type else ValidationErrors):
        read_centers(
            data,  # type: ignore[arg-type]
            centers=[],
            office_ids={1},
            constituency_ids={1},
            subconstituency_ids={1},
        )


@given(st.one_of(st.text(max_size=60), st.binary(max_size=60), JUNK))
def test_upload_never_crashes(data: object) -> None:
    try:
        ids = read_national_id_upload(data, known={"119690261935"})  # type: ignore[arg-type]
    except ValidationErrors:
        return
    except TypeError:
        assert not isinstance(data, str | bytes)
        return
    assert set(ids) <= {"119690261935"}


DUMP_CELL = st.one_of(
    st.text(alphabet=" ',()0123456789/أب;", max_size=12),
    st.sampled_from(["'1'", "1", "2", "'7/9/1969'", "'119690261935'", "'ملائك, ة'"]),
)
DUMP_LINE = st.one_of(
    st.text(max_size=40),
    st.lists(DUMP_CELL, min_size=10, max_size=16).map(lambda cells: f"VALUES({','.join(cells)});"),
)


@given(st.lists(DUMP_LINE, max_size=6))
def test_registry_dump_never_crashes(lines: list[str]) -> None:
    data = [line for line in lines if "VALUES(" in line]
    locations: list[str | None] = []
    records = []
    try:
        records = read_registry_dump("\n".join(lines), as_of=NOW)
    except ValidationErrors as errors:
        locations = [e.location for e in errors.errors]
    assert all(where and where.startswith("line ") for where in locations)
    assert len(records) <= len(data)


@given(st.one_of(st.text(max_size=60), st.binary(max_size=30)))
def test_phone_upload_never_crashes(text: str | bytes) -> None:
    codes: list[str] = []
    numbers: tuple[str, ...] = ()
    try:
        numbers = read_phone_list_upload(text).numbers
    except ValidationErrors as errors:
        codes = list(errors.codes)
    assert codes in (
        [],
        ["formats.encoding"],
        ["formats.utf16"],
        ["formats.nul"],
        ["formats.empty"],
    )
    assert all(n.isdigit() for n in numbers)


@given(st.text(max_size=40))
def test_web_lookups_never_crash(text: str) -> None:
    with contextlib.suppress(ValidationError):
        validate_web_national_id(text)
    classify_search_term(text)
    cleanup_lat_long(text)
    protect_from_emoji(text)
    split_message(text)
