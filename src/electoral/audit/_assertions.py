"""Private: the assertions that make a reported outcome correct, per seat method.

An **assertion** (SHANGRLA, Stark 2020) is a linear inequality over the true vote
totals ``T``: ``sum(a_e * T_e) > c``, with whole coefficients ``a_e`` and a whole
bound ``c``. Each seat method gets a set of assertions that are all true exactly when
a full hand count would give the reported seats, so an audit that confirms every
assertion confirms the outcome:

=================================  =================================================
rule                               assertions
=================================  =================================================
plurality, SNTV (``k`` seats)      every winner beats every loser (``T_w - T_l > 0``)
party block vote                   the winning list beats every other list
two rounds, decided in round one   the winner has a majority of the valid votes
two rounds, run-off                both finalists beat every other candidate, and
                                   neither finalist has a majority
D'Hondt, Sainte-Laguë              every seat-winning list's last quotient beats
                                   every other list's next quotient (Stark and
                                   Teague 2014; Blom et al. 2021)
largest remainder, Hare quota      every seat-winning list's last seat beats every
(Hamilton)                         other list's next seat, by quota and remainder
                                   (Blom, Stark, Stuckey, Teague, Vukcevic 2021)
threshold                          every list above it stays above, every list
                                   below stays below
=================================  =================================================

**Ties decided by lot.** Where the reported totals tie and a drawing chose, the
assertion only requires the order not to be reversed (``c = -1``: ``T_w - T_l >= 0``).
**Unfilled seats** (too few candidates with votes) add "still no votes" assertions,
whose margin is one vote. A tie that no drawing resolved cannot be audited.

**Largest remainder.** Writing ``q_e = S T_e / V`` (``V`` the votes of the lists over
the threshold, ``S`` the seats), a list ``i`` with ``s_i`` seats and a list ``j`` with
``s_j`` seats satisfy ``q_i - (s_i - 1) > q_j - s_j``, i.e.
``S T_i - S T_j - (s_i - 1 - s_j) V > 0``, for every such pair exactly when some
``λ`` in ``[0, 1)`` gives every list ``ceil(q_e - λ)`` seats, which is the Hamilton
allocation (the ``S - sum(floor(q_e))`` largest remainders win). Other quotas (Droop,
Hagenbach-Bischoff, Imperiali, rounded Hare) and caps that bind are refused
(``audit.method_unsupported``): no published risk-limiting method covers them.

The **assorter** of an assertion (Blom et al. 2021, section 3) scores a ballot
``h(b) = (g(b) - a) / (-2a)``, where ``g(b)`` is the ballot's contribution to the
left-hand side and ``a < 0`` its lowest value; the assertion holds exactly when the
mean of ``h`` over all ballots exceeds 1/2. For "Alice beats Candy" a ballot for Alice
scores 1, for Candy 0, anything else 1/2, as in SHANGRLA:

>>> pair = pairwise("Alice", "Candy", {"Alice": 5, "Candy": 3})
>>> [pair.assorter(vote) for vote in ("Alice", "Bob", "Candy", None)]
[Fraction(1, 1), Fraction(1, 2), Fraction(0, 1), Fraction(1, 2)]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Literal

import attrs

from electoral.errors import InconsistentValue, InvalidType, register_messages
from electoral.seats import (
    DIVISORS,
    Allocation,
    BlockVoteResult,
    HighestAveragesRule,
    LargestRemainderRule,
    PluralityResult,
    TwoRoundResult,
    TwoRoundRule,
)

from ._common import check_name, require_type
from ._contest import Contest, Outcome

__all__ = ["Assertion", "AssertionKind", "assertions", "pairwise", "supermajority"]

register_messages(
    {
        "audit.unresolved_tie": (
            "the reported outcome has a tie among {value} for {seats} place(s) that no "
            "drawing resolved; give the drawing's outcome.",
            "في النتيجة المعلنة تعادل بين {value} على {seats} من المقاعد لم تحسمه قرعة؛ "
            "أدخل نتيجة القرعة.",
        ),
        "audit.method_unsupported": (
            "{value} cannot be audited: {reason}.",
            "لا يمكن تدقيق {value}: {reason}.",
        ),
    }
)

AssertionKind = Literal[
    "pairwise",
    "majority",
    "no_majority",
    "supermajority",
    "has_votes",
    "no_votes",
    "quotient",
    "remainder",
    "threshold",
    "below_threshold",
]
"""What an assertion says; see :attr:`Assertion.text` for each in words."""

_TEXTS: dict[str, str] = {
    "pairwise": "{winner} beats {loser}",
    "majority": "{winner} has a majority of the valid votes",
    "no_majority": "{loser} has no majority of the valid votes",
    "supermajority": "{winner} has more than the required share of the valid votes",
    "has_votes": "{winner} has at least one vote",
    "no_votes": "{loser} has no vote",
    "quotient": "{winner}'s last seat beats {loser}'s next seat by quotient",
    "remainder": "{winner}'s last seat beats {loser}'s next seat by quota and remainder",
    "threshold": "{winner} reaches the threshold",
    "below_threshold": "{loser} stays below the threshold",
}


def _pairs(value: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"coefficients must be (candidate, int) pairs, not {type(value).__name__}")
    pairs = []
    for item in value:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise TypeError(f"coefficients must be (candidate, int) pairs, not {item!r:.40}")
        name, coefficient = item
        check_name(name, "candidate")
        if type(coefficient) is not int:
            raise InvalidType("audit.count_type", field="coefficients", value=coefficient)
        if coefficient:
            pairs.append((name, coefficient))
    return tuple(sorted(pairs))


def _kind(_instance: object, _attribute: object, value: object) -> None:
    if value not in _TEXTS:
        raise InconsistentValue(
            "audit.unknown_name", field="kind", value=value, choices=", ".join(_TEXTS)
        )


def _label(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    check_name(value, attribute.name)


def _whole(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int:
        raise InvalidType("audit.count_type", field=attribute.name, value=value)


@attrs.frozen(kw_only=True)
class Assertion:
    """A linear assertion ``sum(a_e * T_e) > threshold`` over the true totals ``T``.

    Attributes:
        kind: what it says (``"pairwise"``, ``"quotient"``, ``"majority"``...).
        winner: the candidate or list it favours (``"others"`` for the side of all
            other candidates).
        loser: the candidate or list it disfavours.
        coefficients: ``(candidate, a_e)`` pairs, sorted; every other candidate 0.
        threshold: the whole number ``c`` the sum must exceed (``-1`` where the
            reported totals tie and a drawing decided).
        by_lot: whether the reported order came from a drawing of lots.
    """

    kind: AssertionKind = attrs.field(validator=_kind)
    winner: str = attrs.field(validator=_label)
    loser: str = attrs.field(validator=_label)
    coefficients: tuple[tuple[str, int], ...] = attrs.field(converter=_pairs)
    threshold: int = attrs.field(default=0, validator=_whole)
    by_lot: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    @property
    def text(self) -> str:
        """The assertion in words (``"A beats B"``)."""
        words = _TEXTS[self.kind].format(winner=self.winner, loser=self.loser)
        return words + (" (or ties: the order was drawn by lot)" if self.by_lot else "")

    def value(self, votes: Mapping[str, int]) -> int:
        """The left-hand side ``sum(a_e * votes[e])``."""
        require_type(votes, Mapping, "votes")
        get = votes.get
        return sum(coefficient * get(name, 0) for name, coefficient in self.coefficients)

    def margin(self, votes: Mapping[str, int]) -> int:
        """``value - threshold``: positive exactly when the assertion holds for ``votes``.

        >>> pairwise("A", "B", {"A": 10, "B": 7}).margin({"A": 10, "B": 7})
        3
        """
        return self.value(votes) - self.threshold

    def holds(self, votes: Mapping[str, int]) -> bool:
        """Whether the assertion is true of ``votes``."""
        return self.margin(votes) > 0

    @property
    def lowest(self) -> int:
        """The lowest contribution of one ballot (one vote, or none): ``min(0, min a_e)``."""
        return min(0, min((coefficient for _name, coefficient in self.coefficients), default=0))

    @property
    def highest(self) -> int:
        """The highest contribution of one ballot: ``max(0, max a_e)``."""
        return max(0, max((coefficient for _name, coefficient in self.coefficients), default=0))

    def _shift(self, ballots: int | None) -> Fraction:
        if not self.threshold:
            return Fraction(0)
        if ballots is None or ballots <= 0:
            raise ValueError("an assertion with a non-zero threshold needs the ballots")
        return Fraction(self.threshold, ballots)

    def assorter(self, vote: str | None, *, ballots: int | None = None) -> Fraction:
        """The SHANGRLA assorter's score of a ballot showing ``vote`` (``None``: no vote).

        With a non-zero threshold the ballots of the contest are needed: each ballot
        carries ``-threshold / ballots`` of it (Blom et al. 2021, section 3).
        """
        shift = self._shift(ballots)
        low = self.lowest - shift
        contribution = dict(self.coefficients).get(vote, 0) if vote is not None else 0
        if low >= 0:  # the assertion cannot fail: every ballot scores above 1/2
            return contribution - shift + Fraction(1, 2)
        return (contribution - shift - low) / (-2 * low)

    def assorter_bound(self, *, ballots: int | None = None) -> Fraction:
        """The largest score :meth:`assorter` gives any ballot (SHANGRLA's ``u``)."""
        shift = self._shift(ballots)
        low = self.lowest - shift
        if low >= 0:
            return self.highest - shift + Fraction(1, 2)
        return (self.highest - shift - low) / (-2 * low)

    def assorter_mean(self, votes: Mapping[str, int], ballots: int) -> Fraction:
        """The mean score over ``ballots`` ballots with these ``votes`` (others blank).

        The assertion holds exactly when this exceeds 1/2.
        """
        scored = sum(votes.values())
        total = sum(self.assorter(name, ballots=ballots) * count for name, count in votes.items())
        return (total + self.assorter(None, ballots=ballots) * (ballots - scored)) / ballots


_SETTERS = {
    field.name: getattr(Assertion, field.name).__set__ for field in attrs.fields(Assertion)
}


def _made(
    kind: AssertionKind,
    winner: str,
    loser: str,
    coefficients: Mapping[str, int],
    threshold: int = 0,
    by_lot: bool = False,
) -> Assertion:
    """``Assertion(...)`` from the builders' own, already checked, parts: the slots are
    filled directly (the class has no hook but its validators, which these parts pass)."""
    made = object.__new__(Assertion)
    _SETTERS["kind"](made, kind)
    _SETTERS["winner"](made, winner)
    _SETTERS["loser"](made, loser)
    _SETTERS["coefficients"](made, tuple(sorted((n, c) for n, c in coefficients.items() if c)))
    _SETTERS["threshold"](made, threshold)
    _SETTERS["by_lot"](made, by_lot)
    return made


def _ordered(kind: AssertionKind, winner: str, loser: str, coefficients: dict[str, int],
             reported: Mapping[str, int]) -> Assertion:  # fmt: skip
    """An assertion that the reported totals satisfy strictly, or tie (a drawing's order)."""
    get = reported.get
    if sum(c * get(name, 0) for name, c in coefficients.items()) == 0:
        return _made(kind, winner, loser, coefficients, threshold=-1, by_lot=True)
    return _made(kind, winner, loser, coefficients)


def pairwise(winner: str, loser: str, reported: Mapping[str, int]) -> Assertion:
    """``winner`` has more votes than ``loser`` (or as many, where a drawing decided).

    >>> pairwise("A", "B", {"A": 4, "B": 4}).threshold
    -1
    """
    require_type(reported, Mapping, "reported")
    check_name(winner, "winner")
    check_name(loser, "loser")
    return _ordered("pairwise", winner, loser, {winner: 1, loser: -1}, reported)


def supermajority(winner: str, candidates: Iterable[str], share: Fraction) -> Assertion:
    """``winner`` has more than ``share`` of the valid votes (SHANGRLA's super-majority).

    ``T_w > f V`` is ``(1 - f) T_w - f (V - T_w) > 0``, scaled to whole coefficients.
    Its assorter scores a vote for the winner ``1 / (2f)``, for another candidate 0,
    and no vote 1/2:

    >>> two_thirds = supermajority("Alice", ["Alice", "Bob"], Fraction(2, 3))
    >>> [two_thirds.assorter(vote) for vote in ("Alice", "Bob", None)]
    [Fraction(3, 4), Fraction(0, 1), Fraction(1, 2)]
    """
    require_type(share, Fraction, "share")
    if isinstance(candidates, (str, bytes)) or not isinstance(candidates, Iterable):
        raise TypeError(f"candidates must be a collection of str, not {type(candidates).__name__}")
    if not 0 < share < 1:
        raise ValueError("share must lie strictly between 0 and 1")
    keep, give = share.denominator - share.numerator, share.numerator
    coefficients = dict.fromkeys(candidates, -give)
    coefficients[winner] = keep
    return Assertion(
        kind="supermajority", winner=winner, loser="others", coefficients=coefficients.items()
    )


def _has_votes(name: str) -> Assertion:
    return _made("has_votes", name, "none", {name: 1})


def _no_votes(name: str) -> Assertion:
    return _made("no_votes", "none", name, {name: -1}, threshold=-1)


def _plurality_set(
    winners: Iterable[str],
    losers: Iterable[str],
    reported: Mapping[str, int],
    unfilled: bool,
) -> list[Assertion]:
    winners, losers = list(winners), list(losers)
    found: list[Assertion] = []
    if unfilled or not losers:
        found += [_has_votes(name) for name in winners]
    if unfilled:
        found += [_no_votes(name) for name in losers]
    else:
        found += [
            _ordered("pairwise", w, loser, {w: 1, loser: -1}, reported)
            for w in winners
            for loser in losers
        ]
    return found


def _majority(winner: str, names: Iterable[str], reading: str) -> Assertion:
    coefficients = dict.fromkeys(names, -1)
    coefficients[winner] = 1
    # more than half: T_w - others > 0; "50 % + 1": T_w >= V/2 + 1, i.e. T_w - others > 1
    threshold = 1 if reading == "fifty_percent_plus_one" else 0
    return _made("majority", winner, "others", coefficients, threshold=threshold)


def _no_majority(finalist: str, names: Iterable[str], reading: str) -> Assertion:
    coefficients = dict.fromkeys(names, 1)
    coefficients[finalist] = -1
    # not more than half: others - T_f >= 0; below "50 % + 1": others - T_f + 2 > 0
    threshold = -2 if reading == "fifty_percent_plus_one" else -1
    return _made("no_majority", "others", finalist, coefficients, threshold=threshold)


def _threshold_set(share: Fraction | None, result: Allocation) -> list[Assertion]:
    if not share:
        return []
    names = list(result.votes)
    excluded = set(result.excluded)
    found = []
    give, total = share.numerator, share.denominator
    for name in names:
        if name in excluded:  # den * T_B < num * V
            coefficients = dict.fromkeys(names, give)
            coefficients[name] = give - total
            found.append(_made("below_threshold", "others", name, coefficients))
        else:  # den * T_A >= num * V
            coefficients = dict.fromkeys(names, -give)
            coefficients[name] = total - give
            found.append(_made("threshold", name, "threshold", coefficients, threshold=-1))
    return found


def _divisor_set(contest: Contest, result: Allocation) -> list[Assertion]:
    rule = contest.rule
    assert isinstance(rule, HighestAveragesRule)
    divisor = DIVISORS[rule.divisor]
    final = result.final
    reported = result.votes
    excluded = set(result.excluded)
    eligible = [name for name in reported if name not in excluded]
    caps = {name: (contest.caps or {}).get(name, contest.seats) for name in eligible}
    found = _threshold_set(rule.threshold, result)
    if result.unfilled:
        found += [_has_votes(name) for name in eligible if final[name]]
        found += [_no_votes(name) for name in eligible if final[name] < caps[name]]
        return found
    for first in eligible:
        if not final[first]:
            continue
        last = divisor.at(final[first] - 1)
        rivals = [o for o in eligible if o != first and final[o] < caps[o]]
        if not rivals:  # every other list is capped: its seats need only a vote
            found.append(_has_votes(first))
        for other in rivals:
            following = divisor.at(final[other])
            scale = math.lcm(last.denominator, following.denominator)
            coefficients = {first: int(following * scale), other: -int(last * scale)}
            found.append(_ordered("quotient", first, other, coefficients, reported))
    return found


def _hamilton_set(contest: Contest, result: Allocation) -> list[Assertion]:
    rule = contest.rule
    assert isinstance(rule, LargestRemainderRule)
    if rule.quota != "hare":
        raise InconsistentValue(
            "audit.method_unsupported",
            field="rule",
            value=contest.id,
            reason=f"no published risk-limiting method covers the {rule.quota} quota",
        )
    if any(cap < contest.seats for cap in (contest.caps or {}).values()):
        raise InconsistentValue(
            "audit.method_unsupported",
            field="caps",
            value=contest.id,
            reason="no published risk-limiting method covers largest remainder with caps",
        )
    final = result.final
    reported = result.votes
    excluded = set(result.excluded)
    eligible = [name for name in reported if name not in excluded]
    found = _threshold_set(rule.threshold, result)
    if result.unfilled:
        return found + [_no_votes(name) for name in eligible]
    seats = contest.seats
    for first in eligible:
        if not final[first]:
            continue
        if len(eligible) == 1:  # the only list over the threshold: it needs only a vote
            found.append(_has_votes(first))
        for other in eligible:
            if other == first:
                continue
            gap = final[first] - 1 - final[other]
            coefficients = dict.fromkeys(eligible, -gap)
            coefficients[first] += seats
            coefficients[other] -= seats
            found.append(_ordered("remainder", first, other, coefficients, reported))
    return found


def _check_no_open_tie(contest: Contest, outcome: Outcome) -> None:
    tie = outcome.tie
    if tie is not None and outcome.resolution is None:
        raise InconsistentValue(
            "audit.unresolved_tie",
            field="lots",
            value=", ".join(tie.candidates),
            seats=tie.seats,
        )


def assertions(contest: Contest, outcome: Outcome | None = None) -> tuple[Assertion, ...]:
    """The assertions that together make ``contest``'s reported outcome correct.

    Args:
        contest: the race, its rule and its batches.
        outcome: its reported outcome; default :meth:`Contest.outcome`, recomputed
            from the batches.

    Raises:
        InconsistentValue: ``audit.unresolved_tie`` when the outcome holds a tie that
            the contest's ``lots`` do not resolve; ``audit.method_unsupported`` for
            largest remainder with another quota than Hare, or with binding caps.

    >>> from electoral.seats import PluralityRule
    >>> from electoral.audit import Batch, Contest
    >>> sntv = Contest(id="D1", rule=PluralityRule(), seats=2, batches=[
    ...     Batch(id="F1", votes={"A": 50, "B": 40, "C": 30, "D": 5}, ballots=130)])
    >>> [a.text for a in assertions(sntv)][:3]
    ['A beats C', 'A beats D', 'B beats C']
    """
    require_type(contest, Contest, "contest")
    return _assertions(contest, contest.totals(), outcome)


def _assertions(
    contest: Contest, reported: Mapping[str, int], outcome: Outcome | None = None
) -> tuple[Assertion, ...]:
    """:func:`assertions` with the contest's totals already summed."""
    result = contest.outcome(reported) if outcome is None else outcome
    _check_no_open_tie(contest, result)
    names = contest.names
    if isinstance(result, PluralityResult):
        winners = result.winners
        losers = [name for name in names if name not in winners]
        return tuple(_plurality_set(winners, losers, reported, result.unfilled > 0))
    if isinstance(result, BlockVoteResult):
        winners = tuple(result.allocation)
        losers = [name for name in names if name not in winners]
        return tuple(_plurality_set(winners, losers, reported, not winners))
    if isinstance(result, TwoRoundResult):
        rule = contest.rule
        assert isinstance(rule, TwoRoundRule)
        if result.elected is not None:
            return (_majority(result.elected, names, rule.majority),)
        finalists = result.finalists
        losers = [name for name in names if name not in finalists]
        found = _plurality_set(finalists, losers, reported, result.unfilled > 0)
        if rule.majority != "always_runoff":
            found += [_no_majority(name, names, rule.majority) for name in finalists]
        return tuple(found)
    if isinstance(contest.rule, LargestRemainderRule):
        return tuple(_hamilton_set(contest, result))
    return tuple(_divisor_set(contest, result))
