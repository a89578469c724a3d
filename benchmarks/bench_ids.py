"""Benchmark: national_id.is_valid against a bare regex, and the cost of importing electoral.

Run as ``python benchmarks/bench_ids.py``. Two measurements, each with a target:

1. validating 1,000,000 national ids (mostly valid 12-digit ASCII strings, some in
   Arabic-Indic digits, a few invalid) with ``national_id.is_valid`` against a bare
   ``re.fullmatch(r"[12][0-9]{11}", s)`` loop over the same strings, in the same run;
   target: at most 3x the regex;
2. ``import electoral`` (and, each apart, ``electoral.registration``, ``.results`` and
   ``.seats``) against ``import attrs, cattrs, pendulum``, each in fresh
   interpreters, minus the start-up of an empty interpreter (median of repeats);
   target: at most 1.5x.

Options: ``--count N`` (ids, default 1,000,000), ``--repeat N`` (import runs, default 15).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTRA_PATH: list[str] = []
if importlib.util.find_spec("electoral") is None:  # running from a bare checkout
    EXTRA_PATH.append(str(ROOT / "src"))
    sys.path.insert(0, EXTRA_PATH[0])

from _interleave import Row  # noqa: E402
from _interleave import record as record_rows  # noqa: E402
from electoral.ids import national_id  # noqa: E402 - after the path fix above

PATTERN = r"[12][0-9]{11}"
ID_TARGET = 3.0
IMPORT_TARGET = 1.5
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def make_ids(count: int, seed: int = 2026) -> list[str]:
    """A realistic mix: 93% valid ASCII, 5% valid Arabic-Indic, 2% invalid."""
    rng = random.Random(seed)
    ids: list[str] = []
    for _ in range(count):
        text = str(rng.randint(national_id.MIN_VALUE, national_id.MAX_VALUE))
        roll = rng.random()
        if roll < 0.05:
            text = text.translate(ARABIC)
        elif roll < 0.06:
            text = text[:11]  # too short
        elif roll < 0.065:
            text = "3" + text[1:]  # wrong first digit
        elif roll < 0.07:
            text = text[:6] + "x" + text[7:]  # a letter
        ids.append(text)
    return ids


def time_loop(check: Callable[[str], object], ids: Sequence[str]) -> tuple[float, int]:
    """Seconds to run ``check`` over ``ids``, and how many it accepted."""
    accepted = 0
    start = time.perf_counter()
    for text in ids:
        if check(text):
            accepted += 1
    return time.perf_counter() - start, accepted


def regex_check(text: str) -> bool:
    """The baseline: a bare ``re.fullmatch`` (the ``re`` module caches the pattern)."""
    return re.fullmatch(PATTERN, text) is not None


COMPILED = re.compile(PATTERN)


def compiled_check(text: str) -> bool:
    """For information: the same regex, compiled once (no cache lookup per call)."""
    return COMPILED.fullmatch(text) is not None


def bench_national_id(count: int, rounds: int = 3) -> dict[str, tuple[float, int]]:
    """Best-of-``rounds`` seconds, and how many ids were accepted, for each checker."""
    ids = make_ids(count)
    checks: dict[str, Callable[[str], object]] = {
        "is_valid": national_id.is_valid,
        "regex": regex_check,
        "compiled": compiled_check,
    }
    best = {name: (float("inf"), 0) for name in checks}
    for _ in range(rounds):  # interleaved, so all see the same machine state
        for name, check in checks.items():
            seconds, accepted = time_loop(check, ids)
            best[name] = (min(best[name][0], seconds), accepted)
    return best


def startup(code: str, env: dict[str, str]) -> float:
    """Seconds for a fresh interpreter to run ``code``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return time.perf_counter() - start


def bench_imports(repeat: int) -> dict[str, float]:
    """Median start-up seconds, minus the empty interpreter's, for each import."""
    env = dict(os.environ)
    if EXTRA_PATH:
        env["PYTHONPATH"] = os.pathsep.join([*EXTRA_PATH, env.get("PYTHONPATH", "")])
    env.pop("PYTHONSTARTUP", None)
    codes = {
        "empty": "pass",
        "electoral": "import electoral",
        "attrs+cattrs+pendulum": "import attrs, cattrs, pendulum",
        "electoral.ids": "import electoral.ids",
        "electoral.registration": "import electoral.registration",
        "electoral.results": "import electoral.results",
        "electoral.seats": "import electoral.seats",
        "electoral (all core)": (
            "import electoral.ids, electoral.model, electoral.adapters, electoral.serialization"
        ),
    }
    for code in codes.values():  # warm the file system cache and the .pyc files
        startup(code, env)
    samples: dict[str, list[float]] = {name: [] for name in codes}
    for _ in range(repeat):  # interleaved, so drift hits every import alike
        for name, code in codes.items():
            samples[name].append(startup(code, env))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    empty = medians.pop("empty")
    result = {name: max(value - empty, 0.0) for name, value in medians.items()}
    result["empty"] = empty
    return result


