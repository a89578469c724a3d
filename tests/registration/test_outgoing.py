"""Outgoing SMS: sender address, emoji guard, splitting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InvalidType, OutOfRange
from electoral.registration import (
    SMS_LENGTH,
    outgoing_parts,
    outgoing_sender,
    protect_from_emoji,
    split_message,
)


@pytest.mark.parametrize(
    ("text", "sent"),
    [
        ("8)", "8 )"),
        ("(8", "( 8"),
        ("(8)", "( 8 )"),
        ("رقم المركز (88)", "رقم المركز ( 88 )"),
        ("(message number 8)", "(message number 8 )"),
        ("no digits (x)", "no digits (x)"),
        ("9) (7", "9) (7"),
    ],
)
def test_emoji_guard(text: str, sent: str) -> None:
    assert protect_from_emoji(text) == sent


@given(st.text(alphabet="8() x"))
def test_emoji_guard_leaves_no_trigger_and_is_idempotent(text: str) -> None:
    guarded = protect_from_emoji(text)
    assert "8)" not in guarded
    assert "(8" not in guarded
    assert protect_from_emoji(guarded) == guarded
    assert guarded.replace(" ", "") == text.replace(" ", "")


def test_split_is_off_by_default() -> None:
    long = "كلمة " * 40
    assert outgoing_parts(long) == (long,)


def test_short_message_is_not_split() -> None:
    assert split_message("x" * SMS_LENGTH) == ("x" * SMS_LENGTH,)


def test_split_prefixes_and_wraps_at_62() -> None:
    text = " ".join(f"w{i:02d}" for i in range(40))  # 159 characters
    parts = split_message(text)
    assert len(parts) == 3
    assert [p[:6] for p in parts] == ["[1/3] ", "[2/3] ", "[3/3] "]
    assert all(len(p) - 6 <= 62 for p in parts)
    assert " ".join(p[6:] for p in parts) == text


def test_guard_applies_before_split() -> None:
    parts = outgoing_parts("x" * 50 + " (8) " + "y" * 60, split=True)
    assert parts == ("[1/2] " + "x" * 50 + " ( 8 )", "[2/2] " + "y" * 60)


def test_long_word_is_cut() -> None:
    parts = split_message("z" * 130)
    assert [len(p) for p in parts] == [68, 68, 12]


def test_split_refuses_bad_arguments() -> None:
    with pytest.raises(InvalidType):
        split_message(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidType):
        split_message("x", length=70.0)  # type: ignore[arg-type]
    with pytest.raises(OutOfRange):
        split_message("x", length=8)
    with pytest.raises(InvalidType):
        protect_from_emoji(8)  # type: ignore[arg-type]


_WORDS = st.lists(st.text(alphabet="abcدخل٣", min_size=1, max_size=20), min_size=1, max_size=40)


@given(_WORDS)
def test_split_keeps_every_word_in_order(words: list[str]) -> None:
    text = " ".join(words)
    parts = split_message(text)
    if len(text) <= SMS_LENGTH:
        assert parts == (text,)
        return
    count = len(parts)
    bodies = []
    for number, part in enumerate(parts, start=1):
        prefix = f"[{number}/{count}] "
        assert part.startswith(prefix)
        assert len(part) - len(prefix) <= SMS_LENGTH - 8
        if count < 10:  # the prefix fits the 8 characters kept for it
            assert len(part) <= SMS_LENGTH
        bodies.append(part[len(prefix) :])
    assert " ".join(bodies).split() == words


def test_sender() -> None:
    assert outgoing_sender(registration_short_code="15015", in_reply_to="21810030") == "21810030"
    assert outgoing_sender(registration_short_code="15015", endpoint="10030") == "10030"
    assert outgoing_sender(registration_short_code="15015") == "15015"
    with pytest.raises(InvalidType):
        outgoing_sender(registration_short_code=15015)  # type: ignore[arg-type]
