"""Sphinx extension: the ``error-catalog`` directive, a table of every error code.

Each chapter of ``electoral`` registers its error codes, with an English and an
Arabic message, in :data:`electoral.errors.MESSAGES` when it is imported. The
directive imports every module of the library that may register codes (every
module under :mod:`electoral` except the test kit and ``__main__``), then renders the catalogue as
one table sorted by code: the code, the English template and the Arabic template.
A chapter that is not importable yet (one that is being written) is left out of
the table; the API reference's ``automodule`` of it reports the failure.

Usage, in a MyST page::

    ```{error-catalog}
    ```

Each row has the anchor ``error-<code>`` (dots become hyphens), so a page can
link to one code with ``[national_id.length](#error-national-id-length)``.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any, ClassVar

from docutils import nodes  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxTranslator
from sphinx.util.typing import ExtensionMetadata

__all__ = ["ErrorCatalog", "arabic_text", "catalog_rows", "import_chapters", "setup"]

#: Chapters that must be importable: their codes are part of every catalogue.
REQUIRED: tuple[str, ...] = (
    "electoral.errors",
    "electoral.ids",
    "electoral.model",
    "electoral.adapters",
)
#: Modules that register no codes and may need optional dependencies.
SKIPPED: tuple[str, ...] = ("electoral.testing", "electoral.__main__")


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


def catalog_rows() -> list[tuple[str, str, str]]:
    """Every registered code with its English and Arabic templates, sorted by code."""
    from electoral.errors import MESSAGES

    import_chapters()
    return [(code, MESSAGES[code].en, MESSAGES[code].ar) for code in sorted(MESSAGES)]


def _cell(content: Any) -> Any:
    entry = nodes.entry()
    entry += nodes.paragraph("", "", content)
    return entry


class ErrorCatalog(SphinxDirective):
    """``error-catalog``: a table of every error code and its two messages."""

    has_content = False
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[Any]:
        """Build the table; the page is re-read on every build, as the codes may change."""
        self.env.note_reread()
        rows = catalog_rows()
        table = nodes.table(classes=["error-catalog"])
        # The templates are data: show their quotes and dashes exactly as raised.
        table["support_smartquotes"] = False
        group = nodes.tgroup(cols=3)
        table += group
        for width in (22, 39, 39):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head_row = nodes.row()
        for title in ("Code", "English", "Arabic (العربية)"):
            head_row += _cell(nodes.Text(title))
        head += head_row
        group += head
        body = nodes.tbody()
        for code, english, arabic in rows:
            row = nodes.row(ids=[nodes.make_id(f"error-{code}")])
            row += _cell(nodes.literal(code, code))
            row += _cell(nodes.Text(english))
            row += _cell(arabic_text(arabic, arabic))
            body += row
        group += body
        caption = nodes.paragraph(
            "", f"{len(rows)} error codes, generated from electoral.errors.MESSAGES."
        )
        return [table, caption]


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
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
