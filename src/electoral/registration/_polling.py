"""Polling-day reports (تقارير يوم الاقتراع) sent by centre staff to the reports short code.

Messages (normalised as in :func:`~electoral.registration.normalize_message`):

* ``CENTRE#CENTRE`` activates the phone for a centre (replies 77 **and** 86);
* ``0#CENTRE``: the centre opened (86);
* ``P#N``, P in 1–4: N voters so far in period P (81, 88 or 89);
* ``5#OPTION#VOTES``: a preliminary count (87).

Decision order: not whitelisted → 51; a phone with no activation: activation window
closed → 74, not two numbers → 76, two different numbers → 82, no such centre → 78;
an activated phone: ``0#C`` (window → 74, unknown → 78, another centre → 85), ``P#N``
(report window → 74, P outside 1–4 → 75), ``5#O#V`` (no election with an open report
window → 74, ``ENABLE_ALL_TOOLS`` not applying), anything else → 75; an unexpected
failure → 13.

Turnout is N ÷ R with R the current registrations of the centre, or of its original
for a copy (0 when R = 0). The alarm (88) is **strictly above** 90 % and is checked
before "no registrants" (89). Reports are cumulative; for each (centre, period, day)
the latest report wins (:func:`latest_reports`). Totals go centre → office → region
→ country (:func:`aggregate_reports`).

Sources: SmartElect ``polling_reports/handlers.py``, ``polling_reports/models.py``,
``docs/app/polling_report_logic.rst``, ``docs/app/message_formats.rst``,
``reporting_api/query.py``, ``reporting_api/data_pull_ed.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> turnout(91, 100) > TURNOUT_ALARM, turnout(90, 100) > TURNOUT_ALARM, turnout(5, 0)
(True, False, Fraction(0, 1))
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Final, Protocol

import attrs
import pendulum

from electoral.errors import InvalidType
from electoral.model import TRIPOLI, Center, Election, Office, Region
from electoral.registration._messages import MessageCode
from electoral.registration._periods import (
    activation_window,
    most_current_election,
    report_window,
)
from electoral.registration._sms import ENHANCE_AFTER, Reply, normalize_message

__all__ = [
    "CENTER_OPEN_INDICATOR",
    "FIRST_PERIOD",
    "LAST_PERIOD",
    "PRELIMINARY_INDICATOR",
    "TURNOUT_ALARM",
    "CenterOpen",
    "InMemoryPollingState",
    "PeriodTotal",
    "PhoneActivation",
    "PollingDecision",
    "PollingReport",
    "PollingState",
    "PreliminaryCount",
    "ReportTotals",
    "aggregate_reports",
    "handle_polling_sms",
    "latest_reports",
    "turnout",
]

TURNOUT_ALARM: Final = Fraction(9, 10)
"""``SUSPICIOUS_TURNOUT_THRESHOLD``; the alarm is strictly above it."""
FIRST_PERIOD: Final = 1
LAST_PERIOD: Final = 4
CENTER_OPEN_INDICATOR: Final = 0
PRELIMINARY_INDICATOR: Final = 5
_M = MessageCode


@attrs.frozen(kw_only=True)
class PhoneActivation:
    """A staff phone activated to a centre (SmartElect ``StaffPhone``)."""

    phone: str
    center_id: int
    created_at: pendulum.DateTime


@attrs.frozen(kw_only=True)
class CenterOpen:
    """A centre's morning check-in."""

    election: Election | None
    phone: str
    center_id: int
    created_at: pendulum.DateTime


@attrs.frozen(kw_only=True)
class PollingReport:
    """N voters so far in a period (cumulative)."""

    election: Election | None
    phone: str
    center_id: int
    period: int
    voters: int
    created_at: pendulum.DateTime


@attrs.frozen(kw_only=True)
class PreliminaryCount:
    """Votes for one option; it replaces earlier counts for (election, centre, option)."""

    election: Election
    phone: str
    center_id: int
    option: int
    votes: int
    created_at: pendulum.DateTime


PollingRecord = PhoneActivation | CenterOpen | PollingReport | PreliminaryCount


@attrs.frozen(kw_only=True)
class PollingDecision:
    """The replies (one, or two on activation) and the records to store."""

    replies: tuple[Reply, ...]
    records: tuple[PollingRecord, ...] = ()


