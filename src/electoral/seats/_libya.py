"""Libya's elections as data: one builder per election, with its legal citations.

Each builder returns an :class:`~electoral.seats.ElectionRules`. Its district tables
come either from a district map (``district_map=``, a name in
:data:`electoral.districts.MAPS` or a :class:`~electoral.districts.DistrictMap`) or
as arguments; either way the totals are checked against the law
(``seats.district_total``, and for the 2014 Constitutional Drafting Assembly the 20
seats of each region, ``seats.region_total``) unless ``partial=True``. No map was
found in full for any election, so a published map serves only with
``partial=True`` (``districts.incomplete``).

Sources (law and article as reported by the page cited in each builder):

* GNC 2012: Law 4/2012 Art. 5-7 (120 individual, 80 list seats), Art. 6 (draw),
  Art. 15 (zipper).
* CDA 2014: Law 17/2013 (60 seats, 20 per region; 6 women, 2 seats for each of the
  Amazigh, Tebu and Tuareg).
* HoR 2014: Law 10/2014 (200 seats), Art. 18 (32 women), Law 12/2014 Art. 3 (lots).
* President 2021: Law 1/2021 ("50 % + 1", else a second round).
* HoR 2021: Law 2/2021 Art. 2 (200 seats), Art. 18 (16 % women).
* 2023 "6+6" laws: HoR 297 = 152 list + 145 individual; Senate 90, one seat per
  district; President with a run-off always held.
* Municipal councils: Law 59/2012 Art. 11; HNEC Decree 43/2023 Art. 7, 8, 24.

>>> from electoral.seats import allocate
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

from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Final, Literal

from electoral._guard import guarded
from electoral.districts import DistrictMap, resolve_map
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidType,
    MissingValue,
)
from electoral.model import Region

from ._common import UnknownName, check_count, check_threshold
from ._composition import council
from ._divisor import DIVISORS
from ._elections import (
    BlockVoteRule,
    ElectionRules,
    HighestAveragesRule,
    LargestRemainderRule,
    Parameter,
    PluralityRule,
    Race,
    RaceKind,
    Rule,
    TwoRoundRule,
)
from ._plurality import Majority
from ._quota import QUOTAS

__all__ = [
    "CDA_COMPONENT_DISTRICTS",
    "ELECTIONS",
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

_IDEA_2012: Final = "https://www.idea.int/node/201041"
_LAW_10_2014: Final = "https://security-legislation.ly/node/31987"
_LAW_12_2014: Final = "https://security-legislation.ly/node/31921"
_IPU_2014: Final = "http://archive.ipu.org/parline-e/reports/2185_B.htm"
_CONSTITUTIONNET: Final = (
    "https://constitutionnet.org/news/first-session-libyas-constituent-assembly-set-april-14"
)
_FRUITSANDVOTES_2014: Final = (
    "https://fruitsandvotes.wordpress.com/2014/02/24/libya-constituent-assembly-elections/"
)
_HERALD_CDA_MURZUK: Final = (
    "https://libyaherald.com/2014/04/constitutional-elections-re-run-in-murzuk"
)
_HERALD_CDA_OBARI: Final = (
    "http://libyaherald.com/2014/05/03/constitutional-assembly-elections-re-run-in-obari"
)
_SAWT_2021: Final = (
    "https://english.sawtbeirut.com/world/"
    "libya-to-open-door-for-presidential-parliamentary-elections-candidacy-on-sunday/"
)
_HERALD_2021: Final = (
    "https://libyaherald.com/2021/10/06/"
    "new-parliamentary-election-law-based-on-individual-not-parties-or-list-system"
)
_TV218_2021: Final = (
    "https://en.218tv.net/2021/11/30/"
    "hnec-83-of-voters-received-their-cards-while-2974-candidates-registered-for-hor-election/"
)
_OBSERVER_2023: Final = "https://libyaobserver.ly/news/libyas-hor-publishes-controversial-election-laws-official-gazette"
_UNSMIL_2023: Final = (
    "https://www.lokmattimes.com/politics/"
    "meeting-held-to-advocate-greater-women-representation-in-libyan-parliament/"
)

_LOTS_2012: Final = "Drawing of lots: Law 4/2012 Art. 6 (a tie 'is selected by a draw')."
_LOTS_2014: Final = "Drawing of lots: Law 12/2014 Art. 3, adding to Law 10/2014 Art. 21."
_LOTS_UNKNOWN: Final = (
    "Not found in the law; drawing of lots assumed, as in Law 4/2012 Art. 6 and "
    "Law 12/2014 Art. 3 (parameter 'tie_rule')."
)


def _tie_parameter() -> Parameter:
    return Parameter(
        name="tie_rule",
        value="lots",
        default="lots",
        note="No tie rule was found in this law; Law 4/2012 Art. 6 (" + _IDEA_2012 + ") and "
        "Law 12/2014 Art. 3 (" + _LAW_12_2014 + ") break ties by drawing lots.",
    )


def _table(table: object, field: str, expected: int | None, partial: bool) -> dict[str, int]:
    if not isinstance(table, Mapping):
        raise TypeError(
            f"{field} must be a mapping of districts to seats, not {type(table).__name__}"
        )
    collector = ErrorCollector(field)
    checked: dict[str, int] = {}
    for district, seats in table.items():
        with collector.at(f"$.{field}[{district!r}]"):
            if type(district) is not str or not district:
                raise InvalidType(field=field, value=district)
            checked[district] = check_count(seats, field)
    collector.raise_if_any()
    total = sum(checked.values())
    if expected is not None and not partial and total != expected:
        raise InconsistentValue(
            "seats.district_total", field=field, value=total, expected=expected
        )
    return checked


def _tables(
    district_map: str | DistrictMap | None,
    partial: bool,
    given: Mapping[str, object],
    kinds: Mapping[str, str],
) -> tuple[dict[str, object], DistrictMap | None]:
    """The district tables, from the arguments or from the map (never both)."""
    if district_map is None:
        missing = [name for name, table in given.items() if table is None]
        if missing:
            collector = ErrorCollector("district tables")
            for name in missing:
                collector.add(MissingValue("seats.table_missing", field=name, value=None))
            collector.raise_if_any()
        return dict(given), None
    for name, table in given.items():
        if table is not None:
            raise InconsistentValue("seats.map_and_tables", field=name, value=None)
    found = resolve_map(district_map)
    if not found.complete and not partial:
        raise InconsistentValue(
            "districts.incomplete",
            field="district_map",
            value=found.name,
            note=f"{len(found.districts)} listed",
        )
    return {name: found.table(kinds[name]) for name in given}, found


_GENERAL_WOMEN: Final = {"general": "general", "women": "women"}
"""The seat kinds of a map that give the ``general`` and ``women`` tables."""


def _map_label(found: DistrictMap | None) -> str | None:
    return None if found is None else f"{found.name} ({found.version})"


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


@guarded
def gnc_2012(
    *,
    individual: Mapping[str, int] | None = None,
    lists: Mapping[str, int] | None = None,
    district_map: str | DistrictMap | None = None,
    list_quota: Literal["hare", "hare_rounded"] = "hare",
    partial: bool = False,
) -> ElectionRules:
    """The General National Congress, 7 July 2012 (Law 4/2012): 200 seats.

    Args:
        individual: seats per majoritarian sub-constituency (120 in all; FPTP or
            SNTV, Art. 6).
        lists: seats per PR district (80 in all; closed lists, Art. 7).
        district_map: instead of the tables, a map (``"gnc_2012"``): its
            ``"general"`` and ``"list"`` seats.
        list_quota: ``"hare"`` (default, exact) or ``"hare_rounded"``; the law's
            formula is reported from a translated draft, and whether the quota is
            rounded is not known.
        partial: allow tables that do not add up to the law's totals.

    >>> gnc_2012(individual={"Misrata": 0}, lists={"Misrata": 4}, partial=True).races[-1].seats
    4
    >>> gnc_2012(district_map="gnc_2012", partial=True).races[0].id
    'Misrata/list'
    """
    tables, found = _tables(
        district_map,
        partial,
        {"individual": individual, "lists": lists},
        {"individual": "general", "lists": "list"},
    )
    ind = _table(tables["individual"], "individual", 120, partial)
    lst = _table(tables["lists"], "lists", 80, partial)
    return ElectionRules(
        id="gnc_2012",
        name="General National Congress 2012",
        seats=200,
        races=tuple(
            _races(ind, "general", PluralityRule(), "Law 4/2012 Art. 6")
            + _races(lst, "list", LargestRemainderRule(quota=list_quota), "Law 4/2012 Art. 7")
        ),
        tie_rule=_LOTS_2012,
        citations=("Law 4/2012 Art. 5, 6, 7, 15", _IDEA_2012),
        parameters=(
            Parameter(
                name="list_quota",
                value=list_quota,
                default="hare",
                note="Hare with largest remainders is reported from a translated draft "
                "(M. S. Shugart, https://fruitsandvotes.wordpress.com/2012/07/08/"
                "libyas-electoral-system/); exact or rounded quota unconfirmed.",
            ),
        ),
        district_map=_map_label(found),
    )


CDA_COMPONENT_DISTRICTS: Final[Mapping[str, Mapping[str, int]]] = MappingProxyType(
    {
        "amazigh": MappingProxyType({"Zuwara": 1, "Jebel Nafusa": 1}),
        "tebu": MappingProxyType({"Murzuk": 1, "Kufra": 1}),
        "tuareg": MappingProxyType({"Obari": 1, "Ghat": 1}),
    }
)
"""Where the 2014 component seats were contested: the default of ``component_districts``.

