"""electoral.partition: a run split by office equals the one-process run, on Dask too."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InconsistentValue, OutOfRange
from electoral.model import TRIPOLI
from electoral.partition import (
    RegisterRows,
    part_buckets,
    part_ids,
    run,
    serial,
    validate_part,
)
from electoral.registration import registry_duplicates
from electoral.results import FormRecord, TallySetup
from electoral.testing import demo_records, demo_tally_setup

AS_OF = pendulum.datetime(2026, 1, 1, 12, tz=TRIPOLI)
FIRST = ("محمد", "أحمد", "عائشة", "فاطمة", "عبدالله", "يوسف", "سالم", "مريم")
FAMILY = ("الورفلي", "المصراتي", "الزاوي", "بن غلبون", "الككلي")
OFFICES = 4


def register(voters: int, seed: int = 7) -> list[tuple[int, list[str], int]]:
    """``(line, row, centre)`` for a register with bad rows and ids repeated across offices."""
    rnd = random.Random(seed)
    out: list[tuple[int, list[str], int]] = []
    for person in range(1, voters + 1):
        male = rnd.random() < 0.5
        code = "1" if male else "2"
        year = 1940 + person % 60
        nid = f"{code}{year}{person:07d}"
        pid = str(person)
        if person % 97 == 0:  # the national id of a voter on an earlier line
            nid = out[person // 2][1][9]
            code, year = nid[0], int(nid[1:5])
        if person % 89 == 0:  # the PERSON_ID of a voter on an earlier line
            pid = str(person // 3)
        row = [
            pid,
            rnd.choice(FIRST),
            rnd.choice(FIRST),
            rnd.choice(FIRST),
            rnd.choice(FAMILY),
            rnd.choice(FIRST),
            code,
            f"{rnd.randint(1, 28)}/{rnd.randint(1, 12)}/{year}",
            "",
            nid,
            str(rnd.randint(1, 999_999)),
            "0",
            "0",
            "0",
        ]
        if person % 83 == 0:  # a bad record: its gender code contradicts its national id
            row[6] = "2" if code == "1" else "1"
        out.append((person + 1, row, 10_001 + rnd.randrange(24)))
    return out


def by_office(rows: list[tuple[int, list[str], int]]) -> list[RegisterRows]:
    """One partition per office (a centre's office is its number modulo 4 here)."""
    groups: dict[int, list[tuple[int, list[str], int]]] = {}
    for line, row, center in rows:
        groups.setdefault(center % OFFICES, []).append((line, row, center))
    return [_rows(group) for _, group in sorted(groups.items())]


def _rows(group: list[tuple[int, list[str], int]]) -> RegisterRows:
    return RegisterRows(
        rows=[row for _, row, _ in group],
        lines=[line for line, _, _ in group],
        centers=[center for _, _, center in group],
    )


def forms_by_office(setup: TallySetup) -> list[list[FormRecord]]:
    groups: dict[int, list[FormRecord]] = {}
    for record in demo_records(setup):
        center = record.form.center_id
        assert center is not None
        groups.setdefault(setup.centers[center].office_id or 0, []).append(record)
    return [groups[office] for office in sorted(groups)]


@pytest.fixture(scope="module")
def cluster_client() -> Iterator[object]:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_the_register_sample_has_every_kind_of_problem() -> None:
    outcome = serial(by_office(register(600)), as_of=AS_OF).register
    codes = {(code, field) for _, code, field, _ in outcome.problems}
    assert ("registration.registry.duplicate", "national_id") in codes
    assert ("registration.registry.duplicate", "civil_registry_id") in codes
    assert ("registration.registry.gender_mismatch", "gender") in codes
    assert sum(s.registrants for s in outcome.stations) + len(outcome.problems) >= 600 - 2


def test_on_a_dask_cluster_of_worker_processes_the_run_equals_the_serial_run(
    cluster_client: object,
) -> None:
    parts = by_office(register(3_000))
    setup = demo_tally_setup()
    forms = forms_by_office(setup)
    assert len(parts) == OFFICES
    assert len(forms) == 2
    on_dask = run(parts, forms, as_of=AS_OF, setup=setup, client=cluster_client)  # type: ignore[arg-type]
    alone = serial(parts, forms, as_of=AS_OF, setup=setup)
    assert on_dask == alone
    assert on_dask.register.problems
    assert on_dask.register.stations
    assert on_dask.tally is not None
    assert on_dask.tally.national.valid > 0


@given(seed=st.integers(0, 2**16), parts=st.integers(1, 5))
def test_any_partition_of_the_rows_gives_the_serial_answer(seed: int, parts: int) -> None:
    """Any split that keeps each centre's rows together gives the serial answer.

    A centre's roll is sorted and allocated where its rows are, so a centre is the
    smallest unit of a partition; offices are a grouping of centres.
    """
    rows = register(250, seed)
    rnd = random.Random(seed)
    owner = {10_001 + c: rnd.randrange(parts) for c in range(24)}
    groups: list[list[tuple[int, list[str], int]]] = [[] for _ in range(parts)]
    for item in rows:
        groups[owner[item[2]]].append(item)
    rnd.shuffle(groups)
    split = [_rows(g) for g in groups if g]
    assert run(split, as_of=AS_OF) == serial(split, as_of=AS_OF)


def test_a_station_split_between_partitions_is_refused() -> None:
    setup = demo_tally_setup()
    records = demo_records(setup)
    first = records[0].form
    same_station = [
        r
        for r in records
        if (r.form.center_id, r.form.station_number) == (first.center_id, first.station_number)
    ]
    assert len(same_station) >= 2, "the demo needs a station with two forms"
    one, two = same_station[0], same_station[1]
    rest = [r for r in records if r is not one and r is not two]
    with pytest.raises(InconsistentValue) as caught:
        run([], [[one, *rest], [two]], as_of=AS_OF, setup=setup)
    assert caught.value.code == "results.partition_split_station"


def test_forms_without_a_setup_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="setup"):
        run([], [[]], as_of=AS_OF)


