"""Private: every file the commands read is read here.

The commands call these loaders and nothing else to read a file, so that the
reading policy (encodings, CSV problems, missing files) is in one place.
"""

from __future__ import annotations

import csv
import io
import json
import pathlib
from collections.abc import Iterator
from typing import Any

import pendulum

from electoral.cli._command import DataError, UsageError
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    MissingValue,
    ValidationError,
    ValidationErrors,
)
from electoral.ids import center_id as _center_id
from electoral.ids import national_id as _national_id
from electoral.model import Center

__all__ = [
    "csv_rows",
    "load_centers",
    "load_citizens",
    "load_registrations",
    "read_setup",
    "read_text",
    "read_votes",
]


def read_text(path: pathlib.Path, field: str = "file") -> str:
    """The text of a UTF-8 file (with or without a byte-order mark)."""
    if not path.exists():
        raise UsageError(MissingValue("cli.file_missing", field=field, value=str(path)))
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(
            InvalidFormat(
                "cli.file_unreadable",
                field=field,
                value=str(path),
                reason=error.strerror or str(error),
            )
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError([InvalidFormat("cli.not_utf8", field=field, value=str(path))]) from None


def csv_rows(text: str, path: pathlib.Path, field: str = "file") -> list[list[str]]:
    """The rows of a CSV text."""
    if "\x00" in text:
        raise DataError(
            [InvalidFormat("cli.not_csv", field=field, value=str(path), reason="NUL byte")]
        )
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise DataError(
            [InvalidFormat("cli.not_csv", field=field, value=str(path), reason=str(error))]
        ) from None


class _Anything:
    """A collection that contains every id: references are not checked without a list."""

    def __contains__(self, item: object) -> bool:
        return True

    def __iter__(self) -> Iterator[int]:
        return iter(())

    def __len__(self) -> int:
        return 0


def load_centers(path: pathlib.Path) -> list[Center]:
    from electoral.formats.smartelect import read_centers as import_centers_csv

    text = read_text(path, "centers")
    try:
        result = import_centers_csv(
            text,
            centers=[],
            office_ids=_Anything(),
            constituency_ids=_Anything(),
            subconstituency_ids=_Anything(),
        )
    except ValidationErrors as group:
        raise DataError(group.errors) from None
    except ValidationError as error:
        raise DataError([error]) from None
    return sorted(result.centers.values(), key=lambda c: c.center_id)


def _registry_rows(path: pathlib.Path) -> tuple[list[list[str]], int]:
    from electoral.registration import REGISTRY_COLUMNS

    rows = csv_rows(read_text(path, "citizens"), path, "citizens")
    first_line = 1
    if rows and tuple(cell.strip() for cell in rows[0]) == REGISTRY_COLUMNS:
        rows = rows[1:]
        first_line = 2
    return rows, first_line


def load_citizens(path: pathlib.Path, as_of: pendulum.DateTime) -> list[Any]:
    from electoral.registration import validate_registry_rows

    rows, first_line = _registry_rows(path)
    try:
        return validate_registry_rows(rows, as_of=as_of, first_line=first_line)
    except ValidationErrors as group:
        raise DataError(group.errors) from None


def load_registrations(
    path: pathlib.Path, centers: set[int] | None = None
) -> list[tuple[str, int]]:
    rows = csv_rows(read_text(path, "registrations"), path, "registrations")
    if not rows:
        raise DataError(
            [
                MissingValue(
                    "cli.missing_columns", field="registrations", columns="national_id, center_id"
                )
            ]
        )
    header = [cell.strip() for cell in rows[0]]
    missing = [c for c in ("national_id", "center_id") if c not in header]
    if missing:
        raise DataError(
            [
                MissingValue(
                    "cli.missing_columns",
                    field="registrations",
                    columns=", ".join(missing),
                    location="line 1",
                )
            ]
        )
    nid_at, center_at = header.index("national_id"), header.index("center_id")
    collector = ErrorCollector("registrations")
    seen: set[str] = set()
    out: list[tuple[str, int]] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        with collector.at(f"line {line}"):
            if len(row) != len(header):
                raise InvalidFormat(
                    "cli.row_cells",
                    field="row",
                    value=len(row),
                    count=len(row),
                    expected=len(header),
                )
            errors = ErrorCollector("registration")
            nid = center = None
            with errors.at():
                nid = _national_id.validate(row[nid_at])
            with errors.at():
                center = _center_id.to_int(row[center_at])
            if center is not None and centers is not None and center not in centers:
                errors.add(
                    InconsistentValue("cli.unknown_center", field="center_id", value=center)
                )
            if nid is not None and nid in seen:
                errors.add(
                    InconsistentValue("cli.two_registrations", field="national_id", value=nid)
                )
            errors.raise_if_any()
            assert nid is not None
            assert center is not None
            seen.add(nid)
            out.append((nid, center))
    if collector:
        raise DataError(collector.errors)
    return out


def read_setup(folder: pathlib.Path) -> Any:
    from electoral.formats.tallyho import (
        read_ballots,
        read_candidates,
        read_centers,
        read_stations,
        read_subconstituencies,
        read_subconstituency_ballots,
    )
    from electoral.results import TallySetup

    if not folder.is_dir():
        raise UsageError(MissingValue("cli.file_missing", field="setup", value=str(folder)))

    def source(name: str) -> io.StringIO:
        return io.StringIO(read_text(folder / name, "setup"))

    try:
        ballots = read_ballots(source("ballots.csv"))
        constituencies, subs = read_subconstituencies(source("sub_constituencies.csv"))
        ballots = read_subconstituency_ballots(
            source("sub_constituency_ballots.csv"), ballots=ballots, subconstituencies=subs
        )
        centers, offices, _ = read_centers(
            source("centers.csv"), constituencies=constituencies, subconstituencies=subs
        )
        stations = read_stations(source("stations.csv"), centers=centers, subconstituencies=subs)
        candidates = read_candidates(
            source("candidates.csv"), source("ballot_order.csv"), ballots=ballots
        )
    except ValidationErrors as group:
        raise DataError(group.errors) from None
    return TallySetup.build(
        centers=centers,
        stations=stations,
        ballots=ballots,
        candidates=candidates,
        offices=offices,
    )


def read_votes(path: pathlib.Path) -> dict[str, int]:
    text = read_text(path, "votes")
    collector = ErrorCollector("votes")
    votes: dict[str, int] = {}
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise DataError(
                [InvalidFormat("cli.not_json", field="votes", value=str(path), reason=error.msg)]
            ) from None
        if not isinstance(data, dict):
            raise DataError(
                [
                    InvalidFormat(
                        "cli.not_json",
                        field="votes",
                        value=str(path),
                        reason="expected an object of votes",
                    )
                ]
            )
        for name, count in data.items():
            if type(count) is not int or count < 0:
                collector.add(InvalidFormat("cli.votes", field=name, value=count), f"$.{name}")
            else:
                votes[name] = count
    else:
        rows = csv_rows(text, path, "votes")
        start = 1
        if rows and len(rows[0]) >= 2 and rows[0][1].strip().lower() == "votes":
            start = 2
            rows = rows[1:]
        for line, row in enumerate(rows, start=start):
            if not any(cell.strip() for cell in row):
                continue
            with collector.at(f"line {line}"):
                if len(row) != 2:
                    raise InvalidFormat("cli.votes", field="row", value=",".join(row))
                name, count = row[0].strip(), row[1].strip()
                if not (count.isascii() and count.isdigit()):
                    raise InvalidFormat("cli.votes", field=name or "votes", value=row[1])
                if name in votes:
                    raise InconsistentValue(
                        "cli.duplicate_candidate", field="candidate", value=name
                    )
                votes[name] = int(count)
    if collector:
        raise DataError(collector.errors)
    return votes
