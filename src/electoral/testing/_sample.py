"""A small, fixed sample election: every noun, every centre kind, a few forms.

The data are invented (no real voter appears) but shaped like HNEC's: two
offices in two regions, two constituencies, a split centre in sub-constituency
998, a copy centre, male, female and unisex stations, a general and a women's
ballot, and result forms including an out-of-country one and an unassigned
replacement form.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from types import MappingProxyType

import attrs
import pendulum

from electoral._guard import guarded, typed_fields
from electoral.errors import InconsistentValue, register_messages
from electoral.model import (
    SPLIT_SUBCONSTITUENCY,
    TRIPOLI,
    Ballot,
    Candidate,
    Center,
    CenterType,
    Citizen,
    Constituency,
    Election,
    FormState,
    Gender,
    Office,
    Race,
    RaceType,
    ReconciliationForm,
    Region,
    RegistrationPeriod,
    ResultForm,
    Station,
    SubConstituency,
)

__all__ = ["SampleElection", "sample_election"]

register_messages(
    {
        "testing.unknown_center": (
            "The sample election has no centre {value}.",
            "لا يوجد في الانتخابات النموذجية مركز {value}.",
        ),
    }
)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class SampleElection:
    """Every noun of a small election, as immutable tuples (safe to share)."""

    election: Election
    registration_periods: tuple[RegistrationPeriod, ...]
    offices: tuple[Office, ...]
    constituencies: tuple[Constituency, ...]
    subconstituencies: tuple[SubConstituency, ...]
    centers: tuple[Center, ...]
    stations: tuple[Station, ...]
    citizens: tuple[Citizen, ...]
    races: tuple[Race, ...]
    ballots: tuple[Ballot, ...]
    candidates: tuple[Candidate, ...]
    result_forms: tuple[ResultForm, ...]
    reconciliation_forms: Mapping[str, ReconciliationForm] = attrs.field(eq=False, hash=False)
    """Reconciliation sections by form barcode (read-only)."""

    @guarded
    def center(self, center_id: int) -> Center:
        """The centre with this id (``testing.unknown_center`` if there is none)."""
        for center in self.centers:
            if center.center_id == center_id:
                return center
        raise InconsistentValue("testing.unknown_center", field="center_id", value=center_id)


def _citizen(number: int, nid: str, names: tuple[str, str, str, str], born: str) -> Citizen:
    first, father, grandfather, family = names
    return Citizen(
        civil_registry_id=number,
        national_id=nid,
        fbr_number=("r" if number % 5 == 0 else "") + str(40_000 + number * 7),
        first_name=first,
        father_name=father,
        grandfather_name=grandfather,
        family_name=family,
        mother_name="فاطمة",
        birth_date=pendulum.Date.fromisoformat(born),
        gender=Gender.MALE if nid[0] == "1" else Gender.FEMALE,
    )


@cache
def sample_election() -> SampleElection:
    """Return the sample election (the same immutable object on every call).

    >>> sample = sample_election()
    >>> len(sample.centers), sample.center(11003).center_type
    (5, <CenterType.COPY: 'copy'>)
    """
    election = Election(
        name_en="House of Representatives (sample)",
        name_ar="مجلس النواب (عينة)",
        polling_start=pendulum.datetime(2014, 6, 25, 8, tz=TRIPOLI),
        polling_end=pendulum.datetime(2014, 6, 25, 20, tz=TRIPOLI),
    )
    periods = (
        RegistrationPeriod(
            start=pendulum.datetime(2014, 5, 1, 8, tz=TRIPOLI),
            end=pendulum.datetime(2014, 5, 21, 20, tz=TRIPOLI),
        ),
    )
    offices = (
        Office(id=1, name_en="Tripoli Centre", name_ar="طرابلس المركز", region=Region.WEST),
        Office(id=20, name_en="Benghazi", name_ar="بنغازي", region=Region.EAST),
    )
    constituencies = (
        Constituency(id=1, name_en="Tripoli", name_ar="طرابلس"),
        Constituency(id=9, name_en="Benghazi", name_ar="بنغازي"),
    )
    subconstituencies = (
        SubConstituency(
            id=31, name_en="Tripoli Centre", name_ar="طرابلس المركز", constituency_id=1
        ),
        SubConstituency(id=40, name_en="Benghazi", name_ar="بنغازي", constituency_id=9),
        SPLIT_SUBCONSTITUENCY,
    )
    centers = (
        Center(
            center_id=11001, name_ar="مدرسة الفاتح", name_en="Al Fateh School", office_id=1,
            constituency_id=1, subconstituency_id=31,
            lat=Decimal("32.88720000"), lon=Decimal("13.19130000"),
        ),
        Center(
            center_id=11002, name_ar="مدرسة الشهداء", office_id=1, constituency_id=1,
            subconstituency_id=998, center_type=CenterType.SPLIT,
        ),
        Center(
            center_id=11003, name_ar="مدرسة الفاتح - نسخة", office_id=1, constituency_id=1,
            subconstituency_id=31, center_type=CenterType.COPY, copy_of=11001,
        ),
        Center(
            center_id=60101, name_ar="مدرسة النصر", name_en="Al Nasr School", office_id=20,
            constituency_id=9, subconstituency_id=40, center_type=CenterType.DISPLACED,
        ),
        Center(
            center_id=80001, name_ar="السفارة في تونس", name_en="Embassy in Tunis",
            center_type=CenterType.SPECIAL, reg_open=False,
        ),
    )  # fmt: skip
    stations = (
        Station(center_id=11001, number=1, gender=Gender.MALE, registrants=3),
        Station(center_id=11001, number=2, gender=Gender.FEMALE, registrants=3),
        Station(center_id=11002, number=1, gender=Gender.UNISEX, registrants=2),
        Station(center_id=60101, number=1, gender=Gender.UNISEX, registrants=2),
        Station(center_id=80001, number=1, gender=Gender.UNISEX, registrants=None),
    )
    citizens = (
        _citizen(1, "119690261935", ("محمد", "علي", "سالم", "الورفلي"), "1969-09-07"),
        _citizen(2, "219810371062", ("فاطمة", "أحمد", "محمد", "المصراتي"), "1981-03-07"),
        _citizen(3, "119950012345", ("خالد", "عمر", "يوسف", "الزوي"), "1995-01-01"),
        _citizen(4, "220000229001", ("مريم", "خالد", "", "الترهوني"), "2000-02-29"),
        _citizen(5, "119880512222", ("عمر", "مصطفى", "إبراهيم", "البرعصي"), "1988-05-12"),
        _citizen(6, "219750804444", ("سعاد", "سالم", "علي", "العبيدي"), "1975-08-04"),
    )
    general = Race(election_level="HoR", name="ballot_number_HOR_general",
                   race_type=RaceType.GENERAL)  # fmt: skip
    women = Race(election_level="HoR", name="ballot_number_HOR_women", race_type=RaceType.WOMEN)
    ballots = (
        Ballot(number=117, race=general, seats=2, subconstituency_ids={31, 998},
               available_for_release=True),
        Ballot(number=118, race=women, seats=1, subconstituency_ids={31, 998}),
        Ballot(number=140, race=general, seats=1, subconstituency_ids={40}),
    )  # fmt: skip
    candidates = (
        Candidate(ballot_number=117, candidate_id=1001, name_ar="علي سالم", order=1,
                  gender=Gender.MALE),
        Candidate(ballot_number=117, candidate_id=1002, name_ar="أحمد يوسف", order=2,
                  gender=Gender.MALE),
        Candidate(ballot_number=117, candidate_id=1003, name_ar="نورية محمد", order=3,
                  gender=Gender.FEMALE),
        Candidate(ballot_number=118, candidate_id=2001, name_ar="سعاد علي", order=1,
                  gender=Gender.FEMALE),
        Candidate(ballot_number=118, candidate_id=2002, name_ar="آمنة عمر", order=2,
                  gender=Gender.FEMALE),
        Candidate(ballot_number=140, candidate_id=3001, name_ar="مصطفى خالد", order=1),
        Candidate(ballot_number=140, candidate_id=3002, name_ar="حليمة سالم", order=2),
    )  # fmt: skip
    result_forms = (
        ResultForm(barcode="11001001117", ballot_number=117, center_id=11001, station_number=1,
                   gender=Gender.MALE, state=FormState.ARCHIVED),
        ResultForm(barcode="11001002117", ballot_number=117, center_id=11001, station_number=2,
                   gender=Gender.FEMALE, state=FormState.AUDIT),
        ResultForm(barcode="11001001118", ballot_number=118, center_id=11001, station_number=1,
                   gender=Gender.MALE, state=FormState.DATA_ENTRY_1),
        ResultForm(barcode="60101001140", ballot_number=140, center_id=60101, station_number=1,
                   gender=Gender.UNISEX, state=FormState.UNSUBMITTED),
        ResultForm(barcode="80001001140", ballot_number=140, center_id=80001, station_number=1,
                   gender=Gender.UNISEX, state=FormState.ARCHIVED),
        ResultForm(barcode="099990001001", ballot_number=117, is_replacement=True),
    )  # fmt: skip
    reconciliation_forms = {
        "11001001117": ReconciliationForm(
            number_of_voters=3, number_of_voter_cards_in_the_ballot_box=3,
            number_valid_votes=2, number_invalid_votes=1, number_sorted_and_counted=3,
        ),
        "11001002117": ReconciliationForm(
            number_of_voters=3, number_of_voter_cards_in_the_ballot_box=2,
            number_valid_votes=3, number_invalid_votes=0, number_sorted_and_counted=3,
            notes="بطاقة ناخب مفقودة",
        ),
    }  # fmt: skip
    return SampleElection(
        election=election,
        registration_periods=periods,
        offices=offices,
        constituencies=constituencies,
        subconstituencies=subconstituencies,
        centers=centers,
        stations=stations,
        citizens=citizens,
        races=(general, women),
        ballots=ballots,
        candidates=candidates,
        result_forms=result_forms,
        reconciliation_forms=MappingProxyType(reconciliation_forms),
    )
