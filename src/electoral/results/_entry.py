"""Private: data entry 1 and 2, the double-entry comparison, corrections and QC.

* **DE1 gate.** At DE1 only, a form goes to CLEARANCE (by reject) when no
  candidate has a vote above 0 (blank and zero alike), unless the sticky
  ``skip_all_zero_votes_check`` is set; or when the form has a reconciliation
  section and that section is invalid (missing field, negative or non-integer
  number, or all five numbers zero).
* **DE2** applies no zero check; an invalid DE2 entry is refused with every
  problem at once.
* **Comparison.** Different numbers of DE1 and DE2 rows send the form back to
  DE1. Otherwise each DE2 (candidate, votes) pair missing from DE1 is a
  mismatch; the reconciliation sections are compared on their numbers and notes
  only — **not** on who typed them (deliberate difference: Tally-Ho also
  compared the user, which sent almost every form to "corrections required").
* **FINAL.** After a match: results copied from DE2, reconciliation from DE1.
  After corrections: the chosen values for mismatches, DE2 for the rest; the
  reconciliation is DE1 overlaid with the chosen fields.

Deliberate difference: writing an entry supersedes (deactivates) any still-active
entry of the same version, so a form never has two active rows for one
candidate and version (Tally-Ho could, after a clearance reset of a form whose
data had been kept).

Sources: Tally-Ho ``views/data_entry.py``, ``forms/candidate_form.py``,
``forms/recon_form.py``, ``views/corrections.py``, ``libs/views/corrections.py``,
``models/result_form.py`` ``get_matched_results``, ``views/quality_control.py``
(onaio/tally-ho at commit ``acbe4f4``).

>>> from electoral.model import ReconciliationForm
>>> recon_problems(ReconciliationForm())
('all_zero',)
>>> recon_problems({"number_of_voters": 10})  # doctest: +ELLIPSIS
('missing:number_of_voter_cards_in_the_ballot_box', ...)
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from typing import Any, Final, cast

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidType,
    MissingValue,
    OutOfRange,
    ValidationError,
)
from electoral.model import (
    Ballot,
    Candidate,
    FormState,
    ReconciliationForm,
    ReconciliationForm2014,
)
from electoral.model._validators import builder, changed, revised
from electoral.results._checks import TallyConfig, check_form_of
from electoral.results._lifecycle import (
    Step,
    finish,
    guard,
    new_clearance,
    reject,
    with_state,
)
from electoral.results._records import (
    AuditRecord,
    CandidateKey,
    EntryVersion,
    FormRecord,
    QualityControl,
    Recon,
    ReconEntry,
    TallySetup,
    active_recon_of,
    counted_entries,
    form_candidates_of,
)

__all__ = [
    "RECON_FIELDS",
    "Comparison",
    "compare_entries",
    "enter_de1",
    "enter_de2",
    "qc_pass",
    "qc_print",
    "qc_reject",
    "recon_problems",
    "reject_corrections",
    "resolve_corrections",
]

RECON_FIELDS: Final = (
    "number_of_voters",
    "number_of_voter_cards_in_the_ballot_box",
    "number_valid_votes",
    "number_invalid_votes",
    "number_sorted_and_counted",
)
"""The five numeric fields of the current reconciliation section, in entry order."""

_RECON_NAMES: Final = frozenset(a.name for a in attrs.fields(ReconciliationForm))

_COMPARED: Final = (*RECON_FIELDS, "notes")

DE1_CLEARANCE_REASON: Final = (
    "Form rejected: All candidate votes are blank or zero, or reconciliation form is invalid."
)


_NUMBER_NAMES: Final[dict[type, tuple[str, ...]]] = {}
"""The numeric fields of each layout of the reconciliation section, in order."""


def _number_names(layout: type) -> tuple[str, ...]:
    try:
        return _NUMBER_NAMES[layout]
    except KeyError:
        names = tuple(a.name for a in attrs.fields(layout) if a.name.startswith("number_"))
        _NUMBER_NAMES[layout] = names
        return names


def _numbers(recon: Recon) -> tuple[int, ...]:
    return tuple([getattr(recon, name) for name in _number_names(type(recon))])


@guarded
def recon_problems(recon: Recon | Mapping[str, object] | None) -> tuple[str, ...]:
    """Why a reconciliation section is invalid for the DE1 gate; ``()`` when valid.

    A mapping is read as typed: each of the five numbers must be present and a
    whole number >= 0. A section whose numbers are all 0 is invalid.
    """
    return _recon_problems(recon)


def _recon_problems(recon: Recon | Mapping[str, object] | None) -> tuple[str, ...]:
    """:func:`recon_problems` without the guard, for the DE1 gate (its caller guarded)."""
    if recon is None:
        return ("missing",)
    if isinstance(recon, Mapping):
        problems = []
        for name in RECON_FIELDS:
            value = recon.get(name)
            if value is None or value == "":
                problems.append(f"missing:{name}")
            elif type(value) is not int:
                problems.append(f"type:{name}")
            elif value < 0:
                problems.append(f"negative:{name}")
        if problems:
            return tuple(problems)
        if all(recon[name] == 0 for name in RECON_FIELDS):
            return ("all_zero",)
        return ()
    if not any(_numbers(recon)):
        return ("all_zero",)
    return ()


def _recon_value(recon: Recon | Mapping[str, object]) -> Recon:
    if isinstance(recon, ReconciliationForm | ReconciliationForm2014):
        return recon
    known = {k: v for k, v in recon.items() if k in _RECON_NAMES and v is not None}
    return ReconciliationForm(**cast(dict[str, Any], known))


def _parse_votes(
    record: FormRecord, votes: Mapping[CandidateKey, int | None], setup: TallySetup
) -> tuple[dict[CandidateKey, int | None], ErrorCollector]:
    errors = ErrorCollector(f"form {record.barcode}")
    keys, known = _keys_of(form_candidates_of(setup, record.form.ballot_number))
    if not known.issuperset(votes):
        for key in votes:
            if key not in known:
                errors.add(
                    InconsistentValue("results.unknown_candidate", field="votes", value=key),
                    f"$.votes[{key!r}]",
                )
    parsed: dict[CandidateKey, int | None] = dict(zip(keys, map(votes.get, keys), strict=True))
    values = parsed.values()
    if set(map(type, values)) <= _NUMBER_OR_BLANK and min(filter(None, values), default=1) > 0:
        return parsed, errors  # every count a whole number of at least 0, or blank
    parsed = {}
    for key in keys:
        value = votes.get(key)
        if value is not None and type(value) is not int:
            errors.add(InvalidType(field="votes", value=value), f"$.votes[{key!r}]")
            value = None
        elif value is not None and value < 0:
            errors.add(
                OutOfRange(field="votes", value=value, min_value=0, max_value="∞"),
                f"$.votes[{key!r}]",
            )
            value = None
        parsed[key] = value
    return parsed, errors


_KEY: Final = operator.attrgetter("ballot_number", "candidate_id")
"""A candidate's ``key``, as :attr:`~electoral.model.Candidate.key` makes it."""


