"""Private: publish a tally: the counted forms, their trees, the manifest, the proofs.

:func:`publish` takes the tally's form records and setup, keeps the forms the
official counting rule counts (:func:`electoral.results.counted_forms`, the rule
:func:`electoral.results.tally` uses), encodes each one, builds one tree per
ballot and the election's tree above them, and returns a :class:`Publication`:
the manifest, the forms in publication order, and inclusion proofs on request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from electoral.errors import (
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    OutOfRange,
    register_messages,
)
from electoral.model import ReconciliationForm
from electoral.publication._build import Built, TreeBuilder
from electoral.publication._encoding import SUMMARY_COLUMNS, PublishedForm
from electoral.publication._manifest import (
    Counting,
    FormEntry,
    Manifest,
    Node,
    Subtotals,
    check_label,
)
from electoral.publication._proofs import InclusionProof, ProofStep
from electoral.publication._tree import CEILING, Level, inner_path, unpack
from electoral.results import (
    EntryVersion,
    FormRecord,
    Tally,
    TallySetup,
    counted_forms,
)

__all__ = ["Publication", "publish"]

CandidateKey = tuple[int, int]

register_messages(
    {
        "publication.center_unknown": (
            "Centre {value} is not in the tally's setup.",
            "المركز {value} غير موجود في إعداد العد.",
        ),
        "publication.candidate_not_on_ballot": (
            "Votes for candidate {value}, who is not on the form's ballot.",
            "أصوات للمرشح {value} وهو ليس على ورقة اقتراع الاستمارة.",
        ),
        "publication.recon_layout": (
            "The 2014 reconciliation layout cannot be published; the per-form file "
            "carries the current layout's five fields.",
            "لا يمكن نشر نموذج المطابقة لعام 2014؛ "
            "ملف الاستمارات يحمل حقول النموذج الحالي الخمسة.",
        ),
        "publication.duplicate_barcode": (
            "Barcode {value} is on two counted forms.",
            "الرمز الشريطي {value} موجود على استمارتين محتسبتين.",
        ),
        "publication.tally_mismatch": (
            "The tally given does not match the forms counted for ballot {value}.",
            "العد المعطى لا يطابق الاستمارات المحتسبة لورقة الاقتراع {value}.",
        ),
        "publication.form_not_found": (
            "{value} is not a form of this publication.",
            "{value} ليست استمارة في هذا النشر.",
        ),
    }
)

_FINAL: Final = EntryVersion.FINAL


def _ballot_candidates(setup: TallySetup, ballot: int) -> tuple[CandidateKey, ...]:
    return tuple(c.key for c in setup.form_candidates(ballot))


def _published(
    record: FormRecord, setup: TallySetup, columns: Mapping[CandidateKey, int], width: int
) -> PublishedForm:
    form = record.form
    center = setup.centers.get(form.center_id or 0)
    if center is None:
        raise InconsistentValue(
            "publication.center_unknown", field="center_id", value=form.center_id
        )
    votes = [0] * width
    for entry in record.results:
        if entry.active and entry.version is _FINAL:
            column = columns.get(entry.candidate)
            if column is None:
                raise InconsistentValue(
                    "publication.candidate_not_on_ballot", field="votes", value=entry.candidate
                )
            votes[column] += entry.votes
    reconciliation = None
    if form.has_reconciliation:
        recon = record.active_recon(_FINAL)
        if recon is not None:
            if not isinstance(recon, ReconciliationForm):
                raise InvalidFormat("publication.recon_layout", field="reconciliation")
            reconciliation = recon.numbers
    for count in (*votes, *(reconciliation or ())):
        if count > CEILING:
            raise OutOfRange("publication.ceiling", field="votes", value=count, ceiling=CEILING)
    assert form.station_number is not None
    return PublishedForm(
        constituency_id=center.constituency_id,
        subconstituency_id=center.subconstituency_id,
        center_id=center.center_id,
        station_number=form.station_number,
        ballot_number=form.ballot_number,
        barcode=form.barcode,
        state=form.state,
        reconciliation=reconciliation,
        votes=tuple(votes),
    )


def _subtotals(value: int, slots: int) -> Subtotals:
    return Subtotals.of(unpack(value, slots))


def _to_node(built: Built, candidates: tuple[CandidateKey, ...] = ()) -> Node:
    return Node(
        level=built.level,
        key=built.key,
        hash=built.hash.hex(),
        subtotals=_subtotals(built.value, built.slots),
        children=tuple(_to_node(child) for child in built.children),
        forms=tuple(
            FormEntry(station_number=station, barcode=barcode, leaf=leaf.hex())
            for station, barcode, leaf, _ in built.forms
        ),
        candidates=candidates,
    )


@attrs.frozen(kw_only=True, eq=False)
class Publication:
    """The published results: the manifest, the forms in publication order, their proofs.

    Attributes:
        manifest: the roots and every node above the forms (publish it as JSON,
            :func:`electoral.publication.write_manifest`).
        forms: the counted forms in publication order (publish them as the
            per-form CSV file, :func:`electoral.publication.write_forms`).
    """

    manifest: Manifest
    forms: tuple[PublishedForm, ...]
    _tree: Built = attrs.field(alias="tree", repr=False)
    _candidates: Mapping[int, tuple[CandidateKey, ...]] = attrs.field(
        alias="candidates", repr=False
    )

    @property
    def root(self) -> str:
        """The election's root hash, in hexadecimal."""
        return self.manifest.root

    def form(self, barcode: str) -> PublishedForm:
        """The published form with ``barcode``.

        Raises:
            InconsistentValue: ``publication.form_not_found``.
        """
        if type(barcode) is not str:
            raise TypeError(f"barcode must be a str, not {type(barcode).__name__}")
        for form in self.forms:
            if form.barcode == barcode:
                return form
        raise InconsistentValue("publication.form_not_found", field="barcode", value=barcode)

    def proof(self, barcode: str) -> InclusionProof:
        """The inclusion proof of the form with ``barcode``: its path to the election's root.

        Raises:
            InconsistentValue: ``publication.form_not_found``.
        """
        form = self.form(barcode)
        ballot = next(b for b in self._tree.children if b.key == form.ballot_number)
        constituency = next(c for c in ballot.children if c.key == form.constituency_id)
        subcon = next(s for s in constituency.children if s.key == form.subconstituency_id)
        center = next(c for c in subcon.children if c.key == form.center_id)
        index = next(i for i, f in enumerate(center.forms) if f[0] == form.station_number)
        steps = [_step(center, index)]
        for parent, child in ((subcon, center), (constituency, subcon), (ballot, constituency)):
            steps.append(_step(parent, parent.children.index(child)))
        steps.append(_step(self._tree, self._tree.children.index(ballot)))
        return InclusionProof(
            election=self.manifest.election,
            counting=self.manifest.counting,
            candidates=self._candidates[form.ballot_number],
            steps=tuple(steps),
        )


