"""Our errors as Django's: keyed by field, each problem once, code and params kept."""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import translation
from django.utils.functional import lazy

from electoral.errors import (
    MESSAGES,
    InvalidType,
    Language,
    ValidationError,
    ValidationErrors,
    label,
)

__all__ = ["active_language", "django_error", "django_template"]

Errors = ValidationError | ValidationErrors | Iterable[ValidationError]


def active_language() -> Language:
    """The language of our messages for Django's active language: Arabic for any
    ``ar`` variant (``ar``, ``ar-ly``), English otherwise (and when translation is
    deactivated)."""
    current = translation.get_language()
    return "ar" if current and current.lower().startswith("ar") else "en"


def django_template(code: str, language: Language, *, field: str | None = None) -> str:
    """The message template of ``code`` in Django's ``%(name)s`` style.

    ``{name}`` becomes ``%(name)s`` and a literal ``%`` becomes ``%%``, so Django can
    fill it with the error's params (Django formats a message with ``%`` whenever
    it has params). With ``field``, the field's label is put in front, for a problem
    shown away from its field.

    >>> django_template("range", "en")
    '%(value)s must lie between %(min_value)s and %(max_value)s.'
    >>> django_template("seats.threshold_range", "en")
    'The threshold %(value)s must lie between 0 and 100%%.'
    >>> django_template("missing", "ar", field="national_id")
    'الرقم الوطني: هذا الحقل مطلوب.'
    """
    template: str = getattr(MESSAGES[code], language)
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(literal.replace("%", "%%"))
        if name is not None:
            parts.append(f"%({name})s")
    text = "".join(parts)
    if field:
        return label(field, language).replace("%", "%%") + ": " + text
    return text


def _active_template(code: str, field: str | None) -> str:
    return django_template(code, active_language(), field=field)


def _active_value(english: object, arabic: object) -> str:
    return str(arabic if active_language() == "ar" else english)


_lazy_template: Callable[..., str] = lazy(_active_template, str)
_lazy_value: Callable[..., str] = lazy(_active_value, str)


def _params(error: ValidationError) -> dict[str, Any]:
    """The error's params for Django: plain values, and a lazy text for a value that
    differs between the languages (a state's label)."""
    english = error.message_params("en")
    arabic = error.message_params("ar")
    params: dict[str, Any] = {
        name: value if arabic.get(name) == value else _lazy_value(value, arabic.get(name))
        for name, value in english.items()
    }
    for language in ("en", "ar"):
        template: str = getattr(MESSAGES[error.code], language)
        for _, name, _, _ in string.Formatter().parse(template):
            if name is not None and name not in params:
                params[name] = "{" + name + "}"  # as our own message shows a missing one
    return params


def _one(error: ValidationError, *, labelled_field: str | None = None) -> DjangoValidationError:
    return DjangoValidationError(
        _lazy_template(error.code, labelled_field), code=error.code, params=_params(error)
    )


def _flatten(errors: Errors, parameter: str) -> list[ValidationError]:
    if isinstance(errors, ValidationErrors):
        return list(errors.errors)
    if isinstance(errors, ValidationError):
        return [errors]
    if isinstance(errors, BaseException | str | bytes | Mapping):
        raise TypeError(
            f"{parameter} must be an electoral ValidationError, a ValidationErrors group or "
            f"an iterable of ValidationError, not {type(errors).__name__}"
        )
    found: list[ValidationError] = []
    for error in errors:
        item: object = error
        if isinstance(item, ValidationErrors):
            found.extend(item.errors)
        elif isinstance(item, ValidationError):
            found.append(item)
        else:
            raise TypeError(
                f"{parameter} must hold electoral ValidationError, not {type(item).__name__}"
            )
    return found


def django_error(
    errors: Errors,
    *,
    keyed: bool = True,
    fields: Mapping[str, str | None] | None = None,
    skip: Iterable[str] = (),
) -> DjangoValidationError:
    """Django's :class:`~django.core.exceptions.ValidationError` for our errors.

    Each problem appears once (the same code for the same field and value is not
    repeated), with its ``code`` and its ``params``
    (:meth:`~electoral.errors.ValidationError.message_params`); its message is the
    code's template in Django's ``%(name)s`` style, chosen in the language that is
    active when Django renders it (Arabic or English, :func:`active_language`).

    Args:
        errors: one error, a group, or an iterable of errors.
        keyed: ``True`` (the default) for a dict keyed by field, as a model's
            ``clean()`` or a form's ``clean()`` raises it; ``False`` for a plain list,
            as a field's validator raises it.
        fields: our field names mapped to the model's or form's (``{"center_id":
            "center"}``); a field mapped to ``None``, and a problem without a field,
            go under ``NON_FIELD_ERRORS`` with the field's label in front.
        skip: fields whose problems are left out (already reported by the field's
            own validation).

    Raises:
        TypeError: ``errors`` is not one of the above.
    """
    mapping = dict(fields or {})
    skipped = set(skip)
    seen: set[tuple[str | None, str, str]] = set()
    by_field: dict[str, list[DjangoValidationError]] = {}
    flat: list[DjangoValidationError] = []
    for error in _flatten(errors, "errors"):
        target = mapping.get(error.field, error.field) if error.field else None
        key = (target, error.code, error.message("en"))
        if key in seen or (target is not None and target in skipped):
            continue
        seen.add(key)
        if not keyed:
            flat.append(_one(error))
        elif target is None:
            labelled = error.field if error.field in mapping else None
            by_field.setdefault(NON_FIELD_ERRORS, []).append(_one(error, labelled_field=labelled))
        else:
            by_field.setdefault(target, []).append(_one(error))
    if not keyed:
        return DjangoValidationError(flat)
    return DjangoValidationError(by_field)


def type_error(value: object, field: str) -> DjangoValidationError:
    """A form or model field given a value of a type it cannot read (a list, bytes)."""
    return django_error(InvalidType(field=field, value=value), keyed=False)
