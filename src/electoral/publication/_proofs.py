"""Private: inclusion proofs: one form's path to the election's root, and their check.

A proof holds, for each level from the centre up to the election, the node's key,
the form's (or its ancestor's) index among the node's children, the number of
children, and the siblings along the inner tree with their subtotals (RFC 9162
section 2.1.3's path, each sibling with its vector). With the form itself, that is enough
to recompute every ancestor's hash and subtotals up to the root; the number of
siblings at a level is at most the base-2 logarithm of its children, rounded up.
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from electoral.errors import InvalidType, register_messages
from electoral.model import _validators as v
from electoral.publication._build import NodePath, ballot_header, election_header, summary
from electoral.publication._encoding import SUMMARY_COLUMNS, PublishedForm
from electoral.publication._manifest import (
    Counting,
    Subtotals,
    _candidates,
    _label,
    _tuple,
    check_hash,
)
from electoral.publication._tree import CEILING, Level, fold_path, level_hash, overflows
from electoral.publication._verify import Verification, disagreement

__all__ = ["PROOF_LEVELS", "InclusionProof", "ProofStep", "verify_inclusion"]

PROOF_LEVELS: Final = (
    Level.CENTER,
    Level.SUBCONSTITUENCY,
    Level.CONSTITUENCY,
    Level.BALLOT,
    Level.ELECTION,
)
"""The levels of a proof's steps, in order."""

register_messages(
    {
        "publication.proof_levels": (
            "A proof has one step per level: centre, sub-constituency, constituency, "
            "ballot, election.",
            "للإثبات خطوة لكل مستوى: المركز، الدائرة الفرعية، الدائرة، ورقة الاقتراع، الانتخابات.",
        ),
        "publication.differs.place": (
            "The form's {level} is {found}; the proof goes through {expected}.",
            "{level} الخاص بالاستمارة هو {found}؛ والإثبات يمر عبر {expected}.",
        ),
        "publication.differs.path": (
            "The siblings do not fit position {index} among {count} children.",
            "الأشقاء لا يناسبون الموضع {index} بين {count} من الأبناء.",
        ),
        "publication.differs.width": (
            "The form has {found} vote cells; the proof's ballot has {expected} candidates.",
            "للاستمارة {found} خلية أصوات؛ ولورقة الاقتراع في الإثبات {expected} مرشحًا.",
        ),
        "publication.differs.sibling_width": (
            "A sibling's subtotals have {found} columns; this level's have {expected}.",
            "للمجاميع الفرعية لأحد الأشقاء {found} عمودًا؛ ولهذا المستوى {expected}.",
        ),
    }
)

_SUMMARY_SLOTS: Final = len(SUMMARY_COLUMNS) + 1
Sibling = tuple[str, Subtotals]


