"""Private attrs validators and converters that raise the library's typed errors.

attrs' own validators raise ``TypeError``; ours raise :mod:`electoral.errors` classes
with the field name and the refused value, so every constructor refuses bad input
the same way. They need no instance, so :mod:`electoral.serialization` can run
them field by field to report every problem of a record at once.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Final, TypeVar, cast

import attrs
import pendulum

from electoral._guard import MAX_COUNT
from electoral.errors import (
    InvalidFormat,
    InvalidType,
    MissingValue,
    OutOfRange,
    ValidationError,
    register_messages,
)

__all__ = [
    "TRIPOLI",
    "Validator",
    "assemble",
    "boolean",
    "changed",
    "coordinate",
    "date",
    "enum_member",
    "frozen_ints",
    "identifier",
    "instance",
    "integer",
    "moment",
    "optional",
    "text",
    "to_date",
    "to_decimal",
    "to_frozenset",
    "to_moment",
    "to_tuple",
]

TRIPOLI: Final = pendulum.timezone("Africa/Tripoli")

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

register_messages(
    {
        "time.naive": (
            "{value} has no time zone; give an aware time.",
            "الوقت {value} بلا منطقة زمنية؛ يجب تحديدها.",
        ),
        "time.out_of_range": (
            "{value} cannot be expressed in Libyan time.",
            "لا يمكن التعبير عن الوقت {value} بتوقيت ليبيا.",
        ),
        "coordinate.precision": (
            "{value} has more than {places} decimal places.",
            "القيمة {value} تتجاوز {places} منازل عشرية.",
        ),
    }
)

_BAD_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_DECIMAL_TEXT: Final = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def _schema(check: Validator, **schema: object) -> Validator:
    """Record, on ``check``, the JSON Schema keywords it enforces (``json_schema``)."""
    check.json_schema = {k: v for k, v in schema.items() if v is not None}  # type: ignore[attr-defined]
    return check


def integer(min_value: int | None = None, max_value: int | None = None) -> Validator:
    """An ``int`` (never a ``bool``) within the inclusive bounds given.

    An open bound stops at :data:`~electoral.model.MAX_COUNT` (code ``range.ceiling``).
    """

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not int:
            raise InvalidType(field=attribute.name, value=value)
        if not -MAX_COUNT <= value <= MAX_COUNT:
            raise OutOfRange("range.ceiling", field=attribute.name, value=value, maximum=MAX_COUNT)
        if (min_value is not None and value < min_value) or (
            max_value is not None and value > max_value
        ):
            raise OutOfRange(
                field=attribute.name,
                value=value,
                min_value="-∞" if min_value is None else min_value,
                max_value="∞" if max_value is None else max_value,
            )

    return _schema(check, minimum=min_value, maximum=max_value)


def identifier(module: Any) -> Validator:
    """Valid by an :mod:`electoral.ids` module and already in its compact form."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not str:
            raise InvalidType(field=attribute.name, value=value)
        try:
            compact = module.validate(value)
        except ValidationError as error:
            error.field = attribute.name
            raise
        if compact != value:
            raise InvalidFormat(field=attribute.name, value=value)

    return check


def text(*, max_length: int = 255, blank: bool = True, newlines: bool = False) -> Validator:
    """A ``str`` without control, bidi or zero-width characters.

    Names are displayed right to left beside numbers; an invisible direction mark
    can reorder what a clerk reads, so such text is refused, never stored.
    """

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not str:
            raise InvalidType(field=attribute.name, value=value)
        if len(value) > max_length:
            raise InvalidFormat(
                "text.too_long", field=attribute.name, value=value, max_length=max_length
            )
        if not value.isprintable():
            for char in value:
                if char in "\n\r" and not newlines:
                    raise InvalidFormat("text.newline", field=attribute.name, value=value)
                if char not in "\n\r" and unicodedata.category(char) in _BAD_CATEGORIES:
                    raise InvalidFormat("text.control", field=attribute.name, value=value)
        if not blank and not value.strip():
            raise MissingValue("text.blank", field=attribute.name, value=value)

    return _schema(check, maxLength=max_length, pattern=None if blank else r"\S")


