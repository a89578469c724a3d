"""Model fields for the identifiers, and a mixin that checks a whole noun in ``clean()``.

The identifier fields store the **compact** form: a national id typed as
``"١١٩ ٦٩٠ ٢٦١ ٩٣٥"`` is stored as ``"119690261935"``, a centre id as the ``int``
``11001``. Text identifiers are ``CharField``\\ s whose ``max_length`` defaults to
the identifier's longest compact form; centre ids and station numbers are
``IntegerField``\\ s.

What is checked where:

* ``full_clean()`` (which a ``ModelForm`` and the admin call) folds the typed value,
  then checks it with the identifier's rules, then the field's own validators
  (``max_length`` counts the compact form); every refusal carries the identifier's
  code and its message in the active language;
* ``save()`` without ``full_clean()`` still folds and checks every identifier field,
  so an identifier the library refuses is never stored: ``save()`` raises Django's
  ``ValidationError`` before it writes (the caller's transaction stays usable), and
  ``bulk_create()`` raises it while it writes (inside a transaction, which is then
  rolled back; wrap it in ``transaction.atomic()`` to carry on). Rules **across**
  fields (the gender against the national id) run only in ``clean()``, as Django's
  own cross-field rules do; and ``QuerySet.update()`` and raw SQL bypass every
  field, as they bypass Django's;
* lookups (``filter(national_id="١١٩٦٩٠٢٦١٩٣٥")``) fold the value they look for.

Usage::

    from django.db import models
    from electoral.contrib.django.models import CenterIdField, NationalIdField, NounModelMixin
    from electoral.model import Citizen as CitizenNoun

    class Citizen(NounModelMixin, models.Model):
        electoral_noun = CitizenNoun
        national_id = NationalIdField(unique=True)
        ...
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import attrs
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import signals

from electoral.contrib.django import forms as electoral_forms
from electoral.contrib.django._errors import django_error
from electoral.contrib.django._identifiers import IDENTIFIERS, Identifier
from electoral.errors import InconsistentValue, ValidationError, ValidationErrors

__all__ = [
    "BarcodeField",
    "CenterIdField",
    "FbrNumberField",
    "IdentifierField",
    "IntegerIdentifierField",
    "NationalIdField",
    "NounModelMixin",
    "PhoneNumberField",
    "StationNumberField",
    "TextIdentifierField",
]


class IdentifierField:
    """What the identifier model fields share, mixed in before a Django field.

    A subclass sets the identifier it holds; see :class:`TextIdentifierField` and
    :class:`IntegerIdentifierField` for the two kinds of column.
    """

    _identifier: ClassVar[Identifier]
    _form_class: ClassVar[type[electoral_forms.IdentifierFormField]]
    name: str
    attname: str
    empty_values: Any

    def to_python(self, value: Any) -> Any:
        """The compact form; Django's error (with our code) if the value is refused."""
        if value in self.empty_values:
            return value if value is not None else None
        return self._identifier.clean(value)

    def run_validators(self, value: Any) -> None:
        """The identifier's rules first, so that one problem is reported once; then
        the field's own validators (``max_length`` on the compact form)."""
        if value not in self.empty_values:
            self._identifier.clean(value)
        super().run_validators(value)  # type: ignore[misc]

    def contribute_to_class(
        self, cls: type[models.Model], name: str, *args: Any, **kwargs: Any
    ) -> None:
        """Add the field, and check its value whenever the model is saved."""
        super().contribute_to_class(cls, name, *args, **kwargs)  # type: ignore[misc]
        if not cls._meta.abstract:
            signals.pre_save.connect(self._check_before_save, sender=cls, weak=False)

    def _checked(self, instance: models.Model) -> Any:
        value = getattr(instance, self.attname)
        if value not in self.empty_values:
            try:
                value = self._identifier.clean(value)
            except DjangoValidationError as error:
                raise DjangoValidationError({self.name: error.error_list}) from error
            setattr(instance, self.attname, value)
        return value

    def _check_before_save(self, sender: Any, instance: models.Model, **kwargs: Any) -> None:
        # Django's pre_save signal is sent before the save's transaction work starts,
        # so a refusal here leaves the caller's transaction usable.
        if not kwargs.get("raw"):
            self._checked(instance)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        """Fold and check the value before it is written (``bulk_create()`` included)."""
        return self._checked(model_instance)

    def get_prep_value(self, value: Any) -> Any:
        """The value for the database or a lookup: folded when it can be read."""
        if isinstance(value, str | int) and not isinstance(value, bool):
            folded = self._identifier.compact_or_none(value)
            if folded is not None:
                value = int(folded) if self._identifier.integer and folded.isdigit() else folded
        return super().get_prep_value(value)  # type: ignore[misc]

    def formfield(self, **kwargs: Any) -> Any:
        """The identifier's form field (:mod:`electoral.contrib.django.forms`)."""
        kwargs.setdefault("form_class", self._form_class)
        return super().formfield(**kwargs)  # type: ignore[misc]


