"""Private: pause Python's cyclic garbage collector while a batch builds acyclic values.

Validating a register builds millions of records. A record is a tuple subclass, and
CPython never stops tracking a tuple *subclass* (only exact tuples are untracked), so
every collection of the oldest generation that the growing batch triggers walks every
record built so far: minutes of work at national size, to find no garbage, since a
record refers only to strings, numbers and dates and can never be part of a cycle.

:func:`paused` switches the collector off for the length of a batch and back on
after (when it was on), whatever happens. It never runs a collection itself, and
nested or concurrent uses are harmless: the collector is only ever left as it was
found. Reference counting, which frees almost everything, is not affected.

Switched back on, the collector would still walk the batch three times: every object
made while it was off sits in the youngest generation, so the next collection of that
generation walks them all and moves them on, a collection of the middle one walks them
again, and the oldest once more. Before switching it back on, :func:`paused` therefore
moves every tracked object to the oldest generation at once (``gc.freeze()`` then
``gc.unfreeze()``: two list splices, no walk), where the batch is walked once, at the
next full collection; any garbage cycle among them is still found there. When the
program has frozen objects of its own (``gc.freeze()`` before a fork), nothing is
moved: unfreezing would undo its freeze.

>>> import gc
>>> with paused():
...     gc.isenabled()
False
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused"]


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Switch the cyclic collector off inside the block; restore its state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():
                gc.freeze()  # every tracked object to the permanent generation,
                gc.unfreeze()  # and from there to the oldest: no walk
            gc.enable()
