"""The chapters that load their names when first used (``electoral._lazy``)."""

from __future__ import annotations

import ast
import importlib
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
