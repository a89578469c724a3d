"""Registration periods and election windows (test vectors from SmartElect)."""

from __future__ import annotations

import pendulum
import pytest

from electoral.errors import InconsistentValue, ValidationErrors
from electoral.model import TRIPOLI, Election, RegistrationPeriod
from electoral.registration import (
    activation_window,
    add_registration_period,
    check_registration_periods,
    current_elections,
    election_window,
    elections_in_progress,
    most_current_election,
    next_election,
    previous_election,
    registration_open,
    report_window,
    work_end,
    work_start,
)


def at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, second, tz=TRIPOLI)


def period(start: pendulum.DateTime, end: pendulum.DateTime) -> RegistrationPeriod:
    return RegistrationPeriod(start=start, end=end)


def election(start: pendulum.DateTime, end: pendulum.DateTime, name: str = "E") -> Election:
    return Election(name_en=name, name_ar="انتخاب", polling_start=start, polling_end=end)


TEST_PERIOD = period(at(2013, 3, 15, 8), at(2013, 4, 15, 20))


def test_registration_open_half_open() -> None:
    assert not registration_open([TEST_PERIOD], at(2013, 3, 15, 7, 59, 59))
    assert registration_open([TEST_PERIOD], at(2013, 3, 15, 8))
    assert registration_open([TEST_PERIOD], at(2013, 4, 15, 19, 59, 59))
    assert not registration_open([TEST_PERIOD], at(2013, 4, 15, 20))
    assert registration_open([], at(2013, 1, 1), enable_all_tools=True)


def test_overlaps() -> None:
    a = period(at(2014, 1, 1), at(2014, 2, 1))
    assert len(add_registration_period([a], period(a.end, at(2014, 3, 1)))) == 2  # touching
    empty = period(at(2014, 5, 1), at(2014, 5, 1))
    assert len(add_registration_period([empty], empty)) == 2  # two empty periods
    for bad in (
        a,
        period(at(2013, 12, 1), at(2014, 1, 2)),
        period(at(2014, 1, 10), at(2014, 1, 11)),
        period(at(2013, 12, 1), at(2014, 3, 1)),
        period(at(2014, 1, 10), at(2014, 1, 10)),
    ):
        with pytest.raises(InconsistentValue) as info:
            add_registration_period([a], bad)
        assert str(info.value) == "Other registration periods overlap this one."


def test_check_periods_reports_each() -> None:
    a = period(at(2014, 1, 1), at(2014, 2, 1))
    with pytest.raises(ValidationErrors) as info:
        check_registration_periods([a, a, period(at(2014, 2, 1), at(2014, 3, 1)), a])
    assert [e.location for e in info.value.errors] == ["period 2", "period 4"]


E = election(at(2013, 3, 15, 8), at(2013, 4, 15, 20))


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        (at(2013, 3, 12, 23, 59), False),
        (at(2013, 3, 13), True),
        (at(2013, 3, 13, 8), True),
        (at(2013, 3, 14, 8), True),
        (at(2013, 3, 15), True),
        (at(2013, 3, 15, 8), True),
        (at(2013, 4, 15, 19, 59, 59), True),
        (at(2013, 4, 15, 20), False),
    ],
)
def test_activation_window(moment: pendulum.DateTime, open_: bool) -> None:
    assert activation_window(E).contains(moment) is open_


def test_report_window() -> None:
    window = report_window(E)
    assert window.contains(at(2013, 4, 16, 11))  # 15 h after polling end
    assert not window.contains(at(2013, 4, 17, 20))
    assert not window.contains(at(2013, 3, 15, 7, 59))
    assert work_end(E) == at(2013, 4, 16, 12)


def test_work_start_is_tripoli_midnight() -> None:
    utc_start = election(pendulum.datetime(2014, 6, 25, 0, 30, tz="UTC"), at(2014, 6, 25, 20))
    # 00:30 UTC = 02:30 Tripoli on 25 June; minus 48 h is 23 June, midnight in Tripoli.
    assert work_start(utc_start) == at(2014, 6, 23)
    assert election_window(E).start == at(2013, 3, 13)


def test_election_queries() -> None:
    early = election(at(2014, 1, 10, 8), at(2014, 1, 10, 20), "early")
    late = election(at(2014, 6, 25, 8), at(2014, 6, 25, 20), "late")
    both = [late, early]
    assert most_current_election(both, at(2014, 1, 10, 9)) is early
    assert elections_in_progress(both, at(2014, 1, 10, 9)) == [early]
    assert most_current_election(both, at(2014, 3, 1)) is late
    assert next_election(both, at(2014, 1, 10, 20)) is late
    assert previous_election(both, at(2014, 1, 10, 20)) is early
    assert most_current_election(both, at(2015, 1, 1)) is late
    assert previous_election(both, at(2014, 1, 1)) is None
    assert current_elections(both, at(2014, 1, 11, 11)) == [early]
    assert current_elections(both, at(2014, 1, 11, 12)) == []
