"""The permanent message-code table and the error catalogue of this chapter."""

from __future__ import annotations

import re

from electoral.errors import MESSAGES
from electoral.registration import MESSAGE_TEXTS, MessageCode, SmsType, render_reply

PERMANENT = {
    1,
    3,
    4,
    5,
    6,
    8,
    9,
    10,
    11,
    12,
    13,
    14,
    31,
    40,
    41,
    42,
    43,
    44,
    45,
    49,
    50,
    51,
    52,
    54,
    55,
    56,
    57,
    71,
    72,
    73,
    74,
    75,
    76,
    77,
    78,
    79,
    81,
    82,
    83,
    84,
    85,
    86,
    87,
    88,
    89,
    90,
    93,
}
ARABIC = re.compile("[\u0600-\u06ff]")


def test_codes_are_permanent() -> None:
    assert {int(code) for code in MessageCode} == PERMANENT
    assert MessageCode["MESSAGE_1"] is MessageCode["RESPONSE_VALID_REGISTRATION"]
    assert MessageCode["MESSAGE_2"] is MessageCode["MESSAGE_7"]
    assert MessageCode["TOO_MANY_REGISTRATIONS_ON_PHONE"] == 71
    assert int(SmsType.NOT_HANDLED) == 24


def test_every_code_has_both_texts() -> None:
    assert set(MESSAGE_TEXTS) == set(MessageCode)
    for en, ar in MESSAGE_TEXTS.values():
        assert en
        assert not ARABIC.search(en)
        assert ARABIC.search(ar)
        assert re.findall(r"\{(\w+)\}", en) == re.findall(r"\{(\w+)\}", en)
        assert set(re.findall(r"\{(\w+)\}", en)) == set(re.findall(r"\{(\w+)\}", ar))


def test_missing_parameters() -> None:
    one = render_reply(MessageCode.VOTER_QUERY_REGISTERED_AT, {"person": "م", "centre": "ف"}, "en")
    assert one == "م is registered at ف, Election Center number . (message number 44)"
    two = render_reply(MessageCode.VOTER_QUERY_REGISTERED_AT, {"person": "م"}, "en")
    assert "{centre}" in two
    assert "{person}" in two
    assert render_reply(MessageCode.PUNT, {}, "ar").endswith("(رسالة رقم 90)")


def test_chapter_error_codes_have_arabic() -> None:
    import electoral.registration  # noqa: F401 - registers the codes

    ours = {
        code: message for code, message in MESSAGES.items() if code.startswith("registration.")
    }
    assert len(ours) > 60
    for message in ours.values():
        assert message.en
        assert ARABIC.search(message.ar)
