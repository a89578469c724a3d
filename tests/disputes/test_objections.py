"""The voter-list exhibition: objections, decisions and the changesets that apply them."""

from __future__ import annotations

import pendulum
import pytest

from electoral.disputes import (
    EXHIBITIONS,
    Exhibition,
    Ground,
    Objection,
    ObjectionDecision,
    check_objection,
    objection_changesets,
)
from electoral.errors import InvalidType, ValidationErrors
from electoral.law import Citation
from electoral.model import TRIPOLI, Center, Citizen, Gender, Period
from electoral.registration import (
    ChangeKind,
    ChangesetStatus,
    Registration,
    approve_changeset,
    execute_changeset,
)

NOW = pendulum.datetime(2014, 1, 12, 10, tz=TRIPOLI)
CENTERS = {
    11001: Center(center_id=11001, name_ar="أ"),
    11002: Center(center_id=11002, name_ar="ب"),
}


def nid(i: int) -> str:
    return f"1{i:011d}"


def citizen(i: int) -> Citizen:
    return Citizen(
        civil_registry_id=i,
        national_id=nid(i),
        fbr_number="1",
        first_name=f"n{i}",
        father_name="",
        grandfather_name="",
        family_name="",
        birth_date=pendulum.date(1980, 1, 1),
        gender=Gender.MALE,
    )


CITIZENS = {i: citizen(i) for i in range(1, 6)}
REGISTRATIONS = tuple(
    Registration(citizen_id=i, center_id=11001, phone=str(i), created_at=NOW.subtract(days=30))
    for i in range(1, 6)
)
ROLL = {nid(i): 11001 for i in range(1, 6)}
OPEN = Exhibition(
    election="test",
    period=Period(start=NOW.subtract(days=1), end=NOW.add(days=5)),
    citation=Citation(instrument="test"),
)


def objection(key: str, subject: int, ground: Ground, objector: int = 1) -> Objection:
    return Objection(
        id=key, objector=nid(objector), subject=nid(subject), ground=ground, filed_at=NOW
    )


def decision(key: str, upheld: bool = True, center_id: int | None = None) -> ObjectionDecision:
    return ObjectionDecision(
        objection=key,
        upheld=upheld,
        decided_at=NOW.add(days=1),
        decided_by="HNEC office Sebha",
        reason="checked against the civil registry",
        center_id=center_id,
    )


def test_upheld_objections_change_the_roll_through_changesets() -> None:
    objections = [
        objection("O1", 2, Ground.DECEASED),
        objection("O2", 3, Ground.WRONG_CENTRE, objector=3),
        objection("O3", 4, Ground.NOT_ELIGIBLE),
        objection("O4", 5, Ground.DATA_ERROR),
        objection("O5", 1, Ground.DECEASED, objector=2),
    ]
    for item in objections:
        check_objection(item, OPEN, roll=ROLL)
    decisions = [
        decision("O1"),
        decision("O2", center_id=11002),
        decision("O3"),
        decision("O4"),
        decision("O5", upheld=False),
    ]
    outcome = objection_changesets(objections, decisions, name="exhibition-2014")
    assert [(c.name, c.kind, c.national_ids) for c in outcome.changesets] == [
        ("exhibition-2014-block", ChangeKind.BLOCK, (nid(2), nid(4))),
        ("exhibition-2014-move-11002", ChangeKind.MOVE, (nid(3),)),
    ]
    assert [(o.id, todo) for o, todo in outcome.other] == [("O4", "correct the civil registry")]
    assert [o.id for o in outcome.dismissed] == ["O5"]
    assert all(c.status is ChangesetStatus.NEW for c in outcome.changesets)
    assert "O1, O3" in outcome.changesets[0].justification
    # the registration chapter applies them: two approvals, then all or nothing
    registrations, citizens = REGISTRATIONS, CITIZENS
    for changeset in outcome.changesets:
        approved = approve_changeset(approve_changeset(changeset, "amal"), "omar")
        result = execute_changeset(
            approved,
            registrations=registrations,
            citizens=citizens,
            centers=CENTERS,
            changesets={},
            now=NOW.add(days=2),
        )
        assert result.changeset.status is ChangesetStatus.SUCCESSFUL
        registrations, citizens = result.registrations, dict(result.citizens)
    assert [citizens[i].blocked for i in range(1, 6)] == [False, True, False, True, False]
    current = {r.citizen_id: r.center_id for r in registrations if r.is_current}
    assert current == {1: 11001, 3: 11002, 5: 11001}


def test_an_objection_outside_the_exhibition_is_refused_with_every_problem() -> None:
    gnc = EXHIBITIONS["gnc_2012"]
    late = Objection(
        id="O1",
        objector=nid(9),
        subject=nid(2),
        ground=Ground.DECEASED,
        filed_at=pendulum.datetime(2012, 5, 27, 0, tz=TRIPOLI),
    )
    with pytest.raises(ValidationErrors) as info:
        check_objection(late, gnc, roll=ROLL)
    assert info.value.codes == (
        "disputes.objection_window",
        "disputes.objector_not_registered",
        "disputes.objector_not_subject",
    )
    cda = EXHIBITIONS["cda_2014"]
    own = Objection(
        id="O2",
        objector=nid(7),
        subject=nid(7),
        ground=Ground.MISSING,
        filed_at=pendulum.datetime(2014, 1, 16, 23, tz=TRIPOLI),
    )
    check_objection(own, cda, roll=ROLL)  # a missing voter objecting for themselves
    with pytest.raises(ValidationErrors) as ground:
        check_objection(
            Objection(
                id="O3",
                objector=nid(2),
                subject=nid(2),
                ground=Ground.DECEASED,
                filed_at=pendulum.datetime(2014, 1, 12, tz=TRIPOLI),
            ),
            cda,
            roll=ROLL,
        )
    assert ground.value.codes == ("disputes.ground",)


def test_bad_decisions() -> None:
    objections = [objection("O1", 2, Ground.WRONG_CENTRE), objection("O1", 3, Ground.DECEASED)]
    early = ObjectionDecision(
        objection="O1",
        upheld=True,
        decided_at=NOW.subtract(days=1),
        decided_by="x",
        reason="y",
    )
    with pytest.raises(ValidationErrors) as info:
        objection_changesets(
            objections,
            [decision("O9"), early, decision("O1")],
            name="e",
        )
    assert info.value.codes == (
        "disputes.objection_twice",
        "disputes.unknown_objection",
        "disputes.decided_before_filed",
        "disputes.decided_twice",
    )
    with pytest.raises(ValidationErrors) as move:
        objection_changesets([objection("O1", 2, Ground.WRONG_CENTRE)], [decision("O1")], name="e")
    assert move.value.codes == ("disputes.move_without_centre",)
    with pytest.raises(TypeError, match="roll"):
        check_objection(objections[0], OPEN, roll=[nid(1)])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="decisions"):
        objection_changesets(objections, decision("O1"), name="e")  # type: ignore[arg-type]
    with pytest.raises(InvalidType) as period:
        Exhibition(election="x", period="May", citation=Citation(instrument="x"))  # type: ignore[arg-type]
    assert period.value.field == "period"
    with pytest.raises(InvalidType):
        Exhibition(election="x", period=OPEN.period, objectors="all", citation=OPEN.citation)  # type: ignore[arg-type]
