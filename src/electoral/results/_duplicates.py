"""Private: the duplicate notions of the results system other than intake duplicates.

Three finders, each a pure function over form records (intake duplicates are
:func:`~electoral.results.find_duplicates`):

* **Form duplicates** (:func:`form_duplicates`, the super admin's list):
  (centre, ballot, station number) groups with more than one form, forms in
  UNSUBMITTED left out.
* **Duplicate results** (:func:`find_duplicate_results`): forms with results,
  not yet ``duplicate_reviewed``, of an active ballot (by default), grouped by
  ballot; forms are duplicates when their candidate -> votes maps over
  **active** entries of any version are equal (:func:`results_map`). The super
  admin marks a form reviewed (:func:`mark_duplicate_reviewed`, which keeps the
  form's state) or sends it to CLEARANCE by reject
  (:func:`~electoral.results.duplicate_results_to_clearance`, ARCHIVED refused).
* **Export "duplicate results"** (:func:`center_duplicate_results`): ARCHIVED
  forms within one **centre**; each form's vote tuple lists its FINAL active
  votes in ballot order; when the centre's total is above 0, every form whose
  tuple is non-zero and occurs on another form of the centre is listed ("the
  same form was entered for multiple stations").

Deliberate differences from Tally-Ho:

* A form's results map gives, per candidate, the **distinct** active values
  over its entry versions; when its active versions agree (the usual case)
  this is the plain candidate -> votes map, and it never depends on row order
  (Tally-Ho built it from database rows in whatever order they came).
* A form whose entries are all inactive has an empty map and is never a
  duplicate (Tally-Ho's "has results" also counted inactive rows, so two
  rejected forms could match on nothing).
* Results are ordered (ballot, then barcode by length and text) rather than by
  database id.

As in Tally-Ho, the export compares vote tuples across **all** ballots of a
centre, so equal tuples on two ballots' forms are listed too.

Sources: Tally-Ho ``views/super_admin.py`` (``duplicates``,
``DuplicateResultTrackingView``, ``DuplicateResultFormView``,
``get_result_form_with_duplicate_results``), ``libs/views/exports.py``
(``save_center_duplicates``) (onaio/tally-ho at commit ``acbe4f4``).

>>> from electoral.testing import demo_records, demo_tally_setup
>>> setup = demo_tally_setup()
>>> records = demo_records(setup)
>>> form_duplicates(records), find_duplicate_results(records, setup)
({}, ())
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

import attrs

from electoral.model import FormState
from electoral.model import _validators as v
from electoral.results._lifecycle import Step, finish, guard
from electoral.results._records import CandidateKey, EntryVersion, FormRecord, TallySetup

__all__ = [
    "CenterDuplicate",
    "FormTriple",
    "center_duplicate_results",
    "find_duplicate_results",
    "form_duplicates",
    "mark_duplicate_reviewed",
    "results_map",
]

FormTriple = tuple[int, int, int]
"""``(centre id, ballot number, station number)``, the super admin's grouping key."""

ResultsMap = tuple[tuple[CandidateKey, tuple[int, ...]], ...]


def _by_barcode(record: FormRecord) -> tuple[int, str]:
    return (len(record.barcode), record.barcode)


def form_duplicates(records: Iterable[FormRecord]) -> dict[FormTriple, tuple[FormRecord, ...]]:
    """(centre, ballot, station) groups with more than one form, UNSUBMITTED forms left out.

    Forms without a centre (unassigned replacement forms) belong to no group.
    Groups are ordered by key, forms within a group by barcode.
    """
    groups: dict[FormTriple, list[FormRecord]] = {}
    for record in records:
        form = record.form
        if record.state is FormState.UNSUBMITTED or form.station_key is None:
            continue
        center_id, station_number = form.station_key
        groups.setdefault((center_id, form.ballot_number, station_number), []).append(record)
    return {
        key: tuple(sorted(group, key=_by_barcode))
        for key, group in sorted(groups.items())
        if len(group) > 1
    }


def results_map(record: FormRecord) -> ResultsMap:
    """The form's candidate -> votes map over **active** entries of every version.

    Each candidate maps to the sorted distinct values of its active entries, so
    a form whose versions agree maps each candidate to one value.

    >>> from electoral.model import ResultForm
    >>> from electoral.results import VoteEntry, EntryVersion as V
    >>> rows = [VoteEntry(candidate=(117, 1), votes=9, version=V.DATA_ENTRY_1, active=False),
    ...         VoteEntry(candidate=(117, 1), votes=4, version=V.DATA_ENTRY_1),
    ...         VoteEntry(candidate=(117, 1), votes=4, version=V.DATA_ENTRY_2)]
    >>> results_map(FormRecord(form=ResultForm(barcode="1", ballot_number=117), results=rows))
    (((117, 1), (4,)),)
    """
    values: dict[CandidateKey, set[int]] = {}
    for entry in record.results:
        if entry.active:
            values.setdefault(entry.candidate, set()).add(entry.votes)
    return tuple((key, tuple(sorted(found))) for key, found in sorted(values.items()))


