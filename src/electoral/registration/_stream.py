"""A whole civil register validated in blocks: all at once, chunk by chunk, partitioned, or
only checked.

The rules of one record are :func:`~electoral.registration.validate_registry_row`'s;
this module applies them to millions of records, through one block checker. Four ways,
one rule set:

* :func:`validate_registry_rows`: a whole dump, all or nothing (the import form's
  behaviour): every problem is reported and nothing is returned when there is one;
* :class:`RegistryStream`: chunk after chunk, with line numbers that run on across
  chunks; each chunk gives back every good record and every problem of its bad ones
  (a bad record never costs its chunk's good ones), and a ``PERSON_ID`` or national
  id already seen in an earlier chunk is refused;
* partitions validated apart (on several processes or machines): each partition's
  stream runs with ``unique=False``, and :func:`registry_duplicates` applies the
  uniqueness rule to the ``(value, line)`` pairs of every partition, in any order.

**The uniqueness rule.** A record whose ``PERSON_ID`` or national id appeared on an
earlier line, on a record that passed its own checks, is refused at its line, once per
repeated field. The earliest record keeps its place. The rule depends only on the set
of ``(value, line)`` pairs, so chunks and partitions give the same answer as one pass.

**Speed.** A clean row takes one short pass (a batch checks each distinct name and
birth date once, and records share one string per name); a row that fails any
check of that pass is checked again by every rule, which reports every problem.
Both paths apply the same rules (a property test compares them on generated rows).
The cyclic garbage collector is paused while a batch builds its records
(``electoral._gc``): records cannot form cycles, and CPython would otherwise walk
every record built so far again and again as the batch grows.

>>> import pendulum
>>> from electoral.model import TRIPOLI
>>> good = ["7", "محمد", "علي", "سالم", "الورفلي", "فاطمة", "1", "7/9/1969", "",
...         "119690261935", "4471", "0", "0", "0"]
>>> bad = good[:6] + ["2"] + good[7:]
>>> stream = RegistryStream(as_of=pendulum.datetime(2026, 1, 1, tz=TRIPOLI), first_line=2)
>>> first = stream.validate([good, bad])
>>> [r.civil_registry_id for r in first.records], [(e.location, e.code) for e in first.problems]
([7], [('line 3', 'registration.registry.gender_mismatch')])
>>> second = stream.validate([good])
>>> [(e.location, e.field) for e in second.problems]
[('line 4', 'civil_registry_id'), ('line 4', 'national_id')]
"""

from __future__ import annotations

import datetime
import functools
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Final

import attrs

from electoral._gc import paused
from electoral._guard import guarded, typed_fields, unchecked
from electoral._repeats import Repeats
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    ValidationError,
    ValidationErrors,
)
from electoral.registration._registry import (
    FastPath,
    RegistryRecord,
    _fast_path,
    _today,
    _validate,
)

__all__ = [
    "RegistryCheck",
    "RegistryChunk",
    "RegistryStream",
    "check_registry_rows",
    "registry_duplicates",
    "validate_registry_rows",
]

BLOCK: Final = 4096
"""Rows read at a time from the caller's iterable."""
CHECK_BLOCK: Final = 256
"""Rows read at a time by :func:`check_registry_rows`, whose memory follows the row."""
_SEQUENCES: Final = frozenset({list, tuple})
_FIRST: Final = itemgetter(0)
_SECOND: Final = itemgetter(1)
_PERSON_ID: Final = itemgetter(0)
_NATIONAL_ID: Final = itemgetter(9)


Problems = list[tuple[int, list[ValidationError]]]


def _check(
    rows: Sequence[Sequence[str]],
    lines: Sequence[int],
    fast: FastPath,
    today: datetime.date,
    records: list[RegistryRecord],
    problems: Problems,
) -> None:
    """Append the good records of ``rows`` in order, and each bad row's problems.

    The fast path runs over the whole block at C speed (``map``); only the rows it
    sends back (``None``) are checked one by one by every rule. A block it cannot
    take at all (a row that is not 14 texts) is checked row by row.
    """
    checked: list[RegistryRecord | None] | None = None
    if set(map(type, rows)) <= _SEQUENCES:
        try:
            checked = list(map(fast, rows))
        except (AttributeError, TypeError, ValueError):  # not 14 texts: _validate says why
            checked = None
    if checked is not None:
        good = list(filter(None, checked))  # a record is a non-empty tuple
        if len(good) == len(checked):
            records.extend(good)
            return
    keep = records.append
    for index, (row, line) in enumerate(zip(rows, lines, strict=True)):
        if checked is not None:
            record = checked[index]
        else:
            try:
                record = fast(row) if type(row) in _SEQUENCES else None
            except (AttributeError, TypeError, ValueError):
                record = None
        if record is not None:
            keep(record)
            continue
        try:
            keep(_validate(row, today))
        except ValidationErrors as group:
            problems.append((line, list(group.errors)))
        except ValidationError as error:
            problems.append((line, [error]))


