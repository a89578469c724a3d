"""Rules over the whole error catalogue: every code of every chapter, present and future.

The catalogue is filled as modules are imported, so these tests first import every
module of the library (the test kit and optional integrations aside). A chapter
added later is checked by the same tests without being listed here.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import string

import pytest

import electoral
from electoral.errors import MESSAGES, Language, ValidationError

#: Modules that register no codes, or need an optional dependency to import.
SKIPPED = ("electoral.testing", "electoral.contrib", "electoral.__main__")


def import_every_module() -> list[str]:
    """Import every module that may register error codes; return their names."""
    names = []
    for info in pkgutil.walk_packages(electoral.__path__, prefix="electoral."):
        if not info.name.startswith(SKIPPED):
            importlib.import_module(info.name)
            names.append(info.name)
    return names


import_every_module()
CODES = sorted(MESSAGES)

# A field named at the start of a template, the way "votes: ..." or "national_id: ..."
# would name it: a snake_case word (possibly dotted or indexed) and a colon.
FIELD_PREFIX = re.compile(r"^\s*[a-z_$][a-z0-9_.\[\]$]*\s*:")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_the_catalogue_holds_every_chapter() -> None:
    prefixes = {code.split(".")[0] for code in CODES}
    assert {"national_id", "center", "registration", "results", "seats", "cli"} <= prefixes
    assert len(CODES) > 250


@pytest.mark.parametrize("code", CODES)
def test_no_template_names_its_field(code: str) -> None:
    message = MESSAGES[code]
    for template in (message.en, message.ar):
        assert "field" not in placeholders(template), f"{code}: {template!r} uses {{field}}"
        assert not FIELD_PREFIX.match(template), f"{code}: {template!r} starts with a field"
    error = ValidationError(code, field="zz_sentinel_field", value="v")
    languages: tuple[Language, ...] = ("en", "ar")
    for language in languages:
        assert "zz_sentinel_field" not in error.message(language)


@pytest.mark.parametrize("code", CODES)
def test_both_languages_use_the_same_params(code: str) -> None:
    message = MESSAGES[code]
    assert placeholders(message.en) == placeholders(message.ar), code
    assert all(name.isidentifier() for name in placeholders(message.en)), code


def test_field_prefix_pattern_catches_what_it_should() -> None:
    assert FIELD_PREFIX.match("votes: {value} is negative.")
    assert FIELD_PREFIX.match("national_id: a National ID contains only digits.")
    assert FIELD_PREFIX.match("$.forms[3].votes: bad")
    assert not FIELD_PREFIX.match("{value} is negative.")
    assert not FIELD_PREFIX.match("Error in row {line_number}. Error: {error}")
    assert not FIELD_PREFIX.match("الرقم الوطني يتكون من 12 رقمًا.")