@given(seed=st.integers(0, 2**16), buckets=st.integers(1, 9))
def test_the_duplicates_shuffled_by_bucket_are_the_duplicates_of_every_pair(
    seed: int, buckets: int
) -> None:
    """Each value's pairs meet in one bucket; the buckets' duplicates are the whole's."""
    rows = register(300, seed)
    halves = [_rows(rows[::2]), _rows(rows[1::2])]
    parts = [validate_part(half, as_of=AS_OF) for half in halves]
    ids = [part_ids(part) for part in parts]
    whole = registry_duplicates(
        [pair for national, _ in ids for pair in national],
        [pair for _, person in ids for pair in person],
    )
    assert whole  # the register repeats ids across the halves
    split = [part_buckets(part, buckets) for part in parts]
    homes: dict[object, set[int]] = {}
    for pieces in split:
        assert len(pieces) == buckets
        for bucket, (national, person) in enumerate(pieces):
            for value, _ in [*national, *person]:
                homes.setdefault(value, set()).add(bucket)
    assert all(len(home) == 1 for home in homes.values())
    found = [
        error
        for bucket in range(buckets)
        for error in registry_duplicates(
            [pair for pieces in split for pair in pieces[bucket][0]],
            [pair for pieces in split for pair in pieces[bucket][1]],
        )
    ]
    key = [(e.location, e.field, e.value) for e in whole]
    assert sorted(key, key=repr) == sorted(
        ((e.location, e.field, e.value) for e in found), key=repr
    )


def test_fewer_than_one_bucket_is_refused() -> None:
    part = validate_part(_rows(register(5)), as_of=AS_OF)
    with pytest.raises(OutOfRange) as caught:
        part_buckets(part, 0)
    assert caught.value.code == "partition.buckets"