def _siblings(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple:
        raise InvalidType(field=attribute.name, value=value)
    for item in value:
        if not (type(item) is tuple and len(item) == 2 and isinstance(item[1], Subtotals)):
            raise InvalidType(field=attribute.name, value=item)
        check_hash(item[0], attribute.name)


def _step_level(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in PROOF_LEVELS:
        raise InvalidType(field=attribute.name, value=value)


@attrs.frozen(kw_only=True)
class ProofStep:
    """One level of a proof: the node, the position under it, and the siblings.

    Attributes:
        level: the node's level.
        key: the node's key (0 for the election).
        index: the position of the form (or of its ancestor) among the node's children.
        count: the node's number of children.
        siblings: ``(hash, subtotals)`` of each sibling along the inner tree,
            from the bottom up.
    """

    level: Level = attrs.field(validator=_step_level)
    key: int = attrs.field(validator=v.integer(0, CEILING))
    index: int = attrs.field(validator=v.integer(0, CEILING))
    count: int = attrs.field(validator=v.integer(1, CEILING))
    siblings: tuple[Sibling, ...] = attrs.field(converter=_tuple, validator=_siblings)


def _steps(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple or not all(isinstance(step, ProofStep) for step in value):
        raise InvalidType(field=attribute.name, value=value)
    if tuple(step.level for step in value) != PROOF_LEVELS:
        raise InvalidType("publication.proof_levels", field=attribute.name, value=value)


@attrs.frozen(kw_only=True)
class InclusionProof:
    """The path of one form to the election's root.

    Attributes:
        election: the election's label, hashed into the root.
        counting: the counting rule, hashed into the root.
        candidates: the form's ballot's candidates, in the order of its vote cells.
        steps: one :class:`ProofStep` per level: centre, sub-constituency,
            constituency, ballot, election.
    """

    election: str = attrs.field(validator=_label)
    counting: Counting = attrs.field(validator=v.instance(Counting))
    candidates: tuple[tuple[int, int], ...] = attrs.field(converter=_tuple, validator=_candidates)
    steps: tuple[ProofStep, ...] = attrs.field(converter=_tuple, validator=_steps)

    @property
    def size(self) -> int:
        """The number of siblings the proof carries."""
        return sum(len(step.siblings) for step in self.steps)


def _fail(
    code: str, path: NodePath, expected: object = None, found: object = None, **params: object
) -> Verification:
    return Verification(
        ok=False,
        root="",
        forms=1,
        disagreements=(disagreement(code, path, expected, found, **params),),
    )


def verify_inclusion(proof: InclusionProof, form: PublishedForm, root: str) -> Verification:
    """Check that ``form`` is in the tree whose root is ``root``, by ``proof``.

    The form's leaf is recomputed from its row, then each level's node from the
    siblings, the form's place (its centre, sub-constituency, constituency and
    ballot must be the keys of the path) and its subtotals, up to the root. The
    subtotals of every node on the way are the sums of its children's, so the
    form's votes are part of the root's totals.

    Returns:
        A :class:`Verification`, ``ok`` when the recomputed root is ``root``;
        otherwise its disagreement names the level where the proof fails.

    Raises:
        InvalidFormat: ``publication.hash`` when ``root`` is not a SHA-256 hash.

    >>> from electoral.testing import demo_records, demo_tally_setup
    >>> from electoral.publication import publish
    >>> setup = demo_tally_setup()
    >>> publication = publish(demo_records(setup), setup, election="demo")
    >>> form = publication.forms[0]
    >>> proof = publication.proof(form.barcode)
    >>> verify_inclusion(proof, form, publication.root).ok
    True
    """
    if not isinstance(proof, InclusionProof):
        raise TypeError(f"proof must be an InclusionProof, not {type(proof).__name__}")
    if not isinstance(form, PublishedForm):
        raise TypeError(f"form must be a PublishedForm, not {type(form).__name__}")
    check_hash(root, "root")
    width = len(proof.candidates)
    if len(form.votes) != width:
        return _fail("publication.differs.width", (), expected=width, found=len(form.votes))
    slots = len(SUMMARY_COLUMNS) + width
    place = {
        Level.CENTER: form.center_id,
        Level.SUBCONSTITUENCY: form.subconstituency_id,
        Level.CONSTITUENCY: form.constituency_id,
        Level.BALLOT: form.ballot_number,
        Level.ELECTION: 0,
    }
    node = (form.leaf, form.value)
    path: NodePath = (
        (Level.BALLOT, form.ballot_number),
        (Level.CONSTITUENCY, form.constituency_id),
        (Level.SUBCONSTITUENCY, form.subconstituency_id),
        (Level.CENTER, form.center_id),
    )
    for depth, step in enumerate(proof.steps):
        here = path[: len(path) - depth]
        if step.key != place[step.level]:
            return _fail(
                "publication.differs.place",
                here,
                expected=step.key,
                found=place[step.level],
                level=step.level.label(),
            )
        header = b""
        if step.level is Level.BALLOT:
            header = ballot_header(proof.candidates)
        elif step.level is Level.ELECTION:
            node = (node[0], summary(node[1], slots))
            slots = _SUMMARY_SLOTS
            header = election_header(proof.election, proof.counting.flags)
        siblings = []
        for sibling, subtotals in step.siblings:
            if subtotals.slots != slots:
                return _fail(
                    "publication.differs.sibling_width",
                    here,
                    expected=slots,
                    found=subtotals.slots,
                )
            siblings.append((bytes.fromhex(sibling), subtotals.value))
        inner = fold_path(step.index, step.count, node, siblings, slots)
        if inner is None:
            return _fail("publication.differs.path", here, index=step.index, count=step.count)
        if overflows(inner[1], slots):
            return _fail("publication.differs.path", here, index=step.index, count=step.count)
        node = (level_hash(step.level, step.key, step.count, inner, slots, header), inner[1])
    computed = node[0].hex()
    if computed != root:
        return _fail("publication.differs.root", (), expected=root, found=computed)
    return Verification(ok=True, root=computed, forms=1)
