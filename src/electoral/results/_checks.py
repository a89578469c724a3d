"""Private: quarantine checks on a form's FINAL figures.

Three checks are active in the current results system. Each compares figures of
the FINAL entry with a **tolerance**: the check's absolute ``value`` when it is
not 0, otherwise ``percentage`` % of the check's own **base**. Bounds are
inclusive, and tolerances are exact :class:`~fractions.Fraction` values (3 % of
70 is ``Fraction(21, 10)``), never floats.

========================  ===================================  ==================
check                     passes when                           percentage base
========================  ===================================  ==================
Reconciliation Check      ``|B - (V + I)| <= tolerance``        ``V + I``
Over-Voting Check         ``V + I <= R + tolerance``            ``R`` (registrants)
Card Check                ``VV + I <= C + tolerance``           ``C`` (voter cards)
========================  ===================================  ==================

V = the form's FINAL active candidate votes, I = Field 4 (invalid), B = Field 5
(ballot papers in the box), VV = Field 3 (valid votes), C = Field 2 (voter
cards), R = the station's registrants. A form with no FINAL reconciliation
section passes every check (out-of-country centres, 80001 and above, have no
section); the over-voting check also passes when the station or its
registrants are unknown, but **not** when registrants is 0.

The 2014 triggers are a second configuration, :data:`CHECKS_2014`, over the
2014 reconciliation layout.

Sources: Tally-Ho ``libs/verify/quarantine_checks.py``,
``models/quarantine_check.py``, ``QUARANTINE_DATA`` in ``settings/common.py``
(onaio/tally-ho at commit ``acbe4f4``); 2014: ``tally_ho/libs/verify/quarantine_checks.py``
at commit ``abc79b4``.

>>> from electoral.model import ReconciliationForm
>>> recon = ReconciliationForm(number_of_voter_cards_in_the_ballot_box=100,
...     number_valid_votes=65, number_invalid_votes=5, number_sorted_and_counted=72)
>>> report = run_checks(candidate_votes=65, recon=recon, registrants=80)
>>> [(o.check.name, o.passed) for o in report.outcomes]
[('Reconciliation Check', True), ('Over-Voting Check', True), ('Card Check', True)]
>>> report.outcomes[0].tolerance
Fraction(21, 10)
>>> run_checks(candidate_votes=65, recon=recon, registrants=60).failed_names
('Over-Voting Check',)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, Final

import attrs

from electoral._guard import MAX_COUNT, guarded, typed_fields
from electoral.errors import InconsistentValue, InvalidType, OutOfRange
from electoral.model import ReconciliationForm, ReconciliationForm2014
from electoral.model import _validators as v
from electoral.model._validators import builder
from electoral.results._records import (
    EntryVersion,
    FormRecord,
    PvpMode,
    Recon,
    TallySetup,
    active_recon_of,
)

__all__ = [
    "CHECKS_2014",
    "DEFAULT_CHECKS",
    "CheckMethod",
    "CheckOutcome",
    "QuarantineCheck",
    "QuarantineReport",
    "TallyConfig",
    "check_form",
    "run_checks",
]


class CheckMethod(enum.Enum):
    """The rule a quarantine check applies (Tally-Ho ``method``)."""

    RECONCILIATION = "pass_reconciliation_check"
    OVER_VOTING = "pass_over_voting_check"
    CARD = "pass_card_check"
    OVERVOTE_2014 = "pass_overvote"
    TAMPERING_2014 = "pass_tampering"

    @property
    def layout(self) -> type[ReconciliationForm] | type[ReconciliationForm2014]:
        """The reconciliation layout the rule reads."""
        return _LAYOUTS[self]


_LAYOUTS: Final[dict[CheckMethod, type[ReconciliationForm] | type[ReconciliationForm2014]]] = {
    method: (
        ReconciliationForm2014
        if method in (CheckMethod.OVERVOTE_2014, CheckMethod.TAMPERING_2014)
        else ReconciliationForm
    )
    for method in CheckMethod
}


def _to_fraction(value: object) -> object:
    if type(value) is int:
        return Fraction(value)
    return value


def _percentage(_: object, attribute: attrs.Attribute[Fraction], value: object) -> None:
    if not isinstance(value, Fraction):
        raise InvalidType("results.percentage", field=attribute.name, value=value)
    if value < 0:
        raise OutOfRange(field=attribute.name, value=value, min_value=0, max_value="∞")
    if value.numerator > MAX_COUNT or value.denominator > MAX_COUNT:
        raise OutOfRange("range.ceiling", field=attribute.name, value=value, maximum=MAX_COUNT)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class QuarantineCheck:
    """One configured check: its rule and tolerance (Tally-Ho ``QuarantineCheck``).

    Attributes:
        name: shown on the audit screen; unique in a tally.
        method: the rule; unique in a tally.
        value: absolute tolerance; when not 0 it takes precedence.
        percentage: tolerance as a percentage of the rule's base, used when
            ``value`` is 0 (an ``int`` or a :class:`~fractions.Fraction`).
        active: only active checks run.
        description: free text for the audit screen.

    >>> QuarantineCheck(name="x", method=CheckMethod.CARD, value=5, percentage=3).tolerance(70)
    Fraction(5, 1)
    >>> QuarantineCheck(name="x", method=CheckMethod.CARD, percentage=3).tolerance(70)
    Fraction(21, 10)
    """

    name: str = attrs.field(validator=v.text(max_length=255, blank=False))
    method: CheckMethod = attrs.field(validator=v.enum_member(CheckMethod))
    value: int = attrs.field(default=0, validator=v.integer(0))
    percentage: Fraction = attrs.field(
        default=Fraction(0), converter=_to_fraction, validator=_percentage
    )
    active: bool = attrs.field(default=True, validator=v.boolean)
    description: str = attrs.field(default="", validator=v.text(max_length=4096, newlines=True))

    @guarded
    def tolerance(self, base: int | Fraction) -> Fraction:
        """``value`` if it is not 0, else ``percentage`` % of ``base`` (exact)."""
        if self.value != 0:
            return Fraction(self.value)
        return self.percentage * Fraction(base) / 100

    @guarded
    def describe_tolerance(self, base_name: str) -> str:
        """The tolerance as the audit screen states it."""
        if self.value != 0:
            return f"{self.value} (fixed value)"
        return f"{self.percentage}% of {base_name}"


DEFAULT_CHECKS: Final = (
    QuarantineCheck(
        name="Reconciliation Check",
        method=CheckMethod.RECONCILIATION,
        percentage=3,
        description="Candidate votes plus invalid votes (Field 4) against ballot papers "
        "in the box (Field 5).",
    ),
    QuarantineCheck(
        name="Over-Voting Check",
        method=CheckMethod.OVER_VOTING,
        value=5,
        description="Candidate votes plus invalid votes against the station's registrants.",
    ),
    QuarantineCheck(
        name="Card Check",
        method=CheckMethod.CARD,
        percentage=5,
        description="Valid (Field 3) plus invalid (Field 4) votes against voter cards "
        "in the box (Field 2).",
    ),
)
"""The seeded checks of the current system (``QUARANTINE_DATA``), in seeding order."""

CHECKS_2014: Final = (
    QuarantineCheck(
        name="Trigger 1 - Guard against overvoting",
        method=CheckMethod.OVERVOTE_2014,
        value=10,
        description="Ballots used (cancelled + unstamped + invalid + candidate votes) "
        "against registrants.",
    ),
    QuarantineCheck(
        name="Trigger 2 - Guard against errors and tampering with the form",
        method=CheckMethod.TAMPERING_2014,
        percentage=3,
        description="Candidate votes against ballots expected (inside - unstamped - invalid).",
    ),
)
"""The 2014 triggers, over :class:`~electoral.model.ReconciliationForm2014`.

