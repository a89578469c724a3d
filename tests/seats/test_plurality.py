"""FPTP, SNTV, block vote and the two-round system."""

from __future__ import annotations

from fractions import Fraction

import pytest

from electoral.errors import InconsistentValue
from electoral.seats import (
    DrawingOfLots,
    UnknownName,
    block_vote,
    fptp,
    plurality,
    runoff,
    sntv,
    two_round,
)


def test_fptp_and_sntv() -> None:
    votes = {"A": 500, "B": 800, "C": 650, "D": 10}
    assert fptp(votes).elected == ("B",)
    assert sntv(votes, 3).elected == ("B", "C", "A")
    assert plurality(votes, 3).ranking[0] == ("B", 800)


def test_more_seats_than_candidates_reports_unfilled() -> None:
    result = sntv({"A": 5, "B": 3}, 4)
    assert result.elected == ("A", "B")
    assert result.unfilled == 2
    assert result.tie is None


def test_empty_race_is_not_an_error() -> None:
    result = sntv({}, 2)
    assert result.elected == ()
    assert result.unfilled == 2


def test_zero_votes_never_elect() -> None:
    result = sntv({"A": 5, "B": 0, "C": 0}, 2)
    assert result.elected == ("A",)
    assert result.unfilled == 1


def test_zero_seats() -> None:
    result = sntv({"A": 5}, 0)
    assert result.elected == ()
    assert result.unfilled == 0


def test_block_vote_winner_takes_all() -> None:
    result = block_vote({"L1": 300, "L2": 450, "L3": 120}, 6)
    assert result.winner == "L2"
    assert result.allocation == {"L2": 6}
    assert result.unfilled == 0


def test_block_vote_tie_and_lots() -> None:
    result = block_vote({"L1": 450, "L2": 450}, 6)
    assert result.winner is None
    assert result.tie is not None
    assert result.tie.stage == "block"
    assert result.allocation == {}
    drawn = block_vote({"L1": 450, "L2": 450}, 6, lots=DrawingOfLots(order=("L2", "L1")))
    assert drawn.allocation == {"L2": 6}


def test_block_vote_without_lists() -> None:
    result = block_vote({}, 5)
    assert result.unfilled == 5
    assert result.allocation == {}


@pytest.mark.parametrize(
    ("votes", "majority", "elected"),
    [
        ({"A": 51, "B": 50}, "more_than_half", "A"),
        ({"A": 51, "B": 50}, "fifty_percent_plus_one", None),  # 101 / 2 + 1 = 51.5
        ({"A": 52, "B": 49}, "fifty_percent_plus_one", "A"),
        ({"A": 50, "B": 50}, "more_than_half", None),
        ({"A": 51, "B": 49}, "fifty_percent_plus_one", "A"),  # 100 / 2 + 1 = 51
        ({"A": 99, "B": 1}, "always_runoff", None),
    ],
)
def test_majority_readings(votes: dict[str, int], majority: str, elected: str | None) -> None:
    assert two_round(votes, majority=majority).elected == elected  # type: ignore[arg-type]


def test_majority_base_counts_blank_or_invalid() -> None:
    # 60 of 100 valid votes, but measured against 130 ballots: no majority
    result = two_round({"A": 60, "B": 40}, base=130)
    assert result.elected is None
    assert result.runoff == ("A", "B")
    with pytest.raises(InconsistentValue) as info:
        two_round({"A": 60, "B": 40}, base=90)
    assert info.value.code == "seats.base_too_small"


def test_tie_for_second_place_is_reported() -> None:
    result = two_round({"A": 40, "B": 30, "C": 30})
    assert result.runoff == ("A",)
    assert result.tie is not None
    assert (result.tie.candidates, result.tie.seats) == (("B", "C"), 1)
    assert result.tie.value == Fraction(30)
    assert result.finalists == ("A",)
    drawn = two_round({"A": 40, "B": 30, "C": 30}, lots=DrawingOfLots(order=("C", "B")))
    assert drawn.finalists == ("A", "C")


def test_three_way_tie_for_first_shares_two_places() -> None:
    result = two_round({"A": 30, "B": 30, "C": 30}, majority="always_runoff")
    assert result.runoff == ()
    assert result.tie is not None
    assert result.tie.seats == 2


def test_runoff_refuses_non_finalists_and_reports_ties() -> None:
    first = two_round({"A": 40, "B": 35, "C": 25})
    assert runoff(first, {"A": 10, "B": 11}).elected == ("B",)
    tied = runoff(first, {"A": 10, "B": 10})
    assert tied.tie is not None
    assert tied.tie.stage == "runoff"
    with pytest.raises(InconsistentValue) as info:
        runoff(first, {"A": 10, "C": 11})
    assert info.value.code == "seats.unknown_candidate"


def test_unknown_majority_reading() -> None:
    with pytest.raises(UnknownName) as info:
        two_round({"A": 1}, majority="two_thirds")  # type: ignore[arg-type]
    assert info.value.code == "seats.unknown_name"


def test_single_candidate_runoff_reports_unfilled_place() -> None:
    result = two_round({"A": 10}, majority="always_runoff")
    assert result.runoff == ("A",)
    assert result.unfilled == 1
