"""Private: a one-line progress indicator on stderr, only when stderr is a terminal.

It shows the stage, the count so far, the rate and the time left::

    validate   1,234,567 records   512,345/s   44%   3 s left

The time left comes from the share done: of the records when their total is known,
else of the bytes read (:meth:`Progress.update` with ``share``). The line is redrawn
at most ten times a second, and erased when the stage ends or a report is printed.
Times are for display only.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["Progress", "duration"]

_REDRAW = 0.1  # seconds between two redraws


def duration(seconds: float) -> str:
    """A duration for people: ``<1 s``, ``42 s``, ``3 min 05 s``, ``1 h 02 min``.

    >>> duration(0.4), duration(42.2), duration(185), duration(3720)
    ('<1 s', '42 s', '3 min 05 s', '1 h 02 min')
    """
    whole = int(seconds)
    if whole < 1:
        return "<1 s"
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


class Progress:
    """A one-line progress indicator on ``stream``; silent unless it is a terminal.

    Args:
        stream: where to draw (stderr).
        enabled: ``False`` for ``--quiet`` and ``--json``.
        clock: seconds, monotonic (a parameter for the tests).
    """

    def __init__(
        self, stream: TextIO, *, enabled: bool, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.clock = clock
        self.stage = ""
        self.unit = ""
        self.total: int | None = None
        self.began = 0.0
        self.drawn_at = -_REDRAW
        self.width = 0

    def start(self, stage: str, *, total: int | None = None, unit: str = "") -> None:
        """Begin a stage of ``total`` items (``None`` when the count is not known)."""
        self.clear()
        self.stage, self.total, self.unit = stage, total, unit
        self.began = self.clock()
        self.drawn_at = -_REDRAW

    def update(self, done: int, *, share: tuple[int, int] | None = None) -> None:
        """``done`` items so far; ``share`` is (part, whole) of the work when known."""
        if not self.enabled:
            return
        now = self.clock()
        finished = self.total is not None and done >= self.total
        if now - self.drawn_at < _REDRAW and not finished:
            return
        self.drawn_at = now
        elapsed = max(now - self.began, 1e-9)
        part, whole = share if share is not None else (done, self.total or 0)
        unit = f" {self.unit}" if self.unit else ""
        text = f"{self.stage:<10} {done:>11,}{unit}   {done / elapsed:>9,.0f}/s"
        if whole > 0:
            percent = min(100, 100 * part // whole)
            text += f"   {percent:3d}%"
            if 0 < part < whole:
                text += f"   {duration(elapsed * (whole - part) / part)} left"
        self._draw(text)

    def __call__(self, stage: str, done: int, total: int) -> None:
        """The ``(stage, done, total)`` callback of :func:`electoral.synthetic.run`."""
        if stage != self.stage or total != self.total:
            self.start(stage, total=total)
        self.update(done)

    def _draw(self, text: str) -> None:
        padding = " " * max(0, self.width - len(text))
        self.stream.write("\r" + text + padding)
        self.stream.flush()
        self.width = len(text)

    def clear(self) -> None:
        """Erase the line (before a report is printed, or when a stage ends)."""
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
