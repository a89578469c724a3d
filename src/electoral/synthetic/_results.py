"""Private: synthetic result forms, with realistic noise and injected problems.

For every station and each of its two ballots (the general ballot of its
sub-constituency, the women's ballot of its constituency) one result form is
printed, barcode ``CCCCC SSS BBB`` (the layout of Tally-Ho's fixtures). Turnout is 38 % to
72 % of the station's registrants (4 % to 16 % at copy centres), invalid votes
0.5 % to 4 %, and the votes are drawn among the ballot's candidates with
per-station swings. Small, legitimate noise stays inside the quarantine tolerances:
a ballot paper more or less in the box of a busy station, a few voter cards
missing (Tally-Ho ``tally_ho/libs/verify/quarantine_checks.py``, onaio/tally-ho at
commit ``acbe4f4``).

A share of the forms carries an injected problem (:data:`FORM_PROBLEMS`):

* ``reconciliation``: the papers in the box (Field 5) are off by more than 3 %;
  the Reconciliation Check sends the form to audit;
* ``over_voting``: more votes than registrants plus 5; the Over-Voting Check
  sends it to audit;
* ``duplicate``: a second form for the same station and ballot, with another
  barcode; intake sends both to clearance;
* ``double_entry``: the second data-entry clerk mistypes one candidate's votes;
  corrections resolves it from the paper.

Counts are integers throughout; the weights are integers too.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from itertools import accumulate, repeat
from typing import Final

import attrs

from electoral._guard import guarded, typed_fields, unchecked
from electoral.model import CenterType, ReconciliationForm, ResultForm, Station
from electoral.results import CandidateKey
from electoral.synthetic._country import Country
from electoral.synthetic._register import _choices, share_count
from electoral.synthetic._sizes import check_share

__all__ = ["DEFAULT_PROBLEM_SHARE", "FORM_PROBLEMS", "SyntheticForm", "generate_forms"]

FORM_PROBLEMS: Final = ("reconciliation", "over_voting", "duplicate", "double_entry")
"""The kinds of injected result-form problems, in the order they are dealt out."""

DEFAULT_PROBLEM_SHARE: Final = Fraction(1, 50)
"""2 % of the forms carry a problem by default."""

_DUPLICATE_PREFIX: Final = "99"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class SyntheticForm:
    """A printed result form and what happens to it on the way to the tally.

    Attributes:
        form: the form as imported (UNSUBMITTED).
        votes: the candidates' votes as written on the paper, in ballot order.
        recon: the reconciliation section as written (``None`` when the form has none).
        typed_votes: what the second data-entry clerk typed, when it differs from
            the paper (a ``double_entry`` problem), else ``None``.
        problem: the injected problem (one of :data:`FORM_PROBLEMS`) or ``None``.
    """

    form: ResultForm
    votes: tuple[tuple[CandidateKey, int], ...]
    recon: ReconciliationForm | None
    typed_votes: tuple[tuple[CandidateKey, int], ...] | None = None
    problem: str | None = None


def _draw(rng: random.Random, weights: Sequence[int], count: int) -> list[int]:
    """How many of ``count`` votes each candidate gets, drawn by ``weights``.

    The draws of ``rng.choices(range(len(weights)), weights=weights, k=count)``
    (``electoral.synthetic._register._choices``), counted in C.
    """
    drawn = Counter(_choices(rng, list(accumulate(weights)), count))
    return list(map(drawn.get, range(len(weights)), repeat(0)))


@guarded
def generate_forms(
    country: Country,
    stations: Sequence[Station],
    *,
    seed: int,
    problem_share: Fraction = DEFAULT_PROBLEM_SHARE,
) -> tuple[SyntheticForm, ...]:
    """Result forms for ``stations`` (two per station), in station order.

    Args:
        country: the country the stations are in.
        stations: with their registrants and sub-constituency (from the allocation).
        seed: the same seed gives the same forms.
        problem_share: share of the printed forms that get an injected problem
            (``ceil(forms * share)`` of them, all in-country; duplicates come last,
            as extra forms).

    Returns:
        The printed forms, then the duplicate forms.

    >>> from electoral.model import Gender, Station
    >>> from electoral.synthetic import Size, generate_country
    >>> country = generate_country(Size.TINY, seed=1)
    >>> center = country.centers[0]
    >>> station = Station(center_id=center.center_id, number=1, gender=Gender.MALE,
    ...                   registrants=400, subconstituency_id=center.subconstituency_id)
    >>> forms = generate_forms(country, [station], seed=1, problem_share=Fraction(0))
    >>> [f.form.ballot_number for f in forms]
    [1, 101]
    >>> all(sum(n for _, n in f.votes) == f.recon.number_valid_votes for f in forms)
    True
    """
    check_share(problem_share, "problem_share")
    rng = random.Random(f"electoral.synthetic:{seed}:results")
    candidates: dict[int, list[CandidateKey]] = {}
    for candidate in country.candidates:
        candidates.setdefault(candidate.ballot_number, []).append(candidate.key)
    popularity = {
        number: [rng.randint(1, 12) ** 2 for _ in keys]
        for number, keys in sorted(candidates.items())
    }
    plan: list[tuple[Station, int, int, int]] = []  # station, ballot, turnout, invalid
    for station in stations:
        if station.registrants is None:  # out of country: voters come as they are
            turnout = rng.randint(40, 400)
        else:
            registrants = station.registrants
            copy = country.center(station.center_id).center_type is CenterType.COPY
            rate = rng.randint(40, 160) if copy else rng.randint(380, 720)
            turnout = min(registrants, max(1, registrants * rate // 1000))
        for ballot in country.station_ballots(station):
            invalid = turnout * rng.randint(5, 40) // 1000
            plan.append((station, ballot, turnout, invalid))
    total = len(plan)
    # problems go to in-country forms, whose reconciliation section the checks read
    eligible = [i for i, (station, *_) in enumerate(plan) if station.registrants is not None]
    count = min(len(eligible), share_count(total, problem_share))
    chosen = sorted(rng.sample(eligible, count))
    problems = {index: FORM_PROBLEMS[k % len(FORM_PROBLEMS)] for k, index in enumerate(chosen)}
    forms: list[SyntheticForm] = []
    duplicates: list[SyntheticForm] = []
    for index, (station, ballot, turnout, invalid) in enumerate(plan):
        problem = problems.get(index)
        registrants = station.registrants or 0
        if problem == "over_voting":
            turnout = registrants + 6 + rng.randint(0, registrants // 20)
        keys = candidates[ballot]
        weights = [w * rng.randint(60, 140) for w in popularity[ballot]]
        counts = _draw(rng, weights, turnout - invalid)
        votes = tuple(zip(keys, counts, strict=True))
        in_box = turnout
        if problem == "reconciliation":
            in_box = turnout + max(3, turnout // 10) + rng.randint(0, 9)
        elif turnout >= 50:
            in_box = turnout + rng.choice((0, 0, 0, 0, 0, 0, 1, -1))
        cards = turnout - rng.randint(0, turnout // 60)
        if problem == "over_voting":
            cards = turnout
        recon = ReconciliationForm(
            number_of_voters=registrants,
            number_of_voter_cards_in_the_ballot_box=cards,
            number_valid_votes=turnout - invalid,
            number_invalid_votes=invalid,
            number_sorted_and_counted=in_box,
        )
        form = ResultForm(
            barcode=f"{station.center_id}{station.number:03d}{ballot:03d}",
            ballot_number=ballot,
            center_id=station.center_id,
            station_number=station.number,
            gender=station.gender,
        )
        typed = None
        if problem == "double_entry":
            slot = rng.randrange(len(votes))
            key, count = votes[slot]
            wrong = count + rng.randint(1, 9) if count < 10 or rng.randint(0, 1) else count - 7
            typed = (*votes[:slot], (key, wrong), *votes[slot + 1 :])
        # made here of checked model records and whole numbers: the form's fields are not
        # checked one by one again (tests/synthetic: the constructor builds the same forms)
        forms.append(
            unchecked(
                SyntheticForm,
                form=form,
                votes=votes,
                recon=recon if form.has_reconciliation else None,
                typed_votes=typed,
                problem=None if problem == "duplicate" else problem,
            )
        )
        if problem == "duplicate":
            copy_form = attrs.evolve(form, barcode=f"{_DUPLICATE_PREFIX}{len(duplicates) + 1:09d}")
            duplicates.append(
                unchecked(
                    SyntheticForm,
                    form=copy_form,
                    votes=votes,
                    recon=forms[-1].recon,
                    typed_votes=None,
                    problem="duplicate",
                )
            )
    return (*forms, *duplicates)
