"""Private: the hash-sum tree: hashing of leaves, inner nodes and level nodes, and paths.

Every node of the tree is a pair ``(hash, value)``: a 32-byte SHA-256 digest and a
vector of non-negative counts. Inside the code a vector is kept **packed** in one
``int``, slot 0 in the most significant 64 bits, so that adding two vectors is one
integer addition and the vector's bytes are ``value.to_bytes(8 * slots, "big")``
(each count an unsigned 64-bit big-endian integer, which is the byte encoding the
specification uses). No count or subtotal may exceed :data:`CEILING` (2**53 - 1),
so no sum of two slots can carry into the next slot.

The children of one level node are combined by an **inner tree** of the shape of
RFC 6962 §2.1 (the largest power of two smaller than the count goes left; an odd
node is carried up, never duplicated). An inner node hashes both children's hashes
and both children's vectors (Hu, Zhang and Guo 2018: committing to the parent's
sum alone lets a prover under-report). With empty vectors the inner tree is
exactly RFC 6962's Merkle tree hash, which the tests check against its published
vectors.

Prefixes (domain separation): 0x00 a leaf (a form's row), 0x01 an inner node,
0x02 a level node (centre, sub-constituency, constituency, ballot, election).
"""

from __future__ import annotations

import enum
import hashlib
import struct
from collections.abc import Sequence
from typing import Final

from electoral._guard import guarded

__all__ = [
    "CEILING",
    "EMPTY_HASH",
    "Level",
    "Pair",
    "fold_path",
    "inner_path",
    "inner_root",
    "leaf_hash",
    "level_hash",
    "overflows",
    "pack",
    "unpack",
]

CEILING: Final = 2**53 - 1
"""The largest count or subtotal the tree accepts (I-JSON's largest exact integer)."""

EMPTY_HASH: Final = hashlib.sha256(b"").digest()
"""The inner root of no children (RFC 6962: the hash of the empty string)."""

_LEAF: Final = b"\x00"
_INNER: Final = b"\x01"
_LEVEL: Final = b"\x02"
_SLOT_BITS: Final = 64
_SAFE_CHILDREN: Final = 2**11
_OVERFLOW_SLOT: Final = (2**64 - 1) ^ CEILING  # bits 53..63 of one slot

Pair = tuple[bytes, int]
"""A node: its hash and its packed vector."""


class Level(enum.Enum):
    """The levels of the tree, from a form to the election.

    A form is the leaf: in a ballot's tree each station has exactly one counted
    form (the counting rule keeps one per centre, station and ballot), so the
    station and its form are one node.
    """

    FORM = "form"
    CENTER = "center"
    SUBCONSTITUENCY = "subconstituency"
    CONSTITUENCY = "constituency"
    BALLOT = "ballot"
    ELECTION = "election"

    # Members are singletons compared by identity: hashing them by identity (in C)
    # instead of by name (enum's Python-level __hash__) keeps node paths cheap
    # dictionary keys, which verification looks up once per node.
    __hash__ = object.__hash__

    @property
    def code(self) -> int:
        """The byte that names the level in a level node's encoding (1 to 5; 0 for forms)."""
        return _CODES[self]

    @guarded
    def label(self, language: str = "en") -> str:
        """The level's name in English or Arabic."""
        return _LABELS[self][language == "ar"]


_CODES: Final = {
    Level.FORM: 0,
    Level.CENTER: 1,
    Level.SUBCONSTITUENCY: 2,
    Level.CONSTITUENCY: 3,
    Level.BALLOT: 4,
    Level.ELECTION: 5,
}
_LABELS: Final = {
    Level.FORM: ("station", "المحطة"),
    Level.CENTER: ("centre", "المركز"),
    Level.SUBCONSTITUENCY: ("sub-constituency", "الدائرة الفرعية"),
    Level.CONSTITUENCY: ("constituency", "الدائرة"),
    Level.BALLOT: ("ballot", "ورقة الاقتراع"),
    Level.ELECTION: ("election", "الانتخابات"),
}

_LEVEL_PREFIX: Final = {level: _LEVEL + bytes((code,)) for level, code in _CODES.items()}
_MASKS: dict[int, int] = {}


def _mask(slots: int) -> int:
    mask = _MASKS.get(slots)
    if mask is None:
        mask = 0
        for _ in range(slots):
            mask = (mask << _SLOT_BITS) | _OVERFLOW_SLOT
        _MASKS[slots] = mask
    return mask


def overflows(value: int, slots: int) -> bool:
    """Whether some slot of a packed vector is above :data:`CEILING`."""
    mask = _MASKS.get(slots)
    if mask is None:
        mask = _mask(slots)
    return bool(value & mask) or value >> (_SLOT_BITS * slots) != 0


