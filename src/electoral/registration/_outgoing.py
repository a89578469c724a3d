"""Outgoing SMS (الرسائل الصادرة): the sender address, the emoji guard, and splitting.

Three rules apply to every message SmartElect sends:

* **Sender.** A reply goes out from the short code the incoming message was addressed
  to; a message that is not a reply goes out from the registration short code, unless
  an endpoint is given (:func:`outgoing_sender`).
* **Emoji guard.** Some phones turn ``8)`` and ``(8`` into emoji, so before sending,
  ``8)`` becomes ``8 )`` and ``(8`` becomes ``( 8`` (:func:`protect_from_emoji`).
  Only the text on the air changes; the stored text is not rewritten.
* **Splitting** is off by default (``SPLIT_LONG_MESSAGES = False``: the operators
  split long messages themselves). When on, a message longer than 70 characters is
  wrapped on word boundaries at 62 characters (70 − 8, room for the prefix), and
  each part gets the prefix ``[i/n]`` and a space (:func:`split_message`). A single word longer
  than 62 characters is cut.

:func:`outgoing_parts` applies the guard and then, if asked, the split: the parts
that would actually be sent.

Sources: SmartElect ``register/app.py``, ``libya_elections/settings/base.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> protect_from_emoji("Centre (8) reports")
'Centre ( 8 ) reports'
>>> outgoing_parts("رقم (8)")
('رقم ( 8 )',)
"""

from __future__ import annotations

import textwrap
from typing import Final

from electoral.errors import InvalidType, OutOfRange

__all__ = [
    "SMS_LENGTH",
    "SPLIT_PREFIX_ROOM",
    "outgoing_parts",
    "outgoing_sender",
    "protect_from_emoji",
    "split_message",
]

SMS_LENGTH: Final = 70
"""Characters in one (Unicode) SMS; longer messages are split when splitting is on."""
SPLIT_PREFIX_ROOM: Final = 8
"""Characters kept free for the ``[i/n]`` prefix and its space: parts wrap at 70 − 8 = 62."""

_EMOJI_FIXES: Final = (("8)", "8 )"), ("(8", "( 8"))


def _text(value: object, field: str = "text") -> str:
    if not isinstance(value, str):
        raise InvalidType(field=field, value=value)
    return value


def protect_from_emoji(text: str) -> str:
    """Rewrite ``8)`` as ``8 )`` and ``(8`` as ``( 8``, so that no phone shows an emoji.

    >>> protect_from_emoji("18) and (80")
    '18 ) and ( 80'

    Raises:
        InvalidType: ``text`` is not ``str``.
    """
    result = _text(text)
    for before, after in _EMOJI_FIXES:
        result = result.replace(before, after)
    return result


def split_message(text: str, *, length: int = SMS_LENGTH) -> tuple[str, ...]:
    """Split a long message into parts prefixed ``[i/n]`` (SmartElect's optional split).

    A message of at most ``length`` characters is returned whole. A longer one is
    wrapped on word boundaries at ``length − 8`` characters (whitespace between
    parts is dropped, runs of whitespace inside a part become single spaces) and
    the parts are numbered ``[1/n]``, ``[2/n]``, … each followed by a space.

    Raises:
        InvalidType: ``text`` is not ``str`` or ``length`` not ``int``.
        OutOfRange: ``length`` leaves no room for text after the prefix (< 9).

    >>> split_message("short")
    ('short',)
    >>> parts = split_message(" ".join(["كلمة"] * 30))
    >>> [len(p) for p in parts], parts[1][:6]
    ([65, 65, 35], '[2/3] ')
    """
    _text(text)
    if type(length) is not int:
        raise InvalidType(field="length", value=length)
    if length <= SPLIT_PREFIX_ROOM:
        raise OutOfRange(
            field="length", value=length, min_value=SPLIT_PREFIX_ROOM + 1, max_value="∞"
        )
    if len(text) <= length:
        return (text,)
    pieces = textwrap.wrap(
        text, width=length - SPLIT_PREFIX_ROOM, break_on_hyphens=False, expand_tabs=False
    )
    if not pieces:  # only whitespace: nothing worth numbering
        return (text,)
    count = len(pieces)
    return tuple(f"[{i}/{count}] {piece}" for i, piece in enumerate(pieces, start=1))


def outgoing_parts(text: str, *, split: bool = False, length: int = SMS_LENGTH) -> tuple[str, ...]:
    """The SMS that would be sent for ``text``: emoji guard, then (if on) the split.

    >>> outgoing_parts("x" * 71, split=False) == ("x" * 71,)
    True
    >>> len(outgoing_parts("x" * 71, split=True))
    2
    """
    guarded = protect_from_emoji(text)
    return split_message(guarded, length=length) if split else (guarded,)


def outgoing_sender(
    *,
    registration_short_code: str,
    in_reply_to: str | None = None,
    endpoint: str | None = None,
) -> str:
    """The address a message is sent from.

    Args:
        registration_short_code: the registration short code (``10020`` in tests,
            15015 in production).
        in_reply_to: for a reply, the address the incoming message was sent to.
        endpoint: for a message that is not a reply, an explicit sender.

    >>> outgoing_sender(registration_short_code="10020", in_reply_to="10040")
    '10040'
    >>> outgoing_sender(registration_short_code="10020")
    '10020'
    """
    _text(registration_short_code, "registration_short_code")
    if in_reply_to is not None:
        return _text(in_reply_to, "in_reply_to")
    if endpoint is not None:
        return _text(endpoint, "endpoint")
    return registration_short_code
