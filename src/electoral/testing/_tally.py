"""Private: a small, synthetic tally used by the doctests, the docs and the benchmark.

Nothing here is real data. :func:`demo_tally_setup` builds two offices in two
regions, three centres (one out of country, 80001), two stations each and two
ballots with three candidates each; :func:`demo_records` takes every form
through the real transitions to ARCHIVED (or AUDIT when a check fails).

>>> setup = demo_tally_setup()
>>> sorted(setup.centers)
[31001, 31002, 80001]
>>> [r.state.name for r in demo_records(setup)][:3]
['ARCHIVED', 'ARCHIVED', 'ARCHIVED']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Final

import pendulum

from electoral.model import (
    Ballot,
    Candidate,
    Center,
    Gender,
    Office,
    Race,
    RaceType,
    ReconciliationForm,
    Region,
    ResultForm,
    Station,
)
from electoral.results import (
    CandidateKey,
    FormRecord,
    TallyConfig,
    TallySetup,
    enter_de1,
    enter_de2,
    import_form,
    intake,
    intake_match,
    qc_pass,
    qc_print,
    resolve_corrections,
)

__all__ = ["DEMO_NOW", "demo_records", "demo_tally_setup", "process_form"]

DEMO_NOW: Final = pendulum.datetime(2026, 2, 20, 20, tz="Africa/Tripoli")
"""The fixed moment the demo uses."""


def demo_tally_setup() -> TallySetup:
    """Reference data of the demo tally."""
    general = Race(
        election_level="HoR", name="ballot_number_HOR_general", race_type=RaceType.GENERAL
    )
    women = Race(election_level="HoR", name="ballot_number_HOR_women", race_type=RaceType.WOMEN)
    ballots = [
        Ballot(number=117, race=general, subconstituency_ids={31}, available_for_release=True),
        Ballot(number=118, race=women, subconstituency_ids={31}),
    ]
    centers = [
        Center(center_id=31001, name_ar="مدرسة الأمل", office_id=1, subconstituency_id=31),
        Center(center_id=31002, name_ar="مدرسة النور", office_id=2, subconstituency_id=31),
        Center(center_id=80001, name_ar="تونس", office_id=2, subconstituency_id=31),
    ]
    stations = [
        Station(center_id=c.center_id, number=n, gender=g, registrants=r, subconstituency_id=31)
        for c in centers
        for n, g, r in ((1, Gender.MALE, 400), (2, Gender.FEMALE, 380))
    ]
    candidates = [
        Candidate(ballot_number=b.number, candidate_id=i, name_ar=f"مرشح {i}", order=i)
        for b in ballots
        for i in (1, 2, 3)
    ]
    offices = [
        Office(id=1, name_en="Tripoli", name_ar="طرابلس", region=Region.WEST),
        Office(id=2, name_en="Benghazi", name_ar="بنغازي", region=Region.EAST),
    ]
    return TallySetup.build(
        centers=centers, stations=stations, ballots=ballots, candidates=candidates, offices=offices
    )


def process_form(
    record: FormRecord,
    *,
    votes: Mapping[CandidateKey, int],
    recon: ReconciliationForm | None,
    setup: TallySetup,
    config: TallyConfig,
    now: dt.datetime,
    others: tuple[FormRecord, ...] = (),
) -> FormRecord:
    """Take an UNSUBMITTED form through intake, DE1, DE2 (same figures), QC and print."""
    record = intake(record, setup=setup, others=others, user="intake", now=now).record
    record = intake_match(record, user="intake", now=now).record
    record = enter_de1(record, votes=votes, recon=recon, setup=setup, user="de1", now=now).record
    record = enter_de2(record, votes=votes, recon=recon, setup=setup, user="de2", now=now).record
    record = resolve_corrections(record, user="corrections", now=now).record
    record = qc_pass(record, config=config, setup=setup, user="qc", now=now).record
    return qc_print(record, user="qc", now=now).record


def demo_records(setup: TallySetup, config: TallyConfig | None = None) -> list[FormRecord]:
    """Every demo form, processed; the last one fails the over-voting check (AUDIT)."""
    config = config or TallyConfig()
    records: list[FormRecord] = []
    index = 0
    for (center_id, number), station in sorted(setup.stations.items()):
        for ballot in sorted(setup.ballots):
            index += 1
            form = ResultForm(
                barcode=f"{center_id}{number:03d}{ballot:03d}",
                ballot_number=ballot,
                center_id=center_id,
                station_number=number,
                gender=station.gender,
            )
            record = import_form(form, user="setup", now=DEMO_NOW).record
            votes = {c.key: 10 * index + c.order for c in setup.form_candidates(ballot)}
            if index == 8:
                votes = {c.key: 160 + c.order for c in setup.form_candidates(ballot)}
            recon = ReconciliationForm(
                number_of_voters=station.registrants or 0,
                number_of_voter_cards_in_the_ballot_box=sum(votes.values()) + 5,
                number_valid_votes=sum(votes.values()),
                number_invalid_votes=5,
                number_sorted_and_counted=sum(votes.values()) + 5,
            )
            records.append(
                process_form(
                    record,
                    votes=votes,
                    recon=recon if form.has_reconciliation else None,
                    setup=setup,
                    config=config,
                    now=DEMO_NOW,
                )
            )
    return records
