"""Private: how the command line opens, decodes and splits every file it reads.

One policy for every input:

* a path that does not exist, is a folder or cannot be read is a bad argument
  (exit 2: ``cli.file_missing``, ``cli.file_is_folder``, ``cli.file_unreadable``);
* text is UTF-8, with or without a byte-order mark; lines end in LF, CRLF or CR;
* a file that is empty, or is not UTF-8 text (UTF-16, Windows-1256...) is refused
  (exit 2: ``cli.file_empty``, ``cli.encoding``), with the line of the first bad byte
  and, for Arabic text in Windows-1256, a hint;
* a NUL byte, a CSV syntax error or an oversize field is a problem at its line
  (exit 1: ``cli.nul``, ``cli.csv``);
* a CSV header with a repeated or missing column, and a row with more cells than the
  header, are problems at their line (``cli.duplicate_column``,
  ``cli.missing_columns``, ``cli.row_cells``);
* JSON that does not parse, nests too deeply or holds a non-finite number is a
  problem at its line (``cli.json``).

Large files are read line by line (:func:`lines`), so memory follows the longest
line, not the file; small ones whole (:func:`read_text`). The format of a file is
recognised from its content (:func:`sniff`), never from its name.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import pathlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Final

import attrs

from electoral.cli._command import DataError, UsageError
from electoral.errors import (
    InconsistentValue,
    InvalidFormat,
    MissingValue,
    ValidationError,
)

__all__ = [
    "Input",
    "check_header",
    "csv_records",
    "lines",
    "load_json",
    "read_text",
    "sniff",
]

_HEAD_BYTES: Final = 64 * 1024
_UTF16_BOMS: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@attrs.frozen
class Input:
    """A file named on the command line.

    Attributes:
        path: the path as given.
        role: what it is for (the option's name: ``citizens``, ``setup``...); the
            ``field`` of its problems.
    """

    path: pathlib.Path
    role: str

    @classmethod
    def named(cls, text: str | os.PathLike[str], role: str) -> Input:
        """Check that ``text`` names a readable file.

        Raises:
            UsageError: ``cli.file_missing``, ``cli.file_is_folder``, ``cli.file_unreadable``.
        """
        path = pathlib.Path(text)
        if not path.exists():
            raise UsageError(MissingValue("cli.file_missing", field=role, value=str(path)))
        if path.is_dir():
            raise UsageError(InvalidFormat("cli.file_is_folder", field=role, value=str(path)))
        if not os.access(path, os.R_OK):
            raise UsageError(
                InvalidFormat(
                    "cli.file_unreadable", field=role, value=str(path), reason="permission denied"
                )
            )
        return cls(path, role)

    def unreadable(self, error: OSError) -> UsageError:
        """``cli.file_unreadable`` for an error met while reading."""
        return UsageError(
            InvalidFormat(
                "cli.file_unreadable",
                field=self.role,
                value=str(self.path),
                reason=error.strerror or str(error),
            )
        )

    def size(self) -> int:
        """The file's size in bytes (0 when it cannot be known)."""
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def head(self) -> bytes:
        """The first bytes of the file (for :func:`sniff`)."""
        try:
            with open(self.path, "rb") as handle:
                return handle.read(_HEAD_BYTES)
        except OSError as error:
            raise self.unreadable(error) from None


def _encoding_problem(source: Input, data: bytes, offset: int, line: int) -> UsageError:
    """``cli.encoding``: the file is not UTF-8 text; name what it looks like."""
    if data.startswith(_UTF16_BOMS) or (len(data) > 1 and b"\x00" in data[:2]):
        seen = "UTF-16"
    else:
        sample = data[max(0, offset - 200) : offset + 200]
        arabic = sum(
            1 for char in sample.decode("cp1256", "replace") if "\u0600" <= char <= "\u06ff"
        )
        seen = "Windows-1256" if arabic >= 2 else "another encoding"
    return UsageError(
        InvalidFormat(
            "cli.encoding",
            field=source.role,
            value=str(source.path),
            encoding=seen,
            location=f"line {line}",
        )
    )


def _check_start(source: Input, data: bytes) -> None:
    if data.startswith(_UTF16_BOMS):
        raise _encoding_problem(source, data, 0, 1)


def _empty(source: Input) -> UsageError:
    return UsageError(MissingValue("cli.file_empty", field=source.role, value=str(source.path)))


def _nul(source: Input, line: int) -> DataError:
    return DataError(
        [
            InvalidFormat(
                "cli.nul", field=source.role, value=str(source.path), location=f"line {line}"
            )
        ]
    )


def _split(text: str) -> list[str]:
    """Split text at LF, CRLF or CR (never at other Unicode line boundaries)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_text(source: Input) -> str:
    """The whole text of a small file, lines ending in ``\\n`` (LF, CRLF and CR read alike).

    Raises:
        UsageError: the file cannot be read, is empty or is not UTF-8.
        DataError: ``cli.nul``.
    """
    try:
        data = source.path.read_bytes()
    except OSError as error:
        raise source.unreadable(error) from None
    _check_start(source, data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _encoding_problem(source, data, error.start, line) from None
    if not text.strip():
        raise _empty(source)
    if "\x00" in text:
        raise _nul(source, len(_split(text[: text.index("\x00")])))
    return "\n".join(_split(text))


def lines(
    source: Input, *, on_bytes: Callable[[int], None] | None = None
) -> Iterator[tuple[int, str]]:
    """The lines of a file of any size, numbered from 1, without their line ends.

    The file is read a line at a time; ``on_bytes`` hears how many bytes were read
    so far (for a progress indicator).

    Raises:
        UsageError: the file cannot be read, is empty or is not UTF-8.
        DataError: ``cli.nul``.
    """
    number = 0
    read = 0
    blank = True
    try:
        with open(source.path, "rb") as handle:
            for raw in handle:
                if number == 0:
                    _check_start(source, raw)
                    raw = raw.removeprefix(codecs.BOM_UTF8)
                read += len(raw)
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as error:
                    raise _encoding_problem(source, raw, error.start, number + 1) from None
                parts = _split(text)
                if parts[-1] == "":  # the line end of the last part
                    parts.pop()
                for part in parts:
                    number += 1
                    if "\x00" in part:
                        raise _nul(source, number)
                    if blank and part.strip():
                        blank = False
                    yield number, part
                if on_bytes is not None:
                    on_bytes(read)
    except OSError as error:
        raise source.unreadable(error) from None
    if blank:
        raise _empty(source)


def csv_records(
    source: Input, numbered: Iterable[tuple[int, str]]
) -> Iterator[tuple[int, list[str]]]:
    """The CSV records of numbered lines, each with the line it starts on.

    A quoted cell may run over several lines; records whose cells are all blank are
    skipped.

    Raises:
        DataError: ``cli.csv`` at the line of a CSV syntax error or an oversize cell.
    """
    where = [0]

    def feed() -> Iterator[str]:
        for number, line in numbered:
            where[0] = number
            yield line + "\n"

    reader = csv.reader(feed(), strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise DataError(
                [
                    InvalidFormat(
                        "cli.csv",
                        field=source.role,
                        value=str(source.path),
                        reason=str(error),
                        location=f"line {where[0]}",
                    )
                ]
            ) from None
        if any(cell.strip() for cell in row):
            yield start, row
        start = where[0] + 1


def check_header(
    source: Input,
    header: Sequence[str],
    *,
    required: Sequence[str],
    allowed: Sequence[str] | None = None,
) -> dict[str, int]:
    """The position of each column; refuse repeated, missing and (with ``allowed``) unknown ones.

    Raises:
        DataError: ``cli.duplicate_column``, ``cli.missing_columns``,
            ``cli.unknown_columns``, all at ``line 1``.
    """
    names = [cell.strip() for cell in header]
    problems: list[ValidationError] = []
    seen: set[str] = set()
    for name in names:
        if name in seen:
            problems.append(
                InconsistentValue(
                    "cli.duplicate_column", field=source.role, value=name, location="line 1"
                )
            )
        seen.add(name)
    missing = [name for name in required if name not in seen]
    if missing:
        problems.append(
            MissingValue(
                "cli.missing_columns",
                field=source.role,
                value=", ".join(missing),
                columns=", ".join(missing),
                location="line 1",
            )
        )
    if allowed is not None:
        unknown = [name for name in names if name not in allowed]
        if unknown:
            problems.append(
                InvalidFormat(
                    "cli.unknown_columns",
                    field=source.role,
                    value=", ".join(unknown),
                    columns=", ".join(unknown),
                    expected=", ".join(allowed),
                    location="line 1",
                )
            )
    if problems:
        raise DataError(problems)
    return {name: index for index, name in enumerate(names)}


def row_width(source: Input, line: int, row: Sequence[str], width: int) -> ValidationError | None:
    """``cli.row_cells`` for a row with another number of cells than the header."""
    if len(row) == width:
        return None
    return InvalidFormat(
        "cli.row_cells",
        field=source.role,
        value=len(row),
        count=len(row),
        expected=width,
        location=f"line {line}",
    )


def no_records(source: Input, line: int = 2) -> DataError:
    """``cli.no_records``: a file with a header (or nothing) and no record."""
    return DataError(
        [
            MissingValue(
                "cli.no_records",
                field=source.role,
                value=str(source.path),
                location=f"line {line}",
            )
        ]
    )


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _depth(text: str) -> tuple[int, int]:
    """The deepest nesting of a JSON text and the line where it is reached (strings skipped)."""
    depth = deepest = 0
    line = where = 1
    in_string = escaped = False
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, line
        elif char in "]}":
            depth -= 1
    return deepest, where


def load_json(source: Input) -> Any:
    """The JSON value of a file.

    Raises:
        UsageError: the file cannot be read, is empty or is not UTF-8.
        DataError: ``cli.json`` at the line of the problem (a syntax error, nesting
            too deep for the parser, ``NaN``, an integer of thousands of digits).
    """
    text = read_text(source)

    def problem(reason: str, line: int) -> DataError:
        return DataError(
            [
                InvalidFormat(
                    "cli.json",
                    field=source.role,
                    value=str(source.path),
                    reason=reason,
                    location=f"line {line}",
                )
            ]
        )

    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise problem(error.msg, error.lineno) from None
    except RecursionError:
        deepest, where = _depth(text)
        raise problem(f"{deepest} levels of nesting", where) from None
    except ValueError as error:  # NaN, Infinity, or an integer of thousands of digits
        raise problem(str(error).split(":")[0], 1) from None


# --------------------------------------------------------------------------- formats

SQL_DUMP: Final = "sql"
JSON: Final = "json"


def sniff(head: bytes, headers: Sequence[tuple[str, Callable[[Sequence[str]], bool]]]) -> str:
    """The format of a file, from its first bytes.

    ``json`` when the text starts with ``{`` or ``[``; ``sql`` when its first line is
    an SQL statement or a ``VALUES(`` line (the civil registry's dump); otherwise
    the name of the first of ``headers`` whose test accepts the first CSV record,
    else ``csv``.
    """
    text = head.removeprefix(codecs.BOM_UTF8).decode("utf-8", "replace").lstrip()
    if text.startswith(("{", "[")):
        return JSON
    first = text.split("\n", 1)[0].strip().upper()
    if first.startswith(("INSERT", "VALUES(", "--", "/*", "SET ", "BEGIN", "USE ")):
        return SQL_DUMP
    try:
        record = next(csv.reader(_split(text)[:50]), [])
    except csv.Error:
        record = []
    cells = [cell.strip() for cell in record]
    for name, test in headers:
        if test(cells):
            return name
    return "csv"
