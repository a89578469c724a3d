"""The SMS registration engine: precedence, budget, per-phone limit, unlock, enhanced text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InvalidType
from electoral.model import TRIPOLI, Center, CenterType, Citizen, Gender, RegistrationPeriod
from electoral.registration import (
    MAX_MESSAGE_LENGTH,
    InMemoryRegistrationState,
    MessageCode,
    NewRegistration,
    Registration,
    SmsSettings,
    SmsType,
    UpdateRegistration,
    add_changes,
    handle_registration_sms,
    normalize_message,
    unlock,
)

NOW = pendulum.datetime(2014, 1, 5, 10, tz=TRIPOLI)
NID = "119690261935"
NID2 = "219810371062"
PHONE = "218911234567"
OTHER = "218921111111"


def person(i: int, nid: str, **kw: object) -> Citizen:
    fields: dict[str, object] = {
        "civil_registry_id": i,
        "national_id": nid,
        "fbr_number": "1",
        "first_name": "محمد",
        "father_name": "علي",
        "grandfather_name": "سالم",
        "family_name": "الورفلي",
        "birth_date": pendulum.date(1969, 9, 7) if nid[0] == "1" else pendulum.date(1981, 3, 1),
        "gender": Gender.MALE if nid[0] == "1" else Gender.FEMALE,
    }
    fields.update(kw)
    return Citizen(**fields)  # type: ignore[arg-type]


def make_state(**kw: object) -> InMemoryRegistrationState:
    citizens = kw.pop("citizens", None) or [
        person(1, NID),
        person(2, NID2),
        person(3, "119700000003"),
        person(4, "119700000004"),
        person(5, "119700000005", blocked=True),
        person(6, "119700000006", missing_since=NOW),
        person(7, "120100000007", birth_date=pendulum.date(2000, 1, 6)),
    ]
    return InMemoryRegistrationState(
        centers=[
            Center(center_id=11001, name_ar="مدرسة الفاتح"),
            Center(center_id=11002, name_ar="مدرسة النصر"),
            Center(center_id=11003, name_ar="مغلق", reg_open=False),
            Center(center_id=11004, name_ar="نسخة", center_type=CenterType.COPY, copy_of=11001),
            Center(center_id=11005, name_ar="مدرسة"),
            Center(center_id=11006, name_ar="مدرسة"),
        ],
        citizens=citizens,  # type: ignore[arg-type]
        periods=[RegistrationPeriod(start=NOW.subtract(days=1), end=NOW.add(days=9))],
        **kw,  # type: ignore[arg-type]
    )


def send(
    state: InMemoryRegistrationState,
    text: str,
    sender: str = PHONE,
    now: dt.datetime = NOW,
    **kw: object,
) -> int:
    return int(state.receive(sender=sender, text=text, now=now, **kw).reply.code)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("  NID   * CID  ", ""),
        ("1#2", "1*2"),
        ("12 34", "12*34"),
        ("blah12blah34blah", "12*34"),
        ("012345678901", "12345678901"),
        ("1.5", "1*5"),
        ("١٢٣", "123"),
        ("1٢3", "123"),
        ("۱۲", "12"),
        ("", ""),
    ],
)
def test_normalize(text: str, normal: str) -> None:
    assert normalize_message(text) == normal


def test_normalize_refuses_non_text() -> None:
    with pytest.raises(InvalidType):
        normalize_message(None)  # type: ignore[arg-type]


TEXTS = st.one_of(
    st.text(),
    st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩*#. -"),
    st.builds(
        "{}{}{}".format,
        st.sampled_from([NID, NID2, "119700000005", "119700000006", "120100000007", "1" * 40]),
        st.sampled_from(["*", "#", " ", "", "**"]),
        st.sampled_from(["11001", "11003", "11004", "99999", "110011", "9" * 50]),
    ),
)
"""Realistic messages: any text, digit soups, and registrations of known and odd people."""


@given(TEXTS, st.sampled_from([PHONE, OTHER, "", "junk"]))
def test_engine_never_crashes(text: str, sender: str) -> None:
    """Strict mode raises an internal failure, so no defect hides behind reply 13."""
    state = make_state()
    for _ in range(2):  # the second time, the state holds what the first one changed
        code = send(state, text, sender=sender, strict=True)
        assert code in set(MessageCode)
        assert code != MessageCode.RESPONSE_SERVER_ERROR


def test_strict_mode_raises_what_13_would_hide() -> None:
    class Broken(InMemoryRegistrationState):
        def citizen(self, national_id: str) -> Citizen | None:
            raise RuntimeError("database down")

    state = Broken(periods=[RegistrationPeriod(start=NOW.subtract(days=1), end=NOW.add(days=1))])
    assert send(state, NID) == MessageCode.RESPONSE_SERVER_ERROR
    with pytest.raises(RuntimeError, match="database down"):
        send(state, NID, strict=True)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("9" * 999, MessageCode.VOTER_QUERY_NID_WRONG_LENGTH),
        ("٩" * 999, MessageCode.VOTER_QUERY_NID_WRONG_LENGTH),
        (f"{'1' * 990}*11001", MessageCode.RESPONSE_NID_WRONG_LENGTH),
        (f"{NID}*{'1' * 980}", MessageCode.RESPONSE_CENTER_ID_WRONG_LENGTH),
        ("9" * 5000, MessageCode.MESSAGE_INCORRECT),
        ("٩" * 5000, MessageCode.MESSAGE_INCORRECT),
    ],
)
def test_long_numbers_get_a_length_reply(text: str, code: MessageCode) -> None:
    """A run past Python's 4,300-digit limit used to fail ``int`` and answer 13."""
    assert send(make_state(), text, strict=True) == code


