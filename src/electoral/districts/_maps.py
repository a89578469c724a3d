"""Private: district maps as checked, versioned data."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final, Literal

import attrs

from electoral._checks import sequence_of
from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidType,
    OutOfRange,
    register_messages,
)
from electoral.law import Citation
from electoral.model import Region
from electoral.model import _validators as v

__all__ = ["LEVELS", "District", "DistrictMap", "Level"]

register_messages(
    {
        "districts.duplicate": (
            "{value} appears twice in the map.",
            "{value} مذكورة مرتين في الخريطة.",
        ),
        "districts.unknown_parent": (
            "{value} is not a district of this map.",
            "{value} ليست دائرة في هذه الخريطة.",
        ),
        "districts.parent_level": (
            "{value} is a {parent_level}, which cannot contain a {level}.",
            "{value} من مستوى {parent_level} ولا يمكن أن تضم مستوى {level}.",
        ),
        "districts.count": (
            "The map lists {value} districts at the {level} level; the law publishes {published}.",
            "تذكر الخريطة {value} دائرة في مستوى {level}، والقانون ينشر {published}.",
        ),
        "districts.unknown_map": (
            "{value} is not a published district map; the maps are {choices}.",
            "{value} ليست خريطة دوائر منشورة؛ الخرائط هي {choices}.",
        ),
        "districts.incomplete": (
            "The map {value} lists only some districts ({note}); pass partial=True to use it.",
            "الخريطة {value} لا تذكر إلا بعض الدوائر ({note})؛ استخدم partial=True لاعتمادها.",
        ),
        "districts.seats": (
            "{value} is not a whole number of seats from 0 to 10,000.",
            "{value} ليس عددًا صحيحًا من المقاعد بين 0 و10000.",
        ),
        "districts.no_region": (
            "{value} lies in no region.",
            "{value} لا تقع في أي منطقة.",
        ),
    }
)

Level = Literal[
    "region",
    "constituency",
    "subconstituency",
    "list_district",
    "women_area",
    "component_area",
]
"""The levels of a map, from the largest: a region contains constituencies, a
constituency contains sub-constituencies (the 2014 law's "election centres"), list
districts, women's areas and component areas."""

LEVELS: Final[tuple[Level, ...]] = (
    "region",
    "constituency",
    "subconstituency",
    "list_district",
    "women_area",
    "component_area",
)
"""Every level, from the largest."""

_CONTAINS: Final[Mapping[str, frozenset[str]]] = {
    "region": frozenset(LEVELS[1:]),
    "constituency": frozenset(LEVELS[2:]),
    "subconstituency": frozenset(),
    "list_district": frozenset({"subconstituency"}),
    "women_area": frozenset(),
    "component_area": frozenset(),
}


def _level(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in LEVELS:
        raise InvalidType(
            "enum.unknown", field=attribute.name, value=value, choices=", ".join(LEVELS)
        )


def _counts_by(value: object, field: str, keys: tuple[str, ...] | None) -> Mapping[str, int]:
    """A mapping of names (any non-empty text, or one of ``keys``) to counts 0 to 10,000."""
    if not isinstance(value, Mapping):
        raise InvalidType(field=field, value=value)
    checked: dict[str, int] = {}
    for key, count in value.items():
        if keys is not None and key not in keys:
            raise InvalidType("enum.unknown", field=field, value=key, choices=", ".join(keys))
        if type(key) is not str or not key:
            raise InvalidType(field=field, value=key)
        if type(count) is not int or not 0 <= count <= 10_000:
            raise OutOfRange("districts.seats", field=field, value=count)
        checked[key] = count
    return MappingProxyType(checked)


def _seats(value: object) -> Mapping[str, int]:
    return _counts_by(value, "seats", None)


@attrs.frozen(kw_only=True)
class District:
    """One district of a map.

    Attributes:
        name: unique within the map.
        level: region, constituency, sub-constituency, list district, women's area
            or component area.
        parent: the district that contains it (``None`` when not published).
        seats: the seats it elects, by race kind (``{"general": 7}``); empty for a
            district that only groups others.
        citation: where its seats are published.
        region: for a region, the :class:`~electoral.model.Region` it is.
    """

    name: str = attrs.field(validator=v.text(max_length=150, blank=False))
    level: Level = attrs.field(validator=_level)
    parent: str | None = attrs.field(
        default=None, validator=v.optional(v.text(max_length=150, blank=False))
    )
    seats: Mapping[str, int] = attrs.field(factory=dict, converter=_seats, eq=False, hash=False)
    citation: Citation = attrs.field(validator=v.instance(Citation))
    region: Region | None = attrs.field(default=None, validator=v.optional(v.enum_member(Region)))


def _districts(value: object) -> tuple[District, ...]:
    return sequence_of(value, "districts", District, data=True)


def _counts(value: object) -> Mapping[str, int]:
    return _counts_by(value, "published", LEVELS)


@attrs.frozen(kw_only=True)
class DistrictMap:
    """An election's districts and their seats, as one published version.

    Attributes:
        name: the map's registry name (``"hor_2014"``).
        title: what it is, in English.
        version: which text it follows (the instrument and its amendments).
        citation: the legal source of the table.
        districts: the districts it lists.
        published: how many districts the law publishes at each level
            (``{"constituency": 13, "subconstituency": 75}``).
        complete: whether every district is listed with its seats; an incomplete
            map serves an election only with ``partial=True``.
        note: what is missing or uncertain.
        based_on: the map this one reuses, if any.

    Refused on construction: a name listed twice (``districts.duplicate``), a parent
    that is not in the map (``districts.unknown_parent``) or cannot contain the
    district (``districts.parent_level``), more districts at a level than the law
    publishes, or a complete map with fewer (``districts.count``); every problem at
    once.
    """

    name: str = attrs.field(validator=v.text(max_length=100, blank=False))
    title: str = attrs.field(validator=v.text(max_length=300, blank=False))
    version: str = attrs.field(validator=v.text(max_length=300, blank=False))
    citation: Citation = attrs.field(validator=v.instance(Citation))
    districts: tuple[District, ...] = attrs.field(converter=_districts)
    published: Mapping[str, int] = attrs.field(
        factory=dict, converter=_counts, eq=False, hash=False
    )
    complete: bool = attrs.field(default=False, validator=v.boolean)
    note: str = attrs.field(default="", validator=v.text(max_length=2000))
    based_on: str | None = attrs.field(
        default=None, validator=v.optional(v.text(max_length=100, blank=False))
    )

    def __attrs_post_init__(self) -> None:
        collector = ErrorCollector(f"district map {self.name}")
        by_name: dict[str, District] = {}
        for index, district in enumerate(self.districts):
            if district.name in by_name:
                collector.add(
                    InconsistentValue("districts.duplicate", field="name", value=district.name),
                    f"$.districts[{index}]",
                )
            by_name.setdefault(district.name, district)
        for index, district in enumerate(self.districts):
            if district.parent is None:
                continue
            parent = by_name.get(district.parent)
            where = f"$.districts[{index}].parent"
            if parent is None:
                collector.add(
                    InconsistentValue(
                        "districts.unknown_parent", field="parent", value=district.parent
                    ),
                    where,
                )
            elif district.level not in _CONTAINS[parent.level]:
                collector.add(
                    InconsistentValue(
                        "districts.parent_level",
                        field="parent",
                        value=district.parent,
                        parent_level=parent.level,
                        level=district.level,
                    ),
                    where,
                )
        for level, published in self.published.items():
            listed = sum(1 for d in self.districts if d.level == level)
            if listed > published or (self.complete and listed != published):
                collector.add(
                    InconsistentValue(
                        "districts.count",
                        field="districts",
                        value=listed,
                        level=level,
                        published=published,
                    ),
                    f"$.published[{level!r}]",
                )
        collector.raise_if_any()

    def district(self, name: str) -> District:
        """The district called ``name``.

        Raises:
            InconsistentValue: ``districts.unknown_parent``.
        """
        for district in self.districts:
            if district.name == name:
                return district
        raise InconsistentValue("districts.unknown_parent", field="name", value=name)

    def table(self, kind: str) -> dict[str, int]:
        """The seats of race ``kind`` by district, in map order (districts with some).

        >>> from electoral.districts import MAPS
        >>> MAPS["hor_2014"].table("general")["Sebha"]
        7
        """
        if type(kind) is not str:
            raise TypeError(f"kind must be a race kind (str), not {type(kind).__name__}")
        return {d.name: d.seats[kind] for d in self.districts if d.seats.get(kind)}

    def region_of(self, name: str) -> Region | None:
        """The region that contains district ``name``, or ``None`` if not published."""
        seen: set[str] = set()
        current: District | None = self.district(name)
        while current is not None and current.name not in seen:
            if current.region is not None:
                return current.region
            seen.add(current.name)
            current = self.district(current.parent) if current.parent else None
        return None

    def seats(self) -> dict[str, int]:
        """The listed seats by race kind, over every district."""
        totals: dict[str, int] = {}
        for district in self.districts:
            for kind, count in district.seats.items():
                totals[kind] = totals.get(kind, 0) + count
        return totals
