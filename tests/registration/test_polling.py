"""Polling-day reports: windows, codes, turnout alarm, latest-wins and aggregation."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.model import TRIPOLI, Center, CenterType, Election, Office, Region
from electoral.registration import (
    InMemoryPollingState,
    PeriodTotal,
    PollingReport,
    PreliminaryCount,
    aggregate_reports,
    handle_polling_sms,
    latest_reports,
)

PHONE = "218911234567"


def at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, second, tz=TRIPOLI)


ELECTION = Election(
    name_en="E", name_ar="ا", polling_start=at(2014, 6, 25, 8), polling_end=at(2014, 6, 25, 20)
)
CENTERS = [
    Center(center_id=11001, name_ar="أ", office_id=1),
    Center(center_id=11002, name_ar="ب", office_id=2),
    Center(center_id=11003, name_ar="ن", office_id=1, center_type=CenterType.COPY, copy_of=11001),
]


def state(
    activations: dict[str, int] | None = None, registrants: dict[int, int] | None = None
) -> InMemoryPollingState:
    return InMemoryPollingState(
        whitelist=[PHONE, "2"],
        centers=CENTERS,
        elections=[ELECTION],
        registrants={11001: 100, 11002: 0} if registrants is None else registrants,
        activations=activations,
    )


def codes(
    s: InMemoryPollingState, text: str, now: pendulum.DateTime, sender: str = PHONE, **kw: bool
) -> list[int]:
    return [int(r.code) for r in s.receive(sender=sender, text=text, now=now, **kw).replies]


DURING = at(2014, 6, 25, 12)


def test_activation_flow() -> None:
    s = state()
    assert codes(s, "11001*11001", at(2014, 6, 22, 23, 59), sender="9") == [51]
    assert codes(s, "11001*11001", at(2014, 6, 22, 23, 59)) == [74]
    assert codes(s, "11001", DURING) == [76]
    assert codes(s, "", DURING) == [76]
    assert codes(s, "11001*11002", DURING) == [82]
    assert codes(s, "99998*99998", DURING) == [78]
    assert codes(s, "11001*11001", at(2014, 6, 23)) == [77, 86]
    assert s.activations == {PHONE: 11001}
    assert codes(s, "1*10", at(2014, 6, 23)) == [74]  # before polling start


def test_open_and_reports() -> None:
    s = state({PHONE: 11001})
    assert codes(s, "0*11001", DURING) == [86]
    assert codes(s, "0*11002", DURING) == [85]
    assert codes(s, "0*99998", DURING) == [78]
    assert codes(s, "0*11001", at(2014, 6, 25, 20)) == [74]
    assert codes(s, "1*90", DURING) == [81]
    assert codes(s, "2*91", DURING) == [88]
    assert codes(s, "7*1", DURING) == [75]
    assert codes(s, "1", DURING) == [75]
    assert codes(s, "", DURING) == [75]
    assert codes(s, "3*4*5", DURING) == [75]
    assert codes(s, "4*80", at(2014, 6, 26, 11, 59)) == [81]
    assert codes(s, "4*80", at(2014, 6, 26, 12)) == [74]


def test_turnout_alarm_before_no_registrants() -> None:
    s = state({PHONE: 11002, "2": 11003})
    assert codes(s, "1*1", DURING) == [89]  # no registrants: turnout is 0, so no alarm
    assert codes(s, "1*0", DURING) == [89]
    assert codes(s, "1*95", DURING, sender="2") == [88]  # copy: the original's 100 registrants
    reply = s.receive(sender="2", text="1*50", now=DURING).replies[0]
    assert reply.params["turnout"] == "50%"


def test_enable_all_tools_and_preliminary() -> None:
    s = state({PHONE: 11001})
    late = at(2014, 7, 10)
    assert codes(s, "1*5", late) == [74]
    assert codes(s, "1*5", late, enable_all_tools=True) == [81]
    assert codes(s, "5*2*40", late, enable_all_tools=True) == [74]
    assert codes(s, "5*2*40", DURING) == [87]
    assert codes(s, "5*2*45", DURING) == [87]
    counts = [r for r in s.records if isinstance(r, PreliminaryCount)]
    assert [c.votes for c in counts] == [45]


def test_server_error() -> None:
    class Broken(InMemoryPollingState):
        def registrants(self, center_id: int) -> int:
            raise RuntimeError("down")

    s = Broken(
        whitelist=[PHONE], centers=CENTERS, elections=[ELECTION], activations={PHONE: 11001}
    )
    assert [
        int(r.code) for r in handle_polling_sms(s, sender=PHONE, text="1*5", now=DURING).replies
    ] == [13]


def test_strict_mode_raises_the_failure() -> None:
    class Broken(InMemoryPollingState):
        def registrants(self, center_id: int) -> int:
            raise RuntimeError("down")

    s = Broken(
        whitelist=[PHONE], centers=CENTERS, elections=[ELECTION], activations={PHONE: 11001}
    )
    with pytest.raises(RuntimeError, match="down"):
        handle_polling_sms(s, sender=PHONE, text="1*5", now=DURING, strict=True)


@pytest.mark.parametrize(
    "text",
    ["1*" + "9" * 5000, "1*" + "9" * 13, "5*2*" + "9" * 30, "0*" + "1" * 20, "1*5" + " " * 1_000],
)
def test_huge_numbers_and_long_texts_are_invalid_reports(text: str) -> None:
    """A count past any station's used to reach the records (and answer 13)."""
    assert codes(state({PHONE: 11001}), text, DURING, strict=True) == [75]


