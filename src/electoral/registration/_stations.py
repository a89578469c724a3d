"""Polling stations (محطات الاقتراع): allocation of a centre's roll and the job checks.

From the sorted roll of one centre:

1. split by gender, keeping roll order;
2. number the registrants males first (1..M), then females (M+1..M+F);
3. each gender with n voters gets k = ⌊(n − 1) / 550⌋ + 1 stations, in contiguous
   chunks from index ⌊i·n/k⌋ to ⌊(i+1)·n/k⌋, so the larger chunks come last
   (551 → 275 + 276; 560 → 280 + 280, never 550 + 10);
4. when **both** genders are present and one has fewer than 25 voters, the last
   station of the "big" gender (male when females < 25, else female) becomes
   **unisex**: the last male station's roll followed by the last female station's
   (men first); the small gender's single station disappears. The unisex station
   may exceed 550 and its numbers need not be contiguous;
5. stations are numbered 1, 2, … : male stations, then female, then unisex.

Sources: SmartElect ``rollgen/models.py`` ("station distributor"), settings
``ROLLGEN_REGISTRANTS_PER_STATION_MAX`` and ``ROLLGEN_UNISEX_TRIGGER`` ("Polling
Planning Rules eng 20140526 0900.docx"), ``rollgen/job.py``, ``rollgen/utils.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> import pendulum
>>> from electoral.registration import RegistryRecord
>>> def voter(i, gender):
...     nid = ("1" if gender is Gender.MALE else "2") + f"{i:011d}"
...     return RegistryRecord(i, f"n{i:04d}", "", "", "", "", 1 if gender is Gender.MALE else 2,
...                           pendulum.date(1980, 1, 1), "", nid, "1", 0, 0, 0)
>>> roll = [voter(i, Gender.MALE) for i in range(1, 561)] + [voter(i, Gender.FEMALE)
...                                                           for i in range(561, 571)]
>>> plan = allocate_stations(roll, center_id=11001)
>>> [(s.number, s.gender.letter, s.registrants) for s in plan.stations]
[(1, 'm', 280), (2, 'u', 290)]
>>> plan.stations[1].first_number, plan.stations[1].last_number
(281, 570)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import compress, repeat
from operator import attrgetter, is_, itemgetter, not_
from typing import Final, Generic, TypeVar

import attrs

from electoral._guard import guarded, typed_fields, unchecked
from electoral.errors import InconsistentValue, MissingValue, OutOfRange
from electoral.model import (
    NO_NAMED_THING,
    Center,
    Citizen,
    Gender,
    Station,
)
from electoral.registration._registry import RegistryRecord
from electoral.registration._roll import Voter

__all__ = [
    "MAX_REGISTRANTS_PER_STATION",
    "UNISEX_TRIGGER",
    "AllocatedStation",
    "RollSegment",
    "StationPlan",
    "allocate_stations",
    "check_roll_job",
]

MAX_REGISTRANTS_PER_STATION: Final = 550
"""``ROLLGEN_REGISTRANTS_PER_STATION_MAX``."""
UNISEX_TRIGGER: Final = 25
"""``ROLLGEN_UNISEX_TRIGGER``: a gender below this merges into a unisex station."""

V = TypeVar("V", bound=Voter)


@attrs.frozen(field_transformer=typed_fields)
class RollSegment(Generic[V]):
    """Consecutive voters of a station's roll with consecutive registrant numbers."""

    first_number: int
    voters: tuple[V, ...]

    def entries(self) -> Iterator[tuple[int, V]]:
        """``(registrant number, voter)`` pairs."""
        return enumerate(self.voters, start=self.first_number)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class AllocatedStation(Generic[V]):
    """A station with its roll: one segment, or two (men, then women) when unisex."""

    center_id: int
    number: int
    gender: Gender
    segments: tuple[RollSegment[V], ...]

    @property
    def registrants(self) -> int:
        """How many voters are on the station's roll."""
        return sum(len(segment.voters) for segment in self.segments)

    def entries(self) -> Iterator[tuple[int, V]]:
        """``(registrant number, voter)`` in roll order (men first in a unisex one)."""
        for segment in self.segments:
            yield from segment.entries()

    @property
    def first(self) -> tuple[int, V]:
        """The first voter of the roll and their number."""
        segment = self.segments[0]
        return segment.first_number, segment.voters[0]

    @property
    def last(self) -> tuple[int, V]:
        """The last voter of the roll and their number."""
        segment = self.segments[-1]
        return segment.first_number + len(segment.voters) - 1, segment.voters[-1]

    @property
    def first_number(self) -> int:
        """The first voter's registrant number."""
        return self.first[0]

    @property
    def last_number(self) -> int:
        """The last voter's registrant number."""
        return self.last[0]

    def to_station(self) -> Station:
        """The model :class:`~electoral.model.Station` (number at most 102)."""
        return Station(
            center_id=self.center_id,
            number=self.number,
            gender=self.gender,
            registrants=self.registrants,
        )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class StationPlan(Generic[V]):
    """The stations of one centre, numbered 1.. (male, female, then unisex)."""

    center_id: int
    stations: tuple[AllocatedStation[V], ...]

    @property
    def registrants(self) -> int:
        """Voters on all stations."""
        return sum(station.registrants for station in self.stations)

    def entries(self) -> Iterator[tuple[int, int, V]]:
        """``(station number, registrant number, voter)`` for every voter."""
        for station in self.stations:
            for number, voter in station.entries():
                yield station.number, number, voter


