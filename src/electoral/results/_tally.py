"""Private: totals at every level, and their exact merge.

A :class:`Tally` holds the totals of the counted forms (see ``_counting`` for the
counting rule) at every level, each level the sum of the one below it; tallies of
parts of an election merge exactly.

Sources: Tally-Ho ``models/candidate.py``, ``views/reports/*``
(onaio/tally-ho at commit ``acbe4f4``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, Final, TypeVar

import attrs

from electoral._guard import MAX_COUNT, guarded, typed_fields
from electoral.errors import InconsistentValue, MissingValue
from electoral.model import Region
from electoral.model._validators import assemble, builder
from electoral.results._counting import ARCHIVED, FINAL, WITH_QUARANTINE, distinct_forms
from electoral.results._records import (
    CandidateKey,
    FormRecord,
    TallySetup,
    VoteEntry,
    active_recon_of,
)

__all__ = ["Tally", "Totals", "merge_tallies", "tally"]

_K = TypeVar("_K")
_FINAL: Final = FINAL


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Totals:
    """Totals for one area: votes per candidate, valid and invalid votes, forms counted.

    ``valid`` is the sum of FINAL candidate votes; ``invalid`` the sum of Field 4
    of the FINAL reconciliation sections (forms without a section add 0).
    """

    votes: Mapping[CandidateKey, int] = attrs.field(factory=dict)
    invalid: int = 0
    forms: int = 0

    @property
    def valid(self) -> int:
        """The valid votes, that is the candidates' votes summed."""
        return sum(self.votes.values())

    def ranking(self) -> tuple[tuple[CandidateKey, int], ...]:
        """Candidates by votes, descending (ties by key). No tie rule is implied."""
        return tuple(sorted(self.votes.items(), key=lambda kv: (-kv[1], kv[0])))

    @guarded
    def merge(self, other: Totals) -> Totals:
        """The totals of both areas together: every count added, exactly.

        >>> a = Totals(votes={(1, 1): 5}, invalid=1, forms=1)
        >>> a.merge(Totals(votes={(1, 1): 2, (1, 2): 3}, forms=1))
        Totals(votes={(1, 1): 7, (1, 2): 3}, invalid=1, forms=2)
        """
        votes = dict(self.votes)
        _add(votes, other.votes)
        return Totals(
            votes=votes, invalid=self.invalid + other.invalid, forms=self.forms + other.forms
        )


def _add(into: dict[CandidateKey, int], votes: Mapping[CandidateKey, int]) -> None:
    for key, count in votes.items():
        into[key] = into.get(key, 0) + count


def _merged(left: Mapping[_K, Totals], right: Mapping[_K, Totals]) -> dict[_K, Totals]:
    """Two levels of totals as one: an area in both is added up."""
    out = dict(left)
    for key, totals in right.items():
        mine = out.get(key)
        out[key] = totals if mine is None else mine.merge(totals)
    return out


class _Acc:
    """The running totals of one area (of one ballot, while the tally is summed)."""

    __slots__ = ("forms", "invalid", "votes")

    def __init__(self, votes: dict[CandidateKey, int], invalid: int, forms: int) -> None:
        self.votes = votes
        self.invalid = invalid
        self.forms = forms

    def merge(self, other: _Acc) -> None:
        _add(self.votes, other.votes)
        self.invalid += other.invalid
        self.forms += other.forms

    def copy(self) -> _Acc:
        return _Acc(dict(self.votes), self.invalid, self.forms)


def _roll(below: Mapping[Any, _Acc], parent: Callable[[Any], object]) -> dict[Any, _Acc]:
    """The areas one level up, each the sum of its areas below."""
    above: dict[Any, _Acc] = {}
    for key, acc in below.items():
        up = parent(key)
        target = above.get(up)
        if target is None:
            above[up] = acc.copy()
        else:
            target.merge(acc)
    return above


def _joined(parts: Collection[_Acc]) -> _Acc:
    """One area's totals from those of its ballots.

    Different ballots have different candidates, so the parts' keys are usually
    disjoint and one ``dict.update`` joins them; where they meet (the forms of a
    component ballot carry the same candidates), the votes are added up.
    """
    votes: dict[CandidateKey, int] = {}
    invalid = forms = size = 0
    for part in parts:
        votes.update(part.votes)
        invalid += part.invalid
        forms += part.forms
        size += len(part.votes)
    if len(votes) != size:  # some keys met: add them up
        votes = {}
        for part in parts:
            _add(votes, part.votes)
    return _Acc(votes, invalid, forms)


