"""Private: what the law asks of a candidate, as data with a citation per rule."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final, Literal

import attrs

from electoral.errors import InconsistentValue, InvalidType, register_messages
from electoral.law import Citation
from electoral.model import _validators as v
from electoral.seats import Parameter

__all__ = [
    "RULE_NAMES",
    "Deposit",
    "Education",
    "Nationality",
    "NominationRules",
    "Resignation",
    "Signatures",
]


register_messages(
    {
        "candidates.race": (
            "{value} is not a race a candidate may choose in this election ({choices}).",
            "{value} ليس سباقًا يجوز للمرشح اختياره في هذه الانتخابات ({choices}).",
        ),
    }
)


class Education(enum.IntEnum):
    """The highest level of education completed, in order."""

    NONE = 0
    SECONDARY = 1
    """A secondary-school certificate."""
    UNIVERSITY = 2
    """A university degree or its equivalent."""


class Nationality(enum.Enum):
    """What the law says about a candidate's nationality."""

    LIBYAN = "libyan"
    """Libyan; another nationality is not addressed."""
    LIBYAN_ONLY = "libyan_only"
    """Libyan and no other nationality."""
    LIBYAN_ONLY_UNLESS_AUTHORISED = "libyan_only_unless_authorised"
    """Libyan, and another nationality only with an authorisation."""
    OTHER_ALLOWED = "other_allowed"
    """Libyan; another nationality does not bar the candidacy."""


def _frozen_strs(value: object) -> frozenset[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidType(field="rules", value=value)
    items = frozenset(value)
    if not all(type(item) is str and item for item in items):
        raise InvalidType(field="rules", value=value)
    return items


@attrs.frozen(kw_only=True)
class Signatures:
    """The supporting signatures a nomination needs.

    Attributes:
        count: how many valid signatures (1 to 100,000).
        scope: ``"district"``: each signer a registered voter of the district the
            candidate stands in; ``"national"``: any registered voter.
        once_per_election: whether a voter may sign for one candidate only.
    """

    count: int = attrs.field(validator=v.integer(1, 100_000))
    scope: Literal["district", "national"] = attrs.field()
    once_per_election: bool = attrs.field(default=False, validator=v.boolean)

    @scope.validator
    def _scope(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in ("district", "national"):
            raise InvalidType(
                "enum.unknown", field=attribute.name, value=value, choices="district, national"
            )


@attrs.frozen(kw_only=True)
class Deposit:
    """The deposit a nomination needs, in whole Libyan dinars.

    Attributes:
        amount: the dinars due (1 to 10,000,000).
        refundable: whether it is returned (to whom and when is not modelled).
    """

    amount: int = attrs.field(validator=v.integer(1, 10_000_000))
    refundable: bool = attrs.field(validator=v.boolean)


@attrs.frozen(kw_only=True)
class Resignation:
    """Offices a candidate must have left some months before polling day.

    Attributes:
        offices: the kinds of office (``"public_office"``, ``"military"``...).
        months: how many calendar months before polling day.
    """

    offices: frozenset[str] = attrs.field(converter=_frozen_strs)
    months: int = attrs.field(validator=v.integer(0, 120))


RULE_NAMES: Final = (
    "min_age",
    "nationality",
    "education",
    "races",
    "signatures",
    "deposit",
    "excluded_offices",
    "resignation",
    "no_conviction",
    "documents",
    "registered",
    "one_candidacy",
)
"""The rules a :class:`NominationRules` may cite, by the name of its field."""


def _citations(value: object) -> Mapping[str, Citation]:
    if not isinstance(value, Mapping):
        raise InvalidType(field="citations", value=value)
    for name, citation in value.items():
        if name not in RULE_NAMES:
            raise InvalidType(
                "enum.unknown", field="citations", value=name, choices=", ".join(RULE_NAMES)
            )
        if not isinstance(citation, Citation):
            raise InvalidType(field="citations", value=citation)
    return MappingProxyType(dict(value))


def _parameters(value: object) -> tuple[Parameter, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidType(field="parameters", value=value)
    items = tuple(value)
    if not all(isinstance(item, Parameter) for item in items):
        raise InvalidType(field="parameters", value=value)
    return items


@attrs.frozen(kw_only=True)
class NominationRules:
    """What one election's law asks of a candidate, each rule with its citation.

    A rule set to ``None`` (or ``False``, or empty) is not checked: either the law
    has no such rule, or it was not found, in which case a :class:`Parameter`
    records the default and why.

    Attributes:
        election: the election's id (as in :data:`electoral.seats.ELECTIONS`).
        races: the kinds of race a candidate may stand for (``"general"``,
            ``"women"``...); a candidate chooses one.
        women_races: those open to women only.
        min_age: the minimum age in whole years on the day of submission.
        nationality: the nationality rule.
        education: the minimum education.
        signatures: the supporting signatures.
        deposit: the deposit.
        excluded_offices: kinds of office whose holders may not stand.
        resignation: offices to leave some months before polling day.
        no_conviction: a final disqualifying conviction bars the candidacy.
        documents: documents the file must contain (``"criminal_record"``...).
        registered: ``"district"`` or ``"anywhere"``: the candidate must be a
            registered voter (of the district); ``None``: not checked.
        one_candidacy: a person may file one nomination in the election.
        citations: the citation of each rule, by its field name.
        parameters: the unsettled points and the values used.
    """

    election: str = attrs.field(validator=v.text(max_length=100, blank=False))
    races: frozenset[str] = attrs.field(converter=_frozen_strs)
    women_races: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen_strs)
    min_age: int | None = attrs.field(default=None, validator=v.optional(v.integer(18, 100)))
    nationality: Nationality = attrs.field(
        default=Nationality.LIBYAN, validator=v.enum_member(Nationality)
    )
    education: Education = attrs.field(default=Education.NONE, validator=v.enum_member(Education))
    signatures: Signatures | None = attrs.field(
        default=None, validator=v.optional(v.instance(Signatures))
    )
    deposit: Deposit | None = attrs.field(default=None, validator=v.optional(v.instance(Deposit)))
    excluded_offices: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen_strs)
    resignation: Resignation | None = attrs.field(
        default=None, validator=v.optional(v.instance(Resignation))
    )
    no_conviction: bool = attrs.field(default=False, validator=v.boolean)
    documents: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen_strs)
    registered: Literal["district", "anywhere"] | None = attrs.field(default=None)
    one_candidacy: bool = attrs.field(default=True, validator=v.boolean)
    citations: Mapping[str, Citation] = attrs.field(
        factory=dict, converter=_citations, eq=False, hash=False
    )
    parameters: tuple[Parameter, ...] = attrs.field(default=(), converter=_parameters)

    @registered.validator
    def _registered(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in (None, "district", "anywhere"):
            raise InvalidType(
                "enum.unknown", field=attribute.name, value=value, choices="district, anywhere"
            )

    def __attrs_post_init__(self) -> None:
        if not self.women_races <= self.races:
            raise InconsistentValue(
                "candidates.race",
                field="women_races",
                value=sorted(self.women_races - self.races)[0],
                choices=", ".join(sorted(self.races)),
            )

    def citation(self, rule: str) -> Citation:
        """The citation of ``rule`` (a field name), or the election's law if none."""
        found = self.citations.get(rule)
        if found is not None:
            return found
        return Citation(instrument=f"the {self.election} law")

    def parameter(self, name: str) -> Parameter | None:
        """The unsettled point called ``name``, if recorded."""
        return next((p for p in self.parameters if p.name == name), None)
