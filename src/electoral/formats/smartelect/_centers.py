"""Private: SmartElect's centre CSV, uploaded and downloaded.

Row 1 must be exactly the 15 headers of
:data:`~electoral.registration.CENTER_CSV_COLUMNS`, in order; then every record is
numbered from 2, as SmartElect numbers them, and handed to the registration chapter's
rules (:func:`~electoral.registration.import_center_rows`), all or nothing. The same
file read with its ``*_name`` cells kept (:func:`read_named_centers`) and written from
centres with their names (:func:`write_named_centers`) is ``electoral convert``'s
registration-system centres file: any name round-trips through it.

Sources: SmartElect ``register/utils.py`` (``update_center_table``),
``register/forms.py``, ``register/tests/test_center_csv.py`` and the files of
``register/tests/uploads/``
(SmartElect/SmartElect at commit ``d6d35f2``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

import attrs

from electoral._guard import guarded
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    Language,
    ValidationError,
    ValidationErrors,
    register_messages,
)
from electoral.formats._policy import (
    CsvFile,
    EveryId,
    Source,
    check_source,
    ids_of,
    items_of,
    mapping_of,
    open_lines,
    refuse_formula,
    write_csv,
)
from electoral.formats.tallyho._named_centers import (
    NamedCenter,
    NamedCenters,
    _safe,
    _text,
    region_label,
    region_value,
)
from electoral.model import Center, Constituency, Office, SubConstituency
from electoral.registration import CENTER_CSV_COLUMNS, CenterImport, import_center_rows
from electoral.registration._centers_csv import columns_error, failed_import

__all__ = ["read_centers", "read_named_centers", "write_centers", "write_named_centers"]

register_messages(
    {
        "registration.csv.duplicate_center": (
            "Centre {value} appears more than once.",
            "المركز {value} مكرر.",
        ),
    }
)

_TEXT: tuple[int, ...] = tuple(
    CENTER_CSV_COLUMNS.index(name) for name in ("name", "mahalla_name", "village_name")
)
_NAMES: tuple[int, ...] = tuple(
    CENTER_CSV_COLUMNS.index(name)
    for name in ("region_name", "office_name", "constituency_name", "subconstituency_name")
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
    records = _records(source, errors)
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


def _records(source: Source, errors: ErrorCollector) -> list[tuple[int, Sequence[str]]]:
    """The upload's records, numbered from 2 as SmartElect numbers them; the file's
    problems, and a formula in a centre's own text, go to ``errors``."""
    records: list[tuple[int, Sequence[str]]] = []
    try:
        with open_lines(source) as lines:
            table = CsvFile(lines, errors)
            if table.header and tuple(table.header) != CENTER_CSV_COLUMNS:
                raise failed_import([columns_error(1)])
            for number, (_, cells) in enumerate(table.records(), start=2):
                if len(cells) == len(CENTER_CSV_COLUMNS):
                    for index in _TEXT:
                        try:
                            refuse_formula(cells[index].strip(), CENTER_CSV_COLUMNS[index])
                        except ValidationError as error:
                            errors.add(error, f"line {number}")
                records.append((number, cells))
            table.finish()
    except ValidationError as error:
        errors.add(error)
    return records


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
        names = (
            office.region.label(language) if office else "",
            office.name(language) if office else "",
            con.name(language) if con else "",
            sub.name(language) if sub else "",
        )
        rows.append(_cells(center, names, language, str))
    return write_csv(CENTER_CSV_COLUMNS, rows)


def _cells(
    center: Center,
    names: tuple[str, str, str, str],
    language: Language,
    text: Callable[[str], str],
) -> tuple[object, ...]:
    """A centre's upload row; ``names`` are the region's, office's, constituency's and
    sub-constituency's, and every text cell goes through ``text``."""
    region, office, constituency, subconstituency = (text(name) for name in names)
    return (
        center.center_id,
        text(center.name_ar),
        center.copy_of,
        region,
        center.office_id,
        office,
        constituency,
        center.constituency_id,
        center.subconstituency_id,
        subconstituency,
        text(center.mahalla),
        text(center.village),
        center.center_type.label(language),
        center.lat,
        center.lon,
    )


