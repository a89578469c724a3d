"""Tests for electoral.errors: the catalogue, the error classes, collectors and groups."""

from __future__ import annotations

import contextlib
import importlib
import pickle
import re
import string
from typing import Any

import pytest

import electoral.adapters
import electoral.ids
import electoral.model
from electoral.errors import (
    LABELS,
    MESSAGES,
    ElectoralError,
    ErrorCollector,
    InconsistentValue,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    Label,
    Message,
    MissingValue,
    OutOfRange,
    ValidationError,
    ValidationErrors,
    label,
    register_labels,
    register_messages,
)

with contextlib.suppress(ImportError):  # the seats chapter registers codes when it exists
    importlib.import_module("electoral.seats")

CHAPTERS = (electoral.adapters, electoral.ids, electoral.model)  # imported for their codes

CODE_PATTERN = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
SUBCLASSES: tuple[type[ValidationError], ...] = (
    InvalidType,
    InvalidFormat,
    InvalidLength,
    InvalidChecksum,
    InvalidComponent,
    OutOfRange,
    MissingValue,
    InconsistentValue,
)
DEFAULT_CODES = {
    InvalidType: "type",
    InvalidFormat: "format",
    InvalidLength: "length",
    InvalidChecksum: "checksum",
    InvalidComponent: "component",
    OutOfRange: "range",
    MissingValue: "missing",
    InconsistentValue: "inconsistent",
}
ALL_CODES = sorted(MESSAGES)


def template_fields(template: str) -> set[str]:
    """The names of the ``{...}`` fields of a :meth:`str.format` template."""
    names = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            assert name, f"positional field in {template!r}"
            names.add(name)
    return names


# --- the catalogue -----------------------------------------------------------------------


def test_catalogue_has_the_codes_of_every_chapter() -> None:
    for code in (
        "invalid",
        "type",
        "range",
        "text.control",
        "code.unknown",
        "time.naive",
        "coordinate.precision",
        "national_id.length",
        "center.copy_of_copy",
        "citizen.gender_mismatch",
        "period.end_before_start",
        "result_form.missing_gender",
    ):
        assert code in MESSAGES


@pytest.mark.parametrize("code", ALL_CODES)
def test_code_shape(code: str) -> None:
    assert CODE_PATTERN.fullmatch(code), code


@pytest.mark.parametrize("code", ALL_CODES)
def test_both_languages_present(code: str) -> None:
    message = MESSAGES[code]
    assert isinstance(message, Message)
    assert message.en.strip()
    assert message.ar.strip()
    assert ARABIC_LETTER.search(message.ar), message.ar
    assert message.en != message.ar


@pytest.mark.parametrize("code", ALL_CODES)
def test_templates_format(code: str) -> None:
    message = MESSAGES[code]
    for template in (message.en, message.ar):
        names = template_fields(template)
        values = {name: f"<{name}>" for name in names | {"field", "value"}}
        text = template.format(**values)
        for name in names:
            assert f"<{name}>" in text


@pytest.mark.parametrize("code", ALL_CODES)
def test_templates_name_the_same_params_in_both_languages(code: str) -> None:
    message = MESSAGES[code]
    assert template_fields(message.en) == template_fields(message.ar)


@pytest.mark.parametrize("code", ALL_CODES)
def test_every_code_builds_an_error_in_both_languages(code: str) -> None:
    names = template_fields(MESSAGES[code].en) - {"field", "value"}
    params: dict[str, Any] = dict.fromkeys(names, 7)
    error = InvalidFormat(code, field="f", value="v", **params)
    assert error.message("en")
    assert ARABIC_LETTER.search(error.message("ar"))
    assert str(error) == error.message("en")


def test_codes_are_unique_registration_refuses_a_second_time() -> None:
    before = dict(MESSAGES)
    with pytest.raises(KeyError, match="registered twice"):
        register_messages({"type": ("again", "مرة أخرى")})
    assert MESSAGES["type"].en == before["type"].en
    assert len(MESSAGES) == len(before)


def test_register_messages_adds_a_code() -> None:
    register_messages({"test_errors.demo": ("Demo {value}.", "مثال {value}.")})
    try:
        assert MESSAGES["test_errors.demo"].en == "Demo {value}."
        assert MESSAGES["test_errors.demo"].ar == "مثال {value}."
        assert repr(MESSAGES["test_errors.demo"]) == (
            "Message(en='Demo {value}.', ar='مثال {value}.')"
        )
    finally:
        del MESSAGES["test_errors.demo"]


