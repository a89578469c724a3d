"""Valid arguments for the junk sweep: one table of example builders, by type.

The sweep calls every public callable first with valid arguments, then with junk in
one parameter at a time. It builds the valid arguments from the annotations:

* a parameter with a default gets its default;
* :data:`BY_TARGET` gives the arguments of one target's parameter, where the
  general rule cannot guess them (a file of the right shape, a form in the right
  state);
* :data:`BY_NAME` gives plain values (text, numbers) by parameter name, so that a
  ``national_id: str`` gets a valid national ID;
* :data:`BY_TYPE` gives the values of a type. Containers (``Mapping[K, V]``,
  ``Iterable[X]``, ``tuple[X, ...]``) are built from their members, enums from their
  members, and an attrs class with no entry from examples of its fields.

Each builder returns a list of candidates, the likeliest first; the sweep uses the
first one that the target accepts. **A new type** that the sweep cannot build fails
``test_every_parameter_has_an_example`` with the type's name: add a builder for it to
:data:`BY_TYPE` (or, for one target only, to :data:`BY_TARGET`).
"""

from __future__ import annotations

import collections.abc as cabc
import contextlib
import datetime as dt
import enum
import fractions
import functools
import inspect
import io
import pathlib
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

import attrs
import pendulum
import pytest

from electoral import audit, partition, seats, synthetic, testing
from electoral import calendar as cal
from electoral import publication as pub
from electoral import registration as reg
from electoral import results as res
from electoral._guard import field_error
from electoral.adapters import CodeMap, tallyho
from electoral.errors import ErrorCollector, InvalidType, ValidationError, ValidationErrors
from electoral.formats import tallyho as formats_tallyho
from electoral.model import (
    TRIPOLI,
    Ballot,
    Center,
    Citizen,
    Constituency,
    Election,
    Gender,
    Office,
    Period,
    ReconciliationForm,
    RegistrationPeriod,
    ResultForm,
    Station,
    SubConstituency,
)
from electoral.testing import SampleElection, sample_election
from electoral.testing.strategies import national_ids

Builder = Callable[[], list[object]]

NOW = pendulum.datetime(2014, 5, 10, 12, tz=TRIPOLI)
"""Inside the sample election's registration period."""


class NoExample(Exception):
    """The sweep cannot build a valid value of a type."""


# --- the results chapter's worked objects ------------------------------------------------------


@functools.cache
def tally_setup() -> res.TallySetup:
    return testing.demo_tally_setup()


@functools.cache
def form_records() -> tuple[res.FormRecord, ...]:
    """One form of the demo tally at every stage of its life, then the processed demo forms."""
    setup, now = tally_setup(), testing.DEMO_NOW
    form = ResultForm(
        barcode="31001001117", ballot_number=117, center_id=31001, station_number=1,
        gender=Gender.MALE,
    )  # fmt: skip
    votes = {c.key: 10 + c.order for c in setup.form_candidates(117)}
    recon = reconciliation(votes) if form.has_reconciliation else None
    stages = [res.import_form(form, user="u", now=now).record]
    stages.append(res.intake(stages[-1], setup=setup, others=(), user="u", now=now).record)
    stages.append(res.intake_match(stages[-1], user="u", now=now).record)
    stages.append(
        res.enter_de1(stages[-1], votes=votes, recon=recon, setup=setup, user="a", now=now).record
    )
    stages.append(
        res.enter_de2(stages[-1], votes=votes, recon=recon, setup=setup, user="b", now=now).record
    )
    stages.append(res.resolve_corrections(stages[-1], user="c", now=now).record)
    stages.append(
        res.qc_pass(stages[-1], config=res.TallyConfig(), setup=setup, user="q", now=now).record
    )
    stages.append(res.qc_print(stages[-1], user="q", now=now).record)
    demo = testing.demo_records(setup)
    audit = [r for r in demo if r.state.name == "AUDIT"]
    clearance = res.send_to_clearance(stages[1], user="u", now=now, reason="r").record
    return (stages[7], *stages[:7], *audit, clearance, *demo)


