"""Adapters: our enums to and from the integer codes of HNEC's existing systems.

The registration system (SmartElect) and the results system (Tally-Ho) disagree on
codes: gender is 1/2/3 in one and 0/1/3 in the other; their centre types differ.
The library has one enum per concept; these maps are the only place the integers
live (design decision 3).

>>> from electoral.adapters import smartelect, tallyho
>>> from electoral.model import Gender
>>> tallyho.GENDER.to_code(smartelect.GENDER.from_code(2))
1
"""

from __future__ import annotations

from electoral.adapters import smartelect, tallyho
from electoral.adapters._codes import CodeMap

__all__ = ["CodeMap", "smartelect", "tallyho"]
