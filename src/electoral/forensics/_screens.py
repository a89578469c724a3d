"""Private: the screens: per-station figures, the fingerprint, digit tests, flags.

Every screen reads **published forms** (:class:`~electoral.publication.PublishedForm`,
from :func:`electoral.publication.publish` or read back from the per-form file), so
an observer runs exactly what HNEC would. A screen returns :class:`Flag` values:
the station or group, the test used, its statistic and p-value, and the test's
caveat. :func:`screen` runs them all, adjusts the p-values of each test for the
number of stations tested (Benjamini–Hochberg) and ranks the flags; it never says
a station is fraudulent, and it never blocks a form.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from fractions import Fraction
from statistics import median
from typing import Final, TypeVar

import attrs

from electoral.errors import OutOfRange, register_messages
from electoral.forensics._stats import (
    benjamini_hochberg,
    binomial_tail,
    chi_square_test,
    exact_uniform_test,
    multinomial_log_pmf,
    normal_tail,
)
from electoral.publication import PublishedForm

__all__ = [
    "CAVEATS",
    "Fingerprint",
    "Flag",
    "StationFigures",
    "digit_flags",
    "fingerprint",
    "identical_vector_flags",
    "last_digit_test",
    "round_number_test",
    "screen",
    "station_figures",
    "turnout_flags",
]

register_messages(
    {
        "forensics.level": (
            "{value} must lie strictly between 0 and 1.",
            "يجب أن تكون القيمة {value} بين 0 و1 حصرًا.",
        ),
        "forensics.minimum": (
            "{value} must be at least {minimum}.",
            "يجب ألا تقل القيمة {value} عن {minimum}.",
        ),
    }
)

CAVEATS: Final = {
    "last_digit": (
        "Last digits are uniform only for counts much larger than 10 and not bunched "
        "in a narrow range; small or similar counts fail the test without any "
        "manipulation, and studies of real elections found the test did not separate "
        "clean from disputed ones (Beber and Scacco 2012; its critics)."
    ),
    "round_numbers": (
        "Assumes uniform last digits (a count ending in 0 or 5 one time in five); "
        "the same limits as the last-digit test apply."
    ),
    "turnout": (
        "High turnout has innocent causes (small communities, displaced voters, late "
        "registration, a register out of date); the bound is robust (median and MAD "
        "within the group) and the normal tail is an approximation."
    ),
    "identical_votes": (
        "Identical vote vectors can be honest (small stations, one-candidate "
        "communities) or a data-entry copy; the p-value is a union bound under "
        "multinomial voting with the ballot's shares, not an exact test."
    ),
}
"""The caveat each test's flags carry, by test."""

_MINIMUM_GROUP: Final = 8
_MAD_SCALE: Final = Fraction(14826, 10_000)

T = TypeVar("T")
Place = tuple[int, int, int]
"""``(ballot, centre, station)``."""


@attrs.frozen(kw_only=True)
class StationFigures:
    """One published form's figures: a station's result in one ballot.

    Attributes:
        ballot, center, station, barcode: which form.
        registrants: field 1 of its reconciliation (``None`` without a section).
        voters: valid plus invalid votes (fields 3 and 4), or the candidates'
            votes when there is no section.
        votes: each candidate's votes, in the ballot's order.
        leader: the index of the ballot's leading candidate (most votes nationally).
    """

    ballot: int
    center: int
    station: int
    barcode: str
    registrants: int | None
    voters: int
    votes: tuple[int, ...]
    leader: int

    @property
    def place(self) -> Place:
        """``(ballot, centre, station)``."""
        return (self.ballot, self.center, self.station)

    @property
    def turnout(self) -> Fraction | None:
        """Voters over registrants, exactly; ``None`` without registrants."""
        if not self.registrants:
            return None
        return Fraction(self.voters, self.registrants)

    @property
    def leader_share(self) -> Fraction | None:
        """The leading candidate's share of the station's valid votes."""
        valid = sum(self.votes)
        if valid == 0 or not self.votes:
            return None
        return Fraction(self.votes[self.leader], valid)


