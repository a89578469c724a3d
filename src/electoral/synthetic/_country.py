"""Private: a Libya-shaped country: geography, centres, races, ballots and candidates.

Shapes taken from the laws and the two HNEC systems:

* 13 constituencies in three regions and 75 sub-constituencies, 168 general seats
  (FPTP or SNTV per sub-constituency) and 32 seats reserved for women in separate
  races (the 2014 House of Representatives, Law 10/2014 as reported by the IPU).
  Where the 32 women's seats were placed is not known; here each constituency is one
  women's race, with at least one seat.
* Each centre records its office, constituency and sub-constituency; an office
  belongs to a region; split centres use sub-constituency 998; a copy centre names
  its original and an original has at most 6 copies (SmartElect
  ``register/models.py``, SmartElect/SmartElect at commit ``d6d35f2``).
* One ballot per race: a general ballot per sub-constituency, a women's ballot per
  constituency; the race names are those of Tally-Ho's fixture ``ballots.csv``
  (``tally_ho/libs/tests/fixtures/tally_setup_files/``, onaio/tally-ho at commit
  ``acbe4f4``).
* A few out-of-country centres (the results system's SPECIAL centres, ids from
  80001, with no office, constituency or sub-constituency): their forms have no
  reconciliation section and their stations no known registrants (Tally-Ho
  ``ResultForm.has_recon``, ``tally_ho/apps/tally/models/station.py``); each
  station votes for one home sub-constituency.

Everything is drawn from one :class:`random.Random` seeded with the election's seed.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Final

import attrs
import pendulum

from electoral.ids import center_id as center_ids
from electoral.model import (
    MAX_COPIES,
    SPLIT_SUBCONSTITUENCY_ID,
    TRIPOLI,
    Ballot,
    Candidate,
    Center,
    CenterType,
    Constituency,
    Election,
    Gender,
    Office,
    Race,
    RaceType,
    Station,
    SubConstituency,
)
from electoral.synthetic._names import CENTER_WORDS, CONSTITUENCIES, FAMILY, FEMALE, MAHALLAS, MALE
from electoral.synthetic._sizes import Size

__all__ = [
    "GENERAL_RACE",
    "POLLING_START",
    "REGISTER_AS_OF",
    "WOMEN_RACE",
    "Country",
    "apportion",
    "generate_country",
]

POLLING_START: Final = pendulum.datetime(2026, 6, 25, 8, tz=TRIPOLI)
"""Polling opens (the synthetic election's day, in Libyan time)."""
POLLING_END: Final = pendulum.datetime(2026, 6, 25, 20, tz=TRIPOLI)
"""Polling closes."""
REGISTER_AS_OF: Final = pendulum.datetime(2026, 3, 1, 12, tz=TRIPOLI)
"""When the civil-registry dump is imported (no birth date may be later)."""

GENERAL_RACE: Final = Race(
    election_level="HoR", name="ballot_number_HOR_general", race_type=RaceType.GENERAL
)
"""The general race (Tally-Ho's sub-type name)."""
WOMEN_RACE: Final = Race(
    election_level="HoR", name="ballot_number_HOR_women", race_type=RaceType.WOMEN
)
"""The women's race."""

WOMEN_BALLOT_BASE: Final = 100
"""A women's ballot is numbered 100 + its constituency id."""

# (type, share in per mille of all centres, registration weight range in hundreds,
#  male voters per mille)
_SPECIAL_TYPES: Final = (
    (CenterType.DISPLACED, 20, (2, 8), (480, 560)),
    (CenterType.OIL, 5, (1, 3), (985, 995)),
    (CenterType.DISABILITY, 5, (1, 3), (500, 600)),
    (CenterType.REVOLUTION, 5, (2, 6), (900, 960)),
    (CenterType.COPY, 20, (0, 0), (0, 0)),
    (CenterType.SPLIT, 15, (6, 20), (520, 600)),
)


_ABROAD: Final = (
    ("Tunis", "تونس"),
    ("Cairo", "القاهرة"),
    ("Istanbul", "إسطنبول"),
    ("Amman", "عمّان"),
    ("London", "لندن"),
    ("Washington", "واشنطن"),
    ("Berlin", "برلين"),
)
"""Out-of-country voting places (results-system centres from 80001)."""


def apportion(total: int, weights: Sequence[int], minimum: int = 1) -> list[int]:
    """Split ``total`` in proportion to ``weights``, each part at least ``minimum``.

    Integer largest remainders (ties to the earlier part), so the parts always add up.

    >>> apportion(10, [5, 3, 2])
    [5, 3, 2]
    >>> apportion(7, [1, 1, 1], minimum=2)
    [3, 2, 2]
    """
    rest = total - minimum * len(weights)
    whole = sum(weights)
    shares = [rest * w // whole for w in weights]
    left = rest - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(rest * weights[i] % whole), i))
    for i in order[:left]:
        shares[i] += 1
    return [minimum + share for share in shares]