The Amazigh seats in Zuwara and the Jebel Nafusa and the Tebu seats in Murzuk and
Kufra (Libya Herald, 26 April 2014); a Tuareg seat in Obari (Libya Herald, 3 May
2014). The second Tuareg seat's district was not found: Ghat is assumed.
"""

_COMPONENT_REGIONS: Final[Mapping[str, Region]] = MappingProxyType(
    {
        "Zuwara": Region.WEST,
        "Jebel Nafusa": Region.WEST,
        "Murzuk": Region.SOUTH,
        "Kufra": Region.EAST,
        "Obari": Region.SOUTH,
        "Ghat": Region.SOUTH,
    }
)
_CDA_REGIONS: Final = (Region.WEST, Region.EAST, Region.SOUTH)


def _components(value: object, partial: bool) -> dict[str, dict[str, int]]:
    if not isinstance(value, Mapping):
        raise TypeError(
            "component_districts must be a mapping of components to district tables, "
            f"not {type(value).__name__}"
        )
    collector = ErrorCollector("component_districts")
    checked: dict[str, dict[str, int]] = {}
    for component, table in value.items():
        with collector.at(f"$.component_districts[{component!r}]"):
            if component not in CDA_COMPONENT_DISTRICTS:
                raise InconsistentValue(
                    "seats.component",
                    field="component_districts",
                    value=component,
                    choices=", ".join(CDA_COMPONENT_DISTRICTS),
                )
            checked[component] = _table(table, "component_districts", 2, partial)
    collector.raise_if_any()
    return checked


def _region_totals(
    seats: Mapping[str, int], region_of: Mapping[str, Region | None], partial: bool
) -> None:
    collector = ErrorCollector("regions")
    totals = dict.fromkeys(_CDA_REGIONS, 0)
    for district, count in seats.items():
        region = region_of.get(district)
        if region not in totals:
            if not partial:
                collector.add(
                    MissingValue("districts.no_region", field="regions", value=district),
                    f"$.regions[{district!r}]",
                )
            continue
        assert region is not None
        totals[region] += count
    if not partial:
        for region, total in totals.items():
            if total != 20:
                collector.add(
                    InconsistentValue(
                        "seats.region_total",
                        field="regions",
                        value=total,
                        region=region.value,
                        expected=20,
                    ),
                    f"$.regions[{region.value!r}]",
                )
    collector.raise_if_any()


@guarded
def cda_2014(
    *,
    general: Mapping[str, int] | None = None,
    women: Mapping[str, int] | None = None,
    regions: Mapping[str, Region] | None = None,
    district_map: str | DistrictMap | None = None,
    component_districts: Mapping[str, Mapping[str, int]] = CDA_COMPONENT_DISTRICTS,
    partial: bool = False,
) -> ElectionRules:
    """The Constitutional Drafting Assembly, 20 February 2014 (Law 17/2013): 60 seats.

    Twenty seats per region (Tripolitania, Cyrenaica, Fezzan): 48 general seats, 6
    women's seats and 2 seats for each of the Amazigh, Tebu and Tuareg, each a
    separate race with its own ballot. Every seat must lie in a region, and each
    region must have 20 (``seats.region_total``).

    Args:
        general: seats per electoral constituency (48 in all; FPTP or SNTV).
        women: the 6 women's seats by area.
        regions: the region (:class:`~electoral.model.Region` WEST, EAST or SOUTH)
            of every district of ``general`` and ``women``; the component districts
            of the default have theirs.
        district_map: instead of ``general``, ``women`` and ``regions``, a map
            (``"cda_2014"``) whose districts lie in its regions.
        component_districts: ``{component: {district: seats}}``, 2 seats per
            component; default :data:`CDA_COMPONENT_DISTRICTS`, from the re-runs'
            reports.
        partial: allow tables that do not add up to the law's totals.

    >>> from electoral.model import Region
    >>> election = cda_2014(general={"east": 17, "west": 16, "south": 15},
    ...                     women={"east 2": 2, "west 2": 2, "south 2": 2},
    ...                     regions={"east": Region.EAST, "west": Region.WEST,
    ...                              "south": Region.SOUTH, "east 2": Region.EAST,
    ...                              "west 2": Region.WEST, "south 2": Region.SOUTH})
    >>> sum(race.seats for race in election.races), election.races[-1].id
    (60, 'Ghat/tuareg')
    """
    if district_map is not None and regions is not None:
        raise InconsistentValue("seats.map_and_tables", field="regions", value=None)
    tables, found = _tables(
        district_map,
        partial,
        {"general": general, "women": women},
        _GENERAL_WOMEN,
    )
    gen = _table(tables["general"], "general", 48, partial)
    wom = _table(tables["women"], "women", 6, partial)
    comp = _components(component_districts, partial)
    if regions is not None and not isinstance(regions, Mapping):
        raise TypeError(
            f"regions must be a mapping of districts to regions, not {type(regions).__name__}"
        )
    region_of: dict[str, Region | None] = dict(_COMPONENT_REGIONS)
    if found is not None:
        region_of.update({d.name: found.region_of(d.name) for d in found.districts})
    region_of.update(regions or {})
    seats: dict[str, int] = {}
    for table in (gen, wom, *comp.values()):
        for district, count in table.items():
            seats[district] = seats.get(district, 0) + count
    _region_totals(seats, region_of, partial)
    component_races = [
        Race(
            id=f"{district}/{component}",
            district=district,
            kind="component",
            seats=count,
            rule=PluralityRule(),
            citation=f"Law 17/2013 (2 seats for the {component.capitalize()})",
        )
        for component, table in comp.items()
        for district, count in table.items()
    ]
    return ElectionRules(
        id="cda_2014",
        name="Constitutional Drafting Assembly 2014",
        seats=60,
        races=tuple(
            _races(gen, "general", PluralityRule(), "Law 17/2013 (20 seats per region)")
            + _races(wom, "women", PluralityRule(), "Law 17/2013 (6 women's seats)")
            + component_races
        ),
        tie_rule=_LOTS_UNKNOWN,
        citations=("Law 17/2013", _CONSTITUTIONNET, _FRUITSANDVOTES_2014),
        parameters=(
            Parameter(
                name="component_districts",
                value={k: dict(t) for k, t in comp.items()},
                default={k: dict(t) for k, t in CDA_COMPONENT_DISTRICTS.items()},
                note="Districts of the component seats as the re-runs were reported "
                f"({_HERALD_CDA_MURZUK}; {_HERALD_CDA_OBARI}); the second Tuareg seat's "
                "district (Ghat) is assumed.",
            ),
            _tie_parameter(),
        ),
        district_map=_map_label(found),
    )


@guarded
def hor_2014(
    *,
    general: Mapping[str, int] | None = None,
    women: Mapping[str, int] | None = None,
    district_map: str | DistrictMap | None = None,
    partial: bool = False,
) -> ElectionRules:
    """The House of Representatives, 25 June 2014 (Law 10/2014 as amended): 200 seats.

    Args:
        general: seats per sub-constituency (168 in all; SNTV or FPTP).
        women: the 32 women's seats by designated area (Art. 18; a separate race
            in which the top *k* women win the *k* seats).
        district_map: instead of the tables, a map (``"hor_2014"``): its
            ``"general"`` and ``"women"`` seats.
        partial: allow tables that do not add up to the law's totals.

    >>> hor_2014(general={"Sebha": 7}, women={}, partial=True).races[0].id
    'Sebha/general'
    >>> hor_2014(district_map="hor_2014", partial=True).district_map
    'hor_2014 (Law 10/2014 as amended by Law 12/2014 (29 April 2014))'
    """
    tables, found = _tables(
        district_map,
        partial,
        {"general": general, "women": women},
        _GENERAL_WOMEN,
    )
    gen = _table(tables["general"], "general", 168, partial)
    wom = _table(tables["women"], "women", 32, partial)
    return ElectionRules(
        id="hor_2014",
        name="House of Representatives 2014",
        seats=200,
        races=tuple(
            _races(gen, "general", PluralityRule(), "Law 10/2014 Art. 2, 18")
            + _races(wom, "women", PluralityRule(), "Law 10/2014 Art. 18 (16 %, 32 seats)")
        ),
        tie_rule=_LOTS_2014,
        citations=("Law 10/2014", "Law 12/2014", _LAW_10_2014, _LAW_12_2014, _IPU_2014),
        district_map=_map_label(found),
    )


@guarded
def president_2021(*, majority: Majority = "more_than_half") -> ElectionRules:
    """The presidential election planned for 24 December 2021 (Law 1/2021).

    Args:
        majority: the reading of "50 % + 1": ``"more_than_half"`` (default) or
            ``"fifty_percent_plus_one"``; they differ when the valid votes are odd.

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
        citations=(
            "Law 1/2021",
            "'50 % + 1' in the first round, else a second round: HNEC's chair, reported "
            "at " + _SAWT_2021,
        ),
        parameters=(
            Parameter(
                name="majority",
                value=majority,
                default="more_than_half",
                note="'50 % + 1' (HNEC's chair, " + _SAWT_2021 + ") read as an absolute "
                "majority; the literal reading differs when the valid votes are odd.",
            ),
            _tie_parameter(),
        ),
    )


