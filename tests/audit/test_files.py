"""The audit's files: published results and races in, hand counts in, plans and evaluations out.

Every reader follows the library's file policy: UTF-8 with or without BOM, any line
ending, typed errors with a line for malformed CSV, NUL bytes, oversize cells and
numbers with thousands of digits; no CSV cell written can run as a formula.
"""

from __future__ import annotations

import io
import json
from fractions import Fraction
from pathlib import Path

import pytest

from electoral.audit import (
    Batch,
    Contest,
    HandCount,
    contests_from_results,
    evaluate_audit,
    evaluations_json,
    hand_count_sheet,
    plan_audit,
    plans_from_json,
    plans_json,
    read_hand_counts,
    read_races,
    read_results,
    risk_text,
    write_draws,
    write_races,
)
from electoral.errors import InvalidFormat, ValidationErrors
from electoral.formats.tallyho import write_results_export
from electoral.results import results_rows
from electoral.seats import DrawingOfLots, HighestAveragesRule, PluralityRule, Race
from electoral.synthetic import Size, seat_election, synthetic_election

SEED = "98765432109876543210"
RACES = "ballot,race,rule,seats\n1,North/general,plurality,1\n2,North/women,plurality,1\n"
HEADER = "ballot,center,station,barcode,candidate_id,votes,total_ballot_papers_in_box\n"


def _results(rows: int = 40) -> str:
    lines = [HEADER]
    for n in range(rows):
        barcode = f"{11000 + n}001001"
        lines.append(f"1,{11000 + n},1,{barcode},1,300,530\n1,{11000 + n},1,{barcode},2,200,530\n")
        women = f"{11000 + n}001002"
        lines.append(f"2,{11000 + n},1,{women},3,260,500\n2,{11000 + n},1,{women},4,230,500\n")
    return "".join(lines)


def _read(text: str) -> tuple[Contest, ...]:
    return read_results(io.StringIO(text), read_races(io.StringIO(RACES)))


def test_results_become_one_contest_per_race_with_one_batch_per_form() -> None:
    general, women = _read(_results())
    assert general.id == "North/general"
    assert len(general.batches) == 40
    assert general.totals() == {"1:1": 12000, "1:2": 8000}
    assert general.batches[0].ballots == 530
    assert general.batches[0].label == "centre 11000, station 1"
    assert women.names == ("2:3", "2:4")


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: ("\ufeff" + t).encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["lf", "bom", "crlf", "cr"],
)
def test_bom_and_every_line_ending(tmp_path: Path, encode: object) -> None:
    results, races = tmp_path / "results.csv", tmp_path / "races.csv"
    results.write_bytes(encode(_results(3)))  # type: ignore[operator]
    races.write_bytes(encode(RACES))  # type: ignore[operator]
    contests = read_results(results, read_races(races))
    assert [len(c.batches) for c in contests] == [3, 3]


# The results export is read by the formats layer's reader of it
# (electoral.formats.tallyho.iter_results_export with columns=), so its cells carry that
# reader's codes; the audit's own codes are for what only the audit knows (a ballot
# without a race, a candidate twice on one form, a count above the audit's ceiling).
@pytest.mark.parametrize(
    ("text", "code"),
    [
        (HEADER + "1,1,1,1001,1,x,1\n", "results.csv.integer"),
        (HEADER + "1,1,1,1001,1,-3,1\n", "results.csv.integer"),
        (HEADER + "1,1,1,1001,1," + "9" * 900 + ",1\n", "formats.number.too_long"),
        (HEADER + "1,1,1,1001,1," + "9" * 12 + ",1\n", "audit.count_ceiling"),
        (HEADER + "1,1,1,10\x0001,1,3,3\n", "formats.nul"),
        (HEADER + "1,1,1," + "1" * 2000 + ",1,3,3\n", "barcode.length"),
        (HEADER + "1,1,1,B1,1,3,3\n", "barcode.format"),
        (HEADER + '1,1,1,"1001,1,3,3\n', "formats.csv.syntax"),
        (HEADER + "9,1,1,1001,1,3,3\n", "audit.race_unknown"),
        (HEADER + "1,1,1,1001,1,3,3\n1,1,1,1001,1,4,4\n", "audit.batch_duplicate"),
        ("ballot,votes\n1,2\n", "results.csv.missing_columns"),
        (HEADER + "1,1,1,1001,1,3\n", "formats.csv.cells"),
    ],
)
def test_bad_results_are_refused_with_a_code_and_a_line(text: str, code: str) -> None:
    with pytest.raises(ValidationErrors) as caught:
        _read(text)
    assert code in caught.value.codes
    assert caught.value.errors[0].location
    assert caught.value.errors[0].location.startswith("line")


