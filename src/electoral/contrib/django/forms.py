"""Form fields for the identifiers: they accept what people type, clean to the compact form.

Each field accepts Arabic-Indic, Persian and other Unicode digits, spaces and dashes
(``"١١٩ ٦٩٠-٢٦١ ٩٣٥"``), folds them to the compact form **before** any other check,
so ``max_length`` counts the compact form, and refuses with the identifier's own
error code (``national_id.length``) in the active language. The widget is a plain
text input without a ``maxlength`` attribute, so a browser does not cut a spaced
id short, and without ``type="number"``, which would refuse Arabic-Indic digits.

Given a value that is not text (a list, bytes), a field answers with a form error
coded ``type``, never a server error; empty values follow Django's usual rules
(``required``, ``empty_value``).

In a form::

    class RegistrationForm(forms.Form):
        national_id = NationalIdField()
        center_id = CenterIdField(label="Centre")

    RegistrationForm({"national_id": "١١٩ ٦٩٠ ٢٦١ ٩٣٥", "center_id": "١١٠٠١"}).cleaned_data
    # {'national_id': '119690261935', 'center_id': 11001}
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from electoral.contrib.django._identifiers import IDENTIFIERS, Identifier

__all__ = [
    "BarcodeField",
    "CenterIdField",
    "FbrNumberField",
    "IdentifierFormField",
    "NationalIdField",
    "PhoneNumberField",
    "StationNumberField",
]


class IdentifierFormField(forms.CharField):
    """A text field for one identifier; see the module's description.

    Each subclass holds one identifier; ``max_length`` defaults to the
    identifier's longest compact form.
    """

    _identifier: ClassVar[Identifier]

    def __init__(self, **kwargs: Any) -> None:
        if not self._identifier.integer:
            kwargs.setdefault("max_length", self._identifier.max_length)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        """The compact form of the typed value (an ``int`` for centre ids and station
        numbers), or the field's empty value."""
        if value in self.empty_values:
            return self.empty_value if not self._identifier.integer else None
        if isinstance(value, str) and self.strip:
            value = value.strip()
            if value in self.empty_values:
                return self.empty_value if not self._identifier.integer else None
        return self._identifier.clean(value)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        """The widget's attributes, without ``maxlength``: people type spaces."""
        attrs: dict[str, Any] = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs.pop("minlength", None)
        return attrs


class NationalIdField(IdentifierFormField):
    """A national id (``electoral.ids.national_id``), cleaned to its 12 digits."""

    _identifier = IDENTIFIERS["national_id"]


class FbrNumberField(IdentifierFormField):
    """A family book number (``electoral.ids.fbr``), cleaned to its compact text."""

    _identifier = IDENTIFIERS["fbr_number"]


class CenterIdField(IdentifierFormField):
    """A centre id (``electoral.ids.center_id``), cleaned to an ``int``."""

    _identifier = IDENTIFIERS["center_id"]


class StationNumberField(IdentifierFormField):
    """A station number (``electoral.ids.station_number``), cleaned to an ``int``."""

    _identifier = IDENTIFIERS["station_number"]


class BarcodeField(IdentifierFormField):
    """A result form barcode (``electoral.ids.barcode``), kept as text with its zeros."""

    _identifier = IDENTIFIERS["barcode"]


class PhoneNumberField(IdentifierFormField):
    """A phone number (``electoral.ids.phone``), cleaned to HNEC's canonical digits."""

    _identifier = IDENTIFIERS["phone_number"]
