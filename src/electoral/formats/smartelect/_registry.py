"""Private: the Civil Registry Authority's dump (ملف تفريغ السجل المدني), as SQL and as CSV.

**The SQL dump.** The CRA delivers the civil registry as an SQL dump of ``INSERT``
statements. Only lines that start with ``VALUES(`` are data; every other line
(``INSERT INTO ...``, comments, blank lines) is skipped. A data line holds the 14
columns of :data:`~electoral.registration.REGISTRY_COLUMNS`, in order; the text
columns (the five names, the birth date, the address, the national id and the family
book number) are single-quoted, the numbers (``PERSON_ID``, ``GENDER``,
``OFFICE_ID``, ``BRANCH_ID``, ``STATE``) are not::

    VALUES(2566665, 'ملائك, ة نائلة', 'جمعة', 'عبدالصمد', 'عبدالرحمن', 'صفية علي',
    1, '7/9/1969', 'الاسكندرية','119690261935', '1009332066', 35, 54, 0);

(one line in the file, folded here).

A line with exactly 13 commas is split on commas. Otherwise a regular expression that
knows which fields are quoted is used, because a name may contain a comma (the CRA's
own test name is ``"ملائك, ة نائلة"``). Surrounding spaces and single quotes are
stripped from every value. A value can therefore never contain a single quote: the
dump has no escape for one, and :func:`format_dump_line` refuses to write one.

**The CSV form.** The same 14 columns as CSV, with or without the header row
:data:`~electoral.registration.REGISTRY_COLUMNS` (the command line's ``citizens``
files, and what a spreadsheet makes of the registry).

Each record is validated with the import form's rules
(:func:`~electoral.registration.validate_registry_rows`, or, without keeping the
records, :func:`~electoral.registration.check_registry_rows`). Problems are located
``line N``, the physical line of the file, counted from 1.

Sources: SmartElect ``civil_registry/parsing.py``, ``civil_registry/utils.py``,
``civil_registry/management/commands/update_citizens_from_dump.py`` (its
``--encoding`` option), ``civil_registry/tests/test_parsing.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> import pendulum
>>> from electoral.model import TRIPOLI
>>> line = ("VALUES(2566665, 'ملائك, ة نائلة', 'جمعة', 'عبدالصمد', 'عبدالرحمن', "
...         "'صفية علي', 1, '7/9/1969', 'الاسكندرية','119690261935', '1009332066', "
...         "35, 54, 0);")
>>> split_dump_line(line)[:2]
('2566665', 'ملائك, ة نائلة')
>>> [record] = read_registry_dump("INSERT INTO T_PERSONAL_DATA(...)\\n" + line,
...                               as_of=pendulum.datetime(2026, 1, 1, tz=TRIPOLI))
>>> record.first_name, record.birth_date, record.office_id
('ملائك, ة نائلة', Date(1969, 9, 7), 35)
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Generator, Iterable, Iterator, Sequence
from typing import Final

from electoral._guard import guarded
from electoral.errors import (
    ErrorCollector,
    InvalidFormat,
    MissingValue,
    ValidationError,
    ValidationErrors,
    register_messages,
)
from electoral.formats._lines import split_lines
from electoral.formats._policy import (
    CsvFile,
    Lines,
    Source,
    check_encoding,
    check_source,
    items_of,
    one_of,
    open_lines,
    refuse_formula,
    write_csv,
)
from electoral.model import Citizen, Gender
from electoral.registration import (
    REGISTRY_COLUMNS,
    RegistryCheck,
    RegistryRecord,
    check_registry_rows,
    validate_registry_rows,
)

__all__ = [
    "DUMP_DATA_PREFIX",
    "check_registry_csv",
    "check_registry_dump",
    "format_dump_line",
    "iter_registry_csv",
    "iter_registry_dump",
    "read_registry_csv",
    "read_registry_dump",
    "record_to_dump_line",
    "split_dump_line",
    "write_registry_csv",
    "write_registry_dump",
]

DUMP_DATA_PREFIX: Final = "VALUES("
"""Only lines starting with this are data."""

_QUOTED: Final = frozenset(
    {
        "NAME",
        "FATHER_NAME_AR",
        "GRAND_FATHER_NAME_AR",
        "FAM_NAME",
        "MOTHER_NAME_AR",
        "DATE_OF_BIRTH",
        "ADDRESS",
        "NATIONAL_ID",
        "REGISTRY_NO",
    }
)
"""The columns the dump single-quotes; the others are bare numbers."""

_SEPARATORS: Final = len(REGISTRY_COLUMNS) - 1  # 13 commas between 14 values
# Possessive quantifiers and disjoint delimiters keep the match linear: a field can
# never give characters back, so a long malformed line fails fast (no backtracking).
_QUOTED_FIELD: Final = r"\s*+'([^']*+)'\s*+"
_BARE_FIELD: Final = r"([^,'()]*+)"  # spaces kept here, stripped afterwards
_LINE: Final = re.compile(
    re.escape(DUMP_DATA_PREFIX)
    + ",".join(_QUOTED_FIELD if column in _QUOTED else _BARE_FIELD for column in REGISTRY_COLUMNS)
    + r"\)\s*+;?\s*+",
    re.DOTALL,
)
_STRIP: Final = " '"

register_messages(
    {
        "registration.dump.line": (
            "Could not read this line of the civil registry dump: it does not hold the "
            "{expected} values of a record.",
            "تعذرت قراءة هذا السطر من ملف السجل المدني: لا يحتوي على القيم الـ{expected} "
            "لسجل واحد.",
        ),
        "registration.dump.width": (
            "A record of the civil registry dump holds {expected} values, not {value}.",
            "يحتوي سجل ملف السجل المدني على {expected} قيمة، وليس {value}.",
        ),
        "registration.dump.quote": (
            "A value in the civil registry dump cannot contain a single quote or a line break.",
            "لا يمكن أن تحتوي قيمة في ملف السجل المدني على علامة اقتباس مفردة أو فاصل أسطر.",
        ),
    }
)


_strip: Final = str.strip
_STRIPPED: Final = (_STRIP,) * len(REGISTRY_COLUMNS)
_PREFIX_LENGTH: Final = len(DUMP_DATA_PREFIX)


def split_dump_line(line: str) -> tuple[str, ...]:
    """Split one ``VALUES(...)`` line into its 14 values, stripped of spaces and quotes.

    With exactly 13 commas the line is split on commas; otherwise the quoted fields
    are found by a regular expression, so a comma inside a name is kept.

    Raises:
        TypeError: ``line`` is not ``str``.
        InvalidFormat: ``registration.dump.line``, not a data line of 14 values.

    >>> split_dump_line("VALUES(7, 'أ', 'ب', 'ج', 'د', 'ه', 1, '7/9/1969', '', "
    ...                 "'119690261935', '4471', 0, 0, 0);")[6:10]
    ('1', '7/9/1969', '', '119690261935')
    >>> split_dump_line("VALUES(7, 'أ');")
    Traceback (most recent call last):
    ...
    electoral.errors.InvalidFormat: Could not read this line ... a record.
    """
    if not isinstance(line, str):
        raise TypeError(f"line must be str, not {type(line).__name__}")
    text = line.strip()
    if not text.startswith(DUMP_DATA_PREFIX):
        raise _bad_line(line)
    if text.count(",") == _SEPARATORS:
        body = text[_PREFIX_LENGTH:].rstrip(";").rstrip()
        if body.endswith(")"):
            # map() over a C method: millions of lines are split at the csv module's speed
            return tuple(map(_strip, body[:-1].split(","), _STRIPPED))
        raise _bad_line(line)
    match = _LINE.fullmatch(text)
    if match is None:
        raise _bad_line(line)
    return tuple(map(_strip, match.groups(), _STRIPPED))


def _bad_line(line: str) -> InvalidFormat:
    return InvalidFormat(
        "registration.dump.line", field="line", value=line, expected=len(REGISTRY_COLUMNS)
    )


@guarded
def format_dump_line(row: Sequence[str | int]) -> str:
    """Write 14 values back as a dump line (the CRA's layout: text quoted, numbers bare).

    The inverse of :func:`split_dump_line` for values without surrounding spaces.

    Raises:
        TypeError: ``row`` is not a sequence of ``str`` or ``int`` values.
        InvalidFormat: ``registration.dump.width`` for a row of other than 14 values;
            ``registration.dump.quote`` for a value with a single quote or a line
            break, which the dump cannot carry.

    >>> format_dump_line([7, "أ", "ب", "ج", "د", "ه", 1, "7/9/1969", "", "119690261935",
    ...                   "4471", 0, 0, 0])
    "VALUES(7, 'أ', 'ب', 'ج', 'د', 'ه', 1, '7/9/1969', '', '119690261935', '4471', 0, 0, 0);"
    """
    if len(row) != len(REGISTRY_COLUMNS):  # the guard has checked it is a sequence
        raise InvalidFormat(
            "registration.dump.width", field="row", value=len(row), expected=len(REGISTRY_COLUMNS)
        )
    cells = []
    for column, value in zip(REGISTRY_COLUMNS, row, strict=True):
        if type(value) not in (str, int):
            raise TypeError(f"row: {column} must be str or int, not {type(value).__name__}")
        text = str(value)
        if "'" in text or "\n" in text or "\r" in text:
            raise InvalidFormat("registration.dump.quote", field=column, value=text)
        cells.append(f"'{text}'" if column in _QUOTED else text)
    return DUMP_DATA_PREFIX + ", ".join(cells) + ");"


def _values(record: RegistryRecord | Citizen) -> list[str | int]:
    if isinstance(record, Citizen):
        born = record.birth_date
        return [
            record.civil_registry_id,
            record.first_name,
            record.father_name,
            record.grandfather_name,
            record.family_name,
            record.mother_name,
            1 if record.gender is Gender.MALE else 2,
            f"{born.day}/{born.month}/{born.year}",
            record.address,
            record.national_id,
            record.fbr_number,
            0,
            0,
            0,
        ]
    if not isinstance(record, RegistryRecord):
        raise TypeError(
            f"record must be a RegistryRecord or a Citizen, not {type(record).__name__}"
        )
    day = record.date_of_birth
    values: list[str | int] = [*record[:7], f"{day.day}/{day.month}/{day.year}", *record[8:]]
    return values


def record_to_dump_line(record: RegistryRecord | Citizen) -> str:
    """The dump line of a validated record (birth date written ``d/m/yyyy``).

    A :class:`~electoral.model.Citizen` has no office, branch or state: they are
    written 0.

    >>> import pendulum
    >>> from electoral.model import TRIPOLI
    >>> line = ("VALUES(7, 'أ', 'ب', 'ج', 'د', 'ه', 1, '7/9/1969', '', "
    ...         "'119690261935', '4471', 0, 0, 0);")
    >>> [r] = read_registry_dump(line, as_of=pendulum.datetime(2026, 1, 1, tz=TRIPOLI))
    >>> record_to_dump_line(r) == line
    True
    """
    return format_dump_line(_values(record))


def write_registry_dump(records: Iterable[RegistryRecord | Citizen]) -> str:
    """A dump of ``records``: the ``INSERT INTO`` line, then one ``VALUES(`` line each."""
    head = f"INSERT INTO T_PERSONAL_DATA({','.join(REGISTRY_COLUMNS)})\n"
    records = items_of(records, (RegistryRecord, Citizen), "records")
    return head + "".join(record_to_dump_line(record) + "\n" for record in records)


def write_registry_csv(records: Iterable[RegistryRecord | Citizen]) -> str:
    """The CSV form of ``records``, with the header row (every text cell safe to open)."""
    records = items_of(records, (RegistryRecord, Citizen), "records")
    return write_csv(REGISTRY_COLUMNS, (_values(record) for record in records))


# --------------------------------------------------------------------------- reading


_NO_RECORD: Final = re.compile(
    r"\s*(?:$|--|/\*|\*|\)|;|(?:INSERT|SET|COMMIT|BEGIN|END|USE|CREATE|ALTER|DROP|PROMPT|"
    r"SPOOL|REM|GO)\b)",
    re.IGNORECASE,
)
"""Lines of a dump that hold no record: SQL statements, comments, blank lines."""


_ENDINGS: Final = ("\r\n", "\n", "\r")
_WIDTH: Final = len(REGISTRY_COLUMNS)


def _plain_bodies(block: str, count: int) -> tuple[list[str], str] | None:
    """The ``count`` lines of ``block`` without ``VALUES(`` and ``);`` (and the text
    that was cut between two of them), when every line is ``VALUES(`` ... ``);`` with
    the block's one line ending; ``None`` otherwise."""
    ending = next((end for end in _ENDINGS if block.endswith(end)), "")
    tail = ");" + ending
    if not (ending and block.startswith(DUMP_DATA_PREFIX) and block.endswith(tail)):
        return None
    bodies = block[_PREFIX_LENGTH : -len(tail)].split(tail + DUMP_DATA_PREFIX)
    if len(bodies) != count:  # a line that is not VALUES(...); or a line break in one
        return None
    return bodies, tail


def _plain_rows(bodies: list[str]) -> Iterator[tuple[str, ...]] | None:
    """The values of ``bodies``, split by a few C calls over them all, when every one
    holds 13 commas; ``None`` otherwise.

    A line ``VALUES(`` + 13 commas + ``);`` is split exactly as :func:`split_dump_line`
    splits it (on its commas, each value stripped of spaces and quotes), but with no
    Python code per line.
    """
    count = len(bodies)
    # The values in one list, a NUL (which no line holds) after each line's: every
    # line has its 14 values when the NULs fall every 15th.
    values = _MARK.join(bodies).split(",")
    if len(values) != _WIDTH * count + count - 1:
        return None
    if values[_WIDTH :: _WIDTH + 1].count("\0") != count - 1:
        return None
    del values[_WIDTH :: _WIDTH + 1]
    stripped = map(_strip, values, _QUOTE_AND_SPACE)
    return zip(*(stripped,) * _WIDTH, strict=False)


_MARK: Final = ",\0,"
_QUOTE_AND_SPACE: Final = itertools.repeat(_STRIP)
_SPLIT_LINES: Final = 64
"""Lines split at once: the values of a few lines at a time are held, not a block's."""


def _dump_rows(
    source: Source, encoding: str
) -> Iterator[tuple[int, tuple[str, ...] | ValidationError]]:
    data = 0
    with open_lines(source, encoding=encoding) as lines:
        try:
            for first, block in lines.blocks():
                count = lines.number - first + 1
                data += count  # (less the lines that are not data, counted below)
                plain = _plain_bodies(block, count)
                if plain is None:
                    data += (yield from _line_by_line(split_lines(block), first)) - count
                    continue
                bodies, tail = plain
                for start in range(0, count, _SPLIT_LINES):
                    part = bodies[start : start + _SPLIT_LINES]
                    rows = _plain_rows(part)
                    if rows is None:
                        texts = [DUMP_DATA_PREFIX + body + tail for body in part]
                        yield from _line_by_line(texts, first + start)
                    else:
                        yield from zip(itertools.count(first + start), rows)
        except ValidationError as error:  # encoding, NUL, an overlong line: the end
            error.location = None  # the line is given beside it
            yield lines.number + 1, error
            return
        if not data:
            code = "formats.no_records" if lines.number else "formats.empty"
            yield 1, MissingValue(code, value=None)


def _line_by_line(
    texts: list[str], first: int
) -> Generator[tuple[int, tuple[str, ...] | ValidationError], None, int]:
    """Each line of ``texts`` (the first is line ``first``) split on its own; returns how
    many were data lines."""
    prefix = DUMP_DATA_PREFIX
    strip = _strip
    stripped = _STRIPPED
    separators = _SEPARATORS
    start = _PREFIX_LENGTH
    data = 0
    for line, text in enumerate(texts, first):
        if not text.startswith(prefix):
            if not _NO_RECORD.match(text):  # neither data nor SQL: a damaged line
                yield line, _bad_line(text.rstrip("\r\n"))
            continue
        data += 1
        # the common line, as split_dump_line splits it, without the call
        body = text[start:].rstrip().rstrip(";").rstrip()
        if body[-1:] == ")" and text.count(",") == separators:
            yield line, tuple(map(strip, body[:-1].split(","), stripped))
            continue
        try:
            yield line, split_dump_line(text)
        except ValidationError as error:
            yield line, error
    return data


@guarded
def iter_registry_dump(
    source: Source, *, encoding: str = "utf-8"
) -> Iterator[tuple[int, tuple[str, ...] | ValidationError]]:
    """``(line, values)`` of every data line of a dump, as it is read (nothing validated).

    A line that cannot be split, and a problem that ends the reading (an encoding
    error, a NUL, a dump with no data line), come as ``(line, error)`` instead.

    Args:
        source: the dump (a path, its text or bytes, or an open file).
        encoding: the dump's encoding (SmartElect's importer has the same option);
            UTF-8 by default, with or without a byte-order mark.

    Raises:
        TypeError: ``source`` is not a source.
        ValidationError: on the first step, the path cannot be read.
    """
    check_source(source, "source")
    check_encoding(encoding)

    return _dump_rows(source, encoding)


def _opened(
    rows: Iterator[tuple[int, Sequence[str] | ValidationError]], what: str
) -> Iterator[tuple[int, Sequence[str] | ValidationError]]:
    """``rows``, once the source is open; a path that cannot be read is raised now."""
    try:
        first = next(rows, None)
    except ValidationError as error:
        raise ValidationErrors(f"1 problem in {what}", [error]) from None
    return itertools.chain(() if first is None else (first,), rows)


def _all(
    numbered: Iterable[tuple[int, Sequence[str] | ValidationError]],
    *,
    as_of: dt.datetime,
    what: str,
) -> list[RegistryRecord]:
    collector = ErrorCollector(what)
    rows: list[Sequence[str]] = []
    numbers: list[int] = []
    for number, row in numbered:
        if isinstance(row, ValidationError):
            collector.add(row, f"line {number}")
        else:
            rows.append(row)
            numbers.append(number)
    try:
        records = validate_registry_rows(rows, as_of=as_of, line_numbers=numbers)
    except ValidationErrors as group:
        collector.extend(group.errors)
        records = []
    collector.raise_if_any()
    return records


@guarded
def read_registry_dump(
    source: Source, *, as_of: dt.datetime, encoding: str = "utf-8"
) -> list[RegistryRecord]:
    """Parse and validate a whole CRA dump, all or nothing.

    Args:
        source: the dump (a path, its text or bytes, or an open file).
        as_of: the import time; "today" (for *not born yet*) is its day in Tripoli.
        encoding: the dump's encoding (UTF-8 by default).

    Returns:
        The validated records, in file order.

    Raises:
        TypeError: ``source`` is not a source.
        ValidationErrors: every unreadable line and every problem of every record,
            each at ``line N``; nothing is returned.
    """
    what = "civil registry dump"
    rows = _opened(iter_registry_dump(source, encoding=encoding), what)
    return _all(rows, as_of=as_of, what=what)


@guarded
def check_registry_dump(
    source: Source, *, as_of: dt.datetime, encoding: str = "utf-8", max_problems: int = 1000
) -> RegistryCheck:
    """Check a whole dump without keeping its records (memory does not grow with it).

    See :func:`~electoral.registration.check_registry_rows`; problems the reader
    finds (a line it cannot split, an encoding error) are among the problems.

    Raises:
        TypeError: ``source`` is not a source.
        ValidationErrors: the path cannot be read.
    """
    one_of(max_problems, int, "max_problems")
    rows = _opened(iter_registry_dump(source, encoding=encoding), "civil registry dump")
    return check_registry_rows(rows, as_of=as_of, max_problems=max_problems)


def _csv_rows(lines: Lines) -> Iterator[tuple[int, list[str] | ValidationError]]:
    errors = ErrorCollector("civil registry")
    table = CsvFile(lines, errors)
    header = [cell.strip() for cell in table.header]
    records: Iterable[tuple[int, list[str]]] = table.records()
    if header and tuple(header) != REGISTRY_COLUMNS:
        records = itertools.chain([(1, table.header)], records)
    count = 0
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        count += 1
        try:
            if len(cells) == len(REGISTRY_COLUMNS):
                for index in _TEXT_COLUMNS:
                    refuse_formula(cells[index].strip(), REGISTRY_COLUMNS[index])
        except ValidationError as error:
            yield line, error
            continue
        yield line, cells
    if not count and not errors:
        errors.add(MissingValue("formats.no_records", value=None), "line 1")
    for problem in errors.errors:
        number = (problem.location or "line 1").removeprefix("line ")
        problem.location = None
        yield int(number) if number.isdigit() else 1, problem


_TEXT_COLUMNS: Final = (1, 2, 3, 4, 5, 8)
"""The five names and the address: the text a spreadsheet might run."""


def iter_registry_csv(source: Source) -> Iterator[tuple[int, list[str] | ValidationError]]:
    """``(line, cells)`` of every record of the registry as CSV, as it is read.

    A header row equal to :data:`~electoral.registration.REGISTRY_COLUMNS` is skipped;
    without one, line 1 is a record. A problem (a text cell that would run as a
    formula, a CSV error, an encoding error) comes as ``(line, error)``.

    Raises:
        TypeError: ``source`` is not a source.
        ValidationError: on the first step, the path cannot be read.
    """
    check_source(source, "source")

    def rows() -> Iterator[tuple[int, list[str] | ValidationError]]:
        with open_lines(source) as lines:
            yield from _csv_rows(lines)

    return rows()


def read_registry_csv(source: Source, *, as_of: dt.datetime) -> list[RegistryRecord]:
    """Validate the registry as CSV, all or nothing (see :func:`read_registry_dump`)."""
    what = "civil registry"
    return _all(_opened(iter_registry_csv(source), what), as_of=as_of, what=what)


def check_registry_csv(
    source: Source, *, as_of: dt.datetime, max_problems: int = 1000
) -> RegistryCheck:
    """Check the registry as CSV without keeping its records (see :func:`check_registry_dump`)."""
    one_of(max_problems, int, "max_problems")
    rows = _opened(iter_registry_csv(source), "civil registry")
    return check_registry_rows(rows, as_of=as_of, max_problems=max_problems)
