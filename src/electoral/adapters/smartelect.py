"""Codes of HNEC's voter registration system (SmartElect).

Each map converts one of our enums to and from the registration system's integer
codes, refusing anything the other side cannot express with ``code.unknown``.

Sources: SmartElect ``libya_elections/constants.py`` (gender), ``register/models.py``
(centre types, office regions), ``voting/models.py`` (ballot types),
``reporting_api/codings.py`` (carriers)
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> GENDER.to_code(Gender.FEMALE)
2
>>> CENTER_TYPE.from_code(6)
<CenterType.COPY: 'copy'>
>>> ballot_number(RaceType.WOMEN)
2
>>> GENDER.from_code(0)
Traceback (most recent call last):
...
electoral.errors.InvalidComponent: 0 is not a known SmartElect code.
"""

from __future__ import annotations

from typing import Final

from electoral.adapters._codes import CodeMap
from electoral.ids.phone import Carrier
from electoral.model.ballot import RaceType
from electoral.model.center import CenterType
from electoral.model.gender import Gender
from electoral.model.geography import Region

__all__ = ["BALLOT_TYPE", "CARRIER", "CENTER_TYPE", "GENDER", "REGION", "ballot_number"]

_SYSTEM: Final = "SmartElect"

GENDER: Final = CodeMap(_SYSTEM, "gender", {Gender.MALE: 1, Gender.FEMALE: 2, Gender.UNISEX: 3})
"""Gender: male 1, female 2, unisex 3 (stations only)."""

CENTER_TYPE: Final = CodeMap(
    _SYSTEM,
    "center_type",
    {
        CenterType.GENERAL: 1,
        CenterType.DISPLACED: 2,
        CenterType.OIL: 3,
        CenterType.DISABILITY: 4,
        CenterType.REVOLUTION: 5,
        CenterType.COPY: 6,
        CenterType.SPLIT: 7,
    },
)
"""Centre types 1 to 7; the results system's SPECIAL has no code here."""

REGION: Final = CodeMap(
    _SYSTEM,
    "region",
    {Region.NONE: 0, Region.WEST: 1, Region.SOUTH: 2, Region.EAST: 3},
)
"""Office regions: none 0, West 1, South 2, East 3."""

BALLOT_TYPE: Final = CodeMap(_SYSTEM, "ballot_type", {RaceType.GENERAL: 0, RaceType.WOMEN: 1})
"""Ballot types: general 0, women's 1."""

CARRIER: Final = CodeMap(
    _SYSTEM, "carrier", {Carrier.LIBYANA: 2, Carrier.ALMADAR: 3, Carrier.THURAYA: 4}
)
"""Reporting carrier codes: Libyana 2, Al Madar 3, Thuraya 4."""


def ballot_number(race_type: RaceType) -> int:
    """The public ballot number of a race type: ballot type + 1 (1 general, 2 women's)."""
    return BALLOT_TYPE.to_code(race_type) + 1
