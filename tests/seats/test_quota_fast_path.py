"""The largest-remainder fast path (:func:`_one_pass`) against the full count (:func:`_count`).

The public :func:`largest_remainder` takes the fast path for the usual count (good
votes in a dict, no threshold, no caps, one pass with fewer seats by remainder than
lists) and the full count otherwise. Over random votes with many equal counts,
lists without votes, every quota, small and large houses, bases, policies, drawings,
caps and thresholds, the answer is the same: seats (in the same order), tie and its
resolution, unfilled seats, capped and excluded lists, quotas and every explanation
row; and a bad input gets the same coded errors.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral._guard import MAX_COUNT
from electoral.errors import ValidationError, ValidationErrors
from electoral.seats import Allocation, DrawingOfLots, largest_remainder
from electoral.seats._quota import QUOTAS, _count, _one_pass

NAMES = [f"L{i}" for i in range(9)] + ["b", "A", "Z9"]
votes_st = st.dictionaries(
    st.sampled_from(NAMES),
    st.one_of(st.integers(0, 12), st.integers(0, 10**6), st.sampled_from([0, 5, 5, 7, 7])),
    max_size=12,
)


def _same(fast: Allocation, full: Allocation) -> None:
    assert fast == full
    assert list(fast.seats.items()) == list(full.seats.items())
    assert list(fast.votes.items()) == list(full.votes.items())
    assert fast.rows == full.rows
    assert fast.tie == full.tie
    assert fast.resolution == full.resolution
    assert fast.final == full.final


def _outcome(call: Any) -> Allocation | tuple[str, ...]:
    try:
        result: Allocation = call()
    except ValidationErrors as group:
        return tuple(
            sorted(
                f"{error.code} {error.field}" if isinstance(error, ValidationError) else "group"
                for error in group.exceptions
            )
        )
    except ValidationError as error:
        return (f"{error.code} {error.field}",)
    return result


@given(
    votes_st,
    st.integers(0, 40),
    st.sampled_from(sorted(QUOTAS)),
    st.sampled_from(["subtract", "error"]),
    st.one_of(st.none(), st.integers(0, 4 * 10**6)),
    st.booleans(),
)
def test_fast_path_equals_the_full_count(
    votes: dict[str, int],
    house: int,
    quota: str,
    overaward: Any,
    base: int | None,
    draw: bool,
) -> None:
    lots = DrawingOfLots(order=tuple(sorted(votes, reverse=True))) if draw else None
    fast = _outcome(
        lambda: largest_remainder(
            votes, house, quota=quota, overaward=overaward, threshold_base=base, lots=lots
        )
    )
    full = _outcome(lambda: _count(votes, house, quota, None, base, None, overaward, lots))
    if isinstance(fast, Allocation):
        assert isinstance(full, Allocation)
        _same(fast, full)
    else:
        assert fast == full


@given(
    votes_st,
    st.integers(1, 40),
    st.sampled_from(sorted(QUOTAS)),
    st.dictionaries(st.sampled_from(NAMES), st.integers(0, 6)),
    st.one_of(st.none(), st.fractions(0, 1, max_denominator=20)),
)
def test_caps_and_thresholds_take_the_full_count(
    votes: dict[str, int],
    house: int,
    quota: str,
    caps: dict[str, int],
    threshold: Fraction | None,
) -> None:
    caps = {name: cap for name, cap in caps.items() if name in votes}
    fast = _outcome(
        lambda: largest_remainder(votes, house, quota=quota, caps=caps, threshold=threshold)
    )
    full = _outcome(lambda: _count(votes, house, quota, threshold, None, caps, "subtract", None))
    if isinstance(fast, Allocation):
        assert isinstance(full, Allocation)
        _same(fast, full)
    else:
        assert fast == full


BAD: list[object] = [-1, 1.0, True, "3", None, MAX_COUNT + 1, Fraction(1)]


@given(votes_st, st.sampled_from(BAD), st.sampled_from([1, "", " ", ("A",), "L0"]))
def test_bad_votes_get_the_same_coded_errors(
    votes: dict[str, int], bad: object, name: object
) -> None:
    given_votes: dict[Any, Any] = {**votes, name: bad}
    fast = _outcome(lambda: largest_remainder(given_votes, 10))
    full = _outcome(lambda: _count(given_votes, 10, "hare", None, None, None, "subtract", None))
    assert fast == full
    assert not isinstance(fast, Allocation)  # every value in BAD is refused


@pytest.mark.parametrize("quota", sorted(QUOTAS))
def test_the_fast_path_is_taken_at_national_size(quota: str) -> None:
    """A national-size count (60 lists, 300 seats, many ties and lists without votes)."""
    rng = random.Random(quota)
    for _ in range(30):
        votes = {
            f"L{i:02d}": rng.choice([0, rng.randint(1, 50), rng.randint(1, 2 * 10**6)])
            for i in range(60)
        }
        house = rng.randint(1, 300)
        done = _one_pass(votes, house, quota, None, None)
        full = _count(votes, house, quota, None, None, None, "subtract", None)
        if done is not None:
            _same(done, full)
    votes = {f"L{i:02d}": rng.randint(1_000, 2_000_000) for i in range(60)}
    done = _one_pass(votes, 300, quota, None, None)
    if quota in ("hare", "droop"):
        assert done is not None
    if done is not None:
        _same(done, _count(votes, 300, quota, None, None, None, "subtract", None))


def test_a_remainder_tie_on_the_fast_path() -> None:
    votes = {"A": 260, "B": 170, "C": 170, "D": 0}
    done = _one_pass(votes, 5, "hare", None, DrawingOfLots(order=("C", "B")))
    assert done is not None
    assert done.tie is not None
    assert done.tie.candidates == ("B", "C")
    assert done.tie.seats == 1
    assert done.final == {"A": 2, "C": 2, "B": 1, "D": 0}
    assert list(done.seats.items()) == [("A", 2), ("B", 1), ("C", 1), ("D", 0)]
    _same(
        done,
        _count(votes, 5, "hare", None, None, None, "subtract", DrawingOfLots(order=("C", "B"))),
    )
