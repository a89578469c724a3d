"""Golden tests: published seat allocations from real elections (see data/README.md)."""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path

import pytest

from electoral.seats import Allocation, highest_averages, largest_remainder

DATA = Path(__file__).parent / "data"


def _load(name: str) -> tuple[dict[str, str], dict[str, int], dict[str, int]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    options: dict[str, str] = {}
    for line in lines:
        if line.startswith("# method="):
            options = dict(part.split("=", 1) for part in line[2:].split())
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    votes = {row["list"]: int(row["votes"]) for row in rows}
    seats = {row["list"]: int(row["seats"]) for row in rows}
    return options, votes, seats


def _allocate(options: dict[str, str], votes: dict[str, int]) -> Allocation:
    seats = int(options["seats"])
    threshold = Fraction(options["threshold"]) if "threshold" in options else None
    base = int(options["threshold_base"]) if "threshold_base" in options else None
    method = options["method"]
    if method in ("dhondt", "sainte_lague", "modified_sainte_lague"):
        return highest_averages(
            votes, seats, divisor=method, threshold=threshold, threshold_base=base
        )
    return largest_remainder(votes, seats, quota=method, threshold=threshold, threshold_base=base)


@pytest.mark.parametrize("name", ["at_ep_2019.csv", "nz_2020.csv", "ua_2019.csv"])
def test_reproduces_published_allocation(name: str) -> None:
    options, votes, expected = _load(name)
    result = _allocate(options, votes)
    assert result.tie is None
    assert result.unfilled == 0
    assert dict(result.seats) == expected


def test_austria_threshold_excludes_small_lists() -> None:
    options, votes, _ = _load("at_ep_2019.csv")
    result = _allocate(options, votes)
    assert result.excluded == ("EUROPA", "KPO")


def test_ukraine_distinguishes_hare_from_droop_and_dhondt() -> None:
    _, votes, expected = _load("ua_2019.csv")
    assert dict(largest_remainder(votes, 225, quota="droop").seats) != expected
    assert dict(highest_averages(votes, 225).seats) != expected


def test_new_zealand_distinguishes_sainte_lague_from_dhondt() -> None:
    _, votes, expected = _load("nz_2020.csv")
    assert dict(highest_averages(votes, 120).seats) != expected
