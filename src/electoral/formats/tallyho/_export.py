"""Private: the per-form results export (one row per candidate of each counted form).

The reader streams: it checks each row as it reads it and keeps nothing but what
repeats (a form's own columns, repeated on each of its candidates' rows, and each
candidate's columns, repeated on every form of its ballot), so a national export
reads at about the speed of the :mod:`csv` module and in little memory.

Sources: Tally-Ho ``libs/views/exports.py`` (``save_barcode_results``)
(onaio/tally-ho at commit ``acbe4f4``).
"""

from __future__ import annotations

import csv
import enum
import itertools
from collections.abc import Collection, Iterable, Iterator
from itertools import compress, repeat
from operator import is_, itemgetter
from typing import Any, Final

from electoral.errors import (
    ErrorCollector,
    InvalidFormat,
    InvalidType,
    MissingValue,
    ValidationError,
    register_messages,
)
from electoral.formats._lines import split_lines
from electoral.formats._policy import (
    MAX_FIELD_CHARS,
    CsvFile,
    Source,
    check_source,
    digits,
    is_blank,
    items_of,
    open_lines,
    write_csv,
)
from electoral.formats.tallyho._setup import gender_cell, missing_columns, text_cell
from electoral.ids import barcode as _barcode
from electoral.results import PvpMode, ResultRow
from electoral.results._export import EXPORT_COLUMNS, PVP_EXPORT_COLUMNS, check_field

__all__ = [
    "iter_results_export",
    "numbered_results_export",
    "read_results_export",
    "write_results_export",
]

register_messages({})

_INTS: Final = frozenset(
    {"ballot", "race_number", "center", "station", "order", "candidate_id", "votes"}
)
_OPTIONAL: Final = frozenset(
    {
        "voting_district",
        "invalid_ballots",
        "voter_cards",
        "received_ballots_papers",
        "valid_votes",
        "total_ballot_papers_in_box",
        "number_registrants",
    }
)
_FORM: Final = (*range(9), *range(13, 22))
"""Positions of the columns a form repeats on each of its rows."""
_CANDIDATE: Final = (9, 10, 11)
"""Positions of the columns a candidate repeats on each of its forms (order, name, id)."""
_SMALL: Final = {str(i): i for i in range(10_000)}
_COUNTS: Final = _INTS | _OPTIONAL
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
    names: Iterable[str],
    texts: Iterable[str],
    errors: list[ValidationError],
    memo: dict[tuple[str, str], object],
) -> tuple[Any, ...]:
    """The typed values of some cells; each distinct (column, text) is checked once."""
    out: list[object] = []
    small = _SMALL.get
    for name, text in zip(names, texts, strict=True):
        value: object
        if name in _COUNTS:  # a count below 10,000: nothing to check but that
            value = small(text)
            if value is not None:
                out.append(value)
                continue
        key = (name, text)
        value = memo.get(key, _UNSEEN)
        if value is _UNSEEN:
            try:
                value = _cell(name, text)
            except ValidationError as error:
                errors.append(error)
                continue
            if len(memo) > CACHE * 16:
                memo.clear()
            memo[key] = value
        out.append(value)
    return tuple(out)


_UNSEEN: Final = object()


def iter_results_export(
    source: Source, *, columns: Collection[str] | None = None
) -> Iterator[ResultRow]:
    """Each row of a per-form results export, checked, as the file is read.

    The columns may come in any order and extra columns are ignored; the two PVP
    columns may be missing (an export written before PVP: not from PVP). The
    rows come as they are read; every problem is collected and raised as one
    :class:`~electoral.errors.ValidationErrors` after the last row, so a caller
    that needs all or nothing uses :func:`read_results_export`.

    ``columns`` reads an export that has only some of the columns: the columns it
    names are required, and any other column of the export may be missing; a
    missing column is ``None`` in every row (the PVP columns: not from PVP, as
    above). Every column the file has is read and checked as without ``columns``, so
    a complete export reads the same either way.

    >>> text = "ballot,barcode,candidate_id,votes\\n7,21001001007,1,240\\n"
    >>> (row,) = iter_results_export(text, columns=("ballot", "barcode", "votes"))
    >>> row.barcode, row.votes, row.center, row.from_pvp
    ('21001001007', 240, None, False)

    Raises:
        TypeError: ``source`` is not a source; ``columns`` is not a collection of the
            export's column names.
        ValidationErrors: after the last row, every problem (located ``line N``);
            ``results.csv.missing_column(s)`` for a column of ``columns`` the file
            lacks.
    """
    check_source(source, "source")
    if columns is None:
        return _read(source)
    return (row for _, row in numbered_results_export(source, columns))


