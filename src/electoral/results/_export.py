"""Private: the per-form results export's rows (one candidate on one counted form).

:class:`ResultRow` is a light tuple: an export of a national tally has hundreds of
thousands of rows. Building one checks every value (all problems at once); the
export's reader (:func:`electoral.formats.tallyho.read_results_export`) checks the
cells it reads the same way. The export's CSV columns are the field names, in order.

Sources: Tally-Ho ``libs/views/exports.py`` (``save_barcode_results``)
(onaio/tally-ho at commit ``acbe4f4``).

>>> from electoral.testing import demo_records, demo_tally_setup
>>> setup = demo_tally_setup()
>>> row = next(results_rows(demo_records(setup), setup))
>>> row.barcode, row.candidate_id, row.votes
('31001001117', 1, 11)
>>> row._replace(votes=-1)
Traceback (most recent call last):
...
electoral.errors.ValidationErrors: 1 problem in ResultRow (1 sub-exception)
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterable, Iterator
from typing import Any, Final, NamedTuple, cast

from electoral._guard import guarded
from electoral.errors import ErrorCollector
from electoral.ids import barcode as _barcode
from electoral.model import Gender, ReconciliationForm
from electoral.model import _validators as v
from electoral.results._counting import counted_forms
from electoral.results._records import EntryVersion, FormRecord, PvpMode, TallySetup

__all__ = ["EXPORT_COLUMNS", "PVP_EXPORT_COLUMNS", "ResultRow", "check_field", "results_rows"]


_COUNT: Final = v.integer(0)
_OPTIONAL: Final = v.optional(_COUNT)
_TEXT: Final = v.text()
_CHECKS: Final[dict[str, v.Validator]] = {
    "ballot": _COUNT,
    "race_number": _COUNT,
    "center": _COUNT,
    "station": _COUNT,
    "gender": v.enum_member(Gender),
    "barcode": v.identifier(_barcode),
    "election_level": _TEXT,
    "sub_race_type": _TEXT,
    "voting_district": _OPTIONAL,
    "order": _COUNT,
    "candidate_name": _TEXT,
    "candidate_id": _COUNT,
    "votes": _COUNT,
    "invalid_ballots": _OPTIONAL,
    "voter_cards": _OPTIONAL,
    "received_ballots_papers": _OPTIONAL,
    "valid_votes": _OPTIONAL,
    "total_ballot_papers_in_box": _OPTIONAL,
    "number_registrants": _OPTIONAL,
    "candidate_status": _TEXT,
    "from_pvp": v.boolean,
    "pvp_mode_applied": v.optional(v.enum_member(PvpMode)),
}


def check_field(name: str, value: object) -> None:
    """Check one field's value as :class:`ResultRow` does (raises its typed error)."""
    attribute = cast(Any, types.SimpleNamespace(name=name))
    _CHECKS[name](None, attribute, value)


class ResultRow(NamedTuple):
    """One row of the per-form results export: one candidate on one ARCHIVED form.

    ``race_number`` is the ballot number (the results system's "race number"
    column); ``votes`` the FINAL active count; the five reconciliation numbers are
    empty for a form without a FINAL reconciliation section; ``from_pvp`` says
    whether the form is linked to a PVP submission and ``pvp_mode_applied`` the
    mode that submission was imported under (``None`` when not from PVP).

    Building one checks every field (a :class:`~electoral.errors.ValidationErrors`
    naming each bad field), and so does ``_replace``.
    """

    ballot: int
    race_number: int
    center: int
    station: int
    gender: Gender
    barcode: str
    election_level: str
    sub_race_type: str
    voting_district: int | None
    order: int
    candidate_name: str
    candidate_id: int
    votes: int
    invalid_ballots: int | None
    voter_cards: int | None
    received_ballots_papers: int | None
    valid_votes: int | None
    total_ballot_papers_in_box: int | None
    number_registrants: int | None
    candidate_status: str
    from_pvp: bool = False
    pvp_mode_applied: PvpMode | None = None


_plain_new: Final = ResultRow.__new__


@functools.wraps(_plain_new)
def _checked_new(cls: type[ResultRow], *args: Any, **kwargs: Any) -> ResultRow:
    row = _plain_new(cls, *args, **kwargs)
    errors = ErrorCollector("ResultRow")
    for name, value in zip(cls._fields, row, strict=True):
        with errors.at(f"$.{name}"):
            check_field(name, value)
    errors.raise_if_any()
    return row


def _checked_replace(self: ResultRow, **changes: Any) -> ResultRow:
    return type(self)(**(self._asdict() | changes))


setattr(ResultRow, "__new__", _checked_new)  # noqa: B010 - NamedTuple forbids it in the class
setattr(ResultRow, "_replace", _checked_replace)  # noqa: B010


EXPORT_COLUMNS: Final = ResultRow._fields
"""The export's columns, in order."""
PVP_EXPORT_COLUMNS: Final = ("from_pvp", "pvp_mode_applied")
"""The PVP columns; an export written before PVP (without them) still reads."""


@guarded
def results_rows(records: Iterable[FormRecord], setup: TallySetup) -> Iterator[ResultRow]:
    """The export's rows: counted ARCHIVED forms, each candidate in ballot order.

    ``votes`` is the FINAL active count (0 when missing); the recon columns are
    empty for a form without a FINAL reconciliation section.
    """
    for record in counted_forms(records):
        form = record.form
        assert form.center_id is not None
        assert form.station_number is not None
        assert form.gender is not None
        ballot = setup.ballots[form.ballot_number]
        votes = record.active_votes(EntryVersion.FINAL)
        recon = record.active_recon(EntryVersion.FINAL) if form.has_reconciliation else None
        numbers: tuple[int | None, ...] = (None,) * 5
        if isinstance(recon, ReconciliationForm):
            numbers = (
                recon.number_invalid_votes,
                recon.number_of_voter_cards_in_the_ballot_box,
                recon.number_of_voters,
                recon.number_valid_votes,
                recon.number_sorted_and_counted,
            )
        station = setup.station_of(form)
        center = setup.centers.get(form.center_id)
        for candidate in setup.form_candidates(form.ballot_number):
            yield ResultRow(
                ballot=form.ballot_number,
                race_number=form.ballot_number,
                center=form.center_id,
                station=form.station_number,
                gender=form.gender,
                barcode=form.barcode,
                election_level=ballot.race.election_level,
                sub_race_type=ballot.race.name,
                voting_district=None if center is None else center.subconstituency_id,
                order=candidate.order,
                candidate_name=candidate.name_ar,
                candidate_id=candidate.candidate_id,
                votes=votes.get(candidate.key, 0),
                invalid_ballots=numbers[0],
                voter_cards=numbers[1],
                received_ballots_papers=numbers[2],
                valid_votes=numbers[3],
                total_ballot_papers_in_box=numbers[4],
                number_registrants=None if station is None else station.registrants,
                candidate_status="enabled" if candidate.active else "disabled",
                from_pvp=record.pvp is not None,
                pvp_mode_applied=None if record.pvp is None else record.pvp.mode,
            )
