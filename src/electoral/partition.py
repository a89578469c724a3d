"""A national run split into partitions (by office), on one process or many, merged exactly.

The register and the tally are both partitioned **by office**: an office's centres
(and so each centre's whole roll and each station's forms) stay in one partition.
Each partition is computed where its rows are, and only small results travel back:

1. :func:`validate_part` validates a partition's raw rows (14 texts each, with their
   line in the national dump and the centre each voter registered at) and keeps the
   good records where they are;
2. :func:`part_ids` gives the ``(value, line)`` pairs of its good records, and
   :func:`~electoral.registration.registry_duplicates` applies the national
   uniqueness rule to every partition's pairs (the earliest line keeps its place,
   whichever partition it is in). :func:`run` shuffles them rather than gathering
   them: :func:`part_buckets` splits each partition's pairs by a hash of the value,
   one task per bucket applies the rule to that bucket's pairs from every partition,
   and only the duplicates come back;
3. :func:`part_stations` drops the refused lines, sorts each centre's roll and
   allocates its stations, and gives back one :class:`StationRoll` per station (its
   size and a digest of its roll in order, not the voters);
4. each office's forms are tallied apart (:func:`~electoral.results.tally`) and the
   tallies merged (:func:`~electoral.results.merge_tallies`), which is exact and
   refuses a station split between parts.

:func:`run` does the four steps, in this process or on a cluster: given a
``dask.distributed`` ``Client``, each partition's steps run on a worker, its records
stay there between steps (as futures), and what comes back is the duplicates of step
2, the station rolls and the tallies. :func:`serial` is the plain one-process pipeline
the partitioned run must equal (``tests/test_partition.py`` proves it on a local cluster).

This module imports nothing of Dask: a client is used only through its ``map`` and
``gather`` methods. Install the ``dask`` extra (``pip install electoral[dask]``) for
``dask.distributed``.

>>> import pendulum
>>> from electoral.model import TRIPOLI
>>> good = ["7", "محمد", "علي", "سالم", "الورفلي", "فاطمة", "1", "7/9/1969", "",
...         "119690261935", "4471", "0", "0", "0"]
>>> twin = ["8"] + good[1:]  # another PERSON_ID, the same national id
>>> as_of = pendulum.datetime(2026, 1, 1, tz=TRIPOLI)
>>> parts = [RegisterRows(rows=[twin], lines=[9], centers=[20001]),
...          RegisterRows(rows=[good], lines=[4], centers=[10001])]
>>> outcome = run(parts, as_of=as_of).register
>>> outcome.problems
(('line 9', 'registration.registry.duplicate', 'national_id', '119690261935'),)
>>> [(s.center_id, s.number, s.registrants) for s in outcome.stations]
[(10001, 1, 1)]
>>> outcome == serial(parts, as_of=as_of).register
True
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import operator
import os
import pathlib
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, Any, Protocol, TypeVar

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import (
    InconsistentValue,
    InvalidFormat,
    MissingValue,
    OutOfRange,
    ValidationError,
    ValidationErrors,
    register_labels,
    register_messages,
)
from electoral.formats._policy import path_error
from electoral.model import Gender
from electoral.registration import (
    RegistryRecord,
    RegistryStream,
    allocate_stations,
    registry_duplicates,
    sort_roll,
)
from electoral.results import FormRecord, Tally, TallySetup, merge_tallies, tally

__all__ = [
    "Mapper",
    "Outcome",
    "RegisterOutcome",
    "RegisterPart",
    "RegisterRows",
    "StationRoll",
    "part_buckets",
    "part_ids",
    "part_stations",
    "run",
    "serial",
    "split_by_office",
    "validate_part",
]

register_labels(
    {
        "rows": ("Rows", "الصفوف"),
        "buckets": ("Buckets", "الدلاء"),
        "office_of": ("Office of each centre", "مكتب كل مركز"),
        "path": ("File", "الملف"),
    }
)

register_messages(
    {
        "partition.buckets": (
            "The number of buckets must be a whole number of at least 1, not {value}.",
            "يجب أن يكون عدد الدلاء عددًا صحيحًا لا يقل عن 1، وليس {value}.",
        ),
        "partition.lengths": (
            "The rows, their lines and their centres are not of one length ({value}).",
            "الصفوف وأسطرها ومراكزها ليست بطول واحد ({value}).",
        ),
        "partition.no_office": (
            "Centre {value} has no office.",
            "المركز {value} ليس له مكتب.",
        ),
        "partition.file": (
            "This line of a partition file is not a line, a centre and a row of the dump.",
            "هذا السطر من ملف الجزء ليس رقم سطر ومركزًا وصفًا من ملف السجل.",
        ),
    }
)

T = TypeVar("T")
R = TypeVar("R")


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class RegisterRows:
    """A partition's raw register rows, as they travel to the machine that checks them.

    Attributes:
        rows: the CRA dump's rows, 14 texts each.
        lines: each row's line in the national dump (lines label the problems and
            decide which of two repeated ids keeps its place).
        centers: the centre each row's voter registered at.
    """

    rows: Sequence[Sequence[str]]
    lines: Sequence[int]
    centers: Sequence[int]

    def __attrs_post_init__(self) -> None:
        if not len(self.rows) == len(self.lines) == len(self.centers):
            lengths = f"{len(self.rows)}, {len(self.lines)}, {len(self.centers)}"
            raise InconsistentValue("partition.lengths", field="rows", value=lengths)

    @guarded
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the partition as UTF-8 CSV: line, centre, then the row's 14 texts."""
        with _open(path, "w") as handle:
            write = csv.writer(handle).writerow
            for line, center, row in zip(self.lines, self.centers, self.rows, strict=True):
                write((line, center, *row))

    @classmethod
    @guarded
    def load(cls, path: str | os.PathLike[str]) -> RegisterRows:
        """Read a partition written by :meth:`save` (on the machine that checks it).

        Raises:
            ValidationError: ``formats.file.*``, the file cannot be read.
            ValidationErrors: ``partition.file``, every line that is not a line number,
                a centre and a row of the dump, or ``formats.encoding``.
        """
        rows: list[list[str]] = []
        lines: list[int] = []
        centers: list[int] = []
        bad: list[ValidationError] = []
        with _open(path, "r") as handle:
            reader = csv.reader(handle)
            try:
                for cells in reader:
                    line, center = cells[:2] if len(cells) >= 2 else ("", "")
                    if not (line.isdigit() and center.isdigit() and len(line) + len(center) < 40):
                        error = InvalidFormat("partition.file", field="line", value=line)
                        bad.append(error.at(f"line {reader.line_num}"))
                        continue
                    lines.append(int(line))
                    centers.append(int(center))
                    rows.append(cells[2:])
            except (csv.Error, UnicodeDecodeError) as error:
                failure = InvalidFormat("partition.file", field="line", value=str(error))
                bad.append(failure.at(f"line {reader.line_num + 1}"))
        if bad:
            raise ValidationErrors(f"{len(bad)} problem(s) in partition file {path}", bad)
        return cls(rows=rows, lines=lines, centers=centers)


