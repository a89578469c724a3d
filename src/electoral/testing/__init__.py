"""Test kit for services that use ``electoral``: sample data and assertion helpers.

Three parts, each usable on its own:

* :mod:`electoral.testing.strategies`: Hypothesis strategies for every noun and
  identifier (needs ``pip install "electoral[testing]"``); ``st.from_type(Center)``
  works in any suite through the package's Hypothesis entry point;
* :mod:`electoral.testing.pytest_plugin`: session-scoped, immutable fixtures
  (``electoral_sample``, ``electoral_as_of``), loaded automatically by pytest;
* this module: :func:`sample_election` and assertion helpers that check the error
  **code**, which is what a service should key on, not the English text; and a small
  synthetic tally, :func:`demo_tally_setup` and :func:`demo_records` (with
  :func:`process_form` and :data:`DEMO_NOW`), loaded with :mod:`electoral.results` on
  first use.

This module imports neither Hypothesis nor pytest, and importing it costs nothing:
its names load when first used.

>>> from electoral.ids import national_id
>>> from electoral.testing import assert_roundtrip, raises_code, sample_election
>>> with raises_code("national_id.first_digit", field="national_id"):
...     national_id.validate("319690261935")
>>> assert_roundtrip(sample_election().centers[0])
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from electoral.testing._assertions import (
        ExpectedError,
        assert_codes,
        assert_roundtrip,
        raises_code,
    )
    from electoral.testing._sample import SampleElection, sample_election
    from electoral.testing._tally import DEMO_NOW, demo_records, demo_tally_setup, process_form

__all__ = [
    "DEMO_NOW",
    "ExpectedError",
    "SampleElection",
    "assert_codes",
    "assert_roundtrip",
    "demo_records",
    "demo_tally_setup",
    "process_form",
    "raises_code",
    "sample_election",
]

# Loaded when first used: the pytest plugin and the Hypothesis hook live in this
# package, and importing them must not import the library (the demo tally needs
# electoral.results).
_WHERE = {
    "ExpectedError": "electoral.testing._assertions",
    "assert_codes": "electoral.testing._assertions",
    "assert_roundtrip": "electoral.testing._assertions",
    "raises_code": "electoral.testing._assertions",
    "SampleElection": "electoral.testing._sample",
    "sample_election": "electoral.testing._sample",
    "DEMO_NOW": "electoral.testing._tally",
    "demo_records": "electoral.testing._tally",
    "demo_tally_setup": "electoral.testing._tally",
    "process_form": "electoral.testing._tally",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'electoral.testing' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
