"""Age eligibility (أهلية السن): the triple comparison in Libyan local time.

A citizen may register and vote when they are not blocked, not missing from the
latest civil-registry dump, and their birth date, as a ``(year, month, day)``
triple, is on or before ``(year - 18, month, day)`` of the reference day. The
comparison is on triples, not on constructed dates, so a citizen becomes eligible
**on** their 18th birthday and a person born on 29 February becomes eligible on
1 March of a non-leap year.

The reference day is the calendar day of ``as_of`` **in Africa/Tripoli**.
SmartElect took the day of an aware "now" in UTC, so the eligibility day switched
at 02:00 Libyan time (a quirk, fixed here on purpose). OCVR's out-of-country rule
is stricter (born strictly before the day 18 years ago): pass ``strict=True``.

Sources: SmartElect ``civil_registry/models.py`` ("is eligible"),
``libya_elections/settings/base.py`` (``VOTING_AGE_IN_YEARS``)
(SmartElect/SmartElect at commit ``d6d35f2``); OCVR
``app/controllers/registrations_controller.rb`` ("age allowed?")
(hnec-vr/ocvr at commit ``1404379``).

>>> import pendulum
>>> from electoral.model import TRIPOLI
>>> is_old_enough(pendulum.date(2008, 2, 29), as_of=pendulum.datetime(2026, 2, 28, 12, tz=TRIPOLI))
False
>>> is_old_enough(pendulum.date(2008, 2, 29), as_of=pendulum.datetime(2026, 3, 1, 0, tz=TRIPOLI))
True
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import pendulum

from electoral._guard import guarded
from electoral.errors import InvalidType, OutOfRange, ValidationError
from electoral.model import TRIPOLI, Citizen

__all__ = [
    "VOTING_AGE",
    "Blocked",
    "Missing",
    "TooYoung",
    "age_on",
    "check_eligible",
    "is_eligible",
    "is_old_enough",
    "local_date",
]

VOTING_AGE: Final = 18
"""The minimum age in whole years (``VOTING_AGE_IN_YEARS``)."""


class TooYoung(OutOfRange):
    """The citizen is under the minimum age on the reference day."""

    default_code = "registration.too_young"


class Blocked(ValidationError):
    """The citizen is blocked (only a changeset can unblock them)."""

    default_code = "registration.blocked"


class Missing(ValidationError):
    """The citizen was absent from the latest civil-registry dump."""

    default_code = "registration.missing"


@guarded
def local_date(as_of: dt.datetime) -> pendulum.Date:
    """The calendar day of an aware instant in Africa/Tripoli.

    >>> local_date(pendulum.datetime(2026, 3, 1, 23, 30, tz="UTC"))
    Date(2026, 3, 2)

    Raises:
        InvalidType: ``as_of`` is not an aware :class:`datetime.datetime` (``time.naive``
            when it has no time zone).
    """
    if not isinstance(as_of, dt.datetime):
        raise InvalidType(field="as_of", value=as_of)
    if as_of.utcoffset() is None:
        raise InvalidType("time.naive", field="as_of", value=as_of)
    local = pendulum.instance(as_of).in_timezone(TRIPOLI)
    return pendulum.Date(local.year, local.month, local.day)


def _check_age(minimum_age: int) -> None:
    if type(minimum_age) is not int or not 0 <= minimum_age <= 150:
        raise OutOfRange("registration.minimum_age", field="minimum_age", value=minimum_age)


@guarded
def is_old_enough(
    birth_date: dt.date,
    *,
    as_of: dt.datetime,
    minimum_age: int = VOTING_AGE,
    strict: bool = False,
) -> bool:
    """Whether someone born on ``birth_date`` has the minimum age on ``as_of``'s day.

    Args:
        birth_date: the registry's birth date.
        as_of: the reference instant (aware); its day in Tripoli is used.
        minimum_age: whole years, 18 by default.
        strict: OCVR's rule, born strictly before the day ``minimum_age`` years ago
            (a person turning 18 today is refused).

    >>> is_old_enough(pendulum.date(2008, 5, 4), as_of=pendulum.datetime(2026, 5, 4, tz=TRIPOLI))
    True
    >>> is_old_enough(pendulum.date(2008, 5, 4), as_of=pendulum.datetime(2026, 5, 4, tz=TRIPOLI),
    ...               strict=True)
    False
    """
    _check_age(minimum_age)
    day = local_date(as_of)
    born = (birth_date.year, birth_date.month, birth_date.day)
    limit = (day.year - minimum_age, day.month, day.day)
    return born < limit if strict else born <= limit


@guarded
def age_on(birth_date: dt.date, *, as_of: dt.datetime) -> int:
    """Age in whole years on ``as_of``'s day in Tripoli (same triple rule).

    >>> age_on(pendulum.date(2000, 2, 29), as_of=pendulum.datetime(2018, 2, 28, tz=TRIPOLI))
    17
    """
    day = local_date(as_of)
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


@guarded
def check_eligible(
    citizen: Citizen,
    *,
    as_of: dt.datetime,
    minimum_age: int = VOTING_AGE,
    strict: bool = False,
) -> None:
    """Raise why ``citizen`` may not register or vote on ``as_of``; return if they may.

    The checks, in order: missing from the registry, blocked, too young.

    Raises:
        Missing: ``registration.missing``.
        Blocked: ``registration.blocked``.
        TooYoung: ``registration.too_young``, with ``minimum_age`` and ``day``.
    """
    if citizen.missing_since is not None:
        raise Missing(field="missing_since", value=citizen.missing_since)
    if citizen.blocked:
        raise Blocked(field="blocked", value=True)
    if not is_old_enough(citizen.birth_date, as_of=as_of, minimum_age=minimum_age, strict=strict):
        raise TooYoung(
            field="birth_date",
            value=citizen.birth_date,
            minimum_age=minimum_age,
            day=local_date(as_of).isoformat(),
        )


@guarded
def is_eligible(
    citizen: Citizen,
    *,
    as_of: dt.datetime,
    minimum_age: int = VOTING_AGE,
    strict: bool = False,
) -> bool:
    """Whether :func:`check_eligible` passes (never raises for a bad citizen state)."""
    try:
        check_eligible(citizen, as_of=as_of, minimum_age=minimum_age, strict=strict)
    except (Missing, Blocked, TooYoung):
        return False
    return True
