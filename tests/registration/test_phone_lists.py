"""Blacklist and whitelist: bulk uploads and list semantics."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InconsistentValue, InvalidFormat, InvalidType, ValidationErrors
from electoral.formats.smartelect import read_phone_list_upload
from electoral.model import TRIPOLI
from electoral.registration import (
    PhoneListEntry,
    add_to_phone_list,
    check_phone_list,
    is_listed,
    listed_numbers,
)
from electoral.testing.strategies import as_typed, invalid_phone_numbers, phone_numbers

EXACT = "Numbers on these lines not imported because they are not valid phone numbers: 1."


def test_exact_message_for_line_one() -> None:
    upload = read_phone_list_upload("12345\n218923456789\n")
    assert upload.numbers == ("218923456789",)
    assert upload.invalid_lines == (1,)
    assert upload.message() == EXACT
    assert upload.message("ar") == (
        "لم يتم استيراد الأرقام الموجودة في هذه الأسطر لأنها ليست أرقام هواتف صحيحة: 1."
    )
    assert upload.error is not None
    assert upload.error.code == "registration.phone_list.invalid_lines"


def test_several_invalid_lines_are_listed_together() -> None:
    upload = read_phone_list_upload("x\n218923456789\n2180123456789\n\n0923\n")
    assert upload.invalid_lines == (1, 3, 5)
    assert upload.message() == (
        "Numbers on these lines not imported because they are not valid phone numbers: 1, 3, 5."
    )


def test_canonicalised_blank_and_duplicates_skipped() -> None:
    text = (
        "+218 (0)92-345-6789\r\n"
        "\r\n"
        "   \r\n"
        "0913456789\r\n"
        "218923456789\r\n"  # repeated in the file
        "8821612340058\r\n"  # already listed
        "٠٩٤٣٤٥٦٧٨٩\r\n"
    )
    upload = read_phone_list_upload(text.encode("utf-8"), listed=["8821612340058"])
    assert upload.numbers == ("218923456789", "218913456789", "218943456789")
    assert upload.blank_lines == 2
    assert upload.already_listed == 2
    assert upload.invalid_lines == ()
    assert upload.message() is None
    assert upload.error is None


def test_upload_refuses_bad_input() -> None:
    with pytest.raises(ValidationErrors) as info:
        read_phone_list_upload(b"218923456789\n\xff\xfe218923456789")
    assert info.value.codes == ("formats.encoding",)
    assert info.value.errors[0].location == "line 2"
    with pytest.raises(ValidationErrors) as info:
        read_phone_list_upload(b"")
    assert info.value.codes == ("formats.empty",)
    with pytest.raises(TypeError, match="source"):
        read_phone_list_upload(["218923456789"])  # type: ignore[arg-type]


def test_control_characters_are_an_invalid_line() -> None:
    upload = read_phone_list_upload("2189234\u200b56789\n")
    assert upload.invalid_lines == (1,)


@given(
    st.lists(st.one_of(phone_numbers(), as_typed(phone_numbers()), invalid_phone_numbers())),
    st.sets(phone_numbers(), max_size=3),
)
def test_upload_invariants(lines: list[str], listed: set[str]) -> None:
    # a line is one number: keep the generated text on one line
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    if not lines:  # an empty file is refused, not read as an empty list
        with pytest.raises(ValidationErrors):
            read_phone_list_upload("", listed=listed)
        return
    text = "".join(line + "\n" for line in lines)
    if "\x00" in text:  # the formats policy: a NUL means the file is not text at all
        with pytest.raises(ValidationErrors) as info:
            read_phone_list_upload(text, listed=listed)
        assert info.value.codes == ("formats.nul",)
        return
    upload = read_phone_list_upload(text, listed=listed)
    assert len(set(upload.numbers)) == len(upload.numbers)
    assert not set(upload.numbers) & listed
    accounted = (
        len(upload.numbers)
        + len(upload.invalid_lines)
        + upload.already_listed
        + upload.blank_lines
    )
    assert accounted == len(lines)
    for number in upload.numbers:
        assert PhoneListEntry(phone=number).phone == number


def test_list_semantics() -> None:
    now = pendulum.datetime(2014, 5, 1, 9, tz=TRIPOLI)
    entries = add_to_phone_list([], "0923456789", now=now)
    assert entries[0].phone == "218923456789"
    assert entries[0].created_at == now
    assert is_listed(entries, "+218 (0)92-345-6789")
    with pytest.raises(InconsistentValue) as info:
        add_to_phone_list(entries, "218923456789")
    assert str(info.value) == "Duplicate value for phone number"
    assert info.value.code == "registration.phone_list.duplicate"
    # deleting the entry re-admits the number; the deleted entry stays
    deleted = (PhoneListEntry(phone="218923456789", deleted=True),)
    assert not is_listed(deleted, "218923456789")
    again = add_to_phone_list(deleted, "218923456789")
    assert len(again) == 2
    assert listed_numbers(again) == frozenset({"218923456789"})
    check_phone_list(again)


def test_list_entries_are_validated() -> None:
    with pytest.raises(InvalidFormat):
        add_to_phone_list([], "218023456789")
    with pytest.raises(InvalidFormat):
        PhoneListEntry(phone="12345")
    with pytest.raises(InvalidType):
        PhoneListEntry(phone="218923456789", deleted=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidType):
        is_listed([], 218923456789)  # type: ignore[arg-type]


def test_check_phone_list_reports_live_duplicates() -> None:
    entries = [
        PhoneListEntry(phone="218923456789"),
        PhoneListEntry(phone="218923456789", deleted=True),
        PhoneListEntry(phone="218923456789"),
    ]
    with pytest.raises(ValidationErrors) as info:
        check_phone_list(entries)
    [error] = info.value.errors
    assert error.location == "entry 3"


def test_only_cr_and_lf_end_a_line() -> None:
    upload = read_phone_list_upload("218923456789\x85218913456789\r218943456789\u2028\r\n")
    # NEL (U+0085) does not end line 1, so "...789\x85218..." is one invalid line;
    # line 2 ends at CR LF (the trailing U+2028 is surrounding space to the phone rules)
    assert upload.invalid_lines == (1,)
    assert upload.numbers == ("218943456789",)
