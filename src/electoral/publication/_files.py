"""Private: bytes in, under the library's file policy, and the per-form CSV file.

Every byte this chapter reads goes through here (the manifest and proof JSON are
parsed in :mod:`electoral.publication._json` from the bytes read here), under one
policy (the library's policy for external files):

* input is UTF-8, with or without a byte-order mark; lines end in LF, CRLF or CR;
* a file that is not UTF-8 (or, for the per-form file, not ASCII), a NUL byte, an
  oversize line or file, JSON nested too deep, a number with thousands of digits,
  a duplicate JSON member or a non-finite number each give a typed, coded error
  with its line (or JSON path), never a traceback;
* the per-form file is read as a stream: memory depends on the longest line (and
  on the open nodes of the trees), never on the number of forms;
* output is UTF-8 without a byte-order mark, LF line endings, deterministic bytes
  for the same input; no CSV cell can start with ``=``, ``+``, ``-``, ``@``, a tab
  or a CR (a form's cells are digits, small letters and underscores, so none can
  run as a spreadsheet formula).

The per-form file is **canonical**: each data line is the form's row exactly, the
bytes its leaf hashes. A quoted cell or a space is not re-interpreted but refused,
because a verifier that "repaired" a row would hash other bytes than the ones
published.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Final

from electoral._guard import guarded
from electoral.errors import (
    ErrorCollector,
    InvalidFormat,
    InvalidLength,
    MissingValue,
    OutOfRange,
    register_messages,
)
from electoral.publication._encoding import (
    FIXED_COLUMNS,
    PublishedForm,
    forms_header,
    parse_row,
)
from electoral.publication._manifest import Manifest
from electoral.publication._publish import Publication
from electoral.publication._verify import Verification, check_rows

__all__ = [
    "BOM",
    "MAX_JSON_BYTES",
    "MAX_LINE_BYTES",
    "read_all",
    "read_forms",
    "verify_forms_file",
    "write_forms",
]

MAX_LINE_BYTES: Final = 1 << 20
"""The longest line of a per-form file (1 MiB); a longer one is refused."""

MAX_JSON_BYTES: Final = 1 << 30
"""The largest manifest or proof read (1 GiB)."""

BOM: Final = b"\xef\xbb\xbf"
"""The UTF-8 byte-order mark, dropped where a file starts with it."""
_CHUNK: Final = 1 << 20

register_messages(
    {
        "publication.file.not_utf8": (
            "The file is not UTF-8 text.",
            "الملف ليس نصًا بترميز UTF-8.",
        ),
        "publication.file.too_large": (
            "The file is larger than {limit} bytes.",
            "حجم الملف أكبر من {limit} بايت.",
        ),
        "publication.file.line_too_long": (
            "The line is longer than {limit} bytes.",
            "السطر أطول من {limit} بايت.",
        ),
        "publication.file.nul": (
            "The line holds a NUL byte.",
            "يحتوي السطر على بايت صفري.",
        ),
        "publication.file.empty": (
            "The file is empty.",
            "الملف فارغ.",
        ),
        "publication.file.header": (
            "The header row is not the per-form file's: {expected}.",
            "صف العناوين ليس صف ملف الاستمارات: {expected}.",
        ),
    }
)

# ----------------------------------------------------------------------------- bytes in


def read_all(source: object, name: str) -> bytes:
    """The whole of ``source`` (bytes, text or a file), at most :data:`MAX_JSON_BYTES`."""
    parts: list[bytes] = []
    size = 0
    for chunk in _chunks(source, name):
        size += len(chunk)
        if size > MAX_JSON_BYTES:
            raise OutOfRange("publication.file.too_large", field=name, limit=MAX_JSON_BYTES)
        parts.append(chunk)
    return b"".join(parts)


def _chunks(source: object, name: str) -> Iterator[bytes]:
    if isinstance(source, bytes):
        yield source
        return
    if isinstance(source, str):
        yield source.encode("utf-8", "surrogatepass")
        return
    if not hasattr(source, "read"):
        raise TypeError(f"{name} must be str, bytes or a file, not {type(source).__name__}")
    while True:
        chunk = source.read(_CHUNK)
        if not chunk:
            return
        if isinstance(chunk, str):
            chunk = chunk.encode("utf-8", "surrogatepass")
        if not isinstance(chunk, bytes):
            raise TypeError(f"{name} must read bytes or str, not {type(chunk).__name__}")
        yield chunk


def _lines(source: object, name: str) -> Iterator[tuple[int, bytes]]:
    """Number and bytes of each line (BOM dropped; LF, CRLF and CR ends; blank tail dropped)."""
    leftover = b""
    number = 0
    blank = 0
    first = True
    for chunk in _chunks(source, name):
        buffer = leftover + chunk
        if first:
            if len(buffer) < len(BOM) and BOM.startswith(buffer):
                leftover = buffer
                continue
            first = False
            if buffer.startswith(BOM):
                buffer = buffer[len(BOM) :]
        hold = b""
        if buffer.endswith(b"\r"):
            buffer, hold = buffer[:-1], b"\r"
        parts = buffer.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        leftover = parts.pop() + hold
        if len(leftover) > MAX_LINE_BYTES:
            raise InvalidLength(
                "publication.file.line_too_long",
                field=name,
                location=f"line {number + len(parts) + 1}",
                limit=MAX_LINE_BYTES,
            )
        for part in parts:
            number += 1
            if not part:
                blank += 1
                continue
            for _ in range(blank):  # a blank line inside the file is refused by the parser
                yield number - blank, b""
                blank -= 1
            if len(part) > MAX_LINE_BYTES:
                raise InvalidLength(
                    "publication.file.line_too_long",
                    field=name,
                    location=f"line {number}",
                    limit=MAX_LINE_BYTES,
                )
            yield number, part
    if first and leftover.startswith(BOM):
        leftover = leftover[len(BOM) :]
    leftover = leftover.rstrip(b"\r")
    if leftover:
        number += 1
        for _ in range(blank):
            yield number - blank, b""
            blank -= 1
        yield number, leftover


def _check_line(number: int, line: bytes, name: str) -> None:
    if b"\x00" in line:
        raise InvalidFormat("publication.file.nul", field=name, location=f"line {number}")


# ----------------------------------------------------------------------------- per-form CSV


@guarded
def write_forms(publication: Publication) -> str:
    """The per-form CSV file: a header, then each form's canonical row, LF line endings.

    >>> from electoral.testing import demo_records, demo_tally_setup
    >>> from electoral.publication import publish
    >>> setup = demo_tally_setup()
    >>> text = write_forms(publish(demo_records(setup), setup, election="demo"))
    >>> print(text.splitlines()[0])
    constituency_id,subconstituency_id,center_id,station_number,ballot_number,barcode,state,voters,voter_cards,valid_votes,invalid_votes,papers_in_box,votes_1,votes_2,votes_3
    """
    if not isinstance(publication, Publication):
        raise TypeError(f"publication must be a Publication, not {type(publication).__name__}")
    header = ",".join(forms_header(publication.manifest.max_candidates))
    return "\n".join([header, *(form.row for form in publication.forms)]) + "\n"


def _rows(source: object, header: tuple[str, ...] | None) -> Iterator[tuple[int, bytes]]:
    lines = _lines(source, "forms")
    try:
        number, first = next(lines)
    except StopIteration:
        raise MissingValue("publication.file.empty", field="forms", location="line 1") from None
    _check_line(number, first, "forms")
    names = first.decode("ascii", "replace").split(",")
    fixed = len(FIXED_COLUMNS)
    expected = header
    if expected is None:
        expected = forms_header(max(0, len(names) - fixed))
    if tuple(names) != expected:
        raise InvalidFormat(
            "publication.file.header",
            field="forms",
            location=f"line {number}",
            expected=",".join(expected[: fixed + 1]) + ("..." if len(expected) > fixed else ""),
        )
    yield from lines


@guarded
def read_forms(source: str | bytes | IO[bytes] | IO[str]) -> tuple[PublishedForm, ...]:
    """Read a per-form file: every form, or every problem of the file at once.

    Raises:
        ValidationErrors: each malformed line, located ``line N``.
        ValidationError: an empty file, a wrong header, an oversize line.
    """
    collector = ErrorCollector("the per-form file")
    forms: list[PublishedForm] = []
    for number, line in _rows(source, None):
        with collector.at(f"line {number}"):
            forms.append(parse_row(line))
    collector.raise_if_any()
    return tuple(forms)


@guarded
def verify_forms_file(
    manifest: Manifest,
    source: str | bytes | IO[bytes] | IO[str],
    *,
    root: str | None = None,
) -> Verification:
    """Verify ``manifest`` against a per-form file, reading it as a stream.

    As :func:`electoral.publication.verify_manifest`, with the forms read from
    the file; its header must be the one the manifest's ballots call for.

    Raises:
        ValidationErrors: every line that cannot be read or placed, with its line.
        ValidationError: an empty file, a wrong header, an oversize line.
    """
    if not isinstance(manifest, Manifest):
        raise TypeError(f"manifest must be a Manifest, not {type(manifest).__name__}")
    return check_rows(manifest, _rows(source, forms_header(manifest.max_candidates)), root)
