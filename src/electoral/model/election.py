"""Elections and registration periods (الانتخابات وفترات التسجيل), in Libyan time.

Times are explicit, aware instants converted to ``Africa/Tripoli`` on the way in
(a naive datetime is refused: guessing its zone would be a silent fix). Periods are
half-open, ``[start, end)``: a period that ends at 20:00 is closed at 20:00:00 and
open at 19:59:59. An empty period (``start == end``) is allowed and contains no
instant.

Sources: SmartElect ``voting/models.py``, ``voting/tests/test_models.py``,
``libya_elections/settings/base.py`` (``TIME_ZONE = "Libya"``)
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> import pendulum
>>> p = RegistrationPeriod(start=pendulum.datetime(2013, 3, 15, 8, tz=TRIPOLI),
...                        end=pendulum.datetime(2013, 4, 15, 20, tz=TRIPOLI))
>>> p.contains(pendulum.datetime(2013, 4, 15, 19, 59, 59, tz=TRIPOLI))
True
>>> p.contains(pendulum.datetime(2013, 4, 15, 20, tz=TRIPOLI))
False
>>> RegistrationPeriod(start=p.end, end=p.start)
Traceback (most recent call last):
...
electoral.errors.InconsistentValue: End time must be after start time.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs
import pendulum

from electoral.errors import InconsistentValue, register_messages
from electoral.model import _validators as v

__all__ = ["TRIPOLI", "Election", "Period", "RegistrationPeriod"]

TRIPOLI: Final = v.TRIPOLI
"""The time zone of every HNEC rule: ``Africa/Tripoli``."""

register_messages(
    {
        "period.end_before_start": (
            "End time must be after start time.",
            "يجب أن يكون وقت النهاية بعد وقت البداية.",
        ),
        "election.polling_order": (
            "Polling start time is later than end time.",
            "وقت بدء الاقتراع متأخر عن وقت انتهائه.",
        ),
    }
)


@attrs.frozen(kw_only=True)
class Period:
    """A half-open interval of time ``[start, end)`` in Libyan time.

    Attributes:
        start: the first instant in the period (aware, kept in Africa/Tripoli).
        end: the first instant after it; ``end == start`` is an empty period.
    """

    start: pendulum.DateTime = attrs.field(converter=v.to_moment, validator=v.moment)
    end: pendulum.DateTime = attrs.field(converter=v.to_moment, validator=v.moment)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InconsistentValue("period.end_before_start", field="end", value=self.end)

    @property
    def is_empty(self) -> bool:
        """Whether the period contains no instant (``start == end``)."""
        return self.start == self.end

    def contains(self, moment: dt.datetime) -> bool:
        """Whether ``start <= moment < end``."""
        return self.start <= moment < self.end

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share an instant (touching ends do not).

        Empty periods overlap nothing, not even each other at the same instant.
        """
        if self.is_empty or other.is_empty:
            return False
        return self.start < other.end and other.start < self.end


@attrs.frozen(kw_only=True)
class RegistrationPeriod(Period):
    """A period in which SMS registration is open (SmartElect ``RegistrationPeriod``)."""


@attrs.frozen(kw_only=True)
class Election:
    """An election: its names and its polling period.

    Attributes:
        name_en: the election's English name (1 to 150 characters).
        name_ar: the election's Arabic name (1 to 150 characters).
        polling_start: when polling opens (an aware time, kept in Africa/Tripoli).
        polling_end: when polling closes; not before ``polling_start``.
    """

    name_en: str = attrs.field(validator=v.text(max_length=150, blank=False))
    name_ar: str = attrs.field(validator=v.text(max_length=150, blank=False))
    polling_start: pendulum.DateTime = attrs.field(converter=v.to_moment, validator=v.moment)
    polling_end: pendulum.DateTime = attrs.field(converter=v.to_moment, validator=v.moment)

    def __attrs_post_init__(self) -> None:
        if self.polling_start > self.polling_end:
            raise InconsistentValue(
                "election.polling_order", field="polling_start", value=self.polling_start
            )

    @property
    def polling(self) -> Period:
        """The polling period ``[polling_start, polling_end)``."""
        return Period(start=self.polling_start, end=self.polling_end)
