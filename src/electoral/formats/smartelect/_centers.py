"""Private: SmartElect's centre CSV, uploaded and downloaded.

Row 1 must be exactly the 15 headers of
:data:`~electoral.registration.CENTER_CSV_COLUMNS`, in order; then every record is
numbered from 2, as SmartElect numbers them, and handed to the registration chapter's
rules (:func:`~electoral.registration.import_center_rows`), all or nothing.

Sources: SmartElect ``register/utils.py`` (``update_center_table``),
``register/forms.py``, ``register/tests/test_center_csv.py`` and the files of
``register/tests/uploads/``
(SmartElect/SmartElect at commit ``d6d35f2``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from electoral._guard import guarded
from electoral.errors import ErrorCollector, Language, ValidationError, ValidationErrors
from electoral.formats._policy import (
    CsvFile,
    Source,
    ids_of,
    items_of,
    mapping_of,
    open_lines,
    refuse_formula,
    write_csv,
)
from electoral.model import Center, Constituency, Office, SubConstituency
from electoral.registration import CENTER_CSV_COLUMNS, CenterImport, import_center_rows
from electoral.registration._centers_csv import columns_error, failed_import

__all__ = ["read_centers", "write_centers"]

_TEXT: tuple[int, ...] = tuple(
    CENTER_CSV_COLUMNS.index(name) for name in ("name", "mahalla_name", "village_name")
)


def read_centers(
    source: Source,
    *,
    centers: Iterable[Center],
    office_ids: Collection[int],
    constituency_ids: Collection[int],
    subconstituency_ids: Collection[int],
) -> CenterImport:
    """Read an uploaded centre CSV and import it, all or nothing.

    Args:
        source: the upload (a path, its text or bytes, or an open file).
        centers: the undeleted centres already stored.
        office_ids, constituency_ids, subconstituency_ids: the undeleted ids that
            exist (include 999 and 998 where the system has them).

    Returns:
        The centres after the import and SmartElect's counts.

    Raises:
        TypeError: ``source`` is not a source.
        ValidationErrors: every problem of the file and of every row; nothing is
            imported (:func:`~electoral.registration.center_csv_messages` renders
            them with SmartElect's templates).

    >>> from electoral.registration import center_csv_messages
    >>> header = ",".join(CENTER_CSV_COLUMNS)
    >>> data = header + "\\n11001,مدرسة,,,1,,,1,1,,,,General,,\\n\\n"
    >>> result = read_centers(data, centers=[], office_ids={1}, constituency_ids={1},
    ...                       subconstituency_ids={1})
    >>> result.message()
    'Imported 1 new centers. Updated 0 centers. There were 0 duplicates skipped. Blank rows 1'
    """
    centers = items_of(centers, Center, "centers")
    office_ids = ids_of(office_ids, "office_ids")
    constituency_ids = ids_of(constituency_ids, "constituency_ids")
    subconstituency_ids = ids_of(subconstituency_ids, "subconstituency_ids")
    errors = ErrorCollector("centre upload")
    records: list[tuple[int, Sequence[str]]] = []
    try:
        with open_lines(source) as lines:
            table = CsvFile(lines, errors)
            if table.header and tuple(table.header) != CENTER_CSV_COLUMNS:
                raise failed_import([columns_error(1)])
            for number, (line, cells) in enumerate(table.records(), start=2):
                if len(cells) == len(CENTER_CSV_COLUMNS):
                    for index in _TEXT:
                        try:
                            refuse_formula(cells[index].strip(), CENTER_CSV_COLUMNS[index])
                        except ValidationError as error:
                            errors.add(error, f"line {number}")
                records.append((number, cells))
                del line
            table.finish()
    except ValidationError as error:
        errors.add(error)
    problems = list(errors.errors)
    try:
        result = import_center_rows(
            records,
            centers=centers,
            office_ids=office_ids,
            constituency_ids=constituency_ids,
            subconstituency_ids=subconstituency_ids,
        )
    except ValidationErrors as group:
        problems.extend(group.errors)
    if problems:
        raise failed_import(sorted(problems, key=_row))
    return result


def _row(error: ValidationError) -> int:
    text = (error.location or "line 0").removeprefix("line ")
    return int(text) if text.isdigit() else 0


@guarded
def write_centers(
    centers: Iterable[Center],
    *,
    offices: Mapping[int, Office] | None = None,
    constituencies: Mapping[int, Constituency] | None = None,
    subconstituencies: Mapping[int, SubConstituency] | None = None,
    language: Language = "ar",
) -> str:
    """Write centres in the upload format (by centre id); empty values are ``""``.

    The ``*_name`` columns are filled from the mappings when given (they are ignored
    on upload); ``center_type`` is the label in ``language``. A downloaded file
    uploads again cleanly: every row is a duplicate.
    """
    offices = mapping_of(offices, Office, "offices")
    constituencies = mapping_of(constituencies, Constituency, "constituencies")
    subconstituencies = mapping_of(subconstituencies, SubConstituency, "subconstituencies")
    if language not in ("en", "ar"):
        raise TypeError(f"language must be 'en' or 'ar', not {language!r}")
    rows = []
    for center in sorted(items_of(centers, Center, "centers"), key=lambda c: c.center_id):
        office = offices.get(center.office_id)
        con = constituencies.get(center.constituency_id)
        sub = subconstituencies.get(center.subconstituency_id)
        rows.append(
            (
                center.center_id,
                center.name_ar,
                center.copy_of,
                office.region.label(language) if office else "",
                center.office_id,
                office.name(language) if office else "",
                con.name(language) if con else "",
                center.constituency_id,
                center.subconstituency_id,
                sub.name(language) if sub else "",
                center.mahalla,
                center.village,
                center.center_type.label(language),
                center.lat,
                center.lon,
            )
        )
    return write_csv(CENTER_CSV_COLUMNS, rows)
