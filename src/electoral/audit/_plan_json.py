"""Private: an audit's plans and evaluations as JSON, saved between rounds.

A plan file carries everything the next round needs (the contests, the risk limit, the
seed, the draws and the sampling status); ``plans_from_json`` reads one back under the
library's policy for external files: UTF-8 with or without a byte-order mark, every
problem a typed error with a code (``audit.json.*``), numbers refused when they are
not whole or have more digits than any count, nesting deeper than
:data:`MAX_DEPTH` refused, never a traceback.
"""

from __future__ import annotations

import decimal
import json
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Final

from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    register_messages,
)
from electoral.seats import DrawingOfLots, PublicDraw

from ._common import check_count, check_risk_limit
from ._contest import Batch, Contest
from ._files import Source, _fraction, _plans, _text, rule_from_name, rule_name
from ._plan import AuditEvaluation, AuditPlan, Draw

__all__ = ["evaluations_json", "plans_from_json", "plans_json", "risk_text"]

MAX_DEPTH: Final = 32
FORMAT: Final = "electoral.audit.plan/1"

register_messages(
    {
        "audit.json.malformed": (
            "the JSON text cannot be read: {reason}.",
            "تعذرت قراءة نص JSON: {reason}.",
        ),
        "audit.json.shape": (
            "{value} is not what a plan file holds here ({expected}).",
            "القيمة {value} ليست ما يحتويه ملف الخطة هنا ({expected}).",
        ),
    }
)


def _lots_json(lots: DrawingOfLots | PublicDraw | None) -> Any:
    if lots is None:
        return None
    if isinstance(lots, DrawingOfLots):
        return {"order": list(lots.order), "record": lots.record}
    return {"sources": [list(s) if isinstance(s, tuple) else s for s in lots.sources],
            "record": lots.record}  # fmt: skip


def _contest_json(contest: Contest) -> dict[str, Any]:
    rule = contest.rule
    threshold = getattr(rule, "threshold", None)
    return {
        "id": contest.id,
        "rule": rule_name(rule),
        "threshold": None if threshold is None else _fraction(threshold),
        "seats": contest.seats,
        "candidates": list(contest.names),
        "lots": _lots_json(contest.lots),
        "caps": None if contest.caps is None else dict(contest.caps),
        "uncounted": contest.uncounted,
        "batches": [
            {"id": b.id, "label": b.label, "ballots": b.ballots, "votes": dict(b.votes)}
            for b in contest.batches
        ],
    }


def plans_json(plans: Iterable[AuditPlan]) -> str:
    """Plans as one JSON document, to evaluate later with :func:`plans_from_json`."""
    documents = []
    for plan in _plans(plans):
        documents.append(
            {
                "contest": _contest_json(plan.contest),
                "method": plan.method,
                "sampling": plan.sampling,
                "risk_limit": _fraction(plan.risk_limit),
                "seed": plan.seed,
                "expected_overstatement": plan.expected_overstatement,
                "assertions": [a.text for a in plan.assertions],
                "rounds": [
                    [{"number": d.number, "batch": d.batch, "position": d.position} for d in r]
                    for r in plan.rounds
                ],
                "risk": _fraction(plan.risk),
                "status": plan.status,
                "reason": plan.reason,
            }
        )
    return json.dumps({"format": FORMAT, "plans": documents}, ensure_ascii=False, indent=1) + "\n"


def risk_text(value: Fraction | None) -> str:
    """A risk for people: four significant digits, rounded up (``"inf"`` if unbounded).

    >>> risk_text(Fraction(1, 3)), risk_text(None), risk_text(Fraction(0))
    ('0.3334', 'inf', '0')
    """
    if value is None:
        return "inf"
    if not isinstance(value, Fraction):
        raise TypeError(f"value must be Fraction or None, not {type(value).__name__}")
    if not value:
        return "0"
    context = decimal.Context(prec=4, rounding=decimal.ROUND_CEILING)
    quotient = context.divide(decimal.Decimal(value.numerator), decimal.Decimal(value.denominator))
    return format(quotient, "f")


