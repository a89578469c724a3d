"""Private: the national election end to end, stage by stage, with the library's rules.

1. **country**: :func:`generate_country`;
2. **register**: :func:`generate_register` (compact columns);
3. **validate**: every civil-registry record through one
   :class:`electoral.registration.RegistryStream` (chunk by chunk: a bad record costs
   no good one), national ids and ``PERSON_ID`` unique across the whole register;
4. **stations**: eligibility on polling day (:func:`electoral.registration.is_old_enough`
   finds the last birth date old enough, by bisection over the distinct birth dates:
   old enough is born on or before a day), blocked voters left out, each centre's roll sorted
   (:func:`~electoral.registration.sort_roll`) and allocated
   (:func:`~electoral.registration.allocate_stations`); a copy centre gets its
   original's roll;
5. **forms**: :func:`generate_forms`;
6. **results**: every form through the results life cycle (import, intake, two data
   entries, corrections, quality control with the quarantine checks);
7. **tally**: :func:`electoral.results.tally`;
8. **seats**: :func:`electoral.seats.allocate` on the 2014 House of Representatives
   rules (:func:`electoral.seats.hor_2014`).

:func:`run` runs them all and times each; a progress callback hears about long
stages.
"""

from __future__ import annotations

import datetime as dt
import time
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from itertools import compress, repeat
from operator import gt, itemgetter, sub
from typing import Any, Final

import attrs

from electoral._gc import paused
from electoral._guard import guarded, typed_fields, unchecked
from electoral.districts import District, DistrictMap
from electoral.errors import OutOfRange, ValidationError
from electoral.law import Citation
from electoral.model import FormState, Gender, Station
from electoral.registration import (
    RegistryRecord,
    RegistryStream,
    StationPlan,
    allocate_stations,
    is_old_enough,
    sort_roll,
)
from electoral.results import (
    FormRecord,
    Tally,
    TallyConfig,
    TallySetup,
    Totals,
    compare_entries,
    enter_de1,
    enter_de2,
    import_form,
    intake,
    intake_match,
    qc_pass,
    qc_print,
    resolve_corrections,
    tally,
)
from electoral.seats import (
    ElectionOutcome,
    ElectionRules,
    PublicDraw,
    Tie,
    TieBreaker,
    allocate,
    hor_2014,
)
from electoral.synthetic._country import POLLING_START, REGISTER_AS_OF, Country, generate_country
from electoral.synthetic._register import PERSON_BASE, Register, generate_register
from electoral.synthetic._results import DEFAULT_PROBLEM_SHARE, SyntheticForm, generate_forms
from electoral.synthetic._sizes import Size

__all__ = [
    "CHUNK",
    "STAGES",
    "Progress",
    "RegisterCheck",
    "RollAllocation",
    "SyntheticElection",
    "TallyOutcome",
    "allocate_polling_stations",
    "district_map",
    "process_forms",
    "public_draw",
    "run",
    "seat_election",
    "synthetic_election",
    "tally_setup",
    "validate_register",
    "winners",
]

Progress = Callable[[str, int, int], None]
"""A progress callback: ``(stage, done, total)``."""

CHUNK: Final = 5_000
"""Records validated per chunk of the register's stream (the progress callback hears
about every 40 chunks)."""

STAGES: Final = ("country", "register", "validate", "stations", "forms", "results", "tally",
                 "seats")  # fmt: skip
"""The stages of :func:`run`, in order."""

_USER_NOW: Final = POLLING_START.add(days=1)
_BIRTH_DATE: Final = itemgetter(7)
"""A :class:`~electoral.registration.RegistryRecord`'s ``date_of_birth``."""
_PERSON_ID: Final = itemgetter(0)
"""A :class:`~electoral.registration.RegistryRecord`'s ``civil_registry_id``."""


def _quiet(stage: str, done: int, total: int) -> None:
    """The default progress callback: says nothing."""


@attrs.frozen(kw_only=True, eq=False, field_transformer=typed_fields)
class RegisterCheck:
    """The civil register after validation.

    Attributes:
        records: the accepted records, in register order.
        problems: every refused record's problems, located ``line N`` (the dump's
            header is line 1, voter *i* is line *i* + 2).
        checked: how many records were read.
    """

    records: list[RegistryRecord]
    problems: tuple[ValidationError, ...]
    checked: int


