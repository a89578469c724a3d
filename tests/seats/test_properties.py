"""Hypothesis properties of every seat method.

* the seats add up to the house size, or a tie / unfilled seats account for the rest;
* permuting the input order changes nothing;
* divisor methods are house monotone (no Alabama paradox);
* a candidate or list gaining votes never loses a seat (divisor methods, plurality).
"""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import given
from hypothesis import strategies as st

from electoral.seats import (
    METHODS,
    Allocation,
    BlockVoteResult,
    DrawingOfLots,
    PluralityResult,
    highest_averages,
    largest_remainder,
    plurality,
)

NAMES = [f"L{i}" for i in range(8)]
votes_st = st.dictionaries(st.sampled_from(NAMES), st.integers(0, 2_000), max_size=8)
house_st = st.integers(0, 25)
proportional = st.sampled_from(
    [
        "dhondt",
        "sainte_lague",
        "modified_sainte_lague",
        "hare",
        "hare_rounded",
        "droop",
        "hagenbach_bischoff",
        "imperiali",
    ]
)
divisors = st.sampled_from(["dhondt", "sainte_lague", "modified_sainte_lague"])


def _accounted(result: Allocation | PluralityResult) -> int:
    if isinstance(result, Allocation):
        definite = sum(result.seats.values())
    else:
        definite = len(result.elected)
    return definite + (result.tie.seats if result.tie else 0) + result.unfilled


@given(votes_st, house_st, proportional, st.data())
def test_seats_add_up(votes: dict[str, int], house: int, method: str, data: st.DataObject) -> None:
    caps = data.draw(st.dictionaries(st.sampled_from(sorted(votes) or ["_"]), st.integers(0, 6)))
    caps = {name: cap for name, cap in caps.items() if name in votes}
    result = METHODS[method](votes, house, caps=caps)
    assert _accounted(result) == house
    assert all(result.seats[name] <= cap for name, cap in caps.items())
    assert all(result.seats[name] == 0 for name in result.excluded)
    if result.tie is not None:
        assert result.resolution is None
        drawn = METHODS[method](
            votes, house, caps=caps, lots=DrawingOfLots(order=result.tie.candidates)
        )
        assert sum(drawn.final.values()) + drawn.unfilled == house


@given(votes_st, house_st)
def test_plurality_accounts_for_every_seat(votes: dict[str, int], house: int) -> None:
    assert _accounted(plurality(votes, house)) == house


def _reverse(votes: Mapping[str, int]) -> dict[str, int]:
    return dict(reversed(list(votes.items())))


@given(votes_st, house_st, st.sampled_from(sorted(METHODS)))
def test_input_order_changes_nothing(votes: dict[str, int], house: int, method: str) -> None:
    first = METHODS[method](votes, house)
    second = METHODS[method](_reverse(votes), house)
    assert first == second
    if isinstance(first, Allocation):
        assert list(first.seats.items()) == list(second.seats.items())
    elif not isinstance(first, BlockVoteResult):
        assert first.ranking == second.ranking


def _by_priority(result: Allocation) -> Allocation:
    """Resolve a tie by a fixed priority (identifier order), as a sequential count would."""
    if result.tie is None:
        return result
    return highest_averages(
        dict(result.votes),
        result.house,
        divisor=result.method,
        lots=DrawingOfLots(order=result.tie.candidates),
    )


@given(votes_st, st.integers(0, 30), divisors)
def test_divisor_methods_are_house_monotone(
    votes: dict[str, int], house: int, divisor: str
) -> None:
    smaller = highest_averages(votes, house, divisor=divisor)
    larger = highest_averages(votes, house + 1, divisor=divisor)
    for name in votes:
        assert larger.seats[name] >= smaller.seats[name]
        assert _by_priority(larger).final[name] >= _by_priority(smaller).final[name]


@given(votes_st, house_st, divisors, st.sampled_from(NAMES), st.integers(1, 500))
def test_more_votes_never_cost_a_seat_divisor(
    votes: dict[str, int], house: int, divisor: str, name: str, gain: int
) -> None:
    votes = {**votes, name: votes.get(name, 0)}
    before = highest_averages(votes, house, divisor=divisor)
    after = highest_averages({**votes, name: votes[name] + gain}, house, divisor=divisor)
    assert after.seats[name] >= before.seats[name]
    assert after.seats[name] + (after.tie is not None and name in after.tie.candidates) >= (
        before.seats[name] + (before.tie is not None and name in before.tie.candidates)
    )


@given(votes_st, house_st, st.sampled_from(NAMES), st.integers(1, 500))
def test_more_votes_never_cost_a_seat_plurality(
    votes: dict[str, int], house: int, name: str, gain: int
) -> None:
    votes = {**votes, name: votes.get(name, 0)}
    before = plurality(votes, house)
    after = plurality({**votes, name: votes[name] + gain}, house)
    if name in before.elected:
        assert name in after.elected
    if before.tie is not None and name in before.tie.candidates:
        assert name in after.elected or (after.tie is not None and name in after.tie.candidates)


@given(votes_st, st.integers(1, 25))
def test_largest_remainder_meets_quota_bounds(votes: dict[str, int], house: int) -> None:
    result = largest_remainder(votes, house)
    total = sum(votes.values())
    if not total or result.tie is not None:
        return
    for name, count in votes.items():
        share = count * house / total
        assert int(share) <= result.seats[name] <= int(share) + 1