def evaluations_json(evaluations: Iterable[AuditEvaluation]) -> str:
    """Evaluations as one JSON document: status, risk, discrepancies and what comes next."""
    documents = []
    if isinstance(evaluations, (str, bytes, Mapping)) or not isinstance(evaluations, Iterable):
        raise TypeError(f"evaluations must be a sequence, not {type(evaluations).__name__}")
    for evaluation in evaluations:
        if not isinstance(evaluation, AuditEvaluation):
            raise TypeError(
                f"evaluations must hold AuditEvaluation, not {type(evaluation).__name__}"
            )
        following = evaluation.next
        documents.append(
            {
                "race": evaluation.plan.contest.id,
                "status": evaluation.status,
                "risk": risk_text(evaluation.risk),
                "risk_exact": None if evaluation.risk is None else _fraction(evaluation.risk),
                "risk_limit": _fraction(evaluation.plan.risk_limit),
                "reason": evaluation.reason,
                "discrepancies": [
                    {
                        "batch": d.batch,
                        "candidate": d.candidate,
                        "reported": d.reported,
                        "counted": d.counted,
                    }
                    for d in evaluation.discrepancies
                ],
                "seats": None if evaluation.seats is None else dict(evaluation.seats),
                "changed": evaluation.changed,
                "to_count": [] if following is None else list(following.to_count),
            }
        )
    return json.dumps({"evaluations": documents}, ensure_ascii=False, indent=1) + "\n"


def _number(text: str) -> int:
    if len(text.lstrip("-")) > 12:
        raise ValueError("a number has more digits than any count")
    return int(text)


def _refuse_float(text: str) -> float:
    raise ValueError(f"{text} is not a whole number")


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        if isinstance(item, dict):
            stack += [(child, depth + 1) for child in item.values()]
        elif isinstance(item, list):
            stack += [(child, depth + 1) for child in item]
    return deepest


def _load(source: Source | str) -> Any:
    if isinstance(source, str):
        text = source
    else:
        try:
            with _text(source) as stream:
                text = "".join(stream)
        except TypeError:
            raise TypeError("source must be text, a Path, a text stream or lines of str") from None
        except UnicodeDecodeError:
            raise InvalidFormat("audit.csv.encoding", field="plan", value=None) from None
    try:
        data = json.loads(text.lstrip("\ufeff"), parse_int=_number, parse_float=_refuse_float)
    except json.JSONDecodeError as error:
        raise InvalidFormat(
            "audit.json.malformed",
            field="plan",
            value=None,
            reason=f"line {error.lineno}: {error.msg}",
        ) from None
    except (ValueError, RecursionError) as error:
        reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        raise InvalidFormat(
            "audit.json.malformed", field="plan", value=None, reason=reason
        ) from None
    if _depth(data) > MAX_DEPTH:
        raise InvalidFormat(
            "audit.json.malformed", field="plan", value=None, reason="nested too deeply"
        )
    return data