def _items(value: object, name: str, cls: type[T]) -> list[T]:
    """``value`` as a list of ``cls``, or a :class:`TypeError` naming the parameter."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        kind = type(value).__name__
        raise TypeError(f"{name} must be an iterable of {cls.__name__}, not {kind}")
    out = list(value)
    for item in out:
        if not isinstance(item, cls) or (cls is int and type(item) is not int):
            raise TypeError(f"{name} must hold {cls.__name__} values, not {type(item).__name__}")
    return out


def _check_level(q: object) -> Fraction:
    if type(q) is not Fraction:
        raise TypeError(f"q must be a Fraction, not {type(q).__name__}")
    if not 0 < q < 1:
        raise OutOfRange("forensics.level", field="q", value=q)
    return q


def station_figures(forms: Iterable[PublishedForm]) -> tuple[StationFigures, ...]:
    """Each form's figures; the leader of each ballot is its candidate with most votes."""
    items = _items(forms, "forms", PublishedForm)
    totals: dict[int, list[int]] = {}
    for form in items:
        acc = totals.setdefault(form.ballot_number, [0] * len(form.votes))
        for i, count in enumerate(form.votes):
            acc[i] += count
    leaders = {
        ballot: max(range(len(acc)), key=lambda i: (acc[i], -i)) if acc else 0
        for ballot, acc in totals.items()
    }
    out = []
    for form in items:
        recon = form.reconciliation
        out.append(
            StationFigures(
                ballot=form.ballot_number,
                center=form.center_id,
                station=form.station_number,
                barcode=form.barcode,
                registrants=None if recon is None else recon[0],
                voters=sum(form.votes) if recon is None else recon[2] + recon[3],
                votes=form.votes,
                leader=leaders[form.ballot_number],
            )
        )
    return tuple(out)


@attrs.frozen(kw_only=True)
class Fingerprint:
    """A turnout / leader-share histogram (Klimek et al. 2012), in ``bins`` × ``bins`` cells.

    ``counts[i][j]`` is the number of stations whose turnout falls in bin ``i``
    and whose leader's share falls in bin ``j`` (both from 0 to 1; a turnout
    above 1 falls in the last bin and is counted in ``above_one``).
    """

    bins: int
    counts: tuple[tuple[int, ...], ...]
    above_one: int
    left_out: int


def fingerprint(figures: Iterable[StationFigures], *, bins: int = 20) -> Fingerprint:
    """The fingerprint of stations with registrants and valid votes."""
    if type(bins) is not int:
        raise TypeError(f"bins must be an int, not {type(bins).__name__}")
    if bins < 1:
        raise OutOfRange("forensics.minimum", field="bins", value=bins, minimum=1)
    grid = [[0] * bins for _ in range(bins)]
    above = left_out = 0
    for figure in _items(figures, "figures", StationFigures):
        turnout, share = figure.turnout, figure.leader_share
        if turnout is None or share is None:
            left_out += 1
            continue
        if turnout > 1:
            above += 1
        i = min(bins - 1, math.floor(turnout * bins))
        j = min(bins - 1, math.floor(share * bins))
        grid[i][j] += 1
    return Fingerprint(
        bins=bins, counts=tuple(map(tuple, grid)), above_one=above, left_out=left_out
    )


@attrs.frozen(kw_only=True)
class Flag:
    """A screen's finding about one station (or group): a reason to look, not a verdict.

    Attributes:
        test: ``last_digit``, ``round_numbers``, ``turnout`` or ``identical_votes``.
        subject: the form's ``(ballot, centre, station)``.
        barcode: the form's barcode.
        statistic: the test's statistic (its meaning is in ``method``).
        p_value: the probability of a result at least this extreme by chance.
        adjusted: the Benjamini–Hochberg adjusted p-value over the stations tested.
        method: the test, in words.
        caveat: why the flag may be innocent (:data:`CAVEATS`).
        n: the number of counts (or stations) the test used.
    """

    test: str
    subject: Place
    barcode: str
    statistic: Fraction | int
    p_value: float
    adjusted: float | None
    method: str
    caveat: str
    n: int


def _check_minimum(value: object, name: str, minimum: int) -> int:
    if type(value) is not int:
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < minimum:
        raise OutOfRange("forensics.minimum", field=name, value=value, minimum=minimum)
    return value


