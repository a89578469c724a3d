"""The junk sweep: every public callable of every chapter, with junk in every parameter.

The library promises a typed, coded error for every bad input. This sweep holds it to
that promise everywhere, not only where someone thought of writing a test:

* **Targets** are found, not listed: every function and class in the ``__all__`` of
  every public module under :mod:`electoral`, and every public method of those
  classes. A new chapter or a new name joins the sweep without registration.
* Each target is first called with **valid arguments** built from the parameters'
  annotations (``conftest.py`` holds the table of example builders, one entry per
  type), then once per **junk value** in each parameter, the others staying valid.
* Each call must end in one of three ways: an answer (which must print); a
  :class:`~electoral.errors.ValidationError` (or a group of them) with a registered
  code and both messages; or, when the junk's Python type is not one the annotation
  accepts (a programmer's mistake, not data), a ``TypeError`` naming the parameter.
  Anything else (``AttributeError``, ``KeyError``, a bare ``ValueError``, ``csv.Error``,
  a call that runs past :data:`SLOW_SECONDS`) fails the target's test.

Set ``ELECTORAL_SWEEP_TALLY=path.json`` to write the figures (targets, calls, outcomes
by exception type, time) when the sweep ends.
"""

from __future__ import annotations

import collections
import collections.abc as cabc
import contextlib
import copy
import datetime as dt
import decimal
import enum
import fractions
import importlib
import inspect
import io
import itertools
import json
import math
import os
import pathlib
import pkgutil
import signal
import time
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
from hypothesis.strategies import SearchStrategy

import electoral
from electoral._guard import resolve, resolve_class
from electoral.errors import MESSAGES, ValidationError, ValidationErrors

# --- what is swept ---------------------------------------------------------------------------

SKIPPED_MODULES: dict[str, str] = {
    "electoral.testing.pytest_plugin": "pytest fixtures: only pytest may call them",
}
"""Public modules the sweep leaves out, with the reason."""

SKIPPED_TARGETS: dict[str, str] = {
    "electoral.errors.register_messages": "changes the process-wide catalogue (test_errors.py)",
}
"""Public callables the sweep leaves out, with the reason."""

ALSO_ALLOWED: dict[str, tuple[tuple[type[BaseException], ...], str]] = {
    "electoral.testing.assert_codes": ((AssertionError,), "an assertion helper fails a test"),
    "electoral.testing.assert_roundtrip": (
        (AssertionError, TypeError),
        "an assertion helper fails a test; a value that is not a noun is a misuse",
    ),
}
"""Targets whose contract is to raise something else on a bad argument."""

