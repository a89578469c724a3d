"""District maps (الدوائر الانتخابية): each election's districts and seats, as cited data.

A :class:`DistrictMap` is one published version of an election's districts: regions,
constituencies, sub-constituencies (the 2014 law's "electoral districts"), list
districts, women's areas and component areas, each with the seats it elects by race
kind and the source of those seats, and the number of districts the law publishes
at each level. A map is checked when it is built (names unique, parents known and
able to contain their districts, no more districts than the law publishes).

The election builders of :mod:`electoral.seats` take a map by name
(``hor_2014(district_map="hor_2014")``) or as a value, and check its seats against
the totals in the law. :data:`MAPS` holds the maps the law published, as far as
their tables were found: **no annexed table was found in full**, so each is marked
incomplete and serves an election only with ``partial=True``; a caller who holds the
gazette's table builds a complete :class:`DistrictMap` and passes it instead. No map
was published for the 2023 laws; a municipal council is one district.

>>> hor = MAPS["hor_2014"]
>>> hor.published["subconstituency"], len(hor.districts), hor.complete
(75, 7, False)
>>> hor.table("women")
{'Derna': 1}
>>> MAPS["cda_2014"].region_of("Kufra")
<Region.EAST: 'east'>
>>> resolve_map("senate_2023")
Traceback (most recent call last):
...
electoral.errors.InconsistentValue: 'senate_2023' is not a published district map; the maps are cda_2014, gnc_2012, hor_2014, hor_2021.
"""  # noqa: E501

from __future__ import annotations

from electoral.districts._maps import LEVELS, District, DistrictMap, Level
from electoral.districts._published import CDA_2014, GNC_2012, HOR_2014, HOR_2021, MAPS
from electoral.errors import InconsistentValue

__all__ = [
    "CDA_2014",
    "GNC_2012",
    "HOR_2014",
    "HOR_2021",
    "LEVELS",
    "MAPS",
    "District",
    "DistrictMap",
    "Level",
    "resolve_map",
]


def resolve_map(district_map: str | DistrictMap) -> DistrictMap:
    """The map named ``district_map`` in :data:`MAPS`, or ``district_map`` itself.

    Raises:
        InconsistentValue: ``districts.unknown_map``.
        TypeError: ``district_map`` is neither a name nor a :class:`DistrictMap`.
    """
    if isinstance(district_map, DistrictMap):
        return district_map
    if not isinstance(district_map, str):
        raise TypeError(
            f"district_map must be a map name or a DistrictMap, not {type(district_map).__name__}"
        )
    found = MAPS.get(district_map)
    if found is None:
        raise InconsistentValue(
            "districts.unknown_map",
            field="district_map",
            value=district_map,
            choices=", ".join(sorted(MAPS)),
        )
    return found
