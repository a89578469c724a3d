"""Errors (أخطاء): every refusal the library makes, with a stable code.

One root, :class:`ElectoralError`. Every refusal of a value is a
:class:`ValidationError`, which is also a :class:`ValueError`, so a caller that
knows nothing of ``electoral`` still catches it. Each error carries:

* ``code``: a stable, dotted string (``"national_id.length"``) that never changes
  meaning once released; the consuming systems key their own texts on it;
* ``field``: the name of the field (or column) that was refused, when there is one;
* ``value``: the value that was refused, exactly as it was given;
* ``params``: the extra figures the message needs (limits, counts);
* a message in English (``str(error)``, :meth:`ValidationError.message`) and in Arabic
  (:meth:`ValidationError.message` with ``"ar"``). A message never names its field, so
  that it reads well under a form field; where problems are written one per line (the
  command line, a log), ``message(language, labelled=True)`` puts the field's label in
  front: ``"National ID: A National ID contains only digits."``.

Every code and its two texts live in one catalogue, :data:`MESSAGES`; a test proves
that every code has both languages. Raising an error with a code that is not in the
catalogue is a programming error and fails at once with :class:`KeyError`. Every field
the library names has a label in English and Arabic in :data:`LABELS`; a test proves
that none is missing.

A batch of problems (a CSV file, a result form, a dict given to the converter) is
raised together as :class:`ValidationErrors`, an :class:`ExceptionGroup` whose members
each carry the ``location`` of the problem (``"$.stations[3].registrants"``,
``"line 4"``). :class:`ErrorCollector` builds such a group and never half-applies.

The design follows python-stdnum's ``ValidationError(ValueError)`` tree
(``stdnum/exceptions.py``, arthurdejong/python-stdnum at commit ``006192e``),
votelib's errors with data attributes (``votelib/vote.py``, simberaj/votelib at
commit ``94af16c``) and cattrs' ``ExceptionGroup`` validation (``src/cattrs/errors.py``,
python-attrs/cattrs at commit ``82b02c0``).

>>> from electoral.ids import national_id
>>> try:
...     national_id.validate("12345")
... except ValidationError as error:
...     print(error.code, error.field, repr(error.value))
...     print(error.message("ar"))
...     print(error.message("en", labelled=True))
national_id.length national_id '12345'
الرقم الوطني يتكون من 12 رقمًا.
National ID: A National ID is a 12-digit number.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, Final, Literal, Self

__all__ = [
    "LABELS",
    "MESSAGES",
    "ElectoralError",
    "ErrorCollector",
    "InconsistentValue",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "InvalidType",
    "Label",
    "Language",
    "Message",
    "MissingValue",
    "OutOfRange",
    "ValidationError",
    "ValidationErrors",
    "label",
    "register_labels",
    "register_messages",
]

Language = Literal["en", "ar"]
"""A message language: ``"en"`` (English) or ``"ar"`` (Arabic)."""

_LANGUAGES: Final = ("en", "ar")


def _check_language(language: object) -> None:
    _language(language)  # enum.unknown for anything but "en" or "ar"


class Message:
    """The English and Arabic templates of one error code.

    Templates use :meth:`str.format` fields: ``{value}`` (the refused value, shown
    with ``repr()`` and shortened) and any key of the error's ``params``. A
    template never names its field, neither as ``{field}`` nor in words: the message
    is shown under the field it concerns (a form field, a column), and the field
    itself stays in :attr:`ValidationError.field`.
    """

    __slots__ = ("ar", "en")

    def __init__(self, en: str, ar: str) -> None:
        for name, text in (("en", en), ("ar", ar)):
            if not isinstance(text, str):
                raise TypeError(f"{name}: a message template is a str, not {type(text).__name__}")
        self.en = en
        self.ar = ar

    def __repr__(self) -> str:
        return f"Message(en={self.en!r}, ar={self.ar!r})"


MESSAGES: Final[dict[str, Message]] = {}
"""The catalogue: error code -> :class:`Message`. Filled by :func:`register_messages`.

