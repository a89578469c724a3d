"""Result forms and their reconciliation sections (استمارات النتائج ومطابقتها).

A **result form** is the paper on which a polling station reports the votes of one
ballot. Its barcode is text and keeps its leading zeros. A form normally names its
centre, station and ballot; a **replacement** form is printed blank and gets its
centre and station at intake, and its gender from the station. Until then its
centre, station and gender are empty, and only a replacement form may be like that.

The **reconciliation form** is the form's arithmetic section. The current layout
has five numeric fields (HNEC fields 1 to 5) and notes;
:class:`ReconciliationForm2014` keeps the 2014 layout, whose arithmetic differed,
as a second documented layout.

Moving a form between states, comparing double entries and running quarantine
checks belong to the results chapter; here the values are only recorded and
checked for shape.

Sources: Tally-Ho ``tally_ho/apps/tally/models/result_form.py``,
``reconciliation_form.py`` in the same folder and its 2014 version (at commit
``abc79b4``), ``tally_ho/libs/models/enums/form_state.py`` (onaio/tally-ho at commit ``acbe4f4``).

>>> f = ResultForm(barcode="031001002117", ballot_number=117, center_id=31001,
...                station_number=2, gender=Gender.MALE)
>>> f.barcode, f.state
('031001002117', <FormState.UNSUBMITTED: 'unsubmitted'>)
>>> ResultForm(barcode="99990001001", ballot_number=117).is_replacement
True
>>> ResultForm(barcode="31001002117", ballot_number=117, center_id=31001)
Traceback (most recent call last):
...
electoral.errors.InconsistentValue: A form with a centre needs its station number.
"""

from __future__ import annotations

import enum
from typing import Final

import attrs

from electoral.errors import InconsistentValue, Language, register_messages
from electoral.ids import barcode as _barcode
from electoral.ids import center_id as _center_id
from electoral.ids import station_number as _station_number
from electoral.model import _validators as v
from electoral.model.gender import Gender

__all__ = ["FormState", "ReconciliationForm", "ReconciliationForm2014", "ResultForm"]

register_messages(
    {
        "result_form.station_without_center": (
            "A form without a centre cannot name a station.",
            "لا يمكن لاستمارة بلا مركز أن تحدد محطة.",
        ),
        "result_form.center_without_station": (
            "A form with a centre needs its station number.",
            "الاستمارة المرتبطة بمركز تحتاج إلى رقم المحطة.",
        ),
        "result_form.gender_without_center": (
            "A form without a centre has no gender yet.",
            "الاستمارة التي لا مركز لها ليس لها جنس بعد.",
        ),
        "result_form.unassigned_not_replacement": (
            "Only a replacement form may lack a centre.",
            "استمارة الاستبدال وحدها يجوز أن تكون بلا مركز.",
        ),
        "result_form.missing_gender": (
            "A form with a centre needs a gender.",
            "الاستمارة المرتبطة بمركز تحتاج إلى تحديد الجنس.",
        ),
    }
)


class FormState(enum.Enum):
    """Where a result form is in the tally process.

    ``ARCHIVING`` is a legacy state the results system keeps for compatibility.
    """

    UNSUBMITTED = "unsubmitted"
    INTAKE = "intake"
    DATA_ENTRY_1 = "data_entry_1"
    DATA_ENTRY_2 = "data_entry_2"
    CORRECTION = "correction"
    QUALITY_CONTROL = "quality_control"
    ARCHIVING = "archiving"
    ARCHIVED = "archived"
    AUDIT = "audit"
    CLEARANCE = "clearance"

    def label(self, language: Language = "en") -> str:
        """The state's label: "Data Entry 1" (the results system's rule), or in Arabic."""
        if language == "ar":
            return _STATE_LABELS_AR[self]
        return " ".join(word.capitalize() for word in self.name.split("_"))


_STATE_LABELS_AR: Final = {
    FormState.UNSUBMITTED: "غير مقدمة",
    FormState.INTAKE: "الاستلام",
    FormState.DATA_ENTRY_1: "إدخال البيانات 1",
    FormState.DATA_ENTRY_2: "إدخال البيانات 2",
    FormState.CORRECTION: "التصحيح",
    FormState.QUALITY_CONTROL: "مراقبة الجودة",
    FormState.ARCHIVING: "قيد الأرشفة",
    FormState.ARCHIVED: "مؤرشفة",
    FormState.AUDIT: "التدقيق",
    FormState.CLEARANCE: "المعالجة",
}

