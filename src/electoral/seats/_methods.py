"""Private: the seat methods by name, and the public names of two types.

:mod:`electoral.seats` gives these names when first asked for, like its others.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, Final

from ._divisor import highest_averages
from ._plurality import Majority as _Majority
from ._plurality import block_vote, plurality
from ._quota import QUOTAS, largest_remainder
from ._ties import TieBreaker as _TieBreaker

__all__ = ["METHODS", "Majority", "TieBreaker"]

Majority = _Majority
"""The readings of a two-round majority: ``"more_than_half"``, ``"fifty_percent_plus_one"``
or ``"always_runoff"`` (see :func:`~electoral.seats.two_round`)."""

TieBreaker = _TieBreaker
"""The outcome of a drawing, either a :class:`~electoral.seats.DrawingOfLots` or a
:class:`~electoral.seats.PublicDraw`."""

METHODS: Final[Mapping[str, Callable[..., Any]]] = {
    "fptp": lambda votes, seats=1, **options: plurality(votes, seats, **options),
    "sntv": plurality,
    "block_vote": block_vote,
    **{
        name: partial(highest_averages, divisor=name)
        for name in ("dhondt", "sainte_lague", "modified_sainte_lague")
    },
    **{name: partial(largest_remainder, quota=name) for name in QUOTAS},
}
"""Seat methods by name, in the votelib style; call ``METHODS[name](votes, seats, **options)``."""
