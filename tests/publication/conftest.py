"""Fixtures of the publication tests: small elections built from plain figures."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from electoral.model import (
    Ballot,
    Candidate,
    Center,
    FormState,
    Gender,
    Race,
    ReconciliationForm,
    ResultForm,
    Station,
)
from electoral.publication import Publication, publish
from electoral.results import EntryVersion, FormRecord, ReconEntry, TallySetup, VoteEntry

# (constituency, sub-constituency, centre, station, ballot, votes); centres from 80001
# up have no reconciliation section, as out-of-country centres.
Spec = tuple[int, int, int, int, int, Sequence[int]]
Builder = Callable[[Sequence[Spec]], tuple[list[FormRecord], TallySetup]]


def build(specs: Sequence[Spec]) -> tuple[list[FormRecord], TallySetup]:
    """Records and a setup holding exactly the forms ``specs`` describe, all ARCHIVED."""
    race = Race(election_level="HoR", name="general")
    widths: dict[int, int] = {}
    centers: dict[int, Center] = {}
    stations: dict[tuple[int, int], Station] = {}
    records = []
    for constituency, subcon, center, station, ballot, votes in specs:
        widths[ballot] = max(widths.get(ballot, 0), len(votes))
        centers[center] = Center(
            center_id=center,
            name_ar="مركز",
            constituency_id=constituency,
            subconstituency_id=subcon,
        )
        stations[center, station] = Station(
            center_id=center, number=station, gender=Gender.UNISEX, registrants=900
        )
        form = ResultForm(
            barcode=f"{center}{station:03d}{ballot:03d}",
            ballot_number=ballot,
            center_id=center,
            station_number=station,
            gender=Gender.UNISEX,
            state=FormState.ARCHIVED,
        )
        entries = [
            VoteEntry(candidate=(ballot, i), votes=n, version=EntryVersion.FINAL)
            for i, n in enumerate(votes, 1)
        ]
        valid = sum(votes)
        recon = ReconciliationForm(
            number_of_voters=900,
            number_of_voter_cards_in_the_ballot_box=valid + 3,
            number_valid_votes=valid,
            number_invalid_votes=3,
            number_sorted_and_counted=valid + 3,
        )
        recons = [ReconEntry(recon=recon, version=EntryVersion.FINAL)]
        records.append(FormRecord(form=form, results=entries, recons=recons))
    setup = TallySetup.build(
        centers=centers.values(),
        stations=stations.values(),
        ballots=[Ballot(number=b, race=race) for b in widths],
        candidates=[
            Candidate(ballot_number=b, candidate_id=i, name_ar="مرشح", order=i)
            for b, width in widths.items()
            for i in range(1, width + 1)
        ],
    )
    return records, setup


SMALL: tuple[Spec, ...] = (
    (1, 11, 11001, 1, 1, (10, 20, 30)),
    (1, 11, 11001, 1, 2, (5, 6)),
    (1, 11, 11001, 2, 1, (11, 21, 31)),
    (1, 11, 11002, 1, 1, (12, 22, 32)),
    (1, 12, 12001, 1, 1, (13, 23, 33)),
    (1, 12, 12001, 1, 2, (7, 8)),
    (2, 21, 21001, 1, 1, (14, 24, 34)),
    (2, 21, 21001, 2, 1, (15, 25, 35)),
    (2, 21, 21001, 3, 1, (16, 26, 36)),
    (2, 21, 80001, 1, 2, (9, 10)),
)
"""Ten forms of two ballots in two constituencies, one centre without reconciliation."""


@pytest.fixture(scope="session")
def builder() -> Builder:
    return build


@pytest.fixture(scope="session")
def small() -> Publication:
    records, setup = build(SMALL)
    return publish(records, setup, election="test")


@pytest.fixture(scope="session")
def small_specs() -> tuple[Spec, ...]:
    return SMALL
