"""Registration statistics (إحصاءات التسجيل): counting rules, breakdowns and fraud lists.

**What counts.** A registration is counted only when it is current (neither archived
nor deleted) and its centre is an undeleted centre with ``reg_open`` true. Pass the
undeleted centres: a registration at a centre not among them is not counted.

**Breakdowns** (:func:`registration_breakdown`): by gender (M/F), by age bucket
(18–29, 30–39, 40–49, 50–59, 60+, age in whole years at the time of the report,
see :func:`age_bucket`), by office, by region, by subconstituency and by day (the
Tripoli date of the registration's current version).

**Fraud-oriented lists**: phones with more than one current registration
(:func:`phones_with_several_registrations`), phones whose registrations span more than
one family book number (:func:`phones_with_several_family_books`), and phones that
received message 3, "NID already registered" (:func:`phones_sent_code`).

Sources: SmartElect ``reporting_api/query.py``, ``reporting_api/codings.py``,
``reporting_api/data_pull.py`` (SmartElect/SmartElect at commit ``d6d35f2``).

>>> [age_bucket(age).value for age in (18, 29, 30, 59, 60, 97)]
['18-29', '18-29', '30-39', '50-59', '60+', '60+']
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidType,
    OutOfRange,
)
from electoral.model import TRIPOLI, Center, Citizen, Gender, Office, Region
from electoral.registration._eligibility import VOTING_AGE, age_on
from electoral.registration._messages import MessageCode
from electoral.registration._roll import Registration

__all__ = [
    "AgeBucket",
    "RegistrationBreakdown",
    "age_bucket",
    "counted_registrations",
    "phones_sent_code",
    "phones_with_several_family_books",
    "phones_with_several_registrations",
    "registration_breakdown",
]


class AgeBucket(enum.Enum):
    """The reporting age buckets (``reporting_api/codings.py``)."""

    AGE_18_29 = "18-29"
    AGE_30_39 = "30-39"
    AGE_40_49 = "40-49"
    AGE_50_59 = "50-59"
    AGE_60_PLUS = "60+"


_BUCKETS: Final = (
    (30, AgeBucket.AGE_18_29),
    (40, AgeBucket.AGE_30_39),
    (50, AgeBucket.AGE_40_49),
    (60, AgeBucket.AGE_50_59),
)


@guarded
def age_bucket(age: int) -> AgeBucket:
    """The bucket of an age in whole years.

    Raises:
        InvalidType: ``age`` is not ``int``.
        OutOfRange: ``registration.report.age``, under 18.
    """
    if type(age) is not int:
        raise InvalidType(field="age", value=age)
    if age < VOTING_AGE:
        raise OutOfRange(
            "registration.report.age",
            field="age",
            value=age,
            minimum=VOTING_AGE,
            min_value=VOTING_AGE,
            max_value="∞",
        )
    for below, bucket in _BUCKETS:
        if age < below:
            return bucket
    return AgeBucket.AGE_60_PLUS


@guarded
def counted_registrations(
    registrations: Iterable[Registration], centers: Mapping[int, Center]
) -> list[Registration]:
    """The registrations the reports count: current, at an undeleted ``reg_open`` centre.

    ``centers`` are the undeleted centres by centre id.
    """
    counted = []
    for registration in registrations:
        if not isinstance(registration, Registration):
            raise InvalidType(field="registrations", value=registration)
        center = centers.get(registration.center_id)
        if registration.is_current and center is not None and center.reg_open:
            counted.append(registration)
    return counted


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class RegistrationBreakdown:
    """Counts of the counted registrations (every mapping omits zero counts)."""

    total: int
    by_gender: Mapping[Gender, int]
    by_age: Mapping[AgeBucket, int]
    by_office: Mapping[int, int]
    by_region: Mapping[Region, int]
    by_subconstituency: Mapping[int, int]
    by_day: Mapping[dt.date, int]


@guarded
def registration_breakdown(
    registrations: Iterable[Registration],
    *,
    citizens: Mapping[int, Citizen],
    centers: Mapping[int, Center],
    offices: Mapping[int, Office] | None = None,
    as_of: dt.datetime,
) -> RegistrationBreakdown:
    """Count the registrations by gender, age bucket, office, region, subconstituency, day.

    Args:
        registrations: registrations (only the counted ones count, see
            :func:`counted_registrations`).
        citizens: the citizens by ``civil_registry_id``.
        centers: the undeleted centres by centre id.
        offices: the offices by id, for the region; an office not given (or no
            mapping) counts under :attr:`Region.NONE`.
        as_of: the time of the report (ages are whole years on its Tripoli day).

    Raises:
        ValidationErrors: ``registration.report.unknown_citizen`` for a counted
            registration whose citizen is not given, ``registration.report.age`` for
            a registrant under 18 (at ``registration N``, counted from 1).

    >>> import pendulum
    >>> from electoral.model import TRIPOLI
    >>> c = Citizen(civil_registry_id=7, national_id="119690261935", fbr_number="4471",
    ...             first_name="محمد", father_name="", grandfather_name="",
    ...             family_name="الورفلي", birth_date=pendulum.date(1969, 9, 7),
    ...             gender=Gender.MALE)
    >>> centre = Center(center_id=11001, name_ar="مدرسة الفاتح", office_id=5)
    >>> r = Registration(citizen_id=7, center_id=11001, phone="218923456789",
    ...                  created_at=pendulum.datetime(2014, 1, 5, 23, tz="UTC"))
    >>> b = registration_breakdown([r], citizens={7: c}, centers={11001: centre},
    ...                            as_of=pendulum.datetime(2026, 1, 1, tz=TRIPOLI))
    >>> b.total, dict(b.by_age), dict(b.by_day)
    (1, {<AgeBucket.AGE_50_59: '50-59'>: 1}, {Date(2014, 1, 6): 1})
    """
    offices = offices or {}
    collector = ErrorCollector("registration report")
    genders: Counter[Gender] = Counter()
    ages: Counter[AgeBucket] = Counter()
    by_office: Counter[int] = Counter()
    regions: Counter[Region] = Counter()
    subconstituencies: Counter[int] = Counter()
    days: Counter[dt.date] = Counter()
    total = 0
    for number, registration in enumerate(counted_registrations(registrations, centers), 1):
        citizen = citizens.get(registration.citizen_id)
        if citizen is None:
            collector.add(
                InconsistentValue(
                    "registration.report.unknown_citizen",
                    field="citizen_id",
                    value=registration.citizen_id,
                ),
                f"registration {number}",
            )
            continue
        with collector.at(f"registration {number}"):
            bucket = age_bucket(age_on(citizen.birth_date, as_of=as_of))
            center = centers[registration.center_id]
            office = offices.get(center.office_id)
            total += 1
            genders[citizen.gender] += 1
            ages[bucket] += 1
            by_office[center.office_id] += 1
            regions[office.region if office is not None else Region.NONE] += 1
            subconstituencies[center.subconstituency_id] += 1
            days[registration.created_at.in_timezone(TRIPOLI).date()] += 1
    collector.raise_if_any()
    return RegistrationBreakdown(
        total=total,
        by_gender=dict(genders),
        by_age=dict(ages),
        by_office=dict(by_office),
        by_region=dict(regions),
        by_subconstituency=dict(subconstituencies),
        by_day=dict(days),
    )


@guarded
def phones_with_several_registrations(
    registrations: Iterable[Registration],
) -> dict[str, int]:
    """Phones with more than one current registration, and how many each has.

    >>> import pendulum
    >>> t = pendulum.datetime(2014, 1, 5, tz="UTC")
    >>> rs = [Registration(citizen_id=i, center_id=11001, phone="218923456789", created_at=t)
    ...       for i in (1, 2)]
    >>> phones_with_several_registrations(rs)
    {'218923456789': 2}
    """
    counts = Counter(r.phone for r in registrations if r.is_current)
    return {phone: count for phone, count in counts.items() if count > 1}


@guarded
def phones_with_several_family_books(
    registrations: Iterable[Registration], citizens: Mapping[int, Citizen]
) -> dict[str, frozenset[str]]:
    """Phones whose current registrations' citizens have more than one FBR number.

    Citizens not given are ignored.
    """
    books: defaultdict[str, set[str]] = defaultdict(set)
    for registration in registrations:
        citizen = citizens.get(registration.citizen_id)
        if registration.is_current and citizen is not None:
            books[registration.phone].add(citizen.fbr_number)
    return {phone: frozenset(fbrs) for phone, fbrs in books.items() if len(fbrs) > 1}


@guarded
def phones_sent_code(
    replies: Iterable[tuple[str, int]], code: int = MessageCode.MESSAGE_2
) -> frozenset[str]:
    """The phones that received ``code`` (default 3, "NID already registered").

    Args:
        replies: ``(phone, message code)`` of each outgoing SMS.

    >>> sorted(phones_sent_code([("218923456789", 3), ("218913456789", 1)]))
    ['218923456789']
    """
    phones = []
    for reply in replies:
        if not (isinstance(reply, tuple) and len(reply) == 2 and isinstance(reply[0], str)):
            raise InvalidType(field="replies", value=reply)
        phone, sent = reply
        if sent == code:
            phones.append(phone)
    return frozenset(phones)
