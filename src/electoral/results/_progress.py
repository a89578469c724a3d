"""Private: progress of the forms through the pipeline, per stage and per race.

Sources: Tally-Ho ``libs/reports/progress.py``, ``libs/views/form_state.py``
(onaio/tally-ho at commit ``acbe4f4``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Final

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import InconsistentValue
from electoral.model import FormState
from electoral.results._counting import distinct_forms, form_ballot_numbers, percent
from electoral.results._records import FormRecord, TallySetup

__all__ = [
    "Progress",
    "RaceProgress",
    "processed_states",
    "progress",
    "race_progress",
    "unprocessed_states",
]

_PIPELINE: Final = (
    FormState.INTAKE,
    FormState.DATA_ENTRY_1,
    FormState.DATA_ENTRY_2,
    FormState.CORRECTION,
    FormState.QUALITY_CONTROL,
    FormState.ARCHIVED,
)


@guarded
def unprocessed_states(stage: FormState) -> frozenset[FormState]:
    """States in which a form is still *before* ``stage`` (``_transitions_before_state``).

    >>> sorted(s.name for s in unprocessed_states(FormState.DATA_ENTRY_1))
    ['AUDIT', 'CLEARANCE', 'INTAKE', 'UNSUBMITTED']
    """
    if stage not in _PIPELINE:
        raise InconsistentValue("results.stage", field="stage", value=stage)
    states = {FormState.UNSUBMITTED, FormState.CLEARANCE, FormState.AUDIT}
    states.update(_PIPELINE[: _PIPELINE.index(stage)])
    return frozenset(states)


@guarded
def processed_states(stage: FormState) -> frozenset[FormState]:
    """Every state except ARCHIVING and the unprocessed ones; for ARCHIVED,
    UNSUBMITTED, CLEARANCE and AUDIT just the state itself."""
    if stage in (FormState.ARCHIVED, FormState.UNSUBMITTED, FormState.CLEARANCE, FormState.AUDIT):
        return frozenset({stage})
    public = frozenset(FormState) - {FormState.ARCHIVING}
    return public - unprocessed_states(stage)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Progress:
    """Counts of distinct forms per state, with the expected total as denominator."""

    expected: int
    by_state: Mapping[FormState, int]

    @property
    def intaken(self) -> int:
        """Distinct forms not in UNSUBMITTED."""
        return self.expected - self.by_state.get(FormState.UNSUBMITTED, 0)

    @property
    def not_received(self) -> int:
        """Distinct forms still UNSUBMITTED."""
        return self.by_state.get(FormState.UNSUBMITTED, 0)

    @guarded
    def count(self, state: FormState) -> int:
        """Distinct forms in ``state``."""
        return self.by_state.get(state, 0)

    @guarded
    def percent(self, state: FormState) -> Fraction | None:
        """Share of expected forms in ``state``; ``None`` when nothing is expected."""
        return percent(self.count(state), self.expected)

    @guarded
    def merge(self, other: Progress) -> Progress:
        """The progress of both parts together (each (centre, station, ballot) in one part).

        >>> a = Progress(expected=3, by_state={FormState.ARCHIVED: 1})
        >>> a.merge(Progress(expected=2, by_state={FormState.ARCHIVED: 2})).by_state
        {<FormState.ARCHIVED: 'archived'>: 3}
        """
        by_state = dict(self.by_state)
        for state, count in other.by_state.items():
            by_state[state] = by_state.get(state, 0) + count
        return Progress(expected=self.expected + other.expected, by_state=by_state)


@guarded
def progress(
    records: Iterable[FormRecord], *, ballot_numbers: Iterable[int] | None = None
) -> Progress:
    """Progress per stage over the distinct forms (optionally of some ballots only)."""
    wanted = None if ballot_numbers is None else frozenset(ballot_numbers)
    by_state: dict[FormState, int] = {}
    expected = 0
    for (_, _, ballot), record in distinct_forms(records).items():
        if wanted is not None and ballot not in wanted:
            continue
        expected += 1
        by_state[record.state] = by_state.get(record.state, 0) + 1
    return Progress(expected=expected, by_state=by_state)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class RaceProgress:
    """Archived against expected distinct forms for one ballot (components mapped)."""

    ballot_number: int
    archived: int
    expected: int

    @property
    def percent(self) -> Fraction | None:
        """Archived share; ``None`` when no form is expected."""
        return percent(self.archived, self.expected)

    @property
    def completed(self) -> bool:
        """At least 100 % archived (a ballot with no forms is not completed)."""
        share = self.percent
        return share is not None and share >= 100

    @guarded
    def merge(self, other: RaceProgress) -> RaceProgress:
        """The same ballot's progress over both parts.

        Raises:
            InconsistentValue: ``results.merge_mismatch``, another ballot's progress.
        """
        if self.ballot_number != other.ballot_number:
            raise InconsistentValue(
                "results.merge_mismatch", field="ballot_number", value="the ballot"
            )
        return RaceProgress(
            ballot_number=self.ballot_number,
            archived=self.archived + other.archived,
            expected=self.expected + other.expected,
        )


@guarded
def race_progress(records: Iterable[FormRecord], setup: TallySetup) -> tuple[RaceProgress, ...]:
    """Per ballot of the setup, archived / expected over its form-ballot numbers."""
    forms = distinct_forms(records)
    per_ballot: dict[int, list[FormRecord]] = {}
    for (_, _, ballot), record in forms.items():
        per_ballot.setdefault(ballot, []).append(record)
    out = []
    for number in sorted(setup.ballots):
        group = [
            r
            for b in form_ballot_numbers(number, setup.component_ballots)
            for r in per_ballot.get(b, ())
        ]
        archived = sum(1 for r in group if r.state is FormState.ARCHIVED)
        out.append(RaceProgress(ballot_number=number, archived=archived, expected=len(group)))
    return tuple(out)