def test_normalize_keeps_runs_of_any_length() -> None:
    assert normalize_message("0" * 5000 + "7") == "7"
    assert normalize_message("٠" * 10 + "١٢" + "#" + "9" * 5000) == "12*" + "9" * 5000


def test_a_text_past_the_limit_is_not_read() -> None:
    padded = NID + "#11001" + " " * (MAX_MESSAGE_LENGTH - len(NID) - 6)
    assert len(padded) == MAX_MESSAGE_LENGTH
    assert send(make_state(), padded) == 73
    assert send(make_state(), padded + " ") == MessageCode.MESSAGE_INCORRECT
    assert send(make_state(), NID + " " * MAX_MESSAGE_LENGTH) == MessageCode.MESSAGE_INCORRECT


def test_precedence_while_open() -> None:
    state = make_state()
    assert send(state, "12345") == 45
    assert send(state, "1234567890123") == 45
    assert send(state, "1234#11001") == 10
    assert send(state, f"{NID}#110011") == 11
    assert send(state, "123#45") == 14
    assert send(state, f"{NID}#11001#1") == 14
    assert send(state, "hello") == 14
    assert send(state, NID) == 42


def test_closed_registration() -> None:
    state = make_state()
    later = NOW.add(days=30)
    assert send(state, "garbage", now=later) == 31
    assert send(state, f"{NID}*11001", now=later) == 31
    assert send(state, NID, now=later) == 42
    assert send(state, "123", now=later) == 45
    assert (
        send(state, f"{NID}*11001", now=later, settings=SmsSettings(enable_all_tools=True)) == 73
    )


def test_blacklist_and_address() -> None:
    state = make_state(blacklist=[PHONE])
    assert send(state, NID) == 50
    assert send(state, NID, sender=OTHER, to="99999") == 90
    assert send(state, NID, sender=OTHER, to="21810020") == 42
    assert send(state, NID, sender=OTHER, to="10020") == 42