_COUNT: Final = v.integer(0)


@attrs.frozen(kw_only=True)
class ResultForm:
    """One paper result form: the votes of one ballot at one station.

    Attributes:
        barcode: 1 to 255 digits, as text; leading zeros are kept.
        ballot_number: the ballot the form reports.
        center_id: the centre it comes from; empty only on an unassigned
            replacement form.
        station_number: the station it comes from; empty exactly when ``center_id`` is.
        gender: the station's gender; empty only on an unassigned replacement form.
        state: where the form is in the tally process.
        is_replacement: whether it was printed blank, to replace a lost form.
        serial_number: the printed serial number, where there is one.
    """

    barcode: str = attrs.field(validator=v.identifier(_barcode))
    ballot_number: int = attrs.field(validator=v.integer(0, 32_767))
    center_id: int | None = attrs.field(
        default=None,
        validator=v.optional(v.integer(_center_id.MIN_VALUE, _center_id.MAX_VALUE)),
    )
    station_number: int | None = attrs.field(
        default=None,
        validator=v.optional(v.integer(_station_number.MIN_VALUE, _station_number.MAX_VALUE)),
    )
    gender: Gender | None = attrs.field(default=None, validator=v.optional(v.enum_member(Gender)))
    state: FormState = attrs.field(
        default=FormState.UNSUBMITTED, validator=v.enum_member(FormState)
    )
    is_replacement: bool = attrs.field(validator=v.boolean)
    serial_number: int | None = attrs.field(default=None, validator=v.optional(v.integer(0)))

    @is_replacement.default
    def _replacement_when_unassigned(self) -> bool:
        return self.center_id is None

    def __attrs_post_init__(self) -> None:
        if self.center_id is None:
            if self.station_number is not None:
                raise InconsistentValue(
                    "result_form.station_without_center",
                    field="station_number",
                    value=self.station_number,
                )
            if self.gender is not None:
                raise InconsistentValue(
                    "result_form.gender_without_center", field="gender", value=self.gender
                )
            if not self.is_replacement:
                raise InconsistentValue(
                    "result_form.unassigned_not_replacement", field="center_id", value=None
                )
        else:
            if self.station_number is None:
                raise InconsistentValue(
                    "result_form.center_without_station", field="station_number", value=None
                )
            if self.gender is None:
                raise InconsistentValue("result_form.missing_gender", field="gender", value=None)

    @property
    def station_key(self) -> tuple[int, int] | None:
        """``(center_id, station_number)``, or ``None`` for an unassigned form."""
        if self.center_id is None or self.station_number is None:
            return None
        return (self.center_id, self.station_number)

    @property
    def has_reconciliation(self) -> bool:
        """Whether the form has a reconciliation section.

        Forms of in-country centres (ids below 80001) have one; out-of-country
        centres and unassigned replacement forms do not (Tally-Ho ``has_recon``).
        """
        return self.center_id is not None and self.center_id < _center_id.OUT_OF_COUNTRY_MIN


@attrs.frozen(kw_only=True)
class ReconciliationForm:
    """The current reconciliation section: HNEC fields 1 to 5 and notes.

    Attributes:
        number_of_voters: Field 1, voters in the station's register (plus
            additional voters).
        number_of_voter_cards_in_the_ballot_box: Field 2.
        number_valid_votes: Field 3.
        number_invalid_votes: Field 4, including blank ballots.
        number_sorted_and_counted: Field 5, ballot papers in the box.
        notes: free text.
        ballot_number_from: first serial number of the ballot papers, where recorded.
        ballot_number_to: last serial number of the ballot papers, where recorded.
    """

    number_of_voters: int = attrs.field(default=0, validator=_COUNT)
    number_of_voter_cards_in_the_ballot_box: int = attrs.field(default=0, validator=_COUNT)
    number_valid_votes: int = attrs.field(default=0, validator=_COUNT)
    number_invalid_votes: int = attrs.field(default=0, validator=_COUNT)
    number_sorted_and_counted: int = attrs.field(default=0, validator=_COUNT)
    notes: str = attrs.field(default="", validator=v.text(max_length=4096, newlines=True))
    ballot_number_from: str | None = attrs.field(
        default=None, validator=v.optional(v.text(max_length=255))
    )
    ballot_number_to: str | None = attrs.field(
        default=None, validator=v.optional(v.text(max_length=255))
    )

    @property
    def number_ballots_inside_the_box(self) -> int:
        """Valid plus invalid votes."""
        return self.number_valid_votes + self.number_invalid_votes

    @property
    def numbers(self) -> tuple[int, int, int, int, int]:
        """Fields 1 to 5, in order."""
        return (
            self.number_of_voters,
            self.number_of_voter_cards_in_the_ballot_box,
            self.number_valid_votes,
            self.number_invalid_votes,
            self.number_sorted_and_counted,
        )