def _line(error: ValidationError) -> int | None:
    where = error.location or ""
    if where.startswith("line "):
        head = where[5:].split(":", 1)[0]
        if head.isdigit():
            return int(head)
    return None


@guarded
def validate_register(
    register: Register,
    *,
    as_of: dt.datetime = REGISTER_AS_OF,
    chunk: int = CHUNK,
    progress: Progress = _quiet,
) -> RegisterCheck:
    """Validate every record of ``register`` with the registry rules; keep the good ones.

    One :class:`~electoral.registration.RegistryStream` reads the register ``chunk``
    records at a time: each chunk keeps its good records and reports its bad ones,
    and a ``PERSON_ID`` or national id already used on an earlier line is refused
    across the whole register (the stream's uniqueness rule). Problems are listed by
    line, then code.

    >>> country = generate_country(Size.TINY, seed=2)
    >>> check = validate_register(generate_register(country, seed=2))
    >>> check.checked, len(check.records), [e.code for e in check.problems]
    (3000, 2999, ['registration.registry.gender_mismatch'])
    """
    if chunk < 1:
        raise OutOfRange(field="chunk", value=chunk, min_value=1, max_value="∞")
    records: list[RegistryRecord] = []
    problems: list[ValidationError] = []
    total = register.voters
    stream = RegistryStream(as_of=as_of, first_line=2)
    for start in range(0, total, chunk):
        stop = min(total, start + chunk)
        checked = stream.validate(register.rows(start, stop))
        records.extend(checked.records)
        problems.extend(checked.problems)
        if stop % (40 * chunk) == 0 or stop == total:
            progress("validate", stop, total)
    problems.sort(key=lambda e: (_line(e) or 0, e.code))
    # the stream's own records: not checked one by one again
    return unchecked(RegisterCheck, records=records, problems=tuple(problems), checked=total)


@attrs.frozen(kw_only=True, eq=False, field_transformer=typed_fields)
class RollAllocation:
    """Every centre's stations, from its sorted roll.

    Attributes:
        plans: the station plan of each centre with voters, by centre id.
        stations: every station, with its sub-constituency, by (centre, number).
        on_roll: voters on the rolls (copies not counted twice).
        too_young: registered voters under 18 on polling day (left out).
        blocked: registered voters who are blocked (left out).
    """

    plans: Mapping[int, StationPlan[RegistryRecord]]
    stations: tuple[Station, ...]
    on_roll: int
    too_young: int
    blocked: int


@guarded
def allocate_polling_stations(
    country: Country,
    register: Register,
    records: Iterable[RegistryRecord],
    *,
    as_of: dt.datetime = POLLING_START,
    progress: Progress = _quiet,
) -> RollAllocation:
    """Apply eligibility, sort each centre's roll and allocate its stations.

    Out-of-country centres (the results system's, with no roll) get one unisex
    station per home sub-constituency, with unknown registrants.
    """
    voters = records if isinstance(records, list) else list(records)
    # column by column, in register order (each record is read where it lies in memory,
    # once per column, by C-level passes)
    born = list(map(_BIRTH_DATE, voters))
    # old enough is "born on or before a day": the last such day among the distinct
    # birth dates is found by bisection with the rule itself
    days = sorted(set(born))
    young = bisect_left(days, True, key=lambda day: not is_old_enough(day, as_of=as_of))
    adult = list(map(days[young - 1].__ge__, born)) if young else [False] * len(born)
    person_ids = list(map(_PERSON_ID, voters))
    barred = list(map(register.blocked.__contains__, person_ids))
    too_young = adult.count(False)
    blocked = sum(compress(barred, adult))
    on_roll = list(map(gt, adult, barred))  # old enough and not blocked
    center_of = register.center_ids.__getitem__
    centers = map(center_of, map(sub, compress(person_ids, on_roll), repeat(PERSON_BASE)))
    groups: defaultdict[int, list[RegistryRecord]] = defaultdict(list)
    # each voter appended to their centre's group, in register order
    deque(map(list.append, map(groups.__getitem__, centers), compress(voters, on_roll)), 0)
    rolls: dict[int, list[RegistryRecord]] = {}
    plans: dict[int, StationPlan[RegistryRecord]] = {}
    stations: list[Station] = []
    total = len(country.centers)
    originals = [c for c in country.centers if not c.is_copy]
    ordered = originals + [c for c in country.centers if c.is_copy]
    for done, center in enumerate(ordered, start=1):
        if center.is_copy:
            roll = rolls.get(center.original_id, [])
        else:
            roll = rolls[center.center_id] = sort_roll(groups.get(center.center_id, []))
        if roll:
            plan = allocate_stations(roll, center_id=center.center_id)
            plans[center.center_id] = plan
            stations.extend(
                attrs.evolve(
                    allocated.to_station(),
                    subconstituency_id=country.station_subconstituency(center, allocated.number),
                )
                for allocated in plan.stations
            )
        if done % 100 == 0 or done == total:
            progress("stations", done, total)
    for center_id, homes in sorted(country.abroad.items()):
        # out of country: the results system's stations, with no known registrants
        stations.extend(
            Station(
                center_id=center_id,
                number=number,
                gender=Gender.UNISEX,
                registrants=None,
                subconstituency_id=home,
            )
            for number, home in enumerate(homes, start=1)
        )
    stations.sort(key=lambda s: s.key)
    return RollAllocation(
        plans=plans,
        stations=tuple(stations),
        on_roll=sum(len(roll) for roll in rolls.values()),
        too_young=too_young,
        blocked=blocked,
    )


