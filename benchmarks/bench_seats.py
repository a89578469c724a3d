"""Benchmark of :mod:`electoral.seats` against votelib, measured in the same run.

Two workloads, as in the project's issue 6:

* 300 seats among 60 lists (D'Hondt, Sainte-Laguë, Hare and Droop largest remainder);
* SNTV in 75 districts with 30 candidates each (3 seats per district).

Each allocation runs ``NUMBER`` times per repeat; the best of ``REPEAT`` repeats is
reported, in microseconds per allocation, for us and for votelib, with the ratio
(votelib time / our time; above 1 means we are faster). The inputs are drawn from a
seeded ``random.Random`` so every run measures the same data.

Run: ``python benchmarks/bench_seats.py``. This is a benchmark, not a timed test.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from votelib.evaluate.core import Plurality
from votelib.evaluate.proportional import HighestAverages, LargestRemainder

from electoral.seats import highest_averages, largest_remainder, sntv

REPEAT = 7
NUMBER = 20


def best_microseconds(function: Callable[[], object], number: int = NUMBER) -> float:
    """The best of ``REPEAT`` repeats of ``number`` calls, in µs per call."""
    timings = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        for _ in range(number):
            function()
        timings.append((time.perf_counter() - start) / number)
    return min(timings) * 1e6


def main() -> None:
    """Print one line per workload: our µs, votelib's µs and the ratio."""
    rng = random.Random(20260611)
    lists = {f"L{i:02d}": rng.randint(1_000, 2_000_000) for i in range(60)}
    districts = [
        {f"D{d:02d}C{c:02d}": rng.randint(0, 20_000) for c in range(30)} for d in range(75)
    ]

    workloads: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
        (
            "D'Hondt, 300 seats / 60 lists",
            lambda: highest_averages(lists, 300),
            lambda: HighestAverages("d_hondt").evaluate(lists, 300),
        ),
        (
            "Sainte-Lague, 300 seats / 60 lists",
            lambda: highest_averages(lists, 300, divisor="sainte_lague"),
            lambda: HighestAverages("sainte_lague").evaluate(lists, 300),
        ),
        (
            "Hare LR, 300 seats / 60 lists",
            lambda: largest_remainder(lists, 300),
            lambda: LargestRemainder("hare").evaluate(lists, 300),
        ),
        (
            "Droop LR, 300 seats / 60 lists",
            lambda: largest_remainder(lists, 300, quota="droop"),
            lambda: LargestRemainder("droop").evaluate(lists, 300),
        ),
        (
            "SNTV, 75 districts x 30 candidates (whole set)",
            lambda: [sntv(district, 3) for district in districts],
            lambda: [Plurality().evaluate(district, 3) for district in districts],
        ),
    ]
    print(f"{'workload':<48} {'ours µs':>10} {'votelib µs':>11} {'ratio':>7}")
    for name, ours, theirs in workloads:
        our_time = best_microseconds(ours)
        their_time = best_microseconds(theirs)
        print(f"{name:<48} {our_time:>10.1f} {their_time:>11.1f} {their_time / our_time:>6.1f}x")
    per_district = best_microseconds(lambda: [sntv(d, 3) for d in districts]) / len(districts)
    print(f"SNTV per district: {per_district:.2f} µs")


if __name__ == "__main__":
    main()
