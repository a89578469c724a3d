"""``electoral audit evaluate PLAN --counts COUNTS --output DIR``: confirmed, or what next.

Reads a plan written by ``electoral audit plan`` (or by an earlier ``evaluate``) and
the hand counts of every round so far, and evaluates each race
(:func:`electoral.audit.evaluate_audit`): confirmed, another round, a full hand count,
or, once every station was counted, the hand count's seats. It writes, in ``--output``
and as one set: ``evaluation.json``, and the next ``plan.json``, ``draws.csv`` and
``hand-counts.csv`` for the races that go on. A count missing for a drawn station, or
a count of a station that was not drawn, is refused with every problem listed and
nothing is written: no race is confirmed on incomplete counts.
"""

from __future__ import annotations

import argparse
from typing import Any

from electoral.cli._atomic import OutputFolder
from electoral.cli._command import Command, Context, DataError, Outcome
from electoral.cli._files import Input, read_text
from electoral.cli._output import phrase
from electoral.cli.audit_plan import round_files, stream, summarise
from electoral.errors import ErrorCollector, InvalidFormat, ValidationError, ValidationErrors

__all__ = ["COMMAND"]

PLAN_FORMAT = "plan: the plan.json that electoral audit plan or evaluate wrote"
COUNTS_FORMAT = (
    "--counts: the hand counts of every round so far, as the hand-counts.csv sheet: "
    "race,batch,candidate,votes (and optionally ballots, the ballots found in the box), or "
    "for ballot polling race,batch,position,vote (and optionally found: no)"
)


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", help="plan.json from electoral audit plan or evaluate")
    parser.add_argument("--counts", required=True, help="the hand counts of every round so far")
    parser.add_argument("--output", required=True, help="folder for the evaluation and sheets")


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    from electoral.audit import (
        evaluate_audit,
        evaluations_json,
        plans_from_json,
        read_hand_counts,
        risk_text,
    )

    plan_file = Input.named(args.plan, "plan")
    counts_file = Input.named(args.counts, "counts")
    folder = OutputFolder(args.output, command="audit evaluate")
    folder.check_inputs(plan_file.path, counts_file.path)
    folder.prepare()
    try:
        plans = plans_from_json(read_text(plan_file))
        counts = read_hand_counts(stream(counts_file), plans)
    except ValidationErrors as group:
        raise DataError(group.errors) from None
    except ValidationError as error:
        raise DataError([error]) from None
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
    files = {"evaluation.json": evaluations_json(evaluations)}
    following = [e.next if e.next is not None else e.plan for e in evaluations]
    if any(e.next is not None for e in evaluations):
        files |= round_files(following)
    folder.commit(files)
    text = []
    for evaluation in evaluations:
        line = (
            f"{evaluation.plan.contest.id}: {evaluation.status}, risk {risk_text(evaluation.risk)}"
        )
        if evaluation.status == "counted":
            line += "; the hand count's seats stand" + (" (changed)" if evaluation.changed else "")
        elif evaluation.next is not None:
            line += f"; next: {len(evaluation.next.to_count)} stations to count"
        text.append(line)
    _lines, races = summarise(following)
    data: dict[str, Any] = {
        "evaluations": [
            {
                "race": e.plan.contest.id,
                "status": e.status,
                "risk": risk_text(e.risk),
                "changed": e.changed,
            }
            for e in evaluations
        ],
        "next": races,
        "output": str(args.output),
    }
    return Outcome(
        text="\n".join([*text, phrase("written", context.language, path=args.output)]) + "\n",
        data=data,
    )


COMMAND = Command(
    name="audit evaluate",
    summary="evaluate hand counts: confirmed, another round, or a full hand count",
    description=__doc__.split("\n", 2)[2].strip() if __doc__ else "",
    configure=_configure,
    run=_run,
    inputs=(PLAN_FORMAT, COUNTS_FORMAT),
    group_summary="risk-limiting audits of published results",
)
"""``electoral audit evaluate``."""
