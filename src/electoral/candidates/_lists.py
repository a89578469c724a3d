"""Private: the candidate list of a filing, with the refusals found across nominations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import attrs

from electoral._checks import sequence_of
from electoral.candidates._nomination import Nomination, Review, refuse, review_nomination
from electoral.candidates._rules import NominationRules
from electoral.errors import ValidationError
from electoral.model import Period

__all__ = ["CandidateList", "review_nominations"]


@attrs.frozen(kw_only=True)
class CandidateList:
    """The preliminary list: who is accepted, who is refused and why.

    Attributes:
        election: the election's id.
        reviews: one review per nomination, in filing order, with the refusals
            found across nominations (a second candidacy, a signer who signed for
            another candidate) added to the later nomination.
    """

    election: str
    reviews: tuple[Review, ...]

    @property
    def accepted(self) -> tuple[Nomination, ...]:
        """The nominations without a refusal, in filing order."""
        return tuple(r.nomination for r in self.reviews if r.accepted)

    @property
    def refused(self) -> tuple[Review, ...]:
        """The reviews with refusals, in filing order."""
        return tuple(r for r in self.reviews if not r.accepted)


def review_nominations(
    nominations: Sequence[Nomination],
    rules: NominationRules,
    *,
    voters: Mapping[str, str] | None = None,
    polling_day: dt.date | None = None,
    filing: Period | None = None,
    districts: Iterable[str] | None = None,
) -> CandidateList:
    """Review every nomination, in filing order, and the rules across them.

    Across nominations: a person who files twice is refused the second time
    (``candidates.second_candidacy``) when the rules allow one candidacy; a voter
    who signs for a second candidate has that signature refused
    (``candidates.signer_for_another``) when the rules allow one signature per voter
    in the election, and the second candidate's count is taken again.
    """
    filed: tuple[Nomination, ...] = sequence_of(nominations, "nominations", Nomination)
    if not isinstance(rules, NominationRules):
        raise TypeError(f"rules must be NominationRules, not {type(rules).__name__}")
    known = None if districts is None else tuple(districts)
    order = sorted(range(len(filed)), key=lambda i: (filed[i].submitted_at, i))
    first_filing: dict[str, int] = {}
    first_signature: dict[str, int] = {}
    reviews: dict[int, Review] = {}
    once = rules.signatures is not None and rules.signatures.once_per_election
    for index in order:
        nomination = filed[index]
        review = review_nomination(
            nomination,
            rules,
            voters=voters,
            polling_day=polling_day,
            filing=filing,
            districts=known,
        )
        extra: list[ValidationError] = []
        if rules.one_candidacy:
            earlier = first_filing.setdefault(nomination.national_id, index)
            if earlier != index:
                extra.append(
                    refuse(
                        rules,
                        "one_candidacy",
                        "candidates.second_candidacy",
                        "national_id",
                        nomination.national_id,
                        first=earlier,
                    ).at("$.national_id")
                )
        if once:
            kept: list[str] = []
            for signer in review.valid_signatures:
                earlier = first_signature.setdefault(signer, index)
                if earlier != index:
                    extra.append(
                        refuse(
                            rules,
                            "signatures",
                            "candidates.signer_for_another",
                            "signatures",
                            signer,
                            first=earlier,
                        ).at("$.signatures")
                    )
                else:
                    kept.append(signer)
            assert rules.signatures is not None
            short = [r for r in review.refusals if r.code == "candidates.signatures_short"]
            if len(kept) < rules.signatures.count and not short:
                extra.append(
                    refuse(
                        rules,
                        "signatures",
                        "candidates.signatures_short",
                        "signatures",
                        len(kept),
                        required=rules.signatures.count,
                    ).at("$.signatures")
                )
            review = attrs.evolve(review, valid_signatures=tuple(kept))
        if extra:
            review = attrs.evolve(review, refusals=review.refusals + tuple(extra))
        reviews[index] = review
    return CandidateList(
        election=rules.election, reviews=tuple(reviews[i] for i in range(len(filed)))
    )
