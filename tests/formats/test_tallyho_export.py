"""Tally-Ho's per-form results export: read back, checked, at the speed of csv."""

from __future__ import annotations

import csv
import io
import pathlib

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


# --------------------------------------------------------------------------- columns=


def _only(columns: tuple[str, ...], text: str = TEXT) -> str:
    """The export with only ``columns`` (in the export's order)."""
    table = list(csv.reader(io.StringIO(text)))
    keep = [table[0].index(name) for name in columns]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[r[i] for i in keep] for r in table])
    return out.getvalue()


AUDIT = ("ballot", "center", "station", "barcode", "candidate_id", "votes")


def test_columns_reads_an_export_with_only_those_columns() -> None:
    rows = read_results_export(_only(AUDIT), columns=AUDIT)
    assert len(rows) == len(ROWS)
    for got, full in zip(rows, ROWS, strict=True):
        for name in ResultRow._fields:
            expected = getattr(full, name) if name in AUDIT else None
            if name == "from_pvp":
                expected = False  # a missing PVP column: not from PVP, as without columns=
            assert getattr(got, name) == expected, name


def test_columns_reads_a_complete_export_as_without_them() -> None:
    assert read_results_export(TEXT, columns=AUDIT) == ROWS
    assert read_results_export(TEXT, columns=()) == ROWS
    assert list(iter_results_export(TEXT, columns=ResultRow._fields)) == ROWS


def test_columns_present_but_not_named_are_still_checked() -> None:
    text = _only((*AUDIT, "candidate_name")).replace(",مرشح", ",=مرشح", 1)
    with pytest.raises(ValidationErrors) as info:
        read_results_export(text, columns=AUDIT)
    assert [(e.code, e.location) for e in info.value.errors] == [("formats.formula", "line 2")]


def test_columns_named_must_be_in_the_file() -> None:
    with pytest.raises(ValidationErrors) as info:
        read_results_export(_only(("ballot", "votes")), columns=AUDIT)
    assert [(e.code, e.location) for e in info.value.errors] == [
        ("results.csv.missing_columns", "line 1")
    ]
    with pytest.raises(ValidationErrors) as info:
        read_results_export(_only(AUDIT[:-1]), columns=AUDIT)
    assert [(e.code, e.field) for e in info.value.errors] == [
        ("results.csv.missing_column", "votes")
    ]


@pytest.mark.parametrize(
    ("spoil", "code"),
    [
        (lambda t: t.replace(",31001001117,", ",3100100111x,", 1), "barcode.format"),
        (lambda t: t.replace(",11\n", ",-11\n", 1), "results.csv.integer"),
        (lambda t: t.replace(",11\n", ",1" + "0" * 20 + "\n", 1), "formats.number.too_long"),
        (lambda t: t.replace(",11\n", ",11,12\n", 1), "formats.csv.cells"),
        (lambda t: t.replace(",11\n", ',"11\n', 1), "formats.csv.syntax"),
        (lambda t: t.replace(",11\n", ",1\x001\n", 1), "formats.nul"),
        (lambda t: t.split("\n")[0] + "\n", "formats.no_records"),
        (lambda t: "", "formats.empty"),
        (lambda t: t.replace("ballot,", "ballot,ballot,", 1), "formats.csv.duplicate_column"),
    ],
)
def test_columns_keeps_every_check_of_the_policy(spoil: object, code: str) -> None:
    text = spoil(_only(AUDIT))  # type: ignore[operator]
    with pytest.raises(ValidationErrors) as info:
        read_results_export(text, columns=AUDIT)
    assert code in info.value.codes
    assert all(e.location is None or e.location.startswith("line") for e in info.value.errors)


def test_columns_reports_every_bad_row_and_gives_the_good_ones_as_read() -> None:
    lines = _only(AUDIT).splitlines(keepends=True)
    lines[2] = lines[2].replace(",", ",x", 1)
    lines[5] = "\n"  # a blank record is skipped
    got: list[ResultRow] = []
    with pytest.raises(ValidationErrors) as info:
        got.extend(iter_results_export("".join(lines), columns=AUDIT))
    assert len(got) == len(lines) - 3
    assert [e.location for e in info.value.errors] == ["line 3"]


def test_columns_from_a_path_and_its_problems(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "results.csv"
    path.write_text(_only(AUDIT), encoding="utf-8")
    assert read_results_export(path, columns=AUDIT) == read_results_export(
        _only(AUDIT), columns=AUDIT
    )
    with pytest.raises(ValidationErrors) as info:
        read_results_export(tmp_path / "nowhere.csv", columns=AUDIT)
    assert info.value.codes == ("formats.file.missing",)


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ("ballot", "columns must be a collection of column names, not str"),
        (7, "columns must be a collection of column names, not int"),
        (("ballot", "nothing"), "columns must name columns of the results export, not 'nothing'"),
        ([1], "columns must name columns of the results export, not 1"),
    ],
)
def test_columns_that_are_not_column_names_are_a_type_error(columns: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        iter_results_export(TEXT, columns=columns)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="source must be"):
        iter_results_export(7, columns=AUDIT)  # type: ignore[arg-type]