def test_lookup_failures() -> None:
    state = make_state()
    assert send(state, f"{NID}*99998") == 8
    assert send(state, f"{NID}*11003") == 8
    assert send(state, f"{NID}*11004") == 8
    assert send(state, "119999999999*11001") == 9
    assert send(state, "119700000005*11001") == 9  # blocked
    assert send(state, "119700000006*11001") == 9  # missing
    assert send(state, "120100000007*11001") == 9  # 13 years old
    assert send(state, "119700000006") == 41
    assert send(state, "119999999999") == 41


def test_change_budget_sequence() -> None:
    state = make_state()
    replies = [send(state, f"{NID}*{cid}") for cid in (11001, 11002, 11001, 11002, 11001, 11001)]
    assert replies == [73, 1, 4, 5, 6, 6]
    (current,) = state.current_registrations(1)
    assert (current.center_id, current.change_count) == (11002, 3)
    assert len([r for r in state.registrations if r.archived_at is not None]) == 3


def test_change_budget_with_three_per_phone() -> None:
    state = make_state()
    settings = SmsSettings(max_registrations_per_phone=3)
    replies = [
        send(state, f"{NID}*{cid}", settings=settings)
        for cid in (11001, 11002, 11001, 11002, 11002)
    ]
    assert replies == [1, 1, 4, 5, 6]


def test_repeat_counts_without_archive() -> None:
    state = make_state()
    send(state, f"{NID}*11001")
    assert send(state, f"{NID}*11001") == 1
    (current,) = state.current_registrations(1)
    assert current.repeat_count == 2
    assert len(state.registrations) == 1


def test_per_phone_limit() -> None:
    state = make_state()
    assert send(state, f"{NID}*11001") == 73
    assert send(state, f"{NID2}*11001") == 72
    assert send(state, "119700000003*11001") == 71
    assert state.registrations_from_phone(PHONE) == 2
    decision = state.receive(sender=PHONE, text="119700000003*11001", now=NOW)
    assert decision.reply.params == {"maximum": 2}
    assert decision.change is None


def test_other_phone_refused_with_last_digits() -> None:
    state = make_state()
    send(state, f"{NID}*11001")
    decision = handle_registration_sms(state, sender=OTHER, text=f"{NID}*11002", now=NOW)
    assert decision.reply.code is MessageCode.MESSAGE_2
    assert decision.reply.params["number"] == "4567"
    assert decision.reply.params["centre"] == "مدرسة الفاتح"
    assert decision.change is None
    assert (
        handle_registration_sms(state, sender=OTHER, text=f"{NID}*11001", now=NOW).reply.code == 3
    )


def test_unlock_takeover_and_relock() -> None:
    state = make_state()
    send(state, f"{NID}*11001")
    (current,) = state.current_registrations(1)
    state.registrations[0] = unlock(current, now=NOW)
    assert send(state, f"{NID}*11001", sender=OTHER) == 1
    (taken,) = state.current_registrations(1)
    assert taken.phone == OTHER
    assert taken.repeat_count == 0
    assert taken.is_unlocked(NOW)  # a same-centre takeover does not relock (SmartElect)
    assert state.registrations_from_phone(PHONE) == 0
    assert send(state, f"{NID}*11002", sender=PHONE) == 1
    (moved,) = state.current_registrations(1)
    assert moved.unlocked_until is None
    assert moved.change_count == 1
    assert send(state, f"{NID}*11001", sender=OTHER) == 3
    assert send(state, f"{NID}*11002", sender=OTHER, now=NOW.add(hours=13)) == 3


def test_unlocked_registration_blocked_by_new_phone_limit() -> None:
    state = make_state()
    send(state, f"{NID}*11001")
    send(state, "119700000003*11001", sender=OTHER)
    send(state, "119700000004*11001", sender=OTHER)
    index = state.registrations.index(state.current_registrations(1)[0])
    state.registrations[index] = unlock(state.registrations[index], now=NOW)
    assert send(state, f"{NID}*11002", sender=OTHER) == 71


def test_help_desk_adds_changes() -> None:
    reg = Registration(citizen_id=1, center_id=11001, phone=PHONE, created_at=NOW, change_count=3)
    assert add_changes(reg).max_changes == 6
    assert add_changes(attrs.evolve(reg, change_count=1)).max_changes == 3
    assert unlock(reg, now=NOW).unlocked_until == NOW.add(hours=12)