def _numbered(
    rows: Iterable[Sequence[str]], first_line: int, line_numbers: Iterable[int] | None
) -> Iterator[tuple[list[Sequence[str]], Sequence[int]]]:
    """Blocks of rows with their line numbers (one number per row, or
    ``registration.registry.line_numbers_*``)."""
    source = iter(rows)
    numbers = None if line_numbers is None else iter(line_numbers)
    line = first_line
    while block := list(itertools.islice(source, BLOCK)):
        if numbers is None:
            lines: Sequence[int] = range(line, line + len(block))
            line += len(block)
        else:
            lines = list(itertools.islice(numbers, len(block)))
            if len(lines) != len(block):
                raise InconsistentValue(
                    "registration.registry.line_numbers_short", field="line_numbers", value=None
                )
        yield block, lines
    if numbers is not None and next(numbers, None) is not None:
        raise InconsistentValue(
            "registration.registry.line_numbers_long", field="line_numbers", value=None
        )


def _kept_lines(lines: Iterable[int], refused: set[int]) -> Iterator[int]:
    return (line for line in lines if line not in refused)


def _duplicate(field: str, value: object) -> InconsistentValue:
    return InconsistentValue("registration.registry.duplicate", field=field, value=value)


@guarded
def validate_registry_rows(
    rows: Iterable[Sequence[str]],
    *,
    as_of: datetime.datetime,
    first_line: int = 1,
    line_numbers: Sequence[int] | None = None,
) -> list[RegistryRecord]:
    """Validate a whole dump, all or nothing.

    Every bad record is reported at ``line N`` (``first_line`` numbers the first
    row, or ``line_numbers`` gives each row's number, e.g. its physical line in a
    dump file), and a ``PERSON_ID`` or national id used twice is refused at its
    later line (see the module text). Rows are read in blocks, so ``rows`` may be
    a reader over a file.

    Raises:
        ValidationErrors: one member per problem (the bad records in line order,
            then the repeated ``PERSON_ID`` values, then the repeated national ids);
            nothing is returned.
    """
    today = _today(as_of)
    fast = _fast_path(today)
    records: list[RegistryRecord] = []
    problems: Problems = []
    with paused():
        for block, lines in _numbered(rows, first_line, line_numbers):
            _check(block, lines, fast, today, records, problems)
    collector = ErrorCollector("civil registry dump")
    for line, errors in problems:
        collector.extend(errors, f"line {line}")
    if _repeats(records):
        refused = {line for line, _ in problems}
        numbers = itertools.count(first_line) if line_numbers is None else line_numbers
        lines = list(itertools.islice(_kept_lines(numbers, refused), len(records)))
        for field, index in (("civil_registry_id", 0), ("national_id", 9)):
            for line, value in _later(map(itemgetter(index), records), lines):
                collector.add(_duplicate(field, value), f"line {line}")
    collector.raise_if_any()
    return records


def _repeats(records: Sequence[RegistryRecord]) -> bool:
    """Whether any ``PERSON_ID`` or national id appears twice (two C-level passes)."""
    return len(set(map(_PERSON_ID, records))) != len(records) or len(
        set(map(_NATIONAL_ID, records))
    ) != len(records)


def _later(values: Iterable[object], lines: Iterable[int]) -> Iterator[tuple[int, object]]:
    """``(line, value)`` of each value already given on an earlier position."""
    seen: set[object] = set()
    for value, line in zip(values, lines, strict=True):
        if value in seen:
            yield line, value
        seen.add(value)


@attrs.frozen(kw_only=True, eq=False, field_transformer=typed_fields)
class RegistryChunk:
    """What one chunk of a :class:`RegistryStream` gave.

    Attributes:
        records: the chunk's good records, in order.
        lines: the line of each record.
        problems: every problem of the chunk's refused rows, located ``line N``, in
            line order (a row's own problems first, then a repeated ``PERSON_ID``,
            then a repeated national id).
        first_line: the line of the chunk's first row.
        rows: how many rows the chunk held.
    """

    records: Sequence[RegistryRecord]
    lines: Sequence[int]
    problems: tuple[ValidationError, ...]
    first_line: int
    rows: int

    @property
    def refused(self) -> int:
        """How many rows of the chunk were refused."""
        return self.rows - len(self.records)


