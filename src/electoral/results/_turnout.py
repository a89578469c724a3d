"""Private: the three turnout figures, each saying what it divides by.

Sources: Tally-Ho ``views/reports/*``, ``libs/reports/progress.py``
(onaio/tally-ho at commit ``acbe4f4``).
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Final

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import InconsistentValue
from electoral.model import FormState, Gender, ReconciliationForm
from electoral.results._counting import FINAL, counted_forms, distinct_forms, final_sum, percent
from electoral.results._records import FormRecord, TallySetup

__all__ = [
    "StationTurnout",
    "Turnout",
    "gender_turnout",
    "reconciliation_turnout",
    "station_turnout",
]

_FINAL: Final = FINAL


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Turnout:
    """A turnout figure that says what it divides by.

    Attributes:
        definition: which of the three definitions.
        voters: the numerator.
        registrants: the denominator.
    """

    definition: str
    voters: int
    registrants: int

    @property
    def percent(self) -> Fraction | None:
        """``100 * voters / registrants``; ``None`` when registrants is 0."""
        return percent(self.voters, self.registrants)

    def _check_mergeable(self, other: Turnout) -> None:
        if type(other) is not type(self):
            raise TypeError(f"other must be a {type(self).__name__}, not {type(other).__name__}")
        if self.definition != other.definition:
            raise InconsistentValue(
                "results.merge_mismatch", field="definition", value="the turnout definition"
            )

    @guarded
    def merge(self, other: Turnout) -> Turnout:
        """The same turnout over both parts: voters and registrants added.

        Exact when no station is in both parts (each station's forms in one part).

        >>> t = Turnout(definition="d", voters=40, registrants=100)
        >>> t.merge(Turnout(definition="d", voters=5, registrants=50)).percent
        Fraction(30, 1)

        Raises:
            InconsistentValue: ``results.merge_mismatch``, another definition.
        """
        self._check_mergeable(other)
        return Turnout(
            definition=self.definition,
            voters=self.voters + other.voters,
            registrants=self.registrants + other.registrants,
        )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class StationTurnout(Turnout):
    """Station-based turnout plus the progress it rests on."""

    processed: int
    expected: int

    @property
    def progress(self) -> Fraction | None:
        """Processed stations over expected stations; ``None`` with no station."""
        return percent(self.processed, self.expected)

    @property
    def status(self) -> str:
        """``"Final"`` when every station is processed, else ``"Partial"``."""
        share = self.progress
        return "Final" if share is not None and share >= 100 else "Partial"

    @guarded
    def merge(self, other: Turnout) -> StationTurnout:
        """The station-based turnout over both parts (see :meth:`Turnout.merge`)."""
        self._check_mergeable(other)
        assert isinstance(other, StationTurnout)
        return StationTurnout(
            definition=self.definition,
            voters=self.voters + other.voters,
            registrants=self.registrants + other.registrants,
            processed=self.processed + other.processed,
            expected=self.expected + other.expected,
        )


@guarded
def station_turnout(
    records: Iterable[FormRecord],
    setup: TallySetup,
    *,
    ballot_numbers: Iterable[int] | None = None,
) -> StationTurnout:
    """Turnout 1, **station-based**: denominator = registrants of *processed* stations.

    A station is processed when every one of its (distinct) forms in scope is
    ARCHIVED. Its voters are the **largest** per-ballot FINAL vote sum among its
    forms (one voter casts one ballot per race); invalid votes are not added.
    Only active ballots are in scope (and, if given, ``ballot_numbers``).

    A station whose registrants are not known (out-of-country stations, some
    imports) is left out of both sides: a turnout needs a register. Tally-Ho
    counted its votes over a zero register, which could push turnout past 100%.
    """
    wanted = None if ballot_numbers is None else frozenset(ballot_numbers)
    per_station: dict[tuple[int, int], list[FormRecord]] = {}
    for (center, number, ballot), record in distinct_forms(records).items():
        b = setup.ballots.get(ballot)
        if b is None or not b.active or (wanted is not None and ballot not in wanted):
            continue
        per_station.setdefault((center, number), []).append(record)
    voters = registrants = processed = 0
    for key, forms in per_station.items():
        if any(r.state is not FormState.ARCHIVED for r in forms):
            continue
        station = setup.stations.get(key)
        if station is None or station.registrants is None:
            continue
        processed += 1
        voters += max(final_sum(r) for r in forms)
        registrants += station.registrants
    return StationTurnout(
        definition="station: max per-ballot valid votes / registrants of processed stations",
        voters=voters,
        registrants=registrants,
        processed=processed,
        expected=len(per_station),
    )


def _one_race(records: Iterable[FormRecord], wanted: frozenset[int] | None) -> list[FormRecord]:
    """The counted forms in scope; ``turnout_mixed_ballots`` if two ballots meet at a station.

    Each voter casts one ballot per race (the general and the women's race in 2014 and
    2021, the House and the Senate in 2023), so adding the forms of two ballots at a
    station would count each voter twice over that station's one register.
    """
    scope = [r for r in counted_forms(records) if wanted is None or r.form.ballot_number in wanted]
    ballots: dict[tuple[int, int], set[int]] = {}
    for record in scope:
        key = record.form.station_key
        if key is not None:
            ballots.setdefault(key, set()).add(record.form.ballot_number)
    for key, numbers in sorted(ballots.items()):
        if len(numbers) > 1:
            raise InconsistentValue(
                "results.turnout_mixed_ballots",
                field="ballot_numbers",
                value=key,
                ballots=", ".join(map(str, sorted(numbers))),
            )
    return scope


@guarded
def gender_turnout(
    records: Iterable[FormRecord],
    setup: TallySetup,
    *,
    ballot_numbers: Iterable[int] | None = None,
) -> dict[Gender, Turnout]:
    """Turnout 2, **by station gender**: (FINAL votes + FINAL invalid) / registrants.

    Counted forms only (ARCHIVED, one per triple). The denominator is the
    registrants of the stations that have at least one counted form in scope.
    Stations whose registrants are not known (out-of-country) are left out of both
    sides.

    One race at a time: where the forms in scope put two ballots at one station (the
    general and the women's ballot), the figure would count each voter twice, so it
    is refused (``results.turnout_mixed_ballots``); pass the race's ballots in
    ``ballot_numbers``. Deliberate difference: Tally-Ho added them up.
    """
    wanted = None if ballot_numbers is None else frozenset(ballot_numbers)
    voters: dict[Gender, int] = {}
    seen: dict[Gender, set[tuple[int, int]]] = {}
    for record in _one_race(records, wanted):
        station = setup.station_of(record.form)
        if station is None or station.registrants is None:
            continue
        recon = record.active_recon(_FINAL) if record.form.has_reconciliation else None
        invalid = recon.number_invalid_votes if recon is not None else 0
        voters[station.gender] = voters.get(station.gender, 0) + final_sum(record) + invalid
        seen.setdefault(station.gender, set()).add(station.key)
    return {
        gender: Turnout(
            definition="gender: (valid + invalid votes) / registrants of counted stations",
            voters=voters[gender],
            registrants=sum(setup.stations[k].registrants or 0 for k in seen[gender]),
        )
        for gender in sorted(voters, key=lambda g: g.value)
    }


@guarded
def reconciliation_turnout(
    records: Iterable[FormRecord],
    setup: TallySetup,
    *,
    ballot_numbers: Iterable[int] | None = None,
) -> Turnout:
    """Turnout 3, **reconciliation-based**: Σ(valid + invalid) of FINAL sections / registrants.

    Deliberate differences: the registrants are those of each counted form's
    **own** station, each station once (Tally-Ho summed every station of the
    centre and matched stations by number alone); the ratio is exact, not
    integer-divided; and, as for :func:`gender_turnout`, one race at a time: forms
    of two ballots at one station are refused (``results.turnout_mixed_ballots``)
    rather than counting each voter twice.
    """
    wanted = None if ballot_numbers is None else frozenset(ballot_numbers)
    used = 0
    stations: set[tuple[int, int]] = set()
    for record in _one_race(records, wanted):
        recon = record.active_recon(_FINAL) if record.form.has_reconciliation else None
        if not isinstance(recon, ReconciliationForm):
            continue
        used += recon.number_valid_votes + recon.number_invalid_votes
        key = record.form.station_key
        if key is not None:
            stations.add(key)
    registrants = sum(
        (s.registrants or 0) for k in stations if (s := setup.stations.get(k)) is not None
    )
    return Turnout(
        definition="reconciliation: (Field 3 + Field 4) / registrants of counted stations",
        voters=used,
        registrants=registrants,
    )
