"""Private: the guard on the public entry points of the chapters.

:func:`guarded` wraps a public function or method so that a bad argument gets the
library's answer instead of whatever the function's insides would raise:

* before the call, each argument is checked against its annotation, shallowly (the
  type of the value, not of its members): a value of the wrong type where a *scalar of
  data* is expected (text, a count, a flag, a choice: what a file, a form, an SMS or a
  JSON document carries) is :class:`~electoral.errors.InvalidType`; a wrong object
  anywhere else (a record, a setup, a state, a container, a time, a callable) is a
  ``TypeError`` whose message begins with the parameter's name. A count beyond
  :data:`~electoral.model.MAX_COUNT` is :class:`~electoral.errors.OutOfRange` with
  the code ``range.ceiling``, and a naive time is ``time.naive``;
* if the call still fails with a Python error (``AttributeError``, ``KeyError``,
  ``TypeError``...), the arguments are checked deeply (the members of collections,
  whether a time can be expressed in Libyan time); a bad member is reported the same
  way, naming the parameter. If every argument is good, the original error stands: it
  is a defect of the library, and the sweep in the test suite reports it. A
  ``TypeError`` the function raised on purpose (its message begins with a parameter's
  name) stands too.

The deep check runs only after a failure, so a call with good arguments costs a few
``isinstance`` checks more than the bare function.
"""

from __future__ import annotations

import collections.abc as cabc
import datetime as dt
import fractions
import functools
import inspect
import re
import sys
import types
import typing
import weakref
from collections.abc import Callable
from typing import Any, Final, ParamSpec, TypeVar

import attrs

from electoral.errors import InvalidType, OutOfRange, ValidationError, register_messages

__all__ = [
    "GUARDED",
    "MAX_COUNT",
    "MAX_YEAR",
    "MIN_YEAR",
    "TYPED_CHECKS",
    "beyond_ceiling",
    "check_fields",
    "field_error",
    "guarded",
    "resolve",
    "resolve_class",
    "typed_fields",
    "unchecked",
]

P = ParamSpec("P")
R = TypeVar("R")

MAX_COUNT: Final = 10**15
"""The largest count (and the largest magnitude of any integer) the library accepts.

A thousand million million: far above any station, district or country (Libya has
about seven million people, the world eight thousand million) and above every
identifier that travels as a number (a 13-digit phone number), yet below ``2**53``,
the largest integer a JSON reader that uses doubles (JavaScript) keeps exact. A larger
integer is refused with the code ``range.ceiling``, so nothing accepted can break
printing or JSON (Python refuses to print an integer of more than 4,300 digits).
"""

MIN_YEAR: Final = 1000
MAX_YEAR: Final = 9000
"""The years of the times a rule takes (``now``, ``as_of``): far from the calendar's edges
(years 1 and 9999), so that a rule's arithmetic (an age, a reminder a day ahead) cannot
run off them. A time outside is refused with ``time.years``."""

register_messages(
    {
        "time.years": (
            "{value} lies outside the years {minimum} to {maximum}.",
            "الوقت {value} خارج السنوات من {minimum} إلى {maximum}.",
        ),
        "range.ceiling": (
            "{value} is beyond ±{maximum}, the largest number the library accepts.",
            "القيمة {value} تتجاوز ±{maximum}، وهو أكبر عدد تقبله المكتبة.",
        ),
    }
)

GUARDED: Final[list[Callable[..., Any]]] = []
"""Every guarded function, so that a test can check that its annotations resolve."""

TYPED_CHECKS: Final[set[Callable[..., Any]]] = set()
"""The validators :func:`typed_fields` gives, so that a test can tell them from a rule's."""

_FIRST_WORD: Final = re.compile(r"\w+")
_CRASHES: Final = (AttributeError, LookupError, TypeError, ValueError, ArithmeticError)
_DATA: Final[frozenset[object]] = frozenset(
    {str, bytes, int, float, bool, fractions.Fraction, type(None)}
)

