"""The verifier's fast path for canonical rows agrees with the full validation.

Verifying reads each row on a fast path that vouches only for rows it can check
completely and hands every other row to the strict parser. These properties check
that nothing depends on which path read a row: for good files and for damaged
ones (a changed digit, a swapped pair of rows, a dropped, duplicated or damaged
row, a truncated file), the answer with the fast path is the answer of the strict
parser alone, row by row and for the whole file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.publication.test_properties import _publish, specs

from electoral.errors import ValidationError, ValidationErrors
from electoral.publication import (
    Manifest,
    Publication,
    _verify,
    read_manifest,
    verify_forms_file,
    write_forms,
    write_manifest,
)
from electoral.publication._encoding import parse_row


class _StrictRows(_verify._Rows):
    """Every row through :func:`parse_row`: the full validation, no fast path."""

    def parse(self, line: bytes) -> tuple[tuple[int, int, int, int, int], str, bytes, int]:
        parts = line.split(b",")
        form = parse_row(line, self.width.get(parts[4]) if len(parts) > 4 else None)
        return form.key, form.barcode, form.leaf, form.value


@contextmanager
def _strict() -> Iterator[None]:
    with mock.patch.object(_verify, "_Rows", _StrictRows):
        yield


def _outcome(manifest: Manifest, text: bytes) -> object:
    """The verification, or the codes and locations of the errors it raised."""
    try:
        return verify_forms_file(manifest, text)
    except ValidationErrors as errors:
        return ("errors", [(e.code, e.location) for e in errors.errors])
    except ValidationError as error:
        return ("error", error.code, error.location)


def _both(manifest: Manifest, text: bytes) -> tuple[object, object]:
    fast = _outcome(manifest, text)
    with _strict():
        strict = _outcome(manifest, text)
    return fast, strict


def _file(publication: Publication) -> tuple[Manifest, bytes, list[bytes]]:
    manifest = read_manifest(write_manifest(publication.manifest))
    lines = write_forms(publication).encode("ascii").split(b"\n")[:-1]
    return manifest, lines[0], lines[1:]


def _text(header: bytes, rows: list[bytes]) -> bytes:
    return b"\n".join([header, *rows]) + b"\n"


# Edits of one row: what a careless or dishonest hand, or a broken copy, does.
_EDITS = st.sampled_from(
    ["digit", "insert_digit", "leading_zero", "delete", "letter", "space", "comma", "huge"]
)


def _key(form: Any) -> tuple[object, ...]:
    return (form.key, form.barcode, form.leaf, form.value)


def _read(parse: Any) -> object:
    """What reading a row gives: its place, barcode, leaf and vector, or its error."""
    try:
        return parse()
    except ValidationError as error:
        return ("error", error.code, error.field)


def _edit(row: bytes, kind: str, data: Any) -> bytes:
    position = data.draw(st.integers(0, len(row) - 1))
    if kind == "digit":
        digits = [i for i, byte in enumerate(row) if 48 <= byte <= 57]
        position = data.draw(st.sampled_from(digits))
        new = data.draw(st.sampled_from(b"0123456789".replace(row[position : position + 1], b"")))
        return row[:position] + bytes((new,)) + row[position + 1 :]
    if kind == "insert_digit":
        digit: bytes = data.draw(st.sampled_from([b"0", b"7"]))
        return row[:position] + digit + row[position:]
    if kind == "leading_zero":
        cells = row.split(b",")
        cell = data.draw(st.integers(0, len(cells) - 1))
        cells[cell] = b"0" + cells[cell]
        return b",".join(cells)
    if kind == "delete":
        return row[:position] + row[position + 1 :]
    if kind == "letter":
        letter: bytes = data.draw(st.sampled_from([b"a", b"e", b"X", b"-", b"+"]))
        return row[:position] + letter + row[position:]
    if kind == "space":
        return row[:position] + b" " + row[position:]
    if kind == "comma":
        return row[:position] + b"," + row[position:]
    cells = row.split(b",")
    cell = data.draw(st.integers(0, len(cells) - 1))
    cells[cell] = data.draw(st.sampled_from([b"9007199254740991", b"9007199254740992", b"9" * 40]))
    return b",".join(cells)


@settings(max_examples=60)
@given(specs(), st.data())
def test_each_row_reads_the_same_on_both_paths(builder: Any, spec: Any, data: Any) -> None:
    manifest, _, rows = _file(_publish(builder, spec))
    row = data.draw(st.sampled_from(rows))
    if data.draw(st.booleans()):
        row = _edit(row, data.draw(_EDITS), data)
    width = _verify._Rows(manifest).width
    parts = row.split(b",")
    candidates = width.get(parts[4]) if len(parts) > 4 else None
    strict = _read(lambda: _key(parse_row(row, candidates)))
    fast = _read(lambda: _verify._Rows(manifest).parse(row))
    assert fast == strict


@settings(max_examples=30)
@given(specs())
def test_a_good_file_verifies_on_both_paths(builder: Any, spec: Any) -> None:
    manifest, header, rows = _file(_publish(builder, spec))
    fast, strict = _both(manifest, _text(header, rows))
    assert fast == strict
    assert getattr(fast, "ok", False)


@settings(max_examples=60)
@given(specs(), st.data())
def test_a_damaged_file_gets_the_same_answer_on_both_paths(
    builder: Any, spec: Any, data: Any
) -> None:
    manifest, header, rows = _file(_publish(builder, spec))
    damage = data.draw(st.sampled_from(["edit", "swap", "drop", "duplicate", "truncate"]))
    index = data.draw(st.integers(0, len(rows) - 1))
    if damage == "edit":
        rows[index] = _edit(rows[index], data.draw(_EDITS), data)
        text = _text(header, rows)
    elif damage == "swap":
        other = data.draw(st.integers(0, len(rows) - 1).filter(lambda i: i != index))
        rows[index], rows[other] = rows[other], rows[index]
        text = _text(header, rows)
    elif damage == "drop":
        del rows[index]
        text = _text(header, rows)
    elif damage == "duplicate":
        rows.insert(index, rows[index])
        text = _text(header, rows)
    else:
        whole = _text(header, rows)
        text = whole[: data.draw(st.integers(len(header) + 1, len(whole) - 2))]
    fast, strict = _both(manifest, text)
    assert fast == strict
    assert not getattr(fast, "ok", False)
