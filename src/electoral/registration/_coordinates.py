"""Cleaning up hand-typed coordinates (تنظيف الإحداثيات) of registration centres.

Centre latitudes and longitudes were collected by hand in every notation. This
helper reads one messy value into a :class:`~decimal.Decimal` rounded to 8 decimal
places, assuming north and east (no sign, no hemisphere letter). Surrounding
whitespace and trailing ``E`` and ``°`` are dropped first. Then, in order:

1. a plain decimal containing ``.`` (``10.1826``);
2. ``DDMMSS``, exactly six digits (``204650`` → 20° 46′ 50″);
3. otherwise the runs of ASCII digits are read:

   * four runs are degrees, minutes, seconds and the seconds' fraction
     (``12° 2'54.62"``);
   * three runs are degrees, minutes, seconds, refused when the minutes or the
     seconds exceed 60 (``14ْ 25 816``);
   * two runs are degrees and minutes (``12° 2``).

Anything else, and any value above 180, gives ``None``. The arithmetic is exact
(``Decimal``), where SmartElect used floats: a result may differ from SmartElect's in
the eighth decimal place. The current centre import does not use this helper.

Sources: SmartElect ``libya_elections/utils.py`` ("cleanup lat or long"),
``libya_elections/tests/test_utils.py`` (SmartElect/SmartElect at commit ``d6d35f2``).

>>> cleanup_lat_long("10.1826")
Decimal('10.18260000')
>>> cleanup_lat_long("204650")
Decimal('20.78055556')
>>> cleanup_lat_long("14ْ 25 816") is None
True
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Final

from electoral.errors import InvalidType

__all__ = ["LATLONG_PLACES", "MAX_LATLONG", "cleanup_lat_long"]

LATLONG_PLACES: Final = 8
"""Decimal places kept."""
MAX_LATLONG: Final = Decimal(180)
"""Values above this are refused."""

_QUANTUM: Final = Decimal(10) ** -LATLONG_PLACES
_PLAIN: Final = re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+)")
_DDMMSS: Final = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{2})")
_RUNS: Final = re.compile(r"[0-9]+")
_SIXTY: Final = 60


def _finish(value: Decimal) -> Decimal | None:
    if value > MAX_LATLONG:
        return None
    return value.quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)


def _dms(degrees: str, minutes: str, seconds: str | Decimal = "0") -> Decimal:
    return Decimal(degrees) + Decimal(minutes) / 60 + Decimal(seconds) / 3600


def cleanup_lat_long(text: str) -> Decimal | None:
    """Read a messy latitude or longitude; ``None`` when it cannot be read.

    >>> cleanup_lat_long("12° 2")
    Decimal('12.03333333')
    >>> cleanup_lat_long("1234") is None
    True

    Raises:
        InvalidType: ``text`` is not ``str``.
    """
    if not isinstance(text, str):
        raise InvalidType(field="text", value=text)
    value = text.strip().rstrip("E\u00b0")
    if not value:
        return None
    if "." in value and _PLAIN.fullmatch(value):
        try:
            return _finish(Decimal(value))
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            return None
    match = _DDMMSS.fullmatch(value)
    if match is not None:
        return _finish(_dms(match[1], match[2], match[3]))
    runs = _RUNS.findall(value)
    if len(runs) == 4:
        return _finish(_dms(runs[0], runs[1], Decimal(f"{runs[2]}.{runs[3]}")))
    if len(runs) == 3:
        if Decimal(runs[1]) > _SIXTY or Decimal(runs[2]) > _SIXTY:
            return None
        return _finish(_dms(runs[0], runs[1], runs[2]))
    if len(runs) == 2:
        return _finish(_dms(runs[0], runs[1]))
    return None
