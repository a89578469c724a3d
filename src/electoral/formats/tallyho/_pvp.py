"""Private: Tally-Ho's PVP (Preliminary Vote Protocol) bundle, read and written.

A bundle is a zip holding ``candidate_results.csv`` (one row per submission per
candidate) and ``media/<images>``. Reading is all or nothing: every problem (an
unreadable zip, no CSV, missing columns, a cell that is not a whole number, a
barcode in two submissions, a candidate twice in one submission, rounds that differ
or are missing, an image name with path syntax) is raised at once and no
submission is returned. The rules that import a bundle are in
:mod:`electoral.results`.

Deliberate differences from Tally-Ho (``libs/pvp/bundle.py``): rows with an empty
``meta-instanceID`` are not dropped silently (they are grouped by barcode, and the
import skips them as ``required_fields``); a candidate twice in one submission and a
negative number are refused; numbers are ASCII digits (Tally-Ho's ``int()`` also
took ``+5`` and Arabic-Indic digits); a candidate id is a whole number (Tally-Ho
kept it as text and failed later, at the database lookup).

Sources: Tally-Ho ``libs/pvp/bundle.py``, ``libs/tests/pvp/test_bundle.py``
(onaio/tally-ho at commit ``acbe4f4``).
"""

from __future__ import annotations

import io
import os
import pathlib
import zipfile
from collections.abc import Iterable, Mapping
from typing import IO, Any, Final

from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    MissingValue,
    OutOfRange,
    ValidationError,
)
from electoral.formats._policy import (
    CsvFile,
    Source,
    digits,
    items_of,
    mapping_of,
    one_of,
    open_lines,
    refuse_formula,
    write_csv,
)
from electoral.results import PvpBundle, PvpCandidate, PvpSubmission
from electoral.results._pvp import IMAGE_COLUMNS, RECON_PARTS

__all__ = [
    "CSV_NAME",
    "MEDIA_DIR",
    "PVP_BUNDLE_COLUMNS",
    "RECON_COLUMNS",
    "pvp_results_csv_example",
    "read_pvp_bundle",
    "read_pvp_results",
    "recon_column",
    "write_pvp_bundle",
    "write_pvp_results",
]

CSV_NAME: Final = "candidate_results.csv"
MEDIA_DIR: Final = "media"


def recon_column(round_number: int, part: str) -> str:
    """The bundle column of one reconciliation field of one round."""
    return f"reconciliation_r{round_number}-{part}_r{round_number}"


RECON_COLUMNS: Final = tuple(recon_column(n, p) for n in (1, 2) for p in RECON_PARTS)
PVP_BUNDLE_COLUMNS: Final = (
    "meta-instanceID",
    "barcode",
    "ballot_number",
    "candidate_id",
    "candidate_order",
    "candidate_result_round1",
    "candidate_result_round2",
    "xml_form_id",
    "staff_user_name",
    *RECON_COLUMNS,
    *IMAGE_COLUMNS,
)
"""The required columns of ``candidate_results.csv``, in the order the writer uses."""


# --------------------------------------------------------------------------- reading


def _cell_int(text: str, field: str) -> int | None:
    if not text:
        return None
    number = digits(text, field, code="results.pvp.integer", negative=True)
    if number < 0:
        raise OutOfRange("results.pvp.negative", field=field, value=number)
    return number


def _image(text: str, field: str) -> str | None:
    if not text:
        return None
    refuse_formula(text, field)
    if "/" in text or "\\" in text or ".." in text:
        raise InvalidFormat("results.pvp.unsafe_image", field=field, value=text)
    return text


def _row(line: int, row: Mapping[str, str], errors: ErrorCollector) -> dict[str, Any] | None:
    """One CSV row's cells, typed; every problem goes to ``errors``.

    A bad cell reads as empty and its column is listed under ``"_bad"``, so the
    row's other checks still run; ``None`` when the row has no usable candidate id.
    """
    out: dict[str, Any] = {}
    bad: set[str] = set()
    numeric = ("ballot_number", "candidate_id", "candidate_order", "candidate_result_round1",
               "candidate_result_round2", *RECON_COLUMNS)  # fmt: skip
    for name in PVP_BUNDLE_COLUMNS:
        cell = (row.get(name) or "").strip()
        try:
            if name in numeric:
                out[name] = _cell_int(cell, name)
            elif name in IMAGE_COLUMNS:
                out[name] = _image(cell, name)
            else:
                out[name] = refuse_formula(cell, name)
        except ValidationError as error:
            errors.add(error, f"line {line}")
            out[name] = None
            bad.add(name)
    if out["candidate_id"] is None:
        if "candidate_id" not in bad:
            errors.add(MissingValue(field="candidate_id", value=""), f"line {line}")
        return None
    out["_bad"] = bad
    return out


