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
def test_importing_the_package_loads_no_submodule(package: str) -> None:
    code = (
        f"import sys, {package}; "
        f"print(sorted(m for m in sys.modules if m.startswith('{package}.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("package", LAZY)
def test_the_catalogue_is_complete_for_an_imported_chapter(package: str) -> None:
    # A chapter registers its codes and labels in its submodules; importing the
    # chapter alone loads none of them, so the catalogue loads them when looked at.
    code = (
        "import importlib, json, pkgutil, sys\n"
        f"import {package}\n"
        "from electoral.errors import LABELS, MESSAGES, ValidationError\n"
        "lazy = (sorted(MESSAGES), sorted(LABELS))\n"
        f"package = sys.modules['{package}']\n"
        "for info in pkgutil.iter_modules(package.__path__):\n"
        f"    importlib.import_module('{package}.' + info.name)\n"
        "print(json.dumps([lazy == (sorted(MESSAGES), sorted(LABELS)), len(lazy[0])]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    complete, count = json.loads(done.stdout)
    assert complete
    assert count > 50


def test_an_error_of_a_chapter_not_loaded_yet_finds_its_message() -> None:
    code = (
        "import sys, electoral.seats\n"
        "from electoral.errors import OutOfRange\n"
        "assert not any(m.startswith('electoral.seats.') for m in sys.modules)\n"
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
