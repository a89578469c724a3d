"""The nouns of the library (الكيانات), as frozen, hashable attrs values.

Every class is ``@attrs.frozen``, keyword-only, and refuses an invalid value at
construction with a typed :class:`~electoral.errors.ValidationError` naming the
field and the value. Change a value with :func:`attrs.evolve`, which validates
again. References between nouns are by id (a station names its ``center_id``),
so every value is small, hashable and serialisable on its own.

=====================  ====================================================
module                 nouns
=====================  ====================================================
``gender``             :class:`Gender`
``geography``          :class:`Region`, :class:`Office`, :class:`Constituency`,
                       :class:`SubConstituency` and the 999/998 placeholders
``center``             :class:`Center`, :class:`CenterType`, :func:`check_copies`
``station``            :class:`Station`
``citizen``            :class:`Citizen`
``election``           :class:`Election`, :class:`Period`,
                       :class:`RegistrationPeriod`, :data:`TRIPOLI`
``ballot``             :class:`Race`, :class:`RaceType`, :class:`Ballot`,
                       :class:`Candidate`
``result_form``        :class:`ResultForm`, :class:`FormState`,
                       :class:`ReconciliationForm`, :class:`ReconciliationForm2014`
=====================  ====================================================

>>> from electoral.model import Station, Gender
>>> s = Station(center_id=11001, number=1, gender=Gender.MALE, registrants=300)
>>> import attrs
>>> attrs.evolve(s, registrants=301).registrants
301
"""

from __future__ import annotations

from electoral.model.ballot import Ballot, Candidate, Race, RaceType
from electoral.model.center import MAX_COPIES, Center, CenterType, check_copies
from electoral.model.citizen import Citizen
from electoral.model.election import TRIPOLI, Election, Period, RegistrationPeriod
from electoral.model.gender import Gender
from electoral.model.geography import (
    NO_CONSTITUENCY,
    NO_NAMED_THING,
    NO_OFFICE,
    NO_SUBCONSTITUENCY,
    SPLIT_SUBCONSTITUENCY,
    SPLIT_SUBCONSTITUENCY_ID,
    Constituency,
    Office,
    Region,
    SubConstituency,
)
from electoral.model.result_form import (
    FormState,
    ReconciliationForm,
    ReconciliationForm2014,
    ResultForm,
)
from electoral.model.station import Station

__all__ = [
    "MAX_COPIES",
    "NOUNS",
    "NO_CONSTITUENCY",
    "NO_NAMED_THING",
    "NO_OFFICE",
    "NO_SUBCONSTITUENCY",
    "SPLIT_SUBCONSTITUENCY",
    "SPLIT_SUBCONSTITUENCY_ID",
    "TRIPOLI",
    "Ballot",
    "Candidate",
    "Center",
    "CenterType",
    "Citizen",
    "Constituency",
    "Election",
    "FormState",
    "Gender",
    "Office",
    "Period",
    "Race",
    "RaceType",
    "ReconciliationForm",
    "ReconciliationForm2014",
    "Region",
    "RegistrationPeriod",
    "ResultForm",
    "Station",
    "SubConstituency",
    "check_copies",
]

NOUNS: tuple[type, ...] = (
    Office,
    Constituency,
    SubConstituency,
    Center,
    Station,
    Citizen,
    Period,
    RegistrationPeriod,
    Election,
    Race,
    Ballot,
    Candidate,
    ResultForm,
    ReconciliationForm,
    ReconciliationForm2014,
)
"""Every attrs noun class, for code (and tests) that treats them alike.

:meta hide-value:
"""


def _register_with_hypothesis() -> None:
    # The test kit's Hypothesis hook registers the nouns only if this module is already
    # imported when Hypothesis loads (so that `import hypothesis` imports nothing of
    # ours); when Hypothesis was imported first, the nouns register here instead.
    import sys

    if "hypothesis" in sys.modules:
        from electoral.testing._hypothesis_hook import register_nouns

        register_nouns()


_register_with_hypothesis()
