"""Sphinx extension: the ``error-catalog`` and ``error-params`` directives.

Each chapter of ``electoral`` registers its error codes, with an English and an
Arabic message, in :data:`electoral.errors.MESSAGES` when it is imported. The
directives import every module of the library that may register codes (every
module under :mod:`electoral` except the test kit, the optional integrations and
``__main__``). ``error-catalog`` renders the catalogue as one table sorted by code:
the code, its params, the English template and the Arabic template (right to left,
right-aligned). ``error-params`` renders a table of every param name a template
uses, with its meaning (:data:`PARAMS`) and the codes that use it. A chapter that is
not importable yet (one that is being written) is left out of the tables; the API
reference's ``automodule`` of it reports the failure.

Usage, in a MyST page::

    ```{error-catalog}
    ```

Each row has the anchor ``error-<code>`` (dots become hyphens), so a page can
link to one code with ``[national_id.length](#error-national-id-length)``; each
param has the anchor ``param-<name>``.
"""

from __future__ import annotations

import importlib
import pkgutil
import string
from typing import Any, ClassVar

from docutils import nodes  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxTranslator
from sphinx.util.typing import ExtensionMetadata

__all__ = [
    "PARAMS",
    "ErrorCatalog",
    "ErrorParams",
    "arabic_text",
    "catalog_rows",
    "import_chapters",
    "params_of",
    "setup",
]

#: Chapters that must be importable: their codes are part of every catalogue.
REQUIRED: tuple[str, ...] = (
    "electoral.errors",
    "electoral.ids",
    "electoral.model",
    "electoral.adapters",
)
#: Modules that register no codes and may need optional dependencies.
SKIPPED: tuple[str, ...] = ("electoral.testing", "electoral.contrib", "electoral.__main__")

#: What each param of a message template holds. Every error also has ``value``. A
#: test fails on a template param missing here, so a new code documents its params.
PARAMS: dict[str, str] = {
    "ballots": "the ballot numbers whose counted forms meet at one station",
    "listed": "how many readings a record of a what-if sweep lists",
    "presets": "the names of the preset sizes",
    "readings": "the number of readings of a what-if sweep",
    "ceiling": "the largest count the rule accepts, far above any real figure",
    "command": "the electoral command whose output the folder holds",
    "encoding": "the text encoding the file's bytes look like (Windows-1256, UTF-16)",
    "files": "the files found that electoral did not write",
    "formats": "the formats the command reads for this kind of file",
    "found": "what the forms (or the proof) give, beside what the manifest says",
    "index": "the position of a child among its parent's children, counted from 0",
    "input": "the input file that lies inside the output folder",
    "kind": "the kind of file the command expected (centres, citizens, result forms)",
    "seen": "the format the file's content looks like",
    "votes": "the votes the batch's result form records",
    "where": "the fields or columns concerned",
    "value": "the refused value as the message shows it: its repr(), shortened to 80 "
    "characters (every error has it)",
    "allowed": "the states (or statuses) the operation needs",
    "awarded": "the seats the quota method awarded",
    "barcode": "the barcode of the result form concerned",
    "blank": "the number of blank rows skipped",
    "candidate": "the candidate (or list) concerned",
    "candidates": "the number of tied candidates",
    "center": "the centre id the station was looked for in",
    "centers": "the centre ids concerned, comma-separated",
    "changed": "the number of records that changed",
    "choices": "the accepted values, comma-separated",
    "cls": "the name of the noun being built",
    "column": "the name of the missing column",
    "columns": "the column names expected or missing, comma-separated",
    "council": "the council's number of seats",
    "count": "the number found (cells, columns, errors)",
    "created": "the number of centres created",
    "current": "the form's current state",
    "day": "the day the age is computed on",
    "digits": "the most digits a number may have",
    "dupes": "the number of duplicate rows skipped",
    "error": "the message of the problem found in the row",
    "expected": "the number expected (cells, columns, values, seats)",
    "field_name": "the column whose value was refused",
    "file": "the name of the file concerned",
    "ids": "the refused ids, comma-separated",
    "instance": "the id of the PVP submission",
    "items": "the values concerned, comma-separated",
    "layout": "the reconciliation layout the check needs",
    "length": "the length of the value given",
    "limit": "the limit that was passed",
    "line_number": "the line of the file",
    "lines": "the lines concerned, comma-separated",
    "lists": "the number of lists",
    "max_copies": "the most copies an original centre may have",
    "max_length": "the longest text allowed",
    "max_value": "the largest value allowed (∞ when there is none)",
    "maximum": "the largest number allowed",
    "min_value": "the smallest value allowed",
    "minimum": "the smallest number allowed",
    "minimum_age": "the minimum age in years",
    "name": "the name that was looked for",
    "next_position": "the position of the next candidate on the list",
    "number": "the phone number as given",
    "percent": "the share of records that changed, in percent",
    "places": "the most decimal places allowed",
    "pool": "the number of entries in the pool",
    "position": "a candidate's position on the list",
    "prefix": "the first character, which makes a spreadsheet run the cell as a formula",
    "quota": "the quota",
    "reason": "why the file or the arguments were refused",
    "region": "the region the office was looked for in",
    "required": "the number required",
    "round1": "the votes entered in round 1",
    "round2": "the votes entered in round 2",
    "row": "the row of the file",
    "seats": "the number of seats to fill",
    "supported": "the conversions supported, comma-separated",
    "system": "the system whose code this is (SmartElect, Tally-Ho)",
    "text": "the refused text as given",
    "total": "the total it is compared with",
    "updated": "the number of centres updated",
    "age": "the candidate's age on the day",
    "anchor": "what the period is counted from",
    "at": "the moment something was filed or announced",
    "authority": "the body whose decision is needed",
    "by": "the last day allowed",
    "decision": "the decision concerned",
    "district": "the district concerned",
    "end": "the end of the period",
    "ends": "when the window or deadline closed",
    "first": "the first item (a day, a nomination) it conflicts with or starts from",
    "held": "the day it is held",
    "last": "the last day allowed or covered",
    "law": "the article of law that sets the rule",
    "left": "the day the office was left",
    "level": "the level of the districts",
    "note": "a note on what the map lists",
    "other": "the other decision",
    "parent_level": "the level of the containing district",
    "previous": "the previous announcement",
    "published": "the number the law publishes",
    "registered": "where the voter is registered",
    "start": "the start of the period",
    "step": "the step of the appeal",
}


