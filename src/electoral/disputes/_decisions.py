"""Private: recounts, annulments and re-runs as recorded decisions over the tally's forms.

A decision names a scope (a centre, or one station of it; one ballot or all), the
reason, the instrument and who decided. :func:`apply_decisions` takes every result
form of the tally and the decisions, and returns the forms that count now:

* an **annulment** removes every form in its scope from the tally, each with the
  annulment's reason (an :class:`Exclusion`);
* a **re-run** of an annulled scope brings its own forms (new barcodes) into the
  tally in place of the annulled ones; the number of re-runs and their timing follow
  the election's :class:`RerunRule`;
* a **recount** either confirms the forms of its scope (no forms given) or replaces
  them with the recount's forms.

Nothing is deleted: the excluded forms are listed with their reasons, so progress,
publication and audit can show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, Literal

import attrs
import pendulum

from electoral._checks import day_of, sequence_of
from electoral.errors import ErrorCollector, InconsistentValue, register_messages
from electoral.law import Citation
from electoral.model import FormState
from electoral.model import _validators as v
from electoral.results import FormRecord, Progress, TallySetup, progress

__all__ = [
    "RERUN_RULES",
    "Annulment",
    "Decision",
    "DisputedProgress",
    "DisputedResults",
    "Exclusion",
    "Recount",
    "Rerun",
    "RerunRule",
    "Scope",
    "apply_decisions",
    "disputed_progress",
]

register_messages(
    {
        "disputes.unknown_center": (
            "The centre {value} is not in the tally.",
            "المركز {value} غير موجود في عملية العد.",
        ),
        "disputes.unknown_station": (
            "The station {value} is not in the tally.",
            "المحطة {value} غير موجودة في عملية العد.",
        ),
        "disputes.unknown_ballot": (
            "The ballot {value} is not in the tally.",
            "ورقة الاقتراع {value} غير موجودة في عملية العد.",
        ),
        "disputes.unknown_form": (
            "The form {value} is not among the tally's forms.",
            "الاستمارة {value} ليست من استمارات عملية العد.",
        ),
        "disputes.form_outside_scope": (
            "The form {value} is not from the scope of decision {decision}.",
            "الاستمارة {value} ليست من نطاق القرار {decision}.",
        ),
        "disputes.form_twice": (
            "The form {value} is named by two decisions ({decision} and {other}).",
            "الاستمارة {value} واردة في قرارين ({decision} و{other}).",
        ),
        "disputes.duplicate_decision": (
            "Two decisions have the id {value}.",
            "قراران يحملان المعرّف {value}.",
        ),
        "disputes.unknown_annulment": (
            "{value} is not an annulment among the decisions.",
            "{value} ليس قرار إلغاء ضمن القرارات.",
        ),
        "disputes.rerun_limit": (
            "Re-run {value} exceeds the {limit} re-run(s) the law allows ({law}).",
            "إعادة الاقتراع {value} تتجاوز عدد الإعادات التي يجيزها القانون وهو {limit} ({law}).",
        ),
        "disputes.rerun_late": (
            "Re-run {value} is held on {held}, after the last day the law allows, {last} ({law}).",
            "إعادة الاقتراع {value} تجري في {held}، بعد آخر يوم يجيزه القانون وهو {last} ({law}).",
        ),
        "disputes.rerun_not_authorised": (
            "Re-run {value} needs a decision of {authority} ({law}).",
            "إعادة الاقتراع {value} تحتاج إلى قرار من {authority} ({law}).",
        ),
    }
)

DecisionKind = Literal["annulment", "recount", "rerun"]


@attrs.frozen(kw_only=True)
class Scope:
    """What a decision covers: a centre or one of its stations, one ballot or all.

    Attributes:
        center_id: the centre.
        station_number: one station, or ``None`` for every station of the centre.
        ballot_number: one ballot, or ``None`` for every ballot.
    """

    center_id: int = attrs.field(validator=v.integer(1, 99_999))
    station_number: int | None = attrs.field(default=None, validator=v.optional(v.integer(1, 999)))
    ballot_number: int | None = attrs.field(
        default=None, validator=v.optional(v.integer(0, 999_999))
    )

    def covers(self, record: FormRecord) -> bool:
        """Whether the form of ``record`` lies in the scope."""
        if not isinstance(record, FormRecord):
            raise TypeError(f"record must be a FormRecord, not {type(record).__name__}")
        form = record.form
        return (
            form.center_id == self.center_id
            and (self.station_number is None or form.station_number == self.station_number)
            and (self.ballot_number is None or form.ballot_number == self.ballot_number)
        )

    def __str__(self) -> str:
        station = (
            "all stations" if self.station_number is None else f"station {self.station_number}"
        )
        ballot = "all ballots" if self.ballot_number is None else f"ballot {self.ballot_number}"
        return f"centre {self.center_id}, {station}, {ballot}"


_ID: Final = v.text(max_length=100, blank=False)
_REASON: Final = v.text(max_length=2000, blank=False)
_WHO: Final = v.text(max_length=200, blank=False)


def _barcodes(value: object) -> tuple[str, ...]:
    return sequence_of(value, "forms", str, data=True)


@attrs.frozen(kw_only=True)
class Annulment:
    """A decision that the polling in a scope is void.

    Attributes:
        id: the decision's id, unique among the decisions.
        scope: what is annulled.
        reason: why (fraud, "illegal acts", polling prevented...).
        instrument: the decision and its number.
        decided_at: when (aware).
        decided_by: who decided (HNEC's board, a court).
    """

    id: str = attrs.field(validator=_ID)
    scope: Scope = attrs.field(validator=v.instance(Scope))
    reason: str = attrs.field(validator=_REASON)
    instrument: str = attrs.field(validator=_REASON)
    decided_at: pendulum.DateTime = attrs.field(converter=v.to_moment, validator=v.moment)
    decided_by: str = attrs.field(validator=_WHO)

    kind: DecisionKind = attrs.field(default="annulment", init=False)


@attrs.frozen(kw_only=True)
class Recount:
    """A decision to count a scope's ballots again, and what the recount found.

    Attributes:
        id, scope, reason, instrument, decided_at, decided_by: as for
            :class:`Annulment`.
        forms: the barcodes of the forms the recount produced, which replace every
            form of the scope; empty when the recount confirmed the forms.
    """

    id: str = attrs.field(validator=_ID)
    scope: Scope = attrs.field(validator=v.instance(Scope))
    reason: str = attrs.field(validator=_REASON)
    instrument: str = attrs.field(validator=_REASON)
    decided_at: pendulum.DateTime = attrs.field(converter=v.to_moment, validator=v.moment)
    decided_by: str = attrs.field(validator=_WHO)
    forms: tuple[str, ...] = attrs.field(default=(), converter=_barcodes)

    kind: DecisionKind = attrs.field(default="recount", init=False)


@attrs.frozen(kw_only=True)
class Rerun:
    """Polling held again in an annulled scope, and the forms it produced.

    Attributes:
        id: the decision's id.
        annulment: the id of the annulment whose scope is polled again.
        held_on: the polling day of the re-run.
        forms: the barcodes of the re-run's forms (new forms, in the annulled scope).
        instrument: the decision that ordered it.
        decided_at: when it was ordered (aware).
        decided_by: ``"hnec"`` or ``"legislature"`` (which the :class:`RerunRule`
            checks), or another body.
    """

    id: str = attrs.field(validator=_ID)
    annulment: str = attrs.field(validator=_ID)
    held_on: pendulum.Date = attrs.field(converter=v.to_date, validator=v.date)
    forms: tuple[str, ...] = attrs.field(converter=_barcodes)
    instrument: str = attrs.field(validator=_REASON)
    decided_at: pendulum.DateTime = attrs.field(converter=v.to_moment, validator=v.moment)
    decided_by: str = attrs.field(validator=_WHO)

    kind: DecisionKind = attrs.field(default="rerun", init=False)


Decision = Annulment | Recount | Rerun
"""A recorded decision over the tally's forms."""


@attrs.frozen(kw_only=True)
class RerunRule:
    """How often, how soon and on whose decision polling may be held again.

    Attributes:
        attempts: re-runs HNEC may hold per annulled scope on its own decision
            (``None``: no limit found).
        within_days: the last re-run day, counted in calendar days from the
            original polling day (``None``: no limit found).
        beyond: who may order a re-run past those limits (``"legislature"``), or
            ``None`` if nobody may.
        citation: the source.
    """

    attempts: int | None = attrs.field(validator=v.optional(v.integer(0, 100)))
    within_days: int | None = attrs.field(validator=v.optional(v.integer(0, 3_660)))
    beyond: str | None = attrs.field(default=None, validator=v.optional(_WHO))
    citation: Citation = attrs.field(validator=v.instance(Citation))


RERUN_RULES: Final[Mapping[str, RerunRule]] = {
    "cda_2014": RerunRule(
        attempts=1,
        within_days=7,
        beyond="legislature",
        citation=Citation(
            instrument="Law 17/2013; GNC decision of 23 March 2014",
            source="https://libyaherald.com/2014/03/23/congress-orders-new-elections-for-13-"
            "unfilled-constitutional-assembly-seats",
            note="The law allowed HNEC one more attempt within a week of polling day; the "
            "GNC then authorised HNEC to fix new dates for the unfilled seats.",
        ),
    ),
    "hor_2014": RerunRule(
        attempts=0,
        within_days=None,
        beyond="legislature",
        citation=Citation(
            instrument="Law 10/2014",
            source="http://archive.ipu.org/parline-e/reports/2185_E.htm",
            note="HNEC said it had no remit to re-run the unfilled seats; it waited for the "
            "GNC (Reuters, 6 July 2014).",
        ),
    ),
}
"""The re-run rules found, by election id."""


@attrs.frozen(kw_only=True)
class Exclusion:
    """A form taken out of the tally, and why.

    Attributes:
        barcode: the form.
        decision: the id of the decision that took it out.
        kind: ``"annulment"`` or ``"recount"`` (replaced by the recount's forms).
        reason: the decision's reason.
        replaced_by: the forms counted in its place (a re-run's or a recount's).
    """

    barcode: str
    decision: str
    kind: DecisionKind
    reason: str
    replaced_by: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, eq=False)
