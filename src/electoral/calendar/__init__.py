"""The Libyan working-day calendar (التقويم): weekends, holidays and deadlines.

Deadlines in Libyan electoral law come in hours, calendar days and working days.
Working days are Sunday to Thursday (the administration rests on Friday and
Saturday) that are not public holidays, in Africa/Tripoli.

Holidays are **data, never a calculation**. Law 5/2012 lists the occasions (17
February, 1 May, 16 September, 23 October, 24 December; Eid al-Fitr and Eid al-Adha,
three days each; the Day of Arafah; the Hijri New Year; the Mawlid); each year a
government decision fixes the days, and since 2014 the governments in the west and
in the east have sometimes fixed different ones. So a :class:`LibyanCalendar` is
built for one :class:`Authority`, and the lunar dates are a published table per year,
each row with its source (:data:`HOLIDAYS`): the decision where it was found,
otherwise timeanddate.com's Libya listing. The tables cover 2012 to 2026; 2026's
lunar dates are estimates, which a count refuses to rest on until they are
announced (or ``allow_estimated=True``). A day outside the tables is refused with
``calendar.outside_tables``; a day announced later is added with ``declared``.

>>> import pendulum
>>> from electoral.law import Citation
>>> calendar = LibyanCalendar(authority=Authority.WEST)
>>> appeal = Deadline(amount=2, unit=Unit.WORKING_DAYS,
...                   anchor="announcement of the preliminary results",
...                   citation=Citation(instrument="HNEC Decree 43/2023"))
>>> due = calendar.due(appeal, pendulum.datetime(2024, 11, 24, 20, tz="Africa/Tripoli"))
>>> due.last_day
Date(2024, 11, 26)
>>> try:
...     calendar.is_working_day(pendulum.date(2027, 1, 3))
... except OutsideTables as error:
...     print(error.code, "-", error)
calendar.outside_tables - 2027-01-03 is outside the published holiday tables, which cover \
2012-01-01 to 2026-12-31.
"""

from __future__ import annotations

from electoral.calendar._holidays import (
    FIRST_YEAR,
    HOLIDAYS,
    LAST_YEAR,
    TABLES_VERSION,
    Authority,
    Holiday,
    HolidayKind,
)
from electoral.calendar._working_days import (
    WEEKEND,
    Deadline,
    Due,
    EstimatedHoliday,
    LibyanCalendar,
    OutsideTables,
    Unit,
)

__all__ = [
    "FIRST_YEAR",
    "HOLIDAYS",
    "LAST_YEAR",
    "TABLES_VERSION",
    "WEEKEND",
    "Authority",
    "Deadline",
    "Due",
    "EstimatedHoliday",
    "Holiday",
    "HolidayKind",
    "LibyanCalendar",
    "OutsideTables",
    "Unit",
]
