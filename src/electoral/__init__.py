"""electoral: the electoral domain rules of Libya's High National Elections Commission.

One place where voters, centres, stations, ballots and result forms are modelled,
validated and tallied, exactly, with a typed error and a stable code for every bad
input. The chapters follow the data:

* :mod:`electoral.errors`: the error tree and its English and Arabic messages;
* :mod:`electoral.ids`: identifier validators in the python-stdnum style;
* :mod:`electoral.model`: the nouns, as frozen attrs values;
* :mod:`electoral.adapters`: our enums to and from the codes of the existing systems;
* :mod:`electoral.serialization`: one cattrs converter for JSON-ready dicts;
* :mod:`electoral.seats`: winners and seat allocation;
* :mod:`electoral.testing`: Hypothesis strategies, a pytest plugin, assertion helpers.

Importing :mod:`electoral` is cheap: the submodules load when first used.

>>> import electoral
>>> electoral.ids.national_id.is_valid("119690261935")
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from electoral._version import __version__

if TYPE_CHECKING:
    from electoral import adapters, errors, ids, model, serialization

__all__ = ["__version__", "adapters", "errors", "ids", "model", "serialization"]

_SUBMODULES = frozenset({"adapters", "errors", "ids", "model", "seats", "serialization"})


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"electoral.{name}")
    raise AttributeError(f"module 'electoral' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_SUBMODULES})
