"""What the sweep feeds: junk for a parameter, chosen by its annotation.

Every parameter gets :data:`UNIVERSAL`; one that can carry text gets :data:`TEXT`
(bidi and zero-width characters, NUL, lone surrogates, digit runs past Python's
4,300-digit limit, CSV with odd line endings, quotes and oversize fields), the same
as bytes, a text stream and paths; one that can carry a count gets :data:`INTS`; a
time, :data:`MOMENTS`. A valid container is turned into junk too: a key missing, a key
too many, junk members, nesting 200 deep, a one-shot iterator.
"""

from __future__ import annotations

import collections.abc as cabc
import contextlib
import datetime as dt
import decimal
import fractions
import inspect
import io
import math
import pathlib
import typing
from typing import Any

HUGE = 10**5000
"""A count with 5,001 digits: past Python's int-to-text limit, so it cannot even print."""

BIDI = "\u202e\u2067"
ZERO_WIDTH = "\u200b\u200d\ufeff"

UNIVERSAL: tuple[tuple[str, object], ...] = (
    ("None", None),
    ("True", True),
    ("float", 1.5),
    ("nan", math.nan),
    ("inf", math.inf),
    ("minus-one", -1),
    ("huge-int", HUGE),
    ("empty-text", ""),
    ("text", "junk"),
    ("bytes", b"junk"),
    ("empty-list", []),
    ("nested-list", [[[]]]),
    ("empty-dict", {}),
    ("dict", {"junk": 1}),
    ("object", object()),
)
"""Junk for every parameter."""

TEXT: tuple[tuple[str, str], ...] = (
    ("spaces", " \t "),
    ("nul", "a\x00b"),
    ("surrogate", "\ud800"),
    ("bidi", BIDI + "123"),
    ("zero-width", "1" + ZERO_WIDTH + "2"),
    ("digits-5000", "9" * 5000),
    ("minus-digits", "-31001"),
    ("unicode-minus", "\u221231001"),
    ("arabic-digits", "١٢٣٤٥"),
    ("newlines", "a\r\nb\rc\n"),
    ("long", "x" * 100_000),
    ("csv-quote", 'a,"b\nc'),
    ("csv-oversize", 'a,b\n"' + "x" * 200_000 + '",c\n'),
    ("csv-cr-only", "a,b\r1,2\r3,4\r"),
    ("csv-nul", "a,b\n1,\x002\n"),
)
"""Junk for every parameter that can carry text."""

INTS: tuple[tuple[str, object], ...] = (
    ("zero", 0),
    ("minus-huge", -HUGE),
    ("int-2^63", 2**63),
    ("False", False),
    ("digit-text", "12"),
    ("decimal", decimal.Decimal("1")),
    ("fraction", fractions.Fraction(1, 3)),
)
"""Junk for every parameter that can carry a count."""

MOMENTS: tuple[tuple[str, object], ...] = (
    ("naive", dt.datetime(2014, 6, 25, 12)),
    ("date", dt.date(2014, 6, 25)),
    ("iso-text", "2014-06-25T12:00:00+02:00"),
    ("aware-min", dt.datetime.min.replace(tzinfo=dt.UTC)),
    ("aware-max", dt.datetime.max.replace(tzinfo=dt.UTC)),
)
"""Junk for every parameter that can carry a time or a date."""


class _Junk:
    """An object whose every method raises: the type no caller can handle by luck."""

    def __repr__(self) -> str:
        return "<junk>"


def _scalar_kinds(annotation: Any) -> set[type]:
    """The plain types an annotation mentions, however deep."""
    found: set[type] = set()
    for arg in typing.get_args(annotation) or (annotation,):
        if arg is annotation:
            if inspect.isclass(arg):
                found.add(arg)
        else:
            found |= _scalar_kinds(arg)
    return found


def junk_for(annotation: Any, example: object) -> list[tuple[str, object]]:
    """Junk for one parameter: the universal kinds, then what its annotation suggests."""
    kinds = _scalar_kinds(annotation) or {object}
    out: list[tuple[str, object]] = list(UNIVERSAL)
    textual = kinds & {str, bytes, object, io.TextIOBase, typing.TextIO, typing.IO}
    if textual or annotation is Any:
        out.extend(TEXT)
        out.extend(
            (f"bytes-{label}", text.encode("utf-8", "surrogatepass")) for label, text in TEXT[:6]
        )
        out.append(("text-io", io.StringIO("a,b\r\n\x00,\r\n")))
        out.append(("missing-path", pathlib.Path("/nonexistent/electoral-sweep")))
        out.append(("directory-path", pathlib.Path("/")))
    if kinds & {int, float, fractions.Fraction, decimal.Decimal, object} or annotation is Any:
        out.extend(INTS)
    if kinds & {dt.datetime, dt.date}:
        out.extend(MOMENTS)
    if kinds & {bool}:
        out.extend((("one", 1), ("true-text", "true")))
    out.extend(_container_junk(example))
    out.append(("wrong-object", _Junk()))
    return out


def _container_junk(example: object) -> list[tuple[str, object]]:
    """Junk made from a valid container: a key missing, a key too many, junk members."""
    members: tuple[tuple[str, object], ...] = (
        ("None", None),
        ("minus-one", -1),
        ("huge-int", HUGE),
        ("text", "junk"),
        ("float", 1.5),
        ("True", True),
        ("object", _Junk()),
    )
    out: list[tuple[str, object]] = []
    if isinstance(example, cabc.Mapping) and example:
        first = next(iter(example))
        out.append(("mapping-missing-key", {k: v for k, v in example.items() if k != first}))
        out.append(("mapping-extra-key", {**example, "junk\x00": 1}))
        out.append(("mapping-as-list", list(example.items())))
        for label, member in members:
            out.append((f"mapping-value-{label}", {**example, first: member}))
            with contextlib.suppress(TypeError):
                out.append((f"mapping-key-{label}", {member: example[first]}))
        out.append(("mapping-deep", _deep({})))
    elif isinstance(example, list | tuple | frozenset | set):
        items = list(example)
        for label, member in members:
            out.append((f"member-{label}", [*items, member]))
        out.append(("as-mapping", {"junk": items}))
        out.append(("deep", _deep([])))
        out.append(("one-shot-iterator", iter(items)))
    return out


def _deep(leaf: object) -> object:
    value = leaf
    for _ in range(200):
        value = [value] if isinstance(leaf, list) else {"a": value}
    return value