def last_digit_test(
    counts: Iterable[int], *, minimum: int = 10
) -> tuple[Fraction, float, str, int]:
    """Uniformity of the last digits of the counts of at least ``minimum``.

    Exact multinomial test when fewer than 50 counts are used (an expected count
    below 5 per digit), Pearson's chi-square (9 degrees of freedom) otherwise.

    Returns:
        ``(statistic, p-value, method, counts used)``; the statistic is the
        chi-square statistic in both cases (exact).

    >>> statistic, p, method, n = last_digit_test([10, 21, 32, 43, 54])
    >>> method, n, round(p, 4)
    ('exact multinomial', 5, 1.0)
    """
    minimum = _check_minimum(minimum, "minimum", 0)
    digits = [0] * 10
    used = 0
    for count in _items(counts, "counts", int):
        if count >= minimum:
            digits[count % 10] += 1
            used += 1
    if used == 0:
        return Fraction(0), 1.0, "no counts", 0
    expected = [Fraction(used, 10)] * 10
    statistic, p = chi_square_test(digits, expected)
    if used < 50:
        return statistic, float(exact_uniform_test(digits)), "exact multinomial", used
    return statistic, p, "chi-square, 9 df", used


def round_number_test(counts: Iterable[int], *, minimum: int = 10) -> tuple[int, float, int]:
    """How many counts (of at least ``minimum``) end in 0 or 5, against 1 in 5.

    Returns:
        ``(counts ending in 0 or 5, one-sided exact binomial p-value, counts used)``.

    >>> round_number_test([10, 15, 20, 25, 31])
    (4, 0.00672, 5)
    """
    minimum = _check_minimum(minimum, "minimum", 0)
    used = [count for count in _items(counts, "counts", int) if count >= minimum]
    rounded = sum(1 for count in used if count % 5 == 0)
    return rounded, float(binomial_tail(rounded, len(used), Fraction(1, 5))), len(used)


def _flag(
    test: str, figure: StationFigures, statistic: Fraction | int, p: float, method: str, n: int
) -> Flag:
    """An unadjusted flag of ``test`` on ``figure``'s form, with the test's caveat."""
    return Flag(
        test=test,
        subject=figure.place,
        barcode=figure.barcode,
        statistic=statistic,
        p_value=p,
        adjusted=None,
        method=method,
        caveat=CAVEATS[test],
        n=n,
    )


def _adjust(flags: list[Flag], q: Fraction) -> list[Flag]:
    if not flags:
        return []
    adjusted, _ = benjamini_hochberg([flag.p_value for flag in flags], q)
    return [
        attrs.evolve(flag, adjusted=value) for flag, value in zip(flags, adjusted, strict=True)
    ]


def digit_flags(
    figures: Iterable[StationFigures], *, minimum: int = 10, q: Fraction = Fraction(5, 100)
) -> tuple[Flag, ...]:
    """The last-digit and round-number tests on each station's candidate counts.

    Stations with fewer than 5 counts of at least ``minimum`` are not tested.
    """
    q = _check_level(q)
    last: list[Flag] = []
    rounded: list[Flag] = []
    for figure in _items(figures, "figures", StationFigures):
        usable = [count for count in figure.votes if count >= minimum]
        if len(usable) < 5:
            continue
        statistic, p, method, n = last_digit_test(usable, minimum=minimum)
        last.append(_flag("last_digit", figure, statistic, p, method, n))
        hits, p_round, n_round = round_number_test(usable, minimum=minimum)
        method = "exact binomial, P(0 or 5) = 1/5, one-sided"
        rounded.append(_flag("round_numbers", figure, hits, p_round, method, n_round))
    return (*_adjust(last, q), *_adjust(rounded, q))


