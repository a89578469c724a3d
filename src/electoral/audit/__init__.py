"""Risk-limiting audits (تدقيق محدود المخاطر): how many stations to recount by hand.

A published total can be proved to be the sum of the published result forms; only a
hand count of ballots can show that the forms match the ballots. A **risk-limiting
audit** does this by sampling: if the reported seats are wrong, the audit leads to a
full hand count with probability at least ``1 - alpha``; if they are right, it
usually stops after a small sample.

* **What is checked.** Each seat method's outcome is a set of linear
  :class:`Assertion` objects in SHANGRLA's framework (:func:`assertions`): every SNTV
  winner beats every loser, a two-round winner has a majority, D'Hondt's and
  Sainte-Laguë's quotients keep their order, Hamilton's remainders keep theirs.
  Margins are exact whole numbers.
* **Batch comparison** (the default): a batch is one station's result form for one
  race (:class:`Batch`); sampled stations are recounted and compared with their forms
  with the MACRO error bound and the Kaplan-Markov risk (Stark 2009), as VotingWorks'
  Arlo does, sampling stations in proportion to their error bound (PPEB) or
  uniformly.
* **Ballot polling** (BRAVO, Lindeman, Stark and Yates 2012), for a race whose forms
  cannot be compared: single ballots are drawn and read.
* **Draws** come from a public seed by SHA-256 in counter mode, after Rivest's
  reference sampler (:func:`sample_uniform`, :func:`sample_weighted`), so anyone can
  repeat them.
* **Rounds**: :func:`plan_audit` draws the first round; :func:`evaluate_audit`
  reads the hand counts and confirms, draws the next round, or calls for a full hand
  count.

>>> from fractions import Fraction
>>> from electoral.seats import PluralityRule
>>> batches = [Batch(id=f"F{n}", votes={"Amal": 300, "Badr": 200}, ballots=510)
...            for n in range(1, 41)]
>>> contest = Contest(id="Ghat/general", rule=PluralityRule(), seats=1, batches=batches)
>>> plan = plan_audit(contest, risk_limit=Fraction(1, 20),
...                   seed="84629105738291047562", expected_overstatement=0)
>>> plan.sample_size, len(plan.to_count) <= plan.sample_size
(18, True)
>>> counts = [HandCount(batch=b, votes={"Amal": 300, "Badr": 200}) for b in plan.to_count]
>>> evaluate_audit(plan, counts).status
'confirmed'
"""

from __future__ import annotations

from electoral.audit._assertions import (
    Assertion,
    AssertionKind,
    assertions,
    pairwise,
    supermajority,
)
from electoral.audit._common import GRID_BITS, MAX_COUNT, check_risk_limit
from electoral.audit._contest import (
    Batch,
    Contest,
    FormRow,
    Outcome,
    Rule,
    contests_from_results,
    seats_won,
)
from electoral.audit._files import (
    RESULT_COLUMNS,
    hand_count_sheet,
    read_hand_counts,
    read_races,
    read_results,
    write_draws,
    write_races,
)
from electoral.audit._macro import UNIT, ErrorBounds
from electoral.audit._macro import error_bounds as _error_bounds
from electoral.audit._plan import (
    AuditEvaluation,
    AuditPlan,
    BallotRead,
    Discrepancy,
    Draw,
    HandCount,
    evaluate_audit,
    plan_audit,
)
from electoral.audit._plan_json import evaluations_json, plans_from_json, plans_json, risk_text
from electoral.audit._sampling import (
    SEED_DIGITS,
    check_seed,
    contest_seed,
    draw_number,
    sample_uniform,
    sample_weighted,
)

__all__ = [
    "GRID_BITS",
    "MAX_COUNT",
    "RESULT_COLUMNS",
    "SEED_DIGITS",
    "UNIT",
    "Assertion",
    "AssertionKind",
    "AuditEvaluation",
    "AuditPlan",
    "BallotRead",
    "Batch",
    "Contest",
    "Discrepancy",
    "Draw",
    "ErrorBounds",
    "FormRow",
    "HandCount",
    "Outcome",
    "Rule",
    "assertions",
    "check_risk_limit",
    "check_seed",
    "contest_seed",
    "contests_from_results",
    "draw_number",
    "error_bounds",
    "evaluate_audit",
    "evaluations_json",
    "hand_count_sheet",
    "pairwise",
    "plan_audit",
    "plans_from_json",
    "plans_json",
    "read_hand_counts",
    "read_races",
    "read_results",
    "risk_text",
    "sample_uniform",
    "sample_weighted",
    "seats_won",
    "supermajority",
    "write_draws",
    "write_races",
]


def error_bounds(contest: Contest, *, uniform: bool = False) -> ErrorBounds:
    """The MACRO error bound of every batch of ``contest``, and their sum ``U``.

    >>> from electoral.seats import PluralityRule
    >>> contest = Contest(id="D", rule=PluralityRule(), seats=1, batches=[
    ...     Batch(id="F1", votes={"W": 200, "L": 180}, ballots=400),
    ...     Batch(id="F2", votes={"W": 100, "L": 90}, ballots=200)])
    >>> bounds = error_bounds(contest)
    >>> bounds.margins, float(bounds.bound)
    ((30,), 21.0)
    """
    if not isinstance(contest, Contest):
        raise TypeError(f"contest must be Contest, not {type(contest).__name__}")
    return _error_bounds(contest, assertions(contest), uniform=uniform)
