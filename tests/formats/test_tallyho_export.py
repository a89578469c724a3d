"""Tally-Ho's per-form results export: read back, checked, at the speed of csv."""

from __future__ import annotations

import csv
import io

import pytest

from electoral.errors import ValidationErrors
from electoral.formats.tallyho import (
    iter_results_export,
    read_results_export,
    write_results_export,
)
from electoral.results import ResultRow, results_rows
from electoral.testing import demo_records, demo_tally_setup


def test_old_exports_without_pvp_columns_still_read() -> None:
    setup = demo_tally_setup()
    rows = list(results_rows(demo_records(setup), setup))
    text = write_results_export(rows)
    header, *body = text.splitlines()
    cut = len(",from_pvp,pvp_mode_applied")
    old = "\n".join(
        [header[:-cut], *(line[: line.rindex(",", 0, line.rindex(","))] for line in body)]
    )
    assert read_results_export(io.StringIO(old + "\n")) == rows
    assert all(not r.from_pvp and r.pvp_mode_applied is None for r in rows)
    bad = text.replace(",false,", ",maybe,", 1).replace("\n", ",\n", 0)
    with pytest.raises(ValidationErrors) as info:
        read_results_export(io.StringIO(bad))
    assert list(info.value.codes) == ["results.csv.boolean"]
    lines = text.splitlines()
    lines[1] = lines[1][: lines[1].rindex(",")] + ",de3"
    with pytest.raises(ValidationErrors) as info:
        read_results_export(io.StringIO("\n".join(lines) + "\n"))
    assert list(info.value.codes) == ["results.csv.pvp_mode"]


ROWS = list(results_rows(demo_records(demo_tally_setup()), demo_tally_setup()))
TEXT = write_results_export(ROWS)


def test_columns_in_any_order_and_extra_columns() -> None:
    rows = [line.split(",") for line in TEXT.splitlines()]
    rows[0].append("extra")
    for row in rows[1:]:
        row.append("x")
    reversed_text = "\n".join(",".join(reversed(row)) for row in rows) + "\n"
    assert read_results_export(reversed_text) == ROWS


def test_bad_cells_are_reported_at_their_line_and_the_good_rows_still_come() -> None:
    lines = TEXT.splitlines()
    lines[2] = lines[2].replace(",31001001117,", ",3100100111x,", 1)  # a form column
    lines[4] = lines[4].replace(",مرشح", ",=مرشح", 1)  # a candidate column
    head, _, tail = lines[5].partition(",مرشح")
    cells = tail.split(",")
    cells[2] = "1" * 30  # votes of thousands of... thirty digits
    lines[5] = head + ",مرشح" + ",".join(cells)
    lines[6] = lines[6].replace(",male,", ",woman,", 1)
    text = "\n".join(lines) + "\n"
    got: list[ResultRow] = []
    with pytest.raises(ValidationErrors) as info:
        got.extend(iter_results_export(text))
    assert [(e.code, e.location) for e in info.value.errors] == [
        ("barcode.format", "line 3"),
        ("formats.formula", "line 5"),
        ("formats.number.too_long", "line 6"),
        ("results.csv.gender", "line 7"),
    ]
    assert len(got) == len(ROWS) - 4


def test_a_missing_required_cell() -> None:
    header, first, *rest = TEXT.splitlines()
    cells = first.split(",")
    cells[0] = ""
    with pytest.raises(ValidationErrors) as info:
        read_results_export("\n".join([header, ",".join(cells), *rest]) + "\n")
    assert info.value.codes == ("missing",)


def test_caches_stay_small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("electoral.formats.tallyho._export.CACHE", 1)
    assert read_results_export(TEXT) == ROWS


def test_the_writer_refuses_what_is_not_a_row() -> None:
    with pytest.raises(TypeError, match="ResultRow"):
        write_results_export([tuple(ROWS[0])])  # type: ignore[list-item]


def _with_problems(text: str, *, broken: bool = True) -> str:
    """TEXT with, after line 2: a long row, a blank line, a quoted name with a comma, a
    bad quote, a bad form cell, a bad candidate cell and bad votes."""
    lines = text.splitlines()
    first = lines[1].split(",")
    quoted = first.copy()
    quoted[10] = '"سالم, علي"'
    bad_form = first.copy()
    bad_form[0] = "x"
    bad_candidate = first.copy()
    bad_candidate[9] = "-1"
    bad_votes = first.copy()
    bad_votes[12] = "v"
    bad_quote = [lines[1].replace(",", ',"', 1)] if broken else []
    extra = [*lines[:2], lines[1] + ",9", "", ",".join(quoted), *bad_quote]
    return "\n".join([*extra, *(",".join(c) for c in (bad_form, bad_candidate, bad_votes))]) + "\n"


EXPECTED = [
    ("formats.csv.cells", "line 3"),
    ("formats.csv.syntax", "line 6"),
    ("results.csv.integer", "line 7"),
    ("results.csv.integer", "line 8"),
    ("results.csv.integer", "line 9"),
]


def test_every_problem_in_the_written_layout() -> None:
    rows: list[ResultRow] = []
    with pytest.raises(ValidationErrors) as info:
        rows.extend(iter_results_export(_with_problems(TEXT)))
    assert [(e.code, e.location) for e in info.value.errors] == EXPECTED
    assert [r.candidate_name for r in rows] == [ROWS[0].candidate_name, "سالم, علي"]


def test_every_problem_in_another_layout() -> None:
    """The same rows, their columns reversed: read by the general loop, same problems."""
    rows = list(csv.reader(io.StringIO(_with_problems(TEXT, broken=False), newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([list(reversed(row)) for row in rows])
    got: list[ResultRow] = []
    with pytest.raises(ValidationErrors) as info:
        got.extend(iter_results_export(out.getvalue()))
    assert [(e.code, e.location) for e in info.value.errors] == [
        ("formats.csv.cells", "line 3"),
        ("results.csv.integer", "line 6"),
        ("results.csv.integer", "line 7"),
        ("results.csv.integer", "line 8"),
    ]
    assert [r.candidate_name for r in got] == [ROWS[0].candidate_name, "سالم, علي"]


def _reversed(text: str) -> str:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([list(reversed(row)) for row in rows])
    return out.getvalue()


def test_another_layout_with_small_caches_a_bad_quote_and_a_nul(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("electoral.formats.tallyho._export.CACHE", 1)
    reordered = _reversed(TEXT)
    assert read_results_export(reordered) == ROWS
    with pytest.raises(ValidationErrors) as info:
        read_results_export(reordered + '1,"2\n')
    assert info.value.codes == ("formats.csv.syntax",)
    with pytest.raises(ValidationErrors) as info:
        read_results_export(reordered + "1,\x00\n")
    assert info.value.codes == ("formats.nul",)
