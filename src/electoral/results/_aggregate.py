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
from typing import Final

import attrs

from electoral.adapters.tallyho import FORM_STATE
from electoral.errors import InconsistentValue, register_messages
from electoral.model import FormState, Gender, ReconciliationForm, Region
from electoral.results._records import CandidateKey, EntryVersion, FormRecord, TallySetup

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
    "percent",
    "processed_states",
    "progress",
    "race_progress",
    "reconciliation_turnout",
    "station_turnout",
    "tally",
    "unprocessed_states",
]

register_messages(
    {
        "results.stage": (
            "{value} is not a stage of the pipeline.",
            "{value} ليست مرحلة من مراحل المعالجة.",
        ),
    }
)

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

_FINAL: Final = EntryVersion.FINAL
_ARCHIVED: Final = frozenset({FormState.ARCHIVED})
_WITH_QUARANTINE: Final = frozenset({FormState.ARCHIVED, FormState.AUDIT})


def percent(numerator: int, denominator: int) -> Fraction | None:
    """``100 * numerator / denominator`` exactly, or :data:`EMPTY_PERCENT` when it is 0."""
    if denominator == 0:
        return EMPTY_PERCENT
    return Fraction(100 * numerator, denominator)


def form_ballot_numbers(
    ballot_number: int, component_ballots: Mapping[int, tuple[int, ...]]
) -> tuple[int, ...]:
    """The ballots whose forms carry ``ballot_number``'s candidates (``form_ballot_numbers``)."""
    return tuple(component_ballots.get(ballot_number, (ballot_number,)))


def _rank(record: FormRecord) -> tuple[int, int, str]:
    return (FORM_STATE.to_code(record.state), len(record.barcode), record.barcode)


FormKey = tuple[int, int, int]


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


@attrs.frozen(kw_only=True)
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


def _add(into: dict[CandidateKey, int], votes: Mapping[CandidateKey, int]) -> None:
    for key, count in votes.items():
        into[key] = into.get(key, 0) + count


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
        return Totals(votes=self.votes, invalid=self.invalid, forms=self.forms)


def _roll(below: Mapping[object, _Acc], parent: Mapping[object, object]) -> dict[object, _Acc]:
    above: dict[object, _Acc] = {}
    for key, acc in below.items():
        target = above.get(parent[key])
        if target is None:
            target = above[parent[key]] = _Acc()
        target.merge(acc)
    return above


