"""Private: every file the audit reads or writes, under one policy.

Read: the published per-form results (the results system's export, one row per form
and candidate), a races file (which ballot is which race, under which rule), hand
counts, and a plan saved earlier. Written: the draws to pull, a hand-count sheet, a
plan, an evaluation. The policy is the library's for every external file:

* UTF-8 with or without a byte-order mark; LF, CRLF or CR-only line endings;
* readers stream (a row at a time) and report every problem with its line and a
  code (``audit.csv.*``, ``audit.json.*``; the published results are read by
  :func:`electoral.formats.tallyho.iter_results_export`, whose codes they carry): a
  ``csv.Error`` (an oversize field, an unterminated quote), a NUL byte, text that is
  not UTF-8, a number with more digits than any count, JSON nested too deep; never a
  traceback;
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
import io
import pathlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from fractions import Fraction
from typing import Any, Final, TextIO, cast

from electoral._guard import guarded
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    InvalidType,
    MissingValue,
    ValidationError,
    ValidationErrors,
    register_messages,
)
from electoral.formats import Source as FileSource
from electoral.seats import (
    DIVISORS,
    QUOTAS,
    BlockVoteRule,
    HighestAveragesRule,
    LargestRemainderRule,
    PluralityRule,
    Race,
    TwoRoundRule,
)

from ._common import MAX_COUNT, check_count, check_name, check_risk_limit
from ._contest import Contest, Forms, Rule
from ._plan import AuditPlan, BallotRead, HandCount

__all__ = [
    "RESULT_COLUMNS",
    "hand_count_sheet",
    "read_hand_counts",
    "read_races",
    "read_results",
    "rule_from_name",
    "rule_name",
    "write_draws",
    "write_races",
]

Source = pathlib.Path | TextIO | Iterable[str]
"""A file to read: a path, a text stream, or its lines (with their line ends)."""
MAX_CELL: Final = 1000
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


@guarded
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


class _Lines:
    """An iterable of lines read as an open file (what the formats layer reads)."""

    def __init__(self, lines: Iterable[object]) -> None:
        self._lines = iter(lines)

    def read(self, size: int = -1, /) -> str:
        for line in self._lines:
            if not isinstance(line, str):
                raise TypeError(f"source must hold lines of text, not {type(line).__name__}")
            if line:
                return line
        return ""


def _readable(source: object) -> FileSource:
    """``source`` (already a :data:`Source`, by its annotation) as the formats layer reads it."""
    if isinstance(source, pathlib.Path) or hasattr(source, "read"):
        return cast(FileSource, source)
    return _Lines(cast(Iterable[object], source))


@guarded
def read_results(
    source: Source, races: Mapping[int, Race], *, lots: Mapping[str, Any] | None = None
) -> tuple[Contest, ...]:
    """Contests from the results system's per-form export and the races file.

    The CSV form of :func:`~electoral.audit.contests_from_results`: the columns
    :data:`RESULT_COLUMNS` are required, ``invalid_ballots``, ``valid_votes`` and
    ``total_ballot_papers_in_box`` are used when present. The file is read by
    :func:`electoral.formats.tallyho.iter_results_export` with ``columns``: every
    column the file has is checked as the results system's export is checked.

    Raises:
        ValidationErrors: every problem, with its line.
    """
    from electoral.formats.tallyho._export import numbered_results_export

    collector = ErrorCollector("results")
    forms = Forms(races)
    try:
        for line, row in numbered_results_export(_readable(source), RESULT_COLUMNS):
            with collector.at(f"line {line}"):
                forms.add(row)
    except ValidationErrors as group:
        collector.extend(group.errors)
    collector.raise_if_any()
    return forms.contests(lots)


@guarded
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


def _fraction(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(value)


@guarded
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


@guarded
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


@guarded
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
