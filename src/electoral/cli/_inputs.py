"""Private: every file the commands read is read here, through :mod:`electoral.formats`.

Each loader takes an :class:`~electoral.cli._files.Input`, hands it to the formats
layer's reader of that system's file (:mod:`electoral.formats.smartelect`,
:mod:`electoral.formats.tallyho`), and turns its refusals into the command line's
errors (:func:`~electoral.cli._files.refused`). The commands call these loaders and
nothing else to read a file.
"""

from __future__ import annotations

import pathlib
import re
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any, Final

from electoral.cli._command import DataError, UsageError
from electoral.cli._files import (
    JSON,
    SQL_DUMP,
    Input,
    check_header,
    csv_records,
    load_json,
    no_records,
    reading,
    refused,
    row_width,
    sniff,
)
from electoral.cli._output import unescape
from electoral.cli._progress import Progress
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    MissingValue,
    OutOfRange,
    ValidationError,
    ValidationErrors,
)
from electoral.ids import center_id as _center_id
from electoral.ids import national_id as _national_id
from electoral.model import Center

if TYPE_CHECKING:
    from electoral.formats.tallyho import NamedCenters
    from electoral.model import ResultForm
    from electoral.results import ResultRow, TallySetup

__all__ = [
    "FORMATS",
    "INPUT_FORMATS",
    "detect_format",
    "line_of",
    "load_centers",
    "load_named_centers",
    "load_registrations",
    "load_result_forms",
    "load_result_records",
    "load_results_export",
    "load_setup",
    "load_votes",
    "parse_json_list",
]

FORMATS: Final = {
    "centers": ("smartelect", "tallyho", "json"),
    "citizens": ("sql", "csv", "json"),
    "registrations": ("csv",),
    "result-forms": ("tallyho", "json"),
    "results": ("csv",),
    "votes": ("csv", "json"),
}
"""The formats each kind of file may be in; the first CSV one is assumed for an unknown header."""

INPUT_FORMATS: Final = {
    "centers": "centres: the registration system's centres upload CSV, its 15 columns in "
    "order (center_id, name, copy_of_id, region_name, ... center_lon)",
    "citizens": "citizens: the civil registry as the CRA delivers it, an SQL dump whose data "
    "lines start with VALUES(, or as CSV of its 14 columns (PERSON_ID ... STATE), with or "
    "without that header",
    "registrations": "registrations: CSV with exactly the columns national_id and center_id, "
    "one current registration per citizen",
    "result-forms": "result forms: the results system's result_forms.csv (ballot_number, "
    "center_code, station_number, gender, name, office_name, barcode, serial_number, "
    "region_name)",
    "results": "results: the results system's per-form results export (results.csv)",
    "setup": "--setup DIR: the results system's tally setup folder: ballots.csv, "
    "sub_constituencies.csv, sub_constituency_ballots.csv, centers.csv, stations.csv, "
    "candidates.csv and ballot_order.csv, as electoral demo writes them",
    "votes": "votes: CSV rows candidate,votes (an optional header candidate,votes), as "
    'electoral tally --output writes them, or a JSON object {"candidate": votes}; whole '
    "numbers below 10^15",
    "convert-centers": "centres: smartelect (the registration system's upload CSV), tallyho "
    "(the results system's centers.csv, plus the columns constituency_id, copy_of_id, "
    "subconstituency_name, reg_open, name_en and active, which that system ignores) or json "
    '({"schema_version": 1, "kind": "centers", "centers": [{"center": {...}, '
    '"region_name": ..., "office_name": ..., "constituency_name": ..., '
    '"subconstituency_name": ...}]})',
    "convert-citizens": "citizens: sql (the CRA's dump), csv (its 14 columns) or json "
    '({"citizens": [{"citizen": {...}, "office_id": ..., "branch_id": ..., '
    '"state": ...}]})',
    "convert-result-forms": "result forms: tallyho (the results system's result_forms.csv, "
    'read and written with --setup DIR) or json ({"result_forms": [{"result_form": '
    "{...}}]})",
}
"""What each input is, in one sentence, for the reference page."""

_KIND_NAMES: Final = {
    "cra-csv": ("citizens", "csv", "the civil registry's CSV"),
    "smartelect-centers": ("centers", "smartelect", "the registration system's centres CSV"),
    "tallyho-centers": ("centers", "tallyho", "the results system's centres CSV"),
    "tallyho-result-forms": ("result-forms", "tallyho", "the results system's result forms"),
    "results-export": ("results", "csv", "the results system's results export"),
    "registrations": ("registrations", "csv", "a registrations CSV"),
}