def _keys_of(candidates: tuple[Candidate, ...]) -> tuple[tuple[CandidateKey, ...], frozenset[Any]]:
    """The candidates' keys, in order and as a set.

    Candidates are frozen and a tuple never changes, so the keys of the tuple last
    asked for are kept: a ballot's forms are entered one after another, each twice, and
    the setup hands out the same tuple for a ballot each time.
    """
    last = _last_keys[0]
    if last is not None and last[0] is candidates:
        return last[1], last[2]
    keys = tuple(map(_KEY, candidates))  # each (ballot_number, candidate_id), read in C
    known = frozenset(keys)
    _last_keys[0] = (candidates, keys, known)
    return keys, known


_last_keys: list[tuple[tuple[Candidate, ...], tuple[CandidateKey, ...], frozenset[Any]] | None] = [
    None
]
_NUMBER_OR_BLANK: Final = frozenset({int, type(None)})


def _check_complete(
    record: FormRecord,
    parsed: dict[CandidateKey, int | None],
    recon: Recon | Mapping[str, object] | None,
    errors: ErrorCollector,
) -> Recon | None:
    for key, value in parsed.items() if None in parsed.values() else ():
        if value is None:
            errors.add(
                MissingValue("results.missing_votes", field="votes", value=key),
                f"$.votes[{key!r}]",
            )
    if not record.form.has_reconciliation:
        if recon is not None:
            errors.add(InconsistentValue("results.recon_not_expected", field="recon"))
        return None
    if recon is None:
        errors.add(MissingValue("results.recon_required", field="recon"))
        return None
    if isinstance(recon, Mapping):
        for part in recon:
            if part not in _RECON_NAMES:
                errors.add(
                    InconsistentValue("results.recon_unknown_field", field="recon", value=part),
                    f"$.recon[{part!r}]",
                )
        for name in RECON_FIELDS:
            if recon.get(name) is None or recon.get(name) == "":
                errors.add(MissingValue("results.recon_required", field=name), f"$.recon.{name}")
    try:
        section = _recon_value(recon)
    except ValidationError as error:
        errors.add(error, "$.recon")
        return None
    if not any(_numbers(section)):
        errors.add(InconsistentValue("results.recon_all_zero", field="recon"))
    return section


