"""Properties: the fast paths of the tally and the quarantine checks equal the full paths.

The tally adds each vote once, per (centre, ballot), rolls the levels up per ballot and
builds its totals without re-running their validators under the ceiling; the checks
build their outcomes the same way. Here a plain reference (every counted vote added
straight into each of its seven areas, every record built by its validating
constructor) gives the same totals and the same errors, on forms made to reach each
branch: candidates shared by several ballots at one centre (the keys meet), two active
FINAL entries of one candidate, forms without a reconciliation section, figures past
the ceiling.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electoral.errors import ValidationError
from electoral.model import (
    MAX_COUNT,
    FormState,
    ReconciliationForm,
    ReconciliationForm2014,
    Region,
    ResultForm,
)
from electoral.results import (
    CHECKS_2014,
    DEFAULT_CHECKS,
    CheckMethod,
    CheckOutcome,
    EntryVersion,
    FormRecord,
    QuarantineCheck,
    QuarantineReport,
    ReconEntry,
    Tally,
    TallySetup,
    Totals,
    VoteEntry,
    _checks,
    counted_forms,
    run_checks,
    tally,
)
from electoral.testing import demo_tally_setup

SETUP: TallySetup = demo_tally_setup()
FINAL = EntryVersion.FINAL


# --------------------------------------------------------------------------- the tally


@st.composite
def forms(draw: st.DrawFn, big: bool = False) -> FormRecord:
    """A form at a station of the demo setup with free vote entries.

    Candidate keys come from a small pool shared by every ballot, so the forms of two
    ballots at one centre often carry the same key; entries may repeat a candidate.
    """
    (center, station) = draw(st.sampled_from(sorted(SETUP.stations)))
    ballot = draw(st.sampled_from(sorted(SETUP.ballots)))
    suffix = draw(st.integers(0, 3))
    state = draw(st.sampled_from([FormState.ARCHIVED, FormState.ARCHIVED, FormState.AUDIT]))
    form = ResultForm(
        barcode=f"{center}{station:03d}{ballot:03d}{suffix}",
        ballot_number=ballot,
        center_id=center,
        station_number=station,
        gender=SETUP.stations[(center, station)].gender,
        state=state,
    )
    top = MAX_COUNT if big else 500
    entries = draw(
        st.lists(
            st.builds(
                VoteEntry,
                candidate=st.tuples(st.sampled_from([ballot, 1, 2]), st.integers(1, 3)),
                votes=st.integers(0, top),
                version=st.sampled_from(list(EntryVersion)),
                active=st.booleans(),
            ),
            max_size=8,
        )
    )
    recons = draw(
        st.lists(
            st.builds(
                ReconEntry,
                recon=st.builds(ReconciliationForm, number_invalid_votes=st.integers(0, top)),
                version=st.sampled_from(list(EntryVersion)),
                active=st.booleans(),
            ),
            max_size=2,
        )
    )
    return FormRecord(form=form, results=entries, recons=recons)


def _final_votes(record: FormRecord) -> dict[tuple[int, int], int]:
    votes: dict[tuple[int, int], int] = {}
    for e in record.results:
        if e.active and e.version is FINAL:
            votes[e.candidate] = votes.get(e.candidate, 0) + e.votes
    return votes


def _invalid(record: FormRecord) -> int:
    recon = record.active_recon(FINAL) if record.form.has_reconciliation else None
    return 0 if recon is None else recon.number_invalid_votes


def reference(records: list[FormRecord], setup: TallySetup, **options: bool) -> Tally:
    """Every counted vote added straight into each of its seven areas; checked records."""
    levels: list[dict[Any, list[Any]]] = [{} for _ in range(6)]
    national: list[Any] = [{}, 0, 0]
    counted = counted_forms(records, setup=setup, **options)
    for record in counted:
        form = record.form
        center = setup.centers[form.center_id or 0]
        office = setup.offices.get(center.office_id)
        keys = (
            (form.center_id, form.station_number),
            form.center_id,
            center.subconstituency_id,
            center.office_id,
            Region.NONE if office is None else office.region,
            form.ballot_number,
        )
        pairs = zip(levels, keys, strict=True)
        areas = [level.setdefault(key, [{}, 0, 0]) for level, key in pairs]
        for area in [*areas, national]:
            for candidate, n in _final_votes(record).items():
                area[0][candidate] = area[0].get(candidate, 0) + n
            area[1] += _invalid(record)
            area[2] += 1

    def totals(area: list[Any]) -> Totals:
        return Totals(votes=area[0], invalid=area[1], forms=area[2])

    built = [{key: totals(area) for key, area in level.items()} for level in levels]
    return Tally(
        station=built[0],
        center=built[1],
        subconstituency=built[2],
        office=built[3],
        region=built[4],
        ballot=built[5],
        national=totals(national),
        counted=tuple(sorted((r.barcode for r in counted), key=lambda b: (len(b), b))),
        stations_seen=frozenset(
            (r.form.center_id, r.form.station_number)
            for r in records
            if r.form.center_id is not None and r.form.station_number is not None
        ),
        **options,
    )


def outcome_of(call: Callable[[], object]) -> object:
    """The value, or the error's type, code, and field (what a caller can tell apart)."""
    try:
        return call()
    except ValidationError as error:
        return (type(error), error.code, error.field)


@settings(max_examples=150)
@given(st.lists(forms(), max_size=30), st.booleans(), st.booleans())
def test_the_tally_equals_the_sums_at_every_level(
    records: list[FormRecord], quarantine: bool, published: bool
) -> None:
    options = {"include_quarantine": quarantine, "published_only": published}
    fast = tally(records, SETUP, **options)
    assert fast == reference(records, SETUP, **options)
    for level in (fast.station, fast.center, fast.office, fast.region, fast.ballot):
        assert all(type(t) is Totals for t in level.values())


