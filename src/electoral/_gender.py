"""Where :class:`~electoral.model.Gender` is defined, below both ``ids`` and ``model``.

:mod:`electoral.ids.national_id` reads a gender from the id's first digit, and the
nouns carry one; both import it from here, so neither chapter imports the other.
Users import it from :mod:`electoral.model`.
"""

from __future__ import annotations

import enum
from typing import Final

from electoral.errors import Language

__all__ = ["Gender"]


class Gender(enum.Enum):
    """Male, female, or (for stations and forms only) unisex."""

    MALE = "male"
    FEMALE = "female"
    UNISEX = "unisex"

    def label(self, language: Language = "en") -> str:
        """The label shown to people, in English or Arabic."""
        return _LABELS[self][language == "ar"]

    @property
    def is_person(self) -> bool:
        """Whether a citizen can have this gender (male or female)."""
        return self is not Gender.UNISEX

    @property
    def letter(self) -> str:
        """The one-letter abbreviation used in file names: ``m``, ``f``, ``u``."""
        return self.value[0]


_LABELS: Final = {
    Gender.MALE: ("Male", "ذكر"),
    Gender.FEMALE: ("Female", "أنثى"),
    Gender.UNISEX: ("Unisex", "الجنسين"),
}
