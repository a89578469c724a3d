"""Bad input: every refusal is a typed error with a registered code and Arabic text."""

from __future__ import annotations

from fractions import Fraction

import pytest

from electoral.errors import (
    MESSAGES,
    InconsistentValue,
    InvalidType,
    OutOfRange,
    ValidationError,
    ValidationErrors,
)
from electoral.model import MAX_COUNT
from electoral.seats import (
    METHODS,
    highest_averages,
    hor_2014,
    largest_remainder,
    plurality,
    screen_municipal_lists,
    two_round,
)

ALL_METHODS = sorted(METHODS)


@pytest.mark.parametrize("method", ALL_METHODS)
@pytest.mark.parametrize(
    ("votes", "code"),
    [
        ({"A": -1}, "seats.votes_negative"),
        ({"A": 1.0}, "seats.votes_type"),
        ({"A": True}, "seats.votes_type"),
        ({"A": "3"}, "seats.votes_type"),
        ({"A": Fraction(1)}, "seats.votes_type"),
        ({"": 3}, "seats.candidate_type"),
        ({3: 3}, "seats.candidate_type"),
        ([("A", 3)], "seats.mapping_type"),
        pytest.param({"A": 10**5000}, "range.ceiling", id="votes-5001-digits"),
        ({"A": MAX_COUNT + 1}, "range.ceiling"),
    ],
)
def test_bad_votes(method: str, votes: object, code: str) -> None:
    with pytest.raises(ValidationErrors) as info:
        METHODS[method](votes, 2)
    assert info.value.codes == (code,)


def test_several_bad_votes_reported_together() -> None:
    with pytest.raises(ValidationErrors) as info:
        plurality({"A": -1, "B": 2.5, "C": 3}, 1)  # type: ignore[dict-item]
    assert info.value.codes == ("seats.votes_negative", "seats.votes_type")
    assert "A" in (info.value.errors[0].location or "")


@pytest.mark.parametrize("method", ALL_METHODS)
@pytest.mark.parametrize(
    ("seats", "kind", "code"),
    [
        (-1, OutOfRange, "seats.count_negative"),
        (2.0, InvalidType, "seats.count_type"),
        (True, InvalidType, "seats.count_type"),
        pytest.param(10**5000, OutOfRange, "range.ceiling", id="seats-5001-digits"),
    ],
)
def test_bad_seats(method: str, seats: object, kind: type[ValidationError], code: str) -> None:
    with pytest.raises((kind, ValidationErrors)) as info:
        METHODS[method]({"A": 3}, seats)
    error = info.value
    if isinstance(error, ValidationErrors):
        codes = error.codes
    else:
        assert isinstance(error, ValidationError)
        codes = (error.code,)
    assert codes == (code,)


@pytest.mark.parametrize(
    ("threshold", "kind", "code"),
    [
        (Fraction(101, 100), OutOfRange, "seats.threshold_range"),
        (Fraction(-1, 100), OutOfRange, "seats.threshold_range"),
        (2, OutOfRange, "seats.threshold_range"),
        (0.05, InvalidType, "seats.threshold_type"),
        (True, InvalidType, "seats.threshold_type"),
    ],
)
def test_bad_threshold(threshold: object, kind: type[ValidationError], code: str) -> None:
    with pytest.raises(ValidationErrors) as info:
        highest_averages({"A": 3}, 2, threshold=threshold)  # type: ignore[arg-type]
    assert info.value.codes == (code,)
    assert isinstance(info.value.errors[0], kind)


def test_a_threshold_too_fine_to_print_is_refused() -> None:
    with pytest.raises(ValidationErrors) as info:
        largest_remainder({"A": 3}, 1, threshold=Fraction(1, 10**5000))
    assert info.value.codes == ("range.ceiling",)
    assert info.value.describe()
    assert repr(info.value.errors[0])


def test_election_builders_refuse_a_list_for_a_mapping() -> None:
    """``hor_2014(general=[...])`` used to fail deep inside with ``AttributeError``.

    A list where a mapping is expected is a programmer's mistake: a ``TypeError`` that
    names the parameter (a scalar of the wrong type would be ``InvalidType``).
    """
    with pytest.raises(TypeError, match=r"^general: expected Mapping\[str, int\] \| None"):
        hor_2014(general=[("A", 1)], women={"A": 1})  # type: ignore[arg-type]
    with pytest.raises(ValidationErrors) as info:
        hor_2014(general={"A": "1"}, women={"A": 1})  # type: ignore[dict-item]
    assert [(e.field, type(e)) for e in info.value.errors] == [("general", InvalidType)]


def test_municipal_screening_refuses_a_council_beyond_the_ceiling() -> None:
    with pytest.raises(OutOfRange) as info:
        screen_municipal_lists({}, 10**5000)
    assert (info.value.code, info.value.field) == ("range.ceiling", "council_size")
    str(info.value)


def test_caps_on_unknown_lists_and_bad_caps() -> None:
    with pytest.raises(ValidationErrors) as info:
        largest_remainder({"A": 3}, 2, caps={"Z": 1, "A": -1})
    assert info.value.codes == ("seats.unknown_candidate", "seats.count_negative")


def test_threshold_base_below_votes() -> None:
    with pytest.raises(InconsistentValue) as info:
        highest_averages({"A": 30, "B": 20}, 2, threshold=Fraction(1, 20), threshold_base=40)
    assert info.value.code == "seats.base_too_small"


def test_two_round_bad_votes() -> None:
    with pytest.raises(ValidationErrors):
        two_round({"A": -5})


def test_every_seats_code_has_english_and_arabic() -> None:
    codes = [code for code in MESSAGES if code.startswith("seats.")]
    assert len(codes) >= 25
    for code in codes:
        message = MESSAGES[code]
        assert message.en.strip()
        assert message.ar.strip()
        assert any("\u0600" <= char <= "\u06ff" for char in message.ar), code


def test_error_messages_render_in_both_languages() -> None:
    with pytest.raises(ValidationErrors) as info:
        plurality({"A": -1}, 1)
    error = info.value.errors[0]
    assert "A" in error.message("en")
    assert "سالبة" in error.message("ar")