def find_duplicate_results(
    records: Iterable[FormRecord],
    setup: TallySetup,
    *,
    ballot: int | None = None,
    active_ballots_only: bool = True,
) -> tuple[tuple[FormRecord, ...], ...]:
    """Groups of forms of one ballot whose results maps are equal (the review list).

    Args:
        records: the tally's forms.
        setup: the tally's reference data (which ballots are active).
        ballot: only this ballot's forms, if given.
        active_ballots_only: leave out forms of inactive (or unknown) ballots;
            the default, as on Tally-Ho's screen.

    Returns:
        One tuple per group of two or more forms, ordered by ballot, then by
        the group's first barcode; each group ordered by barcode. Forms
        already ``duplicate_reviewed`` and forms with no results are left out.
    """
    groups: dict[tuple[int, ResultsMap], list[FormRecord]] = {}
    for record in records:
        number = record.form.ballot_number
        if record.duplicate_reviewed or not record.results:
            continue
        if ballot is not None and number != ballot:
            continue
        known = setup.ballots.get(number)
        if active_ballots_only and (known is None or not known.active):
            continue
        found = results_map(record)
        if found:
            groups.setdefault((number, found), []).append(record)
    ordered = [
        (number, tuple(sorted(group, key=_by_barcode)))
        for (number, _), group in groups.items()
        if len(group) > 1
    ]
    ordered.sort(key=lambda item: (item[0], _by_barcode(item[1][0])))
    return tuple(group for _, group in ordered)


def mark_duplicate_reviewed(record: FormRecord, *, user: str, now: dt.datetime) -> Step:
    """The super admin marks a form's duplicate results reviewed; the state is kept.

    Sets ``duplicate_reviewed``, which takes the form off
    :func:`find_duplicate_results` until a later entry or reject clears it.

    >>> from electoral.model import ResultForm
    >>> from electoral.testing import DEMO_NOW
    >>> record = FormRecord(form=ResultForm(barcode="1", ballot_number=117))
    >>> step = mark_duplicate_reviewed(record, user="admin", now=DEMO_NOW)
    >>> step.record.duplicate_reviewed, step.record.state.name, step.event.changed_fields
    (True, 'UNSUBMITTED', ('duplicate_reviewed',))
    """
    guard(record, "mark_duplicate_reviewed")
    new = attrs.evolve(record, duplicate_reviewed=True)
    return finish(record, new, "mark_duplicate_reviewed", user=user, now=now)


_FINAL: Final = EntryVersion.FINAL


def _ints(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class CenterDuplicate:
    """One row of the "duplicate results" export: a form whose votes repeat in its centre.

    ``votes`` is the form's FINAL active votes, its candidates in ballot order.
    """

    ballot: int = attrs.field(validator=v.integer(0))
    center: int = attrs.field(validator=v.integer(0))
    barcode: str = attrs.field(validator=v.text(blank=False))
    state: FormState = attrs.field(validator=v.enum_member(FormState))
    station: int = attrs.field(validator=v.integer(0))
    votes: tuple[int, ...] = attrs.field(converter=_ints)


def center_duplicate_results(
    records: Iterable[FormRecord], setup: TallySetup
) -> tuple[CenterDuplicate, ...]:
    """The export's duplicate results: ARCHIVED forms whose vote tuple repeats in the centre.

    Within each centre (ascending), forms are taken by barcode; a centre is
    looked at only when its total votes are above 0 and some tuple occurs
    twice, and then every form whose tuple is non-zero and occurs on another
    form of the centre is listed.
    """
    by_center: dict[int, list[tuple[FormRecord, tuple[int, ...]]]] = {}
    for record in sorted(records, key=_by_barcode):
        form = record.form
        if record.state is not FormState.ARCHIVED or form.station_key is None:
            continue
        final = record.active_votes(_FINAL)
        votes = tuple(final.get(c.key, 0) for c in setup.form_candidates(form.ballot_number))
        by_center.setdefault(form.station_key[0], []).append((record, votes))
    out: list[CenterDuplicate] = []
    for center_id, forms in sorted(by_center.items()):
        tuples = [votes for _, votes in forms]
        if sum(map(sum, tuples)) == 0 or len(set(tuples)) == len(tuples):
            continue
        for record, votes in forms:
            if sum(votes) > 0 and tuples.count(votes) > 1:
                assert record.form.station_number is not None
                out.append(
                    CenterDuplicate(
                        ballot=record.form.ballot_number,
                        center=center_id,
                        barcode=record.barcode,
                        state=record.state,
                        station=record.form.station_number,
                        votes=votes,
                    )
                )
    return tuple(out)
