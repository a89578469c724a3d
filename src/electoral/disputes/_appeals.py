"""Private: complaints and appeals: who hears them and by when, per election.

Each step of an election's appeal schedule is a :class:`~electoral.calendar.Deadline`
(an amount in hours, days or working days from an anchor event) and the body that
hears it. :func:`check_filed` refuses a complaint filed outside its window, with the
law; the window is computed on a :class:`~electoral.calendar.LibyanCalendar`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Final

import attrs

from electoral.calendar import Deadline, Due, LibyanCalendar, Unit
from electoral.errors import InconsistentValue, register_messages
from electoral.law import Citation
from electoral.model import _validators as v
from electoral.seats import Parameter

__all__ = [
    "APPEALS",
    "AppealSchedule",
    "AppealStep",
    "cda_2014_appeals",
    "check_filed",
    "gnc_2012_appeals",
    "hor_2014_appeals",
    "municipal_2023_appeals",
    "president_2021_appeals",
]

register_messages(
    {
        "disputes.late": (
            "Filed at {at}, after the {step} closed at {ends} ({law}).",
            "قُدم في {at} بعد انتهاء مهلة {step} في {ends} ({law}).",
        ),
        "disputes.early": (
            "Filed at {at}, before the {anchor} at {start}.",
            "قُدم في {at} قبل {anchor} في {start}.",
        ),
        "disputes.unknown_step": (
            "{value} is not a step of this appeal schedule ({choices}).",
            "{value} ليست مرحلة من مراحل الطعون هذه ({choices}).",
        ),
    }
)


@attrs.frozen(kw_only=True)
class AppealStep:
    """One step of an appeal schedule.

    Attributes:
        name: what is filed (``"results appeal"``).
        deadline: the period, its unit, anchor and citation.
        body: who hears it (a court, an appeal committee, HNEC).
    """

    name: str = attrs.field(validator=v.text(max_length=100, blank=False))
    deadline: Deadline = attrs.field(validator=v.instance(Deadline))
    body: str = attrs.field(validator=v.text(max_length=200, blank=False))


@attrs.frozen(kw_only=True)
class AppealSchedule:
    """An election's complaints and appeals, step by step.

    Attributes:
        election: the election's id.
        steps: the steps, in the order of the process.
        parameters: the unsettled points and the values used.
    """

    election: str
    steps: tuple[AppealStep, ...]
    parameters: tuple[Parameter, ...] = ()

    def step(self, name: str) -> AppealStep:
        """The step called ``name``.

        Raises:
            InconsistentValue: ``disputes.unknown_step``.
        """
        for step in self.steps:
            if step.name == name:
                return step
        raise InconsistentValue(
            "disputes.unknown_step",
            field="step",
            value=name,
            choices=", ".join(s.name for s in self.steps),
        )


def check_filed(
    step: AppealStep, *, anchor_at: dt.datetime, filed_at: dt.datetime, calendar: LibyanCalendar
) -> Due:
    """The window of ``step`` for an anchor at ``anchor_at``, if ``filed_at`` is in it.

    Raises:
        InconsistentValue: ``disputes.late`` or ``disputes.early``.
        OutsideTables, EstimatedHoliday: the calendar cannot count the window.

    >>> import pendulum
    >>> from electoral.calendar import Authority
    >>> step = municipal_2023_appeals().step("results appeal")
    >>> due = check_filed(step,
    ...     anchor_at=pendulum.datetime(2024, 11, 24, 21, tz="Africa/Tripoli"),
    ...     filed_at=pendulum.datetime(2024, 11, 26, 13, tz="Africa/Tripoli"),
    ...     calendar=LibyanCalendar(authority=Authority.WEST))
    >>> due.last_day
    Date(2024, 11, 26)
    """
    if not isinstance(step, AppealStep):
        raise TypeError(f"step must be an AppealStep, not {type(step).__name__}")
    if not isinstance(calendar, LibyanCalendar):
        raise TypeError(f"calendar must be a LibyanCalendar, not {type(calendar).__name__}")
    due = calendar.due(step.deadline, anchor_at)
    at = v.to_moment(filed_at)
    if not isinstance(at, dt.datetime) or at.utcoffset() is None:
        raise TypeError("filed_at must be an aware datetime")
    if at >= due.ends:
        raise InconsistentValue(
            "disputes.late",
            field="filed_at",
            value=at,
            at=at.isoformat(),
            step=step.name,
            ends=due.ends.isoformat(),
            law=step.deadline.citation.reference,
        )
    if at < due.anchor_at:
        raise InconsistentValue(
            "disputes.early",
            field="filed_at",
            value=at,
            at=at.isoformat(),
            anchor=step.deadline.anchor,
            start=due.anchor_at.isoformat(),
        )
    return due


def _step(
    name: str, amount: int, unit: Unit, anchor: str, body: str, citation: Citation
) -> AppealStep:
    return AppealStep(
        name=name,
        deadline=Deadline(amount=amount, unit=unit, anchor=anchor, citation=citation),
        body=body,
    )


_CARTER_2012: Final = Citation(
    instrument="HNEC decree of 27 June 2012 on complaints",
    source="https://argjendalshiqi2.blogspot.com/2013/10/complaints-and-appeals-effective-"
    "clear.html",
    note="Reproducing a Carter Center statement; the whole process within 14 days.",
)
_HERALD_2012_06: Final = Citation(
    instrument="Law 4/2012",
    source="https://libyaherald.com/2012/06/national-congress-elections-update-on-expected-delay",
)


def gnc_2012_appeals() -> AppealSchedule:
    """The General National Congress, 2012: candidate and results appeals."""
    return AppealSchedule(
        election="gnc_2012",
        steps=(
            _step(
                "candidate challenge",
                48,
                Unit.HOURS,
                "publication of the candidate lists",
                "not found",
                Citation(
                    instrument="Law 4/2012",
                    source="http://libyaherald.com/final-registration-count-at-more-than-2-7-"
                    "million-voters",
                    note="The body hearing it was not found.",
                ),
            ),
            _step(
                "disqualification appeal",
                3,
                Unit.DAYS,
                "notification of the disqualification",
                "court",
                _HERALD_2012_06,
            ),
            _step(
                "results complaint", 48, Unit.HOURS, "preliminary results", "courts", _CARTER_2012
            ),
            _step("court decision", 5, Unit.DAYS, "filing", "court", _CARTER_2012),
            _step("appeal", 48, Unit.HOURS, "court decision", "appeal court", _CARTER_2012),
            _step("appeal decision", 5, Unit.DAYS, "filing", "appeal court", _CARTER_2012),
        ),
    )


def cda_2014_appeals(*, results_appeal_days: int = 12) -> AppealSchedule:
    """The Constitutional Drafting Assembly, 2014: 12 days to contest the results.

    Args:
        results_appeal_days: 12, as HNEC's head announced; whether they run from the
            preliminary or the definitive results is not clear (anchor: the
            preliminary results).
    """
    source = Citation(
        instrument="HNEC announcement of the early results (1 March 2014)",
        source="https://www.business-standard.com/amp/article/pti-stories/libya-announces-"
        "early-results-of-assembly-elections-114030200014_1.html",
        note="Unverified: the anchor of the 12 days is unclear.",
    )
    return AppealSchedule(
        election="cda_2014",
        steps=(
            _step(
                "results appeal",
                results_appeal_days,
                Unit.DAYS,
                "preliminary results",
                "courts",
                source,
            ),
        ),
        parameters=(
            Parameter(
                name="results_appeal_days",
                value=results_appeal_days,
                default=12,
                note="12 days, anchored on the preliminary results; the announcement does "
                "not say whether they run from the preliminary or the definitive results.",
            ),
        ),
    )


def hor_2014_appeals(*, results_appeal_days: int) -> AppealSchedule:
    """The House of Representatives, 2014: the results appeal window.

    Args:
        results_appeal_days: required. HNEC's chair spoke of 15 days open to
            scrutiny and appeals after the last preliminary batch; the provisional
            results gave candidates 2 days to appeal. The law's article was not
            found, so there is no default.
    """
    herald = (
        "https://libyaherald.com/2014/06/election-2014-final-batch-of-preliminary-results-released"
    )
    business = (
        "https://www.libya-businessnews.com/2014/07/08/provisional-results-elections-announced/"
    )
    return AppealSchedule(
        election="hor_2014",
        steps=(
            _step(
                "results appeal",
                results_appeal_days,
                Unit.DAYS,
                "preliminary results",
                "courts",
                Citation(
                    instrument="Law 10/2014",
                    source=herald,
                    note=f"15 days per HNEC's chair; 2 days per {business}.",
                ),
            ),
        ),
        parameters=(
            Parameter(
                name="results_appeal_days",
                value=results_appeal_days,
                default=None,
                note=f"15 days ({herald}) or 2 days ({business}); the sources disagree and "
                "the law's article was not found.",
            ),
        ),
    )


def president_2021_appeals() -> AppealSchedule:
    """The presidential election of 2021: candidate, procedure and results appeals."""
    tunisnow = Citation(
        instrument="HNEC regulation of 10 November 2021",
        source="https://tunisnow.tn/%D9%84%D9%8A%D8%A8%D9%8A%D8%A7-%D8%A5%D8%B9%D8%AA%D9%85%D8%A7"
        "%D8%AF-73-%D9%85%D8%B1%D8%B4%D8%AD%D8%A7-%D9%84%D9%84%D8%B1%D8%A6%D8%A7%D8%B3%D9%8A%D9"
        "%91%D8%A9-%D9%81%D9%8A-%D8%A7%D9%84%D9%82%D8%A7",
    )
    sjc = Citation(
        instrument="Supreme Judicial Council rules on the appeal committees, amended 23 "
        "November 2021",
        source="https://www.marsad.ly/en/2021/11/23/supreme-judicial-council-amends-election-"
        "appeals-committees-regulations/",
    )
    article_48 = Citation(
        instrument="Law 1/2021",
        article="Art. 48",
        source="https://specialelibia.it/2021/11/24/hnec-annuncia-gli-uffici-dove-presentare-i-"
        "ricorsi-contro-i-candidati-alla-presidenza-della-libia/",
    )
    return AppealSchedule(
        election="president_2021",
        steps=(
            _step(
                "decision challenge",
                48,
                Unit.HOURS,
                "HNEC decision or procedure",
                "judicial appeal committee",
                article_48,
            ),
            _step(
                "candidate appeal",
                72,
                Unit.HOURS,
                "publication of the preliminary candidate list",
                "first-instance appeal committee",
                tunisnow,
            ),
            _step(
                "committee decision",
                72,
                Unit.HOURS,
                "filing",
                "first-instance committee",
                tunisnow,
            ),
            _step(
                "committee appeal",
                72,
                Unit.HOURS,
                "decision of the first-instance committee",
                "appeal committee",
                tunisnow,
            ),
            _step("appeal decision", 72, Unit.HOURS, "filing", "appeal committee", tunisnow),
            _step(
                "results appeal",
                24,
                Unit.HOURS,
                "preliminary results",
                "judicial appeal committee",
                sjc,
            ),
            _step(
                "executive measure appeal",
                48,
                Unit.HOURS,
                "the violation",
                "judicial appeal committee",
                sjc,
            ),
        ),
    )


def municipal_2023_appeals() -> AppealSchedule:
    """Municipal councils under HNEC Decree 43/2023: 2 working days after the results.

    Appeals against the preliminary results go to the district (first-instance)
    court within two working days of the announcement (Chapter Ten). HNEC applied
    it in 2024: results announced on Sunday 24 November, appeals on Monday 25 and
    Tuesday 26 November.
    """
    return AppealSchedule(
        election="municipal_2023",
        steps=(
            _step(
                "results appeal",
                2,
                Unit.WORKING_DAYS,
                "announcement of the preliminary results",
                "district (first-instance) court",
                Citation(
                    instrument="HNEC Decree 43/2023",
                    article="Chapter Ten (appeals)",
                    source="https://libyaobserver.ly/inbrief/hnec-sets-date-appealing-against-"
                    "municipal-elections-results",
                    note="The closing hour of the last day was not found; the window closes "
                    "at its end.",
                ),
            ),
        ),
    )


APPEALS: Final[Mapping[str, Callable[..., AppealSchedule]]] = {
    "gnc_2012": gnc_2012_appeals,
    "cda_2014": cda_2014_appeals,
    "hor_2014": hor_2014_appeals,
    "president_2021": president_2021_appeals,
    "municipal_2023": municipal_2023_appeals,
}
"""The appeal schedules' builders by election id (the 2023 laws' deadlines were not
found)."""