def boolean(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Exactly ``True`` or ``False``."""
    if type(value) is not bool:
        raise InvalidType(field=attribute.name, value=value)


def enum_member(cls: type[E]) -> Validator:
    """A member of ``cls`` (not its value)."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise InvalidType(field=attribute.name, value=value)

    return check


def instance(cls: type) -> Validator:
    """An instance of ``cls``."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise InvalidType(field=attribute.name, value=value)

    return check


def optional(validator: Validator) -> Validator:
    """``None``, or what ``validator`` accepts."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return _schema(check, **getattr(validator, "json_schema", {}))


def frozen_ints(min_value: int, max_value: int) -> Validator:
    """A ``frozenset`` of ``int`` within bounds."""
    item = integer(min_value, max_value)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, frozenset):
            raise InvalidType(field=attribute.name, value=value)
        for element in value:
            item(instance, attribute, element)

    return _schema(check, items={"minimum": min_value, "maximum": max_value})


def to_frozenset(value: object) -> object:
    """Converter: any iterable but text and mappings becomes a ``frozenset``.

    Text and mappings are left as they are, for the validator to refuse: turning
    ``"abc"`` into its letters, or a mapping into its keys, would be a silent fix.
    """
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | frozenset | Mapping):
        try:
            return frozenset(value)
        except TypeError:  # unhashable members: left for the validator to refuse
            return value
    return value


def to_tuple(value: object) -> object:
    """Converter: any iterable but text and mappings becomes a ``tuple``.

    As for :func:`to_frozenset`, text and mappings are left for the validator.
    """
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | tuple | Mapping):
        return tuple(value)
    return value


def to_date(value: object) -> object:
    """Converter: a :class:`datetime.date` (not a datetime) becomes a :class:`pendulum.Date`."""
    if type(value) is dt.date:
        return pendulum.Date(value.year, value.month, value.day)
    return value


def date(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A calendar date (:class:`pendulum.Date`), not a datetime."""
    if isinstance(value, dt.datetime) or not isinstance(value, pendulum.Date):
        raise InvalidType(field=attribute.name, value=value)


_last_moment: tuple[object, object] = (None, None)
"""The last value :func:`to_moment` converted, and what it gave (held, so the value's
identity cannot be reused by another object while it is here)."""


def to_moment(value: object) -> object:
    """Converter: an aware :class:`datetime.datetime` becomes a pendulum time in Tripoli.

    A naive datetime is left as it is, so that :func:`moment` refuses it: guessing
    its zone would be a silent fix. Times are immutable, so the last one converted is
    remembered: a batch stamps every step with the same ``now``.
    """
    global _last_moment
    last = _last_moment
    if value is last[0]:
        return last[1]
    result = value
    if isinstance(value, dt.datetime) and value.utcoffset() is not None:
        if isinstance(value, pendulum.DateTime) and value.timezone_name == "Africa/Tripoli":
            result = value
        else:
            try:
                result = pendulum.instance(value).in_timezone(TRIPOLI)
            except (OverflowError, ValueError):  # beyond the calendar in Libyan time
                return value
        _last_moment = (value, result)
    return result


_last_checked: object = None
"""The last value :func:`moment` accepted (held: see :data:`_last_moment`)."""


def moment(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An aware :class:`pendulum.DateTime` (converted to Africa/Tripoli by :func:`to_moment`)."""
    global _last_checked
    if value is _last_checked:
        return
    if not isinstance(value, dt.datetime):
        raise InvalidType(field=attribute.name, value=value)
    if value.utcoffset() is None:
        raise InvalidType("time.naive", field=attribute.name, value=value)
    if not isinstance(value, pendulum.DateTime) or value.timezone_name != "Africa/Tripoli":
        raise OutOfRange("time.out_of_range", field=attribute.name, value=value)
    _last_checked = value


def coordinate(limit: int) -> Validator:
    """A :class:`~decimal.Decimal` in [-limit, limit] with at most 8 decimal places.

    SmartElect stores coordinates as decimals of 11 digits with 8 after the point
    (``register/models.py``); a float would already have lost that exactness.
    """

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Decimal) or not value.is_finite():
            raise InvalidType(field=attribute.name, value=value)
        if not -limit <= value <= limit:
            raise OutOfRange(field=attribute.name, value=value, min_value=-limit, max_value=limit)
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -8:
            raise InvalidFormat(
                "coordinate.precision", field=attribute.name, value=value, places=8
            )

    return check