def reconciliation(votes: cabc.Mapping[res.CandidateKey, int]) -> ReconciliationForm:
    total = sum(votes.values())
    return ReconciliationForm(
        number_of_voters=400, number_of_voter_cards_in_the_ballot_box=total + 5,
        number_valid_votes=total, number_invalid_votes=5, number_sorted_and_counted=total + 5,
    )  # fmt: skip


@functools.cache
def pvp_bundle() -> res.PvpBundle:
    return formats_tallyho.read_pvp_results(formats_tallyho.pvp_results_csv_example())


MICRO = synthetic.Size(
    name="micro", constituencies=1, subconstituencies=1, offices=1, centers=2, voters=20,
    general_seats=1, women_seats=1,
)  # fmt: skip
"""The smallest synthetic election: the whole pipeline in a few milliseconds."""


@functools.cache
def tiny_election() -> synthetic.SyntheticElection:
    return synthetic.synthetic_election(MICRO, seed=1)


def sample() -> SampleElection:
    return sample_election()


def registration() -> reg.Registration:
    return reg.Registration(citizen_id=1, center_id=11001, phone="218911234567", created_at=NOW)


def registration_state() -> reg.InMemoryRegistrationState:
    s = sample()
    return reg.InMemoryRegistrationState(
        centers=s.centers,
        citizens=s.citizens,
        registrations=[registration()],
        periods=s.registration_periods,
    )


def polling_state() -> reg.InMemoryPollingState:
    s = sample()
    return reg.InMemoryPollingState(
        whitelist=["218911234567"], centers=s.centers, elections=[s.election]
    )


def changesets() -> list[object]:
    base = reg.Changeset(
        name="move", kind=reg.ChangeKind.MOVE, select_by=reg.SelectBy.CENTERS,
        justification="j", center_ids={11001}, target_center_id=60101,
    )  # fmt: skip
    return [base, reg.approve_changeset(reg.approve_changeset(base, "a"), "b")]


def station_plan() -> reg.StationPlan[Citizen]:
    return reg.allocate_stations(list(sample().citizens), center_id=11001)


def election_outcome() -> seats.ElectionOutcome:
    return tiny_election().outcome


def list_rules(*, list_formula: str = "hare") -> seats.ElectionRules:
    """A builder of rules for :func:`electoral.seats.sweep`: one list race of five seats."""
    return seats.hor_2023(
        lists={"Tripoli": 5}, individual={}, list_formula=list_formula, partial=True
    )


LIST_VOTES = {"Tripoli/list": {"A": 6_100, "B": 2_500, "C": 1_400}}


@functools.cache
def seat_sweep() -> seats.Sweep:
    return seats.sweep(list_rules, {"list_formula": ["hare", "dhondt"]}, LIST_VOTES)


@functools.cache
def publication() -> pub.Publication:
    return pub.publish(form_records(), tally_setup(), election="sweep")


DUMP_ROW = (
    "7", "أ", "ب", "ج", "د", "ه", "1", "7/9/1969", "", "119690261935", "4471", "0", "0", "0",
)  # fmt: skip
"""One valid row of the civil registry dump (14 texts)."""


def tally_setup_folder() -> list[object]:
    """The micro election's six Tally-Ho setup files, written into the current (temporary)
    directory as ``electoral demo`` writes them."""
    from electoral.cli.demo import _demo_files

    folder = pathlib.Path.cwd() / "tally-setup"
    folder.mkdir(exist_ok=True)
    for name, content in _demo_files(tiny_election(), {"seats": {"winners": []}}).items():
        if name.startswith("tally-setup/") and isinstance(content, str):
            (folder / name.removeprefix("tally-setup/")).write_text(content, encoding="utf-8")
    return [folder]


