"""What the sweep calls: every public callable of the library, found from ``__all__``.

Every function and class in the ``__all__`` of every public module under
:mod:`electoral` (no part of its dotted name private), and every public method of
those classes, is a target. Nothing is registered by hand: a new chapter joins when
it is imported, and leaves only through :data:`SKIPPED_MODULES` or
:data:`SKIPPED_TARGETS`, each with its reason. Exceptions and protocols are not
called; enums are called only through their methods.

:func:`admits` is the sweep's own reading of an annotation: whether a value's Python
type is one the parameter accepts. A ``TypeError`` is a fair answer only to a value it
does not admit.
"""

from __future__ import annotations

import collections.abc as cabc
import datetime as dt
import enum
import fractions
import importlib
import inspect
import pkgutil
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pendulum

import electoral
from electoral._guard import resolve, resolve_class

SKIPPED_MODULES: dict[str, str] = {
    "electoral.cli": "the command line reads and writes files and ends the process; "
    "tests/test_cli.py covers its exit codes and messages",
    "electoral.testing.pytest_plugin": "pytest fixtures: only pytest may call them",
    "electoral.contrib.django": "Django's own classes (model and form fields take Django's "
    "arguments) and validators that need configured Django settings; tests/django_project "
    "runs them under a settings module, and the identifier checks they wrap are swept "
    "under electoral.ids",
}
"""Public modules (and the modules under them) the sweep leaves out, with the reason."""

SKIPPED_TARGETS: dict[str, str] = {
    "electoral.errors.register_messages": "changes the process-wide catalogue (test_errors.py)",
    "electoral.errors.register_labels": "changes the process-wide labels (test_errors.py)",
}
"""Public callables the sweep leaves out, with the reason."""


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
        if any(module.__name__ == name or module.__name__.startswith(name + ".")
               for name in SKIPPED_MODULES):  # fmt: skip
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
    if annotation is dt.date or annotation is pendulum.Date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
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
    if isinstance(value, str | bytes | cabc.Mapping):  # letters, bytes, keys: never members
        return False
    if isinstance(value, cabc.Collection) and args:
        return all(admits(args[0], part) for part in value)
    if hasattr(value, "read") and args:  # a file: an iterable of lines
        return admits(args[0], "")
    return True
