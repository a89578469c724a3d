"""Assertion helpers that check error codes (re-exported by :mod:`electoral.testing`)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import attrs

from electoral.errors import ValidationError, ValidationErrors

__all__ = ["ExpectedError", "assert_codes", "assert_roundtrip", "raises_code"]


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
        lines = "\n".join(group.describe(labelled=True))
        raise AssertionError(f"expected codes {expected}, got:\n{lines}")


def assert_roundtrip(value: Any) -> None:
    """Assert that a noun survives :mod:`electoral.serialization` unchanged."""
    from electoral.serialization import structure, unstructure

    data = unstructure(value)
    again = structure(data, type(value))
    if again != value:
        raise AssertionError(f"{value!r} came back as {again!r} (via {data!r})")