class DisputedResults:
    """The tally's forms after the decisions.

    Attributes:
        records: the forms that count now: pass them to
            :func:`electoral.results.tally`, :func:`electoral.results.progress` and
            the publication.
        exclusions: every form taken out, with the decision and its reason.
        decisions: the decisions applied, in the order given.
        awaiting_rerun: the annulled scopes without a re-run yet.
        confirmed: the recounts that confirmed their forms.
    """

    records: tuple[FormRecord, ...]
    exclusions: tuple[Exclusion, ...]
    decisions: tuple[Decision, ...]
    awaiting_rerun: tuple[Annulment, ...]
    confirmed: tuple[Recount, ...]

    @property
    def excluded(self) -> frozenset[str]:
        """The barcodes of the excluded forms."""
        return frozenset(e.barcode for e in self.exclusions)


def _check_scope(scope: Scope, setup: TallySetup, where: str, collector: ErrorCollector) -> None:
    if scope.center_id not in setup.centers:
        collector.add(
            InconsistentValue("disputes.unknown_center", field="scope", value=scope.center_id),
            where,
        )
        return
    if (
        scope.station_number is not None
        and (scope.center_id, scope.station_number) not in setup.stations
    ):
        collector.add(
            InconsistentValue(
                "disputes.unknown_station",
                field="scope",
                value=f"{scope.center_id}/{scope.station_number}",
            ),
            where,
        )
    if scope.ballot_number is not None and scope.ballot_number not in setup.ballots:
        collector.add(
            InconsistentValue("disputes.unknown_ballot", field="scope", value=scope.ballot_number),
            where,
        )


