"""Private: the one file policy every reader and writer of :mod:`electoral.formats` uses.

**Sources.** A reader takes a :class:`pathlib.Path` (or any ``os.PathLike``), the file's
content as ``str`` or ``bytes``, or an open file (text or binary). A ``str`` is always
the content, never a file name. Anything else is a programming error: a
:class:`TypeError` naming the parameter.

**Text.** Bytes are UTF-8, with or without a byte-order mark; another encoding can be
named explicitly where the outside system allows it (the civil-registry dump). A
UTF-16 or UTF-32 file, bytes that are not UTF-8 (a file saved as Windows-1256), a NUL
character and a physical line longer than :data:`MAX_LINE_CHARS` each stop the reading
with a coded error at the line where they occur; the lines before it have been read and
checked. Lines end in LF, CRLF or CR alone (mixed in one file is fine); no other
character ends a line.

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

Readers stream: they read a chunk of :data:`CHUNK_CHARS` characters at a time, so the
memory a reader needs depends on its longest record, not on the size of the file.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import pathlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import IO, Any, Final, NoReturn, Protocol

from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    InvalidType,
    MissingValue,
    OutOfRange,
    ValidationError,
    register_labels,
    register_messages,
)

__all__ = [
    "CHUNK_CHARS",
    "FORMULA_PREFIXES",
    "MAX_DIGITS",
    "MAX_FIELD_CHARS",
    "MAX_JSON_DEPTH",
    "MAX_LINE_CHARS",
    "CsvFile",
    "Lines",
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


class Readable(Protocol):
    """An open file, text or binary: anything with ``read(size)``."""

    def read(self, size: int = -1, /) -> str | bytes:  # pragma: no cover - a protocol
        """Up to ``size`` characters or bytes; empty at the end."""
        ...


Source = str | bytes | bytearray | os.PathLike[str] | Readable | IO[str] | IO[bytes]
"""What a reader accepts: content (``str``, ``bytes``), a path, or an open file."""

MAX_LINE_CHARS: Final = 1 << 20
"""Longest physical line a reader accepts (1,048,576 characters)."""
MAX_FIELD_CHARS: Final = 131_072
"""Longest CSV cell (the :mod:`csv` module's own default limit)."""
MAX_DIGITS: Final = 18
"""Most digits in a whole number read from a file (it then fits a 64-bit integer)."""
MAX_JSON_DEPTH: Final = 32
"""Deepest nesting of arrays and objects a JSON reader accepts."""
CHUNK_CHARS: Final = 1 << 16
"""Characters (or bytes) read at a time."""
FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet evaluate a cell (OWASP, CSV injection)."""

register_labels({"encoding": ("Encoding", "الترميز")})

register_messages(
    {
        "formats.file.missing": (
            "The file {value} does not exist.",
            "الملف {value} غير موجود.",
        ),
        "formats.file.directory": (
            "{value} is a folder, not a file.",
            "{value} مجلد وليس ملفًا.",
        ),
        "formats.file.unreadable": (
            "The file {value} cannot be read: {reason}.",
            "تعذرت قراءة الملف {value}: {reason}.",
        ),
        "formats.encoding": (
            "The text is not {encoding} from this line on ({reason}); save the file as UTF-8.",
            "النص ليس بترميز {encoding} ابتداءً من هذا السطر ({reason})؛ احفظ الملف بترميز UTF-8.",
        ),
        "formats.utf16": (
            "The file is {encoding} text; save it as UTF-8.",
            "الملف نص بترميز {encoding}؛ احفظه بترميز UTF-8.",
        ),
        "formats.nul": (
            "This line holds a NUL character, which no text file may contain.",
            "يحتوي هذا السطر على المحرف NUL، ولا يجوز أن يحتويه أي ملف نصي.",
        ),
        "formats.line_too_long": (
            "This line is longer than {limit} characters.",
            "هذا السطر أطول من {limit} حرفًا.",
        ),
        "formats.empty": ("The file is empty.", "الملف فارغ."),
        "formats.unknown_encoding": (
            "{value} is not the name of a text encoding.",
            "{value} ليس اسم ترميز نصي.",
        ),
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


# --------------------------------------------------------------------------- sources


def check_source(source: object, parameter: str) -> None:
    """Refuse (with :class:`TypeError`) what is not a source at all."""
    if isinstance(source, str | bytes | bytearray | os.PathLike):
        return
    if callable(getattr(source, "read", None)):
        return
    raise TypeError(
        f"{parameter} must be a path, the file's text or bytes, or an open file, "
        f"not {type(source).__name__}"
    )


def check_encoding(encoding: object) -> None:
    """Refuse an encoding that is not a ``str`` (:class:`TypeError`) or not known."""
    if not isinstance(encoding, str):
        raise TypeError(f"encoding must be str, not {type(encoding).__name__}")
    try:
        codecs.lookup(encoding)
    except (LookupError, ValueError):  # unknown; a NUL or a lone surrogate in the name
        raise InvalidFormat("formats.unknown_encoding", field="encoding", value=encoding) from None


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


def path_error(path: pathlib.Path, error: OSError) -> ValidationError:
    """The coded error for a path that cannot be opened (``formats.file.*``)."""
    if isinstance(error, FileNotFoundError):
        return MissingValue("formats.file.missing", value=str(path))
    if isinstance(error, IsADirectoryError) or os.path.isdir(path):  # never raises
        return InvalidFormat("formats.file.directory", value=str(path))
    return InvalidFormat(
        "formats.file.unreadable", value=str(path), reason=error.strerror or str(error)
    )


def _bom(head: bytes) -> str | None:
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    # ASCII text written as UTF-16 without a mark: every other byte is zero
    even, odd = head[0::2], head[1::2]
    for zeros, others in ((even, odd), (odd, even)):
        if len(head) >= 8 and zeros.count(0) == len(zeros) and others.count(0) == 0:
            return "UTF-16"
    return None


class Lines:
    """The physical lines of a source, each with its line ending, numbered from 1.

    Iterating gives each line as it was (``"a,b\\r\\n"``); :attr:`number` is the
    number of the last line given. A fatal problem (encoding, NUL, an overlong line)
    is raised as the :class:`~electoral.errors.ValidationError` it is, located at its
    line, once every line before it has been given.
    """

    def __init__(self, read: Callable[[int], object], *, encoding: str = "utf-8") -> None:
        self._read = read
        self._encoding = encoding
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self._pending: list[str] = []
        self._carry = ""
        self._started = False
        self._stopped: ValidationError | None = None
        self._done = False
        self.number = 0
        self._current: list[str] = []
        self._current_first = 1
        self._lines = self._generate()

    def __iter__(self) -> Iterator[str]:
        return self._lines

    def __next__(self) -> str:
        return next(self._lines)

    def _generate(self) -> Iterator[str]:
        # A generator: a reader's loop over it runs at the speed of the C loop.
        for first, batch in self._batches():
            self._current, self._current_first = batch, first
            number = first - 1
            for line in batch:
                number += 1
                self.number = number
                yield line

    def _batches(self) -> Iterator[tuple[int, list[str]]]:
        while True:
            if not self._pending:
                if self._stopped is not None:
                    error, self._stopped = self._stopped, None
                    raise error.at(f"line {self.number + 1}")
                if self._done:
                    return
                self._fill()
                continue
            batch, self._pending = self._pending, []
            yield self.number + 1, batch

    def batches(self) -> Iterator[tuple[int, list[str]]]:
        """The lines not given yet, a list at a time, with the number of each list's first.

        For a reader's hot loop: a list is iterated faster than a generator resumes.
        Once this is used, the lines are no longer given one at a time.
        """
        rest = self._rest()
        if rest:
            first = self.number + 1
            self.number += len(rest)
            yield first, rest
        for first, batch in self._batches():
            self.number = first - 1 + len(batch)
            yield first, batch

    def _rest(self) -> list[str]:
        """The lines of the list being given one at a time that were not given yet."""
        return self._current[self.number - self._current_first + 1 :]

    def _decode(self, chunk: bytes, final: bool) -> str:
        if not self._started and self._encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
            wide = _bom(chunk[:64])
            if wide is not None:
                self._stopped = InvalidFormat("formats.utf16", value=None, encoding=wide)
                return ""
            if chunk.startswith(codecs.BOM_UTF8):
                chunk = chunk[len(codecs.BOM_UTF8) :]
        try:
            return self._decoder.decode(chunk, final)
        except UnicodeDecodeError as error:
            # The lines before the bad byte are given; the error names its line.
            data = bytes(error.object)
            bad = data[error.start : error.start + 1]
            self._stopped = InvalidFormat(
                "formats.encoding",
                value=None,
                encoding=self._encoding.upper(),
                reason=f"byte {bad[0]:#04x}" if bad else "the file ends inside a character",
            )
            return data[: error.start].decode(self._encoding)

    def _chunk(self) -> str:
        chunk = self._read(CHUNK_CHARS)
        if isinstance(chunk, bytearray | memoryview):
            chunk = bytes(chunk)
        if isinstance(chunk, bytes):
            text = self._decode(chunk, not chunk)
        elif isinstance(chunk, str):
            text = chunk
        else:
            raise TypeError(f"read() returned {type(chunk).__name__}, not str or bytes")
        if not self._started and text:
            self._started = True
            if text.startswith("\ufeff"):
                text = text[1:]
        self._done = not chunk
        return text

    def _fill(self) -> None:
        text = self._chunk()
        nul = text.find("\x00")
        if nul >= 0:
            text = text[:nul]
            self._stopped = InvalidFormat("formats.nul", value=None)
        lines = io.StringIO(self._carry + text, newline="").readlines()
        self._carry = ""
        if lines and not lines[-1].endswith("\n"):
            # A line is complete only when a character follows its ending (a CR at
            # the end of a chunk may be the first half of a CRLF).
            if self._stopped is not None and not lines[-1].endswith("\r"):
                lines.pop()  # the start of the line that holds the problem
            elif not self._done and self._stopped is None:
                self._carry = lines.pop()
        long = next((i for i, x in enumerate(lines) if len(x) > MAX_LINE_CHARS), None)
        if long is not None or len(self._carry) > MAX_LINE_CHARS:
            lines = lines[:long]
            self._carry = ""
            self._stopped = InvalidFormat(
                "formats.line_too_long", value=None, limit=MAX_LINE_CHARS
            )
        self._pending = lines


@contextlib.contextmanager
def open_lines(
    source: Source, *, parameter: str = "source", encoding: str = "utf-8"
) -> Iterator[Lines]:
    """The lines of ``source`` (see :class:`Lines`); a path is opened and closed here.

    Raises:
        TypeError: ``source`` is not a source.
        ValidationError: ``formats.file.*``, the path cannot be read.
    """
    check_source(source, parameter)
    check_encoding(encoding)
    if isinstance(source, str):
        yield Lines(io.StringIO(source, newline="").read)
    elif isinstance(source, bytes | bytearray):
        yield Lines(io.BytesIO(bytes(source)).read, encoding=encoding)
    elif isinstance(source, os.PathLike):
        path = pathlib.Path(source)
        try:
            handle = path.open("rb")
        except OSError as error:
            raise path_error(path, error) from None
        with handle:
            yield Lines(_reading(handle, path), encoding=encoding)
    else:
        stream: Any = source
        yield Lines(stream.read, encoding=encoding)


def _reading(handle: IO[bytes], path: pathlib.Path) -> Callable[[int], bytes]:
    def read(size: int) -> bytes:
        try:
            return handle.read(size)
        except OSError as error:
            raise path_error(path, error) from None

    return read


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