PENDING_FORMATS_LAYER: dict[tuple[str, str], str] = {
    ("electoral.registration.CenterImport", "ValueError"): "a count that cannot print",
    (
        "electoral.registration.CenterImport.message",
        "AttributeError",
    ): "a wrong object in an argument",
    ("electoral.registration.CenterImport.message", "TypeError"): "a wrong object in an argument",
    ("electoral.registration.PhoneListUpload", "ValueError"): "a count that cannot print",
    (
        "electoral.registration.add_to_phone_list",
        "AttributeError",
    ): "a wrong object in an argument",
    ("electoral.registration.add_to_phone_list", "TypeError"): "a wrong object in an argument",
    (
        "electoral.registration.center_csv_messages",
        "AttributeError",
    ): "a wrong object in an argument",
    ("electoral.registration.check_phone_list", "AttributeError"): "a wrong object in an argument",
    ("electoral.registration.check_phone_list", "TypeError"): "a wrong object in an argument",
    (
        "electoral.registration.export_centers_csv",
        "AttributeError",
    ): "a wrong object in an argument",
    ("electoral.registration.export_centers_csv", "TypeError"): "a wrong object in an argument",
    ("electoral.registration.format_dump_line", "TypeError"): "a wrong object in an argument",
    (
        "electoral.registration.import_centers_csv",
        "AttributeError",
    ): "a wrong object in an argument",
    ("electoral.registration.import_centers_csv", "TypeError"): "a wrong object in an argument",
    ("electoral.registration.is_listed", "AttributeError"): "a wrong object in an argument",
    ("electoral.registration.is_listed", "TypeError"): "a wrong object in an argument",
    ("electoral.registration.listed_numbers", "AttributeError"): "a wrong object in an argument",
    ("electoral.registration.listed_numbers", "TypeError"): "a wrong object in an argument",
    (
        "electoral.registration.parse_phone_list_upload",
        "TypeError",
    ): "a wrong object in an argument",
    ("electoral.registration.parse_registry_dump", "TypeError"): "a wrong object in an argument",
    (
        "electoral.registration.record_to_dump_line",
        "AttributeError",
    ): "a wrong object in an argument",
    (
        "electoral.registration.station_metadata_csv",
        "AttributeError",
    ): "a wrong object in an argument",
    (
        "electoral.registration.station_metadata_csv",
        "OverflowError",
    ): "a time at the calendar's edge",
    ("electoral.registration.station_metadata_csv", "TypeError"): "a wrong object in an argument",
    (
        "electoral.registration.voters_by_center_and_station_csv",
        "AttributeError",
    ): "a wrong object in an argument",
    (
        "electoral.registration.voters_by_center_and_station_csv",
        "TypeError",
    ): "a wrong object in an argument",
    (
        "electoral.registration.voters_by_national_id_csv",
        "AttributeError",
    ): "a wrong object in an argument",
    (
        "electoral.registration.voters_by_national_id_csv",
        "TypeError",
    ): "a wrong object in an argument",
    ("electoral.results.parse_pvp_results", "TypeError"): "a wrong object in an argument",
    ("electoral.results.parse_pvp_results", "_csv.Error"): "CR-only line endings",
    ("electoral.results.read_ballots", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.read_ballots", "FileNotFoundError"): "a missing path",
    ("electoral.results.read_ballots", "IsADirectoryError"): "a directory path",
    ("electoral.results.read_candidates", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.read_candidates", "FileNotFoundError"): "a missing path",
    ("electoral.results.read_candidates", "IsADirectoryError"): "a directory path",
    ("electoral.results.read_centers", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.read_centers", "FileNotFoundError"): "a missing path",
    ("electoral.results.read_centers", "IsADirectoryError"): "a directory path",
    ("electoral.results.read_pvp_bundle", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.read_pvp_bundle", "UnicodeEncodeError"): "a lone surrogate in the text",
    ("electoral.results.read_pvp_bundle", "ValueError"): "a count that cannot print",
    ("electoral.results.read_result_forms", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.read_result_forms", "FileNotFoundError"): "a missing path",
    ("electoral.results.read_result_forms", "IsADirectoryError"): "a directory path",
    ("electoral.results.read_results_export", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.read_results_export", "FileNotFoundError"): "a missing path",
    ("electoral.results.read_results_export", "IsADirectoryError"): "a directory path",
    ("electoral.results.read_stations", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.read_stations", "FileNotFoundError"): "a missing path",
    ("electoral.results.read_stations", "IsADirectoryError"): "a directory path",
    (
        "electoral.results.read_subconstituencies",
        "AttributeError",
    ): "a wrong object in an argument",
    ("electoral.results.read_subconstituencies", "FileNotFoundError"): "a missing path",
    ("electoral.results.read_subconstituencies", "IsADirectoryError"): "a directory path",
    (
        "electoral.results.read_subconstituency_ballots",
        "AttributeError",
    ): "a wrong object in an argument",
    ("electoral.results.read_subconstituency_ballots", "FileNotFoundError"): "a missing path",
    ("electoral.results.read_subconstituency_ballots", "IsADirectoryError"): "a directory path",
    ("electoral.results.results_rows", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.write_ballots", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.write_ballots", "TypeError"): "a wrong object in an argument",
    ("electoral.results.write_candidates", "AttributeError"): "a wrong object in an argument",
    (
        "electoral.results.write_candidates",
        "KeyError",
    ): "a ballot or constituency missing from the arguments",
    ("electoral.results.write_candidates", "TypeError"): "a wrong object in an argument",
    ("electoral.results.write_centers", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.write_centers", "TypeError"): "a wrong object in an argument",
    ("electoral.results.write_pvp_bundle", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.write_pvp_bundle", "TypeError"): "a wrong object in an argument",
    ("electoral.results.write_pvp_results", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.write_result_forms", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.write_result_forms", "TypeError"): "a wrong object in an argument",
    ("electoral.results.write_results_export", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.write_results_export", "TypeError"): "a wrong object in an argument",
    ("electoral.results.write_stations", "AttributeError"): "a wrong object in an argument",
    ("electoral.results.write_stations", "TypeError"): "a wrong object in an argument",
    (
        "electoral.results.write_subconstituencies",
        "AttributeError",
    ): "a wrong object in an argument",
    (
        "electoral.results.write_subconstituencies",
        "KeyError",
    ): "a ballot or constituency missing from the arguments",
    ("electoral.results.write_subconstituencies", "TypeError"): "a wrong object in an argument",
    (
        "electoral.results.write_subconstituency_ballots",
        "AttributeError",
    ): "a wrong object in an argument",
    (
        "electoral.results.write_subconstituency_ballots",
        "TypeError",
    ): "a wrong object in an argument",
}
"""(target, exception type) crashes left to the formats layer (issue 9), one per line."""

SLOW_SECONDS = 5.0
"""A single call that runs longer than this is a finding: its cost is unbounded."""


def public_modules() -> list[types.ModuleType]:
    """:mod:`electoral` and every module under it whose dotted name has no private part."""
    names = sorted(
        info.name
        for info in pkgutil.walk_packages(electoral.__path__, "electoral.")
        if not any(part.startswith("_") for part in info.name.split("."))
    )
    return [importlib.import_module(name) for name in ["electoral", *names]]


@attrs.frozen
class Target:
    """One public callable; ``owner`` is the class whose instance a method is called on."""

    name: str
    function: Callable[..., object]
    owner: type | None = None


def _is_protocol(cls: type) -> bool:
    return bool(getattr(cls, "_is_protocol", False))


def discover() -> list[Target]:
    """Every public callable, once, under the first public name that exports it."""
    seen: set[int] = set()
    found: list[Target] = []
    for module in public_modules():
        if module.__name__ in SKIPPED_MODULES:
            continue
        for attribute in getattr(module, "__all__", ()):
            obj = getattr(module, attribute)
            name = f"{module.__name__}.{attribute}"
            if id(obj) in seen or name in SKIPPED_TARGETS:
                continue
            seen.add(id(obj))
            if inspect.isfunction(obj):
                found.append(Target(name, obj))
            elif inspect.isclass(obj) and not issubclass(obj, BaseException):
                if _is_protocol(obj):
                    continue  # an interface: its implementations are swept
                if not issubclass(obj, enum.Enum):  # Enum lookup is Python's own
                    found.append(Target(name, obj))
                found.extend(_methods(obj, name))
    return found


def _methods(cls: type, name: str) -> Iterator[Target]:
    for method, raw in vars(cls).items():
        if method.startswith("_"):
            continue
        if isinstance(raw, staticmethod | classmethod):
            yield Target(f"{name}.{method}", getattr(cls, method))
        elif inspect.isfunction(raw):
            yield Target(f"{name}.{method}", raw, owner=cls)


TARGETS = discover()


# --- annotations -----------------------------------------------------------------------------


def parameters(target: Target) -> list[tuple[inspect.Parameter, Any]]:
    """The target's parameters (``self`` left out) with their resolved annotations."""
    function = target.function
    if inspect.isclass(function):
        signature = inspect.signature(function)
        if attrs.has(function):
            fields = {f.alias: f.name for f in attrs.fields(function)}
            hints = resolve_class(function)
            hints = {alias: hints[name] for alias, name in fields.items() if name in hints}
        else:
            hints = resolve(function.__init__)
    else:
        signature = inspect.signature(function)
        hints = resolve(function)
    found = []
    for index, parameter in enumerate(signature.parameters.values()):
        if target.owner is not None and index == 0:
            continue
        found.append((parameter, hints.get(parameter.name, Any)))
    return found


_NONE = type(None)


def admits(annotation: Any, value: object) -> bool:
    """Whether ``value`` is of a type ``annotation`` accepts (shallowly, containers checked)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if isinstance(annotation, typing.TypeVar):
        return annotation.__bound__ is None or admits(annotation.__bound__, value)
    if annotation in (Any, object):
        return True
    if origin in (typing.Union, types.UnionType):
        return any(admits(arg, value) for arg in args)
    if origin is typing.Literal:
        return any(value == arg and type(value) is type(arg) for arg in args)
    if annotation is None or annotation is _NONE:
        return value is None
    if annotation is bool:
        return type(value) is bool
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if annotation is float:
        return isinstance(value, float | int) and not isinstance(value, bool)
    if annotation is fractions.Fraction:
        return isinstance(value, fractions.Fraction | int) and not isinstance(value, bool)
    if origin is type:
        return inspect.isclass(value)
    if origin is cabc.Callable or annotation is cabc.Callable:
        return callable(value)
    if origin is not None:
        return _admits_generic(origin, args, value)
    if inspect.isclass(annotation):
        if _is_protocol(annotation):
            return all(hasattr(value, member) for member in _protocol_members(annotation))
        return isinstance(value, annotation)
    return True


def _protocol_members(cls: type) -> set[str]:
    found: set[str] = set()
    for base in cls.__mro__:
        if base not in (typing.Protocol, typing.Generic, object):
            found.update(
                n
                for n in [*vars(base), *getattr(base, "__annotations__", {})]
                if not n.startswith("_")
            )
    return found


def _admits_generic(origin: Any, args: tuple[Any, ...], value: object) -> bool:
    if not isinstance(value, origin):
        return False
    if issubclass(origin, cabc.Mapping):
        assert isinstance(value, cabc.Mapping)
        key, item = args or (Any, Any)
        return all(admits(key, k) and admits(item, v) for k, v in value.items())
    if origin is tuple and args and args[-1] is not Ellipsis:
        assert isinstance(value, tuple)
        return len(value) == len(args) and all(map(admits, args, value))
    if isinstance(value, str | bytes):
        return not args or admits(args[0], value[:1] if isinstance(value, str) else 0)
    if isinstance(value, cabc.Collection) and args:
        return all(admits(args[0], part) for part in value)
    if hasattr(value, "read") and args:  # a file: an iterable of lines
        return admits(args[0], "")
    return True


# --- junk ------------------------------------------------------------------------------------

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


# --- one call ----------------------------------------------------------------------------------


class Slow(BaseException):
    """Raised into a call that runs past :data:`SLOW_SECONDS` (a BaseException, so that no
    ``except Exception`` in the library can swallow it)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise Slow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _fresh(value: object) -> object:
    """A copy of a valid example that a call may consume or change without harm."""
    if isinstance(value, io.StringIO):
        return io.StringIO(value.getvalue())
    if isinstance(value, io.BytesIO):
        return io.BytesIO(value.getvalue())
    if isinstance(value, list | dict | set):
        return copy.copy(value)
    mutable = type(value).__setattr__ is object.__setattr__ and hasattr(value, "__dict__")
    if mutable and not inspect.isclass(value) and not callable(value):
        return copy.deepcopy(value)
    return value


def invoke(
    target: Target, self: object, params: list[inspect.Parameter], args: dict[str, object]
) -> object:
    """Call ``target`` with ``args`` by parameter kind; iterators are drained."""
    positional: list[object] = [] if target.owner is None else [_fresh(self)]
    keywords: dict[str, object] = {}
    for parameter in params:
        if parameter.name not in args:
            continue
        value = _fresh(args[parameter.name])
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            assert isinstance(value, dict)
            keywords.update(value)
        elif parameter.kind in (
            inspect.Parameter.POSITIONAL_ONLY,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
        ):
            positional.append(value)
        else:
            keywords[parameter.name] = value
    with time_limit(SLOW_SECONDS):
        result = target.function(*positional, **keywords)
        if isinstance(result, cabc.Iterator):
            result = list(itertools.islice(result, 100_000))
        if not isinstance(result, SearchStrategy):  # lazy: its arguments meet the nouns' checks
            repr(result)  # when it draws; its repr is Hypothesis's

    return result


def outcome_of(error: BaseException | None) -> str:
    """The tally's name for how a call ended."""
    if error is None:
        return "answer"
    if isinstance(error, ValidationErrors):
        return "ValidationErrors"
    if isinstance(error, ValidationError):
        return "ValidationError"
    kind = type(error)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def problem(
    target: Target, name: str, annotation: Any, value: object, error: BaseException | None
) -> str | None:
    """What is wrong with a call that ended with ``error`` (``None``: an answer), if anything."""
    if error is None:
        return None
    if isinstance(error, ValidationErrors):
        return (
            next(filter(None, (_coded(e) for e in error.errors)), None)
            if error.errors
            else "an empty ValidationErrors"
        )
    if isinstance(error, ValidationError):
        return _coded(error)
    if (target.name, outcome_of(error)) in PENDING_FORMATS_LAYER:
        return None
    if isinstance(error, Slow):
        return f"ran longer than {SLOW_SECONDS} s"
    if isinstance(error, TypeError) and not admits(annotation, value):
        if name in str(error):
            return None
        return f"TypeError that does not name {name!r}: {error}"
    also = ALSO_ALLOWED.get(target.name)
    if also is not None and isinstance(error, also[0]):
        return None
    return f"{outcome_of(error)}: {_short(error)}"


def _coded(error: ValidationError) -> str | None:
    if error.code not in MESSAGES:
        return f"unregistered code {error.code!r}"
    for language in ("en", "ar"):
        if not isinstance(error.message(language), str):
            return f"no {language} message for {error.code!r}"
    str(error)
    repr(error)
    return None


def _short(error: BaseException) -> str:
    try:
        text = str(error)
    except Exception as inner:  # noqa: BLE001 - an error that cannot print is itself the finding
        text = f"<str() raised {type(inner).__name__}>"
    return text if len(text) <= 160 else text[:157] + "..."


# --- valid arguments ---------------------------------------------------------------------------

SELF = "self"


@attrs.define
class Figures:
    """What the sweep did, for the closing note of the issue."""

    targets: int = 0
    calls: int = 0
    answered_baseline: int = 0
    seconds: float = 0.0
    slowest: dict[str, float] = attrs.Factory(dict)
    outcomes: collections.Counter[str] = attrs.Factory(collections.Counter)
    problems: dict[str, list[str]] = attrs.Factory(dict)


FIGURES = Figures()


@pytest.fixture(scope="module", autouse=True)
def _write_figures() -> Iterator[None]:
    yield
    path = os.environ.get("ELECTORAL_SWEEP_TALLY")
    if path:
        data = attrs.asdict(FIGURES)
        data["outcomes"] = dict(FIGURES.outcomes.most_common())
        data["slowest"] = dict(sorted(FIGURES.slowest.items(), key=lambda item: -item[1])[:15])
        pathlib.Path(path).write_text(json.dumps(data, indent=1) + "\n")


class Sweep:
    """One target: its valid arguments, then junk in each parameter."""

    def __init__(self, target: Target, examples: Any) -> None:
        self.target = target
        self.params = parameters(target)
        self.plain = [p for p, _ in self.params]
        self.annotations = {p.name: annotation for p, annotation in self.params}
        self.pools: dict[str, list[object]] = {}
        if target.owner is not None:
            self.pools[SELF] = examples.of(target.owner)
        known = examples.fields(target.function) if inspect.isclass(target.function) else {}
        for parameter, annotation in self.params:
            if parameter.kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD):
                continue
            if parameter.name in known:
                self.pools[parameter.name] = [known[parameter.name]]
            else:
                self.pools[parameter.name] = examples.for_parameter(
                    target.name, parameter, annotation
                )
        self.args = {name: pool[0] for name, pool in self.pools.items()}
        self.problems: list[str] = []

    def call(self, args: dict[str, object]) -> BaseException | None:
        FIGURES.calls += 1
        try:
            invoke(self.target, args.get(SELF), self.plain, args)
        except Exception as error:  # noqa: BLE001 - judged by the caller
            return error
        except Slow as error:
            return error
        return None

    def baseline(self) -> bool:
        """Find valid arguments the target answers; ``False`` if none of the candidates do."""
        if self.call(self.args) is None:
            return True
        for name, pool in self.pools.items():
            for candidate in pool[1:]:
                trial = {**self.args, name: candidate}
                if self.call(trial) is None:
                    self.args = trial
                    return True
        error = self.call(self.args)
        FIGURES.outcomes[outcome_of(error)] += 1
        found = problem(self.target, "", Any, None, error)
        if found is not None:
            self.problems.append(f"valid arguments: {found}")
        return False

    def judge(
        self,
        parameter: inspect.Parameter,
        annotation: Any,
        value: object,
        error: BaseException | None,
    ) -> str | None:
        if parameter.kind is inspect.Parameter.VAR_KEYWORD and isinstance(error, TypeError):
            return None  # an unexpected keyword is a programmer's mistake
        try:
            return problem(self.target, parameter.name, annotation, value, error)
        except Exception as inner:  # noqa: BLE001 - an error that cannot print is a finding
            return f"{outcome_of(error)} that cannot print: {type(inner).__name__}: {inner}"

    def run(self) -> None:
        if self.baseline():
            FIGURES.answered_baseline += 1
        for parameter, annotation in self.params:
            if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
                continue
            if parameter.kind is inspect.Parameter.VAR_KEYWORD:
                junk: list[tuple[str, object]] = [("unexpected-keyword", {"junk": 1})]
            else:
                junk = junk_for(annotation, self.args.get(parameter.name))
            for label, value in junk:
                error = self.call({**self.args, parameter.name: value})
                FIGURES.outcomes[outcome_of(error)] += 1
                judged = self.judge(parameter, annotation, value, error)
                if judged is not None:
                    self.problems.append(f"{parameter.name}={label}: {judged}")


NO_EXAMPLE = """\
{name}: the sweep cannot build a valid argument ({error}). Add a builder for the type to
BY_TYPE in tests/sweep/conftest.py (or, for this target only, to BY_TARGET).
"""

ADVICE = """\
{name}: {count} call(s) ended badly. A call must return an answer that prints, raise a
ValidationError (or ValidationErrors) with a registered code, or, for an argument of a
Python type the annotation does not accept, raise a TypeError that names the parameter.
Fix the target. A crash in a file reader or writer that the formats layer (issue 9) is
taking over may be listed in PENDING_FORMATS_LAYER, one line per (target, exception).
"""


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_junk(target: Target, examples: Any) -> None:
    started = time.perf_counter()
    FIGURES.targets += 1
    try:
        sweep = Sweep(target, examples)
    except Exception as error:  # noqa: BLE001 - the conftest's NoExample, reported plainly
        pytest.fail(NO_EXAMPLE.format(name=target.name, error=error))
    try:
        sweep.run()
    finally:
        spent = time.perf_counter() - started
        FIGURES.seconds += spent
        FIGURES.slowest[target.name] = round(spent, 3)
    if sweep.problems:
        FIGURES.problems[target.name] = sweep.problems
    details = "\n".join(f"  {line}" for line in sweep.problems[:40])
    if sweep.problems:
        pytest.fail(ADVICE.format(name=target.name, count=len(sweep.problems)) + details)