def read_pvp_results(source: Source, *, media: Iterable[str] | None = None) -> PvpBundle:
    """Read ``candidate_results.csv`` (one row per submission per candidate).

    Args:
        source: the CSV (a path, its text or bytes, or an open file).
        media: the file names present under ``media/``; ``None`` when unknown
            (then no image is listed as missing).

    Raises:
        TypeError: ``source`` is not a source.
        ValidationErrors: every bundle-level problem at once, with locations
            ``line N`` (the header is line 1) or ``barcode B``.

    >>> bundle = read_pvp_results(pvp_results_csv_example())
    >>> [(s.barcode, [c.round2 for c in s.candidates]) for s in bundle.submissions]
    [('31001001117', [10, 20, 30])]
    >>> read_pvp_results(pvp_results_csv_example().replace(",20,20,", ",20,21,"))
    Traceback (most recent call last):
    ...
    electoral.errors.ValidationErrors: 1 problem in PVP bundle (1 sub-exception)
    """
    if media is not None:
        media = items_of(media, str, "media")
    errors = ErrorCollector("PVP bundle")
    table: list[tuple[int, dict[str, str]]] = []
    try:
        with open_lines(source) as lines:
            csv_file = CsvFile(lines, errors)
            missing = csv_file.missing(PVP_BUNDLE_COLUMNS)
            if missing and not errors:
                columns = ", ".join(missing)
                errors.add(
                    MissingValue("results.pvp.missing_columns", field=columns, columns=columns),
                    "line 1",
                )
            table.extend(csv_file.dicts())
            csv_file.finish()
    except ValidationError as error:
        errors.add(error)
    if not table:
        errors.raise_if_any()
    return _bundle(table, errors, media)


def _bundle(
    table: list[tuple[int, dict[str, str]]],
    errors: ErrorCollector,
    media: Iterable[str] | None,
) -> PvpBundle:
    groups: dict[tuple[str, str], list[tuple[int, dict[str, Any]]]] = {}
    for line, raw in table:
        row = _row(line, raw, errors)
        if row is None:
            continue
        instance = row["meta-instanceID"]
        key = (instance, "" if instance else row["barcode"])
        groups.setdefault(key, []).append((line, row))
    submissions: list[PvpSubmission] = []
    instances: dict[str, list[str]] = {}
    for (instance, _), group in groups.items():
        _, first = group[0]
        seen: set[int] = set()
        candidates = []
        for line, row in group:
            candidate = PvpCandidate(
                candidate_id=row["candidate_id"],
                order=row["candidate_order"] or 0,
                round1=row["candidate_result_round1"],
                round2=row["candidate_result_round2"],
            )
            if candidate.candidate_id in seen:
                errors.add(
                    InconsistentValue(
                        "results.pvp.duplicate_candidate",
                        field="candidate_id",
                        value=candidate.candidate_id,
                        instance=instance,
                    ),
                    f"line {line}",
                )
            seen.add(candidate.candidate_id)
            checked = not {"candidate_result_round1", "candidate_result_round2"} & row["_bad"]
            if checked and not candidate.rounds_agree:
                errors.add(
                    InconsistentValue(
                        "results.pvp.rounds_differ",
                        field="candidate_result_round2",
                        value=(candidate.round1, candidate.round2),
                        candidate=candidate.candidate_id,
                        barcode=first["barcode"],
                        round1="none" if candidate.round1 is None else candidate.round1,
                        round2="none" if candidate.round2 is None else candidate.round2,
                    ),
                    f"line {line}",
                )
            candidates.append(candidate)
        submission = PvpSubmission(
            instance_id=instance,
            form_id=first["xml_form_id"],
            barcode=first["barcode"],
            ballot_number=first["ballot_number"],
            staff_user_name=first["staff_user_name"],
            candidates=candidates,
            recon_r1=[first[recon_column(1, p)] for p in RECON_PARTS],
            recon_r2=[first[recon_column(2, p)] for p in RECON_PARTS],
            images=[(c, first[c]) for c in IMAGE_COLUMNS],
        )
        submissions.append(submission)
        if submission.barcode:
            instances.setdefault(submission.barcode, []).append(instance)
    repeated = sorted(b for b, ids in instances.items() if len(ids) > 1)
    if repeated:
        errors.add(
            InconsistentValue(
                "results.pvp.duplicate_barcodes",
                field="barcode",
                value=repeated,
                items=", ".join(repeated),
            )
        )
    errors.raise_if_any()
    missing_images: tuple[str, ...] = ()
    if media is not None:
        present = set(media)
        referenced = {name for s in submissions for _, name in s.images if name}
        missing_images = tuple(sorted(referenced - present))
    return PvpBundle(submissions=submissions, missing_images=missing_images)