@guarded
def tally_setup(country: Country, stations: Iterable[Station]) -> TallySetup:
    """The results system's reference data for ``country`` and its stations."""
    return TallySetup.build(
        centers=country.centers,
        stations=stations,
        ballots=country.ballots,
        candidates=country.candidates,
        offices=country.offices,
    )


@guarded
def process_forms(
    forms: Sequence[SyntheticForm],
    setup: TallySetup,
    *,
    config: TallyConfig | None = None,
    now: Any = _USER_NOW,
    progress: Progress = _quiet,
) -> dict[str, FormRecord]:
    """Take every form through the results life cycle, in order; records by barcode.

    Each form is imported, taken in (a second form for the same station and ballot
    sends both to clearance), entered twice (a form with nothing to count is sent to
    clearance by the DE1 gate), corrected from the paper where the entries differ,
    checked by quality control (a failed quarantine check opens an audit) and
    printed: ARCHIVED, or AUDIT when a check failed.
    """
    config = config or TallyConfig()
    records: dict[str, FormRecord] = {}
    by_key: dict[tuple[int | None, int | None, int], list[str]] = {}
    total = len(forms)
    for done, item in enumerate(forms, start=1):
        form = item.form
        key = (form.center_id, form.station_number, form.ballot_number)
        record = import_form(form, user="setup", now=now).record
        others = [records[b] for b in by_key.get(key, ())]
        step = intake(record, setup=setup, others=others, user="intake", now=now)
        for related in step.related:
            records[related.record.barcode] = related.record
        record = step.record
        if record.state is FormState.INTAKE:
            record = intake_match(record, user="intake", now=now).record
            paper = dict(item.votes)
            record = enter_de1(
                record, votes=paper, recon=item.recon, setup=setup, user="de1", now=now
            ).record
            if record.state is FormState.DATA_ENTRY_2:
                typed = dict(item.typed_votes) if item.typed_votes is not None else paper
                record = enter_de2(
                    record, votes=typed, recon=item.recon, setup=setup, user="de2", now=now
                ).record
                comparison = compare_entries(record)
                choices = {candidate: paper[candidate] for candidate in comparison.mismatched}
                record = resolve_corrections(
                    record, user="corrections", now=now, choices=choices
                ).record
                record = qc_pass(record, config=config, setup=setup, user="qc", now=now).record
                record = qc_print(record, user="qc", now=now).record
        records[record.barcode] = record
        by_key.setdefault(key, []).append(record.barcode)
        if done % 250 == 0 or done == total:
            progress("results", done, total)
    return records


