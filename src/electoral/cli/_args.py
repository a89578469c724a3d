"""Private: the argument parser and the argument types the commands share."""

from __future__ import annotations

import argparse
from fractions import Fraction
from typing import TYPE_CHECKING, NoReturn

from electoral.cli._command import UsageError
from electoral.errors import InvalidFormat, OutOfRange

if TYPE_CHECKING:
    import pendulum

__all__ = ["Parser", "date", "fraction"]


class Parser(argparse.ArgumentParser):
    """An argument parser that reports a bad argument as a :class:`UsageError`."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(
            InvalidFormat(
                "cli.usage", field="arguments", value=message, reason=f"{message} (see --help)"
            )
        ) from None


def fraction(text: str) -> Fraction:
    """A share between 0 and 1, written ``1/50`` or ``0.02``."""
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        value = Fraction(-1)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(
            OutOfRange(
                "cli.fraction", field="share", value=text, min_value=0, max_value=1
            ).message()
        )
    return value


def date(text: str) -> pendulum.DateTime:
    """A day ``YYYY-MM-DD``, as noon of that day in Tripoli."""
    import pendulum

    from electoral.model import TRIPOLI

    try:
        day = pendulum.Date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            InvalidFormat("cli.date", field="as_of", value=text).message()
        ) from None
    return pendulum.datetime(day.year, day.month, day.day, 12, tz=TRIPOLI)
