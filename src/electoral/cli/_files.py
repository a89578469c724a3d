"""Private: how the command line opens and reads every file, through :mod:`electoral.formats`.

The command line checks what it was given (exit 2: ``cli.file_missing``,
``cli.file_is_folder``, ``cli.file_unreadable``) and recognises a file's format from
its content (:func:`sniff`), never from its name. Everything else is the formats
layer's one policy, the same for the library and the command line: UTF-8 with or
without a byte-order mark, LF, CRLF or CR line endings, and a coded
``formats.*`` problem at its line for bytes that are not UTF-8, a NUL, an overlong
line or cell, a CSV syntax error, JSON that does not parse, nests too deeply or holds
a non-finite number. A file that cannot be read as text at all (not UTF-8, empty) is a
bad file (exit 2); a problem inside it is a data problem (exit 1).

Large files are read a chunk at a time (:func:`csv_records`), so memory follows the
longest line, not the file.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import os
import pathlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any, Final

import attrs

from electoral.cli._command import DataError, UsageError
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    MissingValue,
    ValidationError,
    ValidationErrors,
)
from electoral.formats._policy import CsvFile, Lines, is_blank
from electoral.formats._policy import load_json as read_json_value

__all__ = [
    "FILE_CODES",
    "Input",
    "check_header",
    "csv_records",
    "lines",
    "load_json",
    "read_text",
    "reading",
    "refused",
    "sniff",
]

_HEAD_BYTES: Final = 64 * 1024


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


FILE_CODES: Final = frozenset(
    {
        "formats.file.missing",
        "formats.file.directory",
        "formats.file.unreadable",
        "formats.encoding",
        "formats.utf16",
        "formats.unknown_encoding",
        "formats.empty",
    }
)
"""The formats layer's problems that make the whole file unusable: exit 2, not 1."""


def refused(source: Input, problems: Iterable[ValidationError]) -> UsageError | DataError:
    """The command line's error for the formats layer's problems with ``source``.

    A problem without a field gets the file's role (``citizens``, ``setup``...).
    """
    errors = list(problems)
    for error in errors:
        if error.field is None:
            error.field = source.role
    if any(error.code in FILE_CODES for error in errors):
        return UsageError(*errors)
    return DataError(errors)


class _Counting:
    """An open file whose reads are counted, for a progress indicator."""

    def __init__(
        self, source: Input, handle: IO[bytes], on_bytes: Callable[[int], None] | None
    ) -> None:
        self._source = source
        self._handle = handle
        self._on_bytes = on_bytes
        self._read = 0

    def read(self, size: int = -1, /) -> bytes:
        try:
            data = self._handle.read(size)
        except OSError as error:
            raise self._source.unreadable(error) from None
        self._read += len(data)
        if self._on_bytes is not None:
            self._on_bytes(self._read)
        return data


@contextlib.contextmanager
def reading(source: Input, on_bytes: Callable[[int], None] | None = None) -> Iterator[_Counting]:
    """``source`` opened for a formats layer reader; ``on_bytes`` hears the bytes read so far.

    Raises:
        UsageError: ``cli.file_unreadable``.
    """
    try:
        handle = open(source.path, "rb")  # noqa: SIM115 - closed below
    except OSError as error:
        raise source.unreadable(error) from None
    with handle:
        yield _Counting(source, handle, on_bytes)


def lines(
    source: Input, *, on_bytes: Callable[[int], None] | None = None
) -> Iterator[tuple[int, str]]:
    """The lines of a file of any size, numbered from 1, without their line ends.

    Raises:
        UsageError: the file cannot be read, is empty or is not UTF-8.
        DataError: a NUL or an overlong line, at its line.
    """
    blank = True
    with reading(source, on_bytes) as stream:
        numbered = Lines(stream.read)
        try:
            for text in numbered:
                blank = blank and not text.strip()
                yield numbered.number, text.rstrip("\r\n")
        except ValidationError as error:
            raise refused(source, [error]) from None
    if blank:
        raise refused(source, [MissingValue("formats.empty", value=None)])


def read_text(source: Input) -> str:
    """The whole text of a small file, lines ending in ``\\n`` (LF, CRLF and CR read alike).

    Raises:
        UsageError: the file cannot be read, is empty or is not UTF-8.
        DataError: a NUL or an overlong line, at its line.
    """
    return "".join(text + "\n" for _, text in lines(source))


def csv_records(
    source: Input, *, on_bytes: Callable[[int], None] | None = None
) -> Iterator[tuple[int, list[str]]]:
    """The CSV records of a file of any size, each with the line it starts on.

    A quoted cell may run over several lines; records whose cells are all blank are
    skipped. The file is read a chunk at a time; ``on_bytes`` hears how many bytes
    were read so far (for a progress indicator).

    Raises:
        UsageError: the file cannot be read, is empty or is not UTF-8.
        DataError: a NUL, an overlong line or cell, a CSV syntax error, at its line.
    """
    errors = ErrorCollector(source.role)
    with reading(source, on_bytes) as stream:
        table = CsvFile(Lines(stream.read), errors, header=False)
        for line, cells in table.records():
            if not is_blank(cells):
                yield line, cells
        table.finish()
    if errors:
        raise refused(source, errors.errors)


def check_header(
    source: Input,
    header: Sequence[str],
    *,
    required: Sequence[str],
    allowed: Sequence[str] | None = None,
) -> dict[str, int]:
    """The position of each column; refuse repeated, missing and (with ``allowed``) unknown ones.

    Raises:
        DataError: ``formats.csv.duplicate_column``, ``formats.csv.missing_columns``,
            ``cli.unknown_columns``, all at ``line 1``.
    """
    names = [cell.strip() for cell in header]
    problems: list[ValidationError] = []
    seen: set[str] = set()
    for name in names:
        if name in seen:
            problems.append(
                InconsistentValue(
                    "formats.csv.duplicate_column",
                    field=source.role,
                    value=name,
                    location="line 1",
                )
            )
        seen.add(name)
    missing = [name for name in required if name not in seen]
    if missing:
        problems.append(
            MissingValue(
                "formats.csv.missing_columns",
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
    """``formats.csv.cells`` for a row with another number of cells than the header."""
    if len(row) == width:
        return None
    return InvalidFormat(
        "formats.csv.cells",
        field=source.role,
        value=len(row),
        count=len(row),
        expected=width,
        location=f"line {line}",
    )


def no_records(source: Input, line: int = 2) -> DataError:
    """``formats.no_records``: a file with a header (or nothing) and no record."""
    return DataError(
        [
            MissingValue(
                "formats.no_records",
                field=source.role,
                value=str(source.path),
                location=f"line {line}",
            )
        ]
    )


def load_json(source: Input) -> Any:
    """The JSON value of a file, read under the formats layer's policy.

    Raises:
        UsageError: the file cannot be read, is empty or is not UTF-8.
        DataError: a syntax error, nesting too deep, a key twice, ``NaN``, a number of
            thousands of digits, each at its line.
    """
    try:
        return read_json_value(source.path)
    except ValidationErrors as group:
        raise refused(source, group.errors) from None


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
        record = next(
            csv.reader(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")[:50]), []
        )
    except csv.Error:
        record = []
    cells = [cell.strip() for cell in record]
    for name, test in headers:
        if test(cells):
            return name
    return "csv"