def turnout_flags(
    figures: Iterable[StationFigures],
    *,
    group: Callable[[StationFigures], object] | None = None,
    q: Fraction = Fraction(5, 100),
) -> tuple[Flag, ...]:
    """Turnout against the station's group: robust z = (t − median) / (1.4826 · MAD).

    Groups (by default: the ballot) with fewer than 8 stations, or with no
    spread, are not tested; the p-value is the normal upper tail of z.
    """
    q = _check_level(q)
    if group is not None and not callable(group):
        raise TypeError(f"group must be callable, not {type(group).__name__}")
    keyed: dict[object, list[StationFigures]] = {}
    for figure in _items(figures, "figures", StationFigures):
        if figure.turnout is None:
            continue
        key = figure.ballot if group is None else group(figure)
        keyed.setdefault(key, []).append(figure)
    flags: list[Flag] = []
    for members in keyed.values():
        if len(members) < _MINIMUM_GROUP:
            continue
        values = [member.turnout for member in members]
        middle = median(values)  # type: ignore[type-var]
        spread = median(abs(value - middle) for value in values)  # type: ignore[operator]
        if spread == 0:
            continue
        for member in members:
            z = (member.turnout - middle) / (_MAD_SCALE * spread)  # type: ignore[operator]
            method = "robust z within the group, normal upper tail"
            flags.append(
                _flag("turnout", member, Fraction(z), normal_tail(float(z)), method, len(members))
            )
    return tuple(_adjust(flags, q))


def identical_vector_flags(
    figures: Iterable[StationFigures], *, minimum_total: int = 1, q: Fraction = Fraction(5, 100)
) -> tuple[Flag, ...]:
    """Stations of one ballot with exactly the same vote vector (total at least ``minimum_total``).

    Each such station is flagged with the number of stations sharing its vector
    as statistic; the p-value bounds the chance that another station of the same
    total would draw this exact vector: ``(stations of that total − 1) × P(vector)``
    under multinomial voting with the ballot's shares.
    """
    q = _check_level(q)
    items = _items(figures, "figures", StationFigures)
    shares: dict[int, list[int]] = {}
    same_total: dict[tuple[int, int], int] = {}
    groups: dict[tuple[int, tuple[int, ...]], list[StationFigures]] = {}
    for figure in items:
        acc = shares.setdefault(figure.ballot, [0] * len(figure.votes))
        for i, count in enumerate(figure.votes):
            acc[i] += count
        total = sum(figure.votes)
        if total < minimum_total:
            continue
        same_total[figure.ballot, total] = same_total.get((figure.ballot, total), 0) + 1
        groups.setdefault((figure.ballot, figure.votes), []).append(figure)
    flags: list[Flag] = []
    for (ballot, votes), members in groups.items():
        if len(members) < 2:
            continue
        whole = sum(shares[ballot])
        probabilities = [Fraction(n, whole) for n in shares[ballot]]
        log_p = multinomial_log_pmf(votes, probabilities)
        others = same_total[ballot, sum(votes)] - 1
        p = min(1.0, others * math.exp(log_p)) if log_p > -math.inf else 0.0
        method = "union bound on a multinomial match with the ballot's shares"
        flags.extend(
            _flag("identical_votes", member, len(members), p, method, others + 1)
            for member in members
        )
    return tuple(_adjust(flags, q))


def _rank(flag: Flag) -> tuple[float, float, str, Place]:
    return (
        flag.adjusted if flag.adjusted is not None else 1.0,
        flag.p_value,
        flag.test,
        flag.subject,
    )


def screen(
    forms: Iterable[PublishedForm],
    *,
    q: Fraction = Fraction(5, 100),
    minimum: int = 10,
    group: Callable[[StationFigures], object] | None = None,
) -> tuple[Flag, ...]:
    """Run every screen and rank the flags whose adjusted p-value is at most ``q``.

    Args:
        forms: the published forms.
        q: the false discovery rate of each test across the stations it tested.
        minimum: the smallest count the digit tests use.
        group: how turnout groups stations (default: by ballot).

    Returns:
        The flags, most surprising first (adjusted p-value, then p-value). A flag
        is a reason to look at a form's paper, its reconciliation and the
        observers' reports; it is never evidence of fraud by itself.
    """
    q = _check_level(q)
    figures = station_figures(forms)
    found = [
        *digit_flags(figures, minimum=minimum, q=q),
        *turnout_flags(figures, group=group, q=q),
        *identical_vector_flags(figures, q=q),
    ]
    kept = [flag for flag in found if flag.adjusted is not None and flag.adjusted <= q]
    return tuple(sorted(kept, key=_rank))
