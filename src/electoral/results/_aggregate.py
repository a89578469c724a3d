"""Private: counting, totals at every level, progress and turnout.

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

Sources: Tally-Ho ``models/result_form.py`` ``distinct_filter``,
``models/candidate.py``, ``libs/reports/progress.py``, ``views/reports/*``,
``libs/views/exports.py``, ``libs/views/form_state.py``
(onaio/tally-ho at commit ``acbe4f4``).

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
from typing import Final, TypeVar

import attrs

from electoral._guard import MAX_COUNT, guarded, typed_fields
from electoral.adapters.tallyho import FORM_STATE
from electoral.errors import InconsistentValue, MissingValue
from electoral.model import FormState, Gender, ReconciliationForm, Region
from electoral.model._validators import assemble
from electoral.results._records import (
    CandidateKey,
    EntryVersion,
    FormRecord,
    TallySetup,
    active_recon_of,
)

__all__ = [
    "COMPONENT_TO_BALLOTS_2014",
    "EMPTY_PERCENT",
    "Progress",
    "RaceProgress",
    "StationTurnout",
    "Tally",
    "Totals",
    "Turnout",
    "counted_forms",
    "distinct_forms",
    "form_ballot_numbers",
    "gender_turnout",
    "merge_tallies",
    "percent",
    "processed_states",
    "progress",
    "race_progress",
    "reconciliation_turnout",
    "station_turnout",
    "tally",
    "unprocessed_states",
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

_K = TypeVar("_K")
_FINAL: Final = EntryVersion.FINAL
_ARCHIVED: Final = frozenset({FormState.ARCHIVED})
_WITH_QUARANTINE: Final = frozenset({FormState.ARCHIVED, FormState.AUDIT})


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


def _rank(record: FormRecord) -> tuple[int, int, str]:
    return (FORM_STATE.to_code(record.state), len(record.barcode), record.barcode)


FormKey = tuple[int, int, int]


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
        if current is None or _rank(record) < _rank(current):
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
    states = _WITH_QUARANTINE if include_quarantine else _ARCHIVED
    forms = [r for r in distinct_forms(records).values() if r.state in states]
    if published_only:
        ballots = {} if setup is None else setup.ballots
        forms = [
            r
            for r in forms
            if (b := ballots.get(r.form.ballot_number)) is not None and b.available_for_release
        ]
    return tuple(sorted(forms, key=_rank))


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Totals:
    """Totals for one area: votes per candidate, valid and invalid votes, forms counted.

    ``valid`` is the sum of FINAL candidate votes; ``invalid`` the sum of Field 4
    of the FINAL reconciliation sections (forms without a section add 0).
    """

    votes: Mapping[CandidateKey, int] = attrs.field(factory=dict)
    invalid: int = 0
    forms: int = 0

    @property
    def valid(self) -> int:
        """The valid votes, that is the candidates' votes summed."""
        return sum(self.votes.values())

    def ranking(self) -> tuple[tuple[CandidateKey, int], ...]:
        """Candidates by votes, descending (ties by key). No tie rule is implied."""
        return tuple(sorted(self.votes.items(), key=lambda kv: (-kv[1], kv[0])))

    @guarded
    def merge(self, other: Totals) -> Totals:
        """The totals of both areas together: every count added, exactly.

        >>> a = Totals(votes={(1, 1): 5}, invalid=1, forms=1)
        >>> a.merge(Totals(votes={(1, 1): 2, (1, 2): 3}, forms=1))
        Totals(votes={(1, 1): 7, (1, 2): 3}, invalid=1, forms=2)
        """
        votes = dict(self.votes)
        _add(votes, other.votes)
        return Totals(
            votes=votes, invalid=self.invalid + other.invalid, forms=self.forms + other.forms
        )


def _add(into: dict[CandidateKey, int], votes: Mapping[CandidateKey, int]) -> None:
    for key, count in votes.items():
        into[key] = into.get(key, 0) + count


def _merged(left: Mapping[_K, Totals], right: Mapping[_K, Totals]) -> dict[_K, Totals]:
    """Two levels of totals as one: an area in both is added up."""
    out = dict(left)
    for key, totals in right.items():
        mine = out.get(key)
        out[key] = totals if mine is None else mine.merge(totals)
    return out