def register_rows() -> partition.RegisterRows:
    return partition.RegisterRows(rows=[DUMP_ROW], lines=[2], centers=[11001])


def register_rows_file() -> list[object]:
    """A partition file written by :meth:`RegisterRows.save` into the current directory."""
    path = pathlib.Path.cwd() / "part.csv"
    register_rows().save(path)
    return [path]


def station_turnout() -> res.StationTurnout:
    return res.StationTurnout(definition="d", voters=40, registrants=100, processed=1, expected=2)


AUDIT_SEED = "11111111112222222222"
"""A public seed of 20 digits, the fewest an audit takes."""


@functools.cache
def audit_contest() -> audit.Contest:
    return audit.Contest(
        id="r", rule=seats.PluralityRule(), seats=1,
        batches=[audit.Batch(id=f"F{n}", votes={"A": 60, "B": 40}, ballots=100) for n in range(6)],
    )  # fmt: skip


@functools.cache
def audit_plan() -> audit.AuditPlan:
    return audit.plan_audit(audit_contest(), risk_limit="0.1", seed=AUDIT_SEED)


AUDIT_RACES = "ballot,race,rule,seats\n1,r,plurality,1\n"
AUDIT_RESULTS = (
    "ballot,center,station,barcode,candidate_id,votes\n"
    "1,11001,1,1100100101,1,60\n1,11001,1,1100100101,2,40\n"
)


def filled_sheet() -> str:
    """The hand-count sheet of :func:`audit_plan`, every blank filled as the forms say."""
    lines = audit.hand_count_sheet([audit_plan()]).splitlines()
    header = lines[0].split(",")
    votes = header.index("votes")
    candidate = header.index("candidate")
    rows = [line.split(",") for line in lines[1:]]
    for row in rows:
        row[votes] = "60" if row[candidate] == "A" else "40"
    return "\n".join(",".join(row) for row in [header, *rows]) + "\n"


def hand_counts() -> list[object]:
    return [audit.HandCount(batch=b, votes={"A": 60, "B": 40}) for b in audit_plan().to_count]


# --- the tables ------------------------------------------------------------------------------

