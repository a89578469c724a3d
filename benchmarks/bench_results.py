"""Benchmark: quarantine checks and aggregation at every level for a national election.

Run as ``python benchmarks/bench_results.py``. Builds 30,000 ARCHIVED result forms
with 20 candidates each (1,500 centres x 10 stations x 2 ballots; every form
carries its DE1, DE2 and FINAL entries, 60 vote rows, and a FINAL
reconciliation section), then times, in the same run:

* **library**: :func:`electoral.results.check_form` on every form (three checks)
  plus :func:`electoral.results.tally` (station, centre, sub-constituency,
  office, region, ballot and national totals with invalid votes);
* **baseline, every level**: a bare loop adding the same FINAL numbers into
  plain ``dict[..., int]`` totals at the same seven levels;
* **baseline, one level**: the same loop into a single ``dict`` of candidate
  totals (the strictest reading of "a bare dict-of-ints sum").

The three sides take turns in the same run (``benchmarks/_interleave.py``: rounds
alternate, the order flips every other round, each side's CPU-time median is shown with
its fastest and slowest round). Prints the ratio of the library to each baseline
(target: at most 1.25x the every-level baseline) and the peak memory of one library run
measured with :mod:`tracemalloc`. Timing is reported, never asserted. Options:
``--forms N`` (default 30,000), ``--rounds N`` (default 7).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("electoral") is None:  # running from a bare checkout
    sys.path.insert(0, str(ROOT / "src"))

from _interleave import (  # noqa: E402 - after the path fix above
    CANDIDATES,
    STATIONS_PER_CENTER,
    interleave,
    paper,
    ratio,
    tally_setup,
)
from _interleave import Row as TableRow  # noqa: E402
from _interleave import record as record_rows  # noqa: E402
from electoral.model import FormState, Region  # noqa: E402
from electoral.results import (  # noqa: E402
    EntryVersion,
    FormRecord,
    ReconEntry,
    TallyConfig,
    TallySetup,
    VoteEntry,
    check_form,
    tally,
)

TARGET = 1.25
Votes = list[tuple[tuple[int, int], int]]
Row = tuple[tuple[int, int], int, int, int, Region, int, Votes]
BALLOTS = (101, 102)


def build(forms: int) -> tuple[TallySetup, list[FormRecord]]:
    """A synthetic national tally with ``forms`` archived forms."""
    centers = max(1, forms // (STATIONS_PER_CENTER * len(BALLOTS)))
    setup, stations = tally_setup(centers, ballots=BALLOTS, offices=30, subconstituencies=100)
    records: list[FormRecord] = []
    for n, station in enumerate(stations):
        for ballot in BALLOTS:
            if len(records) == forms:
                break
            form, votes, recon = paper(n, station, ballot, state=FormState.ARCHIVED, spoil=n % 3)
            entries = [
                VoteEntry(candidate=key, votes=count, version=version, user="u")
                for version in EntryVersion
                for key, count in votes.items()
            ]
            records.append(
                FormRecord(
                    form=form,
                    results=entries,
                    recons=[ReconEntry(recon=recon, version=EntryVersion.FINAL, user="u")],
                )
            )
    return setup, records


def library(setup: TallySetup, records: list[FormRecord]) -> int:
    """Quarantine checks on every form, then totals at every level."""
    config = TallyConfig()
    failed = sum(1 for r in records if not check_form(r, config, setup).passed)
    result = tally(records, setup)
    return failed + result.national.valid


def extract(setup: TallySetup, records: list[FormRecord]) -> list[Row]:
    """The same numbers, pre-extracted into plain tuples (not timed)."""
    rows: list[Row] = []
    for r in records:
        key = r.form.station_key
        assert key is not None
        center = setup.centers[r.form.center_id or 0]
        region = setup.offices[center.office_id].region
        final = [
            (e.candidate, e.votes)
            for e in r.results
            if e.active and e.version is EntryVersion.FINAL
        ]
        rows.append(
            (
                key,
                center.center_id,
                center.subconstituency_id,
                center.office_id,
                region,
                r.form.ballot_number,
                final,
            )
        )
    return rows


def baseline_levels(rows: list[Row]) -> int:
    """Bare dict-of-int sums of the same numbers into the same seven levels."""
    levels: list[dict[object, dict[object, int]]] = [{} for _ in range(6)]
    national: dict[object, int] = {}
    for row in rows:
        keys = row[:6]
        final = row[6]
        tables = [lv.setdefault(k, {}) for lv, k in zip(levels, keys, strict=True)]
        for candidate, votes in final:
            for table in tables:
                table[candidate] = table.get(candidate, 0) + votes
            national[candidate] = national.get(candidate, 0) + votes
    return sum(national.values())


def baseline_flat(rows: list[Row]) -> int:
    """A single bare dict of candidate totals over the same numbers."""
    national: dict[object, int] = {}
    for row in rows:
        for candidate, votes in row[6]:
            national[candidate] = national.get(candidate, 0) + votes
    return sum(national.values())


def main(argv: list[str] | None = None) -> int:
    """Time the three sides interleaved and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--forms", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    setup, records = build(args.forms)
    rows = extract(setup, records)
    assert baseline_levels(rows) == baseline_flat(rows) == tally(records, setup).national.valid
    samples = interleave(
        {
            "library": lambda: library(setup, records),
            "every level": lambda: baseline_levels(rows),
            "one level": lambda: baseline_flat(rows),
        },
        args.rounds,
    )
    tracemalloc.start()
    library(setup, records)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ours, levels, flat = samples["library"], samples["every level"], samples["one level"]
    times = ratio(ours, levels)
    print(f"forms: {len(records):,} x {CANDIDATES} candidates ({len(records) * 60:,} vote rows)")
    print(f"{args.rounds} interleaved rounds")
    print(f"library (checks + tally, all levels): {ours.describe('s', 3)}")
    print(f"baseline, dict-of-int at every level: {levels.describe('s', 3)}")
    print(f"baseline, one dict-of-int:            {flat.describe('s', 3)}")
    print(f"ratio vs every-level baseline: {times:.2f}x (target <= {TARGET}x)")
    print(f"ratio vs one-level baseline:   {ratio(ours, flat):.2f}x")
    print(f"peak memory of the library run (tracemalloc): {peak / 2**20:.1f} MiB")
    record_rows(
        "results",
        [
            TableRow(
                order=2,
                measure=f"{len(records):,} forms × {CANDIDATES}: checks + aggregation vs dict "
                "sums at every level",
                now=f"{times:.2f}x ({ours.median:.2f} s vs {levels.median:.2f} s)",
                target=f"<= {TARGET}x",
                met=times <= TARGET,
            )
        ],
        {"library_s": ours.cpu, "levels_s": levels.cpu, "flat_s": flat.cpu, "peak": peak},
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
