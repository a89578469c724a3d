"""The centre CSV upload's rules (قواعد استيراد المراكز).

The file itself (UTF-8 CSV whose first row is exactly the 15 headers of
:data:`CENTER_CSV_COLUMNS`) is read by :func:`electoral.formats.smartelect.read_centers`,
which hands every record, numbered from 2, to :func:`import_center_rows`. The four
``*_name`` columns are ignored; ``copy_of_id`` is the original's centre id;
``center_type`` is the exact English or Arabic label.

A record whose cells are all empty is **blank** and skipped; a record with another
number of cells is a column-count error; otherwise the row creates a centre or updates
the undeleted centre with its id, and an identical row is a **duplicate**. Rows earlier
in the file are visible to later rows. The import is **all or nothing**: any error and
nothing is imported, with every error reported (:func:`center_csv_messages` renders
SmartElect's templates).

Deliberate difference: SmartElect refused **any** row naming an existing copy
centre, even an unchanged one, so a downloaded file with copy centres could not be
uploaded again. Here an unchanged copy-centre row is a duplicate; a changed one is
still refused (*"Copy centres are read-only."*), so a downloaded file re-imports
cleanly.

Sources: SmartElect ``register/utils.py``, ``register/forms.py``,
``register/views.py``, ``register/tests/test_center_csv.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> header = list(CENTER_CSV_COLUMNS)
>>> row = ["11001", "مدرسة", "", "", "1", "", "", "1", "1", "", "", "", "General", "", ""]
>>> result = import_center_rows([(2, row), (3, [""] * 15)], centers=[], office_ids={1},
...                             constituency_ids={1}, subconstituency_ids={1})
>>> result.message()
'Imported 1 new centers. Updated 0 centers. There were 0 duplicates skipped. Blank rows 1'
>>> try:
...     import_center_rows([(2, ["110A1"] + row[1:])], centers=[], office_ids={1},
...                        constituency_ids={1}, subconstituency_ids={1})
... except ValidationErrors as errors:
...     print(center_csv_messages(errors)[0])
Error in row 2. Field: center_id. Value: 110A1. Error: Enter a whole number.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import (
    InconsistentValue,
    InvalidFormat,
    Language,
    MissingValue,
    OutOfRange,
    ValidationError,
    ValidationErrors,
)
from electoral.model import MAX_COPIES, Center, CenterType

__all__ = [
    "CENTER_CSV_COLUMNS",
    "CenterImport",
    "center_csv_messages",
    "import_center_rows",
]

CENTER_CSV_COLUMNS: Final = (
    "center_id",
    "name",
    "copy_of_id",
    "region_name",
    "office_id",
    "office_name",
    "constituency_name",
    "constituency_id",
    "subconstituency_id",
    "subconstituency_name",
    "mahalla_name",
    "village_name",
    "center_type",
    "center_lat",
    "center_lon",
)
"""The 15 columns of the centre CSV, in order."""

_TYPES: Final = (
    CenterType.GENERAL,
    CenterType.DISPLACED,
    CenterType.OIL,
    CenterType.DISABILITY,
    CenterType.REVOLUTION,
    CenterType.COPY,
    CenterType.SPLIT,
)
_LABELS: Final = {t.label(lang): t for t in _TYPES for lang in ("en", "ar")}


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class CenterImport:
    """The outcome of a successful upload.

    Attributes:
        centers: every undeleted centre after the import, by centre id.
        created, updated, duplicates, blank: the counts SmartElect reports.
    """

    centers: Mapping[int, Center] = attrs.field(hash=False)
    created: int
    updated: int
    duplicates: int
    blank: int

    @guarded
    def message(self, language: Language = "en") -> str:
        """SmartElect's summary line."""
        from electoral.errors import MESSAGES

        template: str = getattr(MESSAGES["registration.csv.imported"], language)
        return template.format(
            created=self.created, updated=self.updated, dupes=self.duplicates, blank=self.blank
        )


