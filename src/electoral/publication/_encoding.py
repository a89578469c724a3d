"""Private: the canonical encoding of a counted form (its row) and its vector of counts.

A published form is one line of ASCII text, its cells separated by commas, with no
quoting and no spaces; the same line is a row of the per-form CSV file and the
bytes its leaf hashes (SHA-256 of 0x00 followed by the row). Cells, in order:

====  ======================  ===============================================
cell  column                  content
====  ======================  ===============================================
1     ``constituency_id``     the centre's constituency
2     ``subconstituency_id``  the centre's sub-constituency
3     ``center_id``           the centre
4     ``station_number``      the station
5     ``ballot_number``       the ballot
6     ``barcode``             1 to 255 digits, leading zeros kept
7     ``state``               ``archived``, or ``audit`` when quarantined
                              forms are counted
8-12  ``voters`` ...          the reconciliation section's fields 1 to 5; all
      ``papers_in_box``       five empty when the form has none
13-   ``votes_1`` ...         one cell per candidate of the ballot, in the
                              ballot's candidate order (the manifest's)
====  ======================  ===============================================

A number is written in decimal with no sign and no leading zero (``0`` is zero)
and is at most :data:`CEILING`.

The form's **vector** is ``(1, field 1, ..., field 5, votes...)``: one form, the
five reconciliation figures (0 when there is no section) and each candidate's
votes. The tree adds these vectors level by level.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

import attrs

from electoral.errors import (
    InconsistentValue,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    OutOfRange,
    register_messages,
)
from electoral.ids import center_id as _center_id
from electoral.ids import station_number as _station_number
from electoral.model import FormState
from electoral.model import _validators as v
from electoral.publication._tree import CEILING, leaf_hash, pack

__all__ = [
    "FIXED_COLUMNS",
    "PUBLISHED_STATES",
    "RECON_COLUMNS",
    "SUMMARY_COLUMNS",
    "PublishedForm",
    "forms_header",
    "parse_row",
]

RECON_COLUMNS: Final = ("voters", "voter_cards", "valid_votes", "invalid_votes", "papers_in_box")
"""The reconciliation section's fields 1 to 5, as the per-form file names them."""

FIXED_COLUMNS: Final = (
    "constituency_id",
    "subconstituency_id",
    "center_id",
    "station_number",
    "ballot_number",
    "barcode",
    "state",
    *RECON_COLUMNS,
)
"""The first twelve columns of the per-form file; the votes follow."""

SUMMARY_COLUMNS: Final = ("forms", *RECON_COLUMNS)
"""The slots of a vector before the votes."""

PUBLISHED_STATES: Final = (FormState.ARCHIVED, FormState.AUDIT)
"""The states a counted form can be in."""

_SMALL: Final = 32_767
_NUMBER: Final = re.compile(rb"0|[1-9][0-9]{0,15}")
_BARCODE: Final = re.compile(rb"[0-9]{1,255}")
_ALLOWED: Final = b"0123456789abcdefghijklmnopqrstuvwxyz,_"
_STATES: Final = {state.value.encode(): state for state in PUBLISHED_STATES}
_BOUNDS: Final = (
    (1, _SMALL),
    (1, _SMALL),
    (_center_id.MIN_VALUE, _center_id.MAX_VALUE),
    (_station_number.MIN_VALUE, _station_number.MAX_VALUE),
    (0, _SMALL),
)

register_messages(
    {
        "publication.number": (
            "{value} is not a count written in decimal digits without sign or leading zero.",
            "القيمة {value} ليست عددًا مكتوبًا بأرقام عشرية بلا إشارة ولا صفر بادئ.",
        ),
        "publication.ceiling": (
            "{value} is above the ceiling of {ceiling}.",
            "القيمة {value} تتجاوز الحد الأعلى {ceiling}.",
        ),
        "publication.cells": (
            "The row has {count} cells; a form of this ballot has {expected}.",
            "يحتوي الصف على {count} خلية؛ واستمارة ورقة الاقتراع هذه لها {expected}.",
        ),
        "publication.too_few_cells": (
            "The row has {count} cells; a form has at least {expected}.",
            "يحتوي الصف على {count} خلية؛ والاستمارة لها {expected} على الأقل.",
        ),
        "publication.barcode": (
            "{value} is not a barcode of 1 to 255 digits.",
            "القيمة {value} ليست رمزًا شريطيًا من 1 إلى 255 رقمًا.",
        ),
        "publication.state": (
            "{value} is not a state of a counted form (archived or audit).",
            "القيمة {value} ليست حالة استمارة محتسبة (مؤرشفة أو قيد التدقيق).",
        ),
        "publication.recon_partial": (
            "The five reconciliation cells must all be filled or all be empty.",
            "يجب أن تُملأ خلايا المطابقة الخمس كلها أو تُترك كلها فارغة.",
        ),
        "publication.not_ascii": (
            "The row holds a character other than digits, small letters, commas and underscores.",
            "يحتوي الصف على محرف غير الأرقام والحروف الصغيرة والفواصل والشرطة السفلية.",
        ),
    }
)


