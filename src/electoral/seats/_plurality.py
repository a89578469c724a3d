"""Plurality methods: FPTP, SNTV, the party block vote and the two-round system.

* **FPTP / SNTV** (Law 4/2012 Art. 6; Law 10/2014 as amended; Law 2/2021): each voter
  has one vote; the *k* candidates with the most votes win the *k* seats of the
  district (FPTP when *k* = 1).
* **Party block vote** (HNEC Decree 43/2023 Art. 7, municipal councils): the list with
  the most valid votes takes every list seat.
* **Two-round majority** (Law 1/2021, presidential; the 2023 presidential law): a
  candidate with a majority in the first round is elected, otherwise the top two go
  to a run-off; under the 2023 law the run-off is always held.

Every method returns the candidates certainly elected, a :class:`~electoral.seats.Tie`
for the places still shared, the ranking it used (the explanation), and the seats no
candidate could fill. A candidate with no votes is never elected.

>>> result = plurality({"A": 120, "B": 95, "C": 95, "D": 10}, 2)
>>> result.elected, result.tie.candidates, result.tie.seats
(('A',), ('B', 'C'), 1)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from fractions import Fraction
from operator import itemgetter
from typing import Literal

import attrs

from electoral._guard import MAX_COUNT, guarded, typed_fields
from electoral.errors import InconsistentValue

from ._common import (
    Tie,
    TieStage,
    UnknownName,
    check_base,
    check_count,
    check_votes,
    cut,
    plain_votes,
    rank_votes,
)
from ._ties import TieBreaker, TieResolution, resolve

__all__ = [
    "BlockVoteResult",
    "Majority",
    "PluralityResult",
    "TwoRoundResult",
    "block_vote",
    "fptp",
    "plurality",
    "runoff",
    "sntv",
    "two_round",
]

Majority = Literal["more_than_half", "fifty_percent_plus_one", "always_runoff"]
MAJORITIES: tuple[Majority, ...] = ("more_than_half", "fifty_percent_plus_one", "always_runoff")
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)


def _canonical(items: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    """The votes in name order: two results from the same votes compare equal."""
    return tuple(sorted(items))


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PluralityResult:
    """The outcome of FPTP or SNTV in one district.

    Attributes:
        seats: the number of seats to fill.
        elected: the candidates certainly elected, in ranking order.
        tie: the candidates tied for the last places, if any.
        resolution: how the tie was broken, when a drawing was given.
        unfilled: seats no candidate could fill (too few candidates with votes).
        votes: the votes counted, ``(candidate, votes)`` as given (compared and
            hashed in name order).

    The explanation, every candidate most votes first, is :attr:`ranking`.
    """

    seats: int
    elected: tuple[str, ...]
    tie: Tie | None = None
    resolution: TieResolution | None = None
    unfilled: int = 0
    votes: tuple[tuple[str, int], ...] = attrs.field(default=(), eq=_canonical, repr=False)

    @functools.cached_property
    def ranking(self) -> tuple[tuple[str, int], ...]:
        """``(candidate, votes)``, most votes first, then by identifier.

        Ranked when first read: a count whose explanation nobody reads does not pay
        for sorting every candidate.

        >>> plurality({"B": 5, "C": 9, "A": 5}, 1).ranking
        (('C', 9), ('A', 5), ('B', 5))
        """
        return tuple(rank_votes(dict(self.votes)))

    @property
    def winners(self) -> tuple[str, ...]:
        """Everyone elected, including the winners of a resolved tie.

        >>> from electoral.seats import DrawingOfLots
        >>> plurality({"A": 5, "B": 5}, 1, lots=DrawingOfLots(order=("B", "A"))).winners
        ('B',)
        """
        extra = self.resolution.winners if self.resolution else ()
        return self.elected + extra


_new = object.__new__
_SEATS, _ELECTED, _TIE, _RESOLUTION, _UNFILLED, _VOTES = (
    getattr(PluralityResult, field.name).__set__ for field in attrs.fields(PluralityResult)
)


def _clear_result(
    places: int, votes: tuple[tuple[str, int], ...], elected: tuple[str, ...]
) -> PluralityResult:
    """``PluralityResult(...)`` without a tie or resolution, at half the cost.

    The class has no converters, validators or hooks (checked by
    ``tests/seats/test_fast_paths.py``), so this is the value ``__init__`` builds.
    """
    result = _new(PluralityResult)
    _SEATS(result, places)
    _ELECTED(result, elected)
    _TIE(result, None)
    _RESOLUTION(result, None)
    _UNFILLED(result, places - len(elected))
    _VOTES(result, votes)
    return result


def _clear_plurality(votes: dict[str, int], places: int) -> PluralityResult | None:
    """The result when the votes need no report and the last place is clear.

    The last place is clear when it has votes and is not shared with the next
    candidate: the winners are then the first ``places`` candidates by votes, and
    only they need ordering by name among equal votes. ``None`` sends the caller down
    the general path (a report to make, a tie, or candidates without votes).
    """
    try:
        by_votes = sorted(votes.items(), key=_SECOND, reverse=True)
    except TypeError:  # names or None among the counts: the general path reports them
        return None
    # the counts are all ints once plain_votes has checked their types, so the ends
    # of the sorted list are the smallest and the largest
    if not plain_votes(votes, by_votes[-1][1], by_votes[0][1]):
        return None
    last = min(places, len(by_votes))
    boundary = by_votes[last - 1][1]
    if not boundary or (places < len(by_votes) and by_votes[places][1] == boundary):
        return None
    winners = by_votes[:last]
    winners.sort()  # by name (names are unique), then stably by votes: the ranking
    winners.sort(key=_SECOND, reverse=True)
    return _clear_result(places, tuple(by_votes), tuple(map(_FIRST, winners)))


def _select(
    ranking: list[tuple[str, int]],
    places: int,
    stage: TieStage,
    lots: TieBreaker | None,
) -> tuple[tuple[tuple[str, int], ...], list[str], Tie | None, TieResolution | None, int]:
    """Cut ``ranking`` (from :func:`rank_votes`) at ``places``; zero votes never win."""
    eligible = len(ranking)
    while eligible and not ranking[eligible - 1][1]:  # the candidates without votes
        eligible -= 1
    tie = None
    resolution = None
    if places <= 0 or not eligible:
        inside: list[str] = []
    elif places >= eligible:
        inside = [name for name, _votes in ranking[:eligible]]
    elif ranking[places][1] != ranking[places - 1][1]:
        inside = [name for name, _votes in ranking[:places]]
    else:  # equal votes straddle the last place: a tie
        keyed = [(count, name) for name, count in ranking[:eligible]]
        inside, tied, boundary = cut(keyed, places)
        assert boundary is not None
        tie = Tie(
            candidates=tied,
            seats=places - len(inside),
            value=Fraction(boundary),
            stage=stage,
        )
        if lots is not None:
            resolution = resolve(tie, lots)
    filled = len(inside) + (tie.seats if tie else 0)
    return tuple(ranking), inside, tie, resolution, places - filled


@guarded(own=("votes", "seats", "threshold", "threshold_base", "caps", "base"))
def plurality(
    votes: Mapping[str, int], seats: int, *, lots: TieBreaker | None = None
) -> PluralityResult:
    """Elect the ``seats`` candidates with the most votes (FPTP, SNTV).

    Legal source: Law 4/2012 Art. 6 (GNC individual seats, "by majority"; FPTP where a
    constituency has one seat, SNTV where it has more); Law 10/2014 and Law 2/2021
    (HoR, individual non-transferable vote).

    Args:
        votes: ``{candidate: votes}``.
        seats: the number of seats of the district.
        lots: the outcome of a drawing of lots, applied if the last places are tied.

    Returns:
        A :class:`PluralityResult`.

    Raises:
        ValidationErrors: bad votes (``seats.votes_type``, ``seats.votes_negative``...).
        InvalidType, OutOfRange: bad ``seats`` (``seats.count_type``,
            ``seats.count_negative``).

    >>> plurality({"Amal": 310, "Badr": 280, "Jamal": 150}, 2).elected
    ('Amal', 'Badr')
    >>> plurality({"Amal": 310}, 2).unfilled
    1
    """
    if type(votes) is dict and type(seats) is int and 0 < seats <= MAX_COUNT and votes:
        fast = _clear_plurality(votes, seats)
        if fast is not None:
            return fast
    counted = check_votes(votes)
    places = check_count(seats)
    _ranking, inside, tie, resolution, unfilled = _select(
        rank_votes(counted), places, "plurality", lots
    )
    return PluralityResult(
        seats=places,
        elected=tuple(inside),
        tie=tie,
        resolution=resolution,
        unfilled=unfilled,
        votes=tuple(counted.items()),
    )


@guarded(own=("votes", "seats", "threshold", "threshold_base", "caps", "base"))
def fptp(votes: Mapping[str, int], *, lots: TieBreaker | None = None) -> PluralityResult:
    """First past the post: :func:`plurality` with one seat.

    >>> fptp({"A": 10, "B": 12}).elected
    ('B',)
    """
    return plurality(votes, 1, lots=lots)


@guarded(own=("votes", "seats", "threshold", "threshold_base", "caps", "base"))
def sntv(
    votes: Mapping[str, int], seats: int, *, lots: TieBreaker | None = None
) -> PluralityResult:
    """Single non-transferable vote: :func:`plurality` with ``seats`` seats.

    >>> sntv({"A": 10, "B": 12, "C": 11}, 2).elected
    ('B', 'C')
    """
    if type(votes) is dict and type(seats) is int and 0 < seats <= MAX_COUNT and votes:
        fast = _clear_plurality(votes, seats)
        if fast is not None:
            return fast
    return plurality(votes, seats, lots=lots)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class BlockVoteResult:
    """The outcome of a party block vote: one list takes every list seat.

    Attributes:
        seats: the list seats at stake.
        ranking: ``(list, votes)``, most votes first.
        winner: the list that takes all the seats (``None`` if tied or no votes).
        tie: the lists tied for first place (``seats`` of the tie is 1: one block).
        resolution: how the tie was broken.
    """

    seats: int
    ranking: tuple[tuple[str, int], ...]
    winner: str | None
    tie: Tie | None = None
    resolution: TieResolution | None = None

    @property
    def unfilled(self) -> int:
        """The seats left empty because no list has a vote."""
        return self.seats if self.winner is None and self.tie is None else 0

    @property
    def allocation(self) -> dict[str, int]:
        """``{list: seats}`` for the winning list (after any resolved tie).

        >>> block_vote({"L1": 900, "L2": 700}, 5).allocation
        {'L1': 5}
        """
        winner = self.winner or (self.resolution.winners[0] if self.resolution else None)
        return {winner: self.seats} if winner is not None and self.seats else {}


@guarded(own=("votes", "seats", "threshold", "threshold_base", "caps", "base"))
def block_vote(
    votes: Mapping[str, int], seats: int, *, lots: TieBreaker | None = None
) -> BlockVoteResult:
    """Party block vote: the list with the most votes wins all ``seats``.

    Legal source: HNEC Decree 43/2023 Art. 7 ("the list with the highest number of
    valid votes wins"); Presidential Council Regulation 1363 (2018) for the CCMCE
    municipal elections.

    Args:
        votes: ``{list: votes}``.
        seats: the list seats of the council (5, 6 or 7 under Decree 43/2023).
        lots: the drawing that breaks a tie for first place.

    Returns:
        A :class:`BlockVoteResult`.

    >>> result = block_vote({"L1": 900, "L2": 900}, 5)
    >>> result.winner, result.tie.candidates
    (None, ('L1', 'L2'))
    """
    counted = check_votes(votes)
    places = check_count(seats)
    ranking, inside, tie, resolution, _unfilled = _select(rank_votes(counted), 1, "block", lots)
    return BlockVoteResult(
        seats=places,
        ranking=ranking,
        winner=inside[0] if inside else None,
        tie=tie,
        resolution=resolution,
    )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class TwoRoundResult:
    """The first round of a two-round election.

    Attributes:
        majority: the reading of the majority rule that was applied.
        base: the votes the majority is measured against.
        ranking: ``(candidate, votes)``, most votes first.
        elected: the candidate elected in this round, if any.
        runoff: the candidates certainly in the run-off.
        tie: the candidates tied for the remaining run-off place(s).
        resolution: how that tie was broken.
        unfilled: run-off places nobody could take (fewer than two candidates).
    """

    majority: Majority
    base: int
    ranking: tuple[tuple[str, int], ...]
    elected: str | None
    runoff: tuple[str, ...]
    tie: Tie | None = None
    resolution: TieResolution | None = None
    unfilled: int = 0

    @property
    def finalists(self) -> tuple[str, ...]:
        """The run-off candidates, including the winners of a resolved tie."""
        extra = self.resolution.winners if self.resolution else ()
        return self.runoff + extra


def _has_majority(votes: int, base: int, majority: Majority) -> bool:
    if majority == "more_than_half":
        return 2 * votes > base
    if majority == "fifty_percent_plus_one":
        return Fraction(votes) >= Fraction(base, 2) + 1
    return False


@guarded(own=("votes", "seats", "threshold", "threshold_base", "caps", "base"))
def two_round(
    votes: Mapping[str, int],
    *,
    majority: Majority = "more_than_half",
    base: int | None = None,
    lots: TieBreaker | None = None,
) -> TwoRoundResult:
    """Decide the first round: a candidate elected, or the two who go to a run-off.

    Legal source: Law 1/2021 (presidential election; HNEC's chair: "50 % + 1" in the
    first round, otherwise a second round); the 2023 presidential law (Official
    Gazette; "the first and second winners qualify for the second round, regardless
    of the percentage").

    Args:
        votes: ``{candidate: votes}`` of the first round.
        majority: ``"more_than_half"`` (default: votes > base / 2),
            ``"fifty_percent_plus_one"`` (the literal reading: votes >= base / 2 + 1,
            which differs when ``base`` is odd), or ``"always_runoff"`` (2023).
        base: the votes the majority is measured against; default the sum of
            ``votes`` (the valid votes). It may not be smaller than that sum.
        lots: the drawing that breaks a tie for a run-off place.

    Returns:
        A :class:`TwoRoundResult`.

    Raises:
        UnknownName: ``seats.unknown_name`` for another ``majority``.
        InconsistentValue: ``seats.base_too_small``.

    With 101 valid votes, 51 is more than half but less than 50.5 + 1:

    >>> two_round({"A": 51, "B": 30, "C": 20}).elected
    'A'
    >>> two_round({"A": 51, "B": 30, "C": 20}, majority="fifty_percent_plus_one").runoff
    ('A', 'B')
    >>> two_round({"A": 90, "B": 6, "C": 4}, majority="always_runoff").runoff
    ('A', 'B')
    """
    if majority not in MAJORITIES:
        raise UnknownName(field="majority", value=majority, choices=", ".join(MAJORITIES))
    counted = check_votes(votes)
    total = check_base(base, sum(counted.values()), "base")
    ranking = rank_votes(counted)
    if ranking and ranking[0][1] > 0 and _has_majority(ranking[0][1], total, majority):
        return TwoRoundResult(
            majority=majority, base=total, ranking=tuple(ranking), elected=ranking[0][0], runoff=()
        )
    ranked, inside, tie, resolution, unfilled = _select(ranking, 2, "runoff", lots)
    return TwoRoundResult(
        majority=majority,
        base=total,
        ranking=ranked,
        elected=None,
        runoff=tuple(inside),
        tie=tie,
        resolution=resolution,
        unfilled=unfilled,
    )


@guarded(own=("votes", "seats", "threshold", "threshold_base", "caps", "base"))
def runoff(
    first: TwoRoundResult, votes: Mapping[str, int], *, lots: TieBreaker | None = None
) -> PluralityResult:
    """Decide the second round between the finalists of ``first``.

    Args:
        first: the first-round result (its ties must be resolved).
        votes: ``{finalist: votes}`` of the second round.
        lots: the drawing that breaks a tie in the second round.

    Returns:
        A one-seat :class:`PluralityResult`.

    Raises:
        InconsistentValue: ``seats.unknown_candidate`` for a candidate who is not a
            finalist (or if the first round's tie is unresolved).

    >>> first = two_round({"A": 40, "B": 35, "C": 25})
    >>> runoff(first, {"A": 48, "B": 52}).elected
    ('B',)
    """
    counted = check_votes(votes)
    finalists = set(first.finalists)
    for name in counted:
        if name not in finalists:
            raise InconsistentValue("seats.unknown_candidate", field="votes", value=name)
    _ranking, inside, tie, resolution, unfilled = _select(rank_votes(counted), 1, "runoff", lots)
    return PluralityResult(
        seats=1,
        elected=tuple(inside),
        tie=tie,
        resolution=resolution,
        unfilled=unfilled,
        votes=tuple(counted.items()),
    )
