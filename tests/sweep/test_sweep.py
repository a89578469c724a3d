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
  accepts (a programmer's mistake, not data), a ``TypeError`` whose message begins with
  the parameter's name.
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
import inspect
import io
import itertools
import json
import os
import pathlib
import re
import signal
import time
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis.strategies import SearchStrategy

from electoral.errors import MESSAGES, InvalidType, OutOfRange, ValidationError, ValidationErrors
from electoral.model import MAX_COUNT

from .junk import junk_for
from .targets import TARGETS, Target, admits, discover, parameters

# --- what is swept ---------------------------------------------------------------------------

ALSO_ALLOWED: dict[str, tuple[tuple[type[BaseException], ...], str]] = {
    "electoral.testing.assert_codes": ((AssertionError,), "an assertion helper fails a test"),
    "electoral.testing.assert_roundtrip": (
        (AssertionError, TypeError),
        "an assertion helper fails a test; a value that is not a noun is a misuse",
    ),
}
"""Targets whose contract is to raise something else on a bad argument."""

PENDING_FORMATS_LAYER: dict[str, set[str]] = {}
"""Crashes left to the formats layer (issue 9): each reader or writer (and the records
and rules that live in their files) with the exceptions it still raises on junk, one line
per function. Empty since the formats layer landed; remove a line when its function is
fixed."""

SLOW_SECONDS = 10.0
"""A single call that runs longer than this is a finding: its cost is unbounded."""


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
    if outcome_of(error) in PENDING_FORMATS_LAYER.get(target.name, ()):
        return None
    if isinstance(error, Slow):
        return f"ran longer than {SLOW_SECONDS} s"
    if isinstance(error, OSError) and isinstance(value, pathlib.PurePath):
        return None  # a missing file or a directory: the system's answer, not a crash
    if isinstance(error, TypeError) and not admits(annotation, value):
        if re.match(rf"{re.escape(name)}\b", str(error)):
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

    def __init__(self, target: Target, examples: Any, figures: Figures = FIGURES) -> None:
        self.target = target
        self.figures = figures
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
        self.pending_seen: set[str] = set()

    def call(self, args: dict[str, object]) -> BaseException | None:
        self.figures.calls += 1
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
        self.figures.outcomes[outcome_of(error)] += 1
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
        if error is not None and outcome_of(error) in PENDING_FORMATS_LAYER.get(
            self.target.name, ()
        ):
            self.pending_seen.add(outcome_of(error))
            return None
        try:
            return problem(self.target, parameter.name, annotation, value, error)
        except Exception as inner:  # noqa: BLE001 - an error that cannot print is a finding
            return f"{outcome_of(error)} that cannot print: {type(inner).__name__}: {inner}"

    def run(self) -> None:
        if self.baseline():
            self.figures.answered_baseline += 1
        for parameter, annotation in self.params:
            if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
                continue
            if parameter.kind is inspect.Parameter.VAR_KEYWORD:
                junk: list[tuple[str, object]] = [("unexpected-keyword", {"junk": 1})]
            else:
                junk = junk_for(annotation, self.args.get(parameter.name))
            for label, value in junk:
                error = self.call({**self.args, parameter.name: value})
                self.figures.outcomes[outcome_of(error)] += 1
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
Python type the annotation does not accept, raise a TypeError whose message begins with
the parameter's name ("records: expected ...", "records must be ...").
Fix the target. A crash in a file reader or writer that the formats layer (issue 9) is
taking over may be listed in PENDING_FORMATS_LAYER, one line per function.
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
    stale = PENDING_FORMATS_LAYER.get(target.name, set()) - sweep.pending_seen
    if stale:
        sweep.problems.append(
            f"no longer raises {', '.join(sorted(stale))}: remove it from PENDING_FORMATS_LAYER"
        )
    if sweep.problems:
        FIGURES.problems[target.name] = sweep.problems
    details = "\n".join(f"  {line}" for line in sweep.problems[:40])
    if sweep.problems:
        pytest.fail(ADVICE.format(name=target.name, count=len(sweep.problems)) + details)


# --- the sweep itself can fail -----------------------------------------------------------------


def _crashes_inside(records: list[int]) -> int:
    return sum(record.bit_length() for record in records)  # a junk member: AttributeError


def _answers_what_cannot_print(count: int) -> int:
    return count + 1  # 10**5000 + 1 is accepted, then cannot be printed


def _names_no_parameter(text: str) -> int:
    if not isinstance(text, str):
        raise TypeError("expected text")
    return len(text)


def _keeps_the_promise(text: str, count: int) -> int:
    if not isinstance(text, str):
        raise TypeError(f"text: expected str, got {type(text).__name__}")
    if type(count) is not int:
        raise InvalidType(field="count", value=count)
    if not 0 <= count <= MAX_COUNT:
        raise OutOfRange(field="count", value=count, min_value=0, max_value=MAX_COUNT)
    return len(text) + count


@pytest.mark.parametrize(
    ("function", "found"),
    [
        (_crashes_inside, "records=member-None: AttributeError"),
        (_answers_what_cannot_print, "count=huge-int: ValueError"),
        (_names_no_parameter, "text=None: TypeError that does not name 'text'"),
        (_keeps_the_promise, None),
    ],
    ids=lambda value: getattr(value, "__name__", "found"),
)
def test_the_sweep_finds_what_breaks_the_promise(
    function: Any, found: str | None, examples: Any
) -> None:
    sweep = Sweep(Target(f"tests.sweep.{function.__name__}", function), examples, Figures())
    sweep.run()
    if found is None:
        assert sweep.problems == []
    else:
        assert any(line.startswith(found) for line in sweep.problems), sweep.problems


def test_a_new_public_name_joins_the_sweep(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exporting a name is enough: no registration anywhere."""
    import electoral.results as chapter

    monkeypatch.setattr(chapter, "a_new_rule", _keeps_the_promise, raising=False)
    monkeypatch.setattr(chapter, "__all__", [*chapter.__all__, "a_new_rule"])
    assert "electoral.results.a_new_rule" in {target.name for target in discover()}


def test_every_chapter_is_swept() -> None:
    chapters = {target.name.split(".")[1] for target in TARGETS}
    assert chapters >= {
        "adapters", "calendar", "candidates", "disputes", "districts", "errors", "formats", "ids",
        "law", "model", "partition", "registration", "results", "seats", "serialization",
        "synthetic", "testing",
    }  # fmt: skip


def test_every_pending_name_is_a_target() -> None:
    """A name the library no longer exports leaves PENDING_FORMATS_LAYER with it."""
    assert set(PENDING_FORMATS_LAYER) - {target.name for target in TARGETS} == set()


def test_every_record_checks_its_fields() -> None:
    """Every public attrs class validates (or converts) each field it takes, as the nouns
    do; only the records of the readers the formats layer is taking over wait."""
    unchecked = [
        f"{target.name}.{field.name}"
        for target in TARGETS
        if inspect.isclass(target.function)
        and attrs.has(target.function)
        and target.name not in PENDING_FORMATS_LAYER
        for field in attrs.fields(target.function)
        if field.init and field.validator is None and field.converter is None
    ]
    assert unchecked == []
