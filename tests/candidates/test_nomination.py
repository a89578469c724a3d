"""Candidacy rules per election: every refusal at once, each with its law."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.candidates import (
    NOMINATION_RULES,
    RULE_NAMES,
    Deposit,
    Education,
    HeldOffice,
    Nationality,
    Nomination,
    NominationRules,
    Refusal,
    Signatures,
    check_nomination,
    hor_2014,
    hor_2021,
    municipal_2023,
    president_2021,
    president_2023,
    review_nomination,
    review_nominations,
)
from electoral.errors import InconsistentValue, InvalidLength, InvalidType, ValidationErrors
from electoral.ids import national_id
from electoral.law import Citation
from electoral.model import Period

SUBMITTED = pendulum.datetime(2014, 5, 1, 10, tz="Africa/Tripoli")


def nid(number: int, *, female: bool = False) -> str:
    """A valid national id: first digit 1 or 2, then 11 digits."""
    return f"{2 if female else 1}{number:011d}"


SEBHA_VOTERS = {nid(i): "Sebha" for i in range(1, 151)}
SEBHA_VOTERS.update({nid(i): "Obari" for i in range(151, 171)})


def candidate(**changes: object) -> Nomination:
    fields: dict[str, object] = {
        "national_id": nid(900),
        "birth_date": pendulum.date(1975, 3, 2),
        "district": "Sebha",
        "race": "general",
        "submitted_at": SUBMITTED,
        "education": Education.UNIVERSITY,
        "deposit": 500,
        "signatures": [nid(i) for i in range(1, 101)],
    }
    fields.update(changes)
    return Nomination(**fields)  # type: ignore[arg-type]


def test_a_valid_hor_2014_nomination_is_accepted() -> None:
    review = check_nomination(candidate(), hor_2014(), voters=SEBHA_VOTERS)
    assert review.accepted
    assert len(review.valid_signatures) == 100
    assert review.day == pendulum.date(2014, 5, 1)


def test_every_problem_of_a_nomination_is_reported_at_once() -> None:
    # 99 good signers, one from another constituency, one twice, one unknown, one typo;
    # a deposit short by one dinar; 24 on the day of submission; a secondary school
    # certificate; a woman's seat chosen by a man
    signers = [nid(i) for i in range(1, 99)]
    signers += [nid(160), nid(5), nid(400), "12345"]
    nomination = candidate(
        signatures=signers,
        deposit=499,
        birth_date=pendulum.date(1989, 5, 2),
        education=Education.SECONDARY,
        race="women",
    )
    with pytest.raises(ValidationErrors) as info:
        check_nomination(nomination, hor_2014(), voters=SEBHA_VOTERS)
    codes = info.value.codes
    assert codes == (
        "candidates.women_race",
        "candidates.too_young",
        "candidates.education",
        "candidates.signer_elsewhere",
        "candidates.signer_twice",
        "candidates.signer_not_registered",
        "candidates.signer_id",
        "candidates.signatures_short",
        "candidates.deposit_short",
    )
    by_code = {e.code: e for e in info.value.errors}
    assert by_code["candidates.signer_elsewhere"].location == "$.signatures[98]"
    assert by_code["candidates.signer_twice"].location == "$.signatures[99]"
    assert by_code["candidates.signatures_short"].value == 98
    assert by_code["candidates.too_young"].params["age"] == 24
    short = by_code["candidates.deposit_short"]
    assert isinstance(short, Refusal)
    assert (short.value, short.params["required"]) == (499, 500)
    assert short.params["law"] == "Law 10/2014"
    citation = short.params["citation"]
    assert isinstance(citation, Citation)
    assert "archive.ipu.org" in citation.source
    assert str(short).endswith("(Law 10/2014). @ $.deposit")
    assert "دينار" in short.message("ar")
    # no message names its field
    for error in info.value.errors:
        assert not error.message("en").startswith(f"{error.field}:")


def test_age_is_taken_on_the_libyan_day_of_submission() -> None:
    # turns 25 on 1 May 2014; submitted at 00:30 Tripoli time (22:30 UTC the day before)
    just = pendulum.datetime(2014, 4, 30, 22, 30, tz="UTC")
    born = pendulum.date(1989, 5, 1)
    assert review_nomination(
        candidate(birth_date=born, submitted_at=just), hor_2014(), voters=SEBHA_VOTERS
    ).accepted
    day_before = pendulum.datetime(2014, 4, 30, 21, 30, tz="UTC")
    refused = review_nomination(
        candidate(birth_date=born, submitted_at=day_before), hor_2014(), voters=SEBHA_VOTERS
    )
    assert refused.codes == ("candidates.too_young",)


def test_excluded_offices_and_convictions() -> None:
    staff = candidate(offices=[HeldOffice(office="polling_staff")], convicted=True)
    review = review_nomination(staff, hor_2014(), voters=SEBHA_VOTERS)
    assert review.codes == ("candidates.excluded_office", "candidates.convicted")
    left = candidate(offices=[HeldOffice(office="hnec_staff", left_on=pendulum.date(2014, 1, 1))])
    assert review_nomination(left, hor_2014(), voters=SEBHA_VOTERS).accepted


def test_president_2021_signatures_resignation_and_documents() -> None:
    rules = president_2021()
    voters = {nid(i): f"district {i % 13}" for i in range(1, 5_101)}
    polling = pendulum.date(2021, 12, 24)
    nomination = candidate(
        district="libya",
        race="president",
        submitted_at=pendulum.datetime(2021, 11, 10, 10, tz="Africa/Tripoli"),
        signatures=[nid(i) for i in range(1, 5_001)],
        offices=[HeldOffice(office="public_office", left_on=pendulum.date(2021, 9, 30))],
        other_nationality=True,
        documents={"criminal_record"},
    )
    review = review_nomination(nomination, rules, voters=voters, polling_day=polling)
    assert review.codes == (
        "candidates.other_nationality",
        "candidates.resignation_late",
        "candidates.document_missing",
    )
    late = review.refusals[1]
    assert late.params["by"] == "2021-09-24"
    assert late.params["law"] == "Law 1/2021 Art. 12"
    assert review.refusals[0].params["law"] == "Law 1/2021 Art. 10(2)"
    with pytest.raises(TypeError, match="polling_day"):
        review_nomination(nomination, rules, voters=voters)
    fine = attrs.evolve(
        nomination,
        other_nationality=False,
        offices=[HeldOffice(office="public_office", left_on=pendulum.date(2021, 9, 24))],
        documents={"criminal_record", "medical"},
    )
    assert review_nomination(fine, rules, voters=voters, polling_day=polling).accepted


def test_unknown_law_is_a_parameter_with_a_documented_default() -> None:
    rules = president_2021()
    age = rules.parameter("min_age")
    assert age is not None
    assert (age.value, age.default) == (None, None)
    assert "40" in age.note
    stricter = president_2021(min_age=40)
    young = candidate(
        birth_date=pendulum.date(1990, 1, 1),
        race="president",
        submitted_at=pendulum.datetime(2021, 11, 10, tz="Africa/Tripoli"),
        signatures=[],
        documents={"criminal_record", "medical"},
    )
    assert "candidates.too_young" not in review_nomination(young, rules, voters={}).codes
    assert "candidates.too_young" in review_nomination(young, stricter, voters={}).codes
    for name, build in NOMINATION_RULES.items():
        built = build()
        assert built.election == name
        assert set(built.citations) <= set(RULE_NAMES)
        for parameter in built.parameters:
            assert parameter.note


def test_hor_2021_other_nationality_needs_an_authorisation() -> None:
    rules = hor_2021()
    assert rules.nationality is Nationality.LIBYAN_ONLY_UNLESS_AUTHORISED
    voters = {**SEBHA_VOTERS, nid(900): "Sebha"}
    dual = candidate(other_nationality=True, deposit=0)
    assert review_nomination(dual, rules, voters=voters).codes == ("candidates.other_nationality",)
    authorised = candidate(other_nationality=True, other_nationality_authorised=True)
    assert review_nomination(authorised, rules, voters=voters).accepted
    unregistered = review_nomination(candidate(), rules, voters=SEBHA_VOTERS)
    assert unregistered.codes == ("candidates.not_registered",)
    local = hor_2021(registered="district")
    elsewhere = review_nomination(candidate(), local, voters={**voters, nid(900): "Obari"})
    assert elsewhere.codes == ("candidates.not_registered_here",)
    assert "of Sebha" in str(elsewhere.refusals[0])
    assert president_2023().nationality is Nationality.OTHER_ALLOWED


def test_one_candidacy_and_one_signature_per_voter_across_nominations() -> None:
    rules = hor_2014(signer_once_per_election=True)
    first = candidate()
    second = candidate(
        national_id=nid(901),
        submitted_at=SUBMITTED.add(hours=1),
        signatures=[nid(i) for i in range(51, 151)],
    )
    again = candidate(submitted_at=SUBMITTED.add(hours=2), race="general")
    result = review_nominations([again, second, first], rules, voters=SEBHA_VOTERS)
    # reviewed in filing order: first, then second, then again
    assert result.accepted == (first,)
    second_review = result.reviews[1]
    assert second_review.codes.count("candidates.signer_for_another") == 50
    assert "candidates.signatures_short" in second_review.codes
    assert result.reviews[0].codes[0] == "candidates.second_candidacy"
    assert result.reviews[0].codes.count("candidates.signer_for_another") == 100
    assert result.reviews[0].refusals[0].params["first"] == 2
    lenient = review_nominations([first, second], hor_2014(), voters=SEBHA_VOTERS)
    assert len(lenient.accepted) == 2


def test_filing_period_and_districts() -> None:
    filing = Period(
        start=pendulum.datetime(2014, 4, 20, tz="Africa/Tripoli"),
        end=pendulum.datetime(2014, 4, 30, tz="Africa/Tripoli"),
    )
    review = review_nomination(
        candidate(), hor_2014(), voters=SEBHA_VOTERS, filing=filing, districts=["Obari"]
    )
    assert review.codes == ("candidates.filed_outside", "candidates.district")


def test_municipal_races() -> None:
    rules = municipal_2023()
    listed = candidate(race="municipal_list", district="Ghat", signatures=[])
    assert review_nomination(listed, rules).accepted
    wrong = review_nomination(candidate(race="general", signatures=[]), rules)
    assert wrong.codes == ("candidates.race",)
    assert "individual, municipal_list" in str(wrong.refusals[0])


def test_bad_input() -> None:
    with pytest.raises(TypeError, match="voters"):
        review_nomination(candidate(), hor_2014())
    with pytest.raises(TypeError, match="voters"):
        review_nomination(candidate(), hor_2014(), voters=[nid(1)])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="nomination"):
        review_nomination("x", hor_2014(), voters={})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="rules"):
        review_nomination(candidate(), {"min_age": 25}, voters={})  # type: ignore[arg-type]
    with pytest.raises(InvalidType) as signers:
        candidate(signatures=nid(1))
    assert signers.value.field == "signatures"
    with pytest.raises(InvalidType):
        candidate(documents={"medical", 3})
    with pytest.raises(TypeError, match="nominations"):
        review_nominations(candidate(), hor_2014(), voters={})  # type: ignore[arg-type]
    with pytest.raises(InvalidLength):
        candidate(national_id="12345")
    with pytest.raises(InvalidType):
        candidate(deposit=499.5)
    with pytest.raises(InvalidType):
        Signatures(count=100, scope="town")  # type: ignore[arg-type]
    with pytest.raises(InconsistentValue) as women:
        NominationRules(election="x", races={"general"}, women_races={"women"})
    assert women.value.code == "candidates.race"
    with pytest.raises(InvalidType):
        NominationRules(election="x", races={"general"}, citations={"age": None})
    assert Deposit(amount=500, refundable=False).amount == 500


ids = st.integers(min_value=1, max_value=170).map(nid)


@given(signers=st.lists(ids, max_size=60))
def test_each_signer_counts_once_and_only_in_the_district(signers: list[str]) -> None:
    rules = NominationRules(
        election="test",
        races={"general"},
        signatures=Signatures(count=10, scope="district"),
    )
    review = review_nomination(candidate(signatures=signers), rules, voters=SEBHA_VOTERS)
    expected = {s for s in signers if SEBHA_VOTERS[s] == "Sebha"}
    assert set(review.valid_signatures) == expected
    assert len(review.valid_signatures) == len(expected)
    assert review.codes.count("candidates.signer_twice") == len(signers) - len(set(signers))
    assert review.accepted == (len(signers) == len(set(signers)) == len(expected) >= 10)
    assert all(national_id.is_valid(s) for s in review.valid_signatures)
