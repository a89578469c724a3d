"""Geography (الجغرافيا): regions, offices, constituencies and sub-constituencies.

Every centre records its office, constituency and sub-constituency **separately**:
they are three independent "named things", not a hierarchy, and an office's area
need not match constituency boundaries, so totals must be added up along one
dimension at a time (SmartElect ``docs/app/introduction.rst``). An office belongs
to a region (West, South, East). Id 999 is the "none" placeholder for all three,
and sub-constituency 998 is the virtual one every split centre must use.

Sources: SmartElect ``register/models.py``, ``libya_elections/constants.py``,
``register/migrations/0003_fixtures.py`` (SmartElect/SmartElect at commit ``d6d35f2``); Tally-Ho
``tally_ho/apps/tally/models/sub_constituency.py`` and ``office.py`` in the same
folder (onaio/tally-ho at commit ``acbe4f4``).

>>> tripoli = Office(id=1, name_en="Tripoli Centre", name_ar="طرابلس المركز", region=Region.WEST)
>>> tripoli.region.label("ar")
'الغرب'
>>> SPLIT_SUBCONSTITUENCY.id, NO_OFFICE.is_placeholder
(998, True)
>>> Office(id=0, name_en="x", name_ar="س", region=Region.WEST)
Traceback (most recent call last):
...
electoral.errors.OutOfRange: 0 must lie between 1 and 32767.
"""

from __future__ import annotations

import enum
from typing import Final

import attrs

from electoral._guard import guarded
from electoral.errors import Language
from electoral.model import _validators as v

__all__ = [
    "NO_CONSTITUENCY",
    "NO_NAMED_THING",
    "NO_OFFICE",
    "NO_SUBCONSTITUENCY",
    "SPLIT_SUBCONSTITUENCY",
    "SPLIT_SUBCONSTITUENCY_ID",
    "Constituency",
    "Office",
    "Region",
    "SubConstituency",
]

NO_NAMED_THING: Final = 999
"""Id of the "no office / constituency / sub-constituency" placeholder (``NO_NAMEDTHING``)."""
SPLIT_SUBCONSTITUENCY_ID: Final = 998
"""Id of the virtual sub-constituency of split centres."""

_MAX_ID: Final = 32_767
_NAME: Final = v.text(max_length=255, blank=False)
_SUBCONSTITUENCY_NAME: Final = v.text(max_length=255)
"""A sub-constituency's name may be blank: the results system allows one without a name."""


class Region(enum.Enum):
    """The region of an office: none, West, South or East."""

    NONE = "none"
    WEST = "west"
    SOUTH = "south"
    EAST = "east"

    @guarded
    def label(self, language: Language = "en") -> str:
        """The region's name in English or Arabic."""
        return _REGION_LABELS[self][language == "ar"]


_REGION_LABELS: Final = {
    Region.NONE: ("No Region", "بلا منطقة"),
    Region.WEST: ("West", "الغرب"),
    Region.SOUTH: ("South", "الجنوب"),
    Region.EAST: ("East", "الشرق"),
}


@attrs.frozen(kw_only=True)
class Office:
    """An HNEC field office (مكتب الإدارة الانتخابية), in one region.

    Attributes:
        id: the office number, as HNEC assigns it (999 is "no office").
        name_en: the English name (1 to 255 characters).
        name_ar: the Arabic name (1 to 255 characters).
        region: the region the office belongs to.
    """

    id: int = attrs.field(validator=v.integer(1, _MAX_ID))
    name_en: str = attrs.field(validator=_NAME)
    name_ar: str = attrs.field(validator=_NAME)
    region: Region = attrs.field(default=Region.NONE, validator=v.enum_member(Region))

    @property
    def is_placeholder(self) -> bool:
        """Whether this is the 999 "no office" placeholder."""
        return self.id == NO_NAMED_THING

    @guarded
    def name(self, language: Language = "en") -> str:
        """The name in the language asked for."""
        return self.name_ar if language == "ar" else self.name_en


@attrs.frozen(kw_only=True)
class Constituency:
    """An electoral constituency (دائرة انتخابية); 999 is "no constituency".

    Attributes:
        id: the constituency number.
        name_en: the English name.
        name_ar: the Arabic name.
    """

    id: int = attrs.field(validator=v.integer(1, _MAX_ID))
    name_en: str = attrs.field(validator=_NAME)
    name_ar: str = attrs.field(validator=_NAME)

    @property
    def is_placeholder(self) -> bool:
        """Whether this is the 999 "no constituency" placeholder."""
        return self.id == NO_NAMED_THING

    @guarded
    def name(self, language: Language = "en") -> str:
        """The name in the language asked for."""
        return self.name_ar if language == "ar" else self.name_en


@attrs.frozen(kw_only=True)
class SubConstituency:
    """A sub-constituency (دائرة فرعية): every centre in it has the same ballots.

    Attributes:
        id: the sub-constituency number (999 "none", 998 "split centres").
        name_en: the English name (may be blank: the results system allows a
            sub-constituency without a name, Tally-Ho ``models/sub_constituency.py``).
        name_ar: the Arabic name (may be blank, likewise).
        constituency_id: the constituency it lies in, where the results system
            records one; the registration system does not.
    """

    id: int = attrs.field(validator=v.integer(1, _MAX_ID))
    name_en: str = attrs.field(validator=_SUBCONSTITUENCY_NAME)
    name_ar: str = attrs.field(validator=_SUBCONSTITUENCY_NAME)
    constituency_id: int | None = attrs.field(
        default=None, validator=v.optional(v.integer(1, _MAX_ID))
    )

    @property
    def is_placeholder(self) -> bool:
        """Whether this is the 999 placeholder or the 998 split sub-constituency."""
        return self.id in (NO_NAMED_THING, SPLIT_SUBCONSTITUENCY_ID)

    @guarded
    def name(self, language: Language = "en") -> str:
        """The name in the language asked for."""
        return self.name_ar if language == "ar" else self.name_en


NO_OFFICE: Final = Office(id=NO_NAMED_THING, name_en="No Office", name_ar="لا يوجد مكتب")
"""The 999 "no office" placeholder."""
NO_CONSTITUENCY: Final = Constituency(
    id=NO_NAMED_THING, name_en="No Constituency", name_ar="لا توجد دائرة"
)
"""The 999 "no constituency" placeholder."""
NO_SUBCONSTITUENCY: Final = SubConstituency(
    id=NO_NAMED_THING, name_en="No Subconstituency", name_ar="لا توجد دائرة فرعية"
)
"""The 999 "no sub-constituency" placeholder."""
SPLIT_SUBCONSTITUENCY: Final = SubConstituency(
    id=SPLIT_SUBCONSTITUENCY_ID,
    name_en="Split Center Subconstituency",
    name_ar="مركز انقسام الفرعية",
)
"""Sub-constituency 998, which every split centre (and only a split centre) uses."""
