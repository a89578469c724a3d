"""Polling-day reminder schedule."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given

from electoral.errors import InvalidType
from electoral.model import TRIPOLI, Election
from electoral.registration import (
    Audience,
    CenterOpen,
    MessageCode,
    PollingReport,
    due_reminders,
    polling_reminders,
    skip_reminder,
)
from electoral.testing.strategies import elections, moments

ELECTION = Election(
    name_en="House of Representatives",
    name_ar="مجلس النواب",
    polling_start=pendulum.datetime(2014, 6, 25, 8, tz=TRIPOLI),
    polling_end=pendulum.datetime(2014, 6, 25, 20, tz=TRIPOLI),
)
PHONE = "218923456789"


def at(day: int, hour: int, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(2014, 6, day, hour, minute, tz=TRIPOLI)


def test_the_22_reminders() -> None:
    reminders = polling_reminders(ELECTION)
    assert len(reminders) == 22
    schedule = [(r.message, r.due) for r in reminders]
    assert schedule == [
        (1, at(23, 11, 30)),
        (1, at(23, 11, 55)),
        (1, at(23, 12, 30)),
        (2, at(24, 11, 30)),
        (2, at(24, 11, 55)),
        (2, at(24, 12, 30)),
        (3, at(25, 7, 30)),
        (3, at(25, 7, 55)),
        (3, at(25, 8, 30)),
        (4, at(25, 11, 30)),
        (4, at(25, 11, 55)),
        (4, at(25, 12, 30)),
        (5, at(25, 15, 30)),
        (5, at(25, 15, 55)),
        (5, at(25, 16, 30)),
        (6, at(25, 19, 45)),
        (6, at(25, 20, 10)),
        (6, at(25, 20, 45)),
        (7, at(25, 21, 30)),
        (7, at(25, 22, 30)),
        (7, at(25, 23, 30)),
        (7, at(26, 8)),
    ]
    codes = {r.message: r.code for r in reminders}
    assert codes == {
        1: MessageCode.REMINDER_CHECKIN,
        2: MessageCode.REMINDER_CHECKIN,
        3: MessageCode.REMINDER_CHECKIN,
        4: MessageCode.REMINDER_REPORT,
        5: MessageCode.REMINDER_REPORT,
        6: MessageCode.REMINDER_LAST_REPORT,
        7: MessageCode.REMINDER_CLOSE,
    }
    assert {r.message for r in reminders if r.audience is Audience.WHITELIST} == {1, 2, 3}
    assert {(r.message, r.period) for r in reminders if r.period} == {
        (4, 1),
        (5, 2),
        (6, 3),
        (7, 4),
    }


def test_reference_days_are_tripoli_days_of_ps_minus_48_and_24_hours() -> None:
    # polling starts just after midnight: PS - 48 h falls two calendar days earlier
    early = Election(
        name_en="x",
        name_ar="س",
        polling_start=pendulum.datetime(2014, 6, 24, 22, 30, tz="UTC"),  # 00:30 Tripoli
        polling_end=pendulum.datetime(2014, 6, 25, 18, tz="UTC"),
    )
    first = polling_reminders(early)[0]
    assert first.reference == at(23, 12)
    assert first.due.timezone_name == "Africa/Tripoli"


@given(elections())
def test_schedule_invariants(election: Election) -> None:
    reminders = polling_reminders(election)
    assert len(reminders) == 22
    dues = [r.due for r in reminders]
    assert dues == sorted(dues)
    assert sum(r.message == 7 for r in reminders) == 4
    for r in reminders:
        assert (r.period is None) == (r.message <= 3)
        if r.message <= 6:
            assert r.due - r.reference in (
                pendulum.duration(minutes=-30),
                pendulum.duration(minutes=-5),
                pendulum.duration(minutes=30),
            )


def test_due_window_is_five_minutes_either_side() -> None:
    assert [r.due for r in due_reminders([ELECTION], at(25, 11, 50))] == [at(25, 11, 55)]
    assert [r.due for r in due_reminders([ELECTION], at(25, 12, 0))] == [at(25, 11, 55)]
    assert due_reminders([ELECTION], at(25, 12, 1)) == ()
    assert [r.message for r in due_reminders([ELECTION], at(26, 8, 5))] == [7]
    assert due_reminders([ELECTION], at(26, 8, 6)) == ()


def test_due_never_twice() -> None:
    first = due_reminders([ELECTION], at(25, 11, 56))
    assert len(first) == 1
    assert due_reminders([ELECTION], at(25, 11, 57), already_queued=first) == ()


def test_only_elections_near_now() -> None:
    long_ago = at(25, 11, 55).add(days=8)
    assert due_reminders([ELECTION], long_ago) == ()
    # an election ending more than 7 days ahead is not looked at
    far = Election(
        name_en="x",
        name_ar="س",
        polling_start=at(25, 8),
        polling_end=at(25, 8).add(days=9),
    )
    assert due_reminders([far], at(23, 11, 30)) == ()
    assert len(due_reminders([ELECTION], at(23, 11, 30))) == 1


@given(moments())
def test_due_reminders_are_within_tolerance(now: pendulum.DateTime) -> None:
    for reminder in due_reminders([ELECTION], now):
        assert abs(reminder.due - now) <= pendulum.duration(minutes=5)


def test_bad_arguments() -> None:
    with pytest.raises(InvalidType):
        due_reminders([ELECTION], dt.datetime(2014, 6, 25, 12))
    with pytest.raises(InvalidType):  # a member: checked by the rule itself
        due_reminders(["election"], at(25, 12))  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"^election: "):
        polling_reminders("election")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^reminder: "):
        skip_reminder("r", PHONE, now=at(25, 12))  # type: ignore[arg-type]


def test_skip_check_in_after_opening_since_midnight() -> None:
    morning = next(r for r in polling_reminders(ELECTION) if r.message == 3)
    opened = CenterOpen(election=ELECTION, phone=PHONE, center_id=11001, created_at=at(25, 7))
    yesterday = CenterOpen(election=ELECTION, phone=PHONE, center_id=11001, created_at=at(24, 23))
    assert skip_reminder(morning, PHONE, now=at(25, 7, 30), openings=[opened])
    assert not skip_reminder(morning, PHONE, now=at(25, 7, 30), openings=[yesterday])
    assert not skip_reminder(morning, "218913456789", now=at(25, 7, 30), openings=[opened])


def test_skip_report_needs_the_right_period_within_24_hours() -> None:
    closing = [r for r in polling_reminders(ELECTION) if r.message == 7][-1]

    def report(
        period: int, when: pendulum.DateTime, election: Election | None = ELECTION
    ) -> PollingReport:
        return PollingReport(
            election=election,
            phone=PHONE,
            center_id=11001,
            period=period,
            voters=300,
            created_at=when,
        )

    now = closing.due
    assert skip_reminder(closing, PHONE, now=now, reports=[report(4, at(25, 21))])
    assert not skip_reminder(closing, PHONE, now=now, reports=[report(3, at(25, 21))])
    assert not skip_reminder(closing, PHONE, now=now, reports=[report(4, at(25, 7, 59))])
    other = Election(name_en="y", name_ar="ص", polling_start=at(25, 8), polling_end=at(25, 9))
    assert not skip_reminder(closing, PHONE, now=now, reports=[report(4, at(25, 21), other)])
