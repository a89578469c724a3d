"""Sphinx configuration of the ``electoral`` documentation.

Build it the way CI does, nitpicky and with warnings as errors::

    sphinx-build -n -W --keep-going -b html docs docs/_build/html

The build machine has no internet access, so nothing here may fetch a remote
inventory: intersphinx is loaded with an empty mapping, and the few names of the
standard library and of third-party packages that cannot be resolved offline are
listed in ``nitpick_ignore_regex`` below. Names of ``electoral`` itself are never
ignored: a broken reference to one of them must fail the build.
"""

import importlib
import inspect
import re
import sys
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import attrs
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

try:  # the marker autodoc gives a member that is a __slots__ entry
    from sphinx.ext.autodoc._sentinels import SLOTS_ATTR as _SLOTS_ATTR
except ImportError:  # Sphinx 7 and 8
    from sphinx.ext.autodoc import SLOTSATTR as _SLOTS_ATTR  # type: ignore[assignment]

import electoral

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

# -- Project -------------------------------------------------------------------------

project = "electoral"
author = "electoral developers"
copyright = "HNEC and the electoral developers"  # noqa: A001 - Sphinx's setting name
release = electoral.__version__
version = ".".join(release.split(".")[:2])
language = "en"

# -- Extensions ----------------------------------------------------------------------

extensions = [
    "myst_nb",  # brings myst-parser with it; do not also load "myst_parser"
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "error_catalog",  # docs/_ext/error_catalog.py: the table of every error code
    "cli_reference",  # docs/_ext/cli_reference.py: the command line, from its parser
]

exclude_patterns = ["_build", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]
templates_path: list[str] = []

# -- MyST and notebooks --------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# Notebooks (MyST text notebooks from examples/) are committed without outputs and
# executed on every build; a cell that raises fails the build.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 300

# -- autodoc, autosummary, napoleon --------------------------------------------------

autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
autodoc_member_order = "bysource"
# Every public name is documented, with or without a docstring: enum members, the
# constants a package re-exports. See _skip_attrs_slot for attrs fields.
autodoc_default_options = {"members": True, "undoc-members": True, "show-inheritance": True}
# The narrative pages use autosummary tables that link to the entries of api.md;
# they never generate stub pages.
autosummary_generate = False

napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_attr_annotations = True

# -- Cross-references ----------------------------------------------------------------

# No remote inventories: the build machine is offline and intersphinx would try to
# fetch them (python, attrs, cattrs, hypothesis and pendulum docs).
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}

nitpicky = True
# Only names defined outside electoral, which cannot be resolved without the
# remote inventories. Built-in classes (str, int, ValueError, ExceptionGroup) and
# the names of ``typing`` are resolved by Sphinx itself.
nitpick_ignore_regex = [
    # the standard library
    (
        r"py:.*",
        r"(argparse|array|collections(\.abc)?|datetime|decimal|enum|fractions|os|random)\..+",
    ),
    (r"py:.*", r"(csv|io|json|os|pathlib|zipfile)(\..+)?"),
    # array.array, imported by name (``from array import array``) in annotations
    (r"py:class", r"array"),
    # methods of built-in types (classes are resolved by Sphinx, methods are not)
    (r"py:meth", r"(str|bytes|int|dict|list|tuple|set|frozenset)\..+"),
    # third-party packages
    (r"py:.*", r"pendulum(\..+)?"),
    (r"py:.*", r"attrs?(\..+)?"),
    (r"py:.*", r"cattrs(\..+)?"),
    (r"py:.*", r"hypothesis(\..+)?"),
    (r"py:.*", r"pytest(\..+)?"),
    (r"py:.*", r"django(\..+)?"),
]

# -- HTML ----------------------------------------------------------------------------

html_theme = "furo"
html_title = f"electoral {release}"
html_static_path = ["_static"]

# -- Example notebooks ---------------------------------------------------------------
# The notebooks live in ../examples, next to the code, as MyST text notebooks without
# outputs. Sphinx reads only files under docs/, so every build copies them into
# docs/examples/ (generated, gitignored) with an index page; myst-nb then executes
# them (nb_execution_mode above). A file is rewritten only when its text changed.

