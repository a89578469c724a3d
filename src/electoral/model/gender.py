"""Gender (الجنس) of a citizen, a polling station or a result form.

Citizens are male or female; a polling station (and so its result forms) may also
be unisex, serving both. The two HNEC systems code these differently (registration
1/2/3, results 0/1/3, with no 2); :mod:`electoral.adapters` converts, and no integer
leaks into the core.

Sources: SmartElect ``libya_elections/constants.py`` and its Arabic catalogue;
Tally-Ho ``tally_ho/libs/models/enums/gender.py``
(``../shared/design/domain-registration.md`` §2.2, ``domain-results.md`` §1.1).

>>> Gender.FEMALE.label("ar")
'أنثى'
>>> Gender("unisex").is_person
False
"""

from __future__ import annotations

import enum
from typing import Final

from electoral._guard import guarded
from electoral.errors import Language

__all__ = ["Gender"]


class Gender(enum.Enum):
    """Male, female, or (for stations and forms only) unisex."""

    MALE = "male"
    FEMALE = "female"
    UNISEX = "unisex"

    @guarded
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