class _Row:
    """Collects the errors of one record."""

    def __init__(self, line: int, values: dict[str, str]) -> None:
        self.line = line
        self.values = values
        self.errors: list[ValidationError] = []

    def field_error(
        self, cls: type[ValidationError], code: str, column: str, **params: Any
    ) -> None:
        error = cls(code, field=column, value=self.values[column], line_number=self.line, **params)
        self.errors.append(error.at(f"line {self.line}"))

    def general(self, cls: type[ValidationError], code: str, **params: Any) -> None:
        error = cls(code, value=None, line_number=self.line, **params)
        self.errors.append(error.at(f"line {self.line}"))

    def text(self, column: str, *, required: bool) -> str:
        value = self.values[column].strip()
        if required and not value:
            self.field_error(MissingValue, "registration.csv.required", column)
        elif "\n" in value or "\r" in value:
            self.field_error(InvalidFormat, "registration.csv.newline", column)
        elif len(value) > 255:
            self.field_error(
                InvalidFormat, "registration.csv.max_length", column, limit=255, length=len(value)
            )
        return value

    def integer(self, column: str, *, required: bool) -> int | None:
        value = self.values[column].strip()
        if not value:
            if required:
                self.field_error(MissingValue, "registration.csv.required", column)
            return None
        sign = value[1:] if value[:1] in "+-" else value
        if not (sign.isascii() and sign.isdigit()):
            self.field_error(InvalidFormat, "registration.csv.integer", column)
            return None
        return int(value)

    def known(self, column: str, value: int | None, ids: Collection[int], code: str) -> None:
        if value is not None and value not in ids:
            self.field_error(InconsistentValue, code, column)

    def coordinate(self, column: str, limit: int) -> Decimal | None:
        value = self.values[column].strip()
        if not value:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            self.field_error(InvalidFormat, "registration.csv.number", column)
            return None
        exponent = number.as_tuple().exponent
        assert isinstance(exponent, int)  # finite
        places = max(0, -exponent)
        if number != 0 and number.adjusted() >= 3:
            self.field_error(InvalidFormat, "registration.csv.digits_before_point", column)
            return None
        if places > 8:
            self.field_error(InvalidFormat, "registration.csv.decimal_places", column)
            return None
        if number > limit:
            self.field_error(OutOfRange, "registration.csv.max_value", column, limit=limit)
            return None
        if number < -limit:
            self.field_error(OutOfRange, "registration.csv.min_value", column, limit=-limit)
            return None
        return number


def columns_error(line: int) -> ValidationError:
    """SmartElect's column-count error for record ``line``."""
    return InvalidFormat(
        "registration.csv.columns",
        value=None,
        line_number=line,
        columns=", ".join(CENTER_CSV_COLUMNS),
    ).at(f"line {line}")


def failed_import(errors: Sequence[ValidationError]) -> ValidationErrors:
    """The group SmartElect's failed upload raises (*"Errors occurred ..."*)."""
    from electoral.errors import MESSAGES

    return ValidationErrors(MESSAGES["registration.csv.failed"].en, errors)


