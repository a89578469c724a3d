"""List composition rules: the 2012 zipper and the 2023 municipal lists.

* **Vertical zipper** (Law 4/2012 Art. 15): the candidates of a list alternate
  between men and women.
* **Horizontal zipper** (Law 4/2012 Art. 15, as explained by Al Jazeera and
  ElectionGuide): across an entity's lists in different districts, about half are
  headed by women. How an odd number of lists rounds is not stated in any of
  these sources, so it is a parameter.
* **Municipal lists** (HNEC Decree 43/2023 Art. 8; rejection under Art. 24): a list
  of a 7-, 9- or 11-seat council has 5, 6 or 7 candidates, of whom at least 1, 2 or 3
  are women and at least 1 is a person with a disability ("disabled revolutionary",
  Law 59/2012 Art. 11).

Non-compliant lists are rejected, never silently fixed. The ``check_*`` functions
return the problems (an empty tuple when the list complies); ``screen_municipal_lists``
splits a set of lists into accepted and rejected ones.

>>> from electoral.model.gender import Gender
>>> M, F = Gender.MALE, Gender.FEMALE
>>> check_vertical_zipper([M, F, M, F])
()
>>> [error.code for error in check_vertical_zipper([M, M, F])]
['seats.zipper_vertical']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import attrs

from electoral._guard import guarded, typed_fields
from electoral.errors import (
    InconsistentValue,
    InvalidType,
    OutOfRange,
    ValidationError,
    ValidationErrors,
)
from electoral.model.gender import Gender

__all__ = [
    "MUNICIPAL_COUNCILS",
    "MunicipalCandidate",
    "MunicipalCouncil",
    "Screening",
    "check_horizontal_zipper",
    "check_municipal_list",
    "check_vertical_zipper",
    "screen_municipal_lists",
]


def _gender_error(field: str, index: int, value: object) -> ValidationError | None:
    if not isinstance(value, Gender) or not value.is_person:
        return InvalidType("seats.gender", field=f"{field}[{index}]", value=value)
    return None


@guarded
def check_vertical_zipper(
    genders: Sequence[Gender], *, field: str = "list"
) -> tuple[ValidationError, ...]:
    """Check that men and women alternate down a list (Law 4/2012 Art. 15).

    Args:
        genders: the gender of each candidate, in list order.
        field: the name of the list, for the errors.

    Returns:
        One ``seats.zipper_vertical`` error per adjacent pair of the same gender
        (and ``seats.gender`` for a value that is not male or female).

    >>> from electoral.model.gender import Gender
    >>> check_vertical_zipper([Gender.FEMALE, Gender.MALE, Gender.FEMALE])
    ()
    """
    errors: list[ValidationError] = []
    for index, value in enumerate(genders):
        problem = _gender_error(field, index, value)
        if problem is not None:
            errors.append(problem)
    if errors:
        return tuple(errors)
    for index in range(len(genders) - 1):
        if genders[index] is genders[index + 1]:
            errors.append(
                InconsistentValue(
                    "seats.zipper_vertical",
                    field=field,
                    value=genders[index].value,
                    position=index + 1,
                    next_position=index + 2,
                )
            )
    return tuple(errors)


OddLists = Literal["either", "woman", "man"]


@guarded
def check_horizontal_zipper(
    heads: Sequence[Gender], *, odd: OddLists = "either", field: str = "entity"
) -> tuple[ValidationError, ...]:
    """Check that about half of an entity's lists are headed by women (Art. 15).

    Args:
        heads: the gender of the first candidate of each of the entity's lists.
        odd: with an odd number of lists, who may head the extra one: ``"either"``
            (default; the law is silent), ``"woman"`` or ``"man"``.
        field: the entity's name, for the error.

    Returns:
        ``(seats.zipper_horizontal,)`` if the number of women heads is outside the
        allowed range, else ``()``.

    >>> from electoral.model.gender import Gender
    >>> M, F = Gender.MALE, Gender.FEMALE
    >>> check_horizontal_zipper([M, F, M])
    ()
    >>> check_horizontal_zipper([M, F, M], odd="woman")[0].code
    'seats.zipper_horizontal'
    """
    errors = [e for i, v in enumerate(heads) if (e := _gender_error(field, i, v)) is not None]
    if errors:
        return tuple(errors)
    lists = len(heads)
    women = sum(1 for head in heads if head is Gender.FEMALE)
    low, high = lists // 2, (lists + 1) // 2
    if odd == "woman":
        low = high
    elif odd == "man":
        high = low
    if low <= women <= high:
        return ()
    return (
        OutOfRange(
            "seats.zipper_horizontal",
            field=field,
            value=women,
            lists=lists,
            minimum=low,
            maximum=high,
            min_value=low,
            max_value=high,
        ),
    )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class MunicipalCouncil:
    """The seats of a municipal council under HNEC Decree 43/2023.

    Attributes:
        size: the council's seats (7, 9 or 11).
        list_seats: the seats the winning list takes (block vote, Art. 7).
        women: the women required on a list.
        disabled: the persons with a disability required on a list.
        individual_seats: the seats elected as individuals.
    """

    size: int
    list_seats: int
    women: int
    disabled: int
    individual_seats: int


MUNICIPAL_COUNCILS: Mapping[int, MunicipalCouncil] = {
    council.size: council
    for council in (
        MunicipalCouncil(size=7, list_seats=5, women=1, disabled=1, individual_seats=2),
        MunicipalCouncil(size=9, list_seats=6, women=2, disabled=1, individual_seats=3),
        MunicipalCouncil(size=11, list_seats=7, women=3, disabled=1, individual_seats=4),
    )
}
"""Decree 43/2023 as summarised by the IDEA/UN Women quota database
(https://testadmin.genderquota.org/node/3849)."""


def council(size: object) -> MunicipalCouncil:
    """The :class:`MunicipalCouncil` of ``size`` seats.

    Raises:
        OutOfRange: ``seats.council_size`` for a size other than 7, 9 or 11.

    >>> council(9).list_seats
    6
    """
    if type(size) is int and size in MUNICIPAL_COUNCILS:
        return MUNICIPAL_COUNCILS[size]
    raise OutOfRange(
        "seats.council_size", field="council_size", value=size, min_value=7, max_value=11
    )


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class MunicipalCandidate:
    """A candidate on a municipal list: identifier, gender, disability."""

    name: str
    gender: Gender
    disabled: bool = False


@guarded
def check_municipal_list(
    candidates: Sequence[MunicipalCandidate], council_size: int, *, field: str = "list"
) -> tuple[ValidationError, ...]:
    """Check a municipal list against Decree 43/2023 Art. 8.

    Args:
        candidates: the list, in order.
        council_size: 7, 9 or 11.
        field: the list's name, for the errors.

    Returns:
        The problems: ``seats.list_size``, ``seats.list_women``,
        ``seats.list_disabled`` (empty when the list complies).

    Raises:
        OutOfRange: ``seats.council_size``.

    >>> from electoral.model.gender import Gender
    >>> people = [MunicipalCandidate(name=f"c{i}", gender=Gender.MALE) for i in range(5)]
    >>> [e.code for e in check_municipal_list(people, 7)]
    ['seats.list_women', 'seats.list_disabled']
    """
    rules = council(council_size)
    errors: list[ValidationError] = []
    if len(candidates) != rules.list_seats:
        errors.append(
            InconsistentValue(
                "seats.list_size",
                field=field,
                value=len(candidates),
                council=rules.size,
                required=rules.list_seats,
            )
        )
    women = sum(1 for person in candidates if person.gender is Gender.FEMALE)
    if women < rules.women:
        errors.append(
            InconsistentValue("seats.list_women", field=field, value=women, required=rules.women)
        )
    disabled = sum(1 for person in candidates if person.disabled)
    if disabled < rules.disabled:
        errors.append(
            InconsistentValue(
                "seats.list_disabled", field=field, value=disabled, required=rules.disabled
            )
        )
    return tuple(errors)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Screening:
    """Lists accepted and rejected, with the reasons for each rejection."""

    accepted: tuple[str, ...]
    rejected: Mapping[str, ValidationErrors]


@guarded
def screen_municipal_lists(
    lists: Mapping[str, Sequence[MunicipalCandidate]], council_size: int
) -> Screening:
    """Accept the compliant lists and reject the others (Decree 43/2023 Art. 24).

    >>> from electoral.model.gender import Gender
    >>> ok = [MunicipalCandidate(name="a", gender=Gender.FEMALE, disabled=True)] + [
    ...     MunicipalCandidate(name=f"m{i}", gender=Gender.MALE) for i in range(4)]
    >>> screening = screen_municipal_lists({"L1": ok, "L2": ok[1:]}, 7)
    >>> screening.accepted, screening.rejected["L2"].codes
    (('L1',), ('seats.list_size', 'seats.list_women', 'seats.list_disabled'))
    """
    accepted: list[str] = []
    rejected: dict[str, ValidationErrors] = {}
    for name in sorted(lists):
        problems = check_municipal_list(lists[name], council_size, field=name)
        if problems:
            rejected[name] = ValidationErrors(f"list {name} rejected", problems)
        else:
            accepted.append(name)
    return Screening(accepted=tuple(accepted), rejected=rejected)
