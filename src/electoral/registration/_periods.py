"""Registration periods and election work windows (الفترات الزمنية), in Libyan time.

**Registration periods** are half-open ``[start, end)``; an empty period (end =
start) is allowed; no two undeleted periods may overlap (*"Other registration
periods overlap this one."*). Overlap follows SmartElect's test literally: an
existing period overlaps a new one when it starts inside it (``start <= e.start <
end``), ends inside it (``start < e.end <= end``) or contains it (``e.start <=
start`` and ``e.end > end``). So touching ends do not overlap, two empty periods at
one instant do not overlap, and two identical non-empty periods do.

**Election windows**, derived from polling start PS and end PE:

* ``work_start`` = local midnight (Africa/Tripoli) of PS − 48 h: phone activation
  and centre opening run ``[work_start, PE)``;
* ``work_end`` = PE + 16 h: polling reports and preliminary counts run
  ``[PS, work_end)``;
* the election is *current* in ``[min(work_start, PS), max(work_end, PE))``,
  *in progress* in ``[PS, PE)``; *next* is the smallest PE after now, *previous*
  the largest PE at or before now; the *most current* is in progress, else next,
  else previous.

SmartElect truncated to midnight in whatever zone the value carried; here it is
always Tripoli (the intent stated in ``register/utils.py``).

Sources: SmartElect ``voting/models.py``, ``register/utils.py``,
``libya_elections/utils.py`` ("find overlapping records"),
``voting/tests/test_models.py``, ``register/tests/test_utils.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> import pendulum
>>> from electoral.model import TRIPOLI, Election
>>> e = Election(name_en="HoR", name_ar="مجلس النواب",
...              polling_start=pendulum.datetime(2013, 3, 15, 8, tz=TRIPOLI),
...              polling_end=pendulum.datetime(2013, 4, 15, 20, tz=TRIPOLI))
>>> work_start(e)
DateTime(2013, 3, 13, 0, 0, 0, tzinfo=Timezone('Africa/Tripoli'))
>>> activation_window(e).contains(pendulum.datetime(2013, 3, 12, 23, 59, tz=TRIPOLI))
False
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import pendulum

from electoral._guard import guarded
from electoral.errors import ErrorCollector, InconsistentValue
from electoral.model import TRIPOLI, Election, Period, RegistrationPeriod
from electoral.registration._eligibility import local_date

__all__ = [
    "activation_window",
    "add_registration_period",
    "check_registration_periods",
    "current_elections",
    "election_window",
    "elections_in_progress",
    "most_current_election",
    "next_election",
    "previous_election",
    "registration_open",
    "report_window",
    "work_end",
    "work_start",
]


def _overlap(existing: Period, new: Period) -> bool:
    return (
        new.start <= existing.start < new.end
        or new.start < existing.end <= new.end
        or (existing.start <= new.start and existing.end > new.end)
    )


@guarded
def add_registration_period(
    periods: Sequence[RegistrationPeriod], new: RegistrationPeriod
) -> tuple[RegistrationPeriod, ...]:
    """Return ``periods`` plus ``new``, sorted by start, if ``new`` overlaps none.

    >>> a = RegistrationPeriod(start=pendulum.datetime(2014, 1, 1, tz=TRIPOLI),
    ...                        end=pendulum.datetime(2014, 2, 1, tz=TRIPOLI))
    >>> b = RegistrationPeriod(start=a.end, end=pendulum.datetime(2014, 3, 1, tz=TRIPOLI))
    >>> len(add_registration_period([a], b))
    2
    >>> add_registration_period([a, b], a)
    Traceback (most recent call last):
    ...
    electoral.errors.InconsistentValue: Other registration periods overlap this one.

    Raises:
        InconsistentValue: ``registration.period_overlap``.
    """
    for existing in periods:
        if _overlap(existing, new):
            raise InconsistentValue("registration.period_overlap", field="start", value=new.start)
    return tuple(sorted([*periods, new], key=lambda p: (p.start, p.end)))


@guarded
def check_registration_periods(periods: Iterable[RegistrationPeriod]) -> None:
    """Check a whole set of periods; report each one that overlaps an earlier one.

    Raises:
        ValidationErrors: one member per offending period (``period N``, 1-based).
    """
    collector = ErrorCollector("registration periods")
    accepted: list[RegistrationPeriod] = []
    for number, period in enumerate(periods, start=1):
        with collector.at(f"period {number}"):
            add_registration_period(accepted, period)
        accepted.append(period)
    collector.raise_if_any()


@guarded
def registration_open(
    periods: Iterable[Period], now: dt.datetime, *, enable_all_tools: bool = False
) -> bool:
    """Whether some period contains ``now`` (or ``ENABLE_ALL_TOOLS`` is on).

    >>> p = RegistrationPeriod(start=pendulum.datetime(2013, 3, 15, 8, tz=TRIPOLI),
    ...                        end=pendulum.datetime(2013, 4, 15, 20, tz=TRIPOLI))
    >>> registration_open([p], pendulum.datetime(2013, 3, 15, 7, 59, 59, tz=TRIPOLI))
    False
    """
    local_date(now)  # refuses a naive time
    return enable_all_tools or any(period.contains(now) for period in periods)


@guarded
def work_start(election: Election) -> pendulum.DateTime:
    """Local midnight (Tripoli) of polling start − 48 h."""
    moment = election.polling_start.in_timezone(TRIPOLI).subtract(hours=48)
    return pendulum.datetime(moment.year, moment.month, moment.day, tz=TRIPOLI)


@guarded
def work_end(election: Election) -> pendulum.DateTime:
    """Polling end + 16 h."""
    return election.polling_end.in_timezone(TRIPOLI).add(hours=16)


@guarded
def activation_window(election: Election) -> Period:
    """``[work_start, polling_end)``: phone activation and centre opening."""
    return Period(start=work_start(election), end=election.polling_end)


@guarded
def report_window(election: Election) -> Period:
    """``[polling_start, work_end)``: polling reports and preliminary counts."""
    return Period(start=election.polling_start, end=work_end(election))


@guarded
def election_window(election: Election) -> Period:
    """``[min(work_start, PS), max(work_end, PE))``: when the election is current."""
    return Period(
        start=min(work_start(election), election.polling_start),
        end=max(work_end(election), election.polling_end),
    )


def _by_start(elections: Iterable[Election]) -> list[Election]:
    return sorted(elections, key=lambda e: (e.polling_start, e.polling_end, e.name_en))


@guarded
def current_elections(elections: Iterable[Election], now: dt.datetime) -> list[Election]:
    """The elections whose :func:`election_window` contains ``now``, by polling start."""
    local_date(now)
    return [e for e in _by_start(elections) if election_window(e).contains(now)]


@guarded
def elections_in_progress(elections: Iterable[Election], now: dt.datetime) -> list[Election]:
    """The elections polling at ``now`` (``PS <= now < PE``), by polling start."""
    local_date(now)
    return [e for e in _by_start(elections) if e.polling.contains(now)]


@guarded
def next_election(elections: Iterable[Election], now: dt.datetime) -> Election | None:
    """The election with the smallest polling end after ``now``."""
    local_date(now)
    later = [e for e in _by_start(elections) if e.polling_end > now]
    return min(later, key=lambda e: e.polling_end) if later else None


@guarded
def previous_election(elections: Iterable[Election], now: dt.datetime) -> Election | None:
    """The election with the largest polling end at or before ``now``."""
    local_date(now)
    earlier = [e for e in _by_start(elections) if e.polling_end <= now]
    return max(earlier, key=lambda e: e.polling_end) if earlier else None


@guarded
def most_current_election(elections: Iterable[Election], now: dt.datetime) -> Election | None:
    """In progress, otherwise next, otherwise previous (ties: earliest polling start).

    >>> most_current_election([], pendulum.datetime(2014, 1, 1, tz=TRIPOLI)) is None
    True
    """
    chosen = list(elections)
    running = elections_in_progress(chosen, now)
    if running:
        return running[0]
    return next_election(chosen, now) or previous_election(chosen, now)