class PollingState(Protocol):
    """What the polling-report engine reads."""

    def is_whitelisted(self, phone: str) -> bool:
        """Whether the phone may send reports."""

    def activated_center(self, phone: str) -> int | None:
        """The centre the phone is activated to, or ``None``."""

    def center(self, center_id: int) -> Center | None:
        """The undeleted centre, or ``None``."""

    def registrants(self, center_id: int) -> int:
        """Current registrations at this (non-copy) centre."""

    def elections(self) -> Sequence[Election]:
        """The undeleted elections."""

    def recent_reply_codes(self, phone: str, count: int) -> Sequence[int]:
        """The last ``count`` reply codes sent to the phone, newest first."""


def turnout(voters: int, registrants: int) -> Fraction:
    """``voters / registrants``, or 0 when there are no registrants."""
    return Fraction(0) if registrants == 0 else Fraction(voters, registrants)


def _percent(value: Fraction) -> str:
    return f"{int(value * 100 + Fraction(1, 2))}%"


def _reply(state: PollingState, phone: str, reply_code: MessageCode, /, **params: object) -> Reply:
    recent = list(state.recent_reply_codes(phone, ENHANCE_AFTER))
    enhanced = len(recent) == ENHANCE_AFTER and all(c == reply_code for c in recent)
    return Reply(code=reply_code, params=params, enhanced=enhanced)


def _one(
    state: PollingState, phone: str, reply_code: MessageCode, /, **params: object
) -> PollingDecision:
    return PollingDecision(replies=(_reply(state, phone, reply_code, **params),))


def _decide(
    state: PollingState, phone: str, text: str, now: pendulum.DateTime, all_tools: bool
) -> PollingDecision:
    if not state.is_whitelisted(phone):
        return _one(state, phone, _M.NOT_WHITELISTED_NUMBER)
    normal = normalize_message(text)
    numbers = [int(part) for part in normal.split("*")] if normal else []
    elections = list(state.elections())
    activation_open = all_tools or any(activation_window(e).contains(now) for e in elections)
    reports_open = all_tools or any(report_window(e).contains(now) for e in elections)
    current = most_current_election(elections, now)
    center_id = state.activated_center(phone)
    if center_id is None:
        if not activation_open:
            return _one(state, phone, _M.POLLING_NOT_OPEN)
        if len(numbers) != 2:
            return _one(state, phone, _M.PHONE_NOT_ACTIVATED)
        if numbers[0] != numbers[1]:
            return _one(state, phone, _M.POLLING_REPORT_CENTER_MISMATCH)
        center = state.center(numbers[0])
        if center is None:
            return _one(state, phone, _M.INVALID_CENTER_ID)
        first = _reply(state, phone, _M.PHONE_ACTIVATED, number=phone, code=center.center_id)
        second = _reply(state, phone, _M.CENTER_OPENED, code=center.center_id)
        return PollingDecision(
            replies=(first, second),
            records=(
                PhoneActivation(phone=phone, center_id=center.center_id, created_at=now),
                CenterOpen(
                    election=current, phone=phone, center_id=center.center_id, created_at=now
                ),
            ),
        )
    if len(numbers) == 2 and numbers[0] == CENTER_OPEN_INDICATOR:
        if not activation_open:
            return _one(state, phone, _M.POLLING_NOT_OPEN)
        center = state.center(numbers[1])
        if center is None:
            return _one(state, phone, _M.INVALID_CENTER_ID)
        if center.center_id != center_id:
            return _one(
                state,
                phone,
                _M.CENTER_OPENING_NOT_AUTHORIZED,
                phone_center=center_id,
                code=center.center_id,
            )
        record = CenterOpen(election=current, phone=phone, center_id=center_id, created_at=now)
        return PollingDecision(
            replies=(_reply(state, phone, _M.CENTER_OPENED, code=center_id),), records=(record,)
        )
    if len(numbers) == 2:
        if not reports_open:
            return _one(state, phone, _M.POLLING_NOT_OPEN)
        period, voters = numbers
        if not FIRST_PERIOD <= period <= LAST_PERIOD:
            return _one(state, phone, _M.POLLING_REPORT_INVALID)
        center = state.center(center_id)
        original = center.original_id if center is not None else center_id
        registrants = state.registrants(original)
        ratio = turnout(voters, registrants)
        report = PollingReport(
            election=current,
            phone=phone,
            center_id=center_id,
            period=period,
            voters=voters,
            created_at=now,
        )
        answer = (
            _M.POLLING_REPORT_RECEIVED_VERY_HIGH_TURNOUT
            if ratio > TURNOUT_ALARM
            else _M.POLLING_REPORT_RECEIVED_NO_REGISTRANTS
            if registrants == 0
            else _M.POLLING_REPORT_RECEIVED
        )
        reply = _reply(
            state, phone, answer, code=center_id, n_voters=voters, turnout=_percent(ratio)
        )
        return PollingDecision(replies=(reply,), records=(report,))
    if len(numbers) == 3 and numbers[0] == PRELIMINARY_INDICATOR:
        open_elections = [e for e in elections if report_window(e).contains(now)]
        if not open_elections:
            return _one(state, phone, _M.POLLING_NOT_OPEN)
        _, option, votes = numbers
        count = PreliminaryCount(
            election=open_elections[0],
            phone=phone,
            center_id=center_id,
            option=option,
            votes=votes,
            created_at=now,
        )
        reply = _reply(state, phone, _M.PRELIMINARY_VOTES_REPORT, num_votes=votes, option=option)
        return PollingDecision(replies=(reply,), records=(count,))
    return _one(state, phone, _M.POLLING_REPORT_INVALID)