class RegistryStream:
    """Validate a register chunk by chunk: line numbers and uniqueness run across chunks.

    Args:
        as_of: the import time; "today" is its day in Tripoli.
        first_line: the line of the first row of the first chunk (2 for a dump
            whose line 1 is a header).
        unique: refuse a ``PERSON_ID`` or national id seen on an earlier line of
            the stream (default). ``False`` leaves the rule to the caller, for a
            partition of a register validated apart: gather every partition's
            ``(value, line)`` pairs and call :func:`registry_duplicates`.

    The stream keeps the ids it has seen (two sets) and the distinct names (records
    share one string per name); a chunk's records are the caller's to keep or drop.
    """

    def __init__(
        self, *, as_of: datetime.datetime, first_line: int = 1, unique: bool = True
    ) -> None:
        self._today = _today(as_of)
        self._line = first_line
        self._unique = unique
        self._person_ids: set[int] = set()
        self._national_ids: set[str] = set()
        self._fast = _fast_path(self._today)
        self.rows = 0
        """Rows read so far."""
        self.accepted = 0
        """Records accepted so far."""

    @property
    def next_line(self) -> int:
        """The line number the next row gets."""
        return self._line

    @guarded
    def validate(
        self, rows: Iterable[Sequence[str]], *, line_numbers: Sequence[int] | None = None
    ) -> RegistryChunk:
        """Validate the next chunk; keep its good records, report its bad ones.

        Args:
            rows: the chunk's rows, 14 texts each.
            line_numbers: each row's own line number (e.g. physical lines of a file
                with multi-line cells); by default the lines run on from the last
                chunk. Line numbers only label the rows: "earlier" means earlier in
                the stream.

        Raises:
            InconsistentValue: ``registration.registry.line_numbers_short`` (or
                ``_long``), ``line_numbers`` does not give one number per row.
        """
        records: list[RegistryRecord] = []
        problems: Problems = []
        first = self._line if line_numbers is None else (line_numbers[0] if line_numbers else 0)
        count = 0
        with paused():
            for block, lines in _numbered(rows, self._line, line_numbers):
                _check(block, lines, self._fast, self._today, records, problems)
                count += len(block)
        all_lines: Sequence[int] = (
            range(self._line, self._line + count) if line_numbers is None else line_numbers
        )
        refused = {line for line, _ in problems}
        lines = list(_kept_lines(all_lines, refused)) if refused else list(all_lines)
        if self._unique:
            records, lines = self._unique_only(records, lines, problems)
        if line_numbers is None:
            self._line += count
        self.rows += count
        self.accepted += len(records)
        problems.sort(key=_FIRST)  # stable: a row's own problems keep their order
        located = tuple(error.at(f"line {line}") for line, errors in problems for error in errors)
        # the records are the checker's and the lines the stream's own count: the chunk
        # need not check each of them again (a caller's line numbers it does check)
        build = (
            RegistryChunk
            if line_numbers is not None
            else functools.partial(unchecked, RegistryChunk)
        )
        return build(records=records, lines=lines, problems=located, first_line=first, rows=count)

    def _unique_only(
        self, records: list[RegistryRecord], lines: list[int], problems: Problems
    ) -> tuple[list[RegistryRecord], list[int]]:
        pids, nids = self._person_ids, self._national_ids
        chunk_pids = list(map(_PERSON_ID, records))
        chunk_nids = list(map(_NATIONAL_ID, records))
        if (
            len(set(chunk_pids)) == len(records) == len(set(chunk_nids))
            and pids.isdisjoint(chunk_pids)
            and nids.isdisjoint(chunk_nids)
        ):
            pids.update(chunk_pids)
            nids.update(chunk_nids)
            return records, lines
        kept: list[RegistryRecord] = []
        kept_lines: list[int] = []
        for record, line in zip(records, lines, strict=True):
            pid, nid = record.civil_registry_id, record.national_id
            errors: list[ValidationError] = []
            if pid in pids:
                errors.append(_duplicate("civil_registry_id", pid))
            if nid in nids:
                errors.append(_duplicate("national_id", nid))
            pids.add(pid)
            nids.add(nid)
            if errors:
                problems.append((line, errors))
            else:
                kept.append(record)
                kept_lines.append(line)
        return kept, kept_lines