def _write(
    record: FormRecord,
    version: EntryVersion,
    votes: Mapping[CandidateKey, int],
    recon: Recon | None,
    user: str,
) -> dict[str, Any]:
    """The record's new ``results`` and ``recons``: every part built and checked here."""
    superseded = f"superseded by {version.value}"
    # the counts were read and checked (_parse_votes, or checked entries and choices)
    entries = tuple(counted_entries(votes, version=version, user=user))
    results = _superseded(record.results, version, superseded) + entries
    recons = _superseded(record.recons, version, superseded)
    if recon is not None:
        recons += (_recon_entry(recon, version, user),)
    return {"results": results, "recons": recons}


_VERSION: Final = operator.attrgetter("version")


def _superseded(entries: tuple[Any, ...], version: EntryVersion, by: str) -> tuple[Any, ...]:
    """``entries`` with every active one of ``version`` deactivated ``by`` a new entry."""
    if version not in map(_VERSION, entries):  # the usual case, found in C
        return entries
    return tuple(
        [
            attrs.evolve(e, active=False, deactivated_by=by)
            if e.active and e.version is version
            else e
            for e in entries
        ]
    )


_RECON_ENTRY: Final = attrs.fields(ReconEntry)
_new_recon_entry: Final = builder(ReconEntry)


def _recon_entry(recon: Recon, version: EntryVersion, user: str) -> ReconEntry:
    """``ReconEntry(recon=recon, version=version, user=user)`` for a checked section.

    The section is an instance (checked when it was built) and the version the
    library's own: the section's class and the user are checked by
    :class:`ReconEntry`'s own field validators, the flags take their defaults.
    """
    if not attrs.validators.get_disabled():
        _check_section(None, _RECON_ENTRY.recon, recon)
        _check_user(None, _RECON_ENTRY.user, user)
    return _new_recon_entry(recon, version, user, True, None)


_check_section: Final = cast(Callable[..., None], _RECON_ENTRY.recon.validator)
_check_user: Final = cast(Callable[..., None], _RECON_ENTRY.user.validator)


