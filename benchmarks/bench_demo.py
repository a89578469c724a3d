"""Benchmark: the national demo end to end, with the time of each stage.

Run as ``python benchmarks/bench_demo.py [--size national] [--seed 2014]``. It runs
:func:`electoral.synthetic.run` (the work of ``electoral demo``: generate the
country and the register, validate every civil-registry record, allocate the
stations, take every result form through the results life cycle, tally, find the
winners) and writes nothing. It prints the CPU and wall seconds of each stage, the
totals, the process's peak resident memory, and whether the total is within the budget
of ``electoral demo`` (2 minutes of wall time); at national size it records the CPU
time for the performance table (target: 45 s). A stage's CPU time is that of this
process, so other jobs on a shared machine disturb it less than the wall time. It is a
benchmark, not a test.
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

from _interleave import Row  # noqa: E402 - after the path fix above
from _interleave import record as record_rows  # noqa: E402
from electoral import synthetic  # noqa: E402

BUDGET_SECONDS = 120.0
TARGET_CPU_SECONDS = 45.0


def main(argv: list[str] | None = None) -> int:
    """Run the demo pipeline once; 0 when it finished within the budget."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", choices=sorted(synthetic.PRESETS), default="national")
    parser.add_argument("--seed", type=int, default=2014)
    args = parser.parse_args(argv)
    size = synthetic.Size.named(args.size)

    last = [time.process_time()]

    def report(stage: str, seconds: float) -> None:
        now = time.process_time()
        cpu, last[0] = now - last[0], now
        print(f"{stage:<10} {cpu:7.2f} s CPU {seconds:7.2f} s wall", flush=True)

    began, began_cpu = time.perf_counter(), time.process_time()
    election = synthetic.run(size, seed=args.seed, on_stage=report)
    total, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        f"{'total':<10} {cpu:7.2f} s CPU {total:7.2f} s wall "
        f"(target {TARGET_CPU_SECONDS:.0f} s CPU; budget {BUDGET_SECONDS:.0f} s wall)"
    )
    print(
        f"{election.register.voters:,} voters, {len(election.allocation.stations):,} stations, "
        f"{len(election.records):,} forms, {len(election.outcome.winners)} winners"
    )
    print(f"peak memory (process RSS): {peak / 1024**3:.2f} GiB")
    if args.size == "national":
        record_rows(
            "demo",
            [
                Row(
                    order=8,
                    measure="national `electoral demo`, CPU time on this 2-core machine",
                    now=f"{cpu:.0f} s CPU ({total:.0f} s wall)",
                    target=f"<= {TARGET_CPU_SECONDS:.0f} s",
                    met=cpu <= TARGET_CPU_SECONDS,
                )
            ],
            {"stages_wall": dict(election.timings), "cpu": cpu, "wall": total},
        )
    return 0 if total <= BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
