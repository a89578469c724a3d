"""Private: the statistics, in pure Python: exact where the arithmetic allows it.

* :func:`binomial_tail`: P(X >= x) for X ~ Binomial(n, p), as an exact
  :class:`~fractions.Fraction` (integer arithmetic over p's numerator and
  denominator);
* :func:`exact_uniform_test`: the exact multinomial goodness-of-fit test of counts
  against equal cell probabilities, as an exact Fraction: the probability, under
  the null, of every outcome no more probable than the one observed. Outcomes are
  enumerated as partitions of n (their probability depends only on the multiset
  of counts), so n up to about 50 over 10 cells is quick;
* :func:`chi_square_test`: Pearson's statistic (exact Fraction) and its upper tail
  from the regularised incomplete gamma function (a float; series and continued
  fraction, Press et al., *Numerical Recipes*, 3rd ed., section 6.2);
* :func:`normal_tail`: the standard normal upper tail;
* :func:`multinomial_log_pmf`: the log-probability of one outcome;
* :func:`benjamini_hochberg`: adjusted p-values and rejections at a false
  discovery rate (Benjamini and Hochberg 1995).

The tests check every p-value against SciPy's (``scipy.stats``); SciPy is not
needed at run time.
"""

from __future__ import annotations

import functools
import math
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Final

__all__ = [
    "benjamini_hochberg",
    "binomial_tail",
    "chi_square_sf",
    "chi_square_test",
    "exact_uniform_test",
    "multinomial_log_pmf",
    "normal_tail",
]

_EPS: Final = 1e-16
_TINY: Final = 1e-300
_MAX_ITER: Final = 10_000


def binomial_tail(successes: int, trials: int, p: Fraction) -> Fraction:
    """P(X >= successes) for X ~ Binomial(trials, p), exactly.

    >>> binomial_tail(20, 50, Fraction(1, 5))
    Fraction(...)
    >>> float(binomial_tail(20, 50, Fraction(1, 5)))  # doctest: +ELLIPSIS
    0.000932...
    """
    if successes <= 0:
        return Fraction(1)
    if successes > trials:
        return Fraction(0)
    a, b = p.numerator, p.denominator
    rest = b - a
    total = 0
    term = math.comb(trials, successes) * a**successes * rest ** (trials - successes)
    for k in range(successes, trials + 1):
        total += term
        # C(n, k+1) a^(k+1) r^(n-k-1) from C(n, k) a^k r^(n-k), an exact division
        term = term * (trials - k) * a // ((k + 1) * rest) if k < trials and rest else 0
    return Fraction(total, b**trials)


def _partitions(n: int, parts: int, largest: int | None = None) -> Iterator[tuple[int, ...]]:
    """Partitions of ``n`` into at most ``parts`` parts, each part at most ``largest``."""
    if largest is None:
        largest = n
    if n == 0:
        yield ()
        return
    if parts == 0:
        return
    for first in range(min(n, largest), 0, -1):
        if first * parts < n:
            break
        for rest in _partitions(n - first, parts - 1, first):
            yield (first, *rest)


