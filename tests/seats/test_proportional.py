"""Largest remainder and highest averages: quotas, divisors, thresholds, caps."""

from __future__ import annotations

from fractions import Fraction

import pytest

from electoral.seats import (
    DIVISORS,
    METHODS,
    QUOTAS,
    Divisor,
    DivisorRow,
    OverAward,
    QuotaRow,
    UnknownName,
    highest_averages,
    largest_remainder,
)

# A textbook case: 230,000 votes, 8 seats (Wikipedia "D'Hondt method" example layout).
VOTES = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}


def test_dhondt_and_sainte_lague() -> None:
    assert dict(highest_averages(VOTES, 8).seats) == {"A": 4, "B": 3, "C": 1, "D": 0}
    result = highest_averages(VOTES, 8, divisor="sainte_lague")
    assert dict(result.seats) == {"A": 3, "B": 3, "C": 1, "D": 1}


def test_modified_sainte_lague_raises_the_first_divisor() -> None:
    votes = {"A": 1000, "B": 100}
    # plain Sainte-Lague: B's 100 beats A's 1000/11 = 90.9 for the 7th seat
    assert dict(highest_averages(votes, 7, divisor="sainte_lague").seats) == {"A": 6, "B": 1}
    # modified: B's first quotient is 100/1.4 = 71.4, A's 1000/13 = 76.9 wins
    assert dict(highest_averages(votes, 7, divisor="modified_sainte_lague").seats) == {
        "A": 7,
        "B": 0,
    }


def test_divisor_rows_explain_the_cutoff() -> None:
    result = highest_averages(VOTES, 8)
    assert result.cutoff == Fraction(25_000)
    rows = {row.candidate: row for row in result.rows if isinstance(row, DivisorRow)}
    assert rows["A"].last_quotient == Fraction(25_000)
    assert rows["D"].next_quotient == Fraction(20_000)
    assert all(
        row.next_quotient is None or result.cutoff is None or row.next_quotient <= result.cutoff
        for row in rows.values()
    )


def test_custom_divisor_and_bad_divisor() -> None:
    swedish = Divisor(name="swedish", first=Fraction(6, 5), step=Fraction(2), offset=Fraction(1))
    assert highest_averages({"A": 10, "B": 5}, 3, divisor=swedish).allocated == 3
    with pytest.raises(UnknownName):
        highest_averages(VOTES, 3, divisor="adams")
    with pytest.raises(ValueError, match="divisors"):
        Divisor(name="bad", first=Fraction(5), step=Fraction(1), offset=Fraction(1))


def test_hare_exact_and_rounded_can_differ() -> None:
    # V = 1000, S = 6: exact quota 166.67, rounded 167
    votes = {"A": 501, "B": 334, "C": 165}
    exact = largest_remainder(votes, 6)
    rounded = largest_remainder(votes, 6, quota="hare_rounded")
    assert dict(exact.seats) == {"A": 3, "B": 2, "C": 1}
    assert dict(rounded.seats) == {"A": 3, "B": 2, "C": 1}
    assert exact.quotas == (Fraction(1000, 6),)
    assert rounded.quotas == (Fraction(167),)
    votes = {"A": 5049, "B": 2525, "C": 2426}
    assert dict(largest_remainder(votes, 4).seats) == {"A": 2, "B": 1, "C": 1}
    assert largest_remainder(votes, 4, quota="hare_rounded").quotas == (Fraction(2500),)


def test_droop_quota() -> None:
    result = largest_remainder({"A": 700, "B": 200, "C": 100}, 3, quota="droop")
    assert result.quotas == (Fraction(251),)
    assert dict(result.seats) == {"A": 2, "B": 1, "C": 0}


def test_quota_rows() -> None:
    result = largest_remainder({"A": 350, "B": 190, "C": 160}, 7)
    rows = [row for row in result.rows if isinstance(row, QuotaRow)]
    assert [(r.candidate, r.quota_seats, r.remainder, r.remainder_seats) for r in rows] == [
        ("A", 3, Fraction(50), 0),
        ("B", 1, Fraction(90), 1),
        ("C", 1, Fraction(60), 1),
    ]