@guarded
def enter_de1(
    record: FormRecord,
    *,
    votes: Mapping[CandidateKey, int | None],
    recon: Recon | Mapping[str, object] | None,
    setup: TallySetup,
    user: str,
    now: dt.datetime,
) -> Step:
    """Transitions 10 and 11: the DE1 entry, with the DE1 gate.

    Args:
        record: a form in DATA_ENTRY_1.
        votes: votes per candidate key (``None`` = left blank).
        recon: the reconciliation section (an instance, or a mapping as typed),
            or ``None``; required when the form has a section.
        setup: the tally's reference data (the form's candidates).
        user: the DE1 clerk.
        now: when.

    Returns:
        ``de1_to_clearance`` (a reject, clearance opened) when the gate trips,
        else ``de1_submit`` to DATA_ENTRY_2.

    Raises:
        WrongState: the form is not in DATA_ENTRY_1.
        ValidationErrors: every other problem (missing votes, unknown candidate,
            negative number), all at once; nothing is written.
    """
    guard(record, "de1_submit")
    parsed, errors = _parse_votes(record, votes, setup)
    all_zero = not any(parsed.values())
    gate_votes = all_zero and not record.skip_all_zero_votes_check
    gate_recon = record.form.has_reconciliation and bool(_recon_problems(recon))
    if (gate_votes or gate_recon) and not errors:
        new = reject(
            record,
            FormState.CLEARANCE,
            DE1_CLEARANCE_REASON,
            by="de1_to_clearance",
            clearances=(*record.clearances, new_clearance(user, DE1_CLEARANCE_REASON)),
            date_seen=now,
        )
        return finish(
            record, new, "de1_to_clearance", user=user, now=now, reason=DE1_CLEARANCE_REASON
        )
    return _enter(record, parsed, recon, errors, EntryVersion.DATA_ENTRY_1, user, now)


def _enter(
    record: FormRecord,
    parsed: dict[CandidateKey, int | None],
    recon: Recon | Mapping[str, object] | None,
    errors: ErrorCollector,
    version: EntryVersion,
    user: str,
    now: dt.datetime,
) -> Step:
    value = _check_complete(record, parsed, recon, errors)
    errors.raise_if_any()
    counts = cast(dict[CandidateKey, int], parsed)  # each blank was an error, raised above
    changes = _write(record, version, counts, value, user)
    if version is EntryVersion.DATA_ENTRY_1:
        state, name = FormState.DATA_ENTRY_2, "de1_submit"
    else:
        state, name = FormState.CORRECTION, "de2_submit"
    new = with_state(record, state, changes, duplicate_reviewed=False)
    return finish(record, new, name, user=user, now=now)


@guarded
def enter_de2(
    record: FormRecord,
    *,
    votes: Mapping[CandidateKey, int | None],
    recon: Recon | Mapping[str, object] | None,
    setup: TallySetup,
    user: str,
    now: dt.datetime,
) -> Step:
    """Transition 12: the DE2 entry -> CORRECTION. No zero check at DE2.

    Raises:
        WrongState: the form is not in DATA_ENTRY_2.
        ValidationErrors: every problem at once (an all-zero reconciliation
            section included); nothing is written.
    """
    guard(record, "de2_submit")
    parsed, errors = _parse_votes(record, votes, setup)
    return _enter(record, parsed, recon, errors, EntryVersion.DATA_ENTRY_2, user, now)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Comparison:
    """DE1 against DE2 (Tally-Ho ``get_matched_results`` and ``reconciliation_match``).

    Attributes:
        count_mismatch: DE1 and DE2 have different numbers of active rows.
        mismatched: candidates whose DE2 (candidate, votes) pair is not in DE1.
        recon_mismatched: reconciliation fields (numbers and notes) that differ.
    """

    count_mismatch: bool
    mismatched: tuple[CandidateKey, ...] = ()
    recon_mismatched: tuple[str, ...] = ()

    @property
    def matches(self) -> bool:
        """Whether the entries agree completely (``corrections_passed``)."""
        return not (self.count_mismatch or self.mismatched or self.recon_mismatched)


def _pairs(record: FormRecord, version: EntryVersion) -> list[tuple[CandidateKey, int]]:
    return [(e.candidate, e.votes) for e in record.results if e.active and e.version is version]


@guarded
def compare_entries(record: FormRecord) -> Comparison:
    """Compare the active DE1 and DE2 entries: counts, votes, then recon numbers and notes.

    Raises:
        InconsistentValue: ``results.no_double_entries``, results exist but one
            entry is empty.
    """
    return _compare_entries(record)


