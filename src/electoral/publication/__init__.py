"""Publication (نشر النتائج): verifiable results, a hash-sum tree from every form to the totals.

Publishing a tally gives two files: the **per-form file**, one canonical row per
counted form, and the **manifest**, the roots and every node above the forms.
Anyone holding both can recompute every node and check that the published totals
are exactly the sums of the published forms, and that no form was changed, moved,
dropped or counted twice after publication; anyone holding one form, its
**inclusion proof** and the root can check that form alone.

==========================  ==================================================
section                     names
==========================  ==================================================
publish                     :func:`publish`, :class:`Publication`
the canonical form          :class:`PublishedForm`, :data:`FIXED_COLUMNS`,
                            :data:`CEILING`
the manifest                :class:`Manifest`, :class:`Node`,
                            :class:`Subtotals`, :class:`FormEntry`,
                            :class:`Counting`, :class:`Level`,
                            :data:`SCHEMA_VERSION`
verify                      :func:`verify_manifest`, :func:`verify_forms_file`,
                            :class:`Verification`, :class:`Disagreement`
proofs                      :class:`InclusionProof`, :class:`ProofStep`,
                            :func:`verify_inclusion`
files                       :func:`write_manifest`, :func:`read_manifest`,
                            :func:`write_forms`, :func:`read_forms`,
                            :func:`write_proof`, :func:`read_proof`
==========================  ==================================================

What the tree proves, and what it does not: the tree binds the published totals
to the published forms; it does not prove that the forms match the ballots in the
boxes (that is what audits and recounts are for), nor that the manifest is the one
HNEC published (compare its root with the root published through another channel).

>>> from electoral.testing import demo_records, demo_tally_setup
>>> setup = demo_tally_setup()
>>> publication = publish(demo_records(setup), setup, election="demo")
>>> manifest = read_manifest(write_manifest(publication.manifest))
>>> verify_forms_file(manifest, write_forms(publication)).ok
True
"""

from __future__ import annotations

from electoral.publication._encoding import FIXED_COLUMNS, PublishedForm
from electoral.publication._files import read_forms, verify_forms_file, write_forms
from electoral.publication._json import read_manifest, read_proof, write_manifest, write_proof
from electoral.publication._manifest import (
    SCHEMA_VERSION,
    Counting,
    FormEntry,
    Manifest,
    Node,
    Subtotals,
)
from electoral.publication._proofs import InclusionProof, ProofStep, verify_inclusion
from electoral.publication._publish import Publication, publish
from electoral.publication._tree import CEILING, Level
from electoral.publication._verify import Disagreement, Verification, verify_manifest

__all__ = [
    "CEILING",
    "FIXED_COLUMNS",
    "SCHEMA_VERSION",
    "Counting",
    "Disagreement",
    "FormEntry",
    "InclusionProof",
    "Level",
    "Manifest",
    "Node",
    "ProofStep",
    "Publication",
    "PublishedForm",
    "Subtotals",
    "Verification",
    "publish",
    "read_forms",
    "read_manifest",
    "read_proof",
    "verify_forms_file",
    "verify_inclusion",
    "verify_manifest",
    "write_forms",
    "write_manifest",
    "write_proof",
]
