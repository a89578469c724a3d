"""Private: a package's public names, imported from their submodules when first used.

A chapter such as :mod:`electoral.results` re-exports some hundred names from a dozen
private submodules. Importing them all when the package is imported costs more than
importing attrs, cattrs and pendulum together, although a program that reads a dump
needs none of the result-form life cycle. :func:`attach` gives a package a module
``__getattr__`` (PEP 562) that imports a name's submodule the first time the name is
asked for and keeps the value in the package (so the next look-up is an ordinary
attribute), and a ``__dir__`` that lists the names not loaded yet.

The package still lists the same imports under ``if TYPE_CHECKING:``, so type
checkers, editors and Sphinx see the names where they always were; a test checks
that those imports and the table given here name the same things.

The package itself imports one private module, its ``_catalogue``, which registers
every error code and label of the chapter (plain literals, importing nothing else), so
:data:`electoral.errors.MESSAGES` and :data:`electoral.errors.LABELS` are complete for
the chapter before any of its submodules has loaded.

>>> import types
>>> package = types.ModuleType("example")
>>> package.__getattr__, package.__dir__ = attach("electoral", {"_version": ("__version__",)})
>>> package.__getattr__("__version__") == __import__("electoral").__version__
True
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["attach"]


def attach(
    package: str, names: Mapping[str, tuple[str, ...]]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, from submodule -> public names."""
    module_of = {name: module for module, members in names.items() for name in members}

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook's name (PEP 562)
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        owner = sys.modules.get(package)
        if owner is not None:
            setattr(owner, name, value)
        return value

    def __dir__() -> list[str]:  # noqa: N807 - the module hook's name (PEP 562)
        owner = sys.modules.get(package)
        return sorted({*(vars(owner) if owner is not None else ()), *module_of})

    return __getattr__, __dir__
