"""Private: how problems and reports are shown, as text and as JSON.

A problem is one line, ``code: field: message @ location`` (the field is left out
when there is none), in the language of ``--lang``. With ``--json`` every command
prints exactly one JSON document on stdout, also when it fails: the members of
:func:`envelope` (``schema_version``, ``command``, ``ok``, ``exit_code``,
``problems``) and the command's own members.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from electoral import __version__
from electoral.errors import Language, ValidationError
from electoral.formats._policy import FORMULA_PREFIXES, neutralise, write_csv

__all__ = [
    "FORMULA_START",
    "SCHEMA_VERSION",
    "csv_text",
    "describe",
    "dump_json",
    "envelope",
    "phrase",
    "problem_json",
    "safe_cell",
    "unescape",
    "votes_csv",
]

SCHEMA_VERSION: Final = 1
"""The version of the ``--json`` documents' schema; it grows when a member changes meaning."""

_LINE: Final = re.compile(r"line (\d+)")

PHRASES: Final[dict[str, tuple[str, str]]] = {
    "problems": (
        "{count} problem(s); nothing was written.",
        "عدد المشكلات: {count}؛ لم يُكتب أي شيء.",
    ),
    "interrupted": (
        "interrupted; nothing half-written was left.",
        "توقف التنفيذ؛ لم يُترك أي ملف مكتوب جزئيًا.",
    ),
    "valid": (
        "{file}: {count} {kind} record(s), no problems.",
        "{file}: {count} سجل ({kind})، بلا مشكلات.",
    ),
    "invalid": (
        "{file}: {count} problem(s); nothing accepted.",
        "{file}: عدد المشكلات {count}؛ لم يُقبل أي شيء.",
    ),
    "as_of": ("day used: {day} (Africa/Tripoli)", "اليوم المعتمد: {day} (توقيت طرابلس)"),
    "written": ("written to {path}", "كُتبت المخرجات في {path}"),
    "tie": (
        "TIE: {candidates} for {seats} seat(s); a human decision is needed: "
        "pass --lots with the drawing's order",
        "تعادل: {candidates} على {seats} مقعد؛ يلزم قرار بشري: حدد --lots بترتيب القرعة",
    ),
    "lots": (
        "tie broken by the drawing of lots given with --lots ({order}): {winners}",
        "كُسر التعادل بالقرعة المعطاة في --lots ({order}): {winners}",
    ),
    "converted": ("{count} {kind} written to {path}", "كُتب {count} ({kind}) في {path}"),
    "lost": ("accepted with --allow-loss: {what}", "قُبل مع --allow-loss: {what}"),
}
"""The command line's own sentences, in English and Arabic."""


def phrase(key: str, language: Language = "en", **params: object) -> str:
    """One of :data:`PHRASES` in ``language``, filled in.

    >>> phrase("problems", count=2)
    '2 problem(s); nothing was written.'
    """
    english, arabic = PHRASES[key]
    return (arabic if language == "ar" else english).format(**params)


def describe(error: ValidationError, language: Language = "en") -> str:
    """One problem as ``code: label: message @ location`` (the field's label, as a
    line on a terminal stands on its own).

    >>> from electoral.errors import MissingValue
    >>> describe(MissingValue(field="office_id", location="line 5"))
    'missing: Office: This field is required. @ line 5'
    """
    where = f" @ {error.location}" if error.location else ""
    return f"{error.code}: {error.message(language, labelled=True)}{where}"


def problem_json(error: ValidationError) -> dict[str, Any]:
    """One problem as a JSON object: code, field, location, line and both messages."""
    match = _LINE.match(error.location or "")
    return {
        "code": error.code,
        "field": error.field,
        "location": error.location,
        "line": int(match.group(1)) if match else None,
        "message": error.message("en"),
        "message_ar": error.message("ar"),
    }


def envelope(
    command: str | None,
    exit_code: int,
    data: Mapping[str, Any],
    problems: Sequence[ValidationError] = (),
) -> dict[str, Any]:
    """A whole ``--json`` document: the common members, then the command's."""
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "electoral": __version__,
        "command": command,
        "ok": exit_code == 0,
        "exit_code": exit_code,
    }
    document.update(data)
    document["problems"] = [problem_json(error) for error in problems]
    return document


def dump_json(document: Mapping[str, Any]) -> str:
    """A JSON document as printed: UTF-8 text (Arabic kept), indented, one final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FORMULA_START: Final = FORMULA_PREFIXES
"""A cell starting with one of these could run as a formula in a spreadsheet (OWASP)."""


def safe_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula (:func:`electoral.formats` policy).

    >>> safe_cell("=HYPERLINK(1)"), safe_cell(-3), safe_cell("محمد")
    ("'=HYPERLINK(1)", -3, 'محمد')
    """
    return neutralise(value)


def unescape(text: str) -> str:
    """Undo :func:`safe_cell` when reading our own CSV: ``'=x`` is read back as ``=x``.

    >>> unescape("'=HYPERLINK(1)"), unescape("'quoted"), unescape("-3")
    ('=HYPERLINK(1)', "'quoted", '-3')
    """
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text (LF line ends) whose text cells are safe in a spreadsheet.

    Written by the formats layer's one CSV writer, so the command line's files follow
    the same policy as the library's; a yes-or-no cell is written ``True`` or ``False``.
    """
    return write_csv(
        header, ([str(cell) if type(cell) is bool else cell for cell in row] for row in rows)
    )


def votes_csv(votes: Iterable[tuple[str, int]]) -> str:
    """Votes by candidate as ``electoral seats`` reads them: ``candidate,votes``."""
    return csv_text(("candidate", "votes"), votes)
