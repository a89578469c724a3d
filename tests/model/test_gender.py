"""Tests for electoral.model.gender: members, labels in both languages, letters."""

from __future__ import annotations

import pytest

from electoral.model import Gender


def test_members_and_values() -> None:
    assert [g.value for g in Gender] == ["male", "female", "unisex"]
    assert Gender("male") is Gender.MALE
    with pytest.raises(ValueError, match="'other' is not a valid Gender"):
        Gender("other")


@pytest.mark.parametrize(
    ("gender", "en", "ar"),
    [
        (Gender.MALE, "Male", "ذكر"),
        (Gender.FEMALE, "Female", "أنثى"),
        (Gender.UNISEX, "Unisex", "الجنسين"),
    ],
)
def test_labels(gender: Gender, en: str, ar: str) -> None:
    assert gender.label() == en
    assert gender.label("en") == en
    assert gender.label("ar") == ar


def test_is_person() -> None:
    assert Gender.MALE.is_person is True
    assert Gender.FEMALE.is_person is True
    assert Gender.UNISEX.is_person is False


def test_letters() -> None:
    assert [g.letter for g in Gender] == ["m", "f", "u"]
