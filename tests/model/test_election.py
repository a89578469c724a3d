"""Tests for electoral.model.election: aware Libyan times, half-open periods, overlaps."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pendulum
import pytest

from electoral.errors import InconsistentValue, InvalidFormat, InvalidType, MissingValue
from electoral.model import TRIPOLI, Election, Period, RegistrationPeriod


def libya(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, second, tz=TRIPOLI)


START = libya(2013, 3, 15, 8)
END = libya(2013, 4, 15, 20)
TEST_PERIOD = RegistrationPeriod(start=START, end=END)


def period(start: pendulum.DateTime, end: pendulum.DateTime) -> Period:
    return Period(start=start, end=end)


def test_tripoli() -> None:
    assert TRIPOLI.name == "Africa/Tripoli"


# --- time zones --------------------------------------------------------------------------------


def test_aware_times_converted_to_tripoli() -> None:
    utc_start = dt.datetime(2013, 3, 15, 7, 0, tzinfo=dt.UTC)
    utc_end = dt.datetime(2013, 4, 15, 18, 0, tzinfo=dt.UTC)
    converted = Period(start=utc_start, end=utc_end)
    assert isinstance(converted.start, pendulum.DateTime)
    assert converted.start.timezone_name == "Africa/Tripoli"
    assert converted.end.timezone_name == "Africa/Tripoli"
    assert (converted.start.hour, converted.end.hour) == (8, 20)
    assert converted.start.utcoffset() == dt.timedelta(hours=1)
    assert converted.end.utcoffset() == dt.timedelta(hours=2)
    assert converted == Period(start=START, end=END)


def test_other_zones_converted() -> None:
    cairo = pendulum.datetime(2013, 3, 15, 9, tz="Africa/Cairo")
    fixed = dt.datetime(2013, 3, 15, 12, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    converted = Period(start=cairo, end=fixed)
    assert converted.start.timezone_name == "Africa/Tripoli"
    assert converted.start == START
    assert converted.end.timezone_name == "Africa/Tripoli"
    assert converted.end.hour == 8


@pytest.mark.parametrize("field", ["start", "end"])
def test_naive_times_refused(field: str) -> None:
    naive = dt.datetime(2013, 3, 15, 8)
    fields: dict[str, Any] = {"start": START, "end": END, field: naive}
    with pytest.raises(InvalidType) as info:
        Period(**fields)
    error = info.value
    assert type(error) is InvalidType
    assert (error.code, error.field, error.value) == ("time.naive", field, naive)
    assert error.message("ar").startswith("الوقت")


@pytest.mark.parametrize("junk", ["2013-03-15", dt.date(2013, 3, 15), 1363334400, None], ids=repr)
def test_non_times_refused(junk: object) -> None:
    with pytest.raises(InvalidType) as info:
        Period(start=junk, end=END)
    assert (info.value.code, info.value.field, info.value.value) == ("type", "start", junk)


# --- half-open periods -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "inside"),
    [
        (libya(2013, 3, 15, 7, 59, 59), False),
        (libya(2013, 3, 15, 8, 0, 0), True),
        (libya(2013, 4, 15, 19, 59, 59), True),
        (libya(2013, 4, 15, 20, 0, 0), False),
        (libya(2013, 4, 1, 12), True),
        (libya(2012, 1, 1), False),
    ],
)
def test_smartelect_test_period(moment: pendulum.DateTime, inside: bool) -> None:
    assert TEST_PERIOD.contains(moment) is inside
    as_utc = dt.datetime.fromtimestamp(moment.timestamp(), tz=dt.UTC)
    assert TEST_PERIOD.contains(as_utc) is inside


def test_contains_microseconds_before_the_end() -> None:
    assert TEST_PERIOD.contains(END.subtract(microseconds=1)) is True


def test_empty_period() -> None:
    empty = period(START, START)
    assert empty.is_empty is True
    assert empty.contains(START) is False
    assert TEST_PERIOD.is_empty is False


def test_end_before_start_refused() -> None:
    with pytest.raises(InconsistentValue) as info:
        RegistrationPeriod(start=END, end=START)
    error = info.value
    assert (error.code, error.field, error.value) == ("period.end_before_start", "end", START)
    assert str(error).endswith("End time must be after start time.")
    assert error.message("ar").endswith("يجب أن يكون وقت النهاية بعد وقت البداية.")


def test_end_one_second_before_start_refused() -> None:
    with pytest.raises(InconsistentValue):
        Period(start=START, end=START.subtract(seconds=1))


def test_registration_period_is_a_period() -> None:
    assert issubclass(RegistrationPeriod, Period)
    assert isinstance(TEST_PERIOD, Period)
    assert Period(start=START, end=END) != TEST_PERIOD


# --- overlaps ----------------------------------------------------------------------------------


def test_touching_periods_do_not_overlap() -> None:
    later = period(END, END.add(days=1))
    assert TEST_PERIOD.overlaps(later) is False
    assert later.overlaps(TEST_PERIOD) is False


def test_two_empty_periods_at_the_same_instant_do_not_overlap() -> None:
    empty = period(START, START)
    assert empty.overlaps(period(START, START)) is False


def test_identical_non_empty_periods_overlap() -> None:
    assert TEST_PERIOD.overlaps(RegistrationPeriod(start=START, end=END)) is True


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (libya(2013, 3, 1), libya(2013, 3, 15, 8, 0, 1)),
        (libya(2013, 4, 15, 19, 59, 59), libya(2013, 5, 1)),
        (libya(2013, 3, 20), libya(2013, 3, 21)),
        (libya(2013, 3, 1), libya(2013, 5, 1)),
    ],
)
def test_overlapping_periods(start: pendulum.DateTime, end: pendulum.DateTime) -> None:
    other = period(start, end)
    assert TEST_PERIOD.overlaps(other) is True
    assert other.overlaps(TEST_PERIOD) is True


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (libya(2013, 3, 1), START),
        (END, libya(2013, 5, 1)),
        (libya(2013, 3, 1), libya(2013, 3, 15, 7, 59, 59)),
    ],
)
def test_disjoint_periods(start: pendulum.DateTime, end: pendulum.DateTime) -> None:
    other = period(start, end)
    assert TEST_PERIOD.overlaps(other) is False
    assert other.overlaps(TEST_PERIOD) is False


def test_empty_period_at_either_end_does_not_overlap() -> None:
    assert TEST_PERIOD.overlaps(period(END, END)) is False
    assert period(END, END).overlaps(TEST_PERIOD) is False


def test_empty_period_inside_a_non_empty_one_shares_no_instant() -> None:
    """Deliberate: an empty period contains no instant, so it overlaps nothing.

    SmartElect's "starts during" test would flag it; the registration chapter
    applies SmartElect's rule to registration periods where that matters.
    """
    inside = period(libya(2013, 4, 1), libya(2013, 4, 1))
    assert TEST_PERIOD.overlaps(inside) is False
    assert inside.overlaps(TEST_PERIOD) is False


def test_overlap_across_time_zones() -> None:
    utc = Period(
        start=dt.datetime(2013, 4, 15, 17, 59, tzinfo=dt.UTC),
        end=dt.datetime(2013, 4, 15, 19, tzinfo=dt.UTC),
    )
    assert TEST_PERIOD.overlaps(utc) is True


# --- elections ---------------------------------------------------------------------------------


def make_election(**changes: Any) -> Election:
    fields: dict[str, Any] = {
        "name_en": "House of Representatives",
        "name_ar": "مجلس النواب",
        "polling_start": libya(2014, 6, 25, 8),
        "polling_end": libya(2014, 6, 25, 20),
    }
    fields.update(changes)
    return Election(**fields)


def test_election_polling_period() -> None:
    election = make_election()
    assert election.polling == Period(start=libya(2014, 6, 25, 8), end=libya(2014, 6, 25, 20))
    assert type(election.polling) is Period
    assert election.polling.contains(libya(2014, 6, 25, 19, 59, 59)) is True
    assert election.polling.contains(libya(2014, 6, 25, 20)) is False


def test_election_start_equal_end_allowed() -> None:
    moment = libya(2014, 6, 25, 8)
    assert make_election(polling_start=moment, polling_end=moment).polling.is_empty


def test_election_start_after_end_refused() -> None:
    start = libya(2014, 6, 25, 20, 0, 1)
    with pytest.raises(InconsistentValue) as info:
        make_election(polling_start=start)
    error = info.value
    assert (error.code, error.field, error.value) == (
        "election.polling_order",
        "polling_start",
        start,
    )
    assert str(error) == "Polling start time is later than end time."


def test_election_times_converted_and_naive_refused() -> None:
    election = make_election(polling_start=dt.datetime(2014, 6, 25, 6, tzinfo=dt.UTC))
    assert election.polling_start.timezone_name == "Africa/Tripoli"
    assert election.polling_start.hour == 8
    naive = dt.datetime(2014, 6, 25, 6)
    with pytest.raises(InvalidType) as info:
        make_election(polling_end=naive)
    assert (info.value.code, info.value.field, info.value.value) == (
        "time.naive",
        "polling_end",
        naive,
    )


@pytest.mark.parametrize("field", ["name_en", "name_ar"])
def test_election_names(field: str) -> None:
    assert getattr(make_election(**{field: "ن" * 150}), field) == "ن" * 150
    with pytest.raises(InvalidFormat) as info:
        make_election(**{field: "ن" * 151})
    assert (info.value.code, info.value.field) == ("text.too_long", field)
    assert info.value.params == {"max_length": 150}
    with pytest.raises(MissingValue) as blank:
        make_election(**{field: " "})
    assert (blank.value.code, blank.value.field, blank.value.value) == ("text.blank", field, " ")
    with pytest.raises(InvalidFormat) as bidi:
        make_election(**{field: "مجلس\u202bالنواب"})
    assert bidi.value.code == "text.control"


def test_evolve_revalidates_periods() -> None:
    with pytest.raises(InconsistentValue):
        attrs.evolve(TEST_PERIOD, end=START.subtract(seconds=1))
    assert attrs.evolve(TEST_PERIOD, end=START).is_empty
