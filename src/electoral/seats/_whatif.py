"""What-if seats: the same tally under every reading of the law's unsettled points.

Where the law is unsettled, a builder of :mod:`electoral.seats` records a
:class:`~electoral.seats.Parameter` (the 2023 list formula, a threshold, 32 or 33
women's seats in 2021, the majority reading of 2021). :func:`sweep` builds the rules
under every combination of the readings given, allocates the same results under
each, and reports which seats change hands under which readings, with a stability
summary. Only recorded parameters may be swept (``seats.unknown_parameter``): a
sweep over anything else would not be a reading of the law.

>>> from fractions import Fraction
>>> from electoral.seats import hor_2023
>>> def rules(*, list_formula="hare", list_threshold=None):
...     return hor_2023(lists={"Tripoli": 5}, individual={}, partial=True,
...                     list_formula=list_formula, list_threshold=list_threshold)
>>> result = sweep(rules, {"list_formula": ["hare", "dhondt"]},
...                {"Tripoli/list": {"A": 6_100, "B": 2_500, "C": 1_400}})
>>> [reading.label for reading in result.readings]
['list_formula=hare', 'list_formula=dhondt']
>>> [(c.candidate, c.seats) for c in result.changes]
[('A', (3, 4)), ('C', (1, 0))]
>>> result.stability.stable_seats, result.stability.seats, result.stability.share
(4, 5, Fraction(4, 5))
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable, Collection, Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Final

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import ErrorCollector, InconsistentValue, OutOfRange

from ._elections import ElectionOutcome, ElectionRules, allocate
from ._ties import TieBreaker

__all__ = ["Reading", "SeatChange", "Stability", "Sweep", "sweep"]

_MAX_READINGS: Final = 10_000


@attrs.frozen(kw_only=True, eq=False, field_transformer=typed_fields)
class Reading:
    """One combination of readings and the seats it gives.

    Attributes:
        labels: each swept parameter's reading, as a label.
        values: each swept parameter's value.
        rules: the rules built under this reading.
        outcome: the allocation under this reading.
        seats: seats won, by ``(race id, candidate or list)``; the seats of an
            unresolved tie are not counted.
    """

    labels: Mapping[str, str]
    values: Mapping[str, object]
    rules: ElectionRules
    outcome: ElectionOutcome
    seats: Mapping[tuple[str, str], int]

    @property
    def label(self) -> str:
        """``"name=label, name=label"``."""
        return ", ".join(f"{name}={label}" for name, label in self.labels.items())


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class SeatChange:
    """A candidate or list whose seats differ between readings.

    Attributes:
        race: the race id.
        candidate: the candidate or list.
        seats: its seats under each reading, in the order of :attr:`Sweep.readings`.
    """

    race: str
    candidate: str
    seats: tuple[int, ...]


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Stability:
    """How much of the result every reading agrees on.

    Attributes:
        readings: how many readings were allocated.
        seats: the most seats allocated under any reading.
        stable_seats: seats held by the same candidate or list under every reading.
        races: the races of any reading.
        stable_races: races whose winners are the same under every reading.
        agreeing_readings: readings whose seats are exactly the baseline's.
        ties: readings left with at least one unresolved tie.
    """

    readings: int
    seats: int
    stable_seats: int
    races: int
    stable_races: int
    agreeing_readings: int
    ties: int

    @property
    def share(self) -> Fraction | None:
        """``stable_seats / seats``, exactly; ``None`` when no seat was allocated."""
        return Fraction(self.stable_seats, self.seats) if self.seats else None


@attrs.frozen(kw_only=True, eq=False, field_transformer=typed_fields)
class Sweep:
    """The readings of a sweep, what changes between them, and how stable it is.

    Attributes:
        parameters: the swept parameters, in the order given.
        readings: every combination, the first parameter varying slowest.
        baseline: the index of the reading the others are compared with: the one
            where every swept parameter has its default, else the first.
        changes: every ``(race, candidate)`` whose seats differ between readings.
        stability: the summary.
    """

    parameters: tuple[str, ...]
    readings: tuple[Reading, ...]
    baseline: int
    changes: tuple[SeatChange, ...]
    stability: Stability

    def __attrs_post_init__(self) -> None:
        last = len(self.readings) - 1
        if self.readings and not 0 <= self.baseline <= last:
            raise OutOfRange(field="baseline", value=self.baseline, min_value=0, max_value=last)
        for change in self.changes:
            if len(change.seats) != len(self.readings):
                raise InconsistentValue(
                    "seats.change_readings",
                    field="changes",
                    value=f"{change.race}/{change.candidate}",
                    listed=len(change.seats),
                    readings=len(self.readings),
                )

    @guarded
    def moves(self, index: int) -> tuple[tuple[str, str, int, int], ...]:
        """``(race, candidate, seats at baseline, seats under reading index)`` for
        every seat that reading ``index`` moves away from the baseline."""
        if type(index) is not int:
            raise TypeError(f"index must be a reading number, not {type(index).__name__}")
        if not 0 <= index < len(self.readings):
            raise OutOfRange(
                field="index", value=index, min_value=0, max_value=len(self.readings) - 1
            )
        return tuple(
            (change.race, change.candidate, change.seats[self.baseline], change.seats[index])
            for change in self.changes
            if change.seats[index] != change.seats[self.baseline]
        )

    def race_changes(self) -> Mapping[str, tuple[SeatChange, ...]]:
        """The changes grouped by race."""
        grouped: dict[str, list[SeatChange]] = {}
        for change in self.changes:
            grouped.setdefault(change.race, []).append(change)
        return {race: tuple(items) for race, items in grouped.items()}


def _label(value: object) -> str:
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(value)
    return "none" if value is None else str(value)


def _options(name: str, given: object) -> list[tuple[str, object]]:
    if isinstance(given, Mapping):
        return [(str(label), value) for label, value in given.items()]
    if isinstance(given, (str, bytes)) or not isinstance(given, Sequence | Collection):
        raise TypeError(
            f"readings[{name!r}] must be a sequence of values or a mapping of labels to "
            f"values, not {type(given).__name__}"
        )
    return [(_label(value), value) for value in given]


def _accepted(build: Callable[..., ElectionRules]) -> frozenset[str] | None:
    """The keyword arguments ``build`` takes, or ``None`` if it takes any."""
    try:
        signature = inspect.signature(build)
    except (TypeError, ValueError):
        return None
    names = set()
    for parameter in signature.parameters.values():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            return None
        if parameter.kind in (
            inspect.Parameter.KEYWORD_ONLY,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
        ):
            names.add(parameter.name)
    return frozenset(names)


def _seats(outcome: ElectionOutcome) -> dict[tuple[str, str], int]:
    seats: dict[tuple[str, str], int] = {}
    for winner in outcome.winners:
        key = (winner.race, winner.candidate)
        seats[key] = seats.get(key, 0) + winner.seats
    return seats


@guarded
def sweep(
    build: Callable[..., ElectionRules],
    readings: Mapping[str, Sequence[object] | Mapping[str, object]],
    results: Mapping[str, Mapping[str, int]],
    *,
    lots: Mapping[str, TieBreaker] | None = None,
    caps: Mapping[str, Mapping[str, int]] | None = None,
    candidates: Mapping[str, Collection[str]] | None = None,
) -> Sweep:
    """Allocate ``results`` under every combination of ``readings``.

    Args:
        build: a builder of rules taking the swept parameters as keyword arguments
            (one of :data:`~electoral.seats.ELECTIONS`, or a function of the caller's
            that fixes the district tables and passes the parameters on).
        readings: ``{parameter: [value, ...]}``, or ``{parameter: {label: value}}``
            to name the readings; every parameter must be recorded by the rules
            ``build`` returns.
        results: ``{race id: {candidate or list: votes}}``, as for
            :func:`~electoral.seats.allocate`, under every reading.
        lots, caps, candidates: passed to :func:`~electoral.seats.allocate`.

    Raises:
        ValidationErrors: ``seats.unknown_parameter`` for each parameter the
            builder does not take or the rules do not record, ``seats.no_readings``
            for a parameter without values, and any problem of the results, all at
            once.
        TypeError: ``build`` is not callable, ``readings`` not a mapping.
    """
    if not callable(build):
        raise TypeError(f"build must be a builder of rules, not {type(build).__name__}")
    if not isinstance(readings, Mapping):
        raise TypeError(f"readings must be a mapping of parameters, not {type(readings).__name__}")
    collector = ErrorCollector("sweep")
    options: dict[str, list[tuple[str, object]]] = {}
    accepted = _accepted(build)
    for name, given in readings.items():
        where = f"$.readings[{name!r}]"
        if accepted is not None and name not in accepted:
            collector.add(
                InconsistentValue(
                    "seats.unknown_parameter",
                    field="readings",
                    value=name,
                    choices=", ".join(sorted(accepted)) or "nothing",
                ),
                where,
            )
            continue
        options[name] = _options(str(name), given)
        if not options[name]:
            collector.add(
                InconsistentValue("seats.no_readings", field="readings", value=name), where
            )
    collector.raise_if_any()
    names = tuple(options)
    combos = list(itertools.product(*(options[name] for name in names)))
    if len(combos) > _MAX_READINGS:
        raise InconsistentValue(
            "seats.too_many_readings", field="readings", value=len(combos), limit=_MAX_READINGS
        )
    built: list[tuple[tuple[tuple[str, object], ...], ElectionRules]] = []
    for combo in combos:
        rules = build(**{name: value for name, (_, value) in zip(names, combo, strict=True)})
        if not isinstance(rules, ElectionRules):
            raise TypeError(f"build must return ElectionRules, not {type(rules).__name__}")
        built.append((combo, rules))
    recorded = {p.name for p in built[0][1].parameters} if built else set()
    for name in names:
        if name not in recorded:
            collector.add(
                InconsistentValue(
                    "seats.unknown_parameter",
                    field="readings",
                    value=name,
                    choices=", ".join(sorted(recorded)) or "nothing",
                ),
                f"$.readings[{name!r}]",
            )
    collector.raise_if_any()
    done: list[Reading] = []
    for combo, rules in built:
        outcome = allocate(rules, results, lots=lots, caps=caps, candidates=candidates)
        done.append(
            Reading(
                labels=MappingProxyType(
                    {n: label for n, (label, _) in zip(names, combo, strict=True)}
                ),
                values=MappingProxyType(
                    {n: value for n, (_, value) in zip(names, combo, strict=True)}
                ),
                rules=rules,
                outcome=outcome,
                seats=MappingProxyType(_seats(outcome)),
            )
        )
    return _summarise(names, tuple(done))


def _baseline(readings: Sequence[Reading]) -> int:
    for index, reading in enumerate(readings):
        defaults = {p.name: p.default for p in reading.rules.parameters}
        if all(defaults.get(name) == value for name, value in reading.values.items()):
            return index
    return 0


def _summarise(names: tuple[str, ...], readings: tuple[Reading, ...]) -> Sweep:
    baseline = _baseline(readings)
    keys = sorted({key for reading in readings for key in reading.seats})
    changes = []
    stable_seats = 0
    changed_races: set[str] = set()
    for race, candidate in keys:
        seats = tuple(reading.seats.get((race, candidate), 0) for reading in readings)
        stable_seats += min(seats)
        if len(set(seats)) > 1:
            changes.append(SeatChange(race=race, candidate=candidate, seats=seats))
            changed_races.add(race)
    races = {race.id for reading in readings for race in reading.rules.races}
    base = readings[baseline].seats if readings else {}
    stability = Stability(
        readings=len(readings),
        seats=max((sum(r.seats.values()) for r in readings), default=0),
        stable_seats=stable_seats,
        races=len(races),
        stable_races=len(races - changed_races),
        agreeing_readings=sum(1 for r in readings if dict(r.seats) == dict(base)),
        ties=sum(1 for r in readings if r.outcome.ties),
    )
    return Sweep(
        parameters=names,
        readings=readings,
        baseline=baseline,
        changes=tuple(changes),
        stability=stability,
    )
