"""Centre CSV upload: the bad-input fixtures of SmartElect's ``register/tests/uploads``."""

from __future__ import annotations

from pathlib import Path

import pytest

from electoral.errors import MESSAGES, ValidationErrors
from electoral.formats.smartelect import read_centers, write_centers
from electoral.model import Center, CenterType, Constituency, Office, SubConstituency
from electoral.registration import CENTER_CSV_COLUMNS, CenterImport, center_csv_messages
from electoral.registration._centers_csv import _TYPES

DATA = Path(__file__).parent / "data" / "smartelect"
HEADER = ",".join(CENTER_CSV_COLUMNS)
OFFICES = {1, 999}
CONSTITUENCIES = {1, 999}
SUBCONSTITUENCIES = {1, 998, 999}


def load(data: bytes | str, centers: list[Center] | None = None) -> CenterImport:
    return read_centers(
        data,
        centers=centers or [],
        office_ids=OFFICES,
        constituency_ids=CONSTITUENCIES,
        subconstituency_ids=SUBCONSTITUENCIES,
    )


def fixture(name: str, centers: list[Center] | None = None) -> CenterImport:
    return load((DATA / name).read_bytes(), centers)


def failure(name: str, centers: list[Center] | None = None) -> list[str]:
    with pytest.raises(ValidationErrors) as info:
        fixture(name, centers)
    assert str(info.value).startswith("Errors occurred while parsing the uploaded file.")
    return center_csv_messages(info.value)


def center(cid: int, **kw: object) -> Center:
    fields: dict[str, object] = {
        "center_id": cid,
        "name_ar": f"C{cid}",
        "office_id": 1,
        "constituency_id": 1,
        "subconstituency_id": 1,
    }
    fields.update(kw)
    return Center(**fields)  # type: ignore[arg-type]


def test_valid_then_duplicates() -> None:
    first = fixture("valid_ecc.csv")
    assert (first.created, first.updated, first.duplicates, first.blank) == (3, 0, 0, 0)
    assert first.message() == (
        "Imported 3 new centers. Updated 0 centers. There were 0 duplicates skipped. Blank rows 0"
    )
    again = fixture("valid_ecc.csv", list(first.centers.values()))
    assert (again.created, again.updated, again.duplicates) == (0, 0, 3)
    assert all(c.reg_open for c in first.centers.values())


def test_valid_updates_existing_name() -> None:
    result = fixture("valid_ecc.csv", [center(11001, name_ar="11001 Center 3")])
    assert (result.created, result.updated) == (2, 1)
    assert result.centers[11001].name_ar == "Center 1"


def test_empty_file() -> None:
    with pytest.raises(ValidationErrors) as info:
        fixture("blank.csv")
    assert info.value.codes == ("formats.empty",)
    assert center_csv_messages(info.value) == ["The file is empty."]


def test_header_only_file() -> None:
    """SmartElect reports "Imported 0 new centers"; a header alone is refused here."""
    with pytest.raises(ValidationErrors) as info:
        load(HEADER + "\n")
    assert info.value.codes == ("formats.no_records",)


def test_byte_order_mark_is_accepted() -> None:
    """SmartElect failed the first header; the one file policy reads a BOM as nothing."""
    plain = fixture("valid_ecc.csv")
    with_bom = load(b"\xef\xbb\xbf" + (DATA / "valid_ecc.csv").read_bytes())
    assert with_bom == plain


def test_blank_rows_counted() -> None:
    result = fixture("blank_inbetween.csv")
    assert (result.created, result.blank) == (5, 3)


def columns_message(line: int) -> str:
    return (
        f"Error found in line {line}: row does not contain the exact number of columns "
        "required or it contains blank lines. The row should only have the following  "
        f"columns: {', '.join(CENTER_CSV_COLUMNS)}."
    )


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("too_many_columns.csv", 2),
        ("too_many_headers.csv", 1),
        ("too_few_headers.csv", 1),
        ("wrong_headers.csv", 1),
    ],
)
def test_column_errors(name: str, line: int) -> None:
    assert failure(name) == [columns_message(line)]


