"""Benchmark: the formats layer's readers against the csv module, and streaming memory.

Run as ``python benchmarks/bench_formats.py [--forms N] [--records N] [--rounds N]
[--only export|dump]``
(defaults: 30,000 forms x 20 candidates, a 3,000,000-record registry, 5 rounds).

1. **Results export**: a per-form results export of ``forms`` x 20 candidates is
   written to a temporary file; each round reads it with ``csv.reader`` (the
   baseline: every row as a list of strings) and with
   :func:`electoral.formats.tallyho.iter_results_export` (every row typed and
   checked), alternating, in this one process.
2. **Registry dump**: a civil-registry SQL dump of ``records`` lines; each round
   reads it with ``csv.reader`` and with
   :func:`electoral.formats.smartelect.iter_registry_dump` (every ``VALUES(`` line
   split into its 14 values), alternating.
3. **Memory**: :func:`electoral.formats.smartelect.check_registry_dump` checks a dump
   of ``records / 10`` and one of ``records`` records, each in its own process,
   which reports its peak resident memory (``resource.getrusage``).

It prints the medians with their min-max, the ratios (target: reading at most 1.5 x
``csv.reader``) and the two peaks (target: within 20 % of each other). Times are the
process's CPU time (:func:`time.process_time`): on a shared machine, wall time also
counts the moments other processes hold the CPU. It is a benchmark, not a test: the
rounds alternate and medians are compared.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("electoral") is None:  # running from a bare checkout
    sys.path.insert(0, str(ROOT / "src"))

from electoral.formats.smartelect import iter_registry_dump  # noqa: E402
from electoral.formats.tallyho import iter_results_export  # noqa: E402
from electoral.registration import REGISTRY_COLUMNS  # noqa: E402
from electoral.results import EXPORT_COLUMNS  # noqa: E402

RATIO_TARGET = 1.5
MEMORY_TARGET = 0.20
NAMES = [
    "محمد",
    "أحمد",
    "علي",
    "عمر",
    "خالد",
    "سالم",
    "مفتاح",
    "فرج",
    "ميلاد",
    "عادل",
    "رمضان",
    "جمال",
    "نوري",
    "صالح",
    "منصور",
    "فاطمة",
    "خديجة",
    "مريم",
    "عائشة",
    "زينب",
    "سالمة",
    "نورية",
    "هدى",
    "سعاد",
    "أسماء",
]
FAMILY = [
    "الورفلي",
    "المصراتي",
    "الزاوي",
    "الطرابلسي",
    "البرعصي",
    "العبيدي",
    "الفيتوري",
    "الترهوني",
    "التاجوري",
]


def write_export(path: Path, forms: int, candidates: int, seed: int) -> int:
    """A per-form results export: ``forms`` forms, ``candidates`` rows each."""
    rnd = random.Random(seed)
    names = [f"{rnd.choice(NAMES)} {rnd.choice(NAMES)} {rnd.choice(FAMILY)}" for _ in range(400)]
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(EXPORT_COLUMNS)
        for form in range(forms):
            center = 10_001 + form // 6
            station = form % 6 + 1
            ballot = 100 + (center % 50)
            barcode = f"{center:05d}{station:03d}{ballot:03d}"
            gender = ("male", "female", "unisex")[station % 3]
            registrants = rnd.randint(200, 550)
            voters = rnd.randint(50, registrants)
            invalid = rnd.randint(0, 20)
            for order in range(1, candidates + 1):
                writer.writerow(
                    (
                        ballot,
                        ballot,
                        center,
                        station,
                        gender,
                        barcode,
                        "HoR",
                        "ballot_number_HOR_general",
                        center % 200 + 1,
                        order,
                        names[(ballot * 31 + order) % len(names)],
                        ballot * 100 + order,
                        rnd.randint(0, voters // 3),
                        invalid,
                        voters,
                        voters + 5,
                        voters - invalid,
                        voters,
                        registrants,
                        "enabled",
                        "false",
                        "",
                    )
                )
                rows += 1
    return rows


def write_dump(path: Path, records: int, seed: int) -> None:
    """A CRA SQL dump of ``records`` valid records with distinct ids."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"INSERT INTO T_PERSONAL_DATA({','.join(REGISTRY_COLUMNS)})\n")
        for person in range(1, records + 1):
            male = rnd.random() < 0.52
            year = rnd.randint(1930, 2007)
            names = [rnd.choice(NAMES) for _ in range(3)]
            handle.write(
                f"VALUES({person}, '{names[0]}', '{names[1]}', '{names[2]}', "
                f"'{rnd.choice(FAMILY)}', '{rnd.choice(NAMES)}', {1 if male else 2}, "
                f"'{rnd.randint(1, 28)}/{rnd.randint(1, 12)}/{year}', 'طرابلس', "
                f"'{1 if male else 2}{person:011d}', '{rnd.randint(1, 999_999)}', "
                f"{rnd.randint(1, 60)}, {rnd.randint(1, 99)}, 0);\n"
            )