@functools.lru_cache(maxsize=256)
def _outcomes(n: int, cells: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """For each multinomial coefficient W of an outcome: W ascending, and the
    cumulative count of outcomes (weighted by W) up to it."""
    by_weight: dict[int, int] = {}
    factorial = math.factorial(n)
    for partition in _partitions(n, cells):
        weight = factorial
        for part in partition:
            weight //= math.factorial(part)
        arrangements = math.factorial(cells) // math.factorial(cells - len(partition))
        for value in set(partition):
            arrangements //= math.factorial(partition.count(value))
        by_weight[weight] = by_weight.get(weight, 0) + weight * arrangements
    weights = sorted(by_weight)
    cumulative = []
    running = 0
    for weight in weights:
        running += by_weight[weight]
        cumulative.append(running)
    return tuple(weights), tuple(cumulative)


def exact_uniform_test(counts: Sequence[int]) -> Fraction:
    """Exact multinomial test of ``counts`` against equal cell probabilities.

    The p-value is the null probability of all outcomes whose probability is at
    most the observed one's.

    >>> exact_uniform_test([3, 0, 0])
    Fraction(1, 9)
    >>> exact_uniform_test([1, 1, 1])
    Fraction(1, 1)
    """
    n = sum(counts)
    cells = len(counts)
    if n == 0:
        return Fraction(1)
    weight = math.factorial(n)
    for count in counts:
        weight //= math.factorial(count)
    weights, cumulative = _outcomes(n, cells)
    index = bisect_right(weights, weight) - 1
    return Fraction(cumulative[index], cells**n)


def _gamma_q(a: float, x: float) -> float:
    """The regularised upper incomplete gamma function Q(a, x)."""
    if x <= 0:
        return 1.0
    log_front = -x + a * math.log(x) - math.lgamma(a)
    if x < a + 1:
        term = total = 1.0 / a
        ap = a
        for _ in range(_MAX_ITER):
            ap += 1
            term *= x / ap
            total += term
            if abs(term) < abs(total) * _EPS:
                break
        return max(0.0, 1.0 - total * math.exp(log_front))
    b = x + 1 - a
    c = 1 / _TINY
    d = 1 / b
    h = d
    for i in range(1, _MAX_ITER):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = _TINY if abs(d) < _TINY else d
        c = b + an / c
        c = _TINY if abs(c) < _TINY else c
        d = 1 / d
        step = d * c
        h *= step
        if abs(step - 1) < _EPS:
            break
    return math.exp(log_front) * h


def chi_square_sf(statistic: float, df: int) -> float:
    """The upper tail of the chi-square distribution with ``df`` degrees of freedom."""
    return _gamma_q(df / 2, statistic / 2)


def chi_square_test(counts: Sequence[int], expected: Sequence[Fraction]) -> tuple[Fraction, float]:
    """Pearson's chi-square statistic (exact) and its p-value (``len(counts) - 1`` df).

    >>> statistic, p = chi_square_test([10, 20], [Fraction(15), Fraction(15)])
    >>> statistic, round(p, 6)
    (Fraction(10, 3), 0.067889)
    """
    statistic = sum(
        (Fraction(observed) - e) ** 2 / e for observed, e in zip(counts, expected, strict=True)
    )
    assert isinstance(statistic, Fraction)
    return statistic, chi_square_sf(float(statistic), len(counts) - 1)


def normal_tail(z: float) -> float:
    """P(Z >= z) for a standard normal Z."""
    return 0.5 * math.erfc(z / math.sqrt(2))


def multinomial_log_pmf(counts: Sequence[int], probabilities: Sequence[Fraction]) -> float:
    """log P(counts) for a multinomial with these cell probabilities (``-inf`` if impossible)."""
    n = sum(counts)
    total = math.lgamma(n + 1)
    for count, p in zip(counts, probabilities, strict=True):
        if count == 0:
            continue
        if p == 0:
            return -math.inf
        total += count * math.log(p) - math.lgamma(count + 1)
    return total


def benjamini_hochberg(p_values: Sequence[float], q: Fraction) -> tuple[list[float], list[bool]]:
    """Adjusted p-values and rejections controlling the false discovery rate at ``q``.

    The adjusted value of the i-th smallest of m p-values is the smallest
    ``p_(j) * m / j`` over j >= i (at most 1); a hypothesis is rejected when its
    adjusted value is at most ``q``, which is the step-up rule of Benjamini and
    Hochberg (1995). It controls the rate under independence or positive
    dependence of the tests.

    >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.20], Fraction(5, 100))
    ([0.04, 0.0533..., 0.0533..., 0.2], [True, False, False, False])
    """
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [1.0] * m
    running = Fraction(1)
    for rank in range(m, 0, -1):
        index = order[rank - 1]
        running = min(running, Fraction(p_values[index]) * m / rank)
        adjusted[index] = float(running)
    rejected = [Fraction(value) <= q for value in adjusted]
    return adjusted, rejected
