"""Shared by the benchmarks: interleaved rounds, medians with min-max, and the table rows.

The machine the benchmarks run on is shared, so its load changes from one second to the
next. Two sides timed one after the other would each see a different load; here they
take turns, round after round (the order alternates too), and each side's figure is the
median of its rounds, shown with the fastest and slowest round. Each round is timed
twice: CPU time of this process (:func:`time.process_time`, which does not count the
time other processes hold the CPU) and wall time (:func:`time.perf_counter`). Ratios
are taken between CPU-time medians; wall times are printed for reference.

Each benchmark records the rows it contributes to the performance table with
:func:`record`; ``benchmarks/table.py`` prints the table from them (``make bench`` runs
every benchmark, then the table).

The synthetic tally that the results benchmarks share (:func:`tally_setup`,
:func:`paper`) is here too.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the library is imported where it is used (see the setup below)
    from electoral.model import FormState, ReconciliationForm, ResultForm, Station
    from electoral.results import TallySetup

RESULTS = Path(os.environ.get("ELECTORAL_BENCH_RESULTS", Path(__file__).parent / ".results"))
"""Where each benchmark writes its table rows (one JSON file per benchmark)."""


@dataclass
class Sample:
    """One side's rounds: CPU and wall seconds per round (or per call, once divided)."""

    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        """The median CPU time."""
        return statistics.median(self.cpu)

    def scaled(self, factor: float) -> Sample:
        """Every round multiplied by ``factor`` (e.g. per call, in µs)."""
        return Sample([c * factor for c in self.cpu], [w * factor for w in self.wall])

    def describe(self, unit: str = "s", digits: int = 2) -> str:
        """``median (min-max) unit CPU, wall median unit``."""
        low, high = min(self.cpu), max(self.cpu)
        return (
            f"{self.median:.{digits}f} ({low:.{digits}f}-{high:.{digits}f}) {unit} CPU, "
            f"wall {statistics.median(self.wall):.{digits}f} {unit}"
        )


def interleave(
    sides: Mapping[str, Callable[[], object]],
    rounds: int,
    *,
    number: int = 1,
    collect: bool = True,
) -> dict[str, Sample]:
    """Run each side ``number`` times per round, the sides taking turns, for ``rounds``.

    The order of the sides is reversed every other round, so that neither always runs
    right after the other. With ``collect``, the garbage collector runs before each
    turn, so that one side does not pay for the other's garbage.
    """
    names = list(sides)
    samples = {name: Sample() for name in names}
    for index in range(rounds):
        order = names if index % 2 == 0 else names[::-1]
        for name in order:
            function = sides[name]
            if collect:
                gc.collect()
            cpu, wall = time.process_time(), time.perf_counter()
            for _ in range(number):
                function()
            samples[name].cpu.append((time.process_time() - cpu) / number)
            samples[name].wall.append((time.perf_counter() - wall) / number)
    return samples


def ratio(ours: Sample, theirs: Sample) -> float:
    """``ours / theirs`` between CPU-time medians."""
    return ours.median / theirs.median


@dataclass
class Row:
    """One line of the performance table.

    Attributes:
        order: where the line goes in the table (the issue's order).
        measure: what is compared.
        now: the figure measured.
        target: the target, as the issue states it.
        met: whether the figure meets the target.
    """

    order: int
    measure: str
    now: str
    target: str
    met: bool


def record(benchmark: str, rows: list[Row], details: Mapping[str, Any] | None = None) -> Path:
    """Write ``rows`` (and any details) for ``table.py``; return the file written."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{benchmark}.json"
    payload = {
        "benchmark": benchmark,
        "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "rows": [row.__dict__ for row in rows],
        "details": dict(details or {}),
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def verdict(met: bool) -> str:
    """``met`` or ``NOT MET``."""
    return "met" if met else "NOT MET"


# --- the synthetic tally that bench_lifecycle.py and bench_results.py share ----------------
# (the library is imported inside these functions: table.py reads this module without it)

CANDIDATES = 20
"""Candidates on every synthetic ballot."""

STATIONS_PER_CENTER = 10


def tally_setup(
    centers: int, *, ballots: tuple[int, ...], offices: int = 1, subconstituencies: int = 1
) -> tuple[TallySetup, list[Station]]:
    """A tally's reference data: ``centers`` centres of 10 male stations of 900 registrants.

    Centre ``c`` (from 0) has id ``10_001 + c``, office ``1 + c % offices`` and
    sub-constituency ``1 + c % subconstituencies``; every ballot (a general HoR race)
    covers every sub-constituency and has :data:`CANDIDATES` candidates. Returns the
    setup and its stations, centre by centre.
    """
    from electoral.model import Ballot, Candidate, Center, Gender, Office, Race, Region, Station
    from electoral.results import TallySetup

    race = Race(election_level="HoR", name="general")
    subcons = set(range(1, subconstituencies + 1))
    regions = list(Region)
    center_list = [
        Center(
            center_id=10_001 + c,
            name_ar=f"مركز {c}",
            office_id=1 + c % offices,
            subconstituency_id=1 + c % subconstituencies,
        )
        for c in range(centers)
    ]
    stations = [
        Station(center_id=c.center_id, number=s, gender=Gender.MALE, registrants=900)
        for c in center_list
        for s in range(1, STATIONS_PER_CENTER + 1)
    ]
    setup = TallySetup.build(
        centers=center_list,
        stations=stations,
        ballots=[Ballot(number=b, race=race, subconstituency_ids=subcons) for b in ballots],
        candidates=[
            Candidate(ballot_number=b, candidate_id=i, name_ar=f"مرشح {i}", order=i)
            for b in ballots
            for i in range(1, CANDIDATES + 1)
        ],
        offices=[
            Office(
                id=i,
                name_en=f"Office {i}",
                name_ar=f"مكتب {i}",
                region=regions[1 + i % (len(regions) - 1)],
            )
            for i in range(1, offices + 1)
        ],
    )
    return setup, stations


def paper(
    n: int, station: Station, ballot: int, *, state: FormState | None = None, spoil: int = 0
) -> tuple[ResultForm, dict[tuple[int, int], int], ReconciliationForm]:
    """The ``n``-th form's paper: the form, its votes by candidate and its section.

    The votes follow a fixed pattern (0 to 39 each); the section agrees with them, but
    ``spoil`` more ballots were counted than were cast (the reconciliation check's
    figure).
    """
    from electoral.model import FormState, ReconciliationForm, ResultForm

    votes = {(ballot, i): (n * 7 + i * 13) % 40 for i in range(1, CANDIDATES + 1)}
    total = sum(votes.values())
    recon = ReconciliationForm(
        number_of_voters=900,
        number_of_voter_cards_in_the_ballot_box=total + 10,
        number_valid_votes=total,
        number_invalid_votes=10,
        number_sorted_and_counted=total + 10 + spoil,
    )
    form = ResultForm(
        barcode=f"{station.center_id}{station.number:03d}{ballot:03d}",
        ballot_number=ballot,
        center_id=station.center_id,
        station_number=station.number,
        gender=station.gender,
        state=FormState.UNSUBMITTED if state is None else state,
    )
    return form, votes, recon
