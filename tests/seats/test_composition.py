"""List composition: the 2012 zipper and the 2023 municipal lists."""

from __future__ import annotations

import pytest

from electoral.errors import OutOfRange
from electoral.model.gender import Gender
from electoral.seats import (
    MUNICIPAL_COUNCILS,
    MunicipalCandidate,
    check_horizontal_zipper,
    check_municipal_list,
    check_vertical_zipper,
    screen_municipal_lists,
)

M, F, U = Gender.MALE, Gender.FEMALE, Gender.UNISEX


def test_vertical_zipper() -> None:
    assert check_vertical_zipper([F, M, F, M, F]) == ()
    assert check_vertical_zipper([]) == ()
    errors = check_vertical_zipper([M, F, F, M, M])
    assert [e.code for e in errors] == ["seats.zipper_vertical"] * 2
    assert [e.params["position"] for e in errors] == [2, 4]
    assert [e.code for e in check_vertical_zipper([M, U])] == ["seats.gender"]


@pytest.mark.parametrize(
    ("heads", "odd", "ok"),
    [
        ([M, F], "either", True),
        ([M, M], "either", False),
        ([M, F, M], "either", True),
        ([F, F, M], "either", True),
        ([M, F, M], "woman", False),
        ([F, F, M], "man", False),
        ([M, M, M, F], "either", False),
        ([], "either", True),
    ],
)
def test_horizontal_zipper(heads: list[Gender], odd: str, ok: bool) -> None:
    errors = check_horizontal_zipper(heads, odd=odd)  # type: ignore[arg-type]
    assert (errors == ()) is ok
    assert all(e.code == "seats.zipper_horizontal" for e in errors)


def _list(women: int, disabled: int, size: int) -> list[MunicipalCandidate]:
    return [
        MunicipalCandidate(name=f"p{i}", gender=F if i < women else M, disabled=i < disabled)
        for i in range(size)
    ]


@pytest.mark.parametrize("council", [7, 9, 11])
def test_municipal_lists(council: int) -> None:
    rules = MUNICIPAL_COUNCILS[council]
    assert rules.list_seats + rules.individual_seats == council
    good = _list(rules.women, 1, rules.list_seats)
    assert check_municipal_list(good, council) == ()
    short_of_women = _list(rules.women - 1, 1, rules.list_seats)
    assert [e.code for e in check_municipal_list(short_of_women, council)] == ["seats.list_women"]
    no_disabled = _list(rules.women, 0, rules.list_seats)
    assert [e.code for e in check_municipal_list(no_disabled, council)] == ["seats.list_disabled"]
    too_long = _list(rules.women, 1, rules.list_seats + 1)
    assert [e.code for e in check_municipal_list(too_long, council)] == ["seats.list_size"]


def test_unknown_council_size() -> None:
    with pytest.raises(OutOfRange) as info:
        check_municipal_list([], 8)
    assert info.value.code == "seats.council_size"


def test_screening_rejects_non_compliant_lists() -> None:
    screening = screen_municipal_lists(
        {"L1": _list(2, 1, 6), "L2": _list(1, 1, 6), "L3": _list(3, 1, 6)}, 9
    )
    assert screening.accepted == ("L1", "L3")
    assert screening.rejected["L2"].codes == ("seats.list_women",)
