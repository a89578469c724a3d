"""Private: the size of a synthetic election, with its presets.

The national preset follows the House of Representatives election of 2014: 13
constituencies, 75 sub-constituencies, 168 general and 32 women's seats
(Law 10/2014, as reported by the IPU), about 1,600 centres and about 2.8 million
registered voters (the 2021 register: HNEC's 2,371,846 delivered voter cards were
about 83 % of it, as reported by 218tv).

>>> Size.TINY.voters
3000
>>> Size.NATIONAL.subconstituencies, Size.NATIONAL.general_seats
(75, 168)
>>> Size(name="bad", constituencies=14, subconstituencies=14, offices=1, centers=20,
...      voters=10, general_seats=14, women_seats=14)
Traceback (most recent call last):
...
electoral.errors.OutOfRange: 14 must lie between 1 and 13.
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

import attrs

from electoral.errors import InconsistentValue, OutOfRange, register_messages

__all__ = ["MAX_CONSTITUENCIES", "Size"]

MAX_CONSTITUENCIES: Final = 13
"""Libya's 13 constituencies of 2014 (Law 10/2014, as reported by the IPU)."""

register_messages(
    {
        "synthetic.size": (
            "{value} is too small for this synthetic election (at least {minimum}).",
            "القيمة {value} صغيرة جدًا لهذه الانتخابات التجريبية (الحد الأدنى {minimum}).",
        ),
    }
)


def _bounded(low: int, high: int) -> Any:
    def check(_: object, attribute: attrs.Attribute[int], value: object) -> None:
        if type(value) is not int or not low <= value <= high:
            raise OutOfRange(field=attribute.name, value=value, min_value=low, max_value=high)

    return check


_COUNT: Final = _bounded(1, 50_000_000)


@attrs.frozen(kw_only=True)
class Size:
    """How big a synthetic election is.

    Attributes:
        name: a label (``"tiny"``, ``"national"``).
        constituencies: 1 to 13.
        subconstituencies: at least one per constituency; one general ballot each.
        offices: HNEC field offices (at least one per constituency).
        centers: registration and polling centres (at least two per sub-constituency).
        voters: registered voters (the civil-registry records generated).
        general_seats: seats of the general races (at least one per sub-constituency).
        women_seats: seats reserved for women (at least one per constituency).
    """

    TINY: ClassVar[Size]
    SMALL: ClassVar[Size]
    NATIONAL: ClassVar[Size]

    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    constituencies: int = attrs.field(validator=_bounded(1, MAX_CONSTITUENCIES))
    subconstituencies: int = attrs.field(validator=_bounded(1, 900))
    offices: int = attrs.field(validator=_bounded(1, 89))
    centers: int = attrs.field(validator=_bounded(1, 60_000))
    voters: int = attrs.field(validator=_COUNT)
    general_seats: int = attrs.field(validator=_bounded(1, 10_000))
    women_seats: int = attrs.field(validator=_bounded(1, 10_000))

    def __attrs_post_init__(self) -> None:
        minimums = (
            ("subconstituencies", self.subconstituencies, self.constituencies),
            ("offices", self.offices, self.constituencies),
            ("centers", self.centers, 2 * self.subconstituencies),
            ("general_seats", self.general_seats, self.subconstituencies),
            ("women_seats", self.women_seats, self.constituencies),
            ("voters", self.voters, 10 * self.centers),
        )
        for field, value, minimum in minimums:
            if value < minimum:
                raise InconsistentValue(
                    "synthetic.size", field=field, value=value, minimum=minimum
                )

    @classmethod
    def named(cls, name: str) -> Size:
        """The preset called ``name`` (``tiny``, ``small`` or ``national``).

        Raises:
            KeyError: there is no such preset.
        """
        return PRESETS[name]


Size.TINY = Size(
    name="tiny",
    constituencies=3,
    subconstituencies=4,
    offices=3,
    centers=14,
    voters=3_000,
    general_seats=7,
    women_seats=3,
)
Size.SMALL = Size(
    name="small",
    constituencies=13,
    subconstituencies=75,
    offices=26,
    centers=160,
    voters=280_000,
    general_seats=168,
    women_seats=32,
)
Size.NATIONAL = Size(
    name="national",
    constituencies=13,
    subconstituencies=75,
    offices=26,
    centers=1_600,
    voters=2_800_000,
    general_seats=168,
    women_seats=32,
)

PRESETS: Final = {size.name: size for size in (Size.TINY, Size.SMALL, Size.NATIONAL)}
"""The presets by name."""
