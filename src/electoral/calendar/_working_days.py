"""Private: working days and deadlines in Africa/Tripoli.

A deadline has an amount, a unit and an anchor (the event it runs from):

* ``HOURS``: the window ends ``amount`` hours after the anchor instant (weekends and
  holidays count, unless ``hours_skip_non_working_days``);
* ``DAYS``: calendar days; day 1 is the day after the anchor's day, and the window
  ends at midnight after day ``amount``;
* ``WORKING_DAYS``: day 1 is the first working day after the anchor's day, and the
  window ends at midnight after working day ``amount``.

Every window is half-open, ``[anchor, ends)``, in Libyan time. The municipal appeals
of 2024 fix the reading of working days: results announced on Sunday 24 November 2024,
appeals on Monday 25 and Tuesday 26 November (HNEC's announcement, reported by the
Libya Observer).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any, Final

import attrs
import pendulum

from electoral._checks import day_of as _day
from electoral._checks import moment_of as _moment
from electoral._checks import sequence_of
from electoral.calendar._holidays import (
    FIRST_YEAR,
    HOLIDAYS,
    LAST_YEAR,
    TABLES_VERSION,
    Authority,
    Holiday,
    HolidayKind,
)
from electoral.errors import InconsistentValue, InvalidType, OutOfRange, register_messages
from electoral.law import Citation
from electoral.model import TRIPOLI, Period
from electoral.model import _validators as v
from electoral.seats import Parameter

__all__ = [
    "WEEKEND",
    "Deadline",
    "Due",
    "EstimatedHoliday",
    "LibyanCalendar",
    "OutsideTables",
    "Unit",
]

register_messages(
    {
        "calendar.outside_tables": (
            "{day} is outside the published holiday tables, which cover {first} to {last}.",
            "التاريخ {day} خارج جداول العطلات المنشورة، وهي تغطي من {first} إلى {last}.",
        ),
        "calendar.estimated_holiday": (
            "{day} is an estimated holiday ({name}) whose date has not been announced.",
            "التاريخ {day} عطلة تقديرية ({name}) لم يُعلن موعدها بعد.",
        ),
        "calendar.authority": (
            "{value} is not a government that fixes holidays; choose west or east.",
            "{value} ليست حكومة تحدد العطلات؛ اختر الغرب أو الشرق.",
        ),
        "calendar.late": (
            "{at} is after the deadline, which ended at {ends}.",
            "الوقت {at} بعد انتهاء المهلة في {ends}.",
        ),
        "calendar.early": (
            "{at} is before the period opened at {start}.",
            "الوقت {at} قبل بدء المدة في {start}.",
        ),
        "calendar.weekend": (
            "{value} is not a set of weekdays leaving at least one working day.",
            "{value} ليست مجموعة أيام أسبوع تترك يوم عمل واحدًا على الأقل.",
        ),
    }
)

WEEKEND: Final = frozenset({pendulum.WeekDay.FRIDAY, pendulum.WeekDay.SATURDAY})
"""Friday and Saturday, the weekly rest days of the administration."""

_MAX_AMOUNT: Final = 3_660


class OutsideTables(OutOfRange):
    """A day outside the years the holiday tables cover."""

    default_code = "calendar.outside_tables"


class EstimatedHoliday(InconsistentValue):
    """A deadline would rest on a lunar holiday that has not been announced."""

    default_code = "calendar.estimated_holiday"


class Unit(enum.Enum):
    """The unit of a deadline."""

    HOURS = "hours"
    DAYS = "days"
    WORKING_DAYS = "working_days"


@attrs.frozen(kw_only=True)
class Deadline:
    """A period the law gives to act, with what it runs from.

    Attributes:
        amount: how many units (1 to 3,660).
        unit: hours, calendar days or working days.
        anchor: the event the period runs from ("announcement of the preliminary
            results").
        citation: where the period is set.
    """

    amount: int = attrs.field(validator=v.integer(1, _MAX_AMOUNT))
    unit: Unit = attrs.field(validator=v.enum_member(Unit))
    anchor: str = attrs.field(validator=v.text(max_length=300, blank=False))
    citation: Citation = attrs.field(validator=v.instance(Citation))

    def __str__(self) -> str:
        unit = self.unit.value.replace("_", " ")
        if self.amount == 1:
            unit = unit[:-1]
        return f"{self.amount} {unit} from the {self.anchor} ({self.citation.reference})"


@attrs.frozen(kw_only=True)
class Due:
    """When a deadline ends, and what the calendar skipped to find it.

    Attributes:
        deadline: the deadline.
        anchor_at: the anchor instant, in Libyan time.
        ends: the first instant after the window, ``[anchor_at, ends)``.
        last_day: the last calendar day on which the act is in time.
        days_off: the non-working days (weekends, holidays) inside the window that
            the count skipped, with the holiday when there is one.
        calendar: the authority and tables version the count used.
    """

    deadline: Deadline
    anchor_at: pendulum.DateTime
    ends: pendulum.DateTime
    last_day: pendulum.Date
    days_off: tuple[tuple[pendulum.Date, Holiday | None], ...]
    calendar: str

    @property
    def window(self) -> Period:
        """The half-open period ``[anchor_at, ends)``."""
        return Period(start=self.anchor_at, end=self.ends)

    def is_timely(self, at: dt.datetime) -> bool:
        """Whether ``at`` lies in the window."""
        return self.window.contains(_moment(at, "at"))


def _weekend(value: object) -> frozenset[pendulum.WeekDay]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidType("calendar.weekend", field="weekend", value=value)
    days = frozenset(value)
    if not days or len(days) > 6 or not all(isinstance(d, pendulum.WeekDay) for d in days):
        raise InvalidType("calendar.weekend", field="weekend", value=value)
    return days


def _authority(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Authority):
        raise InvalidType(field=attribute.name, value=value)
    if value is Authority.NATIONAL:
        raise InconsistentValue("calendar.authority", field=attribute.name, value=value.value)


def _holidays(value: object) -> tuple[Holiday, ...]:
    return sequence_of(value, "declared", Holiday, data=True)


@attrs.frozen(kw_only=True)
class LibyanCalendar:
    """The working days of one government's administration.

    Attributes:
        authority: whose holiday decisions govern (``Authority.WEST`` or
            ``Authority.EAST``; required: the two have fixed different days).
        weekend: the weekly rest days (default Friday and Saturday).
        bridge_days_are_working_days: count declared bridge days (charged to annual
            leave) as working days; default ``False``, since offices are closed.
        unverified_holidays: count days whose closure is not confirmed (14 August)
            as days off; default ``False``.
        allow_estimated: let a count rest on an estimated lunar date; default
            ``False``: such a count is refused until the date is announced.
        hours_skip_non_working_days: let a period in hours run only on working
            days; default ``False``.
        declared: days off declared after the tables (a closure, an announced Eid),
            added to the authority's days.

    >>> calendar = LibyanCalendar(authority=Authority.WEST)
    >>> calendar.is_working_day(pendulum.date(2024, 11, 24))  # a Sunday
    True
    >>> calendar.is_working_day(pendulum.date(2024, 6, 17))  # Eid al-Adha, day 2
    False
    """

    authority: Authority = attrs.field(validator=_authority)
    weekend: frozenset[pendulum.WeekDay] = attrs.field(default=WEEKEND, converter=_weekend)
    bridge_days_are_working_days: bool = attrs.field(default=False, validator=v.boolean)
    unverified_holidays: bool = attrs.field(default=False, validator=v.boolean)
    allow_estimated: bool = attrs.field(default=False, validator=v.boolean)
    hours_skip_non_working_days: bool = attrs.field(default=False, validator=v.boolean)
    declared: tuple[Holiday, ...] = attrs.field(default=(), converter=_holidays)
    _index: dict[pendulum.Date, Holiday] = attrs.field(
        init=False, repr=False, eq=False, hash=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        index = self._index
        for holiday in (*HOLIDAYS, *self.declared):
            if holiday.authority not in (Authority.NATIONAL, self.authority):
                continue
            if holiday.kind is HolidayKind.BRIDGE and self.bridge_days_are_working_days:
                continue
            if not holiday.verified and not self.unverified_holidays:
                continue
            index.setdefault(holiday.day, holiday)

    @property
    def version(self) -> str:
        """The tables' version and authority, plus the days declared since."""
        extra = f" + {len(self.declared)} declared" if self.declared else ""
        return f"{TABLES_VERSION} ({self.authority.value}){extra}"

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """The unsettled points of the calendar and the values this one uses."""
        return (
            Parameter(
                name="weekend",
                value=tuple(sorted(day.name for day in self.weekend)),
                default=("FRIDAY", "SATURDAY"),
                note="Friday and Saturday for the administration (Panapress via ANBA, "
                "undated); the instrument and date of the change were not found.",
            ),
            Parameter(
                name="bridge_days_are_working_days",
                value=self.bridge_days_are_working_days,
                default=False,
                note="A bridge day is charged to annual leave and offices close; whether "
                "it counts for a legal deadline is not settled.",
            ),
            Parameter(
                name="unverified_holidays",
                value=self.unverified_holidays,
                default=False,
                note="14 August (GNU Decision 414/2021): not confirmed as a day off.",
            ),
            Parameter(
                name="allow_estimated",
                value=self.allow_estimated,
                default=False,
                note="Lunar dates are known only when announced, sometimes the evening "
                "before; a count never rests on an estimate unless asked.",
            ),
            Parameter(
                name="hours_skip_non_working_days",
                value=self.hours_skip_non_working_days,
                default=False,
                note="Periods in hours (72 hours in 2021) do not say whether weekends count.",
            ),
        )

    def holiday(self, day: dt.date) -> Holiday | None:
        """The holiday on ``day`` in this calendar, if any.

        Raises:
            OutsideTables: ``calendar.outside_tables``.
            EstimatedHoliday: ``calendar.estimated_holiday``, unless ``allow_estimated``.
        """
        return self._lookup(_day(day, "day"))

    def _lookup(self, day: pendulum.Date) -> Holiday | None:
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise OutsideTables(
                field="day",
                value=day,
                day=day.isoformat(),
                first=f"{FIRST_YEAR}-01-01",
                last=f"{LAST_YEAR}-12-31",
            )
        holiday = self._index.get(day)
        if holiday is not None and holiday.estimated and not self.allow_estimated:
            raise EstimatedHoliday(field="day", value=day, day=day.isoformat(), name=holiday.name)
        return holiday

    def _is_working(self, day: pendulum.Date) -> bool:
        holiday = self._lookup(day)
        return holiday is None and day.day_of_week not in self.weekend

    def is_working_day(self, day: dt.date) -> bool:
        """Whether offices work on ``day``: not a weekend day, not a day off.

        Raises:
            OutsideTables: ``calendar.outside_tables``.
            EstimatedHoliday: ``calendar.estimated_holiday``.
        """
        return self._is_working(_day(day, "day"))

    def working_days(self, start: dt.date, end: dt.date) -> tuple[pendulum.Date, ...]:
        """The working days in ``[start, end)``."""
        first, stop = _day(start, "start"), _day(end, "end")
        days = []
        day = first
        while day < stop:
            if self._is_working(day):
                days.append(day)
            day = day.add(days=1)
        return tuple(days)

    def add_working_days(self, day: dt.date, count: int) -> pendulum.Date:
        """The ``count``-th working day after ``day`` (``day`` itself not counted).

        >>> LibyanCalendar(authority=Authority.WEST).add_working_days(
        ...     pendulum.date(2024, 11, 24), 2)
        Date(2024, 11, 26)
        """
        if type(count) is not int or not 0 <= count <= _MAX_AMOUNT:
            raise OutOfRange(field="count", value=count, min_value=0, max_value=_MAX_AMOUNT)
        current = _day(day, "day")
        while count:
            current = current.add(days=1)
            if self._is_working(current):
                count -= 1
        return current

    def _off(self, first: pendulum.Date, last: pendulum.Date) -> list[tuple[pendulum.Date, Any]]:
        days = []
        day = first
        while day <= last:
            if not self._is_working(day):
                days.append((day, self._index.get(day)))
            day = day.add(days=1)
        return days

    def due(self, deadline: Deadline, anchor_at: dt.datetime) -> Due:
        """When ``deadline`` ends for an anchor event at ``anchor_at``.

        Raises:
            OutsideTables: a day the count needs is outside the tables.
            EstimatedHoliday: the count would rest on an estimated lunar date.

        >>> from electoral.law import Citation
        >>> appeal = Deadline(amount=2, unit=Unit.WORKING_DAYS,
        ...                   anchor="announcement of the preliminary results",
        ...                   citation=Citation(instrument="HNEC Decree 43/2023"))
        >>> due = LibyanCalendar(authority=Authority.WEST).due(
        ...     appeal, pendulum.datetime(2024, 11, 24, 18, tz="Africa/Tripoli"))
        >>> due.last_day, due.ends
        (Date(2024, 11, 26), DateTime(2024, 11, 27, 0, 0, 0, tzinfo=Timezone('Africa/Tripoli')))
        """
        if not isinstance(deadline, Deadline):
            raise TypeError(f"deadline must be a Deadline, not {type(deadline).__name__}")
        start = _moment(anchor_at, "anchor_at")
        anchor_day = pendulum.Date(start.year, start.month, start.day)
        days_off: list[tuple[pendulum.Date, Any]] = []
        if deadline.unit is Unit.WORKING_DAYS:
            last = self.add_working_days(anchor_day, deadline.amount)
            days_off = self._off(anchor_day.add(days=1), last)
            ends = _midnight_after(last)
        elif deadline.unit is Unit.DAYS:
            last = anchor_day.add(days=deadline.amount)
            ends = _midnight_after(last)
        elif self.hours_skip_non_working_days:
            ends, days_off = self._working_hours(start, deadline.amount)
            last = _last_day(ends)
        else:
            ends = start.add(hours=deadline.amount)
            last = _last_day(ends)
        return Due(
            deadline=deadline,
            anchor_at=start,
            ends=ends,
            last_day=last,
            days_off=tuple(days_off),
            calendar=self.version,
        )

    def _working_hours(
        self, start: pendulum.DateTime, hours: int
    ) -> tuple[pendulum.DateTime, list[tuple[pendulum.Date, Any]]]:
        remaining = dt.timedelta(hours=hours)
        cursor = start
        off: list[tuple[pendulum.Date, Any]] = []
        while True:
            day = pendulum.Date(cursor.year, cursor.month, cursor.day)
            midnight = _midnight_after(day)
            if self._is_working(day):
                if cursor + remaining <= midnight:
                    return cursor + remaining, off
                remaining -= midnight - cursor
            else:
                off.append((day, self._index.get(day)))
            cursor = midnight

    def check_timely(self, deadline: Deadline, anchor_at: dt.datetime, at: dt.datetime) -> Due:
        """Return the :class:`Due` if ``at`` is inside the window, else refuse it.

        Raises:
            InconsistentValue: ``calendar.late`` or ``calendar.early``.
        """
        due = self.due(deadline, anchor_at)
        moment = _moment(at, "at")
        if moment >= due.ends:
            raise InconsistentValue(
                "calendar.late",
                field="at",
                value=moment,
                at=moment.isoformat(),
                ends=due.ends.isoformat(),
            )
        if moment < due.anchor_at:
            raise InconsistentValue(
                "calendar.early",
                field="at",
                value=moment,
                at=moment.isoformat(),
                start=due.anchor_at.isoformat(),
            )
        return due


def _midnight_after(day: pendulum.Date) -> pendulum.DateTime:
    following = day.add(days=1)
    return pendulum.datetime(following.year, following.month, following.day, tz=TRIPOLI)


def _last_day(ends: pendulum.DateTime) -> pendulum.Date:
    last = ends.subtract(microseconds=1)
    return pendulum.Date(last.year, last.month, last.day)
