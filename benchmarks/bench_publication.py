"""Benchmark: publishing and verifying results at national size, against their baselines.

Run as ``python benchmarks/bench_publication.py``. Two data sets:

* **synthetic**: the forms of :func:`electoral.synthetic.run` at ``Size.NATIONAL``
  (13,606 result forms; generating it takes a minute or two and is not timed);
* **30k x 20**: 30,000 ARCHIVED forms with 20 candidates each, built as in
  ``bench_results.py``.

For each, interleaved in one process (alternating rounds, so that the load of a
shared machine falls on both sides alike), it times:

* :func:`electoral.publication.publish` against :func:`electoral.results.tally` on
  the same records (target: publish at most 3x tally);
* :func:`electoral.publication.verify_forms_file` reading the per-form file from
  disk and checking every node of the manifest, against reading the same file
  with :func:`csv.reader` and doing nothing else (target: at most 2x), and, for
  scale, against :func:`csv.reader` plus ``int()`` of every numeric cell (the
  least a reader that uses the figures must do), and against the **floor**: the
  least any verifier must compute from the file, done in C-level ``map`` calls
  with no Python code per row (split every row into cells, SHA-256 of every row,
  the number of every cell, each distinct cell converted once as the verifier
  does), with no tree, no sums and no checks.

It prints medians with min-max over the rounds and the ratio of the medians, and
the time to read the manifest (not part of either ratio). Timing is reported,
never asserted. Options: ``--rounds N`` (default 7), ``--skip-synthetic``.
"""

from __future__ import annotations

import argparse
import csv
import gc
import hashlib
import importlib.util
import itertools
import operator
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("electoral") is None:  # running from a bare checkout
    sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from electoral.publication import (  # noqa: E402 - after the path fix above
    publish,
    read_manifest,
    verify_forms_file,
    write_forms,
    write_manifest,
)
from electoral.results import FormRecord, TallySetup, tally  # noqa: E402

# The 30,000-form tally of the results benchmark, built the same way.
build: Callable[[int], tuple[TallySetup, list[FormRecord]]] = importlib.import_module(
    "bench_results"
).build

_DIGEST = operator.methodcaller("digest")
_COMMAS = itertools.repeat(b",")


class _Numbers(dict[bytes, int]):
    """Each cell's number, converted once (cheaper than ``int()`` of every cell)."""

    def __missing__(self, cell: bytes) -> int:
        value = self[cell] = int(cell) if cell.isdigit() else 0
        return value


PUBLISH_TARGET = 3.0
VERIFY_TARGET = 2.0


def _time(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(
    rounds: int, library: Callable[[], object], baseline: Callable[[], object]
) -> tuple[list[float], list[float]]:
    """Alternate the two sides ``rounds`` times (one warm-up each first)."""
    library()
    baseline()
    lib: list[float] = []
    base: list[float] = []
    for i in range(rounds):
        if i % 2:
            base.append(_time(baseline))
            lib.append(_time(library))
        else:
            lib.append(_time(library))
            base.append(_time(baseline))
    return lib, base


def _show(name: str, times: list[float]) -> str:
    return f"{name:<34} {statistics.median(times):7.3f} s  ({min(times):.3f}-{max(times):.3f})"


def run(label: str, records: list[FormRecord], setup: TallySetup, rounds: int) -> bool:
    """Time one data set; whether both targets were met."""
    publication = publish(records, setup, election="bench")
    candidates = publication.manifest.max_candidates
    print(f"\n== {label}: {len(publication.forms):,} forms, up to {candidates} candidates")
    lib, base = interleaved(
        rounds,
        lambda: publish(records, setup, election="bench"),
        lambda: tally(records, setup),
    )
    publish_ratio = statistics.median(lib) / statistics.median(base)
    print(_show("publish (encode, hash, all trees)", lib))
    print(_show("tally (baseline)", base))
    print(f"ratio {publish_ratio:.2f}x (target <= {PUBLISH_TARGET:.0f}x)")
    with tempfile.TemporaryDirectory() as folder:
        forms_path = Path(folder) / "forms.csv"
        manifest_path = Path(folder) / "manifest.json"
        forms_path.write_text(write_forms(publication), encoding="utf-8")
        manifest_path.write_text(write_manifest(publication.manifest), encoding="utf-8")
        load = [_time(lambda: read_manifest(manifest_path.read_bytes())) for _ in range(3)]
        manifest = read_manifest(manifest_path.read_bytes())

        def verify() -> None:
            with forms_path.open("rb") as stream:
                assert verify_forms_file(manifest, stream).ok

        def read_csv() -> None:
            with forms_path.open(newline="", encoding="utf-8") as stream:
                for _ in csv.reader(stream):
                    pass

        def read_numbers() -> None:
            with forms_path.open(newline="", encoding="utf-8") as stream:
                rows = csv.reader(stream)
                next(rows)
                for row in rows:
                    [int(cell) for cell in row[:5]]
                    [int(cell) for cell in row[7:] if cell]

        def floor() -> None:
            lines = forms_path.read_bytes().split(b"\n")[1:-1]
            list(map(_DIGEST, map(hashlib.sha256, map(b"\x00".__add__, lines))))
            cells = itertools.chain.from_iterable(map(bytes.split, lines, _COMMAS))
            list(map(_Numbers().__getitem__, cells))

        lib, base = interleaved(rounds, verify, read_csv)
        lib2, numbers = interleaved(rounds, verify, read_numbers)
        lib3, least = interleaved(rounds, verify, floor)
    verify_ratio = statistics.median(lib) / statistics.median(base)
    print(_show("verify from the per-form file", lib))
    print(_show("csv.reader over the file (baseline)", base))
    print(f"ratio {verify_ratio:.2f}x (target <= {VERIFY_TARGET:.0f}x)")
    print(_show("csv.reader + int() of every number", numbers))
    print(f"ratio of verify to it {statistics.median(lib2) / statistics.median(numbers):.2f}x")
    print(_show("floor: split, SHA-256, numbers", least))
    print(
        f"ratio of verify to it {statistics.median(lib3) / statistics.median(least):.2f}x; ",
        end="",
    )
    print(f"of it to csv.reader {statistics.median(least) / statistics.median(base):.2f}x")
    print(_show("read the manifest (not in a ratio)", load))
    return publish_ratio <= PUBLISH_TARGET and verify_ratio <= VERIFY_TARGET


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--forms", type=int, default=30_000)
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args(argv)
    met = True
    if not args.skip_synthetic:
        from electoral import synthetic

        election = synthetic.run(synthetic.Size.NATIONAL, seed=2014)
        met &= run(
            "synthetic national election",
            list(election.records.values()),
            election.setup,
            args.rounds,
        )
    setup, records = build(args.forms)
    met &= run(f"{args.forms:,} forms x 20 candidates", records, setup, args.rounds)
    print("\nboth targets met" if met else "\na target was missed (see above)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
