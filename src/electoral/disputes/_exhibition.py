"""Private: the voter-list exhibition, objections, decisions and their changesets.

After registration closes the voter lists are exhibited; during the exhibition (and
any objection period after it) a voter may object to an entry. An upheld objection
changes the roll only through the registration chapter's changesets, which need two
approvals and are executed all or nothing
(:func:`electoral.registration.execute_changeset`):

* an entry that should not be on the roll (not eligible, deceased) is **blocked**
  (``ChangeKind.BLOCK``);
* a voter registered at the wrong centre is **moved** (``ChangeKind.MOVE``) to the
  centre the decision names.

An objection that a voter is missing, or that the civil-registry data are wrong,
is decided but changes nothing by changeset: the voter registers, or the registry is
corrected; :func:`objection_changesets` lists those apart.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal

import attrs
import pendulum

from electoral._checks import sequence_of
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidType,
    MissingValue,
    register_messages,
)
from electoral.ids import national_id as _national_id
from electoral.law import Citation
from electoral.model import Period
from electoral.model import _validators as v
from electoral.registration import ChangeKind, Changeset, SelectBy

__all__ = [
    "EXHIBITIONS",
    "Exhibition",
    "Ground",
    "Objection",
    "ObjectionDecision",
    "ObjectionOutcome",
    "check_objection",
    "objection_changesets",
]

register_messages(
    {
        "disputes.objection_window": (
            "The objection was filed at {at}, outside the objection period {start} to {end}.",
            "قُدم الاعتراض في {at} خارج فترة الاعتراض من {start} إلى {end}.",
        ),
        "disputes.objector_not_registered": (
            "{value} is not a registered voter and may not object.",
            "{value} ليس ناخبًا مسجلًا ولا يحق له الاعتراض.",
        ),
        "disputes.objector_not_subject": (
            "{value} may object only to their own entry in this exhibition.",
            "لا يحق لـ {value} الاعتراض إلا على قيده هو في هذا العرض.",
        ),
        "disputes.ground": (
            "{value} is not a ground of objection in this exhibition ({choices}).",
            "{value} ليس سببًا للاعتراض في هذا العرض ({choices}).",
        ),
        "disputes.subject_not_on_roll": (
            "{value} is not on the roll; only an objection that a voter is missing may name them.",
            "{value} غير مقيد في السجل؛ ولا يُذكر إلا في اعتراض على إغفال ناخب.",
        ),
        "disputes.unknown_objection": (
            "{value} is not one of the objections.",
            "{value} ليس من الاعتراضات.",
        ),
        "disputes.objection_twice": (
            "Two objections have the id {value}.",
            "اعتراضان يحملان المعرّف {value}.",
        ),
        "disputes.decided_twice": (
            "The objection {value} is decided twice.",
            "تم البت في الاعتراض {value} مرتين.",
        ),
        "disputes.move_without_centre": (
            "The objection {value} is upheld on the ground of a wrong centre but names no "
            "centre to move to.",
            "قُبل الاعتراض {value} لخطأ في المركز دون تحديد المركز المنقول إليه.",
        ),
        "disputes.decided_before_filed": (
            "The objection {value} is decided before it was filed.",
            "تم البت في الاعتراض {value} قبل تقديمه.",
        ),
    }
)


class Ground(enum.Enum):
    """Why an entry of the exhibited list is challenged.

    The grounds the laws allow were not found in any text retrieved; these are the
    ones the registration rules can act on, and an :class:`Exhibition` says which
    it admits.
    """

    NOT_ELIGIBLE = "not_eligible"
    """Under age on polling day, not Libyan, or otherwise not entitled to vote."""
    DECEASED = "deceased"
    """The voter has died."""
    WRONG_CENTRE = "wrong_centre"
    """The voter is on the list of the wrong centre."""
    MISSING = "missing"
    """A registered voter is missing from the list."""
    DATA_ERROR = "data_error"
    """The voter's name, birth date or other registry data are wrong."""


