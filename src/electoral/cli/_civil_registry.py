"""Private: the civil registry, read a chunk at a time and checked with the registry rules.

The CRA delivers the registry as an SQL dump whose records are ``VALUES(`` lines (the
format SmartElect imports); the command line also reads the same 14 columns as CSV.
Rows are validated by :func:`electoral.registration.validate_registry_rows` in chunks,
so memory holds one chunk of rows, two integers per record for the check that no
``PERSON_ID`` or national id is used twice, and the valid records only when asked.
"""

from __future__ import annotations

import heapq
import itertools
import tempfile
from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from electoral.cli._files import FILE_CODES, SQL_DUMP, Input, no_records, reading, refused
from electoral.cli._inputs import line_of
from electoral.cli._output import unescape
from electoral.cli._progress import Progress
from electoral.errors import InconsistentValue, ValidationError, ValidationErrors

if TYPE_CHECKING:
    import datetime as dt

    from electoral.registration import RegistryRecord

__all__ = ["Registry", "read_registry"]

_CHUNK: Final = 50_000


class _Unique:
    """Values seen with their lines, kept on disk in sorted runs, so memory stays flat.

    Each chunk's ``(value, line)`` pairs are sorted and appended to an anonymous
    temporary file (it disappears with the process, even when killed) as 8-byte
    integers; :meth:`repeated` merges the runs a block at a time.
    """

    _BLOCK: Final = 4096  # pairs read at once from each run

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self.runs: list[tuple[int, int]] = []  # (offset, pairs)

    def add(self, pairs: list[tuple[int, int]]) -> None:
        if not pairs:
            return
        pairs.sort()
        data = array("q", itertools.chain.from_iterable(pairs))
        offset = self.file.seek(0, 2)
        self.file.write(data.tobytes())
        self.runs.append((offset, len(pairs)))

    def _run(self, offset: int, count: int) -> Iterator[tuple[int, int]]:
        while count:
            take = min(count, self._BLOCK)
            self.file.seek(offset)
            block = array("q")
            block.frombytes(self.file.read(16 * take))
            offset, count = offset + 16 * take, count - take
            yield from zip(block[0::2], block[1::2], strict=True)

    def repeated(self) -> Iterator[tuple[int, int]]:
        """Every ``(value, line)`` whose value was already seen on an earlier line."""
        previous: int | None = None
        for value, line in heapq.merge(*(self._run(*run) for run in self.runs)):
            if value == previous:
                yield value, line
            previous = value

    def close(self) -> None:
        self.file.close()


@attrs.frozen(kw_only=True)
class Registry:
    """A civil-registry file after validation.

    Attributes:
        format: ``sql`` (the CRA's dump) or ``csv``.
        count: records read.
        records: the valid records (only when asked to keep them).
        problems: every problem, by line.
    """

    format: str
    count: int
    records: list[RegistryRecord]
    problems: tuple[ValidationError, ...]


def _registry_rows(
    source: Input, fmt: str, on_bytes: Callable[[int], None]
) -> Iterator[tuple[int, Sequence[str] | ValidationError]]:
    """The rows of the registry, read by the formats layer (a problem comes as an error)."""
    from electoral.formats.smartelect import iter_registry_csv, iter_registry_dump

    with reading(source, on_bytes) as stream:
        if fmt == SQL_DUMP:
            yield from iter_registry_dump(stream)
            return
        for number, row in iter_registry_csv(stream):
            yield number, row if isinstance(row, ValidationError) else [unescape(c) for c in row]


def read_registry(
    source: Input,
    fmt: str,
    *,
    as_of: dt.datetime,
    keep: bool,
    progress: Progress | None = None,
) -> Registry:
    """Validate a civil-registry file (the CRA's SQL dump or CSV) a chunk at a time.

    Every record is checked with the registry rules on the day of ``as_of``; a
    ``PERSON_ID`` or national id used twice is refused at its later line. Memory
    holds one chunk of rows, two integers per record for the repeat check, and the
    valid records only when ``keep``.
    """
    from electoral.registration import validate_registry_rows

    size = source.size()
    read = [0]
    problems: list[ValidationError] = []
    records: list[RegistryRecord] = []
    people, ids = _Unique(), _Unique()
    try:
        count = 0
        if progress is not None:
            progress.start("validate", unit="records")

        def check(rows: list[Sequence[str]], numbers: list[int]) -> None:
            try:
                valid = validate_registry_rows(rows, as_of=as_of, line_numbers=numbers)
            except ValidationErrors as group:
                problems.extend(group.errors)
                bad = {line_of(error) for error in group.errors}
                kept = [(row, n) for row, n in zip(rows, numbers, strict=True) if n not in bad]
                rows, numbers = [row for row, _ in kept], [n for _, n in kept]
                valid = validate_registry_rows(rows, as_of=as_of, line_numbers=numbers)
            people.add([(r.civil_registry_id, n) for r, n in zip(valid, numbers, strict=True)])
            ids.add([(int(r.national_id), n) for r, n in zip(valid, numbers, strict=True)])
            if keep:
                records.extend(valid)

        rows: list[Sequence[str]] = []
        numbers: list[int] = []
        for number, row in _registry_rows(source, fmt, lambda n: read.__setitem__(0, n)):
            count += 1
            if isinstance(row, ValidationError):
                if row.code in FILE_CODES:  # not UTF-8, empty: the whole file is unusable
                    raise refused(source, [row.at(f"line {number}")])
                problems.append(row.at(f"line {number}"))
                continue
            rows.append(row)
            numbers.append(number)
            if len(rows) == _CHUNK:
                check(rows, numbers)
                rows, numbers = [], []
                if progress is not None:
                    progress.update(count, share=(read[0], size))
        check(rows, numbers)
        if progress is not None:
            progress.clear()
        for field, unique in (("civil_registry_id", people), ("national_id", ids)):
            for value, line in unique.repeated():
                shown: object = value if field == "civil_registry_id" else f"{value:012d}"
                problems.append(
                    InconsistentValue(
                        "registration.registry.duplicate",
                        field=field,
                        value=shown,
                        location=f"line {line}",
                    )
                )
        if count == 0:
            raise no_records(source, 1)
        problems.sort(key=lambda error: line_of(error) or 0)
        return Registry(format=fmt, count=count, records=records, problems=tuple(problems))
    finally:
        people.close()
        ids.close()
