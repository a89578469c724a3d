"""A register validated in chunks and partitions: the same answer as one pass, nothing lost."""

from __future__ import annotations

import random

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electoral._guard import unchecked
from electoral.errors import InconsistentValue, ValidationError, ValidationErrors
from electoral.model import TRIPOLI
from electoral.registration import (
    REGISTRY_COLUMNS,
    RegistryChunk,
    RegistryRecord,
    RegistryStream,
    registry_duplicates,
    validate_registry_row,
    validate_registry_rows,
)
from electoral.registration._registry import _fast_path, _today, _validate
from electoral.testing.strategies import fbr_numbers, national_ids, registry_records

NOW = pendulum.datetime(2026, 1, 1, 12, tz=TRIPOLI)
TODAY = _today(NOW)
FIRST = ("محمد", "أحمد", "عائشة", "فاطمة", "عبدالله", "يوسف")
FAMILY = ("الورفلي", "المصراتي", "الزاوي", "بن غلبون")


def row(person: int, *, male: bool = True, nid: str | None = None) -> list[str]:
    """A clean CRA row for person ``person`` (its ids derived from the number)."""
    code = "1" if male else "2"
    return [
        str(person),
        FIRST[person % len(FIRST)],
        FIRST[person // 7 % len(FIRST)],
        FIRST[person // 11 % len(FIRST)],
        FAMILY[person % len(FAMILY)],
        FIRST[person // 3 % len(FIRST)],
        code,
        f"{1 + person % 28}/{1 + person % 12}/{1940 + person % 60}",
        "طرابلس",
        nid or f"{code}{1940 + person % 60}{person:07d}",
        f"r{person}" if person % 43 == 0 else str(1000 + person),
        "0",
        "0",
        "0",
    ]


def as_row(record: RegistryRecord) -> list[str]:
    """The CRA row a record was read from."""
    born = record.date_of_birth
    cells = list(map(str, record))
    cells[7] = f"{born.day}/{born.month}/{born.year}"
    return cells


def problems(errors: tuple[ValidationError, ...]) -> list[tuple[str | None, str, str | None]]:
    return [(e.location, e.code, e.field) for e in errors]


def test_one_bad_record_costs_nothing_else() -> None:
    rows = [row(n, male=n % 2 == 0) for n in range(1, 50_001)]
    rows[31_337][6] = "2" if rows[31_337][6] == "1" else "1"  # gender against the national id
    stream = RegistryStream(as_of=NOW, first_line=2)
    chunk = stream.validate(rows)
    assert len(chunk.records) == chunk.rows - 1 == 49_999
    assert problems(chunk.problems) == [
        ("line 31339", "registration.registry.gender_mismatch", "gender")
    ]
    assert chunk.lines[31_336:31_338] == [31_338, 31_340]
    assert 31_338 not in [r.civil_registry_id for r in chunk.records]


def test_lines_and_uniqueness_run_across_chunks() -> None:
    stream = RegistryStream(as_of=NOW, first_line=2)
    first = stream.validate([row(1), row(2)])
    second = stream.validate([row(3), row(9, nid=row(2)[9]), row(2)])
    assert (first.first_line, second.first_line, stream.next_line) == (2, 4, 7)
    assert [r.civil_registry_id for r in second.records] == [3]
    assert second.lines == [4]
    assert problems(second.problems) == [
        ("line 5", "registration.registry.duplicate", "national_id"),
        ("line 6", "registration.registry.duplicate", "civil_registry_id"),
        ("line 6", "registration.registry.duplicate", "national_id"),
    ]
    assert (stream.rows, stream.accepted, second.refused) == (5, 3, 2)


def test_explicit_line_numbers_label_the_rows() -> None:
    stream = RegistryStream(as_of=NOW)
    bad = row(5)
    bad[7] = "31/2/1970"
    chunk = stream.validate([row(4), bad], line_numbers=[10, 14])
    assert chunk.lines == [10]
    assert problems(chunk.problems) == [
        ("line 14", "registration.registry.birth_date", "birth_date")
    ]
    with pytest.raises(InconsistentValue) as info:
        stream.validate([row(6), row(7)], line_numbers=[20])
    assert info.value.code == "registration.registry.line_numbers_short"


def test_partitions_validated_apart_agree_with_one_pass() -> None:
    rows = [row(n) for n in range(1, 41)]
    rows[17] = row(90, nid=rows[3][9])  # a national id from another partition
    rows[25] = row(5)  # a PERSON_ID from another partition
    rows[30][7] = "x"  # a bad record
    one = RegistryStream(as_of=NOW, first_line=2).validate(rows)
    parts: dict[int, list[tuple[int, list[str]]]] = {}
    for line, cells in enumerate(rows, start=2):
        parts.setdefault(line % 3, []).append((line, cells))
    national: list[tuple[str, int]] = []
    people: list[tuple[int, int]] = []
    own: list[ValidationError] = []
    kept: dict[int, RegistryRecord] = {}
    for part in parts.values():
        chunk = RegistryStream(as_of=NOW, unique=False).validate(
            [cells for _, cells in part], line_numbers=[line for line, _ in part]
        )
        own.extend(chunk.problems)
        national.extend(
            (r.national_id, line) for r, line in zip(chunk.records, chunk.lines, strict=True)
        )
        people.extend(
            (r.civil_registry_id, line) for r, line in zip(chunk.records, chunk.lines, strict=True)
        )
        kept.update(zip(chunk.lines, chunk.records, strict=True))
    repeated = registry_duplicates(reversed(national), people)
    refused = {e.location for e in repeated}
    assert [record for line, record in sorted(kept.items()) if f"line {line}" not in refused] == (
        list(one.records)
    )
    everything = sorted(problems((*own, *repeated)), key=lambda p: int((p[0] or "")[5:]))
    assert everything == problems(one.problems)


def test_the_batch_is_still_all_or_nothing() -> None:
    rows = [row(1), row(2), row(1)]
    with pytest.raises(ValidationErrors) as info:
        validate_registry_rows(rows, as_of=NOW, first_line=2)
    assert [(e.location, e.field) for e in info.value.errors] == [
        ("line 4", "civil_registry_id"),
        ("line 4", "national_id"),
    ]
    with pytest.raises(InconsistentValue) as mismatch:
        validate_registry_rows([row(1)], as_of=NOW, line_numbers=[1, 2])
    assert mismatch.value.code == "registration.registry.line_numbers_long"


# The fast path is a shortcut, never a second rule set: it accepts a row only when the
# rules accept it, and gives the very record the rules give.
CELL_CHANGES = st.one_of(
    st.text(max_size=6),
    st.sampled_from(["", " ", "0", "1", "2", "3", "-5", "١٢", "007", "9" * 19, "r12", "12a"]),
    st.sampled_from(
        ["7/9/1969", "07/09/1969", "31/2/1970", "1/1/2027", "1969-09-07", " 7/9/1969"]
    ),
    national_ids(),
    fbr_numbers(),
    st.text(alphabet="محمد أ\u200f\t\n", max_size=8),
)


@given(
    registry_records(),
    st.lists(st.tuples(st.integers(0, len(REGISTRY_COLUMNS) - 1), CELL_CHANGES), max_size=3),
)
def test_the_fast_path_agrees_with_the_rules(
    record: RegistryRecord, changes: list[tuple[int, str]]
) -> None:
    cells = as_row(record)
    for column, value in changes:
        cells[column] = value
    fast = _fast_path(TODAY)(cells)
    try:
        checked = _validate(cells, TODAY)
    except (ValidationError, ValidationErrors):
        assert fast is None
    else:
        assert fast is None or fast == checked
        assert validate_registry_rows([cells], as_of=NOW) == [checked]


@settings(max_examples=25)
@given(
    st.lists(st.tuples(registry_records(), st.booleans()), max_size=15),
    st.randoms(use_true_random=False),
)
def test_any_chunking_gives_the_batch_answer(
    people: list[tuple[RegistryRecord, bool]], rnd: random.Random
) -> None:
    rows = []
    for record, spoil in people:
        cells = as_row(record)
        if spoil:
            cells[rnd.randrange(len(cells))] = rnd.choice(["", "x", "3", "99/99/1999"])
        rows.append(cells)
    if rows and rnd.random() < 0.5:
        rows.append(list(rnd.choice(rows)))  # a repeated record
    stream = RegistryStream(as_of=NOW, first_line=2)
    kept: list[RegistryRecord] = []
    found: list[ValidationError] = []
    at = 0
    while at < len(rows):
        size = rnd.randint(1, 7)
        chunk = stream.validate(rows[at : at + size])
        # built without its field checks: the checks pass on what it holds
        fields = {field.name: getattr(chunk, field.name) for field in attrs.fields(RegistryChunk)}
        assert RegistryChunk(**fields).records == chunk.records
        kept.extend(chunk.records)
        found.extend(chunk.problems)
        at += size
    whole, refused = batch(rows)
    assert sorted(problems(tuple(found))) == sorted(problems(refused))
    bad = {e.location for e in refused}
    expected = [
        validate_registry_row(cells, as_of=NOW)
        for line, cells in enumerate(rows, start=2)
        if f"line {line}" not in bad
    ]
    assert kept == expected
    assert whole == (expected if not refused else [])


def batch(rows: list[list[str]]) -> tuple[list[RegistryRecord], tuple[ValidationError, ...]]:
    """The all-or-nothing validation's records and problems."""
    try:
        return validate_registry_rows(rows, as_of=NOW, first_line=2), ()
    except ValidationErrors as group:
        return [], group.errors


def test_an_unchecked_build_needs_every_field() -> None:
    with pytest.raises(TypeError, match="fields"):
        unchecked(RegistryChunk, records=[], lines=[], problems=(), first_line=1)
    built = unchecked(RegistryChunk, records=[], lines=[], problems=(), first_line=1, rows=0)
    assert built.refused == 0
