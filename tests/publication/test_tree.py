"""The tree's hashing against RFC 6962's published vectors, and its inner paths."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.publication._tree import (
    CEILING,
    EMPTY_HASH,
    fold_path,
    inner_path,
    inner_root,
    leaf_hash,
    overflows,
    pack,
    unpack,
)

# transparency-dev/merkle testonly/constants.go at 582a6ad190b6848f1d26f8bf08ddef29955d9db1:
# the leaf inputs and the RFC 6962 root of the first n of them, n = 0..8.
LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
          "606162636465666768696a6b6c6d6e6f"]  # fmt: skip
ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
# The same file's node hashes: leaf 1, level-1 node 1, level-2 node 1.
PATH_OF_LEAF_0 = [
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
]


def _leaves(count: int) -> list[tuple[bytes, int]]:
    return [(leaf_hash(bytes.fromhex(data)), 0) for data in LEAVES[:count]]


@pytest.mark.parametrize("size", range(9))
def test_inner_tree_with_empty_vectors_is_rfc_6962(size: int) -> None:
    assert inner_root(_leaves(size), 0)[0].hex() == ROOTS[size]


def test_empty_tree_is_the_hash_of_nothing() -> None:
    assert hashlib.sha256(b"").digest() == EMPTY_HASH


def test_inclusion_path_matches_the_published_node_hashes() -> None:
    assert [h.hex() for h, _ in inner_path(_leaves(8), 0, 0)] == PATH_OF_LEAF_0


@pytest.mark.parametrize("size", range(1, 9))
def test_every_path_folds_back_to_the_published_root(size: int) -> None:
    leaves = _leaves(size)
    for index in range(size):
        path = inner_path(leaves, index, 0)
        folded = fold_path(index, size, leaves[index], path, 0)
        assert folded is not None
        assert folded[0].hex() == ROOTS[size]
        # a path of the wrong length, or for another size, does not fold
        assert fold_path(index, size + 1, leaves[index], path, 0) in (None, folded) or size == 1


@given(
    st.lists(st.lists(st.integers(0, 1000), min_size=3, max_size=3), min_size=1, max_size=40),
    st.data(),
)
def test_paths_fold_to_the_root_with_sums(vectors: list[list[int]], data: st.DataObject) -> None:
    children = [(hashlib.sha256(bytes([i])).digest(), pack(v)) for i, v in enumerate(vectors)]
    root = inner_root(children, 3)
    assert unpack(root[1], 3) == tuple(map(sum, zip(*vectors, strict=True)))
    index = data.draw(st.integers(0, len(children) - 1))
    path = inner_path(children, index, 3)
    assert fold_path(index, len(children), children[index], path, 3) == root
    # logarithmic: at most ceil(log2(n)) siblings
    assert len(path) <= (len(children) - 1).bit_length()
    if path:  # another index with the same path gives another root (or none)
        other = (index + 1) % len(children)
        assert fold_path(other, len(children), children[index], path, 3) != root


def test_the_ceiling_is_checked_slot_by_slot() -> None:
    assert not overflows(pack([CEILING, 0, CEILING]), 3)
    assert overflows(pack([CEILING, 0, CEILING]) + 1, 3)
    assert overflows(pack([0, CEILING + 1, 0]), 3)
    assert overflows(1 << (64 * 3), 3)


def test_many_children_near_the_ceiling_refuse_to_carry() -> None:
    children = [(bytes(32), pack([CEILING // 4, 1]))] * 5000
    with pytest.raises(OverflowError):
        inner_root(children, 2)