def _step(node: Built, index: int) -> ProofStep:
    pairs = node.pairs()
    slots = len(SUMMARY_COLUMNS) + 1 if node.level is Level.ELECTION else node.slots
    return ProofStep(
        level=node.level,
        key=node.key,
        index=index,
        count=len(pairs),
        siblings=tuple(
            (sibling.hex(), _subtotals(value, slots))
            for sibling, value in inner_path(pairs, index, slots)
        ),
    )


def _check_tally(tally: Tally, forms: Iterable[PublishedForm], candidates: Any) -> None:
    sums: dict[int, list[int]] = {}
    for form in forms:
        acc = sums.setdefault(form.ballot_number, [0, 0] + [0] * len(form.votes))
        acc[0] += 1
        acc[1] += (form.reconciliation or (0, 0, 0, 0, 0))[3]
        for i, count in enumerate(form.votes, 2):
            acc[i] += count
    if set(sums) != {b for b, t in tally.ballot.items() if t.forms}:
        raise InconsistentValue("publication.tally_mismatch", field="tally", value=sorted(sums))
    for ballot, acc in sums.items():
        totals = tally.ballot[ballot]
        votes = {k: n for k, n in zip(candidates[ballot], acc[2:], strict=True) if n}
        if (
            totals.forms != acc[0]
            or totals.invalid != acc[1]
            or {k: n for k, n in totals.votes.items() if n} != votes
        ):
            raise InconsistentValue("publication.tally_mismatch", field="tally", value=ballot)