def _compare_entries(record: FormRecord) -> Comparison:
    # A record never changes: the corrections clerk's screen compares the entries, then
    # resolve_corrections compares the same record again; the second reads the first's.
    last = _last_comparison[0]
    if last is not None and last[0] is record:
        return last[1]
    comparison = _compared(record)
    _last_comparison[0] = (record, comparison)
    return comparison


_last_comparison: list[tuple[FormRecord, Comparison] | None] = [None]
"""The last record compared and its comparison (one pair: a record is compared, then
resolved)."""


def _compared(record: FormRecord) -> Comparison:
    de1: list[tuple[CandidateKey, int]] = []
    de2: list[tuple[CandidateKey, int]] = []
    for e in record.results:  # one pass for both entries
        if e.active:
            if e.version is _DE1:
                de1.append((e.candidate, e.votes))
            elif e.version is _DE2:
                de2.append((e.candidate, e.votes))
    if (de1 or de2) and not (de1 and de2):
        raise InconsistentValue("results.no_double_entries", field="results")
    if len(de1) != len(de2):
        return Comparison(count_mismatch=True)
    first = set(de1)
    mismatched: tuple[CandidateKey, ...] = ()
    if not first.issuperset(de2):  # every DE2 pair in DE1 is the usual case, found in C
        mismatched = tuple(sorted({key for key, votes in de2 if (key, votes) not in first}))
    r1 = active_recon_of(record, EntryVersion.DATA_ENTRY_1)
    r2 = active_recon_of(record, EntryVersion.DATA_ENTRY_2)
    recon_fields: tuple[str, ...] = ()
    if r1 is not None and r2 is not None:
        names = _number_names(type(r1))
        recon_fields = tuple(
            n for n in (*names, "notes") if getattr(r1, n) != getattr(r2, n, None)
        )
    elif (r1 is None) != (r2 is None):
        recon_fields = _COMPARED
    # the keys come from checked entries and the names from the layout: nothing to check
    return _comparison(False, mismatched, recon_fields)


_DE1: Final = EntryVersion.DATA_ENTRY_1
_DE2: Final = EntryVersion.DATA_ENTRY_2
_comparison: Final = builder(Comparison)


COUNT_MISMATCH_REASON: Final = (
    "Unexpected number of results in form {barcode}, return result form to Data Entry 1."
)


@guarded
def resolve_corrections(
    record: FormRecord,
    *,
    user: str,
    now: dt.datetime,
    choices: Mapping[CandidateKey, int] | None = None,
    recon_choices: Mapping[str, object] | None = None,
) -> Step:
    """Transitions 13-15: turn DE1 and DE2 into FINAL, or send the form back.

    * Row counts differ: ``correction_count_mismatch``, a reject to DE1.
    * Everything matches (``choices`` must be empty): ``correction_match``,
      FINAL results from DE2 and FINAL reconciliation from DE1.
    * Otherwise ``choices`` must give a value for **exactly** the mismatched
      candidates and ``recon_choices`` for exactly the mismatched fields:
      ``correction_resolve``; FINAL = choices, then DE2; recon = DE1 overlaid.

    Earlier active FINAL entries are superseded, so there is one active FINAL
    entry per candidate.

    Raises:
        InconsistentValue: ``results.corrections_incomplete``; nothing is written.
    """
    guard(record, "correction_match")
    comparison = _compare_entries(record)
    if comparison.count_mismatch:
        reason = COUNT_MISMATCH_REASON.format(barcode=record.barcode)
        new = reject(record, FormState.DATA_ENTRY_1, reason, by="correction_count_mismatch")
        return finish(record, new, "correction_count_mismatch", user=user, now=now, reason=reason)
    choices = dict(choices or {})
    recon_choices = dict(recon_choices or {})
    if set(choices) != set(comparison.mismatched) or set(recon_choices) != set(
        comparison.recon_mismatched
    ):
        raise InconsistentValue(
            "results.corrections_incomplete",
            field="choices",
            value=sorted(set(choices) ^ set(comparison.mismatched), key=repr)
            + sorted(set(recon_choices) ^ set(comparison.recon_mismatched)),
        )
    for _key, value in choices.items():
        if type(value) is not int or value < 0:
            raise OutOfRange(field="choices", value=value, min_value=0, max_value="∞")
    pairs = _pairs(record, EntryVersion.DATA_ENTRY_2)
    final = {key: choices.get(key, votes) for key, votes in pairs} if choices else dict(pairs)
    base = active_recon_of(record, EntryVersion.DATA_ENTRY_1)
    # without choices the FINAL section is DE1's own, already checked, value
    recon = base if base is None or not recon_choices else changed(base, **recon_choices)
    changes = _write(record, EntryVersion.FINAL, final, recon, user)
    name = "correction_match" if comparison.matches else "correction_resolve"
    new = with_state(record, FormState.QUALITY_CONTROL, changes)
    return finish(record, new, name, user=user, now=now)


