"""Operators' rules (قواعد التشغيل): roll-job names and centre lists, bulk SMS files, help desk.

* **Roll-job names** (:func:`validate_job_name`): 1 to 200 characters, not starting
  with ``.``, without ``/`` or ``\\``, and unique. The command line names a job
  ``YYYY-MM-DD.HH-MM-SS-ffffff-<user>`` (:func:`default_job_name`).
* **Centre-ID lists** for a roll job (:func:`parse_center_id_list`): comma-separated;
  each id must be exactly 5 characters, an integer, and a known centre, otherwise
  *"These ids are invalid: …"*.
* **Bulk SMS uploads** (:func:`bulk_sms_messages`): CSV rows ``number,message``;
  each number a valid canonical phone number (*"Unable to parse number {number} as a
  phone number on row {n}"*), each message non-empty (*"Message is blank on row
  {n}"*).
* **Help desk.** Field staff identify themselves with a 3-digit staff id (100–999)
  that must belong to an active (not suspended) staff member whose phone is the
  caller's (:func:`check_field_staff`); recorded call durations are capped at 1 hour
  (:func:`call_duration`).
* **Bulk change budgets** (:func:`set_remaining_changes`, the
  ``set_remaining_changes`` command): ``zero`` sets the change count to the budget,
  ``one`` to the budget − 1, ``max`` to 0.

Sources: SmartElect ``rollgen/forms.py``, ``rollgen/utils.py``,
``rollgen/management/commands/generate_rolls.py``, ``bulk_sms/utils.py``,
``help_desk/models.py``, ``help_desk/forms.py``,
``register/management/commands/set_remaining_changes.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> validate_job_name("2014-06-01 polling", existing=[])
'2014-06-01 polling'
>>> parse_center_id_list("11001, 11002", known=[11001, 11002])
(11001, 11002)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Collection, Iterable, Sequence
from typing import Final

import attrs
import pendulum

from electoral._guard import guarded, typed_fields
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    MissingValue,
    OutOfRange,
    ValidationError,
)
from electoral.ids import phone as _phone
from electoral.registration import _common as c
from electoral.registration._roll import Registration

__all__ = [
    "MAX_CALL_DURATION",
    "MAX_JOB_NAME_LENGTH",
    "BudgetMode",
    "StaffMember",
    "bulk_sms_messages",
    "call_duration",
    "check_field_staff",
    "default_job_name",
    "parse_center_id_list",
    "set_remaining_changes",
    "validate_job_name",
]

MAX_JOB_NAME_LENGTH: Final = 200
"""Longest roll-job name."""
MAX_CALL_DURATION: Final = pendulum.duration(hours=1)
"""Recorded help-desk call durations are capped at this."""


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidType(field=field, value=value)
    return value


@guarded
def validate_job_name(name: str, *, existing: Collection[str]) -> str:
    """Check a roll-job name (``rollgen/forms.py``).

    Raises:
        InvalidType: not ``str``.
        InvalidLength: ``registration.job_name.length``, empty or over 200 characters.
        InvalidFormat: ``registration.job_name.dot`` or ``registration.job_name.slash``.
        InconsistentValue: ``registration.job_name.duplicate``, the name is taken.

    >>> validate_job_name("../etc", existing=[])
    Traceback (most recent call last):
    ...
    electoral.errors.InvalidFormat: A job name must not start with a period.
    """
    _text(name, "name")
    if not 1 <= len(name) <= MAX_JOB_NAME_LENGTH:
        raise InvalidLength(
            "registration.job_name.length", field="name", value=name, maximum=MAX_JOB_NAME_LENGTH
        )
    if name.startswith("."):
        raise InvalidFormat("registration.job_name.dot", field="name", value=name)
    if "/" in name or "\\" in name:
        raise InvalidFormat("registration.job_name.slash", field="name", value=name)
    if name in existing:
        raise InconsistentValue("registration.job_name.duplicate", field="name", value=name)
    return name


@guarded
def default_job_name(now: dt.datetime, user: str) -> str:
    """The command line's job name, ``YYYY-MM-DD.HH-MM-SS-ffffff-<user>`` (Tripoli time).

    >>> import pendulum
    >>> default_job_name(pendulum.datetime(2014, 6, 1, 9, 5, 7, 120, tz="UTC"), "admin")
    '2014-06-01.11-05-07-000120-admin'
    """
    moment = c.aware(now, "now")
    _text(user, "user")
    return moment.strftime("%Y-%m-%d.%H-%M-%S-%f") + "-" + user


@guarded
def parse_center_id_list(text: str, *, known: Iterable[int]) -> tuple[int, ...]:
    """Read a comma-separated list of centre ids for a roll job.

    Each id, stripped, must be exactly 5 characters, an integer, and one of
    ``known`` (the undeleted centres); empty items (a trailing comma) are skipped.

    Raises:
        MissingValue: no id at all.
        InvalidFormat: ``registration.center_list.invalid``, *"These ids are
            invalid: …"*, naming every bad id.

    >>> parse_center_id_list("11001,1100,abcde,99999", known=[11001])
    Traceback (most recent call last):
    ...
    electoral.errors.InvalidFormat: These ids are invalid: 1100, abcde, 99999
    """
    ids = [item.strip() for item in _text(text, "center_ids").split(",")]
    ids = [item for item in ids if item]
    if not ids:
        raise MissingValue(field="center_ids", value=text)
    valid = set(known)
    bad = [
        item
        for item in ids
        if not (len(item) == 5 and item.isascii() and item.isdigit() and int(item) in valid)
    ]
    if bad:
        raise InvalidFormat(
            "registration.center_list.invalid", field="center_ids", value=bad, ids=", ".join(bad)
        )
    return tuple(int(item) for item in ids)


@guarded
def bulk_sms_messages(records: Iterable[tuple[int, Sequence[str]]]) -> list[tuple[str, str]]:
    """The messages of a bulk SMS upload's records (``number,message``), all or nothing.

    The file is read by :func:`electoral.formats.smartelect.read_bulk_sms`; this is
    the rule, over its CSV records numbered from 1. A first record reading
    ``number,message`` is a header and is skipped; blank records are skipped.
    Numbers are canonicalised and validated (:func:`electoral.ids.phone.validate`).

    Raises:
        ValidationErrors: ``registration.bulk_sms.number``,
            ``registration.bulk_sms.blank`` or ``registration.bulk_sms.columns``,
            each at ``row N``.

    >>> bulk_sms_messages([(1, ["number", "message"]), (2, ["0923456789", "مرحبا"])])
    [('218923456789', 'مرحبا')]
    """
    collector = ErrorCollector("bulk SMS upload")
    messages: list[tuple[str, str]] = []
    for row_number, row in records:
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if row_number == 1 and [cell.lower() for cell in cells] == ["number", "message"]:
            continue
        where = f"row {row_number}"
        if len(cells) != 2:
            collector.add(
                InvalidFormat(
                    "registration.bulk_sms.columns",
                    value=list(row),
                    row=row_number,
                    count=len(cells),
                ),
                where,
            )
            continue
        number, message = row[0].strip(), row[1]
        problems: list[ValidationError] = []
        try:
            number = _phone.validate(number)
        except ValidationError:
            problems.append(
                InvalidFormat(
                    "registration.bulk_sms.number",
                    field="number",
                    value=number,
                    number=number,
                    row=row_number,
                )
            )
        if not message.strip():
            problems.append(
                MissingValue(
                    "registration.bulk_sms.blank", field="message", value=message, row=row_number
                )
            )
        collector.extend(problems, where)
        if not problems:
            messages.append((number, message))
    collector.raise_if_any()
    return messages


def _canonical_phone(value: str | int) -> str:
    return _phone.validate(value)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class StaffMember:
    """A field staff member who may call the help desk.

    Attributes:
        staff_id: the 3-digit id, 100–999.
        name: the staff member's name.
        phone: the staff member's phone (canonical).
        suspended: a suspended member is not accepted.
    """

    staff_id: int = attrs.field(validator=c.integer(100, 999))
    name: str = attrs.field(validator=c.text)
    phone: str = attrs.field(converter=_canonical_phone)
    suspended: bool = attrs.field(default=False, validator=c.boolean)


@guarded
def check_field_staff(
    staff_id: str, caller_phone: str, staff: Iterable[StaffMember]
) -> StaffMember:
    """The help desk's check of a caller who says they are field staff.

    Raises:
        InvalidFormat: ``registration.staff.invalid_id``, not 3 digits (100–999) or
            not an active staff member.
        InconsistentValue: ``registration.staff.wrong_phone``, the caller's phone
            (canonicalised) is not the member's.

    >>> m = StaffMember(staff_id=123, name="سالم", phone="218923456789")
    >>> check_field_staff("123", "0923456789", [m]).name
    'سالم'
    """
    text = _text(staff_id, "staff_id").strip()
    members = {member.staff_id: member for member in staff if not member.suspended}
    member = None
    if len(text) == 3 and text.isascii() and text.isdigit():
        member = members.get(int(text))
    if member is None:
        raise InvalidFormat("registration.staff.invalid_id", field="staff_id", value=staff_id)
    if _phone.compact(_text(caller_phone, "caller_phone")) != member.phone:
        raise InconsistentValue(
            "registration.staff.wrong_phone", field="caller_phone", value=caller_phone
        )
    return member


@guarded
def call_duration(start: dt.datetime, end: dt.datetime) -> pendulum.Duration:
    """A help-desk call's recorded duration, capped at one hour.

    Raises:
        InvalidType: a time is not aware.
        OutOfRange: ``end`` is before ``start``.

    >>> import pendulum
    >>> t = pendulum.datetime(2014, 1, 1, 9, tz="UTC")
    >>> call_duration(t, t.add(minutes=5)).in_minutes()
    5
    >>> call_duration(t, t.add(hours=3)).in_hours()
    1
    """
    begin, finish = c.aware(start, "start"), c.aware(end, "end")
    if finish < begin:
        raise OutOfRange(field="end", value=finish, min_value=begin, max_value="∞")
    length = finish - begin
    return MAX_CALL_DURATION if length > MAX_CALL_DURATION else length.as_duration()


class BudgetMode(enum.Enum):
    """The ``set_remaining_changes`` command's options."""

    ZERO = "zero"
    """No SMS change left: ``change_count = max_changes``."""
    ONE = "one"
    """One change left: ``change_count = max_changes − 1``."""
    MAX = "max"
    """The whole budget: ``change_count = 0``."""


@guarded
def set_remaining_changes(registration: Registration, mode: BudgetMode) -> Registration:
    """Set a registration's remaining SMS changes (the bulk management command).

    >>> import pendulum
    >>> r = Registration(citizen_id=1, center_id=11001, phone="1", change_count=1,
    ...                  created_at=pendulum.datetime(2014, 1, 1, tz="UTC"))
    >>> [set_remaining_changes(r, m).change_count for m in BudgetMode]
    [3, 2, 0]
    """
    if not isinstance(registration, Registration):
        raise InvalidType(field="registration", value=registration)
    if not isinstance(mode, BudgetMode):
        raise InvalidType(field="mode", value=mode)
    budget = registration.max_changes
    count = {BudgetMode.ZERO: budget, BudgetMode.ONE: max(0, budget - 1), BudgetMode.MAX: 0}
    return attrs.evolve(registration, change_count=count[mode])
