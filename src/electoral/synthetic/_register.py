"""Private: the synthetic civil register and its registrations, in compact columns.

Millions of voters are kept as columns of small integers (:mod:`array`), one entry
per voter, and turned into the civil registry's 14 text columns only when read
(:meth:`Register.rows`), so that the demo validates every record with the
library's real rules (:func:`electoral.registration.validate_registry_rows`)
without first building millions of objects.

Each voter has a four-part name (first, father, grandfather, family) and a mother's
name, a gender, a birth date and a national id consistent with the rules: 12
digits, the first 1 (male) or 2 (female), and, as in the sample records, digits 2 to
5 the year of birth; about 2.3 % of family book numbers carry a letter prefix
(SmartElect ``civil_registry/models.py``, ``civil_registry/tests/test_parsing.py``,
SmartElect/SmartElect at commit ``d6d35f2``). A few records are spoiled on
purpose (see :data:`REGISTER_PROBLEMS`), a few voters are under 18 on polling day
and a few are blocked.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import random
from array import array
from collections.abc import Iterator, Mapping
from fractions import Fraction
from itertools import repeat
from operator import lt, sub
from typing import Final

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import OutOfRange
from electoral.synthetic._country import POLLING_START, Country
from electoral.synthetic._names import FAMILY, FEMALE, MALE
from electoral.synthetic._sizes import MAX_VOTERS, check_share, unknown

__all__ = ["REGISTER_PROBLEMS", "Register", "generate_register", "share_count"]

REGISTER_PROBLEMS: Final = ("gender_mismatch", "birth_date", "national_id", "duplicate_id")
"""Kinds of spoiled civil-registry records: the national id's first digit contradicts
the gender; an impossible birth date; an 11-digit national id; a national id already
used by the previous record."""

PERSON_BASE: Final = 10_000_000
"""Voter *i* has ``PERSON_ID`` ``PERSON_BASE + i``."""

_FIRST_DAY: Final = dt.date(1930, 1, 1)
_LAST_DAY: Final = dt.date(2008, 12, 31)
_ADULT_LIMIT: Final = dt.date(POLLING_START.year - 18, POLLING_START.month, POLLING_START.day)
_SERIAL_STEP: Final = 7_919_713  # odd, not a multiple of 5: i -> i * step is a bijection mod 10**7
_PREFIXES: Final = ("r", "f", "se", "te")
_BOOK_STEP: Final = 2_654_435_761


def _age_weight(age: int) -> int:
    if age <= 30:
        return 30
    if age <= 45:
        return 24
    if age <= 60:
        return 14
    if age <= 75:
        return 6
    return 2


def _days() -> tuple[list[str], list[str], list[int], int]:
    texts: list[str] = []
    years: list[str] = []
    cumulative: list[int] = []
    total = 0
    first_young = -1
    day = _FIRST_DAY
    one = dt.timedelta(days=1)
    while day <= _LAST_DAY:
        texts.append(f"{day.day}/{day.month}/{day.year}")
        years.append(str(day.year))
        if day <= _ADULT_LIMIT:
            total += _age_weight(POLLING_START.year - day.year)
        elif first_young < 0:
            first_young = len(texts) - 1
        cumulative.append(total)
        day += one
    return texts, years, cumulative, first_young


_DATE_TEXT, _DATE_YEAR, _DATE_WEIGHTS, _FIRST_YOUNG = _days()


def _choices(rng: random.Random, cum_weights: list[int], k: int) -> list[int]:
    """``rng.choices(range(len(cum_weights)), cum_weights=cum_weights, k=k)`` for whole
    weights, in C-level passes: the same draws from ``rng`` (one ``random()`` per
    choice, scaled by the total weight as a float, then bisected) give the same
    positions, without a Python-level step per choice."""
    total = cum_weights[-1] + 0.0
    # bisecting all but the last weight is bisecting them all with hi = len - 1; the
    # weights as floats (exact: whole numbers below 2**53) compare faster with a float
    place = functools.partial(bisect.bisect_right, list(map(float, cum_weights[:-1])))
    return list(map(place, map(total.__mul__, itertools.starmap(rng.random, repeat((), k)))))


@guarded
def share_count(total: int, share: Fraction) -> int:
    """How many of ``total`` items a share selects: ``ceil(total * share)``.

    >>> share_count(3000, Fraction(1, 100_000)), share_count(200, Fraction(1, 20))
    (1, 10)
    """
    return -(-total * share.numerator // share.denominator)


@attrs.frozen(kw_only=True, eq=False, field_transformer=typed_fields)
class Register:
    """Registered voters in compact columns (voter *i* is the *i*-th record).

    Attributes:
        voters: how many records.
        center_ids: each voter's registration centre.
        genders: 1 (male) or 2 (female) per voter.
        dates: each voter's birth date (an index into the day table).
        names: first, father, grandfather, family and mother names (a random byte each,
            read modulo the size of the name list).
        problems: spoiled records, by voter index (see :data:`REGISTER_PROBLEMS`).
        young: voters under 18 on polling day.
        blocked: ``PERSON_ID`` of blocked voters.
    """

    voters: int
    center_ids: array[int]
    genders: bytes
    dates: array[int]
    names: tuple[bytes, bytes, bytes, bytes, bytes]
    problems: Mapping[int, str]
    young: frozenset[int]
    blocked: frozenset[int]
    addresses: Mapping[int, str]

    @guarded
    def national_id(self, index: int) -> str:
        """The (unspoiled) national id of voter ``index``."""
        self._voter(index, "index")
        gender = "1" if self.genders[index] == 1 else "2"
        serial = (index * _SERIAL_STEP + 4_242) % 10_000_000
        return f"{gender}{_DATE_YEAR[self.dates[index]]}{serial:07d}"

    @guarded
    def person_id(self, index: int) -> int:
        """The ``PERSON_ID`` of voter ``index``."""
        return PERSON_BASE + index

    @guarded
    def center_of(self, person_id: int) -> int:
        """The registration centre of the voter with this ``PERSON_ID``."""
        return self.center_ids[self._voter(person_id - PERSON_BASE, "person_id")]

    def _voter(self, index: int, field: str) -> int:
        if not 0 <= index < self.voters:
            raise unknown(index if field == "index" else index + PERSON_BASE, field)
        return index

    @guarded
    def rows(self, start: int = 0, stop: int | None = None) -> Iterator[tuple[str, ...]]:
        """The civil registry's 14 text columns of voters ``start`` to ``stop``.

        >>> from electoral.synthetic import Size, generate_country
        >>> country = generate_country(Size.TINY, seed=3)
        >>> row = next(generate_register(country, seed=3).rows())
        >>> len(row), row[9][0] == row[6]
        (14, True)
        """
        stop = self.voters if stop is None else stop
        if not 0 <= start <= self.voters:
            raise OutOfRange(field="start", value=start, min_value=0, max_value=self.voters)
        if not start <= stop <= self.voters:
            raise OutOfRange(field="stop", value=stop, min_value=start, max_value=self.voters)
        first, father, grand, family, mother = self.names
        genders, dates, centers = self.genders, self.dates, self.center_ids
        addresses, problems = self.addresses, self.problems
        texts, years = _DATE_TEXT, _DATE_YEAR
        male, female, families, prefixes = MALE, FEMALE, FAMILY, _PREFIXES
        n_male, n_female, n_family = len(MALE), len(FEMALE), len(FAMILY)
        for i in range(start, stop):
            is_male = genders[i] == 1
            code = "1" if is_male else "2"
            day = dates[i]
            book = (i * _BOOK_STEP + 1_000) % 9_000_000 + 1_000
            serial = (i * _SERIAL_STEP + 4_242) % 10_000_000
            row = (
                str(PERSON_BASE + i),
                male[first[i] % n_male] if is_male else female[first[i] % n_female],
                male[father[i] % n_male],
                male[grand[i] % n_male],
                families[family[i] % n_family],
                female[mother[i] % n_female],
                code,
                texts[day],
                addresses[centers[i]],
                f"{code}{years[day]}{serial:07d}",
                f"{prefixes[book % 4]}{book}" if book % 43 == 0 else str(book),
                "0",
                "0",
                "0",
            )
            kind = problems.get(i)
            yield row if kind is None else self._spoil(list(row), i, kind)

    def _spoil(self, row: list[str], index: int, kind: str) -> tuple[str, ...]:
        if kind == "gender_mismatch":
            row[6] = "2" if row[6] == "1" else "1"
        elif kind == "birth_date":
            row[7] = f"31/2/{_DATE_YEAR[self.dates[index]]}"
        elif kind == "national_id":
            row[9] = row[9][:-1]
        elif kind == "duplicate_id" and index > 0:
            row[9] = self.national_id(index - 1)
            row[6] = row[9][0]
        return tuple(row)


@guarded
def generate_register(
    country: Country,
    *,
    seed: int,
    voters: int | None = None,
    problem_share: Fraction = Fraction(1, 100_000),
    young_share: Fraction = Fraction(1, 2_000),
    blocked_share: Fraction = Fraction(1, 5_000),
) -> Register:
    """Generate the registered voters of ``country`` (``country.size.voters`` by default).

    Args:
        country: from :func:`generate_country`.
        seed: the same seed gives the same register.
        voters: overrides the size's number of voters.
        problem_share: share of spoiled civil-registry records (rounded up).
        young_share: share of voters under 18 on polling day (rounded up).
        blocked_share: share of blocked voters (rounded up).
    """
    n = country.size.voters if voters is None else voters
    if not 1 <= n <= MAX_VOTERS:
        raise OutOfRange(field="voters", value=n, min_value=1, max_value=MAX_VOTERS)
    for share, name in (
        (problem_share, "problem_share"),
        (young_share, "young_share"),
        (blocked_share, "blocked_share"),
    ):
        check_share(share, name)
    rng = random.Random(f"electoral.synthetic:{seed}:register")
    centers = [c for c in country.centers if country.center_weights[c.center_id] > 0]
    weights = [country.center_weights[c.center_id] for c in centers]
    picked = _choices(rng, list(itertools.accumulate(weights)), n)
    center_ids = array("l", map([c.center_id for c in centers].__getitem__, picked))
    per_mille = [country.male_per_mille[c.center_id] for c in centers]
    thresholds = array("H")
    thresholds.frombytes(rng.randbytes(2 * n))
    limits = [m * 65_536 // 1000 for m in per_mille]
    # 1 (male) where the voter's threshold lies below the centre's limit, else 2
    genders = bytes(map(sub, repeat(2), map(lt, thresholds, map(limits.__getitem__, picked))))
    dates = array("l", _choices(rng, _DATE_WEIGHTS, n))
    young = rng.sample(range(n), min(n, share_count(n, young_share)))
    for index in young:
        dates[index] = rng.randrange(_FIRST_YOUNG, len(_DATE_TEXT))
    names = tuple(rng.randbytes(n) for _ in range(5))
    # odd indices only: no two spoiled records are neighbours, so a duplicated id
    # always copies a good record
    spoiled = rng.sample(range(1, n, 2), min(n // 2, share_count(n, problem_share)))
    problems = {index: REGISTER_PROBLEMS[k % len(REGISTER_PROBLEMS)] for k, index in
                enumerate(sorted(spoiled))}  # fmt: skip
    blocked = rng.sample(range(n), min(n, share_count(n, blocked_share)))
    addresses = {c.center_id: f"{c.mahalla}، {c.village}" for c in country.centers}
    return Register(
        voters=n,
        center_ids=center_ids,
        genders=genders,
        dates=dates,
        names=names,  # type: ignore[arg-type]
        problems=problems,
        young=frozenset(young),
        blocked=frozenset(PERSON_BASE + i for i in blocked),
        addresses=addresses,
    )