class _Acc:
    __slots__ = ("forms", "invalid", "votes")

    def __init__(self) -> None:
        self.votes: dict[CandidateKey, int] = {}
        self.invalid = 0
        self.forms = 0

    def merge(self, other: _Acc) -> None:
        _add(self.votes, other.votes)
        self.invalid += other.invalid
        self.forms += other.forms

    def freeze(self) -> Totals:
        # Sums of checked, non-negative counts: the ceiling is all Totals would check.
        votes = self.votes
        if max(self.invalid, self.forms, max(votes.values(), default=0)) <= MAX_COUNT:
            return assemble(Totals, votes=votes, invalid=self.invalid, forms=self.forms)
        return Totals(votes=votes, invalid=self.invalid, forms=self.forms)  # refused


def _roll(below: Mapping[object, _Acc], parent: Mapping[object, object]) -> dict[object, _Acc]:
    above: dict[object, _Acc] = {}
    for key, acc in below.items():
        target = above.get(parent[key])
        if target is None:
            target = above[parent[key]] = _Acc()
        target.merge(acc)
    return above


def _barcode_order(barcode: str) -> tuple[int, str]:
    return (len(barcode), barcode)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Tally:
    """Totals at every level, each level the sum of the one below it.

    station (centre, station) -> centre -> sub-constituency and office (two
    separate dimensions) -> region (from the office) -> national. ``ballot``
    gives the national totals per ballot.

    Attributes:
        counted: the barcodes of the counted forms, in barcode order (shorter first).
        stations_seen: every (centre, station) with at least one form among the
            records tallied, counted or not: what this tally covers, and what
            :meth:`merge` checks to refuse a station split between two parts.
        include_quarantine, published_only: the counting options it was made with.

    Tallies of parts of an election **merge exactly** (:meth:`merge`): the merge of
    the parts' tallies equals the tally of all their forms, in any order and
    grouping, provided each station's forms are all in one part.
    """

    station: Mapping[tuple[int, int], Totals]
    center: Mapping[int, Totals]
    subconstituency: Mapping[int, Totals]
    office: Mapping[int, Totals]
    region: Mapping[Region, Totals]
    ballot: Mapping[int, Totals]
    national: Totals
    counted: tuple[str, ...]
    stations_seen: frozenset[tuple[int, int]] = frozenset()
    include_quarantine: bool = False
    published_only: bool = False

    @guarded
    def merge(self, other: Tally) -> Tally:
        """The tally of both parts' forms together, every level added up exactly.

        Merging is associative and commutative, so parts may be merged in any order
        and grouping (a tree of merges across machines gives the same tally).

        Raises:
            InconsistentValue: ``results.partition_split_station``, a station has
                forms in both parts (which form counts for it depends on all of
                them, so the parts' tallies cannot be added); ``results.merge_mismatch``,
                the tallies were counted with different options.
        """
        if not isinstance(other, Tally):
            raise TypeError(f"other must be a Tally, not {type(other).__name__}")
        rules = (self.include_quarantine, self.published_only)
        if rules != (other.include_quarantine, other.published_only):
            raise InconsistentValue(
                "results.merge_mismatch", field="tally", value="the counting options"
            )
        split = self.stations_seen & other.stations_seen
        if split:
            raise InconsistentValue(
                "results.partition_split_station", field="station", value=min(split)
            )
        return Tally(
            station={**self.station, **other.station},
            center=_merged(self.center, other.center),
            subconstituency=_merged(self.subconstituency, other.subconstituency),
            office=_merged(self.office, other.office),
            region=_merged(self.region, other.region),
            ballot=_merged(self.ballot, other.ballot),
            national=self.national.merge(other.national),
            counted=tuple(sorted(self.counted + other.counted, key=_barcode_order)),
            stations_seen=self.stations_seen | other.stations_seen,
            include_quarantine=self.include_quarantine,
            published_only=self.published_only,
        )


