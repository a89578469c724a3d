"""Copy-centre groups and the centre texts of the printed rolls (مراكز النسخ).

* **Related by copy** (:func:`related_by_copy`): the original first, then its
  undeleted copies by centre id; the same group from any member.
* **Copy information** printed on rolls and signs (:func:`copy_info`): a copy says
  ``نسخة من مركز: <original id>``; an original says ``تم النسخ بواسطة مركز: <id>`` for
  one copy or ``تم النسخ بواسطة المراكز: <ids>`` for several, the ids joined by the
  Arabic comma U+060C and a space; a centre without copies says nothing.
* **Name truncation** (:func:`truncate_center_name`): in page headers and on unisex
  signs a centre name longer than 42 characters is cut after 42 and ``...`` added
  (``ROLLGEN_CENTER_NAME_TRUNCATE_AFTER``).
* **Opening registration** (:func:`set_reg_open`, the ``set_reg_open`` command):
  ``reg_open`` for all centres, or for the centres of the listed subconstituencies.

Sources: SmartElect ``register/models.py`` ("related by copy"), ``rollgen/utils.py``
("build copy info"), ``rollgen/constants.py``, ``libya_elections/settings/base.py``,
``register/management/commands/set_reg_open.py``
(SmartElect/SmartElect at commit ``d6d35f2``).

>>> from electoral.model import Center, CenterType
>>> o = Center(center_id=11001, name_ar="مدرسة الفاتح")
>>> a = Center(center_id=11003, name_ar="نسخة أ", center_type=CenterType.COPY, copy_of=11001)
>>> b = Center(center_id=11002, name_ar="نسخة ب", center_type=CenterType.COPY, copy_of=11001)
>>> [c.center_id for c in related_by_copy(a, [o, a, b])]
[11001, 11002, 11003]
>>> copy_info(o, [o, a, b])
'تم النسخ بواسطة المراكز: 11002، 11003'
>>> copy_info(a, [o, a, b])
'نسخة من مركز: 11001'
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Final

import attrs

from electoral._guard import guarded
from electoral.errors import InconsistentValue, InvalidType
from electoral.model import Center

__all__ = [
    "ARABIC_COMMA",
    "CENTER_NAME_TRUNCATE_AFTER",
    "copy_info",
    "related_by_copy",
    "set_reg_open",
    "truncate_center_name",
]

ARABIC_COMMA: Final = "\u060c"
"""The Arabic comma, used to join lists in Arabic text."""
CENTER_NAME_TRUNCATE_AFTER: Final = 42
"""``ROLLGEN_CENTER_NAME_TRUNCATE_AFTER``."""


def _centers(centers: Iterable[Center]) -> dict[int, Center]:
    found: dict[int, Center] = {}
    for center in centers:
        if not isinstance(center, Center):
            raise InvalidType(field="centers", value=center)
        found[center.center_id] = center
    return found


@guarded
def related_by_copy(center: Center, centers: Iterable[Center]) -> list[Center]:
    """The copy group of ``center``: the original, then its copies by centre id.

    Args:
        center: any member of the group.
        centers: the undeleted centres (the original must be among them).

    Raises:
        InconsistentValue: ``registration.copy.unknown_original``.
    """
    if not isinstance(center, Center):
        raise InvalidType(field="center", value=center)
    known = _centers(centers)
    original_id = center.copy_of if center.copy_of is not None else center.center_id
    original = center if original_id == center.center_id else known.get(original_id)
    if original is None:
        raise InconsistentValue(
            "registration.copy.unknown_original", field="copy_of", value=original_id
        )
    copies = sorted(
        (c for c in known.values() if c.copy_of == original_id), key=lambda c: c.center_id
    )
    return [original, *copies]


@guarded
def copy_info(center: Center, centers: Iterable[Center]) -> str:
    """The Arabic copy line printed on a centre's rolls and signs ("" if none)."""
    if not isinstance(center, Center):
        raise InvalidType(field="center", value=center)
    if center.copy_of is not None:
        return f"نسخة من مركز: {center.copy_of}"
    copies = [c.center_id for c in related_by_copy(center, centers)[1:]]
    if not copies:
        return ""
    if len(copies) == 1:
        return f"تم النسخ بواسطة مركز: {copies[0]}"
    return "تم النسخ بواسطة المراكز: " + f"{ARABIC_COMMA} ".join(map(str, copies))


@guarded
def truncate_center_name(name: str, limit: int = CENTER_NAME_TRUNCATE_AFTER) -> str:
    """Cut a centre name longer than ``limit`` characters after ``limit``, adding ``...``.

    >>> truncate_center_name("م" * 43) == "م" * 42 + "..."
    True
    >>> truncate_center_name("مدرسة الفاتح")
    'مدرسة الفاتح'
    """
    if not isinstance(name, str):
        raise InvalidType(field="name", value=name)
    if type(limit) is not int or limit < 0:
        raise InvalidType(field="limit", value=limit)
    return name if len(name) <= limit else name[:limit] + "..."


@guarded
def set_reg_open(
    centers: Iterable[Center],
    reg_open: bool,
    *,
    subconstituencies: Collection[int] | None = None,
) -> list[Center]:
    """The centres with ``reg_open`` set, for all or for the listed subconstituencies.

    >>> from electoral.model import Center
    >>> cs = [Center(center_id=11001, name_ar="أ", subconstituency_id=5),
    ...       Center(center_id=11002, name_ar="ب", subconstituency_id=6)]
    >>> [c.reg_open for c in set_reg_open(cs, False, subconstituencies={6})]
    [True, False]
    """
    if type(reg_open) is not bool:
        raise InvalidType(field="reg_open", value=reg_open)
    result = []
    for center in centers:
        if not isinstance(center, Center):
            raise InvalidType(field="centers", value=center)
        chosen = subconstituencies is None or center.subconstituency_id in subconstituencies
        result.append(attrs.evolve(center, reg_open=reg_open) if chosen else center)
    return result