def to_decimal(value: object) -> object:
    """Converter: ``int`` and ``str`` coordinates become :class:`~decimal.Decimal`."""
    if type(value) is int:
        return Decimal(value)
    if type(value) is str and _DECIMAL_TEXT.fullmatch(value):
        return Decimal(value)
    return value


class _Plan:
    """How :func:`changed` builds instances of one class (computed once per class)."""

    __slots__ = ("copy", "fields", "post_init", "setter", "setters", "spec")

    def __init__(self, cls: type) -> None:
        self.fields = tuple(a.name for a in attrs.fields(cls))
        self.spec = {a.name: (a, a.converter, a.validator) for a in attrs.fields(cls)}
        self.post_init = getattr(cls, "__attrs_post_init__", None)
        self.setter = setters(cls)
        self.setters = tuple(self.setter[name] for name in self.fields)
        self.copy = _copier(cls, self.fields, self.setters)


_PLANS: Final[dict[type, _Plan | None]] = {}
_new: Final = object.__new__
_put: Final = object.__setattr__
_SETTERS: Final[dict[type, dict[str, Callable[[object, object], None]]]] = {}


def setters(cls: type) -> dict[str, Callable[[object, object], None]]:
    """How to set each field of a new, not yet published, instance of ``cls``, by name.

    A slotted class's field is set through its slot (a frozen class refuses
    ``setattr``, and ``object.__setattr__`` looks the slot up at every call); a field
    of a class with a ``__dict__`` through ``object.__setattr__``.
    """
    try:
        return _SETTERS[cls]
    except KeyError:
        pass
    found: dict[str, Callable[[object, object], None]] = {}
    for attribute in attrs.fields(cls):
        slot = getattr(cls, attribute.name, None)
        if isinstance(slot, types.MemberDescriptorType):
            found[attribute.name] = slot.__set__
        else:
            found[attribute.name] = _putter(attribute.name)
    _SETTERS[cls] = found
    return found


def _copier(
    cls: type, names: tuple[str, ...], puts: tuple[Callable[[object, object], None], ...]
) -> Callable[[object], Any]:
    """A new instance of ``cls`` with every field of the given one (a shallow copy).

    Written out field by field, as attrs writes its ``__init__``: a record of 15
    fields is copied at every step of a form's life, and the loop would cost twice
    as much. The names are the class's own field names (identifiers).
    """
    space: dict[str, Any] = {"_new": _new, "_cls": cls}
    lines = ["def copy(inst):", "    new = _new(_cls)"]
    for index, (name, put) in enumerate(zip(names, puts, strict=True)):
        space[f"_put{index}"] = put
        lines.append(f"    _put{index}(new, inst.{name})")
    lines.append("    return new")
    exec(compile("\n".join(lines), f"<copy of {cls.__qualname__}>", "exec"), space)
    return cast(Callable[[object], Any], space["copy"])


def _putter(name: str) -> Callable[[object, object], None]:
    def put(inst: object, value: object) -> None:
        _put(inst, name, value)

    return put


def _parts(validator: object) -> Iterable[object]:
    inner = getattr(validator, "_validators", None)  # attrs' and_(...) of several
    return inner if isinstance(inner, tuple) else (validator,)


def _plan(cls: type) -> _Plan | None:
    """How to build ``cls`` field by field; ``None`` when a field's check is not local.

    A validator written as a method of the class (``@x.validator``) may read other
    fields, and an attrs ``Converter`` may read the instance: such classes are
    evolved by :func:`attrs.evolve`, which checks everything.
    """
    for attribute in attrs.fields(cls):
        converter = attribute.converter
        if (converter is not None and not callable(converter)) or isinstance(
            converter, attrs.Converter
        ):
            return None
        validator = attribute.validator
        for part in _parts(validator) if validator is not None else ():
            if getattr(part, "__qualname__", "").startswith(f"{cls.__qualname__}."):
                return None
    return _Plan(cls)


