"""Private: a contest to audit, its batches (one per station's result form) and its outcome.

A **batch** is what a hand count can recount on its own: the ballots of one race in
one polling station, reported on one result form. It carries the form's votes per
candidate and an upper bound on the ballots in the box (the reconciliation section's
count of ballot papers, or at least the votes recorded). A **contest** is one race:
its seat rule (the :mod:`electoral.seats` rule objects), its seats, its batches, and
the drawing that broke any tie in the reported result.

The reported outcome is always recomputed here from the batches, with the same
methods that publish it (:mod:`electoral.seats`), so an audit can never check
figures other than those the forms add up to.

>>> from electoral.seats import PluralityRule
>>> contest = Contest(
...     id="Sebha/general", rule=PluralityRule(), seats=1,
...     batches=(Batch(id="F1", votes={"A": 60, "B": 40}, ballots=104),
...              Batch(id="F2", votes={"A": 30, "B": 35}, ballots=66)))
>>> contest.totals()
{'A': 90, 'B': 75}
>>> seats_won(contest.outcome())
{'A': 1}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs

from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidType,
    OutOfRange,
    register_messages,
)
from electoral.seats import (
    Allocation,
    BlockVoteResult,
    BlockVoteRule,
    DrawingOfLots,
    HighestAveragesRule,
    LargestRemainderRule,
    PluralityResult,
    PluralityRule,
    PublicDraw,
    Race,
    TwoRoundResult,
    TwoRoundRule,
)
from electoral.seats._elections import _run as run_race  # the seats chapter's dispatch

from ._common import MAX_COUNT, check_count, check_name, require_type

__all__ = [
    "RULES",
    "Batch",
    "Contest",
    "FormRow",
    "Forms",
    "Outcome",
    "Rule",
    "contests_from_results",
    "seats_won",
]

Rule = PluralityRule | BlockVoteRule | TwoRoundRule | HighestAveragesRule | LargestRemainderRule
"""A seat rule of :mod:`electoral.seats` that a contest can be audited under."""
RULES: tuple[type, ...] = (
    PluralityRule,
    BlockVoteRule,
    TwoRoundRule,
    HighestAveragesRule,
    LargestRemainderRule,
)
Outcome = PluralityResult | BlockVoteResult | TwoRoundResult | Allocation
"""A reported outcome: the result of one of the :mod:`electoral.seats` methods."""

register_messages(
    {
        "audit.ballots_short": (
            "{value} ballots are fewer than the {votes} votes recorded in the batch.",
            "عدد أوراق الاقتراع {value} أقل من الأصوات المسجلة في الدفعة ({votes}).",
        ),
        "audit.batch_duplicate": (
            "{value} appears more than once.",
            "القيمة {value} مكررة.",
        ),
        "audit.no_batches": (
            "the contest {value} has no batches to audit.",
            "لا توجد دفعات للتدقيق في السباق {value}.",
        ),
        "audit.unknown_candidate": (
            "{value} is not a candidate of this contest.",
            "{value} ليس مرشحًا في هذا السباق.",
        ),
        "audit.race_unknown": (
            "ballot {value} is not a race of the audit.",
            "ورقة الاقتراع {value} ليست سباقًا في التدقيق.",
        ),
        "audit.seats": (
            "{value} seats cannot be audited under this rule (between {min_value} and "
            "{max_value}).",
            "لا يمكن تدقيق {value} من المقاعد وفق هذه القاعدة (بين {min_value} و{max_value}).",
        ),
    }
)


def _votes(value: object) -> dict[str, int]:
    require_type(value, Mapping, "votes")
    assert isinstance(value, Mapping)
    result = dict(value)
    for name, count in result.items():  # the fast path: nothing to report
        if type(count) is not int or not 0 <= count <= MAX_COUNT or type(name) is not str:
            break
        if not name.strip() or len(name) > 200 or not name.isprintable():
            break
    else:
        return result
    collector = ErrorCollector("votes")
    for name, count in value.items():
        with collector.at(f"$.votes[{name!r}]"):
            check_name(name, "candidate")
            check_count(count, "votes")
    collector.raise_if_any()
    return result  # pragma: no cover - the loop above found the problem


def _check_batch(instance: Batch, _attribute: Any, _value: int) -> None:
    check_name(instance.id, "batch")
    check_count(instance.ballots, "ballots")
    recorded = sum(instance.votes.values())
    if instance.ballots < recorded:
        raise InconsistentValue(
            "audit.ballots_short", field="ballots", value=instance.ballots, votes=recorded
        )


@attrs.frozen(kw_only=True)
class Batch:
    """One station's result form for one race: what a hand count recounts.

    Attributes:
        id: the batch's public identifier (the result form's barcode, or the
            centre and station), unique in the contest.
        votes: the votes the form reports per candidate (``int``; candidates
            without a row count 0).
        ballots: an upper bound on the ballots of this race in the station's box
            (the reconciliation section's ballot papers; never fewer than the
            votes): the worst case a hand count could find.
        label: free text for people (``"centre 11001, station 2"``).

    >>> Batch(id="F1", votes={"A": 3}, ballots=2)
    Traceback (most recent call last):
    ...
    electoral.errors.InconsistentValue: 2 ballots are fewer than the 3 votes recorded in the batch.
    """

    id: str = attrs.field()
    votes: Mapping[str, int] = attrs.field(converter=_votes)
    ballots: int = attrs.field(validator=_check_batch)
    label: str = attrs.field(default="")

    @label.validator
    def _check_label(self, _attribute: Any, value: object) -> None:
        if type(value) is not str or len(value) > 200 or not value.isprintable():
            raise InvalidType("audit.name", field="label", value=value, max_length=200)


def _batches(value: object) -> tuple[Batch, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
        raise TypeError(f"batches must be a sequence of Batch, not {type(value).__name__}")
    for item in value:
        require_type(item, Batch, "batches")
    return tuple(value)


def _names(value: object) -> tuple[str, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
        raise TypeError(f"candidates must be a sequence of str, not {type(value).__name__}")
    collector = ErrorCollector("candidates")
    for index, name in enumerate(value):
        with collector.at(f"$.candidates[{index}]"):
            check_name(name, "candidate")
    collector.raise_if_any()
    return tuple(value)


def _rule(value: object) -> Rule:
    require_type(value, RULES, "rule")
    return value  # type: ignore[return-value]


def _lots(value: object) -> DrawingOfLots | PublicDraw | None:
    if value is not None:
        require_type(value, (DrawingOfLots, PublicDraw), "lots")
    return value  # type: ignore[return-value]


def _caps(value: object) -> Mapping[str, int] | None:
    if value is None:
        return None
    require_type(value, Mapping, "caps")
    assert isinstance(value, Mapping)
    collector = ErrorCollector("caps")
    for name, cap in value.items():
        with collector.at(f"$.caps[{name!r}]"):
            check_name(name, "candidate")
            check_count(cap, "caps")
    collector.raise_if_any()
    return dict(value)


@attrs.frozen(kw_only=True)
class Contest:
    """One race to audit: its rule, seats, batches and the drawing of its ties.

    Attributes:
        id: the race's identifier (``"Sebha/general"``, ``"Fezzan/women"``).
        rule: the seat rule, one of the :mod:`electoral.seats` rule objects
            (:class:`~electoral.seats.PluralityRule`,
            :class:`~electoral.seats.BlockVoteRule`,
            :class:`~electoral.seats.TwoRoundRule`,
            :class:`~electoral.seats.HighestAveragesRule`,
            :class:`~electoral.seats.LargestRemainderRule`).
        seats: the seats at stake (1 for a two-round race).
        batches: one :class:`Batch` per result form of the race.
        candidates: every candidate or list on the ballot, with or without votes;
            default: those named in the batches.
        lots: the drawing that broke a tie in the reported result, if there was one.
        caps: the most seats each list may win (list races).
        uncounted: ballots cast in the race that are in no batch (forms not
            published); each is assumed to favour the losers as much as a ballot can.

    Every problem is reported at once (:class:`~electoral.errors.ValidationErrors`
    with locations such as ``$.batches[3]``).
    """

    id: str = attrs.field()
    rule: Rule = attrs.field(converter=_rule)
    seats: int = attrs.field()
    batches: tuple[Batch, ...] = attrs.field(converter=_batches)
    candidates: tuple[str, ...] = attrs.field(default=(), converter=_names)
    lots: DrawingOfLots | PublicDraw | None = attrs.field(default=None, converter=_lots)
    caps: Mapping[str, int] | None = attrs.field(default=None, converter=_caps)
    uncounted: int = attrs.field(default=0)

    def __attrs_post_init__(self) -> None:
        collector = ErrorCollector(f"contest {self.id!r}")
        with collector.at("$.id"):
            check_name(self.id, "contest")
        with collector.at("$.seats"):
            check_count(self.seats, "seats")
            top = 1 if isinstance(self.rule, TwoRoundRule) else MAX_COUNT
            if not 1 <= self.seats <= top:
                raise OutOfRange(
                    "audit.seats", field="seats", value=self.seats, min_value=1, max_value=top
                )
        with collector.at("$.uncounted"):
            check_count(self.uncounted, "uncounted")
        if not self.batches:
            collector.add(InconsistentValue("audit.no_batches", field="batches", value=self.id))
        seen: set[str] = set()
        known = set(self.candidates)
        for index, batch in enumerate(self.batches):
            if batch.id in seen:
                collector.add(
                    InconsistentValue("audit.batch_duplicate", field="batch", value=batch.id),
                    f"$.batches[{index}].id",
                )
            seen.add(batch.id)
            if known:
                for name in batch.votes:
                    if name not in known:
                        collector.add(
                            InconsistentValue(
                                "audit.unknown_candidate", field="candidate", value=name
                            ),
                            f"$.batches[{index}].votes[{name!r}]",
                        )
        for name in self.caps or {}:
            if name not in self.names:
                collector.add(
                    InconsistentValue("audit.unknown_candidate", field="candidate", value=name),
                    f"$.caps[{name!r}]",
                )
        collector.raise_if_any()

    @classmethod
    def from_race(cls, race: Race, batches: Sequence[Batch], **options: Any) -> Contest:
        """The contest of an :class:`electoral.seats.Race` (its id, rule and seats).

        >>> from electoral.seats import municipal_council
        >>> race = municipal_council(municipality="Ghat", size=7).races[0]
        >>> Contest.from_race(race, [Batch(id="F1", votes={"L1": 9}, ballots=9)]).seats
        5
        """
        require_type(race, Race, "race")
        return cls(id=race.id, rule=race.rule, seats=race.seats, batches=batches, **options)

    @property
    def names(self) -> tuple[str, ...]:
        """Every candidate: :attr:`candidates` if given, else those in the batches, sorted."""
        if self.candidates:
            return self.candidates
        found: dict[str, None] = {}
        for batch in self.batches:
            found.update(dict.fromkeys(batch.votes))
        return tuple(sorted(found))

    @property
    def ballots(self) -> int:
        """The ballots of every batch (the population a ballot-polling audit draws from)."""
        return sum(batch.ballots for batch in self.batches)

    def totals(self) -> dict[str, int]:
        """The reported votes of every candidate: the sum of the batches."""
        totals = dict.fromkeys(self.names, 0)
        for batch in self.batches:
            for name, count in batch.votes.items():
                totals[name] += count
        return totals

    def outcome(self, votes: Mapping[str, int] | None = None) -> Outcome:
        """The result of the contest's rule on ``votes`` (default: :meth:`totals`).

        The contest's drawing of lots is applied to any tie; the hand count of a full
        recount is run through the same rule.
        """
        if votes is not None:
            require_type(votes, Mapping, "votes")
        counted = self.totals() if votes is None else dict(votes)
        race = Race(
            id=self.id, district=self.id, kind="general", seats=self.seats, rule=self.rule,
            citation="",
        )  # fmt: skip
        return run_race(race, counted, self.caps, self.lots)


def seats_won(outcome: Outcome) -> dict[str, int]:
    """``{candidate: seats}`` of an outcome, ties resolved by their drawing included.

    A two-round first round without a winner gives each finalist 1 (the run-off
    places are the outcome); an unresolved tie's places are left out.

    >>> from electoral.seats import two_round
    >>> seats_won(two_round({"A": 40, "B": 35, "C": 25}))
    {'A': 1, 'B': 1}
    """
    require_type(
        outcome, (PluralityResult, BlockVoteResult, TwoRoundResult, Allocation), "outcome"
    )
    if isinstance(outcome, PluralityResult):
        return dict.fromkeys(outcome.winners, 1)
    if isinstance(outcome, BlockVoteResult):
        return dict(outcome.allocation)
    if isinstance(outcome, TwoRoundResult):
        if outcome.elected is not None:
            return {outcome.elected: 1}
        return dict.fromkeys(outcome.finalists, 1)
    return {name: seats for name, seats in outcome.final.items() if seats}


class FormRow(Protocol):
    """One row of the results system's per-form export (one form, one candidate).

    :class:`electoral.results.ResultRow` is one; so is what the audit's file reader
    yields.
    """

    @property
    def ballot(self) -> int: ...
    @property
    def center(self) -> int: ...
    @property
    def station(self) -> int: ...
    @property
    def barcode(self) -> str: ...
    @property
    def candidate_id(self) -> int: ...
    @property
    def votes(self) -> int: ...
    @property
    def invalid_ballots(self) -> int | None: ...
    @property
    def valid_votes(self) -> int | None: ...
    @property
    def total_ballot_papers_in_box(self) -> int | None: ...


_ROW_FIELDS = (
    "ballot",
    "center",
    "station",
    "barcode",
    "candidate_id",
    "votes",
    "invalid_ballots",
    "valid_votes",
    "total_ballot_papers_in_box",
)


class Forms:
    """Export rows gathered into batches, race by race (see :func:`contests_from_results`)."""

    def __init__(self, races: Mapping[int, Race]) -> None:
        require_type(races, Mapping, "races")
        for race in races.values():
            require_type(race, Race, "races")
        self.races = races
        self.forms: dict[int, dict[str, tuple[dict[str, int], list[int], str]]] = {}

    def add(self, row: FormRow) -> None:
        """Add one row; a problem is raised as a typed error."""
        if not all(hasattr(row, name) for name in _ROW_FIELDS):
            raise TypeError(f"rows must hold result rows, not {type(row).__name__}")
        ballot = check_count(row.ballot, "ballot")
        if ballot not in self.races:
            raise InconsistentValue("audit.race_unknown", field="ballot", value=ballot)
        barcode = check_name(row.barcode, "barcode")
        name = f"{ballot}:{check_count(row.candidate_id, 'candidate_id')}"
        votes = check_count(row.votes, "votes")
        bound = votes
        if row.total_ballot_papers_in_box is not None:
            bound = max(bound, check_count(row.total_ballot_papers_in_box, "ballots"))
        if row.valid_votes is not None and row.invalid_ballots is not None:
            counted = check_count(row.valid_votes, "valid_votes")
            bound = max(bound, counted + check_count(row.invalid_ballots, "invalid_ballots"))
        form = self.forms.setdefault(ballot, {}).get(barcode)
        if form is None:
            label = f"centre {row.center}, station {row.station}"
            form = self.forms[ballot][barcode] = ({}, [0], label)
        if name in form[0]:
            raise InconsistentValue("audit.batch_duplicate", field="candidate_id", value=name)
        form[0][name] = votes
        form[1][0] = max(form[1][0], bound)

    def contests(self, lots: Mapping[str, Any] | None = None) -> tuple[Contest, ...]:
        """One contest per race with forms, in ballot order."""
        found = []
        for ballot, race in sorted(self.races.items()):
            forms = self.forms.get(ballot)
            if not forms:
                continue
            batches = [
                Batch(
                    id=barcode,
                    votes=votes,
                    ballots=max(bound[0], sum(votes.values())),
                    label=label,
                )
                for barcode, (votes, bound, label) in forms.items()
            ]
            found.append(Contest.from_race(race, batches, lots=(lots or {}).get(race.id)))
        return tuple(found)


def contests_from_results(
    rows: Iterable[FormRow], races: Mapping[int, Race], *, lots: Mapping[str, Any] | None = None
) -> tuple[Contest, ...]:
    """The contests of published per-form results: one batch per form.

    Args:
        rows: the export's rows (:func:`electoral.results.results_rows`), one per form
            and candidate.
        races: each ballot number's race (its id, rule and seats).
        lots: the drawing of each race whose reported result holds a tie.

    Candidates are named ``"<ballot>:<candidate_id>"`` as in
    :func:`electoral.seats.votes_from_totals`; a batch's ballots are the largest of
    its votes, its valid plus invalid votes and its ballot papers in the box.

    Raises:
        ValidationErrors: every problem, located by row (``row 12``).
    """
    forms = Forms(races)
    collector = ErrorCollector("results")
    if isinstance(rows, (str, bytes, Mapping)) or not isinstance(rows, Iterable):
        raise TypeError(f"rows must be an iterable of result rows, not {type(rows).__name__}")
    for index, row in enumerate(rows):
        with collector.at(f"row {index}"):
            forms.add(row)
    collector.raise_if_any()
    return forms.contests(lots)
