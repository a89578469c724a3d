"""``electoral._gc.paused``: the collector off inside, back as it was after, the batch aged."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from electoral._gc import paused


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_the_batch_goes_to_the_oldest_generation_without_a_walk() -> None:
    with paused():
        assert not gc.isenabled()
        batch = [[index] for index in range(1000)]
    assert gc.isenabled()
    young = {id(item) for item in gc.get_objects(generation=0)}
    middle = {id(item) for item in gc.get_objects(generation=1)}
    assert not any(id(item) in young or id(item) in middle for item in batch)
    assert all(gc.is_tracked(item) for item in batch)  # still collectable, once


@pytest.mark.usefixtures("collector_on")
def test_a_program_s_own_freeze_is_left_alone() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused():
            [[index] for index in range(10)]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_a_collector_that_was_off_stays_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


@pytest.mark.usefixtures("collector_on")
def test_the_collector_comes_back_after_an_error() -> None:
    with pytest.raises(ZeroDivisionError), paused():
        1 // 0  # noqa: B018 - the error is the point
    assert gc.isenabled()