_VOTER_TYPES: Final = frozenset({RegistryRecord, Citizen})
"""The library's voters: every instance has every member of
:class:`~electoral.registration.Voter` (the fields of a tuple, or of a frozen attrs
class set by its constructor, and plain properties over them)."""


def _segment(first_number: int, voters: tuple[V, ...], known: bool) -> RollSegment[V]:
    """A segment; of the library's own voters (``known``), without checking each again.

    ``RollSegment`` checks that each voter has the members of a
    :class:`~electoral.registration.Voter`, one ``hasattr`` per member and voter: the
    largest cost of a national allocation. For the library's voter types the answer
    is known from the type, so the segment is built as its constructor would build it.
    """
    if not known:
        return RollSegment(first_number, voters)
    return unchecked(RollSegment, first_number=first_number, voters=voters)


def _chunks(voters: list[V], first_number: int, limit: int, known: bool) -> list[RollSegment[V]]:
    n = len(voters)
    if n == 0:
        return []
    k = (n - 1) // limit + 1
    out = []
    for i in range(k):
        lo, hi = i * n // k, (i + 1) * n // k
        out.append(_segment(first_number + lo, tuple(voters[lo:hi]), known))
    return out


_GENDER: Final = attrgetter("gender")
_CODE: Final = itemgetter(6)


def _male_mask(roll: Sequence[Voter], kinds: set[type]) -> list[bool]:
    """Whether each voter is male, read in C-level passes.

    A :class:`~electoral.registration.RegistryRecord` keeps its gender as the code
    1 (male) or 2 (female) in its seventh field; any other voter is asked for its
    :attr:`~electoral.registration.Voter.gender`. ``kinds`` is the set of the voters'
    types.
    """
    if kinds == {RegistryRecord}:
        return list(map((1).__eq__, map(_CODE, roll)))  # type: ignore[arg-type]
    return list(map(is_, map(_GENDER, roll), repeat(Gender.MALE)))


@guarded
def allocate_stations(
    roll: Sequence[V],
    *,
    center_id: int,
    max_registrants: int = MAX_REGISTRANTS_PER_STATION,
    unisex_trigger: int = UNISEX_TRIGGER,
) -> StationPlan[V]:
    """Allocate a centre's **sorted** roll to stations (see the module text).

    Args:
        roll: the voters in roll order (:func:`~electoral.registration.sort_roll`);
            for a copy centre, the original's roll.
        center_id: the centre the stations belong to.
        max_registrants: 550.
        unisex_trigger: 25.

    Raises:
        OutOfRange: ``registration.station_limits``, a limit below 1.
    """
    for name, value in (("max_registrants", max_registrants), ("unisex_trigger", unisex_trigger)):
        if type(value) is not int or value < 1:
            raise OutOfRange("registration.station_limits", field=name, value=value)
    kinds = set(map(type, roll))
    known = kinds <= _VOTER_TYPES
    male = _male_mask(roll, kinds)
    males = list(compress(roll, male))
    females = list(compress(roll, map(not_, male)))
    male_chunks = _chunks(males, 1, max_registrants, known)
    female_chunks = _chunks(females, len(males) + 1, max_registrants, known)
    layout: list[tuple[Gender, tuple[RollSegment[V], ...]]] = []
    layout.extend((Gender.MALE, (chunk,)) for chunk in male_chunks)
    layout.extend((Gender.FEMALE, (chunk,)) for chunk in female_chunks)
    if males and females and (len(males) < unisex_trigger or len(females) < unisex_trigger):
        big = male_chunks if len(females) < unisex_trigger else female_chunks
        gender = Gender.MALE if big is male_chunks else Gender.FEMALE
        # the big gender is male when females < 25 (also when both are small)
        layout = [(gender, (chunk,)) for chunk in big[:-1]]
        layout.append((Gender.UNISEX, (male_chunks[-1], female_chunks[-1])))
    stations = tuple(
        AllocatedStation(center_id=center_id, number=number, gender=gender, segments=segments)
        for number, (gender, segments) in enumerate(layout, start=1)
    )
    return StationPlan(center_id=center_id, stations=stations)


@guarded
def check_roll_job(
    centers: Iterable[Center],
    *,
    registrants: Mapping[int, int],
    accept_no_office: bool = False,
    accept_no_voters: bool = False,
) -> list[Center]:
    """Select the centres a roll job uses and run its two checks.

    Only centres with ``reg_open`` are used (pass undeleted centres only; copies are
    included). A centre with office 999 fails the job unless ``accept_no_office``; a
    centre whose roll is empty (its original's for a copy) fails it unless
    ``accept_no_voters``. ``registrants`` maps a centre id to its number of
    **current** registrations; SmartElect counted archived and deleted rows for
    non-copy centres (a quirk not copied).

    Returns:
        The selected centres, by centre id.

    Raises:
        MissingValue: ``registration.no_active_centers``.
        InconsistentValue: ``registration.no_office`` or ``registration.no_registrants``,
            listing the centre ids.
    """
    selected = sorted((center for center in centers if center.reg_open), key=lambda c: c.center_id)
    if not selected:
        raise MissingValue("registration.no_active_centers", field="centers", value=[])
    if not accept_no_office:
        bad = [c.center_id for c in selected if c.office_id == NO_NAMED_THING]
        if bad:
            raise InconsistentValue(
                "registration.no_office", field="office_id", value=bad, centers=bad
            )
    if not accept_no_voters:
        bad = [c.center_id for c in selected if registrants.get(c.original_id, 0) == 0]
        if bad:
            raise InconsistentValue(
                "registration.no_registrants", field="registrants", value=bad, centers=bad
            )
    return selected
