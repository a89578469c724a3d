"""SmartElect's uploads, on contents of the shapes of SmartElect's own tests.

Each test names the test of SmartElect/SmartElect (commit
d6d35f2fa8f60e756ad5247f8f0a5f05830e92f8) whose upload it mirrors; the numbers,
names and messages are ours.
"""

from __future__ import annotations

import pendulum
import pytest

from electoral.errors import ValidationErrors
from electoral.formats.smartelect import (
    read_bulk_sms,
    read_national_id_upload,
    read_phone_list_upload,
    read_roll,
    write_voters_by_national_id,
)
from electoral.registration import allocate_stations, bulk_sms_messages

KNOWN = {"119690261935", "219810371062"}


def test_bulk_sms_good_file_with_a_blank_line() -> None:
    """bulk_sms/tests/test_upload.py GOOD_CSV_DATA: no header, a blank line between rows."""
    data = "218913456789,رسالة تجريبية\n\n8821612349999,.نذكركم بموعد الاقتراع\n".encode()
    assert read_bulk_sms(data) == [
        ("218913456789", "رسالة تجريبية"),
        ("8821612349999", ".نذكركم بموعد الاقتراع"),
    ]


def test_bulk_sms_mixed_line_endings() -> None:
    """bulk_sms/tests/test_upload.py LINE_ENDINGS: LF, CR and CRLF in one file."""
    data = b"218913456789,x\n8821612349999,y\r218913456780,z\r\n"
    assert [number for number, _ in read_bulk_sms(data)] == [
        "218913456789",
        "8821612349999",
        "218913456780",
    ]


def test_bulk_sms_refusals() -> None:
    """INVALID_PHONE_DATA, BLANK_MESSAGE_DATA (a bare "" ends a message) and
    FAILS_PARSING_DATA (a third cell): refused, all or nothing."""
    with pytest.raises(ValidationErrors) as info:
        read_bulk_sms("4441234,a\n218913456789,b\n")
    assert info.value.codes == ("registration.bulk_sms.number",)
    with pytest.raises(ValidationErrors) as info:
        read_bulk_sms('218913456789,\n218913456780,b\n8821612349999,.نص""\n')
    assert info.value.codes == ("registration.bulk_sms.blank",)
    with pytest.raises(ValidationErrors) as info:
        read_bulk_sms("218913456789,a,third\n218913456780,b\n")
    assert info.value.codes == ("registration.bulk_sms.columns",)
    assert bulk_sms_messages([(1, ["218913456789", '.نص""'])]) == [("218913456789", '.نص""')]


def test_messages_may_begin_with_plus_or_minus() -> None:
    """A message is free text the library never exports: no formula check applies."""
    assert read_bulk_sms("218913456789,- تذكير\n")[0][1] == "- تذكير"


def test_national_id_upload() -> None:
    """changesets/tests/test_forms.py test_upload_file (blank lines are fine) and
    test_upload_file_not_number (a dot in the id)."""
    assert read_national_id_upload(b"119690261935\n\n219810371062\n", known=KNOWN) == (
        "119690261935",
        "219810371062",
    )
    with pytest.raises(ValidationErrors) as info:
        read_national_id_upload("1.9690261935\n219810371062\n", known=KNOWN)
    assert [e.message() for e in info.value.errors] == ["Line 1: Not a valid number"]
    with pytest.raises(ValidationErrors) as info:
        read_national_id_upload("1\n" * 12, known=KNOWN)
    assert info.value.errors[-1].message() == "Stopping after 10 errors."


def test_phone_list_upload() -> None:
    """register/tests/test_views.py test_valid_form (CRLF, LF, a line of one space, CR,
    punctuated numbers) and test_import_number_cant_start_with_2180."""
    data = b"+218 (91) 345-6789\r\n218-92-345-6789\n \n0943456789\r218 95 345 6789"
    upload = read_phone_list_upload(data)
    assert upload.numbers == ("218913456789", "218923456789", "218943456789", "218953456789")
    assert upload.blank_lines == 1
    refused = read_phone_list_upload("218091234567")
    assert refused.message() == (
        "Numbers on these lines not imported because they are not valid phone numbers: 1."
    )


def test_a_roll_reads_back() -> None:
    from electoral.registration import RegistryRecord

    def voter(i: int) -> RegistryRecord:
        import datetime as dt

        nid = f"1{i:011d}"
        return RegistryRecord(
            i, "أ", "", "", "", "", 1, dt.date(1980, 1, 1), "", nid, "1", 0, 0, 0
        )

    plan = allocate_stations([voter(i) for i in range(1, 4)], center_id=11001)
    text = write_voters_by_national_id([plan])
    assert read_roll(text) == [(f"1{i:011d}", 11001, 1) for i in range(1, 4)]
    assert read_roll(text, centers={11001}) == read_roll(text)
    with pytest.raises(ValidationErrors) as info:
        read_roll(text + "100000000001,11002,1\n", centers={11001})
    assert info.value.codes == ("registration.roll.unknown_center", "registration.roll.repeated")
    with pytest.raises(ValidationErrors) as info:
        read_roll("center_id,national_id\n11001,12\n1100,119690261935\n")
    assert [e.location for e in info.value.errors] == ["line 2", "line 3"]
    with pytest.raises(TypeError, match="plans"):
        write_voters_by_national_id(["not a plan"])  # type: ignore[list-item]


def test_station_metadata_needs_a_time() -> None:
    from electoral.formats.smartelect import write_station_metadata

    with pytest.raises(TypeError, match="generated_at"):
        write_station_metadata(
            [],
            centers={},
            constituencies={},
            subconstituencies={},
            generated_at="2026-01-01",  # type: ignore[arg-type]
        )


def test_station_metadata_needs_the_centre_of_every_plan() -> None:
    from electoral.formats.smartelect import write_station_metadata
    from electoral.registration import allocate_stations, validate_registry_row

    row = ["7", *["Amal"] * 5, "1", "7/9/1969", "Ghat", "119690261935", "4471", "0", "0", "0"]
    record = validate_registry_row(row, as_of=pendulum.datetime(2026, 1, 1))
    plan = allocate_stations([record], center_id=31001)
    with pytest.raises(TypeError, match="centers has no centre 31001"):
        write_station_metadata(
            [plan],
            centers={},
            constituencies={},
            subconstituencies={},
            generated_at=pendulum.datetime(2026, 1, 1),
        )
