"""Private: a one-line progress indicator on stderr, only when stderr is a terminal."""

from __future__ import annotations

from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """A one-line progress indicator on stderr, silent when stderr is not a terminal."""

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r{stage:<10} [{bar}] {100 * done // total:3d}% {done:,}/{total:,}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 79 + "\r")
            self.stream.flush()
            self.shown = False