BY_TYPE: dict[object, Builder] = {
    str: lambda: ["1", "x"],
    enum.Enum: lambda: [Gender.MALE],
    int: lambda: [1, 0, 2],
    bool: lambda: [False, True],
    float: lambda: [1.0],
    bytes: lambda: [b"1"],
    fractions.Fraction: lambda: [fractions.Fraction(1, 2)],
    Decimal: lambda: [Decimal("1")],
    dt.datetime: lambda: [NOW, testing.DEMO_NOW],
    pendulum.DateTime: lambda: [NOW, testing.DEMO_NOW],
    dt.date: lambda: [pendulum.Date(1990, 1, 1)],
    pendulum.Date: lambda: [pendulum.Date(1990, 1, 1)],
    type(None): lambda: [None],
    typing.TextIO: lambda: [io.StringIO("")],
    typing.IO: lambda: [io.BytesIO(b"")],
    pathlib.Path: lambda: [pathlib.Path("/nonexistent")],
    ValidationError: lambda: [InvalidType(field="x", value=None)],
    ValidationErrors: lambda: [ValidationErrors("1 problem", [InvalidType(field="x")])],
    ErrorCollector: lambda: [ErrorCollector("sweep")],
    CodeMap: lambda: [tallyho.GENDER],
    Election: lambda: [sample().election],
    Period: lambda: [Period(start=NOW, end=NOW.add(days=1))],
    RegistrationPeriod: lambda: list(sample().registration_periods),
    Center: lambda: list(sample().centers),
    Station: lambda: list(sample().stations),
    Citizen: lambda: list(sample().citizens),
    Ballot: lambda: list(sample().ballots),
    Office: lambda: list(sample().offices),
    Constituency: lambda: list(sample().constituencies),
    SubConstituency: lambda: list(sample().subconstituencies),
    ResultForm: lambda: list(sample().result_forms),
    SampleElection: lambda: [sample()],
    res.TallySetup: lambda: [tally_setup()],
    res.FormRecord: lambda: list(form_records()),
    res.TallyConfig: lambda: [res.TallyConfig()],
    res.PvpBundle: lambda: [pvp_bundle()],
    res.PvpSubmission: lambda: list(pvp_bundle().submissions),
    res.Tally: lambda: [res.tally(form_records(), tally_setup())],
    res.Totals: lambda: [res.tally(form_records(), tally_setup()).national],
    res.Event: lambda: [res.import_form(sample().result_forms[0], user="u", now=NOW).event],
    res.Step: lambda: [res.import_form(sample().result_forms[0], user="u", now=NOW)],
    reg.Registration: lambda: [registration()],
    reg.RegistrationState: lambda: [registration_state()],
    reg.InMemoryRegistrationState: lambda: [registration_state()],
    reg.PollingState: lambda: [polling_state()],
    reg.InMemoryPollingState: lambda: [polling_state()],
    reg.Changeset: changesets,
    reg.Voter: lambda: list(sample().citizens),
    reg.RegistryRecord: lambda: list(tiny_election().register_check.records[:2]),
    seats.TwoRoundResult: lambda: [seats.two_round({"a": 5, "b": 4, "c": 3})],
    seats.Tie: lambda: [seats.plurality({"a": 1, "b": 1}, 1).tie],
    seats.ElectionRules: lambda: [seats.hor_2014(general={"1": 2}, women={"1": 1}, partial=True)],
    seats.ElectionOutcome: lambda: [election_outcome()],
    synthetic.Size: lambda: [MICRO],
    synthetic.SyntheticElection: lambda: [tiny_election()],
    synthetic.Country: lambda: [tiny_election().country],
    synthetic.Register: lambda: [tiny_election().register],
    synthetic.RegisterCheck: lambda: [tiny_election().register_check],
    synthetic.RollAllocation: lambda: [tiny_election().allocation],
    synthetic.SyntheticForm: lambda: list(tiny_election().forms[:2]),
    synthetic.TallyOutcome: lambda: [tiny_election().tally],
    res.StationTurnout: lambda: [station_turnout()],
    reg.RegistryStream: lambda: [reg.RegistryStream(as_of=NOW)],
    partition.RegisterRows: lambda: [register_rows()],
    res.ResultRow: lambda: list(res.results_rows(form_records()[:1], tally_setup())),
    reg.StaffMember: lambda: [reg.StaffMember(staff_id=101, name="n", phone="218911234567")],
    reg.StationPlan: lambda: [station_plan()],
    reg.AllocatedStation: lambda: list(station_plan().stations),
    cal.LibyanCalendar: lambda: [cal.LibyanCalendar(authority=cal.Authority.WEST)],
    seats.Sweep: lambda: [seat_sweep()],
    pub.Publication: lambda: [publication()],
    pub.Disagreement: lambda: [pub.Disagreement(code="publication.differs.root", path=())],
    pub.Manifest: lambda: [publication().manifest],
    pub.Node: lambda: list(publication().manifest.ballots[:1]),
    pub.Subtotals: lambda: [publication().manifest.subtotals],
    pub.PublishedForm: lambda: list(publication().forms[:2]),
    pub.InclusionProof: lambda: [publication().proof(publication().forms[0].barcode)],
    audit.Batch: lambda: list(audit_contest().batches[:1]),
    audit.Contest: lambda: [audit_contest()],
    audit.AuditPlan: lambda: [audit_plan()],
    audit.AuditEvaluation: lambda: [audit.evaluate_audit(audit_plan(), cast(Any, hand_counts()))],
    audit.HandCount: hand_counts,
    audit.ErrorBounds: lambda: [audit.error_bounds(audit_contest())],
    seats.Reading: lambda: list(seat_sweep().readings),
}
"""Valid values of a type, the likeliest first."""