def assemble(cls: type[T], **values: Any) -> T:
    """An instance of the attrs class ``cls`` from ``values``, without converters or validators.

    Only for values the library has just made from records that were checked when they
    were built (a total of checked counts under the ceiling, a record it evolved): the
    checks would prove nothing and they are the larger part of the cost. Every field is
    given (a programming error otherwise).
    """
    fields = _fields_of(cls)
    if values.keys() != fields:
        raise TypeError(f"{cls.__name__}: assemble needs exactly the fields {sorted(fields)}")
    new = _new(cls)
    setter = setters(cls)
    for name, value in values.items():
        setter[name](new, value)
    return new


_FIELD_NAMES: Final[dict[type, frozenset[str]]] = {}


def _fields_of(cls: type) -> frozenset[str]:
    try:
        return _FIELD_NAMES[cls]
    except KeyError:
        names = _FIELD_NAMES[cls] = frozenset(a.name for a in attrs.fields(cls))
        return names


def changed(inst: T, **changes: Any) -> T:
    """:func:`attrs.evolve` that converts and validates only the fields that change.

    The other fields were converted and validated when ``inst`` was built, and the
    library's validators check one field and need nothing else of the instance, so
    checking them again proves nothing and costs a lot in the results life cycle
    (a record of 14 fields and 60 vote entries is evolved at every step). The
    class's ``__attrs_post_init__`` check, if any, runs on the new instance, as in
    ``__init__``. Classes with a validator written as a method fall back to
    :func:`attrs.evolve`.

    >>> from electoral.model import Ballot, Race
    >>> ballot = Ballot(number=117, race=Race(election_level="HoR", name="general"))
    >>> changed(ballot, number=118).number
    118
    >>> changed(ballot, number=-1)
    Traceback (most recent call last):
    ...
    electoral.errors.OutOfRange: -1 must lie between 0 and 32767.
    """
    return revised(inst, {}, **changes)


def revised(inst: T, made: Mapping[str, Any], /, **changes: Any) -> T:
    """``changed(inst, **made, **changes)``, where ``made`` holds parts the library made.

    The values in ``made`` are set as they are, like :func:`assemble`'s: only for
    values the library has just made from checked parts (a record it evolved, a
    tuple of entries it built and checked, a state read from a checked record), in
    their converted form. ``changes`` are converted and checked as in :func:`changed`,
    and the class's ``__attrs_post_init__`` check runs. A test holds the result equal
    to :func:`changed`'s.
    """
    plan = _plan_of(type(inst))
    if plan is None:
        return attrs.evolve(inst, **made, **changes)  # type: ignore[misc]
    new: T = plan.copy(inst)
    return _settle(plan, new, made, changes)


def settled(new: T, made: Mapping[str, Any], changes: Mapping[str, Any]) -> T:
    """The rest of :func:`revised` on ``new``, a copy just made and not yet handed out
    (by a :func:`replacer`): ``made`` set as it is, ``changes`` converted, set and
    checked, then the class's ``__attrs_post_init__`` check. ``new`` itself, completed.
    """
    plan = _plan_of(type(new))
    if plan is None:
        return attrs.evolve(new, **made, **changes)  # type: ignore[misc]
    return _settle(plan, new, made, changes)


def _plan_of(cls: type) -> _Plan | None:
    try:
        return _PLANS[cls]
    except KeyError:
        plan = _PLANS[cls] = _plan(cls)
        return plan


def _settle(plan: _Plan, new: T, made: Mapping[str, Any], changes: Mapping[str, Any]) -> T:
    spec = plan.spec
    setter = plan.setter
    try:
        for name, value in made.items():
            setter[name](new, value)
        for name, value in changes.items():
            converter = spec[name][1]
            setter[name](new, value if converter is None else converter(value))
    except KeyError:
        unknown = sorted((changes.keys() | made.keys()) - spec.keys())
        if unknown:
            raise TypeError(f"{type(new).__name__} has no field {unknown[0]!r}") from None
        raise  # from a converter: not a field's name
    if changes and not attrs.validators.get_disabled():
        for name in changes:
            attribute, _, validator = spec[name]
            if validator is not None:
                validator(new, attribute, getattr(new, name))
    if plan.post_init is not None:
        plan.post_init(new)
    return new


