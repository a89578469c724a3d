"""Private: preliminary and final results as distinct, recorded states.

Results are announced in batches while the count goes on (partial preliminary),
then complete but open to appeal (preliminary), then final. Each announcement is
recorded with its time and instrument; the appeal window is anchored on the
preliminary announcement, and results become final only once the window has
closed and no appeal or decision is pending.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Final

import attrs
import pendulum

from electoral.calendar import Deadline, Due, LibyanCalendar
from electoral.errors import InconsistentValue, register_messages
from electoral.model import _validators as v

__all__ = ["Announcement", "ResultsState", "ResultsStatus", "announce"]

register_messages(
    {
        "disputes.status_order": (
            "Results that are {current} cannot become {value}.",
            "لا يمكن أن تصبح النتائج {value} وهي {current}.",
        ),
        "disputes.appeal_open": (
            "The appeal window is open until {ends}; results cannot be final at {at}.",
            "مهلة الطعن مفتوحة حتى {ends}؛ ولا يمكن أن تكون النتائج نهائية في {at}.",
        ),
        "disputes.appeals_pending": (
            "{value} appeals or decisions are pending; results cannot be final.",
            "{value} من الطعون أو القرارات معلقة؛ ولا يمكن أن تكون النتائج نهائية.",
        ),
        "disputes.announced_before": (
            "The announcement at {at} is before the previous one at {previous}.",
            "الإعلان في {at} سابق للإعلان السابق في {previous}.",
        ),
    }
)


class ResultsStatus(enum.Enum):
    """The state of an election's results."""

    NONE = "none"
    """Nothing announced yet."""
    PARTIAL_PRELIMINARY = "partial_preliminary"
    """Some districts announced, the count goes on."""
    PRELIMINARY = "preliminary"
    """Complete, open to appeal."""
    FINAL = "final"
    """Appeals closed and decided; certified."""


_NEXT: Final = {
    ResultsStatus.NONE: {ResultsStatus.PARTIAL_PRELIMINARY, ResultsStatus.PRELIMINARY},
    ResultsStatus.PARTIAL_PRELIMINARY: {
        ResultsStatus.PARTIAL_PRELIMINARY,
        ResultsStatus.PRELIMINARY,
    },
    ResultsStatus.PRELIMINARY: {ResultsStatus.PRELIMINARY, ResultsStatus.FINAL},
    ResultsStatus.FINAL: set(),
}


@attrs.frozen(kw_only=True)
class Announcement:
    """One announcement of results.

    Attributes:
        status: the status announced.
        at: when (aware, kept in Libyan time).
        instrument: the decision or statement that announced it.
        note: what it covered (the districts of a batch, a corrected figure...).
    """

    status: ResultsStatus = attrs.field(validator=v.enum_member(ResultsStatus))
    at: pendulum.DateTime = attrs.field(converter=v.to_moment, validator=v.moment)
    instrument: str = attrs.field(validator=v.text(max_length=300, blank=False))
    note: str = attrs.field(default="", validator=v.text(max_length=2000))


@attrs.frozen(kw_only=True)
class ResultsState:
    """An election's results: every announcement, in order.

    Attributes:
        election: the election's id.
        announcements: what was announced, oldest first.
    """

    election: str = attrs.field(validator=v.text(max_length=100, blank=False))
    announcements: tuple[Announcement, ...] = ()

    @property
    def status(self) -> ResultsStatus:
        """The latest status (``NONE`` before any announcement)."""
        return self.announcements[-1].status if self.announcements else ResultsStatus.NONE

    @property
    def preliminary(self) -> Announcement | None:
        """The first announcement of complete preliminary results, if any."""
        return next((a for a in self.announcements if a.status is ResultsStatus.PRELIMINARY), None)

    def appeal_window(self, deadline: Deadline, calendar: LibyanCalendar) -> Due | None:
        """The appeal window anchored on the preliminary announcement (``None`` before it)."""
        if not isinstance(deadline, Deadline):
            raise TypeError(f"deadline must be a Deadline, not {type(deadline).__name__}")
        if not isinstance(calendar, LibyanCalendar):
            raise TypeError(f"calendar must be a LibyanCalendar, not {type(calendar).__name__}")
        first = self.preliminary
        return None if first is None else calendar.due(deadline, first.at)


def announce(
    state: ResultsState,
    status: ResultsStatus,
    *,
    at: dt.datetime,
    instrument: str,
    note: str = "",
    appeal: Deadline | None = None,
    calendar: LibyanCalendar | None = None,
    pending: int = 0,
) -> ResultsState:
    """Record an announcement, refusing one the process does not allow.

    Partial preliminary batches may follow each other; complete preliminary results
    may be announced again (corrected); final results need the preliminary ones,
    the appeal window closed (when ``appeal`` and ``calendar`` are given) and no
    pending appeal or decision.

    Raises:
        InconsistentValue: ``disputes.status_order``, ``disputes.announced_before``,
            ``disputes.appeal_open``, ``disputes.appeals_pending``.

    >>> import pendulum
    >>> from electoral.calendar import Authority
    >>> from electoral.disputes import municipal_2023_appeals
    >>> state = announce(ResultsState(election="municipal_2023"), ResultsStatus.PRELIMINARY,
    ...                  at=pendulum.datetime(2024, 11, 24, 20, tz="Africa/Tripoli"),
    ...                  instrument="HNEC announcement")
    >>> appeal = municipal_2023_appeals().step("results appeal").deadline
    >>> calendar = LibyanCalendar(authority=Authority.WEST)
    >>> announce(state, ResultsStatus.FINAL, instrument="HNEC decision",
    ...          at=pendulum.datetime(2024, 11, 26, 12, tz="Africa/Tripoli"),
    ...          appeal=appeal, calendar=calendar)
    Traceback (most recent call last):
    ...
    electoral.errors.InconsistentValue: The appeal window is open until 2024-11-27T00:00:00+02:00; results cannot be final at 2024-11-26T12:00:00+02:00.
    """  # noqa: E501
    if not isinstance(state, ResultsState):
        raise TypeError(f"state must be a ResultsState, not {type(state).__name__}")
    if not isinstance(status, ResultsStatus):
        raise TypeError(f"status must be a ResultsStatus, not {type(status).__name__}")
    if type(pending) is not int or pending < 0:
        raise TypeError("pending must be a whole number of pending appeals or decisions")
    if (appeal is None) != (calendar is None):
        raise TypeError("appeal and calendar are given together")
    made = Announcement(status=status, at=at, instrument=instrument, note=note)
    if status not in _NEXT[state.status]:
        raise InconsistentValue(
            "disputes.status_order",
            field="status",
            value=status.value,
            current=state.status.value,
        )
    if state.announcements and made.at < state.announcements[-1].at:
        raise InconsistentValue(
            "disputes.announced_before",
            field="at",
            value=made.at,
            at=made.at.isoformat(),
            previous=state.announcements[-1].at.isoformat(),
        )
    if status is ResultsStatus.FINAL:
        if appeal is not None and calendar is not None:
            window = state.appeal_window(appeal, calendar)
            if window is not None and made.at < window.ends:
                raise InconsistentValue(
                    "disputes.appeal_open",
                    field="at",
                    value=made.at,
                    at=made.at.isoformat(),
                    ends=window.ends.isoformat(),
                )
        if pending:
            raise InconsistentValue("disputes.appeals_pending", field="pending", value=pending)
    return attrs.evolve(state, announcements=(*state.announcements, made))
