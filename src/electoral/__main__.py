"""Command line of ``electoral`` (also ``python -m electoral``); see :mod:`electoral.cli`.

Exit codes: 0 success, 1 the data had problems, 2 bad arguments, 3 a result needs a
human decision.
"""

from __future__ import annotations

from electoral.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(main())
