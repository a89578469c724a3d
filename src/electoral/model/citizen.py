"""Citizen (المواطن): one record of the Civil Registry Authority.

A citizen is keyed by the registry's stable ``PERSON_ID`` (``civil_registry_id``),
not by the national id, which can change. The name has four displayed parts
(first, father, grandfather, family) plus the mother's name, which is used only
to verify identity at the help desk and is never displayed. Names are Arabic text
of up to 255 characters, may be blank, may contain spaces and commas, and may not
contain control, bidi or zero-width characters. A citizen is male or female, and
the national id's first digit must agree (1 male, 2 female), as the registry
import demands.

Whether a citizen may vote (age, blocked, missing) depends on a date and belongs
to the registration chapter; this value only records the facts.

Sources: SmartElect ``civil_registry/models.py``, ``civil_registry/forms.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> import pendulum
>>> c = Citizen(civil_registry_id=1, national_id="119690261935", fbr_number="4471",
...             first_name="محمد", father_name="علي", grandfather_name="سالم",
...             family_name="الورفلي", mother_name="فاطمة",
...             birth_date=pendulum.date(1969, 9, 7), gender=Gender.MALE)
>>> c.full_name
'محمد علي سالم الورفلي'
>>> attrs.evolve(c, gender=Gender.FEMALE)
Traceback (most recent call last):
...
electoral.errors.InconsistentValue: The first digit of the national ID does not match the gender.
"""

from __future__ import annotations

from typing import Final

import attrs
import pendulum

from electoral.errors import InconsistentValue, InvalidComponent, register_messages
from electoral.ids import fbr as _fbr
from electoral.ids import national_id as _national_id
from electoral.model import _validators as v
from electoral.model.gender import Gender

__all__ = ["Citizen"]

register_messages(
    {
        "citizen.gender_mismatch": (
            "The first digit of the national ID does not match the gender.",
            "الرقم الأول من الرقم الوطني لا يطابق الجنس.",
        ),
        "citizen.unisex": (
            "A citizen is male or female.",
            "المواطن إما ذكر أو أنثى.",
        ),
    }
)

_NAME: Final = v.text(max_length=255)


def _person_gender(_: object, attribute: attrs.Attribute[Gender], value: object) -> None:
    v.enum_member(Gender)(_, attribute, value)
    if value is Gender.UNISEX:
        raise InvalidComponent("citizen.unisex", field=attribute.name, value=value)


@attrs.frozen(kw_only=True)
class Citizen:
    """A civil-registry record.

    Attributes:
        civil_registry_id: the registry's ``PERSON_ID``, stable across id changes.
        national_id: 12 digits, first digit 1 (male) or 2 (female).
        fbr_number: the family book record number.
        first_name: the first displayed name part (may be blank).
        father_name: the father's name, second part (may be blank).
        grandfather_name: the grandfather's name, third part (may be blank).
        family_name: the family name, fourth part (may be blank).
        mother_name: used only to verify identity.
        birth_date: a calendar date (a :class:`datetime.date` is converted).
        gender: male or female; must match the national id's first digit.
        blocked: whether the citizen is blocked from registering and voting.
        missing_since: when the citizen was last found absent from a registry dump,
            or ``None``; a missing citizen is invisible to lookups.
        address: free text.
    """

    civil_registry_id: int = attrs.field(validator=v.integer(1))
    national_id: str = attrs.field(validator=v.identifier(_national_id))
    fbr_number: str = attrs.field(validator=v.identifier(_fbr))
    first_name: str = attrs.field(validator=_NAME)
    father_name: str = attrs.field(validator=_NAME)
    grandfather_name: str = attrs.field(validator=_NAME)
    family_name: str = attrs.field(validator=_NAME)
    mother_name: str = attrs.field(default="", validator=_NAME)
    birth_date: pendulum.Date = attrs.field(converter=v.to_date, validator=v.date)
    gender: Gender = attrs.field(validator=_person_gender)
    blocked: bool = attrs.field(default=False, validator=v.boolean)
    missing_since: pendulum.DateTime | None = attrs.field(
        default=None, converter=v.to_moment, validator=v.optional(v.moment)
    )
    address: str = attrs.field(default="", validator=v.text(max_length=1024))

    def __attrs_post_init__(self) -> None:
        expected = Gender.MALE if self.national_id[0] == "1" else Gender.FEMALE
        if self.gender is not expected:
            raise InconsistentValue("citizen.gender_mismatch", field="gender", value=self.gender)

    @property
    def full_name(self) -> str:
        """The four displayed name parts joined by single spaces (blank parts skipped)."""
        parts = (self.first_name, self.father_name, self.grandfather_name, self.family_name)
        return " ".join(part for part in parts if part)

    @property
    def name_key(self) -> tuple[str, str, str, str]:
        """The four name parts in roll order: first, father, grandfather, family."""
        return (self.first_name, self.father_name, self.grandfather_name, self.family_name)
