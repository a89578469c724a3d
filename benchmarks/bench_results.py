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

Prints absolute times (best of ``--repeat``), the ratio of the library to each
baseline (target: at most 5x the every-level baseline), and the peak memory of
the library run measured with :mod:`tracemalloc`. Timing is reported, never
asserted. Options: ``--forms N`` (default 30,000), ``--repeat N`` (default 3).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("electoral") is None:  # running from a bare checkout
    sys.path.insert(0, str(ROOT / "src"))

from electoral.model import (  # noqa: E402 - after the path fix above
    Ballot,
    Candidate,
    Center,
    FormState,
    Gender,
    Office,
    Race,
    ReconciliationForm,
    Region,
    ResultForm,
    Station,
)
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

TARGET = 5.0
Votes = list[tuple[tuple[int, int], int]]
Row = tuple[tuple[int, int], int, int, int, Region, int, Votes]
CANDIDATES = 20
STATIONS_PER_CENTER = 10
BALLOTS = (101, 102)


def build(forms: int) -> tuple[TallySetup, list[FormRecord]]:
    """A synthetic national tally with ``forms`` archived forms."""
    centers_needed = max(1, forms // (STATIONS_PER_CENTER * len(BALLOTS)))
    race = Race(election_level="HoR", name="general")
    subcons = set(range(1, 101))
    ballots = [Ballot(number=n, race=race, subconstituency_ids=subcons) for n in BALLOTS]
    offices = [
        Office(id=i, name_en=f"Office {i}", name_ar=f"مكتب {i}", region=list(Region)[1 + i % 3])
        for i in range(1, 31)
    ]
    centers = [
        Center(
            center_id=10_001 + c,
            name_ar=f"مركز {c}",
            office_id=1 + c % 30,
            subconstituency_id=1 + c % 100,
        )
        for c in range(centers_needed)
    ]
    stations = [
        Station(center_id=c.center_id, number=s, gender=Gender.MALE, registrants=900)
        for c in centers
        for s in range(1, STATIONS_PER_CENTER + 1)
    ]
    candidates = [
        Candidate(ballot_number=b, candidate_id=i, name_ar=f"مرشح {i}", order=i)
        for b in BALLOTS
        for i in range(1, CANDIDATES + 1)
    ]
    setup = TallySetup.build(
        centers=centers, stations=stations, ballots=ballots, candidates=candidates, offices=offices
    )
    records: list[FormRecord] = []
    for n, station in enumerate(stations):
        for ballot in BALLOTS:
            if len(records) == forms:
                break
            votes = [(n * 7 + i * 13) % 40 for i in range(CANDIDATES)]
            entries = [
                VoteEntry(candidate=(ballot, i + 1), votes=v, version=version, user="u")
                for version in EntryVersion
                for i, v in enumerate(votes)
            ]
            total = sum(votes)
            recon = ReconciliationForm(
                number_of_voters=900,
                number_of_voter_cards_in_the_ballot_box=total + 10,
                number_valid_votes=total,
                number_invalid_votes=10,
                number_sorted_and_counted=total + 10 + n % 3,
            )
            form = ResultForm(
                barcode=f"{station.center_id}{station.number:03d}{ballot:03d}",
                ballot_number=ballot,
                center_id=station.center_id,
                station_number=station.number,
                gender=station.gender,
                state=FormState.ARCHIVED,
            )
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


def best(fn: Callable[[], int], repeat: int) -> tuple[float, int]:
    """Best wall time of ``repeat`` runs, and the function's result."""
    times = []
    value = 0
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return min(times), value


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    setup, records = build(args.forms)
    rows = extract(setup, records)
    lib_time, _ = best(lambda: library(setup, records), args.repeat)
    levels_time, _ = best(lambda: baseline_levels(rows), args.repeat)
    flat_time, _ = best(lambda: baseline_flat(rows), args.repeat)
    tracemalloc.start()
    library(setup, records)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ratio = lib_time / levels_time
    print(f"forms: {len(records):,} x {CANDIDATES} candidates ({len(records) * 60:,} vote rows)")
    print(f"library (checks + tally, all levels): {lib_time:.3f} s")
    print(f"baseline, dict-of-int at every level:  {levels_time:.3f} s")
    print(f"baseline, one dict-of-int:             {flat_time:.3f} s")
    print(f"ratio vs every-level baseline: {ratio:.2f}x (target <= {TARGET:.0f}x)")
    print(f"ratio vs one-level baseline:   {lib_time / flat_time:.2f}x")
    print(f"peak memory of the library run (tracemalloc): {peak / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
