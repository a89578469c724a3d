"""Candidates (المرشحون): who may stand, per election, with the law behind each refusal.

Each election's candidacy rules are a :class:`NominationRules` value built by one
function of :data:`NOMINATION_RULES` (``hor_2014()``...): the races a candidate may
choose (and those open to women only), the minimum age on the day of submission,
nationality, education, supporting signatures (how many, from where, each signer a
registered voter counted once), the deposit, excluded offices and resignation
deadlines, convictions, the documents of the file, and one candidacy per person.
Every rule carries its :class:`~electoral.law.Citation`; where the law is not known,
the builder takes the point as a keyword argument with a documented default and
records it as a :class:`~electoral.seats.Parameter`.

:func:`review_nomination` checks one :class:`Nomination` and returns every refusal
at once, each a :class:`Refusal` with a stable code, the law and article
(``params["law"]``) and the location in the file (``$.signatures[3]``);
:func:`check_nomination` raises them; :func:`review_nominations` reviews a filing
in order and adds the refusals found across nominations (a second candidacy, a
voter signing for two candidates where the law allows one).

>>> import pendulum
>>> rules = hor_2014()
>>> voters = {"119690261935": "Sebha", "219800101010": "Obari"}
>>> nomination = Nomination(
...     national_id="119750101234", birth_date=pendulum.date(1975, 1, 1),
...     district="Sebha", race="general",
...     submitted_at=pendulum.datetime(2014, 5, 1, 10, tz="Africa/Tripoli"),
...     education=Education.UNIVERSITY, deposit=499,
...     signatures=["119690261935", "219800101010", "119690261935"])
>>> review = review_nomination(nomination, rules, voters=voters)
>>> for refusal in review.refusals:
...     print(refusal.code, refusal.location)
candidates.signer_elsewhere $.signatures[1]
candidates.signer_twice $.signatures[2]
candidates.signatures_short $.signatures
candidates.deposit_short $.deposit
>>> print(review.refusals[-1])
A deposit of 499 dinars; the law requires 500 (Law 10/2014). @ $.deposit
"""

from __future__ import annotations

from electoral.candidates._libya import (
    NOMINATION_RULES,
    cda_2014,
    gnc_2012,
    hor_2014,
    hor_2021,
    municipal_2023,
    president_2021,
    president_2023,
)
from electoral.candidates._lists import CandidateList, review_nominations
from electoral.candidates._nomination import (
    HeldOffice,
    Nomination,
    Refusal,
    Review,
    check_nomination,
    review_nomination,
)
from electoral.candidates._rules import (
    RULE_NAMES,
    Deposit,
    Education,
    Nationality,
    NominationRules,
    Resignation,
    Signatures,
)

__all__ = [
    "NOMINATION_RULES",
    "RULE_NAMES",
    "CandidateList",
    "Deposit",
    "Education",
    "HeldOffice",
    "Nationality",
    "Nomination",
    "NominationRules",
    "Refusal",
    "Resignation",
    "Review",
    "Signatures",
    "cda_2014",
    "check_nomination",
    "gnc_2012",
    "hor_2014",
    "hor_2021",
    "municipal_2023",
    "president_2021",
    "president_2023",
    "review_nomination",
    "review_nominations",
]
