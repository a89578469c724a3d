"""Shared by the benchmarks: interleaved rounds, medians with min-max, and the table rows.

The machine the benchmarks run on is shared, so its load changes from one second to the
next. Two sides timed one after the other would each see a different load; here they
take turns, round after round (the order alternates too), and each side's figure is the
median of its rounds, shown with the fastest and slowest round. Each round is timed
twice: CPU time of this process (:func:`time.process_time`, which does not count the
time other processes hold the CPU) and wall time (:func:`time.perf_counter`). Ratios
are taken between CPU-time medians; wall times are printed for reference.

Each benchmark records the rows it contributes to the performance table with
:func:`record`; ``benchmarks/table.py`` prints the table from them (``make bench`` runs
every benchmark, then the table).
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RESULTS = Path(os.environ.get("ELECTORAL_BENCH_RESULTS", Path(__file__).parent / ".results"))
"""Where each benchmark writes its table rows (one JSON file per benchmark)."""


@dataclass
class Sample:
    """One side's rounds: CPU and wall seconds per round (or per call, once divided)."""

    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        """The median CPU time."""
        return statistics.median(self.cpu)

    def scaled(self, factor: float) -> Sample:
        """Every round multiplied by ``factor`` (e.g. per call, in µs)."""
        return Sample([c * factor for c in self.cpu], [w * factor for w in self.wall])

    def describe(self, unit: str = "s", digits: int = 2) -> str:
        """``median (min-max) unit CPU, wall median unit``."""
        low, high = min(self.cpu), max(self.cpu)
        return (
            f"{self.median:.{digits}f} ({low:.{digits}f}-{high:.{digits}f}) {unit} CPU, "
            f"wall {statistics.median(self.wall):.{digits}f} {unit}"
        )


def interleave(
    sides: Mapping[str, Callable[[], object]],
    rounds: int,
    *,
    number: int = 1,
    collect: bool = True,
) -> dict[str, Sample]:
    """Run each side ``number`` times per round, the sides taking turns, for ``rounds``.

    The order of the sides is reversed every other round, so that neither always runs
    right after the other. With ``collect``, the garbage collector runs before each
    turn, so that one side does not pay for the other's garbage.
    """
    names = list(sides)
    samples = {name: Sample() for name in names}
    for index in range(rounds):
        order = names if index % 2 == 0 else names[::-1]
        for name in order:
            function = sides[name]
            if collect:
                gc.collect()
            cpu, wall = time.process_time(), time.perf_counter()
            for _ in range(number):
                function()
            samples[name].cpu.append((time.process_time() - cpu) / number)
            samples[name].wall.append((time.perf_counter() - wall) / number)
    return samples


def ratio(ours: Sample, theirs: Sample) -> float:
    """``ours / theirs`` between CPU-time medians."""
    return ours.median / theirs.median


@dataclass
class Row:
    """One line of the performance table.

    Attributes:
        order: where the line goes in the table (the issue's order).
        measure: what is compared.
        now: the figure measured.
        target: the target, as the issue states it.
        met: whether the figure meets the target.
    """

    order: int
    measure: str
    now: str
    target: str
    met: bool


def record(benchmark: str, rows: list[Row], details: Mapping[str, Any] | None = None) -> Path:
    """Write ``rows`` (and any details) for ``table.py``; return the file written."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{benchmark}.json"
    payload = {
        "benchmark": benchmark,
        "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "rows": [row.__dict__ for row in rows],
        "details": dict(details or {}),
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def verdict(met: bool) -> str:
    """``met`` or ``NOT MET``."""
    return "met" if met else "NOT MET"