class TextIdentifierField(IdentifierField, models.CharField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", self._identifier.max_length)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs: Any) -> Any:
        # CharField.formfield passes max_length; our form field shows no maxlength.
        return super().formfield(**kwargs)


class IntegerIdentifierField(IdentifierField, models.IntegerField):
    def formfield(self, **kwargs: Any) -> Any:
        # IntegerField.formfield would pick forms.IntegerField (type="number"), which
        # refuses Arabic-Indic digits; ours is a text input that folds them.
        kwargs.setdefault("form_class", self._form_class)
        return models.Field.formfield(self, **kwargs)


class NationalIdField(TextIdentifierField):
    """A national id, stored as its 12 ASCII digits (``electoral.ids.national_id``)."""

    description = "Libyan national id (12 digits)"
    _identifier = IDENTIFIERS["national_id"]
    _form_class = electoral_forms.NationalIdField


class FbrNumberField(TextIdentifierField):
    """A family book number, stored compact (``electoral.ids.fbr``)."""

    description = "family book number"
    _identifier = IDENTIFIERS["fbr_number"]
    _form_class = electoral_forms.FbrNumberField


class BarcodeField(TextIdentifierField):
    """A result form barcode, stored as text with its leading zeros (``electoral.ids.barcode``)."""

    description = "result form barcode"
    _identifier = IDENTIFIERS["barcode"]
    _form_class = electoral_forms.BarcodeField


class PhoneNumberField(TextIdentifierField):
    """A phone number, stored as HNEC's canonical digits (``electoral.ids.phone``)."""

    description = "phone number"
    _identifier = IDENTIFIERS["phone_number"]
    _form_class = electoral_forms.PhoneNumberField


class CenterIdField(IntegerIdentifierField):
    """A centre id, stored as an ``int`` from 10000 to 99999 (``electoral.ids.center_id``)."""

    description = "centre id (5 digits)"
    _identifier = IDENTIFIERS["center_id"]
    _form_class = electoral_forms.CenterIdField


class StationNumberField(IntegerIdentifierField):
    """A station number, stored as an ``int`` from 1 to 102 (``electoral.ids.station_number``)."""

    description = "station number"
    _identifier = IDENTIFIERS["station_number"]
    _form_class = electoral_forms.StationNumberField


class NounModelMixin:
    """Check a whole noun of :mod:`electoral.model` in a Django model's ``clean()``.

    Set :attr:`electoral_noun` to the noun (``electoral.model.Citizen``). ``clean()``
    builds the noun from the model's fields (:meth:`electoral_data`) and reports each
    problem under its field, in the active language, with its code and params: the
    rules across fields (a national id's first digit against the gender, a copy
    centre's original) and every field rule of the noun.

    A problem on a field that has already failed its own validation is not reported
    again. As Django does not validate a field that ``full_clean(exclude=...)``
    excludes (a ``ModelForm`` excludes the fields it does not show and those that
    failed), a problem of such a field alone is left out; a contradiction between
    fields (:class:`~electoral.errors.InconsistentValue`) on it, or a problem on a
    field the model does not have, is reported as a non-field error with the
    field's label in front, never lost and never given to a field the form lacks.
    """

    electoral_noun: ClassVar[type[Any]]
    """The noun whose rules ``clean()`` applies."""

    electoral_fields: ClassVar[Mapping[str, str]] = {}
    """The noun's field names mapped to the model's, where they differ."""

    _electoral_exclude: set[str]
    _electoral_failed: set[str]

    def electoral_data(self) -> dict[str, Any]:
        """The noun's fields read from the model (a field the model lacks is left to
        the noun's default). Override to convert a value the model stores differently."""
        data: dict[str, Any] = {}
        for attribute in attrs.fields(self.electoral_noun):
            name = self.electoral_fields.get(attribute.name, attribute.name)
            if hasattr(self, name):
                data[attribute.name] = getattr(self, name)
        return data

    def electoral_value(self) -> Any:
        """The noun this model holds; raises our errors if it breaks a rule."""
        from electoral.serialization import structure

        return structure(self.electoral_data(), self.electoral_noun)

    def full_clean(self, exclude: Any = None, *args: Any, **kwargs: Any) -> None:
        """Django's ``full_clean()``, remembering which fields are excluded."""
        self._electoral_exclude = set(exclude or ())
        self._electoral_failed = set()
        try:
            super().full_clean(exclude, *args, **kwargs)  # type: ignore[misc]
        finally:
            del self._electoral_exclude, self._electoral_failed

    def clean_fields(self, exclude: Any = None) -> None:
        """Django's ``clean_fields()``, remembering which fields failed."""
        try:
            super().clean_fields(exclude)  # type: ignore[misc]
        except DjangoValidationError as error:
            if hasattr(self, "_electoral_failed") and hasattr(error, "error_dict"):
                self._electoral_failed.update(error.error_dict)
            raise

    def clean(self) -> None:
        """Django's ``clean()``, then every rule of :attr:`electoral_noun`."""
        super().clean()  # type: ignore[misc]
        try:
            self.electoral_value()
        except (ValidationError, ValidationErrors) as error:
            problem = self._electoral_problem(error)
            if problem is not None:
                raise problem from error

    def _electoral_problem(
        self, error: ValidationError | ValidationErrors
    ) -> DjangoValidationError | None:
        exclude: set[str] = getattr(self, "_electoral_exclude", set())
        failed: set[str] = getattr(self, "_electoral_failed", set())
        model_fields = {field.name for field in self._meta.concrete_fields}  # type: ignore[attr-defined]
        kept: list[ValidationError] = []
        fields: dict[str, str | None] = {}
        for one in _errors_of(error):
            name = self.electoral_fields.get(one.field, one.field) if one.field else None
            if name is not None:
                if name in failed:
                    continue  # the field's own validation reported it
                if name in exclude and not isinstance(one, InconsistentValue):
                    continue  # as Django does not validate an excluded field
                usable = name in model_fields and name not in exclude
                fields[one.field or ""] = name if usable else None
            kept.append(one)
        if not kept:
            return None
        return django_error(kept, fields=fields)


def _errors_of(error: ValidationError | ValidationErrors) -> tuple[ValidationError, ...]:
    return error.errors if isinstance(error, ValidationErrors) else (error,)
