"""Tally-Ho setup files and the results export: reading, refusing, round trips."""

from __future__ import annotations

import io
import pathlib
from typing import NamedTuple

import pytest

from electoral.errors import InconsistentValue, ValidationErrors
from electoral.formats.tallyho import (
    read_ballots,
    read_candidates,
    read_centers,
    read_result_forms,
    read_results_export,
    read_stations,
    read_subconstituencies,
    read_subconstituency_ballots,
    write_ballots,
    write_candidates,
    write_centers,
    write_result_forms,
    write_results_export,
    write_stations,
    write_subconstituencies,
    write_subconstituency_ballots,
)
from electoral.model import (
    Ballot,
    Candidate,
    Center,
    CenterType,
    Constituency,
    Gender,
    Office,
    Region,
    ResultForm,
    Station,
    SubConstituency,
)
from electoral.results import TallySetup, results_rows
from electoral.testing import demo_records, demo_tally_setup

DATA = pathlib.Path(__file__).parent / "data" / "tallyho"


class Loaded(NamedTuple):
    ballots: list[Ballot]
    constituencies: list[Constituency]
    subcons: list[SubConstituency]
    centers: list[Center]
    offices: list[Office]
    stations: list[Station]
    candidates: list[Candidate]
    setup: TallySetup
    forms: list[ResultForm]


def load() -> Loaded:
    ballots = read_ballots(DATA / "ballots.csv")
    constituencies, subcons = read_subconstituencies(DATA / "sub_constituencies.csv")
    ballots = read_subconstituency_ballots(
        DATA / "sub_constituency_ballots.csv", ballots=ballots, subconstituencies=subcons
    )
    centers, offices, constituencies = read_centers(
        DATA / "centers.csv", constituencies=constituencies, subconstituencies=subcons
    )
    stations = read_stations(
        DATA / "stations.csv", centers=centers, subconstituencies=subcons, skip_na_rows=True
    )
    candidates = read_candidates(
        DATA / "candidates.csv", DATA / "ballot_order.csv", ballots=ballots
    )
    setup = TallySetup.build(
        centers=centers,
        stations=stations,
        ballots=ballots,
        candidates=candidates,
        offices=offices,
    )
    forms = read_result_forms(DATA / "result_forms.csv", setup=setup)
    return Loaded(
        ballots, constituencies, subcons, centers, offices, stations, candidates, setup, forms
    )


def test_fixture_files_read() -> None:
    data = load()
    ballots = {b.number: b for b in data.ballots}
    assert sorted(ballots) == [1, 117, 118]
    assert ballots[1].subconstituency_ids == {31, 32, 40}
    centers = {c.center_id: c for c in data.centers}
    assert centers[80001].center_type is CenterType.SPECIAL
    assert centers[80001].subconstituency_id == 999
    assert centers[80001].constituency_id == 999
    offices = {o.id: o for o in data.offices}
    assert offices[2].region is Region.EAST
    stations = {s.key: s for s in data.stations}
    assert (99999, 1) not in stations  # "#N/A" row skipped
    assert stations[(31001, 1)].gender is Gender.MALE
    assert stations[(31002, 1)].registrants is None
    assert stations[(80001, 1)].subconstituency_id is None
    assert data.forms[0].barcode == "031001001001"  # leading zero kept
    replacement = data.forms[-1]
    assert replacement.is_replacement
    assert replacement.gender is None
    assert data.forms[1].serial_number == 17


def test_round_trips() -> None:
    d = load()
    bare = [Ballot(number=b.number, race=b.race) for b in d.ballots]
    assert read_ballots(io.StringIO(write_ballots(d.ballots))) == bare
    text = write_subconstituencies(d.subcons, d.constituencies, d.ballots)
    assert read_subconstituencies(io.StringIO(text)) == (d.constituencies, d.subcons)
    again = read_subconstituency_ballots(
        io.StringIO(write_subconstituency_ballots(d.ballots)),
        ballots=bare,
        subconstituencies=d.subcons,
    )
    assert again == d.ballots
    text = write_centers(d.centers, offices=d.offices, constituencies=d.constituencies)
    read = read_centers(
        io.StringIO(text), constituencies=d.constituencies, subconstituencies=d.subcons
    )
    assert read == (d.centers, d.offices, d.constituencies)
    text = write_stations(d.stations, centers=d.centers)
    assert (
        read_stations(io.StringIO(text), centers=d.centers, subconstituencies=d.subcons)
        == d.stations
    )
    text, order = write_candidates(d.candidates, ballots=d.ballots)
    assert read_candidates(io.StringIO(text), io.StringIO(order), ballots=d.ballots) == (
        d.candidates
    )
    text = write_result_forms(d.forms, setup=d.setup)
    assert read_result_forms(io.StringIO(text), setup=d.setup) == d.forms