@guarded
def reject_corrections(record: FormRecord, *, user: str, now: dt.datetime) -> Step:
    """Transition 15: the corrections clerk rejects the form to DE1."""
    guard(record, "correction_reject")
    reason = "Form rejected in corrections."
    new = reject(record, FormState.DATA_ENTRY_1, reason, by="correction_reject")
    return finish(record, new, "correction_reject", user=user, now=now, reason=reason)


@guarded
def qc_pass(
    record: FormRecord,
    *,
    config: TallyConfig,
    setup: TallySetup,
    user: str,
    now: dt.datetime,
) -> Step:
    """Transition 16: QC "correct"; the quarantine checks run.

    Records a passed quality control. If any check fails, **one** audit case
    lists every failed check and ``audited_count`` goes up by one; the form
    stays in QUALITY_CONTROL and no data is deactivated. Checks are skipped when
    ``skip_quarantine_checks`` is set. Deliberate difference: the QC record is
    kept even when the ballot is released (Tally-Ho did not save it then).
    """
    guard(record, "qc_pass")
    report = check_form_of(record, config, setup)
    quality = QualityControl(user=user, passed_qc=True, passed_reconciliation=True)
    qcs = (*(attrs.evolve(q, active=False) for q in record.quality_controls), quality)
    # the review records were each checked when built (or evolved) here
    made: dict[str, Any] = {"quality_controls": qcs}
    changes: dict[str, Any] = {}
    failed = report.failed_names
    if failed:
        made["audits"] = (*record.audits, AuditRecord(user=user, failed_checks=failed))
        changes["audited_count"] = record.audited_count + 1
    new = revised(record, made, **changes)
    return finish(record, new, "qc_pass", user=user, now=now, reason=", ".join(failed),
                  report=report)  # fmt: skip


@guarded
def qc_print(record: FormRecord, *, user: str, now: dt.datetime) -> Step:
    """Transitions 17 and 18: QC cover printed -> AUDIT with an active audit, else ARCHIVED.

    Raises:
        InconsistentValue: ``results.qc_not_passed``, no active passed QC record.
    """
    guard(record, "qc_print")
    if not any(q.active and q.passed_qc for q in record.quality_controls):
        raise InconsistentValue("results.qc_not_passed", field="quality_control")
    state = FormState.AUDIT if record.active_audit is not None else FormState.ARCHIVED
    new = with_state(record, state)
    return finish(record, new, "qc_print", user=user, now=now)


@guarded
def qc_reject(
    record: FormRecord,
    *,
    ballot: Ballot,
    user: str,
    now: dt.datetime,
    reason: str = "",
) -> Step:
    """Transition 19: QC "incorrect" -> DE1 by reject; the QC record is deactivated.

    Raises:
        MissingValue: ``results.reason_required``, the ballot is released and no
            reason was given.
    """
    guard(record, "qc_reject")
    if ballot.available_for_release and not reason.strip():
        raise MissingValue("results.reason_required", field="reason", value=reason)
    text = reason or "Form rejected in quality control."
    qcs = tuple(attrs.evolve(q, active=False) for q in record.quality_controls)
    new = reject(record, FormState.DATA_ENTRY_1, text, by="qc_reject", quality_controls=qcs)
    return finish(record, new, "qc_reject", user=user, now=now, reason=text)
