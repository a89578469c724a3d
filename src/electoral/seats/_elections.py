"""Libya's elections as data: races, seats, rules and their legal citations.

Each factory returns an :class:`ElectionRules`: its races (one per district and kind of
seat: general, women, component, list...), each race's seats and rule, the tie rule,
and the named parameters where the law is unsettled, with their documented
defaults. District tables are not published in full for any Libyan election
(none was found), so they are arguments; the
factory checks them against the totals in the law unless ``partial=True``.
:func:`allocate` turns an election plus per-race results into every winner, with
every tie reported.

Sources (as reported by the pages listed under "Seats and Libya's elections" in
``docs/sources.md``; no article number was checked against the Official Gazette):

* GNC 2012: Law 4/2012 Art. 5-7 (120 individual, 80 list seats), Art. 6 (draw),
  Art. 15 (zipper).
* CDA 2014: Law 17/2013 (60 seats, 20 per region; 6 women, 6 components).
* HoR 2014: Law 10/2014 (200 seats), Art. 18 (32 women), Law 12/2014 Art. 3 (lots).
* President 2021: Law 1/2021 ("50 % + 1", else a second round).
* HoR 2021: Law 2/2021 Art. 2 (200 seats), Art. 18 (16 % women).
* 2023 "6+6" laws: HoR 297 = 152 list + 145 individual; Senate 90; President with a
  run-off always held.
* Municipal councils: Law 59/2012 Art. 11; HNEC Decree 43/2023 Art. 7, 8, 24.

>>> election = municipal_council(municipality="Ghat", size=7)
>>> [(race.id, race.seats) for race in election.races]
[('Ghat/list', 5), ('Ghat/individual', 2)]
>>> outcome = allocate(election, {"Ghat/list": {"L1": 900, "L2": 700},
...                               "Ghat/individual": {"a": 50, "b": 40, "c": 40}})
>>> [(w.candidate, w.seats) for w in outcome.winners]
[('L1', 5), ('a', 1)]
>>> outcome.ties[0][0], outcome.ties[0][1].candidates
('Ghat/individual', ('b', 'c'))
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from fractions import Fraction
from typing import Literal

import attrs

from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    MissingValue,
    register_messages,
)

from ._allocation import Allocation
from ._common import Tie, check_count
from ._composition import council
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
    "ELECTIONS",
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
    "cda_2014",
    "gnc_2012",
    "hor_2014",
    "hor_2021",
    "hor_2023",
    "municipal_council",
    "president_2021",
    "president_2023",
    "senate_2023",
]

register_messages(
    {
        "seats.unknown_race": (
            "{field}: {value} is not a race of this election.",
            "{field}: {value} ليس سباقًا في هذه الانتخابات.",
        ),
        "seats.missing_race": (
            "{field}: there are no results for the race {value}.",
            "{field}: لا توجد نتائج للسباق {value}.",
        ),
        "seats.district_total": (
            "{field}: the districts add up to {value} seats; the law gives {expected}.",
            "{field}: مجموع مقاعد الدوائر {value}، والقانون ينص على {expected}.",
        ),
    }
)


@attrs.frozen(kw_only=True)
class PluralityRule:
    """FPTP in a one-seat race, SNTV in a larger one."""


@attrs.frozen(kw_only=True)
class BlockVoteRule:
    """The list with the most votes takes every seat of the race."""


@attrs.frozen(kw_only=True)
class TwoRoundRule:
    """A one-seat race decided by majority or a run-off."""

    majority: Majority = "more_than_half"


@attrs.frozen(kw_only=True)
class LargestRemainderRule:
    """Largest remainder with a named quota, an optional threshold and a policy."""

    quota: str = "hare"
    threshold: Fraction | None = None
    overaward: OverAwardPolicy = "subtract"


@attrs.frozen(kw_only=True)
class HighestAveragesRule:
    """A divisor method with an optional threshold."""

    divisor: str = "dhondt"
    threshold: Fraction | None = None


Rule = PluralityRule | BlockVoteRule | TwoRoundRule | LargestRemainderRule | HighestAveragesRule
RaceKind = Literal[
    "general", "women", "component", "list", "president", "municipal_list", "individual"
]
RaceResult = PluralityResult | BlockVoteResult | TwoRoundResult | Allocation


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class Parameter:
    """A point where the law is unsettled: the value used, its default and why."""

    name: str
    value: object
    default: object
    note: str


@attrs.frozen(kw_only=True)
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
    """

    id: str
    name: str
    seats: int | None
    races: tuple[Race, ...]
    tie_rule: str
    citations: tuple[str, ...]
    parameters: tuple[Parameter, ...] = ()

    def race(self, race_id: str) -> Race:
        """The race named ``race_id``.

        Raises:
            InconsistentValue: ``seats.unknown_race``.

        >>> president_2023().race("libya/president").seats
        1
        """
        for race in self.races:
            if race.id == race_id:
                return race
        raise InconsistentValue("seats.unknown_race", field="race", value=race_id)


