"""What each identifier needs in Django: its module, its Python type, its field name."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any, Final

from electoral.contrib.django._errors import django_error, type_error
from electoral.errors import ValidationError
from electoral.ids import barcode, center_id, fbr, national_id, phone, station_number

__all__ = ["IDENTIFIERS", "Identifier"]


class Identifier:
    """One identifier module, as the Django fields and validators use it."""

    def __init__(self, module: ModuleType, field: str, *, integer: bool, max_length: int) -> None:
        self.module = module
        self.field = field
        self.integer = integer
        self.max_length = max_length
        self.validate: Callable[[Any], str] = module.validate
        self.compact: Callable[[Any], str] = module.compact

    def clean(self, value: object) -> str | int:
        """The compact (stored) form of a value as typed; Django's error if refused."""
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise type_error(value, self.field)
        try:
            text = self.validate(value)
        except ValidationError as error:
            raise django_error(error, keyed=False) from error
        return int(text) if self.integer else text

    def compact_or_none(self, value: object) -> str | None:
        """The folded text of a value as typed, or ``None`` if it cannot be read."""
        if isinstance(value, bool) or not isinstance(value, str | int):
            return None
        try:
            return self.compact(value)
        except ValidationError:
            return None

    def check(self, value: object) -> None:
        """A Django validator: refuse what the identifier's ``validate`` refuses."""
        self.clean(value)


IDENTIFIERS: Final = {
    "national_id": Identifier(
        national_id, "national_id", integer=False, max_length=national_id.LENGTH
    ),
    "fbr_number": Identifier(fbr, "fbr_number", integer=False, max_length=fbr.MAX_LENGTH),
    "center_id": Identifier(center_id, "center_id", integer=True, max_length=center_id.LENGTH),
    "station_number": Identifier(station_number, "station_number", integer=True, max_length=3),
    "barcode": Identifier(barcode, "barcode", integer=False, max_length=barcode.MAX_LENGTH),
    "phone_number": Identifier(phone, "phone", integer=False, max_length=phone.MAX_LENGTH),
}
"""The identifiers, by the name their Django fields and validators carry."""
