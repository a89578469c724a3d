"""Benchmark: planning a risk-limiting audit of every race of the national synthetic election.

Run as ``python benchmarks/bench_audit.py [--size national] [--seed 2014]``. It
generates the synthetic election (:func:`electoral.synthetic.run`; about two minutes
at national size, not timed), turns its published per-form results into one contest
per race (:func:`electoral.audit.contests_from_results`: one batch per station's
result form; ties broken by the election's public draw), then times, in the same
process and alternating rounds:

* **library**: :func:`electoral.audit.plan_audit` for every race (batch comparison,
  PPEB, risk limit 5 %): the assertions of the race's outcome, every form's error
  bound, the first round's sample size and its SHA-256 draws;
* **baseline**: computing the same races' seats from the same forms
  (:meth:`electoral.audit.Contest.outcome`: the forms' totals through the seat
  method).

It prints the median and min-max of each over ``--repeat`` rounds, the ratio, and
what the plan asks for: draws, stations to pull, races sent to a full hand count.
Target: planning every race in at most a few seconds. Timing is reported, never
asserted.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("electoral") is None:  # running from a bare checkout
    sys.path.insert(0, str(ROOT / "src"))

from electoral import synthetic  # noqa: E402 - after the path fix above
from electoral.audit import AuditPlan, Contest, contests_from_results, plan_audit  # noqa: E402
from electoral.results import results_rows  # noqa: E402

RISK_LIMIT = Fraction(1, 20)
SEED = "20140625207351049628"  # 20 digits, as from a public dice roll
TARGET_SECONDS = 5.0


def contests_of(election: synthetic.SyntheticElection) -> tuple[Contest, ...]:
    """One contest per race of ``election``, from its published per-form results."""
    seats, ballots = synthetic.seat_election(election.country)
    races = {ballots[race.id]: race for race in seats.races}
    draw = synthetic.public_draw(election.seed)
    lots = {race: draw for race, _tie in election.ties}
    rows = results_rows(election.records.values(), election.setup)
    return contests_from_results(rows, races, lots=lots)


def plan_all(contests: tuple[Contest, ...]) -> list[AuditPlan]:
    """The first round of an audit of every contest."""
    return [plan_audit(c, risk_limit=RISK_LIMIT, seed=SEED) for c in contests]


def seats_all(contests: tuple[Contest, ...]) -> list[object]:
    """The baseline: every contest's seats from its forms."""
    return [c.outcome() for c in contests]


def interleave(
    ours: Callable[[], object], theirs: Callable[[], object], repeat: int
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """``(wall, cpu)`` seconds of ``repeat`` alternating calls of each, after a warm-up.

    The CPU time of the process is reported beside the wall time: on a shared machine
    the wall time includes waiting for a core.
    """
    ours()
    theirs()
    mine: list[tuple[float, float]] = []
    other: list[tuple[float, float]] = []
    for _ in range(repeat):
        for function, into in ((ours, mine), (theirs, other)):
            wall, cpu = time.perf_counter(), time.process_time()
            function()
            into.append((time.perf_counter() - wall, time.process_time() - cpu))
    return mine, other


def _line(name: str, runs: list[tuple[float, float]]) -> str:
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    return (
        f"  {name:<17} wall {statistics.median(walls):6.3f} ({min(walls):.3f}-{max(walls):.3f})"
        f"   cpu {statistics.median(cpus):6.3f} ({min(cpus):.3f}-{max(cpus):.3f})"
    )


def main(argv: list[str] | None = None) -> int:
    """Generate, plan every race, print the figures; 0 within the target."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", choices=sorted(synthetic.PRESETS), default="national")
    parser.add_argument("--seed", type=int, default=2014)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    began = time.perf_counter()
    election = synthetic.run(synthetic.Size.named(args.size), seed=args.seed)
    print(f"synthetic {args.size} election generated in {time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    contests = contests_of(election)
    batches = sum(len(c.batches) for c in contests)
    print(
        f"{len(contests)} races, {batches:,} result forms as batches "
        f"(built in {time.perf_counter() - began:.2f} s)"
    )

    mine, other = interleave(lambda: plan_all(contests), lambda: seats_all(contests), args.repeat)
    ours = statistics.median(wall for wall, _ in mine)
    base = statistics.median(wall for wall, _ in other)
    print(f"{args.repeat} interleaved rounds; seconds, median (min-max)")
    print(_line("plan every race", mine))
    print(_line("seats every race", other))
    print(f"  ratio (wall)      {ours / base:6.1f}x the seats")

    plans = plan_all(contests)
    sampled = [p for p in plans if p.status == "sampling"]
    full = [p for p in plans if p.status == "full_hand_count"]
    draws = sum(p.sample_size for p in sampled)
    pulls = sum(len(p.to_count) for p in sampled)
    assertions = sum(len(p.assertions) for p in plans)
    print(
        f"risk limit {RISK_LIMIT}: {assertions:,} assertions; {len(sampled)} races sampled "
        f"({draws:,} draws, {pulls:,} forms to recount of {batches:,}); "
        f"{len(full)} races to a full hand count"
    )
    return 0 if ours <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
