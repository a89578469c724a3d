"""Benchmark: the national demo end to end, with the time of each stage.

Run as ``python benchmarks/bench_demo.py [--size national] [--seed 2014]``. It runs
:func:`electoral.synthetic.run` (the work of ``electoral demo``: generate the
country and the register, validate every civil-registry record, allocate the
stations, take every result form through the results life cycle, tally, find the
winners) and writes nothing. It prints the seconds of each stage, the total, the
process's peak resident memory, and whether the total is within the budget of
``electoral demo`` (2 minutes). It is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("electoral") is None:  # running from a bare checkout
    sys.path.insert(0, str(ROOT / "src"))

from electoral import synthetic  # noqa: E402 - after the path fix above

BUDGET_SECONDS = 120.0


def main(argv: list[str] | None = None) -> int:
    """Run the demo pipeline once; 0 when it finished within the budget."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", choices=sorted(synthetic.PRESETS), default="national")
    parser.add_argument("--seed", type=int, default=2014)
    args = parser.parse_args(argv)
    size = synthetic.Size.named(args.size)

    def report(stage: str, seconds: float) -> None:
        print(f"{stage:<10} {seconds:7.2f} s", flush=True)

    began = time.perf_counter()
    election = synthetic.run(size, seed=args.seed, on_stage=report)
    total = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"{'total':<10} {total:7.2f} s (budget {BUDGET_SECONDS:.0f} s)")
    print(
        f"{election.register.voters:,} voters, {len(election.allocation.stations):,} stations, "
        f"{len(election.records):,} forms, {len(election.outcome.winners)} winners"
    )
    print(f"peak memory (process RSS): {peak / 1024**3:.2f} GiB")
    return 0 if total <= BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
