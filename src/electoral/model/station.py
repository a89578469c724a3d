"""Station (محطة الاقتراع): a polling station inside a centre.

A station is identified by its centre and its number (1 to 102). It serves men,
women, or both (unisex), and has a number of registrants: the voters on its part
of the roll. The results system leaves ``registrants`` empty for some imports;
``None`` means "not known", which is different from zero (an over-voting check
is skipped for ``None`` and not for 0).

Sources: SmartElect ``rollgen/models.py`` (SmartElect/SmartElect at commit ``d6d35f2``); Tally-Ho
``tally_ho/apps/tally/models/station.py`` (onaio/tally-ho at commit ``acbe4f4``).

>>> s = Station(center_id=11001, number=1, gender=Gender.FEMALE, registrants=412)
>>> s.key
(11001, 1)
>>> Station(center_id=11001, number=0, gender=Gender.MALE)
Traceback (most recent call last):
...
electoral.errors.OutOfRange: 0 must lie between 1 and 102.
"""

from __future__ import annotations

import attrs

from electoral.ids import center_id as _center_id
from electoral.ids import station_number as _station_number
from electoral.model import _validators as v
from electoral.model.gender import Gender

__all__ = ["Station"]


@attrs.frozen(kw_only=True)
class Station:
    """A polling station.

    Attributes:
        center_id: the centre it is in.
        number: its number within the centre, 1 to 102.
        gender: who votes there: :attr:`Gender.MALE`, :attr:`Gender.FEMALE` or
            :attr:`Gender.UNISEX`.
        registrants: registered voters, or ``None`` when not known.
        subconstituency_id: the station's own sub-constituency, where the results
            system records one.
        active: whether the results system counts it (disabled blocks intake).
    """

    center_id: int = attrs.field(validator=v.integer(_center_id.MIN_VALUE, _center_id.MAX_VALUE))
    number: int = attrs.field(
        validator=v.integer(_station_number.MIN_VALUE, _station_number.MAX_VALUE)
    )
    gender: Gender = attrs.field(validator=v.enum_member(Gender))
    registrants: int | None = attrs.field(default=None, validator=v.optional(v.integer(0)))
    subconstituency_id: int | None = attrs.field(
        default=None, validator=v.optional(v.integer(1, 32_767))
    )
    active: bool = attrs.field(default=True, validator=v.boolean)

    @property
    def key(self) -> tuple[int, int]:
        """The station's identity: ``(center_id, number)``."""
        return (self.center_id, self.number)