class arabic_text(nodes.inline):  # type: ignore[misc]  # noqa: N801 - docutils node naming
    """Inline Arabic text: rendered right to left (``dir="rtl" lang="ar"``) in HTML."""


def _visit_arabic_html(translator: SphinxTranslator, node: arabic_text) -> None:
    translator.body.append(translator.starttag(node, "span", "", dir="rtl", lang="ar"))


def _depart_arabic_html(translator: SphinxTranslator, node: arabic_text) -> None:
    translator.body.append("</span>")


def _visit_arabic_other(translator: SphinxTranslator, node: arabic_text) -> None:
    translator.visit_inline(node)


def _depart_arabic_other(translator: SphinxTranslator, node: arabic_text) -> None:
    translator.depart_inline(node)


def _chapters() -> list[str]:
    """The required chapters, then every other top-level module of electoral.

    Private modules are included: the command line (``electoral.cli._messages``) registers
    codes too.
    """
    import electoral

    found = [f"electoral.{info.name}" for info in pkgutil.iter_modules(electoral.__path__)]
    others = sorted(name for name in found if name not in REQUIRED)
    return [*REQUIRED, *(name for name in others if not name.startswith(SKIPPED))]


def import_chapters() -> list[str]:
    """Import every module that may register error codes; return their names.

    A required chapter that fails to import fails the build. Another chapter
    (``electoral.seats`` while it is being written) that raises :class:`ImportError`
    is left out of the catalogue; its ``automodule`` in the API reference reports
    the problem.
    """
    imported: list[str] = []
    for root in _chapters():
        try:
            module = importlib.import_module(root)
        except ImportError:
            if root in REQUIRED:
                raise
            continue
        imported.append(root)
        for info in pkgutil.walk_packages(getattr(module, "__path__", []), prefix=f"{root}."):
            if not info.name.startswith(SKIPPED):
                importlib.import_module(info.name)
                imported.append(info.name)
    return imported


def params_of(template: str) -> list[str]:
    """The params a template uses, ``value`` first, then in the order they appear."""
    names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    ordered = dict.fromkeys(["value", *names])
    return list(ordered)


def catalog_rows() -> list[tuple[str, list[str], str, str]]:
    """Every registered code with its params and its English and Arabic templates.

    Sorted by code. The params are those of the English template (a test checks that
    the Arabic one uses the same), ``value`` first: every error has it.
    """
    from electoral.errors import MESSAGES

    import_chapters()
    return [
        (code, params_of(MESSAGES[code].en), MESSAGES[code].en, MESSAGES[code].ar)
        for code in sorted(MESSAGES)
    ]


