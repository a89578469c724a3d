"""The Civil Registry Authority's SQL dump (ملف تفريغ السجل المدني), parsed line by line.

The CRA delivers the civil registry as an SQL dump of ``INSERT`` statements. Only
lines that start with ``VALUES(`` are data; every other line (``INSERT INTO ...``,
comments, blank lines) is skipped. A data line holds the 14 columns of
:data:`~electoral.registration.REGISTRY_COLUMNS`, in order; the text columns (the
five names, the birth date, the address, the national id and the family book number)
are single-quoted, the numbers (``PERSON_ID``, ``GENDER``, ``OFFICE_ID``,
``BRANCH_ID``, ``STATE``) are not::

    VALUES(2566665, 'ملائك, ة نائلة', 'جمعة', 'عبدالصمد', 'عبدالرحمن', 'صفية علي',
    1, '7/9/1969', 'الاسكندرية','119690261935', '1009332066', 35, 54, 0);

(one line in the file, folded here).

A line with exactly 13 commas is split on commas. Otherwise a regular expression that
knows which fields are quoted is used, because a name may contain a comma (the CRA's
own test name is ``"ملائك, ة نائلة"``). Surrounding spaces and single quotes are
stripped from every value. A value can therefore never contain a single quote: the
dump has no escape for one, and :func:`format_dump_line` refuses to write one.

Each record is then validated with the import form's rules
(:func:`~electoral.registration.validate_registry_rows`): national id, family book
number, ``day/month/year`` birth date, not born yet, gender 1 or 2, first national-id
digit = gender, and no ``PERSON_ID`` or national id twice. The dump is **all or
nothing**: every unreadable line and every invalid record is reported at ``line N``
(the physical line of the file, counted from 1), and nothing is returned.

Sources: SmartElect ``civil_registry/parsing.py``, ``civil_registry/utils.py``,
``civil_registry/forms.py``, ``civil_registry/tests/test_parsing.py``
(``domain-registration.md`` §2.5).

>>> import pendulum
>>> from electoral.model import TRIPOLI
>>> line = ("VALUES(2566665, 'ملائك, ة نائلة', 'جمعة', 'عبدالصمد', 'عبدالرحمن', "
...         "'صفية علي', 1, '7/9/1969', 'الاسكندرية','119690261935', '1009332066', "
...         "35, 54, 0);")
>>> split_dump_line(line)[:2]
('2566665', 'ملائك, ة نائلة')
>>> [record] = parse_registry_dump(["INSERT INTO T_PERSONAL_DATA(...)", line],
...                                as_of=pendulum.datetime(2026, 1, 1, tz=TRIPOLI))
>>> record.first_name, record.birth_date, record.office_id
('ملائك, ة نائلة', Date(1969, 9, 7), 35)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Final

from electoral.errors import (
    ErrorCollector,
    InvalidFormat,
    InvalidType,
    ValidationError,
    ValidationErrors,
    register_messages,
)
from electoral.registration._common import split_lines
from electoral.registration._registry import (
    REGISTRY_COLUMNS,
    RegistryRecord,
    validate_registry_rows,
)

__all__ = [
    "DUMP_DATA_PREFIX",
    "format_dump_line",
    "parse_registry_dump",
    "record_to_dump_line",
    "split_dump_line",
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
        "registration.dump.encoding": (
            "The civil registry dump is not UTF-8 text.",
            "ملف السجل المدني ليس نصًا بترميز UTF-8.",
        ),
        "registration.dump.quote": (
            "{field}: a value in the civil registry dump cannot contain a single quote "
            "or a line break.",
            "{field}: لا يمكن أن تحتوي قيمة في ملف السجل المدني على علامة اقتباس مفردة "
            "أو فاصل أسطر.",
        ),
    }
)


def _strip(value: str) -> str:
    return value.strip(_STRIP)


def split_dump_line(line: str) -> tuple[str, ...]:
    """Split one ``VALUES(...)`` line into its 14 values, stripped of spaces and quotes.

    With exactly 13 commas the line is split on commas; otherwise the quoted fields
    are found by a regular expression, so a comma inside a name is kept.

    Raises:
        InvalidType: ``line`` is not ``str``.
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
        raise InvalidType(field="line", value=line)
    text = line.strip()
    if not text.startswith(DUMP_DATA_PREFIX):
        raise _bad_line(line)
    if text.count(",") == _SEPARATORS:
        body = text[len(DUMP_DATA_PREFIX) :].rstrip(";").rstrip()
        if body.endswith(")"):
            return tuple(_strip(value) for value in body[:-1].split(","))
        raise _bad_line(line)
    match = _LINE.fullmatch(text)
    if match is None:
        raise _bad_line(line)
    return tuple(_strip(value) for value in match.groups())