:meta hide-value:
"""


def register_messages(messages: Mapping[str, tuple[str, str]]) -> None:
    """Add codes to the catalogue; a code may be registered only once.

    Each chapter of the library registers its own codes when it is imported: next to
    the rules that raise them, or, in a chapter whose names load when first used
    (:mod:`electoral.registration`, :mod:`electoral.results`, :mod:`electoral.seats`),
    all together in one private module the package imports, so the catalogue is
    complete as soon as the chapter is imported.

    >>> register_messages({"demo.code": ("A demo.", "مثال.")})
    >>> MESSAGES["demo.code"].en
    'A demo.'
    >>> del MESSAGES["demo.code"]
    """
    for code, (en, ar) in messages.items():
        if code in MESSAGES:
            raise KeyError(f"error code {code!r} is registered twice")
        MESSAGES[code] = Message(en, ar)


class Label:
    """The English and Arabic label of one field (``"National ID"``, ``"الرقم الوطني"``)."""

    __slots__ = ("ar", "en")

    def __init__(self, en: str, ar: str) -> None:
        for name, text in (("en", en), ("ar", ar)):
            if not isinstance(text, str):
                raise TypeError(f"{name}: a label is a str, not {type(text).__name__}")
        self.en = en
        self.ar = ar

    def __repr__(self) -> str:
        return f"Label(en={self.en!r}, ar={self.ar!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Label):
            return NotImplemented
        return (self.en, self.ar) == (other.en, other.ar)

    def __hash__(self) -> int:
        return hash((self.en, self.ar))


LABELS: Final[dict[str, Label]] = {}
"""The label table: field name -> :class:`Label`. Filled by :func:`register_labels`.

