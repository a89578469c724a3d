"""Junk through every public function of the formats layer: only our errors come out.

Each function is called with good arguments but one replaced by junk. What may come
out is a ``TypeError`` that names the parameter (a wrong Python object), a
:class:`~electoral.errors.ValidationError` or :class:`~electoral.errors.ValidationErrors`
(bad data), or a result; never an ``AttributeError``, ``KeyError`` or other crash.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pendulum
import pytest

from electoral.errors import ValidationError, ValidationErrors
from electoral.formats import json as ours
from electoral.formats import smartelect, tallyho
from electoral.model import TRIPOLI, Station, SubConstituency
from electoral.registration import CENTER_CSV_COLUMNS, allocate_stations
from electoral.results import PvpBundle, results_rows
from electoral.testing import demo_records, demo_tally_setup

SETUP = demo_tally_setup()
ROWS = list(results_rows(demo_records(SETUP), SETUP))[:3]
AS_OF = pendulum.datetime(2026, 1, 1, tz=TRIPOLI)
DUMP = (
    "VALUES(7, 'محمد', 'علي', 'سالم', 'الورفلي', 'فاطمة', 1, '7/9/1969', '', "
    "'119690261935', '4471', 0, 0, 0);\n"
)
[RECORD] = smartelect.read_registry_dump(DUMP, as_of=AS_OF)
PLAN = allocate_stations([RECORD], center_id=31001)
BALLOTS = list(SETUP.ballots.values())
CENTERS = list(SETUP.centers.values())
OFFICES = list(SETUP.offices.values())
CANDIDATES = [c for group in SETUP.candidates.values() for c in group]
SUB = SubConstituency(id=31, name_en="", name_ar="")

JUNK: tuple[object, ...] = (None, 1, 1.5, True, "x", b"\xff", ["x"], {"x": 1}, object(), [None])

GOOD: dict[Callable[..., Any], dict[str, Any]] = {
    tallyho.read_ballots: {"source": "election_level,sub_type,number\nHoR,g,1\n"},
    tallyho.write_ballots: {"ballots": BALLOTS},
    tallyho.read_subconstituencies: {
        "source": "sub_constituency_code,number_of_ballots,sub_constituency_name,"
        "constituency_name\n31,1,a,b\n"
    },
    tallyho.write_subconstituencies: {
        "subconstituencies": [],
        "constituencies": [],
        "ballots": BALLOTS,
    },
    tallyho.read_subconstituency_ballots: {
        "source": "sub_constituency_code,ballot_number\n31,117\n",
        "ballots": BALLOTS,
        "subconstituencies": [SUB],
    },
    tallyho.write_subconstituency_ballots: {"ballots": BALLOTS},
    tallyho.read_centers: {
        "source": tallyho.write_centers(CENTERS, offices=OFFICES, constituencies=[]),
        "constituencies": [],
        "subconstituencies": [SUB],
    },
    tallyho.write_centers: {"centers": CENTERS, "offices": OFFICES, "constituencies": []},
    tallyho.read_stations: {
        "source": tallyho.write_stations(SETUP.stations.values(), centers=CENTERS),
        "centers": CENTERS,
        "subconstituencies": [SUB],
    },
    tallyho.write_stations: {"stations": list(SETUP.stations.values()), "centers": CENTERS},
    tallyho.read_candidates: {
        "source": tallyho.write_candidates(CANDIDATES, ballots=BALLOTS)[0],
        "order_source": tallyho.write_candidates(CANDIDATES, ballots=BALLOTS)[1],
        "ballots": BALLOTS,
    },
    tallyho.write_candidates: {"candidates": CANDIDATES, "ballots": BALLOTS},
    tallyho.read_result_forms: {
        "source": "ballot_number,center_code,station_number,gender,name,office_name,barcode,"
        "serial_number,region_name\n117,31001,1,male,,,31001001117,,\n",
        "setup": SETUP,
    },
    tallyho.write_result_forms: {"forms": [r.form for r in demo_records(SETUP)], "setup": SETUP},
    tallyho.iter_results_export: {"source": tallyho.write_results_export(ROWS)},
    tallyho.read_results_export: {"source": tallyho.write_results_export(ROWS)},
    tallyho.write_results_export: {"rows": ROWS},
    tallyho.read_pvp_results: {"source": tallyho.pvp_results_csv_example(), "media": ["a"]},
    tallyho.read_pvp_bundle: {
        "source": tallyho.write_pvp_bundle(
            tallyho.read_pvp_results(tallyho.pvp_results_csv_example())
        )
    },
    tallyho.write_pvp_results: {"bundle": PvpBundle(submissions=[])},
    tallyho.write_pvp_bundle: {"bundle": PvpBundle(submissions=[]), "media": {"a": b"x"}},
    smartelect.read_centers: {
        "source": ",".join(CENTER_CSV_COLUMNS) + "\n11001,أ,,,1,,,1,1,,,,General,,\n",
        "centers": [],
        "office_ids": [1],
        "constituency_ids": [1],
        "subconstituency_ids": [1],
    },
    smartelect.write_centers: {"centers": CENTERS, "offices": None, "language": "ar"},
    smartelect.iter_registry_dump: {"source": DUMP, "encoding": "utf-8"},
    smartelect.read_registry_dump: {"source": DUMP, "as_of": AS_OF},
    smartelect.check_registry_dump: {"source": DUMP, "as_of": AS_OF, "max_problems": 5},
    smartelect.iter_registry_csv: {"source": smartelect.write_registry_csv([RECORD])},
    smartelect.read_registry_csv: {
        "source": smartelect.write_registry_csv([RECORD]),
        "as_of": AS_OF,
    },
    smartelect.check_registry_csv: {
        "source": smartelect.write_registry_csv([RECORD]),
        "as_of": AS_OF,
        "max_problems": 5,
    },
    smartelect.write_registry_dump: {"records": [RECORD]},
    smartelect.write_registry_csv: {"records": [RECORD]},
    smartelect.split_dump_line: {"line": DUMP},
    smartelect.record_to_dump_line: {"record": RECORD},
    smartelect.read_phone_list_upload: {"source": "0923456789\n", "listed": ["218923456789"]},
    smartelect.read_national_id_upload: {"source": "119690261935\n", "known": ["119690261935"]},
    smartelect.read_bulk_sms: {"source": "0923456789,a\n"},
    smartelect.read_roll: {
        "source": "national_id,center_id\n119690261935,11001\n",
        "centers": [11001],
    },
    smartelect.write_voters_by_national_id: {"plans": [PLAN]},
    smartelect.write_voters_by_center_and_station: {"plans": [PLAN]},
    smartelect.write_station_metadata: {
        "plans": [PLAN],
        "centers": {31001: SETUP.centers[31001]},
        "constituencies": {},
        "subconstituencies": {},
        "generated_at": AS_OF,
    },
    ours.read_json: {
        "source": '{"center_id": 31001, "number": 1, "gender": "male"}',
        "cls": Station,
    },
    ours.read_json_list: {"source": "[]", "cls": Station},
    ours.write_json: {"value": []},
}


def cases() -> Iterator[Any]:
    for function, good in GOOD.items():
        for parameter in good:
            for index, junk in enumerate(JUNK):
                yield pytest.param(
                    function, good, parameter, junk, id=f"{function.__name__}-{parameter}-{index}"
                )


def call(function: Callable[..., Any], arguments: dict[str, Any]) -> object:
    result = function(**arguments)
    if inspect.isgenerator(result) or isinstance(result, Iterator):
        return list(result)
    return result


@pytest.mark.parametrize(
    ("function", "good"), [pytest.param(f, g, id=f.__name__) for f, g in GOOD.items()]
)
def test_the_good_arguments_work(function: Callable[..., Any], good: dict[str, Any]) -> None:
    call(function, dict(good))


@pytest.mark.parametrize(("function", "good", "parameter", "junk"), list(cases()))
def test_junk_gives_only_our_errors(
    function: Callable[..., Any], good: dict[str, Any], parameter: str, junk: object
) -> None:
    arguments = dict(good)
    arguments[parameter] = junk
    message = ""
    try:
        call(function, arguments)
    except TypeError as error:
        message = str(error)
    except (ValidationError, ValidationErrors):
        return
    assert not message or parameter in message, (parameter, message)