def handle_polling_sms(
    state: PollingState,
    *,
    sender: str,
    text: str,
    now: dt.datetime,
    enable_all_tools: bool = False,
) -> PollingDecision:
    """Decide the replies to one message sent to the reports short code.

    Never raises for any text; a failure of ``state`` answers 13.

    Raises:
        InvalidType: ``now`` is not an aware datetime.
    """
    if not isinstance(now, dt.datetime) or now.utcoffset() is None:
        raise InvalidType("time.naive", field="now", value=now)
    moment = pendulum.instance(now).in_timezone(TRIPOLI)
    try:
        return _decide(state, sender, text, moment, enable_all_tools)
    except Exception:  # noqa: BLE001 - SmartElect answers any unexpected failure with 13
        return PollingDecision(replies=(Reply(code=_M.RESPONSE_SERVER_ERROR),))


def latest_reports(
    reports: Iterable[PollingReport],
) -> dict[tuple[int, int, dt.date], PollingReport]:
    """The latest report per (centre, period, Tripoli calendar day); later input wins ties."""
    latest: dict[tuple[int, int, dt.date], PollingReport] = {}
    for report in reports:
        local = report.created_at.in_timezone(TRIPOLI)
        key = (report.center_id, report.period, dt.date(local.year, local.month, local.day))
        if key not in latest or report.created_at >= latest[key].created_at:
            latest[key] = report
    return latest


@attrs.frozen
class PeriodTotal:
    """Votes reported in a period and how many centres reported."""

    votes: int
    centers: int

    def __add__(self, other: PeriodTotal) -> PeriodTotal:
        return PeriodTotal(self.votes + other.votes, self.centers + other.centers)


@attrs.frozen(kw_only=True)
class ReportTotals:
    """Per-period totals at every level (period number → :class:`PeriodTotal`)."""

    center: Mapping[int, Mapping[int, PeriodTotal]] = attrs.field(hash=False)
    office: Mapping[int, Mapping[int, PeriodTotal]] = attrs.field(hash=False)
    region: Mapping[Region, Mapping[int, PeriodTotal]] = attrs.field(hash=False)
    country: Mapping[int, PeriodTotal] = attrs.field(hash=False)


def aggregate_reports(
    reports: Iterable[PollingReport],
    *,
    centers: Mapping[int, Center],
    offices: Mapping[int, Office],
    closed: Collection[int] = (),
    day: dt.date | None = None,
) -> ReportTotals:
    """Add up the latest reports: centre → office → region → country.

    Args:
        reports: every report of one election.
        centers: the centres, by id (a report from an unknown centre is ignored).
        offices: the offices, by id (an unknown office counts under region NONE).
        closed: centres closed for this election; their reports are left out.
        day: only that Tripoli day; otherwise the latest report per (centre, period).

    >>> import pendulum
    >>> t = pendulum.datetime(2014, 6, 25, 12, tz=TRIPOLI)
    >>> r = [PollingReport(election=None, phone="1", center_id=11001, period=1, voters=v,
    ...                    created_at=t.add(minutes=m)) for v, m in ((40, 0), (35, 5))]
    >>> c = {11001: Center(center_id=11001, name_ar="أ", office_id=1)}
    >>> aggregate_reports(r, centers=c, offices={}).country
    {1: PeriodTotal(votes=35, centers=1)}
    """
    chosen: dict[tuple[int, int], PollingReport] = {}
    for (center_id, period, when), report in sorted(
        latest_reports(reports).items(), key=lambda item: (item[0], item[1].created_at)
    ):
        if center_id in closed or center_id not in centers or (day is not None and when != day):
            continue
        chosen[(center_id, period)] = report
    center_totals: defaultdict[int, dict[int, PeriodTotal]] = defaultdict(dict)
    office_totals: defaultdict[int, dict[int, PeriodTotal]] = defaultdict(dict)
    region_totals: defaultdict[Region, dict[int, PeriodTotal]] = defaultdict(dict)
    country: dict[int, PeriodTotal] = {}
    zero = PeriodTotal(0, 0)
    for (center_id, period), report in sorted(chosen.items()):
        total = PeriodTotal(report.voters, 1)
        office_id = centers[center_id].office_id
        office = offices.get(office_id)
        region = office.region if office is not None else Region.NONE
        center_totals[center_id][period] = total
        office_totals[office_id][period] = office_totals[office_id].get(period, zero) + total
        region_totals[region][period] = region_totals[region].get(period, zero) + total
        country[period] = country.get(period, zero) + total
    return ReportTotals(
        center=dict(center_totals),
        office=dict(office_totals),
        region=dict(region_totals),
        country=country,
    )


