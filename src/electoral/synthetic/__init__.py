"""Synthetic elections (انتخابات تجريبية): a seeded, Libya-shaped national election.

Everything is generated from one integer seed with :class:`random.Random`
instances of its own (never the global random state), so the same seed gives the
same election and a different seed a different one. Sizes are parameters, with
presets: :attr:`Size.TINY` for tests, :attr:`Size.SMALL`, :attr:`Size.NATIONAL`
(13 constituencies, 75 sub-constituencies, 1,600 centres of every type, 2.8 million
voters).

* :func:`generate_country`: offices, constituencies, sub-constituencies, centres
  (general, displaced, oil, disability, revolution, copy and split), the general and
  women's races, ballots and candidates;
* :func:`generate_register`: registered voters with four-part Arabic names, birth
  dates and national ids consistent with the rules, in compact columns, read as the
  civil registry's rows (:meth:`Register.rows`);
* :func:`generate_forms`: result forms with realistic noise and a share of injected
  problems (:data:`FORM_PROBLEMS`);
* :func:`run` (and :func:`synthetic_election`): all of it through the library's
  rules, stage by stage: register validation, eligibility, rolls and station
  allocation, the results life cycle, the tally, and the winners of every race.

The data are invented; no real person appears.

>>> from fractions import Fraction
>>> election = synthetic_election(Size.TINY, seed=7, problem_share=Fraction(1, 5))
>>> sorted(election.injected)
['double_entry', 'duplicate', 'over_voting', 'reconciliation']
>>> len(election.outcome.winners) >= election.size.general_seats
True
"""

from __future__ import annotations

from electoral.synthetic._country import (
    GENERAL_RACE,
    POLLING_END,
    POLLING_START,
    REGISTER_AS_OF,
    WOMEN_RACE,
    Country,
    apportion,
    generate_country,
)
from electoral.synthetic._pipeline import (
    STAGES,
    Progress,
    RegisterCheck,
    RollAllocation,
    SyntheticElection,
    TallyOutcome,
    allocate_polling_stations,
    district_map,
    process_forms,
    public_draw,
    run,
    seat_election,
    synthetic_election,
    tally_setup,
    validate_register,
    winners,
)
from electoral.synthetic._register import (
    REGISTER_PROBLEMS,
    Register,
    generate_register,
    share_count,
)
from electoral.synthetic._results import (
    DEFAULT_PROBLEM_SHARE,
    FORM_PROBLEMS,
    SyntheticForm,
    generate_forms,
)
from electoral.synthetic._sizes import PRESETS, Size

__all__ = [
    "DEFAULT_PROBLEM_SHARE",
    "FORM_PROBLEMS",
    "GENERAL_RACE",
    "POLLING_END",
    "POLLING_START",
    "PRESETS",
    "REGISTER_AS_OF",
    "REGISTER_PROBLEMS",
    "STAGES",
    "WOMEN_RACE",
    "Country",
    "Progress",
    "Register",
    "RegisterCheck",
    "RollAllocation",
    "Size",
    "SyntheticElection",
    "SyntheticForm",
    "TallyOutcome",
    "allocate_polling_stations",
    "apportion",
    "district_map",
    "generate_country",
    "generate_forms",
    "generate_register",
    "process_forms",
    "public_draw",
    "run",
    "seat_election",
    "share_count",
    "synthetic_election",
    "tally_setup",
    "validate_register",
    "winners",
]