CHAPTERS = ("registration", "results", "seats")
CHAPTER_TARGET = 1.0


def verdict(ratio: float, target: float) -> str:
    return "OK" if ratio <= target else "TOO SLOW"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=1_000_000, help="national ids to check")
    parser.add_argument("--repeat", type=int, default=15, help="fresh interpreters per import")
    args = parser.parse_args(argv)

    print(f"Python {sys.version.split()[0]} on {sys.platform}; electoral from {ROOT}")
    print(f"\n1. national_id.is_valid over {args.count:,} ids (best of 3)")
    timings = bench_national_id(args.count)
    (valid_s, valid_n), (regex_s, regex_n) = timings["is_valid"], timings["regex"]
    compiled_s = timings["compiled"][0]
    id_ratio = valid_s / regex_s
    per_id = 1e9 / args.count
    rows = [
        ("national_id.is_valid", valid_s),
        (f"re.fullmatch(r{PATTERN!r}, s)", regex_s),
        ("compiled regex (info)", compiled_s),
    ]
    for label, seconds in rows:
        print(f"   {label:34} {seconds:7.3f} s  {seconds * per_id:5.0f} ns/id")
    print(
        f"   accepted: is_valid {valid_n:,}, regex {regex_n:,} (the regex refuses Arabic digits)"
    )
    print(
        f"   ratio {id_ratio:.2f}x (target <= {ID_TARGET}x); "
        f"vs the compiled regex {valid_s / compiled_s:.2f}x"
    )

    print(f"\n2. import time, median of {args.repeat} fresh interpreters, minus `python -c pass`")
    imports = bench_imports(args.repeat)
    import_ratio = imports["electoral"] / imports["attrs+cattrs+pendulum"]
    print(f"   python -c pass                  {imports['empty'] * 1e3:7.1f} ms (baseline)")
    print(f"   import electoral                {imports['electoral'] * 1e3:7.1f} ms")
    print(f"   import attrs, cattrs, pendulum  {imports['attrs+cattrs+pendulum'] * 1e3:7.1f} ms")
    print(f"   import electoral.ids (info)     {imports['electoral.ids'] * 1e3:7.1f} ms")
    full = imports["electoral (all core)"]
    print(
        f"   import ids+model+adapters+serialization (info) {full * 1e3:7.1f} ms, "
        f"{full / imports['attrs+cattrs+pendulum']:.2f}x"
    )
    print(f"   ratio {import_ratio:.2f}x (target <= {IMPORT_TARGET}x)")
    base = imports["attrs+cattrs+pendulum"]
    chapters = {name: imports[f"electoral.{name}"] / base for name in CHAPTERS}
    for name, times in chapters.items():
        took = imports[f"electoral.{name}"] * 1e3
        print(f"   import electoral.{name:13} {took:7.1f} ms, {times:.2f}x")
    record_rows(
        "imports",
        [
            Row(
                order=7,
                measure="`import electoral.registration`, `.results`, `.seats`, each vs "
                "`import attrs, cattrs, pendulum`",
                now=" / ".join(f"{t:.2f}x" for t in chapters.values()),
                target=f"<= {CHAPTER_TARGET}x",
                met=all(t <= CHAPTER_TARGET for t in chapters.values()),
            )
        ],
        {name: imports[name] for name in imports},
    )

    print("\n" + "=" * 64)
    print("SUMMARY")
    print(
        f"  national_id.is_valid vs regex : {id_ratio:5.2f}x  "
        f"({valid_s:.3f} s vs {regex_s:.3f} s)  {verdict(id_ratio, ID_TARGET)}"
    )
    print(
        f"  import electoral vs attrs+... : {import_ratio:5.2f}x  "
        f"({imports['electoral'] * 1e3:.1f} ms vs {imports['attrs+cattrs+pendulum'] * 1e3:.1f} ms)"
        f"  {verdict(import_ratio, IMPORT_TARGET)}"
    )
    print("=" * 64)
    return 0 if id_ratio <= ID_TARGET and import_ratio <= IMPORT_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
