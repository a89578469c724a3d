"""Private: SmartElect's small uploads: phone lists, national ids, bulk SMS.

* **Phone lists** (blacklist, whitelist): one number per line; SmartElect imports the
  valid numbers and reports the lines that are not
  (:func:`~electoral.registration.plan_phone_list_upload`).
* **National ids** for a changeset: one id per line, all or nothing, reporting
  stopped after 10 errors (:func:`~electoral.registration.national_ids_from_upload`).
* **Bulk SMS**: CSV records ``number,message``, all or nothing
  (:func:`~electoral.registration.bulk_sms_messages`). A message is free text that the
  library never writes back to a spreadsheet, so a message that begins with ``-`` or
  ``+`` is accepted (the formula check applies to the cells the library exports).

Sources: SmartElect ``register/views.py`` and ``register/tests/test_views.py`` (phone
lists), ``changesets/forms.py`` and ``changesets/tests/test_forms.py`` (national
ids), ``bulk_sms/utils.py`` and ``bulk_sms/tests/test_upload.py`` (bulk SMS: LF,
CR and CRLF line endings in one file)
(SmartElect/SmartElect at commit ``d6d35f2``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import NoReturn

from electoral.errors import ErrorCollector, MissingValue, ValidationError, ValidationErrors
from electoral.formats._policy import CsvFile, Lines, Source, items_of, open_lines
from electoral.registration import (
    PhoneListUpload,
    bulk_sms_messages,
    national_ids_from_upload,
    plan_phone_list_upload,
)

__all__ = ["read_bulk_sms", "read_national_id_upload", "read_phone_list_upload"]


def _bare(lines: Lines) -> Iterator[str]:
    for line in lines:
        yield line.rstrip("\r\n")


def _grouped(what: str, error: ValidationError) -> NoReturn:
    errors = ErrorCollector(what)
    errors.add(error)
    errors.raise_if_any()
    raise AssertionError("unreachable")  # pragma: no cover


def read_phone_list_upload(source: Source, *, listed: Iterable[str] = ()) -> PhoneListUpload:
    """Read a blacklist or whitelist upload: what adding it would do, with the report.

    Args:
        source: the upload (a path, its text or bytes, or an open file).
        listed: the numbers already on the list (canonical).

    Raises:
        TypeError: ``source`` is not a source.
        ValidationErrors: the file cannot be read or is not UTF-8 text (then
            nothing is imported; a line that is not a phone number is only reported,
            in :attr:`~electoral.registration.PhoneListUpload.invalid_lines`).

    >>> read_phone_list_upload(b"218923456789\\r\\n218923456789\\r\\n12\\r\\n").invalid_lines
    (3,)
    """
    listed = items_of(listed, str, "listed")
    try:
        with open_lines(source) as lines:
            upload = plan_phone_list_upload(_bare(lines), listed=listed)
            if not lines.number:
                raise MissingValue("formats.empty", value=None)
            return upload
    except ValidationError as error:
        _grouped("phone list upload", error)


def read_national_id_upload(source: Source, *, known: Collection[str]) -> tuple[str, ...]:
    """Read a changeset's upload of national ids, one per line (blank lines ignored).

    Raises:
        TypeError: ``source`` is not a source.
        ValidationErrors: the file cannot be read or is not UTF-8 text, or is empty
            (``registration.upload.empty``), or the lines' problems (``line N``).

    >>> read_national_id_upload("119690261935\\n\\n119690261935\\n", known={"119690261935"})
    ('119690261935',)
    """
    known = set(items_of(known, str, "known"))
    try:
        with open_lines(source) as lines:
            return national_ids_from_upload(_bare(lines), known=known)
    except ValidationError as error:
        _grouped("uploaded national ids", error)


def read_bulk_sms(source: Source) -> list[tuple[str, str]]:
    """Read a bulk SMS upload (``number,message`` records), all or nothing.

    Records are numbered from 1 (``row N``), as SmartElect numbers them.

    Raises:
        TypeError: ``source`` is not a source.
        ValidationErrors: the file's problems and every bad row's.

    >>> read_bulk_sms("218923456789,a\\n8821612340058,b\\r218923456790,c\\r\\n")[1]
    ('8821612340058', 'b')
    """
    errors = ErrorCollector("bulk SMS upload")
    records: list[tuple[int, list[str]]] = []
    try:
        with open_lines(source) as lines:
            table = CsvFile(lines, errors, header=False)
            records.extend(
                (number, cells) for number, (_, cells) in enumerate(table.records(), start=1)
            )
            table.finish()
    except ValidationError as error:
        errors.add(error)
    try:
        messages = bulk_sms_messages(records)
    except ValidationErrors as group:
        errors.extend(group.errors)
    errors.raise_if_any()
    return messages
