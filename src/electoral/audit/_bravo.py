"""Private: ballot-polling audits with BRAVO (Lindeman, Stark and Yates 2012).

Ballots are drawn uniformly with replacement from every ballot of the race and read
by hand; no result form is compared. For "``w`` beats ``l``" with reported shares,
``s`` is ``w``'s share of the votes for ``w`` or ``l``; each ballot for ``w``
multiplies the test statistic ``T`` by ``s / (1/2)``, each ballot for ``l`` by
``(1 - s) / (1/2)``, any other ballot leaves it alone. The assertion is confirmed
when ``T >= 1/alpha``: Wald's sequential probability ratio test, whose chance of ever
confirming a false assertion is at most ``alpha``.

The same test serves every assertion whose ballots fall into two groups, one
favoured by a coefficient ``+c_p`` and one disfavoured by ``-c_n``: the null share of
the favoured group is ``c_n / (c_p + c_n)`` instead of 1/2. This covers a majority
(the winner against everyone else), a threshold (a list against all others, null
share the threshold), and D'Hondt and Sainte-Laguë's quotient comparisons (Stark and
Teague 2014: ``A``'s share of the ballots for ``A`` or ``B`` against
``d(W_A) / (d(W_A) + d(L_B))``). Largest-remainder assertions weigh three groups of
ballots differently and are refused (``audit.polling_unsupported``), as is the
"50 % + 1" majority, whose bound of two votes a sample cannot see.

The **risk** of an assertion is ``1 / T``, computed as an exact product rounded up
(:func:`~electoral.audit._common.pow_risk`); a contest is confirmed when every
assertion's risk is at most ``alpha``. The **average sample number** (BRAVO's ASN,
as on Stark's ballot-polling tools page) is
``(ln(1/alpha) + ln(s/s0)/2) / (p_w ln(s/s0) + p_l ln((1 - s)/(1 - s0)))`` with
``p_w``, ``p_l`` the shares of all ballots (blank and invalid ones included); after a
first round, ``ln(1/alpha)`` becomes ``ln(risk/alpha)``.

>>> from fractions import Fraction
>>> from electoral.audit._assertions import pairwise
>>> split = split_assertion(pairwise("W", "L", {"W": 600, "L": 400}), {"W": 600, "L": 400}, 1000)
>>> math.ceil(average_sample_number(split, Fraction(1, 10)))
119
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction

import attrs

from electoral.errors import InconsistentValue, register_messages

from ._assertions import Assertion
from ._common import ceil_risk, pow_risk

__all__ = ["Split", "average_sample_number", "polling_risk", "split_assertion"]

register_messages(
    {
        "audit.polling_unsupported": (
            "{value} cannot be audited by ballot polling: {reason}.",
            "لا يمكن تدقيق {value} بسحب أوراق الاقتراع: {reason}.",
        ),
    }
)


@attrs.frozen(kw_only=True)
class Split:
    """An assertion seen as a two-sided ballot-polling test.

    Attributes:
        assertion: the assertion.
        favoured: the candidates whose ballots support it.
        against: the candidates whose ballots count against it.
        share: the reported share of ``favoured`` among the ballots of both groups.
        null: the share at which the assertion fails.
        favoured_rate: the reported share of all ballots for ``favoured``.
        against_rate: likewise for ``against``.
    """

    assertion: Assertion
    favoured: frozenset[str]
    against: frozenset[str]
    share: Fraction
    null: Fraction
    favoured_rate: Fraction
    against_rate: Fraction

    @property
    def testable(self) -> bool:
        """Whether a sample can ever confirm it (the reported share beats the null)."""
        return bool(self.favoured) and self.share > self.null


def split_assertion(assertion: Assertion, totals: Mapping[str, int], ballots: int) -> Split:
    """The two groups of ``assertion`` and its reported and null shares.

    Raises:
        InconsistentValue: ``audit.polling_unsupported`` when the favoured or the
            disfavoured ballots do not all weigh the same, or the bound is positive.
    """
    plus = {name: c for name, c in assertion.coefficients if c > 0}
    minus = {name: -c for name, c in assertion.coefficients if c < 0}
    if len(set(plus.values())) > 1 or len(set(minus.values())) > 1:
        raise InconsistentValue(
            "audit.polling_unsupported",
            field="rule",
            value=assertion.text,
            reason="its ballots weigh more than two ways",
        )
    if assertion.threshold > 0:
        raise InconsistentValue(
            "audit.polling_unsupported",
            field="rule",
            value=assertion.text,
            reason="a sample cannot show a bound of more than one vote",
        )
    weight_for = next(iter(plus.values()), 1)
    weight_against = next(iter(minus.values()), 0)
    favoured = sum(totals.get(name, 0) for name in plus)
    against = sum(totals.get(name, 0) for name in minus)
    both = favoured + against
    return Split(
        assertion=assertion,
        favoured=frozenset(plus),
        against=frozenset(minus),
        share=Fraction(favoured, both) if both else Fraction(0),
        null=Fraction(weight_against, weight_for + weight_against),
        favoured_rate=Fraction(favoured, ballots) if ballots else Fraction(0),
        against_rate=Fraction(against, ballots) if ballots else Fraction(0),
    )


def polling_risk(split: Split, favoured: int, against: int) -> Fraction | None:
    """The risk of ``split``'s assertion after ``favoured`` and ``against`` ballots.

    An assertion with nobody against it (a candidate has at least one vote) is proven
    by one ballot in its favour; one that no sample can confirm keeps risk 1. A
    ballot against a side the reported totals gave no vote at all makes the risk
    unbounded (``None``): only a full hand count can decide.

    >>> from electoral.audit._assertions import pairwise
    >>> split = split_assertion(pairwise("W", "L", {"W": 3, "L": 1}), {"W": 3, "L": 1}, 4)
    >>> polling_risk(split, 2, 0)
    Fraction(4, 9)
    """
    if not split.against:
        return Fraction(0) if favoured and split.favoured else Fraction(1)
    if not split.testable:
        return Fraction(1)
    if split.share == 1:
        return None if against else pow_risk(split.null, favoured)
    up = pow_risk(split.null / split.share, favoured)
    down = pow_risk((1 - split.null) / (1 - split.share), against)
    return ceil_risk(up * down)


def average_sample_number(
    split: Split, alpha: Fraction, so_far: Fraction = Fraction(1)
) -> float | None:
    """BRAVO's average sample number for ``split`` (``None``: no sample will do).

    ``so_far`` is the assertion's risk after the ballots already drawn.
    """
    if so_far <= alpha:
        return 0.0
    if not split.against:
        return None if not split.favoured_rate else float(1 / split.favoured_rate)
    if not split.testable:
        return None
    gain = math.log(split.share / split.null)
    step = float(split.favoured_rate) * gain
    if split.against_rate:
        step += float(split.against_rate) * math.log((1 - split.share) / (1 - split.null))
    if not step > 0:
        return None
    return (math.log(so_far / alpha) + gain / 2) / step
