"""Private: the counting rule, exact percentages, and which forms count.

**The official counting rule.** A vote counts when its entry is FINAL and
active and its form is ARCHIVED; for publication the ballot must also be
released (``available_for_release``). Only **one** form per (centre, station,
ballot) is ever considered: the one with the lowest Tally-Ho state number
(ARCHIVED 0 first; ties broken by barcode, so the choice does not depend on
input order). "With quarantine" figures also count AUDIT forms.

**Empty denominators.** Every percentage here is an exact
:class:`~fractions.Fraction` (``100 * n / d``), and is ``None`` when the
denominator is 0 — everywhere (:data:`EMPTY_PERCENT`). Deliberate difference:
Tally-Ho returns 100, the text "No results", 0 or 0.0 depending on the report.
Rounding is left to the display.

The totals at every level are in ``_tally``, progress in ``_progress``, the three
turnouts in ``_turnout``; each reads the forms this module chooses.

Sources: Tally-Ho ``models/result_form.py`` ``distinct_filter``,
``libs/views/exports.py`` (onaio/tally-ho at commit ``acbe4f4``).

>>> percent(1, 3)
Fraction(100, 3)
>>> percent(5, 0) is EMPTY_PERCENT
True
>>> form_ballot_numbers(55, COMPONENT_TO_BALLOTS_2014)
(26, 27, 28)
>>> form_ballot_numbers(26, COMPONENT_TO_BALLOTS_2014)
(26,)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Final

from electoral._guard import guarded
from electoral.adapters.tallyho import FORM_STATE
from electoral.model import FormState
from electoral.results._records import EntryVersion, FormRecord, TallySetup

__all__ = [
    "COMPONENT_TO_BALLOTS_2014",
    "EMPTY_PERCENT",
    "counted_forms",
    "distinct_forms",
    "form_ballot_numbers",
    "percent",
]

EMPTY_PERCENT: Final = None
"""The value of every percentage whose denominator is 0."""

COMPONENT_TO_BALLOTS_2014: Final[Mapping[int, tuple[int, ...]]] = {
    55: (26, 27, 28),
    56: (29, 30, 31),
    57: (34,),
    58: (47,),
}
"""2014: a component ballot's forms are those of these general ballots.

Tally-Ho ``COMPONENT_TO_BALLOTS``.
"""

FINAL: Final = EntryVersion.FINAL
ARCHIVED: Final = frozenset({FormState.ARCHIVED})
WITH_QUARANTINE: Final = frozenset({FormState.ARCHIVED, FormState.AUDIT})


@guarded
def percent(numerator: int, denominator: int) -> Fraction | None:
    """``100 * numerator / denominator`` exactly, or :data:`EMPTY_PERCENT` when it is 0."""
    if denominator == 0:
        return EMPTY_PERCENT
    return Fraction(100 * numerator, denominator)


@guarded
def form_ballot_numbers(
    ballot_number: int, component_ballots: Mapping[int, tuple[int, ...]]
) -> tuple[int, ...]:
    """The ballots whose forms carry ``ballot_number``'s candidates (``form_ballot_numbers``)."""
    return tuple(component_ballots.get(ballot_number, (ballot_number,)))


FormKey = tuple[int, int, int]


def rank(record: FormRecord) -> tuple[int, int, str]:
    """The order of the counting rule: state number, then barcode (shorter first)."""
    return (FORM_STATE.to_code(record.state), len(record.barcode), record.barcode)


@guarded
def distinct_forms(records: Iterable[FormRecord]) -> dict[FormKey, FormRecord]:
    """One form per (centre, station, ballot): the lowest state number, then barcode.

    Forms without a centre and station are left out (Tally-Ho ``distinct_filter``).
    """
    chosen: dict[FormKey, FormRecord] = {}
    for record in records:
        form = record.form
        if form.center_id is None or form.station_number is None:
            continue
        key = (form.center_id, form.station_number, form.ballot_number)
        current = chosen.get(key)
        if current is None or rank(record) < rank(current):
            chosen[key] = record
    return chosen


@guarded
def counted_forms(
    records: Iterable[FormRecord],
    *,
    include_quarantine: bool = False,
    setup: TallySetup | None = None,
    published_only: bool = False,
) -> tuple[FormRecord, ...]:
    """The forms whose FINAL, active votes count, one per (centre, station, ballot).

    Args:
        records: every form of the tally.
        include_quarantine: also count AUDIT forms ("votes including quarantine").
        setup: needed with ``published_only``.
        published_only: count only ballots with ``available_for_release``.
    """
    states = WITH_QUARANTINE if include_quarantine else ARCHIVED
    forms = [r for r in distinct_forms(records).values() if r.state in states]
    if published_only:
        ballots = {} if setup is None else setup.ballots
        forms = [
            r
            for r in forms
            if (b := ballots.get(r.form.ballot_number)) is not None and b.available_for_release
        ]
    return tuple(sorted(forms, key=rank))


def final_sum(record: FormRecord) -> int:
    """The form's FINAL, active candidate votes, summed."""
    return sum([e.votes for e in record.results if e.version is FINAL and e.active])
