"""The voter roll of a centre (سجل الناخبين) and its Arabic-aware order.

The roll of a centre is the citizens with a **current** registration there (not
archived and not deleted), or at its original when the centre is a copy. Missing
and blocked citizens are left out. SmartElect's roll query filtered only on
``archive_time``, so blocked voters (whose registrations are soft-deleted) stayed
on the roll; this library excludes deleted registrations **and** blocked citizens on
purpose.

The roll is sorted by first, father's, grandfather's and family name. SmartElect let
PostgreSQL sort with the ``en_US.UTF-8`` collation; this library sorts in Python with
a pluggable key. The default, :func:`arabic_roll_key`, compares each name part by a
*primary* form and breaks ties deterministically:

1. the primary form of each of the four parts, in roll order: the part in Unicode
   NFKC (Arabic presentation forms become letters), case-folded, without
   diacritics (harakat, shadda, sukun, superscript alef: category ``Mn``), tatweel
   (U+0640), punctuation, spaces and format characters, and with the hamza and
   madda forms of alef (أ إ آ ٱ) read as bare alef (ا);
2. then the four parts exactly as written (code points);
3. then the national id, so that equal names still sort the same way whatever the
   order of the input.

Like glibc's ``en_US.UTF-8`` collation it ignores diacritics, spaces and
punctuation at the first level; unlike it, it also folds the alef variants, which
data entry uses interchangeably. Plug in ICU (or any key) with ``key=``.

Sources: SmartElect ``rollgen/job.py`` ("get voter roll"), ``rollgen/constants.py``
(issue 1221), ``libya_elections/tests/test_db_utils.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> primary_form("أَحْمَد") == primary_form("احمد")
True
>>> sorted(["إبراهيم", "احمد", "ابتسام"], key=primary_form)
['ابتسام', 'إبراهيم', 'احمد']
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from itertools import compress, islice
from operator import add, attrgetter, eq, itemgetter
from typing import Any, Final, Protocol, TypeVar

import attrs
import pendulum

from electoral._guard import guarded, typed_fields
from electoral.errors import InconsistentValue
from electoral.model import Center, Citizen, Gender
from electoral.registration import _common as c
from electoral.registration._registry import RegistryRecord

__all__ = [
    "DEFAULT_MAX_CHANGES",
    "Registration",
    "RollKey",
    "Voter",
    "arabic_roll_key",
    "codepoint_roll_key",
    "primary_form",
    "sort_roll",
    "voter_roll",
    "voter_rolls",
]

DEFAULT_MAX_CHANGES: Final = 3
"""SMS centre changes allowed after the first registration (``max_changes``)."""


class Voter(Protocol):
    """What the roll and the station allocation need of a person.

    :class:`~electoral.model.Citizen` and
    :class:`~electoral.registration.RegistryRecord` both qualify.
    """

    @property
    def national_id(self) -> str: ...
    @property
    def gender(self) -> Gender: ...
    @property
    def first_name(self) -> str: ...
    @property
    def father_name(self) -> str: ...
    @property
    def grandfather_name(self) -> str: ...
    @property
    def family_name(self) -> str: ...


V = TypeVar("V", bound=Voter)
RollKey = Callable[[Voter], Any]
"""A sort key for a roll: any function of a voter whose results compare."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Registration:
    """A citizen's registration at a centre (SmartElect ``Registration``).

    History is kept by archiving: before a change, a copy of the old row is kept with
    ``archived_at`` set. A *current* registration is neither archived nor deleted.

    Attributes:
        citizen_id: the citizen's ``civil_registry_id``.
        center_id: the centre registered at.
        phone: the sender of the SMS that created or last changed it (raw, never
            canonicalised).
        created_at: when this version was written.
        change_count: SMS centre changes made so far.
        max_changes: changes allowed (3; the help desk adds 3 more).
        repeat_count: identical repeats counted (drives no reply).
        unlocked_until: while in the future, any phone may change it.
        deleted: soft-deleted (blocking deletes every registration).
        archived_at: set on an archived (historical) copy.
    """

    citizen_id: int = attrs.field(validator=c.integer(1))
    center_id: int = attrs.field(validator=c.integer(10_000, 99_999))
    phone: str = attrs.field(validator=c.text)
    created_at: pendulum.DateTime = attrs.field(converter=c.to_moment, validator=c.moment)
    change_count: int = attrs.field(default=0, validator=c.integer(0))
    max_changes: int = attrs.field(default=DEFAULT_MAX_CHANGES, validator=c.integer(0))
    repeat_count: int = attrs.field(default=1, validator=c.integer(0))
    unlocked_until: pendulum.DateTime | None = attrs.field(
        default=None, converter=c.to_moment, validator=c.optional_moment
    )
    deleted: bool = attrs.field(default=False, validator=c.boolean)
    archived_at: pendulum.DateTime | None = attrs.field(
        default=None, converter=c.to_moment, validator=c.optional_moment
    )

    @property
    def is_current(self) -> bool:
        """Neither archived nor deleted."""
        return self.archived_at is None and not self.deleted

    @guarded
    def is_unlocked(self, now: pendulum.DateTime) -> bool:
        """Whether ``unlocked_until`` lies after ``now``."""
        return self.unlocked_until is not None and self.unlocked_until > now


