"""Private: reproducible random draws from a public seed (SHA-256 in counter mode).

The draws follow Ronald L. Rivest's reference sampler for election audits
(``sampler.py``, version of 14 November 2011): draw number ``i`` (1, 2, ...) is the
SHA-256 digest of the UTF-8 text ``seed + "," + str(i)``, read as a 256-bit
big-endian number ``H_i``; a uniform pick among ``N`` items is ``H_i mod N + 1``.
Anyone with the seed can repeat every draw with a few lines of any language, and a
later round continues the counter where the last one stopped (Rivest's "expanded
sample"). The library passes the published test vectors of the sampler
(Chris Jerdonek, ``rivest-sampler-tests``, ``tests.json``):

>>> sample_uniform("0", 1000, 3)
(905, 573, 160)
>>> sample_uniform("3546311556112163624615351222", 876, 5)
(740, 180, 264, 789, 238)

**Weighted draws** (probability proportional to an error bound, PPEB) use the same
numbers: with whole weights ``w_1..w_n`` summing to ``W``, draw ``i`` takes the item
whose cumulative range ``[w_1 + ... + w_(k-1), w_1 + ... + w_k)`` holds ``H_i mod W``.
With every weight 1 this is exactly the uniform pick above. Reducing a 256-bit number
modulo ``W`` favours some items by at most ``W / 2**256``, far below anything an audit
could notice.

**Seeds.** An audit's seed is text of :data:`SEED_DIGITS` decimal digits, made in
public after the results are published (for instance by rolling ten-sided dice, as
Rivest's sampler recommends, at least 20 digits), or the key string of an RFC 3797
public draw (:class:`electoral.seats.PublicDraw`). Each contest draws from its own
stream, with the seed text ``seed + "," + contest id``.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
from collections.abc import Sequence
from typing import Final

from electoral.errors import InvalidFormat, InvalidType, OutOfRange, register_messages
from electoral.seats import PublicDraw

from ._common import check_count, require_type

__all__ = [
    "SEED_DIGITS",
    "check_seed",
    "contest_seed",
    "draw_number",
    "sample_uniform",
    "sample_weighted",
]

SEED_DIGITS: Final = (20, 256)
"""The least and most decimal digits of a seed."""

register_messages(
    {
        "audit.seed": (
            "{value} is not a seed of the documented form: {minimum} to {maximum} decimal "
            "digits, or an RFC 3797 public draw.",
            "القيمة {value} ليست بذرة بالصيغة الموثقة: من {minimum} إلى {maximum} رقمًا "
            "عشريًا، أو سحب علني وفق RFC 3797.",
        ),
        "audit.sample_pool": (
            "{value} distinct items cannot be drawn from {pool}.",
            "لا يمكن سحب {value} من العناصر المختلفة من {pool}.",
        ),
        "audit.weights_empty": (
            "there is nothing to draw from: the weights add up to {value}.",
            "لا يوجد ما يسحب منه: مجموع الأوزان {value}.",
        ),
    }
)


def check_seed(seed: object, field: str = "seed") -> str:
    """Return the seed text of ``seed``: digits as given, or a public draw's key string.

    Raises:
        InvalidFormat: ``audit.seed`` for text that is not 20 to 256 ASCII digits.
        TypeError: for anything but ``str`` or :class:`~electoral.seats.PublicDraw`.

    >>> check_seed("12345678901234567890")
    '12345678901234567890'
    >>> check_seed(PublicDraw(sources=(9319, (2, 5, 12, 8, 10))))
    '9319./2.5.8.10.12./'
    >>> check_seed("1234")
    Traceback (most recent call last):
    ...
    electoral.errors.InvalidFormat: '1234' is not a seed of the documented form: 20 to ...
    """
    if isinstance(seed, PublicDraw):
        return seed.key.decode("ascii")
    if not isinstance(seed, str):
        raise TypeError(f"{field} must be str or PublicDraw, not {type(seed).__name__}")
    low, high = SEED_DIGITS
    if not (low <= len(seed) <= high and seed.isascii() and seed.isdigit()):
        raise InvalidFormat("audit.seed", field=field, value=seed, minimum=low, maximum=high)
    return seed


def contest_seed(seed: str, contest: str) -> str:
    """The seed text of one contest's stream: ``seed + "," + contest``.

    >>> contest_seed("12345678901234567890", "Sebha/general")
    '12345678901234567890,Sebha/general'
    """
    require_type(seed, str, "seed")
    require_type(contest, str, "contest")
    return f"{seed},{contest}"


def draw_number(seed: str, index: int) -> int:
    """``H_index``: the SHA-256 digest of ``seed + "," + str(index)`` as an integer.

    >>> draw_number("0", 1) % 1000 + 1
    905
    """
    require_type(seed, str, "seed")
    check_count(index, "index")
    digest = hashlib.sha256(f"{seed},{index}".encode()).digest()
    return int.from_bytes(digest, "big")


def sample_uniform(
    seed: str, total: int, count: int, *, first: int = 1, replacement: bool = True
) -> tuple[int, ...]:
    """``count`` picks from ``1..total`` by Rivest's sampler, from draw number ``first``.

    Args:
        seed: the seed text (any text: the published test vectors use short ones).
        total: how many items there are, numbered 1 to ``total``.
        count: how many picks to make.
        first: the draw number to start at (1 for a first round; the next unused
            number for a later one).
        replacement: with ``False``, a pick already made is rejected and the counter
            moves on, as the reference sampler does.

    Raises:
        OutOfRange: ``audit.sample_pool`` when more distinct picks are asked for than
            there are items.

    >>> sample_uniform("0", 2, 3)
    (1, 1, 2)
    """
    require_type(seed, str, "seed")
    check_count(total, "total")
    check_count(count, "count")
    check_count(first, "first")
    if (count and not total) or (not replacement and count > total):
        raise OutOfRange(
            "audit.sample_pool", field="count", value=count, pool=total, min_value=0,
            max_value=total,
        )  # fmt: skip
    picks: list[int] = []
    seen: set[int] = set()
    number = max(first, 1)
    while len(picks) < count:
        pick = draw_number(seed, number) % total + 1
        number += 1
        if not replacement:
            if pick in seen:
                continue
            seen.add(pick)
        picks.append(pick)
    return tuple(picks)


def sample_weighted(
    seed: str, weights: Sequence[int], count: int, *, first: int = 1
) -> tuple[int, ...]:
    """``count`` indices into ``weights`` (from 0), each drawn with probability ``w / W``.

    Draws are with replacement, numbered from ``first``; see the module for the rule.

    Raises:
        InvalidFormat: ``audit.weights_empty`` when every weight is 0.

    >>> sample_weighted("0", [1] * 1000, 3)
    (904, 572, 159)
    >>> sample_weighted("0", [0, 5, 0, 1], 4)
    (1, 1, 1, 1)
    """
    require_type(seed, str, "seed")
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence):
        raise TypeError(f"weights must be a sequence of int, not {type(weights).__name__}")
    for weight in weights:
        if type(weight) is not int or weight < 0:
            raise InvalidType("audit.count_type", field="weights", value=weight)
    check_count(count, "count")
    check_count(first, "first")
    bounds = list(itertools.accumulate(weights))
    total = bounds[-1] if bounds else 0
    if total <= 0:
        raise InvalidFormat("audit.weights_empty", field="weights", value=total)
    start = max(first, 1)
    return tuple(
        bisect.bisect_right(bounds, draw_number(seed, number) % total)
        for number in range(start, start + count)
    )