@pytest.mark.parametrize(
    ("name", "field", "value", "error"),
    [
        ("noninteger_center_id.csv", "center_id", "110A1", "Enter a whole number."),
        (
            "wrong_length_center_id.csv",
            "center_id",
            "110001",
            "Ensure this value is less than or equal to 99999.",
        ),
        ("bad_office_id.csv", "office_id", "", "This field is required."),
        ("bad_constituency_id.csv", "constituency_id", "x", "Enter a whole number."),
        ("bad_subconstituency_id.csv", "subconstituency_id", "x", "Enter a whole number."),
        ("nonexistent_office.csv", "office_id", "22", "Office does not exist."),
        ("nonexistent_constituency.csv", "constituency_id", "22", "Constituency does not exist."),
        (
            "nonexistent_subconstituency.csv",
            "subconstituency_id",
            "22",
            "Subconstituency does not exist.",
        ),
        ("blank_center_name.csv", "name", "", "This field is required."),
        ("newline_center_name.csv", "name", "new\nline", "Newlines are not allowed."),
        (
            "invalid_lat.csv",
            "center_lat",
            "1234",
            "Ensure that there are no more than 3 digits before the decimal point.",
        ),
    ],
)
def test_field_errors(name: str, field: str, value: str, error: str) -> None:
    assert failure(name) == [f"Error in row 2. Field: {field}. Value: {value}. Error: {error}"]


def test_invalid_center_type() -> None:
    (message,) = failure("invalid_center_types.csv")
    assert message.startswith(
        "Error in row 2. Field: center_type. Value: invalid_center_type. Error: That is not a "
        "valid center_type. Valid choices are عام (General), نازحين (Displaced)"
    )
    assert message.endswith("تقسيم (Split).")


def test_the_center_type_message_lists_every_type_the_upload_accepts() -> None:
    # the catalogue holds the text as a literal (it loads before the model): it must
    # still name every accepted type, with its labels, in the upload's order
    choices = ", ".join(f"{t.label('ar')} ({t.label('en')})" for t in _TYPES)
    message = MESSAGES["registration.csv.center_type"]
    assert message.en.endswith(f" Valid choices are {choices}.")
    assert message.ar.endswith(f" الخيارات الصالحة هي {choices}.")


def test_just_one_latlong() -> None:
    assert failure("just_one_latlong.csv") == [
        "Error in row 2. Error: Either set both latitude and longitude or neither."
    ]


def test_valid_center_types() -> None:
    result = fixture("valid_center_types.csv")
    assert (result.created, result.blank) == (13, 1)
    assert result.centers[11006].copy_of == 11001
    assert result.centers[11016].center_type is CenterType.COPY
    assert result.centers[11017].center_type is CenterType.SPLIT
    assert result.centers[11004].center_type is CenterType.DISABILITY


def test_placeholders() -> None:
    result = fixture("no_associated_namedthings.csv")
    (only,) = result.centers.values()
    assert (only.office_id, only.constituency_id, only.subconstituency_id) == (999, 999, 999)


def test_unused_copy_fixture_fails_as_documented() -> None:
    assert failure("valid_copy_center.csv") == [
        'Error in row 4. Error: Copy centre type must be "copy".'
    ]


def test_image_is_not_csv() -> None:
    with pytest.raises(ValidationErrors) as info:
        fixture("icon_clock.gif")
    assert info.value.codes == ("formats.nul",)  # a GIF's first line holds a NUL
    assert info.value.errors[0].location == "line 1"


BASE = (DATA / "copy_center_base.csv").read_text(encoding="utf-8")


def base_with(row: str) -> str:
    return HEADER + "\n" + row + "\n"


def test_copy_of_existing() -> None:
    result = load(base_with("70000,Copy,70001,,1,,,1,1,,,,نسخة,,"), [center(70001)])
    assert result.centers[70000].copy_of == 70001


def test_copy_of_row_in_same_file() -> None:
    text = BASE + "70002,Copy,70000,,1,,,1,1,,,,نسخة,,\n"
    result = load(text)
    assert result.created == 2
    assert result.centers[70002].copy_of == 70000