@guarded
def hor_2021(
    *,
    general: Mapping[str, int] | None = None,
    women: Mapping[str, int] | None = None,
    district_map: str | DistrictMap | None = None,
    women_seats: int = 32,
    partial: bool = False,
) -> ElectionRules:
    """The House of Representatives election planned for 2021 (Law 2/2021): 200 seats.

    Args:
        general: seats per 2014 sub-constituency (``200 - women_seats`` in all).
        women: the women's seats by area (a separate "special competition" ballot).
        district_map: instead of the tables, a map (``"hor_2021"``, the 2014
            districts annexed to the law).
        women_seats: 32 (default: 16 % of 200, Art. 18) or 33 (an HNEC statement).
        partial: allow tables that do not add up to the law's totals.

    >>> hor_2021(general={"Tobruk": 2}, women={}, partial=True).parameters[0].value
    32
    """
    check_count(women_seats, "women_seats")
    tables, found = _tables(
        district_map,
        partial,
        {"general": general, "women": women},
        _GENERAL_WOMEN,
    )
    gen = _table(tables["general"], "general", 200 - women_seats, partial)
    wom = _table(tables["women"], "women", women_seats, partial)
    return ElectionRules(
        id="hor_2021",
        name="House of Representatives 2021",
        seats=200,
        races=tuple(
            _races(gen, "general", PluralityRule(), "Law 2/2021 Art. 18/21")
            + _races(wom, "women", PluralityRule(), "Law 2/2021 Art. 18 (16 %)")
        ),
        tie_rule=_LOTS_UNKNOWN,
        citations=("Law 2/2021", _HERALD_2021),
        parameters=(
            Parameter(
                name="women_seats",
                value=women_seats,
                default=32,
                note="16 % of 200 is 32 (Art. 18, "
                + _HERALD_2021
                + "); HNEC spoke of 33 ("
                + _TV218_2021
                + ").",
            ),
            _tie_parameter(),
        ),
        district_map=_map_label(found),
    )