def _check_rerun(
    rerun: Rerun,
    count: int,
    rule: RerunRule,
    polling_day: pendulum.Date | None,
    where: str,
    collector: ErrorCollector,
) -> None:
    if rerun.decided_by == rule.beyond:
        return
    law = rule.citation.reference
    beyond = rule.beyond or "nobody"
    if rule.attempts is not None and count > rule.attempts:
        if rule.attempts == 0:
            collector.add(
                InconsistentValue(
                    "disputes.rerun_not_authorised",
                    field="decided_by",
                    value=rerun.id,
                    authority=beyond,
                    law=law,
                ),
                where,
            )
            return
        collector.add(
            InconsistentValue(
                "disputes.rerun_limit", field="id", value=rerun.id, limit=rule.attempts, law=law
            ),
            where,
        )
    if rule.within_days is not None and polling_day is not None:
        last = polling_day.add(days=rule.within_days)
        if rerun.held_on > last:
            collector.add(
                InconsistentValue(
                    "disputes.rerun_late",
                    field="held_on",
                    value=rerun.id,
                    held=rerun.held_on.isoformat(),
                    last=last.isoformat(),
                    law=law,
                ),
                where,
            )


def apply_decisions(
    records: Iterable[FormRecord],
    decisions: Sequence[Decision],
    setup: TallySetup,
    *,
    rerun_rule: RerunRule | None = None,
    polling_day: dt.date | None = None,
) -> DisputedResults:
    """The forms that count after ``decisions``, and those excluded with their reasons.

    Args:
        records: every form of the tally, including the re-runs' and recounts' forms.
        decisions: annulments, recounts and re-runs, in the order they were taken.
        setup: the tally's reference data; every scope must name a known centre,
            station and ballot.
        rerun_rule: the election's :class:`RerunRule` (:data:`RERUN_RULES`), if the
            re-runs are to be checked against it.
        polling_day: the original polling day, for the rule's time limit.

    Raises:
        ValidationErrors: every problem at once: an unknown centre, station, ballot,
            form or annulment, a form outside its decision's scope or named twice,
            a duplicate decision id, a re-run beyond the rule.
    """
    if not isinstance(setup, TallySetup):
        raise TypeError(f"setup must be a TallySetup, not {type(setup).__name__}")
    if rerun_rule is not None and not isinstance(rerun_rule, RerunRule):
        raise TypeError(f"rerun_rule must be a RerunRule, not {type(rerun_rule).__name__}")
    day = None if polling_day is None else day_of(polling_day, "polling_day")
    all_records: tuple[FormRecord, ...] = sequence_of(records, "records", FormRecord)
    chosen: tuple[Decision, ...] = sequence_of(decisions, "decisions", (Annulment, Recount, Rerun))
    by_barcode = {record.barcode: record for record in all_records}
    collector = ErrorCollector("decisions")
    ids: set[str] = set()
    annulments: dict[str, Annulment] = {}
    named: dict[str, str] = {}  # barcode -> the decision that brings it in
    reruns_of: dict[str, list[Rerun]] = {}
    for index, decision in enumerate(chosen):
        where = f"$.decisions[{index}]"
        if decision.id in ids:
            collector.add(
                InconsistentValue("disputes.duplicate_decision", field="id", value=decision.id),
                where,
            )
        ids.add(decision.id)
        if isinstance(decision, (Annulment, Recount)):
            _check_scope(decision.scope, setup, f"{where}.scope", collector)
        if isinstance(decision, Annulment):
            annulments[decision.id] = decision
            continue
        scope: Scope | None
        if isinstance(decision, Rerun):
            annulment = annulments.get(decision.annulment)
            if annulment is None:
                collector.add(
                    InconsistentValue(
                        "disputes.unknown_annulment", field="annulment", value=decision.annulment
                    ),
                    f"{where}.annulment",
                )
                scope = None
            else:
                scope = annulment.scope
                reruns_of.setdefault(annulment.id, []).append(decision)
                if rerun_rule is not None:
                    _check_rerun(
                        decision,
                        len(reruns_of[annulment.id]),
                        rerun_rule,
                        day,
                        where,
                        collector,
                    )
        else:
            scope = decision.scope
        for position, barcode in enumerate(decision.forms):
            at = f"{where}.forms[{position}]"
            found = by_barcode.get(barcode)
            if found is None:
                collector.add(
                    InconsistentValue("disputes.unknown_form", field="forms", value=barcode), at
                )
                continue
            if scope is not None and not scope.covers(found):
                collector.add(
                    InconsistentValue(
                        "disputes.form_outside_scope",
                        field="forms",
                        value=barcode,
                        decision=decision.id,
                    ),
                    at,
                )
            other = named.setdefault(barcode, decision.id)
            if other != decision.id:
                collector.add(
                    InconsistentValue(
                        "disputes.form_twice",
                        field="forms",
                        value=barcode,
                        decision=decision.id,
                        other=other,
                    ),
                    at,
                )
    collector.raise_if_any()
    return _apply(all_records, by_barcode, chosen, named, reruns_of)


