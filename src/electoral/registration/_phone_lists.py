"""The phone blacklist and whitelist (القائمة السوداء والقائمة البيضاء) and their bulk uploads.

Both lists are sets of canonical phone numbers (:mod:`electoral.ids.phone`). The
**blacklist** refuses a sender everything on the registration short code (reply 50);
the **whitelist** names the only phones allowed to send polling-day reports (others
get 51). A number is unique among the *undeleted* entries of a list (*"Duplicate
value for phone number"*); deleting an entry re-admits the number, and a deleted
entry may share its number with a live one.

A bulk upload is one number per line. Each line is canonicalised with
:func:`electoral.ids.phone.compact`, then validated (both done by
:func:`electoral.ids.phone.validate`, which also refuses a line hiding control, bidi
or zero-width characters rather than silently repairing it). Blank lines are skipped,
numbers already listed (or repeated earlier in the same file) are skipped, and the
lines that are not valid numbers are reported together, by line number, as
*"Numbers on these lines not imported because they are not valid phone numbers:
1."* The valid numbers are still imported: this is SmartElect's behaviour, a
partial import with a report, not an all-or-nothing batch.
:func:`plan_phone_list_upload` returns what would be added and the report; it adds
nothing itself (:func:`electoral.formats.smartelect.read_phone_list_upload` reads the
file).

Sources: SmartElect ``register/models.py`` (Blacklist, Whitelist),
``register/utils.py``, ``register/views.py``, ``register/tests/test_views.py``,
``libya_elections/utils.py`` ("ensure unique") (SmartElect/SmartElect at commit ``d6d35f2``).

>>> upload = plan_phone_list_upload(["0923456789", "", "not a phone", "+218 (0)91-234-5678"],
...                                 listed=["218912345678"])
>>> upload.numbers, upload.invalid_lines, upload.already_listed, upload.blank_lines
(('218923456789',), (3,), 1, 1)
>>> upload.message()
'Numbers on these lines not imported because they are not valid phone numbers: 3.'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    InvalidType,
    Language,
    ValidationError,
)
from electoral.ids import phone as _phone
from electoral.registration import _common as c

__all__ = [
    "PhoneListEntry",
    "PhoneListUpload",
    "add_to_phone_list",
    "check_phone_list",
    "is_listed",
    "listed_numbers",
    "plan_phone_list_upload",
]

_EMPTY: Final = frozenset[str]()


def _canonical(value: str | int) -> str:
    return _phone.validate(value)


@attrs.frozen(kw_only=True)
class PhoneListEntry:
    """One row of a blacklist or whitelist.

    Attributes:
        phone: the canonical number (validated with :func:`electoral.ids.phone.validate`).
        deleted: a soft-deleted entry no longer lists the number.
        created_at: when the entry was made, if known.
    """

    phone: str = attrs.field(converter=_canonical)
    deleted: bool = attrs.field(default=False, validator=c.boolean)
    created_at: dt.datetime | None = attrs.field(
        default=None, converter=c.to_moment, validator=c.optional_moment
    )


@guarded
def listed_numbers(entries: Iterable[PhoneListEntry]) -> frozenset[str]:
    """The numbers on the list: those of the undeleted entries."""
    return frozenset(entry.phone for entry in entries if not entry.deleted)


@guarded
def is_listed(entries: Iterable[PhoneListEntry], number: str) -> bool:
    """Whether ``number`` (typed input is canonicalised first) is on the list.

    >>> is_listed([PhoneListEntry(phone="218923456789")], "0923456789")
    True
    >>> is_listed([PhoneListEntry(phone="218923456789", deleted=True)], "218923456789")
    False
    """
    if not isinstance(number, str):
        raise InvalidType(field="phone", value=number)
    return _phone.compact(number) in listed_numbers(entries)


@guarded
def add_to_phone_list(
    entries: Iterable[PhoneListEntry], number: str, *, now: dt.datetime | None = None
) -> tuple[PhoneListEntry, ...]:
    """The list with ``number`` added (canonicalised, then validated).

    Raises:
        InvalidFormat: ``phone.format``, not a valid phone number.
        InconsistentValue: ``registration.phone_list.duplicate`` (*"Duplicate value
            for phone number"*), already on the list (a deleted entry does not count).

    >>> add_to_phone_list([], "0923456789")[0].phone
    '218923456789'
    >>> add_to_phone_list([PhoneListEntry(phone="218923456789")], "218923456789")
    Traceback (most recent call last):
    ...
    electoral.errors.InconsistentValue: Duplicate value for phone number
    """
    current = tuple(entries)
    canonical = _phone.validate(number)
    if canonical in listed_numbers(current):
        raise InconsistentValue(
            "registration.phone_list.duplicate", field="phone_number", value=canonical
        )
    return (*current, PhoneListEntry(phone=canonical, created_at=now))


@guarded
def check_phone_list(entries: Iterable[PhoneListEntry]) -> None:
    """Check that no number appears twice among the undeleted entries.

    Raises:
        ValidationErrors: ``registration.phone_list.duplicate`` at ``entry N``
            (counted from 1) for each later repeat.
    """
    collector = ErrorCollector("phone list")
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        if entry.deleted:
            continue
        if entry.phone in seen:
            collector.add(
                InconsistentValue(
                    "registration.phone_list.duplicate", field="phone_number", value=entry.phone
                ),
                f"entry {number}",
            )
        seen.add(entry.phone)
    collector.raise_if_any()


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PhoneListUpload:
    """What a bulk upload would do.

    Attributes:
        numbers: the canonical numbers to add, in file order, each once.
        invalid_lines: the line numbers (from 1) that are not valid phone numbers.
        already_listed: lines skipped because the number is already on the list or
            earlier in the file.
        blank_lines: blank lines skipped.
    """

    numbers: tuple[str, ...]
    invalid_lines: tuple[int, ...]
    already_listed: int
    blank_lines: int

    @property
    def error(self) -> ValidationError | None:
        """The report on invalid lines as an error, or ``None`` when every line was fine."""
        if not self.invalid_lines:
            return None
        return InvalidFormat(
            "registration.phone_list.invalid_lines",
            field="phone_number",
            value=self.invalid_lines,
            lines=", ".join(map(str, self.invalid_lines)),
        )

    def message(self, language: Language = "en") -> str | None:
        """*"Numbers on these lines not imported ...: 1."*, or ``None``."""
        error = self.error
        return None if error is None else error.message(language)


@guarded
def plan_phone_list_upload(
    lines: Iterable[str], *, listed: Iterable[str] = _EMPTY
) -> PhoneListUpload:
    """What adding the lines of a blacklist or whitelist upload would do.

    The file is read by :func:`electoral.formats.smartelect.read_phone_list_upload`;
    this is the rule, over its lines (numbered from 1, line endings removed).

    Args:
        lines: the upload's lines, one number each.
        listed: the numbers already on the list (canonical; see :func:`listed_numbers`).

    >>> plan_phone_list_upload(["218923456789", "218923456789", "12"]).invalid_lines
    (3,)
    """
    known = set(listed)
    numbers: list[str] = []
    invalid: list[int] = []
    repeats = blanks = 0
    for number, line in enumerate(lines, start=1):
        if not isinstance(line, str):
            raise TypeError(f"lines must hold str, not {type(line).__name__}")
        if not line.strip():
            blanks += 1
            continue
        try:
            canonical = _phone.validate(line)  # compact(), then the check (hidden chars refused)
        except ValidationError:
            invalid.append(number)
            continue
        if canonical in known:
            repeats += 1
            continue
        known.add(canonical)
        numbers.append(canonical)
    return PhoneListUpload(
        numbers=tuple(numbers),
        invalid_lines=tuple(invalid),
        already_listed=repeats,
        blank_lines=blanks,
    )