def numbered_results_export(
    source: Source, columns: Collection[str]
) -> Iterator[tuple[int, ResultRow]]:
    """``(line, row)`` for each row of an export read with ``columns``
    (see :func:`iter_results_export`), for a caller that checks more and says where."""
    check_source(source, "source")
    return _selected(source, _required(columns))


def _required(columns: object) -> tuple[str, ...]:
    if isinstance(columns, str | bytes) or not isinstance(columns, Collection):
        raise TypeError(
            f"columns must be a collection of column names, not {type(columns).__name__}"
        )
    for name in columns:
        if name not in EXPORT_COLUMNS:
            raise TypeError(f"columns must name columns of the results export, not {name!r}")
    return tuple(columns)


def _selected(source: Source, required: tuple[str, ...]) -> Iterator[tuple[int, ResultRow]]:
    """The rows of an export that may lack the columns not ``required``, with their lines."""
    errors = ErrorCollector("results export")
    try:
        with open_lines(source) as lines:
            table = CsvFile(lines, errors)
            header = table.header
            missing = [name for name in required if name not in header]
            if missing and not errors:
                errors.add(missing_columns(missing, "results export"))
            if not errors:
                present = [name for name in EXPORT_COLUMNS if name in header]
                pick = [header.index(name) for name in present]
                defaults = [name for name in PVP_EXPORT_COLUMNS if name not in header]
                names = (*present, *defaults)
                memo: dict[tuple[str, str], object] = {}
                for line, cells in table:
                    texts = (*(cells[index] for index in pick), *("" for _ in defaults))
                    values = _checked(names, texts, errors, line, memo)
                    if isinstance(values, tuple):
                        found = dict(zip(names, values, strict=True))
                        row = tuple.__new__(ResultRow, map(found.get, EXPORT_COLUMNS))
                        yield line, row
                table.finish()
    except ValidationError as error:  # the path, encoding, NUL, an overlong line
        errors.add(error)
    errors.raise_if_any()


_LAYOUTS: Final = (EXPORT_COLUMNS, EXPORT_COLUMNS[: -len(PVP_EXPORT_COLUMNS)])
"""The export's columns as written, with and without the PVP columns: read fastest."""


def _read(source: Source) -> Iterator[ResultRow]:
    """The rows of an export: each block of lines is read into a list of rows, and
    the lists are chained in C, so a row costs no resumption of a generator."""
    return itertools.chain.from_iterable(_blocks_of_rows(source))


def _blocks_of_rows(source: Source) -> Iterator[Iterable[ResultRow]]:
    """The rows of an export, a block of lines at a time.

    In the written column order, a form's rows come together and differ only in the
    candidate's four cells (order, name, id, votes) in the middle of the line, so a
    row that begins and ends like the one before it is known but for those: the
    shared text is compared, not parsed and checked again. Any other row is parsed and
    checked in full; an export with its columns in another order is read by the
    general loop (:func:`_rows`).
    """
    errors = ErrorCollector("results export")
    try:
        with open_lines(source) as lines:
            table = CsvFile(lines, errors)
            if tuple(table.header) not in _LAYOUTS or errors:
                yield _rows(table, errors)
                table.finish()
                errors.raise_if_any()
                return
            width = len(table.header)
            padding: tuple[str, ...] = ("",) * (len(EXPORT_COLUMNS) - width)
            memos: list[dict[str, object]] = [{} for _ in EXPORT_COLUMNS]
            candidates: dict[str, tuple[Any, ...]] = {}
            small = _SMALL.get
            new = tuple.__new__
            last: list[Any] = []  # the last row read in full; a row like it is this list
            # with its candidate's cells and votes put in, copied into a ResultRow
            prefix = suffix = "\0"  # matches no line
            start = end = 1
            count = 0
            for first, block in lines.blocks():
                rows: list[ResultRow] = []
                append = rows.append
                line = first - 1
                for raw in _physical(block):
                    line += 1
                    # (prefix and suffix hold no quote, and a key of ``candidates`` none
                    # either: a quoted middle finds no candidate and is read in full)
                    if raw.startswith(prefix) and raw.endswith(suffix):
                        known, _, votes_text = raw[start:-end].rpartition(",")
                        candidate = candidates.get(known)
                        votes = small(votes_text)
                        if candidate is not None and votes is not None:
                            # (a row like the last: counted with the first row of its form)
                            last[9:12] = candidate
                            last[12] = votes
                            append(new(ResultRow, last))
                            continue
                    text = raw.rstrip("\r\n")
                    cells = text.split(",") if '"' not in raw else _quoted(raw, errors, line)
                    if not cells or is_blank(cells):
                        continue
                    count += 1
                    if len(cells) != width:
                        errors.add(
                            InvalidFormat(
                                "formats.csv.cells",
                                value=len(cells),
                                count=len(cells),
                                expected=width,
                            ),
                            f"line {line}",
                        )
                        continue
                    row = _full_row(cells, padding, errors, line, memos)
                    if row is None:
                        continue
                    if '"' not in raw:
                        prefix = ",".join(cells[:9]) + ","
                        suffix = "," + ",".join(cells[13:]) + raw[len(text) :]  # with its ending
                        start, end = len(prefix), len(suffix)
                        last = list(row)
                        candidates[",".join(cells[9:12])] = row[9:12]
                        if len(candidates) > CACHE:
                            candidates.clear()
                    append(row)
                yield rows
            table.count += count
            table.finish()
    except ValidationError as error:  # the path, encoding, NUL, an overlong line
        errors.add(error)
    errors.raise_if_any()