def test_results_problems_of_the_file_and_of_the_audit_come_together() -> None:
    with pytest.raises(ValidationErrors) as caught:
        _read(HEADER + "9,1,1,1001,1,3,3\n1,1,1,1002,1,x,3\n")
    assert [(e.code, e.location) for e in caught.value.errors] == [
        ("audit.race_unknown", "line 2"),
        ("results.csv.integer", "line 3"),
    ]


def test_results_given_as_lines_or_as_a_path_read_alike(tmp_path: Path) -> None:
    text = _results(3)
    path = tmp_path / "results.csv"
    path.write_text(text, encoding="utf-8")
    races = read_races(io.StringIO(RACES))
    by_lines = read_results(text.splitlines(keepends=True), races)
    assert by_lines == read_results(path, races) == _read(text)
    assert read_results(["", *text.splitlines(keepends=True)], races) == by_lines
    with pytest.raises(TypeError, match="source must hold lines of text, not int"):
        read_results([HEADER, 1], races)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="source"):
        read_results(text, races)


def test_a_missing_results_file_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationErrors) as caught:
        read_results(tmp_path / "nowhere.csv", read_races(io.StringIO(RACES)))
    assert caught.value.codes == ("formats.file.missing",)


def test_a_full_export_reads_and_its_other_columns_are_checked() -> None:
    full = HEADER.replace("\n", ",candidate_name\n") + "1,1,1,1001,1,3,3,=x\n"
    with pytest.raises(ValidationErrors) as caught:
        _read(full)
    assert caught.value.codes == ("formats.formula",)


def test_a_batch_bound_is_never_below_its_votes() -> None:
    (contest, _women) = _read(HEADER + "1,1,1,1001,1,5,0\n1,1,1,1001,2,1,\n2,1,1,2001,3,1,\n")
    assert contest.batches[0].ballots == 6


def test_huge_file_field_is_a_csv_error_not_a_traceback() -> None:
    text = HEADER + '1,1,1,"' + "1" * 200_000 + '",1,3,3\n'
    with pytest.raises(ValidationErrors) as caught:
        _read(text)
    assert caught.value.codes == ("formats.csv.field_too_large",)


def test_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    path.write_bytes(HEADER.encode() + b"1,1,1,\xff\xfe,1,3,3\n")
    with pytest.raises(ValidationErrors) as caught:
        read_results(path, read_races(io.StringIO(RACES)))
    assert caught.value.codes == ("formats.encoding",)


def test_races_file_rules_and_round_trip() -> None:
    text = (
        "ballot,race,rule,seats,threshold,kind\n"
        "1,A/general,plurality,2,,general\n"
        "2,A/list,dhondt,5,0.05,list\n"
        "3,president,two_round:always_runoff,1,,president\n"
    )
    races = read_races(io.StringIO(text))
    assert races[2].rule == HighestAveragesRule(divisor="dhondt", threshold=Fraction(1, 20))
    assert read_races(io.StringIO(write_races(races))) == races
    with pytest.raises(ValidationErrors) as caught:
        read_races(io.StringIO("ballot,race,rule,seats\n1,A,magic,1\n1,B,plurality,x\n"))
    assert caught.value.codes == ("audit.csv.rule", "audit.count_type")


def test_plan_draws_sheet_counts_and_evaluation_round_trip() -> None:
    contests = _read(_results())
    plans = [plan_audit(c, risk_limit="0.05", seed=SEED) for c in contests]
    draws = write_draws(plans)
    assert draws.splitlines()[0] == "race,round,draw,batch,position,label"
    sheet = hand_count_sheet(plans)
    lines = sheet.splitlines()
    assert lines[0] == "race,batch,candidate,votes,ballots"
    # fill the sheet with the forms' own figures
    votes = {(c.id, b.id): b.votes for c in contests for b in c.batches}
    filled = [lines[0]]
    for line in lines[1:]:
        race, batch, candidate, _votes, _ballots = line.split(",")
        filled.append(f"{race},{batch},{candidate},{votes[(race, batch)][candidate]},")
    counts = read_hand_counts(io.StringIO("\n".join(filled) + "\n"), plans)
    reloaded = plans_from_json(plans_json(plans))
    assert [p.draws for p in reloaded] == [p.draws for p in plans]
    evaluations = [evaluate_audit(p, counts[p.contest.id]) for p in reloaded]
    assert {e.status for e in evaluations} == {"confirmed", "counted"}
    assert all(e.confirmed for e in evaluations)
    document = json.loads(evaluations_json(evaluations))
    assert document["evaluations"][0]["status"] == "confirmed"


