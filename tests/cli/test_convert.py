"""``electoral convert``: every pair both ways without loss, and a refusal for every loss."""

from __future__ import annotations

import itertools
import json
import os
import pathlib
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electoral.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE
from electoral.cli._conversions import formats
from electoral.model import Center, CenterType, Region
from electoral.serialization import unstructure
from electoral.testing import strategies

if TYPE_CHECKING:
    from tests.cli.conftest import Cli

SUFFIX = {"smartelect": "csv", "tallyho": "csv", "csv": "csv", "sql": "sql", "json": "json"}


def _records(cli: Cli, path: pathlib.Path, kind: str, tmp: pathlib.Path, *extra: str) -> Any:
    """The records of a file, as the JSON a conversion to json writes."""
    out = tmp / f"records-{len(list(tmp.iterdir()))}.json"
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    ran = cli("convert", kind, path, out, "--to", "json", *extra)
    assert ran.code == EXIT_OK, ran.err
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("kind", "start", "extra"),
    [
        ("centers", "registration/centers.csv", ()),
        ("citizens", "registration/civil_registry.sql", ("--as-of", "2026-06-25")),
        ("result-forms", "tally-setup/result_forms.csv", ("--setup", "{setup}")),
    ],
)
def test_every_pair_round_trips(
    cli: Cli,
    demo_dir: pathlib.Path,
    tmp_path: pathlib.Path,
    kind: str,
    start: str,
    extra: tuple[str, ...],
) -> None:
    options = tuple(word.format(setup=demo_dir / "tally-setup") for word in extra)
    source = tmp_path / pathlib.Path(start).name  # the first 150 records are enough
    source.write_text(
        "".join((demo_dir / start).read_text(encoding="utf-8").splitlines(True)[:151]),
        encoding="utf-8",
    )
    expected = _records(cli, source, kind, tmp_path, *options)
    assert expected["schema_version"] == 1
    names = [name for (k, name) in formats() if k == kind]
    first = {}
    for name in names:  # the start file in every format of its kind
        path = tmp_path / f"first-{name}.{SUFFIX[name]}"
        ran = cli("convert", kind, source, path, "--to", name, *options)
        if ran.code == EXIT_USAGE:  # the start file is already in this format
            path = source
        else:
            assert ran.code == EXIT_OK, ran.err
        first[name] = path
    for a, b in itertools.permutations(names, 2):  # every pair, each way
        out = tmp_path / f"{a}-to-{b}.{SUFFIX[b]}"
        ran = cli("convert", kind, first[a], out, "--from", a, "--to", b, *options)
        assert ran.code == EXIT_OK, (a, b, ran.err)
        assert _records(cli, out, kind, tmp_path, *options) == expected, (a, b)


