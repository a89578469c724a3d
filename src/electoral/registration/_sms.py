"""Registration by SMS (التسجيل عبر الرسائل النصية) as a decision function.

:func:`handle_registration_sms` takes one incoming message, the time, and a
:class:`RegistrationState` (a small protocol the registration system implements over
its database; :class:`InMemoryRegistrationState` is the one for tests and
notebooks). It returns a :class:`SmsDecision`: the reply code with its parameters,
whether the enhanced text applies, and the state change to make. It sends nothing and
reads no clock.

The text is first normalised (:func:`normalize_message`): every maximal run of
Unicode decimal digits becomes an ASCII integer (leading zeros are lost), joined by
``*``. Then, in order:

0. a message to another address than the short code (or ``218`` + it) → 90;
1. a blacklisted sender → 50, whatever the text;
2. one 12-digit number → a voter query (41, 42, 43 or 44), at any time;
3. one number of another length → 45, at any time;
4. registration closed → 31 for everything else;
5. ``NID*CENTRE`` (12 and 5 digits) → the registration steps (1, 3, 4, 5, 6, 8, 9,
   71, 72, 73); wrong NID length → 10; wrong centre length → 11; anything else → 14.

The change budget is 3 changes after the first registration (replies 1, 1, 4, 5, then
6), and a phone may hold 2 current registrations (the first new one answers 73, the
second 72, the third 71). A registration unlocked by the help desk (12 h) may be
taken over by another phone; a centre change relocks it, a same-centre takeover does
not (SmartElect's behaviour, kept and documented). An unexpected exception → 13.

Sources: SmartElect ``register/handlers.py``, ``register/processors.py``,
``register/utils.py``, ``libya_elections/utils.py`` ("clean input msg"),
``help_desk/models.py``, ``register/tests/test_handlers.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> normalize_message("  119690261935 # ١١٠٠١ ")
'119690261935*11001'
>>> normalize_message("012345678901"), normalize_message("1.5"), normalize_message("none")
('12345678901', '1*5', '')
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Protocol

import attrs
import pendulum

from electoral.errors import InvalidType
from electoral.model import TRIPOLI, Center, Citizen, RegistrationPeriod
from electoral.registration._eligibility import is_eligible
from electoral.registration._messages import MessageCode, SmsType, render_reply
from electoral.registration._periods import registration_open
from electoral.registration._roll import Registration

__all__ = [
    "MAX_REGISTRATIONS_PER_PHONE",
    "UNLOCK_HOURS",
    "InMemoryRegistrationState",
    "NewRegistration",
    "RegistrationState",
    "Reply",
    "SmsDecision",
    "SmsSettings",
    "UpdateRegistration",
    "add_changes",
    "handle_registration_sms",
    "normalize_message",
    "remaining_registrations",
    "unlock",
]

MAX_REGISTRATIONS_PER_PHONE: Final = 2
"""Current registrations one phone may hold (``MAX_REGISTRATIONS_PER_PHONE``)."""
UNLOCK_HOURS: Final = 12
"""How long a help-desk unlock lasts (``LENGTH_OF_REGISTRATION_UNLOCKING``)."""
ENHANCE_AFTER: Final = 3
"""Identical replies in a row after which the enhanced text is used."""
EXTRA_CHANGES: Final = 3
"""Changes the help desk adds to an exhausted registration."""

_DIGIT_RUNS: Final = re.compile(r"\d+")
_M = MessageCode


def normalize_message(text: str) -> str:
    """Rewrite a message as its digit runs in ASCII, joined by ``*``.

    Every maximal run of Unicode decimal digits (category Nd, any script, mixed
    scripts allowed) becomes ``str(int(run))``; everything else separates.

    Raises:
        InvalidType: ``text`` is not ``str``.
    """
    if not isinstance(text, str):
        raise InvalidType(field="text", value=text)
    return "*".join(str(int(run)) for run in _DIGIT_RUNS.findall(text))


@attrs.frozen(kw_only=True)
class SmsSettings:
    """The settings the engine reads (SmartElect's defaults)."""

    short_code: str = "10020"
    country_code: str = "218"
    max_registrations_per_phone: int = MAX_REGISTRATIONS_PER_PHONE
    enable_all_tools: bool = False

    def addressed_to_us(self, to: str | None) -> bool:
        """Whether ``to`` is the short code or the country code + short code."""
        return to is None or to in (self.short_code, self.country_code + self.short_code)


@attrs.frozen(kw_only=True)
class Reply:
    """One outgoing SMS: its permanent code, parameters and enhanced flag."""

    code: MessageCode
    params: Mapping[str, object] = attrs.field(factory=dict, hash=False)
    enhanced: bool = False

    def text(self, language: str = "ar") -> str:
        """The rendered text (Arabic by default, as SmartElect sends)."""
        return render_reply(
            self.code, self.params, "en" if language == "en" else "ar", enhanced=self.enhanced
        )


@attrs.frozen(kw_only=True)
class NewRegistration:
    """Create this registration."""

    registration: Registration


@attrs.frozen(kw_only=True)
class UpdateRegistration:
    """Replace the current registration ``before`` by ``after``.

    With ``archive``, keep a copy of ``before`` archived at the decision time and
    write ``after`` with that same ``created_at`` (the versions touch, no gap).
    """

    before: Registration
    after: Registration
    archive: bool


StateChange = NewRegistration | UpdateRegistration


@attrs.frozen(kw_only=True)
class SmsDecision:
    """What to answer and what to change."""

    reply: Reply
    sms_type: SmsType
    change: StateChange | None = None


class RegistrationState(Protocol):
    """What the engine reads; a registration system implements it over its database."""

    def is_blacklisted(self, phone: str) -> bool:
        """Whether the sender is on the (undeleted) blacklist."""

    def registration_periods(self) -> Sequence[RegistrationPeriod]:
        """The undeleted registration periods."""

    def center(self, center_id: int) -> Center | None:
        """The undeleted centre with this id, or ``None``."""

    def citizen(self, national_id: str) -> Citizen | None:
        """The citizen with this national id (missing ones included), or ``None``."""

    def current_registrations(self, citizen_id: int) -> Sequence[Registration]:
        """The citizen's current (not archived, not deleted) registrations."""

    def registrations_from_phone(self, phone: str) -> int:
        """How many current registrations have ``phone`` as their SMS sender."""

    def recent_reply_codes(self, phone: str, count: int) -> Sequence[int]:
        """The codes of the last ``count`` replies sent to ``phone``, newest first."""


def remaining_registrations(
    state: RegistrationState, phone: str, maximum: int = MAX_REGISTRATIONS_PER_PHONE
) -> int:
    """``max(0, maximum - current registrations from phone)``."""
    return max(0, maximum - state.registrations_from_phone(phone))


def unlock(registration: Registration, *, now: dt.datetime) -> Registration:
    """Help desk: let any phone change the registration for 12 hours from ``now``."""
    return attrs.evolve(
        registration, unlocked_until=pendulum.instance(now).add(hours=UNLOCK_HOURS)
    )


def add_changes(registration: Registration) -> Registration:
    """Help desk: when out of changes, allow 3 more (``max_changes = change_count + 3``)."""
    if registration.change_count >= registration.max_changes:
        return attrs.evolve(registration, max_changes=registration.change_count + EXTRA_CHANGES)
    return registration


def _decide(
    state: RegistrationState,
    reply_code: MessageCode,
    phone: str,
    sms_type: SmsType,
    change: StateChange | None = None,
    /,
    **params: object,
) -> SmsDecision:
    recent = list(state.recent_reply_codes(phone, ENHANCE_AFTER))
    enhanced = len(recent) == ENHANCE_AFTER and all(c == reply_code for c in recent)
    return SmsDecision(
        reply=Reply(code=reply_code, params=params, enhanced=enhanced),
        sms_type=sms_type,
        change=change,
    )


def _query(state: RegistrationState, phone: str, nid: str) -> SmsDecision:
    citizen = state.citizen(nid)
    if citizen is None or citizen.missing_since is not None:
        return _decide(state, _M.VOTER_QUERY_NOT_FOUND, phone, SmsType.QUERY)
    current = list(state.current_registrations(citizen.civil_registry_id))
    person = citizen.full_name
    if len(current) == 1:
        center = state.center(current[0].center_id)
        return _decide(
            state,
            _M.VOTER_QUERY_REGISTERED_AT,
            phone,
            SmsType.QUERY,
            person=person,
            centre=center.name_ar if center else "",
            code=current[0].center_id,
        )
    if len(current) > 1:
        return _decide(state, _M.VOTER_QUERY_PROBLEM_ENCOUNTERED, phone, SmsType.QUERY)
    return _decide(state, _M.VOTER_QUERY_NOT_REGISTERED, phone, SmsType.QUERY, person=person)


def _register(
    state: RegistrationState,
    phone: str,
    nid: str,
    center_id: int,
    now: pendulum.DateTime,
    settings: SmsSettings,
) -> SmsDecision:
    center = state.center(center_id)
    if center is None or not center.reg_open or center.is_copy:
        return _decide(state, _M.RESPONSE_CENTER_ID_INVALID, phone, SmsType.INVALID_CENTER_ID)
    citizen = state.citizen(nid)
    if citizen is None or citizen.missing_since is not None or not is_eligible(citizen, as_of=now):
        return _decide(state, _M.RESPONSE_NID_INVALID, phone, SmsType.INVALID_NID)
    current = list(state.current_registrations(citizen.civil_registry_id))
    remaining = remaining_registrations(state, phone, settings.max_registrations_per_phone)
    person = citizen.full_name
    shown = {"person": person, "centre": center.name_ar, "code": center.center_id}
    if current:
        registration = current[0]
        same_phone = registration.phone == phone
        unlocked = registration.is_unlocked(now)
        if same_phone or unlocked:
            if not same_phone and remaining == 0:
                return _decide(
                    state,
                    _M.TOO_MANY_REGISTRATIONS_ON_PHONE,
                    phone,
                    SmsType.REGISTRATION,
                    maximum=settings.max_registrations_per_phone,
                )
            if registration.change_count >= registration.max_changes:
                return _decide(state, _M.MESSAGE_6, phone, SmsType.UPDATE)
            if registration.center_id == center_id:
                if same_phone:
                    after = attrs.evolve(registration, repeat_count=registration.repeat_count + 1)
                    change = UpdateRegistration(before=registration, after=after, archive=False)
                else:
                    after = attrs.evolve(registration, phone=phone, repeat_count=0, created_at=now)
                    change = UpdateRegistration(before=registration, after=after, archive=True)
                return _decide(state, _M.MESSAGE_1, phone, SmsType.REGISTRATION, change, **shown)
            after = attrs.evolve(
                registration,
                center_id=center_id,
                phone=phone,
                change_count=registration.change_count + 1,
                repeat_count=1,
                unlocked_until=None,
                created_at=now,
            )
            change = UpdateRegistration(before=registration, after=after, archive=True)
            left = after.max_changes - after.change_count
            code = _M.MESSAGE_5 if left <= 0 else _M.MESSAGE_4 if left == 1 else _M.MESSAGE_1
            return _decide(state, code, phone, SmsType.UPDATE, change, **shown)
        current_center = state.center(registration.center_id)
        return _decide(
            state,
            _M.MESSAGE_2,
            phone,
            SmsType.REGISTRATION,
            person=person,
            centre=current_center.name_ar if current_center else "",
            code=registration.center_id,
            number=registration.phone[-4:],
        )
    if remaining == 0:
        return _decide(
            state,
            _M.TOO_MANY_REGISTRATIONS_ON_PHONE,
            phone,
            SmsType.REGISTRATION,
            maximum=settings.max_registrations_per_phone,
        )
    created = Registration(
        citizen_id=citizen.civil_registry_id, center_id=center_id, phone=phone, created_at=now
    )
    remaining -= 1
    code = (
        _M.AT_MAXIMUM_REGISTRATIONS_ON_PHONE
        if remaining == 0
        else _M.ONE_MORE_REGISTRATION_ON_PHONE
        if remaining == 1
        else _M.RESPONSE_VALID_REGISTRATION
    )
    return _decide(
        state, code, phone, SmsType.REGISTRATION, NewRegistration(registration=created), **shown
    )


def handle_registration_sms(
    state: RegistrationState,
    *,
    sender: str,
    text: str,
    now: dt.datetime,
    to: str | None = None,
    settings: SmsSettings | None = None,
) -> SmsDecision:
    """Decide the reply to one SMS sent to the registration short code.

    Args:
        state: what the registration system knows (read only).
        sender: the raw sender string (never canonicalised).
        text: the raw message.
        now: when it arrived (aware).
        to: the address it was sent to; ``None`` means the short code.
        settings: short codes, the per-phone limit, ``ENABLE_ALL_TOOLS``.

    Returns:
        The reply and the change to apply; never raises for any text (a failure of
        ``state`` itself answers 13).

    Raises:
        InvalidType: ``now`` is not an aware datetime (a programming error).
    """
    settings = settings or SmsSettings()
    if not isinstance(now, dt.datetime) or now.utcoffset() is None:
        raise InvalidType("time.naive", field="now", value=now)
    moment = pendulum.instance(now).in_timezone(TRIPOLI)
    try:
        if not settings.addressed_to_us(to):
            return _decide(state, _M.PUNT, sender, SmsType.NOT_HANDLED)
        if state.is_blacklisted(sender):
            return _decide(state, _M.BLACKLISTED_NUMBER, sender, SmsType.UNKNOWN)
        numbers = normalize_message(text).split("*") if normalize_message(text) else []
        if len(numbers) == 1:
            if len(numbers[0]) == 12:
                return _query(state, sender, numbers[0])
            return _decide(state, _M.VOTER_QUERY_NID_WRONG_LENGTH, sender, SmsType.QUERY)
        if not registration_open(
            state.registration_periods(), moment, enable_all_tools=settings.enable_all_tools
        ):
            return _decide(state, _M.REGISTRATION_NOT_OPEN, sender, SmsType.UNKNOWN)
        if len(numbers) == 2:
            nid, cid = numbers
            if len(nid) == 12 and len(cid) == 5:
                return _register(state, sender, nid, int(cid), moment, settings)
            if len(cid) == 5:
                return _decide(
                    state, _M.RESPONSE_NID_WRONG_LENGTH, sender, SmsType.INVALID_NID_LENGTH
                )
            if len(nid) == 12:
                return _decide(
                    state,
                    _M.RESPONSE_CENTER_ID_WRONG_LENGTH,
                    sender,
                    SmsType.INVALID_CENTER_ID_LENGTH,
                )
        return _decide(state, _M.MESSAGE_INCORRECT, sender, SmsType.INVALID_FORMAT)
    except Exception:  # noqa: BLE001 - SmartElect answers any unexpected failure with 13
        return SmsDecision(reply=Reply(code=_M.RESPONSE_SERVER_ERROR), sms_type=SmsType.UNKNOWN)


class InMemoryRegistrationState:
    """A :class:`RegistrationState` in memory, with history, for tests and notebooks.

    >>> import pendulum
    >>> from electoral.model import TRIPOLI, Center, Citizen, Gender, RegistrationPeriod
    >>> now = pendulum.datetime(2014, 1, 5, 10, tz=TRIPOLI)
    >>> state = InMemoryRegistrationState(
    ...     centers=[Center(center_id=11001, name_ar="مدرسة الفاتح")],
    ...     citizens=[Citizen(civil_registry_id=1, national_id="119690261935",
    ...                       fbr_number="4471", first_name="محمد", father_name="علي",
    ...                       grandfather_name="سالم", family_name="الورفلي",
    ...                       birth_date=pendulum.date(1969, 9, 7), gender=Gender.MALE)],
    ...     periods=[RegistrationPeriod(start=now.subtract(days=1), end=now.add(days=9))])
    >>> [int(state.receive(sender="218911234567", text=t, now=now).reply.code)
    ...  for t in ["119690261935#11001", "119690261935"]]
    [73, 44]
    """

    def __init__(
        self,
        *,
        centers: Iterable[Center] = (),
        citizens: Iterable[Citizen] = (),
        registrations: Iterable[Registration] = (),
        periods: Iterable[RegistrationPeriod] = (),
        blacklist: Iterable[str] = (),
    ) -> None:
        self.centers: dict[int, Center] = {c.center_id: c for c in centers}
        self.citizens: dict[str, Citizen] = {c.national_id: c for c in citizens}
        self.registrations: list[Registration] = list(registrations)
        self.periods: list[RegistrationPeriod] = list(periods)
        self.blacklist: set[str] = set(blacklist)
        self.replies: defaultdict[str, list[int]] = defaultdict(list)

    def is_blacklisted(self, phone: str) -> bool:
        return phone in self.blacklist

    def registration_periods(self) -> Sequence[RegistrationPeriod]:
        return self.periods

    def center(self, center_id: int) -> Center | None:
        return self.centers.get(center_id)

    def citizen(self, national_id: str) -> Citizen | None:
        return self.citizens.get(national_id)

    def current_registrations(self, citizen_id: int) -> Sequence[Registration]:
        return [r for r in self.registrations if r.citizen_id == citizen_id and r.is_current]

    def registrations_from_phone(self, phone: str) -> int:
        return sum(1 for r in self.registrations if r.phone == phone and r.is_current)

    def recent_reply_codes(self, phone: str, count: int) -> Sequence[int]:
        return self.replies[phone][::-1][:count]

    def apply(self, decision: SmsDecision, *, sender: str, now: dt.datetime) -> None:
        """Apply the decision's change and record its reply to ``sender``."""
        moment = pendulum.instance(now).in_timezone(TRIPOLI)
        change = decision.change
        if isinstance(change, NewRegistration):
            self.registrations.append(change.registration)
        elif isinstance(change, UpdateRegistration):
            index = self.registrations.index(change.before)
            after = change.after
            if change.archive:
                self.registrations.append(attrs.evolve(change.before, archived_at=moment))
                after = attrs.evolve(after, created_at=moment)
            self.registrations[index] = after
        self.replies[sender].append(int(decision.reply.code))

    def receive(
        self,
        *,
        sender: str,
        text: str,
        now: dt.datetime,
        to: str | None = None,
        settings: SmsSettings | None = None,
    ) -> SmsDecision:
        """Decide and apply in one step (what the SMS gateway loop does)."""
        decision = handle_registration_sms(
            self, sender=sender, text=text, now=now, to=to, settings=settings
        )
        self.apply(decision, sender=sender, now=now)
        return decision