def _check_row(
    row: _Row,
    current: dict[int, Center],
    office_ids: Collection[int],
    constituency_ids: Collection[int],
    subconstituency_ids: Collection[int],
) -> Center | None:
    cid = row.integer("center_id", required=True)
    if cid is not None and cid > 99_999:
        row.field_error(OutOfRange, "registration.csv.max_value", "center_id", limit=99_999)
        cid = None
    elif cid is not None and cid < 10_000:
        row.field_error(OutOfRange, "registration.csv.min_value", "center_id", limit=10_000)
        cid = None
    name = row.text("name", required=True)
    copy_of = row.integer("copy_of_id", required=False)
    if copy_of is not None and copy_of not in current:
        row.field_error(InconsistentValue, "registration.csv.copy_unknown", "copy_of_id")
    office = row.integer("office_id", required=True)
    row.known("office_id", office, office_ids, "registration.csv.office")
    constituency = row.integer("constituency_id", required=True)
    row.known("constituency_id", constituency, constituency_ids, "registration.csv.constituency")
    sub = row.integer("subconstituency_id", required=True)
    row.known("subconstituency_id", sub, subconstituency_ids, "registration.csv.subconstituency")
    mahalla = row.text("mahalla_name", required=False)
    village = row.text("village_name", required=False)
    center_type = _LABELS.get(row.values["center_type"].strip())
    if center_type is None:
        row.field_error(InvalidFormat, "registration.csv.center_type", "center_type")
    lat = row.coordinate("center_lat", 90)
    lon = row.coordinate("center_lon", 180)
    if row.errors:
        return None
    assert cid is not None
    assert office is not None
    assert constituency is not None
    assert sub is not None
    assert center_type is not None
    if (lat is None) != (lon is None):
        row.general(InconsistentValue, "center.lat_lon_pair")
        return None
    existing = current.get(cid)
    fields = {
        "center_id": cid,
        "name_ar": name,
        "office_id": office,
        "constituency_id": constituency,
        "subconstituency_id": sub,
        "center_type": center_type,
        "copy_of": copy_of,
        "lat": lat,
        "lon": lon,
        "mahalla": mahalla,
        "village": village,
    }
    try:
        center = attrs.evolve(existing, **fields) if existing else Center(**fields)  # type: ignore[arg-type]
    except ValidationError as error:
        row.general(type(error), error.code, **error.params)
        return None
    if existing is not None and existing.is_copy:
        if center != existing:
            row.general(InconsistentValue, "registration.csv.copy_read_only")
            return None
        return center
    if existing is not None and center.is_copy:
        row.general(InconsistentValue, "registration.csv.to_copy")
        return None
    if center.copy_of is not None:
        original = current[center.copy_of]
        if original.is_copy:
            row.general(InconsistentValue, "center.copy_of_copy")
            return None
        copies = sum(
            1 for c in current.values() if c.copy_of == center.copy_of and c.center_id != cid
        )
        if copies >= MAX_COPIES:
            row.general(InconsistentValue, "center.too_many_copies", max_copies=MAX_COPIES)
            return None
    return center


@guarded
def import_center_rows(
    records: Iterable[tuple[int, Sequence[str]]],
    *,
    centers: Iterable[Center],
    office_ids: Collection[int],
    constituency_ids: Collection[int],
    subconstituency_ids: Collection[int],
) -> CenterImport:
    """Apply the records of a centre upload, all or nothing.

    Args:
        records: ``(row number, cells)`` of every record after the header, blank
            ones included, as :func:`electoral.formats.smartelect.read_centers`
            gives them (rows are numbered from 2, as SmartElect numbers them).
        centers: the undeleted centres already stored.
        office_ids, constituency_ids, subconstituency_ids: the undeleted ids that
            exist (include 999 and 998 where the system has them).

    Returns:
        The centres after the import and the counts.

    Raises:
        ValidationErrors: every bad row (located ``line N``); nothing is imported.
    """
    current = {center.center_id: center for center in centers}
    errors: list[ValidationError] = []
    created = updated = duplicates = blank = 0
    for line, record in records:
        if not any(cell.strip() for cell in record):
            blank += 1
            continue
        if len(record) != len(CENTER_CSV_COLUMNS):
            errors.append(columns_error(line))
            continue
        row = _Row(line, dict(zip(CENTER_CSV_COLUMNS, record, strict=True)))
        center = _check_row(row, current, office_ids, constituency_ids, subconstituency_ids)
        if center is None:
            errors.extend(row.errors)
            continue
        previous = current.get(center.center_id)
        if previous == center:
            duplicates += 1
        elif previous is None:
            created += 1
        else:
            updated += 1
        current[center.center_id] = center
    if errors:
        raise failed_import(errors)
    return CenterImport(
        centers=current, created=created, updated=updated, duplicates=duplicates, blank=blank
    )


@guarded
def center_csv_messages(errors: ValidationErrors, language: Language = "en") -> list[str]:
    """Render the errors of a failed upload with SmartElect's templates, in order."""
    from electoral.errors import MESSAGES

    lines = []
    for error in errors.errors:
        inner = error.message(language)
        line = error.params.get("line_number")
        if error.code == "registration.csv.columns" or line is None:
            lines.append(inner)
        elif error.field is None:
            lines.append(
                getattr(MESSAGES["registration.csv.row"], language).format(
                    line_number=line, error=inner
                )
            )
        else:
            lines.append(
                getattr(MESSAGES["registration.csv.row_field"], language).format(
                    line_number=line, field_name=error.field, text=error.value, error=inner
                )
            )
    return lines