@attrs.frozen(kw_only=True)
class Winner:
    """A candidate or list elected in a race, with the seats it won."""

    race: str
    district: str
    kind: RaceKind
    candidate: str
    seats: int
    by_lot: bool = False


@attrs.frozen(kw_only=True)
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

    >>> from electoral.seats import DrawingOfLots
    >>> election = hor_2014(general={"Murzuk": 1}, women={"Fezzan": 1}, partial=True)
    >>> outcome = allocate(election, {"Murzuk/general": {"a": 10, "b": 7},
    ...                               "Fezzan/women": {"w1": 5, "w2": 5}},
    ...                    lots={"Fezzan/women": DrawingOfLots(order=("w2", "w1"))})
    >>> [(w.candidate, w.by_lot) for w in outcome.winners], outcome.ties
    ([('a', False), ('w2', True)], ())
    >>> allocate(election, {"Murzuk/general": {}})
    Traceback (most recent call last):
    ...
    electoral.errors.ValidationErrors: 1 problem in hor_2014 (1 sub-exceptions)
    """
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


def _table(
    table: Mapping[str, int], field: str, expected: int | None, partial: bool
) -> dict[str, int]:
    collector = ErrorCollector(field)
    checked: dict[str, int] = {}
    for district, seats in table.items():
        with collector.at(f"$.{field}[{district!r}]"):
            checked[district] = check_count(seats, field)
    collector.raise_if_any()
    total = sum(checked.values())
    if expected is not None and not partial and total != expected:
        raise InconsistentValue(
            "seats.district_total", field=field, value=total, expected=expected
        )
    return checked


def _races(table: Mapping[str, int], kind: RaceKind, rule: Rule, citation: str) -> list[Race]:
    return [
        Race(
            id=f"{district}/{kind}",
            district=district,
            kind=kind,
            seats=seats,
            rule=rule,
            citation=citation,
        )
        for district, seats in table.items()
    ]


_LOTS_2012 = "Drawing of lots: Law 4/2012 Art. 6 (a tie 'is selected by a draw')."
_LOTS_2014 = "Drawing of lots: Law 12/2014 Art. 3, adding to Law 10/2014 Art. 21."
_LOTS_UNKNOWN = (
    "Not found in the law; drawing of lots assumed, as in Law 4/2012 Art. 6 and "
    "Law 12/2014 Art. 3 (parameter 'tie_rule')."
)


def _tie_parameter() -> Parameter:
    return Parameter(
        name="tie_rule",
        value="lots",
        default="lots",
        note="No tie rule was found in this law as reported.",
    )


def gnc_2012(
    *,
    individual: Mapping[str, int],
    lists: Mapping[str, int],
    list_quota: Literal["hare", "hare_rounded"] = "hare",
    partial: bool = False,
) -> ElectionRules:
    """The General National Congress, 7 July 2012 (Law 4/2012): 200 seats.

    Args:
        individual: seats per majoritarian sub-constituency (120 in all; FPTP or
            SNTV, Art. 6).
        lists: seats per PR sub-constituency (80 in all; closed lists, Art. 7).
        list_quota: ``"hare"`` (default, exact) or ``"hare_rounded"``; the law's text
            was not found.
        partial: allow tables that do not add up to the law's totals.

    >>> gnc_2012(individual={"Misrata": 0}, lists={"Misrata": 4}, partial=True).races[-1].seats
    4
    """
    ind = _table(individual, "individual", 120, partial)
    lst = _table(lists, "lists", 80, partial)
    return ElectionRules(
        id="gnc_2012",
        name="General National Congress 2012",
        seats=200,
        races=tuple(
            _races(ind, "general", PluralityRule(), "Law 4/2012 Art. 6")
            + _races(lst, "list", LargestRemainderRule(quota=list_quota), "Law 4/2012 Art. 7")
        ),
        tie_rule=_LOTS_2012,
        citations=("Law 4/2012 Art. 5, 6, 7, 15", "https://www.idea.int/node/201041"),
        parameters=(
            Parameter(
                name="list_quota",
                value=list_quota,
                default="hare",
                note="Hare with largest remainders is reported from a translated draft "
                "(fruitsandvotes, 2012); exact vs rounded quota unconfirmed.",
            ),
        ),
    )


_COMPONENTS = {"amazigh": 2, "tebu": 2, "tuareg": 2}


def cda_2014(
    *,
    general: Mapping[str, int],
    women: Mapping[str, int],
    components: Mapping[str, int] | None = None,
    partial: bool = False,
) -> ElectionRules:
    """The Constitutional Drafting Assembly, 20 February 2014 (Law 17/2013): 60 seats.

    Args:
        general: seats per electoral constituency (48 in all; FPTP or SNTV).
        women: the 6 women's seats by area (separate races and ballots).
        components: the component seats, default 2 each for the Amazigh, Tebu and
            Tuareg (constitutionnet; fruitsandvotes 2014).
        partial: allow tables that do not add up to the law's totals.

    >>> election = cda_2014(general={"east": 16, "west": 16, "south": 16},
    ...                     women={"east": 2, "west": 2, "south": 2})
    >>> sum(race.seats for race in election.races)
    60
    """
    comp = _table(components if components is not None else _COMPONENTS, "components", 6, partial)
    gen = _table(general, "general", 48, partial)
    wom = _table(women, "women", 6, partial)
    return ElectionRules(
        id="cda_2014",
        name="Constitutional Drafting Assembly 2014",
        seats=60,
        races=tuple(
            _races(gen, "general", PluralityRule(), "Law 17/2013")
            + _races(wom, "women", PluralityRule(), "Law 17/2013 (6 women's seats)")
            + _races(comp, "component", PluralityRule(), "Law 17/2013 (6 component seats)")
        ),
        tie_rule=_LOTS_UNKNOWN,
        citations=(
            "Law 17/2013",
            "https://constitutionnet.org/news/first-session-libyas-constituent-assembly-set-april-14",
        ),
        parameters=(_tie_parameter(),),
    )


def hor_2014(
    *, general: Mapping[str, int], women: Mapping[str, int], partial: bool = False
) -> ElectionRules:
    """The House of Representatives, 25 June 2014 (Law 10/2014 as amended): 200 seats.

    Args:
        general: seats per sub-constituency (168 in all; SNTV or FPTP).
        women: the 32 women's seats by designated area (Art. 18; a separate race
            in which the top *k* women win the *k* seats).
        partial: allow tables that do not add up to the law's totals.

    >>> hor_2014(general={"Sebha": 7}, women={}, partial=True).races[0].id
    'Sebha/general'
    """
    gen = _table(general, "general", 168, partial)
    wom = _table(women, "women", 32, partial)
    return ElectionRules(
        id="hor_2014",
        name="House of Representatives 2014",
        seats=200,
        races=tuple(
            _races(gen, "general", PluralityRule(), "Law 10/2014 Art. 2, 18")
            + _races(wom, "women", PluralityRule(), "Law 10/2014 Art. 18 (16 %, 32 seats)")
        ),
        tie_rule=_LOTS_2014,
        citations=("Law 10/2014", "Law 12/2014", "https://security-legislation.ly/node/31921"),
    )


def president_2021(*, majority: Majority = "more_than_half") -> ElectionRules:
    """The presidential election planned for 24 December 2021 (Law 1/2021).

    Args:
        majority: the reading of "50 % + 1": ``"more_than_half"`` (default) or
            ``"fifty_percent_plus_one"`` (the law's text was not found).

    >>> president_2021().races[0].rule
    TwoRoundRule(majority='more_than_half')
    """
    return ElectionRules(
        id="president_2021",
        name="Presidential election 2021",
        seats=1,
        races=(
            Race(
                id="libya/president",
                district="libya",
                kind="president",
                seats=1,
                rule=TwoRoundRule(majority=majority),
                citation="Law 1/2021",
            ),
        ),
        tie_rule=_LOTS_UNKNOWN,
        citations=("Law 1/2021",),
        parameters=(
            Parameter(
                name="majority",
                value=majority,
                default="more_than_half",
                note="'50 % + 1' (HNEC's chair) read as an absolute majority; the literal "
                "reading differs when the valid votes are odd.",
            ),
            _tie_parameter(),
        ),
    )


def hor_2021(
    *,
    general: Mapping[str, int],
    women: Mapping[str, int],
    women_seats: int = 32,
    partial: bool = False,
) -> ElectionRules:
    """The House of Representatives election planned for 2021 (Law 2/2021): 200 seats.

    Args:
        general: seats per 2014 sub-constituency (``200 - women_seats`` in all).
        women: the women's seats by area (a separate "special competition" ballot).
        women_seats: 32 (default: 16 % of 200, Art. 18) or 33 (an HNEC statement).
        partial: allow tables that do not add up to the law's totals.

    >>> hor_2021(general={"Tobruk": 2}, women={}, partial=True).parameters[0].value
    32
    """
    check_count(women_seats, "women_seats")
    gen = _table(general, "general", 200 - women_seats, partial)
    wom = _table(women, "women", women_seats, partial)
    return ElectionRules(
        id="hor_2021",
        name="House of Representatives 2021",
        seats=200,
        races=tuple(
            _races(gen, "general", PluralityRule(), "Law 2/2021 Art. 18/21")
            + _races(wom, "women", PluralityRule(), "Law 2/2021 Art. 18 (16 %)")
        ),
        tie_rule=_LOTS_UNKNOWN,
        citations=("Law 2/2021",),
        parameters=(
            Parameter(
                name="women_seats",
                value=women_seats,
                default=32,
                note="16 % of 200 is 32 (Art. 18); HNEC spoke of 33 (218tv, 2021).",
            ),
            _tie_parameter(),
        ),
    )


def president_2023() -> ElectionRules:
    """The presidential election under the 2023 "6+6" law: the run-off is always held.

    >>> president_2023().races[0].rule.majority
    'always_runoff'
    """
    return ElectionRules(
        id="president_2023",
        name="Presidential election (2023 law)",
        seats=1,
        races=(
            Race(
                id="libya/president",
                district="libya",
                kind="president",
                seats=1,
                rule=TwoRoundRule(majority="always_runoff"),
                citation="2023 presidential law (Official Gazette), Art. 12",
            ),
        ),
        tie_rule=_LOTS_UNKNOWN,
        citations=(
            "https://libyaobserver.ly/news/libyas-hor-publishes-controversial-election-laws-official-gazette",
        ),
        parameters=(_tie_parameter(),),
    )


def hor_2023(
    *,
    lists: Mapping[str, int],
    individual: Mapping[str, int],
    list_rule: LargestRemainderRule | HighestAveragesRule | None = None,
    partial: bool = False,
) -> ElectionRules:
    """The House of Representatives under the 2023 law: 152 list + 145 individual seats.

    Args:
        lists: list seats per district (152 in all).
        individual: individual seats per district (145 in all; plurality).
        list_rule: the list formula, not found in the published summaries;
            default Hare largest remainder, the
            only Libyan precedent (2012), with no threshold.
        partial: allow tables that do not add up to the law's totals.

    >>> hor_2023(lists={"Tripoli": 10}, individual={}, partial=True).parameters[0].name
    'list_rule'
    """
    rule = list_rule if list_rule is not None else LargestRemainderRule()
    lst = _table(lists, "lists", 152, partial)
    ind = _table(individual, "individual", 145, partial)
    return ElectionRules(
        id="hor_2023",
        name="House of Representatives (2023 law)",
        seats=297,
        races=tuple(
            _races(lst, "list", rule, "2023 HoR law (152 list seats)")
            + _races(ind, "general", PluralityRule(), "2023 HoR law (145 individual seats)")
        ),
        tie_rule=_LOTS_UNKNOWN,
        citations=(
            "13th Constitutional Amendment (20 % women)",
            "https://libyaobserver.ly/news/libyas-hor-publishes-controversial-election-laws-official-gazette",
        ),
        parameters=(
            Parameter(
                name="list_rule",
                value=rule,
                default=LargestRemainderRule(),
                note="PR formula and threshold not found.",
            ),
            Parameter(
                name="women_share",
                value=Fraction(1, 5),
                default=Fraction(1, 5),
                note="20 % of HoR seats (13th amendment); placement on lists not found.",
            ),
            _tie_parameter(),
        ),
    )


def senate_2023(*, districts: Mapping[str, int], partial: bool = False) -> ElectionRules:
    """The Senate under the 2023 law: 90 members, "one-winner, one-vote".

    >>> senate_2023(districts={"Sebha": 3}, partial=True).races[0].rule
    PluralityRule()
    """
    table = _table(districts, "districts", 90, partial)
    return ElectionRules(
        id="senate_2023",
        name="Senate (2023 law)",
        seats=90,
        races=tuple(_races(table, "general", PluralityRule(), "2023 Senate law")),
        tie_rule=_LOTS_UNKNOWN,
        citations=(
            "https://libyaobserver.ly/news/libyas-hor-publishes-controversial-election-laws-official-gazette",
        ),
        parameters=(
            Parameter(
                name="women_seats",
                value=None,
                default=None,
                note="Women's Senate seats are to be designated by a committee.",
            ),
            _tie_parameter(),
        ),
    )


def municipal_council(*, municipality: str, size: int) -> ElectionRules:
    """A municipal council under HNEC Decree 43/2023: 7, 9 or 11 seats.

    The list seats (5, 6, 7) go to the list with the most votes (Art. 7); the
    individual seats (2, 3, 4) to the individual candidates with the most votes.
    How many votes a voter has for the individual seats is not in the excerpt found;
    one vote (SNTV) is assumed.

    >>> [race.seats for race in municipal_council(municipality="Zuwara", size=11).races]
    [7, 4]
    """
    rules = council(size)
    return ElectionRules(
        id="municipal_2023",
        name=f"Municipal council of {municipality}",
        seats=rules.size,
        races=(
            Race(
                id=f"{municipality}/list",
                district=municipality,
                kind="municipal_list",
                seats=rules.list_seats,
                rule=BlockVoteRule(),
                citation="HNEC Decree 43/2023 Art. 7, 8",
            ),
            Race(
                id=f"{municipality}/individual",
                district=municipality,
                kind="individual",
                seats=rules.individual_seats,
                rule=PluralityRule(),
                citation="HNEC Decree 43/2023",
            ),
        ),
        tie_rule=_LOTS_UNKNOWN,
        citations=(
            "Law 59/2012 Art. 11",
            "HNEC Decree 43/2023",
            "https://testadmin.genderquota.org/node/3849",
        ),
        parameters=(
            Parameter(
                name="individual_votes",
                value="one",
                default="one",
                note="Votes per voter for individual seats not found.",
            ),
            _tie_parameter(),
        ),
    )


ELECTIONS = {
    "gnc_2012": gnc_2012,
    "cda_2014": cda_2014,
    "hor_2014": hor_2014,
    "president_2021": president_2021,
    "hor_2021": hor_2021,
    "president_2023": president_2023,
    "hor_2023": hor_2023,
    "senate_2023": senate_2023,
    "municipal_2023": municipal_council,
}
"""The election factories by name."""
