"""Private: how problems and reports are shown, as text and as JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from electoral.errors import Language, ValidationError

__all__ = ["describe", "dump_json", "problem_json"]


def describe(error: ValidationError, language: Language = "en") -> str:
    """One problem as ``code: message @ location``.

    >>> from electoral.errors import MissingValue
    >>> describe(MissingValue(field="office", location="line 5"))
    'missing: office is required. @ line 5'
    """
    where = f" @ {error.location}" if error.location else ""
    return f"{error.code}: {error.message(language)}{where}"


def problem_json(error: ValidationError) -> dict[str, Any]:
    """One problem as a JSON object: code, field, location and both messages."""
    return {
        "code": error.code,
        "field": error.field,
        "location": error.location,
        "message": error.message(),
        "message_ar": error.message("ar"),
    }


def dump_json(document: Mapping[str, Any]) -> str:
    """A JSON document as printed: UTF-8 text (Arabic kept), indented, one final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