_FOLD: Final = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"})
_DROP: Final = frozenset({"Mn", "Me", "Cf", "Cc", "Zs", "Zl", "Zp"})


@functools.lru_cache(maxsize=1 << 16)
@guarded
def primary_form(part: str) -> str:
    """The first-level collation form of one name part (see the module text)."""
    text = unicodedata.normalize("NFKC", part).casefold().translate(_FOLD)
    return "".join(
        ch
        for ch in text
        if ch != "\u0640"
        and unicodedata.category(ch) not in _DROP
        and not unicodedata.category(ch).startswith("P")
    )


@guarded
def arabic_roll_key(voter: Voter) -> tuple[str, ...]:
    """The default roll key: four primary forms, four exact parts, national id.

    >>> from electoral.registration import RegistryRecord
    >>> import pendulum
    >>> a = RegistryRecord(1, "أحمد", "علي", "", "", "", 1,
    ...                    pendulum.date(1980, 1, 1), "", "119800000001", "1", 0, 0, 0)
    >>> arabic_roll_key(a)[:2]
    ('احمد', 'علي')
    """
    first, father, grand, family = (
        voter.first_name,
        voter.father_name,
        voter.grandfather_name,
        voter.family_name,
    )
    return (
        primary_form(first),
        primary_form(father),
        primary_form(grand),
        primary_form(family),
        first,
        father,
        grand,
        family,
        voter.national_id,
    )


@guarded
def codepoint_roll_key(voter: Voter) -> tuple[str, ...]:
    """Plain code-point order of the four parts, then the national id."""
    return (
        voter.first_name,
        voter.father_name,
        voter.grandfather_name,
        voter.family_name,
        voter.national_id,
    )


_FIELDS: Final = (
    attrgetter("first_name"),
    attrgetter("father_name"),
    attrgetter("grandfather_name"),
    attrgetter("family_name"),
    attrgetter("national_id"),
)
"""The four name parts and the national id of a voter."""
_RECORD_FIELDS: Final = tuple(map(itemgetter, (1, 2, 3, 4, 9)))
"""The same fields of a :class:`~electoral.registration.RegistryRecord`, by position."""


@guarded
def sort_roll(voters: Iterable[V], *, key: RollKey = arabic_roll_key) -> list[V]:
    """Sort voters into roll order (deterministic whatever the input order).

    With the default key the order is exactly ``sorted(voters, key=arabic_roll_key)``,
    found without a Python-level call per voter: each name part is read from every
    voter a column at a time, each distinct name's primary form is computed once, and
    the voters are sorted by their four primary forms, then each run of equal forms
    by the rest of the key.
    """
    if key is not arabic_roll_key:
        return sorted(voters, key=key)
    roll = list(voters)
    fields: tuple[Callable[[Any], Any], ...] = (
        _RECORD_FIELDS if set(map(type, roll)) == {RegistryRecord} else _FIELDS
    )
    parts = [list(map(field, roll)) for field in fields[:4]]
    national_id = fields[4]
    order = _roll_order(parts, lambda i: national_id(roll[i]))
    return list(map(roll.__getitem__, order))