def _open(path: str | os.PathLike[str], mode: str) -> IO[str]:
    """Open a partition file as UTF-8 text; a path that cannot be opened is a coded error."""
    try:
        return open(path, mode, encoding="utf-8", newline="")
    except OSError as error:
        raise path_error(pathlib.Path(path), error) from None
    except ValueError as error:  # a NUL or a lone surrogate: no file can have that name
        raise InvalidFormat(
            "formats.file.unreadable", field="path", value=repr(os.fspath(path)), reason=error
        ) from None


@attrs.frozen(kw_only=True, eq=False, field_transformer=typed_fields)
class RegisterPart:
    """A validated partition: its good records (kept where they were checked) and problems.

    Attributes:
        records: the good records, in line order.
        lines: the line of each record.
        centers: the centre of each record.
        problems: every problem of the refused rows, located ``line N``.
    """

    records: Sequence[RegistryRecord]
    lines: Sequence[int]
    centers: Sequence[int]
    problems: tuple[ValidationError, ...]


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class StationRoll:
    """One allocated station, as it travels back: its place, size and a digest of its roll.

    Attributes:
        center_id, number, gender, registrants: as in
            :class:`~electoral.registration.AllocatedStation`.
        digest: SHA-256 of the roll's national ids in roll order, one per line: two
            runs with equal digests put the same voters in the same order.
    """

    center_id: int
    number: int
    gender: Gender
    registrants: int
    digest: str


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class RegisterOutcome:
    """The register's result: every problem by line, every station by centre and number."""

    problems: tuple[tuple[str, str, str | None, object], ...]
    """``(location, code, field, value)`` of each problem, in line order."""
    stations: tuple[StationRoll, ...]


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Outcome:
    """What a run gives: the register's outcome and the national tally (``None`` without forms)."""

    register: RegisterOutcome
    tally: Tally | None