class InMemoryPollingState:
    """A :class:`PollingState` in memory that also stores the records it is given.

    >>> import pendulum
    >>> e = Election(name_en="E", name_ar="ا", polling_start=pendulum.datetime(2014, 6, 25, 8,
    ...              tz=TRIPOLI), polling_end=pendulum.datetime(2014, 6, 25, 20, tz=TRIPOLI))
    >>> state = InMemoryPollingState(whitelist=["218911234567"], elections=[e],
    ...                              centers=[Center(center_id=11001, name_ar="أ")],
    ...                              registrants={11001: 400})
    >>> d = state.receive(sender="218911234567", text="11001*11001",
    ...                   now=pendulum.datetime(2014, 6, 24, 9, tz=TRIPOLI))
    >>> [int(r.code) for r in d.replies]
    [77, 86]
    >>> d = state.receive(sender="218911234567", text="1*100",
    ...                   now=pendulum.datetime(2014, 6, 25, 12, tz=TRIPOLI))
    >>> d.replies[0].text("en")
    'Centre 11001 reports 100 voters so far (25% turnout). (message number 81)'
    """

    def __init__(
        self,
        *,
        whitelist: Iterable[str] = (),
        centers: Iterable[Center] = (),
        registrants: Mapping[int, int] | None = None,
        elections: Iterable[Election] = (),
        activations: Mapping[str, int] | None = None,
    ) -> None:
        self.whitelist = set(whitelist)
        self.centers = {center.center_id: center for center in centers}
        self.registrant_counts = dict(registrants or {})
        self.election_list = list(elections)
        self.activations = dict(activations or {})
        self.records: list[PollingRecord] = []
        self.replies: defaultdict[str, list[int]] = defaultdict(list)

    def is_whitelisted(self, phone: str) -> bool:
        return phone in self.whitelist

    def activated_center(self, phone: str) -> int | None:
        return self.activations.get(phone)

    def center(self, center_id: int) -> Center | None:
        return self.centers.get(center_id)

    def registrants(self, center_id: int) -> int:
        return self.registrant_counts.get(center_id, 0)

    def elections(self) -> Sequence[Election]:
        return self.election_list

    def recent_reply_codes(self, phone: str, count: int) -> Sequence[int]:
        return self.replies[phone][::-1][:count]

    def apply(self, decision: PollingDecision, *, sender: str) -> None:
        """Store the records (a count replaces earlier ones) and the replies."""
        for record in decision.records:
            if isinstance(record, PhoneActivation):
                self.activations[record.phone] = record.center_id
            if isinstance(record, PreliminaryCount):
                self.records = [
                    r
                    for r in self.records
                    if not (
                        isinstance(r, PreliminaryCount)
                        and (r.election, r.center_id, r.option)
                        == (record.election, record.center_id, record.option)
                    )
                ]
            self.records.append(record)
        for reply in decision.replies:
            self.replies[sender].append(int(reply.code))

    def receive(
        self, *, sender: str, text: str, now: dt.datetime, enable_all_tools: bool = False
    ) -> PollingDecision:
        """Decide and apply in one step."""
        decision = handle_polling_sms(
            self, sender=sender, text=text, now=now, enable_all_tools=enable_all_tools
        )
        self.apply(decision, sender=sender)
        return decision
