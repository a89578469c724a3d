"""The shortcuts of the fast paths against their plain definitions.

* :func:`rank_votes` and :func:`rank_names` (two C-level sorts) equal the
  ``(-votes, name)`` key sort, and :func:`order_seats` equals its
  ``(-seats, -votes, name)`` key sort;
* the largest-remainder pass that hands out fewer seats than there are lists (whole
  quotas and remainders by C-level integer maps, the winners by the spare-th largest
  remainder) equals the definition in fractions, ties included;
* the rows built by :func:`quota_row` / :func:`divisor_row` (slots filled directly)
  equal the rows built by the attrs ``__init__``, and the row classes have no hook
  that ``__init__`` would run and the shortcut would skip;
* the divisor count (integer divisor counts, no step-2 loop when the count fits)
  matches the definition on skewed votes and large houses, its ``cutoff`` is the
  smallest quotient won, and its rows carry the same quotients;
* plurality rankings and cuts equal the sort-by-key definition, ties included.
"""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.seats import (
    DIVISORS,
    Allocation,
    Divisor,
    DivisorRow,
    PluralityResult,
    QuotaRow,
    highest_averages,
    largest_remainder,
    plurality,
)
from electoral.seats._allocation import order_seats
from electoral.seats._common import rank_names, rank_votes
from electoral.seats._explanation import divisor_row, quota_row
from electoral.seats._quota import QUOTAS

from .test_reference import reference

NAMES = [f"L{i}" for i in range(12)]
votes_st = st.dictionaries(st.sampled_from(NAMES), st.integers(0, 50), max_size=12)


@given(votes_st)
def test_rank_votes_is_the_key_sort(votes: dict[str, int]) -> None:
    expected = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
    assert rank_votes(votes) == expected


@given(votes_st)
def test_rank_names_is_the_key_sort(votes: dict[str, int]) -> None:
    assert rank_names(votes) == sorted(votes, key=lambda name: (-votes[name], name))


