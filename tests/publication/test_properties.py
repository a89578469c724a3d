"""Properties of publication: every tampering is found and located; the bytes are stable."""

from __future__ import annotations

import math
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electoral.errors import ValidationErrors
from electoral.publication import (
    Level,
    Publication,
    publish,
    read_forms,
    read_manifest,
    verify_forms_file,
    verify_inclusion,
    write_forms,
    write_manifest,
)

# Six centres, each with its constituency and sub-constituency.
CENTERS = {
    10001: (1, 1),
    10002: (1, 1),
    10003: (1, 2),
    20001: (2, 3),
    20002: (2, 3),
    80001: (2, 4),
}
WIDTHS = {1: 3, 2: 2}


@st.composite
def specs(draw: st.DrawFn) -> list[tuple[int, int, int, int, int, tuple[int, ...]]]:
    places = draw(
        st.sets(
            st.tuples(
                st.sampled_from(sorted(CENTERS)), st.integers(1, 5), st.sampled_from([1, 2])
            ),
            min_size=2,
            max_size=30,
        )
    )
    out = []
    for center, station, ballot in sorted(places):
        constituency, subcon = CENTERS[center]
        votes = draw(st.tuples(*[st.integers(0, 500)] * WIDTHS[ballot]))
        out.append((constituency, subcon, center, station, ballot, votes))
    return out


def _publish(builder: Any, spec: Any) -> Publication:
    records, setup = builder(spec)
    return publish(records, setup, election="property")


def _path(row: str) -> tuple[tuple[Level, int], ...]:
    c, s, center, station, ballot = (int(x) for x in row.split(",")[:5])
    return (
        (Level.BALLOT, ballot),
        (Level.CONSTITUENCY, c),
        (Level.SUBCONSTITUENCY, s),
        (Level.CENTER, center),
        (Level.FORM, station),
    )


def _verify(publication: Publication, rows: list[str]) -> Any:
    manifest = read_manifest(write_manifest(publication.manifest))
    text = write_forms(publication).splitlines()[0] + "\n" + "\n".join(rows) + "\n"
    return verify_forms_file(manifest, text)


def _located(result: Any, *paths: tuple[tuple[Level, int], ...]) -> bool:
    """The first disagreement is the form's node or one of its ancestors."""
    first = result.first
    return first is not None and any(path[: len(first.path)] == first.path for path in paths)


@settings(max_examples=40)
@given(specs(), st.data())
def test_a_changed_number_is_found_at_its_form(builder: Any, spec: Any, data: Any) -> None:
    publication = _publish(builder, spec)
    rows = [form.row for form in publication.forms]
    index = data.draw(st.integers(0, len(rows) - 1))
    cells = rows[index].split(",")
    column = data.draw(st.sampled_from([i for i, c in enumerate(cells) if i >= 7 and c]))
    cells[column] = str(int(cells[column]) + data.draw(st.integers(1, 9)))
    rows[index] = ",".join(cells)
    result = _verify(publication, rows)
    assert not result.ok
    assert result.disagreements[0].path == _path(rows[index])
    assert result.disagreements[0].code == "publication.differs.form"


@settings(max_examples=40)
@given(specs(), st.data())
def test_a_moved_form_is_found_where_it_left_or_arrived(
    builder: Any, spec: Any, data: Any
) -> None:
    publication = _publish(builder, spec)
    rows = [form.row for form in publication.forms]
    index = data.draw(st.integers(0, len(rows) - 1))
    old = rows[index]
    cells = old.split(",")
    taken = {tuple(r.split(",")[2:5]) for r in rows}
    free = [
        (center, station)
        for center in CENTERS
        for station in range(1, 7)
        if (str(center), str(station), cells[4]) not in taken
    ]
    center, station = data.draw(st.sampled_from(free))
    constituency, subcon = CENTERS[center]
    cells[:4] = [str(constituency), str(subcon), str(center), str(station)]
    rows[index] = ",".join(cells)
    rows.sort(key=lambda r: tuple(int(x) for x in r.split(",")[:5]))
    result = _verify(publication, rows)
    assert not result.ok
    assert _located(result, _path(old), _path(rows[rows.index(",".join(cells))]))


@settings(max_examples=40)
@given(specs(), st.data())
def test_a_dropped_form_is_found_at_its_place(builder: Any, spec: Any, data: Any) -> None:
    publication = _publish(builder, spec)
    rows = [form.row for form in publication.forms]
    index = data.draw(st.integers(0, len(rows) - 1))
    dropped = rows.pop(index)
    result = _verify(publication, rows)
    assert not result.ok
    assert _located(result, _path(dropped))


@settings(max_examples=40)
@given(specs(), st.data())
def test_a_duplicated_form_is_refused_at_its_line(builder: Any, spec: Any, data: Any) -> None:
    publication = _publish(builder, spec)
    rows = [form.row for form in publication.forms]
    index = data.draw(st.integers(0, len(rows) - 1))
    rows.insert(index, rows[index])
    with pytest.raises(ValidationErrors) as caught:
        _verify(publication, rows)
    assert [e.location for e in caught.value.errors] == [f"line {index + 3}"]


@settings(max_examples=40)
@given(specs(), st.data())
def test_an_altered_subtotal_is_found_at_its_node(builder: Any, spec: Any, data: Any) -> None:
    publication = _publish(builder, spec)
    ballot = data.draw(st.sampled_from(publication.manifest.ballots))
    chosen = data.draw(st.sampled_from(list(ballot.walk())))
    path: list[tuple[Level, int]] = []

    def find(node: Any, trail: list[tuple[Level, int]]) -> bool:
        trail = [*trail, (node.level, node.key)]
        if node is chosen:
            path.extend(trail)
            return True
        return any(find(child, trail) for child in node.children)

    find(ballot, [])
    slot = data.draw(st.integers(0, len(chosen.subtotals.votes) - 1))
    votes = list(chosen.subtotals.votes)
    votes[slot] += 1
    replaced = attrs.evolve(chosen, subtotals=attrs.evolve(chosen.subtotals, votes=tuple(votes)))

    def swap(node: Any) -> Any:
        if node is chosen:
            return replaced
        return attrs.evolve(node, children=tuple(swap(c) for c in node.children))

    manifest = attrs.evolve(
        publication.manifest,
        ballots=tuple(swap(b) for b in publication.manifest.ballots),
    )
    altered = attrs.evolve(publication, manifest=manifest)
    result = _verify(altered, [form.row for form in publication.forms])
    assert not result.ok
    assert result.disagreements[0].code == "publication.differs.subtotal"
    assert result.disagreements[0].path == tuple(path)


@settings(max_examples=40)
@given(specs())
def test_the_bytes_round_trip_and_repeat(builder: Any, spec: Any) -> None:
    publication = _publish(builder, spec)
    again = _publish(builder, list(reversed(spec)))
    manifest_text = write_manifest(publication.manifest)
    assert manifest_text == write_manifest(again.manifest)
    assert write_manifest(read_manifest(manifest_text)) == manifest_text
    assert read_forms(write_forms(publication)) == publication.forms


@settings(max_examples=30)
@given(specs())
def test_proofs_are_logarithmic_and_verify(builder: Any, spec: Any) -> None:
    publication = _publish(builder, spec)
    bound = 5 * max(1, math.ceil(math.log2(len(publication.forms))))
    for form in publication.forms:
        proof = publication.proof(form.barcode)
        assert verify_inclusion(proof, form, publication.root)
        assert proof.size <= bound
