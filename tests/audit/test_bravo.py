"""BRAVO ballot polling: the average sample numbers published with it, and its risk.

The ASN formula is the one of Lindeman, Stark and Yates (2012) as given on Stark's
ballot-polling tools page; VotingWorks' Arlo asserts its values in
``server/tests/audit_math/test_bravo.py`` (commit 8d86156c) at a 10 % risk limit:
600 to 400 of 1,000 ballots needs 119; 600/200/100 of 900, 22; 300/200/200 of 1,000
(300 blank), 238; two winners of 300/200/100, 101. The formula is Wald's approximation;
:func:`exact_asn` computes the true expected number of draws by dynamic programming
and agrees to within one ballot.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from electoral.audit import _bravo, assertions
from electoral.errors import InconsistentValue
from electoral.seats import LargestRemainderRule, PluralityRule, TwoRoundRule

from ._support import one_batch

ALPHA = Fraction(1, 10)


def _asn(votes: dict[str, int], ballots: int, seats: int = 1) -> int:
    contest = one_batch(PluralityRule(), seats, votes)
    totals = contest.totals()
    sizes = [
        _bravo.average_sample_number(_bravo.split_assertion(a, totals, ballots), ALPHA)
        for a in assertions(contest)
    ]
    return math.ceil(max(s for s in sizes if s is not None))


@pytest.mark.parametrize(
    ("votes", "ballots", "seats", "expected"),
    [
        ({"w": 600, "l": 400}, 1000, 1, 119),
        ({"w": 600, "l": 200, "m": 100}, 900, 1, 22),
        ({"w": 300, "l": 200, "m": 200}, 1000, 1, 238),
        ({"w": 300, "v": 200, "l": 100}, 700, 2, 101),
    ],
)
def test_average_sample_numbers(
    votes: dict[str, int], ballots: int, seats: int, expected: int
) -> None:
    assert _asn(votes, ballots, seats) == expected


def exact_asn(share: float, alpha: float = 0.1) -> float:
    """The exact expected draws of BRAVO for two candidates, no blank ballots."""
    up, down, goal = math.log(2 * share), math.log(2 - 2 * share), math.log(1 / alpha)
    alive = {0: 1.0}
    expected, draws = 0.0, 0
    while sum(alive.values()) > 1e-9:
        draws += 1
        following: dict[int, float] = {}
        for wins, chance in alive.items():
            for more, weight in ((wins + 1, chance * share), (wins, chance * (1 - share))):
                if more * up + (draws - more) * down >= goal - 1e-12:
                    expected += draws * weight
                else:
                    following[more] = following.get(more, 0.0) + weight
        alive = following
    return expected


@pytest.mark.parametrize("share", [0.75, 0.7])
def test_the_asn_formula_is_within_one_ballot_of_the_exact_expectation(share: float) -> None:
    votes = {"w": round(share * 1000), "l": 1000 - round(share * 1000)}
    split = _bravo.split_assertion(
        assertions(one_batch(PluralityRule(), 1, votes))[0], votes, 1000
    )
    formula = _bravo.average_sample_number(split, ALPHA)
    assert formula is not None
    assert abs(formula - exact_asn(share)) < 1


def test_risk_is_the_exact_likelihood_ratio() -> None:
    votes = {"w": 600, "l": 400}
    split = _bravo.split_assertion(
        assertions(one_batch(PluralityRule(), 1, votes))[0], votes, 1000
    )
    # T = 1.2**a * 0.8**b; the risk is 1/T
    assert _bravo.polling_risk(split, 3, 1) == 1 / (Fraction(6, 5) ** 3 * Fraction(4, 5))
    assert _bravo.polling_risk(split, 0, 0) == 1


def test_a_ballot_against_a_side_reported_without_votes_is_unbounded() -> None:
    votes = {"w": 600, "l": 0}
    split = _bravo.split_assertion(assertions(one_batch(PluralityRule(), 1, votes))[0], votes, 600)
    assert _bravo.polling_risk(split, 5, 0) == Fraction(1, 2) ** 5
    assert _bravo.polling_risk(split, 5, 1) is None


def test_hamilton_cannot_be_polled() -> None:
    votes = {"A": 600, "B": 300, "C": 100}
    contest = one_batch(LargestRemainderRule(), 3, votes)
    with pytest.raises(InconsistentValue) as caught:
        [_bravo.split_assertion(a, votes, 1000) for a in assertions(contest)]
    assert caught.value.code == "audit.polling_unsupported"


def test_fifty_percent_plus_one_winner_cannot_be_polled() -> None:
    votes = {"A": 60, "B": 40}
    contest = one_batch(TwoRoundRule(majority="fifty_percent_plus_one"), 1, votes)
    with pytest.raises(InconsistentValue) as caught:
        [_bravo.split_assertion(a, votes, 100) for a in assertions(contest)]
    assert caught.value.code == "audit.polling_unsupported"


def test_dhondt_pair_has_the_null_share_of_its_divisors() -> None:
    from electoral.seats import HighestAveragesRule

    votes = {"A": 600, "B": 350, "C": 100}
    contest = one_batch(HighestAveragesRule(), 3, votes)
    pair = next(a for a in assertions(contest) if a.winner == "A" and a.loser == "C")
    split = _bravo.split_assertion(pair, votes, 1050)
    # A's last seat (divisor 2) against C's first (divisor 1): fails at T_A = 2 T_C
    assert split.null == Fraction(2, 3)
    assert split.share == Fraction(600, 700)
