"""Winners and seats (الفائزون والمقاعد): exact, explained, with ties as values.

Every method takes a plain ``{candidate_or_list: votes}`` mapping (``int`` votes) and
returns a frozen result with the winners, any :class:`Tie` still to be drawn, the
seats nobody could fill, and the figures that explain the result (ranking, quotas,
remainders, quotients). Nothing is ever decided at random: a tie is resolved only by
the outcome of a drawing passed in as data (:class:`DrawingOfLots`) or by a publicly
verifiable RFC 3797 draw (:class:`PublicDraw`), and the resolution is recorded in the
result.

* plurality: :func:`fptp`, :func:`sntv`, :func:`plurality`, :func:`block_vote`;
* two rounds: :func:`two_round`, :func:`runoff`;
* list PR: :func:`largest_remainder` (Hare, rounded Hare, Droop,
  Hagenbach-Bischoff, Imperiali) and :func:`highest_averages` (D'Hondt,
  Sainte-Laguë, modified Sainte-Laguë), with inclusive thresholds and seat caps;
* list composition: the 2012 zipper and the 2023 municipal lists;
* Libya's elections as data (:data:`ELECTIONS`), on the district maps of
  :mod:`electoral.districts`, and :func:`allocate`;
* what-if seats under the law's unsettled readings: :func:`sweep`;
* the results chapter's totals as vote mappings: :func:`votes_from_totals`.

The names load with the submodule that defines them, when first used: importing the
package alone is cheap.

>>> from electoral import seats
>>> seats.highest_averages({"A": 6_000, "B": 3_500, "C": 500}, 5).seats
{'A': 3, 'B': 2, 'C': 0}
>>> seats.METHODS["sainte_lague"]({"A": 6_000, "B": 3_500, "C": 500}, 5).seats
{'A': 3, 'B': 2, 'C': 0}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from electoral._lazy import attach
from electoral.seats import _catalogue  # noqa: F401 - registers every code and label at import

if TYPE_CHECKING:
    from ._allocation import Allocation
    from ._common import OverAward, Tie, UnknownName, check_votes
    from ._composition import (
        MUNICIPAL_COUNCILS,
        MunicipalCandidate,
        MunicipalCouncil,
        Screening,
        check_horizontal_zipper,
        check_municipal_list,
        check_vertical_zipper,
        screen_municipal_lists,
    )
    from ._divisor import DIVISORS, highest_averages
    from ._elections import (
        BlockVoteRule,
        ElectionOutcome,
        ElectionRules,
        HighestAveragesRule,
        LargestRemainderRule,
        Parameter,
        PluralityRule,
        Race,
        TwoRoundRule,
        Winner,
        allocate,
    )
    from ._explanation import Divisor, DivisorRow, QuotaRow
    from ._from_results import candidate_key, votes_from_totals
    from ._libya import (
        CDA_COMPONENT_DISTRICTS,
        ELECTIONS,
        cda_2014,
        gnc_2012,
        hor_2014,
        hor_2021,
        hor_2023,
        municipal_council,
        president_2021,
        president_2023,
        senate_2023,
    )
    from ._methods import METHODS, Majority, TieBreaker
    from ._plurality import (
        BlockVoteResult,
        PluralityResult,
        TwoRoundResult,
        block_vote,
        fptp,
        plurality,
        runoff,
        sntv,
        two_round,
    )
    from ._quota import QUOTAS, largest_remainder
    from ._rfc3797 import key_string, select
    from ._ties import DrawingOfLots, PublicDraw, TieResolution, resolve
    from ._whatif import Reading, SeatChange, Stability, Sweep, sweep

__all__ = [
    "CDA_COMPONENT_DISTRICTS",
    "DIVISORS",
    "ELECTIONS",
    "METHODS",
    "MUNICIPAL_COUNCILS",
    "QUOTAS",
    "Allocation",
    "BlockVoteResult",
    "BlockVoteRule",
    "Divisor",
    "DivisorRow",
    "DrawingOfLots",
    "ElectionOutcome",
    "ElectionRules",
    "HighestAveragesRule",
    "LargestRemainderRule",
    "Majority",
    "MunicipalCandidate",
    "MunicipalCouncil",
    "OverAward",
    "Parameter",
    "PluralityResult",
    "PluralityRule",
    "PublicDraw",
    "QuotaRow",
    "Race",
    "Reading",
    "Screening",
    "SeatChange",
    "Stability",
    "Sweep",
    "Tie",
    "TieBreaker",
    "TieResolution",
    "TwoRoundResult",
    "TwoRoundRule",
    "UnknownName",
    "Winner",
    "allocate",
    "block_vote",
    "candidate_key",
    "cda_2014",
    "check_horizontal_zipper",
    "check_municipal_list",
    "check_vertical_zipper",
    "check_votes",
    "fptp",
    "gnc_2012",
    "highest_averages",
    "hor_2014",
    "hor_2021",
    "hor_2023",
    "key_string",
    "largest_remainder",
    "municipal_council",
    "plurality",
    "president_2021",
    "president_2023",
    "resolve",
    "runoff",
    "screen_municipal_lists",
    "select",
    "senate_2023",
    "sntv",
    "sweep",
    "two_round",
    "votes_from_totals",
]

_NAMES: Final = {
    "_allocation": ("Allocation",),
    "_common": (
        "OverAward",
        "Tie",
        "UnknownName",
        "check_votes",
    ),
    "_composition": (
        "MUNICIPAL_COUNCILS",
        "MunicipalCandidate",
        "MunicipalCouncil",
        "Screening",
        "check_horizontal_zipper",
        "check_municipal_list",
        "check_vertical_zipper",
        "screen_municipal_lists",
    ),
    "_divisor": (
        "DIVISORS",
        "highest_averages",
    ),
    "_elections": (
        "BlockVoteRule",
        "ElectionOutcome",
        "ElectionRules",
        "HighestAveragesRule",
        "LargestRemainderRule",
        "Parameter",
        "PluralityRule",
        "Race",
        "TwoRoundRule",
        "Winner",
        "allocate",
    ),
    "_explanation": (
        "Divisor",
        "DivisorRow",
        "QuotaRow",
    ),
    "_from_results": (
        "candidate_key",
        "votes_from_totals",
    ),
    "_libya": (
        "CDA_COMPONENT_DISTRICTS",
        "ELECTIONS",
        "cda_2014",
        "gnc_2012",
        "hor_2014",
        "hor_2021",
        "hor_2023",
        "municipal_council",
        "president_2021",
        "president_2023",
        "senate_2023",
    ),
    "_plurality": (
        "BlockVoteResult",
        "PluralityResult",
        "TwoRoundResult",
        "block_vote",
        "fptp",
        "plurality",
        "runoff",
        "sntv",
        "two_round",
    ),
    "_quota": (
        "QUOTAS",
        "largest_remainder",
    ),
    "_rfc3797": (
        "key_string",
        "select",
    ),
    "_ties": (
        "DrawingOfLots",
        "PublicDraw",
        "TieResolution",
        "resolve",
    ),
    "_whatif": (
        "Reading",
        "SeatChange",
        "Stability",
        "Sweep",
        "sweep",
    ),
    "_methods": (
        "METHODS",
        "Majority",
        "TieBreaker",
    ),
}
"""Each submodule and the public names it gives."""

if not TYPE_CHECKING:  # a type checker reads the imports above, and refuses a typo
    __getattr__, __dir__ = attach(__name__, _NAMES)