@guarded
def merge_tallies(parts: Iterable[Tally]) -> Tally:
    """Merge the tallies of any number of parts (see :meth:`Tally.merge`).

    >>> from electoral.testing import demo_tally_setup, demo_records
    >>> setup = demo_tally_setup()
    >>> records = demo_records(setup)
    >>> by_center = {}
    >>> for record in records:
    ...     by_center.setdefault(record.form.center_id, []).append(record)
    >>> parts = [tally(group, setup) for group in by_center.values()]
    >>> merge_tallies(parts) == tally(records, setup)
    True

    Raises:
        MissingValue: ``results.no_parts``, no tally was given.
    """
    merged: Tally | None = None
    for part in parts:
        merged = part if merged is None else merged.merge(part)
    if merged is None:
        raise MissingValue("results.no_parts", field="parts", value=[])
    return merged


@guarded
def tally(
    records: Iterable[FormRecord],
    setup: TallySetup,
    *,
    include_quarantine: bool = False,
    published_only: bool = False,
) -> Tally:
    """Official totals at every level (see the module for the counting rule).

    A centre missing from ``setup`` is refused: its forms could not be placed.

    >>> from electoral.testing import demo_tally_setup, demo_records
    >>> setup = demo_tally_setup()
    >>> t = tally(demo_records(setup), setup)
    >>> t.national.valid == sum(x.valid for x in t.center.values())
    True

    Raises:
        InconsistentValue: ``results.center_unknown``.
    """
    chosen = distinct_forms(records)
    states = _WITH_QUARANTINE if include_quarantine else _ARCHIVED
    forms = [record for record in chosen.values() if record.form.state in states]
    if published_only:
        ballots = setup.ballots
        forms = [
            r
            for r in forms
            if (b := ballots.get(r.form.ballot_number)) is not None and b.available_for_release
        ]
    stations: dict[object, _Acc] = {}
    ballots_: dict[object, _Acc] = {}
    for record in forms:
        form = record.form
        key = (form.center_id, form.station_number)
        acc = stations.get(key)
        if acc is None:
            acc = stations[key] = _Acc()
        bacc = ballots_.get(form.ballot_number)
        if bacc is None:
            bacc = ballots_[form.ballot_number] = _Acc()
        votes = acc.votes
        bvotes = bacc.votes
        for entry in record.results:
            if entry.version is _FINAL and entry.active:
                candidate = entry.candidate
                votes[candidate] = votes.get(candidate, 0) + entry.votes
                bvotes[candidate] = bvotes.get(candidate, 0) + entry.votes
        if form.has_reconciliation:
            recon = active_recon_of(record, _FINAL)
            if recon is not None:
                acc.invalid += recon.number_invalid_votes
                bacc.invalid += recon.number_invalid_votes
        acc.forms += 1
        bacc.forms += 1
    centers_of = setup.centers
    station_center: dict[object, object] = {}
    for skey in stations:
        assert isinstance(skey, tuple)
        if skey[0] not in centers_of:
            raise InconsistentValue("results.center_unknown", field="center_id", value=skey[0])
        station_center[skey] = skey[0]
    centers = _roll(stations, station_center)
    subcons = _roll(
        centers,
        {c: centers_of[c].subconstituency_id for c in centers},  # type: ignore[index]
    )
    center_office = {c: centers_of[c].office_id for c in centers}  # type: ignore[index]
    offices = _roll(centers, center_office)
    office_region = {
        o: (setup.offices[o].region if o in setup.offices else Region.NONE)  # type: ignore[index]
        for o in offices
    }
    regions = _roll(offices, office_region)
    national = _Acc()
    for acc in regions.values():
        national.merge(acc)
    # Every level is Totals just frozen, keyed by the checked records' own ids.
    return assemble(
        Tally,
        station={k: a.freeze() for k, a in stations.items()},
        center={k: a.freeze() for k, a in centers.items()},
        subconstituency={k: a.freeze() for k, a in subcons.items()},
        office={k: a.freeze() for k, a in offices.items()},
        region={k: a.freeze() for k, a in regions.items()},
        ballot={k: a.freeze() for k, a in ballots_.items()},
        national=national.freeze(),
        counted=tuple(sorted((r.form.barcode for r in forms), key=_barcode_order)),
        stations_seen=frozenset((center, station) for center, station, _ in chosen),
        include_quarantine=include_quarantine,
        published_only=published_only,
    )