def publish(
    records: Iterable[FormRecord],
    setup: TallySetup,
    *,
    election: str,
    include_quarantine: bool = False,
    published_only: bool = False,
    tally: Tally | None = None,
) -> Publication:
    """Publish a tally: encode every counted form and build the trees and the manifest.

    Args:
        records: every form of the tally (the counting rule picks the counted ones).
        setup: the tally's reference data (each centre's constituency and
            sub-constituency, each ballot's candidates).
        election: a label for the election (1 to 64 ASCII letters, digits, ``.``,
            ``_`` and ``-``), hashed into the root.
        include_quarantine, published_only: the counting rule, as for
            :func:`electoral.results.tally`.
        tally: if given, the tally computed from the same records with the same
            rule; the published forms must add up to its ballot totals.

    Raises:
        ValidationErrors: every form that cannot be published, located by barcode
            (an unknown centre, votes for a candidate not on the ballot, the 2014
            reconciliation layout, a count above the ceiling, a duplicate barcode).
        InconsistentValue: ``publication.tally_mismatch``.

    >>> from electoral.results import tally
    >>> from electoral.testing import demo_records, demo_tally_setup
    >>> setup = demo_tally_setup()
    >>> records = demo_records(setup)
    >>> publication = publish(records, setup, election="demo", tally=tally(records, setup))
    >>> len(publication.forms), publication.manifest.subtotals.votes
    (11, (2166,))
    >>> publication.root
    '...'
    """
    if not isinstance(setup, TallySetup):
        raise TypeError(f"setup must be a TallySetup, not {type(setup).__name__}")
    if isinstance(records, str | bytes | Mapping) or not isinstance(records, Iterable):
        raise TypeError(f"records must be an iterable of FormRecord, not {type(records).__name__}")
    records = list(records)
    for record in records:
        if not isinstance(record, FormRecord):
            raise TypeError(f"records must hold FormRecord values, not {type(record).__name__}")
    if tally is not None and not isinstance(tally, Tally):
        raise TypeError(f"tally must be a Tally, not {type(tally).__name__}")
    counting = Counting(include_quarantine=include_quarantine, published_only=published_only)
    label = check_label(election)
    counted = counted_forms(
        records, include_quarantine=include_quarantine, setup=setup, published_only=published_only
    )
    candidates: dict[int, tuple[CandidateKey, ...]] = {}
    columns: dict[int, dict[CandidateKey, int]] = {}
    collector = ErrorCollector("the counted forms")
    forms: list[PublishedForm] = []
    seen: set[str] = set()
    for record in counted:
        ballot = record.form.ballot_number
        if ballot not in candidates:
            candidates[ballot] = _ballot_candidates(setup, ballot)
            columns[ballot] = {key: i for i, key in enumerate(candidates[ballot])}
        with collector.at(f"barcode {record.barcode}"):
            if record.barcode in seen:
                raise InconsistentValue(
                    "publication.duplicate_barcode", field="barcode", value=record.barcode
                )
            seen.add(record.barcode)
            forms.append(_published(record, setup, columns[ballot], len(candidates[ballot])))
    collector.raise_if_any()
    forms.sort(key=lambda form: form.key)
    if tally is not None:
        _check_tally(tally, forms, candidates)
    builder = TreeBuilder(candidates, label=label, flags=counting.flags, keep=True)
    for form in forms:
        builder.add(form.key, form.barcode, form.leaf, form.value)
    tree = builder.finish()
    manifest = Manifest(
        election=label,
        counting=counting,
        root=tree.hash.hex(),
        subtotals=_subtotals(tree.value, len(SUMMARY_COLUMNS) + 1),
        ballots=tuple(_to_node(b, candidates[b.key]) for b in tree.children),
    )
    return Publication(manifest=manifest, forms=tuple(forms), tree=tree, candidates=candidates)