# --- the error classes ---------------------------------------------------------------------


@pytest.mark.parametrize("cls", SUBCLASSES)
def test_hierarchy(cls: type[ValidationError]) -> None:
    assert issubclass(cls, ValidationError)
    assert issubclass(cls, ValueError)
    assert issubclass(cls, ElectoralError)
    error = cls(field="f", value=1, min_value=0, max_value=0)
    assert isinstance(error, ValueError)
    assert isinstance(error, ElectoralError)
    assert error.code == DEFAULT_CODES[cls]
    assert cls.default_code == DEFAULT_CODES[cls]


def test_length_is_a_format_problem() -> None:
    assert issubclass(InvalidLength, InvalidFormat)


def test_groups_are_electoral_errors() -> None:
    assert issubclass(ValidationErrors, ElectoralError)
    assert issubclass(ValidationErrors, ExceptionGroup)
    assert issubclass(ElectoralError, Exception)
    assert ValidationError.default_code == "invalid"


def test_unknown_code_is_a_key_error() -> None:
    with pytest.raises(KeyError, match=r"no_such\.code"):
        InvalidFormat("no_such.code", field="f", value=1)


def test_attributes_and_messages() -> None:
    error = OutOfRange(field="number", value=0, min_value=1, max_value=102)
    assert error.code == "range"
    assert error.field == "number"
    assert error.value == 0
    assert error.params == {"min_value": 1, "max_value": 102}
    assert error.location is None
    assert error.message() == "0 must lie between 1 and 102."
    assert error.message("en") == "0 must lie between 1 and 102."
    assert error.message("ar") == "يجب أن تكون القيمة 0 بين 1 و102."
    assert str(error) == "0 must lie between 1 and 102."
    assert error.args == ("0 must lie between 1 and 102.",)


def test_value_defaults_to_none_and_is_kept_exactly() -> None:
    assert MissingValue(field="x").value is None
    marker = ["a"]
    assert InvalidType(field="x", value=marker).value is marker


def test_value_is_shown_as_repr_and_shortened() -> None:
    error = InvalidType(field="name", value="x" * 200)
    shown = error.message()
    assert shown.startswith("'xxx")
    assert "..." in shown
    assert len(shown) < 200
    assert InvalidType(field="name", value="x").message() == "'x' is not of an accepted type."


def test_location_in_str_and_repr() -> None:
    error = MissingValue(field="office", value="", location="line 5")
    assert str(error) == "This field is required. @ line 5"
    assert repr(error) == (
        "MissingValue(code='missing', field='office', value='', location='line 5')"
    )


def test_at_prefixes_the_location_and_returns_the_error() -> None:
    error = InvalidType(field="x", value=None)
    assert error.at("line 2") is error
    assert error.location == "line 2"
    assert error.at("file a.csv").location == "file a.csv: line 2"
    indexed = InvalidType(field="x", value=None, location="[3]")
    assert indexed.at("$.stations").location == "$.stations[3]"
    dotted = InvalidType(field="x", value=None, location="$.registrants")
    assert dotted.at("$.stations[3]").location == "$.stations[3].registrants"


@pytest.mark.parametrize("cls", SUBCLASSES)
def test_pickle_round_trip(cls: type[ValidationError]) -> None:
    error = cls(
        "coordinate.precision", field="lat", value=("a", 1), location="center 11001", places=8
    )
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert copy.code == "coordinate.precision"
    assert copy.field == "lat"
    assert copy.value == ("a", 1)
    assert copy.location == "center 11001"
    assert copy.params == {"places": 8}
    assert str(copy) == str(error)


def test_pickle_keeps_a_missing_value_and_default_code() -> None:
    copy = pickle.loads(pickle.dumps(MissingValue(field="office")))
    assert (copy.code, copy.field, copy.value, copy.location) == ("missing", "office", None, None)


def fail(error: Exception) -> None:
    """Raise ``error`` (a function, so that type checkers see the code after it as reachable)."""
    raise error


# --- groups and the collector --------------------------------------------------------------


