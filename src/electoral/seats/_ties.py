"""Breaking ties: a recorded drawing of lots, or a publicly verifiable draw.

Libyan law breaks ties by lot: Law 4/2012 Art. 6 ("selected by a draw") and Law
12/2014 Art. 3, which adds to Art. 21 of Law 10/2014 "Any tie in votes shall be
broken by drawing lots" (as reported at https://www.idea.int/node/201041 and
https://security-legislation.ly/node/31921).
The library never draws itself. A method returns a :class:`~electoral.seats.Tie`;
the caller passes the outcome of the draw as data:

* :class:`DrawingOfLots`: the names in the order they were drawn at the official
  drawing, with a reference to its minutes;
* :class:`PublicDraw`: the random sources published for an RFC 3797 draw, which
  anyone can re-run (:mod:`electoral.seats._rfc3797`).

:func:`resolve` applies either to a tie and returns a :class:`TieResolution`, which
the methods put into their result next to the tie.

>>> from fractions import Fraction
>>> tie = Tie(candidates=("A", "B", "C"), seats=1, value=Fraction(40), stage="plurality")
>>> resolve(tie, DrawingOfLots(order=("C", "A", "B"), record="minute 12/2014")).winners
('C',)
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import InconsistentValue, InvalidType, MissingValue

from ._common import Tie
from ._rfc3797 import Source, key_string, select

__all__ = ["DrawingOfLots", "PublicDraw", "TieBreaker", "TieResolution", "resolve"]


def _names(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidType("seats.candidate_type", field="order", value=value)
    for name in value:
        if not isinstance(name, str) or not name.strip():
            raise InvalidType("seats.candidate_type", field="order", value=name)
    return tuple(value)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class DrawingOfLots:
    """The recorded outcome of an official drawing of lots.

    Attributes:
        order: the tied candidates in the order their lots were drawn; the first
            ``tie.seats`` of them win. Names not in the tie are refused.
        record: a reference to the minutes of the drawing (who drew, when, where).

    >>> DrawingOfLots(order=("B", "A"), record="HNEC minute 7")
    DrawingOfLots(order=('B', 'A'), record='HNEC minute 7')
    """

    order: tuple[str, ...] = attrs.field(converter=_names)
    record: str = ""


def _sources(value: object) -> tuple[Source, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise InvalidType("seats.rfc3797_source", field="sources", value=value)
    return tuple(
        tuple(source) if isinstance(source, Sequence) and not isinstance(source, str) else source
        for source in value
    )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PublicDraw:
    """A publicly verifiable draw by the RFC 3797 algorithm.

    The tied candidates are numbered 1 to *n* in the order of their identifiers (the
    published order of the pool); the RFC 3797 selection over :attr:`sources` gives
    the order in which they win.

    Attributes:
        sources: the published random values (numbers, lists of numbers, texts).
        record: where the sources and the pool were published.

    >>> draw = PublicDraw(sources=(9319, (2, 5, 12, 8, 10)), record="lottery of 1 May")
    >>> draw.key
    b'9319./2.5.8.10.12./'
    """

    sources: tuple[Source, ...] = attrs.field(converter=_sources)
    record: str = ""

    @property
    def key(self) -> bytes:
        """The RFC 3797 key string of :attr:`sources`."""
        return key_string(self.sources)


TieBreaker = DrawingOfLots | PublicDraw
"""Either kind of tie resolution."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class TieResolution:
    """How a tie was broken: the tie, the winners and the draw that chose them.

    >>> from fractions import Fraction
    >>> tie = Tie(candidates=("A", "B"), seats=1, value=Fraction(3), stage="quotient")
    >>> resolve(tie, DrawingOfLots(order=("B", "A"))).winners
    ('B',)
    """

    tie: Tie
    winners: tuple[str, ...]
    order: tuple[str, ...]
    by: TieBreaker


@guarded
def resolve(tie: Tie, breaker: TieBreaker) -> TieResolution:
    """Break ``tie`` with a recorded drawing of lots or a public RFC 3797 draw.

    Args:
        tie: the tie a method reported.
        breaker: a :class:`DrawingOfLots` or a :class:`PublicDraw`.

    Returns:
        The winners (``tie.seats`` of the tied candidates) and the full order.

    Raises:
        InconsistentValue: ``seats.unknown_candidate`` if the drawing names someone not
            in the tie; ``seats.lots_duplicate`` if it names someone twice.
        MissingValue: ``seats.lots_short`` if it names fewer than ``tie.seats``.
        InvalidType: ``seats.candidate_type`` for a breaker of another type.

    >>> from fractions import Fraction
    >>> tie = Tie(candidates=("A", "B", "C"), seats=2, value=Fraction(1, 2), stage="remainder")
    >>> resolve(tie, PublicDraw(sources=(9319,))).winners
    ('C', 'A')
    """
    if isinstance(breaker, DrawingOfLots):
        seen: set[str] = set()
        for name in breaker.order:
            if name not in tie.candidates:
                raise InconsistentValue("seats.unknown_candidate", field="order", value=name)
            if name in seen:
                raise InconsistentValue("seats.lots_duplicate", field="order", value=name)
            seen.add(name)
        if len(breaker.order) < tie.seats:
            raise MissingValue(
                "seats.lots_short", field="order", value=len(breaker.order), seats=tie.seats
            )
        order = breaker.order
    elif isinstance(breaker, PublicDraw):
        picks = select(breaker.key, pool=len(tie.candidates), count=len(tie.candidates))
        order = tuple(tie.candidates[number - 1] for number in picks)
    else:
        raise InvalidType("seats.candidate_type", field="breaker", value=breaker)
    return TieResolution(tie=tie, winners=order[: tie.seats], order=order, by=breaker)
