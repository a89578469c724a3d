"""Private: a nomination, its review under an election's rules, and the candidate list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs
import pendulum

from electoral._checks import day_of, sequence_of
from electoral.candidates._rules import Education, Nationality, NominationRules
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    ValidationError,
    ValidationErrors,
    register_messages,
)
from electoral.ids import national_id as _national_id
from electoral.model import Gender, Period
from electoral.model import _validators as v
from electoral.registration import age_on, local_date

__all__ = [
    "HeldOffice",
    "Nomination",
    "Refusal",
    "Review",
    "check_nomination",
    "refuse",
    "review_nomination",
]

register_messages(
    {
        "candidates.women_race": (
            "Only women may stand for the race {value} ({law}).",
            "لا يترشح للسباق {value} إلا النساء ({law}).",
        ),
        "candidates.too_young": (
            "The candidate is {age} on {day}; the law requires {minimum} ({law}).",
            "عمر المرشح {age} سنة في {day}؛ والقانون يشترط {minimum} ({law}).",
        ),
        "candidates.other_nationality": (
            "The candidate holds another nationality, which the law does not allow ({law}).",
            "يحمل المرشح جنسية أخرى لا يجيزها القانون ({law}).",
        ),
        "candidates.education": (
            "The candidate's education ({value}) is below the {required} the law requires "
            "({law}).",
            "المؤهل العلمي للمرشح ({value}) أدنى من {required} الذي يشترطه القانون ({law}).",
        ),
        "candidates.signer_id": (
            "{value} is not a valid national id for a signature.",
            "{value} ليس رقمًا وطنيًا صالحًا للتزكية.",
        ),
        "candidates.signer_twice": (
            "{value} signed this nomination more than once; the signature counts once.",
            "وقّع {value} على هذا الترشح أكثر من مرة؛ ويُحتسب توقيعه مرة واحدة.",
        ),
        "candidates.signer_not_registered": (
            "{value} is not a registered voter ({law}).",
            "{value} ليس ناخبًا مسجلًا ({law}).",
        ),
        "candidates.signer_elsewhere": (
            "{value} is a registered voter of {registered}, not of {district} ({law}).",
            "{value} ناخب مسجل في {registered} لا في {district} ({law}).",
        ),
        "candidates.signatures_short": (
            "{value} valid signatures; the law requires {required} ({law}).",
            "{value} تزكية صحيحة؛ والقانون يشترط {required} ({law}).",
        ),
        "candidates.deposit_short": (
            "A deposit of {value} dinars; the law requires {required} ({law}).",
            "تأمين قدره {value} دينار؛ والقانون يشترط {required} ({law}).",
        ),
        "candidates.excluded_office": (
            "A holder of the office {value} may not stand ({law}).",
            "لا يجوز لشاغل الوظيفة {value} الترشح ({law}).",
        ),
        "candidates.resignation_late": (
            "The office {value} was left on {left}; the law requires leaving it by {by} ({law}).",
            "تُركت الوظيفة {value} في {left}؛ والقانون يشترط تركها قبل {by} ({law}).",
        ),
        "candidates.convicted": (
            "The candidate has a final conviction that bars the candidacy ({law}).",
            "صدر بحق المرشح حكم نهائي يمنع ترشحه ({law}).",
        ),
        "candidates.document_missing": (
            "The document {value} is missing from the file ({law}).",
            "المستند {value} غير موجود في الملف ({law}).",
        ),
        "candidates.not_registered": (
            "The candidate is not a registered voter ({law}).",
            "المرشح ليس ناخبًا مسجلًا ({law}).",
        ),
        "candidates.not_registered_here": (
            "The candidate is not a registered voter of {district} ({law}).",
            "المرشح ليس ناخبًا مسجلًا في {district} ({law}).",
        ),
        "candidates.filed_outside": (
            "The nomination was filed at {at}, outside the filing period {start} to {end}.",
            "قُدم الترشح في {at} خارج فترة الترشح من {start} إلى {end}.",
        ),
        "candidates.second_candidacy": (
            "{value} has already filed a nomination in this election (number {first}).",
            "سبق أن قدم {value} طلب ترشح في هذه الانتخابات (رقم {first}).",
        ),
        "candidates.signer_for_another": (
            "{value} has already signed for another candidate (nomination {first}) ({law}).",
            "سبق أن زكّى {value} مرشحًا آخر (الطلب {first}) ({law}).",
        ),
        "candidates.district": (
            "{value} is not a district of this election.",
            "{value} ليست دائرة في هذه الانتخابات.",
        ),
    }
)

_EDUCATION: Final = {
    Education.NONE: "none",
    Education.SECONDARY: "secondary school",
    Education.UNIVERSITY: "a university degree",
}


class Refusal(ValidationError):
    """A rule of the law that a nomination does not meet, with the law and article.

    ``params["law"]`` is the instrument and article (``"Law 1/2021 Art. 11"``) and
    ``params["citation"]`` the full :class:`~electoral.law.Citation`.
    """

    default_code = "candidates.too_young"


@attrs.frozen(kw_only=True)
class HeldOffice:
    """An office the candidate holds or held.

    Attributes:
        office: its kind, as the rules name it (``"hnec_staff"``, ``"military"``,
            ``"public_office"``...).
        left_on: the day the candidate left it (``None``: still holds it).
    """

    office: str = attrs.field(validator=v.text(max_length=100, blank=False))
    left_on: pendulum.Date | None = attrs.field(
        default=None, converter=v.to_date, validator=v.optional(v.date)
    )


def _signers(value: object) -> tuple[object, ...]:
    # the signers are kept as typed: each is checked, and refused, by the review
    return sequence_of(value, "signatures", object, data=True)


def _offices(value: object) -> tuple[HeldOffice, ...]:
    return sequence_of(value, "offices", HeldOffice, data=True)


def _documents(value: object) -> frozenset[str]:
    return frozenset(sequence_of(value, "documents", str, data=True))


@attrs.frozen(kw_only=True)
class Nomination:
    """A candidate's application, as filed.

    Attributes:
        national_id: the candidate's national id (12 digits); it gives the gender.
        birth_date: the candidate's birth date.
        district: the district the candidate stands in.
        race: the kind of race chosen (``"general"``, ``"women"``...).
        submitted_at: when the file was submitted (aware; its Libyan day counts).
        other_nationality: the candidate holds another nationality.
        other_nationality_authorised: that nationality is authorised.
        education: the highest education completed.
        signatures: the supporting signers' national ids, as typed.
        deposit: the deposit paid, in whole dinars.
        offices: offices held now or in the past.
        convicted: a final conviction of the kind the law names, not rehabilitated.
        documents: the documents in the file (``"criminal_record"``, ``"medical"``).
    """

    national_id: str = attrs.field(validator=v.identifier(_national_id))
    birth_date: pendulum.Date = attrs.field(converter=v.to_date, validator=v.date)
    district: str = attrs.field(validator=v.text(max_length=150, blank=False))
    race: str = attrs.field(validator=v.text(max_length=50, blank=False))
    submitted_at: pendulum.DateTime = attrs.field(converter=v.to_moment, validator=v.moment)
    other_nationality: bool = attrs.field(default=False, validator=v.boolean)
    other_nationality_authorised: bool = attrs.field(default=False, validator=v.boolean)
    education: Education = attrs.field(default=Education.NONE, validator=v.enum_member(Education))
    signatures: tuple[object, ...] = attrs.field(default=(), converter=_signers)
    deposit: int = attrs.field(default=0, validator=v.integer(0, 10_000_000))
    offices: tuple[HeldOffice, ...] = attrs.field(default=(), converter=_offices)
    convicted: bool = attrs.field(default=False, validator=v.boolean)
    documents: frozenset[str] = attrs.field(factory=frozenset, converter=_documents)

    @property
    def gender(self) -> Gender:
        """The gender the national id records."""
        return _national_id.gender(self.national_id)


def refuse(
    rules: NominationRules, rule: str, code: str, field: str, value: object, **params: Any
) -> Refusal:
    citation = rules.citation(rule)
    return Refusal(
        code,
        field=field,
        value=value,
        law=citation.reference,
        citation=citation,
        rule=rule,
        **params,
    )


@attrs.frozen(kw_only=True)
class Review:
    """The outcome of reviewing one nomination: every refusal, or none.

    Attributes:
        nomination: the nomination reviewed.
        election: the election's id.
        refusals: every rule it fails, each a :class:`Refusal` with its location.
        valid_signatures: the signatures that count (each signer once).
        day: the Libyan calendar day of submission, on which the age was taken.
    """

    nomination: Nomination
    election: str
    refusals: tuple[ValidationError, ...]
    valid_signatures: tuple[str, ...]
    day: pendulum.Date

    @property
    def accepted(self) -> bool:
        """Whether no rule refuses the nomination."""
        return not self.refusals

    @property
    def codes(self) -> tuple[str, ...]:
        """The code of each refusal."""
        return tuple(refusal.code for refusal in self.refusals)

    def raise_if_refused(self) -> None:
        """Raise :class:`~electoral.errors.ValidationErrors` with every refusal."""
        if self.refusals:
            count = len(self.refusals)
            noun = "refusal" if count == 1 else "refusals"
            raise ValidationErrors(
                f"{count} {noun} of the nomination of {self.nomination.national_id}",
                list(self.refusals),
            )


def _add_months(day: pendulum.Date, months: int) -> pendulum.Date:
    return day.subtract(months=months)


def _check_signatures(
    nomination: Nomination,
    rules: NominationRules,
    voters: Mapping[str, str],
    collector: ErrorCollector,
) -> list[str]:
    rule = rules.signatures
    assert rule is not None
    seen: set[str] = set()
    valid: list[str] = []
    for index, typed in enumerate(nomination.signatures):
        where = f"$.signatures[{index}]"
        if type(typed) is not str or not _national_id.is_valid(typed):
            collector.add(
                InvalidFormat("candidates.signer_id", field="signatures", value=typed), where
            )
            continue
        signer = _national_id.compact(typed)
        if signer in seen:
            collector.add(
                refuse(rules, "signatures", "candidates.signer_twice", "signatures", signer),
                where,
            )
            continue
        seen.add(signer)
        registered = voters.get(signer)
        if registered is None:
            collector.add(
                refuse(
                    rules, "signatures", "candidates.signer_not_registered", "signatures", signer
                ),
                where,
            )
            continue
        if rule.scope == "district" and registered != nomination.district:
            collector.add(
                refuse(
                    rules,
                    "signatures",
                    "candidates.signer_elsewhere",
                    "signatures",
                    signer,
                    registered=registered,
                    district=nomination.district,
                ),
                where,
            )
            continue
        valid.append(signer)
    if len(valid) < rule.count:
        collector.add(
            refuse(
                rules,
                "signatures",
                "candidates.signatures_short",
                "signatures",
                len(valid),
                required=rule.count,
            ),
            "$.signatures",
        )
    return valid


def _check_offices(
    nomination: Nomination,
    rules: NominationRules,
    polling_day: pendulum.Date | None,
    collector: ErrorCollector,
) -> None:
    day = local_date(nomination.submitted_at)
    resignation = rules.resignation
    for index, held in enumerate(nomination.offices):
        where = f"$.offices[{index}]"
        current = held.left_on is None or held.left_on > day
        if held.office in rules.excluded_offices and current:
            collector.add(
                refuse(
                    rules, "excluded_offices", "candidates.excluded_office", "offices", held.office
                ),
                where,
            )
        if resignation is not None and held.office in resignation.offices:
            assert polling_day is not None
            by = _add_months(polling_day, resignation.months)
            if held.left_on is None or held.left_on > by:
                collector.add(
                    refuse(
                        rules,
                        "resignation",
                        "candidates.resignation_late",
                        "offices",
                        held.office,
                        left="not yet" if held.left_on is None else held.left_on.isoformat(),
                        by=by.isoformat(),
                    ),
                    where,
                )


def review_nomination(
    nomination: Nomination,
    rules: NominationRules,
    *,
    voters: Mapping[str, str] | None = None,
    polling_day: dt.date | None = None,
    filing: Period | None = None,
    districts: Iterable[str] | None = None,
) -> Review:
    """Every rule of ``rules`` that ``nomination`` fails, reported at once.

    Args:
        nomination: the application.
        rules: the election's rules (:data:`~electoral.candidates.NOMINATION_RULES`).
        voters: the register: each registered voter's national id and the district
            they are registered in. Needed when the rules ask for signatures or for
            a registered candidate.
        polling_day: needed when the rules ask officeholders to resign before it.
        filing: the filing period, if the submission time is to be checked.
        districts: the election's districts, if the district is to be checked.

    Returns:
        A :class:`Review`; ``review.raise_if_refused()`` raises every refusal.

    Raises:
        TypeError: a wrong object, or ``voters`` or ``polling_day`` missing where
            the rules need it.
    """
    if not isinstance(nomination, Nomination):
        raise TypeError(f"nomination must be a Nomination, not {type(nomination).__name__}")
    if not isinstance(rules, NominationRules):
        raise TypeError(f"rules must be NominationRules, not {type(rules).__name__}")
    if voters is not None and not isinstance(voters, Mapping):
        raise TypeError(
            f"voters must be a mapping of national ids to districts, not {type(voters).__name__}"
        )
    if (rules.signatures is not None or rules.registered is not None) and voters is None:
        raise TypeError(f"voters is required: the {rules.election} rules check the register")
    needs_day = rules.resignation is not None and any(
        held.office in rules.resignation.offices for held in nomination.offices
    )
    day_of_poll = None if polling_day is None else day_of(polling_day, "polling_day")
    if day_of_poll is None and needs_day:
        raise TypeError(
            f"polling_day is required: the {rules.election} rules set a resignation deadline"
        )
    known = None if districts is None else set(sequence_of(districts, "districts", str))
    if filing is not None and not isinstance(filing, Period):
        raise TypeError(f"filing must be a Period, not {type(filing).__name__}")
    collector = ErrorCollector(f"nomination of {nomination.national_id}")
    day = local_date(nomination.submitted_at)
    if filing is not None and not filing.contains(nomination.submitted_at):
        collector.add(
            InconsistentValue(
                "candidates.filed_outside",
                field="submitted_at",
                value=nomination.submitted_at,
                at=nomination.submitted_at.isoformat(),
                start=filing.start.isoformat(),
                end=filing.end.isoformat(),
            ),
            "$.submitted_at",
        )
    if known is not None and nomination.district not in known:
        collector.add(
            InconsistentValue("candidates.district", field="district", value=nomination.district),
            "$.district",
        )
    if nomination.race not in rules.races:
        collector.add(
            refuse(
                rules,
                "races",
                "candidates.race",
                "race",
                nomination.race,
                choices=", ".join(sorted(rules.races)),
            ),
            "$.race",
        )
    elif nomination.race in rules.women_races and nomination.gender is not Gender.FEMALE:
        collector.add(
            refuse(rules, "races", "candidates.women_race", "race", nomination.race), "$.race"
        )
    if rules.min_age is not None:
        age = age_on(nomination.birth_date, as_of=nomination.submitted_at)
        if age < rules.min_age:
            collector.add(
                refuse(
                    rules,
                    "min_age",
                    "candidates.too_young",
                    "birth_date",
                    nomination.birth_date,
                    age=age,
                    minimum=rules.min_age,
                    day=day.isoformat(),
                ),
                "$.birth_date",
            )
    barred = rules.nationality is Nationality.LIBYAN_ONLY or (
        rules.nationality is Nationality.LIBYAN_ONLY_UNLESS_AUTHORISED
        and not nomination.other_nationality_authorised
    )
    if nomination.other_nationality and barred:
        collector.add(
            refuse(
                rules, "nationality", "candidates.other_nationality", "other_nationality", True
            ),
            "$.other_nationality",
        )
    if nomination.education < rules.education:
        collector.add(
            refuse(
                rules,
                "education",
                "candidates.education",
                "education",
                _EDUCATION[nomination.education],
                required=_EDUCATION[rules.education],
            ),
            "$.education",
        )
    if rules.registered is not None:
        assert voters is not None
        registered = voters.get(nomination.national_id)
        if registered is None:
            collector.add(
                refuse(
                    rules,
                    "registered",
                    "candidates.not_registered",
                    "national_id",
                    nomination.national_id,
                ),
                "$.national_id",
            )
        elif rules.registered == "district" and registered != nomination.district:
            collector.add(
                refuse(
                    rules,
                    "registered",
                    "candidates.not_registered_here",
                    "national_id",
                    nomination.national_id,
                    district=nomination.district,
                ),
                "$.national_id",
            )
    valid: list[str] = []
    if rules.signatures is not None:
        assert voters is not None
        valid = _check_signatures(nomination, rules, voters, collector)
    if rules.deposit is not None and nomination.deposit < rules.deposit.amount:
        collector.add(
            refuse(
                rules,
                "deposit",
                "candidates.deposit_short",
                "deposit",
                nomination.deposit,
                required=rules.deposit.amount,
            ),
            "$.deposit",
        )
    _check_offices(nomination, rules, day_of_poll, collector)
    if rules.no_conviction and nomination.convicted:
        collector.add(
            refuse(rules, "no_conviction", "candidates.convicted", "convicted", True),
            "$.convicted",
        )
    for document in sorted(rules.documents - nomination.documents):
        collector.add(
            refuse(rules, "documents", "candidates.document_missing", "documents", document),
            "$.documents",
        )
    return Review(
        nomination=nomination,
        election=rules.election,
        refusals=collector.errors,
        valid_signatures=tuple(valid),
        day=day,
    )


def check_nomination(
    nomination: Nomination,
    rules: NominationRules,
    *,
    voters: Mapping[str, str] | None = None,
    polling_day: dt.date | None = None,
    filing: Period | None = None,
    districts: Iterable[str] | None = None,
) -> Review:
    """Like :func:`review_nomination`, but raise every refusal at once.

    Raises:
        ValidationErrors: every refusal, each with its code, law and location.
    """
    review = review_nomination(
        nomination,
        rules,
        voters=voters,
        polling_day=polling_day,
        filing=filing,
        districts=districts,
    )
    review.raise_if_refused()
    return review
