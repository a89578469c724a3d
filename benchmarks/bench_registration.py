"""Benchmark: validate a whole register, build every roll and allocate every station.

Run as ``python benchmarks/bench_registration.py [--voters N]`` (default 3,000,000
voters across 1,600 centres). The synthetic register is generated here with a seeded
``random.Random`` instance: a temporary CSV file with the 14 civil-registry columns
(the CRA dump) and, in memory, each voter's registration centre (what the
registration database holds), in the same order.

Two sides over the same file, in the same run, taking turns round after round
(``benchmarks/_interleave.py``: CPU-time medians with min-max):

* **baseline**: read the file with the :mod:`csv` module, group the four name parts
  by centre and sort each centre's names (code-point order);
* **library**: read the file with the :mod:`csv` module, validate every record
  (:func:`electoral.registration.validate_registry_rows`, all or nothing), sort each
  centre's roll with the default Arabic-aware key
  (:func:`electoral.registration.sort_roll`) and allocate its stations
  (:func:`electoral.registration.allocate_stations`).

It prints both sides, their ratio (target: at most 2x) and the peak resident memory of a
fresh process that runs the library side once (``resource.getrusage``; target: at most
1.5 GiB). It is a benchmark, not a test. Options: ``--voters``, ``--centers``,
``--seed``, ``--rounds`` (default 3).
"""

from __future__ import annotations

import argparse
import array
import csv
import importlib.util
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("electoral") is None:  # running from a bare checkout
    sys.path.insert(0, str(ROOT / "src"))

import pendulum  # noqa: E402 - after the path fix above

from _interleave import Row, interleave, ratio  # noqa: E402
from _interleave import record as record_rows  # noqa: E402
from electoral.model import TRIPOLI  # noqa: E402
from electoral.registration import (  # noqa: E402
    REGISTRY_COLUMNS,
    RegistryRecord,
    allocate_stations,
    sort_roll,
    validate_registry_rows,
)

RATIO_TARGET = 2.0
MEMORY_TARGET = 3 * 1024**3 // 2
AS_OF = pendulum.datetime(2026, 1, 1, 12, tz=TRIPOLI)

FIRST_MALE = [
    "محمد",
    "أحمد",
    "علي",
    "عمر",
    "خالد",
    "عبدالله",
    "إبراهيم",
    "يوسف",
    "مصطفى",
    "سالم",
    "مفتاح",
    "عبدالرحمن",
    "حسين",
    "حسن",
    "إسماعيل",
    "طارق",
    "صالح",
    "منصور",
    "فرج",
    "ميلاد",
    "عادل",
    "رمضان",
    "جمال",
    "نوري",
    "الهادي",
    "المبروك",
    "بشير",
    "سعد",
    "عبدالسلام",
    "عبدالحميد",
]
FIRST_FEMALE = [
    "فاطمة",
    "عائشة",
    "مريم",
    "خديجة",
    "زينب",
    "أسماء",
    "سارة",
    "نورا",
    "هدى",
    "آمنة",
    "سعاد",
    "حليمة",
    "نجاة",
    "سلمى",
    "ليلى",
    "إيمان",
    "أمل",
    "حنان",
    "رحاب",
    "عفاف",
]
FAMILY = (
    (
        "الورفلي المصراتي الزاوي الطرابلسي البرعصي العبيدي المغربي الفيتوري القذافي الترهوني "
        "الغرياني الككلي السنوسي الشريف المقريف بن_غلبون التاجوري الزنتاني الجبالي العقوري"
    )
    .replace("_", " ")
    .split()
)


def generate(path: Path, voters: int, centers: int, seed: int) -> list[int]:
    """Write the synthetic register; return each voter's centre (deterministic)."""
    rnd = random.Random(seed)
    center_ids = [10_001 + i * 53 for i in range(centers)]
    registered: list[int] = []
    fathers = FIRST_MALE
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(REGISTRY_COLUMNS)
        for person in range(1, voters + 1):
            male = rnd.random() < 0.52
            year = rnd.randint(1930, 2007)
            first = rnd.choice(FIRST_MALE if male else FIRST_FEMALE)
            nid = f"{1 if male else 2}{year}{person:07d}"
            writer.writerow(
                (
                    person,
                    first,
                    rnd.choice(fathers),
                    rnd.choice(fathers),
                    rnd.choice(FAMILY),
                    rnd.choice(FIRST_FEMALE),
                    1 if male else 2,
                    f"{rnd.randint(1, 28)}/{rnd.randint(1, 12)}/{year}",
                    "",
                    nid,
                    rnd.randint(1, 999_999),
                    0,
                    0,
                    0,
                )
            )
            registered.append(rnd.choice(center_ids))
    return registered


