"""The Libyan working-day calendar: published holidays, working days and deadlines."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.calendar import (
    FIRST_YEAR,
    HOLIDAYS,
    LAST_YEAR,
    WEEKEND,
    Authority,
    Deadline,
    EstimatedHoliday,
    Holiday,
    HolidayKind,
    LibyanCalendar,
    OutsideTables,
    Unit,
)
from electoral.errors import InconsistentValue, InvalidType, OutOfRange
from electoral.law import Citation

WEST = LibyanCalendar(authority=Authority.WEST)
EAST = LibyanCalendar(authority=Authority.EAST)
LAW = Citation(instrument="HNEC Decree 43/2023", article="Chapter Ten")


def tripoli(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, tz="Africa/Tripoli")


def deadline(amount: int, unit: Unit) -> Deadline:
    return Deadline(amount=amount, unit=unit, anchor="announcement", citation=LAW)


def test_municipal_appeals_of_november_2024() -> None:
    # HNEC announced the first group's preliminary results on Sunday 24 November 2024
    # and set the appeal days as Monday 25 and Tuesday 26 November (Libya Observer).
    due = WEST.due(deadline(2, Unit.WORKING_DAYS), tripoli(2024, 11, 24, 19))
    assert due.last_day == pendulum.date(2024, 11, 26)
    assert due.ends == tripoli(2024, 11, 27)
    assert due.days_off == ()
    assert due.is_timely(tripoli(2024, 11, 26, 23, 59))
    assert not due.is_timely(tripoli(2024, 11, 27))


def test_working_days_skip_the_weekend_and_holidays() -> None:
    # announced on Thursday 13 June 2024: Friday and Saturday are the weekend, Eid
    # al-Adha ran Sunday 16 to Tuesday 18 June with Arafah on Saturday 15
    due = WEST.due(deadline(2, Unit.WORKING_DAYS), tripoli(2024, 6, 13, 12))
    assert due.last_day == pendulum.date(2024, 6, 20)
    skipped = [day.isoformat() for day, _ in due.days_off]
    assert skipped == [
        "2024-06-14",
        "2024-06-15",
        "2024-06-16",
        "2024-06-17",
        "2024-06-18",
    ]
    names = {day.isoformat(): h.name for day, h in due.days_off if h is not None}
    assert names["2024-06-15"] == "Day of Arafah"
    assert names["2024-06-17"] == "Eid al-Adha holiday, day 2 of 3"


def test_the_two_governments_fixed_different_days() -> None:
    # Eid al-Fitr 2023: Friday 21 April in the east, Saturday 22 April in Tripoli,
    # three days each; Monday 24 April is Eid only in the west
    monday = pendulum.date(2023, 4, 24)
    assert not WEST.is_working_day(monday)
    assert EAST.is_working_day(monday)
    # Eid al-Adha 2018: the east gave Sunday to Thursday, the GNA Monday to Thursday
    sunday = pendulum.date(2018, 8, 19)
    assert WEST.is_working_day(sunday)
    assert not EAST.is_working_day(sunday)
    with pytest.raises(InconsistentValue) as info:
        LibyanCalendar(authority=Authority.NATIONAL)
    assert info.value.code == "calendar.authority"


def test_fixed_holidays_of_law_5_2012() -> None:
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for month, day in ((2, 17), (5, 1), (9, 16), (10, 23), (12, 24)):
            holiday = WEST.holiday(pendulum.date(year, month, day))
            assert holiday is not None
            assert holiday.citation.instrument == "Law 5/2012"
    # 1 September, removed in 2012, is a working day when not a weekend
    assert WEST.is_working_day(pendulum.date(2014, 9, 1))


def test_every_holiday_row_cites_its_source() -> None:
    assert len(HOLIDAYS) > 200
    for holiday in HOLIDAYS:
        assert holiday.citation.instrument
        assert holiday.citation.source.startswith("http")
        assert FIRST_YEAR <= holiday.day.year <= LAST_YEAR
    estimated = {h.day.year for h in HOLIDAYS if h.estimated}
    assert estimated == {2026}


def test_bridge_and_unverified_days_are_parameters() -> None:
    # East Decision 110/2023 made Sunday 22 October 2023 a bridge day before Liberation Day
    bridge = pendulum.date(2023, 10, 22)
    assert not EAST.is_working_day(bridge)
    counting = LibyanCalendar(authority=Authority.EAST, bridge_days_are_working_days=True)
    assert counting.is_working_day(bridge)
    # 14 August (GNU Decision 414/2021) is not confirmed as a day off
    sanitation = pendulum.date(2024, 8, 14)
    assert WEST.is_working_day(sanitation)
    assert not LibyanCalendar(authority=Authority.WEST, unverified_holidays=True).is_working_day(
        sanitation
    )
    names = [p.name for p in WEST.parameters]
    assert names == [
        "weekend",
        "bridge_days_are_working_days",
        "unverified_holidays",
        "allow_estimated",
        "hours_skip_non_working_days",
    ]


def test_a_date_outside_the_tables_is_refused() -> None:
    with pytest.raises(OutsideTables) as info:
        WEST.is_working_day(pendulum.date(2027, 1, 4))
    assert info.value.code == "calendar.outside_tables"
    assert info.value.value == pendulum.date(2027, 1, 4)
    with pytest.raises(OutsideTables):
        WEST.due(deadline(5, Unit.WORKING_DAYS), tripoli(2026, 12, 29, 10))
    with pytest.raises(OutsideTables):
        WEST.is_working_day(pendulum.date(2011, 12, 31))
    # a period in hours or calendar days needs no table
    assert WEST.due(deadline(3, Unit.DAYS), tripoli(2027, 1, 1)).last_day == pendulum.date(
        2027, 1, 4
    )


def test_an_estimated_lunar_date_is_refused_unless_allowed() -> None:
    # Eid al-Fitr 2026 is an estimate (20 March); a count across it is refused
    with pytest.raises(EstimatedHoliday) as info:
        WEST.due(deadline(5, Unit.WORKING_DAYS), tripoli(2026, 3, 17, 10))
    assert info.value.code == "calendar.estimated_holiday"
    allowed = LibyanCalendar(authority=Authority.WEST, allow_estimated=True)
    assert allowed.due(deadline(5, Unit.WORKING_DAYS), tripoli(2026, 3, 17, 10)).last_day > (
        pendulum.date(2026, 3, 24)
    )
    # an announced date, declared, overrides nothing but adds a day off
    announced = Holiday(
        day=pendulum.date(2026, 3, 19),
        name="Eid al-Fitr eve (declared)",
        name_ar="عطلة",
        kind=HolidayKind.ONE_OFF,
        authority=Authority.WEST,
        citation=Citation(instrument="GNU decision", source="https://example.org/decision"),
    )
    declared = LibyanCalendar(authority=Authority.WEST, declared=[announced], allow_estimated=True)
    assert not declared.is_working_day(pendulum.date(2026, 3, 19))
    assert "1 declared" in declared.version


def test_periods_in_hours_and_days() -> None:
    anchor = tripoli(2021, 11, 24, 10)  # a Wednesday
    assert WEST.due(deadline(72, Unit.HOURS), anchor).ends == tripoli(2021, 11, 27, 10)
    skipping = LibyanCalendar(authority=Authority.WEST, hours_skip_non_working_days=True)
    due = skipping.due(deadline(72, Unit.HOURS), anchor)
    assert due.ends == tripoli(2021, 11, 29, 10)  # Friday and Saturday skipped
    days = WEST.due(deadline(3, Unit.DAYS), anchor)
    assert (days.last_day, days.ends) == (pendulum.date(2021, 11, 27), tripoli(2021, 11, 28))
    utc = pendulum.datetime(2021, 11, 24, 23, 30, tz="UTC")  # already the 25th in Tripoli
    assert WEST.due(deadline(1, Unit.DAYS), utc).last_day == pendulum.date(2021, 11, 26)


def test_check_timely() -> None:
    law = deadline(2, Unit.WORKING_DAYS)
    anchor = tripoli(2024, 11, 24, 20)
    assert WEST.check_timely(law, anchor, tripoli(2024, 11, 25, 9)).last_day.day == 26
    with pytest.raises(InconsistentValue) as late:
        WEST.check_timely(law, anchor, tripoli(2024, 11, 27, 0))
    assert late.value.code == "calendar.late"
    assert "2024-11-27T00:00:00+02:00" in str(late.value)
    with pytest.raises(InconsistentValue) as early:
        WEST.check_timely(law, anchor, tripoli(2024, 11, 24, 19))
    assert early.value.code == "calendar.early"


def test_bad_input() -> None:
    with pytest.raises(OutOfRange):
        Deadline(amount=0, unit=Unit.DAYS, anchor="x", citation=LAW)
    with pytest.raises(InvalidType):
        LibyanCalendar(authority=Authority.WEST, weekend=set())
    with pytest.raises(InvalidType):
        LibyanCalendar(authority=Authority.WEST, weekend="FRIDAY")
    with pytest.raises(InvalidType) as naive:
        WEST.due(deadline(1, Unit.DAYS), dt.datetime(2024, 1, 1, 10))
    assert naive.value.code == "time.naive"
    with pytest.raises(TypeError, match="anchor_at"):
        WEST.due(deadline(1, Unit.DAYS), "2024-01-01")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="day"):
        WEST.is_working_day(tripoli(2024, 1, 1))
    with pytest.raises(TypeError, match="deadline"):
        WEST.due("2 days", tripoli(2024, 1, 1))  # type: ignore[arg-type]
    assert WEST.weekend == WEST.weekend == WEEKEND


DAYS = st.dates(min_value=dt.date(2012, 1, 1), max_value=dt.date(2025, 12, 1))


@given(day=DAYS, count=st.integers(min_value=0, max_value=20))
def test_adding_working_days_counts_exactly_that_many(day: dt.date, count: int) -> None:
    result = WEST.add_working_days(day, count)
    start = pendulum.Date(day.year, day.month, day.day)
    between = WEST.working_days(start.add(days=1), result.add(days=1))
    assert len(between) == count
    if count:
        assert WEST.is_working_day(result)
    else:
        assert result == start


@given(day=DAYS, count=st.integers(min_value=1, max_value=15), hour=st.integers(0, 23))
def test_a_working_day_window_ends_after_its_last_working_day(
    day: dt.date, count: int, hour: int
) -> None:
    anchor = tripoli(day.year, day.month, day.day, hour)
    due = EAST.due(deadline(count, Unit.WORKING_DAYS), anchor)
    assert due.anchor_at < due.ends
    assert EAST.is_working_day(due.last_day)
    assert due.ends == tripoli(due.last_day.year, due.last_day.month, due.last_day.day).add(days=1)
    calendar_days = (due.last_day - pendulum.Date(day.year, day.month, day.day)).days
    assert calendar_days == count + len(due.days_off)
