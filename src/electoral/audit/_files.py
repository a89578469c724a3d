"""Private: every file the audit reads or writes, under one policy.

Read: the published per-form results (the results system's export, one row per form
and candidate), a races file (which ballot is which race, under which rule), hand
counts, and a plan saved earlier. Written: the draws to pull, a hand-count sheet, a
plan, an evaluation. The policy is the library's for every external file:

* UTF-8 with or without a byte-order mark; LF, CRLF or CR-only line endings;
* readers stream (a row at a time) and report every problem with its line and a
  code (``audit.csv.*``, ``audit.json.*``): a ``csv.Error`` (an oversize field, an
  unterminated quote), a NUL byte, text that is not UTF-8, a number with more digits
  than any count, JSON nested too deep; never a traceback;
* no CSV cell written may run as a spreadsheet formula: a cell beginning with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` (OWASP,
  "CSV Injection"), which the readers here remove again.

>>> import io
>>> races = read_races(io.StringIO("ballot,race,rule,seats\\r\\n7,Ghat/general,plurality,1\\r\\n"))
>>> races[7].id, races[7].seats
('Ghat/general', 1)
"""

from __future__ import annotations

import csv
import decimal
import io
import json
import pathlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from fractions import Fraction
from typing import Any, Final, NamedTuple, TextIO, cast

from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    InvalidType,
    MissingValue,
    ValidationError,
    register_messages,
)
from electoral.seats import (
    DIVISORS,
    QUOTAS,
    BlockVoteRule,
    DrawingOfLots,
    HighestAveragesRule,
    LargestRemainderRule,
    PluralityRule,
    PublicDraw,
    Race,
    TwoRoundRule,
)

from ._common import MAX_COUNT, check_count, check_name, check_risk_limit
from ._contest import Batch, Contest, Forms, Rule
from ._plan import AuditEvaluation, AuditPlan, BallotRead, Draw, HandCount

__all__ = [
    "RESULT_COLUMNS",
    "evaluations_json",
    "hand_count_sheet",
    "plans_from_json",
    "plans_json",
    "read_hand_counts",
    "read_races",
    "read_results",
    "risk_text",
    "rule_from_name",
    "rule_name",
    "write_draws",
    "write_races",
]

Source = pathlib.Path | TextIO | Iterable[str]
"""A file to read: a path, a text stream, or its lines (with their line ends)."""
MAX_CELL: Final = 1000
MAX_DEPTH: Final = 32
FORMAT: Final = "electoral.audit.plan/1"
_FORMULA: Final = ("=", "+", "-", "@", "\t", "\r")
KINDS: Final = (
    "general",
    "women",
    "component",
    "list",
    "president",
    "municipal_list",
    "individual",
)