@guarded
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
        citations=(_OBSERVER_2023,),
        parameters=(_tie_parameter(),),
    )


_LIST_FORMULAS: Final = tuple(QUOTAS) + tuple(DIVISORS)


def _list_rule(formula: object, threshold: object) -> LargestRemainderRule | HighestAveragesRule:
    cut = None if threshold is None else check_threshold(threshold, "list_threshold")
    if formula in QUOTAS:
        assert isinstance(formula, str)
        return LargestRemainderRule(quota=formula, threshold=cut)
    if formula in DIVISORS:
        assert isinstance(formula, str)
        return HighestAveragesRule(divisor=formula, threshold=cut)
    raise UnknownName(field="list_formula", value=formula, choices=", ".join(_LIST_FORMULAS))


@guarded
def hor_2023(
    *,
    lists: Mapping[str, int],
    individual: Mapping[str, int],
    list_formula: str,
    list_threshold: Fraction | None = None,
    partial: bool = False,
) -> ElectionRules:
    """The House of Representatives under the 2023 law: 152 list + 145 individual seats.

    The law's list formula was not found in any published summary, so it has no
    default: the caller chooses it (a name of :data:`~electoral.seats.QUOTAS`, such as
    ``"hare"``, or of :data:`~electoral.seats.DIVISORS`, such as ``"dhondt"``), and a
    what-if sweep (:func:`~electoral.seats.sweep`) can compare the readings.

    Args:
        lists: list seats per district (152 in all).
        individual: individual seats per district (145 in all; plurality).
        list_formula: the list formula (required).
        list_threshold: the share of a district's votes a list needs; ``None``
            (default) for none, as no threshold was found.
        partial: allow tables that do not add up to the law's totals.

    >>> rules = hor_2023(lists={"Tripoli": 10}, individual={}, list_formula="dhondt",
    ...                  partial=True)
    >>> rules.races[0].rule, rules.parameter("list_formula").default
    (HighestAveragesRule(divisor='dhondt', threshold=None), None)
    """
    rule = _list_rule(list_formula, list_threshold)
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
            "13th Constitutional Amendment (20 % women), reported at " + _UNSMIL_2023,
            _OBSERVER_2023,
        ),
        parameters=(
            Parameter(
                name="list_formula",
                value=list_formula,
                default=None,
                note="The PR formula of the 152 list seats was not found ("
                + _OBSERVER_2023
                + "); the only Libyan precedent is Hare largest "
                "remainder in 2012. The caller must choose.",
            ),
            Parameter(
                name="list_threshold",
                value=list_threshold,
                default=None,
                note="No threshold was found for the list seats.",
            ),
            Parameter(
                name="women_share",
                value=Fraction(1, 5),
                default=Fraction(1, 5),
                note="20 % of HoR seats (13th amendment, " + _UNSMIL_2023 + "); their "
                "placement on the lists was not found.",
            ),
            _tie_parameter(),
        ),
    )


