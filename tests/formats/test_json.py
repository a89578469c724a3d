"""Our JSON: nouns in and out under the policy, and the published JSON Schema."""

from __future__ import annotations

import functools
import json
import pathlib
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electoral.errors import ValidationErrors
from electoral.formats.json import json_schema, read_json, read_json_list, write_json
from electoral.model import NOUNS, Center, Gender, Station
from electoral.serialization import unstructure
from electoral.testing.strategies import strategy_for

PUBLISHED = pathlib.Path(__file__).parents[2] / "docs" / "formats" / "electoral.schema.json"


def published_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def test_the_published_schema_is_the_generated_one() -> None:
    """Regenerate the file with ``regenerate()`` below when a noun changes."""
    assert PUBLISHED.read_text(encoding="utf-8") == published_text()


def regenerate() -> None:  # pragma: no cover - a maintainer's helper
    PUBLISHED.write_text(published_text(), encoding="utf-8")


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())
    assert set(json_schema()["$defs"]) == {noun.__name__ for noun in NOUNS}


def validator(noun: type[Any]) -> jsonschema.Draft202012Validator:
    return _validator(noun.__name__)


@functools.cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = {**json_schema(), "$ref": f"#/$defs/{name}"}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("noun", NOUNS, ids=lambda n: n.__name__)
@settings(max_examples=25)
@given(data=st.data())
def test_every_noun_written_as_json_meets_the_schema(noun: type[Any], data: st.DataObject) -> None:
    value = data.draw(strategy_for(noun))
    document = json.loads(write_json(value))
    validator(noun).validate(document)
    assert read_json(write_json(value), noun) == value


def test_the_schema_refuses_what_the_nouns_refuse() -> None:
    check = validator(Station)
    assert not check.is_valid({"center_id": 31001, "number": 0, "gender": "male"})
    assert not check.is_valid({"center_id": 31001, "number": 1, "gender": "woman"})
    assert not check.is_valid({"center_id": 31001, "number": 1, "gender": "male", "x": 1})
    assert not check.is_valid({"number": 1, "gender": "male"})
    assert not validator(Center).is_valid({"center_id": 31001, "name_ar": " "})
    assert validator(Center).is_valid({"center_id": 31001, "name_ar": "أ", "lat": "-12.5"})


def test_lists_are_all_or_nothing_with_paths() -> None:
    text = json.dumps(
        [
            {"center_id": 31001, "number": 1, "gender": "male"},
            {"center_id": 31001, "number": 0, "gender": "woman"},
        ]
    )
    with pytest.raises(ValidationErrors) as info:
        read_json_list(text, Station)
    assert [(e.code, e.location) for e in info.value.errors] == [
        ("range", "$[1].number"),
        ("enum.unknown", "$[1].gender"),
    ]
    with pytest.raises(ValidationErrors) as info:
        read_json_list('{"center_id": 1}', Station)
    assert info.value.codes == ("formats.json.not_list",)
    assert "dict" in info.value.errors[0].message()


def test_read_json_refuses_what_is_not_a_noun() -> None:
    with pytest.raises(TypeError, match="cls"):
        read_json("{}", dict)
    with pytest.raises(TypeError, match="cls"):
        read_json_list("[]", int)
    with pytest.raises(TypeError, match="source"):
        read_json(None, Station)  # type: ignore[arg-type]


def test_written_json_is_stable_text() -> None:
    station = Station(center_id=31001, number=2, gender=Gender.FEMALE)
    text = write_json([station])
    assert text.endswith("]\n")
    assert json.loads(text) == [unstructure(station)]
    assert write_json([station]) == text
