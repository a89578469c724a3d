"""Private: the JSON Schema of every ``--json`` document (published in the docs).

Each document has the common members of :func:`electoral.cli._output.envelope`
and the members of its command. When the command succeeds (``ok`` is true) its
members are all present; when it fails they may be absent (a missing file stops a
command before it knows them), but the common members never are. The tests check
real documents of every command, succeeding and failing, against this schema.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["json_schema"]

_INT: Final = {"type": "integer"}
_COUNT: Final = {"type": "integer", "minimum": 0}
_TEXT: Final = {"type": "string"}
_DAY: Final = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_PATH: Final = {"type": ["string", "null"], "description": "a path, or null when none"}


def _object(properties: dict[str, Any], required: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = sorted(properties)
    return schema


def _counts() -> dict[str, Any]:
    return {"type": "object", "additionalProperties": _COUNT}


_PROBLEM: Final = _object(
    {
        "code": {**_TEXT, "description": "the stable error code (see the error catalogue)"},
        "field": {"type": ["string", "null"], "description": "the field, column or option"},
        "location": {"type": ["string", "null"], "description": "line 4, $.centers[3].lat"},
        "line": {"type": ["integer", "null"], "description": "the line, when there is one"},
        "message": {**_TEXT, "description": "the message in English"},
        "message_ar": {**_TEXT, "description": "the message in Arabic"},
    }
)

_TIE: Final = {
    "oneOf": [
        {"type": "null"},
        _object({"candidates": {"type": "array", "items": _TEXT}, "seats": _COUNT}),
    ]
}

_AUDIT_RACE: Final = _object(
    {
        "race": _TEXT,
        "status": {"enum": ["sampling", "confirmed", "full_hand_count"]},
        "round": _COUNT,
        "draws": _COUNT,
        "to_count": {"type": "array", "items": _TEXT, "description": "the stations to pull"},
        "batches": _COUNT,
        "reason": _TEXT,
    }
)

_COMMANDS: Final[dict[str, dict[str, Any]]] = {
    "demo": {
        "electoral": _TEXT,
        "size": _TEXT,
        "seed": _INT,
        "as_of": _object({"register": _DAY, "eligibility": _DAY}),
        "country": {"type": "object"},
        "register": {"type": "object"},
        "stations": {"type": "object"},
        "forms": {"type": "object"},
        "tally": {"type": "object"},
        "seats": {"type": "object"},
        "ballot_names": {"type": "object", "additionalProperties": _TEXT},
        "timings": {"type": "object", "additionalProperties": {"type": "number"}},
        "output": _PATH,
    },
    "validate": {
        "kind": {"enum": ["centers", "citizens", "registrations", "result-forms", "results"]},
        "file": _TEXT,
        "format": {"enum": ["smartelect", "tallyho", "sql", "csv", "json"]},
        "valid": {"type": "boolean"},
        "records": {"type": ["integer", "null"], "minimum": 0},
        "as_of": {**_DAY, "description": "citizens only: the day used"},
    },
    "stations": {
        "as_of": {**_DAY, "description": "the polling day used for eligibility"},
        "citizens_format": {"enum": ["sql", "csv"]},
        "centers": _COUNT,
        "voters": _COUNT,
        "stations": _COUNT,
        "registrants": _COUNT,
        "too_young": _COUNT,
        "by_gender": _counts(),
        "output": _PATH,
    },
    "tally": {
        "forms": _COUNT,
        "valid": _COUNT,
        "invalid": _COUNT,
        "ballots": {
            "type": "object",
            "additionalProperties": _object(
                {
                    "valid": _COUNT,
                    "invalid": _COUNT,
                    "forms": _COUNT,
                    "ranking": {
                        "type": "array",
                        "items": _object({"candidate_id": _INT, "name": _TEXT, "votes": _COUNT}),
                    },
                }
            ),
        },
        "output": _PATH,
    },
    "seats": {
        "method": _TEXT,
        "seats": {"type": "integer", "minimum": 1},
        "votes": _counts(),
        "allocation": _counts(),
        "tie": {**_TIE, "description": "a tie no rule could break: exit code 3"},
        "lots": {
            "oneOf": [
                {"type": "null"},
                _object(
                    {
                        "order": {"type": "array", "items": _TEXT},
                        "record": _TEXT,
                        "used": {"type": "boolean"},
                        "tie": _TIE,
                        "winners": {"type": "array", "items": _TEXT},
                    }
                ),
            ],
            "description": "the drawing of lots given with --lots, and what it decided",
        },
        "unfilled": _COUNT,
    },
    "convert": {
        "kind": {"enum": ["centers", "citizens", "result-forms"]},
        "from": _TEXT,
        "to": _TEXT,
        "as_of": {**_DAY, "description": "citizens only: the import day used"},
        "lost": {
            "type": "array",
            "items": _object(
                {
                    "what": _TEXT,
                    "how": {"enum": ["lost", "left_out", "made_up", "columns", "changed"]},
                    "count": _COUNT,
                }
            ),
            "description": "what was (or would be) lost or made up",
        },
        "records": _COUNT,
        "output": _TEXT,
    },
    "audit plan": {
        "risk_limit": {**_TEXT, "description": "the risk limit, an exact fraction (1/20)"},
        "seed": {**_TEXT, "description": "the public seed of the draws"},
        "method": {"enum": ["batch_comparison", "ballot_polling"]},
        "races": {
            "type": "array",
            "items": _AUDIT_RACE,
            "description": "each race's first round (empty when a tie needs a drawing: exit 3)",
        },
        "output": _PATH,
    },
    "audit evaluate": {
        "evaluations": {
            "type": "array",
            "items": _object(
                {
                    "race": _TEXT,
                    "status": {"enum": ["confirmed", "next_round", "full_hand_count", "counted"]},
                    "risk": {**_TEXT, "description": "4 significant digits rounded up, or inf"},
                    "changed": {
                        "type": ["boolean", "null"],
                        "description": "counted: whether the hand count changed the seats",
                    },
                }
            ),
        },
        "next": {
            "type": "array",
            "items": _AUDIT_RACE,
            "description": "each race's plan after this evaluation",
        },
        "output": _TEXT,
    },
}
"""Each command's own members. Optional ones: ``as_of`` (only where a day matters)."""

_OPTIONAL: Final = {("validate", "as_of"), ("validate", "format"), ("convert", "as_of")}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of every ``--json`` document of ``electoral``."""
    from electoral.cli._output import SCHEMA_VERSION

    branches = []
    for name, members in _COMMANDS.items():
        required = sorted(m for m in members if (name, m) not in _OPTIONAL)
        branches.append(
            {
                "if": {"properties": {"command": {"const": name}}, "required": ["command"]},
                "then": {
                    "properties": members,
                    "if": {"properties": {"ok": {"const": True}}},
                    "then": {"required": required},
                },
            }
        )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "electoral --json document",
        "description": "What every command of electoral prints with --json, also on failure.",
        "type": "object",
        "required": ["schema_version", "electoral", "command", "ok", "exit_code", "problems"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "electoral": {**_TEXT, "description": "the version of electoral that wrote it"},
            "command": {
                "type": ["string", "null"],
                "description": "the command; null when the arguments named none",
            },
            "ok": {"type": "boolean", "description": "true exactly when exit_code is 0"},
            "exit_code": {"enum": [0, 1, 2, 3, 130]},
            "problems": {"type": "array", "items": _PROBLEM},
        },
        "allOf": branches,
    }