def _headers() -> list[tuple[str, Callable[[Sequence[str]], bool]]]:
    from electoral.formats.tallyho import FILES
    from electoral.registration import CENTER_CSV_COLUMNS, REGISTRY_COLUMNS
    from electoral.results import EXPORT_COLUMNS

    def has(columns: Collection[str]) -> Callable[[Sequence[str]], bool]:
        return lambda cells: set(columns) <= set(cells)

    def registry(cells: Sequence[str]) -> bool:
        return tuple(cells) == REGISTRY_COLUMNS or (
            len(cells) == len(REGISTRY_COLUMNS)
            and cells[0].isdigit()
            and _national_id.is_valid(cells[9])
        )

    def registration_centers(cells: Sequence[str]) -> bool:
        # the results system's centres file as convert writes it has every column of the
        # registration system's, and reg_open, name_en and active besides
        extras = {"reg_open", "name_en", "active"}
        return set(CENTER_CSV_COLUMNS) <= set(cells) and not extras & set(cells)

    return [
        ("cra-csv", registry),
        ("smartelect-centers", registration_centers),
        (
            "results-export",
            has(tuple(c for c in EXPORT_COLUMNS if c not in ("from_pvp", "pvp_mode_applied"))),
        ),
        ("tallyho-result-forms", has(FILES["result_form"])),
        ("tallyho-centers", has(FILES["centers"])),
        ("registrations", has(("national_id", "center_id"))),
    ]


def detect_format(source: Input, kind: str, given: str | None = None) -> str:
    """The format of ``source``, a file of ``kind``: ``given``, or recognised from its content.

    Raises:
        UsageError: ``cli.format_unsupported`` (``given`` is not a format of ``kind``),
            ``cli.format_mismatch`` (the content is a file of another kind).
    """
    accepted = FORMATS[kind]
    if given is not None:
        if given not in accepted:
            raise UsageError(
                InvalidFormat(
                    "cli.format_unsupported",
                    field="format",
                    value=given,
                    kind=kind,
                    formats=", ".join(accepted),
                )
            )
        return given
    found = sniff(source.head(), _headers())
    if found in (JSON, SQL_DUMP):
        if found in accepted:
            return found
        seen = "JSON" if found == JSON else "an SQL dump"
    elif found in _KIND_NAMES:
        found_kind, fmt, seen = _KIND_NAMES[found]
        if found_kind == kind and fmt in accepted:
            return fmt
    else:
        return next(f for f in accepted if f not in (JSON, SQL_DUMP))
    raise UsageError(
        InvalidFormat(
            "cli.format_mismatch",
            field=source.role,
            value=str(source.path),
            seen=seen,
            kind=kind,
            formats=", ".join(accepted),
        )
    )


_LINE: Final = re.compile(r"line (\d+)")


def line_of(error: ValidationError) -> int | None:
    """The line a problem is at, from its location (``line 4``, ``line 4: $.votes``)."""
    match = _LINE.match(error.location or "")
    return int(match.group(1)) if match else None


def _problems(group: ValidationErrors | ValidationError) -> Sequence[ValidationError]:
    return group.errors if isinstance(group, ValidationErrors) else (group,)


# --------------------------------------------------------------------------- Tally-Ho CSV


def load_setup(folder_text: str) -> TallySetup:
    """The results system's tally setup, from a folder of its seven setup files.

    Raises:
        UsageError: the folder or one of its files is missing or unreadable.
        DataError: every problem of the first file with a problem.
    """
    from electoral.formats.tallyho import SETUP_FILES, read_tally_setup

    folder = pathlib.Path(folder_text)
    if not folder.is_dir():
        raise UsageError(MissingValue("cli.folder_missing", field="setup", value=str(folder)))
    for name in SETUP_FILES.values():
        Input.named(folder / name, "setup")
    try:
        return read_tally_setup(folder).setup
    except (ValidationErrors, ValidationError) as group:
        raise refused(Input(folder, "setup"), _problems(group)) from None


def load_result_forms(source: Input, setup: TallySetup) -> list[ResultForm]:
    """The results system's result-forms file, checked against ``setup``."""
    from electoral.formats.tallyho import read_result_forms

    try:
        with reading(source) as stream:
            return read_result_forms(stream, setup=setup)
    except (ValidationErrors, ValidationError) as group:
        raise refused(source, _problems(group)) from None


