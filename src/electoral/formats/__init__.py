"""Formats (صيغ الملفات): every file the library reads or writes, under one policy.

One module per outside system, and one for our own JSON:

* :mod:`electoral.formats.smartelect`: the registration system's files (the centre
  CSV, the civil-registry dump as SQL and as CSV, the phone-list, national-id and
  bulk-SMS uploads, the roll and station files);
* :mod:`electoral.formats.tallyho`: the results system's files (its seven setup files,
  result forms, the per-form results export, PVP bundles);
* :mod:`electoral.formats.json`: every noun as JSON, and the JSON Schema of them all.

The chapters (:mod:`electoral.registration`, :mod:`electoral.results`) keep the rules;
this package reads and writes the files. Every reader and writer goes through one
policy:

* **sources**: a :class:`pathlib.Path`, the content as ``str`` or ``bytes``, or an
  open file; a ``str`` is always content, never a file name. Anything else is a
  :class:`TypeError` naming the parameter;
* **text**: UTF-8 with or without a byte-order mark; LF, CRLF and CR line endings;
  UTF-16, bytes that are not UTF-8 (a Windows-1256 file), a NUL and a line longer
  than :data:`MAX_LINE_CHARS` each stop the reading with a coded error at their line;
* **CSV**: strict CSV, cells of at most :data:`MAX_FIELD_CHARS` characters, a header
  without repeated names, records as wide as the header; an empty file, or a header
  with nothing after it, is refused; numbers of at most :data:`MAX_DIGITS` digits;
* **JSON**: nesting at most :data:`MAX_JSON_DEPTH` deep, no ``NaN``, no key twice;
* **spreadsheet formulas**: a text cell beginning with one of
  :data:`FORMULA_PREFIXES` is refused on input and written with a leading apostrophe
  on output; numbers are never touched;
* **errors**: every problem is a typed error with a stable code, located ``line N``
  (or by its JSON path); a reader raises every problem of a file at once as
  :class:`~electoral.errors.ValidationErrors`;
* **streaming**: readers read a chunk at a time, so memory follows the longest
  record, not the size of the file.

>>> from electoral.formats import tallyho
>>> try:
...     tallyho.read_ballots(b"election_level,sub_type,number\\r=1+1,general,3\\r")
... except Exception as problems:
...     print(problems.describe()[0])
formats.formula: '=1+1' begins with '=', which makes a spreadsheet run it as a formula. @ line 2
"""

from __future__ import annotations

from electoral.formats._policy import (
    FORMULA_PREFIXES,
    MAX_DIGITS,
    MAX_FIELD_CHARS,
    MAX_JSON_DEPTH,
    MAX_LINE_CHARS,
    Readable,
    Source,
)

__all__ = [
    "FORMULA_PREFIXES",
    "MAX_DIGITS",
    "MAX_FIELD_CHARS",
    "MAX_JSON_DEPTH",
    "MAX_LINE_CHARS",
    "Readable",
    "Source",
]