def test_polling_sheet_reads_back_ballots() -> None:
    contest = _read(_results())[0]
    plan = plan_audit(contest, risk_limit="0.1", seed=SEED, method="ballot_polling")
    sheet = hand_count_sheet([plan]).splitlines()
    assert sheet[0] == "race,batch,position,vote"
    filled = [sheet[0]] + [line.rstrip(",") + ",1:1" for line in sheet[1:]]
    counts = read_hand_counts(io.StringIO("\n".join(filled) + "\n"), [plan])
    assert evaluate_audit(plan, counts[contest.id]).status == "confirmed"


def test_no_cell_written_can_run_as_a_formula() -> None:
    batches = [Batch(id="=HYPERLINK(1)", votes={"+A": 300, "@B": 10}, ballots=320, label="-1")]
    batches += [Batch(id=f"F{n}", votes={"+A": 300, "@B": 10}, ballots=320) for n in range(5)]
    contest = Contest(id="-race", rule=PluralityRule(), seats=1, batches=batches)
    plan = plan_audit(contest, risk_limit="0.05", seed=SEED)
    for text in (write_draws([plan]), hand_count_sheet([plan])):
        for row in text.splitlines()[1:]:
            for cell in row.split(","):
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    # and the readers take the quote off again
    sheet = hand_count_sheet([plan]).splitlines()
    filled = [sheet[0]] + [
        line[:-2] + ",300," if "'+A" in line else line[:-2] + ",10," for line in sheet[1:]
    ]
    counts = read_hand_counts(io.StringIO("\n".join(filled) + "\n"), [plan])
    assert {c.batch for c in counts["-race"]} >= {"=HYPERLINK(1)"}
    assert all(isinstance(c, HandCount) and set(c.votes) == {"+A", "@B"} for c in counts["-race"])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{", "audit.json.malformed"),
        (
            '{"format": "electoral.audit.plan/1", "plans": [' + "[" * 200 + "]" * 200 + "]}",
            "audit.json.malformed",
        ),
        ('{"format": "other", "plans": []}', "audit.json.shape"),
        (
            '{"format": "electoral.audit.plan/1", "plans": [{"contest": 1.5}]}',
            "audit.json.malformed",
        ),
        (
            '{"format": "electoral.audit.plan/1", "plans": [' + "9" * 5000 + "]}",
            "audit.json.malformed",
        ),
        ('{"format": "electoral.audit.plan/1", "plans": [{}]}', "audit.json.shape"),
    ],
)
def test_bad_plan_files_are_refused_with_a_code(text: str, code: str) -> None:
    with pytest.raises((InvalidFormat, ValidationErrors)) as caught:
        plans_from_json(text)
    error = caught.value
    codes = error.codes if isinstance(error, ValidationErrors) else (error.code,)  # type: ignore[attr-defined]
    assert code in codes


def test_plans_keep_ties_drawn_by_lot() -> None:
    batches = [Batch(id=f"F{n}", votes={"A": 10, "B": 10}, ballots=20) for n in range(4)]
    contest = Contest(
        id="r", rule=PluralityRule(), seats=1, batches=batches, lots=DrawingOfLots(order=("B",))
    )
    (back,) = plans_from_json(plans_json([plan_audit(contest, risk_limit="0.1", seed=SEED)]))
    assert back.contest.lots == DrawingOfLots(order=("B",))


def test_risk_text_rounds_up() -> None:
    assert risk_text(Fraction(1, 20)) == "0.05"
    assert risk_text(Fraction(123456, 10**6)) == "0.1235"


def test_synthetic_election_published_results_can_be_audited() -> None:
    election = synthetic_election(Size.TINY, seed=3)
    seats, ballots = seat_election(election.country)
    races = {ballots[race.id]: race for race in seats.races}
    export = write_results_export(results_rows(election.records.values(), election.setup))
    from_text = read_results(io.StringIO(export), read_races(io.StringIO(write_races(races))))
    direct = contests_from_results(results_rows(election.records.values(), election.setup), races)
    assert [c.totals() for c in from_text] == [c.totals() for c in direct]
    assert {isinstance(race, Race) for race in races.values()} == {True}
