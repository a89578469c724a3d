"""Codes of HNEC's results management system (Tally-Ho).

Each map converts one of our enums to and from the results system's integer
codes. Note that gender has **no code 2** there (male 0, female 1, unisex 3), and
that the results system knows only two centre types.

Sources: Tally-Ho ``tally_ho/libs/models/enums/`` (``gender.py``, ``form_state.py``,
``race_type.py``, ``center_type.py``) (onaio/tally-ho at commit ``acbe4f4``).

>>> GENDER.to_code(Gender.UNISEX)
3
>>> FORM_STATE.from_code(0)
<FormState.ARCHIVED: 'archived'>
>>> CENTER_TYPE.to_code(CenterType.OIL)
Traceback (most recent call last):
...
electoral.errors.InvalidComponent: <CenterType.OIL: 'oil'> is not a known Tally-Ho code.
"""

from __future__ import annotations

from typing import Final

from electoral.adapters._codes import CodeMap
from electoral.model.ballot import RaceType
from electoral.model.center import CenterType
from electoral.model.gender import Gender
from electoral.model.result_form import FormState

__all__ = ["CENTER_TYPE", "FORM_STATE", "GENDER", "RACE_TYPE"]

_SYSTEM: Final = "Tally-Ho"

GENDER: Final = CodeMap(_SYSTEM, "gender", {Gender.MALE: 0, Gender.FEMALE: 1, Gender.UNISEX: 3})
"""Gender: male 0, female 1, unisex 3 (there is no 2)."""

FORM_STATE: Final = CodeMap(
    _SYSTEM,
    "form_state",
    {
        FormState.ARCHIVED: 0,
        FormState.ARCHIVING: 1,
        FormState.AUDIT: 2,
        FormState.CLEARANCE: 3,
        FormState.CORRECTION: 4,
        FormState.DATA_ENTRY_1: 5,
        FormState.DATA_ENTRY_2: 6,
        FormState.INTAKE: 7,
        FormState.QUALITY_CONTROL: 8,
        FormState.UNSUBMITTED: 9,
    },
)
"""Form states 0 to 9; raw SQL and exports depend on these integers."""

RACE_TYPE: Final = CodeMap(
    _SYSTEM,
    "race_type",
    {
        RaceType.GENERAL: 0,
        RaceType.WOMEN: 1,
        RaceType.COMPONENT_AMAZIGH: 2,
        RaceType.COMPONENT_TWARAG: 3,
        RaceType.COMPONENT_TEBU: 4,
        RaceType.PRESIDENTIAL: 5,
    },
)
"""Race types 0 to 5."""

CENTER_TYPE: Final = CodeMap(
    _SYSTEM, "center_type", {CenterType.GENERAL: 0, CenterType.SPECIAL: 1}
)
"""Centre types: general 0, special 1; the registration-only types have no code."""