@attrs.frozen(kw_only=True, eq=False)
class Country:
    """The fixed data of a synthetic election (everything but voters and results).

    Attributes:
        size: the size it was generated at.
        seed: the seed it was generated from.
        election: the election's names and polling period.
        offices, constituencies, subconstituencies: the geography.
        centers: every centre, by centre id.
        races, ballots, candidates: what is contested.
        general_seats: seats of each general ballot, by sub-constituency id.
        women_seats: seats of each women's ballot, by constituency id.
        center_weights: how many voters (relatively) register at each centre (0 for
            copies, which use their original's roll).
        male_per_mille: the share of men among each centre's voters.
        split_subconstituencies: the two real sub-constituencies of each split centre
            (its odd stations vote in the first, its even ones in the second).
        abroad: the out-of-country centres (results system only, ids from 80001):
            the sub-constituency of each of their stations, in station order.
    """

    size: Size
    seed: int
    election: Election
    offices: tuple[Office, ...]
    constituencies: tuple[Constituency, ...]
    subconstituencies: tuple[SubConstituency, ...]
    centers: tuple[Center, ...]
    races: tuple[Race, ...]
    ballots: tuple[Ballot, ...]
    candidates: tuple[Candidate, ...]
    general_seats: Mapping[int, int]
    women_seats: Mapping[int, int]
    center_weights: Mapping[int, int]
    male_per_mille: Mapping[int, int]
    split_subconstituencies: Mapping[int, tuple[int, int]]
    abroad: Mapping[int, tuple[int, ...]] = attrs.field(factory=dict)

    _by_id: dict[int, Center] = attrs.field(init=False, repr=False)
    _constituency: dict[int, int] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {c.center_id: c for c in self.centers})
        object.__setattr__(
            self,
            "_constituency",
            {s.id: s.constituency_id for s in self.subconstituencies if s.constituency_id},
        )

    def center(self, center_id: int) -> Center:
        """The centre with this id (``KeyError`` if there is none)."""
        return self._by_id[center_id]

    def station_subconstituency(self, center: Center, number: int) -> int:
        """The sub-constituency a station votes in (split centres alternate)."""
        far = self.abroad.get(center.center_id)
        if far is not None:
            return far[number - 1]
        pair = self.split_subconstituencies.get(center.center_id)
        if pair is None:
            return center.subconstituency_id
        return pair[(number - 1) % 2]

    def constituency_of(self, subconstituency_id: int) -> int:
        """The constituency a (real) sub-constituency lies in (``KeyError`` if none)."""
        return self._constituency[subconstituency_id]

    def station_ballots(self, station: Station) -> tuple[int, int]:
        """The general and the women's ballot numbers of a station's forms."""
        sub = station.subconstituency_id
        if sub is None:
            raise KeyError(station.key)
        return sub, WOMEN_BALLOT_BASE + self.constituency_of(sub)


def _micro(value: int) -> Decimal:
    return Decimal(value).scaleb(-6)