def _form_votes(results: Iterable[VoteEntry]) -> dict[CandidateKey, int]:
    """The FINAL, active votes of one form, by candidate (two entries of one candidate add)."""
    final = [e for e in results if e.version is _FINAL and e.active]
    votes = {e.candidate: e.votes for e in final}
    if len(votes) != len(final):
        votes = {}
        for e in final:
            votes[e.candidate] = votes.get(e.candidate, 0) + e.votes
    return votes


_totals: Final = builder(Totals, "votes", "invalid", "forms")


def _frozen(levels: Mapping[Any, _Acc], ceiling: bool) -> dict[Any, Totals]:
    if ceiling:  # under the ceiling: see tally()
        return {k: _totals(a.votes, a.invalid, a.forms) for k, a in levels.items()}
    return {k: Totals(votes=a.votes, invalid=a.invalid, forms=a.forms) for k, a in levels.items()}


def _by_area(per_ballot: Mapping[Any, _Acc]) -> dict[Any, _Acc]:
    """Totals per area from totals per (area, ballot)."""
    grouped: dict[Any, list[_Acc]] = {}
    for (area, _), acc in per_ballot.items():
        parts = grouped.get(area)
        if parts is None:
            grouped[area] = [acc]
        else:
            parts.append(acc)
    return {k: p[0] if len(p) == 1 else _joined(p) for k, p in grouped.items()}


def _barcode_order(barcode: str) -> tuple[int, str]:
    return (len(barcode), barcode)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Tally:
    """Totals at every level, each level the sum of the one below it.

    station (centre, station) -> centre -> sub-constituency and office (two
    separate dimensions) -> region (from the office) -> national. ``ballot``
    gives the national totals per ballot.

    Attributes:
        counted: the barcodes of the counted forms, in barcode order (shorter first).
        stations_seen: every (centre, station) with at least one form among the
            records tallied, counted or not: what this tally covers, and what
            :meth:`merge` checks to refuse a station split between two parts.
        include_quarantine, published_only: the counting options it was made with.

    Tallies of parts of an election **merge exactly** (:meth:`merge`): the merge of
    the parts' tallies equals the tally of all their forms, in any order and
    grouping, provided each station's forms are all in one part.
    """

    station: Mapping[tuple[int, int], Totals]
    center: Mapping[int, Totals]
    subconstituency: Mapping[int, Totals]
    office: Mapping[int, Totals]
    region: Mapping[Region, Totals]
    ballot: Mapping[int, Totals]
    national: Totals
    counted: tuple[str, ...]
    stations_seen: frozenset[tuple[int, int]] = frozenset()
    include_quarantine: bool = False
    published_only: bool = False

    @guarded
    def merge(self, other: Tally) -> Tally:
        """The tally of both parts' forms together, every level added up exactly.

        Merging is associative and commutative, so parts may be merged in any order
        and grouping (a tree of merges across machines gives the same tally).

        Raises:
            InconsistentValue: ``results.partition_split_station``, a station has
                forms in both parts (which form counts for it depends on all of
                them, so the parts' tallies cannot be added); ``results.merge_mismatch``,
                the tallies were counted with different options.
        """
        if not isinstance(other, Tally):
            raise TypeError(f"other must be a Tally, not {type(other).__name__}")
        rules = (self.include_quarantine, self.published_only)
        if rules != (other.include_quarantine, other.published_only):
            raise InconsistentValue(
                "results.merge_mismatch", field="tally", value="the counting options"
            )
        split = self.stations_seen & other.stations_seen
        if split:
            raise InconsistentValue(
                "results.partition_split_station", field="station", value=min(split)
            )
        return Tally(
            station={**self.station, **other.station},
            center=_merged(self.center, other.center),
            subconstituency=_merged(self.subconstituency, other.subconstituency),
            office=_merged(self.office, other.office),
            region=_merged(self.region, other.region),
            ballot=_merged(self.ballot, other.ballot),
            national=self.national.merge(other.national),
            counted=tuple(sorted(self.counted + other.counted, key=_barcode_order)),
            stations_seen=self.stations_seen | other.stations_seen,
            include_quarantine=self.include_quarantine,
            published_only=self.published_only,
        )


