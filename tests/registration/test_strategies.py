"""The chapter's Hypothesis strategies are sound."""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import given

from electoral.formats.smartelect import read_registry_dump, record_to_dump_line
from electoral.ids import phone
from electoral.model import TRIPOLI, Gender
from electoral.registration import (
    PhoneListEntry,
    Registration,
    RegistryRecord,
    validate_registry_row,
)
from electoral.testing.strategies import phone_list_entries, registrations, registry_records

NOW = pendulum.datetime(2026, 1, 1, tz=TRIPOLI)


@given(registrations())
def test_registrations_are_valid(registration: Registration) -> None:
    assert attrs.evolve(registration) == registration  # the validators accept it again
    assert 0 <= registration.change_count <= registration.max_changes
    if registration.archived_at is not None:
        assert registration.archived_at >= registration.created_at
    if registration.unlocked_until is not None:
        assert registration.unlocked_until >= registration.created_at


@given(registrations(current=True, phone="218923456789"))
def test_current_registrations(registration: Registration) -> None:
    assert registration.is_current
    assert registration.phone == "218923456789"


@given(registrations(current=False))
def test_past_registrations(registration: Registration) -> None:
    assert not registration.is_current


@given(registry_records(gender=Gender.FEMALE))
def test_registry_records_are_valid(record: RegistryRecord) -> None:
    assert record.gender is Gender.FEMALE
    assert record.national_id.startswith("2")
    [again] = read_registry_dump(record_to_dump_line(record), as_of=NOW)
    assert again == record
    row = [str(value) for value in record]
    row[7] = f"{record.date_of_birth.day}/{record.date_of_birth.month}/{record.date_of_birth.year}"
    assert validate_registry_row(row, as_of=NOW) == record


@given(phone_list_entries(deleted=False))
def test_phone_list_entries_are_valid(entry: PhoneListEntry) -> None:
    assert phone.is_valid(entry.phone)
    assert not entry.deleted
    assert PhoneListEntry(phone=entry.phone) == attrs.evolve(entry, created_at=None)