def _apply(
    records: tuple[FormRecord, ...],
    by_barcode: Mapping[str, FormRecord],
    decisions: tuple[Decision, ...],
    named: Mapping[str, str],
    reruns_of: Mapping[str, list[Rerun]],
) -> DisputedResults:
    exclusions: dict[str, Exclusion] = {}
    confirmed: list[Recount] = []
    by_center: dict[int | None, list[FormRecord]] = {}
    for record in records:
        by_center.setdefault(record.form.center_id, []).append(record)
    for decision in decisions:
        if isinstance(decision, Rerun):
            continue
        if isinstance(decision, Recount) and not decision.forms:
            confirmed.append(decision)
            continue
        replacement: tuple[str, ...]
        if isinstance(decision, Annulment):
            replacement = tuple(
                barcode for rerun in reruns_of.get(decision.id, ()) for barcode in rerun.forms
            )
        else:
            replacement = decision.forms
        for record in by_center.get(decision.scope.center_id, ()):
            barcode = record.barcode
            if not decision.scope.covers(record) or named.get(barcode) is not None:
                continue
            if barcode in exclusions:
                continue
            exclusions[barcode] = Exclusion(
                barcode=barcode,
                decision=decision.id,
                kind=decision.kind,
                reason=decision.reason,
                replaced_by=tuple(b for b in replacement if _same_form(by_barcode[b], record)),
            )
    kept = tuple(record for record in records if record.barcode not in exclusions)
    awaiting = tuple(
        decision
        for decision in decisions
        if isinstance(decision, Annulment) and not reruns_of.get(decision.id)
    )
    return DisputedResults(
        records=kept,
        exclusions=tuple(exclusions.values()),
        decisions=decisions,
        awaiting_rerun=awaiting,
        confirmed=tuple(confirmed),
    )