def _get(data: Any, key: str, kind: type | tuple[type, ...], expected: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise InvalidFormat("audit.json.shape", field=key, value=None, expected=expected)
    value = data[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise InvalidFormat("audit.json.shape", field=key, value=value, expected=expected)
    return value


def _lots_from(data: Any) -> DrawingOfLots | PublicDraw | None:
    if data is None:
        return None
    if isinstance(data, dict) and "order" in data:
        return DrawingOfLots(order=tuple(_get(data, "order", list, "a list of names")),
                             record=_get(data, "record", str, "text"))  # fmt: skip
    sources = _get(data, "sources", list, "the drawing's sources")
    return PublicDraw(
        sources=tuple(tuple(s) if isinstance(s, list) else s for s in sources),
        record=_get(data, "record", str, "text"),
    )


def _contest_from(data: Any) -> Contest:
    threshold = data.get("threshold") if isinstance(data, dict) else None
    rule = rule_from_name(
        _get(data, "rule", str, "a rule name"),
        None if threshold is None else check_risk_limit(threshold, "threshold"),
    )
    batches = [
        Batch(
            id=_get(b, "id", str, "a batch id"),
            label=_get(b, "label", str, "text"),
            ballots=_get(b, "ballots", int, "a count"),
            votes=_get(b, "votes", dict, "votes by candidate"),
        )
        for b in _get(data, "batches", list, "a list of batches")
    ]
    return Contest(
        id=_get(data, "id", str, "a race id"),
        rule=rule,
        seats=_get(data, "seats", int, "a count"),
        batches=batches,
        candidates=tuple(_get(data, "candidates", list, "a list of names")),
        lots=_lots_from(data.get("lots")),
        caps=data.get("caps"),
        uncounted=_get(data, "uncounted", int, "a count"),
    )


def plans_from_json(source: Source | str) -> tuple[AuditPlan, ...]:
    """Read back the plans of :func:`plans_json` (text, a path or a text stream).

    The assertions are recomputed from the contest; the draws are checked against
    its batches.

    Raises:
        InvalidFormat: ``audit.json.malformed``, ``audit.json.shape``.
        ValidationErrors: every problem of the plans, with its location.
    """
    from ._assertions import assertions
    from ._sampling import check_seed

    data = _load(source)
    if _get(data, "format", str, FORMAT) != FORMAT:
        raise InvalidFormat("audit.json.shape", field="format", value=data["format"],
                            expected=FORMAT)  # fmt: skip
    collector = ErrorCollector("plan")
    plans: list[AuditPlan] = []
    for index, item in enumerate(_get(data, "plans", list, "a list of plans")):
        with collector.at(f"$.plans[{index}]"):
            contest = _contest_from(_get(item, "contest", dict, "a contest"))
            ids = {batch.id for batch in contest.batches}
            rounds = []
            for drawn in _get(item, "rounds", list, "a list of rounds"):
                draws = []
                for d in drawn if isinstance(drawn, list) else [None]:
                    batch = _get(d, "batch", str, "a batch id")
                    if batch not in ids:
                        raise InconsistentValue("audit.not_drawn", field="batch", value=batch)
                    position = d.get("position") if isinstance(d, dict) else None
                    draws.append(
                        Draw(
                            number=check_count(_get(d, "number", int, "a draw number"), "number"),
                            batch=batch,
                            position=None
                            if position is None
                            else check_count(position, "position"),
                        )
                    )
                rounds.append(tuple(draws))
            status = _get(item, "status", str, "a plan status")
            if status not in ("sampling", "confirmed", "full_hand_count"):
                raise InvalidFormat("audit.json.shape", field="status", value=status,
                                    expected="sampling, confirmed or full_hand_count")  # fmt: skip
            method = _get(item, "method", str, "a method")
            sampling = _get(item, "sampling", str, "a sampling")
            if method not in ("batch_comparison", "ballot_polling") or sampling not in (
                "ppeb",
                "uniform",
            ):
                raise InvalidFormat("audit.json.shape", field="method", value=method,
                                    expected="batch_comparison or ballot_polling")  # fmt: skip
            risk = Fraction(_get(item, "risk", str, "a fraction"))
            plans.append(
                AuditPlan(
                    contest=contest,
                    method=method,
                    sampling=sampling,
                    risk_limit=check_risk_limit(_get(item, "risk_limit", str, "a fraction")),
                    seed=check_seed(_get(item, "seed", str, "the seed")),
                    expected_overstatement=check_count(
                        _get(item, "expected_overstatement", int, "a count"),
                        "expected_overstatement",
                    ),
                    assertions=assertions(contest),
                    rounds=tuple(rounds),
                    risk=risk,
                    status=status,
                    reason=_get(item, "reason", str, "text"),
                )
            )
    collector.raise_if_any()
    return tuple(plans)