@guarded
def district_map(country: Country) -> DistrictMap:
    """The synthetic country's districts as a complete, versioned district map.

    Each constituency carries its women's seats, each sub-constituency (inside its
    constituency) its general seats; the map is complete, and the law's totals are
    checked when an election is built on it.

    >>> from electoral.synthetic import Size, generate_country
    >>> synthetic = district_map(generate_country(Size.TINY, seed=1))
    >>> synthetic.complete, synthetic.published["subconstituency"], synthetic.seats()
    (True, 4, {'women': 3, 'general': 7})
    """
    source = Citation(
        instrument=f"Synthetic election, seed {country.seed}",
        note="Invented by electoral.synthetic; describes no real district.",
    )
    names = {c.id: c.name_en for c in country.constituencies}
    districts = [
        District(
            name=c.name_en,
            level="constituency",
            seats={"women": country.women_seats[c.id]},
            citation=source,
        )
        for c in country.constituencies
    ]
    districts += [
        District(
            name=sub.name_en,
            level="subconstituency",
            parent=names[country.constituency_of(sub.id)],
            seats={"general": country.general_seats[sub.id]},
            citation=source,
        )
        for sub in country.subconstituencies
    ]
    return DistrictMap(
        name=f"synthetic_{country.size.name}_{country.seed}",
        title=f"Synthetic election ({country.size.name}), seed {country.seed}",
        version=f"seed {country.seed}",
        citation=source,
        districts=districts,
        published={
            "constituency": len(country.constituencies),
            "subconstituency": len(country.subconstituencies),
        },
        complete=True,
    )


@guarded
def seat_election(country: Country) -> tuple[ElectionRules, dict[str, int]]:
    """The 2014 House of Representatives rules for ``country``, and each race's ballot.

    A general race per sub-constituency, a women's race per constituency, on the
    country's :func:`district_map`; the tables add up to the law's 168 and 32 seats
    at national size (checked), and are partial otherwise.
    """
    general = sum(country.general_seats.values())
    exact = general == 168 and sum(country.women_seats.values()) == 32
    election = hor_2014(district_map=district_map(country), partial=not exact)
    ballots = {f"{sub.name_en}/general": sub.id for sub in country.subconstituencies}
    ballots.update({f"{c.name_en}/women": 100 + c.id for c in country.constituencies})
    return election, ballots


@guarded
def winners(
    country: Country,
    totals: Mapping[int, Totals],
    *,
    lots: Mapping[str, TieBreaker] | None = None,
) -> ElectionOutcome:
    """Every race's winners from the per-ballot totals.

    A tie is reported as a value, unless ``lots`` gives the drawing for its race.
    """
    election, ballots = seat_election(country)
    results: dict[str, dict[str, int]] = {}
    roster: dict[str, list[str]] = {}
    by_ballot: dict[int, list[str]] = {}
    for candidate in country.candidates:
        by_ballot.setdefault(candidate.ballot_number, []).append(
            f"{candidate.ballot_number}:{candidate.candidate_id}"
        )
    for race_id, number in ballots.items():
        names = by_ballot.get(number, [])
        found = totals.get(number)
        votes = dict.fromkeys(names, 0)
        if found is not None:
            for (ballot, candidate_id), count in found.votes.items():
                if ballot == number:
                    votes[f"{ballot}:{candidate_id}"] = count
        results[race_id] = votes
        roster[race_id] = names
    return allocate(election, results, candidates=roster, lots=lots)


@guarded
def public_draw(seed: int) -> PublicDraw:
    """The publicly verifiable draw that breaks the synthetic election's ties.

    An RFC 3797 draw whose published source is the election's seed, so anyone can
    re-run it (a real election publishes lottery results instead; the law says
    ties are broken by lot, Law 12/2014 Art. 3).
    """
    return PublicDraw(
        sources=(seed,), record=f"synthetic election, seed {seed}: RFC 3797 draw on the seed"
    )


@attrs.frozen(kw_only=True, eq=False, field_transformer=typed_fields)
class TallyOutcome:
    """The official tally, the tally with quarantined forms, and the state of every form."""

    official: Tally
    with_quarantine: Tally
    states: Mapping[FormState, int]


