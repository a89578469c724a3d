"""Disputes (المنازعات): objections, appeals, recounts, annulments, re-runs, final results.

What happens around the count when someone challenges it:

* the **voter-list exhibition** (:class:`Exhibition`, :data:`EXHIBITIONS`) and its
  **objections** (:class:`Objection`, :func:`check_objection`), whose upheld decisions
  change the roll only through the registration chapter's changesets
  (:func:`objection_changesets`);
* **complaints and appeals** per election (:data:`APPEALS`), each step a deadline in
  hours, days or Libyan working days from its anchor, checked with
  :func:`check_filed` on a :class:`~electoral.calendar.LibyanCalendar`;
* **recounts, annulments and re-runs** as recorded decisions (:class:`Recount`,
  :class:`Annulment`, :class:`Rerun`): :func:`apply_decisions` returns the forms that
  count, every excluded form with its reason, and the scopes still awaiting a re-run;
  progress (:func:`disputed_progress`), the tally and publication take those forms;
* **preliminary and final results** as distinct recorded states
  (:class:`ResultsState`, :func:`announce`).

>>> import attrs, pendulum
>>> from electoral.results import tally
>>> from electoral.testing import demo_records, demo_tally_setup
>>> setup = demo_tally_setup()
>>> records = demo_records(setup)
>>> center = records[0].form.center_id
>>> annul = Annulment(id="A1", scope=Scope(center_id=center), reason="illegal acts",
...                   instrument="HNEC Board decision 1", decided_by="HNEC Board",
...                   decided_at=pendulum.datetime(2014, 7, 1, tz="Africa/Tripoli"))
>>> disputed = apply_decisions(records, [annul], setup)
>>> len(disputed.exclusions) > 0, {e.reason for e in disputed.exclusions}
(True, {'illegal acts'})
>>> tally(disputed.records, setup).national.valid < tally(records, setup).national.valid
True
>>> apply_decisions(records, [attrs.evolve(annul, scope=Scope(center_id=99999))], setup)
Traceback (most recent call last):
...
electoral.errors.ValidationErrors: 1 problem in decisions (1 sub-exception)
"""

from __future__ import annotations

from electoral.disputes._appeals import (
    APPEALS,
    AppealSchedule,
    AppealStep,
    cda_2014_appeals,
    check_filed,
    gnc_2012_appeals,
    hor_2014_appeals,
    municipal_2023_appeals,
    president_2021_appeals,
)
from electoral.disputes._decisions import (
    RERUN_RULES,
    Annulment,
    Decision,
    DisputedProgress,
    DisputedResults,
    Exclusion,
    Recount,
    Rerun,
    RerunRule,
    Scope,
    apply_decisions,
    disputed_progress,
)
from electoral.disputes._exhibition import (
    EXHIBITIONS,
    Exhibition,
    Ground,
    Objection,
    ObjectionDecision,
    ObjectionOutcome,
    check_objection,
    objection_changesets,
)
from electoral.disputes._status import Announcement, ResultsState, ResultsStatus, announce

__all__ = [
    "APPEALS",
    "EXHIBITIONS",
    "RERUN_RULES",
    "Announcement",
    "Annulment",
    "AppealSchedule",
    "AppealStep",
    "Decision",
    "DisputedProgress",
    "DisputedResults",
    "Exclusion",
    "Exhibition",
    "Ground",
    "Objection",
    "ObjectionDecision",
    "ObjectionOutcome",
    "Recount",
    "Rerun",
    "RerunRule",
    "ResultsState",
    "ResultsStatus",
    "Scope",
    "announce",
    "apply_decisions",
    "cda_2014_appeals",
    "check_filed",
    "check_objection",
    "disputed_progress",
    "gnc_2012_appeals",
    "hor_2014_appeals",
    "municipal_2023_appeals",
    "objection_changesets",
    "president_2021_appeals",
]
