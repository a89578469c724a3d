"""The lat/long clean-up helper."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InvalidType
from electoral.registration import cleanup_lat_long

EIGHT = Decimal("0.00000001")


def dms(degrees: int, minutes: int, seconds: str) -> Decimal:
    exact = Decimal(degrees) + Decimal(minutes) / 60 + Decimal(seconds) / 3600
    return exact.quantize(EIGHT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10ْ .05 30 63", dms(10, 5, "30.63")),
        ("10.1826", Decimal("10.18260000")),
        ("12.2", Decimal("12.2")),
        ("12° 2", dms(12, 2, "0")),
        ("12° 2'54.62\"", dms(12, 2, "54.62")),
        ("12ْ 14 23", dms(12, 14, "23")),
        ("12°37'7.00\"", dms(12, 37, "7.00")),
        ("12°37'49.30\"", dms(12, 37, "49.30")),
        ("14ْ 25 816", None),
        ("204650", dms(20, 46, "50")),
        ("290250", dms(29, 2, "50")),
        ("32ْ 453 700", None),
        ('57 " .579" .12', None),
        ("1234", None),
        ("  13.980153E ", Decimal("13.98015300")),
        ("32.5°", Decimal("32.5")),
        ("180.0", Decimal(180)),
        ("180.00000001", None),
        ("", None),
        ("   ", None),
        ("abc", None),
        ("1e5.", dms(1, 5, "0")),  # not a decimal: two digit runs, D M
        ("180° 30", None),
    ],
)
def test_examples(text: str, expected: Decimal | None) -> None:
    assert cleanup_lat_long(text) == expected


def test_result_has_eight_places() -> None:
    result = cleanup_lat_long("12° 2")
    assert result is not None
    assert result.as_tuple().exponent == -8


def test_refuses_non_text() -> None:
    with pytest.raises(InvalidType):
        cleanup_lat_long(12.5)  # type: ignore[arg-type]


@given(st.text(max_size=40))
def test_never_raises_and_never_above_180(text: str) -> None:
    result = cleanup_lat_long(text)
    assert result is None or result <= 180


@given(st.integers(0, 179), st.integers(0, 59), st.integers(0, 59))
def test_three_groups_read_as_dms(degrees: int, minutes: int, seconds: int) -> None:
    assert cleanup_lat_long(f"{degrees}° {minutes}' {seconds}\"") == dms(
        degrees, minutes, str(seconds)
    )