@given(votes_st, st.integers(0, 30), st.sampled_from(sorted(QUOTAS)))
def test_remainder_pass_matches_the_definition(
    votes: dict[str, int], house: int, quota: str
) -> None:
    """One pass, no caps: whole quotas, then one seat each by remainder, in fractions."""
    voted = {name: count for name, count in votes.items() if count > 0}
    result = largest_remainder(votes, house, quota=quota)
    if not voted or not house:
        assert result.rows == ()
        return
    value = QUOTAS[quota](sum(voted.values()), house)
    whole = {name: count // value for name, count in voted.items()}
    rest = {name: count - whole[name] * value for name, count in voted.items()}
    spare = house - sum(whole.values())
    if spare < 0 or spare >= len(voted):
        return  # over-award, or a round for every list: not this pass
    assert result.quotas == (value,)
    ranked = sorted(rest.values(), reverse=True)
    boundary = ranked[spare - 1] if spare else None
    above = {name for name, left in rest.items() if spare and left > boundary}  # type: ignore[operator]
    at = sorted(name for name, left in rest.items() if spare and left == boundary)
    tied = len(above) + len(at) > spare
    extra = {name: int(name in above or (not tied and name in at)) for name in voted}
    assert dict(result.seats) == {name: whole.get(name, 0) + extra.get(name, 0) for name in votes}
    if tied:
        assert result.tie is not None
        assert result.tie.candidates == tuple(at)
        assert result.tie.seats == spare - len(above)
        assert result.tie.value == boundary
        assert result.tie.stage == "remainder"
    else:
        assert result.tie is None
    rows = {row.candidate: row for row in result.rows if isinstance(row, QuotaRow)}
    assert sorted(rows) == sorted(voted)
    for name, row in rows.items():
        assert (row.quota_seats, row.remainder_seats) == (whole[name], extra[name])
        assert row.remainder == rest[name]
        assert row.capped == (whole[name] + extra[name] >= house)  # every seat, its cap


@given(votes_st, st.dictionaries(st.sampled_from(NAMES), st.integers(0, 5)))
def test_order_seats_is_the_key_sort(votes: dict[str, int], seats: dict[str, int]) -> None:
    seats = {name: count for name, count in seats.items() if name in votes}
    expected = sorted(votes, key=lambda name: (-seats.get(name, 0), -votes[name], name))
    for result in (order_seats(votes, seats), order_seats(votes, seats, rank_votes(votes))):
        assert list(result) == expected
        assert result == {name: seats.get(name, 0) for name in votes}


def test_row_classes_have_no_init_hooks() -> None:
    """No hook but the annotation check, which the fast path's checked inputs always pass."""
    for cls in (QuotaRow, DivisorRow):
        for field in attrs.fields(cls):
            assert field.converter is None, (cls, field.name)
            check = field.validator
            assert check is not None, (cls, field.name)
            assert check.__qualname__ == "typed_fields.<locals>.check", (cls, field.name)
            assert field.on_setattr in (None, attrs.setters.NO_OP), (cls, field.name)
            assert field.init, (cls, field.name)
            assert field.default is attrs.NOTHING, (cls, field.name)
        assert not hasattr(cls, "__attrs_post_init__")
        assert not hasattr(cls, "__attrs_pre_init__")


@pytest.mark.parametrize("cls", [PluralityResult, Allocation])
def test_result_classes_have_no_init_hooks(cls: type) -> None:
    """No hook but the annotation check, which the fast path's checked inputs always pass."""
    for field in attrs.fields(cls):
        assert field.converter is None, field.name
        check = field.validator
        assert check is not None, field.name
        assert check.__qualname__ == "typed_fields.<locals>.check", field.name
        assert field.on_setattr in (None, attrs.setters.NO_OP), field.name
    assert not hasattr(cls, "__attrs_post_init__")
    assert not hasattr(cls, "__attrs_pre_init__")


@given(votes_st, st.integers(0, 14))
def test_fast_plurality_result_equals_init_result(votes: dict[str, int], seats: int) -> None:
    fast = plurality(votes, seats)
    built = PluralityResult(
        seats=fast.seats,
        elected=fast.elected,
        tie=fast.tie,
        resolution=fast.resolution,
        unfilled=fast.unfilled,
        votes=tuple(reversed(votes.items())),
    )
    assert fast == built
    assert hash(fast) == hash(built)
    assert repr(fast) == repr(built)
    assert fast.ranking == built.ranking


def test_fast_rows_equal_init_rows() -> None:
    quota = Fraction(7, 3)
    built = QuotaRow(
        candidate="A",
        votes=10,
        quota=quota,
        quota_seats=4,
        remainder_seats=1,
        capped=True,
        pass_number=2,
    )
    fast = quota_row("A", 10, quota, 4, 1, True, 2)
    attrs.validate(fast)
    assert type(fast) is QuotaRow
    assert fast == built
    assert hash(fast) == hash(built)
    assert repr(fast) == repr(built)
    assert fast.remainder == built.remainder == Fraction(2, 3)
    rule = DIVISORS["sainte_lague"]
    built_row = DivisorRow(candidate="B", votes=9, seats=2, cap=5, divisor=rule)
    fast_row = divisor_row("B", 9, 2, 5, rule)
    attrs.validate(fast_row)
    assert type(fast_row) is DivisorRow
    assert fast_row == built_row
    assert hash(fast_row) == hash(built_row)
    assert repr(fast_row) == repr(built_row)
    assert fast_row.last_quotient == built_row.last_quotient == Fraction(3)
    assert fast_row.next_quotient == built_row.next_quotient == Fraction(9, 5)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fast_row.seats = 3  # type: ignore[misc]


skewed_st = st.dictionaries(
    st.sampled_from(NAMES),
    st.one_of(st.integers(0, 20), st.integers(1_000, 5_000), st.integers(10**6, 2 * 10**6)),
    max_size=12,
)
every_divisor = st.sampled_from(
    [
        *sorted(DIVISORS.values(), key=lambda rule: rule.name),
        Divisor(name="half", first=Fraction(1, 2), step=Fraction(2), offset=Fraction(1)),
        Divisor(name="three", first=Fraction(3), step=Fraction(3), offset=Fraction(1)),
        Divisor(name="danish", first=Fraction(1), step=Fraction(3), offset=Fraction(1)),
        Divisor(name="imperiali", first=Fraction(2), step=Fraction(1), offset=Fraction(2)),
    ]
)


@given(
    skewed_st,
    st.integers(0, 400),
    every_divisor,
    st.dictionaries(st.sampled_from(NAMES), st.integers(0, 200), max_size=12),
)
def test_divisor_count_on_skewed_votes_and_large_houses(
    votes: dict[str, int], house: int, divisor: Divisor, caps: dict[str, int]
) -> None:
    caps = {name: cap for name, cap in caps.items() if name in votes}
    result = highest_averages(votes, house, divisor=divisor, caps=caps)
    seats, tied, places = reference(votes, house, divisor, caps)
    assert dict(result.seats) == seats
    assert (result.tie.candidates if result.tie else ()) == tied
    assert (result.tie.seats if result.tie else 0) == places
    won = [
        Fraction(count) / divisor.at(j)
        for name, count in votes.items()
        for j in range(seats[name] + (1 if result.tie and name in result.tie.candidates else 0))
    ]
    if result.tie is not None:
        assert result.cutoff == result.tie.value == min(won)
    elif won:
        assert result.cutoff == min(won)
    else:
        assert result.cutoff is None
    for row in result.rows:
        assert isinstance(row, DivisorRow)
        assert row.seats == seats[row.candidate]
        assert row.cap == min(caps.get(row.candidate, house), house)
        if row.seats:
            assert row.last_quotient == Fraction(row.votes) / divisor.at(row.seats - 1)
    assert [row.candidate for row in result.rows] == [
        name
        for name, _count in sorted(votes.items(), key=lambda item: (-item[1], item[0]))
        if votes[name] > 0
    ]


@given(skewed_st, st.integers(1, 400), st.sampled_from(["hare", "droop", "imperiali"]))
def test_quota_rows_follow_the_vote_order(votes: dict[str, int], house: int, quota: str) -> None:
    result = largest_remainder(votes, house, quota=quota)
    first_pass = [row for row in result.rows if isinstance(row, QuotaRow) and row.pass_number == 1]
    assert [row.candidate for row in first_pass] == [
        name
        for name, _count in sorted(votes.items(), key=lambda item: (-item[1], item[0]))
        if votes[name] > 0
    ]
    for row in first_pass:
        assert row.quota == result.quotas[0]
        assert row.remainder >= 0


@given(votes_st, st.integers(0, 14))
def test_plurality_ranking_and_cut_match_the_definition(votes: dict[str, int], seats: int) -> None:
    result = plurality(votes, seats)
    ranking = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
    assert result.ranking == tuple(ranking)
    voted = [(name, count) for name, count in ranking if count > 0]
    if seats >= len(voted):
        assert result.elected == tuple(name for name, _count in voted)
        assert result.tie is None
        assert result.unfilled == seats - len(voted)
        return
    boundary = voted[seats - 1][1] if seats else None
    above = tuple(name for name, count in voted if seats and count > boundary)  # type: ignore[operator]
    at = tuple(sorted(name for name, count in voted if count == boundary))
    if seats == 0 or len(above) + len(at) == seats:
        assert result.tie is None
        assert result.elected == tuple(name for name, _count in voted[:seats])
    else:
        assert result.elected == above
        assert result.tie is not None
        assert result.tie.candidates == at
        assert result.tie.seats == seats - len(above)
        assert result.tie.value == Fraction(boundary)  # type: ignore[arg-type]
    assert result.unfilled == 0
