"""Benchmark of :mod:`electoral.seats` against votelib, measured in the same run.

Two workloads, as in the project's issue 6:

* 300 seats among 60 lists (D'Hondt, Sainte-Laguë, Hare and Droop largest remainder);
* SNTV in 75 districts with 30 candidates each (3 seats per district).

Both sides get the same inputs (drawn once from a seeded ``random.Random``) and are
timed the same way: after a warm-up call each, ``REPEAT`` rounds alternate one batch
of ``NUMBER`` calls of ours with one batch of votelib's, so that load on the machine
hits both alike. The table reports the best and the median batch, in microseconds per
allocation, and the ratio of the medians (votelib / ours; above 1 means we are faster).

The SNTV lines also give the floor of any validated ranking: one C-level
``sorted(votes.items())`` over the 30 candidates of a district, and the
``(-votes, name)`` sort a deterministic ranking needs, measured in the same run.

Run: ``python benchmarks/bench_seats.py``. This is a benchmark, not a timed test.

Wall times on a loaded machine are noisy; instruction counts are not. ``--instructions``
runs each workload and its baseline under ``valgrind --tool=callgrind`` (twice: after
the warm-up call with no further call, then with ``--calls`` more) and prints the
instructions per call (the difference over the calls), which do not depend on the load::

    python benchmarks/bench_seats.py --instructions [--calls 20] [--only hare,droop]

``--only NAME --calls N`` alone (what ``--instructions`` runs under valgrind) sets up
the inputs, calls workload ``NAME`` once, then ``N`` more times, and prints nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from operator import itemgetter

from votelib.evaluate.core import Plurality
from votelib.evaluate.proportional import HighestAverages, LargestRemainder

from electoral.seats import highest_averages, largest_remainder, sntv

REPEAT = 41
NUMBER = 20


def batch(function: Callable[[], object], number: int) -> float:
    """One batch of ``number`` calls, in µs per call."""
    start = time.perf_counter()
    for _ in range(number):
        function()
    return (time.perf_counter() - start) / number * 1e6


def compare(
    ours: Callable[[], object], theirs: Callable[[], object], number: int = NUMBER
) -> tuple[tuple[float, float], tuple[float, float]]:
    """``((best, median), (best, median))`` in µs per call, ours then theirs, interleaved."""
    ours()
    theirs()
    mine: list[float] = []
    other: list[float] = []
    for _ in range(REPEAT):
        mine.append(batch(ours, number))
        other.append(batch(theirs, number))
    return (min(mine), statistics.median(mine)), (min(other), statistics.median(other))


Workload = tuple[str, Callable[[], object], Callable[[], object]]


def workloads() -> tuple[list[Workload], list[dict[str, int]]]:
    """The workloads (name, ours, votelib's) on the seeded inputs, and the districts."""
    rng = random.Random(20260611)
    lists = {f"L{i:02d}": rng.randint(1_000, 2_000_000) for i in range(60)}
    districts = [
        {f"D{d:02d}C{c:02d}": rng.randint(0, 20_000) for c in range(30)} for d in range(75)
    ]
    return [
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
    ], districts


SHORT = {"dhondt": 0, "sainte_lague": 1, "hare": 2, "droop": 3, "sntv": 4}
"""The workloads' short names for ``--only``; ``sntv_floor`` is the ``(-votes, name)`` sort."""

_SECOND = itemgetter(1)


def single(name: str) -> Callable[[], object]:
    """One side of one workload by name: ``hare`` (ours), ``votelib:hare``, ``sntv_floor``."""
    table, districts = workloads()
    if name == "sntv_floor":
        return lambda: [sorted(sorted(d.items()), key=_SECOND, reverse=True) for d in districts]
    theirs = name.startswith("votelib:")
    _title, ours, votelib = table[SHORT[name.removeprefix("votelib:")]]
    return votelib if theirs else ours


def instructions(name: str, calls: int) -> int:
    """Instructions per call of ``name`` under callgrind: the runs with ``calls`` and 0 apart."""
    counts = []
    for number in (0, calls):
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--callgrind-out-file=/dev/null",
                sys.executable,
                __file__,
                "--only",
                name,
                "--calls",
                str(number),
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        found = re.search(r"Collected : (\d+)", done.stderr)
        assert found is not None, done.stderr
        counts.append(int(found.group(1)))
    return (counts[1] - counts[0]) // calls


def count_instructions(names: list[str], calls: int) -> None:
    """Print the instructions per call of each workload, votelib's, and the ratio."""
    print(f"instructions per call under callgrind ({calls} calls, PYTHONHASHSEED=0)")
    for name in names:
        ours = instructions(name, calls)
        if name == "sntv":
            floor = instructions("sntv_floor", calls)
            print(
                f"{name:<14} ours {ours:>11,}  (-votes, name) sort {floor:>11,}"
                f"  {ours / floor:.2f}x"
            )
        theirs = instructions(f"votelib:{name}", calls)
        print(f"{name:<14} ours {ours:>11,}  votelib {theirs:>11,}  {theirs / ours:.1f}x")


def main() -> None:
    """Print one line per workload: our µs, votelib's µs (best, median) and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--instructions", action="store_true", help="count under callgrind")
    parser.add_argument("--only", help="comma-separated workloads: " + ", ".join(SHORT))
    parser.add_argument("--calls", type=int, default=20, help="calls per callgrind run")
    arguments = parser.parse_args()
    if arguments.instructions:
        count_instructions((arguments.only or ",".join(SHORT)).split(","), arguments.calls)
        return
    if arguments.only:
        function = single(arguments.only)
        for _ in range(arguments.calls + 1):
            function()
        return
    table, districts = workloads()
    print(f"{REPEAT} interleaved batches of {NUMBER} calls; µs per call, best / median")
    print(f"{'workload':<48} {'ours µs':>15} {'votelib µs':>17} {'ratio':>7}")
    for name, ours, theirs in table:
        (our_best, our_median), (their_best, their_median) = compare(ours, theirs)
        print(
            f"{name:<48} {our_best:>7.1f} / {our_median:>5.1f} "
            f"{their_best:>8.1f} / {their_median:>6.1f} {their_median / our_median:>6.1f}x"
        )

    count = len(districts)
    second = _SECOND
    (sntv_best, sntv_median), (vl_best, vl_median) = compare(
        lambda: [sntv(d, 3) for d in districts],
        lambda: [Plurality().evaluate(d, 3) for d in districts],
    )
    (name_best, _), (rank_best, _) = compare(
        lambda: [sorted(d.items()) for d in districts],
        lambda: [sorted(sorted(d.items()), key=second, reverse=True) for d in districts],
    )
    print(
        f"SNTV per district: ours {sntv_best / count:.2f} µs (median {sntv_median / count:.2f}),"
        f" votelib {vl_best / count:.2f} µs (median {vl_median / count:.2f})"
    )
    print(
        f"SNTV floor per district: sorted(items) {name_best / count:.2f} µs,"
        f" ranking by (-votes, name) {rank_best / count:.2f} µs"
    )


if __name__ == "__main__":
    main()