def test_a_candidate_of_a_ballot_not_given_is_not_written() -> None:
    d = load()
    others = [b for b in d.ballots if b.number != d.candidates[0].ballot_number]
    with pytest.raises(InconsistentValue) as info:
        write_candidates(d.candidates, ballots=others)
    assert (info.value.code, info.value.value) == (
        "results.csv.ballot_unknown",
        d.candidates[0].ballot_number,
    )


def test_results_export_round_trip() -> None:
    setup = demo_tally_setup()
    rows = list(results_rows(demo_records(setup), setup))
    assert len(rows) == 11 * 3  # counted forms x candidates
    assert {r.barcode for r in rows if r.center == 80001} == {
        "80001001117",
        "80001001118",
        "80001002117",
        "80001002118",
    }
    ocv = next(r for r in rows if r.center == 80001)
    assert ocv.invalid_ballots is None
    text = write_results_export(rows)
    assert read_results_export(io.StringIO(text)) == rows
    with pytest.raises(ValidationErrors) as info:
        read_results_export(io.StringIO("barcode\n1\n"))
    assert info.value.codes == ("results.csv.missing_columns",)


def test_missing_columns() -> None:
    with pytest.raises(ValidationErrors) as info:
        read_ballots(io.StringIO("election_level,number\nHoR,1\n"))
    assert info.value.errors[0].message() == "Column sub_type is missing in the ballots file"
    with pytest.raises(ValidationErrors) as info:
        read_ballots(io.StringIO("x\n1\n"))
    assert info.value.errors[0].message() == (
        "Columns election_level, sub_type, number are missing in the ballots file"
    )


def test_every_row_problem_at_once() -> None:
    with pytest.raises(ValidationErrors) as info:
        read_ballots(io.StringIO("election_level,sub_type,number\nHoR,g,x\nHoR,g,1\nHoR,w,1\n"))
    assert info.value.codes == ("results.csv.integer", "results.csv.duplicate")
    assert [e.location for e in info.value.errors] == ["line 2", "line 4"]


def test_result_forms_file_checks() -> None:
    setup = load().setup
    with pytest.raises(ValidationErrors) as info:
        read_result_forms(DATA / "invalid_center_codes_result_forms.csv", setup=setup)
    assert info.value.codes == (
        "results.csv.duplicate_barcodes",
        "results.csv.unknown_center_codes",
    )
    assert "310012" in str(info.value.errors[1])
    with pytest.raises(ValidationErrors) as info:
        read_result_forms(DATA / "bad_result_forms.csv", setup=setup)
    assert info.value.codes == (
        "results.csv.station_unknown",
        "results.csv.ballot_unknown",
        "results.csv.office_region",
        "barcode.format",
        "results.csv.integer",
    )
    assert info.value.errors[0].message() == "Station 9 does not exist for center 31001"
    assert [e.location for e in info.value.errors] == [f"line {n}" for n in range(2, 7)]