def load_named_centers(source: Input, reader: Callable[[Any], NamedCenters]) -> NamedCenters:
    """A centres file with names, read by ``reader`` (the registration system's upload
    or the results system's centres file with the columns ``convert`` adds)."""
    try:
        with reading(source) as stream:
            found = reader(stream)
    except (ValidationErrors, ValidationError) as group:
        raise refused(source, _problems(group)) from None
    if not found.centers:
        raise no_records(source)
    return found


def load_results_export(source: Input) -> list[ResultRow]:
    """The results system's per-form results export."""
    from electoral.formats.tallyho import read_results_export

    try:
        with reading(source) as stream:
            return read_results_export(stream)
    except (ValidationErrors, ValidationError) as group:
        raise refused(source, _problems(group)) from None


def load_result_records(source: Input, progress: Progress | None = None) -> list[Any]:
    """The form records of a results export: one ARCHIVED form per barcode.

    Each form gets its candidates' votes and, where the export has them, its
    reconciliation figures, as FINAL entries (``tally`` and ``publish`` count these).

    Raises:
        DataError: every problem of the file and of the forms built from it.
    """
    from electoral.model import FormState, ReconciliationForm, ResultForm
    from electoral.results import EntryVersion, FormRecord, ReconEntry, VoteEntry

    forms: dict[str, list[Any]] = {}
    for row in load_results_export(source):
        forms.setdefault(row.barcode, []).append(row)
    collector = ErrorCollector("results")
    records = []
    if progress is not None:
        progress.start("forms", total=len(forms), unit="forms")
    for done, (barcode, rows_of_form) in enumerate(forms.items(), start=1):
        if progress is not None:
            progress.update(done)
        first = rows_of_form[0]
        with collector.at(f"barcode {barcode}"):
            form = ResultForm(
                barcode=barcode,
                ballot_number=first.ballot,
                center_id=first.center,
                station_number=first.station,
                gender=first.gender,
                state=FormState.ARCHIVED,
                is_replacement=False,
            )
            votes = tuple(
                VoteEntry(
                    candidate=(row.ballot, row.candidate_id),
                    votes=row.votes,
                    version=EntryVersion.FINAL,
                )
                for row in rows_of_form
            )
            recons: tuple[ReconEntry, ...] = ()
            if first.invalid_ballots is not None:
                recon = ReconciliationForm(
                    number_of_voters=first.received_ballots_papers or 0,
                    number_of_voter_cards_in_the_ballot_box=first.voter_cards or 0,
                    number_valid_votes=first.valid_votes or 0,
                    number_invalid_votes=first.invalid_ballots,
                    number_sorted_and_counted=first.total_ballot_papers_in_box or 0,
                )
                recons = (ReconEntry(recon=recon, version=EntryVersion.FINAL),)
            records.append(FormRecord(form=form, results=votes, recons=recons))
    if progress is not None:
        progress.clear()
    if collector:
        raise DataError(collector.errors)
    return records


# --------------------------------------------------------------------------- SmartElect


def load_centers(source: Input) -> list[Center]:
    """The registration system's centres upload CSV, checked as its upload checks it.

    Offices, constituencies and sub-constituencies are not checked against a list
    (the file alone does not have one).
    """
    from electoral.formats._policy import EveryId
    from electoral.formats.smartelect import read_centers

    try:
        with reading(source) as stream:
            result = read_centers(
                stream,
                centers=[],
                office_ids=EveryId(),
                constituency_ids=EveryId(),
                subconstituency_ids=EveryId(),
            )
    except (ValidationErrors, ValidationError) as group:
        raise refused(source, _problems(group)) from None
    if not result.centers:
        raise no_records(source)
    return sorted(result.centers.values(), key=lambda c: c.center_id)


