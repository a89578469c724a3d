"""Private: each Libyan election's candidacy rules, as cited data.

One builder per election. A rule the law's text gives (as reported) is data with its
citation; a point the sources leave open or contradict is a keyword argument with a
documented default, recorded as a :class:`~electoral.seats.Parameter`. ``None``
means "not checked".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final, Literal

from electoral.candidates._rules import (
    Deposit,
    Education,
    Nationality,
    NominationRules,
    Resignation,
    Signatures,
)
from electoral.law import Citation
from electoral.seats import Parameter

__all__ = [
    "NOMINATION_RULES",
    "cda_2014",
    "gnc_2012",
    "hor_2014",
    "hor_2021",
    "municipal_2023",
    "president_2021",
    "president_2023",
]

_ALJAZEERA_2012: Final = (
    "https://www.aljazeera.com/news/2012/7/3/explainer-how-the-libyan-election-works"
)
_NEWS24_2012: Final = (
    "https://www.news24.com/Africa/News/10-of-Libyan-assembly-seats-for-women-20120102-2"
)
_LAW_4_2012_TEXT: Final = "http://www.scribd.com/doc/81472115/Untitled"
_IDEA_2012: Final = "https://www.idea.int/node/201041"
_HERALD_2013_07_16: Final = "http://english.libyanembassy.org/?p=5388"
_IPU_2014: Final = "http://archive.ipu.org/parline-e/reports/2185_B.htm"
_DECISION_50_2014: Final = (
    "https://docslib.org/doc/2586824/regulation-of-candidates-nomination-for-council-of-"
    "representatives-annexed-to-the-decision-of-board-of-commissioners-no-50-2014"
)
_AGENPARL_2021: Final = "https://agenparl.eu/?p=21879"
_TV218_2021: Final = (
    "https://en.218tv.net/2021/11/25/hnec-publishes-preliminary-list-of-libya-presidential-"
    "candidates/"
)
_CHINADAILY_2021: Final = "https://chinadailyhk.com/hk/article/248783"
_LIBYAREVIEW_MEDICAL: Final = (
    "https://libyareview.com/18790/libyas-election-committee-reiterates-its-neutrality"
)
_RADIOALGERIE_2021: Final = "https://radioalgerie.dz/news/fr/article/20210802/215683.html"
_DOHA_2021: Final = (
    "https://www.dohainstitute.org/en/PoliticalStudies/Pages/Intentions-and-Implications-of-"
    "Libyan-Parliaments-New-Election-Law.aspx"
)
_HERALD_2021: Final = (
    "https://libyaherald.com/2021/10/06/new-parliamentary-election-law-based-on-individual-"
    "not-parties-or-list-system"
)
_LANA_2021: Final = (
    "http://www.arabnewsreleases.com/speaker-of-house-of-representatives-reviews-conditions-"
    "that-have-to-be-met-for-the-candidate-for-head-of-government/"
)
_LIBYAREVIEW_2023: Final = (
    "https://libyareview.com/36721/libyan-parliament-refers-election-law-to-66-committee-"
    "for-review"
)
_OBSERVER_2023: Final = (
    "https://libyaobserver.ly/news/libyas-hor-publishes-controversial-election-laws-official-"
    "gazette"
)
_PLEDGETIMES_2023: Final = (
    "https://pledgetimes.com/libyas-parliament-approves-the-laws-for-electing-the-president-"
    "and-the-national-assembly/"
)
_TIMENEWS_2024: Final = (
    "https://time.news/approval-of-the-preliminary-list-of-candidates-for-the-municipal-elections"
)
_CCMCE: Final = "https://ccmce.ly/index.php/en/electoral-processes/registration-of-candidates"


def _parameter(name: str, value: object, default: object, note: str) -> Parameter:
    return Parameter(name=name, value=value, default=default, note=note)


def gnc_2012(
    *,
    min_age: int = 21,
    signatures: Signatures | None = None,
    deposit: Deposit | None = None,
    one_candidacy: bool = True,
) -> NominationRules:
    """Candidacy for the General National Congress, 2012 (Law 4/2012).

    Individual candidates (``"general"``) and the lists of political entities
    (``"list"``; their composition is checked by
    :func:`electoral.seats.check_vertical_zipper`).

    Args:
        min_age: 21 (default: the final rules as reported by Al Jazeera) or 25 (the
            January 2012 draft); the sources disagree.
        signatures, deposit: not found in any text retrieved; not checked by default.
        one_candidacy: not found as an article; assumed.
    """
    law = Citation(
        instrument="Law 4/2012",
        article="Part V (conditions and procedures of candidacy)",
        source=_LAW_4_2012_TEXT,
        note="Unofficial translation; the articles on age, signatures and deposit were "
        "not in the excerpt found.",
    )
    return NominationRules(
        election="gnc_2012",
        races={"general", "list"},
        min_age=min_age,
        nationality=Nationality.LIBYAN,
        signatures=signatures,
        deposit=deposit,
        one_candidacy=one_candidacy,
        citations={
            "races": Citation(instrument="Law 4/2012", article="Art. 5-7", source=_IDEA_2012),
            "min_age": Citation(instrument="Law 4/2012", source=_ALJAZEERA_2012),
            "nationality": law,
            "signatures": law,
            "deposit": law,
            "one_candidacy": law,
        },
        parameters=(
            _parameter(
                "min_age",
                min_age,
                21,
                f"21 in the final rules ({_ALJAZEERA_2012}); over 25 in the January 2012 "
                f"draft ({_NEWS24_2012}). Sources disagree.",
            ),
            _parameter("signatures", signatures, None, "Not found in any text retrieved."),
            _parameter("deposit", deposit, None, "Not found in any text retrieved."),
            _parameter("one_candidacy", one_candidacy, True, "Not found as an article."),
        ),
    )


def cda_2014(
    *,
    min_age: int = 25,
    signatures: Signatures | None = None,
    deposit: Deposit | None = None,
) -> NominationRules:
    """Candidacy for the Constitutional Drafting Assembly, 2014 (Law 17/2013).

    Libyan, over 25, at least a secondary-school certificate, not a member of a
    military or security institution; individual candidates only, for a general, a
    women's or a component seat (``"amazigh"``, ``"tebu"``, ``"tuareg"``).

    Args:
        min_age: 25: "over 25" (as reported) read as 25 or older.
        signatures, deposit: not found; not checked by default.
    """
    law = Citation(instrument="Law 17/2013", source=_HERALD_2013_07_16)
    return NominationRules(
        election="cda_2014",
        races={"general", "women", "amazigh", "tebu", "tuareg"},
        women_races={"women"},
        min_age=min_age,
        nationality=Nationality.LIBYAN,
        education=Education.SECONDARY,
        excluded_offices={"military", "security"},
        signatures=signatures,
        deposit=deposit,
        citations=dict.fromkeys(
            ("races", "min_age", "nationality", "education", "excluded_offices"), law
        ),
        parameters=(
            _parameter(
                "min_age", min_age, 25, f"'Over 25' ({_HERALD_2013_07_16}) read as 25 or older."
            ),
            _parameter("signatures", signatures, None, "Not found in any text retrieved."),
            _parameter("deposit", deposit, None, "Not found in any text retrieved."),
        ),
    )


def hor_2014(
    *,
    one_candidacy: bool = True,
    signer_once_per_election: bool = False,
) -> NominationRules:
    """Candidacy for the House of Representatives, 2014 (Law 10/2014; Decision 50/2014).

    25 at submission, a university degree, Libyan, 100 signatures of registered
    voters of the candidate's constituency, a non-refundable deposit of 500 dinars,
    the choice of the general race or a women's seat (HNEC Board Decision 50/2014
    Art. 1); members of HNEC's board, central administration, local committees and
    polling staff and people convicted of criminal or dishonourable offences may not
    stand.

    Args:
        one_candidacy: implied by the choice between the two races; not found as an
            article.
        signer_once_per_election: whether a voter may sign for one candidate only;
            not found (default: not checked).
    """
    ipu = Citation(instrument="Law 10/2014", source=_IPU_2014)
    return NominationRules(
        election="hor_2014",
        races={"general", "women"},
        women_races={"women"},
        min_age=25,
        nationality=Nationality.LIBYAN,
        education=Education.UNIVERSITY,
        signatures=Signatures(
            count=100, scope="district", once_per_election=signer_once_per_election
        ),
        deposit=Deposit(amount=500, refundable=False),
        excluded_offices={"hnec_board", "hnec_staff", "hnec_local_committee", "polling_staff"},
        no_conviction=True,
        one_candidacy=one_candidacy,
        citations={
            "races": Citation(
                instrument="HNEC Board Decision 50/2014",
                article="Art. 1",
                source=_DECISION_50_2014,
                primary=True,
            ),
            **dict.fromkeys(
                (
                    "min_age",
                    "nationality",
                    "education",
                    "signatures",
                    "deposit",
                    "excluded_offices",
                    "no_conviction",
                    "one_candidacy",
                ),
                ipu,
            ),
        },
        parameters=(
            _parameter(
                "one_candidacy",
                one_candidacy,
                True,
                f"Implied by the choice of one race ({_IPU_2014}); not found as an article.",
            ),
            _parameter(
                "signer_once_per_election",
                signer_once_per_election,
                False,
                "Whether a voter may sign for several candidates was not found.",
            ),
        ),
    )


def president_2021(
    *,
    min_age: int | None = None,
    deposit: Deposit | None = None,
    signer_once_per_election: bool = False,
) -> NominationRules:
    """Candidacy for the presidential election of 2021 (Law 1/2021).

    No other nationality (Art. 10(2)), no final conviction (Art. 10(7)), 5,000
    registered voters' endorsements (Art. 11), officeholders to stop work three
    months before polling day (Art. 12), a certificate of no criminal record
    (Art. 17(5)) and the report of HNEC's medical committee.

    Args:
        min_age: the enacted age was not found; the August 2021 draft said 40. Not
            checked by default.
        deposit: not found; not checked by default.
        signer_once_per_election: whether a voter may endorse one candidate only;
            "5,000 unique registered voters" is reported per candidate.
    """
    return NominationRules(
        election="president_2021",
        races={"president"},
        min_age=min_age,
        nationality=Nationality.LIBYAN_ONLY,
        signatures=Signatures(
            count=5_000, scope="national", once_per_election=signer_once_per_election
        ),
        deposit=deposit,
        resignation=Resignation(offices={"public_office", "military"}, months=3),
        no_conviction=True,
        documents={"criminal_record", "medical"},
        citations={
            "nationality": Citation(
                instrument="Law 1/2021", article="Art. 10(2)", source=_AGENPARL_2021
            ),
            "no_conviction": Citation(
                instrument="Law 1/2021", article="Art. 10(7)", source=_TV218_2021
            ),
            "signatures": Citation(
                instrument="Law 1/2021", article="Art. 11", source=_AGENPARL_2021
            ),
            "resignation": Citation(
                instrument="Law 1/2021", article="Art. 12", source=_CHINADAILY_2021
            ),
            "documents": Citation(
                instrument="Law 1/2021",
                article="Art. 17(5); HNEC medical committee",
                source=_AGENPARL_2021,
                note=f"The medical examination is reported at {_LIBYAREVIEW_MEDICAL}.",
            ),
            "races": Citation(instrument="Law 1/2021", source=_AGENPARL_2021),
        },
        parameters=(
            _parameter(
                "min_age",
                min_age,
                None,
                f"The enacted age was not found; the August 2021 draft said 40 "
                f"({_RADIOALGERIE_2021}).",
            ),
            _parameter("deposit", deposit, None, "Not found in any text retrieved."),
            _parameter(
                "signer_once_per_election",
                signer_once_per_election,
                False,
                "The endorsement lists were published and open to challenge; whether a "
                "voter may endorse two candidates was not found.",
            ),
        ),
    )


def hor_2021(
    *,
    signatures: Signatures | None = None,
    registered: Literal["district", "anywhere"] | None = "anywhere",
) -> NominationRules:
    """Candidacy for the House of Representatives election of 2021 (Law 2/2021).

    25 years old, a university degree, no other nationality unless authorised
    (Art. 6(9)), no conviction; the general race or the women's "special
    competition".

    Args:
        signatures: 100 voters of the constituency by default, from a list of
            conditions reported by LANA under another headline (unverified).
        registered: the candidate on the register (same report, unverified).
    """
    if signatures is None:
        signatures = Signatures(count=100, scope="district")
    lana = Citation(
        instrument="Law 2/2021",
        source=_LANA_2021,
        note="Headlined as conditions for a head of government; the list matches an HoR "
        "candidate. Unverified.",
    )
    return NominationRules(
        election="hor_2021",
        races={"general", "women"},
        women_races={"women"},
        min_age=25,
        nationality=Nationality.LIBYAN_ONLY_UNLESS_AUTHORISED,
        education=Education.UNIVERSITY,
        signatures=signatures,
        registered=registered,
        no_conviction=True,
        citations={
            "min_age": Citation(instrument="Law 2/2021", source=_DOHA_2021),
            "education": Citation(instrument="Law 2/2021", source=_DOHA_2021),
            "nationality": Citation(
                instrument="Law 2/2021", article="Art. 6(9)", source=_HERALD_2021
            ),
            "races": Citation(instrument="Law 2/2021", article="Art. 18", source=_HERALD_2021),
            "signatures": lana,
            "registered": lana,
            "no_conviction": lana,
        },
        parameters=(
            _parameter(
                "signatures",
                signatures,
                Signatures(count=100, scope="district"),
                f"100 voters of the constituency, as reported by LANA ({_LANA_2021}); unverified.",
            ),
            _parameter(
                "registered",
                registered,
                "anywhere",
                "The candidate on the register, as reported by LANA; unverified.",
            ),
        ),
    )


def president_2023(
    *,
    min_age: int | None = None,
    signatures: Signatures | None = None,
    deposit: Deposit | None = None,
) -> NominationRules:
    """Candidacy for the presidential election under the 2023 "6+6" law (first round).

    A dual national may stand in the first round (the second round needs proof of
    renunciation); no final felony conviction; neither the head nor the ministers of
    the interim government may stand (Art. 86 and 90). Officeholders, civil or
    military, are deemed resigned once the candidacy is accepted: that is an effect,
    not a refusal.

    Args:
        min_age, signatures, deposit: not found; not checked by default.
    """
    return NominationRules(
        election="president_2023",
        races={"president"},
        min_age=min_age,
        nationality=Nationality.OTHER_ALLOWED,
        signatures=signatures,
        deposit=deposit,
        excluded_offices={"interim_government"},
        no_conviction=True,
        citations={
            "nationality": Citation(
                instrument="2023 presidential law",
                source=_OBSERVER_2023,
                note=f"Second round: renunciation required ({_LIBYAREVIEW_2023}).",
            ),
            "no_conviction": Citation(
                instrument="2023 presidential law", source=_LIBYAREVIEW_2023
            ),
            "excluded_offices": Citation(
                instrument="2023 presidential law", article="Art. 86, 90", source=_PLEDGETIMES_2023
            ),
            "races": Citation(instrument="2023 presidential law", source=_OBSERVER_2023),
        },
        parameters=(
            _parameter("min_age", min_age, None, "Not found for the 2023 laws."),
            _parameter("signatures", signatures, None, "Not found for the 2023 laws."),
            _parameter("deposit", deposit, None, "Not found for the 2023 laws."),
        ),
    )


def municipal_2023(
    *,
    min_age: int = 25,
    signatures: Signatures | None = None,
    registered: Literal["district", "anywhere"] | None = None,
) -> NominationRules:
    """Candidacy for a municipal council under HNEC Decree 43/2023.

    Libyan (Art. 10(1)); no conviction for a felony or a dishonourable misdemeanour
    unless rehabilitated (Art. 16(7)); a list (``"municipal_list"``) or an individual
    seat (``"individual"``). List composition is checked by
    :func:`electoral.seats.check_municipal_list`.

    Args:
        min_age: 25 under Law 59/2012 (as the earlier committee publishes it); the
            decree's age article was not found.
        signatures: endorsements are collected as voter-card numbers; how many was
            not found. Not checked by default.
        registered: the register is residence-based; whether a candidate must be on
            the municipality's register was not found. Not checked by default.
    """
    decree = Citation(instrument="HNEC Decree 43/2023", source=_TIMENEWS_2024)
    return NominationRules(
        election="municipal_2023",
        races={"municipal_list", "individual"},
        min_age=min_age,
        nationality=Nationality.LIBYAN,
        signatures=signatures,
        registered=registered,
        no_conviction=True,
        citations={
            "nationality": Citation(
                instrument="HNEC Decree 43/2023", article="Art. 10(1)", source=_TIMENEWS_2024
            ),
            "no_conviction": Citation(
                instrument="HNEC Decree 43/2023", article="Art. 16(7)", source=_TIMENEWS_2024
            ),
            "min_age": Citation(instrument="Law 59/2012", source=_CCMCE),
            "races": decree,
            "signatures": decree,
            "registered": decree,
        },
        parameters=(
            _parameter(
                "min_age",
                min_age,
                25,
                f"25 under Law 59/2012 ({_CCMCE}); the decree's article was not found.",
            ),
            _parameter(
                "signatures", signatures, None, "The number of endorsements was not found."
            ),
            _parameter("registered", registered, None, "Not found in the excerpts of the decree."),
        ),
    )


NOMINATION_RULES: Final[Mapping[str, Callable[..., NominationRules]]] = {
    "gnc_2012": gnc_2012,
    "cda_2014": cda_2014,
    "hor_2014": hor_2014,
    "president_2021": president_2021,
    "hor_2021": hor_2021,
    "president_2023": president_2023,
    "municipal_2023": municipal_2023,
}
"""The candidacy rules' builders by election id (no rules were found for the 2023
House and Senate beyond those of the presidential law)."""
