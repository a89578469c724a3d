"""The SHA-256 draws against Rivest's published test vectors, and the seed rules."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.audit import check_seed, contest_seed, draw_number, sample_uniform, sample_weighted
from electoral.errors import InvalidFormat, OutOfRange
from electoral.seats import PublicDraw

# cjerdonek/rivest-sampler-tests, tests.json at commit dbd84ab7 (version 0.2.0-alpha):
# picks with replacement from 1..total, checked there against Rivest's sampler.py.
RIVEST_VECTORS = [
    ("abc123", 1000, [455, 764, 629]),
    ("0", 1000, [905, 573, 160]),
    ("0", 2, [1, 1, 2]),
    ("1", 1000, [97, 89, 163]),
    ("0000000000", 1000, [978, 359, 132]),
    ("999999999999999999999999", 1000, [544, 800, 654]),
    ("abcde", 1000, [247, 427, 157]),
    ("3546311556112163624615351222", 876, [740, 180, 264, 789, 238]),
    ("snowman: \u2603", 1000, [634, 56, 46]),
    ("\U0001f600", 1000, [596, 415, 303, 11, 141]),
]

# The transcript in the docstring of Rivest's sampler.py (version of 14 November
# 2011): 47 picks without replacement from 1..876; draw 32 gives 611 again and is
# rejected.
TRANSCRIPT = [
    740, 180, 264, 789, 238, 448, 272, 611, 761, 208, 596, 88, 160, 113, 766, 427, 184,
    816, 653, 411, 779, 331, 339, 487, 594, 235, 65, 527, 821, 490, 461, 251, 471, 414,
    174, 567, 300, 134, 144, 357, 786, 792, 218, 550, 787, 537, 197,
]  # fmt: skip


@pytest.mark.parametrize(("seed", "total", "expected"), RIVEST_VECTORS)
def test_rivest_test_vectors(seed: str, total: int, expected: list[int]) -> None:
    assert sample_uniform(seed, total, len(expected)) == tuple(expected)


def test_reference_transcript_without_replacement() -> None:
    picks = sample_uniform("3546311556112163624615351222", 876, 47, replacement=False)
    assert picks == tuple(TRANSCRIPT)
    assert draw_number("3546311556112163624615351222", 32) % 876 + 1 == 611


def test_a_later_round_continues_the_stream() -> None:
    first = sample_uniform("abc123", 1000, 2)
    later = sample_uniform("abc123", 1000, 1, first=3)
    assert first + later == (455, 764, 629)


@pytest.mark.parametrize(("seed", "total", "expected"), RIVEST_VECTORS)
def test_unit_weights_are_the_uniform_sampler(seed: str, total: int, expected: list[int]) -> None:
    picks = sample_weighted(seed, [1] * total, len(expected))
    assert tuple(index + 1 for index in picks) == tuple(expected)


def test_weights_scale_without_changing_uniform_draws_only_by_ranges() -> None:
    # a weight-0 item is never drawn; a heavy one is drawn in proportion
    picks = sample_weighted("12345678901234567890", [0, 3, 0, 1], 4000)
    counts = Counter(picks)
    assert set(counts) == {1, 3}
    assert 2800 < counts[1] < 3200  # expected 3000, sd about 27


@given(st.lists(st.integers(min_value=0, max_value=10**20), min_size=1, max_size=30))
def test_weighted_draws_only_positive_weights(weights: list[int]) -> None:
    if not any(weights):
        with pytest.raises(InvalidFormat) as caught:
            sample_weighted("0", weights, 3)
        assert caught.value.code == "audit.weights_empty"
        return
    for index in sample_weighted("0", weights, 20):
        assert weights[index] > 0


def test_without_replacement_refuses_more_picks_than_items() -> None:
    with pytest.raises(OutOfRange) as caught:
        sample_uniform("0", 3, 4, replacement=False)
    assert caught.value.code == "audit.sample_pool"
    assert sorted(sample_uniform("0", 3, 3, replacement=False)) == [1, 2, 3]


@pytest.mark.parametrize(
    "seed",
    ["", "1234", "1" * 19, "1" * 257, "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠", "12345 678901234567890", "abc" * 10],
)
def test_seed_not_in_the_documented_form_is_refused(seed: str) -> None:
    with pytest.raises(InvalidFormat) as caught:
        check_seed(seed)
    assert caught.value.code == "audit.seed"
    assert caught.value.field == "seed"


@pytest.mark.parametrize("seed", [12345678901234567890, b"12345678901234567890", None, 1.5])
def test_seed_of_another_type_is_a_type_error(seed: object) -> None:
    with pytest.raises(TypeError, match="seed"):
        check_seed(seed)


def test_public_draw_seed_is_its_key_string() -> None:
    draw = PublicDraw(sources=(9319, (2, 5, 12, 8, 10), (9, 18, 26, 34, 41, 45)))
    assert check_seed(draw) == "9319./2.5.8.10.12./9.18.26.34.41.45./"


def test_each_contest_has_its_own_stream() -> None:
    seed = "12345678901234567890"
    one = sample_uniform(contest_seed(seed, "A/general"), 10**6, 5)
    two = sample_uniform(contest_seed(seed, "A/women"), 10**6, 5)
    assert one != two
    assert one == sample_uniform("12345678901234567890,A/general", 10**6, 5)