:meta hide-value:
"""


def register_labels(labels: Mapping[str, tuple[str, str]]) -> None:
    """Add field labels to :data:`LABELS`.

    Several chapters name the same field (``national_id``), so registering a field
    again with the same texts is allowed; with other texts it is a :class:`KeyError`,
    as two meanings of one field name would make a labelled message ambiguous.

    >>> register_labels({"demo_field": ("Demo field", "حقل تجريبي")})
    >>> label("demo_field", "ar")
    'حقل تجريبي'
    >>> del LABELS["demo_field"]
    """
    for field, (en, ar) in labels.items():
        new = Label(en, ar)
        old = LABELS.get(field)
        if old is not None and old != new:
            raise KeyError(f"field {field!r} already has the label {old!r}, not {new!r}")
        LABELS[field] = new


def label(field: str, language: Language = "en") -> str:
    """The label of ``field`` in ``language``, for a labelled message.

    An indexed field (``votes[3]``, ``votes['A']``) is labelled by its name, the
    index kept. A field without a label (a list's name given as the field, a
    service's own field) is shown as it is: a missing label never hides a message.
    The library's own fields all have labels (a test checks that).

    >>> label("national_id"), label("national_id", "ar")
    ('National ID', 'الرقم الوطني')
    >>> label("votes['A']")
    "Votes['A']"
    >>> label("Dawn")
    'Dawn'
    """
    _check_language(language)
    if not isinstance(field, str):
        raise TypeError(f"field must be a str, not {type(field).__name__}")
    found = LABELS.get(field)
    if found is None:
        name, bracket, index = field.partition("[")
        found = LABELS.get(name) if bracket else None
        if found is None:
            return field
        return f"{getattr(found, language)}[{index}"
    text: str = getattr(found, language)
    return text


_MISSING: Final = object()


class ElectoralError(Exception):
    """The root of every exception this library raises on purpose."""


class ValidationError(ValueError, ElectoralError):
    """A value was refused. Never raised itself; raise a subclass.

    Args:
        code: a key of :data:`MESSAGES`; defaults to the class's ``default_code``.
        field: the field, column or argument that was refused.
        value: the refused value, as given.
        location: where in a batch the problem is (set by :class:`ErrorCollector`).
        **params: figures the message template uses.
    """

    default_code: ClassVar[str] = "invalid"

    code: str
    field: str | None
    value: object
    params: dict[str, object]
    location: str | None

    def __init__(
        self,
        code: str | None = None,
        *,
        field: str | None = None,
        value: object = _MISSING,
        location: str | None = None,
        **params: object,
    ) -> None:
        self.code = code if code is not None else self.default_code
        if self.code not in MESSAGES:
            raise KeyError(f"error code {self.code!r} has no registered message")
        self.field = field
        self.value = None if value is _MISSING else value
        self.params = params
        self.location = location
        super().__init__(self.message("en"))

    def message(self, language: Language = "en", *, labelled: bool = False) -> str:
        """The message in English (``"en"``) or Arabic (``"ar"``).

        The message never names its field, so that it reads well under a form field.
        With ``labelled=True``, an error that has a field gets the field's label in
        front (``"Gender: A citizen is male or female."``), for a line that stands
        on its own: the command line, a log. See :func:`label`.
        """
        _check_language(language)
        template: str = getattr(MESSAGES[self.code], language)
        text = template.format_map(_Params(self.message_params(language)))
        if labelled and self.field:
            return f"{label(self.field, language)}: {text}"
        return text

    def message_params(self, language: Language = "en") -> dict[str, object]:
        """The values the message template of ``language`` is filled with.

        The error's :attr:`params` and ``value``: the refused value as the message
        shows it (its ``repr()``, shortened to 80 characters, an int of more than
        256 bits by its size). A subclass whose params need translating (a state's
        label) gives them in ``language`` here. These are the params a Django
        ``ValidationError`` gets (:mod:`electoral.contrib.django`).

        >>> OutOfRange(field="number", value=103, min_value=1, max_value=102).message_params()
        {'min_value': 1, 'max_value': 102, 'value': '103'}
        """
        _check_language(language)
        return {**self.params, "value": _show(self.value)}

    def at(self, location: str) -> Self:
        """Return this error with ``location`` prefixed to where it happened."""
        if not isinstance(location, str):
            raise TypeError(f"location: expected a str, got {type(location).__name__}")
        self.location = _join(location, self.location)
        return self

    def __str__(self) -> str:
        text = self.message("en")
        return f"{text} @ {self.location}" if self.location else text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code!r}, field={self.field!r}, "
            f"value={_show(self.value)}, location={self.location!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild,
            (type(self), self.code, self.field, self.value, self.location, self.params),
        )


def _language(language: object) -> Language:
    """``language`` if it is one the catalogue has, else ``enum.unknown``."""
    if language == "en" or language == "ar":
        return "en" if language == "en" else "ar"
    raise InvalidType("enum.unknown", field="language", value=language, choices="'en', 'ar'")


def _rebuild(
    cls: type[ValidationError],
    code: str,
    field: str | None,
    value: object,
    location: str | None,
    params: dict[str, object],
) -> ValidationError:
    return cls(code, field=field, value=value, location=location, **params)


def _show(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return f"<int of {value.bit_length()} bits>"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a refused value must never break its own error
        return f"<unprintable {type(value).__name__}>"
    return text if len(text) <= 80 else text[:77] + "..."


class _Params(dict[str, object]):
    """Template parameters; a missing one shows as its own ``{name}``, never a KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _join(outer: str, inner: str | None) -> str:
    if not inner:
        return outer
    if inner.startswith("["):
        return outer + inner
    if inner.startswith("$."):
        return f"{outer}.{inner[2:]}"
    return f"{outer}: {inner}"


class InvalidType(ValidationError):
    """The value is not of a type the field accepts (``None``, bytes, a float...)."""

    default_code = "type"


class InvalidFormat(ValidationError):
    """The value has characters or a shape the field does not accept."""

    default_code = "format"


class InvalidLength(InvalidFormat):
    """The value is too long or too short."""

    default_code = "length"


class InvalidChecksum(ValidationError):
    """A check digit does not match."""

    default_code = "checksum"


class InvalidComponent(ValidationError):
    """A part of the value has a meaning the rule refuses (a first digit, a prefix)."""

    default_code = "component"


class OutOfRange(ValidationError):
    """A number lies outside the range the rule allows."""

    default_code = "range"


class MissingValue(ValidationError):
    """A required value is absent or blank."""

    default_code = "missing"


class InconsistentValue(ValidationError):
    """Two or more fields are each valid but contradict each other."""

    default_code = "inconsistent"


class ValidationErrors(ExceptionGroup[ValidationError], ElectoralError):
    """Every problem found in one batch, raised together.

    Each member is a :class:`ValidationError` whose ``location`` says where the
    problem is. Nothing from the batch was applied.

    >>> group = ValidationErrors(
    ...     "2 problems in centres.csv",
    ...     [InvalidType(field="name", value=None, location="line 2"),
    ...      MissingValue(field="office_id", value="", location="line 5")],
    ... )
    >>> for line in group.describe():
    ...     print(line)
    type: None is not of an accepted type. @ line 2
    missing: This field is required. @ line 5
    >>> for line in group.describe("ar", labelled=True):
    ...     print(line)
    type: الاسم: نوع القيمة None غير مقبول. @ line 2
    missing: المكتب: هذا الحقل مطلوب. @ line 5
    """

    def __new__(cls, message: str, errors: Sequence[ValidationError]) -> Self:
        if not isinstance(message, str):
            raise TypeError(f"message: expected a str, got {type(message).__name__}")
        if not isinstance(errors, Sequence) or not all(
            isinstance(error, ValidationError) for error in errors
        ):
            raise TypeError("errors: expected a sequence of ValidationError")
        if not errors:
            raise MissingValue(field="errors", value=errors)
        return super().__new__(cls, message, list(errors))

    def derive(self, excs: Sequence[ValidationError]) -> ValidationErrors:  # type: ignore[override]
        return ValidationErrors(self.message, excs)

    @property
    def errors(self) -> tuple[ValidationError, ...]:
        """The problems, in the order they were found (nested groups flattened)."""
        found: list[ValidationError] = []
        for error in self.exceptions:
            if isinstance(error, ValidationErrors):
                found.extend(error.errors)
            elif isinstance(error, ValidationError):
                found.append(error)
        return tuple(found)

    @property
    def codes(self) -> tuple[str, ...]:
        """The code of each problem, in order."""
        return tuple(error.code for error in self.errors)

    def describe(self, language: Language = "en", *, labelled: bool = False) -> list[str]:
        """One line per problem: ``code: message @ location``.

        With ``labelled=True`` each message has its field's label in front
        (:meth:`ValidationError.message`).
        """
        lines = []
        for error in self.errors:
            where = f" @ {error.location}" if error.location else ""
            text = error.message(language, labelled=labelled)
            lines.append(f"{error.code}: {text}{where}")
        return lines


class ErrorCollector:
    """Gather the problems of a batch and raise them together.

    >>> collector = ErrorCollector("row")
    >>> for number, text in enumerate(["10001", "x", "123"], start=1):
    ...     with collector.at(f"line {number}"):
    ...         from electoral.ids import center_id
    ...         _ = center_id.validate(text)
    >>> len(collector)
    2
    >>> collector.raise_if_any()
    Traceback (most recent call last):
    ...
    electoral.errors.ValidationErrors: 2 problems in row (2 sub-exceptions)
    """

    def __init__(self, what: str) -> None:
        if not isinstance(what, str):
            raise TypeError(
                f"what: a description of the batch is a str, not {type(what).__name__}"
            )
        self.what = what
        self._errors: list[ValidationError] = []

    def add(self, error: ValidationError, location: str | None = None) -> None:
        """Record one problem, optionally at ``location``."""
        if not isinstance(error, ValidationError):
            raise TypeError(f"error: expected a ValidationError, got {type(error).__name__}")
        if location is not None and not isinstance(location, str):
            raise TypeError(f"location: expected a str or None, got {type(location).__name__}")
        self._errors.append(error.at(location) if location else error)

    def extend(self, errors: Iterable[ValidationError], location: str | None = None) -> None:
        """Record several problems (all of them, or none if one is not a ValidationError)."""
        given: object = errors
        if not isinstance(given, Iterable) or isinstance(given, str | bytes):
            raise TypeError(f"errors: expected ValidationErrors, got {type(given).__name__}")
        errors = list(errors)
        for error in errors:
            if not isinstance(error, ValidationError):
                raise TypeError(f"errors: expected ValidationErrors, got {type(error).__name__}")
        for error in errors:
            self.add(error, location)

    @contextlib.contextmanager
    def at(self, location: str | None = None) -> Iterator[None]:
        """Run a block; record (rather than raise) the validation errors it raises."""
        try:
            yield
        except ValidationErrors as group:
            self.extend(group.errors, location)
        except ValidationError as error:
            self.add(error, location)

    def __len__(self) -> int:
        return len(self._errors)

    def __bool__(self) -> bool:
        return bool(self._errors)

    @property
    def errors(self) -> tuple[ValidationError, ...]:
        """The problems recorded so far."""
        return tuple(self._errors)

    def raise_if_any(self) -> None:
        """Raise :class:`ValidationErrors` if any problem was recorded."""
        if self._errors:
            count = len(self._errors)
            noun = "problem" if count == 1 else "problems"
            raise ValidationErrors(f"{count} {noun} in {self.what}", self._errors)


register_messages(
    {
        "invalid": ("{value} is not valid.", "القيمة {value} غير صالحة."),
        "type": (
            "{value} is not of an accepted type.",
            "نوع القيمة {value} غير مقبول.",
        ),
        "format": (
            "{value} has an invalid format.",
            "صيغة القيمة {value} غير صالحة.",
        ),
        "length": (
            "{value} has an invalid length.",
            "طول القيمة {value} غير صالح.",
        ),
        "checksum": (
            "The check digit of {value} does not match.",
            "رقم التحقق في {value} غير مطابق.",
        ),
        "component": (
            "A part of {value} is not valid.",
            "جزء من القيمة {value} غير صالح.",
        ),
        "range": (
            "{value} must lie between {min_value} and {max_value}.",
            "يجب أن تكون القيمة {value} بين {min_value} و{max_value}.",
        ),
        "missing": ("This field is required.", "هذا الحقل مطلوب."),
        "inconsistent": (
            "{value} contradicts another field.",
            "القيمة {value} تتعارض مع حقل آخر.",
        ),
        "text.control": (
            "Text may not contain control, bidi or zero-width characters.",
            "لا يجوز أن يحتوي النص على محارف تحكم أو اتجاه أو محارف صفرية العرض.",
        ),
        "text.too_long": (
            "Text may be at most {max_length} characters long.",
            "يجب ألا يزيد طول النص عن {max_length} حرفًا.",
        ),
        "text.blank": ("This field may not be blank.", "لا يجوز ترك هذا الحقل فارغًا."),
        "text.newline": (
            "Text may not contain a line break.",
            "لا يجوز أن يحتوي النص على سطر جديد.",
        ),
        "code.unknown": (
            "{value} is not a known {system} code.",
            "القيمة {value} ليست رمزًا معروفًا في {system}.",
        ),
        "enum.unknown": (
            "{value} is not one of {choices}.",
            "القيمة {value} ليست من بين {choices}.",
        ),
    }
)


def _register_field_labels() -> None:
    from electoral._labels import FIELD_LABELS

    register_labels(FIELD_LABELS)


_register_field_labels()
