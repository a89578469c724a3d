"""The statistics against SciPy's (``scipy.stats``), and their worked examples."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electoral.forensics import (
    benjamini_hochberg,
    binomial_tail,
    chi_square_sf,
    exact_uniform_test,
    last_digit_test,
    normal_tail,
    round_number_test,
)
from electoral.forensics._stats import chi_square_test, multinomial_log_pmf

stats = pytest.importorskip("scipy.stats")


def test_the_zero_or_five_example() -> None:
    # n = 50 counts, 20 of them ending in 0 or 5: P(X >= 20 | p = 0.2) = 9.32e-4
    assert float(binomial_tail(20, 50, Fraction(1, 5))) == pytest.approx(9.32e-4, rel=1e-3)


@pytest.mark.parametrize(
    ("n", "p"),
    [(1, Fraction(1, 2)), (50, Fraction(1, 5)), (300, Fraction(1, 10)), (997, Fraction(37, 100))],
)
def test_binomial_tail_is_scipys(n: int, p: Fraction) -> None:
    for x in range(0, n + 2, max(1, n // 17)):
        expected = stats.binom.sf(x - 1, n, float(p))
        assert float(binomial_tail(x, n, p)) == pytest.approx(expected, rel=1e-9, abs=1e-300)


@pytest.mark.parametrize("df", [1, 2, 3, 5, 9, 10, 29])
def test_chi_square_tail_is_scipys(df: int) -> None:
    for statistic in (0.0, 0.01, 0.5, 1.0, 3.3, df - 0.5, df + 1.0, 10.0, 25.0, 60.0, 150.0):
        expected = stats.chi2.sf(statistic, df)
        assert chi_square_sf(statistic, df) == pytest.approx(expected, rel=1e-9, abs=1e-300)


def test_pearsons_test_is_scipys() -> None:
    observed = [12, 7, 9, 15, 8, 11, 6, 10, 13, 9]
    statistic, p = chi_square_test(observed, [Fraction(10)] * 10)
    expected = stats.chisquare(observed)
    assert float(statistic) == pytest.approx(expected.statistic, rel=1e-12)
    assert p == pytest.approx(expected.pvalue, rel=1e-9)


def _compositions(n: int, k: int) -> list[list[int]]:
    """Every outcome of n trials over k cells (stars and bars)."""
    out = []
    for bars in itertools.combinations(range(n + k - 1), k - 1):
        edges = (-1, *bars, n + k - 1)
        out.append([edges[i + 1] - edges[i] - 1 for i in range(k)])
    return out


def _brute_force(counts: list[int]) -> float:
    n, k = sum(counts), len(counts)
    uniform = [1 / k] * k
    observed = stats.multinomial.pmf(counts, n, uniform)
    masses = stats.multinomial.pmf(_compositions(n, k), n, uniform)
    return float(masses[masses <= observed * (1 + 1e-9)].sum())


@pytest.mark.parametrize(
    "counts",
    [
        [3, 0, 0],
        [2, 1, 0],
        [1, 1, 1],
        [4, 1, 0, 0],
        [2, 2, 1, 0, 0],
        [5, 0, 1, 0],
        [1, 0, 0, 2, 0, 0, 0, 0, 0, 3],
    ],
)
def test_the_exact_multinomial_test_is_the_enumeration(counts: list[int]) -> None:
    assert float(exact_uniform_test(counts)) == pytest.approx(_brute_force(counts), rel=1e-9)


@settings(max_examples=40, deadline=None)  # the first n of a size enumerates its outcomes
@given(st.lists(st.integers(0, 6), min_size=2, max_size=10))
def test_the_exact_test_is_a_probability(counts: list[int]) -> None:
    p = exact_uniform_test(counts)
    assert 0 < p <= 1
    # a permutation of the counts has the same p-value
    assert exact_uniform_test(sorted(counts)) == p


def test_normal_tail_and_the_multinomial_pmf_are_scipys() -> None:
    for z in (-3.0, -1.0, 0.0, 0.7, 2.5, 6.0, 12.0):
        assert normal_tail(z) == pytest.approx(stats.norm.sf(z), rel=1e-12)
    counts = [3, 0, 5, 2]
    shares = [Fraction(1, 10), Fraction(2, 10), Fraction(3, 10), Fraction(4, 10)]
    expected = stats.multinomial.logpmf(counts, 10, [float(s) for s in shares])
    assert multinomial_log_pmf(counts, shares) == pytest.approx(expected, rel=1e-12)
    assert multinomial_log_pmf([1, 1], [Fraction(1), Fraction(0)]) == -math.inf


def test_benjamini_hochberg_worked_example() -> None:
    adjusted, rejected = benjamini_hochberg([0.01, 0.04, 0.03, 0.20], Fraction(5, 100))
    assert rejected == [True, False, False, False]
    assert adjusted == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.2])


@given(st.lists(st.floats(0, 1), min_size=1, max_size=60))
def test_benjamini_hochberg_is_scipys(p_values: list[float]) -> None:
    adjusted, rejected = benjamini_hochberg(p_values, Fraction(1, 10))
    expected = stats.false_discovery_control(p_values, method="bh")
    assert adjusted == pytest.approx(list(expected), rel=1e-12, abs=1e-300)
    assert all(a >= p for a, p in zip(adjusted, p_values, strict=True))
    assert rejected == [a <= 0.1 for a in adjusted]


def test_the_digit_tests_are_scipys() -> None:
    counts = [100 + 7 * i for i in range(120)]
    statistic, p, method, n = last_digit_test(counts)
    digits = [sum(1 for c in counts if c % 10 == d) for d in range(10)]
    expected = stats.chisquare(digits)
    assert (method, n) == ("chi-square, 9 df", 120)
    assert float(statistic) == pytest.approx(expected.statistic)
    assert p == pytest.approx(expected.pvalue, rel=1e-9)
    hits, p_round, used = round_number_test(counts)
    assert p_round == pytest.approx(
        stats.binomtest(hits, used, 0.2, alternative="greater").pvalue, rel=1e-9
    )
    small = [12, 25, 31, 44, 50, 61]
    assert last_digit_test(small)[1] == float(
        exact_uniform_test([sum(1 for c in small if c % 10 == d) for d in range(10)])
    )
    assert last_digit_test([1, 2, 3]) == (Fraction(0), 1.0, "no counts", 0)
