"""From the results chapter to the seats chapter: tally totals as vote mappings.

:func:`electoral.results.tally` aggregates result forms into
:class:`electoral.results.Totals`, whose candidates are keyed
``(ballot_number, candidate_id)``. A seat method takes ``{candidate: votes}`` with
string identifiers; :func:`votes_from_totals` keeps the candidates of one ballot
(in Tally-Ho each race has its own ballot number) and names each
``"<ballot_number>:<candidate_id>"``; :func:`candidate_key` reads the key back.

>>> from electoral.results import tally
>>> from electoral.testing import demo_records, demo_tally_setup
>>> setup = demo_tally_setup()
>>> totals = tally(demo_records(setup), setup)
>>> votes = votes_from_totals(totals.national, ballot=117)
>>> votes
{'117:1': 366, '117:2': 372, '117:3': 378}
>>> from electoral.seats import fptp
>>> winner = fptp(votes).elected[0]
>>> winner, candidate_key(winner)
('117:3', (117, 3))
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from electoral._guard import guarded
from electoral.errors import InvalidFormat

from ._common import check_votes

if TYPE_CHECKING:
    from electoral.results import Totals

__all__ = ["candidate_key", "votes_from_totals"]


@guarded
def votes_from_totals(totals: Totals, *, ballot: int | None = None) -> dict[str, int]:
    """The votes of one ballot's candidates in ``totals``, keyed ``"ballot:candidate"``.

    Args:
        totals: the totals of an area, from :func:`electoral.results.tally`.
        ballot: the ballot (race) number to keep; ``None`` keeps every candidate.

    Returns:
        ``{"<ballot_number>:<candidate_id>": votes}``, checked like any vote mapping.

    Raises:
        ValidationErrors: votes that are not whole non-negative numbers.

    >>> from electoral.results import Totals
    >>> votes_from_totals(Totals(votes={(5, 1): 10, (6, 2): 4}), ballot=6)
    {'6:2': 4}
    """
    votes: Mapping[tuple[int, int], int] = totals.votes
    selected = {
        f"{number}:{candidate}": count
        for (number, candidate), count in votes.items()
        if ballot is None or number == ballot
    }
    return check_votes(selected)


@guarded
def candidate_key(name: str) -> tuple[int, int]:
    """Read back the ``(ballot_number, candidate_id)`` of a name from
    :func:`votes_from_totals`.

    Raises:
        InvalidFormat: ``seats.candidate_key`` for a name of another form.

    >>> candidate_key("117:3")
    (117, 3)
    """
    number, sep, candidate = name.partition(":")
    if not sep or not number.isdigit() or not candidate.isdigit():
        raise InvalidFormat("seats.candidate_key", field="candidate", value=name)
    return int(number), int(candidate)
