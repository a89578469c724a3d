"""Polling-day reminders (رسائل التذكير يوم الاقتراع) to centre staff, computed from the election.

Seven messages remind staff to check in and to report. Their reference times are
computed from the polling start PS, in Tripoli time:

===  ====================================  ==============  =====  ================================
msg  reference time                        audience        code   a phone is skipped if it has…
===  ====================================  ==============  =====  ================================
1    12:00 on the day of PS − 48 h         whitelist       54     opened its centre since midnight
2    12:00 on the day of PS − 24 h         whitelist       54     opened its centre since midnight
3    PS                                    whitelist       54     opened its centre since midnight
4    12:00 on polling day                  staff phones    55     sent a period-1 report (24 h)
5    16:00 on polling day                  staff phones    55     sent a period-2 report (24 h)
6    20:15 on polling day                  staff phones    56     sent a period-3 report (24 h)
7    21:30, 22:30, 23:30, and 08:00 next   staff phones    57     sent a period-4 report (24 h)
===  ====================================  ==============  =====  ================================

Messages 1–6 each get three reminders, 30 minutes before, 5 minutes before and 30
minutes after the reference time; message 7 has its four fixed times: 22 reminders
in all (:func:`polling_reminders`). "Polling day" is the Tripoli date of PS.

A periodic task looks at the elections that start no earlier than 7 days ago and
end no later than 7 days ahead, and queues each reminder due within 5 minutes of
now (either side, inclusive), never twice (:func:`due_reminders`).
:func:`skip_reminder` says whether one phone has already done what the reminder
asks.

Sources: SmartElect ``voting/models.py`` ("get reminders"), ``voting/tasks.py``,
``voting/tests/test_models.py``, ``bulk_sms/tasks.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> import pendulum
>>> from electoral.model import TRIPOLI, Election
>>> e = Election(name_en="HoR", name_ar="مجلس النواب",
...              polling_start=pendulum.datetime(2014, 6, 25, 8, tz=TRIPOLI),
...              polling_end=pendulum.datetime(2014, 6, 25, 20, tz=TRIPOLI))
>>> reminders = polling_reminders(e)
>>> len(reminders), str(reminders[0].due), int(reminders[-1].code)
(22, '2014-06-23 11:30:00+02:00', 57)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Collection, Iterable
from typing import Final

import attrs
import pendulum

from electoral.errors import InvalidType
from electoral.model import TRIPOLI, Election
from electoral.registration._common import aware
from electoral.registration._messages import MessageCode
from electoral.registration._polling import CenterOpen, PollingReport

__all__ = [
    "REMINDER_LOOKAHEAD_DAYS",
    "REMINDER_OFFSETS",
    "REMINDER_TOLERANCE",
    "Audience",
    "Reminder",
    "due_reminders",
    "polling_reminders",
    "skip_reminder",
]

REMINDER_OFFSETS: Final = (
    pendulum.duration(minutes=-30),
    pendulum.duration(minutes=-5),
    pendulum.duration(minutes=30),
)
"""When messages 1–6 are reminded, relative to their reference time."""
REMINDER_TOLERANCE: Final = pendulum.duration(minutes=5)
"""A reminder is queued when due within this much of now, either side."""
REMINDER_LOOKAHEAD_DAYS: Final = 7
"""Elections starting within this many days back and ending this many days ahead."""
_REPORT_WINDOW: Final = pendulum.duration(hours=24)
_M = MessageCode


class Audience(enum.Enum):
    """Who receives a reminder."""

    WHITELIST = "whitelist"
    """Every whitelisted phone (before polling: check-in reminders)."""
    STAFF = "staff"
    """Every phone activated to a centre (polling day: report reminders)."""


@attrs.frozen(kw_only=True)
class Reminder:
    """One reminder to queue.

    Attributes:
        election: the election it belongs to.
        message: the message number, 1–7.
        code: the text sent (54, 55, 56 or 57).
        audience: the phones it goes to.
        reference: the time the message is about.
        due: when it is sent.
        period: for messages 4–7, the reporting period whose report makes it
            unnecessary (message − 3); ``None`` for the check-in messages.
    """

    election: Election
    message: int
    code: MessageCode
    audience: Audience
    reference: pendulum.DateTime
    due: pendulum.DateTime
    period: int | None


def _at(day: pendulum.Date, hour: int, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=TRIPOLI)


def _day(moment: pendulum.DateTime) -> pendulum.Date:
    return moment.in_timezone(TRIPOLI).date()


def polling_reminders(election: Election) -> tuple[Reminder, ...]:
    """The 22 reminders of an election, in order of due time.

    Raises:
        InvalidType: ``election`` is not an :class:`~electoral.model.Election`.
    """
    if not isinstance(election, Election):
        raise InvalidType(field="election", value=election)
    start = election.polling_start.in_timezone(TRIPOLI)
    polling_day = start.date()
    references = {
        1: _at(_day(start.subtract(hours=48)), 12),
        2: _at(_day(start.subtract(hours=24)), 12),
        3: start,
        4: _at(polling_day, 12),
        5: _at(polling_day, 16),
        6: _at(polling_day, 20, 15),
    }
    codes = {1: _M.REMINDER_CHECKIN, 2: _M.REMINDER_CHECKIN, 3: _M.REMINDER_CHECKIN}
    codes |= {4: _M.REMINDER_REPORT, 5: _M.REMINDER_REPORT, 6: _M.REMINDER_LAST_REPORT}
    reminders = [
        Reminder(
            election=election,
            message=message,
            code=codes[message],
            audience=Audience.WHITELIST if message <= 3 else Audience.STAFF,
            reference=reference,
            due=reference + offset,
            period=None if message <= 3 else message - 3,
        )
        for message, reference in references.items()
        for offset in REMINDER_OFFSETS
    ]
    closing = (
        _at(polling_day, 21, 30),
        _at(polling_day, 22, 30),
        _at(polling_day, 23, 30),
        _at(polling_day.add(days=1), 8),
    )
    reminders += [
        Reminder(
            election=election,
            message=7,
            code=_M.REMINDER_CLOSE,
            audience=Audience.STAFF,
            reference=closing[0],
            due=due,
            period=4,
        )
        for due in closing
    ]
    return tuple(sorted(reminders, key=lambda r: (r.due, r.message)))


def _moment(now: object) -> pendulum.DateTime:
    return aware(now, "now")


def due_reminders(
    elections: Iterable[Election],
    now: dt.datetime,
    *,
    already_queued: Collection[Reminder] = (),
) -> tuple[Reminder, ...]:
    """The reminders to queue at ``now``.

    Elections are considered when their polling start is no earlier than 7 days
    before ``now`` and their polling end no later than 7 days after it. A reminder
    is due when ``|due − now| ≤ 5 minutes``; one in ``already_queued`` is never
    returned again.

    Raises:
        InvalidType: ``now`` is not an aware datetime.

    >>> import pendulum
    >>> from electoral.model import TRIPOLI, Election
    >>> e = Election(name_en="HoR", name_ar="مجلس النواب",
    ...              polling_start=pendulum.datetime(2014, 6, 25, 8, tz=TRIPOLI),
    ...              polling_end=pendulum.datetime(2014, 6, 25, 20, tz=TRIPOLI))
    >>> [r.message for r in due_reminders([e], pendulum.datetime(2014, 6, 25, 11, 58,
    ...                                                          tz=TRIPOLI))]
    [4]
    """
    moment = _moment(now)
    low = moment.subtract(days=REMINDER_LOOKAHEAD_DAYS)
    high = moment.add(days=REMINDER_LOOKAHEAD_DAYS)
    queued = set(already_queued)
    due: list[Reminder] = []
    for election in elections:
        if not isinstance(election, Election):
            raise InvalidType(field="elections", value=election)
        if not (election.polling_start >= low and election.polling_end <= high):
            continue
        due.extend(
            reminder
            for reminder in polling_reminders(election)
            if abs(reminder.due - moment) <= REMINDER_TOLERANCE and reminder not in queued
        )
    return tuple(due)


def skip_reminder(
    reminder: Reminder,
    phone: str,
    *,
    now: dt.datetime,
    openings: Iterable[CenterOpen] = (),
    reports: Iterable[PollingReport] = (),
) -> bool:
    """Whether ``phone`` need not get ``reminder`` at ``now``.

    A check-in reminder (1–3) is skipped when the phone recorded a centre opening
    since midnight (Tripoli) of ``now``'s day; a report reminder (4–7) when the
    phone sent a report for the reminder's period within the 24 hours before
    ``now``. Openings and reports of other elections do not count (records without
    an election do).

    >>> import pendulum
    >>> from electoral.model import TRIPOLI, Election
    >>> e = Election(name_en="HoR", name_ar="مجلس النواب",
    ...              polling_start=pendulum.datetime(2014, 6, 25, 8, tz=TRIPOLI),
    ...              polling_end=pendulum.datetime(2014, 6, 25, 20, tz=TRIPOLI))
    >>> noon = [r for r in polling_reminders(e) if r.message == 4][0]
    >>> report = PollingReport(election=e, phone="218923456789", center_id=11001,
    ...                        period=1, voters=120, created_at=noon.due.subtract(minutes=40))
    >>> skip_reminder(noon, "218923456789", now=noon.due, reports=[report])
    True
    >>> skip_reminder(noon, "218923456780", now=noon.due, reports=[report])
    False
    """
    moment = _moment(now)
    if not isinstance(reminder, Reminder):
        raise InvalidType(field="reminder", value=reminder)

    def ours(record: CenterOpen | PollingReport) -> bool:
        return record.phone == phone and record.election in (None, reminder.election)

    if reminder.period is None:
        midnight = moment.in_timezone(TRIPOLI).start_of("day")
        return any(ours(o) and midnight <= o.created_at <= moment for o in openings)
    since = moment - _REPORT_WINDOW
    return any(
        ours(r) and r.period == reminder.period and since <= r.created_at <= moment
        for r in reports
    )