def _physical(block: str) -> list[str]:
    """The lines of a block: cut in one C call, without their endings, when every line
    ends in LF (the usual case); else by :func:`split_lines`, endings kept."""
    if "\r" in block:
        return split_lines(block)
    found = block.split("\n")
    if not found[-1]:  # (the text after the last LF: empty, or a last line with no LF)
        found.pop()
    return found


def _quoted(raw: str, errors: ErrorCollector, line: int) -> list[str]:
    """A line with quotes, parsed by the csv module (a record of the export is one line)."""
    try:
        return next(csv.reader((raw,), strict=True), [])
    except csv.Error as error:
        reason = str(error)
        code = (
            "formats.csv.field_too_large"
            if reason.startswith("field larger")
            else ("formats.csv.syntax")
        )
        errors.add(
            InvalidFormat(code, value=None, reason=reason, limit=MAX_FIELD_CHARS), f"line {line}"
        )
        return []


def _full_row(
    cells: list[str],
    padding: tuple[str, ...],
    errors: ErrorCollector,
    line: int,
    memos: list[dict[str, object]],
) -> ResultRow | None:
    """One row in the written column order, checked in full.

    Every count below 10,000 is read in one C call (``map`` over the cells); the other
    cells are checked by :func:`_cell`, once for each distinct text of a column, except a
    barcode of ASCII digits, which is already its compact, valid form (a barcode is
    new on nearly every form, so remembering it would not pay).
    """
    texts = cells + list(padding) if padding else cells
    values: list[Any] = list(map(_SMALL.get, texts))
    problems: list[tuple[int, ValidationError]] = []
    # the counts that are empty, 10,000 or more, or bad (a centre's number, usually)
    for index in compress(_COUNT_AT, map(is_, _COUNT_PICK(values), repeat(None))):
        values[index] = _memo_cell(index, texts[index], memos[index], problems)
    barcode = texts[_BARCODE_AT]
    if barcode.isdigit() and barcode.isascii() and len(barcode) <= _barcode.MAX_LENGTH:
        values[_BARCODE_AT] = barcode
    else:
        values[_BARCODE_AT] = _memo_cell(_BARCODE_AT, barcode, {}, problems)
    for index in _TEXT_AT:
        values[index] = _memo_cell(index, texts[index], memos[index], problems)
    if problems:
        problems.sort(key=itemgetter(0))  # in the order of the columns
        errors.extend([error for _, error in problems], f"line {line}")
        return None
    return tuple.__new__(ResultRow, values)


def _memo_cell(
    index: int,
    text: str,
    memo: dict[str, object],
    problems: list[tuple[int, ValidationError]],
) -> object:
    """The value of the cell at ``index`` (see :func:`_cell`), remembered in ``memo``."""
    value = memo.get(text, _UNSEEN)
    if value is _UNSEEN:
        try:
            value = _cell(EXPORT_COLUMNS[index], text)
        except ValidationError as error:
            problems.append((index, error))
            return None
        if len(memo) > CACHE:
            memo.clear()
        memo[text] = value
    return value


_COUNT_AT: Final = tuple(i for i, name in enumerate(EXPORT_COLUMNS) if name in _COUNTS)
_COUNT_PICK: Final = itemgetter(*_COUNT_AT)
_BARCODE_AT: Final = EXPORT_COLUMNS.index("barcode")
_TEXT_AT: Final = tuple(
    i for i, name in enumerate(EXPORT_COLUMNS) if name not in _COUNTS and name != "barcode"
)


