"""Copy-centre groups, copy information, name truncation, opening registration."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InconsistentValue, InvalidType
from electoral.model import Center, CenterType
from electoral.registration import (
    copy_info,
    related_by_copy,
    set_reg_open,
    truncate_center_name,
)

ORIGINAL = Center(center_id=11001, name_ar="مدرسة الفاتح")


def copy(center_id: int, of: int = 11001) -> Center:
    return Center(
        center_id=center_id, name_ar=f"نسخة {center_id}", center_type=CenterType.COPY, copy_of=of
    )


def test_group_is_the_same_from_every_member() -> None:
    group = [copy(11009), ORIGINAL, copy(11004), Center(center_id=12000, name_ar="آخر")]
    expected = [11001, 11004, 11009]
    for member in group[:3]:
        assert [c.center_id for c in related_by_copy(member, group)] == expected
    lonely = Center(center_id=12000, name_ar="آخر")
    assert related_by_copy(lonely, group) == [lonely]


def test_group_needs_the_original() -> None:
    with pytest.raises(InconsistentValue):
        related_by_copy(copy(11002), [copy(11002)])
    with pytest.raises(TypeError, match=r"^center: "):
        related_by_copy("11001", [])  # type: ignore[arg-type]
    with pytest.raises(InvalidType):  # a member: checked by the rule itself
        related_by_copy(ORIGINAL, ["x"])  # type: ignore[list-item]


def test_copy_info_texts() -> None:
    assert copy_info(ORIGINAL, [ORIGINAL]) == ""
    assert copy_info(ORIGINAL, [ORIGINAL, copy(11002)]) == "تم النسخ بواسطة مركز: 11002"
    several = copy_info(ORIGINAL, [copy(11003), ORIGINAL, copy(11002)])
    assert several == "تم النسخ بواسطة المراكز: 11002\u060c 11003"
    assert copy_info(copy(11002), []) == "نسخة من مركز: 11001"


@given(st.text(max_size=100))
def test_truncation(name: str) -> None:
    short = truncate_center_name(name)
    if len(name) <= 42:
        assert short == name
    else:
        assert short == name[:42] + "..."


def test_truncation_refuses() -> None:
    with pytest.raises(InvalidType):
        truncate_center_name(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidType):
        truncate_center_name("x", limit=-1)


def test_set_reg_open() -> None:
    centers = [
        Center(center_id=11001, name_ar="أ", subconstituency_id=5),
        Center(center_id=11002, name_ar="ب", subconstituency_id=6, reg_open=False),
    ]
    assert [c.reg_open for c in set_reg_open(centers, True)] == [True, True]
    assert [c.reg_open for c in set_reg_open(centers, False, subconstituencies=[5])] == [
        False,
        False,
    ]
    assert set_reg_open(centers, True, subconstituencies=[7]) == centers
    with pytest.raises(InvalidType):
        set_reg_open(centers, 1)  # type: ignore[arg-type]