@attrs.frozen(kw_only=True)
class ReconciliationForm2014:
    """The 2014 reconciliation layout, kept for the 2014 quarantine triggers.

    In this layout "ballots used" was cancelled + unstamped + invalid + candidate
    votes, and "ballots expected" was inside the box - unstamped - invalid
    (Tally-Ho ``models/reconciliation_form.py`` at ``abc79b45``).

    Attributes:
        number_ballots_received: ballot papers the station received.
        number_signatures_in_vr: signatures in the voter register.
        number_unused_ballots: ballot papers not used.
        number_spoiled_ballots: ballot papers spoiled.
        number_cancelled_ballots: ballot papers cancelled.
        number_ballots_outside_box: ballot papers outside the box.
        number_ballots_inside_box: ballot papers inside the box.
        number_ballots_inside_and_outside_box: inside plus outside.
        number_unstamped_ballots: unstamped ballot papers.
        number_invalid_votes: invalid votes.
        number_valid_votes: valid votes.
        number_sorted_and_counted: ballot papers sorted and counted.
        signature_polling_officer_1: first polling officer signed.
        signature_polling_officer_2: second polling officer signed.
        signature_polling_station_chair: station chair signed.
        signature_dated: the signatures are dated.
        is_stamped: the form is stamped.
        notes: free text.
    """

    number_ballots_received: int = attrs.field(default=0, validator=_COUNT)
    number_signatures_in_vr: int = attrs.field(default=0, validator=_COUNT)
    number_unused_ballots: int = attrs.field(default=0, validator=_COUNT)
    number_spoiled_ballots: int = attrs.field(default=0, validator=_COUNT)
    number_cancelled_ballots: int = attrs.field(default=0, validator=_COUNT)
    number_ballots_outside_box: int = attrs.field(default=0, validator=_COUNT)
    number_ballots_inside_box: int = attrs.field(default=0, validator=_COUNT)
    number_ballots_inside_and_outside_box: int = attrs.field(default=0, validator=_COUNT)
    number_unstamped_ballots: int = attrs.field(default=0, validator=_COUNT)
    number_invalid_votes: int = attrs.field(default=0, validator=_COUNT)
    number_valid_votes: int = attrs.field(default=0, validator=_COUNT)
    number_sorted_and_counted: int = attrs.field(default=0, validator=_COUNT)
    signature_polling_officer_1: bool = attrs.field(default=False, validator=v.boolean)
    signature_polling_officer_2: bool = attrs.field(default=False, validator=v.boolean)
    signature_polling_station_chair: bool = attrs.field(default=False, validator=v.boolean)
    signature_dated: bool = attrs.field(default=False, validator=v.boolean)
    is_stamped: bool = attrs.field(default=False, validator=v.boolean)
    notes: str = attrs.field(default="", validator=v.text(max_length=4096, newlines=True))

    def ballots_used(self, candidate_votes: int) -> int:
        """Cancelled + unstamped + invalid + the form's candidate votes (2014 trigger 1)."""
        return (
            self.number_cancelled_ballots
            + self.number_unstamped_ballots
            + self.number_invalid_votes
            + candidate_votes
        )

    @property
    def ballots_expected(self) -> int:
        """Inside the box - unstamped - invalid (2014 trigger 2)."""
        return (
            self.number_ballots_inside_box
            - self.number_unstamped_ballots
            - self.number_invalid_votes
        )
