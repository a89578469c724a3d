"""The screens on published forms: what they flag, how they rank, what they refuse."""

from __future__ import annotations

from fractions import Fraction

import pytest

from electoral.forensics import (
    CAVEATS,
    digit_flags,
    fingerprint,
    identical_vector_flags,
    last_digit_test,
    round_number_test,
    screen,
    station_figures,
    turnout_flags,
)
from electoral.model import FormState
from electoral.publication import PublishedForm
from electoral.testing import raises_code


def _form(
    center: int, station: int, votes: tuple[int, ...], registrants: int = 900, ballot: int = 1
) -> PublishedForm:
    valid = sum(votes)
    return PublishedForm(
        constituency_id=1,
        subconstituency_id=1,
        center_id=center,
        station_number=station,
        ballot_number=ballot,
        barcode=f"{center}{station:03d}{ballot:03d}",
        state=FormState.ARCHIVED,
        reconciliation=(registrants, valid + 5, valid, 5, valid + 5),
        votes=votes,
    )


def _honest(count: int = 40) -> list[PublishedForm]:
    forms = []
    for i in range(count):
        center, station = 10001 + i // 4, 1 + i % 4
        base = 150 + (i * 37) % 90
        forms.append(_form(center, station, (base, base // 2 + i % 7, base // 3 + (i * 3) % 11)))
    return forms


def test_figures_are_exact_fractions() -> None:
    figures = station_figures([_form(10001, 1, (60, 30, 10), registrants=200)])
    assert figures[0].turnout == Fraction(105, 200)
    assert figures[0].leader_share == Fraction(60, 100)
    assert figures[0].place == (1, 10001, 1)


def test_a_stuffed_station_is_flagged_for_turnout() -> None:
    forms = _honest()
    forms[10] = _form(forms[10].center_id, forms[10].station_number, (880, 3, 2))
    flags = turnout_flags(station_figures(forms))
    ranked = sorted(flags, key=lambda f: f.p_value)
    assert ranked[0].subject == (1, forms[10].center_id, forms[10].station_number)
    assert ranked[0].adjusted is not None
    assert ranked[0].adjusted < 0.001
    assert ranked[0].caveat == CAVEATS["turnout"]
    fp = fingerprint(station_figures(forms), bins=10)
    assert sum(map(sum, fp.counts)) == len(forms)
    assert fp.left_out == 0
    assert fp.counts[9][9] == 1  # the stuffed station: turnout and share near 1


def test_copied_vote_vectors_are_flagged() -> None:
    forms = _honest()
    forms[5] = _form(forms[5].center_id, forms[5].station_number, forms[20].votes)
    flags = identical_vector_flags(station_figures(forms))
    assert {f.subject for f in flags} == {
        (1, forms[5].center_id, forms[5].station_number),
        (1, forms[20].center_id, forms[20].station_number),
    }
    assert all(f.statistic == 2 and f.p_value < 0.01 for f in flags)


def test_invented_round_numbers_are_ranked_first() -> None:
    forms = _honest(60)
    forms[7] = _form(
        forms[7].center_id, forms[7].station_number, (150, 100, 50, 200, 250, 300, 350), ballot=2
    )
    forms.extend(
        _form(
            20001 + i,
            1,
            (
                101 + 13 * i,
                97 + 7 * i,
                143 + 3 * i,
                118 + i,
                162 + 9 * i,
                133 + 5 * i,
                171 + 11 * i,
            ),
            ballot=2,
        )
        for i in range(20)
    )
    flags = digit_flags(station_figures(forms))
    rounded = sorted((f for f in flags if f.test == "round_numbers"), key=lambda f: f.p_value)
    assert rounded[0].subject == (2, forms[7].center_id, forms[7].station_number)
    assert rounded[0].statistic == 7


def test_the_screen_keeps_only_what_survives_the_correction() -> None:
    forms = _honest()
    forms[10] = _form(forms[10].center_id, forms[10].station_number, (880, 3, 2))
    flags = screen(forms)
    assert flags
    assert all(f.adjusted is not None and f.adjusted <= 0.05 for f in flags)
    assert [f.adjusted for f in flags] == sorted(f.adjusted for f in flags)  # type: ignore[type-var]
    assert flags[0].subject == (1, forms[10].center_id, forms[10].station_number)
    assert screen(_honest()) == ()


def test_wrong_arguments() -> None:
    with pytest.raises(TypeError, match="forms"):
        station_figures("forms")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="forms"):
        station_figures([1])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="q"):
        screen([], q=0.05)  # type: ignore[arg-type]
    with raises_code("forensics.level"):
        screen([], q=Fraction(3, 2))
    with raises_code("forensics.minimum"):
        fingerprint([], bins=0)
    with pytest.raises(TypeError, match="bins"):
        fingerprint([], bins=2.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="figures"):
        fingerprint(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="counts"):
        last_digit_test(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="counts"):
        round_number_test([1.5])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="counts"):
        last_digit_test([True])
    with pytest.raises(TypeError, match="figures"):
        digit_flags([_honest()[0]])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="group"):
        turnout_flags([], group=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="q"):
        identical_vector_flags([], q=1)  # type: ignore[arg-type]