@guarded
def split_by_office(
    rows: Iterable[Sequence[str]],
    centers: Iterable[int],
    office_of: Mapping[int, int],
    *,
    first_line: int = 1,
) -> list[RegisterRows]:
    """Split a register's rows into one :class:`RegisterRows` per office, in office order.

    Args:
        rows: the dump's rows in line order.
        centers: the registration centre of each row's voter.
        office_of: each centre's office.
        first_line: the line of the first row (2 for a dump with a header).

    Raises:
        MissingValue: ``partition.no_office``, a centre missing from ``office_of``.
        InconsistentValue: ``partition.lengths``, not one centre per row.
    """
    groups: dict[int, tuple[list[Sequence[str]], list[int], list[int]]] = {}
    rows, centers = list(rows), list(centers)
    if len(rows) != len(centers):
        lengths = f"{len(rows)}, {len(centers)}"
        raise InconsistentValue("partition.lengths", field="centers", value=lengths)
    for line, (row, center) in enumerate(zip(rows, centers, strict=True), start=first_line):
        office = office_of.get(center)
        if office is None:
            raise MissingValue("partition.no_office", field="office_of", value=center)
        group = groups.get(office)
        if group is None:
            group = groups[office] = ([], [], [])
        group[0].append(row)
        group[1].append(line)
        group[2].append(center)
    return [
        RegisterRows(rows=r, lines=lines, centers=c)
        for _, (r, lines, c) in sorted(groups.items(), key=_FIRST)
    ]


@guarded
def validate_part(
    part: RegisterRows | str | os.PathLike[str], *, as_of: datetime.datetime
) -> RegisterPart:
    """Step 1: validate a partition's rows with their national line numbers.

    ``part`` is the rows, or the path of a file written by :meth:`RegisterRows.save`,
    read where this runs (so that only a file name crosses the network).

    Uniqueness is left to :func:`~electoral.registration.registry_duplicates`, over
    every partition's :func:`part_ids`.
    """
    if not isinstance(part, RegisterRows):
        part = RegisterRows.load(part)
    stream = RegistryStream(as_of=as_of, unique=False)
    chunk = stream.validate(part.rows, line_numbers=part.lines)
    center_of = dict(zip(part.lines, part.centers, strict=True))
    return RegisterPart(
        records=chunk.records,
        lines=chunk.lines,
        centers=[center_of[line] for line in chunk.lines],
        problems=chunk.problems,
    )


@guarded
def part_ids(part: RegisterPart) -> tuple[list[tuple[str, int]], list[tuple[int, int]]]:
    """Step 2: the ``(national id, line)`` and ``(PERSON_ID, line)`` pairs of the good records."""
    national = list(zip(map(_NATIONAL_ID, part.records), part.lines, strict=True))
    person = list(zip(map(_PERSON_ID, part.records), part.lines, strict=True))
    return national, person


Pairs = tuple[list[tuple[str, int]], list[tuple[int, int]]]
"""``(national id, line)`` and ``(PERSON_ID, line)`` pairs."""