@guarded
def merge_tallies(parts: Iterable[Tally]) -> Tally:
    """Merge the tallies of any number of parts (see :meth:`Tally.merge`).

    >>> from electoral.testing import demo_tally_setup, demo_records
    >>> setup = demo_tally_setup()
    >>> records = demo_records(setup)
    >>> by_center = {}
    >>> for record in records:
    ...     by_center.setdefault(record.form.center_id, []).append(record)
    >>> parts = [tally(group, setup) for group in by_center.values()]
    >>> merge_tallies(parts) == tally(records, setup)
    True

    Raises:
        MissingValue: ``results.no_parts``, no tally was given.
    """
    merged: Tally | None = None
    for part in parts:
        merged = part if merged is None else merged.merge(part)
    if merged is None:
        raise MissingValue("results.no_parts", field="parts", value=[])
    return merged


@guarded
def tally(
    records: Iterable[FormRecord],
    setup: TallySetup,
    *,
    include_quarantine: bool = False,
    published_only: bool = False,
) -> Tally:
    """Official totals at every level (see the module for the counting rule).

    A centre missing from ``setup`` is refused: its forms could not be placed.

    >>> from electoral.testing import demo_tally_setup, demo_records
    >>> setup = demo_tally_setup()
    >>> t = tally(demo_records(setup), setup)
    >>> t.national.valid == sum(x.valid for x in t.center.values())
    True

    Raises:
        InconsistentValue: ``results.center_unknown``.
    """
    chosen = distinct_forms(records)
    states = WITH_QUARANTINE if include_quarantine else ARCHIVED
    forms = [record for record in chosen.values() if record.form.state in states]
    if published_only:
        ballots = setup.ballots
        forms = [
            r
            for r in forms
            if (b := ballots.get(r.form.ballot_number)) is not None and b.available_for_release
        ]
    # Each vote is added once, into its (centre, ballot); every level above is summed per
    # ballot, and an area's totals join its ballots' (keys apart: one dict.update).
    per_station: dict[Any, _Acc] = {}
    per_center: dict[Any, _Acc] = {}
    for record in forms:
        form = record.form
        votes = _form_votes(record.results)
        invalid = 0
        if form.has_reconciliation:
            recon = active_recon_of(record, _FINAL)
            if recon is not None:
                invalid = recon.number_invalid_votes
        part = _Acc(votes, invalid, 1)
        skey = (form.center_id, form.station_number)
        station = per_station.get(skey)
        if station is None:
            per_station[skey] = part
        elif station.votes.keys().isdisjoint(votes):  # another ballot: other candidates
            station.votes.update(votes)
            station.invalid += invalid
            station.forms += 1
        else:
            station.merge(part)
        ckey = (form.center_id, form.ballot_number)
        acc = per_center.get(ckey)
        if acc is None:
            per_center[ckey] = part.copy()
        else:
            acc.merge(part)
    centers_of = setup.centers
    for center, _ in per_station:
        if center not in centers_of:
            raise InconsistentValue("results.center_unknown", field="center_id", value=center)
    offices_of = setup.offices
    region_of = {
        o: (offices_of[o].region if o in offices_of else Region.NONE)
        for o in {c.office_id for c in centers_of.values()}
    }
    subcons = _roll(per_center, lambda k: (centers_of[k[0]].subconstituency_id, k[1]))
    offices = _roll(per_center, lambda k: (centers_of[k[0]].office_id, k[1]))
    regions = _roll(offices, lambda k: (region_of[k[0]], k[1]))
    per_ballot = _roll(regions, lambda k: k[1])
    national = _joined(per_ballot.values())
    # Counts are checked and non-negative, so no area's figure exceeds the national one:
    # under the ceiling there, every Totals is built without re-checking its fields;
    # past it, each goes through its validators and the first beyond is refused.
    top = max(national.invalid, national.forms, max(national.votes.values(), default=0))
    ceiling = top <= MAX_COUNT
    # Every level is Totals just frozen, keyed by the checked records' own ids.
    return assemble(
        Tally,
        station=_frozen(per_station, ceiling),
        center=_frozen(_by_area(per_center), ceiling),
        subconstituency=_frozen(_by_area(subcons), ceiling),
        office=_frozen(_by_area(offices), ceiling),
        region=_frozen(_by_area(regions), ceiling),
        ballot=_frozen(per_ballot, ceiling),
        national=_frozen({None: national}, ceiling)[None],
        counted=tuple(sorted(sorted(r.form.barcode for r in forms), key=len)),
        stations_seen=frozenset((center, station) for center, station, _ in chosen),
        include_quarantine=include_quarantine,
        published_only=published_only,
    )