BY_NAME: dict[str, Builder] = {
    "national_id": lambda: ["119690261935"],
    "fbr_number": lambda: ["r40005", "4471"],
    "phone": lambda: ["218911234567"],
    "sender": lambda: ["218911234567"],
    "number": lambda: ["218911234567", "119690261935", "31001", "1"],
    "barcode": lambda: ["31001001117"],
    "typed": lambda: ["31001001117"],
    "center_id": lambda: [11001, 31001],
    "center_number": lambda: ["31001"],
    "station_number": lambda: ["1", 1],
    "ballot_number": lambda: [117],
    "text": lambda: ["119690261935*11001", "1"],
    "language": lambda: ["en", "ar"],
    "user": lambda: ["u"],
    "seats": lambda: [2],
    "votes": lambda: [{"a": 5, "b": 3}],
    "seed": lambda: [1, AUDIT_SEED],
    "objector": lambda: ["119690261935"],
    "subject": lambda: ["219690261934", "119690261935"],
}
"""Plain values by parameter name, the likeliest first, tried before :data:`BY_TYPE`."""

BY_TARGET: dict[str, dict[str, Builder]] = {
    "electoral.synthetic.run": {"size": lambda: [MICRO]},
    "electoral.synthetic.synthetic_election": {"size": lambda: [MICRO]},
    "electoral.testing.assert_roundtrip": {"value": lambda: list(sample().stations)},
    "electoral.testing.strategies.as_typed": {"identifiers": lambda: [national_ids()]},
    "electoral.audit.contests_from_results": {
        "rows": lambda: [list(res.results_rows(form_records()[:1], tally_setup()))],
        "races": lambda: [audit.read_races(io.StringIO(AUDIT_RACES.replace("\n1,", "\n117,")))],
    },
    "electoral.audit.read_races": {"source": lambda: [io.StringIO(AUDIT_RACES)]},
    "electoral.audit.read_results": {
        "source": lambda: [io.StringIO(AUDIT_RESULTS)],
        "races": lambda: [audit.read_races(io.StringIO(AUDIT_RACES))],
    },
    "electoral.audit.read_hand_counts": {
        "source": lambda: [io.StringIO(filled_sheet())],
        "plans": lambda: [[audit_plan()]],
    },
    "electoral.audit.plans_from_json": {
        "source": lambda: [io.StringIO(audit.plans_json([audit_plan()]))],
    },
    "electoral.formats.smartelect.format_dump_line": {"row": lambda: [list(DUMP_ROW)]},
    "electoral.formats.tallyho.read_tally_setup": {"folder": tally_setup_folder},
    "electoral.partition.RegisterRows.load": {"path": register_rows_file},
    "electoral.registration.RegistryStream.validate": {"rows": lambda: [[DUMP_ROW]]},
    "electoral.results.StationTurnout.merge": {"other": lambda: [station_turnout()]},
    "electoral.seats.sweep": {
        "build": lambda: [list_rules],
        "readings": lambda: [{"list_formula": ["hare", "dhondt"]}],
        "results": lambda: [LIST_VOTES],
    },
}
"""Values of one target's parameter, where neither the type nor the name says enough."""


# --- building from the tables ----------------------------------------------------------------


