"""Civil-registry records (السجل المدني): validation and the import safety limit.

A record of the Civil Registry Authority (CRA) has 14 columns, in this order:
``PERSON_ID, NAME, FATHER_NAME_AR, GRAND_FATHER_NAME_AR, FAM_NAME, MOTHER_NAME_AR,
GENDER, DATE_OF_BIRTH, ADDRESS, NATIONAL_ID, REGISTRY_NO, OFFICE_ID, BRANCH_ID,
STATE``. Each record is checked with the import form's rules: a syntactically valid
national id, a valid family book number, a ``day/month/year`` birth date (no zero
padding needed), a birth date not after today (*"Citizen hasn't been born yet"*),
gender 1 or 2, and the first national-id digit equal to the gender code. A batch is
all-or-nothing: every bad record is reported (``line N``) and none is kept.

A new dump is compared with the previous snapshot: **new**, **changed** and
**missing** citizens. A missing citizen is never deleted; it is marked missing at
the import time. The import is refused when ``(new + changed + missing) * 100 /
records_at_start`` exceeds the limit (default 0.5, meaning 0.5 %).

Sources: SmartElect ``civil_registry/forms.py``, ``civil_registry/utils.py``,
``civil_registry/parsing.py``, ``civil_registry/management/commands/
update_citizens_from_dump.py``, ``civil_registry/tests/test_import.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> import pendulum
>>> from electoral.model import TRIPOLI
>>> row = ["7", "محمد", "علي", "سالم", "الورفلي", "فاطمة", "1", "7/9/1969", "",
...        "119690261935", "4471", "0", "0", "0"]
>>> record = validate_registry_row(row, as_of=pendulum.datetime(2026, 1, 1, tz=TRIPOLI))
>>> record.birth_date, record.to_citizen().full_name
(Date(1969, 9, 7), 'محمد علي سالم الورفلي')
>>> as_of = pendulum.datetime(2026, 1, 1, tz=TRIPOLI)
>>> validate_registry_row(row[:6] + ["2"] + row[7:], as_of=as_of)
Traceback (most recent call last):
...
electoral.errors.ValidationErrors: 1 problem in registry record (1 sub-exception)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Final, NamedTuple

import attrs
import pendulum

from electoral._guard import check_fields, guarded, typed_fields
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    InvalidType,
    OutOfRange,
    ValidationError,
)
from electoral.ids import fbr as _fbr
from electoral.ids import national_id as _national_id
from electoral.model import Citizen, Gender
from electoral.registration._eligibility import local_date

__all__ = [
    "DEFAULT_MAX_CHANGE_PERCENT",
    "REGISTRY_COLUMNS",
    "RegistryRecord",
    "SnapshotDiff",
    "TooManyChanges",
    "apply_snapshot",
    "check_snapshot",
    "citizens_by_national_id",
    "compare_snapshots",
    "parse_birth_date",
    "validate_registry_row",
]

REGISTRY_COLUMNS: Final = (
    "PERSON_ID",
    "NAME",
    "FATHER_NAME_AR",
    "GRAND_FATHER_NAME_AR",
    "FAM_NAME",
    "MOTHER_NAME_AR",
    "GENDER",
    "DATE_OF_BIRTH",
    "ADDRESS",
    "NATIONAL_ID",
    "REGISTRY_NO",
    "OFFICE_ID",
    "BRANCH_ID",
    "STATE",
)
"""The CRA dump's columns, in order."""

DEFAULT_MAX_CHANGE_PERCENT: Final = Fraction(1, 2)
"""The import's safety limit in percent (``DEFAULT_MAX_CHANGE_PERCENT`` = 0.5)."""

_GENDERS: Final = {"1": Gender.MALE, "2": Gender.FEMALE}


class TooManyChanges(OutOfRange):
    """A registry import changes more records than the safety limit allows."""

    default_code = "registration.too_many_changes"


class _RegistryFields(NamedTuple):
    civil_registry_id: int
    first_name: str
    father_name: str
    grandfather_name: str
    family_name: str
    mother_name: str
    gender_code: int
    date_of_birth: dt.date
    address: str
    national_id: str
    fbr_number: str
    office_id: int
    branch_id: int
    state: int


