"""Private: the one file policy every reader and writer of :mod:`electoral.formats` uses.

**Sources and lines** (:mod:`electoral.formats._lines`, re-exported here): what a
reader accepts, how bytes become numbered lines, and the checks of encoding, NUL and
line length, made a chunk at a time.

**CSV.** Records are read with the :mod:`csv` module's default dialect in strict mode
(a quote where one may not be, or a file ending inside a quoted cell, is
``formats.csv.syntax``); a cell longer than :data:`MAX_FIELD_CHARS` is
``formats.csv.field_too_large``. The first record is the header: an empty file is
``formats.empty``, a repeated column name ``formats.csv.duplicate_column``, a header
with no record after it ``formats.no_records``, and a record with more or fewer cells
than the header ``formats.csv.cells``. Blank records are skipped. A record is
located at the physical line where it starts.

**Cells.** Whole numbers are written in ASCII digits, or in Arabic-Indic or Persian
digits (read as the same number, as the identifier modules read them), with ``-``
only where a column allows negative numbers, and at most :data:`MAX_DIGITS` digits.
A text cell may not start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
(:data:`FORMULA_PREFIXES`, OWASP's list of characters that make a spreadsheet evaluate
a cell): it is refused on input (``formats.formula``), and on output such a cell is
written with a leading apostrophe, which spreadsheets show as text. Numbers are never
changed: ``-12.5`` is a number, not text.

**JSON.** UTF-8 (byte-order mark allowed), nesting at most :data:`MAX_JSON_DEPTH` deep,
no ``NaN``/``Infinity``, no key twice in one object, integers of at most
:data:`MAX_DIGITS` digits.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, NoReturn

from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    InvalidType,
    MissingValue,
    OutOfRange,
    ValidationError,
    register_messages,
)
from electoral.formats._lines import (
    CHUNK_CHARS,
    MAX_LINE_CHARS,
    Lines,
    Readable,
    Source,
    check_encoding,
    check_source,
    open_lines,
    path_error,
)

__all__ = [
    "CHUNK_CHARS",
    "FORMULA_PREFIXES",
    "MAX_DIGITS",
    "MAX_FIELD_CHARS",
    "MAX_JSON_DEPTH",
    "MAX_LINE_CHARS",
    "CsvFile",
    "EveryId",
    "Lines",
    "Readable",
    "Source",
    "check_encoding",
    "check_source",
    "csv_text",
    "digits",
    "ids_of",
    "is_blank",
    "items_of",
    "load_json",
    "mapping_of",
    "neutralise",
    "one_of",
    "open_lines",
    "path_error",
    "refuse_formula",
    "write_csv",
]


MAX_FIELD_CHARS: Final = 131_072
"""Longest CSV cell (the :mod:`csv` module's own default limit)."""
MAX_DIGITS: Final = 18
"""Most digits in a whole number read from a file (it then fits a 64-bit integer)."""
MAX_JSON_DEPTH: Final = 32
"""Deepest nesting of arrays and objects a JSON reader accepts."""
FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet evaluate a cell (OWASP, CSV injection)."""

register_messages(
    {
        "formats.empty": ("The file is empty.", "الملف فارغ."),
        "formats.no_records": (
            "The file has a header but no records.",
            "في الملف سطر عناوين دون أي سجل.",
        ),
        "formats.csv.syntax": (
            "This record is not valid CSV: {reason}.",
            "هذا السجل ليس بصيغة CSV صحيحة: {reason}.",
        ),
        "formats.csv.field_too_large": (
            "A cell of this record is longer than {limit} characters.",
            "إحدى خلايا هذا السجل أطول من {limit} حرفًا.",
        ),
        "formats.csv.duplicate_column": (
            "The header names the column {value} more than once.",
            "يذكر سطر العناوين العمود {value} أكثر من مرة.",
        ),
        "formats.csv.missing_columns": (
            "The header lacks the columns {columns}.",
            "تنقص سطر العناوين الأعمدة {columns}.",
        ),
        "formats.csv.cells": (
            "This record has {count} cells; the header has {expected}.",
            "يحتوي هذا السجل على {count} خلية، وسطر العناوين على {expected}.",
        ),
        "formats.formula": (
            "{value} begins with {prefix!r}, which makes a spreadsheet run it as a formula.",
            "تبدأ القيمة {value} بالمحرف {prefix!r}، فيعاملها برنامج الجداول كصيغة حسابية.",
        ),
        "formats.number.too_long": (
            "{value} has more than {digits} digits.",
            "القيمة {value} تتجاوز {digits} رقمًا.",
        ),
        "formats.json.syntax": (
            "This is not JSON: {reason}.",
            "هذا ليس بصيغة JSON: {reason}.",
        ),
        "formats.json.too_deep": (
            "The JSON document nests deeper than {limit} levels.",
            "يتداخل مستند JSON بأكثر من {limit} مستوى.",
        ),
        "formats.json.constant": (
            "{value} is not a JSON number.",
            "القيمة {value} ليست عددًا في JSON.",
        ),
        "formats.json.duplicate_key": (
            "The key {value} appears twice in one object.",
            "يتكرر المفتاح {value} في الكائن نفسه.",
        ),
    }
)


# --------------------------------------------------------------------------- arguments


def _names(kinds: type | tuple[type, ...]) -> str:
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    return " or ".join(kind.__name__ for kind in kinds)


def items_of(values: object, kinds: type | tuple[type, ...], parameter: str) -> list[Any]:
    """``values`` as a list whose every item is one of ``kinds``.

    Raises:
        TypeError: naming ``parameter``, when ``values`` is not an iterable (text is
            not) or holds something else.
    """
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise TypeError(
            f"{parameter} must be an iterable of {_names(kinds)}, not {type(values).__name__}"
        )
    allowed = kinds if isinstance(kinds, tuple) else (kinds,)
    out = list(values)
    for item in out:
        if not isinstance(item, allowed) or (type(item) is bool and bool not in allowed):
            raise TypeError(f"{parameter} must hold {_names(kinds)}, not {type(item).__name__}")
    return out


def ids_of(values: object, parameter: str) -> Collection[int]:
    """``values`` itself, once it is a collection of ``int`` (only ``in`` is used on it,
    so a collection that contains every id is fine); a :class:`TypeError` otherwise."""
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Collection):
        raise TypeError(f"{parameter} must be a collection of int, not {type(values).__name__}")
    items_of(values, int, parameter)
    return values


def mapping_of(values: object, kinds: type | tuple[type, ...], parameter: str) -> dict[Any, Any]:
    """``values`` (a mapping, or ``None`` for an empty one) whose every value is one of
    ``kinds``; a :class:`TypeError` naming ``parameter`` otherwise."""
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        raise TypeError(f"{parameter} must be a mapping, not {type(values).__name__}")
    for value in values.values():
        if not isinstance(value, kinds):
            raise TypeError(f"{parameter} must map to {_names(kinds)}, not {type(value).__name__}")
    return dict(values)


def one_of(value: object, kinds: type | tuple[type, ...], parameter: str) -> None:
    """Refuse (with :class:`TypeError` naming ``parameter``) a value of another kind."""
    if not isinstance(value, kinds) or (type(value) is bool and kinds is int):
        raise TypeError(f"{parameter} must be {_names(kinds)}, not {type(value).__name__}")


# --------------------------------------------------------------------------- CSV reading


def is_blank(cells: Sequence[str]) -> bool:
    """Whether every cell of a record is empty or spaces."""
    return not any(cell.strip() for cell in cells)


_CSV_ERRORS: Final = {"field larger than field limit": "formats.csv.field_too_large"}


class CsvFile:
    """The records of one CSV source; the first is the header.

    Every problem is added to ``errors``; a fatal one (encoding, NUL, a syntax error)
    ends the records. After iterating, :meth:`finish` records ``formats.no_records``
    when the file had a header and nothing else.
    """

    def __init__(self, lines: Lines, errors: ErrorCollector, *, header: bool = True) -> None:
        self._lines = lines
        self.errors = errors
        self.header: list[str] = []
        self._has_header = header
        self.count = 0
        self.blank = 0
        self.line = 1
        self.reader = csv.reader(lines, strict=True)
        """The csv module's reader over the lines (for a reader's own hot loop)."""
        self._records = self._cells()
        if header:
            self._read_header()

    def _cells(self) -> Iterator[list[str]]:
        """Every record's cells, in order; :attr:`line` is where the last one starts.

        The csv module reads straight from the line generator, so a record costs no
        more than the csv module's own work; a record starts on the line after the
        previous one ends.
        """
        reader = self.reader
        try:
            for cells in reader:
                yield cells
                self.line = reader.line_num + 1
        except ValidationError as error:  # encoding, NUL, an overlong line
            self.errors.add(error)
        except csv.Error as error:
            self.csv_error(error, self.line)

    def csv_error(self, error: csv.Error, line: int) -> None:
        """Record what the csv module refused, at the line where the record starts."""
        reason = str(error)
        code = next(
            (c for text, c in _CSV_ERRORS.items() if reason.startswith(text)),
            "formats.csv.syntax",
        )
        self.errors.add(
            InvalidFormat(code, value=None, reason=reason, limit=MAX_FIELD_CHARS), f"line {line}"
        )

    def _next(self) -> list[str] | None:
        return next(self._records, None)

    def _read_header(self) -> None:
        header = self._next()
        if header is None:
            if not self.errors:
                self.errors.add(MissingValue("formats.empty", value=None))
            return
        self.header = header
        seen: set[str] = set()
        for name in header:
            if name in seen:
                self.errors.add(
                    InconsistentValue("formats.csv.duplicate_column", value=name), "line 1"
                )
            seen.add(name)

    def missing(self, required: Iterable[str]) -> list[str]:
        """The required columns the header lacks, in the order given."""
        return [name for name in required if name not in self.header]

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """``(line, cells)`` of every record after the header, blank or not, any width."""
        if (self._has_header and not self.header) or self.errors:
            return
        for cells in self._records:
            if not is_blank(cells):
                self.count += 1
            yield self.line, cells

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        """``(line, cells)`` of every non-blank record with as many cells as the header."""
        width = len(self.header)
        if not width or self.errors:
            return
        for cells in self._records:
            if len(cells) == width and cells[0].strip():
                self.count += 1
                yield self.line, cells
            elif is_blank(cells):
                self.blank += 1
            elif len(cells) != width:
                self.errors.add(
                    InvalidFormat(
                        "formats.csv.cells", value=len(cells), count=len(cells), expected=width
                    ),
                    f"line {self.line}",
                )
            else:
                self.count += 1
                yield self.line, cells

    def dicts(self) -> Iterator[tuple[int, dict[str, str]]]:
        """``(line, {column: cell})`` of every record (cells stripped of spaces)."""
        header = self.header
        for line, cells in self:
            yield line, {name: cell.strip() for name, cell in zip(header, cells, strict=True)}

    def finish(self) -> None:
        """Record ``formats.no_records`` (or ``formats.empty``) when no record was read."""
        if self.count or self.errors:
            return
        if self._has_header:  # (an empty header was already formats.empty)
            self.errors.add(MissingValue("formats.no_records", value=None), "line 1")
        else:
            code = "formats.no_records" if self._lines.number else "formats.empty"
            self.errors.add(MissingValue(code, value=None))


# --------------------------------------------------------------------------- cells


def refuse_formula(text: str, field: str) -> str:
    """``text``, unless it starts with a character of :data:`FORMULA_PREFIXES`."""
    if text[:1] in _PREFIXES:
        raise InvalidFormat("formats.formula", field=field, value=text, prefix=text[0])
    return text


_PREFIXES: Final = frozenset(FORMULA_PREFIXES)


_ARABIC_DIGITS: Final = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def digits(text: str, field: str, *, code: str, negative: bool = False) -> int:
    """A whole number in ASCII, Arabic-Indic or Persian digits (``-`` first if ``negative``).

    Raises:
        InvalidType: ``code``, not a whole number.
        OutOfRange: ``formats.number.too_long``, more than :data:`MAX_DIGITS` digits.
    """
    body = text[1:] if negative and text[:1] == "-" else text
    if not body.isascii():  # Arabic-Indic and Persian digits read as the same number
        body = body.translate(_ARABIC_DIGITS)
        text = text[: len(text) - len(body)] + body
    if not (body.isascii() and body.isdigit()):
        raise InvalidType(code, field=field, value=text)
    if len(body) > MAX_DIGITS:
        raise OutOfRange(
            "formats.number.too_long",
            field=field,
            value=text,
            digits=MAX_DIGITS,
            min_value=0,
            max_value=10**MAX_DIGITS - 1,
        )
    return int(text)


# --------------------------------------------------------------------------- CSV writing


def neutralise(cell: object) -> object:
    """A text cell that would run as a formula gets a leading apostrophe; others unchanged."""
    if type(cell) is str and cell[:1] in _PREFIXES:
        return "'" + cell
    return cell


def csv_text(cells: Iterable[object]) -> list[object]:
    """One output record: ``None`` as an empty cell, text neutralised (:func:`neutralise`)."""
    out: list[object] = []
    for cell in cells:
        if cell is None:
            out.append("")
        elif type(cell) is str:
            out.append("'" + cell if cell[:1] in _PREFIXES else cell)
        elif isinstance(cell, Decimal):
            out.append(format(cell, "f"))  # fixed point, never "0E-8"
        elif isinstance(cell, int) and not isinstance(cell, bool):
            out.append(cell)
        else:
            raise TypeError(f"a CSV cell is text or a number, not {type(cell).__name__}")
    return out


class EveryId(Collection[int]):
    """Every id, for a reader given no list to check references against (only ``in``
    is used on the lists of ids, so it lists nothing)."""

    def __contains__(self, item: object) -> bool:
        return True

    def __iter__(self) -> Iterator[int]:
        return iter(())

    def __len__(self) -> int:
        return 0


def write_csv(columns: Sequence[str], rows: Iterable[Iterable[object]]) -> str:
    """The CSV text of ``rows`` under ``columns``: LF line endings, every text cell safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    # With LF line endings the csv module does not quote a cell holding a CR, which
    # would then read back as the end of the line: such a row is written fully quoted.
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    for row in rows:
        cells = csv_text(row)
        carriage = any(type(cell) is str and "\r" in cell for cell in cells)
        (quoted if carriage else writer).writerow(cells)
    return out.getvalue()


