"""Centre (مركز الاقتراع والتسجيل): a registration and polling place.

A centre has a 5-digit id, an Arabic name (and an English one where known), the
office, constituency and sub-constituency it records (999 when it has none), one
of the centre types, optional coordinates, and ``reg_open`` (whether it takes SMS
registrations). Rules checked on every centre:

* a **copy** centre names the centre it copies (``copy_of``), and only a copy does;
  a centre cannot copy itself;
* a **split** centre uses sub-constituency 998, and only a split centre does;
* latitude and longitude are both set or both empty, within range, with at most
  8 decimal places (exact :class:`~decimal.Decimal`, never float).

Rules across centres (no copy of a copy, at most 6 copies of one original) are
in :func:`check_copies`.

Sources: SmartElect ``register/models.py``, ``register/forms.py``
(SmartElect/SmartElect at commit ``d6d35f2``); Tally-Ho
``tally_ho/apps/tally/models/center.py`` (onaio/tally-ho at commit ``acbe4f4``).

>>> c = Center(center_id=11001, name_ar="مدرسة الفاتح", office_id=1,
...            constituency_id=1, subconstituency_id=1)
>>> c.center_type, c.reg_open
(<CenterType.GENERAL: 'general'>, True)
>>> Center(center_id=11002, name_ar="نسخة", office_id=1, constituency_id=1,
...        subconstituency_id=1, center_type=CenterType.COPY)
Traceback (most recent call last):
...
electoral.errors.InconsistentValue: Centre type "copy" requires copy centre information.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Final

import attrs

from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    Language,
    register_messages,
)
from electoral.ids import center_id as _center_id
from electoral.model import _validators as v
from electoral.model.geography import NO_NAMED_THING, SPLIT_SUBCONSTITUENCY_ID

__all__ = ["MAX_COPIES", "Center", "CenterType", "check_copies"]

MAX_COPIES: Final = 6
"""Most undeleted copies one original may have (``N_MAX_COPY_CENTERS``)."""

_MAX_ID: Final = 32_767

register_messages(
    {
        "center.copy_without_original": (
            'Centre type "copy" requires copy centre information.',
            'نوع المركز "نسخة" يتطلب بيانات المركز الأصلي.',
        ),
        "center.original_not_copy_type": (
            'Copy centre type must be "copy".',
            'يجب أن يكون نوع المركز المنسوخ "نسخة".',
        ),
        "center.copies_itself": (
            "A centre cannot be a copy of itself.",
            "لا يمكن أن يكون المركز نسخة من نفسه.",
        ),
        "center.split_subconstituency": (
            "Split centers must be associated with subconstituency 998.",
            "يجب ربط المراكز المقسمة بالدائرة الفرعية 998.",
        ),
        "center.subconstituency_998": (
            "Only split centers may be associated with subconstituency 998.",
            "لا يجوز ربط الدائرة الفرعية 998 إلا بالمراكز المقسمة.",
        ),
        "center.lat_lon_pair": (
            "Either set both latitude and longitude or neither.",
            "يجب تحديد خط العرض وخط الطول معًا أو تركهما معًا.",
        ),
        "center.copy_of_copy": (
            "A copy centre cannot copy another copy centre.",
            "لا يمكن لمركز منسوخ أن ينسخ مركزًا منسوخًا آخر.",
        ),
        "center.too_many_copies": (
            "Copy centre already has the maximum number of copies ({max_copies}).",
            "المركز الأصلي لديه بالفعل الحد الأقصى من النسخ ({max_copies}).",
        ),
        "center.copy_of_unknown": (
            "Centre {value} is not among the centres given.",
            "المركز {value} غير موجود ضمن المراكز المعطاة.",
        ),
        "center.duplicate_id": (
            "Duplicate value for center id.",
            "قيمة مكررة لرقم المركز.",
        ),
    }
)


class CenterType(enum.Enum):
    """The seven registration-system centre types, plus the results system's SPECIAL.

    The registration system codes them 1 to 7; the results system has only
    GENERAL (0) and SPECIAL (1, special and out-of-country voting). SPECIAL is
    kept so results-system data converts without loss (:mod:`electoral.adapters`).
    """

    GENERAL = "general"
    DISPLACED = "displaced"
    OIL = "oil"
    DISABILITY = "disability"
    REVOLUTION = "revolution"
    COPY = "copy"
    SPLIT = "split"
    SPECIAL = "special"

    def label(self, language: Language = "en") -> str:
        """The type's label in English or Arabic (SmartElect's catalogue)."""
        return _TYPE_LABELS[self][language == "ar"]


_TYPE_LABELS: Final = {
    CenterType.GENERAL: ("General", "عام"),
    CenterType.DISPLACED: ("Displaced", "نازحين"),
    CenterType.OIL: ("Oil", "حقل نفط"),
    CenterType.DISABILITY: ("Disability", "مركز تأهيل وايواء"),
    CenterType.REVOLUTION: ("Revolution", "ثوار"),
    CenterType.COPY: ("Copy", "نسخة"),
    CenterType.SPLIT: ("Split", "تقسيم"),
    CenterType.SPECIAL: ("Special", "خاص"),
}

_NAME: Final = v.text(max_length=255, blank=False)
_OPTIONAL_NAME: Final = v.text(max_length=255)
_GEO_ID: Final = v.integer(1, _MAX_ID)


@attrs.frozen(kw_only=True)
class Center:
    """A registration and polling centre.

    Attributes:
        center_id: the 5-digit centre id (10000 to 99999).
        name_ar: the centre's name as printed (required, no line breaks).
        name_en: an English name, where one exists.
        office_id: the office the centre records (999: none).
        constituency_id: the constituency it records (999: none).
        subconstituency_id: the sub-constituency it records (999: none; 998: the
            split centres' sub-constituency).
        center_type: one of :class:`CenterType`.
        copy_of: the id of the original, for copy centres only.
        lat: latitude, -90 to 90, 8 decimal places at most; set with ``lon`` or not at all.
        lon: longitude, -180 to 180, 8 decimal places at most.
        mahalla: the neighbourhood, optional.
        village: the village, optional.
        reg_open: whether the centre takes SMS registrations.
        active: whether the results system counts the centre (a disabled centre
            blocks intake of its forms).
    """

    center_id: int = attrs.field(validator=v.integer(_center_id.MIN_VALUE, _center_id.MAX_VALUE))
    name_ar: str = attrs.field(validator=_NAME)
    name_en: str = attrs.field(default="", validator=_OPTIONAL_NAME)
    office_id: int = attrs.field(default=NO_NAMED_THING, validator=_GEO_ID)
    constituency_id: int = attrs.field(default=NO_NAMED_THING, validator=_GEO_ID)
    subconstituency_id: int = attrs.field(default=NO_NAMED_THING, validator=_GEO_ID)
    center_type: CenterType = attrs.field(
        default=CenterType.GENERAL, validator=v.enum_member(CenterType)
    )
    copy_of: int | None = attrs.field(
        default=None,
        validator=v.optional(v.integer(_center_id.MIN_VALUE, _center_id.MAX_VALUE)),
    )
    lat: Decimal | None = attrs.field(
        default=None, converter=v.to_decimal, validator=v.optional(v.coordinate(90))
    )
    lon: Decimal | None = attrs.field(
        default=None, converter=v.to_decimal, validator=v.optional(v.coordinate(180))
    )
    mahalla: str = attrs.field(default="", validator=_OPTIONAL_NAME)
    village: str = attrs.field(default="", validator=_OPTIONAL_NAME)
    reg_open: bool = attrs.field(default=True, validator=v.boolean)
    active: bool = attrs.field(default=True, validator=v.boolean)

    def __attrs_post_init__(self) -> None:
        is_copy = self.center_type is CenterType.COPY
        if is_copy and self.copy_of is None:
            raise InconsistentValue("center.copy_without_original", field="copy_of", value=None)
        if not is_copy and self.copy_of is not None:
            raise InconsistentValue(
                "center.original_not_copy_type", field="center_type", value=self.center_type
            )
        if self.copy_of == self.center_id:
            raise InconsistentValue("center.copies_itself", field="copy_of", value=self.copy_of)
        is_split = self.center_type is CenterType.SPLIT
        in_998 = self.subconstituency_id == SPLIT_SUBCONSTITUENCY_ID
        if is_split and not in_998:
            raise InconsistentValue(
                "center.split_subconstituency",
                field="subconstituency_id",
                value=self.subconstituency_id,
            )
        if in_998 and not is_split:
            raise InconsistentValue(
                "center.subconstituency_998",
                field="subconstituency_id",
                value=self.subconstituency_id,
            )
        if (self.lat is None) != (self.lon is None):
            raise InconsistentValue(
                "center.lat_lon_pair",
                field="lat" if self.lat is None else "lon",
                value=None,
            )

    @property
    def is_copy(self) -> bool:
        """Whether this is a copy centre."""
        return self.center_type is CenterType.COPY

    @property
    def original_id(self) -> int:
        """The id whose voter roll this centre uses: its own, or its original's."""
        return self.center_id if self.copy_of is None else self.copy_of

    @property
    def is_out_of_country(self) -> bool:
        """Whether the results system treats it as out-of-country (id 80001 and up)."""
        return self.center_id >= _center_id.OUT_OF_COUNTRY_MIN


def check_copies(centers: Iterable[Center]) -> None:
    """Check the rules that span centres, reporting every problem at once.

    * centre ids are unique;
    * a copy's original is among the centres and is not itself a copy;
    * no original has more than :data:`MAX_COPIES` copies.

    Source: SmartElect ``register/models.py`` (``N_MAX_COPY_CENTERS``) and
    ``libya_elections/utils.py`` (SmartElect/SmartElect at commit ``d6d35f2``).

    >>> a = Center(center_id=11001, name_ar="أ")
    >>> b = Center(center_id=11002, name_ar="ب", center_type=CenterType.COPY, copy_of=11001)
    >>> check_copies([a, b])
    >>> c = Center(center_id=11003, name_ar="ج", center_type=CenterType.COPY, copy_of=11002)
    >>> check_copies([a, b, c])
    Traceback (most recent call last):
    ...
    electoral.errors.ValidationErrors: 1 problem in centres (1 sub-exception)

    Raises:
        ValidationErrors: with one member per problem, located at ``center <id>``.
    """
    collector = ErrorCollector("centres")
    by_id: dict[int, Center] = {}
    for center in centers:
        if center.center_id in by_id:
            collector.add(
                InconsistentValue(
                    "center.duplicate_id", field="center_id", value=center.center_id
                ),
                f"center {center.center_id}",
            )
        by_id[center.center_id] = center
    copies: defaultdict[int, list[int]] = defaultdict(list)
    for center in by_id.values():
        if center.copy_of is None:
            continue
        original = by_id.get(center.copy_of)
        where = f"center {center.center_id}"
        if original is None:
            collector.add(
                InconsistentValue("center.copy_of_unknown", field="copy_of", value=center.copy_of),
                where,
            )
        elif original.is_copy:
            collector.add(
                InconsistentValue("center.copy_of_copy", field="copy_of", value=center.copy_of),
                where,
            )
        copies[center.copy_of].append(center.center_id)
    for original_id, copy_ids in sorted(copies.items()):
        if len(copy_ids) > MAX_COPIES:
            collector.add(
                InconsistentValue(
                    "center.too_many_copies",
                    field="copy_of",
                    value=original_id,
                    max_copies=MAX_COPIES,
                ),
                f"center {sorted(copy_ids)[MAX_COPIES]}",
            )
    collector.raise_if_any()