@guarded
def part_buckets(part: RegisterPart, buckets: int) -> list[Pairs]:
    """Step 2 at scale: the pairs of :func:`part_ids`, split into ``buckets`` by value.

    A value's bucket is a hash of the value that every process computes alike (CRC-32
    of a national id's text, the remainder of a ``PERSON_ID``), so each value's pairs
    from every partition meet in one bucket, where the uniqueness rule, which reads
    only the pairs of one value, gives the same answer as over every pair at once.

    Two records with one national id (lines 4 and 9) and ``PERSON_ID`` 7 and 8, in
    three buckets: the national id's two pairs meet in one bucket, where the duplicate
    is found; each ``PERSON_ID`` goes to its remainder by 3.

    >>> import pendulum
    >>> from electoral.model import TRIPOLI
    >>> row = ["7", "محمد", "علي", "سالم", "الورفلي", "فاطمة", "1", "7/9/1969", "",
    ...        "119690261935", "4471", "0", "0", "0"]
    >>> rows = RegisterRows(rows=[row, ["8"] + row[1:]], lines=[4, 9], centers=[10001] * 2)
    >>> part = validate_part(rows, as_of=pendulum.datetime(2026, 1, 1, tz=TRIPOLI))
    >>> for bucket in part_buckets(part, 3):
    ...     print(bucket)
    ([('119690261935', 4), ('119690261935', 9)], [])
    ([], [(7, 4)])
    ([], [(8, 9)])
    >>> part_buckets(part, 0)
    Traceback (most recent call last):
    ...
    electoral.errors.OutOfRange: The number of buckets must be a whole number of at least 1, not 0.

    Raises:
        OutOfRange: ``partition.buckets``, fewer than one bucket.
    """
    if buckets < 1:
        raise OutOfRange("partition.buckets", field="buckets", value=buckets, min_value=1)
    national, person = part_ids(part)
    split: list[Pairs] = [([], []) for _ in range(buckets)]
    for pair in national:
        split[zlib.crc32(pair[0].encode()) % buckets][0].append(pair)
    for number in person:
        split[number[0] % buckets][1].append(number)
    return split


def _bucket(split: list[Pairs], bucket: int) -> Pairs:
    return split[bucket]


def _bucket_duplicates(pieces: Sequence[Pairs]) -> tuple[InconsistentValue, ...]:
    return registry_duplicates(
        (pair for national, _ in pieces for pair in national),
        (pair for _, person in pieces for pair in person),
    )


def _duplicate_order(error: InconsistentValue) -> tuple[int, int]:
    """The order of :func:`~electoral.registration.registry_duplicates`: by line, a
    repeated ``PERSON_ID`` before a repeated national id."""
    line = int((error.location or "line 0").removeprefix("line "))
    return line, 0 if error.field == "civil_registry_id" else 1


@guarded
def part_stations(part: RegisterPart, refused: Iterable[int] = ()) -> tuple[StationRoll, ...]:
    """Step 3: without the ``refused`` lines, each centre's sorted roll and its stations."""
    drop = set(refused)
    by_center: dict[int, list[RegistryRecord]] = {}
    for record, line, center in zip(part.records, part.lines, part.centers, strict=True):
        if line not in drop:
            by_center.setdefault(center, []).append(record)
    return _stations(by_center)


@guarded
def run(
    register: Sequence[RegisterRows | str | os.PathLike[str]],
    forms: Sequence[Sequence[FormRecord]] = (),
    *,
    as_of: datetime.datetime,
    setup: TallySetup | None = None,
    client: Mapper | None = None,
) -> Outcome:
    """Validate, roll and allocate the register and tally the forms, partition by partition.

    Args:
        register: the register's partitions (an office's centres each), as rows or
            as paths of files written by :meth:`RegisterRows.save`.
        forms: the forms of each partition (an office's stations each; a station
            split between partitions is refused by the merge,
            ``results.partition_split_station``).
        as_of: the import time (see :class:`~electoral.registration.RegistryStream`).
        setup: the tally's reference data (needed when there are forms).
        client: a ``dask.distributed.Client`` (or anything with its ``map`` and
            ``gather``); without one, the partitions run here, one after the other.
    """
    if forms and setup is None:
        raise TypeError("run() needs setup= to tally forms")
    mapper = _Local() if client is None else client
    parts = mapper.map(validate_part, register, as_of=as_of, pure=False)
    buckets = max(len(register), 1)
    bucketed = mapper.map(part_buckets, parts, buckets=buckets, pure=False)
    # the shuffle: bucket b of every partition goes to the task of bucket b
    pieces = [
        mapper.map(_bucket, bucketed, bucket=bucket, pure=False) for bucket in range(buckets)
    ]
    found = mapper.gather(mapper.map(_bucket_duplicates, pieces, pure=False))
    duplicates = sorted((e for bucket in found for e in bucket), key=_duplicate_order)
    refused = {int(e.location.removeprefix("line ")) for e in duplicates if e.location}
    rolls = mapper.map(part_stations, parts, refused=refused, pure=False)
    tallies = mapper.map(tally, forms, setup=setup, pure=False) if forms else []
    stations = [s for part in mapper.gather(rolls) for s in part]
    own = mapper.gather(mapper.map(_problems, parts, pure=False))
    merged = merge_tallies(mapper.gather(tallies)) if forms else None
    return Outcome(
        register=_outcome([e for part in own for e in part] + list(duplicates), stations),
        tally=merged,
    )


