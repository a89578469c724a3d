"""Benchmark: the register (validate, rolls, stations) by office on Dask against one process.

Run as ``python benchmarks/bench_dask.py [--voters N | --national] [--workers W]`` (needs
the ``dask`` extra). The register is drawn on :mod:`electoral.synthetic`'s national
country: 300,000 voters by default, so that ``make bench`` stays short; ``--national``
takes the national register (2.8 million voters), a run of many minutes on two cores. It
is split by office with :func:`electoral.partition.split_by_office`. Two sides
over the same partitions, in the same run, taking turns round after round
(``benchmarks/_interleave.py``):

* **serial**: :func:`electoral.partition.serial`, reading every office's file, one
  stream over every row in line order, each centre's roll sorted and allocated, in
  this process;
* **dask**: :func:`electoral.partition.run` on a ``distributed.LocalCluster`` of
  ``--workers`` worker processes (one thread each): each office's file name goes to a
  worker, which reads and validates it and keeps its records; the ids and the station
  rolls come back.

Each office's rows are written first to a CSV file (:meth:`RegisterRows.save`), as
each office's share of the dump would sit on storage the workers read.

Both sides must give equal outcomes (checked every round). It prints wall-time medians
with min-max (the Dask side's CPU time is spent in the workers, so wall time is the
measure here) and the speed-up. The cluster starts once, before the rounds. A benchmark,
not a test.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("electoral") is None:  # running from a bare checkout
    sys.path.insert(0, str(ROOT / "src"))

import pendulum  # noqa: E402 - after the path fix above

from _interleave import Row, interleave  # noqa: E402
from _interleave import record as record_rows  # noqa: E402
from electoral.model import TRIPOLI  # noqa: E402
from electoral.partition import Outcome, run, serial, split_by_office  # noqa: E402
from electoral.synthetic import Size, generate_country, generate_register  # noqa: E402

AS_OF = pendulum.datetime(2026, 6, 1, 12, tz=TRIPOLI)
DEFAULT_VOTERS = 300_000
"""What ``make bench`` runs: long enough to show the speed-up, short enough to afford."""


def main(argv: list[str] | None = None) -> int:
    """Build the partitions, time both sides interleaved, print the speed-up."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--voters", type=int, default=DEFAULT_VOTERS)
    size.add_argument(
        "--national",
        action="store_const",
        dest="voters",
        const=Size.NATIONAL.voters,
        help=f"the national register ({Size.NATIONAL.voters:,} voters)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2014)
    args = parser.parse_args(argv)
    try:
        import distributed
    except ImportError:
        print("bench_dask: skipped, dask[distributed] is not installed (pip install -e '.[dask]')")
        return 0
    start = time.perf_counter()
    country = generate_country(Size.NATIONAL, seed=args.seed)
    register = generate_register(country, seed=args.seed, voters=args.voters)
    office_of = {c.center_id: c.office_id or 0 for c in country.centers}
    offices = split_by_office(register.rows(), register.center_ids, office_of, first_line=2)
    outcomes: list[Outcome] = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        distributed.LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        parts = [str(Path(tmp) / f"office-{n}.csv") for n in range(len(offices))]
        for office, path in zip(offices, parts, strict=True):
            office.save(path)
        del offices
        print(
            f"{register.voters:,} voters in {len(parts)} office files, "
            f"built in {time.perf_counter() - start:.0f} s"
        )
        samples = interleave(
            {
                "serial": lambda: outcomes.append(serial(parts, as_of=AS_OF)),
                "dask": lambda: outcomes.append(run(parts, as_of=AS_OF, client=client)),
            },
            args.rounds,
        )
    assert all(o == outcomes[0] for o in outcomes), "the Dask run differs from the serial run"
    base, ours = samples["serial"].wall, samples["dask"].wall
    speed_up = statistics.median(base) / statistics.median(ours)
    stations = len(outcomes[0].register.stations)
    print(f"{args.rounds} interleaved rounds; wall-time median (min-max); {stations:,} stations")
    print(f"serial, one process:        {_describe(base)}")
    print(f"dask, {args.workers} worker processes: {_describe(ours)}")
    print(f"speed-up: {speed_up:.2f}x on {args.workers} workers (equal outcomes every round)")
    record_rows(
        "dask",
        [
            Row(
                order=9,
                measure=f"{register.voters / 1e6:.1f}M-voter register by office on Dask "
                f"({args.workers} worker processes) vs one process, wall time",
                now=f"{speed_up:.2f}x speed-up",
                target="results identical; speed-up reported",
                met=True,
            )
        ],
        {"serial_wall_s": base, "dask_wall_s": ours},
    )
    return 0


def _describe(walls: list[float]) -> str:
    return f"{statistics.median(walls):.1f} ({min(walls):.1f}-{max(walls):.1f}) s"


if __name__ == "__main__":
    sys.exit(main())
