"""The fast divisor count against a naive reference, caps and ties included.

The reference lists every quotient ``votes / d(j)`` for ``j`` below each list's cap,
sorts them, and cuts at the house size: the definition of a divisor method, with no
shortcut. votelib cannot serve as oracle here because of its cap defects
(``test_votelib.py``).
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from electoral.seats import DIVISORS, Divisor, highest_averages

NAMES = [f"L{i}" for i in range(10)]


def reference(
    votes: dict[str, int], house: int, divisor: Divisor, caps: dict[str, int]
) -> tuple[dict[str, int], tuple[str, ...], int]:
    """Definite seats, tied lists and tied seats, by sorting every quotient."""
    quotients = sorted(
        (
            (Fraction(count) / divisor.at(j), name)
            for name, count in votes.items()
            if count > 0
            for j in range(min(caps.get(name, house), house))
        ),
        reverse=True,
    )
    seats = dict.fromkeys(votes, 0)
    if len(quotients) <= house:
        for _q, name in quotients:
            seats[name] += 1
        return seats, (), 0
    boundary = quotients[house - 1][0]
    above = [name for q, name in quotients if q > boundary]
    at = sorted(name for q, name in quotients if q == boundary)
    for name in above:
        seats[name] += 1
    places = house - len(above)
    if places == len(at):
        for name in at:
            seats[name] += 1
        return seats, (), 0
    return seats, tuple(at), places


@given(
    st.dictionaries(st.sampled_from(NAMES), st.integers(0, 300), max_size=10),
    st.integers(0, 40),
    st.sampled_from(sorted(DIVISORS)),
    st.dictionaries(st.sampled_from(NAMES), st.integers(0, 8), max_size=10),
)
def test_fast_count_matches_the_definition(
    votes: dict[str, int], house: int, name: str, caps: dict[str, int]
) -> None:
    caps = {key: cap for key, cap in caps.items() if key in votes}
    divisor = DIVISORS[name]
    result = highest_averages(votes, house, divisor=divisor, caps=caps)
    seats, tied, places = reference(votes, house, divisor, caps)
    assert dict(result.seats) == seats
    if tied:
        assert result.tie is not None
        assert result.tie.candidates == tied
        assert result.tie.seats == places
    else:
        assert result.tie is None


@given(
    st.dictionaries(st.sampled_from(NAMES), st.integers(1, 10**6), max_size=10),
    st.integers(0, 120),
    st.fractions(min_value=Fraction(1, 10), max_value=Fraction(29, 10), max_denominator=10),
)
def test_custom_first_divisor_matches_the_definition(
    votes: dict[str, int], house: int, first: Fraction
) -> None:
    divisor = Divisor(name="custom", first=first, step=Fraction(2), offset=Fraction(1))
    result = highest_averages(votes, house, divisor=divisor)
    seats, tied, _places = reference(votes, house, divisor, {})
    assert dict(result.seats) == seats
    assert (result.tie.candidates if result.tie else ()) == tied