@attrs.frozen(kw_only=True, eq=False, field_transformer=typed_fields)
class SyntheticElection:
    """A whole synthetic election, run through the library, with the time of each stage.

    Attributes:
        size, seed: what it was generated from.
        country, register: the generated data.
        register_check: the validated register.
        allocation: the stations from the rolls.
        setup: the results system's reference data.
        forms: the printed result forms.
        records: every form after the results life cycle, by barcode.
        tally: the official tally, with and without quarantined forms.
        outcome: every race's winners, ties broken by :func:`public_draw`.
        ties: the ties found before the draw, by race.
        timings: seconds per stage (for display only).
    """

    size: Size
    seed: int
    country: Country
    register: Register
    register_check: RegisterCheck
    allocation: RollAllocation
    setup: TallySetup
    forms: tuple[SyntheticForm, ...]
    records: Mapping[str, FormRecord]
    tally: TallyOutcome
    outcome: ElectionOutcome
    ties: tuple[tuple[str, Tie], ...]
    timings: Mapping[str, float]

    @property
    def injected(self) -> Mapping[str, int]:
        """How many forms carry each injected problem."""
        return dict(Counter(f.problem for f in self.forms if f.problem is not None))


@guarded
def run(
    size: Size = Size.NATIONAL,
    *,
    seed: int = 2014,
    problem_share: Fraction = DEFAULT_PROBLEM_SHARE,
    register_problem_share: Fraction = Fraction(1, 100_000),
    progress: Progress = _quiet,
    on_stage: Callable[[str, float], None] | None = None,
) -> SyntheticElection:
    """Generate a synthetic election and run it through every chapter of the library.

    Args:
        size: the preset or custom size.
        seed: the same seed gives the same election.
        problem_share: share of result forms with an injected problem.
        register_problem_share: share of spoiled civil-registry records.
        progress: hears ``(stage, done, total)`` during long stages.
        on_stage: hears ``(stage, seconds)`` when each stage ends.
    """
    timings: dict[str, float] = {}

    def timed(stage: str, began: float) -> None:
        timings[stage] = time.perf_counter() - began
        if on_stage is not None:
            on_stage(stage, timings[stage])

    with paused():  # the records are acyclic: see electoral._gc
        began = time.perf_counter()
        country = generate_country(size, seed=seed)
        timed("country", began)
        began = time.perf_counter()
        register = generate_register(country, seed=seed, problem_share=register_problem_share)
        timed("register", began)
        began = time.perf_counter()
        check = validate_register(register, progress=progress)
        timed("validate", began)
        began = time.perf_counter()
        allocation = allocate_polling_stations(country, register, check.records, progress=progress)
        timed("stations", began)
        began = time.perf_counter()
        forms = generate_forms(
            country, allocation.stations, seed=seed, problem_share=problem_share
        )
        timed("forms", began)
        began = time.perf_counter()
        setup = tally_setup(country, allocation.stations)
        records = process_forms(forms, setup, progress=progress)
        timed("results", began)
        began = time.perf_counter()
        official = tally(records.values(), setup)
        quarantine = tally(records.values(), setup, include_quarantine=True)
        states = Counter(record.state for record in records.values())
        timed("tally", began)
        began = time.perf_counter()
        outcome = winners(country, official.ballot)
        ties = outcome.ties
        if ties:
            draw = public_draw(seed)
            outcome = winners(country, official.ballot, lots={race: draw for race, _ in ties})
        timed("seats", began)
    return SyntheticElection(
        size=size,
        seed=seed,
        country=country,
        register=register,
        register_check=check,
        allocation=allocation,
        setup=setup,
        forms=forms,
        records=records,
        tally=TallyOutcome(official=official, with_quarantine=quarantine, states=dict(states)),
        outcome=outcome,
        ties=ties,
        timings=timings,
    )


@guarded
def synthetic_election(
    size: Size = Size.TINY,
    *,
    seed: int = 2014,
    problem_share: Fraction = DEFAULT_PROBLEM_SHARE,
) -> SyntheticElection:
    """A whole synthetic election (tiny by default), run through the library.

    >>> election = synthetic_election(Size.TINY, seed=1)
    >>> len(election.country.constituencies), election.register.voters
    (3, 3000)
    >>> election.tally.official.national.valid > 0
    True
    """
    return run(size, seed=seed, problem_share=problem_share)