# --------------------------------------------------------------------------- progress

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


# --------------------------------------------------------------------------- turnout


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Turnout:
    """A turnout figure that says what it divides by.

    Attributes:
        definition: which of the three definitions.
        voters: the numerator.
        registrants: the denominator.
    """

    definition: str
    voters: int
    registrants: int

    @property
    def percent(self) -> Fraction | None:
        """``100 * voters / registrants``; ``None`` when registrants is 0."""
        return percent(self.voters, self.registrants)

    def _check_mergeable(self, other: Turnout) -> None:
        if type(other) is not type(self):
            raise TypeError(f"other must be a {type(self).__name__}, not {type(other).__name__}")
        if self.definition != other.definition:
            raise InconsistentValue(
                "results.merge_mismatch", field="definition", value="the turnout definition"
            )

    @guarded
    def merge(self, other: Turnout) -> Turnout:
        """The same turnout over both parts: voters and registrants added.

        Exact when no station is in both parts (each station's forms in one part).

        >>> t = Turnout(definition="d", voters=40, registrants=100)
        >>> t.merge(Turnout(definition="d", voters=5, registrants=50)).percent
        Fraction(30, 1)

        Raises:
            InconsistentValue: ``results.merge_mismatch``, another definition.
        """
        self._check_mergeable(other)
        return Turnout(
            definition=self.definition,
            voters=self.voters + other.voters,
            registrants=self.registrants + other.registrants,
        )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class StationTurnout(Turnout):
    """Station-based turnout plus the progress it rests on."""

    processed: int
    expected: int

    @property
    def progress(self) -> Fraction | None:
        """Processed stations over expected stations; ``None`` with no station."""
        return percent(self.processed, self.expected)

    @property
    def status(self) -> str:
        """``"Final"`` when every station is processed, else ``"Partial"``."""
        share = self.progress
        return "Final" if share is not None and share >= 100 else "Partial"

    @guarded
    def merge(self, other: Turnout) -> StationTurnout:
        """The station-based turnout over both parts (see :meth:`Turnout.merge`)."""
        self._check_mergeable(other)
        assert isinstance(other, StationTurnout)
        return StationTurnout(
            definition=self.definition,
            voters=self.voters + other.voters,
            registrants=self.registrants + other.registrants,
            processed=self.processed + other.processed,
            expected=self.expected + other.expected,
        )


def _final_sum(record: FormRecord) -> int:
    return sum(e.votes for e in record.results if e.active and e.version is _FINAL)


@guarded
def station_turnout(
    records: Iterable[FormRecord],
    setup: TallySetup,
    *,
    ballot_numbers: Iterable[int] | None = None,
) -> StationTurnout:
    """Turnout 1, **station-based**: denominator = registrants of *processed* stations.

    A station is processed when every one of its (distinct) forms in scope is
    ARCHIVED. Its voters are the **largest** per-ballot FINAL vote sum among its
    forms (one voter casts one ballot per race); invalid votes are not added.
    Only active ballots are in scope (and, if given, ``ballot_numbers``).

    A station whose registrants are not known (out-of-country stations, some
    imports) is left out of both sides: a turnout needs a register. Tally-Ho
    counted its votes over a zero register, which could push turnout past 100%.
    """
    wanted = None if ballot_numbers is None else frozenset(ballot_numbers)
    per_station: dict[tuple[int, int], list[FormRecord]] = {}
    for (center, number, ballot), record in distinct_forms(records).items():
        b = setup.ballots.get(ballot)
        if b is None or not b.active or (wanted is not None and ballot not in wanted):
            continue
        per_station.setdefault((center, number), []).append(record)
    voters = registrants = processed = 0
    for key, forms in per_station.items():
        if any(r.state is not FormState.ARCHIVED for r in forms):
            continue
        station = setup.stations.get(key)
        if station is None or station.registrants is None:
            continue
        processed += 1
        voters += max(_final_sum(r) for r in forms)
        registrants += station.registrants
    return StationTurnout(
        definition="station: max per-ballot valid votes / registrants of processed stations",
        voters=voters,
        registrants=registrants,
        processed=processed,
        expected=len(per_station),
    )


