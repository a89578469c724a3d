"""Bulk changes to registrations (التغييرات الجماعية): changesets.

A changeset moves voters to another centre, blocks them, unblocks them, or rolls
back another changeset. It selects citizens by centres (current registrations
there, missing citizens skipped), by an uploaded file of national ids, or as the
citizens another changeset **actually changed**. It needs two approvals; its
status runs New → Approved → Queued → Executing → Successful / Partially
successful / Failed, and Rolled back once a rollback has undone it.

Execution is all or nothing and records one :class:`ChangeRecord` per citizen:

* move: already at the target → not changed; otherwise moved, with an archive copy
  (``change_count`` untouched);
* block: blocks and soft-deletes every current registration; unblock only clears
  the flag (registrations are **not** restored);
* rollback undoes only what is still as the changeset left it: a move back only if
  the voter is still registered at the moved-to centre; an unblock of a block only if
  still blocked; a block of an unblock only if still unblocked.

Any "not changed" record makes the result Partially successful.

Sources: SmartElect ``changesets/models.py``, ``changesets/forms.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> cs = Changeset(name="block-1", kind=ChangeKind.BLOCK, select_by=SelectBy.UPLOADED,
...                national_ids=("119690261935",), justification="court order")
>>> cs = approve_changeset(approve_changeset(cs, "amal"), "omar")
>>> cs.status
<ChangesetStatus.APPROVED: 2>
>>> national_ids_from_upload(["119690261935", "", "12345"], known={"119690261935"})
Traceback (most recent call last):
...
electoral.errors.ValidationErrors: 1 problem in uploaded national ids (1 sub-exception)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import pendulum

from electoral._guard import guarded, typed_fields
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    MissingValue,
    ValidationError,
)
from electoral.model import TRIPOLI, Center, Citizen
from electoral.model import _validators as v
from electoral.registration._roll import Registration

__all__ = [
    "MAX_UPLOAD_ERRORS",
    "MINIMUM_APPROVALS",
    "ChangeKind",
    "ChangeRecord",
    "Changeset",
    "ChangesetStatus",
    "ExecutionResult",
    "SelectBy",
    "approve_changeset",
    "edit_changeset",
    "execute_changeset",
    "national_ids_from_upload",
    "queue_changeset",
    "revoke_approval",
    "select_citizens",
]

MINIMUM_APPROVALS: Final = 2
"""``MINIMUM_CHANGESET_APPROVALS``."""
MAX_UPLOAD_ERRORS: Final = 10
"""The national-id upload stops reporting after this many errors."""


class ChangeKind(enum.IntEnum):
    """What a changeset does (SmartElect's values)."""

    MOVE = 1
    BLOCK = 2
    UNBLOCK = 3
    ROLLBACK = 4


class SelectBy(enum.IntEnum):
    """How a changeset selects citizens."""

    CENTERS = 1
    UPLOADED = 2
    OTHER_CHANGESET = 3


class ChangesetStatus(enum.IntEnum):
    """The life cycle; the code relies on this numeric order."""

    NEW = 1
    APPROVED = 2
    QUEUED = 3
    EXECUTING = 4
    FAILED = 5
    SUCCESSFUL = 6
    PARTIALLY_SUCCESSFUL = 7
    ROLLED_BACK = 8


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ChangeRecord:
    """The audit row for one citizen in one changeset."""

    citizen_id: int
    kind: ChangeKind
    changed: bool
    from_center: int | None = None
    to_center: int | None = None


def _check(instance: Changeset) -> None:
    if not 1 <= len(instance.name) <= 256:
        raise InvalidFormat("registration.changeset.name", field="name", value=instance.name)
    if len(instance.message) > 1024:
        raise InvalidFormat(
            "registration.changeset.message", field="message", value=len(instance.message)
        )
    if not instance.justification.strip():
        raise MissingValue("registration.changeset.justification", field="justification", value="")
    if instance.kind is ChangeKind.ROLLBACK and instance.select_by is not SelectBy.OTHER_CHANGESET:
        raise InconsistentValue(
            "registration.changeset.rollback_selection",
            field="select_by",
            value=instance.select_by,
        )
    if instance.select_by is SelectBy.OTHER_CHANGESET and not instance.other_changeset:
        raise MissingValue("registration.changeset.no_other", field="other_changeset", value=None)
    if instance.select_by is SelectBy.CENTERS and not instance.center_ids:
        raise MissingValue("registration.changeset.no_centers", field="center_ids", value=())
    if instance.select_by is SelectBy.UPLOADED and not instance.national_ids:
        raise MissingValue(
            "registration.changeset.upload_required", field="national_ids", value=()
        )
    if instance.kind is ChangeKind.MOVE:
        if instance.target_center_id is None:
            raise MissingValue(
                "registration.changeset.no_target", field="target_center_id", value=None
            )
        if (
            instance.select_by is SelectBy.CENTERS
            and instance.target_center_id in instance.center_ids
        ):
            raise InconsistentValue(
                "registration.changeset.target_is_source",
                field="target_center_id",
                value=instance.target_center_id,
            )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Changeset:
    """A batch change and, once executed, its records.

    Attributes:
        name: unique, 1 to 256 characters.
        kind, select_by: what it does and how it selects.
        justification: required.
        message: optional, at most 1024 characters.
        center_ids: the source centres (select by centres).
        national_ids: the uploaded ids (select by upload).
        other_changeset: the name of the changeset whose changes are selected
            (select by another changeset; the one rolled back).
        target_center_id: where a move goes.
        status, approvers, records, rolled_back_by, error, started_at, finished_at:
            the life cycle's state.
    """

    name: str
    kind: ChangeKind
    select_by: SelectBy
    justification: str
    message: str = ""
    center_ids: frozenset[int] = attrs.field(default=frozenset(), converter=v.to_frozenset)
    national_ids: tuple[str, ...] = attrs.field(default=(), converter=v.to_tuple)
    other_changeset: str | None = None
    target_center_id: int | None = None
    status: ChangesetStatus = ChangesetStatus.NEW
    approvers: frozenset[str] = attrs.field(default=frozenset(), converter=v.to_frozenset)
    records: tuple[ChangeRecord, ...] = ()
    rolled_back_by: str | None = None
    error: str = ""
    started_at: pendulum.DateTime | None = None
    finished_at: pendulum.DateTime | None = None

    def __attrs_post_init__(self) -> None:
        _check(self)

    @property
    def changed_citizens(self) -> tuple[int, ...]:
        """The citizens this changeset actually changed."""
        return tuple(record.citizen_id for record in self.records if record.changed)

    @property
    def affected(self) -> int:
        """After execution, the number of "changed" records."""
        return len(self.changed_citizens)

    @property
    def rollbackable(self) -> bool:
        """Whether a rollback may target it."""
        return self.status in (ChangesetStatus.SUCCESSFUL, ChangesetStatus.PARTIALLY_SUCCESSFUL)


def _need(changeset: Changeset, allowed: Collection[ChangesetStatus]) -> None:
    if changeset.status not in allowed:
        raise InconsistentValue(
            "registration.changeset.status",
            field="status",
            value=changeset.status.name,
            allowed=" or ".join(sorted(s.name for s in allowed)),
        )


_EDITABLE: Final = (ChangesetStatus.NEW, ChangesetStatus.APPROVED)


@guarded
def approve_changeset(changeset: Changeset, user: str) -> Changeset:
    """Add ``user``'s approval; the second approval makes it Approved."""
    _need(changeset, _EDITABLE)
    approvers = changeset.approvers | {user}
    status = changeset.status
    if len(approvers) >= MINIMUM_APPROVALS and status is ChangesetStatus.NEW:
        status = ChangesetStatus.APPROVED
    return attrs.evolve(changeset, approvers=approvers, status=status)


@guarded
def revoke_approval(changeset: Changeset, user: str) -> Changeset:
    """Withdraw ``user``'s approval; below two, an Approved changeset is New again."""
    _need(changeset, _EDITABLE)
    if user not in changeset.approvers:
        raise InconsistentValue(
            "registration.changeset.not_approver", field="approvers", value=user
        )
    approvers = changeset.approvers - {user}
    status = changeset.status
    if len(approvers) < MINIMUM_APPROVALS and status is ChangesetStatus.APPROVED:
        status = ChangesetStatus.NEW
    return attrs.evolve(changeset, approvers=approvers, status=status)


@guarded
def edit_changeset(
    changeset: Changeset, *, okay_to_remove_approvals: bool = False, **changes: Any
) -> Changeset:
    """Change a not-yet-queued changeset; every approval is removed."""
    _need(changeset, _EDITABLE)
    if changeset.approvers and not okay_to_remove_approvals:
        raise InconsistentValue("registration.changeset.confirm", field="approvers", value=None)
    return attrs.evolve(changeset, **changes, approvers=frozenset(), status=ChangesetStatus.NEW)


@guarded
def queue_changeset(changeset: Changeset) -> Changeset:
    """Approved → Queued."""
    _need(changeset, (ChangesetStatus.APPROVED,))
    return attrs.evolve(changeset, status=ChangesetStatus.QUEUED)


@guarded
def national_ids_from_upload(lines: Iterable[str], *, known: Collection[str]) -> tuple[str, ...]:
    """The national ids of an upload's lines (one per line; blank lines are ignored).

    The file is read by :func:`electoral.formats.smartelect.read_national_id_upload`;
    this is the rule, over its lines (numbered from 1, line endings removed).
    Checks per line, in order: length 12 (*"Line N: Wrong length"*), an integer
    (*"Not a valid number"*), first digit 1 or 2 (*"Not a valid national ID
    number"*), a known citizen (*"No person registered with that NID"*). Reporting
    stops after 10 errors (*"Stopping after 10 errors."*).

    Returns:
        The ids, in file order, without repeats.

    Raises:
        MissingValue: ``registration.upload.empty``, no line at all.
        ValidationErrors: the problems (``line N``).
    """
    collector = ErrorCollector("uploaded national ids")
    ids: dict[str, None] = {}
    count = 0
    for number, raw in enumerate(lines, start=1):
        count = number
        if not isinstance(raw, str):
            raise TypeError(f"lines must hold str, not {type(raw).__name__}")
        line = raw.strip()
        if not line:
            continue
        code = None
        if len(line) != 12:
            code = "registration.upload.length"
        elif not (line.isascii() and line.isdigit()):
            code = "registration.upload.number"
        elif line[0] not in "12":
            code = "registration.upload.national_id"
        elif line not in known:
            code = "registration.upload.unknown"
        if code is None:
            ids[line] = None
            continue
        if len(collector) == MAX_UPLOAD_ERRORS:
            collector.add(
                MissingValue("registration.upload.stopped", value=None, count=MAX_UPLOAD_ERRORS)
            )
            break
        collector.add(
            InvalidFormat(code, field="national_id", value=line, line_number=number),
            f"line {number}",
        )
    if not count:
        raise MissingValue("registration.upload.empty", field="file", value=None)
    collector.raise_if_any()
    return tuple(ids)


@guarded
def select_citizens(
    changeset: Changeset,
    *,
    registrations: Iterable[Registration],
    citizens: Mapping[int, Citizen],
    changesets: Mapping[str, Changeset],
) -> list[int]:
    """The citizen ids a changeset applies to (each once, sorted).

    Raises:
        InconsistentValue: ``registration.changeset.unknown``, an uploaded id or the
            other changeset does not exist.
    """
    if changeset.select_by is SelectBy.CENTERS:
        chosen = {
            r.citizen_id
            for r in registrations
            if r.is_current
            and r.center_id in changeset.center_ids
            and r.citizen_id in citizens
            and citizens[r.citizen_id].missing_since is None
        }
        return sorted(chosen)
    if changeset.select_by is SelectBy.UPLOADED:
        by_nid = {c.national_id: c.civil_registry_id for c in citizens.values()}
        unknown = [nid for nid in changeset.national_ids if nid not in by_nid]
        if unknown:
            raise InconsistentValue(
                "registration.changeset.unknown", field="national_ids", value=unknown[0]
            )
        return sorted({by_nid[nid] for nid in changeset.national_ids})
    other = changesets.get(changeset.other_changeset or "")
    if other is None:
        raise InconsistentValue(
            "registration.changeset.unknown",
            field="other_changeset",
            value=changeset.other_changeset,
        )
    return sorted(set(other.changed_citizens))


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ExecutionResult:
    """The outcome of :func:`execute_changeset`: new values, never mutations.

    Attributes:
        changeset: with its status, records and times.
        registrations: every registration row afterwards (archive copies included).
        citizens: every citizen afterwards, by ``civil_registry_id``.
        rolled_back: the target changeset marked Rolled back, for a rollback.
    """

    changeset: Changeset
    registrations: tuple[Registration, ...]
    citizens: Mapping[int, Citizen] = attrs.field(hash=False)
    rolled_back: Changeset | None = None


class _Store:
    def __init__(
        self,
        registrations: Iterable[Registration],
        citizens: Mapping[int, Citizen],
        now: pendulum.DateTime,
    ) -> None:
        self.rows = list(registrations)
        self.citizens = dict(citizens)
        self.now = now

    def current(self, citizen_id: int) -> list[int]:
        return [i for i, r in enumerate(self.rows) if r.citizen_id == citizen_id and r.is_current]

    def move(self, index: int, center_id: int) -> None:
        row = self.rows[index]
        self.rows.append(attrs.evolve(row, archived_at=self.now))
        self.rows[index] = attrs.evolve(row, center_id=center_id, created_at=self.now)

    def block(self, citizen_id: int) -> None:
        self.citizens[citizen_id] = attrs.evolve(self.citizens[citizen_id], blocked=True)
        for index in self.current(citizen_id):
            self.rows[index] = attrs.evolve(self.rows[index], deleted=True)

    def unblock(self, citizen_id: int) -> None:
        self.citizens[citizen_id] = attrs.evolve(self.citizens[citizen_id], blocked=False)


def _apply(
    changeset: Changeset, store: _Store, selected: Sequence[int], target: Changeset | None
) -> list[ChangeRecord]:
    records: list[ChangeRecord] = []
    kind = changeset.kind
    if kind is ChangeKind.MOVE:
        to = changeset.target_center_id
        for citizen_id in selected:
            for index in store.current(citizen_id):
                source = store.rows[index].center_id
                if source == to:
                    records.append(
                        ChangeRecord(
                            citizen_id=citizen_id,
                            kind=kind,
                            changed=False,
                            from_center=source,
                            to_center=to,
                        )
                    )
                    continue
                assert to is not None
                store.move(index, to)
                records.append(
                    ChangeRecord(
                        citizen_id=citizen_id,
                        kind=kind,
                        changed=True,
                        from_center=source,
                        to_center=to,
                    )
                )
    elif kind in (ChangeKind.BLOCK, ChangeKind.UNBLOCK):
        for citizen_id in selected:
            citizen = store.citizens.get(citizen_id)
            if citizen is None:
                continue
            wanted = kind is ChangeKind.BLOCK
            if citizen.blocked == wanted:
                records.append(ChangeRecord(citizen_id=citizen_id, kind=kind, changed=False))
                continue
            (store.block if wanted else store.unblock)(citizen_id)
            records.append(ChangeRecord(citizen_id=citizen_id, kind=kind, changed=True))
    else:
        assert target is not None
        for record in target.records:
            if not record.changed:
                continue
            cid = record.citizen_id
            changed = False
            if record.kind is ChangeKind.MOVE:
                for index in store.current(cid):
                    if store.rows[index].center_id == record.to_center and record.from_center:
                        store.move(index, record.from_center)
                        changed = True
                records.append(
                    ChangeRecord(
                        citizen_id=cid,
                        kind=kind,
                        changed=changed,
                        from_center=record.to_center,
                        to_center=record.from_center,
                    )
                )
                continue
            citizen = store.citizens.get(cid)
            if citizen is not None and record.kind is ChangeKind.BLOCK and citizen.blocked:
                store.unblock(cid)
                changed = True
            elif citizen is not None and record.kind is ChangeKind.UNBLOCK and not citizen.blocked:
                store.block(cid)
                changed = True
            records.append(ChangeRecord(citizen_id=cid, kind=kind, changed=changed))
    return records


@guarded
def execute_changeset(
    changeset: Changeset,
    *,
    registrations: Iterable[Registration],
    citizens: Mapping[int, Citizen],
    centers: Mapping[int, Center],
    changesets: Mapping[str, Changeset],
    now: dt.datetime,
) -> ExecutionResult:
    """Execute an Approved or Queued changeset, all or nothing.

    A refusal found while executing (a closed target, an unknown id, a target that
    is not rollbackable) gives status Failed with the error text and changes nothing.

    Raises:
        InconsistentValue: ``registration.changeset.status``, not Approved or Queued.
    """
    _need(changeset, (ChangesetStatus.APPROVED, ChangesetStatus.QUEUED))
    moment = pendulum.instance(now).in_timezone(TRIPOLI)
    original_rows = tuple(registrations)
    started = attrs.evolve(changeset, status=ChangesetStatus.EXECUTING, started_at=moment)
    target: Changeset | None = None
    try:
        if changeset.kind is ChangeKind.MOVE:
            center = centers.get(changeset.target_center_id or 0)
            if center is None or not center.reg_open:
                raise InconsistentValue(
                    "registration.changeset.target_closed",
                    field="target_center_id",
                    value=changeset.target_center_id,
                )
        if changeset.kind is ChangeKind.ROLLBACK:
            target = changesets.get(changeset.other_changeset or "")
            if target is None or not target.rollbackable:
                raise InconsistentValue(
                    "registration.changeset.not_rollbackable",
                    field="other_changeset",
                    value=changeset.other_changeset,
                )
        selected = select_citizens(
            changeset, registrations=original_rows, citizens=citizens, changesets=changesets
        )
        store = _Store(original_rows, citizens, moment)
        records = _apply(changeset, store, selected, target)
    except ValidationError as error:
        failed = attrs.evolve(
            started, status=ChangesetStatus.FAILED, error=str(error), finished_at=moment
        )
        return ExecutionResult(
            changeset=failed, registrations=original_rows, citizens=dict(citizens)
        )
    partial = any(not record.changed for record in records)
    done = attrs.evolve(
        started,
        status=ChangesetStatus.PARTIALLY_SUCCESSFUL if partial else ChangesetStatus.SUCCESSFUL,
        records=tuple(records),
        finished_at=moment,
    )
    rolled_back = None
    if target is not None:
        rolled_back = attrs.evolve(
            target, status=ChangesetStatus.ROLLED_BACK, rolled_back_by=changeset.name
        )
    return ExecutionResult(
        changeset=done,
        registrations=tuple(store.rows),
        citizens=store.citizens,
        rolled_back=rolled_back,
    )
