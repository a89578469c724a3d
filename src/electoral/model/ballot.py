"""Races, ballots and candidates (السباقات وأوراق الاقتراع والمرشحون).

A **race** is what is contested: an election level (``"HoR"``) and a sub-type
(``"ballot_number_HOR_women"``), with the kind of race (general, women's reserved
seats, a component, presidential). A **ballot** is the paper for one race in some
sub-constituencies; its number is unique in a tally. A **candidate** stands on one
ballot at a position (``order``); the external ``candidate_id`` is not unique.

The registration system's ballot type (0 general, 1 women's; public ballot number
= type + 1) and the results system's race types map to :class:`RaceType` through
:mod:`electoral.adapters`.

Sources: Tally-Ho ``tally_ho/apps/tally/models/electrol_race.py``, ``ballot.py`` and
``candidate.py`` in the same folder, ``tally_ho/libs/models/enums/race_type.py``
(onaio/tally-ho at commit ``acbe4f4``); SmartElect ``voting/models.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> hor = Race(election_level="HoR", name="ballot_number_HOR_women", race_type=RaceType.WOMEN)
>>> b = Ballot(number=117, race=hor, seats=2, subconstituency_ids={31, 32})
>>> sorted(b.subconstituency_ids)
[31, 32]
>>> Candidate(ballot_number=117, candidate_id=5, name_ar="سعاد", order=1).active
True
>>> Ballot(number=-1, race=hor)
Traceback (most recent call last):
...
electoral.errors.OutOfRange: -1 must lie between 0 and 32767.
"""

from __future__ import annotations

import enum
from typing import Final

import attrs

from electoral.errors import Language
from electoral.model import _validators as v
from electoral.model.gender import Gender

__all__ = ["Ballot", "Candidate", "Race", "RaceType"]

_SMALL: Final = 32_767


class RaceType(enum.Enum):
    """The kind of race a ballot is for."""

    GENERAL = "general"
    WOMEN = "women"
    COMPONENT_AMAZIGH = "component_amazigh"
    COMPONENT_TWARAG = "component_twarag"
    COMPONENT_TEBU = "component_tebu"
    PRESIDENTIAL = "presidential"

    def label(self, language: Language = "en") -> str:
        """The race type's label in English or Arabic."""
        return _RACE_LABELS[self][language == "ar"]

    @property
    def is_component(self) -> bool:
        """Whether this is one of the cultural components' races."""
        return self.value.startswith("component_")


_RACE_LABELS: Final = {
    RaceType.GENERAL: ("General", "عام"),
    RaceType.WOMEN: ("Women", "المرأة"),
    RaceType.COMPONENT_AMAZIGH: ("Amazigh component", "مكون الأمازيغ"),
    RaceType.COMPONENT_TWARAG: ("Tuareg component", "مكون الطوارق"),
    RaceType.COMPONENT_TEBU: ("Tebu component", "مكون التبو"),
    RaceType.PRESIDENTIAL: ("Presidential", "رئاسي"),
}

_LABEL: Final = v.text(max_length=256, blank=False)


@attrs.frozen(kw_only=True)
class Race:
    """What is contested: (election level, sub-type), unique in a tally.

    Attributes:
        election_level: e.g. ``"HoR"``, ``"Senate"``, ``"Presidential"``.
        name: the sub-type (Tally-Ho ``ballot_name``), e.g. ``"ballot_number_HOR_women"``.
        race_type: the kind of race, where known.
        active: whether the race is counted.
    """

    election_level: str = attrs.field(validator=_LABEL)
    name: str = attrs.field(validator=_LABEL)
    race_type: RaceType | None = attrs.field(
        default=None, validator=v.optional(v.enum_member(RaceType))
    )
    active: bool = attrs.field(default=True, validator=v.boolean)

    @property
    def key(self) -> tuple[str, str]:
        """The race's identity: ``(election_level, name)``."""
        return (self.election_level, self.name)


@attrs.frozen(kw_only=True)
class Ballot:
    """The ballot paper of one race, used in some sub-constituencies.

    Attributes:
        number: the ballot number (0 to 32767), unique in a tally.
        race: the race it is for.
        seats: seats the ballot elects (at least 1).
        subconstituency_ids: the sub-constituencies where it is used.
        active: a disabled ballot blocks intake and form creation.
        available_for_release: whether results may be published (the
            publication flag; default ``False``).
    """

    number: int = attrs.field(validator=v.integer(0, _SMALL))
    race: Race = attrs.field(validator=v.instance(Race))
    seats: int = attrs.field(default=1, validator=v.integer(1, _SMALL))
    subconstituency_ids: frozenset[int] = attrs.field(
        factory=frozenset, converter=v.to_frozenset, validator=v.frozen_ints(1, _SMALL)
    )
    active: bool = attrs.field(default=True, validator=v.boolean)
    available_for_release: bool = attrs.field(default=False, validator=v.boolean)


@attrs.frozen(kw_only=True)
class Candidate:
    """A candidate (or list) on a ballot.

    Attributes:
        ballot_number: the ballot the candidate stands on.
        candidate_id: the external id (not unique across ballots).
        name_ar: the name as printed.
        name_en: an English name, where known.
        order: the position on the ballot (1 first).
        gender: where known; needed for women's seats and list zippers.
        active: disabled candidates stay in the data, labelled "disabled".
    """

    ballot_number: int = attrs.field(validator=v.integer(0, _SMALL))
    candidate_id: int = attrs.field(validator=v.integer(1))
    name_ar: str = attrs.field(validator=v.text(max_length=255, blank=False))
    order: int = attrs.field(validator=v.integer(1, _SMALL))
    name_en: str = attrs.field(default="", validator=v.text(max_length=255))
    gender: Gender | None = attrs.field(default=None, validator=v.optional(v.enum_member(Gender)))
    active: bool = attrs.field(default=True, validator=v.boolean)

    @property
    def key(self) -> tuple[int, int]:
        """The candidate's identity: ``(ballot_number, candidate_id)``."""
        return (self.ballot_number, self.candidate_id)
