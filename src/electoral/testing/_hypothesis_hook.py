"""Hypothesis entry point of ``electoral``: ``st.from_type(Center)`` with no configuration.

Hypothesis calls :func:`_hypothesis_setup_hook` whenever it is imported, in every
environment where ``electoral`` is installed, so the hook must cost nothing there.
It imports nothing of ours: if :mod:`electoral.model` is already imported, it
registers a *resolver* for every noun; if not, :mod:`electoral.model` registers them
itself when it is first imported (it checks whether Hypothesis is loaded). Either way
a strategy module is imported only when a strategy is first asked for
(:mod:`electoral.testing.strategies` imports Hypothesis itself, so importing it here
would be circular).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

__all__: list[str] = []

_registered = False


def _resolver(cls: type) -> Callable[[type], Any]:
    """A resolver bound to ``cls``; Hypothesis may call it with a supertype (``object``)."""

    def resolve(_requested: type) -> Any:
        from electoral.testing import strategies

        return strategies.strategy_for(cls)

    return resolve


def register_nouns() -> None:
    """Register a resolver for every noun (once; unless plugins are switched off)."""
    global _registered
    if _registered or os.environ.get("HYPOTHESIS_NO_PLUGINS"):
        return
    from hypothesis import strategies as st

    from electoral.model import NOUNS

    for cls in NOUNS:
        st.register_type_strategy(cls, _resolver(cls))
    _registered = True


def _hypothesis_setup_hook() -> None:
    if "electoral.model" in sys.modules:
        register_nouns()