def _cell(content: Any, classes: tuple[str, ...] = ()) -> Any:
    entry = nodes.entry(classes=list(classes))
    entry += nodes.paragraph("", "", content)
    return entry


def _links(prefix: str, names: list[str]) -> Any:
    """A cell of literal names, each a link to the row ``<prefix>-<name>``."""
    paragraph = nodes.paragraph()
    for index, name in enumerate(names):
        if index:
            paragraph += nodes.Text(", ")
        reference = nodes.reference("", "", internal=True, refid=nodes.make_id(f"{prefix}-{name}"))
        reference += nodes.literal(name, name)
        paragraph += reference
    entry = nodes.entry()
    entry += paragraph
    return entry


class _TableDirective(SphinxDirective):
    """A directive without arguments or content whose rows are link targets."""

    has_content = False
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, Any]] = {}

    def _row(self, prefix: str, name: str) -> Any:
        """A row with the anchor ``<prefix>-<name>``, a target for ``[text](#anchor)``."""
        anchor = nodes.make_id(f"{prefix}-{name}")
        domain = self.env.get_domain("std")
        domain.note_hyperlink_target(anchor, self.env.docname, anchor, name)  # type: ignore[attr-defined]
        return nodes.row(ids=[anchor])


def _table(widths: tuple[int, ...], titles: tuple[str, ...], rows: list[Any]) -> Any:
    table = nodes.table(classes=["error-catalog", "colwidths-given"])
    # The templates are data: show their quotes and dashes exactly as raised.
    table["support_smartquotes"] = False
    group = nodes.tgroup(cols=len(widths))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head_row = nodes.row()
    for title in titles:
        head_row += _cell(nodes.Text(title), ("arabic",) if "العربية" in title else ())
    head += head_row
    group += head
    body = nodes.tbody()
    for row in rows:
        body += row
    group += body
    return table


class ErrorCatalog(_TableDirective):
    """``error-catalog``: a table of every error code and its two messages."""

    def run(self) -> list[Any]:
        """Build the table; the page is re-read on every build, as the codes may change."""
        self.env.note_reread()
        rows = []
        found = catalog_rows()
        for code, params, english, arabic in found:
            row = self._row("error", code)
            row += _cell(nodes.literal(code, code))
            row += _links("param", params)
            row += _cell(nodes.Text(english))
            row += _cell(arabic_text(arabic, arabic), ("arabic",))
            rows.append(row)
        table = _table((26, 12, 31, 31), ("Code", "Params", "English", "Arabic (العربية)"), rows)
        caption = nodes.paragraph(
            "", f"{len(found)} error codes, generated from electoral.errors.MESSAGES."
        )
        return [table, caption]


class ErrorParams(_TableDirective):
    """``error-params``: a table of every template param, its meaning and its codes."""

    def run(self) -> list[Any]:
        """Build the table from the templates and :data:`PARAMS`; fail on an undocumented one."""
        self.env.note_reread()
        users: dict[str, list[str]] = {}
        for code, params, _, _ in catalog_rows():
            for name in params:
                users.setdefault(name, []).append(code)
        rows = []
        for name in sorted(users, key=lambda name: (name != "value", name)):
            meaning = PARAMS.get(name)
            if meaning is None:
                raise self.error(f"the param {name!r} has no meaning in error_catalog.PARAMS")
            row = self._row("param", name)
            row += _cell(nodes.literal(name, name))
            row += _cell(nodes.Text(meaning))
            if name == "value":
                row += _cell(nodes.Text(f"every code ({len(users[name])})"))
            else:
                row += _links("error", users[name])
            rows.append(row)
        return [_table((16, 44, 40), ("Param", "Meaning", "Codes"), rows)]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directive and the Arabic text node."""
    app.add_node(
        arabic_text,
        html=(_visit_arabic_html, _depart_arabic_html),
        latex=(_visit_arabic_other, _depart_arabic_other),
        text=(_visit_arabic_other, _depart_arabic_other),
        man=(_visit_arabic_other, _depart_arabic_other),
        texinfo=(_visit_arabic_other, _depart_arabic_other),
    )
    app.add_directive("error-catalog", ErrorCatalog)
    app.add_directive("error-params", ErrorParams)
    app.add_css_file("electoral.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