class RegistryRecord(_RegistryFields):
    """One validated civil-registry record (a light tuple: millions are read at once).

    The fields are the CRA's columns, validated: ``gender_code`` is 1 (male) or 2
    (female) and ``date_of_birth`` a plain :class:`datetime.date`, so that the tuple
    holds only atomic values and is not tracked by the garbage collector; the
    :attr:`gender` and :attr:`birth_date` properties give the library's types.
    Build the library's noun with :meth:`to_citizen`. Each field is checked against
    its type (a count up to :data:`~electoral.model.MAX_COUNT`); the library's own
    readers, which have checked every field already, build records with ``_make``.
    """

    __slots__ = ()

    def __new__(
        cls,
        civil_registry_id: int,
        first_name: str,
        father_name: str,
        grandfather_name: str,
        family_name: str,
        mother_name: str,
        gender_code: int,
        date_of_birth: dt.date,
        address: str,
        national_id: str,
        fbr_number: str,
        office_id: int,
        branch_id: int,
        state: int,
    ) -> RegistryRecord:
        values = (
            civil_registry_id, first_name, father_name, grandfather_name, family_name,
            mother_name, gender_code, date_of_birth, address, national_id, fbr_number,
            office_id, branch_id, state,
        )  # fmt: skip
        check_fields(_RegistryFields, dict(zip(_RegistryFields._fields, values, strict=True)))
        return super().__new__(cls, *values)

    @property
    def gender(self) -> Gender:
        """Male for code 1, female for code 2."""
        return Gender.MALE if self.gender_code == 1 else Gender.FEMALE

    @property
    def birth_date(self) -> pendulum.Date:
        """The birth date as a :class:`pendulum.Date`."""
        born = self.date_of_birth
        return pendulum.Date(born.year, born.month, born.day)

    @guarded
    def to_citizen(self, *, missing_since: dt.datetime | None = None) -> Citizen:
        """The :class:`~electoral.model.Citizen` for this record."""
        return Citizen(
            civil_registry_id=self.civil_registry_id,
            national_id=self.national_id,
            fbr_number=self.fbr_number,
            first_name=self.first_name,
            father_name=self.father_name,
            grandfather_name=self.grandfather_name,
            family_name=self.family_name,
            mother_name=self.mother_name,
            birth_date=self.birth_date,
            gender=self.gender,
            address=self.address,
            missing_since=missing_since,
        )


@guarded
def parse_birth_date(text: str) -> pendulum.Date:
    """Parse a CRA ``day/month/year`` date; parts need no zero padding.

    >>> parse_birth_date("7/9/1969")
    Date(1969, 9, 7)
    >>> parse_birth_date("1969-09-07")
    Traceback (most recent call last):
    ...
    electoral.errors.InvalidFormat: Enter a valid date (day/month/year).
    """
    parts = text.strip().split("/")
    if len(parts) == 3 and all(p.isascii() and p.isdigit() and len(p) <= 4 for p in parts):
        day, month, year = int(parts[0]), int(parts[1]), int(parts[2])
        if len(parts[2]) == 4:
            try:
                return pendulum.Date(year, month, day)
            except ValueError:
                pass
    raise InvalidFormat("registration.registry.birth_date", field="birth_date", value=text)


_MAX_DIGITS: Final = 18
"""Longest number accepted in a numeric column (it fits a 64-bit integer)."""


def _integer(text: str, field: str, errors: list[ValidationError]) -> int:
    stripped = text.strip()
    if stripped.isascii() and stripped.lstrip("-").isdigit():
        if len(stripped.lstrip("-")) > _MAX_DIGITS:
            errors.append(
                OutOfRange(
                    "registration.registry.too_large",
                    field=field,
                    value=text,
                    digits=_MAX_DIGITS,
                    min_value=-(10**_MAX_DIGITS - 1),
                    max_value=10**_MAX_DIGITS - 1,
                )
            )
            return 0
        return int(stripped)
    errors.append(InvalidFormat("registration.registry.integer", field=field, value=text))
    return 0


def _name(text: str, field: str, errors: list[ValidationError]) -> str:
    value = text.strip()
    if len(value) > 255 or not value.isprintable():
        errors.append(InvalidFormat("registration.registry.name", field=field, value=text))
    return value