@given(st.text(alphabet="0123456789*#٠١٢ x", max_size=40))
def test_reports_never_crash(text: str) -> None:
    for activations in ({}, {PHONE: 11001}):
        replies = codes(state(activations), text, DURING, strict=True)
        assert 13 not in replies


def report(center: int, period: int, voters: int, when: pendulum.DateTime) -> PollingReport:
    return PollingReport(
        election=ELECTION,
        phone=PHONE,
        center_id=center,
        period=period,
        voters=voters,
        created_at=when,
    )


def test_latest_report_wins_per_day() -> None:
    reports = [
        report(11001, 1, 50, DURING),
        report(11001, 1, 40, DURING.add(minutes=5)),
        report(11001, 1, 70, DURING.add(days=1)),
    ]
    latest = latest_reports(reports)
    assert len(latest) == 2
    assert latest[(11001, 1, DURING.date())].voters == 40


def test_aggregation_levels() -> None:
    offices = {
        1: Office(id=1, name_en="T", name_ar="ط", region=Region.WEST),
        2: Office(id=2, name_en="B", name_ar="ب", region=Region.EAST),
    }
    reports = [
        report(11001, 1, 50, DURING),
        report(11002, 1, 30, DURING),
        report(11003, 1, 5, DURING),
        report(11001, 2, 80, DURING),
    ]
    centers = {c.center_id: c for c in CENTERS}
    totals = aggregate_reports(reports, centers=centers, offices=offices)
    assert totals.country == {1: PeriodTotal(85, 3), 2: PeriodTotal(80, 1)}
    assert totals.office[1][1] == PeriodTotal(55, 2)
    assert totals.region[Region.EAST] == {1: PeriodTotal(30, 1)}
    closed = aggregate_reports(reports, centers=centers, offices=offices, closed={11002})
    assert closed.country[1] == PeriodTotal(55, 2)
    assert (
        aggregate_reports(
            reports, centers=centers, offices=offices, day=DURING.date().add(days=1)
        ).country
        == {}
    )


@given(
    st.lists(
        st.tuples(
            st.sampled_from([11001, 11002]),
            st.integers(1, 4),
            st.integers(0, 500),
            st.integers(0, 600),
        ),
        max_size=30,
    )
)
def test_country_is_sum_of_latest(rows: list[tuple[int, int, int, int]]) -> None:
    reports = [report(c, p, v, DURING.add(minutes=m)) for c, p, v, m in rows]
    totals = aggregate_reports(reports, centers={c.center_id: c for c in CENTERS}, offices={})
    for period, total in totals.country.items():
        assert total.votes == sum(t[period].votes for t in totals.center.values() if period in t)


@pytest.mark.parametrize("text", ["", "x", "1*2*3*4*5", "١*٢"])
def test_unactivated_garbage(text: str) -> None:
    assert codes(state(), text, DURING)[0] in (76, 82, 78)