class Examples:
    """Valid values for a parameter, from the tables (cached: builders may be slow)."""

    def __init__(self) -> None:
        self._cache: dict[object, list[object]] = {}

    def for_parameter(
        self, target: str, parameter: inspect.Parameter, annotation: Any
    ) -> list[object]:
        """Candidates for ``target``'s ``parameter``, the likeliest first."""
        by_target = BY_TARGET.get(target, {})
        if parameter.name in by_target:
            return by_target[parameter.name]()
        if parameter.default is not inspect.Parameter.empty:
            return [parameter.default]
        return self.named(parameter.name, annotation)

    def fields(self, cls: type) -> dict[str, object]:
        """The field values (by ``__init__`` name) of a valid ``cls`` from :data:`BY_TYPE`."""
        if cls not in BY_TYPE or not attrs.has(cls):
            return {}
        value = self.of(cls)[0]
        return {f.alias: getattr(value, f.name) for f in attrs.fields(cls) if f.init}

    def named(self, name: str, annotation: Any) -> list[object]:
        """Candidates for a parameter or field ``name`` of type ``annotation``."""
        named = BY_NAME[name]() if name in BY_NAME else []
        fitting = [value for value in named if field_error(name, annotation, value) is None]
        return fitting + self.of(annotation)

    def of(self, annotation: Any) -> list[object]:
        """Candidates of a type."""
        try:
            return self._cache[annotation]
        except (KeyError, TypeError):
            pass
        built = self._build(annotation)
        if not built:
            raise NoExample(_name(annotation))
        with contextlib.suppress(TypeError):  # an unhashable annotation is built each time
            self._cache[annotation] = built
        return built

    def _build(self, annotation: Any) -> list[object]:
        with contextlib.suppress(TypeError):
            if annotation in BY_TYPE:
                return BY_TYPE[annotation]()
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if annotation in (Any, object):
            return ["1"]
        if isinstance(annotation, typing.TypeVar):
            bound = annotation.__bound__
            return self.of(bound) if bound is not None else ["1"]
        if origin in (typing.Union, types.UnionType):
            found: list[object] = []
            for arg in args:
                if arg is not type(None):
                    with contextlib.suppress(NoExample):
                        found.extend(self.of(arg))
            return found + ([None] if type(None) in args else [])
        if origin is typing.Literal:
            return list(args)
        if origin is type:
            return [Station]
        if origin is cabc.Callable or annotation is cabc.Callable:
            return [_no_op]
        if origin is not None:
            return self._generic(origin, args)
        if inspect.isclass(annotation):
            if issubclass(annotation, enum.Enum):
                return list(annotation)
            if attrs.has(annotation):
                return [self._attrs(annotation)]
        raise NoExample(_name(annotation))

    def _generic(self, origin: Any, args: tuple[Any, ...]) -> list[object]:
        if origin in (list, tuple, set, frozenset) and not args:
            return [origin()]
        if issubclass(origin, cabc.Mapping):
            key, value = args or (str, int)
            return [{self.of(key)[0]: self.of(value)[0]}, {}]
        if origin is tuple and args and args[-1] is not Ellipsis:
            return [tuple(self.of(arg)[0] for arg in args)]
        member = self.of(args[0]) if args else ["1"]
        if origin in (frozenset, cabc.Set, set):
            return [frozenset(member[:1]), frozenset()]
        if origin is tuple:
            return [tuple(member[:1]), ()]
        return [list(member[:1]), []]

    def _attrs(self, cls: type) -> object:
        hints = _hints(cls)
        values = {
            field.alias: self.named(field.alias, hints.get(field.name, Any))[0]
            for field in attrs.fields(cls)
            if field.init and field.default is attrs.NOTHING
        }
        try:
            return cls(**values)
        except (ValidationError, ValidationErrors, TypeError) as error:
            raise NoExample(f"{cls.__name__} (built from its fields: {error})") from None


def _hints(cls: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except TypeError:  # array[int], which Python 3.11 cannot subscript at run time
        return {}


def _no_op(*args: object, **kwargs: object) -> None:
    return None


def _name(annotation: Any) -> str:
    return getattr(annotation, "__qualname__", None) or repr(annotation)


@pytest.fixture(scope="session")
def examples() -> Examples:
    return Examples()


@pytest.fixture(autouse=True)
def _in_a_scratch_directory(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sweep call runs in a fresh temporary directory: a writer given a junk path
    (``"1"``, ``"junk"``) writes there, never into the checkout."""
    monkeypatch.chdir(tmp_path)
