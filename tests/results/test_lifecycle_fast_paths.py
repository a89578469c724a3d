"""The life cycle's fast paths give what the full validating constructors give.

The transitions build vote entries of parsed counts checking only what parsing left
(``counted_entries``), evolve a record setting the parts they made as they are
(``revised``), and build events and steps positionally. Each is held here equal to
the path that checks everything: same records, same errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import OutOfRange, ValidationError
from electoral.model import MAX_COUNT, FormState, Gender, ReconciliationForm, ResultForm
from electoral.model import _validators as v
from electoral.results import (
    EntryVersion,
    Event,
    FormRecord,
    Step,
    TallyConfig,
    VoteEntry,
    compare_entries,
    enter_de1,
    enter_de2,
    import_form,
    intake,
    intake_match,
    qc_pass,
    qc_print,
    replay,
    resolve_corrections,
)
from electoral.results._intake import blank_record
from electoral.results._records import counted_entries, vote_entries
from electoral.testing import DEMO_NOW, demo_tally_setup

SETUP = demo_tally_setup()
NOW = DEMO_NOW
KEYS = [c.key for c in SETUP.form_candidates(117)]
RECON = ReconciliationForm(
    number_of_voters=400,
    number_of_voter_cards_in_the_ballot_box=70,
    number_valid_votes=60,
    number_invalid_votes=5,
    number_sorted_and_counted=65,
)

counts = st.integers(0, 10) | st.integers(MAX_COUNT - 2, MAX_COUNT + 2)
users = st.text(max_size=3) | st.sampled_from(["de1", "x" * 151, "a\u200fb", "a\nb"])


def _outcome(build: Any) -> tuple[str, Any]:
    try:
        return ("ok", build())
    except ValidationError as error:
        return ("error", (type(error), error.code, error.field, error.value))


@given(
    st.dictionaries(st.sampled_from(KEYS), counts, max_size=len(KEYS)),
    st.sampled_from(EntryVersion),
    users,
)
def test_counted_entries_are_the_constructors_entries(
    votes: dict[tuple[int, int], int], version: EntryVersion, user: str
) -> None:
    def full() -> list[VoteEntry]:
        return [
            VoteEntry(candidate=k, votes=n, version=version, user=user) for k, n in votes.items()
        ]

    def fast() -> list[VoteEntry]:
        return counted_entries(votes, version=version, user=user)

    def general() -> list[VoteEntry]:
        return vote_entries(votes, version=version, user=user)

    assert _outcome(fast) == _outcome(full) == _outcome(general)


@given(
    st.sampled_from(FormState),
    st.lists(st.sampled_from(KEYS), max_size=3),
    st.fixed_dictionaries(
        {},
        optional={
            "rejected_count": st.integers(-1, 3) | st.just(MAX_COUNT + 1),
            "reject_reason": st.none() | users,
            "duplicate_reviewed": st.booleans() | st.just(1),
            "date_seen": st.just(dt.datetime(2026, 6, 26, 6, tzinfo=dt.UTC))
            | st.just(dt.datetime(2026, 6, 26, 6)),
        },
    ),
)
def test_revised_is_changed(
    state: FormState, keys: list[tuple[int, int]], changes: dict[str, Any]
) -> None:
    record = _base()
    made: Mapping[str, Any] = {
        "form": v.changed(record.form, state=state),
        "previous_state": record.state,
        "results": tuple(
            counted_entries(dict.fromkeys(keys, 1), version=EntryVersion.FINAL, user="u")
        ),
    }
    fast = _outcome(lambda: v.revised(record, made, **changes))
    assert fast == _outcome(lambda: v.changed(record, **made, **changes))
    # attrs.evolve checks every field, in field order: the same verdict, and the same
    # record when there is one (of several bad changes it may name another first)
    full = _outcome(lambda: attrs.evolve(record, **made, **changes))
    assert fast[0] == full[0]
    if fast[0] == "ok":
        assert fast == full


def _start() -> Step:
    form = ResultForm(
        barcode="31001001117",
        ballot_number=117,
        center_id=31001,
        station_number=1,
        gender=Gender.MALE,
    )
    return import_form(form, user="setup", now=NOW)


def _base() -> FormRecord:
    return _start().record


def _rebuilt(value: Any) -> Any:
    """``value`` built again by the constructors, every field of every part checked."""
    if isinstance(value, tuple):
        return tuple(_rebuilt(member) for member in value)
    if attrs.has(type(value)):
        fields = {
            a.name: _rebuilt(getattr(value, a.name)) for a in attrs.fields(type(value)) if a.init
        }
        return type(value)(**fields)
    return value


@given(
    st.lists(st.integers(0, 10), min_size=len(KEYS), max_size=len(KEYS)),
    st.lists(st.integers(0, 10), min_size=len(KEYS), max_size=len(KEYS)),
    st.none() | st.integers(0, len(KEYS) - 1),
)
def test_the_life_cycle_builds_what_the_constructors_build(
    first: list[int], second: list[int], huge: int | None
) -> None:
    """Every record, entry and event of a life cycle equals its full rebuild."""
    if huge is not None:
        first[huge] = MAX_COUNT + 1
    de1_votes = dict(zip(KEYS, first, strict=True))
    de2_votes = dict(zip(KEYS, second, strict=True))
    config = TallyConfig()
    start = _start()
    assert _rebuilt(start.record) == start.record
    assert _rebuilt(start.event) == start.event
    record = start.record
    events: list[Event] = [start.event]
    steps: list[Callable[[FormRecord], Step]] = [
        lambda r: intake(r, setup=SETUP, others=(), user="i", now=NOW),
        lambda r: intake_match(r, user="i", now=NOW),
        lambda r: enter_de1(r, votes=de1_votes, recon=RECON, setup=SETUP, user="a", now=NOW),
        lambda r: enter_de2(r, votes=de2_votes, recon=RECON, setup=SETUP, user="b", now=NOW),
        lambda r: resolve_corrections(
            r,
            user="c",
            now=NOW,
            choices={k: de1_votes[k] for k in compare_entries(r).mismatched},
        ),
        lambda r: qc_pass(r, config=config, setup=SETUP, user="q", now=NOW),
        lambda r: qc_print(r, user="q", now=NOW),
    ]
    beyond = any(n > MAX_COUNT for n in first)
    for index, transition in enumerate(steps):
        if index == 2 and record.state is not FormState.DATA_ENTRY_1:
            return  # the DE1 gate sent the form to clearance
        if index == 2 and beyond:
            with pytest.raises(OutOfRange) as refused:  # refused as ever
                transition(record)
            assert (refused.value.code, refused.value.field) == ("range.ceiling", "votes")
            return
        step = transition(record)
        assert _rebuilt(step.record) == step.record
        assert _rebuilt(step.event) == step.event
        record = step.record
        events.append(step.event)
        if record.state is FormState.CORRECTION:
            comparison = compare_entries(record)
            assert _rebuilt(comparison) == comparison
        if record.state is FormState.CLEARANCE:
            break
    assert not beyond
    assert replay(events) == record
    final = record.active_votes(EntryVersion.FINAL)
    if record.state is FormState.ARCHIVED or record.state is FormState.AUDIT:
        assert final == de1_votes


def test_a_count_beyond_the_ceiling_is_refused_at_every_entry() -> None:
    record = intake_match(
        intake(_base(), setup=SETUP, others=(), user="i", now=NOW).record, user="i", now=NOW
    ).record
    votes = dict.fromkeys(KEYS, 1)
    votes[KEYS[-1]] = MAX_COUNT + 1
    with pytest.raises(OutOfRange) as refused:
        enter_de1(record, votes=votes, recon=RECON, setup=SETUP, user="a", now=NOW)
    assert (refused.value.code, refused.value.field) == ("range.ceiling", "votes")
    good = dict.fromkeys(KEYS, 1)
    record = enter_de1(record, votes=good, recon=RECON, setup=SETUP, user="a", now=NOW).record
    with pytest.raises(OutOfRange) as refused:
        enter_de2(record, votes=votes, recon=RECON, setup=SETUP, user="b", now=NOW)
    assert (refused.value.code, refused.value.field) == ("range.ceiling", "votes")
    other = {**good, KEYS[0]: 2}
    record = enter_de2(record, votes=other, recon=RECON, setup=SETUP, user="b", now=NOW).record
    with pytest.raises(OutOfRange) as refused:
        resolve_corrections(record, user="c", now=NOW, choices={KEYS[0]: MAX_COUNT + 1})
    assert (refused.value.code, refused.value.field) == ("range.ceiling", "votes")


@given(st.sampled_from(FormState), st.booleans())
def test_an_imported_form_gets_the_constructors_record(state: FormState, assigned: bool) -> None:
    if assigned:
        form = ResultForm(
            barcode="31001001117",
            ballot_number=117,
            center_id=31001,
            station_number=1,
            gender=Gender.MALE,
            state=state,
        )
    else:
        form = ResultForm(barcode="31001001117", ballot_number=117, state=state)
    expected = FormRecord(form=attrs.evolve(form, state=FormState.UNSUBMITTED))
    assert import_form(form, user="setup", now=NOW).record == expected
    assert blank_record(form) == FormRecord(form=form)


def test_the_comparison_read_again_is_the_one_computed() -> None:
    """``resolve_corrections`` reads the comparison the clerk's screen just made."""
    from electoral.results._entry import _compared

    record = intake_match(
        intake(_base(), setup=SETUP, others=(), user="i", now=NOW).record, user="i", now=NOW
    ).record
    votes = dict.fromkeys(KEYS, 1)
    record = enter_de1(record, votes=votes, recon=RECON, setup=SETUP, user="a", now=NOW).record
    same = enter_de2(record, votes=votes, recon=RECON, setup=SETUP, user="b", now=NOW).record
    other = enter_de2(
        record, votes={**votes, KEYS[0]: 2}, recon=RECON, setup=SETUP, user="b", now=NOW
    ).record
    for each in (same, other, same, same, other):
        assert compare_entries(each) == _compared(each)
    assert compare_entries(other).mismatched == (KEYS[0],)
    assert compare_entries(same).matches
    # the corrections then see the same mismatches, and refuse choices that miss one
    step = resolve_corrections(other, user="c", now=NOW, choices={KEYS[0]: 1})
    assert step.record.active_votes(EntryVersion.FINAL) == votes
    with pytest.raises(ValidationError):
        resolve_corrections(other, user="c", now=NOW, choices={})


def test_the_keys_kept_are_those_of_the_tuple_asked_for() -> None:
    from electoral.results._entry import _keys_of

    ballots = sorted(SETUP.candidates)
    first, second = (SETUP.form_candidates(number) for number in ballots[:2])
    for candidates in (first, second, first, first, second, tuple(reversed(first))):
        keys, known = _keys_of(candidates)
        assert keys == tuple(c.key for c in candidates)
        assert known == {c.key for c in candidates}