def _one_race(records: Iterable[FormRecord], wanted: frozenset[int] | None) -> list[FormRecord]:
    """The counted forms in scope; ``turnout_mixed_ballots`` if two ballots meet at a station.

    Each voter casts one ballot per race (the general and the women's race in 2014 and
    2021, the House and the Senate in 2023), so adding the forms of two ballots at a
    station would count each voter twice over that station's one register.
    """
    scope = [r for r in counted_forms(records) if wanted is None or r.form.ballot_number in wanted]
    ballots: dict[tuple[int, int], set[int]] = {}
    for record in scope:
        key = record.form.station_key
        if key is not None:
            ballots.setdefault(key, set()).add(record.form.ballot_number)
    for key, numbers in sorted(ballots.items()):
        if len(numbers) > 1:
            raise InconsistentValue(
                "results.turnout_mixed_ballots",
                field="ballot_numbers",
                value=key,
                ballots=", ".join(map(str, sorted(numbers))),
            )
    return scope


@guarded
def gender_turnout(
    records: Iterable[FormRecord],
    setup: TallySetup,
    *,
    ballot_numbers: Iterable[int] | None = None,
) -> dict[Gender, Turnout]:
    """Turnout 2, **by station gender**: (FINAL votes + FINAL invalid) / registrants.

    Counted forms only (ARCHIVED, one per triple). The denominator is the
    registrants of the stations that have at least one counted form in scope.
    Stations whose registrants are not known (out-of-country) are left out of both
    sides.

    One race at a time: where the forms in scope put two ballots at one station (the
    general and the women's ballot), the figure would count each voter twice, so it
    is refused (``results.turnout_mixed_ballots``); pass the race's ballots in
    ``ballot_numbers``. Deliberate difference: Tally-Ho added them up.
    """
    wanted = None if ballot_numbers is None else frozenset(ballot_numbers)
    voters: dict[Gender, int] = {}
    seen: dict[Gender, set[tuple[int, int]]] = {}
    for record in _one_race(records, wanted):
        station = setup.station_of(record.form)
        if station is None or station.registrants is None:
            continue
        recon = record.active_recon(_FINAL) if record.form.has_reconciliation else None
        invalid = recon.number_invalid_votes if recon is not None else 0
        voters[station.gender] = voters.get(station.gender, 0) + _final_sum(record) + invalid
        seen.setdefault(station.gender, set()).add(station.key)
    return {
        gender: Turnout(
            definition="gender: (valid + invalid votes) / registrants of counted stations",
            voters=voters[gender],
            registrants=sum(setup.stations[k].registrants or 0 for k in seen[gender]),
        )
        for gender in sorted(voters, key=lambda g: g.value)
    }


@guarded
def reconciliation_turnout(
    records: Iterable[FormRecord],
    setup: TallySetup,
    *,
    ballot_numbers: Iterable[int] | None = None,
) -> Turnout:
    """Turnout 3, **reconciliation-based**: Σ(valid + invalid) of FINAL sections / registrants.

    Deliberate differences: the registrants are those of each counted form's
    **own** station, each station once (Tally-Ho summed every station of the
    centre and matched stations by number alone); the ratio is exact, not
    integer-divided; and, as for :func:`gender_turnout`, one race at a time: forms
    of two ballots at one station are refused (``results.turnout_mixed_ballots``)
    rather than counting each voter twice.
    """
    wanted = None if ballot_numbers is None else frozenset(ballot_numbers)
    used = 0
    stations: set[tuple[int, int]] = set()
    for record in _one_race(records, wanted):
        recon = record.active_recon(_FINAL) if record.form.has_reconciliation else None
        if not isinstance(recon, ReconciliationForm):
            continue
        used += recon.number_valid_votes + recon.number_invalid_votes
        key = record.form.station_key
        if key is not None:
            stations.add(key)
    registrants = sum(
        (s.registrants or 0) for k in stations if (s := setup.stations.get(k)) is not None
    )
    return Turnout(
        definition="reconciliation: (Field 3 + Field 4) / registrants of counted stations",
        voters=used,
        registrants=registrants,
    )