def baseline(path: Path, registered: list[int]) -> int:
    """csv + group by centre + sort each centre's four name parts."""
    by_center: defaultdict[int, list[tuple[str, str, str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for center, row in zip(registered, reader, strict=True):
            by_center[center].append((row[1], row[2], row[3], row[4]))
    total = 0
    for names in by_center.values():
        names.sort()
        total += len(names)
    return total


def library(path: Path, registered: list[int]) -> tuple[int, int]:
    """csv + validate every record + sort every roll + allocate every station."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        records = validate_registry_rows(reader, as_of=AS_OF, first_line=2)
    by_center: defaultdict[int, list[RegistryRecord]] = defaultdict(list)
    for center, record in zip(registered, records, strict=True):
        by_center[center].append(record)
    del records
    voters = stations = 0
    for center, roll in by_center.items():
        plan = allocate_stations(sort_roll(roll), center_id=center)
        voters += plan.registrants
        stations += len(plan.stations)
    return voters, stations


def peak_of_library(path: Path, centers: Path) -> int:
    """Peak resident memory, in bytes, of a fresh process that runs the library side once."""
    code = (
        "import array, resource, sys; sys.path.insert(0, sys.argv[1]); "
        "import bench_registration as b; from pathlib import Path; "
        "registered = array.array('l'); registered.frombytes(Path(sys.argv[3]).read_bytes()); "
        "b.library(Path(sys.argv[2]), list(registered)); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)"
    )
    here = str(Path(__file__).resolve().parent)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    done = subprocess.run(
        [sys.executable, "-c", code, here, str(path), str(centers)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return int(done.stdout.split()[-1])


def main(argv: list[str] | None = None) -> int:
    """Generate, time both sides interleaved, measure the library's peak; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=3_000_000)
    parser.add_argument("--centers", type=int, default=1_600)
    parser.add_argument("--seed", type=int, default=20_140_625)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "register.csv"
        start = time.perf_counter()
        registered = generate(path, args.voters, args.centers, args.seed)
        centers = Path(tmp) / "centers.bin"
        centers.write_bytes(array.array("l", registered).tobytes())
        print(
            f"generated {args.voters:,} voters in {args.centers:,} centres "
            f"({path.stat().st_size / 1024**2:.0f} MiB) in {time.perf_counter() - start:.1f} s"
        )
        sorted_names: list[int] = []
        outcome: list[tuple[int, int]] = []

        def base() -> None:
            sorted_names.append(baseline(path, registered))

        def lib() -> None:
            outcome.append(library(path, registered))

        samples = interleave({"baseline": base, "library": lib}, args.rounds)
        peak = peak_of_library(path, centers)
    voters, stations = outcome[-1]
    assert voters == sorted_names[-1] == args.voters
    times = ratio(samples["library"], samples["baseline"])
    print(f"{args.rounds} interleaved rounds; median (min-max)")
    print(f"baseline (csv + sort per centre):             {samples['baseline'].describe()}")
    print(f"library (validate + rolls + {stations:,} stations): {samples['library'].describe()}")
    print(f"ratio: {times:.2f}x (target <= {RATIO_TARGET}x)")
    print(f"peak memory of the library alone (process RSS): {peak / 1024**3:.2f} GiB "
          f"(target <= {MEMORY_TARGET / 1024**3:.1f} GiB)")  # fmt: skip
    met = times <= RATIO_TARGET and peak <= MEMORY_TARGET
    record_rows(
        "registration",
        [
            Row(
                order=1,
                measure=f"{args.voters / 1e6:g}M-voter register (validate, rolls, stations) "
                "vs csv parse + sort",
                now=f"{times:.2f}x, peak {peak / 1024**3:.2f} GiB",
                target=f"<= {RATIO_TARGET}x, peak <= {MEMORY_TARGET / 1024**3:.1f} GiB",
                met=met,
            )
        ],
        {"baseline": samples["baseline"].cpu, "library": samples["library"].cpu},
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