@guarded
def registry_duplicates(
    national_ids: Iterable[tuple[str, int]], person_ids: Iterable[tuple[int, int]]
) -> tuple[InconsistentValue, ...]:
    """The uniqueness rule over partitions validated apart, from ``(value, line)`` pairs.

    Give the pairs of every record that passed its own checks, from every partition,
    in any order. Each occurrence of a value after its first (by line) is a
    ``registration.registry.duplicate`` problem at its line; the result is ordered
    by line, a repeated ``PERSON_ID`` before a repeated national id.

    >>> found = registry_duplicates([("119690261935", 9), ("119690261935", 4)], [(7, 4), (8, 9)])
    >>> [(e.location, e.field, e.value) for e in found]
    [('line 9', 'national_id', '119690261935')]
    """
    found: list[tuple[int, int, str, object]] = []
    for rank, field, pairs in (
        (0, "civil_registry_id", person_ids),
        (1, "national_id", national_ids),
    ):
        ordered = sorted(pairs, key=_SECOND)
        found.extend(
            (line, rank, field, value)
            for line, value in _later(map(_FIRST, ordered), map(_SECOND, ordered))
        )
    found.sort(key=itemgetter(0, 1))
    return tuple(_duplicate(field, value).at(f"line {line}") for line, _, field, value in found)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class RegistryCheck:
    """What checking a whole registry found, without keeping its records.

    Attributes:
        records: the records that passed every check (a repeated id fails both).
        problem_count: every problem found.
        counts: the number of problems of each code.
        problems: the first ``max_problems`` problems found, sorted by line, each located
            ``line N``.
    """

    records: int
    problem_count: int
    counts: Mapping[str, int] = attrs.field(hash=False)
    problems: tuple[ValidationError, ...] = attrs.field(hash=False)

    @property
    def ok(self) -> bool:
        """Whether the registry has no problem at all."""
        return self.problem_count == 0


@guarded
def check_registry_rows(
    rows: Iterable[tuple[int, Sequence[str] | ValidationError]],
    *,
    as_of: datetime.datetime,
    max_problems: int = 1000,
) -> RegistryCheck:
    """Check a whole registry as it streams by, in memory that does not grow with it.

    The same rules as :func:`validate_registry_rows`, through the same block checker
    (every record, and no ``PERSON_ID`` or national id twice), but nothing is kept: a
    bad row costs no good one, and a repeat is found by
    writing sorted runs of ids to temporary files once more than 100,000 are held,
    so millions of records are checked in the memory
    of a few hundred thousand.

    Args:
        rows: ``(line, row)`` pairs in increasing line order; a
            :class:`~electoral.errors.ValidationError` in place of a row is a
            problem the reader found at that line (a line it could not split).
        as_of: the import time; "today" is its day in Tripoli.
        max_problems: how many problems to keep (all are counted).
    """
    today = _today(as_of)
    counts: dict[str, int] = {}
    kept: list[ValidationError] = []
    good = 0
    person_ids, national_ids = Repeats(), Repeats()

    def problem(error: ValidationError, line: int) -> None:
        counts[error.code] = counts.get(error.code, 0) + 1
        if len(kept) < max_problems:
            kept.append(error.at(f"line {line}"))

    fast = _fast_path(today)
    source = iter(rows)
    while block := list(itertools.islice(source, CHECK_BLOCK)):
        texts: list[Sequence[str]] = []
        lines: list[int] = []
        found: Problems = []
        for line, row in block:
            if isinstance(row, ValidationError):
                found.append((line, [row]))
            else:
                texts.append(row)
                lines.append(line)
        records: list[RegistryRecord] = []
        bad = len(found)
        _check(texts, lines, fast, today, records, found)
        refused = {line for line, _ in found[bad:]}
        for record, line in zip(records, _kept_lines(lines, refused), strict=True):
            person_ids.add(str(record.civil_registry_id), line)
            national_ids.add(record.national_id, line)
        good += len(records)
        found.sort(key=_FIRST)  # in line order, as they come; a row's own in its order
        for line, errors in found:
            for error in errors:
                problem(error, line)
    repeated: list[tuple[int, str, str]] = []
    for field, repeats in (("civil_registry_id", person_ids), ("national_id", national_ids)):
        repeated.extend((line, field, value) for line, value in repeats.later())
    for line, field, value in sorted(repeated):
        shown: object = int(value) if field == "civil_registry_id" else value
        problem(_duplicate(field, shown), line)
    good -= len({line for line, _, _ in repeated})
    kept.sort(key=_line_of)
    return RegistryCheck(
        records=good, problem_count=sum(counts.values()), counts=counts, problems=tuple(kept)
    )


def _line_of(error: ValidationError) -> int:
    location = error.location or ""
    number = location.removeprefix("line ").partition(":")[0]
    return int(number) if number.isdigit() else 0
