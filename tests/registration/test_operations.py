"""Roll-job names and centre lists, bulk SMS uploads, help desk, budgets, OCVR."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import (
    InconsistentValue,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    MissingValue,
    OutOfRange,
    ValidationErrors,
)
from electoral.formats.smartelect import read_bulk_sms
from electoral.model import TRIPOLI
from electoral.registration import (
    MAX_JOB_NAME_LENGTH,
    BudgetMode,
    LookupGate,
    Registration,
    StaffMember,
    call_duration,
    check_field_staff,
    default_job_name,
    ocvr_changes_left,
    ocvr_check_nid_entry,
    ocvr_count_submission,
    ocvr_lookup_gate,
    ocvr_registration_open,
    parse_center_id_list,
    set_remaining_changes,
    validate_job_name,
)
from electoral.testing.strategies import registrations

T = pendulum.datetime(2014, 6, 1, 9, tz=TRIPOLI)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "registration.job_name.length"),
        ("x" * (MAX_JOB_NAME_LENGTH + 1), "registration.job_name.length"),
        (".hidden", "registration.job_name.dot"),
        ("a/b", "registration.job_name.slash"),
        ("a\\b", "registration.job_name.slash"),
        ("taken", "registration.job_name.duplicate"),
    ],
)
def test_job_name_refusals(name: str, code: str) -> None:
    with pytest.raises((InvalidFormat, InconsistentValue)) as info:
        validate_job_name(name, existing={"taken"})
    assert info.value.code == code


def test_job_names() -> None:
    assert validate_job_name("x" * MAX_JOB_NAME_LENGTH, existing=()) == "x" * 200
    assert validate_job_name("a.b", existing=("taken",)) == "a.b"
    assert default_job_name(T, "admin") == "2014-06-01.09-00-00-000000-admin"
    with pytest.raises(InvalidType):
        default_job_name(dt.datetime(2014, 6, 1), "admin")
    with pytest.raises(InvalidType):
        validate_job_name(None, existing=())  # type: ignore[arg-type]


def test_center_id_list() -> None:
    known = [11001, 11002, 31001]
    assert parse_center_id_list(" 11001 ,31001,", known=known) == (11001, 31001)
    with pytest.raises(InvalidFormat) as info:
        parse_center_id_list("11001, 110010, 1100A, 12345, 011001", known=known)
    assert str(info.value) == "These ids are invalid: 110010, 1100A, 12345, 011001"
    assert info.value.message("ar") == "هذه الأرقام غير صالحة: 110010, 1100A, 12345, 011001"
    with pytest.raises(MissingValue):
        parse_center_id_list(" , ", known=known)


def test_bulk_sms_upload() -> None:
    text = 'number,message\r\n0923456789,"مرحبا, أهلا"\r\n\r\n8821612340058,Hello\r\n'
    assert read_bulk_sms(text.encode("utf-8")) == [
        ("218923456789", "مرحبا, أهلا"),
        ("8821612340058", "Hello"),
    ]
    assert read_bulk_sms("218923456789,hi\n") == [("218923456789", "hi")]


def test_bulk_sms_errors_all_or_nothing() -> None:
    text = "218923456789,ok\n12345,hello\n218923456789,  \nabc,\n218923456789\n"
    with pytest.raises(ValidationErrors) as info:
        read_bulk_sms(text)
    assert [(str(e.message()), e.location) for e in info.value.errors] == [
        ("Unable to parse number 12345 as a phone number on row 2", "row 2"),
        ("Message is blank on row 3", "row 3"),
        ("Unable to parse number abc as a phone number on row 4", "row 4"),
        ("Message is blank on row 4", "row 4"),
        ("Row 5 should have 2 columns (number, message); it has 1.", "row 5"),
    ]
    with pytest.raises(ValidationErrors) as info:
        read_bulk_sms(b"\xff")
    assert info.value.codes == ("formats.encoding",)


@given(st.text(max_size=80))
def test_bulk_sms_never_crashes(text: str) -> None:
    locations: list[str | None] = []
    rows: list[tuple[str, str]] = []
    try:
        rows = read_bulk_sms(text)
    except ValidationErrors as errors:
        locations = [e.location for e in errors.errors]
    assert all(where is None or where.startswith(("row ", "line ")) for where in locations)
    assert all(message.strip() for _, message in rows)


STAFF = [
    StaffMember(staff_id=123, name="سالم", phone="218923456789"),
    StaffMember(staff_id=456, name="علي", phone="218913456789", suspended=True),
]


def test_field_staff() -> None:
    assert check_field_staff(" 123 ", "+218 (0)92-345-6789", STAFF) is STAFF[0]
    for bad in ("456", "12", "1234", "099", "abc"):
        with pytest.raises(InvalidFormat) as info:
            check_field_staff(bad, "218913456789", STAFF)
        assert info.value.code == "registration.staff.invalid_id"
    with pytest.raises(InconsistentValue) as info2:
        check_field_staff("123", "218913456789", STAFF)
    assert info2.value.code == "registration.staff.wrong_phone"
    with pytest.raises(OutOfRange):
        StaffMember(staff_id=99, name="x", phone="218923456789")
    with pytest.raises(InvalidFormat):
        StaffMember(staff_id=100, name="x", phone="12")


def test_call_duration() -> None:
    assert call_duration(T, T.add(minutes=59)) == pendulum.duration(minutes=59)
    assert call_duration(T, T.add(hours=5)) == pendulum.duration(hours=1)
    with pytest.raises(OutOfRange):
        call_duration(T, T.subtract(seconds=1))
    with pytest.raises(InvalidType):
        call_duration(T, dt.datetime(2014, 6, 1, 10))


@given(registrations())
def test_set_remaining_changes(registration: Registration) -> None:
    zero = set_remaining_changes(registration, BudgetMode.ZERO)
    one = set_remaining_changes(registration, BudgetMode.ONE)
    full = set_remaining_changes(registration, BudgetMode.MAX)
    budget = registration.max_changes
    assert zero.max_changes - zero.change_count == 0
    assert one.max_changes - one.change_count == min(1, budget)
    assert full.change_count == 0
    assert full.center_id == registration.center_id


def test_set_remaining_changes_refuses() -> None:
    with pytest.raises(TypeError, match=r"^registration: expected Registration"):
        set_remaining_changes("r", BudgetMode.MAX)  # type: ignore[arg-type]


def test_ocvr_deadline() -> None:
    assert ocvr_registration_open(pendulum.datetime(2014, 2, 10, 23, 59, tz=TRIPOLI))
    assert not ocvr_registration_open(pendulum.datetime(2014, 2, 11, tz=TRIPOLI))
    # 22:30 UTC on the 10th is already the 11th in Tripoli
    assert not ocvr_registration_open(pendulum.datetime(2014, 2, 10, 22, 30, tz="UTC"))
    with pytest.raises(InvalidType):
        ocvr_registration_open(dt.datetime(2014, 2, 1))


def test_ocvr_nid_entry() -> None:
    assert ocvr_check_nid_entry(" 219810371062", "٢١٩٨١٠٣٧١٠٦٢") == "219810371062"
    with pytest.raises(InvalidLength):
        ocvr_check_nid_entry("21981037106", "21981037106")
    with pytest.raises(InconsistentValue):
        ocvr_check_nid_entry("219810371062", "219810371063")


def test_ocvr_lookup_throttle() -> None:
    gates = [ocvr_lookup_gate(n) for n in range(7)]
    assert [g.show_captcha for g in gates] == [False, False, True, True, True, True, True]
    assert [g.check_captcha for g in gates] == [False, False, False, True, True, True, True]
    assert [g.suspend for g in gates] == [False] * 5 + [True, True]
    assert ocvr_lookup_gate(1, rerendered=True) == LookupGate(True, False, False)
    assert ocvr_lookup_gate(0, rerendered=True) == LookupGate(False, False, False)
    with pytest.raises(OutOfRange):
        ocvr_lookup_gate(-1)
    with pytest.raises(InvalidType):
        ocvr_lookup_gate(True)


def test_ocvr_changes() -> None:
    assert [ocvr_changes_left(n) for n in range(6)] == [3, 2, 1, 0, 0, 0]
    count = ocvr_count_submission(0, old_location=None, new_location="Egypt - Cairo")
    count = ocvr_count_submission(
        count, old_location="Egypt - Cairo", new_location="Egypt - Cairo"
    )
    assert count == 1
    count = ocvr_count_submission(
        count,
        old_location="Egypt - Cairo",
        new_location="Egypt - Cairo",
        old_constituency="طرابلس",
        new_constituency="مصراتة",
        editing=True,
    )
    assert count == 2
    assert ocvr_changes_left(count) == 1


def test_bulk_sms_unreadable_csv() -> None:
    with pytest.raises(ValidationErrors) as info:
        read_bulk_sms('218923456789,"' + "x" * 200_000 + '"\n')
    [error] = info.value.errors
    assert error.code == "formats.csv.field_too_large"
    assert error.location == "line 1"