def builder(cls: type[T], *names: str) -> Callable[..., T]:
    """A fast :func:`assemble` for one class: the returned function takes the values of
    ``names``, in that order, and builds ``cls`` without converters or validators.

    The same contract as :func:`assemble` (only values just made from checked records),
    for the hot loops that build one small record per form: the field names are matched
    once, here, instead of at every call, and each value goes straight into its slot.
    ``names`` must be every field (a programming error otherwise); with no ``names``,
    the values come in the class's field order (an event at every step of a form's
    life is built this way).
    """
    if not names:
        names = tuple(a.name for a in attrs.fields(cast(Any, cls)))
    if len(names) != len(set(names)) or set(names) != _fields_of(cls):
        fields = sorted(_fields_of(cls))
        raise TypeError(f"{cls.__name__}: builder needs exactly the fields {fields}")
    slots = [getattr(cls, name, None) for name in names]
    setters: list[Callable[[object, object], None]]
    if all(isinstance(slot, types.MemberDescriptorType) for slot in slots):
        setters = [slot.__set__ for slot in slots if slot is not None]
    else:  # a class without slots
        setters = [functools.partial(_put_named, name) for name in names]
    # One line per field, as attrs writes its own __init__: a loop over the setters
    # costs twice as much for a record of ten fields.
    arguments = ", ".join(f"v{i}" for i in range(len(names)))
    lines = [f"def build({arguments}):", "    new = _new(cls)"]
    lines += [f"    put{i}(new, v{i})" for i in range(len(names))]
    lines.append("    return new")
    space: dict[str, Any] = {"_new": _new, "cls": cls}
    space.update((f"put{i}", setter) for i, setter in enumerate(setters))
    exec("\n".join(lines), space)  # the text is made here, of numbered names only
    build: Callable[..., T] = space["build"]
    return build


def _put_named(name: str, inst: object, value: object) -> None:
    _put(inst, name, value)


def replacer(cls: type[T], *names: str) -> Callable[..., T]:
    """A fast :func:`revised` for one class and fixed fields: the returned function takes
    an instance and the new values of ``names``, in that order, and returns a copy with
    those fields set as they are (the class's ``__attrs_post_init__`` check, if any, runs).

    The same contract as ``made`` in :func:`revised` (only values the library has just
    made from checked records): a form moved to the state a transition names is copied
    this way at every step of its life. One line per field, as :func:`builder` writes.
    """
    fields = tuple(a.name for a in attrs.fields(cast(Any, cls)))
    if not names or len(names) != len(set(names)) or not set(names) <= set(fields):
        raise TypeError(f"{cls.__name__}: replacer needs distinct fields of {list(fields)}")
    put = setters(cls)
    given = {name: f"v{i}" for i, name in enumerate(names)}
    space: dict[str, Any] = {"_new": _new, "cls": cls}
    lines = [f"def replace(inst, {', '.join(given.values())}):", "    new = _new(cls)"]
    for index, name in enumerate(fields):
        space[f"put{index}"] = put[name]
        lines.append(f"    put{index}(new, {given.get(name, f'inst.{name}')})")
    post_init = getattr(cls, "__attrs_post_init__", None)
    if post_init is not None:
        space["post_init"] = post_init
        lines.append("    post_init(new)")
    lines.append("    return new")
    # the text is made here, of the class's own field names (identifiers) only
    exec(compile("\n".join(lines), f"<replace in {cls.__qualname__}>", "exec"), space)
    replace: Callable[..., T] = space["replace"]
    return replace


def differ(cls: type) -> Callable[[Any, Any], tuple[tuple[str, Any], ...]]:
    """For one attrs class, a function ``(new, old)`` giving ``(name, new value)`` for each
    field whose value changed, in field order.

    A field is unchanged when its value is the same object or an equal one (identity
    first, as a copy shares its unchanged values). Written out field by field: an event
    at every step of a form's life lists what its record changed.
    """
    fields = tuple(a.name for a in attrs.fields(cast(Any, cls)))
    lines = ["def diff(new, old):", "    found = []", "    add = found.append"]
    for name in fields:
        lines += [
            f"    a = new.{name}",
            f"    b = old.{name}",
            "    if a is not b and a != b:",
            f"        add(({name!r}, a))",
        ]
    lines.append("    return tuple(found)")
    space: dict[str, Any] = {}
    # the text is made here, of the class's own field names (identifiers) only
    exec(compile("\n".join(lines), f"<diff of {cls.__qualname__}>", "exec"), space)
    return cast(Callable[[Any, Any], tuple[tuple[str, Any], ...]], space["diff"])
