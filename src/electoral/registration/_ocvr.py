"""OCVR, HNEC's out-of-country pre-registration site (التسجيل المسبق خارج البلاد): its rules.

* **Deadline.** Registration is open while today (Tripoli) is not after the
  deadline, 2014-02-10 (``voter_registration_deadline``); the deadline day itself is
  open (:func:`ocvr_registration_open`).
* **National-id entry.** After Eastern-Arabic digits are converted, the id must be
  exactly 12 characters and equal its confirmation; neither error counts as a
  look-up attempt (:func:`ocvr_check_nid_entry`).
* **Look-up throttle.** The counter counts real calls to the national id web
  service. A CAPTCHA is shown once it is ≥ 2 (≥ 1 on a re-rendered look-up form) and
  checked once it is ≥ 3; when it is already ≥ 5, the next attempt suspends the
  account for 4 hours and resets the counter to 0 (:func:`ocvr_lookup_gate`).
* **Changes.** The submission counter goes up when the voting location changes (or,
  while editing a registration, the constituency); changes left are 3 − count, and 0
  from 3 on (:func:`ocvr_changes_left`, :func:`ocvr_count_submission`).
* The age rule (born strictly before the day 18 years ago) is
  :func:`~electoral.registration.is_old_enough` with ``strict=True``.

Sources: OCVR ``app/controllers/registrations_controller.rb``, ``app/models/user.rb``,
``config/settings.yml``, ``app/helpers/arabic_numeral_converter.rb``
(hnec-vr/ocvr at commit ``1404379``).

>>> import pendulum
>>> from electoral.model import TRIPOLI
>>> ocvr_registration_open(pendulum.datetime(2014, 2, 10, 23, 59, tz=TRIPOLI))
True
>>> ocvr_lookup_gate(5)
LookupGate(show_captcha=True, check_captcha=True, suspend=True)
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs
import pendulum

from electoral._guard import guarded, typed_fields
from electoral.errors import (
    InconsistentValue,
    InvalidLength,
    InvalidType,
    OutOfRange,
)
from electoral.registration import _common as c
from electoral.registration._lookup import translate_eastern_arabic_digits

__all__ = [
    "OCVR_DEADLINE",
    "OCVR_MAX_CHANGES",
    "OCVR_SUSPENSION",
    "LookupGate",
    "ocvr_changes_left",
    "ocvr_check_nid_entry",
    "ocvr_count_submission",
    "ocvr_lookup_gate",
    "ocvr_registration_open",
]

OCVR_DEADLINE: Final = pendulum.Date(2014, 2, 10)
"""``voter_registration_deadline``: the last day registration is open."""
OCVR_MAX_CHANGES: Final = 3
"""Submissions allowed (the first, which sets a location, counts)."""
OCVR_SUSPENSION: Final = pendulum.duration(hours=4)
"""How long an account is suspended after too many look-ups."""
_SHOW_CAPTCHA: Final = 2
_CHECK_CAPTCHA: Final = 3
_SUSPEND: Final = 5


@guarded
def ocvr_registration_open(now: dt.datetime, *, deadline: dt.date = OCVR_DEADLINE) -> bool:
    """Whether OCVR registration is open at ``now`` (its Tripoli day ≤ the deadline)."""
    return c.aware(now, "now").date() <= deadline


@guarded
def ocvr_check_nid_entry(national_id: str, confirmation: str) -> str:
    """The national id typed twice, checked before any look-up; returns it in ASCII.

    Raises:
        InvalidLength: ``registration.ocvr.nid_length``, not 12 characters.
        InconsistentValue: ``registration.ocvr.nid_confirmation``, the two differ.

    >>> ocvr_check_nid_entry("٢١٩٨١٠٣٧١٠٦٢", "219810371062")
    '219810371062'
    """
    nid = translate_eastern_arabic_digits(national_id).strip()
    again = translate_eastern_arabic_digits(confirmation).strip()
    if len(nid) != 12:
        raise InvalidLength("registration.ocvr.nid_length", field="national_id", value=national_id)
    if nid != again:
        raise InconsistentValue(
            "registration.ocvr.nid_confirmation", field="confirmation", value=confirmation
        )
    return nid


@attrs.frozen(field_transformer=typed_fields)
class LookupGate:
    """What the look-up form does for the next attempt.

    Attributes:
        show_captcha: the form shows a CAPTCHA.
        check_captcha: the attempt must pass it.
        suspend: the attempt suspends the account for 4 hours and resets the counter.
    """

    show_captcha: bool
    check_captcha: bool
    suspend: bool


def _count(value: object, field: str) -> int:
    if type(value) is not int:
        raise InvalidType(field=field, value=value)
    if value < 0:
        raise OutOfRange(field=field, value=value, min_value=0, max_value="∞")
    return value


@guarded
def ocvr_lookup_gate(counter: int, *, rerendered: bool = False) -> LookupGate:
    """The throttle for the next look-up, given the calls already made.

    >>> [ocvr_lookup_gate(n).show_captcha for n in range(4)]
    [False, False, True, True]
    >>> ocvr_lookup_gate(1, rerendered=True).show_captcha
    True
    """
    count = _count(counter, "counter")
    return LookupGate(
        show_captcha=count >= (1 if rerendered else _SHOW_CAPTCHA),
        check_captcha=count >= _CHECK_CAPTCHA,
        suspend=count >= _SUSPEND,
    )


@guarded
def ocvr_changes_left(submissions: int) -> int:
    """Changes still allowed: ``3 − submissions``, and 0 from 3 on.

    >>> [ocvr_changes_left(n) for n in range(5)]
    [3, 2, 1, 0, 0]
    """
    return max(0, OCVR_MAX_CHANGES - _count(submissions, "submissions"))


@guarded
def ocvr_count_submission(
    submissions: int,
    *,
    old_location: str | None,
    new_location: str | None,
    old_constituency: str | None = None,
    new_constituency: str | None = None,
    editing: bool = False,
) -> int:
    """The submission counter after a submission.

    It goes up by one when the voting location changes, or, while editing a
    registration, the constituency. The first submission sets a location, so it
    counts.

    >>> ocvr_count_submission(0, old_location=None, new_location="Egypt - Cairo")
    1
    >>> ocvr_count_submission(1, old_location="Egypt - Cairo", new_location="Egypt - Cairo",
    ...                       old_constituency="طرابلس", new_constituency="مصراتة")
    1
    """
    count = _count(submissions, "submissions")
    changed = old_location != new_location or (editing and old_constituency != new_constituency)
    return count + 1 if changed else count