def _roll_order(parts: list[list[str]], national_id: Callable[[int], str]) -> list[int]:
    """The positions of the roll in the order of :func:`arabic_roll_key`.

    The key compares four primary forms, then four exact parts, then the national
    id (then the position: the sort is stable). Each column's distinct primary forms
    are ranked in code-point order, and a voter's four ranks are read as the digits of
    one whole number (mixed radix, the first part weighing most): numbers compare as
    the tuples of forms do, and a sort of whole numbers is several times faster than a
    sort of tuples of texts. Voters are sorted by that number alone; only runs of
    voters whose four forms are equal, few in a roll, are then put in the order of
    the rest of the key (``national_id`` gives the national id of the voter at a
    position, asked for only there).
    """
    distinct = [set(column) for column in parts]
    form_of = {name: primary_form(name) for name in set().union(*distinct)}
    weights: list[dict[str, int]] = []
    scale = 1
    for names in reversed(distinct):
        forms = sorted({form_of[name] for name in names})
        rank = {form: place * scale for place, form in enumerate(forms)}
        weights.append({name: rank[form_of[name]] for name in names})
        scale *= len(forms)
    weights.reverse()
    keys: Iterable[int] = map(weights[0].__getitem__, parts[0])
    for column, weight in zip(parts[1:], weights[1:], strict=True):
        keys = map(add, keys, map(weight.__getitem__, column))
    key = list(keys)
    order = sorted(range(len(key)), key=key.__getitem__)
    if len(set(key)) == len(key):
        return order
    ranked = list(map(key.__getitem__, order))
    # the places where a voter's four forms equal the previous voter's (C-level)
    ties = list(compress(range(1, len(ranked)), map(eq, ranked, islice(ranked, 1, None))))
    index = 0
    while index < len(ties):
        start = end = ties[index]  # a run of equal forms from start - 1 to end
        while index + 1 < len(ties) and ties[index + 1] == end + 1:
            index += 1
            end += 1
        order[start - 1 : end + 1] = sorted(
            order[start - 1 : end + 1],
            key=lambda i: (*(column[i] for column in parts), national_id(i), i),
        )
        index += 1
    return order


@guarded
def voter_rolls(
    centers: Iterable[Center],
    registrations: Iterable[Registration],
    citizens: Mapping[int, Citizen],
    *,
    key: RollKey = arabic_roll_key,
) -> dict[int, list[Citizen]]:
    """The sorted roll of every centre given; a copy gets its original's roll.

    Current registrations only; blocked, missing and unknown citizens are left out.

    Raises:
        InconsistentValue: ``registration.two_current``, a citizen with two current
            registrations; ``registration.unknown_center``, a copy whose original is
            not among ``centers``.
    """
    chosen = list(centers)
    by_center: defaultdict[int, list[Citizen]] = defaultdict(list)
    seen: set[int] = set()
    for registration in registrations:
        if not registration.is_current:
            continue
        if registration.citizen_id in seen:
            raise InconsistentValue(
                "registration.two_current", field="citizen_id", value=registration.citizen_id
            )
        seen.add(registration.citizen_id)
        citizen = citizens.get(registration.citizen_id)
        if citizen is None or citizen.blocked or citizen.missing_since is not None:
            continue
        by_center[registration.center_id].append(citizen)
    ids = {center.center_id for center in chosen}
    rolls: dict[int, list[Citizen]] = {}
    sorted_by_original: dict[int, list[Citizen]] = {}
    for center in chosen:
        original = center.original_id
        if center.is_copy and original not in ids:
            raise InconsistentValue("registration.unknown_center", field="copy_of", value=original)
        if original not in sorted_by_original:
            sorted_by_original[original] = sort_roll(by_center.get(original, []), key=key)
        rolls[center.center_id] = sorted_by_original[original]
    return rolls


@guarded
def voter_roll(
    center: Center,
    centers: Iterable[Center],
    registrations: Iterable[Registration],
    citizens: Mapping[int, Citizen],
    *,
    key: RollKey = arabic_roll_key,
) -> list[Citizen]:
    """The sorted roll of one centre (see :func:`voter_rolls`)."""
    group = {c.center_id: c for c in centers}
    group[center.center_id] = center
    wanted = [center] + ([group[center.original_id]] if center.original_id in group else [])
    return voter_rolls(wanted, registrations, citizens, key=key)[center.center_id]