register_messages(
    {
        "audit.csv.columns": (
            "the columns {columns} are missing.",
            "الأعمدة {columns} مفقودة.",
        ),
        "audit.csv.malformed": (
            "the CSV text cannot be read: {reason}.",
            "تعذرت قراءة نص CSV: {reason}.",
        ),
        "audit.csv.encoding": (
            "the file is not UTF-8 text.",
            "الملف ليس نصًا بترميز UTF-8.",
        ),
        "audit.csv.cell": (
            "a cell is longer than {limit} characters or holds a NUL character.",
            "خلية أطول من {limit} حرفًا أو تحتوي على المحرف NUL.",
        ),
        "audit.csv.duplicate": (
            "{value} appears more than once.",
            "القيمة {value} مكررة.",
        ),
        "audit.csv.rule": (
            "{value} is not a rule name (plurality, block_vote, two_round, "
            "two_round:fifty_percent_plus_one, two_round:always_runoff, a divisor or a "
            "quota name).",
            "القيمة {value} ليست اسم قاعدة (plurality أو block_vote أو two_round أو "
            "two_round:fifty_percent_plus_one أو two_round:always_runoff أو اسم قاسم أو "
            "حصة).",
        ),
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


# --------------------------------------------------------------------------- CSV in


@contextmanager
def _text(source: Source) -> Iterator[Iterable[str]]:
    if isinstance(source, pathlib.Path):
        with source.open(encoding="utf-8-sig", newline="") as stream:
            yield stream
    elif hasattr(source, "read") or (
        isinstance(source, Iterable) and not isinstance(source, (str, bytes, Mapping))
    ):
        yield source
    else:
        raise TypeError(
            f"source must be a Path, a text stream or lines, not {type(source).__name__}"
        )


def _cell(text: str) -> str:
    if len(text) > MAX_CELL or "\x00" in text:
        raise InvalidFormat("audit.csv.cell", field="cell", value=text[:40], limit=MAX_CELL)
    if len(text) > 1 and text[0] == "'" and text[1] in _FORMULA:
        return text[1:]
    return text


def _rows(
    source: Source, what: str, required: Sequence[str], collector: ErrorCollector
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, {column: cell})`` for each data row; problems go to ``collector``."""
    with _text(source) as stream:
        reader = csv.reader(stream, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                header = []
            elif header and header[0].startswith("\ufeff"):
                header[0] = header[0][1:]
            names = [_cell(name).strip() for name in header]
            missing = [name for name in required if name not in names]
            if missing:
                collector.add(
                    MissingValue(
                        "audit.csv.columns", field=what, value=missing, columns=", ".join(missing)
                    ),
                    "line 1",
                )
                return
            for row in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                try:
                    cells = dict.fromkeys(names, "")  # a short row's missing cells are blank
                    cells.update(
                        (name, _cell(cell).strip()) for name, cell in zip(names, row, strict=False)
                    )
                except ValidationError as error:
                    collector.add(error, f"line {line}")
                    continue
                yield line, cells
        except csv.Error as error:
            collector.add(
                InvalidFormat("audit.csv.malformed", field=what, value=None, reason=str(error)),
                f"line {reader.line_num}",
            )
        except UnicodeDecodeError:
            collector.add(
                InvalidFormat("audit.csv.encoding", field=what, value=None),
                f"line {reader.line_num + 1}",
            )


def _count(text: str, field: str) -> int:
    if not text:
        raise InvalidType("audit.count_type", field=field, value=text)
    if not (text.isascii() and text.isdigit()):
        raise InvalidType("audit.count_type", field=field, value=text)
    if len(text) > 12:
        check_count(MAX_COUNT + 1, field)
    return check_count(int(text), field)


def rule_name(rule: Rule) -> str:
    """The name of a seat rule in the races file (``"plurality"``, ``"dhondt"``...).

    >>> rule_name(TwoRoundRule(majority="always_runoff"))
    'two_round:always_runoff'
    """
    if isinstance(rule, PluralityRule):
        return "plurality"
    if isinstance(rule, BlockVoteRule):
        return "block_vote"
    if isinstance(rule, TwoRoundRule):
        return "two_round" if rule.majority == "more_than_half" else f"two_round:{rule.majority}"
    if isinstance(rule, HighestAveragesRule):
        return rule.divisor
    return rule.quota


def rule_from_name(name: str, threshold: Fraction | None = None) -> Rule:
    """The seat rule called ``name``; ``threshold`` for the list rules.

    Raises:
        InvalidFormat: ``audit.csv.rule``.

    >>> rule_from_name("sainte_lague", Fraction(1, 20))
    HighestAveragesRule(divisor='sainte_lague', threshold=Fraction(1, 20))
    """
    if name == "plurality":
        return PluralityRule()
    if name == "block_vote":
        return BlockVoteRule()
    if name == "two_round":
        return TwoRoundRule()
    if name in ("two_round:fifty_percent_plus_one", "two_round:always_runoff"):
        return TwoRoundRule(majority=name.partition(":")[2])  # type: ignore[arg-type]
    if name in DIVISORS:
        return HighestAveragesRule(divisor=name, threshold=threshold)
    if name in QUOTAS:
        return LargestRemainderRule(quota=name, threshold=threshold)
    raise InvalidFormat("audit.csv.rule", field="rule", value=name)


def read_races(source: Source) -> dict[int, Race]:
    """The races file: ``ballot,race,rule,seats`` and optional ``threshold``, ``kind``.

    Each ballot (the results system's race number) is one race. ``threshold`` is a
    fraction of the valid votes (``0.05``) for list rules.

    Raises:
        ValidationErrors: every problem, with its line.
    """
    collector = ErrorCollector("races")
    races: dict[int, Race] = {}
    for line, row in _rows(source, "races", ("ballot", "race", "rule", "seats"), collector):
        with collector.at(f"line {line}"):
            ballot = _count(row["ballot"], "ballot")
            race = check_name(row["race"], "race")
            seats = _count(row["seats"], "seats")
            share = row.get("threshold", "")
            threshold = check_risk_limit(share, "threshold") if share else None
            rule = rule_from_name(row["rule"], threshold)
            if ballot in races:
                raise InconsistentValue("audit.csv.duplicate", field="ballot", value=ballot)
            kind = row.get("kind", "") or "general"
            if kind not in KINDS:
                raise InvalidFormat(
                    "audit.unknown_name", field="kind", value=kind, choices=", ".join(KINDS)
                )
            races[ballot] = Race(
                id=race, district=race, kind=cast(Any, kind), seats=seats, rule=rule, citation=""
            )
    collector.raise_if_any()
    return races


RESULT_COLUMNS: Final = ("ballot", "center", "station", "barcode", "candidate_id", "votes")
"""The columns of the results export an audit needs (others are ignored)."""


class _Row(NamedTuple):
    ballot: int
    center: int
    station: int
    barcode: str
    candidate_id: int
    votes: int
    invalid_ballots: int | None
    valid_votes: int | None
    total_ballot_papers_in_box: int | None


def _optional(row: Mapping[str, str], column: str) -> int | None:
    text = row.get(column, "")
    return _count(text, column) if text else None


def read_results(
    source: Source, races: Mapping[int, Race], *, lots: Mapping[str, Any] | None = None
) -> tuple[Contest, ...]:
    """Contests from the results system's per-form export and the races file.

    The CSV form of :func:`~electoral.audit.contests_from_results`: the columns
    :data:`RESULT_COLUMNS` are required, ``invalid_ballots``, ``valid_votes`` and
    ``total_ballot_papers_in_box`` are used when present, others are ignored.

    Raises:
        ValidationErrors: every problem, with its line.
    """
    collector = ErrorCollector("results")
    forms = Forms(races)
    for line, row in _rows(source, "results", RESULT_COLUMNS, collector):
        with collector.at(f"line {line}"):
            forms.add(
                _Row(
                    ballot=_count(row["ballot"], "ballot"),
                    center=_count(row["center"], "center"),
                    station=_count(row["station"], "station"),
                    barcode=row["barcode"],
                    candidate_id=_count(row["candidate_id"], "candidate_id"),
                    votes=_count(row["votes"], "votes"),
                    invalid_ballots=_optional(row, "invalid_ballots"),
                    valid_votes=_optional(row, "valid_votes"),
                    total_ballot_papers_in_box=_optional(row, "total_ballot_papers_in_box"),
                )
            )
    collector.raise_if_any()
    return forms.contests(lots)


def read_hand_counts(
    source: Source, plans: Sequence[AuditPlan]
) -> dict[str, list[HandCount | BallotRead]]:
    """Hand counts by race, for :func:`~electoral.audit.evaluate_audit`.

    Two shapes, told apart by the header: ``race,batch,candidate,votes`` (and an
    optional ``ballots``) for counted batches, one row per candidate; or
    ``race,batch,position,vote`` (and an optional ``found``: ``no`` for a ballot not
    in the box) for ballots read in a ballot-polling round, ``vote`` blank for a blank
    or invalid ballot.

    Raises:
        ValidationErrors: every problem, with its line (unknown races included).
    """
    collector = ErrorCollector("hand counts")
    known = {plan.contest.id for plan in _plans(plans)}
    rows = list(_rows(source, "hand counts", ("race", "batch"), collector))
    polling = bool(rows) and "position" in rows[0][1]
    sums: dict[str, dict[str, dict[str, int]]] = {}
    boxes: dict[tuple[str, str], int] = {}
    reads: dict[str, list[HandCount | BallotRead]] = {name: [] for name in known}
    for line, row in rows:
        with collector.at(f"line {line}"):
            race = row["race"]
            if race not in known:
                raise InconsistentValue("audit.contest_unknown", field="race", value=race)
            if polling:
                vote = row.get("vote", "") or None
                found = row.get("found", "").lower() not in ("no", "false", "0")
                reads[race].append(
                    BallotRead(
                        batch=row["batch"],
                        position=_count(row.get("position", ""), "position"),
                        vote=vote,
                        found=found,
                    )
                )
                continue
            batch = check_name(row["batch"], "batch")
            candidate = check_name(row.get("candidate", ""), "candidate")
            votes = _count(row.get("votes", ""), "votes")
            table = sums.setdefault(race, {}).setdefault(batch, {})
            if candidate in table:
                raise InconsistentValue(
                    "audit.csv.duplicate", field="candidate", value=f"{batch} {candidate}"
                )
            table[candidate] = votes
            if row.get("ballots", ""):
                boxes[(race, batch)] = _count(row["ballots"], "ballots")
    collector.raise_if_any()
    for race, batches in sums.items():
        for batch, counted in batches.items():
            reads[race].append(
                HandCount(batch=batch, votes=counted, ballots=boxes.get((race, batch)))
            )
    return reads


register_messages(
    {
        "audit.contest_unknown": (
            "{value} is not a race of this audit.",
            "{value} ليس سباقًا في هذا التدقيق.",
        ),
    }
)


# --------------------------------------------------------------------------- CSV out


def _plans(value: object, parameter: str = "plans") -> list[AuditPlan]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"{parameter} must be a sequence of AuditPlan, not {type(value).__name__}")
    found = list(value)
    for plan in found:
        if not isinstance(plan, AuditPlan):
            raise TypeError(f"{parameter} must hold AuditPlan, not {type(plan).__name__}")
    return found


def _safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_safe(cell) for cell in row])
    return out.getvalue()


def write_races(races: Mapping[int, Race]) -> str:
    """The races file of :func:`read_races`: ``ballot,race,rule,seats,threshold,kind``.

    >>> print(write_races({7: Race(id="Ghat/general", district="Ghat", kind="general",
    ...                            seats=2, rule=PluralityRule(), citation="")}), end="")
    ballot,race,rule,seats,threshold,kind
    7,Ghat/general,plurality,2,,general
    """
    if not isinstance(races, Mapping):
        raise TypeError(f"races must be a mapping of ballot to Race, not {type(races).__name__}")
    for race in races.values():
        if not isinstance(race, Race):
            raise TypeError(f"races must hold Race, not {type(race).__name__}")
    rows = []
    for ballot, race in sorted(races.items()):
        threshold = getattr(race.rule, "threshold", None)
        share = "" if threshold is None else _fraction(threshold)
        rows.append((ballot, race.id, rule_name(race.rule), race.seats, share, race.kind))
    return _csv(("ballot", "race", "rule", "seats", "threshold", "kind"), rows)


def write_draws(plans: Iterable[AuditPlan]) -> str:
    """The draws of every plan's last round: what each team pulls, in draw order.

    Columns ``race,round,draw,batch,position,label``; a full hand count lists every
    batch with ``draw`` empty.
    """
    rows: list[Sequence[object]] = []
    for plan in _plans(plans):
        labels = {batch.id: batch.label for batch in plan.contest.batches}
        if plan.status == "full_hand_count":
            rows += [
                (plan.contest.id, "full", "", batch, "", labels[batch]) for batch in plan.to_count
            ]
            continue
        if plan.status != "sampling":
            continue
        round_number = len(plan.rounds)
        rows += [
            (plan.contest.id, round_number, d.number, d.batch, d.position or "", labels[d.batch])
            for d in plan.rounds[-1]
        ]
    return _csv(("race", "round", "draw", "batch", "position", "label"), rows)


def hand_count_sheet(plans: Iterable[AuditPlan]) -> str:
    """A sheet for the hand counts, to fill in and read back with :func:`read_hand_counts`.

    Batch comparison and full hand counts: one row per batch to count and candidate,
    ``votes`` left blank. Ballot polling: one row per ballot drawn, ``vote`` blank.
    """
    counted: list[Sequence[object]] = []
    polled: list[Sequence[object]] = []
    for plan in _plans(plans):
        race = plan.contest.id
        if plan.method == "ballot_polling" and plan.status == "sampling":
            seen: set[tuple[str, int | None]] = set()
            for draw in plan.rounds[-1]:
                if (draw.batch, draw.position) not in seen:
                    seen.add((draw.batch, draw.position))
                    polled.append((race, draw.batch, draw.position, ""))
            continue
        names = plan.contest.names
        counted += [(race, batch, name, "") for batch in plan.to_count for name in names]
    if polled and not counted:
        return _csv(("race", "batch", "position", "vote"), polled)
    return _csv(("race", "batch", "candidate", "votes", "ballots"), [(*r, "") for r in counted])


# --------------------------------------------------------------------------- JSON


def _fraction(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(value)


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