@guarded
def read_named_centers(source: Source) -> NamedCenters:
    """Read a centre CSV for the centres and the names beside them, all or nothing.

    The file is the upload (:data:`~electoral.registration.CENTER_CSV_COLUMNS`) and
    every row is checked by the upload's rules, except that the office, constituency
    and sub-constituency ids are not checked against lists (the file alone has none;
    :func:`read_centers` checks them). Unlike an upload, a centre id may appear only
    once (the second row would replace the first and its names). The four ``*_name``
    columns are kept (:class:`~electoral.formats.tallyho.NamedCenter`): a region's
    name in English or Arabic, in any case, reads as its value (``west``). A text cell
    that :func:`write_named_centers` wrote with an apostrophe before a formula
    character is read without it. Lines are the records' numbers from 2, as SmartElect
    numbers them (blank rows are skipped, and counted).

    Raises:
        TypeError: ``source`` is not a source.
        ValidationErrors: every problem of the file and of every row, as
            :func:`read_centers` raises them, and ``registration.csv.duplicate_center``
            (a centre id twice, located at the second).

    >>> text = write_named_centers([NamedCenter(
    ...     center=Center(center_id=11001, name_ar="=مدرسة", office_id=1, constituency_id=2,
    ...                   subconstituency_id=3),
    ...     region_name="west", office_name="طرابلس")])
    >>> text.splitlines()[1]
    "11001,'=مدرسة,,الغرب,1,طرابلس,,2,3,,,,عام,,"
    >>> read = read_named_centers(text)
    >>> read.centers[0].center.name_ar, read.centers[0].region_name, read.lines
    ('=مدرسة', 'west', (2,))
    """
    check_source(source, "source")
    errors = ErrorCollector("centre upload")
    records = _records(source, errors)
    problems = list(errors.errors)
    seen: dict[int, int] = {}
    rows: list[tuple[int, int, Sequence[str]]] = []
    for number, cells in records:
        text = cells[0].strip() if len(cells) == len(CENTER_CSV_COLUMNS) else ""
        unsigned = text[1:] if text[:1] == "+" else text  # as the import reads it
        if not (unsigned.isascii() and unsigned.isdigit()):
            continue  # blank, or a problem the import reports
        center_id = int(unsigned)
        if center_id in seen:
            problems.append(
                InconsistentValue(
                    "registration.csv.duplicate_center", field="center_id", value=center_id,
                    first=f"line {seen[center_id]}",
                ).at(f"line {number}")
            )  # fmt: skip
        else:
            seen[center_id] = number
            rows.append((number, center_id, cells))
    every = EveryId()
    try:
        found = import_center_rows(
            records,
            centers=(),
            office_ids=every,
            constituency_ids=every,
            subconstituency_ids=every,
        ).centers
    except ValidationErrors as group:
        problems.extend(group.errors)
    if problems:
        raise failed_import(sorted(problems, key=_row))
    centers = []
    for _, center_id, cells in rows:
        center = found[center_id]
        region, office, constituency, subconstituency = (_text(cells[index]) for index in _NAMES)
        centers.append(
            NamedCenter(
                center=attrs.evolve(
                    center,
                    name_ar=_text(center.name_ar),
                    mahalla=_text(center.mahalla),
                    village=_text(center.village),
                ),
                region_name=region_value(region),
                office_name=office,
                constituency_name=constituency,
                subconstituency_name=subconstituency,
            )
        )
    return NamedCenters(centers=tuple(centers), lines=tuple(number for number, _, _ in rows))


@guarded
def write_named_centers(centers: Iterable[NamedCenter], *, language: Language = "ar") -> str:
    """Write centres with their names in the upload format, in the order given;
    :func:`read_named_centers` reads them back as the same centres with the same names.

    The region is written as its label in ``language`` (other text as it is) and
    ``center_type`` as the type's label; a text cell that a spreadsheet would run as a
    formula is written with a leading apostrophe (and a text that begins with
    apostrophes before such a character gets one more), which the reader takes off.
    The upload has no place for a centre's English name, ``reg_open`` or ``active``,
    and none for an out-of-country (SPECIAL) centre, whose type it refuses: a caller
    that must not lose them checks first (``electoral convert`` does).
    """
    if language not in ("en", "ar"):
        raise TypeError(f"language must be 'en' or 'ar', not {language!r}")
    rows = []
    for named in items_of(centers, NamedCenter, "centers"):
        names = (
            region_label(named.region_name, language),
            named.office_name,
            named.constituency_name,
            named.subconstituency_name,
        )
        rows.append(_cells(named.center, names, language, _safe))
    return write_csv(CENTER_CSV_COLUMNS, rows)