def two_problems() -> ValidationErrors:
    return ValidationErrors(
        "2 problems in centres.csv",
        [
            InvalidType(field="name", value=None, location="line 2"),
            MissingValue(field="office", value="", location="line 5"),
        ],
    )


def test_group_errors_codes_and_describe() -> None:
    group = two_problems()
    assert group.message == "2 problems in centres.csv"
    assert [type(error) for error in group.errors] == [InvalidType, MissingValue]
    assert group.codes == ("type", "missing")
    assert group.describe() == [
        "type: None is not of an accepted type. @ line 2",
        "missing: This field is required. @ line 5",
    ]
    assert group.describe("ar") == [
        "type: نوع القيمة None غير مقبول. @ line 2",
        "missing: هذا الحقل مطلوب. @ line 5",
    ]


def test_describe_without_location() -> None:
    group = ValidationErrors("1 problem", [MissingValue(field="office")])
    assert group.describe() == ["missing: This field is required."]


def test_group_split_and_subgroup_keep_the_class() -> None:
    group = two_problems()
    match, rest = group.split(InvalidType)
    assert type(match) is ValidationErrors
    assert type(rest) is ValidationErrors
    assert match.codes == ("type",)
    assert rest.codes == ("missing",)
    assert match.message == rest.message == "2 problems in centres.csv"
    sub = group.subgroup(lambda e: isinstance(e, MissingValue))
    assert type(sub) is ValidationErrors
    assert sub.codes == ("missing",)
    assert group.subgroup(lambda e: isinstance(e, OutOfRange)) is None


def test_group_pickle_round_trip() -> None:
    copy = pickle.loads(pickle.dumps(two_problems()))
    assert type(copy) is ValidationErrors
    assert copy.codes == ("type", "missing")
    assert [error.location for error in copy.errors] == ["line 2", "line 5"]
    assert copy.message == "2 problems in centres.csv"


def test_group_caught_as_except_star() -> None:
    caught: list[str] = []
    try:
        raise two_problems()
    except* MissingValue as group:
        caught.extend(
            error.code for error in group.exceptions if isinstance(error, ValidationError)
        )
    except* InvalidType as group:
        caught.extend(
            error.code for error in group.exceptions if isinstance(error, ValidationError)
        )
    assert sorted(caught) == ["missing", "type"]


def test_collector_with_no_problem_does_not_raise() -> None:
    collector = ErrorCollector("rows")
    with collector.at("line 1"):
        pass
    assert len(collector) == 0
    assert not collector
    assert collector.errors == ()
    collector.raise_if_any()


def test_collector_with_one_problem() -> None:
    collector = ErrorCollector("rows")
    with collector.at("line 3"):
        fail(OutOfRange(field="number", value=0, min_value=1, max_value=102))
    assert len(collector) == 1
    assert collector
    with pytest.raises(ValidationErrors) as info:
        collector.raise_if_any()
    group = info.value
    assert group.message == "1 problem in rows"
    assert str(group) == "1 problem in rows (1 sub-exception)"
    assert group.codes == ("range",)
    assert group.errors[0].location == "line 3"
    assert group.describe() == ["range: 0 must lie between 1 and 102. @ line 3"]


def test_collector_with_several_problems_keeps_order_and_locations() -> None:
    collector = ErrorCollector("centres")
    collector.add(InvalidType(field="a", value=1), "line 1")
    collector.add(MissingValue(field="b"))
    collector.extend(
        [
            InvalidFormat(field="c", value="x"),
            OutOfRange(field="d", value=5, min_value=0, max_value=1),
        ],
        "line 9",
    )
    with collector.at():
        fail(InconsistentValue(field="e", value=2))
    with pytest.raises(ValidationErrors) as info:
        collector.raise_if_any()
    group = info.value
    assert group.message == "5 problems in centres"
    assert group.codes == ("type", "missing", "format", "range", "inconsistent")
    assert [e.location for e in group.errors] == ["line 1", None, "line 9", "line 9", None]
    assert [e.field for e in group.errors] == ["a", "b", "c", "d", "e"]


def test_collector_lets_other_exceptions_through() -> None:
    collector = ErrorCollector("rows")
    with pytest.raises(ZeroDivisionError), collector.at("line 1"):
        _ = 1 // 0
    assert len(collector) == 0