def _rows(table: CsvFile, errors: ErrorCollector) -> Iterator[ResultRow]:
    header = table.header
    missing = [c for c in EXPORT_COLUMNS if c not in header and c not in PVP_EXPORT_COLUMNS]
    if missing and not errors:
        errors.add(missing_columns(missing, "results export"))
    if errors:
        return
    width = len(header)
    present = [c for c in EXPORT_COLUMNS if c in header]
    pick = itemgetter(*(header.index(c) for c in present))
    padding = ("",) * (len(EXPORT_COLUMNS) - len(present))
    form_pick = itemgetter(*_FORM)
    candidate_pick = itemgetter(*_CANDIDATE)
    forms: dict[tuple[str, ...], tuple[tuple[Any, ...], tuple[Any, ...]] | bool] = {}
    candidates: dict[tuple[str, ...], tuple[Any, ...] | bool] = {}
    memo: dict[tuple[str, str], object] = {}
    last_texts: tuple[str, ...] = ()
    last_form: tuple[tuple[Any, ...], tuple[Any, ...]] | bool | None = None
    small = _SMALL.get
    new = tuple.__new__
    reader = table.reader
    line = 1
    count = 0
    try:
        for cells in reader:
            line, start = reader.line_num, line + 1
            if (len(cells) != width or not cells[0]) and not _odd_row(table, cells, width, start):
                continue
            count += 1
            texts: Any = pick(cells) + padding
            form_texts = form_pick(texts)
            if form_texts == last_texts:  # a form's rows come together: no hashing
                form = last_form
            else:
                form = forms.get(form_texts)
                last_texts = form_texts
            if form is None:
                checked = _checked(_FORM_NAMES, form_texts, errors, start, memo)
                form = (checked[:9], checked[9:]) if isinstance(checked, tuple) else False
                if len(forms) > CACHE:
                    forms.clear()
                forms[form_texts] = form
            last_form = form
            candidate_texts = candidate_pick(texts)
            candidate = candidates.get(candidate_texts)
            if candidate is None:
                candidate = _checked(_CANDIDATE_NAMES, candidate_texts, errors, start, memo)
                if len(candidates) > CACHE:
                    candidates.clear()
                candidates[candidate_texts] = candidate
            votes: object = small(texts[12])
            if votes is None:
                try:
                    votes = _cell("votes", texts[12])
                except ValidationError as error:
                    errors.add(error, f"line {start}")
                    continue
            if form and candidate:
                head, tail = form  # type: ignore[misc]
                yield new(ResultRow, (*head, *candidate, votes, *tail))  # type: ignore[misc]
    except ValidationError as error:  # encoding, NUL, an overlong line
        errors.add(error)
    except csv.Error as error:
        table.csv_error(error, line + 1)
    table.count += count


_FORM_NAMES: Final = tuple(EXPORT_COLUMNS[i] for i in _FORM)
_CANDIDATE_NAMES: Final = tuple(EXPORT_COLUMNS[i] for i in _CANDIDATE)


def _odd_row(table: CsvFile, cells: list[str], width: int, line: int) -> bool:
    """Whether a row that is blank, short or long (or starts empty) is still a row."""
    if is_blank(cells):
        return False
    if len(cells) != width:
        table.errors.add(
            InvalidFormat("formats.csv.cells", value=len(cells), count=len(cells), expected=width),
            f"line {line}",
        )
        return False
    return True


def _checked(
    names: tuple[str, ...],
    texts: tuple[str, ...],
    errors: ErrorCollector,
    line: int,
    memo: dict[tuple[str, str], object],
) -> tuple[Any, ...] | bool:
    problems: list[ValidationError] = []
    values = _cells(names, texts, problems, memo)
    if problems:
        errors.extend(problems, f"line {line}")
        return False
    return values


def read_results_export(
    source: Source, *, columns: Collection[str] | None = None
) -> list[ResultRow]:
    """Every row of a per-form results export, all or nothing (see :func:`iter_results_export`,
    which says what ``columns`` does).

    >>> from electoral.results import results_rows
    >>> from electoral.testing import demo_records, demo_tally_setup
    >>> setup = demo_tally_setup()
    >>> rows = list(results_rows(demo_records(setup), setup))
    >>> read_results_export(write_results_export(rows)) == rows
    True
    """
    return list(iter_results_export(source, columns=columns))


def _export_cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return value.value
    return value


def write_results_export(rows: Iterable[ResultRow]) -> str:
    """The per-form results export as CSV text (``from_pvp`` as ``true``/``false``)."""
    rows = items_of(rows, ResultRow, "rows")
    return write_csv(EXPORT_COLUMNS, ([_export_cell(value) for value in row] for row in rows))
