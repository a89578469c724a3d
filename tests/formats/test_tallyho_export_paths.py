"""The results export's fast reader gives what its general readers give, good file or bad.

:func:`~electoral.formats.tallyho.iter_results_export` reads an export in the written
column order by comparing each line with the one before it; an export read with
``columns`` (the csv module, cell by cell) and one with its columns in another order
(a loop that checks each form once) are read by general code. The three must agree on
every row and every problem (its code and its line), whatever the damage.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import ValidationErrors
from electoral.formats.tallyho import iter_results_export
from electoral.results import EXPORT_COLUMNS, ResultRow, results_rows
from electoral.results._export import PVP_EXPORT_COLUMNS
from electoral.testing import demo_records, demo_tally_setup

SETUP = demo_tally_setup()
ROWS = list(results_rows(demo_records(SETUP), SETUP))[:60]

JUNK = [
    "",
    " ",
    "x",
    "-1",
    "1" * 30,
    "99999",
    "١٢",
    " 7",
    "=1+1",
    "@x",
    "male",
    "unisex",
    "true",
    "maybe",
    "de3",
    "3100100111x",
    "000123",
    '"quoted, with a comma"',
    'in"side',
    "0",
]


def _cells(row: ResultRow) -> list[str]:
    out = []
    for value in row:
        if isinstance(value, bool):
            out.append("true" if value else "false")
        elif value is None:
            out.append("")
        else:
            out.append(str(getattr(value, "value", value)))
    return out


@st.composite
def damaged_exports(draw: st.DrawFn) -> str:
    """An export of some demo rows, perhaps without the PVP columns, with damage."""
    count = draw(st.integers(1, len(ROWS)))
    old = draw(st.booleans())  # written before PVP: two columns fewer
    width = len(EXPORT_COLUMNS) - (len(PVP_EXPORT_COLUMNS) if old else 0)
    header = ",".join(EXPORT_COLUMNS[:width])
    lines = [",".join(_cells(row)[:width]) for row in ROWS[:count]]
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(lines) - 1))
        cells = lines[at].split(",")
        kind = draw(st.sampled_from(["cell", "cell", "cell", "more", "fewer", "blank", "copy"]))
        if kind == "cell":
            cells[draw(st.integers(0, len(cells) - 1))] = draw(st.sampled_from(JUNK))
            lines[at] = ",".join(cells)
        elif kind == "more":
            lines[at] += ",9"
        elif kind == "fewer":
            lines[at] = lines[at][: lines[at].rindex(",")]
        elif kind == "blank":
            lines.insert(at, draw(st.sampled_from(["", ",,", " "])))
        else:  # a row repeated, as a form's rows repeat their form's cells
            lines.insert(at, lines[at])
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    last = ending if draw(st.booleans()) else ""
    return ending.join([header, *lines]) + last


def _outcome(rows: Any) -> tuple[list[ResultRow], list[tuple[str, str | None]]]:
    got: list[ResultRow] = []
    try:
        got.extend(rows)
    except ValidationErrors as errors:
        return got, [(e.code, e.location) for e in errors.errors]
    return got, []


def _reordered(text: str) -> str:
    table = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([list(reversed(r)) for r in table])
    return out.getvalue()


@given(damaged_exports())
def test_the_fast_reader_agrees_with_the_general_readers(text: str) -> None:
    fast = _outcome(iter_results_export(text))
    general = _outcome(iter_results_export(text, columns=()))
    assert fast == general
    if "\r" not in text and '"' not in text:  # (reordering keeps the lines where they are)
        assert _outcome(iter_results_export(_reordered(text))) == fast


def test_a_last_line_without_its_ending() -> None:
    text = "\n".join([",".join(EXPORT_COLUMNS), *(",".join(_cells(r)) for r in ROWS)])
    assert list(iter_results_export(text)) == ROWS
    assert list(iter_results_export(text + "\n")) == ROWS
