"""Rules over the whole error catalogue and the label table, for every chapter.

The catalogue is filled as modules are imported, so these tests first import every
module of the library (the test kit and optional integrations aside). A chapter
added later is checked by the same tests without being listed here: its templates
must not name their field, and every field it names in an error must have a label
(found by reading its source, see :func:`fields_named_in_errors`).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
import sys
from pathlib import Path

import attrs
import pytest

import electoral
from electoral.errors import LABELS, MESSAGES, Language, ValidationError
from electoral.model import NOUNS

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


# --- the label table ------------------------------------------------------------------


def _text(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _fields_in_source(path: Path) -> set[str]:
    """Field names written in one module: ``field="votes"`` in any call (also through a
    module constant, ``field=_FIELD``, or either side of ``a if c else b``), and the
    string default of a parameter named ``field``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            text = _text(node.value)
            for target in targets:
                if isinstance(target, ast.Name) and text is not None:
                    constants[target.id] = text
    found: set[str] = set()
    for walked in ast.walk(tree):
        if isinstance(walked, ast.keyword) and walked.arg == "field":
            values = [walked.value]
            if isinstance(walked.value, ast.IfExp):
                values = [walked.value.body, walked.value.orelse]
            for value in values:
                text = _text(value)
                if text is None and isinstance(value, ast.Name):
                    text = constants.get(value.id)
                if text is not None:
                    found.add(text)
        elif isinstance(walked, ast.FunctionDef):
            arguments = walked.args
            positional = arguments.posonlyargs + arguments.args
            defaults: list[ast.expr | None] = [None] * (
                len(positional) - len(arguments.defaults)
            ) + list(arguments.defaults)
            pairs = [
                *zip(positional, defaults, strict=True),
                *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True),
            ]
            for argument, default in pairs:
                text = _text(default)
                if argument.arg == "field" and text is not None:
                    found.add(text)
    return found


def fields_named_in_errors() -> dict[str, str]:
    """Every field the library can name in an error, with where it was found.

    Read from the source of every module (see :func:`_fields_in_source`), plus the
    fields an attrs validator can refuse (a validator reports ``attribute.name``),
    every field of a noun (the converter reports those), and every column of a
    file format (module constants named ``*COLUMNS``, which readers report).
    """
    found: dict[str, str] = {}
    root = Path(electoral.__path__[0])
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent).with_suffix("")
        if ".".join(relative.parts).startswith(SKIPPED):
            continue
        for name in _fields_in_source(path):
            found.setdefault(name, str(relative))
    for module_name, module in sorted(sys.modules.items()):
        if not module_name.startswith("electoral.") or module_name.startswith(SKIPPED):
            continue
        for attribute, value in vars(module).items():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == module_name:
                for field in attrs.fields(value):
                    if field.validator is not None or value in NOUNS:
                        found.setdefault(field.name, f"{module_name}.{value.__name__}")
            elif attribute.endswith("COLUMNS") and isinstance(value, tuple | list):
                for column in value:
                    if isinstance(column, str):
                        found.setdefault(column, f"{module_name}.{attribute}")
    return found


FIELDS = fields_named_in_errors()


def test_the_scan_finds_the_fields_it_should() -> None:
    for name in ("national_id", "votes", "registrants", "barcode", "NATIONAL_ID", "copy_of"):
        assert name in FIELDS, name
    assert len(FIELDS) > 200


def test_every_field_the_library_names_has_a_label() -> None:
    missing = sorted(
        f"{name} (in {where})" for name, where in FIELDS.items() if name not in LABELS
    )
    assert not missing, (
        "these fields have no label; add them with electoral.errors.register_labels "
        "next to the rule that names them:\n" + "\n".join(missing)
    )


ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.mark.parametrize("field", sorted(LABELS))
def test_labels_are_short_texts_in_their_language(field: str) -> None:
    found = LABELS[field]
    for text in (found.en, found.ar):
        assert text.strip() == text, field
        assert 0 < len(text) <= 60, field
    assert not ARABIC.search(found.en), field
    assert ARABIC.search(found.ar), field
    assert found.en[0].isupper(), field


def test_no_template_starts_with_a_label() -> None:
    for code in CODES:
        message = MESSAGES[code]
        for found in LABELS.values():
            assert not message.en.startswith(f"{found.en}:"), code
            assert not message.ar.startswith(f"{found.ar}:"), code
