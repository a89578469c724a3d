"""Private: find the values a long stream gives more than once, in bounded memory.

A civil-registry dump of millions of records must not hold a ``PERSON_ID`` or a
national id twice. Keeping every value seen in a set would make the memory grow with
the file; :class:`Repeats` keeps at most ``chunk`` values in memory and writes each
full chunk, sorted, to a temporary file, then merges the sorted runs to find the
repeats. Small streams never touch the disk.

>>> repeats = Repeats(chunk=2)
>>> for line, value in enumerate(["7", "8", "7", "9", "8", "7"], start=1):
...     repeats.add(value, line)
>>> sorted(repeats.later())
[(3, '7'), (5, '8'), (6, '7')]
"""

from __future__ import annotations

import heapq
import itertools
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Final

__all__ = ["Repeats"]

CHUNK: Final = 100_000
"""Values kept in memory before a sorted run is written to disk."""
MAX_RUNS: Final = 64
"""Runs merged at once; more are first merged into one."""


class Repeats:
    """Collect ``(value, line)`` pairs; :meth:`later` gives every repeat after the first."""

    def __init__(self, chunk: int | None = None) -> None:
        self._chunk = CHUNK if chunk is None else chunk
        self._pending: list[tuple[str, int]] = []
        self._runs: list[IO[str]] = []

    def add(self, value: str, line: int) -> None:
        """Remember that ``value`` was seen at ``line`` (lines given in increasing order)."""
        self._pending.append((value, line))
        if len(self._pending) >= self._chunk:
            self._spill()

    def _spill(self) -> None:
        self._pending.sort()
        self._runs.append(self._write(self._pending))
        self._pending = []
        if len(self._runs) > MAX_RUNS:
            runs, self._runs = self._runs, []
            self._runs.append(self._write(heapq.merge(*(_read(run) for run in runs))))
            for run in runs:
                run.close()

    @staticmethod
    def _write(pairs: Iterable[tuple[str, int]]) -> IO[str]:
        # an unnamed temporary file: nothing is left behind, even after a crash
        run = tempfile.TemporaryFile(  # noqa: SIM115 - kept open until merged, then closed
            "w+", encoding="ascii", newline="\n", prefix="electoral-"
        )
        run.writelines(f"{value}\t{line}\n" for value, line in pairs)
        run.seek(0)
        return run

    def later(self) -> Iterator[tuple[int, str]]:
        """``(line, value)`` of every occurrence of a value after its first, by value."""
        self._pending.sort()
        try:
            pairs: Iterator[tuple[str, int]] = iter(self._pending)
            if self._runs:
                pairs = heapq.merge(*(_read(run) for run in self._runs), pairs)
            for _, group in itertools.groupby(pairs, key=lambda pair: pair[0]):
                for value, line in itertools.islice(group, 1, None):
                    yield line, value
        finally:
            self.close()

    def close(self) -> None:
        """Remove the temporary files (also done when :meth:`later` ends)."""
        for run in self._runs:
            run.close()
        self._runs = []
        self._pending = []


def _read(run: IO[str]) -> Iterator[tuple[str, int]]:
    run.seek(0)
    for text in run:
        value, _, line = text.rstrip("\n").partition("\t")
        yield value, int(line)
