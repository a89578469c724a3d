"""Tests for electoral.model.result_form: forms, replacement rules, reconciliation sections."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from electoral.errors import (
    InconsistentValue,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    OutOfRange,
    ValidationError,
)
from electoral.model import (
    FormState,
    Gender,
    ReconciliationForm,
    ReconciliationForm2014,
    ResultForm,
)

RECON_COUNTS = [f.name for f in attrs.fields(ReconciliationForm) if f.name.startswith("number_")]
RECON_2014_COUNTS = [
    f.name for f in attrs.fields(ReconciliationForm2014) if f.name.startswith("number_")
]
RECON_2014_FLAGS = [
    "signature_polling_officer_1",
    "signature_polling_officer_2",
    "signature_polling_station_chair",
    "signature_dated",
    "is_stamped",
]


def assigned(**changes: Any) -> dict[str, Any]:
    return {
        "barcode": "031001002117",
        "ballot_number": 117,
        "center_id": 31001,
        "station_number": 2,
        "gender": Gender.MALE,
        **changes,
    }


def expect(
    cls: type[ValidationError],
    code: str,
    field: str,
    value: object,
    noun: type[Any],
    **fields: Any,
) -> ValidationError:
    with pytest.raises(cls) as info:
        noun(**fields)
    error = info.value
    assert type(error) is cls
    assert (error.code, error.field) == (code, field)
    assert error.value == value
    assert type(error.value) is type(value)
    return error


def test_assigned_form() -> None:
    form = ResultForm(**assigned())
    assert form.barcode == "031001002117"
    assert form.state is FormState.UNSUBMITTED
    assert form.is_replacement is False
    assert form.serial_number is None
    assert form.station_key == (31001, 2)
    assert form.has_reconciliation is True


def test_out_of_country_form_has_no_reconciliation() -> None:
    assert ResultForm(**assigned(center_id=80000)).has_reconciliation is True
    assert ResultForm(**assigned(center_id=80001)).has_reconciliation is False


def test_unassigned_replacement_form() -> None:
    form = ResultForm(barcode="99990001001", ballot_number=117)
    assert form.is_replacement is True
    assert (form.center_id, form.station_number, form.gender) == (None, None, None)
    assert form.station_key is None
    assert form.has_reconciliation is False


def test_assigned_replacement_form() -> None:
    form = ResultForm(**assigned(is_replacement=True, gender=Gender.UNISEX))
    assert form.is_replacement is True
    assert form.gender is Gender.UNISEX


def test_barcode_keeps_leading_zeros_and_is_text() -> None:
    assert ResultForm(barcode="000000001", ballot_number=1).barcode == "000000001"
    assert ResultForm(barcode="1" * 255, ballot_number=1).barcode == "1" * 255
    expect(
        InvalidType, "type", "barcode", 31001002117, ResultForm, **assigned(barcode=31001002117)
    )
    expect(InvalidLength, "barcode.length", "barcode", "", ResultForm, **assigned(barcode=""))
    expect(
        InvalidLength,
        "barcode.length",
        "barcode",
        "1" * 256,
        ResultForm,
        **assigned(barcode="1" * 256),
    )
    expect(
        InvalidFormat,
        "barcode.format",
        "barcode",
        "3100a",
        ResultForm,
        **assigned(barcode="3100a"),
    )
    expect(
        InvalidFormat,
        "format",
        "barcode",
        "31001 002 117",
        ResultForm,
        **assigned(barcode="31001 002 117"),
    )


def test_numbers() -> None:
    expect(OutOfRange, "range", "ballot_number", -1, ResultForm, **assigned(ballot_number=-1))
    expect(OutOfRange, "range", "center_id", 9999, ResultForm, **assigned(center_id=9999))
    expect(OutOfRange, "range", "station_number", 103, ResultForm, **assigned(station_number=103))
    expect(OutOfRange, "range", "serial_number", -1, ResultForm, **assigned(serial_number=-1))
    expect(
        InvalidType, "type", "station_number", True, ResultForm, **assigned(station_number=True)
    )
    assert ResultForm(**assigned(serial_number=0)).serial_number == 0


def test_state_and_gender_are_members() -> None:
    expect(InvalidType, "type", "state", 9, ResultForm, **assigned(state=9))
    expect(InvalidType, "type", "gender", "male", ResultForm, **assigned(gender="male"))
    expect(
        InvalidType, "type", "is_replacement", None, ResultForm, **assigned(is_replacement=None)
    )


def test_station_without_centre() -> None:
    error = expect(
        InconsistentValue,
        "result_form.station_without_center",
        "station_number",
        2,
        ResultForm,
        barcode="1",
        ballot_number=1,
        station_number=2,
    )
    assert str(error) == "A form without a centre cannot name a station."


def test_gender_without_centre() -> None:
    expect(
        InconsistentValue,
        "result_form.gender_without_center",
        "gender",
        Gender.FEMALE,
        ResultForm,
        barcode="1",
        ballot_number=1,
        gender=Gender.FEMALE,
    )


def test_unassigned_form_must_be_a_replacement() -> None:
    expect(
        InconsistentValue,
        "result_form.unassigned_not_replacement",
        "center_id",
        None,
        ResultForm,
        barcode="1",
        ballot_number=1,
        is_replacement=False,
    )


def test_centre_without_station() -> None:
    error = expect(
        InconsistentValue,
        "result_form.center_without_station",
        "station_number",
        None,
        ResultForm,
        **assigned(station_number=None),
    )
    assert str(error) == "A form with a centre needs its station number."


def test_centre_without_gender() -> None:
    expect(
        InconsistentValue,
        "result_form.missing_gender",
        "gender",
        None,
        ResultForm,
        **assigned(gender=None),
    )


def test_assigning_a_replacement_form_at_intake() -> None:
    blank = ResultForm(barcode="99990001001", ballot_number=117)
    filled = attrs.evolve(blank, center_id=31001, station_number=2, gender=Gender.FEMALE)
    assert filled.is_replacement is True
    assert filled.station_key == (31001, 2)
    with pytest.raises(InconsistentValue) as info:
        attrs.evolve(blank, center_id=31001)
    assert info.value.code == "result_form.center_without_station"
    cleared = attrs.evolve(filled, center_id=None, station_number=None, gender=None)
    assert cleared == blank


@pytest.mark.parametrize(
    ("state", "ar"),
    [
        (FormState.UNSUBMITTED, "غير مقدمة"),
        (FormState.INTAKE, "الاستلام"),
        (FormState.DATA_ENTRY_1, "إدخال البيانات 1"),
        (FormState.DATA_ENTRY_2, "إدخال البيانات 2"),
        (FormState.CORRECTION, "التصحيح"),
        (FormState.QUALITY_CONTROL, "مراقبة الجودة"),
        (FormState.ARCHIVING, "قيد الأرشفة"),
        (FormState.ARCHIVED, "مؤرشفة"),
        (FormState.AUDIT, "التدقيق"),
        (FormState.CLEARANCE, "المعالجة"),
    ],
)
def test_state_labels(state: FormState, ar: str) -> None:
    assert state.label("ar") == ar


def test_state_english_labels() -> None:
    assert FormState.DATA_ENTRY_1.label() == "Data Entry 1"
    assert FormState.QUALITY_CONTROL.label("en") == "Quality Control"
    assert FormState.UNSUBMITTED.label() == "Unsubmitted"
    assert len(FormState) == 10


# --- reconciliation ----------------------------------------------------------------------------


def test_reconciliation_form() -> None:
    recon = ReconciliationForm(
        number_of_voters=500,
        number_of_voter_cards_in_the_ballot_box=300,
        number_valid_votes=280,
        number_invalid_votes=15,
        number_sorted_and_counted=295,
        notes="سطر\nسطر آخر",
    )
    assert recon.numbers == (500, 300, 280, 15, 295)
    assert recon.number_ballots_inside_the_box == 295
    assert (recon.ballot_number_from, recon.ballot_number_to) == (None, None)
    assert ReconciliationForm().numbers == (0, 0, 0, 0, 0)


def test_reconciliation_counts_order() -> None:
    assert RECON_COUNTS == [
        "number_of_voters",
        "number_of_voter_cards_in_the_ballot_box",
        "number_valid_votes",
        "number_invalid_votes",
        "number_sorted_and_counted",
    ]


@pytest.mark.parametrize("field", RECON_COUNTS)
def test_reconciliation_counts_non_negative_ints(field: str) -> None:
    big: dict[str, Any] = {field: 10**7}
    assert getattr(ReconciliationForm(**big), field) == 10**7
    error = expect(OutOfRange, "range", field, -1, ReconciliationForm, **{field: -1})
    assert error.params == {"min_value": 0, "max_value": "∞"}
    expect(InvalidType, "type", field, True, ReconciliationForm, **{field: True})
    expect(InvalidType, "type", field, 1.0, ReconciliationForm, **{field: 1.0})
    expect(InvalidType, "type", field, "1", ReconciliationForm, **{field: "1"})
    expect(InvalidType, "type", field, None, ReconciliationForm, **{field: None})


def test_reconciliation_notes_and_serials() -> None:
    assert ReconciliationForm(notes="a\r\nb").notes == "a\r\nb"
    expect(
        InvalidFormat, "text.too_long", "notes", "n" * 4097, ReconciliationForm, notes="n" * 4097
    )
    expect(InvalidFormat, "text.control", "notes", "a\tb", ReconciliationForm, notes="a\tb")
    assert ReconciliationForm(ballot_number_from="0001").ballot_number_from == "0001"
    expect(
        InvalidFormat,
        "text.newline",
        "ballot_number_to",
        "1\n2",
        ReconciliationForm,
        ballot_number_to="1\n2",
    )
    expect(InvalidType, "type", "ballot_number_from", 1, ReconciliationForm, ballot_number_from=1)


def test_reconciliation_2014() -> None:
    recon = ReconciliationForm2014(
        number_ballots_inside_box=300,
        number_unstamped_ballots=5,
        number_invalid_votes=10,
        number_cancelled_ballots=3,
    )
    assert recon.ballots_used(250) == 3 + 5 + 10 + 250
    assert recon.ballots_expected == 300 - 5 - 10
    assert len(RECON_2014_COUNTS) == 12
    assert all(getattr(ReconciliationForm2014(), flag) is False for flag in RECON_2014_FLAGS)


@pytest.mark.parametrize("field", RECON_2014_COUNTS)
def test_reconciliation_2014_counts(field: str) -> None:
    expect(OutOfRange, "range", field, -1, ReconciliationForm2014, **{field: -1})
    expect(InvalidType, "type", field, False, ReconciliationForm2014, **{field: False})


@pytest.mark.parametrize("field", RECON_2014_FLAGS)
def test_reconciliation_2014_flags(field: str) -> None:
    flag: dict[str, Any] = {field: True}
    assert getattr(ReconciliationForm2014(**flag), field) is True
    expect(InvalidType, "type", field, 1, ReconciliationForm2014, **{field: 1})
