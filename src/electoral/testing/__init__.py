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

This module imports neither Hypothesis nor pytest.

>>> from electoral.ids import national_id
>>> with raises_code("national_id.first_digit", field="national_id"):
...     national_id.validate("319690261935")
>>> assert_roundtrip(sample_election().centers[0])
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from electoral.errors import ValidationError, ValidationErrors
from electoral.testing._sample import SampleElection, sample_election

if TYPE_CHECKING:
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

# The demo tally needs electoral.results; the pytest plugin, loaded in every session
# of a service's suite, imports this module, so the tally loads only when first used.
_TALLY = frozenset({"DEMO_NOW", "demo_records", "demo_tally_setup", "process_form"})


def __getattr__(name: str) -> Any:
    if name in _TALLY:
        from electoral.testing import _tally

        return getattr(_tally, name)
    raise AttributeError(f"module 'electoral.testing' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_TALLY})


@attrs.define
class ExpectedError:
    """What :func:`raises_code` caught: the error, once the block has raised it."""

    error: ValidationError | None = None


@contextlib.contextmanager
def raises_code(code: str, *, field: str | None = None) -> Iterator[ExpectedError]:
    """Assert that the block raises a :class:`~electoral.errors.ValidationError` with ``code``.

    A :class:`~electoral.errors.ValidationErrors` group passes when exactly one of
    its members has the code. Any other outcome raises :class:`AssertionError`
    naming what happened instead.
    """
    caught = ExpectedError()
    try:
        yield caught
    except ValidationErrors as group:
        matches = [error for error in group.errors if error.code == code]
        if len(matches) != 1:
            raise AssertionError(
                f"expected one {code!r} in the group, got codes {list(group.codes)}"
            ) from group
        caught.error = matches[0]
    except ValidationError as error:
        if error.code != code:
            raise AssertionError(f"expected code {code!r}, got {error.code!r}: {error}") from error
        caught.error = error
    else:
        raise AssertionError(f"expected a ValidationError with code {code!r}; nothing was raised")
    if field is not None and caught.error.field != field:
        raise AssertionError(f"expected field {field!r}, got {caught.error.field!r}")


def assert_codes(group: ValidationErrors, expected: list[str]) -> None:
    """Assert that a group holds exactly these codes, in this order.

    >>> from electoral.errors import MissingValue
    >>> assert_codes(ValidationErrors("x", [MissingValue(field="name")]), ["missing"])
    """
    if list(group.codes) != expected:
        lines = "\n".join(group.describe())
        raise AssertionError(f"expected codes {expected}, got:\n{lines}")


def assert_roundtrip(value: Any) -> None:
    """Assert that a noun survives :mod:`electoral.serialization` unchanged."""
    from electoral.serialization import structure, unstructure

    data = unstructure(value)
    again = structure(data, type(value))
    if again != value:
        raise AssertionError(f"{value!r} came back as {again!r} (via {data!r})")