def _zip_error(error: Exception) -> ValidationError:
    reason = str(error) or type(error).__name__
    return InvalidFormat("results.pvp.bad_zip", value=None, reason=reason)


_ZIP_ERRORS: Final = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


def read_pvp_bundle(source: bytes | os.PathLike[str] | IO[bytes]) -> PvpBundle:
    """Read a PVP bundle: a zip with ``candidate_results.csv`` and ``media/<images>``.

    Raises:
        TypeError: ``source`` is not bytes, a path or a binary file.
        ValidationErrors: ``results.pvp.bad_zip``, ``results.pvp.missing_csv``,
            or every problem :func:`read_pvp_results` finds; no submission is
            returned from a bundle with any problem.
    """
    if isinstance(source, str) or not (
        isinstance(source, bytes | bytearray | os.PathLike) or hasattr(source, "read")
    ):
        raise TypeError(
            f"source must be the bundle's bytes, a path or a binary file, "
            f"not {type(source).__name__}"
        )
    errors = ErrorCollector("PVP bundle")
    if isinstance(source, os.PathLike):
        path = pathlib.Path(source)
        if not path.is_file():
            errors.add(
                MissingValue("formats.file.missing", value=str(path))
                if not path.exists()
                else InvalidFormat("formats.file.directory", value=str(path))
            )
            errors.raise_if_any()
    data: Any = io.BytesIO(bytes(source)) if isinstance(source, bytes | bytearray) else source
    try:
        with zipfile.ZipFile(data) as archive:
            names = archive.namelist()
            if CSV_NAME not in names:
                errors.add(MissingValue("results.pvp.missing_csv", field=CSV_NAME))
                errors.raise_if_any()
            prefix = MEDIA_DIR + "/"
            media = [
                n[len(prefix) :] for n in names if n.startswith(prefix) and not n.endswith("/")
            ]
            with archive.open(CSV_NAME) as member:
                return read_pvp_results(_Member(member), media=media)
    except _ZIP_ERRORS as error:
        errors.add(_zip_error(error))
    errors.raise_if_any()
    raise AssertionError("unreachable")  # pragma: no cover


class _Member:
    """A zip member read through the policy; a broken archive is a typed error."""

    def __init__(self, member: IO[bytes]) -> None:
        self._member = member

    def read(self, size: int = -1, /) -> bytes:
        try:
            return self._member.read(size)
        except _ZIP_ERRORS as error:
            raise _zip_error(error) from None


def write_pvp_results(bundle: PvpBundle) -> str:
    """``candidate_results.csv`` for ``bundle`` (:func:`read_pvp_results` reads it back)."""
    one_of(bundle, PvpBundle, "bundle")
    out: list[list[object]] = []
    for s in bundle.submissions:
        images = dict(s.images)
        for c in s.candidates:
            row: list[object] = [
                s.instance_id,
                s.barcode,
                s.ballot_number,
                c.candidate_id,
                c.order,
                c.round1,
                c.round2,
                s.form_id,
                s.staff_user_name,
                *s.recon_r1,
                *s.recon_r2,
                *(images.get(col) for col in IMAGE_COLUMNS),
            ]
            out.append(row)
    return write_csv(PVP_BUNDLE_COLUMNS, out)


def write_pvp_bundle(bundle: PvpBundle, media: Mapping[str, bytes] | None = None) -> bytes:
    """The zip of ``bundle`` with the given image files under ``media/``."""
    files = mapping_of(media, bytes, "media")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(CSV_NAME, write_pvp_results(bundle))
        for name, content in sorted(files.items()):
            archive.writestr(f"{MEDIA_DIR}/{name}", content)
    return out.getvalue()


def pvp_results_csv_example() -> str:
    """A one-submission ``candidate_results.csv`` for the demo form 31001001117."""
    recon = "5,70,60,5,65"
    rows = [
        f"uuid:demo-1,31001001117,117,{cid},{cid},{votes},{votes},results_117,clerk,"
        f"{recon},{recon},sig.jpg,p1.jpg,p2.jpg"
        for cid, votes in ((1, 10), (2, 20), (3, 30))
    ]
    return "\n".join([",".join(PVP_BUNDLE_COLUMNS), *rows]) + "\n"
