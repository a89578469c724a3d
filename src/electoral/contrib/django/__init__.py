"""Django integration (``pip install "electoral[django]"``): fields, validators, errors.

Both services that use ``electoral`` are Django applications. This package lets them
use the library's rules without copying them:

* **errors**: :func:`django_error` turns our errors (one, a group, or a list) into
  Django's ``ValidationError``, keyed by field, each problem once, with its ``code``
  and ``params``, its message in the active Django language (Arabic or English);
* **validators** for any model or form field (an existing ``BigIntegerField``
  national id column, say): :func:`validate_national_id` and one per identifier;
* **form fields** (:mod:`electoral.contrib.django.forms`) and **model fields**
  (:mod:`electoral.contrib.django.models`) for each identifier, which accept what
  people type (Arabic-Indic digits, spaces, dashes), clean it to the compact form
  before any other check, and store the compact form;
* :class:`~electoral.contrib.django.models.NounModelMixin`, which checks a whole noun
  in a model's ``clean()`` and reports each problem under its field.

Importing ``electoral`` never imports Django; only this package does.
"""

from __future__ import annotations

from electoral.contrib.django._errors import active_language, django_error, django_template
from electoral.contrib.django._identifiers import IDENTIFIERS

__all__ = [
    "active_language",
    "django_error",
    "django_template",
    "validate_barcode",
    "validate_center_id",
    "validate_fbr_number",
    "validate_national_id",
    "validate_phone_number",
    "validate_station_number",
]


def validate_national_id(value: object) -> None:
    """Refuse a national id the library refuses (Django's error, code ``national_id.*``).

    Accepts the typed forms the library accepts (``"١١٩ ٦٩٠ ٢٦١ ٩٣٥"``, an ``int``).
    A validator cannot change the stored value; the model and form fields of
    :mod:`electoral.contrib.django.models` and :mod:`~electoral.contrib.django.forms`
    also store the compact form.
    """
    IDENTIFIERS["national_id"].check(value)


def validate_fbr_number(value: object) -> None:
    """Refuse a family book number the library refuses (code ``fbr.*``)."""
    IDENTIFIERS["fbr_number"].check(value)


def validate_center_id(value: object) -> None:
    """Refuse a centre id the library refuses (code ``center_id.*``)."""
    IDENTIFIERS["center_id"].check(value)


def validate_station_number(value: object) -> None:
    """Refuse a station number the library refuses (code ``range``, ``station_number.*``)."""
    IDENTIFIERS["station_number"].check(value)


def validate_barcode(value: object) -> None:
    """Refuse a result form barcode the library refuses (code ``barcode.*``)."""
    IDENTIFIERS["barcode"].check(value)


def validate_phone_number(value: object) -> None:
    """Refuse a phone number the library refuses (code ``phone.*``)."""
    IDENTIFIERS["phone_number"].check(value)
