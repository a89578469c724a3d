"""Publicly verifiable random selection, as in RFC 3797 (Eastlake, 2004) §4.

A drawing of lots that anyone can re-run: the seed is a *key string* built from
random values published after the pool was fixed (lottery draws, stock indices);
selection ``i`` (from 0) takes the MD5 digest of ``i`` as two big-endian bytes, the
key string, and ``i`` again, reads it as a 128-bit big-endian number, divides by the
number of entries still in the pool and takes the entry at the remainder (counting
from 1 after adding 1), which is then removed.

Key string (RFC 3797 §4): each source in order; a source of several numbers lists
them sorted ascending, each number in decimal followed by ``"."``; a single number is
a list of one; each source ends with ``"/"``. A text source is used as given (it must
already be the canonical upper-case form agreed before the draw) and ends with ``"/"``.

This is the worked example of RFC 3797 §6 (a pool of 25; sources 9319, the numbers
2 5 12 8 10 and 9 18 26 34 41 45), https://www.rfc-editor.org/rfc/rfc3797#section-6:

>>> key = key_string([9319, [2, 5, 12, 8, 10], [9, 18, 26, 34, 41, 45]])
>>> key
b'9319./2.5.8.10.12./9.18.26.34.41.45./'
>>> select(key, pool=25, count=11)
(17, 7, 2, 16, 25, 23, 8, 24, 19, 13, 22)

MD5 is used as the RFC specifies, for selection, not for security.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from electoral._guard import guarded
from electoral.errors import InvalidFormat, OutOfRange

from ._common import check_count

__all__ = ["Source", "digest", "key_string", "select"]

Source = int | Sequence[int] | str
"""One published random source: a number, several numbers, or a canonical text."""

_TEXT_ALLOWED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")


def _number(value: object) -> int:
    if type(value) is not int or value < 0:
        raise InvalidFormat("seats.rfc3797_source", field="sources", value=value)
    return value


@guarded(own=("sources",))
def key_string(sources: Sequence[Source]) -> bytes:
    """Build the RFC 3797 §4 key string from published random sources.

    Args:
        sources: numbers (non-negative ints), lists of numbers, or canonical texts
            (upper-case letters, digits, ``.`` and ``-`` only).

    Returns:
        The ASCII key string.

    Raises:
        InvalidFormat: ``seats.rfc3797_source`` for a negative number, a float, an
            empty source or a text with other characters.

    >>> key_string([7, "DOW.10234.56"])
    b'7./DOW.10234.56/'
    """
    if isinstance(sources, (str, bytes)) or not sources:
        raise InvalidFormat("seats.rfc3797_source", field="sources", value=sources)
    parts: list[str] = []
    for source in sources:
        if isinstance(source, str):
            if not source or not set(source) <= _TEXT_ALLOWED:
                raise InvalidFormat("seats.rfc3797_source", field="sources", value=source)
            parts.append(source + "/")
            continue
        numbers = [_number(source)] if not isinstance(source, Sequence) else list(source)
        if not numbers:
            raise InvalidFormat("seats.rfc3797_source", field="sources", value=source)
        parts.append("".join(f"{n}." for n in sorted(_number(n) for n in numbers)) + "/")
    return "".join(parts).encode("ascii")


def digest(key: bytes, index: int) -> bytes:
    """The MD5 digest of selection ``index``: ``index`` (2 bytes), ``key``, ``index``.

    >>> digest(b'9319./2.5.8.10.12./9.18.26.34.41.45./', 0).hex().upper()
    '990DD0A5692A029A98B5E01AA28F3459'
    """
    prefix = index.to_bytes(2, "big")
    return hashlib.md5(prefix + key + prefix, usedforsecurity=False).digest()


@guarded
def select(key: bytes, *, pool: int, count: int) -> tuple[int, ...]:
    """Select ``count`` distinct entries (numbered from 1) from a pool of ``pool``.

    Args:
        key: the key string (:func:`key_string`).
        pool: the number of entries in the pool, publicly numbered 1 to ``pool``.
        count: how many to select, in order.

    Returns:
        The selected entry numbers, in the order drawn.

    Raises:
        OutOfRange: ``seats.rfc3797_pool`` if ``count`` exceeds ``pool``.

    >>> select(b'1./', pool=3, count=3)
    (3, 1, 2)
    """
    check_count(pool, "pool")
    check_count(count, "count")
    if count > pool or pool > 0xFFFF:
        raise OutOfRange(
            "seats.rfc3797_pool",
            field="count",
            value=count,
            pool=pool,
            min_value=0,
            max_value=pool,
        )
    remaining = list(range(1, pool + 1))
    chosen: list[int] = []
    for index in range(count):
        number = int.from_bytes(digest(key, index), "big")
        chosen.append(remaining.pop(number % len(remaining)))
    return tuple(chosen)
