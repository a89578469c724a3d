"""The bounded-memory repeat finder behind the streaming registry check."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral import _repeats
from electoral._repeats import Repeats


@given(st.lists(st.integers(0, 30), max_size=60), st.integers(1, 5))
def test_later_gives_every_repeat_after_the_first(values: list[int], chunk: int) -> None:
    repeats = Repeats(chunk=chunk)
    for line, value in enumerate(values, start=1):
        repeats.add(str(value), line)
    seen: set[int] = set()
    expected = []
    for line, value in enumerate(values, start=1):
        if value in seen:
            expected.append((line, str(value)))
        seen.add(value)
    assert sorted(repeats.later()) == expected


def test_many_runs_are_merged_on_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_repeats, "MAX_RUNS", 3)
    repeats = Repeats(chunk=2)
    for line in range(1, 41):
        repeats.add(str(line % 7), line)
    assert len(list(repeats.later())) == 40 - 7
    repeats.close()  # closing twice is harmless