_DATE: Final = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_NAME_LIMIT: Final = 255
_NAME_COLUMNS: Final = (1, 2, 3, 4, 5)


def _strict_date(text: str) -> dt.date | None:
    """A strict ``d/m/yyyy`` date, or ``None``."""
    match = _DATE.fullmatch(text)
    if match is None:
        return None
    try:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


_SMALL: Final = {str(i): i for i in range(1000)}
_new: Final = tuple.__new__

FastPath = Callable[[Sequence[str]], "RegistryRecord | None"]
"""A row -> its record when the row is clean, else ``None`` (check it fully)."""


def _fast_path(today: dt.date) -> FastPath:
    """The common case of one batch, in one pass per row; ``None`` sends a row to the rules.

    It accepts exactly the rows that :func:`_validate` accepts with no problem and have
    plain ASCII digits, and returns the same record, checked against:

    * names: at most 255 printable characters once stripped; each distinct cell is
      checked once and kept (``names``: cell -> stripped name, one string object per
      name, so a register of millions shares its few thousand names);
    * the birth date: a strict ``d/m/yyyy`` date not after ``today``; each distinct
      cell is checked once (``dates``);
    * ``OFFICE_ID``, ``BRANCH_ID``, ``STATE``: 0 to 999 written plainly (``_SMALL``);
    * ``PERSON_ID`` (1 to 18 digits), the national id (12 digits, the first equal
      to the gender code, 1 or 2) and the family book number (1 to 20 characters:
      ASCII digits, after ASCII letters or not).

    The caches live as long as the returned function (one batch or one stream).
    """
    names: dict[str, str] = {}
    dates: dict[str, dt.date] = {}
    name_of, date_of, small = names.get, dates.get, _SMALL.get
    book = _fbr._PATTERN.fullmatch  # the compact shape: ASCII letters or none, then digits

    def learn(row: Sequence[str]) -> bool:
        """Check and remember the row's new names and date; ``False`` if one is bad."""
        for index in _NAME_COLUMNS:
            cell = row[index]
            if cell not in names:
                value = cell.strip()
                if len(value) > _NAME_LIMIT or not value.isprintable():
                    return False
                names[cell] = names.setdefault(value, value)
        cell = row[7]
        if cell not in dates:
            born = _strict_date(cell)
            if born is None or born > today:
                return False
            dates[cell] = born
        return True

    def fast(row: Sequence[str]) -> RegistryRecord | None:
        (pid, first, father, grand, family, mother, code, born, address, nid, fbr,
         office, branch, state) = row  # fmt: skip
        birth = date_of(born)
        first_name, father_name, grand_name = name_of(first), name_of(father), name_of(grand)
        family_name, mother_name = name_of(family), name_of(mother)
        if (
            birth is None
            or first_name is None
            or father_name is None
            or grand_name is None
            or family_name is None
            or mother_name is None
        ):
            return fast(row) if learn(row) else None
        office_id, branch_id, state_id = small(office), small(branch), small(state)
        digits = pid + nid
        if not (
            digits.isdigit()
            and digits.isascii()
            and (code == "1" or code == "2")
            and len(nid) == 12
            and nid[0] == code
            and 0 < len(pid) <= _MAX_DIGITS
            and office_id is not None
            and branch_id is not None
            and state_id is not None
            and 0 < len(fbr) <= _fbr.MAX_LENGTH
            and ((fbr.isdigit() and fbr.isascii()) or book(fbr) is not None)
        ):
            return None
        values = (int(pid), first_name, father_name, grand_name, family_name, mother_name,
                  1 if code == "1" else 2, birth, address.strip(), nid, fbr, office_id,
                  branch_id, state_id)  # fmt: skip
        return _new(RegistryRecord, values)

    return fast