EXAMPLES_SOURCE = HERE.parent / "examples"
EXAMPLES_TARGET = HERE / "examples"
EXAMPLES_INDEX = """\
# Example notebooks

Notebooks that run `electoral` on a seeded synthetic election
({{mod}}`electoral.synthetic`). They are stored without outputs in the repository's
`examples/` folder and executed at every build of these pages, so every number and
figure below was computed by the library when the pages were built.

```{{toctree}}
:maxdepth: 1

{entries}
```
"""


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _copy_examples() -> None:
    """Copy ``../examples/NN_*.md`` into ``docs/examples/`` and write its index."""
    notebooks = sorted(EXAMPLES_SOURCE.glob("[0-9][0-9]_*.md"))
    EXAMPLES_TARGET.mkdir(exist_ok=True)
    wanted = {path.name for path in notebooks} | {"index.md"}
    for stale in EXAMPLES_TARGET.glob("*.md"):
        if stale.name not in wanted:
            stale.unlink()
    for notebook in notebooks:
        _write_if_changed(EXAMPLES_TARGET / notebook.name, notebook.read_text(encoding="utf-8"))
    entries = "\n".join(notebook.stem for notebook in notebooks)
    _write_if_changed(EXAMPLES_TARGET / "index.md", EXAMPLES_INDEX.format(entries=entries))


_copy_examples()


