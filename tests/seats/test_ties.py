"""Ties, drawings of lots and the RFC 3797 publicly verifiable draw."""

from __future__ import annotations

from fractions import Fraction

import pytest

from electoral.errors import InconsistentValue, InvalidFormat, MissingValue, OutOfRange
from electoral.seats import (
    DrawingOfLots,
    PublicDraw,
    Tie,
    highest_averages,
    key_string,
    largest_remainder,
    plurality,
    resolve,
    select,
)
from electoral.seats._rfc3797 import digest

# RFC 3797 §6 (https://www.rfc-editor.org/rfc/rfc3797#section-6): the sources, the key
# string, the first MD5 values and the selection from a pool of 25, as published.
RFC_SOURCES: list[int | list[int]] = [9319, [2, 5, 12, 8, 10], [9, 18, 26, 34, 41, 45]]
RFC_KEY = b"9319./2.5.8.10.12./9.18.26.34.41.45./"
RFC_DIGESTS = [
    "990DD0A5692A029A98B5E01AA28F3459",
    "3691E55CB63FCC37914430B2F70B5EC6",
    "FE814EDF564C190AC1D25753979990FA",
    "1863CCACEB568C31D7DDBDF1D4E91387",
    "F4AB33DF4889F0AF29C513905BE1D758",
    "13EAEB529F61ACFB9A29D0BA3A60DE4A",
    "992DB77C382CA2BDB9727001F3CDCCD9",
    "63AB4258ECA922976811C7F55C383CE7",
    "DFBC5AC97CED01B3A6E348E3CC63F40D",
    "31CB111C4A4EBE9287CEAE16FE51B909",
]
RFC_SELECTION = (17, 7, 2, 16, 25, 23, 8, 24, 19, 13, 22)


def test_rfc3797_key_string() -> None:
    assert key_string(RFC_SOURCES) == RFC_KEY


@pytest.mark.parametrize(("index", "expected"), list(enumerate(RFC_DIGESTS)))
def test_rfc3797_digests(index: int, expected: str) -> None:
    assert digest(RFC_KEY, index).hex().upper() == expected


def test_rfc3797_selection_of_worked_example() -> None:
    assert select(RFC_KEY, pool=25, count=11) == RFC_SELECTION


def test_rfc3797_selection_is_a_prefix_and_a_permutation() -> None:
    full = select(RFC_KEY, pool=25, count=25)
    assert full[:11] == RFC_SELECTION
    assert sorted(full) == list(range(1, 26))


@pytest.mark.parametrize("sources", [[-1], [1.5], [[]], ["lower"], [], "9319"])
def test_rfc3797_bad_sources(sources: object) -> None:
    with pytest.raises(InvalidFormat) as info:
        key_string(sources)  # type: ignore[arg-type]
    assert info.value.code == "seats.rfc3797_source"


def test_rfc3797_count_above_pool() -> None:
    with pytest.raises(OutOfRange) as info:
        select(RFC_KEY, pool=2, count=3)
    assert info.value.code == "seats.rfc3797_pool"


def test_plurality_tie_is_reported_not_broken() -> None:
    result = plurality({"A": 10, "B": 7, "C": 7, "D": 7}, 2)
    assert result.elected == ("A",)
    assert result.tie == Tie(
        candidates=("B", "C", "D"), seats=1, value=Fraction(7), stage="plurality"
    )
    assert result.winners == ("A",)


def test_drawing_of_lots_resolves_and_is_recorded() -> None:
    lots = DrawingOfLots(order=("D", "B", "C"), record="minute 3")
    result = plurality({"A": 10, "B": 7, "C": 7, "D": 7}, 2, lots=lots)
    assert result.resolution is not None
    assert result.resolution.by == lots
    assert result.resolution.winners == ("D",)
    assert result.winners == ("A", "D")


def test_public_draw_orders_tied_candidates_by_identifier() -> None:
    tie = Tie(
        candidates=tuple(f"c{n:02d}" for n in range(1, 26)),
        seats=3,
        value=Fraction(1),
        stage="plurality",
    )
    resolution = resolve(tie, PublicDraw(sources=tuple(RFC_SOURCES)))
    assert resolution.winners == ("c17", "c07", "c02")


def test_drawing_refuses_unknown_duplicate_and_short() -> None:
    tie = Tie(candidates=("A", "B", "C"), seats=2, value=Fraction(1), stage="remainder")
    with pytest.raises(InconsistentValue) as unknown:
        resolve(tie, DrawingOfLots(order=("A", "Z")))
    assert unknown.value.code == "seats.unknown_candidate"
    with pytest.raises(InconsistentValue) as twice:
        resolve(tie, DrawingOfLots(order=("A", "A")))
    assert twice.value.code == "seats.lots_duplicate"
    with pytest.raises(MissingValue) as short:
        resolve(tie, DrawingOfLots(order=("A",)))
    assert short.value.code == "seats.lots_short"


def test_divisor_tie_at_last_seat_and_resolution() -> None:
    result = highest_averages({"A": 60, "B": 40, "C": 20}, 4)
    assert result.tie is not None
    assert (result.tie.candidates, result.tie.seats) == (("A", "B", "C"), 1)
    assert sum(result.seats.values()) + result.tie.seats == 4
    drawn = highest_averages({"A": 60, "B": 40, "C": 20}, 4, lots=DrawingOfLots(order=("C",)))
    assert drawn.final == {"A": 2, "B": 1, "C": 1}


def test_divisor_equal_quotients_that_all_fit_are_not_a_tie() -> None:
    result = highest_averages({"A": 50, "B": 50, "C": 10}, 2)
    assert result.tie is None
    assert dict(result.seats) == {"A": 1, "B": 1, "C": 0}


def test_remainder_tie() -> None:
    result = largest_remainder({"A": 150, "B": 150, "C": 100}, 3)
    # quota 400/3: A and B fill one quota each with equal remainders 50/3; C has 100
    assert dict(result.seats) == {"A": 1, "B": 1, "C": 1}
    tied = largest_remainder({"A": 15, "B": 15}, 1)
    assert tied.tie is not None
    assert tied.tie.stage == "remainder"


def test_tie_validates_its_seats() -> None:
    with pytest.raises(InconsistentValue) as info:
        Tie(candidates=("A", "B"), seats=2, value=Fraction(1), stage="plurality")
    assert info.value.code == "seats.tie_seats"