@guarded
def senate_2023(
    *,
    districts: Mapping[str, int],
    multi_seat_districts: bool = False,
    partial: bool = False,
) -> ElectionRules:
    """The Senate under the 2023 law: 90 members, "one-winner, one-vote".

    Each district elects one member, so a district with more seats is refused
    (``seats.multi_seat_district``) unless ``multi_seat_districts=True``.

    >>> senate_2023(districts={"Sebha": 1}, partial=True).races[0].rule
    PluralityRule()
    >>> senate_2023(districts={"Sebha": 3}, partial=True)
    Traceback (most recent call last):
    ...
    electoral.errors.ValidationErrors: 1 problem in districts (1 sub-exception)
    """
    if type(multi_seat_districts) is not bool:
        raise TypeError("multi_seat_districts must be True or False")
    table = _table(districts, "districts", 90, partial)
    if not multi_seat_districts:
        collector = ErrorCollector("districts")
        for district, seats in table.items():
            if seats > 1:
                collector.add(
                    InconsistentValue("seats.multi_seat_district", field="districts", value=seats),
                    f"$.districts[{district!r}]",
                )
        collector.raise_if_any()
    return ElectionRules(
        id="senate_2023",
        name="Senate (2023 law)",
        seats=90,
        races=tuple(_races(table, "general", PluralityRule(), "2023 Senate law")),
        tie_rule=_LOTS_UNKNOWN,
        citations=(_OBSERVER_2023,),
        parameters=(
            Parameter(
                name="multi_seat_districts",
                value=multi_seat_districts,
                default=False,
                note="The Senate is elected 'one-winner, one-vote' ("
                + _OBSERVER_2023
                + "); the district table was not found.",
            ),
            Parameter(
                name="women_seats",
                value=None,
                default=None,
                note="Women's Senate seats are to be designated by a committee (13th "
                "amendment, " + _UNSMIL_2023 + ").",
            ),
            _tie_parameter(),
        ),
    )


@guarded
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
"""The election builders by name."""
