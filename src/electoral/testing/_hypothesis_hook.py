"""Hypothesis entry point of ``electoral``: registers a strategy for every noun.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, so that
``st.from_type(Center)`` works in any test suite that has ``electoral`` installed.
Importing this module costs nothing. The hook registers a *resolver* per noun,
which imports :mod:`electoral.testing.strategies` only when a strategy is first
asked for (that module imports Hypothesis itself, so importing it here would be
circular).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__: list[str] = []


def _resolver(cls: type) -> Callable[[type], Any]:
    """A resolver bound to ``cls``; Hypothesis may call it with a supertype (``object``)."""

    def resolve(_requested: type) -> Any:
        from electoral.testing import strategies

        return strategies.strategy_for(cls)

    return resolve


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from electoral.model import NOUNS

    for cls in NOUNS:
        st.register_type_strategy(cls, _resolver(cls))