Deliberate difference: Tally-Ho 2014 read trigger 2's tolerance from trigger 1's
row; here each trigger uses its own row (3 % of the mean of candidate votes and
ballots expected).
"""


def _unique_checks(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(c, QuarantineCheck) for c in value):
        raise InvalidType(field=attribute.name, value=value)
    seen: set[object] = set()
    for check in value:
        for key in (check.method, check.name):
            if key in seen:
                raise InconsistentValue("results.check_duplicate", field=attribute.name, value=key)
            seen.add(key)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class TallyConfig:
    """Per-tally configuration of the results rules.

    Attributes:
        name: the tally's name.
        checks: the quarantine checks, in the order they run; each method and
            name at most once (Tally-Ho's per-tally uniqueness).
        pvp_mode: the tally's PVP mode (Tally-Ho ``Tally.pvp_mode``); a PVP
            bundle uses the mode of the configuration it is imported under.

    >>> TallyConfig(checks=CHECKS_2014).checks[0].value
    10
    >>> TallyConfig().pvp_mode.name
    'DISABLED'
    """

    name: str = attrs.field(default="tally", validator=v.text(max_length=255, blank=False))
    checks: tuple[QuarantineCheck, ...] = attrs.field(
        default=DEFAULT_CHECKS, converter=v.to_tuple, validator=_unique_checks
    )
    pvp_mode: PvpMode = attrs.field(default=PvpMode.DISABLED, validator=v.enum_member(PvpMode))


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class CheckOutcome:
    """One check applied to one form, with everything the audit screen shows.

    Attributes:
        check: the configured check.
        passed: whether the form passed.
        applies: ``False`` when the check passed trivially (see ``note``).
        note: why the check did not apply, or ``""``.
        inputs: the named figures the rule read.
        left: the compared quantity (left of ``<=``).
        right: the reference figure the tolerance is added to.
        raw_base: the percentage base of the rule (see :attr:`base`).
        condition: the pass condition, as text.
        base_name: how the audit screen names the base.
    """

    check: QuarantineCheck
    passed: bool
    applies: bool = True
    note: str = ""
    inputs: tuple[tuple[str, int], ...] = ()
    left: int = 0
    right: int = 0
    raw_base: int | Fraction = 0
    condition: str = ""
    base_name: str = ""

    @property
    def base(self) -> int | Fraction | None:
        """The percentage base, or ``None`` when the tolerance is a fixed value."""
        return None if self.check.value != 0 else self.raw_base

    @property
    def tolerance(self) -> Fraction:
        """The exact tolerance (computed on demand; the verdict uses integers)."""
        return self.check.tolerance(self.raw_base)

    @property
    def limit(self) -> Fraction:
        """The right-hand side of ``<=``: the reference figure plus the tolerance."""
        return self.right + self.tolerance

    def explain(self) -> str:
        """Inputs, tolerance, condition and verdict, as the audit screen lists them.

        >>> from electoral.model import ReconciliationForm
        >>> r = ReconciliationForm(number_invalid_votes=5, number_sorted_and_counted=80)
        >>> print(run_checks(candidate_votes=65, recon=r, registrants=None).outcomes[0].explain())
        Reconciliation Check: FAILED
          V (candidate votes) = 65; I (Field 4, invalid) = 5; B (Field 5, ballots in box) = 80
          tolerance = 3% of V + I = 21/10
          condition: |B - (V + I)| <= tolerance: 10 <= 21/10
        """
        verdict = "passed" if self.passed else "FAILED"
        if not self.applies:
            return f"{self.check.name}: passed (not applied: {self.note})"
        shown = "; ".join(f"{label} = {value}" for label, value in self.inputs)
        return (
            f"{self.check.name}: {verdict}\n"
            f"  {shown}\n"
            f"  tolerance = {self.check.describe_tolerance(self.base_name)} = {self.tolerance}\n"
            f"  condition: {self.condition}: {self.left} <= {self.limit}"
        )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class QuarantineReport:
    """The outcome of every active check on one form (one audit lists all failures)."""

    outcomes: tuple[CheckOutcome, ...] = ()
    skipped: bool = False

    @property
    def failed(self) -> tuple[CheckOutcome, ...]:
        """The checks the form failed, in run order."""
        return tuple(o for o in self.outcomes if not o.passed)

    @property
    def failed_names(self) -> tuple[str, ...]:
        """Names of the failed checks."""
        return tuple(o.check.name for o in self.failed)

    @property
    def passed(self) -> bool:
        """Whether every check passed (or the checks were skipped)."""
        return not self.failed


_RECONCILIATION: Final = CheckMethod.RECONCILIATION
_OVER_VOTING: Final = CheckMethod.OVER_VOTING
_CARD: Final = CheckMethod.CARD
_OVERVOTE_2014: Final = CheckMethod.OVERVOTE_2014
_TAMPERING_2014: Final = CheckMethod.TAMPERING_2014

_outcome: Final = builder(
    CheckOutcome,
    "check",
    "passed",
    "applies",
    "note",
    "inputs",
    "left",
    "right",
    "raw_base",
    "condition",
    "base_name",
)
_report: Final = builder(QuarantineReport, "outcomes", "skipped")


def _trivial(check: QuarantineCheck, note: str) -> CheckOutcome:
    return CheckOutcome(check=check, passed=True, applies=False, note=note)


def _compare(
    check: QuarantineCheck,
    inputs: tuple[tuple[str, int], ...],
    left: int,
    right: int,
    base: int | Fraction,
    base_name: str,
    condition: str,
) -> CheckOutcome:
    # Exact and float-free: left <= right + pct/100 * base, cross-multiplied.
    if check.value != 0:
        passed = left <= right + check.value
    else:
        pct = check.percentage
        if isinstance(base, Fraction):
            passed = (
                100 * (left - right) * pct.denominator * base.denominator
                <= pct.numerator * base.numerator
            )
        else:
            passed = 100 * (left - right) * pct.denominator <= pct.numerator * base
    # The figures come from checked records (non-negative counts) and the labels are
    # the rule's own: the ceiling is all CheckOutcome would check, and it is checked here.
    if type(base) is int and max(left, right, base, *[n for _, n in inputs]) <= MAX_COUNT:
        return _outcome(check, passed, True, "", inputs, left, right, base, condition, base_name)
    return CheckOutcome(
        check=check,
        passed=passed,
        inputs=inputs,
        left=left,
        right=right,
        raw_base=base,
        condition=condition,
        base_name=base_name,
    )


def _one(
    check: QuarantineCheck, v_: int, recon: Recon | None, registrants: int | None, station: bool
) -> CheckOutcome:
    if recon is None:
        return _trivial(check, "the form has no FINAL reconciliation section")
    method = check.method
    # Identity, not _LAYOUTS[method]: an Enum member hashes in Python, three times a form
    # (and the members are module constants: reading one from its class is slower).
    old_layout = method is _OVERVOTE_2014 or method is _TAMPERING_2014
    if not isinstance(recon, ReconciliationForm2014 if old_layout else ReconciliationForm):
        raise InconsistentValue(
            "results.recon_layout",
            field="recon",
            value=check.name,
            layout=method.layout.__name__,
        )
    if method is _RECONCILIATION:
        assert isinstance(recon, ReconciliationForm)
        i, b = recon.number_invalid_votes, recon.number_sorted_and_counted
        return _compare(
            check,
            inputs=(
                ("V (candidate votes)", v_),
                ("I (Field 4, invalid)", i),
                ("B (Field 5, ballots in box)", b),
            ),
            left=abs(b - (v_ + i)),
            right=0,
            base=v_ + i,
            base_name="V + I",
            condition="|B - (V + I)| <= tolerance",
        )
    if method is _OVER_VOTING or method is _OVERVOTE_2014:
        if not station:
            return _trivial(check, "the form has no station")
        if registrants is None:
            return _trivial(check, "the station's registrants are not known")
        if isinstance(recon, ReconciliationForm):
            i = recon.number_invalid_votes
            return _compare(
                check,
                inputs=(
                    ("V (candidate votes)", v_),
                    ("I (Field 4, invalid)", i),
                    ("R (registrants)", registrants),
                ),
                left=v_ + i,
                right=registrants,
                base=registrants,
                base_name="R",
                condition="V + I <= R + tolerance",
            )
        used = recon.ballots_used(v_)
        return _compare(
            check,
            inputs=(
                ("cancelled", recon.number_cancelled_ballots),
                ("unstamped", recon.number_unstamped_ballots),
                ("invalid", recon.number_invalid_votes),
                ("V (candidate votes)", v_),
                ("R (registrants)", registrants),
            ),
            left=used,
            right=registrants,
            base=registrants,
            base_name="R",
            condition="ballots used <= R + tolerance",
        )
    if method is _CARD:
        assert isinstance(recon, ReconciliationForm)
        vv, i, c = (
            recon.number_valid_votes,
            recon.number_invalid_votes,
            recon.number_of_voter_cards_in_the_ballot_box,
        )
        return _compare(
            check,
            inputs=(
                ("VV (Field 3, valid)", vv),
                ("I (Field 4, invalid)", i),
                ("C (Field 2, voter cards)", c),
            ),
            left=vv + i,
            right=c,
            base=c,
            base_name="C",
            condition="VV + I <= C + tolerance",
        )
    assert isinstance(recon, ReconciliationForm2014)
    expected = recon.ballots_expected
    return _compare(
        check,
        inputs=(
            ("V (candidate votes)", v_),
            ("inside the box", recon.number_ballots_inside_box),
            ("unstamped", recon.number_unstamped_ballots),
            ("invalid", recon.number_invalid_votes),
        ),
        left=abs(v_ - expected),
        right=0,
        base=Fraction(v_ + expected, 2),
        base_name="(V + expected) / 2",
        condition="|V - (inside - unstamped - invalid)| <= tolerance",
    )


@guarded
def run_checks(
    *,
    candidate_votes: int,
    recon: Recon | None,
    registrants: int | None,
    has_station: bool = True,
    checks: Iterable[QuarantineCheck] = DEFAULT_CHECKS,
) -> QuarantineReport:
    """Apply every **active** check to one form's figures, in order.

    Args:
        candidate_votes: V, the form's FINAL active candidate votes, summed.
        recon: the FINAL reconciliation section, or ``None`` (no section).
        registrants: the station's registrants, or ``None`` when not known.
        has_station: whether the form has a station.
        checks: the configured checks (:attr:`TallyConfig.checks`).

    Raises:
        InconsistentValue: ``results.recon_layout``, a check reads a different
            reconciliation layout from the one given.
    """
    return _run(candidate_votes, recon, registrants, has_station, checks)


def _run(
    votes: int,
    recon: Recon | None,
    registrants: int | None,
    station: bool,
    checks: Iterable[QuarantineCheck],
) -> QuarantineReport:
    outcomes = tuple([_one(c, votes, recon, registrants, station) for c in checks if c.active])
    return _report(outcomes, False)  # outcomes just made


@guarded
def check_form(record: FormRecord, config: TallyConfig, setup: TallySetup) -> QuarantineReport:
    """Run the tally's quarantine checks on a form's FINAL, active entry.

    Returns an empty, ``skipped`` report when the form's sticky
    ``skip_quarantine_checks`` flag is set.
    """
    return check_form_of(record, config, setup)


def check_form_of(record: FormRecord, config: TallyConfig, setup: TallySetup) -> QuarantineReport:
    """:func:`check_form` without the guard, for ``qc_pass`` (its caller, guarded)."""
    if record.skip_quarantine_checks:
        return QuarantineReport(skipped=True)
    form = record.form
    key = form.station_key
    station = None if key is None else setup.stations.get(key)  # setup.station_of
    recon = active_recon_of(record, _FINAL) if form.has_reconciliation else None
    votes = sum([e.votes for e in record.results if e.version is _FINAL and e.active])
    registrants = None if station is None else station.registrants
    return _run(votes, recon, registrants, key is not None, config.checks)


_FINAL: Final = EntryVersion.FINAL