def _bad_line(line: str) -> InvalidFormat:
    return InvalidFormat(
        "registration.dump.line", field="line", value=line, expected=len(REGISTRY_COLUMNS)
    )


def format_dump_line(row: Sequence[str | int]) -> str:
    """Write 14 values back as a dump line (the CRA's layout: text quoted, numbers bare).

    The inverse of :func:`split_dump_line` for values without surrounding spaces.

    Raises:
        InvalidFormat: ``registration.columns`` for a row that is not 14 values, or
            ``registration.dump.quote`` for a value with a single quote or a line
            break, which the dump cannot carry.

    >>> format_dump_line([7, "أ", "ب", "ج", "د", "ه", 1, "7/9/1969", "", "119690261935",
    ...                   "4471", 0, 0, 0])
    "VALUES(7, 'أ', 'ب', 'ج', 'د', 'ه', 1, '7/9/1969', '', '119690261935', '4471', 0, 0, 0);"
    """
    if isinstance(row, str | bytes) or len(row) != len(REGISTRY_COLUMNS):
        raise InvalidFormat(
            "registration.registry.columns",
            value=row,
            expected=len(REGISTRY_COLUMNS),
            count=len(row),
        )
    cells = []
    for column, value in zip(REGISTRY_COLUMNS, row, strict=True):
        if type(value) not in (str, int):
            raise InvalidType(field=column, value=value)
        text = str(value)
        if "'" in text or "\n" in text or "\r" in text:
            raise InvalidFormat("registration.dump.quote", field=column, value=text)
        cells.append(f"'{text}'" if column in _QUOTED else text)
    return DUMP_DATA_PREFIX + ", ".join(cells) + ");"


def record_to_dump_line(record: RegistryRecord) -> str:
    """The dump line of a validated record (birth date written ``d/m/yyyy``).

    >>> import pendulum
    >>> from electoral.model import TRIPOLI
    >>> line = ("VALUES(7, 'أ', 'ب', 'ج', 'د', 'ه', 1, '7/9/1969', '', "
    ...         "'119690261935', '4471', 0, 0, 0);")
    >>> [r] = parse_registry_dump([line], as_of=pendulum.datetime(2026, 1, 1, tz=TRIPOLI))
    >>> record_to_dump_line(r) == line
    True
    """
    born = record.date_of_birth
    return format_dump_line(
        [
            record.civil_registry_id,
            record.first_name,
            record.father_name,
            record.grandfather_name,
            record.family_name,
            record.mother_name,
            record.gender_code,
            f"{born.day}/{born.month}/{born.year}",
            record.address,
            record.national_id,
            record.fbr_number,
            record.office_id,
            record.branch_id,
            record.state,
        ]
    )


def _lines(dump: str | bytes | Iterable[str]) -> Iterable[str]:
    if isinstance(dump, bytes):
        try:
            dump = dump.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidFormat(
                "registration.dump.encoding", field="dump", value=dump[:40]
            ) from None
    if isinstance(dump, str):
        return split_lines(dump)
    return dump


def parse_registry_dump(
    dump: str | bytes | Iterable[str], *, as_of: dt.datetime
) -> list[RegistryRecord]:
    """Parse and validate a whole CRA dump, all or nothing.

    Args:
        dump: the dump's text, its UTF-8 bytes, or its lines (an open text file).
        as_of: the import time; "today" (for *not born yet*) is its day in Tripoli.

    Returns:
        The validated records, in file order.

    Raises:
        InvalidFormat: ``registration.dump.encoding``, bytes that are not UTF-8.
        ValidationErrors: every unreadable data line (``registration.dump.line``) and
            every problem of every record, each at ``line N``; nothing is returned.
    """
    collector = ErrorCollector("civil registry dump")
    rows: list[tuple[str, ...]] = []
    numbers: list[int] = []
    for number, line in enumerate(_lines(dump), start=1):
        if not isinstance(line, str):
            raise InvalidType(field="line", value=line)
        if not line.lstrip("\ufeff").startswith(DUMP_DATA_PREFIX):
            continue
        try:
            rows.append(split_dump_line(line.lstrip("\ufeff")))
        except ValidationError as error:
            collector.add(error, f"line {number}")
            continue
        numbers.append(number)
    try:
        records = validate_registry_rows(rows, as_of=as_of, line_numbers=numbers)
    except ValidationErrors as group:
        collector.extend(group.errors)
        records = []
    collector.raise_if_any()
    return records