def load_registrations(
    source: Input, centers: Collection[int] | None = None, progress: Progress | None = None
) -> list[tuple[int, str, int]]:
    """A registrations CSV: one current registration per citizen.

    Columns ``national_id`` and ``center_id``, nothing else; every national id and
    centre id is checked, a citizen registered twice is refused, and with
    ``centers`` every centre must be one of them.

    Returns:
        ``(line, national_id, center_id)`` for each registration, in file order.
    """
    size = source.size()
    if progress is not None:
        progress.start("read", unit="registrations")
    read = [0]
    records = csv_records(source, on_bytes=lambda n: read.__setitem__(0, n))
    first = next(records, None)
    if first is None:
        raise no_records(source, 1)
    columns = check_header(
        source,
        first[1],
        required=("national_id", "center_id"),
        allowed=("national_id", "center_id"),
    )
    nid_at, center_at = columns["national_id"], columns["center_id"]
    collector = ErrorCollector("registrations")
    seen: set[str] = set()
    out: list[tuple[int, str, int]] = []
    for line, row in records:
        width = row_width(source, line, row, len(columns))
        if width is not None:
            collector.add(width)
            continue
        errors = ErrorCollector("registration")
        nid = center = None
        with errors.at():
            nid = _national_id.validate(row[nid_at])
        with errors.at():
            center = _center_id.to_int(row[center_at])
        if center is not None and centers is not None and center not in centers:
            errors.add(InconsistentValue("cli.unknown_center", field="center_id", value=center))
        if nid is not None and nid in seen:
            errors.add(InconsistentValue("cli.two_registrations", field="national_id", value=nid))
        if errors:
            collector.extend(errors.errors, f"line {line}")
            continue
        assert nid is not None
        assert center is not None
        seen.add(nid)
        out.append((line, nid, center))
        if progress is not None and len(out) % 10_000 == 0:
            progress.update(len(out), share=(read[0], size))
    if progress is not None:
        progress.clear()
    if collector:
        raise DataError(collector.errors)
    if not out:
        raise no_records(source)
    return out


# --------------------------------------------------------------------------- votes

_MAX_VOTE_DIGITS: Final = 15


def _vote_count(text: object, name: str, location: str) -> int | ValidationError:
    """A whole number of votes below 10**15 (an int from JSON, digits from CSV)."""
    limit = 10**_MAX_VOTE_DIGITS
    if type(text) is int:
        count = text
    elif isinstance(text, str) and text.strip().isascii() and text.strip().isdigit():
        digits = text.strip().lstrip("0") or "0"
        count = int(digits) if len(digits) <= _MAX_VOTE_DIGITS else limit
    else:
        return InvalidFormat("cli.votes", field=name, value=text, location=location)
    if not 0 <= count < limit:
        return OutOfRange(
            "cli.votes_range",
            field=name,
            value=text,
            min_value=0,
            max_value=limit - 1,
            location=location,
        )
    return count


def load_votes(source: Input, fmt: str) -> dict[str, int]:
    """Votes by candidate: a JSON object ``{"name": votes}``, or CSV ``candidate,votes``.

    A CSV file may start with the header ``candidate,votes``; each row is a name and
    a whole number; a name given twice is refused.
    """
    votes: dict[str, int] = {}
    problems: list[ValidationError] = []

    def add(name: str, count: object, location: str) -> None:
        checked = _vote_count(count, name or "votes", location)
        if isinstance(checked, ValidationError):
            problems.append(checked)
        elif not name.strip():
            problems.append(
                MissingValue("cli.candidate_blank", field="candidate", location=location)
            )
        elif name in votes:
            problems.append(
                InconsistentValue(
                    "cli.duplicate_candidate", field="candidate", value=name, location=location
                )
            )
        else:
            votes[name] = checked

    if fmt == JSON:
        data = load_json(source)
        if not isinstance(data, dict):
            raise _json_shape(source, data, "an object of votes by candidate")
        for name, count in data.items():
            add(name, count, f"$.{name}")
    else:
        records = csv_records(source)
        for line, row in records:
            if line == 1 and "votes" in (cell.strip().casefold() for cell in row):
                columns = ("candidate", "votes")
                check_header(source, row, required=columns, allowed=columns)
                continue
            width = row_width(source, line, row, 2)
            if width is not None:
                problems.append(width)
                continue
            add(unescape(row[0].strip()), row[1], f"line {line}")
    if problems:
        raise DataError(problems)
    if not votes:
        raise no_records(source)
    return votes


def parse_json_list(source: Input, member: str) -> list[Any]:
    """The records of one of our JSON documents (``{"<member>": [...]}``), or a bare list."""
    data = load_json(source)
    if isinstance(data, dict) and isinstance(data.get(member), list):
        return list(data[member])
    if isinstance(data, list):
        return data
    raise _json_shape(source, data, f'a list, or an object with a "{member}" list')


def _json_shape(source: Input, data: object, expected: str) -> DataError:
    """``cli.json_shape``: the JSON document is not of the shape the file must have."""
    problem = InvalidFormat(
        "cli.json_shape",
        field=source.role,
        value=type(data).__name__,
        expected=expected,
        location="$",
    )
    return DataError([problem])