_BLOCKING: Final = frozenset({Ground.NOT_ELIGIBLE, Ground.DECEASED})
_NO_CHANGESET: Final = {
    Ground.MISSING: "register the voter",
    Ground.DATA_ERROR: "correct the civil registry",
}


def _period(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Period):
        raise InvalidType(field=attribute.name, value=value)


def _grounds(value: object) -> frozenset[Ground]:
    return frozenset(sequence_of(value, "grounds", Ground, data=True))


@attrs.frozen(kw_only=True)
class Exhibition:
    """An exhibition of the voter lists and the objections it admits.

    Attributes:
        election: the election's id.
        period: when the lists are exhibited, ``[start, end)``.
        objections: when objections may be filed (default: the exhibition period).
        objectors: ``"any_voter"``: any registered voter may object to any entry;
            ``"self"``: a voter to their own entry only.
        grounds: the grounds admitted.
        citation: the source.
    """

    election: str = attrs.field(validator=v.text(max_length=100, blank=False))
    period: Period = attrs.field(validator=_period)
    objections: Period | None = attrs.field(default=None)
    objectors: Literal["any_voter", "self"] = attrs.field(default="any_voter")
    grounds: frozenset[Ground] = attrs.field(default=frozenset(Ground), converter=_grounds)
    citation: Citation = attrs.field(validator=v.instance(Citation))

    @objections.validator
    def _objections(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            _period(self, attribute, value)

    @objectors.validator
    def _objectors(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in ("any_voter", "self"):
            raise InvalidType(
                "enum.unknown", field=attribute.name, value=value, choices="any_voter, self"
            )

    @property
    def objection_period(self) -> Period:
        """When objections may be filed."""
        return self.objections if self.objections is not None else self.period


def _tripoli(year: int, month: int, day: int) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, tz="Africa/Tripoli")


EXHIBITIONS: Final[Mapping[str, Exhibition]] = {
    "gnc_2012": Exhibition(
        election="gnc_2012",
        period=Period(start=_tripoli(2012, 5, 23), end=_tripoli(2012, 5, 27)),
        objectors="self",
        citation=Citation(
            instrument="HNEC announcement of the exhibition (Law 4/2012)",
            source="http://libyaherald.com/final-registration-count-at-more-than-2-7-million-"
            "voters",
            note="Lists posted in the registration centres for 4 days from 23 May 2012 for "
            "voters to check their own data; who may object, on what grounds and who "
            "decides were not found (the default objectors='self' follows that reading).",
        ),
    ),
    "cda_2014": Exhibition(
        election="cda_2014",
        period=Period(start=_tripoli(2014, 1, 11), end=_tripoli(2014, 1, 17)),
        objectors="self",
        grounds={Ground.WRONG_CENTRE, Ground.MISSING, Ground.DATA_ERROR},
        citation=Citation(
            instrument="HNEC 'add and edit' period after SMS registration",
            source="https://libyaherald.com/2014/01/personal-registration-still-possible-hnec-"
            "head/",
            note="11 to 16 January 2014, in person; the objection rules were not found.",
        ),
    ),
}
"""The exhibitions found, by election id. The 2021 register was published at the
polling centres from 25 October 2021 (objections about voter cards at the nearest HNEC
branch); its end was not found, so a caller builds that :class:`Exhibition` with the
period it knows."""


def _identifier(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    v.identifier(_national_id)(_, attribute, value)


@attrs.frozen(kw_only=True)
class Objection:
    """An objection to an entry of the exhibited list.

    Attributes:
        id: unique among the objections.
        objector: the objector's national id.
        subject: the national id of the voter the objection is about.
        ground: why.
        filed_at: when (aware).
        body: where it was filed (an HNEC office, a committee).
        detail: what the objector says.
    """

    id: str = attrs.field(validator=v.text(max_length=100, blank=False))
    objector: str = attrs.field(validator=_identifier)
    subject: str = attrs.field(validator=_identifier)
    ground: Ground = attrs.field(validator=v.enum_member(Ground))
    filed_at: pendulum.DateTime = attrs.field(converter=v.to_moment, validator=v.moment)
    body: str = attrs.field(default="HNEC", validator=v.text(max_length=200, blank=False))
    detail: str = attrs.field(default="", validator=v.text(max_length=2000, newlines=True))


@attrs.frozen(kw_only=True)
class ObjectionDecision:
    """The decision on an objection.

    Attributes:
        objection: the objection's id.
        upheld: whether the objection is upheld.
        decided_at: when (aware).
        decided_by: who decided.
        reason: why.
        center_id: where to move the voter, for an upheld wrong-centre objection.
    """

    objection: str = attrs.field(validator=v.text(max_length=100, blank=False))
    upheld: bool = attrs.field(validator=v.boolean)
    decided_at: pendulum.DateTime = attrs.field(converter=v.to_moment, validator=v.moment)
    decided_by: str = attrs.field(validator=v.text(max_length=200, blank=False))
    reason: str = attrs.field(validator=v.text(max_length=2000, blank=False, newlines=True))
    center_id: int | None = attrs.field(default=None, validator=v.optional(v.integer(1, 99_999)))


def check_objection(
    objection: Objection, exhibition: Exhibition, *, roll: Mapping[str, int]
) -> None:
    """Refuse an objection that the exhibition does not admit; every problem at once.

    Args:
        objection: the objection.
        exhibition: the exhibition and its rules.
        roll: the exhibited list: each registered voter's national id and centre id.

    Raises:
        ValidationErrors: ``disputes.objection_window``, ``disputes.ground``,
            ``disputes.objector_not_registered``, ``disputes.objector_not_subject``,
            ``disputes.subject_not_on_roll``.
    """
    if not isinstance(objection, Objection):
        raise TypeError(f"objection must be an Objection, not {type(objection).__name__}")
    if not isinstance(exhibition, Exhibition):
        raise TypeError(f"exhibition must be an Exhibition, not {type(exhibition).__name__}")
    if not isinstance(roll, Mapping):
        raise TypeError(
            f"roll must be a mapping of national ids to centres, not {type(roll).__name__}"
        )
    collector = ErrorCollector(f"objection {objection.id}")
    window = exhibition.objection_period
    if not window.contains(objection.filed_at):
        collector.add(
            InconsistentValue(
                "disputes.objection_window",
                field="filed_at",
                value=objection.filed_at,
                at=objection.filed_at.isoformat(),
                start=window.start.isoformat(),
                end=window.end.isoformat(),
            ),
            "$.filed_at",
        )
    if objection.ground not in exhibition.grounds:
        collector.add(
            InconsistentValue(
                "disputes.ground",
                field="ground",
                value=objection.ground.value,
                choices=", ".join(sorted(g.value for g in exhibition.grounds)),
            ),
            "$.ground",
        )
    if objection.objector not in roll and objection.objector != objection.subject:
        collector.add(
            InconsistentValue(
                "disputes.objector_not_registered", field="objector", value=objection.objector
            ),
            "$.objector",
        )
    if exhibition.objectors == "self" and objection.objector != objection.subject:
        collector.add(
            InconsistentValue(
                "disputes.objector_not_subject", field="objector", value=objection.objector
            ),
            "$.objector",
        )
    if objection.ground is not Ground.MISSING and objection.subject not in roll:
        collector.add(
            InconsistentValue(
                "disputes.subject_not_on_roll", field="subject", value=objection.subject
            ),
            "$.subject",
        )
    collector.raise_if_any()


@attrs.frozen(kw_only=True)
class ObjectionOutcome:
    """What the upheld objections do to the roll.

    Attributes:
        changesets: new changesets (status New: each needs two approvals before it
            is executed by :func:`electoral.registration.execute_changeset`).
        other: upheld objections that no changeset can apply, with what to do.
        dismissed: the objections not upheld.
    """

    changesets: tuple[Changeset, ...]
    other: tuple[tuple[Objection, str], ...]
    dismissed: tuple[Objection, ...]


def objection_changesets(
    objections: Sequence[Objection],
    decisions: Sequence[ObjectionDecision],
    *,
    name: str,
) -> ObjectionOutcome:
    """The changesets that apply the upheld objections to the roll.

    One BLOCK changeset for the upheld objections that an entry must not be on the
    roll (not eligible, deceased), and one MOVE changeset per target centre for the
    upheld wrong-centre objections; each selects its voters by national id and
    carries the objections and decisions in its justification.

    Args:
        objections: the objections filed.
        decisions: one decision per objection decided.
        name: the prefix of the changesets' names (``"exhibition-2014"`` gives
            ``"exhibition-2014-block"``, ``"exhibition-2014-move-11001"``).

    Raises:
        ValidationErrors: an unknown or twice-decided objection, a decision before
            its objection, an upheld wrong-centre objection without a centre.
    """
    filed: tuple[Objection, ...] = sequence_of(objections, "objections", Objection)
    decided: tuple[ObjectionDecision, ...] = sequence_of(decisions, "decisions", ObjectionDecision)
    if type(name) is not str or not 1 <= len(name) <= 200:
        raise TypeError("name must be a text of 1 to 200 characters")
    collector = ErrorCollector("objection decisions")
    by_id: dict[str, Objection] = {}
    for index, objection in enumerate(filed):
        if objection.id in by_id:
            collector.add(
                InconsistentValue("disputes.objection_twice", field="id", value=objection.id),
                f"$.objections[{index}]",
            )
        by_id[objection.id] = objection
    seen: set[str] = set()
    blocks: list[tuple[Objection, ObjectionDecision]] = []
    moves: dict[int, list[tuple[Objection, ObjectionDecision]]] = {}
    other: list[tuple[Objection, str]] = []
    dismissed: list[Objection] = []
    for index, decision in enumerate(decided):
        where = f"$.decisions[{index}]"
        found = by_id.get(decision.objection)
        if found is None:
            collector.add(
                InconsistentValue(
                    "disputes.unknown_objection", field="objection", value=decision.objection
                ),
                where,
            )
            continue
        objection = found
        if decision.objection in seen:
            collector.add(
                InconsistentValue(
                    "disputes.decided_twice", field="objection", value=decision.objection
                ),
                where,
            )
            continue
        seen.add(decision.objection)
        if decision.decided_at < objection.filed_at:
            collector.add(
                InconsistentValue(
                    "disputes.decided_before_filed", field="decided_at", value=objection.id
                ),
                where,
            )
        if not decision.upheld:
            dismissed.append(objection)
        elif objection.ground in _BLOCKING:
            blocks.append((objection, decision))
        elif objection.ground is Ground.WRONG_CENTRE:
            if decision.center_id is None:
                collector.add(
                    MissingValue(
                        "disputes.move_without_centre", field="center_id", value=objection.id
                    ),
                    where,
                )
                continue
            moves.setdefault(decision.center_id, []).append((objection, decision))
        else:
            other.append((objection, _NO_CHANGESET[objection.ground]))
    collector.raise_if_any()
    changesets: list[Changeset] = []
    if blocks:
        changesets.append(_changeset(f"{name}-block", ChangeKind.BLOCK, blocks, None))
    for center_id, upheld in sorted(moves.items()):
        changesets.append(
            _changeset(f"{name}-move-{center_id}", ChangeKind.MOVE, upheld, center_id)
        )
    return ObjectionOutcome(
        changesets=tuple(changesets), other=tuple(other), dismissed=tuple(dismissed)
    )


def _changeset(
    name: str,
    kind: ChangeKind,
    upheld: Sequence[tuple[Objection, ObjectionDecision]],
    center_id: int | None,
) -> Changeset:
    ids = ", ".join(objection.id for objection, _ in upheld)
    deciders = ", ".join(sorted({decision.decided_by for _, decision in upheld}))
    justification = f"Objections upheld ({ids}), decided by {deciders}."
    if len(justification) > 2000:
        justification = f"{len(upheld)} objections upheld, decided by {deciders}."
    return Changeset(
        name=name,
        kind=kind,
        select_by=SelectBy.UPLOADED,
        national_ids=tuple(dict.fromkeys(objection.subject for objection, _ in upheld)),
        justification=justification,
        target_center_id=center_id,
    )
