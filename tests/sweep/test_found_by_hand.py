"""The defects issue 11 found by hand, each with the typed answer it now gets.

The sweep (``test_sweep.py``) covers them among thousands of calls; these name them, so
that a regression reads as the defect it is.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from electoral import registration as reg
from electoral import results as res
from electoral import seats
from electoral.errors import InvalidFormat, InvalidType, OutOfRange, ValidationErrors
from electoral.ids import center_id, phone
from electoral.model import Gender, Station

HUGE = 10**5000


@pytest.mark.parametrize(
    ("call", "kind", "code", "field"),
    [
        (lambda: center_id.validate("-31001"), InvalidFormat, "center_id.format", None),
        (lambda: center_id.validate("\u221231001"), InvalidFormat, "center_id.format", None),
        (
            lambda: phone.validate("00218911234567"),
            InvalidFormat,
            "phone.international_prefix",
            None,
        ),
        (lambda: reg.parse_birth_date(None), InvalidType, "type", "text"),  # type: ignore[arg-type]
        (lambda: reg.turnout(1.5, 2), InvalidType, "type", "voters"),  # type: ignore[arg-type]
        (lambda: res.next_barcode(["abc"]), ValidationErrors, None, None),
        (
            lambda: seats.screen_municipal_lists({}, HUGE),
            OutOfRange,
            "range.ceiling",
            "council_size",
        ),
        (
            lambda: Station(center_id=11001, number=1, gender=Gender.MALE, registrants=HUGE),
            OutOfRange,
            "range.ceiling",
            "registrants",
        ),
        (lambda: seats.plurality({"a": 1}, HUGE), OutOfRange, "range.ceiling", "seats"),
        (lambda: res.FormRecord(form="x"), InvalidType, "type", "form"),  # type: ignore[arg-type]
        (
            lambda: reg.Changeset(name=1, kind="x", select_by=None, justification=None),  # type: ignore[arg-type]
            InvalidType,
            "type",
            "name",
        ),
    ],
    ids=[
        "minus-sign",
        "unicode-minus",
        "00-prefix",
        "birth-date-None",
        "turnout-float",
        "next-barcode-text",
        "municipal-huge",
        "station-huge",
        "plurality-huge",
        "form-record",
        "changeset",
    ],
)
def test_bad_data_gets_a_typed_error(
    call: Callable[[], object], kind: type[Exception], code: str | None, field: str | None
) -> None:
    with pytest.raises(kind) as info:
        call()
    if code is not None:
        assert getattr(info.value, "code", None) == code
    if field is not None:
        assert getattr(info.value, "field", None) == field
    assert str(info.value)
    assert repr(info.value)


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: reg.render_reply(999, {}), "code"),  # type: ignore[arg-type]
        (lambda: seats.hor_2014(general=[("A", 1)], women={"A": 1}), "general"),  # type: ignore[arg-type]
    ],
    ids=["render-reply-int", "builder-list"],
)
def test_a_wrong_python_object_is_a_type_error_naming_the_parameter(
    call: Callable[[], object], parameter: str
) -> None:
    with pytest.raises(TypeError, match=rf"^{parameter}\b"):
        call()


def test_a_non_canonical_phone_number_is_displayed_canonically() -> None:
    assert phone.format("0911234567") == phone.format("218911234567")
    assert phone.format("+218 91 123 4567") == phone.format("218911234567")