@guarded
def serial(
    register: Sequence[RegisterRows | str | os.PathLike[str]],
    forms: Sequence[Sequence[FormRecord]] = (),
    *,
    as_of: datetime.datetime,
    setup: TallySetup | None = None,
) -> Outcome:
    """The same outcome as :func:`run`, computed the plain way in one process.

    One :class:`~electoral.registration.RegistryStream` over every row in line
    order (which applies the uniqueness rule as it goes), each centre's roll sorted
    and allocated, and one :func:`~electoral.results.tally` of every form.
    """
    if forms and setup is None:
        raise TypeError("serial() needs setup= to tally forms")
    loaded = [p if isinstance(p, RegisterRows) else RegisterRows.load(p) for p in register]
    ordered = sorted(
        ((line, row, center) for p in loaded for line, row, center in _zip(p)),
        key=_FIRST,
    )
    stream = RegistryStream(as_of=as_of)
    chunk = stream.validate([row for _, row, _ in ordered], line_numbers=[x[0] for x in ordered])
    center_of = {line: center for line, _, center in ordered}
    by_center: dict[int, list[RegistryRecord]] = {}
    for record, line in zip(chunk.records, chunk.lines, strict=True):
        by_center.setdefault(center_of[line], []).append(record)
    everything = [record for part in forms for record in part]
    return Outcome(
        register=_outcome(list(chunk.problems), list(_stations(by_center))),
        tally=tally(everything, setup) if setup is not None and forms else None,
    )


class Mapper(Protocol):
    """What :func:`run` uses of a ``dask.distributed.Client``: ``map``, then ``gather``.

    ``map(func, items, **kwargs)`` applies ``func`` to each item (with the keyword
    arguments, and ``pure=False``) and gives handles to the results; ``gather``
    turns handles into values.
    """

    def map(self, func: Callable[..., Any], *iterables: Any, **kwargs: Any) -> Any: ...
    def gather(self, futures: Any) -> Any: ...


class _Local:
    """:func:`run` without a cluster: ``map`` computes at once, ``gather`` gives it back."""

    def map(self, func: Callable[..., R], items: Iterable[Any], **kwargs: Any) -> list[R]:
        kwargs.pop("pure", None)
        return [func(item, **kwargs) for item in items]

    def gather(self, futures: T) -> T:
        return futures


_FIRST = operator.itemgetter(0)
_NATIONAL_ID = operator.attrgetter("national_id")
_PERSON_ID = operator.attrgetter("civil_registry_id")


def _zip(part: RegisterRows) -> Iterable[tuple[int, Sequence[str], int]]:
    return zip(part.lines, part.rows, part.centers, strict=True)


def _problems(part: RegisterPart) -> tuple[ValidationError, ...]:
    return part.problems


def _line(error: ValidationError) -> int:
    return int((error.location or "line 0").removeprefix("line "))


def _outcome(problems: list[ValidationError], stations: Iterable[StationRoll]) -> RegisterOutcome:
    problems.sort(key=_line)  # stable: a row's own problems, then its repeated ids
    return RegisterOutcome(
        problems=tuple((e.location or "", e.code, e.field, e.value) for e in problems),
        stations=tuple(sorted(stations, key=operator.attrgetter("center_id", "number"))),
    )


def _stations(by_center: dict[int, list[RegistryRecord]]) -> tuple[StationRoll, ...]:
    found: list[StationRoll] = []
    for center, voters in by_center.items():
        plan = allocate_stations(sort_roll(voters), center_id=center)
        for station in plan.stations:
            ids = "\n".join(voter.national_id for _, voter in station.entries())
            found.append(
                StationRoll(
                    center_id=center,
                    number=station.number,
                    gender=station.gender,
                    registrants=station.registrants,
                    digest=hashlib.sha256(ids.encode()).hexdigest(),
                )
            )
    return tuple(found)