def _geography(
    size: Size, rng: random.Random
) -> tuple[list[Office], list[Constituency], list[SubConstituency], list[int], list[list[int]]]:
    seeds = CONSTITUENCIES[: size.constituencies]
    constituencies = [
        Constituency(id=i, name_en=seed.name_en, name_ar=seed.name_ar)
        for i, seed in enumerate(seeds, start=1)
    ]
    per_constituency = apportion(size.subconstituencies, [s.weight for s in seeds])
    subs: list[SubConstituency] = []
    sub_weights: list[int] = []
    for constituency, seed, count in zip(constituencies, seeds, per_constituency, strict=True):
        for k in range(1, count + 1):
            subs.append(
                SubConstituency(
                    id=len(subs) + 1,
                    name_en=f"{seed.name_en} {k}",
                    name_ar=f"{seed.name_ar} {k}",
                    constituency_id=constituency.id,
                )
            )
            sub_weights.append(rng.randint(6, 14))
    office_counts = apportion(size.offices, [s.weight for s in seeds])
    offices: list[Office] = []
    office_ids: list[list[int]] = []
    for seed, count in zip(seeds, office_counts, strict=True):
        ids = []
        for k in range(1, count + 1):
            label = "" if count == 1 else f" {k}"
            office = Office(
                id=len(offices) + 1,
                name_en=f"{seed.name_en}{label}",
                name_ar=f"{seed.name_ar}{label}",
                region=seed.region,
            )
            offices.append(office)
            ids.append(office.id)
        office_ids.append(ids)
    return offices, constituencies, subs, sub_weights, office_ids