def test_reference_errors() -> None:
    data = load()
    with pytest.raises(ValidationErrors) as info:
        read_subconstituency_ballots(
            io.StringIO("sub_constituency_code,ballot_number\n77,1\n31,555\n"),
            ballots=data.ballots,
            subconstituencies=data.subcons,
        )
    assert info.value.codes == (
        "results.csv.subconstituency_unknown",
        "results.csv.ballot_unknown",
    )
    header = (
        "center_id,name,center_type,center_lat,center_lon,office_name,office_id,region_name,"
        "constituency_name,subconstituency_id,mahalla_name,village_name"
    )
    with pytest.raises(ValidationErrors) as info:
        read_centers(
            io.StringIO(
                header + "\n31001,a,,,,T,1,Middle,Tripoli,31,,\n31002,b,,,,T,1,West,Nowhere,31,,\n"
                "31003,c,,,,T,1,West,Tripoli,77,,\n31004,d,,,,T,1,East,Tripoli,31,,\n"
                "31005,e,,x,,T,1,West,Tripoli,31,,\n31006,f,,,,T,1,West,Tripoli,31,,\n"
            ),
            constituencies=data.constituencies,
            subconstituencies=data.subcons,
        )
    assert info.value.codes == (  # "Nowhere" is created, as Tally-Ho creates it
        "results.csv.region_unknown",
        "results.csv.subconstituency_unknown",
        "results.csv.office_region",
        "results.csv.decimal",
    )
    assert info.value.errors[0].message() == "Region Middle does not"
    with pytest.raises(ValidationErrors) as info:
        read_stations(
            io.StringIO(
                "center_code,center_name,sub_constituency_code,station_number,"
                "station_gender,station_registrants\n11111,x,31,1,male,\n"
                "31001,x,31,1,other,\n31001,x,77,1,male,\n"
            ),
            centers=data.centers,
            subconstituencies=data.subcons,
        )
    assert info.value.codes == (
        "results.csv.center_unknown",
        "results.csv.gender",
        "results.csv.subconstituency_unknown",
    )
    with pytest.raises(ValidationErrors) as info:
        read_candidates(
            io.StringIO(
                "candidate_id,candidate_full_name,ballot_number,race_type\n"
                "1,a,1,nope\n2,b,555,ballot_number_presidential\n"
                "3,c,1,ballot_number_presidential\n"
            ),
            io.StringIO("candidate_id,ballot_order\n1,1\n2,2\n"),
            ballots=data.ballots,
        )
    assert info.value.codes == (
        "results.csv.race_unknown",
        "results.csv.ballot_unknown",
        "results.csv.order_missing",
    )
    assert info.value.errors[0].message("ar")


def test_setup_files_refuse_repeats_and_blanks() -> None:
    data = load()
    with pytest.raises(ValidationErrors) as info:
        read_subconstituencies(
            "sub_constituency_code,number_of_ballots,sub_constituency_name,constituency_name\n"
            "31,,a,No Constituency\n32,1,b,\n32,1,c,\n"
        )
    assert [(e.code, e.location) for e in info.value.errors] == [
        ("missing", "line 2"),
        ("results.csv.duplicate", "line 4"),
    ]
    constituencies, subs = read_subconstituencies(
        "sub_constituency_code,number_of_ballots,sub_constituency_name,constituency_name\n"
        "31,1,a,No Constituency\n32,1,b,\n"
    )
    assert constituencies == []
    assert [s.constituency_id for s in subs] == [999, None]
    header = (
        "center_id,name,center_type,center_lat,center_lon,office_name,office_id,region_name,"
        "constituency_name,subconstituency_id,mahalla_name,village_name\n"
    )
    row = "31001,a,,,,Tripoli,1,West,Tripoli,31,,\n"
    with pytest.raises(ValidationErrors) as info:
        read_centers(
            header + row + row.replace(",a,", ",b,"),
            constituencies=data.constituencies,
            subconstituencies=data.subcons,
        )
    assert [(e.code, e.location) for e in info.value.errors] == [
        ("results.csv.duplicate", "line 3")
    ]
    centers, _, _ = read_centers(
        header + row + row, constituencies=data.constituencies, subconstituencies=data.subcons
    )
    assert len(centers) == 1  # an exact repeat is dropped, as Tally-Ho's distinct() drops it
    stations = (
        "center_code,center_name,sub_constituency_code,station_number,station_gender,"
        "station_registrants\n"
    )
    with pytest.raises(ValidationErrors) as info:
        read_stations(
            stations + "31001,a,31,1,male,5\n31001,b,31,1,male,5\n99999,#N/A,31,1,male,\n"
            "99999,#N/A,31,2,female,\n",
            centers=data.centers,
            subconstituencies=data.subcons,
        )
    assert [(e.code, e.location) for e in info.value.errors] == [
        ("results.csv.duplicate", "line 3"),
        ("results.csv.na_rows", "line 4"),
    ]
    assert info.value.errors[1].value == (4, 5)
    assert "skip_na_rows" in info.value.errors[1].message()


def test_result_forms_refuse_a_repeated_serial_number() -> None:
    setup = load().setup
    header, first, second, *_ = (DATA / "result_forms.csv").read_text().splitlines()
    a = first.replace(",,West", ",7,West")
    b = second.replace(",17,West", ",7,West")
    with pytest.raises(ValidationErrors) as info:
        read_result_forms("\n".join([header, a, b]) + "\n", setup=setup)
    assert info.value.codes == ("results.csv.duplicate_serials",)
    assert info.value.errors[0].value == ("7",)
    with pytest.raises(ValidationErrors) as info:
        read_result_forms(
            "\n".join([header, a.replace(",Tripoli,", ",Misrata,")]) + "\n", setup=setup
        )
    assert info.value.codes == ("results.csv.office_region",)