def test_imperiali_overaward_subtract_and_error() -> None:
    votes = {"A": 100, "B": 100, "C": 100}
    result = largest_remainder(votes, 2, quota="imperiali")
    assert result.tie is not None
    assert result.tie.stage == "overaward"
    assert result.tie.seats == 2
    uneven = largest_remainder({"A": 110, "B": 100, "C": 90}, 2, quota="imperiali")
    # quota 75: each fills one quota (3 > 2); C has the smallest remainder, gives back
    assert dict(uneven.seats) == {"A": 1, "B": 1, "C": 0}
    with pytest.raises(OverAward) as info:
        largest_remainder(votes, 2, quota="imperiali", overaward="error")
    assert info.value.code == "seats.overaward"


def test_threshold_is_inclusive_with_configurable_base() -> None:
    votes = {"A": 50, "B": 950}
    assert highest_averages(votes, 20, threshold=Fraction(5, 100)).excluded == ()
    assert highest_averages({"A": 49, "B": 951}, 20, threshold=Fraction(5, 100)).excluded == ("A",)
    # 50 votes of a base of 1,100 valid votes is below 5 %
    based = highest_averages(votes, 20, threshold=Fraction(5, 100), threshold_base=1_100)
    assert based.excluded == ("A",)
    assert dict(based.seats) == {"B": 20, "A": 0}


def test_cap_applied_correctly_largest_remainder() -> None:
    # votelib gives {A: 9, B: 1} (LargestRemainder ignores the cap)
    result = largest_remainder({"A": 900, "B": 100}, 10, caps={"A": 5})
    assert dict(result.seats) == {"A": 5, "B": 5}
    assert result.capped == ("A",)
    assert len(result.quotas) == 2


def test_cap_applied_correctly_divisor() -> None:
    result = highest_averages({"A": 900, "B": 100}, 10, caps={"A": 5})
    assert dict(result.seats) == {"A": 5, "B": 5}


def test_all_lists_capped_leaves_seats_unfilled() -> None:
    for method in ("dhondt", "hare", "droop"):
        result = METHODS[method]({"A": 900, "B": 100}, 10, caps={"A": 3, "B": 2})
        assert dict(result.seats) == {"A": 3, "B": 2}
        assert result.unfilled == 5


def test_empty_and_zero_vote_races() -> None:
    for method in ("dhondt", "sainte_lague", "hare", "imperiali"):
        empty = METHODS[method]({}, 3)
        assert empty.unfilled == 3
        assert empty.tie is None
        zeros = METHODS[method]({"A": 0, "B": 0}, 3)
        assert zeros.unfilled == 3
        assert dict(zeros.seats) == {"A": 0, "B": 0}


def test_registries() -> None:
    assert set(DIVISORS) == {"dhondt", "sainte_lague", "modified_sainte_lague"}
    assert set(QUOTAS) == {"hare", "hare_rounded", "droop", "hagenbach_bischoff", "imperiali"}
    with pytest.raises(UnknownName):
        largest_remainder(VOTES, 3, quota="saint")
    with pytest.raises(UnknownName):
        largest_remainder(VOTES, 3, overaward="ignore")  # type: ignore[arg-type]


def test_alabama_paradox_for_hamilton() -> None:
    # The classic Alabama paradox: with Hare largest remainder, C loses a seat when
    # the house grows from 10 to 11 seats (A 6, B 6, C 2 units of population).
    votes = {"A": 6, "B": 6, "C": 2}
    ten = largest_remainder(votes, 10)
    eleven = largest_remainder(votes, 11)
    assert dict(ten.seats)["C"] == 2
    assert dict(eleven.seats)["C"] == 1
    assert eleven.allocated == 11
    # divisor methods are house monotone: D'Hondt never takes a seat away
    assert (
        dict(highest_averages(votes, 11).seats)["C"]
        >= dict(highest_averages(votes, 10).seats)["C"]
    )
