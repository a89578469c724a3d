"""Tally-Ho's per-form results export: read back, checked, at the speed of csv."""

from __future__ import annotations

import io

import pytest

from electoral.errors import ValidationErrors
from electoral.formats.tallyho import read_results_export, write_results_export
from electoral.results import demo_records, demo_tally_setup, results_rows


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