def _validate(row: Sequence[str], today: dt.date) -> RegistryRecord:
    if isinstance(row, str | bytes) or not isinstance(row, Sequence):
        raise InvalidType("registration.registry.row", value=row)
    if any(type(cell) is not str for cell in row):
        raise InvalidType("registration.registry.row", value=list(row))
    if len(row) != len(REGISTRY_COLUMNS):
        raise InvalidFormat(
            "registration.registry.columns",
            value=len(row),
            expected=len(REGISTRY_COLUMNS),
            count=len(row),
        )
    errors: list[ValidationError] = []
    person_id = _integer(row[0], "civil_registry_id", errors)
    names = [
        _name(row[i], field, errors)
        for i, field in (
            (1, "first_name"),
            (2, "father_name"),
            (3, "grandfather_name"),
            (4, "family_name"),
            (5, "mother_name"),
        )
    ]
    gender = _GENDERS.get(row[6].strip())
    if gender is None:
        errors.append(InvalidFormat("registration.registry.gender", field="gender", value=row[6]))
    birth = pendulum.Date(1900, 1, 1)
    try:
        birth = parse_birth_date(row[7])
    except ValidationError as error:
        errors.append(error)
    else:
        if birth > today:
            errors.append(
                OutOfRange("registration.registry.not_born_yet", field="birth_date", value=row[7])
            )
    nid = row[9].strip()
    if not (len(nid) == 12 and nid.isascii() and nid.isdigit() and nid[0] in "12"):
        try:
            nid = _national_id.validate(nid)
        except ValidationError:
            errors.append(
                InvalidFormat(
                    "registration.registry.national_id", field="national_id", value=row[9]
                )
            )
            nid = ""
    fbr = row[10].strip()
    if not (fbr.isascii() and fbr.isdigit() and len(fbr) <= _fbr.MAX_LENGTH):
        try:
            fbr = _fbr.validate(fbr)
        except ValidationError as error:
            error.value = row[10]
            errors.append(error)
    if nid and gender is not None and _GENDERS[nid[0]] is not gender:
        errors.append(
            InconsistentValue(
                "registration.registry.gender_mismatch", field="gender", value=row[6]
            )
        )
    office = _integer(row[11], "office_id", errors) if row[11].strip() else 0
    branch = _integer(row[12], "branch_id", errors) if row[12].strip() else 0
    state = _integer(row[13], "state", errors) if row[13].strip() else 0
    if errors:
        collector = ErrorCollector("registry record")
        collector.extend(errors)
        collector.raise_if_any()
    assert gender is not None  # an error was raised above otherwise
    return RegistryRecord._make(
        (
            person_id,
            names[0],
            names[1],
            names[2],
            names[3],
            names[4],
            1 if gender is Gender.MALE else 2,
            dt.date(birth.year, birth.month, birth.day),
            row[8].strip(),
            nid,
            fbr,
            office,
            branch,
            state,
        )
    )


def _today(as_of: dt.datetime) -> dt.date:
    day = local_date(as_of)
    return dt.date(day.year, day.month, day.day)


@guarded
def validate_registry_row(row: Sequence[str], *, as_of: dt.datetime) -> RegistryRecord:
    """Validate one 14-column CRA record, reporting every problem in it.

    Args:
        row: the 14 values, as text.
        as_of: the import time; "today" is its day in Tripoli.

    Raises:
        InvalidFormat: ``registration.registry.columns``, not 14 values.
        ValidationErrors: every problem of the record (national id, FBR, dates,
            gender, names).
    """
    return _validate(row, _today(as_of))


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class SnapshotDiff:
    """How a new registry dump differs from the previous snapshot (by ``PERSON_ID``).

    Attributes:
        new: ids in the new dump only.
        changed: ids whose record differs (a missing citizen who reappears counts).
        missing: ids present before (and not already missing) but absent now.
        records_at_start: the size of the previous snapshot.
    """

    new: frozenset[int]
    changed: frozenset[int]
    missing: frozenset[int]
    records_at_start: int

    @property
    def change_count(self) -> int:
        """new + changed + missing."""
        return len(self.new) + len(self.changed) + len(self.missing)

    @property
    def change_percent(self) -> Fraction:
        """``change_count * 100 / records_at_start`` (0 for a first import)."""
        if self.records_at_start == 0:
            return Fraction(0)
        return Fraction(self.change_count * 100, self.records_at_start)


def _same(old: Citizen, new: Citizen) -> bool:
    return attrs.evolve(old, missing_since=None, blocked=False) == attrs.evolve(
        new, missing_since=None, blocked=False
    )