def test_enhanced_after_three_identical() -> None:
    state = make_state()
    flags = [state.receive(sender=PHONE, text="x", now=NOW).reply.enhanced for _ in range(5)]
    assert flags == [False, False, False, True, True]
    state.receive(sender=PHONE, text="1", now=NOW)
    assert not state.receive(sender=PHONE, text="x", now=NOW).reply.enhanced
    text = state.receive(sender=OTHER, text="x", now=NOW).reply.text("en")
    assert text.endswith("(message number 14)")


def test_decisions_carry_changes_and_types() -> None:
    state = make_state()
    first = handle_registration_sms(state, sender=PHONE, text=f"{NID}*11001", now=NOW)
    assert isinstance(first.change, NewRegistration)
    assert first.sms_type is SmsType.REGISTRATION
    assert first.reply.params == {
        "person": "محمد علي سالم الورفلي",
        "centre": "مدرسة الفاتح",
        "code": 11001,
    }
    state.apply(first, sender=PHONE, now=NOW)
    second = handle_registration_sms(state, sender=PHONE, text=f"{NID}*11002", now=NOW)
    assert isinstance(second.change, UpdateRegistration)
    assert second.change.archive
    assert second.sms_type is SmsType.UPDATE
    assert len(state.registrations) == 1  # nothing applied by the decision itself


class Broken(InMemoryRegistrationState):
    def citizen(self, national_id: str) -> Citizen | None:
        raise RuntimeError("database down")

    def recent_reply_codes(self, phone: str, count: int) -> Sequence[int]:
        return []


def test_server_error() -> None:
    state = Broken(periods=[RegistrationPeriod(start=NOW, end=NOW.add(days=1))])
    assert send(state, NID) == 13


def test_naive_now_refused() -> None:
    with pytest.raises(InvalidType):
        handle_registration_sms(make_state(), sender=PHONE, text=NID, now=dt.datetime(2014, 1, 1))


def test_archive_versions_touch() -> None:
    state = make_state()
    send(state, f"{NID}*11001")
    later = NOW.add(minutes=5)
    send(state, f"{NID}*11002", now=later)
    archived = [r for r in state.registrations if r.archived_at is not None]
    (current,) = state.current_registrations(1)
    assert [r.center_id for r in archived] == [11001]
    assert archived[0].archived_at == current.created_at == later


MESSAGES = st.tuples(
    st.sampled_from([PHONE, OTHER, "218913333333"]),
    st.sampled_from([NID, NID2, "119700000003", "119700000004", "119999999999"]),
    st.sampled_from(["11001", "11002", "11005", "11003", "11004", ""]),
    st.booleans(),
)


@given(st.lists(MESSAGES, max_size=25))
def test_registration_invariants(messages: list[tuple[str, str, str, bool]]) -> None:
    state = make_state()
    for minute, (sender, nid, centre, help_desk) in enumerate(messages):
        now = NOW.add(minutes=minute)
        citizen = state.citizens.get(nid)
        if help_desk and citizen is not None:
            for index, row in enumerate(state.registrations):
                if row.is_current and citizen.civil_registry_id == row.citizen_id:
                    state.registrations[index] = add_changes(unlock(row, now=now))
        decision = state.receive(sender=sender, text=f"{nid}*{centre}", now=now)
        assert decision.reply.code in set(MessageCode)
    current = [r for r in state.registrations if r.is_current]
    citizens = [r.citizen_id for r in current]
    assert len(citizens) == len(set(citizens))  # at most one current registration each
    for phone in (PHONE, OTHER, "218913333333"):
        assert state.registrations_from_phone(phone) <= 2
    for row in current:
        assert row.change_count <= row.max_changes
        assert state.centers[row.center_id].reg_open
        assert not state.centers[row.center_id].is_copy
