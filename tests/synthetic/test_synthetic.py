"""Tests of the synthetic election: determinism, consistency with the rules, injected shares."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electoral.errors import InconsistentValue, OutOfRange, ValidationError
from electoral.ids import center_id, national_id
from electoral.model import CenterType, FormState, Gender, check_copies
from electoral.registration import (
    REGISTRY_COLUMNS,
    RegistryRecord,
    allocate_stations,
    arabic_roll_key,
    is_old_enough,
    validate_registry_rows,
)
from electoral.synthetic import (
    FORM_PROBLEMS,
    POLLING_START,
    REGISTER_AS_OF,
    REGISTER_PROBLEMS,
    Size,
    allocate_polling_stations,
    apportion,
    generate_country,
    generate_forms,
    generate_register,
    run,
    share_count,
    synthetic_election,
    validate_register,
)
from electoral.synthetic._register import _choices
from electoral.synthetic._results import SyntheticForm, _draw

MICRO = Size(
    name="micro",
    constituencies=2,
    subconstituencies=2,
    offices=2,
    centers=12,
    voters=400,
    general_seats=3,
    women_seats=2,
)


def _fingerprint(seed: int) -> tuple[object, ...]:
    country = generate_country(MICRO, seed=seed)
    register = generate_register(country, seed=seed)
    return (
        tuple(country.centers),
        tuple(country.candidates),
        tuple(register.rows(0, 50)),
    )


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_same_seed_same_election(seed: int) -> None:
    assert _fingerprint(seed) == _fingerprint(seed)


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=1, max_value=1000))
def test_different_seed_different_election(seed: int, offset: int) -> None:
    assert _fingerprint(seed) != _fingerprint(seed + offset)


def test_whole_election_is_deterministic() -> None:
    first = run(Size.TINY, seed=11)
    second = run(Size.TINY, seed=11)
    assert first.forms == second.forms
    assert first.outcome.winners == second.outcome.winners
    assert first.tally.official.national == second.tally.official.national


def test_global_random_state_untouched() -> None:
    random.seed(5)
    before = random.getstate()
    synthetic_election(Size.TINY, seed=3)
    assert random.getstate() == before


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=2**20))
def test_national_ids_valid_and_consistent_with_gender(seed: int) -> None:
    country = generate_country(MICRO, seed=seed)
    register = generate_register(country, seed=seed, problem_share=Fraction(0))
    seen: set[str] = set()
    for row in register.rows():
        nid = row[9]
        assert national_id.is_valid(nid)
        assert nid[0] == row[6]
        expected = Gender.MALE if row[6] == "1" else Gender.FEMALE
        assert national_id.gender(nid) is expected
        assert national_id.embedded_birth_year(nid) == int(row[7].rsplit("/", 1)[1])
        assert nid not in seen
        seen.add(nid)
    # and the library's own validator accepts every record
    records = validate_registry_rows(register.rows(), as_of=REGISTER_AS_OF)
    assert len(records) == register.voters


def test_names_have_four_arabic_parts() -> None:
    country = generate_country(Size.TINY, seed=1)
    register = generate_register(country, seed=1)
    for row in register.rows(0, 200):
        parts = row[1:5]
        assert all(parts)
        assert all("\u0600" <= part[0] <= "\u06ff" for part in parts)


def test_register_problems_are_found_by_the_rules() -> None:
    country = generate_country(MICRO, seed=4)
    register = generate_register(country, seed=4, problem_share=Fraction(1, 50))
    assert len(register.problems) == share_count(register.voters, Fraction(1, 50))
    assert set(register.problems.values()) == set(REGISTER_PROBLEMS)
    from electoral.synthetic import validate_register

    check = validate_register(register, chunk=37)
    lines = {int(e.location.split()[1]) for e in check.problems if e.location}
    assert lines == {index + 2 for index in register.problems}
    assert len(check.records) == register.voters - len(register.problems)
    assert len(REGISTRY_COLUMNS) == len(next(register.rows()))


@settings(deadline=None)
@given(st.fractions(min_value=0, max_value=1, max_denominator=20), st.integers(0, 1000))
def test_injected_form_problem_share_is_honoured(share: Fraction, seed: int) -> None:
    election = run(MICRO, seed=seed, problem_share=share)
    printed = [f for f in election.forms if not f.form.barcode.startswith("99")]
    injected = [f for f in election.forms if f.problem is not None]
    in_country = [f for f in printed if f.recon is not None]
    assert len(injected) == min(len(in_country), share_count(len(printed), share))
    kinds = Counter(f.problem for f in injected)
    # dealt out in turn: no kind gets more than one more than another
    if len(injected) >= len(FORM_PROBLEMS):
        assert set(kinds) == set(FORM_PROBLEMS)
        assert max(kinds.values()) - min(kinds.values()) <= 1


def test_injected_problems_reach_the_right_states() -> None:
    election = run(Size.TINY, seed=5, problem_share=Fraction(1, 5))
    records = election.records
    for item in election.forms:
        state = records[item.form.barcode].state
        if item.problem in ("reconciliation", "over_voting"):
            assert state is FormState.AUDIT
        elif item.problem == "duplicate":
            assert state is FormState.CLEARANCE
            original = records[item.form.barcode]
            twin = [
                r
                for r in records.values()
                if r.form.station_key == original.form.station_key
                and r.form.ballot_number == original.form.ballot_number
            ]
            assert {r.state for r in twin} == {FormState.CLEARANCE}
        elif item.problem == "double_entry":
            assert state is FormState.ARCHIVED
            final = records[item.form.barcode].active_votes(
                __import__("electoral.results", fromlist=["EntryVersion"]).EntryVersion.FINAL
            )
            assert final == dict(item.votes)


def test_every_centre_type_and_rules_hold() -> None:
    country = generate_country(Size.NATIONAL, seed=2014)
    types = Counter(c.center_type for c in country.centers)
    assert set(types) == set(CenterType)
    assert len(country.centers) - types[CenterType.SPECIAL] == 1_600
    assert all(c.is_out_of_country for c in country.centers if c.center_type is CenterType.SPECIAL)
    assert len(country.constituencies) == 13
    assert len(country.subconstituencies) == 75
    assert sum(country.general_seats.values()) == 168
    assert sum(country.women_seats.values()) == 32
    check_copies(country.centers)
    for center in country.centers:
        assert center_id.is_valid(str(center.center_id))
    regions = {o.region for o in country.offices}
    assert len(regions) == 3


def test_stations_follow_the_allocation_rules() -> None:
    election = synthetic_election(Size.TINY, seed=8)
    stations = election.allocation.stations
    assert stations
    for station in stations:
        assert station.subconstituency_id is not None
        if station.center_id >= 80_001:  # out of country: registrants unknown
            assert station.registrants is None
            continue
        assert station.registrants is not None
        if station.gender is not Gender.UNISEX:
            assert station.registrants <= 550
    # the unisex rule fires somewhere (oil centres have almost no women)
    assert any(s.gender is Gender.UNISEX for s in stations)


def test_tally_and_winners() -> None:
    election = synthetic_election(Size.TINY, seed=2)
    official = election.tally.official
    assert official.national.valid == sum(t.valid for t in official.ballot.values())
    seats = sum(w.seats for w in election.outcome.winners)
    tied = sum(tie.seats for _, tie in election.outcome.ties)
    assert seats + tied == MICRO_SEATS(election)


def MICRO_SEATS(election: object) -> int:  # noqa: N802 - reads like a constant in the test
    size = election.size  # type: ignore[attr-defined]
    return int(size.general_seats + size.women_seats)


def test_apportion_adds_up() -> None:
    assert sum(apportion(168, [3, 5, 7, 11])) == 168
    assert min(apportion(20, [100, 1, 1], minimum=2)) == 2


def test_sizes_refuse_nonsense() -> None:
    with pytest.raises(ValidationError):
        Size(
            name="x",
            constituencies=0,
            subconstituencies=1,
            offices=1,
            centers=2,
            voters=100,
            general_seats=1,
            women_seats=1,
        )
    with pytest.raises(ValidationError) as caught:
        Size(
            name="x",
            constituencies=2,
            subconstituencies=2,
            offices=2,
            centers=3,
            voters=100,
            general_seats=2,
            women_seats=2,
        )
    assert caught.value.code == "synthetic.size"
    assert Size.named("tiny") is Size.TINY
    with pytest.raises(InconsistentValue) as unknown:
        Size.named("huge")
    assert unknown.value.code == "synthetic.preset"
    assert "tiny, small, national" in str(unknown.value)


def test_synthetic_inputs_are_refused_with_codes() -> None:
    """Each used to escape as a bare ValueError, IndexError or KeyError."""
    country = generate_country(Size.TINY, seed=1)
    register = generate_register(country, seed=1)
    with pytest.raises(OutOfRange):
        generate_register(country, seed=1, voters=-1)
    with pytest.raises(OutOfRange):
        generate_register(country, seed=1, problem_share=Fraction(-1))
    with pytest.raises(OutOfRange):
        validate_register(register, chunk=0)
    with pytest.raises(InconsistentValue):
        apportion(10, [0, 0])
    with pytest.raises(OutOfRange):
        apportion(10, [1, -1])
    with pytest.raises(InconsistentValue) as unknown:
        register.center_of(1)
    assert unknown.value.code == "synthetic.unknown"
    with pytest.raises(InconsistentValue):
        country.center(99998)


def test_forms_for_no_stations() -> None:
    country = generate_country(Size.TINY, seed=1)
    assert generate_forms(country, [], seed=1) == ()


def test_ties_are_broken_by_a_public_draw() -> None:
    election = run(Size.TINY, seed=3)  # this seed ties two candidates for a seat
    assert election.ties
    assert not election.outcome.ties
    race = election.ties[0][0]
    drawn = [w for w in election.outcome.winners if w.race == race and w.by_lot]
    assert len(drawn) == election.ties[0][1].seats
    assert drawn[0].candidate in election.ties[0][1].candidates


@settings(deadline=None, max_examples=10)
@given(st.integers(min_value=0, max_value=2**20))
def test_stations_stage_equals_the_rules_voter_by_voter(seed: int) -> None:
    """The demo's column-wise stations stage gives what the rules give voter by voter:
    eligibility (``is_old_enough``), blocked voters left out, each centre's roll
    sorted by ``arabic_roll_key`` and allocated."""
    country = generate_country(MICRO, seed=seed)
    register = generate_register(
        country,
        seed=seed,
        problem_share=Fraction(1, 20),
        young_share=Fraction(1, 10),
        blocked_share=Fraction(1, 10),
    )
    records = validate_register(register).records
    allocation = allocate_polling_stations(country, register, records)
    groups: dict[int, list[RegistryRecord]] = {}
    too_young = blocked = 0
    for record in records:
        if not is_old_enough(record.birth_date, as_of=POLLING_START):
            too_young += 1
        elif record.civil_registry_id in register.blocked:
            blocked += 1
        else:
            groups.setdefault(register.center_of(record.civil_registry_id), []).append(record)
    assert (allocation.too_young, allocation.blocked) == (too_young, blocked)
    assert too_young
    assert blocked
    originals = {c.center_id for c in country.centers if not c.is_copy}
    assert allocation.on_roll == sum(len(g) for c, g in groups.items() if c in originals)
    for center, group in groups.items():
        expected = allocate_stations(sorted(group, key=arabic_roll_key), center_id=center)
        assert allocation.plans[center] == expected


@given(
    st.integers(min_value=0, max_value=2**32),
    st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=40).filter(any),
    st.integers(min_value=0, max_value=300),
)
def test_register_choices_equal_the_standard_library(
    seed: int, weights: list[int], k: int
) -> None:
    """The register's C-level weighted choice draws what ``random.choices`` draws."""
    cumulative = list(itertools.accumulate(weights))
    expected = random.Random(seed).choices(range(len(weights)), cum_weights=cumulative, k=k)
    assert _choices(random.Random(seed), cumulative, k) == expected


@settings(deadline=None, max_examples=5)
@given(st.integers(min_value=0, max_value=2**32))
def test_forms_are_what_their_constructor_builds(seed: int) -> None:
    """The forms are built without checking their fields again; the constructor, which
    checks each, accepts every one and builds an equal form."""
    election = run(MICRO, seed=seed, problem_share=Fraction(1, 4))
    assert {form.problem for form in election.forms} >= set(FORM_PROBLEMS)
    for form in election.forms:
        rebuilt = SyntheticForm(
            **{f.name: getattr(form, f.name) for f in attrs.fields(SyntheticForm)}
        )
        assert rebuilt == form
        assert hash(rebuilt) == hash(form)


@given(
    st.integers(min_value=0, max_value=2**32),
    st.lists(st.integers(min_value=1, max_value=20_000), min_size=1, max_size=40),
    st.integers(min_value=0, max_value=500),
)
def test_vote_draws_equal_the_standard_library(seed: int, weights: list[int], count: int) -> None:
    """A form's votes are counted from the draws ``random.choices`` makes."""
    expected = [0] * len(weights)
    for index in random.Random(seed).choices(range(len(weights)), weights=weights, k=count):
        expected[index] += 1
    assert _draw(random.Random(seed), weights, count) == expected
