"""Gender (الجنس) of a citizen, a polling station or a result form.

Citizens are male or female; a polling station (and so its result forms) may also
be unisex, serving both. The two HNEC systems code these differently (registration
1/2/3, results 0/1/3, with no 2); :mod:`electoral.adapters` converts, and no integer
leaks into the core.

Sources: SmartElect ``libya_elections/constants.py`` and its Arabic catalogue
``locale/ar/LC_MESSAGES/django.po`` (SmartElect/SmartElect at commit ``d6d35f2``);
Tally-Ho ``tally_ho/libs/models/enums/gender.py`` (onaio/tally-ho at commit ``acbe4f4``).

>>> Gender.FEMALE.label("ar")
'أنثى'
>>> Gender("unisex").is_person
False
"""

from __future__ import annotations

from electoral._gender import Gender

__all__ = ["Gender"]
