"""Appeal schedules per election, and preliminary and final results as states."""

from __future__ import annotations

import pendulum
import pytest

from electoral.calendar import Authority, LibyanCalendar, OutsideTables, Unit
from electoral.disputes import (
    APPEALS,
    ResultsState,
    ResultsStatus,
    announce,
    cda_2014_appeals,
    check_filed,
    hor_2014_appeals,
    municipal_2023_appeals,
    president_2021_appeals,
)
from electoral.errors import InconsistentValue

WEST = LibyanCalendar(authority=Authority.WEST)


def tripoli(year: int, month: int, day: int, hour: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, tz="Africa/Tripoli")


def test_every_step_cites_its_source() -> None:
    schedules = [
        APPEALS["gnc_2012"](),
        cda_2014_appeals(),
        hor_2014_appeals(results_appeal_days=15),
        president_2021_appeals(),
        municipal_2023_appeals(),
    ]
    for schedule in schedules:
        for step in schedule.steps:
            assert step.deadline.citation.source.startswith("http")
            assert step.body


def test_municipal_results_appeal_of_2024() -> None:
    step = municipal_2023_appeals().step("results appeal")
    anchor = tripoli(2024, 11, 24, 20)
    due = check_filed(step, anchor_at=anchor, filed_at=tripoli(2024, 11, 25, 9), calendar=WEST)
    assert due.last_day == pendulum.date(2024, 11, 26)
    with pytest.raises(InconsistentValue) as late:
        check_filed(step, anchor_at=anchor, filed_at=tripoli(2024, 11, 27, 8), calendar=WEST)
    assert late.value.code == "disputes.late"
    assert "HNEC Decree 43/2023 Chapter Ten (appeals)" in str(late.value)
    with pytest.raises(InconsistentValue) as early:
        check_filed(step, anchor_at=anchor, filed_at=tripoli(2024, 11, 24, 8), calendar=WEST)
    assert early.value.code == "disputes.early"


def test_president_2021_hours() -> None:
    schedule = president_2021_appeals()
    step = schedule.step("candidate appeal")
    assert (step.deadline.amount, step.deadline.unit) == (72, Unit.HOURS)
    # the preliminary list was published on 24 November 2021 (HNEC Decision 80)
    anchor = tripoli(2021, 11, 24, 18)
    due = check_filed(step, anchor_at=anchor, filed_at=tripoli(2021, 11, 27, 17), calendar=WEST)
    assert due.ends == tripoli(2021, 11, 27, 18)
    with pytest.raises(InconsistentValue):
        schedule.step("appeal to the moon")


def test_hor_2014_window_has_no_default() -> None:
    with pytest.raises(TypeError, match="results_appeal_days"):
        hor_2014_appeals()  # type: ignore[call-arg]
    schedule = hor_2014_appeals(results_appeal_days=2)
    assert schedule.parameters[0].default is None


def test_a_deadline_beyond_the_tables_is_refused() -> None:
    step = municipal_2023_appeals().step("results appeal")
    with pytest.raises(OutsideTables):
        check_filed(
            step,
            anchor_at=tripoli(2027, 3, 1),
            filed_at=tripoli(2027, 3, 2),
            calendar=WEST,
        )


def test_preliminary_and_final_results_are_distinct_states() -> None:
    appeal = municipal_2023_appeals().step("results appeal").deadline
    state = ResultsState(election="municipal_2023")
    assert state.status is ResultsStatus.NONE
    state = announce(
        state,
        ResultsStatus.PARTIAL_PRELIMINARY,
        at=tripoli(2024, 11, 20, 18),
        instrument="HNEC, first batch",
    )
    state = announce(
        state, ResultsStatus.PRELIMINARY, at=tripoli(2024, 11, 24, 20), instrument="HNEC"
    )
    window = state.appeal_window(appeal, WEST)
    assert window is not None
    assert window.ends == tripoli(2024, 11, 27)
    with pytest.raises(InconsistentValue) as pending:
        announce(
            state,
            ResultsStatus.FINAL,
            at=tripoli(2024, 11, 28, 12),
            instrument="HNEC",
            appeal=appeal,
            calendar=WEST,
            pending=3,
        )
    assert pending.value.code == "disputes.appeals_pending"
    final = announce(
        state,
        ResultsStatus.FINAL,
        at=tripoli(2024, 11, 28, 12),
        instrument="HNEC",
        appeal=appeal,
        calendar=WEST,
    )
    assert final.status is ResultsStatus.FINAL
    assert [a.status for a in final.announcements] == [
        ResultsStatus.PARTIAL_PRELIMINARY,
        ResultsStatus.PRELIMINARY,
        ResultsStatus.FINAL,
    ]
    with pytest.raises(InconsistentValue) as order:
        announce(final, ResultsStatus.PRELIMINARY, at=tripoli(2024, 12, 1), instrument="x")
    assert order.value.code == "disputes.status_order"
    with pytest.raises(InconsistentValue) as skip:
        announce(
            ResultsState(election="x"), ResultsStatus.FINAL, at=tripoli(2024, 1, 1), instrument="x"
        )
    assert skip.value.code == "disputes.status_order"
    with pytest.raises(InconsistentValue) as back:
        announce(state, ResultsStatus.PRELIMINARY, at=tripoli(2024, 11, 1), instrument="x")
    assert back.value.code == "disputes.announced_before"
    with pytest.raises(TypeError, match="calendar"):
        announce(
            state, ResultsStatus.FINAL, at=tripoli(2024, 12, 1), instrument="x", appeal=appeal
        )