# --------------------------------------------------------------------------- JSON


def _refuse_constant(name: str) -> NoReturn:
    raise InvalidFormat("formats.json.constant", value=name)


def _whole(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise OutOfRange(
            "formats.number.too_long",
            value=text,
            digits=MAX_DIGITS,
            min_value=-(10**MAX_DIGITS - 1),
            max_value=10**MAX_DIGITS - 1,
        )
    return int(text)


def _decimal(text: str) -> Decimal:
    if len(text) > MAX_DIGITS * 2:
        raise OutOfRange(
            "formats.number.too_long", value=text, digits=MAX_DIGITS, min_value=0, max_value=0
        )
    return Decimal(text)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InconsistentValue("formats.json.duplicate_key", value=key)
        out[key] = value
    return out


def _depth(value: Any) -> int:
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                return depth
            stack.extend((child, depth + 1) for child in item)
    return deepest


def load_json(source: Source, *, parameter: str = "source") -> Any:
    """The JSON value of ``source``, under the policy (see the module docstring).

    Raises:
        TypeError: ``source`` is not a source.
        ValidationErrors: the file cannot be read, is not UTF-8 or not JSON, nests too
            deep, repeats a key, holds ``NaN`` or an overlong number.
    """
    errors = ErrorCollector("JSON document")
    parts: list[str] = []
    try:
        with open_lines(source, parameter=parameter) as lines, errors.at():
            parts.extend(lines)
    except ValidationError as error:
        errors.add(error)
    errors.raise_if_any()
    text = "".join(parts)
    if not text.strip():
        errors.add(MissingValue("formats.empty", value=None))
        errors.raise_if_any()
    try:
        value = json.loads(
            text,
            parse_int=_whole,
            parse_float=_decimal,
            parse_constant=_refuse_constant,
            object_pairs_hook=_pairs,
        )
    except json.JSONDecodeError as error:
        errors.add(
            InvalidFormat("formats.json.syntax", value=None, reason=error.msg),
            f"line {error.lineno}",
        )
    except RecursionError:
        errors.add(OutOfRange("formats.json.too_deep", value=None, limit=MAX_JSON_DEPTH))
    except ValidationError as error:
        errors.add(error)
    else:
        if _depth(value) > MAX_JSON_DEPTH:
            errors.add(OutOfRange("formats.json.too_deep", value=None, limit=MAX_JSON_DEPTH))
        errors.raise_if_any()
        return value
    errors.raise_if_any()
    raise AssertionError("unreachable")  # pragma: no cover
