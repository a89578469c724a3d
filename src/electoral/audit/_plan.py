"""Private: planning an audit round by round, and evaluating the hand counts.

:func:`plan_audit` turns a contest, a risk limit and a public seed into the first
round: how many draws, and which batches (or which ballots) to pull. The audit team
counts them by hand; :func:`evaluate_audit` compares the counts with the forms and
says what comes next:

* ``"confirmed"``: every assertion's risk is at most the risk limit; stop.
* ``"next_round"``: draw more (:attr:`AuditEvaluation.next` lists them; the draws
  continue the same numbered stream, so earlier draws are never redrawn).
* ``"full_hand_count"``: count every batch of the race by hand; its result stands.
* ``"counted"``: every batch has been counted; the hand count's seats are the
  outcome (:attr:`AuditEvaluation.seats`, :attr:`AuditEvaluation.changed`).

The audit escalates to a full hand count when a batch is as wrong as it could be (or
its box holds more ballots than its form's bound), when some assertion has no margin
left, and when the next round would need as many draws as there are batches (or
ballots). An evaluation is never made on incomplete data: every drawn batch or ballot
must have a count, and a count of anything not drawn is refused.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Literal

import attrs

from electoral.errors import ErrorCollector, InconsistentValue, MissingValue, register_messages
from electoral.seats import PublicDraw

from . import _bravo, _macro
from ._assertions import Assertion, _assertions
from ._common import check_count, check_name, check_risk_limit, require_type
from ._contest import Contest, _votes, seats_won
from ._sampling import check_seed, contest_seed, sample_uniform, sample_weighted

__all__ = [
    "AuditEvaluation",
    "AuditPlan",
    "BallotRead",
    "Discrepancy",
    "Draw",
    "HandCount",
    "evaluate_audit",
    "plan_audit",
]

Method = Literal["batch_comparison", "ballot_polling"]
Sampling = Literal["ppeb", "uniform"]
PlanStatus = Literal["sampling", "confirmed", "full_hand_count"]
Status = Literal["confirmed", "next_round", "full_hand_count", "counted"]
METHODS: tuple[Method, ...] = ("batch_comparison", "ballot_polling")
SAMPLINGS: tuple[Sampling, ...] = ("ppeb", "uniform")

register_messages(
    {
        "audit.not_drawn": (
            "{value} was not drawn for this audit.",
            "{value} لم يُسحب لهذا التدقيق.",
        ),
        "audit.missing_count": (
            "{value} was drawn but has no hand count.",
            "سُحب {value} لكن لا يوجد له عدّ يدوي.",
        ),
        "audit.count_duplicate": (
            "{value} has more than one hand count.",
            "للقيمة {value} أكثر من عدّ يدوي واحد.",
        ),
        "audit.position": (
            "{value} is not a ballot's place in its batch (1 to {maximum}).",
            "القيمة {value} ليست موضع ورقة اقتراع في دفعتها (من 1 إلى {maximum}).",
        ),
    }
)


def _batch(_instance: object, _attribute: object, value: str) -> None:
    check_name(value, "batch")


def _position(_instance: object, _attribute: object, value: int) -> None:
    check_count(value, "position")
    if value == 0:
        raise InconsistentValue("audit.position", field="position", value=0, maximum="∞")


@attrs.frozen(kw_only=True)
class Draw:
    """One draw of the audit's numbered stream.

    Attributes:
        number: the draw's number ``i`` in the contest's SHA-256 stream.
        batch: the batch drawn.
        position: for ballot polling, the ballot's place in the batch (from 1).
    """

    number: int = attrs.field(validator=lambda _i, _a, value: check_count(value, "number"))
    batch: str = attrs.field(validator=_batch)
    position: int | None = attrs.field(default=None)

    @position.validator
    def _check_position(self, attribute: object, value: object) -> None:
        if value is not None:
            _position(self, attribute, value)  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class HandCount:
    """The hand count of one batch: votes per candidate, and the ballots found.

    Attributes:
        batch: the batch's id.
        votes: the votes counted for each candidate (a candidate left out had 0).
        ballots: the ballots found in the box, if they were counted; more than the
            form's bound escalates the audit.
    """

    batch: str = attrs.field(validator=_batch)
    votes: Mapping[str, int] = attrs.field(converter=_votes)
    ballots: int | None = attrs.field(default=None)

    @ballots.validator
    def _check_ballots(self, _attribute: object, value: object) -> None:
        if value is not None:
            check_count(value, "ballots")


@attrs.frozen(kw_only=True)
class BallotRead:
    """What one ballot drawn for ballot polling shows.

    Attributes:
        batch: the batch (station's box) it was drawn from.
        position: its place in the batch, from 1.
        vote: the candidate it shows, or ``None`` for a blank or invalid ballot.
        found: ``False`` when the box holds fewer ballots than the position: the
            missing ballot is read as a vote against every assertion (Bañuelos and
            Stark 2012, "phantoms to evil zombies").
    """

    batch: str = attrs.field(validator=_batch)
    position: int = attrs.field(validator=_position)
    vote: str | None = attrs.field(default=None)
    found: bool = attrs.field(default=True)

    @vote.validator
    def _check_vote(self, _attribute: object, value: object) -> None:
        if value is not None:
            check_name(value, "vote")


@attrs.frozen(kw_only=True)
class Discrepancy:
    """A candidate whose hand count differs from the batch's form."""

    batch: str
    candidate: str
    reported: int
    counted: int


@attrs.frozen(kw_only=True, eq=False)
class AuditPlan:
    """An audit of one contest: its parameters, assertions and the rounds drawn so far.

    Attributes:
        contest: the contest audited.
        method: ``"batch_comparison"`` or ``"ballot_polling"``.
        sampling: ``"ppeb"`` (batches in proportion to their error bound) or
            ``"uniform"``.
        risk_limit: the largest chance the audit may have of confirming a wrong
            outcome.
        seed: the audit's public seed text (the contest draws from
            :attr:`stream`).
        expected_overstatement: the votes of overstatement per sampled batch the
            sample sizes allow for.
        assertions: what the audit checks.
        rounds: the draws of every round so far.
        risk: the risk measured before the last round (1 before the first).
        status: ``"sampling"`` (count :attr:`to_count`), ``"confirmed"`` (nothing to
            count: no error could change the outcome), or ``"full_hand_count"``.
        reason: why the plan is what it is, in words.
    """

    contest: Contest = attrs.field(validator=attrs.validators.instance_of(Contest))
    method: Method = attrs.field(validator=attrs.validators.in_(METHODS))
    sampling: Sampling = attrs.field(validator=attrs.validators.in_(SAMPLINGS))
    risk_limit: Fraction = attrs.field(validator=attrs.validators.instance_of(Fraction))
    seed: str = attrs.field(validator=attrs.validators.instance_of(str))
    expected_overstatement: int = attrs.field(validator=attrs.validators.instance_of(int))
    assertions: tuple[Assertion, ...]
    rounds: tuple[tuple[Draw, ...], ...]
    risk: Fraction = attrs.field(validator=attrs.validators.instance_of(Fraction))
    status: PlanStatus = attrs.field(
        validator=attrs.validators.in_(("sampling", "confirmed", "full_hand_count"))
    )
    reason: str

    @property
    def stream(self) -> str:
        """The seed text of this contest's draws (``seed + "," + contest id``)."""
        return contest_seed(self.seed, self.contest.id)

    @property
    def draws(self) -> tuple[Draw, ...]:
        """Every draw of every round, in order."""
        return tuple(itertools.chain.from_iterable(self.rounds))

    @property
    def sample_size(self) -> int:
        """The draws of the last round."""
        return len(self.rounds[-1]) if self.rounds else 0

    @property
    def to_count(self) -> tuple[str, ...]:
        """The batches to pull now, each once, in the order first drawn.

        All batches for a full hand count; for a sampling round, the batches its
        draws name that no earlier round drew.
        """
        if self.status == "full_hand_count":
            return tuple(batch.id for batch in self.contest.batches)
        if self.status == "confirmed" or not self.rounds:
            return ()
        earlier = {draw.batch for draw in itertools.chain.from_iterable(self.rounds[:-1])}
        return tuple(
            b for b in dict.fromkeys(d.batch for d in self.rounds[-1]) if b not in earlier
        )


@attrs.frozen(kw_only=True, eq=False)
class AuditEvaluation:
    """What the hand counts say about a plan's round.

    Attributes:
        plan: the plan evaluated.
        status: ``"confirmed"``, ``"next_round"``, ``"full_hand_count"`` or
            ``"counted"`` (see the module).
        risk: the measured risk (``None`` when unbounded).
        reason: the status in words.
        next: the plan of the next round (``"next_round"``) or of the full hand count.
        discrepancies: every candidate whose count differs from its batch's form.
        seats: the hand count's seats, when every batch was counted.
        changed: whether they differ from the reported seats.
    """

    plan: AuditPlan
    status: Status
    risk: Fraction | None
    reason: str
    next: AuditPlan | None = None
    discrepancies: tuple[Discrepancy, ...] = ()
    seats: Mapping[str, int] | None = None
    changed: bool | None = None

    @property
    def confirmed(self) -> bool:
        """Whether the reported outcome stands: confirmed, or recounted unchanged."""
        return self.status == "confirmed" or (self.status == "counted" and not self.changed)


def _choice(value: object, choices: Sequence[str], field: str) -> str:
    if not isinstance(value, str) or value not in choices:
        raise InconsistentValue(
            "audit.unknown_name", field=field, value=value, choices=", ".join(choices)
        )
    return value


def plan_audit(
    contest: Contest,
    *,
    risk_limit: Fraction | str,
    seed: str | PublicDraw,
    method: Method = "batch_comparison",
    sampling: Sampling | None = None,
    expected_overstatement: int = 0,
) -> AuditPlan:
    """The first round of a risk-limiting audit of ``contest``.

    Args:
        contest: the race and its batches (result forms).
        risk_limit: ``alpha`` in ``(0, 1)``, exact (``Fraction(1, 20)`` or ``"0.05"``).
        seed: the public seed: 20 to 256 decimal digits, or an RFC 3797
            :class:`~electoral.seats.PublicDraw`.
        method: ``"batch_comparison"`` (MACRO with Kaplan-Markov: hand-count whole
            stations and compare with their forms) or ``"ballot_polling"`` (BRAVO:
            read single ballots; needs no forms).
        sampling: for batch comparison, ``"ppeb"`` (default) or ``"uniform"``;
            ballot polling is always uniform over ballots.
        expected_overstatement: votes of overstatement to allow for in each sampled
            batch when sizing rounds (batch comparison).

    Raises:
        OutOfRange, InvalidType: a bad risk limit (``audit.risk_limit``,
            ``audit.risk_limit_type``).
        InvalidFormat: ``audit.seed``.
        InconsistentValue: ``audit.unresolved_tie``, ``audit.method_unsupported``,
            ``audit.polling_unsupported``, ``audit.unknown_name``.
    """
    require_type(contest, Contest, "contest")
    alpha = check_risk_limit(risk_limit)
    text = check_seed(seed)
    chosen = _choice(method, METHODS, "method")
    default: Sampling = "ppeb" if chosen == "batch_comparison" else "uniform"
    how = _choice(default if sampling is None else sampling, SAMPLINGS, "sampling")
    if chosen == "ballot_polling" and how != "uniform":
        raise InconsistentValue(
            "audit.unknown_name", field="sampling", value=how, choices="uniform"
        )
    expected = check_count(expected_overstatement, "expected_overstatement")
    totals = contest.totals()
    found = _assertions(contest, totals)
    plan = AuditPlan(
        contest=contest,
        method=chosen,  # type: ignore[arg-type]
        sampling=how,  # type: ignore[arg-type]
        risk_limit=alpha,
        seed=text,
        expected_overstatement=expected,
        assertions=found,
        rounds=(),
        risk=Fraction(1),
        status="sampling",
        reason="",
    )
    if chosen == "ballot_polling":
        splits = _splits(plan)
        return _polling_round(plan, splits, [Fraction(1)] * len(splits))
    return _comparison_round(plan, _design(plan, totals), Fraction(1))


def _design(plan: AuditPlan, totals: Mapping[str, int] | None = None) -> _macro.ErrorBounds:
    uniform = plan.sampling == "uniform"
    return _macro.error_bounds(plan.contest, plan.assertions, uniform=uniform, totals=totals)


def _splits(plan: AuditPlan) -> list[_bravo.Split]:
    totals = plan.contest.totals()
    ballots = plan.contest.ballots
    return [_bravo.split_assertion(a, totals, ballots) for a in plan.assertions]


def _next_number(plan: AuditPlan) -> int:
    draws = plan.draws
    return draws[-1].number + 1 if draws else 1


def _escalate(plan: AuditPlan, risk: Fraction, reason: str) -> AuditPlan:
    return attrs.evolve(plan, risk=risk, status="full_hand_count", reason=reason)


def _comparison_round(plan: AuditPlan, design: _macro.ErrorBounds, risk: Fraction) -> AuditPlan:
    if design.decided:
        return attrs.evolve(
            plan,
            risk=Fraction(0),
            status="confirmed",
            reason="no error the batches could hold would change the outcome",
        )
    if design.open:
        return _escalate(plan, risk, "an assertion has no margin left")
    size = _macro.sample_size(design, plan.risk_limit, risk, plan.expected_overstatement)
    drawable = sum(1 for weight in design.weights if weight)
    if size is None or size >= drawable:
        return _escalate(plan, risk, "a sample would need as many draws as there are batches")
    first = _next_number(plan)
    picks = sample_weighted(plan.stream, design.weights, size, first=first)
    batches = plan.contest.batches
    draws = tuple(
        Draw(number=first + offset, batch=batches[index].id) for offset, index in enumerate(picks)
    )
    return attrs.evolve(
        plan,
        rounds=(*plan.rounds, draws),
        risk=risk,
        status="sampling",
        reason=f"round {len(plan.rounds) + 1}: {size} draws",
    )


def _polling_round(
    plan: AuditPlan, splits: Sequence[_bravo.Split], risks: Sequence[Fraction]
) -> AuditPlan:
    alpha = plan.risk_limit
    worst = max(risks, default=Fraction(0))
    sizes = [
        _bravo.average_sample_number(split, alpha, risk)
        for split, risk in zip(splits, risks, strict=True)
    ]
    if any(size is None for size in sizes):
        return _escalate(plan, worst, "an assertion cannot be confirmed by sampling ballots")
    size = math.ceil(max((s for s in sizes if s is not None), default=0.0))
    if size == 0:
        return attrs.evolve(plan, risk=worst, status="confirmed", reason="risk limit met")
    total = plan.contest.ballots
    if len(plan.draws) + size >= total:
        return _escalate(plan, worst, "a sample would need as many draws as there are ballots")
    first = _next_number(plan)
    picks = sample_uniform(plan.stream, total, size, first=first)
    batches = plan.contest.batches
    ends = list(itertools.accumulate(batch.ballots for batch in batches))
    draws = []
    for offset, pick in enumerate(picks):
        index = bisect.bisect_left(ends, pick)
        start = ends[index - 1] if index else 0
        draws.append(Draw(number=first + offset, batch=batches[index].id, position=pick - start))
    return attrs.evolve(
        plan,
        rounds=(*plan.rounds, tuple(draws)),
        risk=worst,
        status="sampling",
        reason=f"round {len(plan.rounds) + 1}: {size} ballots",
    )


# --------------------------------------------------------------------------- evaluation


def _collect_counts(
    plan: AuditPlan, counts: object, kind: type
) -> tuple[dict[object, HandCount | BallotRead], ErrorCollector]:
    if isinstance(counts, (str, bytes, Mapping)) or not isinstance(counts, Sequence):
        raise TypeError(f"counts must be a sequence, not {type(counts).__name__}")
    collector = ErrorCollector(f"hand counts of {plan.contest.id!r}")
    names = set(plan.contest.names)
    found: dict[object, HandCount | BallotRead] = {}
    for index, item in enumerate(counts):
        require_type(item, kind, "counts")
        where = f"$.counts[{index}]"
        key: object
        if isinstance(item, HandCount):
            key = item.batch
            unknown = [name for name in item.votes if name not in names]
        else:
            assert isinstance(item, BallotRead)
            key = (item.batch, item.position)
            unknown = [item.vote] if item.vote is not None and item.vote not in names else []
        for name in unknown:
            collector.add(
                InconsistentValue("audit.unknown_candidate", field="candidate", value=name),
                where,
            )
        if key in found:
            collector.add(
                InconsistentValue("audit.count_duplicate", field="batch", value=_show(key)),
                where,
            )
        found[key] = item
    return found, collector


def _show(key: object) -> str:
    if isinstance(key, tuple):
        return f"{key[0]} #{key[1]}"
    return str(key)


def _require(
    collector: ErrorCollector, found: Mapping[object, object], required: Sequence[object]
) -> None:
    wanted = set(required)
    for key in found:
        if key not in wanted:
            collector.add(InconsistentValue("audit.not_drawn", field="batch", value=_show(key)))
    for key in dict.fromkeys(required):
        if key not in found:
            collector.add(MissingValue("audit.missing_count", field="batch", value=_show(key)))
    collector.raise_if_any()


def _counted(plan: AuditPlan, counts: Mapping[object, HandCount | BallotRead]) -> AuditEvaluation:
    contest = plan.contest
    totals = dict.fromkeys(contest.names, 0)
    for item in counts.values():
        assert isinstance(item, HandCount)
        for name, count in item.votes.items():
            totals[name] += count
    reported = seats_won(contest.outcome())
    outcome = contest.outcome(totals)
    seats = seats_won(outcome)
    open_tie = outcome.tie is not None and outcome.resolution is None
    changed = open_tie or seats != reported
    reason = "every batch was counted by hand; its result is the outcome"
    if open_tie:
        reason += " (it holds a tie that must be drawn by lot)"
    if contest.uncounted:
        reason += f"; {contest.uncounted} ballots outside every batch were not counted"
    return AuditEvaluation(
        plan=plan,
        status="counted",
        risk=Fraction(0) if not changed else None,
        reason=reason,
        discrepancies=_discrepancies(plan, counts),
        seats=seats,
        changed=changed,
    )


def _discrepancies(
    plan: AuditPlan, counts: Mapping[object, HandCount | BallotRead]
) -> tuple[Discrepancy, ...]:
    found = []
    for batch in plan.contest.batches:
        item = counts.get(batch.id)
        if not isinstance(item, HandCount):
            continue
        for name in sorted(set(batch.votes) | set(item.votes)):
            reported, counted = batch.votes.get(name, 0), item.votes.get(name, 0)
            if reported != counted:
                found.append(
                    Discrepancy(batch=batch.id, candidate=name, reported=reported, counted=counted)
                )
    return tuple(found)


def evaluate_audit(plan: AuditPlan, counts: Sequence[HandCount | BallotRead]) -> AuditEvaluation:
    """Evaluate the hand counts of every round so far, and say what comes next.

    Args:
        plan: the plan whose last round (or full hand count) was counted.
        counts: for batch comparison and full hand counts, one :class:`HandCount`
            per batch to count (every round's batches, once each); for ballot
            polling, one :class:`BallotRead` per ballot drawn (once each, however
            often it was drawn).

    Raises:
        ValidationErrors: every problem at once: ``audit.missing_count`` (a drawn
            batch or ballot without a count), ``audit.not_drawn``,
            ``audit.count_duplicate``, ``audit.unknown_candidate``.
        TypeError: a count of the wrong kind for the plan.
    """
    require_type(plan, AuditPlan, "plan")
    full = plan.status == "full_hand_count"
    polling = plan.method == "ballot_polling" and not full
    found, collector = _collect_counts(plan, counts, BallotRead if polling else HandCount)
    if plan.status == "confirmed":
        _require(collector, found, [])
        return AuditEvaluation(plan=plan, status="confirmed", risk=plan.risk, reason=plan.reason)
    if full:
        _require(collector, found, [batch.id for batch in plan.contest.batches])
        return _counted(plan, found)
    if polling:
        _require(collector, found, [(d.batch, d.position) for d in plan.draws])
        return _evaluate_polling(plan, found)
    _require(collector, found, [d.batch for d in plan.draws])
    if len(found) == len(plan.contest.batches):
        return _counted(plan, found)
    return _evaluate_comparison(plan, found)


def _evaluate_comparison(
    plan: AuditPlan, found: Mapping[object, HandCount | BallotRead]
) -> AuditEvaluation:
    design = _design(plan)
    index = _macro.batch_index(plan.contest)
    batches = plan.contest.batches
    counts: dict[int, Mapping[str, int]] = {}
    over = []
    for key, item in found.items():
        assert isinstance(item, HandCount)
        position = index[str(key)]
        counts[position] = item.votes
        ballots = max(sum(item.votes.values()), item.ballots or 0)
        if ballots > batches[position].ballots:
            over.append(str(key))
    discrepancies = _discrepancies(plan, found)
    draws = [index[draw.batch] for draw in plan.draws]
    risk = None if over else _macro.risk(design, draws, counts)
    if risk is None:
        why = (
            f"the box of {over[0]} holds more ballots than its form's bound"
            if over
            else "a batch's discrepancy reaches its largest possible error"
        )
        return AuditEvaluation(
            plan=plan,
            status="full_hand_count",
            risk=None,
            reason=why,
            next=_escalate(plan, plan.risk, why),
            discrepancies=discrepancies,
        )
    if risk <= plan.risk_limit:
        return AuditEvaluation(
            plan=plan,
            status="confirmed",
            risk=risk,
            reason="the risk is at most the risk limit",
            discrepancies=discrepancies,
        )
    following = _comparison_round(plan, design, risk)
    status: Status = "full_hand_count" if following.status == "full_hand_count" else "next_round"
    return AuditEvaluation(
        plan=plan,
        status=status,
        risk=risk,
        reason=following.reason,
        next=following,
        discrepancies=discrepancies,
    )


def _evaluate_polling(
    plan: AuditPlan, found: Mapping[object, HandCount | BallotRead]
) -> AuditEvaluation:
    splits = _splits(plan)
    tallies = [[0, 0] for _ in splits]
    for draw in plan.draws:
        item = found[(draw.batch, draw.position)]
        assert isinstance(item, BallotRead)
        for split, tally in zip(splits, tallies, strict=True):
            if not item.found:
                tally[1] += 1
            elif item.vote in split.favoured:
                tally[0] += 1
            elif item.vote in split.against:
                tally[1] += 1
    risks = [
        _bravo.polling_risk(split, favoured, against)
        for split, (favoured, against) in zip(splits, tallies, strict=True)
    ]
    if any(risk is None for risk in risks):
        why = "a ballot was found for a side the results gave no vote"
        return AuditEvaluation(
            plan=plan,
            status="full_hand_count",
            risk=None,
            reason=why,
            next=_escalate(plan, plan.risk, why),
        )
    known = [risk for risk in risks if risk is not None]
    worst = max(known, default=Fraction(0))
    if worst <= plan.risk_limit:
        return AuditEvaluation(
            plan=plan, status="confirmed", risk=worst, reason="the risk is at most the risk limit"
        )
    following = _polling_round(plan, splits, known)
    status: Status = "full_hand_count" if following.status == "full_hand_count" else "next_round"
    return AuditEvaluation(
        plan=plan, status=status, risk=worst, reason=following.reason, next=following
    )