@guarded
def compare_snapshots(old: Iterable[Citizen], new: Iterable[Citizen]) -> SnapshotDiff:
    """Compare two snapshots keyed by ``civil_registry_id``.

    ``blocked`` is local HNEC data, not registry data, so it is not compared.

    >>> import pendulum
    >>> def c(i, name):
    ...     return Citizen(civil_registry_id=i, national_id=f"1{i:011d}", fbr_number="1",
    ...                    first_name=name, father_name="", grandfather_name="", family_name="",
    ...                    birth_date=pendulum.date(1980, 1, 1), gender=Gender.MALE)
    >>> d = compare_snapshots([c(1, "أ"), c(2, "ب"), c(3, "ج")], [c(1, "أ"), c(2, "د")])
    >>> sorted(d.changed), sorted(d.missing), d.change_percent
    ([2], [3], Fraction(200, 3))
    """
    before = {citizen.civil_registry_id: citizen for citizen in old}
    after = {citizen.civil_registry_id: citizen for citizen in new}
    new_ids = frozenset(after.keys() - before.keys())
    changed = frozenset(
        key
        for key in after.keys() & before.keys()
        if before[key].missing_since is not None or not _same(before[key], after[key])
    )
    missing = frozenset(
        key for key in before.keys() - after.keys() if before[key].missing_since is None
    )
    return SnapshotDiff(
        new=new_ids, changed=changed, missing=missing, records_at_start=len(before)
    )


def _two_places(value: Fraction) -> str:
    """A percentage for messages: at most two decimal places, exact (no float)."""
    hundredths = round(value * 100)
    whole, part = divmod(abs(hundredths), 100)
    sign = "-" if hundredths < 0 else ""
    return f"{sign}{whole}.{part:02d}".rstrip("0").rstrip(".")


@guarded
def check_snapshot(
    old: Iterable[Citizen],
    new: Iterable[Citizen],
    *,
    max_change_percent: Fraction | int = DEFAULT_MAX_CHANGE_PERCENT,
) -> SnapshotDiff:
    """Compare, and refuse the import when the change exceeds ``max_change_percent``.

    The test is strictly greater: exactly at the limit passes.

    Raises:
        TooManyChanges: ``registration.too_many_changes``.
    """
    diff = compare_snapshots(old, new)
    percent = diff.change_percent
    if percent > max_change_percent:
        raise TooManyChanges(
            field="max_change_percent",
            value=percent,
            changed=diff.change_count,
            total=diff.records_at_start,
            percent=_two_places(percent),
            limit=_two_places(Fraction(max_change_percent)),
            min_value=0,
            max_value=max_change_percent,
        )
    return diff


@guarded
def apply_snapshot(
    old: Iterable[Citizen],
    new: Iterable[Citizen],
    *,
    as_of: dt.datetime,
    max_change_percent: Fraction | int = DEFAULT_MAX_CHANGE_PERCENT,
) -> tuple[dict[int, Citizen], SnapshotDiff]:
    """Mirror a new dump onto the previous snapshot, after the safety check.

    New and changed records take the new data (keeping the local ``blocked`` flag);
    absent records are kept and marked ``missing_since = as_of``; records present
    again lose their missing mark.

    Returns:
        The resulting snapshot by ``civil_registry_id``, and the diff.

    Raises:
        TooManyChanges: nothing is applied.
    """
    before = {citizen.civil_registry_id: citizen for citizen in old}
    after = {citizen.civil_registry_id: citizen for citizen in new}
    local_date(as_of)  # refuses a naive time before anything else
    diff = check_snapshot(before.values(), after.values(), max_change_percent=max_change_percent)
    moment = pendulum.instance(as_of)
    result: dict[int, Citizen] = {}
    for key, citizen in after.items():
        previous = before.get(key)
        blocked = previous.blocked if previous is not None else citizen.blocked
        result[key] = attrs.evolve(citizen, blocked=blocked, missing_since=None)
    for key, citizen in before.items():
        if key not in after:
            result[key] = (
                citizen
                if citizen.missing_since is not None
                else attrs.evolve(citizen, missing_since=moment)
            )
    return result, diff


@guarded
def citizens_by_national_id(citizens: Mapping[int, Citizen]) -> dict[str, Citizen]:
    """Index the citizens that are not missing by national id (the lookup's view)."""
    return {c.national_id: c for c in citizens.values() if c.missing_since is None}
