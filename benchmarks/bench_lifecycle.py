"""Benchmark: a result form's whole life cycle against building its final record once.

Run as ``python benchmarks/bench_lifecycle.py``. For ``--forms`` forms of 20
candidates (with a reconciliation section), two sides take turns in the same run
(``benchmarks/_interleave.py``: CPU-time medians with min-max):

* **library**: each form through the life cycle, as a tally centre does it and as
  ``electoral demo`` does it: :func:`~electoral.results.import_form`,
  :func:`~electoral.results.intake`, :func:`~electoral.results.intake_match`, two data
  entries (:func:`~electoral.results.enter_de1`, :func:`~electoral.results.enter_de2`),
  :func:`~electoral.results.compare_entries`,
  :func:`~electoral.results.resolve_corrections`, :func:`~electoral.results.qc_pass`
  (the quarantine checks) and :func:`~electoral.results.qc_print`; every step checks
  its guard, validates what it is given and records an event;
* **floor**: the same final :class:`~electoral.results.FormRecord` built once from its
  parts (the form, its 60 vote entries, 3 reconciliation entries and the quality
  control record), each part validated by its constructor; no guard, no event.

Both sides give equal records (checked). It prints the time per form of each side and
their ratio (target: the life cycle at most 2x the floor). A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("electoral") is None:  # running from a bare checkout
    sys.path.insert(0, str(ROOT / "src"))

import pendulum  # noqa: E402 - after the path fix above

from _interleave import CANDIDATES, Row, interleave, paper, ratio, tally_setup  # noqa: E402
from _interleave import record as record_rows  # noqa: E402
from electoral.model import (  # noqa: E402
    TRIPOLI,
    FormState,
    ReconciliationForm,
    ResultForm,
)
from electoral.results import (  # noqa: E402
    EntryVersion,
    FormRecord,
    QualityControl,
    ReconEntry,
    TallyConfig,
    TallySetup,
    VoteEntry,
    compare_entries,
    enter_de1,
    enter_de2,
    import_form,
    intake,
    intake_match,
    qc_pass,
    qc_print,
    resolve_corrections,
)

TARGET = 2.0
BALLOT = 101
NOW = pendulum.datetime(2026, 6, 26, 8, tz=TRIPOLI)
CONFIG = TallyConfig()

Paper = tuple[ResultForm, dict[tuple[int, int], int], ReconciliationForm]


def build(forms: int) -> tuple[TallySetup, list[Paper]]:
    """A setup with one station per form, and each form's paper (votes and section)."""
    setup, stations = tally_setup(forms // 10 + 1, ballots=(BALLOT,))
    return setup, [paper(n, station, BALLOT) for n, station in enumerate(stations[:forms])]


def life_cycle(setup: TallySetup, paper: Paper) -> FormRecord:
    """One form from import to the archive, every step checked and recorded."""
    form, votes, recon = paper
    record = import_form(form, user="setup", now=NOW).record
    record = intake(record, setup=setup, others=(), user="intake", now=NOW).record
    record = intake_match(record, user="intake", now=NOW).record
    record = enter_de1(record, votes=votes, recon=recon, setup=setup, user="de1", now=NOW).record
    record = enter_de2(record, votes=votes, recon=recon, setup=setup, user="de2", now=NOW).record
    choices = {key: votes[key] for key in compare_entries(record).mismatched}
    record = resolve_corrections(record, user="corrections", now=NOW, choices=choices).record
    record = qc_pass(record, config=CONFIG, setup=setup, user="qc", now=NOW).record
    return qc_print(record, user="qc", now=NOW).record


def floor(paper: Paper) -> FormRecord:
    """The same final record, built once from its parts."""
    form, votes, recon = paper
    users = {EntryVersion.DATA_ENTRY_1: "de1", EntryVersion.DATA_ENTRY_2: "de2"}
    users[EntryVersion.FINAL] = "corrections"
    return FormRecord(
        form=ResultForm(
            barcode=form.barcode,
            ballot_number=form.ballot_number,
            center_id=form.center_id,
            station_number=form.station_number,
            gender=form.gender,
            state=FormState.ARCHIVED,
        ),
        results=[
            VoteEntry(candidate=key, votes=count, version=version, user=user)
            for version, user in users.items()
            for key, count in votes.items()
        ],
        recons=[ReconEntry(recon=recon, version=v, user=user) for v, user in users.items()],
        previous_state=FormState.QUALITY_CONTROL,
        quality_controls=[QualityControl(user="qc", passed_qc=True, passed_reconciliation=True)],
        date_seen=NOW,
    )


def main(argv: list[str] | None = None) -> int:
    """Time both sides interleaved and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--forms", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args(argv)
    setup, papers = build(args.forms)
    assert [life_cycle(setup, p) for p in papers[:50]] == [floor(p) for p in papers[:50]]
    samples = interleave(
        {
            "life cycle": lambda: [life_cycle(setup, p) for p in papers],
            "floor": lambda: [floor(p) for p in papers],
        },
        args.rounds,
    )
    per_form = 1e3 / args.forms
    ours, base = samples["life cycle"].scaled(per_form), samples["floor"].scaled(per_form)
    times = ratio(ours, base)
    print(f"{args.forms:,} forms of {CANDIDATES} candidates; {args.rounds} interleaved rounds")
    print(f"life cycle per form:             {ours.describe('ms', 3)}")
    print(f"final record built once (floor): {base.describe('ms', 3)}")
    print(f"ratio: {times:.2f}x (target <= {TARGET}x)")
    record_rows(
        "lifecycle",
        [
            Row(
                order=3,
                measure="result-form life cycle per form vs building the final record once "
                f"({base.median:.2f} ms)",
                now=f"{ours.median:.2f} ms ({times:.2f}x)",
                target=f"<= {TARGET:g}x that floor",
                met=times <= TARGET,
            )
        ],
        {"life_cycle_ms": ours.cpu, "floor_ms": base.cpu},
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