def _type_variable_as_text(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Show a reference to one of our type variables (``T``, ``E``) as plain text.

    autodoc turns ``def structure(data, cls: type[T]) -> T`` into a reference to
    ``electoral.serialization.T``. A type variable is not a documented object and
    has no page to link to, so, as Sphinx already does for built-in classes and the
    names of ``typing``, its name is shown without a link. Only names that import
    as a :class:`typing.TypeVar` of an electoral module are treated so; any other
    unresolved name still fails the build.
    """
    if node.get("refdomain") != "py" or node.get("reftype") not in ("class", "obj"):
        return None
    module_name, _, name = str(node.get("reftarget", "")).rpartition(".")
    if not module_name.startswith("electoral"):
        return None
    try:
        value = getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError):
        return None
    return contnode if isinstance(value, TypeVar) else None


def _lookup(module_name: str, dotted: str) -> Any:
    value: Any = importlib.import_module(module_name)
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


def _import_dotted(name: str) -> Any:
    """The object a full dotted name denotes, or ``_MISSING``."""
    parts = name.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            return _lookup(".".join(parts[:split]), ".".join(parts[split:]))
        except ImportError:
            continue
        except AttributeError:
            return _MISSING
    return _MISSING


_MISSING = object()


def _resolve_through_reexport(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a short name in a docstring to where the reference documents that object.

    The nouns are documented under the name users import (``electoral.model.Center``,
    ``electoral.model.check_copies``), not under the module that defines them. A
    docstring of ``electoral.model.center`` that says ``:func:`check_copies``` makes
    Sphinx look for ``electoral.model.center.check_copies``, which is not there; a
    docstring of ``electoral.testing`` that says ``:class:`Center``` means the
    ``Center`` that module imported from ``electoral.model``.

    This resolver imports the name as the docstring's module sees it (the module
    it is rendered under, then the module that wrote it) and links to the documented
    entry that is **the very same object**: first under an enclosing package,
    otherwise under any documented name that ends with the same words, provided
    exactly one such entry exists. Any other unresolved name, and every name that
    is not an object of those modules, still fails the build.
    """
    if node.get("refdomain") != "py":
        return None
    target = str(node.get("reftarget", "")).lstrip(".~")
    if not target:
        return None
    for module_name in _context_modules(node):
        found = _documented_as(env, module_name, target)
        if found is not None:
            entry = env.get_domain("py").objects[found]
            return make_refnode(
                app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, found
            )
    return None


_DOCSTRING_OF = re.compile(r"docstring of ([\w.]+)$")


def _context_modules(node: Any) -> list[str]:
    """The modules a docstring's names are looked up in.

    First the module the reference is rendered under (``py:module``), then the
    module that defines the documented object, read from the node's source
    (``...:docstring of electoral.registration._reports.registration_breakdown``):
    a name written in that docstring means what it means in that module.
    """
    modules = [str(node.get("py:module") or "")]
    source = ""
    current = node
    while current is not None and not source:
        source = str(getattr(current, "source", None) or "")
        current = getattr(current, "parent", None)
    match = _DOCSTRING_OF.search(source)
    if match:
        parts = match.group(1).split(".")
        for end in range(len(parts), 0, -1):
            name = ".".join(parts[:end])
            if inspect.ismodule(sys.modules.get(name)):
                modules.append(name)
                break
    return [name for name in dict.fromkeys(modules) if name.startswith("electoral")]


def _documented_as(env: Any, module_name: str, target: str) -> str | None:
    """The one documented name of the object ``target`` denotes in ``module_name``."""
    try:
        wanted = _lookup(module_name, target)
    except (ImportError, AttributeError):
        return None
    objects = env.get_domain("py").objects
    package = module_name
    while "." in package:
        package = package.rpartition(".")[0]
        candidate = f"{package}.{target}"
        if candidate in objects and _import_dotted(candidate) is wanted:
            return candidate
    suffix = f".{target}"
    found = [
        name
        for name, entry in objects.items()
        if name.startswith("electoral.")
        and name.endswith(suffix)
        and not entry.aliased
        and _import_dotted(name) is wanted
    ]
    return found[0] if len(found) == 1 else None


def _attrs_field_names() -> set[str]:
    names: set[str] = set()
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("electoral"):
            for value in list(vars(module).values()):
                if isinstance(value, type) and attrs.has(value):
                    names.update(attrs.fields_dict(value))
    return names


def _class_being_documented() -> type | None:
    """The class whose members autodoc is filtering, if this Sphinx version says.

    The ``autodoc-skip-member`` event does not pass the class. Sphinx 9 filters
    members in ``_filter_members(..., props=...)``, whose ``props._obj`` is the
    class (Sphinx 7 and 8 in ``Documenter.filter_members``, whose ``self.object``
    is); on another version this returns ``None`` and the caller falls back.
    """
    frame: FrameType | None = sys._getframe(1)
    for _ in range(12):
        frame = frame.f_back if frame is not None else None
        if frame is None:
            return None
        if frame.f_code.co_name == "_filter_members":  # Sphinx 9
            owner = getattr(frame.f_locals.get("props"), "_obj", None)
            return owner if isinstance(owner, type) else None
        if frame.f_code.co_name == "filter_members":  # Sphinx 7 and 8: a Documenter method
            owner = getattr(frame.f_locals.get("self"), "object", None)
            return owner if isinstance(owner, type) else None
    return None


def _attributes_section(doc: str | None) -> str:
    """The text of a Google-style ``Attributes:`` section, or ``""``."""
    lines = (doc or "").splitlines()
    for index, line in enumerate(lines):
        if line.strip() == "Attributes:":
            indent = len(line) - len(line.lstrip())
            body = []
            for text in lines[index + 1 :]:
                if text.strip() and len(text) - len(text.lstrip()) <= indent:
                    break
                body.append(text)
            return "\n".join(body)
    return ""


def _skip_attrs_slot(
    app: Any, what: str, name: str, obj: Any, skip: bool, options: Any
) -> bool | None:
    """Skip the slot of an attrs field that the class's ``Attributes:`` section describes.

    The nouns are slotted attrs classes. napoleon turns the ``Attributes:`` section
    of a class docstring into one ``attribute`` entry per field, with its type and
    description; autodoc would list the same slot a second time, without either
    (and Sphinx would warn of a duplicate). A field the section does not describe
    is still documented by autodoc, with its type. When the class cannot be known
    (another Sphinx version), every slot named like a field of one of our attrs
    classes is skipped. Other slots (``Message.en``) are documented as usual.
    """
    if what != "class" or obj is not _SLOTS_ATTR:
        return None
    owner = _class_being_documented()
    if owner is None:
        return True if name in _attrs_field_names() else None
    if not attrs.has(owner) or name not in attrs.fields_dict(owner):
        return None
    section = _attributes_section(owner.__doc__)
    described = re.search(rf"^\s*(?:[\w ]+,\s*)*{re.escape(name)}\b[\w ,]*:", section, re.M)
    return True if described else None


def _reexported_data_docstring(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Give a re-exported constant the docstring of the module that defines it.

    ``electoral.model.TRIPOLI`` is documented by a string after its assignment in
    ``electoral.model.election``; autodoc only reads the package's own source.
    """
    if what not in ("data", "attribute") or not name.startswith("electoral."):
        return
    module_name, _, short = name.rpartition(".")
    module = sys.modules.get(module_name)
    if module is None or not hasattr(module, "__path__"):
        return
    if ("", short) in ModuleAnalyzer.for_module(module_name).find_attr_docs():
        return  # the package documents it itself
    found = False
    for sub_name, sub in sorted(sys.modules.items()):
        if not sub_name.startswith(f"{module_name}.") or getattr(sub, short, _MISSING) is not obj:
            continue
        found = True
        docs = ModuleAnalyzer.for_module(sub_name).find_attr_docs().get(("", short))
        if docs:
            lines[:] = list(docs)
            return
    if found:
        # Defined in a submodule without a docstring: show none, never the docstring
        # of the value's class (an Office constant is not documented by Office's text).
        lines[:] = []


def _reexported_data(package: str) -> list[str]:
    """The constants in a package's ``__all__`` that the package's own source does not
    document (it imports them from the submodule that defines them)."""
    module = importlib.import_module(package)
    documented = ModuleAnalyzer.for_module(package).find_attr_docs()
    return [
        name
        for name in getattr(module, "__all__", ())
        if ("", name) not in documented
        and not isinstance(getattr(module, name), type)
        and not inspect.ismodule(getattr(module, name))
        and not inspect.isroutine(getattr(module, name))
    ]


class ReexportedData(SphinxDirective):
    """``reexported-data``: an ``autodata`` entry for each constant a package re-exports.

    ``automodule`` documents a package's module-level constants only when the
    package's own source documents them; a constant imported from a submodule and
    listed in ``__all__`` (``electoral.model.TRIPOLI``) would be left out. This
    directive lists them so that every public name is in the reference; their
    docstrings come from the defining module (``_reexported_data_docstring``).
    """

    required_arguments = 1
    #: Values whose ``repr`` is longer than this are not shown (a table, a catalogue).
    max_value_length = 200

    def run(self) -> list[Any]:
        package = self.arguments[0]
        module = importlib.import_module(package)
        lines = []
        for name in _reexported_data(package):
            lines.append(f".. autodata:: {package}.{name}")
            if len(repr(getattr(module, name))) > self.max_value_length:
                lines.append("   :no-value:")
        return list(self.parse_text_to_nodes("\n".join(lines))) if lines else []


def _no_inline_type(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Keep napoleon from reading a type out of the first line of an attribute's docstring.

    napoleon reads the docstring ``int: the count`` as type ``int`` and description
    "the count", so the prose docstring ``The station's identity: (center_id,
    number).`` would become a reference to a class named "The station's identity".
    In this library every attribute, property and constant has a type annotation,
    which autodoc shows; a docstring's first line is always prose. An empty reST
    comment (``..``) put before it takes the place napoleon reads a type from, and
    renders as nothing; the docstring itself is then parsed as usual, Google
    sections included. Runs before napoleon (priority 400).
    """
    if what in ("attribute", "data", "property") and any(line.strip() for line in lines):
        lines[0:0] = ["..", ""]


def _public_bases(app: Any, name: str, obj: object, options: Any, bases: list[Any]) -> None:
    """Show a private base of ``electoral`` (the named tuple whose fields a record checks)
    as the classes it derives from: a private name has no page to link to."""
    for index, base in reversed(list(enumerate(bases))):
        private = getattr(base, "__name__", "").startswith("_")
        if private and getattr(base, "__module__", "").startswith("electoral"):
            bases[index : index + 1] = list(base.__bases__)


def setup(app: Any) -> None:
    """Connect the resolvers and the autodoc hooks above."""
    app.connect("autodoc-process-bases", _public_bases)
    app.connect("autodoc-process-docstring", _no_inline_type, priority=400)
    app.connect("missing-reference", _type_variable_as_text)
    app.connect("missing-reference", _resolve_through_reexport)
    app.connect("autodoc-skip-member", _skip_attrs_slot)
    app.connect("autodoc-process-docstring", _reexported_data_docstring)
    app.add_directive("reexported-data", ReexportedData)