@settings(max_examples=60)
@given(st.lists(forms(big=True), min_size=1, max_size=12))
def test_past_the_ceiling_the_tally_refuses_as_the_full_path(records: list[FormRecord]) -> None:
    assert outcome_of(lambda: tally(records, SETUP)) == outcome_of(
        lambda: reference(records, SETUP)
    )


def test_the_keys_of_two_ballots_meet_and_add_up() -> None:
    """The forms of two ballots at one station carry one candidate: joined, not replaced."""
    (center, station) = min(SETUP.stations)
    ballots = sorted(SETUP.ballots)[:2]
    records = [
        FormRecord(
            form=ResultForm(
                barcode=f"{center}{station:03d}{ballot:03d}0",
                ballot_number=ballot,
                center_id=center,
                station_number=station,
                gender=SETUP.stations[(center, station)].gender,
                state=FormState.ARCHIVED,
            ),
            results=[VoteEntry(candidate=(55, 1), votes=7, version=FINAL)],
        )
        for ballot in ballots
    ]
    result = tally(records, SETUP)
    assert result.station[(center, station)].votes == {(55, 1): 14}
    assert result.center[center].votes == {(55, 1): 14}
    assert result.national.votes == {(55, 1): 14}
    assert result.ballot[ballots[0]].votes == {(55, 1): 7}
    assert result == reference(records, SETUP)


# --------------------------------------------------------------------------- the checks


def full_run(call: Callable[[], QuarantineReport]) -> QuarantineReport:
    """``call`` with every outcome and report built by its validating constructor."""

    def outcome(*values: Any) -> CheckOutcome:
        names = [a.name for a in attrs.fields(CheckOutcome)]
        return CheckOutcome(**dict(zip(names, values, strict=True)))

    def report(outcomes: tuple[CheckOutcome, ...], skipped: bool) -> QuarantineReport:
        return QuarantineReport(outcomes=outcomes, skipped=skipped)

    with (
        mock.patch.object(_checks, "_outcome", outcome),
        mock.patch.object(_checks, "_report", report),
    ):
        return call()


counts = st.integers(0, 10_000) | st.integers(MAX_COUNT - 10, MAX_COUNT)
sections = st.builds(
    ReconciliationForm,
    number_of_voter_cards_in_the_ballot_box=counts,
    number_valid_votes=counts,
    number_invalid_votes=counts,
    number_sorted_and_counted=counts,
)
sections_2014 = st.builds(
    ReconciliationForm2014,
    number_ballots_inside_box=counts,
    number_unstamped_ballots=counts,
    number_invalid_votes=counts,
    number_cancelled_ballots=counts,
)
configured = st.lists(
    st.builds(
        QuarantineCheck,
        name=st.sampled_from(["a", "b", "c"]),
        method=st.sampled_from([CheckMethod.RECONCILIATION, CheckMethod.OVER_VOTING]),
        value=st.integers(0, 20),
        percentage=st.integers(0, 10) | st.fractions(0, 10, max_denominator=1000),
        active=st.booleans(),
    ),
    max_size=3,
)


def _verdicts_hold(report: QuarantineReport) -> None:
    for o in report.outcomes:
        assert o.passed == (not o.applies or o.left <= o.limit)  # the exact rule, in Fractions


@settings(max_examples=200)
@given(
    counts,
    st.none() | sections,
    st.none() | counts,
    st.booleans(),
    st.sampled_from([DEFAULT_CHECKS]) | configured,
)
def test_the_checks_equal_the_full_path(
    votes: int,
    recon: ReconciliationForm | None,
    registrants: int | None,
    station: bool,
    checks: Iterable[QuarantineCheck],
) -> None:
    def call() -> QuarantineReport:
        return run_checks(
            candidate_votes=votes,
            recon=recon,
            registrants=registrants,
            has_station=station,
            checks=checks,
        )

    fast, full = outcome_of(call), outcome_of(lambda: full_run(call))
    assert fast == full
    if isinstance(fast, QuarantineReport):
        _verdicts_hold(fast)
        assert [o.explain() for o in fast.outcomes] == [
            o.explain()
            for o in full.outcomes  # type: ignore[attr-defined]
        ]


@settings(max_examples=100)
@given(counts, sections_2014, st.none() | counts)
def test_the_2014_triggers_equal_the_full_path(
    votes: int, recon: ReconciliationForm2014, registrants: int | None
) -> None:
    def call() -> QuarantineReport:
        return run_checks(
            candidate_votes=votes, recon=recon, registrants=registrants, checks=CHECKS_2014
        )

    fast = outcome_of(call)
    assert fast == outcome_of(lambda: full_run(call))
    if isinstance(fast, QuarantineReport):
        _verdicts_hold(fast)


def test_an_outcome_past_the_ceiling_is_refused_on_both_paths() -> None:
    section = ReconciliationForm(number_invalid_votes=MAX_COUNT, number_sorted_and_counted=1)

    def call() -> QuarantineReport:
        return run_checks(candidate_votes=MAX_COUNT, recon=section, registrants=5)

    fast = outcome_of(call)
    assert isinstance(fast, tuple)
    assert fast[1] == "range.ceiling"
    assert fast == outcome_of(lambda: full_run(call))


def test_a_built_outcome_is_an_ordinary_record() -> None:
    section = ReconciliationForm(number_invalid_votes=5, number_sorted_and_counted=80)
    report = run_checks(candidate_votes=65, recon=section, registrants=70)
    for o in report.outcomes:
        assert o == CheckOutcome(**attrs.asdict(o, recurse=False))
        assert hash(o) == hash(CheckOutcome(**attrs.asdict(o, recurse=False)))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.outcomes[0].passed = False  # type: ignore[misc]
