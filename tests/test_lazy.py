"""The chapters that load their names when first used (``electoral._lazy``)."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

LAZY = ("electoral.registration", "electoral.results", "electoral.seats")


def _checked_imports(package: str) -> dict[str, set[str]]:
    """The names the package imports under ``if TYPE_CHECKING:``, by submodule."""
    module = importlib.import_module(package)
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                name = statement.module or ""
                submodule = name if statement.level else name.removeprefix(f"{package}.")
                found.setdefault(submodule, set()).update(a.name for a in statement.names)
    return found


@pytest.mark.parametrize("package", LAZY)
def test_the_table_names_what_the_type_checker_reads(package: str) -> None:
    module = importlib.import_module(package)
    table = {submodule: set(names) for submodule, names in module._NAMES.items()}
    assert table == _checked_imports(package)
    assert sorted(name for names in table.values() for name in names) == sorted(module.__all__)


@pytest.mark.parametrize("package", LAZY)
def test_every_public_name_loads_and_is_listed(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        submodule = next(s for s, names in module._NAMES.items() if name in names)
        assert getattr(module, name) is getattr(
            importlib.import_module(f"{package}.{submodule}"), name
        )
    assert set(module.__all__) <= set(dir(module))
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        module.nothing_here  # noqa: B018 - the look-up is the test


@pytest.mark.parametrize("package", LAZY)
def test_the_table_gives_each_submodule_a_part_of_its_all(package: str) -> None:
    # a submodule's __all__ also lists what its siblings import from it; the package's
    # table is the public part, and names nothing the submodule does not export
    module = importlib.import_module(package)
    for submodule, names in module._NAMES.items():
        exported = importlib.import_module(f"{package}.{submodule}").__all__
        assert set(names) <= set(exported), submodule


@pytest.mark.parametrize("package", LAZY)
def test_importing_the_package_loads_no_submodule(package: str) -> None:
    # only the chapter's catalogue of codes and labels, which imports nothing else
    code = (
        f"import sys, {package}; "
        f"print(sorted(m for m in sys.modules if m.startswith('{package}.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert json.loads(done.stdout.replace("'", '"')) == [f"{package}._catalogue"]


# Run in a fresh process: records which module registers each code and label, reads the
# catalogue with C-level copies (dict(), {**...}, which bypass any method a subclass
# could add) right after importing the chapter, then loads every submodule.
_REGISTERED = """
import importlib, json, pkgutil, sys
import electoral.errors as errors

registered = {}

def recording(register, kind):
    def wrapped(table):
        module = sys._getframe(1).f_globals["__name__"]
        registered.update({f"{kind} {key}": module for key in table})
        register(table)
    return wrapped

errors.register_messages = recording(errors.register_messages, "code")
errors.register_labels = recording(errors.register_labels, "label")
package = importlib.import_module(PACKAGE)
lazy = {"code": dict(errors.MESSAGES), "label": {**errors.LABELS}}
for info in pkgutil.iter_modules(package.__path__):
    importlib.import_module(f"{PACKAGE}.{info.name}")
print(json.dumps({
    "catalogue": type(errors.MESSAGES).__name__ + " " + type(errors.LABELS).__name__,
    "lazy": sorted(f"{kind} {key}" for kind, table in lazy.items() for key in table),
    "full": sorted(errors.MESSAGES),
    "registered": registered,
}))
"""


@pytest.mark.parametrize("package", LAZY)
def test_importing_the_chapter_registers_all_its_codes(package: str) -> None:
    code = f"PACKAGE = {package!r}\n" + _REGISTERED
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    found = json.loads(done.stdout)
    assert found["catalogue"] == "dict dict"
    lazy = set(found["lazy"])
    chapter = package.removeprefix("electoral.")
    codes = {code for code in found["full"] if code.startswith(f"{chapter}.")}
    assert len(codes) > 30
    assert {f"code {code}" for code in codes} <= lazy
    # no submodule registers anything of its own (it would be missing until it loads)
    registered = found["registered"].items()
    mine = {key: module for key, module in registered if module.startswith(f"{package}.")}
    catalogue = f"{package}._catalogue"
    elsewhere = sorted(f"{key} ({module})" for key, module in mine.items() if module != catalogue)
    assert not elsewhere, f"move these to {catalogue}, which the package imports: {elsewhere}"
    assert set(mine) <= lazy


def test_an_error_of_a_chapter_not_loaded_yet_finds_its_message() -> None:
    code = (
        "import sys, electoral.seats\n"
        "from electoral.errors import OutOfRange\n"
        "assert not any(m.startswith('electoral.seats._') for m in sys.modules\n"
        "               if m != 'electoral.seats._catalogue')\n"
        "error = OutOfRange('seats.threshold_range', field='threshold', value='1.5')\n"
        "print(error.message('en'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert "1.5" in done.stdout


def test_a_code_nobody_registered_is_still_refused() -> None:
    from electoral.errors import MESSAGES, OutOfRange

    assert "no.such.code" not in MESSAGES
    assert MESSAGES.get("no.such.code") is None
    with pytest.raises(KeyError):
        MESSAGES["no.such.code"]
    with pytest.raises(KeyError, match="no registered message"):
        OutOfRange("no.such.code")