Check = Callable[[str, object], BaseException | None]
"""A parameter's check: the error to raise, or ``None``."""


@typing.overload
def guarded(function: Callable[P, R], /) -> Callable[P, R]: ...


@typing.overload
def guarded(*, own: tuple[str, ...]) -> Callable[[Callable[P, R]], Callable[P, R]]: ...


def guarded(
    function: Callable[P, R] | None = None, /, *, own: tuple[str, ...] = ()
) -> Callable[P, R] | Callable[[Callable[P, R]], Callable[P, R]]:
    """Guard a public entry point (see the module's docstring).

    ``own`` names the parameters the function checks itself, with its chapter's own
    codes (``seats.votes_type``): the guard checks them only after a failure.
    """
    if function is None:
        return lambda inner: _guard(inner, own)
    return _guard(function, own)


def _guard(function: Callable[P, R], own: tuple[str, ...]) -> Callable[P, R]:
    plan: list[_Plan] = []

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not plan:
            plan.append(_Plan(function, own))
        checks = plan[0]
        if kwargs or checks.indexed:  # else no argument given has a shallow check
            error = checks.shallow(args, kwargs)
            if error is not None:
                raise error
        try:
            return function(*args, **kwargs)
        except _CRASHES as crash:
            if isinstance(crash, ValidationError) or checks.names_a_parameter(crash):
                raise  # the library's own answer, not a crash
            found = checks.deep(args, kwargs)
            if found is None:
                raise
            raise found from crash

    GUARDED.append(wrapper)
    return wrapper


def resolve(function: Callable[..., Any]) -> dict[str, Any]:
    """The function's annotations, evaluated (names imported only for typing included).

    An annotation that cannot be subscripted at run time (``array[int]`` in Python
    3.11) is its bare class: its members are not checked.
    """
    try:
        return typing.get_type_hints(function)
    except (NameError, TypeError):
        pass
    inner = inspect.unwrap(function)
    space = _electoral_namespace()
    space.update(getattr(inner, "__globals__", {}))
    return _evaluate(inner.__annotations__, space)