def test_collector_flattens_nested_groups_with_prefixed_locations() -> None:
    inner = ErrorCollector("stations")
    with inner.at("[3]"):
        fail(InvalidType(field="registrants", value="x", location="$.registrants"))
    with inner.at("line 4"):
        fail(MissingValue(field="gender"))
    outer = ErrorCollector("file")
    with outer.at("$.stations"):
        inner.raise_if_any()
    with outer.at("sheet 2"):
        fail(ValidationErrors("1 problem", [InvalidFormat(field="x", value="y", location="[0]")]))
    assert [e.location for e in outer.errors] == [
        "$.stations[3].registrants",
        "$.stations: line 4",
        "sheet 2[0]",
    ]
    with pytest.raises(ValidationErrors) as info:
        outer.raise_if_any()
    group = info.value
    assert all(not isinstance(e, ExceptionGroup) for e in group.exceptions)
    assert group.codes == ("type", "missing", "format")
    assert group.message == "3 problems in file"


def test_collector_error_without_location_keeps_inner_location() -> None:
    collector = ErrorCollector("x")
    collector.add(InvalidType(field="a", value=1, location="line 7"))
    assert collector.errors[0].location == "line 7"


# --- labels ----------------------------------------------------------------------------


def test_a_labelled_message_puts_the_label_in_front() -> None:
    error = InvalidType(field="national_id", value=None)
    assert error.message() == "None is not of an accepted type."
    assert error.message(labelled=True) == "National ID: None is not of an accepted type."
    assert error.message("ar", labelled=True) == "الرقم الوطني: نوع القيمة None غير مقبول."
    assert str(error) == "None is not of an accepted type."  # str() is never labelled


def test_an_error_without_a_field_is_not_labelled() -> None:
    error = InconsistentValue("center.copies_itself")
    assert error.message(labelled=True) == "A centre cannot be a copy of itself."


def test_label_of_an_indexed_field_keeps_the_index() -> None:
    assert label("votes[3]") == "Votes[3]"
    assert label("votes['A']", "ar") == "الأصوات['A']"
    assert label("[3]") == "[3]"


def test_a_field_without_a_label_is_shown_as_it_is() -> None:
    assert label("Dawn") == "Dawn"
    assert label("Dawn[2]", "ar") == "Dawn[2]"
    assert label("") == ""
    error = OutOfRange("seats.list_women", field="Dawn", value=0, required=1)
    assert error.message(labelled=True) == "Dawn: The list has 0 women; at least 1 are required."


def test_language_and_field_are_checked() -> None:
    with pytest.raises(ValueError, match="language must be 'en' or 'ar', not 'fr'"):
        label("votes", "fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="language"):
        MissingValue(field="votes").message("fr")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="field must be a str, not int"):
        label(3)  # type: ignore[arg-type]


def test_register_labels_allows_the_same_texts_and_refuses_others() -> None:
    before = LABELS["national_id"]
    register_labels({"national_id": ("National ID", "الرقم الوطني")})
    assert LABELS["national_id"] is not before
    assert LABELS["national_id"] == before
    with pytest.raises(KeyError, match="already has the label"):
        register_labels({"national_id": ("NID", "الرقم الوطني")})
    assert LABELS["national_id"] == before
    register_labels({"test_errors_field": ("Test field", "حقل اختبار")})
    try:
        assert label("test_errors_field", "ar") == "حقل اختبار"
    finally:
        del LABELS["test_errors_field"]


def test_label_value_object() -> None:
    assert Label("A", "ب") == Label("A", "ب")
    assert Label("A", "ب") != Label("A", "ج")
    assert Label("A", "ب") != ("A", "ب")
    assert len({Label("A", "ب"), Label("A", "ب")}) == 1
    assert repr(Label("A", "ب")) == "Label(en='A', ar='ب')"


def test_describe_labelled() -> None:
    group = ValidationErrors(
        "g", [MissingValue(field="office_id", location="line 5"), InvalidType(value=1)]
    )
    assert group.describe(labelled=True) == [
        "missing: Office: This field is required. @ line 5",
        "type: 1 is not of an accepted type.",
    ]
    assert group.describe("ar", labelled=True)[0] == "missing: المكتب: هذا الحقل مطلوب. @ line 5"
