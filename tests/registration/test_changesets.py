"""Changesets: form rules, approvals, execution, partial success and rollback."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from electoral.errors import InconsistentValue, InvalidFormat, MissingValue, ValidationErrors
from electoral.formats.smartelect import read_national_id_upload
from electoral.model import TRIPOLI, Center, Citizen, Gender
from electoral.registration import (
    ChangeKind,
    Changeset,
    ChangesetStatus,
    Registration,
    SelectBy,
    approve_changeset,
    edit_changeset,
    execute_changeset,
    queue_changeset,
    revoke_approval,
    voter_rolls,
)

NOW = pendulum.datetime(2014, 2, 1, 10, tz=TRIPOLI)
CENTERS = {
    11001: Center(center_id=11001, name_ar="أ"),
    11002: Center(center_id=11002, name_ar="ب"),
    11003: Center(center_id=11003, name_ar="ج", reg_open=False),
}


def citizen(i: int) -> Citizen:
    return Citizen(
        civil_registry_id=i,
        national_id=f"1{i:011d}",
        fbr_number="1",
        first_name=f"n{i}",
        father_name="",
        grandfather_name="",
        family_name="",
        birth_date=pendulum.date(1980, 1, 1),
        gender=Gender.MALE,
    )


CITIZENS = {i: citizen(i) for i in range(1, 5)}
REGS = (
    Registration(citizen_id=1, center_id=11001, phone="1", created_at=NOW.subtract(days=9)),
    Registration(citizen_id=2, center_id=11001, phone="1", created_at=NOW.subtract(days=9)),
    Registration(citizen_id=3, center_id=11002, phone="2", created_at=NOW.subtract(days=9)),
)


def approved(cs: Changeset) -> Changeset:
    return approve_changeset(approve_changeset(cs, "a"), "b")


def test_form_rules() -> None:
    base = {"name": "x", "justification": "j"}
    cases: list[tuple[dict[str, object], str]] = [
        (
            {"kind": ChangeKind.ROLLBACK, "select_by": SelectBy.CENTERS, "center_ids": {1}},
            "registration.changeset.rollback_selection",
        ),
        (
            {"kind": ChangeKind.BLOCK, "select_by": SelectBy.OTHER_CHANGESET},
            "registration.changeset.no_other",
        ),
        (
            {"kind": ChangeKind.BLOCK, "select_by": SelectBy.CENTERS},
            "registration.changeset.no_centers",
        ),
        (
            {"kind": ChangeKind.MOVE, "select_by": SelectBy.CENTERS, "center_ids": {11001}},
            "registration.changeset.no_target",
        ),
        (
            {
                "kind": ChangeKind.MOVE,
                "select_by": SelectBy.CENTERS,
                "center_ids": {11001},
                "target_center_id": 11001,
            },
            "registration.changeset.target_is_source",
        ),
        (
            {"kind": ChangeKind.BLOCK, "select_by": SelectBy.UPLOADED},
            "registration.changeset.upload_required",
        ),
        (
            {
                "kind": ChangeKind.BLOCK,
                "select_by": SelectBy.UPLOADED,
                "national_ids": ["1"],
                "justification": " ",
            },
            "registration.changeset.justification",
        ),
        (
            {
                "kind": ChangeKind.BLOCK,
                "select_by": SelectBy.UPLOADED,
                "national_ids": ["1"],
                "name": "n" * 257,
            },
            "registration.changeset.name",
        ),
    ]
    for fields, code in cases:
        with pytest.raises((InconsistentValue, MissingValue, InvalidFormat)) as info:
            Changeset(**(base | fields))  # type: ignore[arg-type]
        assert info.value.code == code


def test_approval_life_cycle() -> None:
    cs = Changeset(
        name="b",
        kind=ChangeKind.BLOCK,
        select_by=SelectBy.CENTERS,
        center_ids={11001},
        justification="j",
    )
    one = approve_changeset(cs, "a")
    assert one.status is ChangesetStatus.NEW
    two = approve_changeset(one, "b")
    assert two.status is ChangesetStatus.APPROVED
    assert revoke_approval(two, "a").status is ChangesetStatus.NEW
    with pytest.raises(InconsistentValue):
        revoke_approval(two, "zed")
    with pytest.raises(InconsistentValue):
        edit_changeset(two, justification="k")
    edited = edit_changeset(two, justification="k", okay_to_remove_approvals=True)
    assert (edited.status, edited.approvers) == (ChangesetStatus.NEW, frozenset())
    queued = queue_changeset(two)
    with pytest.raises(InconsistentValue):
        approve_changeset(queued, "c")
    with pytest.raises(InconsistentValue):
        queue_changeset(cs)
    with pytest.raises(InconsistentValue):
        execute_changeset(
            cs, registrations=REGS, citizens=CITIZENS, centers=CENTERS, changesets={}, now=NOW
        )


def test_move_partial_and_rollback() -> None:
    move = approved(
        Changeset(
            name="m",
            kind=ChangeKind.MOVE,
            select_by=SelectBy.UPLOADED,
            national_ids=[CITIZENS[1].national_id, CITIZENS[3].national_id],
            target_center_id=11002,
            justification="j",
        )
    )
    done = execute_changeset(
        move, registrations=REGS, citizens=CITIZENS, centers=CENTERS, changesets={}, now=NOW
    )
    assert done.changeset.status is ChangesetStatus.PARTIALLY_SUCCESSFUL
    assert done.changeset.affected == 1
    rolls = voter_rolls(CENTERS.values(), done.registrations, done.citizens)
    assert sorted(c.civil_registry_id for c in rolls[11002]) == [1, 3]
    moved = [r for r in done.registrations if r.citizen_id == 1 and r.is_current]
    assert moved[0].change_count == 0
    back = approved(
        Changeset(
            name="r",
            kind=ChangeKind.ROLLBACK,
            select_by=SelectBy.OTHER_CHANGESET,
            other_changeset="m",
            justification="j",
        )
    )
    undone = execute_changeset(
        back,
        registrations=done.registrations,
        citizens=done.citizens,
        centers=CENTERS,
        changesets={"m": done.changeset},
        now=NOW.add(hours=1),
    )
    assert undone.changeset.status is ChangesetStatus.SUCCESSFUL
    assert undone.rolled_back is not None
    assert undone.rolled_back.status is ChangesetStatus.ROLLED_BACK
    assert undone.rolled_back.rolled_back_by == "r"
    rolls = voter_rolls(CENTERS.values(), undone.registrations, undone.citizens)
    assert sorted(c.civil_registry_id for c in rolls[11001]) == [1, 2]
    again = execute_changeset(
        back,
        registrations=undone.registrations,
        citizens=undone.citizens,
        centers=CENTERS,
        changesets={"m": undone.rolled_back},
        now=NOW,
    )
    assert again.changeset.status is ChangesetStatus.FAILED
    assert "not successful" in again.changeset.error


def test_block_unblock_and_rollback() -> None:
    block = approved(
        Changeset(
            name="b",
            kind=ChangeKind.BLOCK,
            select_by=SelectBy.CENTERS,
            center_ids={11001},
            justification="j",
        )
    )
    done = execute_changeset(
        block, registrations=REGS, citizens=CITIZENS, centers=CENTERS, changesets={}, now=NOW
    )
    assert done.changeset.status is ChangesetStatus.SUCCESSFUL
    assert done.citizens[1].blocked
    assert done.citizens[2].blocked
    assert not any(r.is_current for r in done.registrations if r.citizen_id in (1, 2))
    unblock = approved(
        Changeset(
            name="u",
            kind=ChangeKind.UNBLOCK,
            select_by=SelectBy.UPLOADED,
            national_ids=[CITIZENS[1].national_id, CITIZENS[4].national_id],
            justification="j",
        )
    )
    freed = execute_changeset(
        unblock,
        registrations=done.registrations,
        citizens=done.citizens,
        centers=CENTERS,
        changesets={},
        now=NOW,
    )
    assert freed.changeset.status is ChangesetStatus.PARTIALLY_SUCCESSFUL
    assert not freed.citizens[1].blocked
    assert not any(r.is_current for r in freed.registrations if r.citizen_id == 1)  # not restored
    back = approved(
        Changeset(
            name="r",
            kind=ChangeKind.ROLLBACK,
            select_by=SelectBy.OTHER_CHANGESET,
            other_changeset="b",
            justification="j",
        )
    )
    undone = execute_changeset(
        back,
        registrations=freed.registrations,
        citizens=freed.citizens,
        centers=CENTERS,
        changesets={"b": done.changeset},
        now=NOW,
    )
    # citizen 1 was already unblocked by "u": not changed; citizen 2 is unblocked
    assert [(r.citizen_id, r.changed) for r in undone.changeset.records] == [(1, False), (2, True)]
    assert undone.changeset.status is ChangesetStatus.PARTIALLY_SUCCESSFUL


def test_move_to_closed_target_fails_without_changes() -> None:
    move = approved(
        Changeset(
            name="m",
            kind=ChangeKind.MOVE,
            select_by=SelectBy.CENTERS,
            center_ids={11001},
            target_center_id=11003,
            justification="j",
        )
    )
    result = execute_changeset(
        queue_changeset(move),
        registrations=REGS,
        citizens=CITIZENS,
        centers=CENTERS,
        changesets={},
        now=NOW,
    )
    assert result.changeset.status is ChangesetStatus.FAILED
    assert result.registrations == REGS


def test_upload_rules() -> None:
    known = {"119690261935"}
    text = "119690261935\n\n12345\n1196902619x5\n319690261935\n119690261936\n"
    with pytest.raises(ValidationErrors) as info:
        read_national_id_upload(text, known=known)
    assert [e.message() for e in info.value.errors] == [
        "Line 3: Wrong length",
        "Line 4: Not a valid number",
        "Line 5: Not a valid national ID number",
        "Line 6: No person registered with that NID",
    ]
    assert read_national_id_upload(b"119690261935\n119690261935\n", known=known) == (
        "119690261935",
    )
    with pytest.raises(ValidationErrors) as empty:
        read_national_id_upload("", known=known)
    assert empty.value.codes == ("registration.upload.empty",)
    with pytest.raises(ValidationErrors) as many:
        read_national_id_upload("1\n" * 15, known=known)
    assert len(many.value.errors) == 11
    assert many.value.errors[-1].message() == "Stopping after 10 errors."


def test_unknown_upload_id_fails_execution() -> None:
    cs = approved(
        Changeset(
            name="b",
            kind=ChangeKind.BLOCK,
            select_by=SelectBy.UPLOADED,
            national_ids=["119999999999"],
            justification="j",
        )
    )
    result = execute_changeset(
        cs, registrations=REGS, citizens=CITIZENS, centers=CENTERS, changesets={}, now=NOW
    )
    assert result.changeset.status is ChangesetStatus.FAILED
    assert attrs.evolve(result.changeset, status=ChangesetStatus.NEW).error