def _evaluate(annotations: dict[str, Any], space: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, text in annotations.items():
        try:
            found[name] = eval(text, space) if isinstance(text, str) else text
        except TypeError:  # array[int]: the class at least (its members go unchecked)
            try:
                found[name] = eval(text.split("[", 1)[0], space)
            except (NameError, TypeError, SyntaxError):
                found[name] = Any
    return found


class _Plan:
    """The checks of one function's parameters, built at its first call."""

    def __init__(self, function: Callable[..., Any], own: tuple[str, ...] = ()) -> None:
        hints = resolve(function)
        parameters = inspect.signature(function).parameters.values()
        self.positional = tuple(
            p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        )
        self.annotations = {
            p.name: hints[p.name]
            for p in parameters
            if p.name in hints and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        }
        self.checks = {
            name: check
            for name, annotation in self.annotations.items()
            if name not in own and (check := _check(annotation)) is not None
        }
        self.indexed = tuple(
            (index, name, self.checks[name], _KINDS.get(self.checks[name]))
            for index, name in enumerate(self.positional)
            if name in self.checks
        )
        """``(position, name, check, kinds)`` of the positional parameters with a shallow
        check; ``kinds``, where not ``None``, are classes a value passes the check by being
        an instance of (and not a ``bool``), tested before the check is called."""
        self.named = {name: (check, _KINDS.get(check)) for name, check in self.checks.items()}
        """``(check, kinds)`` of each parameter with a shallow check, by name."""

    def names_a_parameter(self, error: BaseException) -> bool:
        """Whether ``error`` is a deliberate ``TypeError`` that begins with a parameter's name."""
        if type(error) is not TypeError:
            return False
        first = _FIRST_WORD.match(str(error))
        return first is not None and first.group(0) in self.annotations

    def shallow(self, args: tuple[object, ...], kwargs: dict[str, object]) -> BaseException | None:
        # An instance of the expected class passes without calling its check (a call
        # costs more than the test, and a public call of the life cycle has six
        # arguments); anything else goes to the check, which gives the error.
        given = len(args)
        for index, name, check, kinds in self.indexed:
            if index < given:
                value = args[index]
                if kinds is not None and isinstance(value, kinds) and type(value) is not bool:
                    continue
                if (error := check(name, value)) is not None:
                    return error
        named = self.named
        for name, value in kwargs.items():
            found = named.get(name)
            if found is None:
                continue
            check, kinds = found
            if kinds is not None and isinstance(value, kinds) and type(value) is not bool:
                continue
            if (error := check(name, value)) is not None:
                return error
        return None

    def deep(self, args: tuple[object, ...], kwargs: dict[str, object]) -> BaseException | None:
        pairs = [*zip(self.positional, args, strict=False), *kwargs.items()]
        for name, value in pairs:
            annotation = self.annotations.get(name)
            if annotation is not None:
                error = _deep(name, annotation, value, depth=0)
                if error is not None:
                    return error
        return None


# --- shallow checks -------------------------------------------------------------------------


def _is_data(annotation: Any) -> bool:
    """Whether an annotation describes a scalar of data: text, a number, a flag, a choice.

    Such a value comes from a file, a form, an SMS or a JSON document, so a value of the
    wrong type is data to refuse (``InvalidType``). Everything else (a library object, a
    container, a time, a callable) is what a programmer passes, and a wrong one is a
    ``TypeError``.
    """
    if isinstance(annotation, list):  # the parameters of a Callable
        return False
    if annotation in _DATA:
        return True
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return True
    if origin in (typing.Union, types.UnionType):
        return all(_is_data(arg) for arg in typing.get_args(annotation))
    return False


def _wrong(name: str, annotation: Any, value: object) -> BaseException:
    if _is_data(annotation):
        return InvalidType(field=name, value=value)
    return TypeError(f"{name}: expected {_describe(annotation)}, got {type(value).__name__}")


def _describe(annotation: Any) -> str:
    if inspect.isclass(annotation) and typing.get_origin(annotation) is None:
        return annotation.__name__
    return repr(annotation).replace("typing.", "").replace("collections.abc.", "")


def _is_wrong_type(error: BaseException) -> bool:
    """Whether a check's error says "wrong type" (rather than "right type, bad value")."""
    return type(error) is TypeError or (type(error) is InvalidType and error.code == "type")


def _int(name: str, value: object) -> BaseException | None:
    if not isinstance(value, int) or isinstance(value, bool):
        return InvalidType(field=name, value=value)
    if -MAX_COUNT <= value <= MAX_COUNT:
        return None
    return OutOfRange("range.ceiling", field=name, value=value, maximum=MAX_COUNT)


def _fraction(name: str, value: object) -> BaseException | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return _int(name, value)
    if not isinstance(value, fractions.Fraction):
        return InvalidType(field=name, value=value)
    if abs(value.numerator) <= MAX_COUNT and value.denominator <= MAX_COUNT:
        return None
    return OutOfRange("range.ceiling", field=name, value=value, maximum=MAX_COUNT)


_last_moment: list[object] = [None]
"""The last time :func:`_moment` accepted (times are immutable, and a batch passes one ``now``)."""


def _moment(name: str, value: object) -> BaseException | None:
    if value is _last_moment[0]:
        return None
    if not isinstance(value, dt.datetime):
        return TypeError(f"{name}: expected an aware datetime, got {type(value).__name__}")
    if value.utcoffset() is None:
        return InvalidType("time.naive", field=name, value=value)
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return OutOfRange(
            "time.years", field=name, value=value, minimum=MIN_YEAR, maximum=MAX_YEAR
        )
    _last_moment[0] = value
    return None


def _date(name: str, value: object) -> BaseException | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return None
    return TypeError(f"{name}: expected a date (not a datetime), got {type(value).__name__}")


def _float(name: str, value: object) -> BaseException | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return _int(name, value)
    return None if isinstance(value, float) else InvalidType(field=name, value=value)


def _members(annotation: Any, origin: type, member: Check | None) -> Check:
    """A collection of members: never text or a mapping, nor a file unless its lines may be
    members.

    ``"abc"`` is an iterable of one-letter strings, a mapping of its keys and a file of its
    lines; where a collection of records or numbers is expected, each is a mistake.
    """
    base = _instance(annotation, origin)
    lines = member is None or member("", "") is None

    def check(name: str, value: object) -> BaseException | None:
        error = base(name, value)
        if error is not None:
            return error
        if isinstance(value, str | bytes | bytearray | cabc.Mapping) or (
            not lines and hasattr(value, "read")
        ):
            return _wrong(name, annotation, value)
        return None

    return check


def _bool(name: str, value: object) -> BaseException | None:
    return None if type(value) is bool else InvalidType(field=name, value=value)


_KINDS: Final[weakref.WeakKeyDictionary[Check, tuple[type, ...]]] = weakref.WeakKeyDictionary()
"""The checks passed by exactly the instances of some classes that are not a ``bool``
(:func:`_instance` and unions of them), with those classes; read when a plan is made
(weak: an annotation that cannot be hashed is planned at each deep check)."""


def _instance(annotation: Any, kind: type | tuple[type, ...]) -> Check:
    data = _is_data(annotation)

    def check(name: str, value: object) -> BaseException | None:
        if isinstance(value, kind) and not isinstance(value, bool):
            return None
        if data:
            return InvalidType(field=name, value=value)
        return TypeError(f"{name}: expected {_describe(annotation)}, got {type(value).__name__}")

    _KINDS[check] = kind if isinstance(kind, tuple) else (kind,)
    return check


def _protocol(annotation: type) -> Check:
    members = _protocol_members(annotation)

    def check(name: str, value: object) -> BaseException | None:
        if all(hasattr(value, member) for member in members):
            return None
        return _wrong(name, annotation, value)

    return check


def _protocol_members(cls: type) -> frozenset[str]:
    found: set[str] = set()
    for base in cls.__mro__:
        if base in (typing.Protocol, typing.Generic, object):
            continue
        found.update(name for name in vars(base) if not name.startswith("_"))
        annotations = getattr(base, "__annotations__", {})
        found.update(name for name in annotations if not name.startswith("_"))
    return frozenset(found)


def _union(annotation: Any, checks: list[Check | None]) -> Check | None:
    if any(check is None for check in checks):
        return None
    members = [check for check in checks if check is not None]

    def check(name: str, value: object) -> BaseException | None:
        matched: BaseException | None = None
        for each in members:
            error = each(name, value)
            if error is None:
                return None
            if matched is None and not _is_wrong_type(error):
                matched = error
        return matched if matched is not None else _wrong(name, annotation, value)

    if all(each in _KINDS for each in members):  # passed by an instance of any member's
        _KINDS[check] = tuple(kind for each in members for kind in _KINDS[each])
    return check


_SIMPLE: Final[dict[object, Check]] = {
    int: _int,
    bool: _bool,
    fractions.Fraction: _fraction,
    dt.datetime: _moment,
    dt.date: _date,
}


def _check(annotation: Any) -> Check | None:
    """The shallow check of an annotation, or ``None`` where nothing can be checked."""
    if isinstance(annotation, typing.TypeVar):
        bound = annotation.__bound__
        return None if bound is None else _check(bound)
    if annotation in _SIMPLE:
        return _SIMPLE[annotation]
    if annotation is type(None):
        return _instance(annotation, type(None))
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return _union(annotation, [_check(arg) for arg in args])
    if annotation in (Any, object):
        return None
    if origin is typing.Literal:
        return None  # the function refuses an unknown choice with its own code
    if origin is type:
        return _predicate(annotation, inspect.isclass)
    if origin is cabc.Callable or annotation is cabc.Callable:
        return _predicate(annotation, callable)
    if annotation in (typing.TextIO, typing.IO) or origin is typing.IO:
        return _predicate(annotation, lambda value: hasattr(value, "read"))
    if origin is not None:
        if not inspect.isclass(origin):
            return None
        if issubclass(origin, cabc.Iterable) and not issubclass(origin, cabc.Mapping | tuple):
            return _members(annotation, origin, _check(args[0]) if args else None)
        return _instance(annotation, origin)
    if inspect.isclass(annotation):
        if getattr(annotation, "_is_protocol", False):
            return _protocol(annotation)
        if annotation is float:
            return _float
        if annotation is dt.datetime or issubclass(annotation, dt.datetime):
            return _moment
        return _instance(annotation, annotation)
    return None


def _predicate(annotation: Any, test: Callable[[object], bool]) -> Check:
    def check(name: str, value: object) -> BaseException | None:
        return None if test(value) else _wrong(name, annotation, value)

    return check


# --- deep checks, after a failure -------------------------------------------------------------


Deep = Callable[[str, object, int], BaseException | None]
"""An annotation's deep check: ``(name, value, depth)`` to the first problem, or ``None``."""

_DEEP: Final[dict[object, Deep]] = {}


def _deep(name: str, annotation: Any, value: object, depth: int) -> BaseException | None:
    """The first problem with ``value`` (and its members) under ``annotation``.

    The walk through the annotation is planned once per annotation (:func:`_plan_deep`)
    and kept: a record's fields are checked on every construction, and reading the same
    annotation again each time cost more than the checks themselves.
    """
    return _deep_plan(annotation)(name, value, depth)


def _deep_plan(annotation: Any) -> Deep:
    """The kept plan of ``annotation`` (see :func:`_deep`)."""
    try:
        return _DEEP[annotation]
    except KeyError:
        plan = _DEEP[annotation] = _plan_deep(annotation)
        return plan
    except TypeError:  # an annotation that cannot be hashed is planned each time
        return _plan_deep(annotation)


def _plan_deep(annotation: Any) -> Deep:
    """The deep check of ``annotation``, its members' checks planned in turn."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return _deep_union(annotation, args)
    if origin is typing.Literal:
        return _deep_literal(args)
    if annotation in (Any, object):

        def anything(name: str, value: object, depth: int) -> BaseException | None:
            # anything goes, but nothing that cannot print
            if depth > 20 or not beyond_ceiling(value, depth):
                return None
            return OutOfRange("range.ceiling", field=name, value=value, maximum=MAX_COUNT)

        return anything
    check = _check(annotation)
    members = _deep_members(annotation, origin, args)
    if check is not None and members is None and _never_moment(annotation, origin):
        # a record, a number, text: the shallow check is the whole check

        def shallow(name: str, value: object, depth: int) -> BaseException | None:
            return None if depth > 20 else check(name, value)

        return shallow

    def deep(name: str, value: object, depth: int) -> BaseException | None:
        if depth > 20:
            return None
        if check is not None:
            error = check(name, value)
            if error is not None:
                return error
        if isinstance(value, dt.datetime) and value.utcoffset() is not None:
            return _representable(name, value)
        return None if members is None else members(name, value, depth)

    return deep


def _never_moment(annotation: Any, origin: Any) -> bool:
    """Whether a value that passed the annotation's shallow check cannot be a datetime.

    It is then an instance of a class that is not :class:`datetime.datetime`, nor a
    subclass or a base of it (a protocol is matched by its members, so it may be one).
    """
    cls = annotation if origin is None else origin
    return (
        inspect.isclass(cls)
        and not getattr(cls, "_is_protocol", False)
        and not issubclass(cls, dt.datetime)
        and not issubclass(dt.datetime, cls)
    )


def _plain(annotation: Any) -> type | None:
    """The class, where the whole deep check of ``annotation`` is ``isinstance`` of it.

    A record class (not data, not a protocol, nothing a datetime or a bool could be):
    its fields were checked when it was built.
    """
    if (
        inspect.isclass(annotation)
        and typing.get_origin(annotation) is None
        and annotation not in _SIMPLE
        and annotation is not float
        and not _is_data(annotation)
        and not issubclass(bool, annotation)
        and _never_moment(annotation, None)
    ):
        return annotation
    return None


def _deep_union(annotation: Any, args: tuple[Any, ...]) -> Deep:
    check = _check(annotation)
    optional = type(None) in args
    plain = tuple(cls for cls in map(_plain, args) if cls is not None)

    def union(name: str, value: object, depth: int) -> BaseException | None:
        if depth > 20 or (value is None and optional) or (plain and isinstance(value, plain)):
            return None  # a member's whole check passed: no error to build for the others
        first: BaseException | None = None
        for arg in args:
            error = _deep(name, arg, value, depth)
            if error is None:
                return None
            if first is None:
                first = error
        shallow = check(name, value) if check is not None else None
        return shallow or first

    return union


def _deep_literal(args: tuple[Any, ...]) -> Deep:
    def literal(name: str, value: object, depth: int) -> BaseException | None:
        if depth > 20 or any(value == arg and type(value) is type(arg) for arg in args):
            return None
        choices = ", ".join(repr(arg) for arg in args)
        return InvalidType("enum.unknown", field=name, value=value, choices=choices)

    return literal


def _deep_members(annotation: Any, origin: Any, args: tuple[Any, ...]) -> Deep | None:
    """The check of a collection's members (after its own check passed), if it has any."""
    if origin is None or not args:
        return None
    fixed = origin is tuple and args[-1] is not Ellipsis
    first = args[0]
    plain = _plain(first)

    def sequence(name: str, value: object, depth: int) -> BaseException | None:
        if type(value) is not tuple and not isinstance(value, cabc.Collection):
            return None
        pairs: cabc.Iterable[tuple[Any, object]]
        if fixed:
            if not isinstance(value, tuple) or len(value) != len(args):
                return _wrong(name, annotation, value)
            pairs = zip(args, value, strict=True)
        elif isinstance(value, str | bytes):
            pairs = [(first, value[:1])]  # every member has the type of the first
        else:
            if plain is not None and depth < 20:
                for member in value:
                    if not isinstance(member, plain):
                        return _deep(name, first, member, depth + 1)
                return None
            for member in value:
                error = _deep(name, first, member, depth + 1)
                if error is not None:
                    return error
            return None
        for member_annotation, member in pairs:
            error = _deep(name, member_annotation, member, depth + 1)
            if error is not None:
                return error
        return None

    if len(args) != 2 or origin is tuple:  # a tuple that passed its check is no mapping
        return sequence
    key, item = args

    def mapping(name: str, value: object, depth: int) -> BaseException | None:
        if not isinstance(value, cabc.Mapping):
            return sequence(name, value, depth)
        for member_key, member in list(value.items()):
            error = _deep(name, key, member_key, depth + 1) or _deep(name, item, member, depth + 1)
            if error is not None:
                return error
        return None

    return mapping


def _representable(name: str, value: dt.datetime) -> BaseException | None:
    from electoral.model._validators import TRIPOLI

    try:
        value.astimezone(TRIPOLI)
    except (OverflowError, ValueError):
        return OutOfRange("time.out_of_range", field=name, value=value)
    return None


# --- records ----------------------------------------------------------------------------------


def typed_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """An attrs ``field_transformer``: every field without a validator checks its annotation.

    The check is the deep one (members of collections included, counts up to
    :data:`MAX_COUNT`, times aware); a refused value is
    :class:`~electoral.errors.InvalidType` (or ``OutOfRange``) naming the field, as the
    model's nouns refuse theirs. Fields with their own validator keep it alone.
    """
    hints: list[dict[str, Any]] = []

    def annotations() -> dict[str, Any]:
        if not hints:
            hints.append(resolve_class(cls))
        return hints[0]

    plans: dict[str, Deep | None] = {}

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        name = attribute.name
        try:
            plan = plans[name]
        except KeyError:
            annotation = annotations().get(name)
            plan = plans[name] = None if annotation is None else _deep_plan(annotation)
        if plan is not None and (error := plan(name, value, 0)) is not None:
            raise (
                error
                if isinstance(error, ValidationError)
                else InvalidType(field=name, value=value)
            )

    TYPED_CHECKS.add(check)
    return [
        field.evolve(validator=check) if field.validator is None and field.init else field
        for field in fields
    ]


def field_error(name: str, annotation: Any, value: object) -> ValidationError | None:
    """The deep check of one field: ``None``, or the error naming it (never a TypeError)."""
    if annotation is None:
        return None
    error = _deep(name, annotation, value, depth=0)
    if error is None or isinstance(error, ValidationError):
        return error
    return InvalidType(field=name, value=value)


def beyond_ceiling(value: object, depth: int = 0) -> bool:
    """Whether a number beyond :data:`MAX_COUNT` hides in ``value`` (or its members)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return not -MAX_COUNT <= value <= MAX_COUNT
    if isinstance(value, fractions.Fraction):
        return abs(value.numerator) > MAX_COUNT or value.denominator > MAX_COUNT
    if depth > 20:
        return False
    if isinstance(value, cabc.Mapping):
        return any(
            beyond_ceiling(k, depth + 1) or beyond_ceiling(v, depth + 1) for k, v in value.items()
        )
    if isinstance(value, tuple | list | set | frozenset):
        return any(beyond_ceiling(item, depth + 1) for item in value)
    return False


def check_fields(cls: type, values: cabc.Mapping[str, object]) -> None:
    """Check values against ``cls``'s annotations, as :func:`typed_fields` does for attrs.

    For the records that are named tuples (millions are read at once, so the library
    builds its own with ``_make``, which skips this; a caller's go through it).
    """
    hints = resolve_class(cls)
    for name, value in values.items():
        error = field_error(name, hints.get(name), value)
        if error is not None:
            raise error


T = TypeVar("T")


def unchecked(cls: type[T], **values: object) -> T:
    """An instance of the frozen attrs class ``cls`` built from the library's own values,
    as its constructor would build it but without running its field checks.

    Only for values the library has just made and checked (a validated register's
    records, the line numbers it counted): a national batch would otherwise check each
    of millions of members again. Every field must be given, and ``cls`` must have no
    converter nor ``__attrs_post_init__``.
    """
    names = [field.name for field in attrs.fields(cls)]  # type: ignore[arg-type]
    if sorted(names) != sorted(values):
        raise TypeError(f"values: {cls.__name__} has the fields {names}")
    instance = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(instance, name, value)
    return instance


def resolve_class(cls: type) -> dict[str, Any]:
    """A class's field annotations, evaluated like :func:`resolve`."""
    try:
        return typing.get_type_hints(cls)
    except (NameError, TypeError):
        pass
    space = _electoral_namespace()
    space.update(vars(sys.modules[cls.__module__]))
    found: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        found.update(_evaluate(vars(base).get("__annotations__", {}), space))
    return found


def _electoral_namespace() -> dict[str, Any]:
    space: dict[str, Any] = {}
    for name, module in list(sys.modules.items()):
        if name == "electoral" or name.startswith("electoral."):
            for key, value in vars(module).items():
                space.setdefault(key, value)
    return space
