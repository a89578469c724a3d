"""Web national-id check, the check-my-registration page, and staff search terms."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given

from electoral.errors import (
    MESSAGES,
    InconsistentValue,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    MissingValue,
    ValidationError,
)
from electoral.model import TRIPOLI, Citizen, Gender
from electoral.registration import (
    MESSAGE_TEXTS,
    MessageCode,
    check_my_registration,
    classify_search_term,
    translate_eastern_arabic_digits,
    validate_web_national_id,
)
from electoral.testing.strategies import as_typed, national_ids, phone_numbers

CITIZEN = Citizen(
    civil_registry_id=7,
    national_id="119690261935",
    fbr_number="se1009332066",
    first_name="محمد",
    father_name="علي",
    grandfather_name="سالم",
    family_name="الورفلي",
    birth_date=pendulum.date(1969, 9, 7),
    gender=Gender.MALE,
)
CITIZENS = {CITIZEN.national_id: CITIZEN}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("12345", "A National ID is a 12-digit number."),
        ("019690261935", "A National ID is a 12-digit number."),
        ("0119690261935", "A valid National ID is at most 12 digits long."),
        ("1196902619350", "A valid National ID is at most 12 digits long."),
        ("319690261935", "A valid National ID starts with 1 or 2."),
        ("999999999999", "A valid National ID starts with 1 or 2."),
        ("11969026193x", "Enter a whole number."),
    ],
)
def test_web_national_id_messages(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_web_national_id(text)
    assert str(info.value) == message


def test_web_national_id_order_and_types() -> None:
    with pytest.raises(InvalidLength):
        validate_web_national_id("99")
    with pytest.raises(InvalidFormat) as info:
        validate_web_national_id("399999999999")
    assert info.value.code == "registration.web.nid_start"
    with pytest.raises(MissingValue):
        validate_web_national_id("  ")
    with pytest.raises(InvalidType):
        validate_web_national_id(119690261935)  # type: ignore[arg-type]
    assert validate_web_national_id(" ١١٩٦٩٠٢٦١٩٣٥ ") == "119690261935"


@given(national_ids())
def test_every_valid_id_passes(nid: str) -> None:
    assert validate_web_national_id(nid) == nid


def test_translation_only_eastern_arabic() -> None:
    assert translate_eastern_arabic_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert translate_eastern_arabic_digits("۱۲") == "۱۲"  # Persian digits are not translated


def test_check_my_registration_matches() -> None:
    assert check_my_registration("119690261935", "se1009332066", CITIZENS) is CITIZEN
    assert check_my_registration("١١٩٦٩٠٢٦١٩٣٥", "se١٠٠٩٣٣٢٠٦٦", CITIZENS) is CITIZEN


def test_check_my_registration_unknown_nid_is_84() -> None:
    with pytest.raises(InvalidFormat) as info:
        check_my_registration("219690261935", "1", CITIZENS)
    assert info.value.code == "registration.web.nid_unknown"
    assert info.value.params["message_code"] is MessageCode.NID_INVALID
    with pytest.raises(InvalidFormat) as info:
        check_my_registration("219690261935", "1", CITIZENS, help_desk=True)
    assert str(info.value) == "That is not a valid National ID number."


def test_check_my_registration_missing_citizen_is_not_found() -> None:
    gone = attrs.evolve(CITIZEN, missing_since=pendulum.datetime(2014, 1, 1, tz=TRIPOLI))
    with pytest.raises(InvalidFormat):
        check_my_registration("119690261935", "se1009332066", {gone.national_id: gone})


@pytest.mark.parametrize("fbr", ["1009332066", "SE1009332066", "se100933206", ""])
def test_check_my_registration_fbr_mismatch_is_49(fbr: str) -> None:
    with pytest.raises(InconsistentValue) as info:
        check_my_registration("119690261935", fbr, CITIZENS)
    assert info.value.code == "registration.web.fbr_mismatch"
    assert info.value.params["message_code"] is MessageCode.FBRN_MISMATCH


@pytest.mark.parametrize(
    ("code", "reply"),
    [
        ("registration.web.nid_unknown", MessageCode.NID_INVALID),
        ("registration.web.fbr_mismatch", MessageCode.FBRN_MISMATCH),
    ],
)
def test_the_web_refusals_say_what_the_sms_replies_say(code: str, reply: MessageCode) -> None:
    # the catalogue holds these texts as literals: they must stay the SMS replies' texts
    message = MESSAGES[code]
    assert (message.en, message.ar) == MESSAGE_TEXTS[reply]


def test_search_terms() -> None:
    both = classify_search_term("218923456789")
    assert (both.phone, both.national_id, both.name) == ("218923456789", "218923456789", None)
    nid = classify_search_term(" 119690261935\t")
    assert (nid.phone, nid.national_id, nid.name) == (None, "119690261935", None)
    thuraya = classify_search_term("8821612340058")
    assert (thuraya.phone, thuraya.national_id) == ("8821612340058", None)
    # local phone forms are not canonical: a name search
    assert classify_search_term("0923456789").name == "0923456789"
    assert classify_search_term("محمد علي").name == "محمد علي"
    assert classify_search_term("١١٩٦٩٠٢٦١٩٣٥").name == "١١٩٦٩٠٢٦١٩٣٥"
    with pytest.raises(InvalidType):
        classify_search_term(None)  # type: ignore[arg-type]


@given(phone_numbers())
def test_every_phone_is_searched_as_phone(number: str) -> None:
    assert classify_search_term(number).phone == number


@given(as_typed(national_ids()))
def test_typed_ids_are_names_unless_plain(typed: str) -> None:
    term = classify_search_term(typed)
    assert (term.name is None) == (term.text.isascii() and term.text.isdigit())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1" * 5000, "registration.web.nid_long"),
        ("0" * 5000, "registration.web.nid_short"),
        ("0" * 4990 + "1" * 10, "registration.web.nid_short"),
        ("0" + "1" * 11, "registration.web.nid_short"),
        ("0" + "1" * 12, "registration.web.nid_long"),
    ],
)
def test_huge_numbers_are_refused_not_crashed(text: str, code: str) -> None:
    with pytest.raises(InvalidLength) as info:
        validate_web_national_id(text)
    assert info.value.code == code
