"""``electoral audit evaluate PLAN --counts COUNTS``: confirmed, next round, or full count.

Reads a plan written by ``electoral audit plan`` (or by an earlier ``evaluate``) and
the hand counts of every round so far, evaluates each race
(:func:`electoral.audit.evaluate_audit`), and writes, in ``--output``:
``evaluation.json``, and for the races that go on, the next round's ``plan.json``,
``draws.csv`` and ``hand-counts.csv``. A count missing for a drawn station, or a
count of a station that was not drawn, is refused with every problem listed: no race
is confirmed on incomplete counts.
"""

from __future__ import annotations

import argparse
import io
import pathlib

from electoral.cli._atomic import write_atomic
from electoral.cli._command import Command, Context, DataError, Outcome
from electoral.cli._inputs import read_text
from electoral.cli.audit_plan import _summarise, _write_round
from electoral.errors import ErrorCollector, InvalidFormat, ValidationError, ValidationErrors

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="plan.json from `electoral audit plan` or `evaluate`")
    parser.add_argument("--counts", required=True, help="the hand counts of every round so far")
    parser.add_argument(
        "--output", required=True, help="folder for evaluation.json and the sheets"
    )


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    from electoral.audit import (
        evaluate_audit,
        evaluations_json,
        plans_from_json,
        read_hand_counts,
        risk_text,
    )

    plan_text = read_text(pathlib.Path(args.plan), "plan")
    counts_text = read_text(pathlib.Path(args.counts), "counts")
    try:
        plans = plans_from_json(plan_text)
        counts = read_hand_counts(io.StringIO(counts_text, newline=""), plans)
    except ValidationErrors as group:
        raise DataError(group.errors) from None
    except ValidationError as error:
        raise DataError([error]) from None
    if not plans:
        raise DataError(
            [InvalidFormat("audit.json.shape", field="plan", value=None, expected="a race")]
        )
    if not plans:
        raise DataError(
            [InvalidFormat("audit.json.shape", field="plan", value=None, expected="a race")]
        )
    collector = ErrorCollector("hand counts")
    evaluations = []
    for plan in plans:
        with collector.at(f"race {plan.contest.id}"):
            evaluations.append(evaluate_audit(plan, counts.get(plan.contest.id, [])))
    if collector:
        raise DataError(collector.errors)
    folder = pathlib.Path(args.output)
    write_atomic(folder / "evaluation.json", evaluations_json(evaluations))
    written = ["evaluation.json"]
    following = [e.next if e.next is not None else e.plan for e in evaluations]
    if any(e.next is not None for e in evaluations):
        written += _write_round(folder, following)
    lines = []
    for evaluation in evaluations:
        line = (
            f"{evaluation.plan.contest.id}: {evaluation.status}, risk {risk_text(evaluation.risk)}"
        )
        if evaluation.status == "counted":
            changed = "changed" if evaluation.changed else "unchanged"
            line += f"; the hand count's seats stand ({changed})"
        elif evaluation.next is not None:
            line += f"; next: {len(evaluation.next.to_count)} stations to count"
        lines.append(line)
    _summary, races = _summarise(following)
    return Outcome(
        text="\n".join([*lines, "wrote " + ", ".join(written)]) + "\n",
        data={
            "evaluations": [
                {"race": e.plan.contest.id, "status": e.status, "risk": risk_text(e.risk)}
                for e in evaluations
            ],
            "next": races,
            "files": written,
        },
    )


COMMAND = Command(
    name="audit evaluate",
    summary="evaluate hand counts: confirmed, another round, or a full hand count",
    configure=_configure,
    run=_run,
    description=(
        "Compare the hand counts of every round so far with the published forms and say, "
        "race by race, whether the outcome is confirmed or what to count next."
    ),
    group_summary="risk-limiting audits of published results",
)
"""``electoral audit evaluate``."""
