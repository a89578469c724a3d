"""Private: the per-form results export (one row per candidate of each counted form).

The reader streams: it checks each row as it reads it and keeps nothing but what
repeats (a form's own columns, repeated on each of its candidates' rows, and each
candidate's columns, repeated on every form of its ballot), so a national export
reads at about the speed of the :mod:`csv` module and in little memory.

Sources: Tally-Ho ``libs/views/exports.py`` (``save_barcode_results``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import Any, Final

from electoral.errors import (
    ErrorCollector,
    InvalidType,
    MissingValue,
    ValidationError,
    register_messages,
)
from electoral.formats._policy import CsvFile, Source, digits, open_lines, write_csv
from electoral.formats.tallyho._setup import gender_cell, text_cell
from electoral.results import PvpMode, ResultRow
from electoral.results._export import EXPORT_COLUMNS, PVP_EXPORT_COLUMNS, check_field

__all__ = ["iter_results_export", "read_results_export", "write_results_export"]

register_messages({})

_INTS: Final = frozenset({"ballot", "race_number", "center", "station", "order", "candidate_id",
                          "votes"})  # fmt: skip
_OPTIONAL: Final = frozenset({"voting_district", "invalid_ballots", "voter_cards",
                              "received_ballots_papers", "valid_votes",
                              "total_ballot_papers_in_box", "number_registrants"})  # fmt: skip
_FORM: Final = (*range(9), *range(13, 22))
"""Positions of the columns a form repeats on each of its rows."""
_CANDIDATE: Final = (9, 10, 11)
"""Positions of the columns a candidate repeats on each of its forms (order, name, id)."""
_SMALL: Final = {str(i): i for i in range(10_000)}
CACHE: Final = 4096
"""Distinct forms (and candidates) remembered at once; a form's rows come together."""


def _cell(name: str, text: str) -> object:
    """One cell of the export, typed and checked as :class:`ResultRow` checks it."""
    text = text.strip()
    value: object
    if name in _INTS:
        if not text:
            raise MissingValue(field=name, value=text)
        value = digits(text, name, code="results.csv.integer")
    elif name in _OPTIONAL:
        value = digits(text, name, code="results.csv.integer") if text else None
    elif name == "gender":
        value = gender_cell(text, name)
    elif name == "from_pvp":
        if text not in ("", "true", "false"):
            raise InvalidType("results.csv.boolean", field=name, value=text)
        value = text == "true"
    elif name == "pvp_mode_applied":
        try:
            value = PvpMode(text) if text else None
        except ValueError:
            raise InvalidType("results.csv.pvp_mode", field=name, value=text) from None
    else:
        value = text_cell(text, name)
    check_field(name, value)
    return value


def _cells(
    names: Iterable[str], texts: Iterable[str], errors: list[ValidationError]
) -> tuple[Any, ...]:
    out = []
    for name, text in zip(names, texts, strict=True):
        try:
            out.append(_cell(name, text))
        except ValidationError as error:
            errors.append(error)
    return tuple(out)


def iter_results_export(source: Source) -> Iterator[ResultRow]:
    """Each row of a per-form results export, checked, as the file is read.

    The columns may come in any order and extra columns are ignored; the two PVP
    columns may be missing (an export written before PVP: not from PVP). The
    rows come as they are read; every problem is collected and raised as one
    :class:`~electoral.errors.ValidationErrors` after the last row, so a caller
    that needs all or nothing uses :func:`read_results_export`.

    Raises:
        TypeError: ``source`` is not a source.
        ValidationErrors: after the last row, every problem (located ``line N``).
    """
    errors = ErrorCollector("results export")
    try:
        with open_lines(source) as lines:
            table = CsvFile(lines, errors)
            yield from _rows(table, errors)
            table.finish()
    except ValidationError as error:
        errors.add(error)
    errors.raise_if_any()


def _rows(table: CsvFile, errors: ErrorCollector) -> Iterator[ResultRow]:
    header = table.header
    missing = [c for c in EXPORT_COLUMNS if c not in header and c not in PVP_EXPORT_COLUMNS]
    if missing and not errors:
        errors.add(
            MissingValue(
                "results.csv.missing_columns",
                field=", ".join(missing),
                columns=", ".join(missing),
                file="results export",
            ),
            "line 1",
        )
    if errors:
        return
    present = [c for c in EXPORT_COLUMNS if c in header]
    pick = itemgetter(*(header.index(c) for c in present))
    padding = ("",) * (len(EXPORT_COLUMNS) - len(present))
    form_names = tuple(EXPORT_COLUMNS[i] for i in _FORM)
    form_pick = itemgetter(*_FORM)
    candidate_names = tuple(EXPORT_COLUMNS[i] for i in _CANDIDATE)
    candidate_pick = itemgetter(*_CANDIDATE)
    forms: dict[tuple[str, ...], tuple[Any, ...] | None] = {}
    candidates: dict[tuple[str, ...], tuple[Any, ...] | None] = {}
    small = _SMALL.get
    new = tuple.__new__
    for line, cells in table:
        texts = pick(cells) + padding
        form_texts = form_pick(texts)
        form = forms.get(form_texts, ())
        if form == ():
            problems: list[ValidationError] = []
            form = _cells(form_names, form_texts, problems)
            if problems:
                errors.extend(problems, f"line {line}")
                form = None
            if len(forms) > CACHE:
                forms.clear()
            forms[form_texts] = form
        candidate_texts = candidate_pick(texts)
        candidate = candidates.get(candidate_texts, ())
        if candidate == ():
            problems = []
            candidate = _cells(candidate_names, candidate_texts, problems)
            if problems:
                errors.extend(problems, f"line {line}")
                candidate = None
            if len(candidates) > CACHE:
                candidates.clear()
            candidates[candidate_texts] = candidate
        votes: object = small(texts[12])
        if votes is None:
            try:
                votes = _cell("votes", texts[12])
            except ValidationError as error:
                errors.add(error, f"line {line}")
                continue
        if form is None or candidate is None:
            continue
        yield new(ResultRow, (*form[:9], *candidate, votes, *form[9:]))


def read_results_export(source: Source) -> list[ResultRow]:
    """Every row of a per-form results export, all or nothing (see :func:`iter_results_export`).

    >>> from electoral.results import demo_records, demo_tally_setup, results_rows
    >>> setup = demo_tally_setup()
    >>> rows = list(results_rows(demo_records(setup), setup))
    >>> read_results_export(write_results_export(rows)) == rows
    True
    """
    return list(iter_results_export(source))


def _export_cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return value.value
    return value


def write_results_export(rows: Iterable[ResultRow]) -> str:
    """The per-form results export as CSV text (``from_pvp`` as ``true``/``false``)."""
    rows = list(rows)
    for row in rows:
        if not isinstance(row, ResultRow):
            raise TypeError(f"rows must hold ResultRow, not {type(row).__name__}")
    return write_csv(EXPORT_COLUMNS, ([_export_cell(value) for value in row] for row in rows))