def generate_country(size: Size, *, seed: int) -> Country:
    """Generate the fixed data of a synthetic election, deterministically.

    Args:
        size: how big (:attr:`Size.TINY`, :attr:`Size.NATIONAL`...).
        seed: any integer; the same seed gives the same country.

    >>> country = generate_country(Size.TINY, seed=1)
    >>> len(country.constituencies), len(country.subconstituencies), len(country.centers)
    (3, 4, 15)
    >>> sorted({c.center_type.value for c in country.centers})  # doctest: +NORMALIZE_WHITESPACE
    ['copy', 'disability', 'displaced', 'general', 'oil', 'revolution', 'special', 'split']
    """
    rng = random.Random(f"electoral.synthetic:{seed}:country")
    offices, constituencies, subs, sub_weights, office_ids = _geography(size, rng)
    seeds = CONSTITUENCIES[: size.constituencies]
    per_sub = apportion(size.centers, sub_weights, minimum=2)
    # (sub-constituency index, is first of its sub-constituency)
    slots = [(i, k == 0) for i, count in enumerate(per_sub) for k in range(count)]
    specials: list[CenterType] = []
    for kind, per_mille, _, _ in _SPECIAL_TYPES:
        specials.extend([kind] * max(1, size.centers * per_mille // 1000))
    free = [n for n, (_, first) in enumerate(slots) if not first]
    chosen = rng.sample(free, min(len(free), len(specials)))
    kinds = dict(zip(chosen, specials, strict=False))
    ranges = {kind: (weights, male) for kind, _, weights, male in _SPECIAL_TYPES}
    next_number: dict[int, int] = {}
    centers: list[Center] = []
    weights: dict[int, int] = {}
    males: dict[int, int] = {}
    splits: dict[int, tuple[int, int]] = {}
    originals: dict[int, Center] = {}
    copies: dict[int, int] = {}
    by_constituency: dict[int, list[int]] = {}
    for sub in subs:
        assert sub.constituency_id is not None
        by_constituency.setdefault(sub.constituency_id, []).append(sub.id)
    for n, (index, _first) in enumerate(slots):
        sub = subs[index]
        assert sub.constituency_id is not None
        place = seeds[sub.constituency_id - 1]
        choices = office_ids[sub.constituency_id - 1]
        office_id = choices[n % len(choices)]
        number = next_number.get(office_id, 0) + 1
        next_number[office_id] = number
        center_id = (10 + office_id) * 1000 + number
        kind = kinds.get(n, CenterType.GENERAL)
        original = originals.get(sub.id)
        if kind is CenterType.COPY and (original is None or copies.get(sub.id, 0) >= MAX_COPIES):
            kind = CenterType.DISPLACED
        mahalla = rng.choice(MAHALLAS)
        common = {
            "center_id": center_id,
            "office_id": office_id,
            "constituency_id": sub.constituency_id,
            "mahalla": mahalla,
            "village": place.name_ar,
            "lat": _micro(place.lat + rng.randint(-150_000, 150_000)),
            "lon": _micro(place.lon + rng.randint(-150_000, 150_000)),
        }
        if kind is CenterType.COPY:
            assert original is not None
            copies[sub.id] = copies.get(sub.id, 0) + 1
            center = Center(
                name_ar=f"{original.name_ar} - نسخة",
                name_en=f"{original.name_en} (copy)",
                subconstituency_id=sub.id,
                center_type=kind,
                copy_of=original.center_id,
                **common,  # type: ignore[arg-type]
            )
            weights[center_id] = 0
            males[center_id] = 0
        else:
            word = rng.choice(CENTER_WORDS)
            name = rng.choice(FAMILY) if rng.randint(0, 1) else mahalla
            sub_id = sub.id
            if kind is CenterType.SPLIT:
                sub_id = SPLIT_SUBCONSTITUENCY_ID
                siblings = by_constituency[sub.constituency_id]
                other = siblings[(siblings.index(sub.id) + 1) % len(siblings)]
                splits[center_id] = (sub.id, other)
            center = Center(
                name_ar=f"{word} {name}",
                name_en=f"Centre {center_id}",
                subconstituency_id=sub_id,
                center_type=kind,
                **common,  # type: ignore[arg-type]
            )
            if kind is CenterType.GENERAL:
                low, high = 6, 30
                male_low, male_high = 520, 600
                originals.setdefault(sub.id, center)
            else:
                (low, high), (male_low, male_high) = ranges[kind]
            weights[center_id] = 100 * rng.randint(low, high)
            males[center_id] = rng.randint(male_low, male_high)
        centers.append(center)
    abroad: dict[int, tuple[int, ...]] = {}
    for k, (name_en, name_ar) in enumerate(_ABROAD[: max(1, size.centers // 250)]):
        center_id = center_ids.OUT_OF_COUNTRY_MIN + k
        stations = tuple(rng.choice(subs).id for _ in range(rng.randint(1, 4)))
        abroad[center_id] = stations
        centers.append(
            Center(
                center_id=center_id,
                name_ar=f"السفارة في {name_ar}",
                name_en=f"Embassy in {name_en}",
                center_type=CenterType.SPECIAL,
                reg_open=False,
            )
        )
        weights[center_id] = 0
        males[center_id] = 0
    general_seats = apportion(size.general_seats, sub_weights)
    women_seats = apportion(size.women_seats, [s.weight for s in seeds])
    ballots: list[Ballot] = []
    candidates: list[Candidate] = []
    for sub, seats in zip(subs, general_seats, strict=True):
        ballots.append(
            Ballot(
                number=sub.id,
                race=GENERAL_RACE,
                seats=seats,
                subconstituency_ids={sub.id},
                available_for_release=True,
            )
        )
        count = max(2, min(40, seats * 9 + rng.randint(-3, 3)))
        candidates.extend(_candidates(rng, sub.id, count, women=False, start=len(candidates)))
    for constituency, seats in zip(constituencies, women_seats, strict=True):
        number = WOMEN_BALLOT_BASE + constituency.id
        ballots.append(
            Ballot(
                number=number,
                race=WOMEN_RACE,
                seats=seats,
                subconstituency_ids=set(by_constituency[constituency.id]),
                available_for_release=True,
            )
        )
        count = max(2, min(25, seats * 5 + rng.randint(-2, 2)))
        candidates.extend(_candidates(rng, number, count, women=True, start=len(candidates)))
    return Country(
        size=size,
        seed=seed,
        election=Election(
            name_en="House of Representatives (synthetic)",
            name_ar="مجلس النواب (بيانات تجريبية)",
            polling_start=POLLING_START,
            polling_end=POLLING_END,
        ),
        offices=tuple(offices),
        constituencies=tuple(constituencies),
        subconstituencies=tuple(subs),
        centers=tuple(centers),
        races=(GENERAL_RACE, WOMEN_RACE),
        ballots=tuple(ballots),
        candidates=tuple(candidates),
        general_seats={sub.id: seats for sub, seats in zip(subs, general_seats, strict=True)},
        women_seats={c.id: seats for c, seats in zip(constituencies, women_seats, strict=True)},
        center_weights=weights,
        male_per_mille=males,
        split_subconstituencies=splits,
        abroad=abroad,
    )


def _candidates(
    rng: random.Random, ballot: int, count: int, *, women: bool, start: int
) -> list[Candidate]:
    out = []
    for order in range(1, count + 1):
        female = women or rng.randint(1, 50) == 1
        first = rng.choice(FEMALE if female else MALE)
        name = f"{first} {rng.choice(MALE)} {rng.choice(FAMILY)}"
        out.append(
            Candidate(
                ballot_number=ballot,
                candidate_id=start + order,
                name_ar=name,
                order=order,
                gender=Gender.FEMALE if female else Gender.MALE,
            )
        )
    return out
