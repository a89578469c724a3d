"""Duplicate finders of Tally-Ho: form duplicates, duplicate results, the centre export."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InconsistentValue
from electoral.model import FormState, Gender, ResultForm
from electoral.results import (
    TRANSITIONS,
    EntryVersion,
    FormRecord,
    TallySetup,
    VoteEntry,
    center_duplicate_results,
    duplicate_results_to_clearance,
    find_duplicate_results,
    form_duplicates,
    import_form,
    intake,
    mark_duplicate_reviewed,
    replay,
    results_map,
)
from electoral.testing import demo_tally_setup

V = EntryVersion
SETUP = demo_tally_setup()


def rec(
    barcode: str,
    *,
    center: int | None = 31001,
    station: int = 1,
    ballot: int = 117,
    state: FormState = FormState.ARCHIVED,
    votes: tuple[int, ...] = (),
    version: EntryVersion = V.FINAL,
    reviewed: bool = False,
) -> FormRecord:
    if center is None:
        form = ResultForm(barcode=barcode, ballot_number=ballot, state=state)
    else:
        form = ResultForm(
            barcode=barcode,
            ballot_number=ballot,
            center_id=center,
            station_number=station,
            gender=Gender.MALE,
            state=state,
        )
    results = [
        VoteEntry(candidate=(ballot, i), votes=n, version=version)
        for i, n in enumerate(votes, start=1)
    ]
    return FormRecord(form=form, results=results, duplicate_reviewed=reviewed)


def barcodes(groups: object) -> list[list[str]]:
    return [[r.barcode for r in g] for g in groups]  # type: ignore[attr-defined]


def test_form_duplicates_leave_out_unsubmitted() -> None:
    records = [
        rec("1"),
        rec("2", state=FormState.CLEARANCE),
        rec("3", state=FormState.UNSUBMITTED),
        rec("4", station=2),
        rec("5", station=2, state=FormState.UNSUBMITTED),
        rec("6", center=None, state=FormState.INTAKE),
        rec("7", center=None, state=FormState.INTAKE),
        rec("8", ballot=118),
    ]
    found = form_duplicates(records)
    assert list(found) == [(31001, 117, 1)]
    assert [r.barcode for r in found[(31001, 117, 1)]] == ["1", "2"]
    assert form_duplicates([]) == {}


def test_duplicate_results_scope_and_grouping() -> None:
    records = [
        rec("10", votes=(1, 2, 3)),
        rec(
            "11", station=2, votes=(1, 2, 3), state=FormState.DATA_ENTRY_2, version=V.DATA_ENTRY_1
        ),
        rec("12", center=31002, votes=(1, 2, 3), reviewed=True),
        rec("13", ballot=118, votes=(1, 2, 3)),  # another ballot: not grouped with 117
        rec("14", ballot=118, center=31002, votes=(1, 2, 3)),
        rec("15", center=31002, votes=(3, 2, 1)),
        rec("16", center=80001),  # no results
        rec("17", center=80001, station=2),
    ]
    assert barcodes(find_duplicate_results(records, SETUP)) == [["10", "11"], ["13", "14"]]
    assert barcodes(find_duplicate_results(records, SETUP, ballot=118)) == [["13", "14"]]
    off = attrs.evolve(
        SETUP, ballots={**SETUP.ballots, 118: attrs.evolve(SETUP.ballots[118], active=False)}
    )
    assert barcodes(find_duplicate_results(records, off)) == [["10", "11"]]
    assert barcodes(find_duplicate_results(records, off, active_ballots_only=False)) == [
        ["10", "11"],
        ["13", "14"],
    ]
    unknown = [rec("20", ballot=999, votes=(1,)), rec("21", ballot=999, station=2, votes=(1,))]
    assert find_duplicate_results(unknown, SETUP) == ()
    assert barcodes(find_duplicate_results(unknown, SETUP, active_ballots_only=False)) == [
        ["20", "21"]
    ]


def test_results_map_reads_active_entries_only() -> None:
    a = rec("1", votes=(5, 6))
    b = attrs.evolve(
        rec("2", station=2, votes=(5, 6), version=V.DATA_ENTRY_2),
        results=(
            VoteEntry(candidate=(117, 1), votes=7, version=V.DATA_ENTRY_1, active=False),
            *rec("2", votes=(5, 6), version=V.DATA_ENTRY_2).results,
            *rec("2", votes=(5, 6), version=V.DATA_ENTRY_1).results,
        ),
    )
    assert results_map(a) == results_map(b) == (((117, 1), (5,)), ((117, 2), (6,)))
    assert barcodes(find_duplicate_results([a, b], SETUP)) == [["1", "2"]]
    # two forms whose entries are all inactive match on nothing: not duplicates
    dead = [
        attrs.evolve(r, results=[attrs.evolve(e, active=False) for e in r.results]) for r in (a, b)
    ]
    assert find_duplicate_results(dead, SETUP) == ()
    # disagreeing versions keep both values
    mixed = attrs.evolve(
        a, results=(*a.results, VoteEntry(candidate=(117, 1), votes=9, version=V.DATA_ENTRY_1))
    )
    assert results_map(mixed)[0] == ((117, 1), (5, 9))


def test_mark_reviewed_and_send_to_clearance(now: dt.datetime) -> None:
    a = rec("1", votes=(5, 6), state=FormState.QUALITY_CONTROL)
    b = rec("2", station=2, votes=(5, 6), state=FormState.ARCHIVED)
    step = mark_duplicate_reviewed(a, user="sa", now=now)
    assert step.record.state is FormState.QUALITY_CONTROL
    assert step.record.previous_state is a.previous_state
    assert step.event.transition == "mark_duplicate_reviewed"
    assert step.event.changes == (("duplicate_reviewed", True),)
    assert find_duplicate_results([step.record, b], SETUP) == ()
    assert TRANSITIONS["mark_duplicate_reviewed"].loop
    with pytest.raises(InconsistentValue) as info:
        duplicate_results_to_clearance(b, user="sa", now=now)
    assert info.value.code == "results.archived_to_clearance"
    sent = duplicate_results_to_clearance(a, user="sa", now=now).record
    assert sent.state is FormState.CLEARANCE
    assert sent.duplicate_reviewed
    assert not any(e.active for e in sent.results)


def test_mark_reviewed_replays_and_intake_clears_it(setup: TallySetup, now: dt.datetime) -> None:
    form = ResultForm(
        barcode="31001001117", ballot_number=117, center_id=31001, station_number=1,
        gender=Gender.MALE,
    )  # fmt: skip
    first = import_form(form, user="s", now=now)
    marked = mark_duplicate_reviewed(first.record, user="sa", now=now)
    assert replay([first.event, marked.event]) == marked.record
    taken = intake(marked.record, setup=setup, others=(), user="i", now=now)
    assert taken.record.duplicate_reviewed is False


def test_center_duplicates_export() -> None:
    records = [
        rec("1", votes=(10, 20, 30)),
        rec("2", station=2, votes=(10, 20, 30)),
        rec("3", ballot=118, votes=(10, 20, 30)),  # another ballot, same tuple: listed
        rec("4", ballot=118, station=2, votes=(1, 2, 3)),
        rec("5", state=FormState.AUDIT, station=2, votes=(1, 2, 3)),  # not ARCHIVED
        rec("6", center=31002, votes=(0, 0, 0)),
        rec("7", center=31002, station=2, votes=(0, 0, 0)),  # zero tuples repeat: not listed
        rec("8", center=31002, ballot=118, votes=(4, 0, 0)),
        rec("9", center=80001, votes=(0, 0, 0)),
        rec("10", center=80001, station=2, votes=(0, 0, 0)),  # centre total 0
        rec("11", center=80001, ballot=118, votes=()),  # no FINAL: all zeros
    ]
    rows = center_duplicate_results(records, SETUP)
    assert [(d.center, d.barcode, d.ballot, d.station, d.votes) for d in rows] == [
        (31001, "1", 117, 1, (10, 20, 30)),
        (31001, "2", 117, 2, (10, 20, 30)),
        (31001, "3", 118, 1, (10, 20, 30)),
    ]
    assert all(d.state is FormState.ARCHIVED for d in rows)
    assert center_duplicate_results(records[3:], SETUP) == ()


@st.composite
def forms(draw: st.DrawFn) -> list[FormRecord]:
    out = []
    for n in range(draw(st.integers(0, 12))):
        center, station = draw(st.sampled_from(sorted(SETUP.stations)))
        out.append(
            rec(
                str(100 + n),
                center=center,
                station=station,
                ballot=draw(st.sampled_from([117, 118])),
                state=draw(st.sampled_from([FormState.ARCHIVED, FormState.QUALITY_CONTROL])),
                votes=tuple(draw(st.lists(st.integers(0, 2), min_size=3, max_size=3))),
                reviewed=draw(st.booleans()),
            )
        )
    return out


@given(forms(), st.randoms())
def test_finders_are_sound(records: list[FormRecord], rnd: object) -> None:
    groups = find_duplicate_results(records, SETUP)
    seen = [r.barcode for g in groups for r in g]
    assert len(seen) == len(set(seen))  # groups are disjoint
    for group in groups:
        assert len(group) >= 2
        assert len({r.form.ballot_number for r in group}) == 1
        assert len({results_map(r) for r in group}) == 1
        assert not any(r.duplicate_reviewed for r in group)
    # every unreviewed form whose map repeats on its ballot is in a group
    keys = Counter(
        (r.form.ballot_number, results_map(r)) for r in records if not r.duplicate_reviewed
    )
    expected = {
        r.barcode
        for r in records
        if not r.duplicate_reviewed and keys[(r.form.ballot_number, results_map(r))] > 1
    }
    assert set(seen) == expected
    listed = center_duplicate_results(records, SETUP)
    for row in listed:
        same = [
            r
            for r in records
            if r.state is FormState.ARCHIVED
            and r.form.center_id == row.center
            and tuple(r.active_votes(V.FINAL).get((r.form.ballot_number, i), 0) for i in (1, 2, 3))
            == row.votes
        ]
        assert len(same) >= 2
        assert sum(row.votes) > 0
    shuffled = list(records)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert find_duplicate_results(shuffled, SETUP) == groups
    assert center_duplicate_results(shuffled, SETUP) == listed