def forms_header(max_candidates: int) -> tuple[str, ...]:
    """The header of the per-form file whose longest ballot has ``max_candidates``."""
    return (*FIXED_COLUMNS, *(f"votes_{i}" for i in range(1, max_candidates + 1)))


def _counts(value: object) -> object:
    """Converter: a list (or other iterable but text) of counts becomes a tuple."""
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | tuple | dict):
        return tuple(value)
    return value


def _optional_counts(value: object) -> object:
    return None if value is None else _counts(value)


_COUNT: Final = v.integer(0, CEILING)
_INT: Final = {int}


def _count_tuple(length: int | None) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            raise InvalidType(field=attribute.name, value=value)
        if length is not None and len(value) != length:
            raise InvalidLength(field=attribute.name, value=value)
        # one pass in C for the usual case; item by item only to say what is wrong
        if value and not (
            set(map(type, value)) == _INT and min(value) >= 0 and max(value) <= CEILING
        ):
            for item in value:
                _COUNT(instance, attribute, item)

    return check


def _state(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in PUBLISHED_STATES:
        raise InvalidFormat("publication.state", field=attribute.name, value=value)


@attrs.frozen(kw_only=True)
class PublishedForm:
    """A counted form as it is published: where it comes from and what it says.

    Attributes:
        constituency_id, subconstituency_id: of the form's centre.
        center_id, station_number, ballot_number: the form's place.
        barcode: the form's barcode (digits, leading zeros kept).
        state: ARCHIVED, or AUDIT when quarantined forms are counted.
        reconciliation: fields 1 to 5 of its reconciliation section, or ``None``
            when it has none (out-of-country forms).
        votes: each candidate's votes, in the ballot's candidate order.

    >>> form = PublishedForm(constituency_id=3, subconstituency_id=31, center_id=31001,
    ...     station_number=2, ballot_number=117, barcode="31001002117",
    ...     state=FormState.ARCHIVED, reconciliation=(412, 160, 150, 10, 160), votes=(90, 60))
    >>> form.row
    '3,31,31001,2,117,31001002117,archived,412,160,150,10,160,90,60'
    >>> form.leaf.hex()[:16]
    '52c9c3097c4968e4'
    >>> PublishedForm.from_row(form.row) == form
    True
    """

    constituency_id: int = attrs.field(validator=v.integer(1, _SMALL))
    subconstituency_id: int = attrs.field(validator=v.integer(1, _SMALL))
    center_id: int = attrs.field(validator=v.integer(_center_id.MIN_VALUE, _center_id.MAX_VALUE))
    station_number: int = attrs.field(
        validator=v.integer(_station_number.MIN_VALUE, _station_number.MAX_VALUE)
    )
    ballot_number: int = attrs.field(validator=v.integer(0, _SMALL))
    barcode: str = attrs.field(validator=v.text(blank=False))
    state: FormState = attrs.field(validator=_state)
    reconciliation: tuple[int, int, int, int, int] | None = attrs.field(
        converter=_optional_counts, validator=v.optional(_count_tuple(5))
    )
    votes: tuple[int, ...] = attrs.field(converter=_counts, validator=_count_tuple(None))

    def __attrs_post_init__(self) -> None:
        if _BARCODE.fullmatch(self.barcode.encode("ascii", "replace")) is None:
            raise InvalidFormat("publication.barcode", field="barcode", value=self.barcode)

    @property
    def key(self) -> tuple[int, int, int, int, int]:
        """The publication order: constituency, sub-constituency, centre, station, ballot."""
        return (
            self.constituency_id,
            self.subconstituency_id,
            self.center_id,
            self.station_number,
            self.ballot_number,
        )

    @property
    def row(self) -> str:
        """The canonical row (no line ending)."""
        recon = self.reconciliation
        cells = [*map(str, self.key), self.barcode, self.state.value]
        cells.extend(("", "", "", "", "") if recon is None else map(str, recon))
        cells.extend(map(str, self.votes))
        return ",".join(cells)

    @property
    def leaf(self) -> bytes:
        """The form's leaf: SHA-256(0x00 ‖ row)."""
        return leaf_hash(self.row.encode("ascii"))

    @property
    def counts(self) -> tuple[int, ...]:
        """The form's vector: ``(1, fields 1-5 or zeros, votes...)``."""
        return (1, *(self.reconciliation or (0, 0, 0, 0, 0)), *self.votes)

    @property
    def value(self) -> int:
        """The vector, packed (private use by the tree)."""
        return pack(self.counts)

    @classmethod
    def from_row(cls, row: str | bytes, *, candidates: int | None = None) -> PublishedForm:
        """Read a canonical row, refusing anything that is not canonical.

        Args:
            row: the row, without its line ending.
            candidates: the number of candidates of the form's ballot, when known
                (the number of vote cells is then checked).
        """
        if not isinstance(row, str | bytes):
            raise TypeError(f"row must be str or bytes, not {type(row).__name__}")
        if candidates is not None and type(candidates) is not int:
            raise TypeError(f"candidates must be an int, not {type(candidates).__name__}")
        data = row.encode("utf-8", "surrogatepass") if isinstance(row, str) else row
        return parse_row(data, candidates)


def _number(cell: bytes, field: str) -> int:
    if _NUMBER.fullmatch(cell) is None:
        raise InvalidFormat("publication.number", field=field, value=_show(cell))
    value = int(cell)
    if value > CEILING:
        raise OutOfRange("publication.ceiling", field=field, value=value, ceiling=CEILING)
    return value


def _show(cell: bytes) -> str:
    return cell.decode("utf-8", "replace")


def parse_row(row: bytes, candidates: int | None = None) -> PublishedForm:
    """A :class:`PublishedForm` from its canonical row bytes, or a typed error."""
    if row.translate(None, _ALLOWED):
        raise InvalidFormat("publication.not_ascii", field="row", value=_show(row))
    cells = row.split(b",")
    count = len(cells)
    if count < len(FIXED_COLUMNS):
        raise InvalidLength(
            "publication.too_few_cells",
            field="row",
            value=_show(row),
            count=count,
            expected=len(FIXED_COLUMNS),
        )
    if candidates is not None and count != len(FIXED_COLUMNS) + candidates:
        raise InvalidLength(
            "publication.cells",
            field="row",
            value=_show(row),
            count=count,
            expected=len(FIXED_COLUMNS) + candidates,
        )
    place = [_number(cell, name) for cell, name in zip(cells[:5], FIXED_COLUMNS, strict=False)]
    for value, (low, high), name in zip(place, _BOUNDS, FIXED_COLUMNS, strict=False):
        if not low <= value <= high:
            raise OutOfRange(field=name, value=value, min_value=low, max_value=high)
    if _BARCODE.fullmatch(cells[5]) is None:
        raise InvalidFormat("publication.barcode", field="barcode", value=_show(cells[5]))
    state = _STATES.get(cells[6])
    if state is None:
        raise InvalidFormat("publication.state", field="state", value=_show(cells[6]))
    recon_cells = cells[7:12]
    recon: tuple[int, ...] | None
    if all(cell == b"" for cell in recon_cells):
        recon = None
    elif any(cell == b"" for cell in recon_cells):
        raise InconsistentValue("publication.recon_partial", field="reconciliation")
    else:
        recon = tuple(_number(c, n) for c, n in zip(recon_cells, RECON_COLUMNS, strict=True))
    votes = tuple(_number(cell, f"votes_{i}") for i, cell in enumerate(cells[12:], 1))
    return PublishedForm(
        constituency_id=place[0],
        subconstituency_id=place[1],
        center_id=place[2],
        station_number=place[3],
        ballot_number=place[4],
        barcode=cells[5].decode("ascii"),
        state=state,
        reconciliation=recon,
        votes=votes,
    )