def _same_form(record: FormRecord, original: FormRecord) -> bool:
    return (
        record.form.station_key == original.form.station_key
        and record.form.ballot_number == original.form.ballot_number
    )


@attrs.frozen(kw_only=True)
class DisputedProgress:
    """Progress over the forms that count, and what the decisions took out.

    Attributes:
        progress: :func:`electoral.results.progress` over the counted forms: an
            annulled form without a re-run is no longer expected.
        annulled: forms excluded by an annulment.
        replaced: forms excluded because a re-run's or recount's form replaced them.
        awaiting_rerun: annulled scopes still without a re-run.
    """

    progress: Progress
    annulled: int
    replaced: int
    awaiting_rerun: int

    @property
    def archived(self) -> int:
        """Counted forms in ARCHIVED."""
        return self.progress.count(FormState.ARCHIVED)


def disputed_progress(
    disputed: DisputedResults, *, ballot_numbers: Iterable[int] | None = None
) -> DisputedProgress:
    """Progress per state over the forms that count, with the exclusions counted apart."""
    if not isinstance(disputed, DisputedResults):
        raise TypeError(f"disputed must be DisputedResults, not {type(disputed).__name__}")
    if ballot_numbers is not None and (
        isinstance(ballot_numbers, (str, bytes)) or not isinstance(ballot_numbers, Iterable)
    ):
        raise TypeError(
            "ballot_numbers must be a collection of ballot numbers, not "
            f"{type(ballot_numbers).__name__}"
        )
    wanted: Any = None if ballot_numbers is None else frozenset(ballot_numbers)
    replaced = sum(1 for e in disputed.exclusions if e.replaced_by)
    return DisputedProgress(
        progress=progress(disputed.records, ballot_numbers=wanted),
        annulled=sum(1 for e in disputed.exclusions if e.kind == "annulment"),
        replaced=replaced,
        awaiting_rerun=len(disputed.awaiting_rerun),
    )