_STRUCTS: dict[int, struct.Struct] = {}


def pack(counts: Sequence[int]) -> int:
    """Pack counts (each 0 to :data:`CEILING`, checked by the caller) into one ``int``."""
    layout = _STRUCTS.get(len(counts))
    if layout is None:
        layout = _STRUCTS.setdefault(len(counts), struct.Struct(f">{len(counts)}Q"))
    return int.from_bytes(layout.pack(*counts), "big")


def unpack(value: int, slots: int) -> tuple[int, ...]:
    """The counts of a packed vector."""
    data = value.to_bytes(8 * slots, "big")
    return tuple(int.from_bytes(data[i : i + 8], "big") for i in range(0, 8 * slots, 8))


def leaf_hash(row: bytes) -> bytes:
    """SHA-256(0x00 ‖ row): the leaf of a form, from its canonical row."""
    return hashlib.sha256(_LEAF + row).digest()


def _join(left: Pair, right: Pair, width: int) -> Pair:
    value = left[1] + right[1]
    data = b"".join(
        (
            _INNER,
            left[0],
            left[1].to_bytes(width, "big"),
            right[0],
            right[1].to_bytes(width, "big"),
        )
    )
    return hashlib.sha256(data).digest(), value


def inner_root(children: Sequence[Pair], slots: int) -> Pair:
    """The inner tree over a level's children, in order (RFC 6962 §2.1 shape).

    Built bottom-up: adjacent nodes are paired left to right and an odd last node
    is carried up unchanged, which gives the same tree as RFC 6962's recursive
    split. No children give :data:`EMPTY_HASH` and a zero vector.
    """
    if not children:
        return EMPTY_HASH, 0
    width = 8 * slots
    layer = list(children)
    sha = hashlib.sha256
    # Slots of at most CEILING each: up to 2**11 of them add up without a carry
    # into the next slot; beyond that every partial sum is checked.
    checked = len(layer) > _SAFE_CHILDREN
    while len(layer) > 1:
        joined: list[Pair] = []
        append = joined.append
        for i in range(1, len(layer), 2):
            hl, vl = layer[i - 1]
            hr, vr = layer[i]
            data = b"".join((_INNER, hl, vl.to_bytes(width, "big"), hr, vr.to_bytes(width, "big")))
            append((sha(data).digest(), vl + vr))
        if len(layer) & 1:
            append(layer[-1])
        if checked and any(overflows(value, slots) for _, value in joined):
            raise OverflowError("a partial sum is above the ceiling")
        layer = joined
    return layer[0]


def inner_path(children: Sequence[Pair], index: int, slots: int) -> list[Pair]:
    """The siblings of child ``index`` from the bottom of the inner tree up.

    This is RFC 9162 §2.1.3's inclusion path, with each sibling's vector.
    """
    width = 8 * slots
    layer = list(children)
    path: list[Pair] = []
    while len(layer) > 1:
        if index & 1:
            path.append(layer[index - 1])
        elif index + 1 < len(layer):
            path.append(layer[index + 1])
        joined = [_join(layer[i - 1], layer[i], width) for i in range(1, len(layer), 2)]
        if len(layer) & 1:
            joined.append(layer[-1])
        layer = joined
        index >>= 1
    return path


def fold_path(index: int, count: int, node: Pair, path: Sequence[Pair], slots: int) -> Pair | None:
    """The inner root from one child, its index, the count and its path (RFC 9162 §2.1.3.2).

    Returns ``None`` when the path does not fit the index and count (too long or
    too short).
    """
    if not 0 <= index < count:
        return None
    width = 8 * slots
    fn, sn = index, count - 1
    current = node
    for sibling in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            current = _join(sibling, current, width)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            current = _join(current, sibling, width)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        return None
    return current


def level_hash(
    level: Level, key: int, count: int, inner: Pair, slots: int, header: bytes
) -> bytes:
    """SHA-256(0x02 ‖ level ‖ key ‖ count ‖ header ‖ inner hash ‖ inner vector).

    ``level`` is one byte, ``key`` (the node's id) and ``count`` (its number of
    children) are unsigned 64-bit big-endian; ``header`` is empty except for a
    ballot (its candidates) and the election (its label and counting rule).
    """
    data = b"".join(
        (
            _LEVEL_PREFIX[level],
            key.to_bytes(8, "big"),
            count.to_bytes(8, "big"),
            header,
            inner[0],
            inner[1].to_bytes(8 * slots, "big"),
        )
    )
    return hashlib.sha256(data).digest()