def csv_rows(path: Path) -> int:
    count = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for _ in csv.reader(handle):
            count += 1
    return count


def export_rows(path: Path) -> int:
    count = 0
    for _ in iter_results_export(path):
        count += 1
    return count


def dump_rows(path: Path) -> int:
    count = 0
    for _ in iter_registry_dump(path):
        count += 1
    return count


def interleave(
    rounds: int, sides: dict[str, Callable[[], int]]
) -> dict[str, tuple[list[float], int]]:
    """Time each side once per round, alternating which goes first."""
    times: dict[str, list[float]] = {name: [] for name in sides}
    counts: dict[str, int] = {}
    names = list(sides)
    for round_number in range(rounds):
        order = names if round_number % 2 == 0 else names[::-1]
        for name in order:
            began = time.process_time()
            counts[name] = sides[name]()
            times[name].append(time.process_time() - began)
    return {name: (times[name], counts[name]) for name in names}


def report(title: str, results: dict[str, tuple[list[float], int]], library: str) -> float:
    print(f"\n{title}")
    for name, (times, count) in results.items():
        print(
            f"  {name:<24} median {statistics.median(times):7.2f} s CPU  "
            f"(min {min(times):.2f}, max {max(times):.2f}; {count:,} rows)"
        )
    base = statistics.median(results["csv.reader"][0])
    ratio = statistics.median(results[library][0]) / base
    verdict = "within" if ratio <= RATIO_TARGET else "OVER"
    print(f"  ratio {ratio:.2f} x csv.reader ({verdict} the target of {RATIO_TARGET} x)")
    return ratio


CHILD = """
import resource, sys
import pendulum
import pathlib
from electoral.formats.smartelect import check_registry_dump
as_of = pendulum.datetime(2026, 1, 1, tz="Africa/Tripoli")
result = check_registry_dump(pathlib.Path(sys.argv[1]), as_of=as_of)
assert result.ok, result.counts
print(result.records, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_memory(path: Path) -> tuple[int, int, float]:
    """Records checked, peak resident memory in KiB and seconds, in a fresh process."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    records, peak = (int(part) for part in done.stdout.split())
    return records, peak, time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=30_000)
    parser.add_argument("--candidates", type=int, default=20)
    parser.add_argument("--records", type=int, default=3_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2014)
    parser.add_argument(
        "--only",
        choices=("export", "dump"),
        help="run one part: the results export, or the registry dump and its memory",
    )
    args = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory(prefix="electoral-bench-") as folder:
        if args.only in (None, "export"):
            export = Path(folder) / "results.csv"
            rows = write_export(export, args.forms, args.candidates, args.seed)
            print(f"results export: {args.forms:,} forms x {args.candidates} = {rows:,} rows")
            results = interleave(
                args.rounds,
                {
                    "csv.reader": lambda: csv_rows(export),
                    "iter_results_export": lambda: export_rows(export),
                },
            )
            failed |= report("Reading the results export", results, "iter_results_export") > (
                RATIO_TARGET
            )
            export.unlink()

        if args.only in (None, "dump"):
            dump = Path(folder) / "dump.sql"
            write_dump(dump, args.records, args.seed)
            print(
                f"\nregistry dump: {args.records:,} records ({dump.stat().st_size / 1e6:,.0f} MB)"
            )
            results = interleave(
                max(1, args.rounds - 2),
                {
                    "csv.reader": lambda: csv_rows(dump),
                    "iter_registry_dump": lambda: dump_rows(dump),
                },
            )
            failed |= report("Reading the registry dump", results, "iter_registry_dump") > (
                RATIO_TARGET
            )

            small = Path(folder) / "dump_small.sql"
            write_dump(small, args.records // 10, args.seed)
            print("\nPeak memory of check_registry_dump (each in its own process)")
            peaks = []
            for path in (small, dump):
                records, peak, seconds = peak_memory(path)
                peaks.append(peak)
                print(f"  {records:>10,} records: {peak / 1024:7.1f} MiB peak, {seconds:6.1f} s")
            spread = max(peaks) / min(peaks) - 1
            verdict = "within" if spread <= MEMORY_TARGET else "OVER"
            print(f"  difference {spread:.1%} ({verdict} the target of {MEMORY_TARGET:.0%})")
            failed |= spread > MEMORY_TARGET
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
