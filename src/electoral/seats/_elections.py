"""Elections as data: races, seats, rules, and :func:`allocate`.

An :class:`ElectionRules` value holds what the law says an election elects: its
races (one per district and kind of seat: general, women, component, list...), each
race's seats and rule, the tie rule, the citations, the district map it was built on
and a :class:`Parameter` for every point the law leaves unsettled. The builders of
Libya's elections are in the private module ``_libya``. :func:`allocate` turns the
rules plus per-race results into every winner, with every tie reported.

>>> rules = ElectionRules(id="demo", name="Demo", seats=2, tie_rule="lots", citations=(),
...     races=(Race(id="d/general", district="d", kind="general", seats=2,
...                 rule=PluralityRule(), citation="none"),))
>>> [(w.candidate, w.seats) for w in allocate(rules, {"d/general": {"a": 5, "b": 3}}).winners]
[('a', 1), ('b', 1)]
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from fractions import Fraction
from typing import Any, Literal

import attrs

from electoral._guard import MAX_COUNT, beyond_ceiling, guarded, typed_fields
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    MissingValue,
    OutOfRange,
)

from ._allocation import Allocation
from ._common import Tie
from ._divisor import highest_averages
from ._plurality import (
    BlockVoteResult,
    Majority,
    PluralityResult,
    TwoRoundResult,
    block_vote,
    plurality,
    two_round,
)
from ._quota import OverAwardPolicy, largest_remainder
from ._ties import TieBreaker

__all__ = [
    "BlockVoteRule",
    "ElectionOutcome",
    "ElectionRules",
    "HighestAveragesRule",
    "LargestRemainderRule",
    "Parameter",
    "PluralityRule",
    "Race",
    "RaceKind",
    "RaceResult",
    "Rule",
    "TwoRoundRule",
    "Winner",
    "allocate",
]


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class PluralityRule:
    """FPTP in a one-seat race, SNTV in a larger one."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class BlockVoteRule:
    """The list with the most votes takes every seat of the race."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class TwoRoundRule:
    """A one-seat race decided by majority or a run-off."""

    majority: Majority = "more_than_half"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class LargestRemainderRule:
    """Largest remainder with a named quota, an optional threshold and a policy."""

    quota: str = "hare"
    threshold: Fraction | None = None
    overaward: OverAwardPolicy = "subtract"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class HighestAveragesRule:
    """A divisor method with an optional threshold."""

    divisor: str = "dhondt"
    threshold: Fraction | None = None


Rule = PluralityRule | BlockVoteRule | TwoRoundRule | LargestRemainderRule | HighestAveragesRule
RaceKind = Literal[
    "general", "women", "component", "list", "president", "municipal_list", "individual"
]
RaceResult = PluralityResult | BlockVoteResult | TwoRoundResult | Allocation


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Race:
    """One contest: a district's seats of one kind, under one rule.

    Attributes:
        id: unique within the election, ``"<district>/<kind>"``.
        district: the district (constituency, sub-constituency, region, council).
        kind: general, women, component, list, president, municipal_list, individual.
        seats: the seats at stake.
        rule: how the winners are found.
        citation: the legal source of the race.
    """

    id: str
    district: str
    kind: RaceKind
    seats: int
    rule: Rule
    citation: str


def _printable(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Any value, but no number beyond the ceiling inside it (it could not be printed)."""
    if beyond_ceiling(value):
        raise OutOfRange("range.ceiling", field=attribute.name, value=value, maximum=MAX_COUNT)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Parameter:
    """A point where the law is unsettled: the value used, its default and why.

    Attributes:
        name: the argument of the builder that sets it.
        value: the value these rules use.
        default: the value used when the caller gives none (``None`` where the
            caller must choose).
        note: why it is unsettled, with the sources.
    """

    name: str
    value: object = attrs.field(validator=_printable)
    default: object = attrs.field(validator=_printable)
    note: str


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ElectionRules:
    """What the law says an election elects: races, seats, methods, ties, citations.

    Not to be confused with :class:`electoral.model.Election`, the registration
    system's election (names and polling period): these are the rules of an
    electoral system, the same for every polling day held under them.

    Attributes:
        id: the registry name (``"hor_2014"``).
        name: its English name.
        seats: the total seats the law gives (``None`` when not fixed).
        races: the races.
        tie_rule: how ties are broken, with the citation.
        citations: the legal sources.
        parameters: the unsettled points and the values chosen.
        district_map: the district map the races were built from, with its version
            (``None`` when the tables were given directly).
    """

    id: str
    name: str
    seats: int | None
    races: tuple[Race, ...]
    tie_rule: str
    citations: tuple[str, ...]
    parameters: tuple[Parameter, ...] = ()
    district_map: str | None = None

    @guarded
    def parameter(self, name: str) -> Parameter | None:
        """The unsettled point called ``name``, if these rules record it."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        return None

    @guarded
    def race(self, race_id: str) -> Race:
        """The race named ``race_id``.

        Raises:
            InconsistentValue: ``seats.unknown_race``.

        >>> from electoral.seats import president_2023
        >>> president_2023().race("libya/president").seats
        1
        """
        for race in self.races:
            if race.id == race_id:
                return race
        raise InconsistentValue("seats.unknown_race", field="race", value=race_id)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Winner:
    """A candidate or list elected in a race, with the seats it won."""

    race: str
    district: str
    kind: RaceKind
    candidate: str
    seats: int
    by_lot: bool = False


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class ElectionOutcome:
    """Every race's result, every winner, and every unresolved tie.

    Attributes:
        election: the election's id.
        results: the result of each race, by race id.
        winners: everyone elected, race by race (winners of resolved ties included,
            marked ``by_lot``).
        ties: ``(race id, tie)`` for each tie not resolved by the lots given.
        runoffs: ``(race id, finalists)`` for each race that goes to a second round.
        unfilled: the seats left empty, by race id (only races with some).
    """

    election: str
    results: Mapping[str, RaceResult]
    winners: tuple[Winner, ...]
    ties: tuple[tuple[str, Tie], ...]
    runoffs: tuple[tuple[str, tuple[str, ...]], ...]
    unfilled: Mapping[str, int]


def _run(
    race: Race, votes: Mapping[str, int], caps: object, lots: TieBreaker | None
) -> RaceResult:
    rule = race.rule
    if isinstance(rule, PluralityRule):
        return plurality(votes, race.seats, lots=lots)
    if isinstance(rule, BlockVoteRule):
        return block_vote(votes, race.seats, lots=lots)
    if isinstance(rule, TwoRoundRule):
        return two_round(votes, majority=rule.majority, lots=lots)
    if isinstance(rule, LargestRemainderRule):
        return largest_remainder(
            votes,
            race.seats,
            quota=rule.quota,
            threshold=rule.threshold,
            caps=caps,  # type: ignore[arg-type]
            overaward=rule.overaward,
            lots=lots,
        )
    return highest_averages(
        votes,
        race.seats,
        divisor=rule.divisor,
        threshold=rule.threshold,
        caps=caps,  # type: ignore[arg-type]
        lots=lots,
    )


def _winners(race: Race, result: RaceResult) -> list[Winner]:
    def make(name: str, seats: int = 1, by_lot: bool = False) -> Winner:
        return Winner(
            race=race.id,
            district=race.district,
            kind=race.kind,
            candidate=name,
            seats=seats,
            by_lot=by_lot,
        )

    lot_winners = result.resolution.winners if result.resolution else ()
    if isinstance(result, PluralityResult):
        return [make(name) for name in result.elected] + [
            make(name, by_lot=True) for name in lot_winners
        ]
    if isinstance(result, BlockVoteResult):
        return [
            make(name, seats, by_lot=result.winner is None)
            for name, seats in result.allocation.items()
        ]
    if isinstance(result, TwoRoundResult):
        return [make(result.elected)] if result.elected else []
    final = result.final
    return [make(name, final[name], by_lot=name in lot_winners) for name in final if final[name]]


@guarded
def allocate(
    election: ElectionRules,
    results: Mapping[str, Mapping[str, int]],
    *,
    lots: Mapping[str, TieBreaker] | None = None,
    caps: Mapping[str, Mapping[str, int]] | None = None,
    candidates: Mapping[str, Collection[str]] | None = None,
) -> ElectionOutcome:
    """Find every winner of ``election`` from per-race results.

    Args:
        election: the election definition.
        results: ``{race id: {candidate or list: votes}}``, one entry per race (an
            empty mapping for a race nobody contested).
        lots: ``{race id: drawing}`` for the races whose ties were drawn.
        caps: ``{race id: {list: candidates on the list}}`` for list races.
        candidates: ``{race id: registered candidates}``; when given, a result for
            anyone else is refused.

    Returns:
        An :class:`ElectionOutcome`.

    Raises:
        ValidationErrors: ``seats.unknown_race``, ``seats.missing_race``,
            ``seats.unknown_candidate`` and any problem in a race's votes, all at once.

    >>> from electoral.seats import DrawingOfLots, hor_2014
    >>> election = hor_2014(general={"Murzuk": 1}, women={"Fezzan": 1}, partial=True)
    >>> outcome = allocate(election, {"Murzuk/general": {"a": 10, "b": 7},
    ...                               "Fezzan/women": {"w1": 5, "w2": 5}},
    ...                    lots={"Fezzan/women": DrawingOfLots(order=("w2", "w1"))})
    >>> [(w.candidate, w.by_lot) for w in outcome.winners], outcome.ties
    ([('a', False), ('w2', True)], ())
    >>> allocate(election, {"Murzuk/general": {}})
    Traceback (most recent call last):
    ...
    electoral.errors.ValidationErrors: 1 problem in hor_2014 (1 sub-exception)
    """
    if not isinstance(election, ElectionRules):
        raise TypeError(f"election must be an ElectionRules, not {type(election).__name__}")
    for name, value in (("results", results), ("lots", lots), ("caps", caps)):
        if value is not None and not isinstance(value, Mapping):
            raise TypeError(f"{name} must be a mapping by race id, not {type(value).__name__}")
    collector = ErrorCollector(election.id)
    known = {race.id for race in election.races}
    for race_id in results:
        if race_id not in known:
            collector.add(InconsistentValue("seats.unknown_race", field="results", value=race_id))
    for race_id in list(lots or {}) + list(caps or {}):
        if race_id not in known:
            collector.add(InconsistentValue("seats.unknown_race", field="lots", value=race_id))
    outcomes: dict[str, RaceResult] = {}
    for race in election.races:
        if race.id not in results:
            collector.add(MissingValue("seats.missing_race", field="results", value=race.id))
            continue
        votes = results[race.id]
        with collector.at(f"$.results[{race.id!r}]"):
            if candidates is not None and race.id in candidates:
                roster = set(candidates[race.id])
                for name in votes:
                    if name not in roster:
                        raise InconsistentValue(
                            "seats.unknown_candidate", field="results", value=name
                        )
            outcomes[race.id] = _run(
                race, votes, (caps or {}).get(race.id), (lots or {}).get(race.id)
            )
    collector.raise_if_any()
    winners: list[Winner] = []
    ties: list[tuple[str, Tie]] = []
    runoffs: list[tuple[str, tuple[str, ...]]] = []
    unfilled: dict[str, int] = {}
    for race in election.races:
        result = outcomes[race.id]
        winners.extend(_winners(race, result))
        if result.tie is not None and result.resolution is None:
            ties.append((race.id, result.tie))
        if isinstance(result, TwoRoundResult) and result.elected is None:
            runoffs.append((race.id, result.finalists))
        elif result.unfilled:
            unfilled[race.id] = result.unfilled
    return ElectionOutcome(
        election=election.id,
        results=outcomes,
        winners=tuple(winners),
        ties=tuple(ties),
        runoffs=tuple(runoffs),
        unfilled=unfilled,
    )