@pytest.mark.parametrize(
    ("existing", "row", "message"),
    [
        (
            [],
            "70000,X,70001,,1,,,1,1,,,,General,,",
            "Error in row 2. Field: copy_of_id. Value: 70001. Error: Copy centre does not exist.",
        ),
        (
            [center(70000), center(70001, center_type=CenterType.COPY, copy_of=70000)],
            "70001,Changed,70000,,1,,,1,1,,,,نسخة,,",
            "Error in row 2. Error: Copy centres are read-only.",
        ),
        (
            [center(70000), center(70001)],
            "70000,X,70001,,1,,,1,1,,,,Copy,,",
            "Error in row 2. Error: A centre may not be changed to a copy centre.",
        ),
        (
            [center(70000), center(70001, center_type=CenterType.COPY, copy_of=70000)],
            "70001,C70001,,,1,,,1,1,,,,General,,",
            "Error in row 2. Error: Copy centres are read-only.",
        ),
        (
            [center(70000)],
            "70001,X,70000,,1,,,1,1,,,,حقل نفط,,",
            'Error in row 2. Error: Copy centre type must be "copy".',
        ),
        (
            [],
            "70000,X,,,1,,,1,1,,,,نسخة,,",
            'Error in row 2. Error: Centre type "copy" requires copy centre information.',
        ),
        (
            [],
            "70000,X,,,1,,,1,998,,,,General,,",
            "Error in row 2. Error: Only split centers may be associated with "
            "subconstituency 998.",
        ),
        (
            [],
            "70000,X,,,1,,,1,1,,,,Split,,",
            "Error in row 2. Error: Split centers must be associated with subconstituency 998.",
        ),
        (
            [center(70000), center(70001, center_type=CenterType.COPY, copy_of=70000)],
            "70002,X,70001,,1,,,1,1,,,,Copy,,",
            "Error in row 2. Error: A copy centre cannot copy another copy centre.",
        ),
    ],
)
def test_copy_rules(existing: list[Center], row: str, message: str) -> None:
    with pytest.raises(ValidationErrors) as info:
        load(base_with(row), existing)
    assert center_csv_messages(info.value) == [message]


def test_seventh_copy_refused() -> None:
    existing = [center(70000)] + [
        center(70000 + i, center_type=CenterType.COPY, copy_of=70000) for i in range(1, 7)
    ]
    with pytest.raises(ValidationErrors) as info:
        load(base_with("70007,X,70000,,1,,,1,1,,,,Copy,,"), existing)
    assert center_csv_messages(info.value) == [
        "Error in row 2. Error: Copy centre already has the maximum number of copies (6)."
    ]


def test_every_bad_row_reported_nothing_applied() -> None:
    text = (
        HEADER + "\n11001,A,,,1,,,1,1,,,,General,,\n110A1,B,,,1,,,1,1,,,,General,,\n"
        "11003,C,,,1,,,x,1,,,,Nope,,\n"
    )
    with pytest.raises(ValidationErrors) as info:
        load(text)
    assert [e.location for e in info.value.errors] == ["line 3", "line 4", "line 4"]
    arabic = center_csv_messages(info.value, "ar")
    assert arabic[0].startswith("خطأ في الصف 3.")


def test_later_row_updates_earlier_row() -> None:
    text = HEADER + "\n11001,A,,,1,,,1,1,,,,General,,\n11001,B,,,1,,,1,1,,,,General,,\n"
    result = load(text)
    assert (result.created, result.updated) == (1, 1)
    assert result.centers[11001].name_ar == "B"


def test_coordinates_ranges_and_places() -> None:
    for lat, expected in (
        ("91", "less than or equal to 90"),
        ("-90.5", "greater than or equal to -90"),
        ("1.123456789", "no more than 8 decimal places"),
        ("abc", "Enter a number"),
    ):
        with pytest.raises(ValidationErrors) as info:
            load(base_with(f"11001,A,,,1,,,1,1,,,,General,{lat},10"))
        assert expected in center_csv_messages(info.value)[0]


def test_export_reimports_cleanly() -> None:
    first = fixture("valid_center_types.csv")
    centers = list(first.centers.values())
    centers.append(center(11020, lat="32.88720000", lon="13.19130000", mahalla="حي"))
    offices = {1: Office(id=1, name_en="Tripoli", name_ar="طرابلس")}
    cons = {1: Constituency(id=1, name_en="C", name_ar="د")}
    subs = {1: SubConstituency(id=1, name_en="S", name_ar="ف")}
    for language in ("ar", "en"):
        text = write_centers(
            centers,
            offices=offices,
            constituencies=cons,
            subconstituencies=subs,
            language=language,
        )
        assert "None" not in text
        again = load(text, centers)
        assert (again.created, again.updated, again.duplicates) == (0, 0, len(centers))
        fresh = load(text)
        assert fresh.centers == {c.center_id: c for c in centers}
