"""Identifier validators, one module per identifier, in the python-stdnum style.

Each module offers the same four functions:

* ``compact(number)``: the canonical text, without separators (does not validate);
* ``validate(number)``: the compact text, or a typed :class:`~electoral.errors.ValidationError`;
* ``is_valid(number)``: ``True`` or ``False``, and never raises, whatever it is given;
* ``format(number)``: the text as people print it.

Arabic-Indic and Persian digits, Unicode spaces and dashes are folded by ``compact``.

>>> from electoral.ids import center_id
>>> center_id.validate("١٠٠٠١")
'10001'
"""

from __future__ import annotations

from electoral.ids import barcode, center_id, fbr, national_id, phone, station_number

__all__ = ["MODULES", "barcode", "center_id", "fbr", "national_id", "phone", "station_number"]

MODULES = (barcode, center_id, fbr, national_id, phone, station_number)
"""Every identifier module, for code (and tests) that treats them alike.

:meta hide-value:
"""
