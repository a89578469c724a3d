"""The documentation builds cleanly, and documents every public name.

The build runs exactly as CI runs it: ``sphinx-build -n -W --keep-going -b html``,
nitpicky and with every warning an error, in a subprocess (Sphinx keeps global
state that must not leak into the test session). It needs the ``docs`` extra
(sphinx, furo, myst-nb, ipykernel) and no network: the configuration loads no
remote inventory.
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
import types
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


Build = tuple[subprocess.CompletedProcess[str], Path]


@pytest.fixture(scope="module")
def docs_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Build the HTML pages once for this module; the process and the output folder."""
    out = tmp_path_factory.mktemp("html")
    command = [sys.executable, "-m", "sphinx", "-n", "-W", "--keep-going", "-b", "html"]
    process = subprocess.run(
        [*command, str(DOCS), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    return process, out


def _inventory_names(path: Path) -> set[str]:
    """The Python object names in a Sphinx ``objects.inv`` (format version 2)."""
    data = path.read_bytes()
    header_end = 0
    for _ in range(4):  # four header lines, then zlib-compressed entries
        header_end = data.index(b"\n", header_end) + 1
    names: set[str] = set()
    for line in zlib.decompress(data[header_end:]).decode("utf-8").splitlines():
        name, _, rest = line.partition(" ")
        if rest.startswith("py:"):
            names.add(name)
    return names


def _public_modules() -> list[types.ModuleType]:
    """``electoral`` and every module under it whose dotted name has no private part."""
    import electoral

    modules: list[types.ModuleType] = [electoral]
    for info in pkgutil.walk_packages(electoral.__path__, prefix="electoral."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        modules.append(importlib.import_module(info.name))
    return modules


def test_sphinx_build_is_clean(docs_build: Build) -> None:
    process, _ = docs_build
    assert process.returncode == 0, (
        f"sphinx-build failed ({process.returncode}):\n{process.stdout}\n{process.stderr}"
    )
    # The notebook kernel's own notice about loopback TCP is not a Sphinx warning.
    kernel_notice = "[IPKernelApp] WARNING | Kernel is running over TCP without encryption"
    warnings = [
        line
        for line in process.stderr.splitlines()
        if "WARNING" in line and not line.startswith(kernel_notice)
    ]
    assert warnings == [], process.stderr


def _is_documented(module: types.ModuleType, name: str, documented: set[str]) -> bool:
    """Whether ``module.name`` is in the reference, here or where a package re-exports it.

    The nouns are documented under the name users import (``electoral.model.Center``),
    not under the module that defines them (``electoral.model.center``); a name
    counts as documented when an enclosing package documents the very same object.
    """
    if f"{module.__name__}.{name}" in documented:
        return True
    value = getattr(module, name, None)
    package = module.__name__
    while "." in package:
        package = package.rpartition(".")[0]
        parent = importlib.import_module(package)
        if f"{package}.{name}" in documented and getattr(parent, name, None) is value:
            return True
    return False


def test_every_public_name_is_documented(docs_build: Build) -> None:
    process, out = docs_build
    assert process.returncode == 0, process.stderr
    documented = _inventory_names(out / "objects.inv")
    modules = _public_modules()
    missing = [module.__name__ for module in modules if module.__name__ not in documented]
    missing += [
        f"{module.__name__}.{name}"
        for module in modules
        for name in getattr(module, "__all__", ())
        if not isinstance(getattr(module, name, None), types.ModuleType)
        and not _is_documented(module, name, documented)
    ]
    assert not missing, "not in the API reference (docs/api.md): " + ", ".join(missing)


# --- the error catalogue -----------------------------------------------------------------


def _error_catalog() -> types.ModuleType:
    """docs/_ext/error_catalog.py, imported as Sphinx imports it."""
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        return importlib.import_module("error_catalog")
    finally:
        sys.path.remove(str(DOCS / "_ext"))


def test_every_template_param_has_a_documented_meaning() -> None:
    catalog = _error_catalog()
    used = {name for _, params, _, _ in catalog.catalog_rows() for name in params}
    undocumented = sorted(used - set(catalog.PARAMS))
    assert not undocumented, f"add these to PARAMS in docs/_ext/error_catalog.py: {undocumented}"
    unused = sorted(set(catalog.PARAMS) - used)
    assert not unused, f"PARAMS describes params no template uses: {unused}"


def test_catalogue_rows_list_value_first_then_the_template_params() -> None:
    catalog = _error_catalog()
    rows = {code: params for code, params, _, _ in catalog.catalog_rows()}
    assert rows["range"] == ["value", "min_value", "max_value"]
    assert rows["missing"] == ["value"]
    assert catalog.params_of("{a} and {b} then {a}") == ["value", "a", "b"]


def test_catalogue_page_lists_every_code_with_params_and_arabic_right_aligned(
    docs_build: Build,
) -> None:
    from electoral.errors import MESSAGES

    process, out = docs_build
    assert process.returncode == 0, process.stderr
    page = (out / "errors.html").read_text(encoding="utf-8")
    for code in MESSAGES:
        if not code.startswith("test"):
            assert f'id="error-{code.replace(".", "-").replace("_", "-")}"' in page, code
    assert page.count('<td class="arabic">') == len(_error_catalog().catalog_rows())
    assert 'dir="rtl" lang="ar"' in page
    assert 'id="param-max-length"' in page
    assert 'href="#param-max-length"' in page
    assert "_static/electoral.css" in page
    css = (out / "_static" / "electoral.css").read_text(encoding="utf-8")
    assert "td.arabic" in css
    assert "text-align: right" in css
    assert "direction: rtl" in css