@attrs.frozen(kw_only=True)
class Tally:
    """Totals at every level, each level the sum of the one below it.

    station (centre, station) -> centre -> sub-constituency and office (two
    separate dimensions) -> region (from the office) -> national. ``ballot``
    gives the national totals per ballot.
    """

    station: Mapping[tuple[int, int], Totals]
    center: Mapping[int, Totals]
    subconstituency: Mapping[int, Totals]
    office: Mapping[int, Totals]
    region: Mapping[Region, Totals]
    ballot: Mapping[int, Totals]
    national: Totals
    counted: tuple[str, ...]


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
    forms = counted_forms(
        records, include_quarantine=include_quarantine, setup=setup, published_only=published_only
    )
    stations: dict[object, _Acc] = {}
    ballots: dict[object, _Acc] = {}
    for record in forms:
        key = record.form.station_key
        acc = stations.get(key)
        if acc is None:
            acc = stations[key] = _Acc()
        bacc = ballots.get(record.form.ballot_number)
        if bacc is None:
            bacc = ballots[record.form.ballot_number] = _Acc()
        votes = acc.votes
        bvotes = bacc.votes
        for entry in record.results:
            if entry.active and entry.version is _FINAL:
                votes[entry.candidate] = votes.get(entry.candidate, 0) + entry.votes
                bvotes[entry.candidate] = bvotes.get(entry.candidate, 0) + entry.votes
        invalid = 0
        if record.form.has_reconciliation:
            recon = record.active_recon(_FINAL)
            if recon is not None:
                invalid = recon.number_invalid_votes
        acc.invalid += invalid
        acc.forms += 1
        bacc.invalid += invalid
        bacc.forms += 1
    station_center: dict[object, object] = {}
    for skey in stations:
        assert isinstance(skey, tuple)
        if skey[0] not in setup.centers:
            raise InconsistentValue("results.center_unknown", field="center_id", value=skey[0])
        station_center[skey] = skey[0]
    centers = _roll(stations, station_center)
    subcons = _roll(
        centers,
        {c: setup.centers[c].subconstituency_id for c in centers},  # type: ignore[index]
    )
    center_office = {c: setup.centers[c].office_id for c in centers}  # type: ignore[index]
    offices = _roll(centers, center_office)
    office_region = {
        o: (setup.offices[o].region if o in setup.offices else Region.NONE)  # type: ignore[index]
        for o in offices
    }
    regions = _roll(offices, office_region)
    national = _Acc()
    for acc in regions.values():
        national.merge(acc)
    return Tally(
        station={k: a.freeze() for k, a in stations.items()},  # type: ignore[misc]
        center={k: a.freeze() for k, a in centers.items()},  # type: ignore[misc]
        subconstituency={k: a.freeze() for k, a in subcons.items()},  # type: ignore[misc]
        office={k: a.freeze() for k, a in offices.items()},  # type: ignore[misc]
        region={k: a.freeze() for k, a in regions.items()},  # type: ignore[misc]
        ballot={k: a.freeze() for k, a in ballots.items()},  # type: ignore[misc]
        national=national.freeze(),
        counted=tuple(r.barcode for r in forms),
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


def processed_states(stage: FormState) -> frozenset[FormState]:
    """Every state except ARCHIVING and the unprocessed ones; for ARCHIVED,
    UNSUBMITTED, CLEARANCE and AUDIT just the state itself."""
    if stage in (FormState.ARCHIVED, FormState.UNSUBMITTED, FormState.CLEARANCE, FormState.AUDIT):
        return frozenset({stage})
    public = frozenset(FormState) - {FormState.ARCHIVING}
    return public - unprocessed_states(stage)


@attrs.frozen(kw_only=True)
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

    def count(self, state: FormState) -> int:
        """Distinct forms in ``state``."""
        return self.by_state.get(state, 0)

    def percent(self, state: FormState) -> Fraction | None:
        """Share of expected forms in ``state``; ``None`` when nothing is expected."""
        return percent(self.count(state), self.expected)


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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
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


def _final_sum(record: FormRecord) -> int:
    return sum(e.votes for e in record.results if e.active and e.version is _FINAL)


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


def gender_turnout(
    records: Iterable[FormRecord],
    setup: TallySetup,
    *,
    ballot_numbers: Iterable[int] | None = None,
) -> dict[Gender, Turnout]:
    """Turnout 2, **by station gender**: (FINAL votes + FINAL invalid) / registrants.

    Counted forms only (ARCHIVED, one per triple). The denominator is the
    registrants of the stations that have at least one counted form in scope.
    Votes of different ballots at one station add up, as in Tally-Ho: pass one
    ballot in ``ballot_numbers`` for a per-race figure. Stations whose registrants
    are not known (out-of-country) are left out of both sides.
    """
    wanted = None if ballot_numbers is None else frozenset(ballot_numbers)
    voters: dict[Gender, int] = {}
    seen: dict[Gender, set[tuple[int, int]]] = {}
    for record in counted_forms(records):
        if wanted is not None and record.form.ballot_number not in wanted:
            continue
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
    integer-divided.
    """
    wanted = None if ballot_numbers is None else frozenset(ballot_numbers)
    used = 0
    stations: set[tuple[int, int]] = set()
    for record in counted_forms(records):
        if wanted is not None and record.form.ballot_number not in wanted:
            continue
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