def test_registration_centres_survive_the_results_system_format(
    cli: Cli, demo_dir: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    source = demo_dir / "registration/centers.csv"
    results = tmp_path / "centers-tallyho.csv"
    back = tmp_path / "back.csv"
    assert cli("convert", "centers", source, results, "--to", "tallyho").code == EXIT_OK
    assert cli("convert", "centers", results, back, "--to", "smartelect").code == EXIT_OK
    assert back.read_bytes() == source.read_bytes()


def test_results_system_centres_back_to_the_registration_system(
    cli: Cli, demo_dir: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    source = demo_dir / "tally-setup/centers.csv"
    out = tmp_path / "registration.csv"
    ran = cli("convert", "centers", source, out, "--to", "smartelect", "--json")
    assert ran.code == EXIT_DATA
    lost = {(p["code"], p["field"]) for p in json.loads(ran.out)["problems"]}
    assert lost == {
        ("cli.convert_made_up", "constituency_id"),  # the results system has only names
        ("cli.convert_left_out", "center_type"),  # an out-of-country centre
        ("cli.convert_changed", "center_type"),  # "copy" without the original's id
        ("cli.convert_refused", "allow_loss"),
    }
    assert not out.exists()
    ran = cli("convert", "centers", source, out, "--to", "smartelect", "--allow-loss")
    assert ran.code == EXIT_OK
    assert "accepted with --allow-loss: cli.convert_made_up: Constituency" in ran.out
    text = out.read_text(encoding="utf-8")
    assert "80001" not in text  # left out, as announced
    assert "Tripoli" in text  # the office name travelled


def _centres_document(centers: list[dict[str, Any]]) -> dict[str, Any]:
    return {"schema_version": 1, "kind": "centers", "centers": centers}


def test_each_loss_is_named(cli: Cli, tmp_path: pathlib.Path) -> None:
    center = {
        "center_id": 11001, "name_ar": "مدرسة", "name_en": "School", "office_id": 1,
        "constituency_id": 1, "subconstituency_id": 1, "reg_open": False,
    }  # fmt: skip
    source = tmp_path / "centers.json"
    source.write_text(json.dumps(_centres_document([{"center": center}])), encoding="utf-8")
    out = tmp_path / "out.csv"
    ran = cli("convert", "centers", source, out, "--to", "smartelect")
    assert ran.code == EXIT_DATA
    assert "cli.convert_lost: English name: 1 record(s) would lose this value" in ran.err
    assert "cli.convert_lost: Open for registration" in ran.err
    assert "$.centers[0]" in ran.err
    assert not out.exists()
    assert cli("convert", "centers", source, out, "--to", "tallyho").code == EXIT_OK


def test_citizens_losses(cli: Cli, tmp_path: pathlib.Path) -> None:
    citizen = {
        "civil_registry_id": 7, "national_id": "119690261935", "fbr_number": "4471",
        "first_name": "محمد", "father_name": "علي", "grandfather_name": "سالم",
        "family_name": "الورفلي", "mother_name": "فاطمة", "birth_date": "1969-09-07",
        "gender": "male", "blocked": True, "address": "O'Hara street",
    }  # fmt: skip
    source = tmp_path / "citizens.json"
    source.write_text(json.dumps({"citizens": [{"citizen": citizen, "office_id": 35}]}))
    ran = cli("convert", "citizens", source, tmp_path / "out.sql", "--to", "sql", "--json")
    problems = {(p["code"], p["field"]) for p in json.loads(ran.out)["problems"]}
    assert ("cli.convert_lost", "blocked") in problems
    assert ("cli.convert_left_out", "address") in problems  # the dump cannot hold a quote
    assert json.loads(ran.out)["as_of"]
    ran = cli("convert", "citizens", source, tmp_path / "out.csv", "--to", "csv", "--json")
    assert {p["field"] for p in json.loads(ran.out)["problems"]} == {"blocked", "allow_loss"}


def test_result_forms_losses(cli: Cli, demo_dir: pathlib.Path, tmp_path: pathlib.Path) -> None:
    setup = demo_dir / "tally-setup"
    forms = tmp_path / "forms.json"
    assert cli("convert", "result-forms", setup / "result_forms.csv", forms, "--to", "json",
               "--setup", setup).code == EXIT_OK  # fmt: skip
    document = json.loads(forms.read_text(encoding="utf-8"))
    document["result_forms"][0]["result_form"]["state"] = "archived"
    forms.write_text(json.dumps(document), encoding="utf-8")
    ran = cli("convert", "result-forms", forms, tmp_path / "back.csv", "--to", "tallyho",
              "--setup", setup)  # fmt: skip
    assert ran.code == EXIT_DATA
    assert "cli.convert_lost: State: 1 record(s)" in ran.err


def test_an_output_that_is_its_input_is_refused(cli: Cli, tmp_path: pathlib.Path) -> None:
    source = tmp_path / "votes.json"
    source.write_text(json.dumps(_centres_document([])), encoding="utf-8")
    link = tmp_path / "link.json"
    os.link(source, link)
    for output in (source, link, tmp_path / ".." / tmp_path.name / "votes.json"):
        ran = cli("convert", "centers", source, output, "--to", "smartelect")
        assert ran.code == EXIT_USAGE
        assert "cli.output_is_input" in ran.err
    assert json.loads(source.read_text(encoding="utf-8"))["centers"] == []


def test_unsupported_and_unknown_formats(cli: Cli, tmp_path: pathlib.Path) -> None:
    source = tmp_path / "c.json"
    source.write_text(json.dumps(_centres_document([])), encoding="utf-8")
    ran = cli("convert", "centers", source, tmp_path / "o", "--to", "sql")
    assert (ran.code, "cli.convert_unsupported" in ran.err) == (EXIT_USAGE, True)
    ran = cli("convert", "centers", source, tmp_path / "o", "--to", "json")
    assert "cli.convert_unsupported" in ran.err
    bad = tmp_path / "bad.json"
    bad.write_text('[{"center_id": "x"}]', encoding="utf-8")
    ran = cli("convert", "centers", bad, tmp_path / "o.csv", "--to", "smartelect")
    assert (ran.code, "@ $.centers[0]" in ran.err) == (EXIT_DATA, True)
    ran = cli("convert", "result-forms", bad, tmp_path / "o.csv", "--to", "tallyho")
    assert "cli.setup_required" in ran.err


NAMES = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ,=+-@'\"", min_size=0, max_size=12) | (
    st.sampled_from(["'=x", "''+1", "'@SUM(A1)", "'-", "'quoted"])
)


@settings(max_examples=10)
@given(
    centers=st.lists(
        strategies.centers(
            center_type=st.sampled_from(
                [t for t in CenterType if t not in (CenterType.COPY, CenterType.SPECIAL)]
            )
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda c: c.center_id,
    ),
    names=st.lists(
        st.tuples(st.sampled_from([*Region, None]), NAMES, NAMES, NAMES), min_size=4, max_size=4
    ),
)
def test_centres_round_trip_through_every_format(
    tmp_path_factory: pytest.TempPathFactory,
    centers: list[Any],
    names: list[tuple[Region | None, str, str, str]],
) -> None:
    from electoral.cli import main

    tmp = tmp_path_factory.mktemp("centres")
    entries = []
    for center, (region, office, constituency, sub) in zip(centers, names, strict=False):
        # what the registration system's file has no place for would be refused as a loss
        center = attrs.evolve(center, name_en="", reg_open=True, active=True)
        entries.append(
            {
                "center": unstructure(center),
                "region_name": "" if region is None else region.value,
                "office_name": office.strip(),
                "constituency_name": constituency.strip(),
                "subconstituency_name": sub.strip(),
            }
        )
    source = tmp / "source.json"
    source.write_text(json.dumps(_centres_document(entries), ensure_ascii=False))
    for target in ("smartelect", "tallyho"):
        middle = tmp / f"{target}.csv"
        back = tmp / f"{target}.json"
        code = main(["convert", "centers", str(source), str(middle), "--to", target, "--quiet"])
        assert code == EXIT_OK
        assert main(["convert", "centers", str(middle), str(back), "--to", "json"]) == EXIT_OK
        assert json.loads(back.read_text(encoding="utf-8"))["centers"] == [
            {**entry, "center": entry["center"]} for entry in entries
        ]


def test_a_name_that_begins_with_an_apostrophe_before_a_formula_survives(
    cli: Cli, tmp_path: pathlib.Path
) -> None:
    entry = {
        "center": unstructure(
            Center(center_id=11001, name_ar="'=مدرسة", office_id=1, mahalla="'+m")
        ),
        "region_name": "'@r",
        "office_name": "'=HYPERLINK(1)",
        "constituency_name": "''-c",
        "subconstituency_name": "=s",
    }
    source = tmp_path / "source.json"
    source.write_text(json.dumps(_centres_document([entry]), ensure_ascii=False))
    for target in ("smartelect", "tallyho"):
        middle, back = tmp_path / f"{target}.csv", tmp_path / f"{target}.json"
        assert cli("convert", "centers", source, middle, "--to", target).code == EXIT_OK
        assert cli("convert", "centers", middle, back, "--to", "json").code == EXIT_OK
        assert json.loads(back.read_text(encoding="utf-8"))["centers"] == [entry]
