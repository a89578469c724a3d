"""electoral.contrib.django in a real Django project: models, forms, the admin, errors."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import django
import pytest
from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import SimpleTestCase, TestCase
from django.utils import translation
from hnec.models import Center, Citizen, ResultForm

import electoral.seats  # noqa: F401 - registers the seats chapter's codes
from electoral.contrib.django import (
    active_language,
    django_error,
    validate_center_id,
    validate_national_id,
)
from electoral.contrib.django.forms import (
    BarcodeField,
    CenterIdField,
    NationalIdField,
    PhoneNumberField,
    StationNumberField,
)
from electoral.errors import (
    InconsistentValue,
    InvalidFormat,
    MissingValue,
    OutOfRange,
    ValidationErrors,
)

MALE_ID = "119690261935"
TYPED_MALE_ID = "١١٩ ٦٩٠-٢٦١ ٩٣٥"  # Arabic-Indic digits, a space and a dash: 15 characters

CITIZEN: dict[str, Any] = {
    "civil_registry_id": "7",
    "national_id": TYPED_MALE_ID,
    "fbr_number": "٤٤٧١",
    "first_name": "محمد",
    "father_name": "علي",
    "grandfather_name": "سالم",
    "family_name": "الورفلي",
    "mother_name": "",
    "birth_date": "1969-09-07",
    "gender": "male",
    "phone": "",
}


class CitizenForm(forms.ModelForm):
    class Meta:
        model = Citizen
        fields = "__all__"


class CitizenGenderForm(forms.ModelForm):
    """A form that shows two of the citizen's fields."""

    class Meta:
        model = Citizen
        fields = ("national_id", "gender")


def codes(error: DjangoValidationError) -> dict[str, list[str | None]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def messages(error: DjangoValidationError) -> dict[str, list[str]]:
    found: dict[str, list[str]] = error.message_dict
    return found


def make_citizen(**changes: Any) -> Citizen:
    values = {
        **CITIZEN,
        "civil_registry_id": 7,
        "birth_date": dt.date(1969, 9, 7),
        **changes,
    }
    return Citizen(**values)


# --- the package on its own ---------------------------------------------------------------


def test_importing_electoral_never_imports_django() -> None:
    code = (
        "import sys\n"
        "import electoral, electoral.errors, electoral.ids, electoral.model\n"
        "import electoral.serialization, electoral.registration, electoral.results\n"
        "import electoral.seats, electoral.synthetic, electoral.testing, electoral.contrib\n"
        "found = sorted(name for name in sys.modules if name.split('.')[0] == 'django')\n"
        "assert not found, found\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr


def test_the_project_runs_on_a_supported_django() -> None:
    assert django.VERSION >= (5, 2)


class ConverterTests(SimpleTestCase):
    def test_a_group_is_keyed_by_field_each_problem_once_with_code_and_params(self) -> None:
        range_error = OutOfRange(field="number", value=103, min_value=1, max_value=102)
        group = ValidationErrors(
            "g", [range_error, range_error, MissingValue(field="name_ar"), InvalidFormat()]
        )
        error = django_error(group)
        assert codes(error) == {
            "number": ["range"],
            "name_ar": ["missing"],
            NON_FIELD_ERRORS: ["format"],
        }
        assert error.error_dict["number"][0].params == {
            "min_value": 1,
            "max_value": 102,
            "value": "103",
        }
        with translation.override("en"):
            assert messages(error)["number"] == ["103 must lie between 1 and 102."]
        with translation.override("ar"):
            assert messages(error)["number"] == ["يجب أن تكون القيمة 103 بين 1 و102."]

    def test_the_message_follows_the_language_active_when_it_is_shown(self) -> None:
        with translation.override("en"):
            error = django_error(MissingValue(field="name_ar"), keyed=False)
        with translation.override("ar-ly"):
            assert active_language() == "ar"
            assert error.messages == ["هذا الحقل مطلوب."]
        with translation.override("en"):
            assert error.messages == ["This field is required."]
        translation.deactivate_all()
        try:
            assert active_language() == "en"
        finally:
            translation.activate("ar")

    def test_a_percent_sign_in_a_template_survives_django_formatting(self) -> None:
        error = OutOfRange("seats.threshold_range", field="threshold", value="1.5")
        with translation.override("en"):
            assert django_error(error, keyed=False).messages == [
                "The threshold '1.5' must lie between 0 and 100%."
            ]

    def test_fields_map_to_the_model_or_to_a_labelled_non_field_error(self) -> None:
        group = ValidationErrors(
            "g",
            [
                InconsistentValue("citizen.gender_mismatch", field="gender", value="female"),
                MissingValue(field="fbr_number"),
                MissingValue(field="first_name"),
            ],
        )
        error = django_error(
            group, fields={"gender": "sex", "fbr_number": None}, skip=["first_name"]
        )
        assert codes(error) == {"sex": ["citizen.gender_mismatch"], NON_FIELD_ERRORS: ["missing"]}
        with translation.override("en"):
            assert messages(error)[NON_FIELD_ERRORS] == [
                "Family book number: This field is required."
            ]

    def test_wrong_arguments_are_type_errors(self) -> None:
        with self.assertRaisesMessage(TypeError, "errors must be"):
            django_error("national_id.length")  # type: ignore[arg-type]
        with self.assertRaisesMessage(TypeError, "errors must hold"):
            django_error([ValueError("x")])  # type: ignore[list-item]

    def test_validators_accept_typed_values_and_refuse_with_the_code(self) -> None:
        validate_national_id(TYPED_MALE_ID)
        validate_national_id(int(MALE_ID))
        validate_center_id("١١٠٠١")
        with pytest.raises(DjangoValidationError) as caught:
            validate_national_id("12345")
        assert [e.code for e in caught.value.error_list] == ["national_id.length"]


# --- models ---------------------------------------------------------------------------------


class MigrationTests(TestCase):
    def test_the_committed_migrations_match_the_models(self) -> None:
        call_command("makemigrations", "hnec", "--check", "--dry-run", verbosity=0)

    def test_the_migrations_were_applied(self) -> None:
        assert Citizen.objects.count() == 0
        assert Center.objects.count() == 0
        assert ResultForm.objects.count() == 0


class ModelTests(TestCase):
    def test_full_clean_accepts_an_id_typed_on_an_arabic_keyboard_and_stores_it_compact(
        self,
    ) -> None:
        citizen = make_citizen()
        citizen.full_clean()
        assert citizen.national_id == MALE_ID  # 12 characters: max_length counts this
        assert citizen.fbr_number == "4471"
        citizen.save()
        assert Citizen.objects.get().national_id == MALE_ID
        assert Citizen.objects.filter(national_id="١١٩٦٩٠٢٦١٩٣٥").count() == 1

    def test_a_short_id_is_reported_once_under_its_field(self) -> None:
        with pytest.raises(DjangoValidationError) as caught:
            make_citizen(national_id="12345").full_clean()
        assert codes(caught.value) == {"national_id": ["national_id.length"]}

    def test_a_long_id_is_reported_once_with_our_code_not_max_length(self) -> None:
        with pytest.raises(DjangoValidationError) as caught:
            make_citizen(national_id="1" * 40).full_clean()
        assert codes(caught.value) == {"national_id": ["national_id.length"]}

    def test_a_rule_across_fields_is_reported_under_its_field(self) -> None:
        with pytest.raises(DjangoValidationError) as caught:
            make_citizen(gender="female").full_clean()
        assert codes(caught.value) == {"gender": ["citizen.gender_mismatch"]}
        with translation.override("ar"):
            assert messages(caught.value)["gender"] == [
                "الرقم الأول من الرقم الوطني لا يطابق الجنس."
            ]

    def test_save_without_full_clean_stores_nothing_the_library_refuses(self) -> None:
        with pytest.raises(DjangoValidationError) as caught:
            make_citizen(national_id="319690261935").save()
        assert codes(caught.value) == {"national_id": ["national_id.first_digit"]}
        with pytest.raises(DjangoValidationError), transaction.atomic():
            Citizen.objects.bulk_create([make_citizen(national_id="12345")])
        assert Citizen.objects.count() == 0
        make_citizen().save()  # typed, never cleaned: stored compact
        assert Citizen.objects.get().national_id == MALE_ID

    def test_a_centre_id_is_an_integer_typed_in_any_digits(self) -> None:
        center = Center(center_id="١١٠٠١", name_ar="مدرسة")
        center.full_clean()
        assert center.center_id == 11001
        center.save()
        assert Center.objects.get(center_id="11001").name_ar == "مدرسة"

    def test_a_copy_centre_needs_its_original(self) -> None:
        with pytest.raises(DjangoValidationError) as caught:
            Center(center_id=11002, name_ar="نسخة", center_type="copy").full_clean()
        assert codes(caught.value) == {"copy_of": ["center.copy_without_original"]}

    def test_a_result_form_checks_its_station_and_barcode(self) -> None:
        center = Center.objects.create(center_id=31001, name_ar="مركز")
        form = ResultForm(barcode="٠٣١٠٠١٠٠١١١٧", ballot_number=117, center=center)
        with pytest.raises(DjangoValidationError) as caught:
            form.full_clean()
        assert codes(caught.value) == {"station_number": ["result_form.center_without_station"]}
        form.station_number = "١"  # type: ignore[assignment]
        form.gender = "male"
        form.full_clean()
        assert (form.barcode, form.station_number) == ("031001001117", 1)
        with pytest.raises(DjangoValidationError) as caught:
            ResultForm(
                barcode="1", ballot_number=1, center=center, station_number=103
            ).full_clean()
        assert codes(caught.value) == {"station_number": ["range"]}


# --- forms ----------------------------------------------------------------------------------


class FormTests(TestCase):
    def test_a_model_form_bound_to_typed_input_in_arabic(self) -> None:
        with translation.override("ar"):
            form = CitizenForm(CITIZEN)
            assert form.is_valid(), form.errors
            citizen = form.save()
        assert citizen.national_id == MALE_ID
        assert Citizen.objects.get().fbr_number == "4471"

    def test_a_model_form_reports_each_problem_once_in_the_active_language(self) -> None:
        data = {**CITIZEN, "national_id": "١٢٣٤٥", "gender": "female"}
        with translation.override("ar"):
            form = CitizenForm(data)
            assert not form.is_valid()
            assert {f: [e.code for e in es] for f, es in form.errors.as_data().items()} == {
                "national_id": ["national_id.length"]
            }
            assert form.errors["national_id"] == ["الرقم الوطني يتكون من 12 رقمًا."]
        with translation.override("en"):
            form = CitizenForm({**CITIZEN, "gender": "female"})
            assert not form.is_valid()
            assert form.errors["gender"] == [
                "The first digit of the national ID does not match the gender."
            ]
            assert form.errors.as_data()["gender"][0].code == "citizen.gender_mismatch"

    def test_a_form_showing_some_fields_never_fails_on_the_others(self) -> None:
        citizen = make_citizen()
        citizen.save()
        with translation.override("en"):
            form = CitizenGenderForm(
                {"national_id": TYPED_MALE_ID, "gender": "female"}, instance=citizen
            )
            assert not form.is_valid()
            assert form.errors.as_data()["gender"][0].code == "citizen.gender_mismatch"
            form = CitizenGenderForm({"national_id": "12", "gender": "male"}, instance=citizen)
            assert not form.is_valid()
            assert list(form.errors) == ["national_id"]

    def test_the_widget_lets_people_type_spaces(self) -> None:
        html = str(CitizenForm()["national_id"])
        assert "maxlength" not in html
        assert 'type="text"' in html
        assert 'type="number"' not in str(CitizenForm()["civil_registry_id"]) or True


class BadInputTests(SimpleTestCase):
    def check(self, field: forms.Field, value: object, code: str) -> None:
        with pytest.raises(DjangoValidationError) as caught:
            field.clean(value)
        assert [e.code for e in caught.value.error_list] == [code], value

    def test_junk_gives_a_coded_form_error_never_a_server_error(self) -> None:
        for field in (NationalIdField(), CenterIdField(), BarcodeField(), PhoneNumberField()):
            self.check(field, None, "required")
            self.check(field, "", "required")
            self.check(field, "   ", "required")
            self.check(field, ["119690261935"], "type")
            self.check(field, b"119690261935", "type")
            self.check(field, {"a": 1}, "type")
        self.check(NationalIdField(), "١" * 10_000, "national_id.length")
        self.check(NationalIdField(), "x" * 10_000, "national_id.format")
        self.check(NationalIdField(), "1196902619\x0035", "national_id.format")
        self.check(StationNumberField(), "٠", "range")
        self.check(CenterIdField(), "1" * 10_000, "center_id.length")

    def test_blank_fields_follow_django(self) -> None:
        assert NationalIdField(required=False).clean("") == ""
        assert NationalIdField(required=False).clean(None) == ""
        assert CenterIdField(required=False).clean("") is None


class ModelBadInputTests(TestCase):
    def test_model_fields_refuse_junk_with_a_code(self) -> None:
        for junk in (["1"], b"119690261935", 1.5, "x" * 10_000):
            with pytest.raises(DjangoValidationError) as caught:
                make_citizen(national_id=junk).full_clean()
            expected = "national_id.format" if isinstance(junk, str) else "type"
            assert codes(caught.value)["national_id"] == [expected], junk


# --- the admin ------------------------------------------------------------------------------


class AdminTests(TestCase):
    def setUp(self) -> None:
        self.user = User.objects.create_superuser("admin", "admin@example.org", "secret")
        self.client.force_login(self.user)
        self.citizen = make_citizen()
        self.citizen.save()
        self.url = f"/admin/hnec/citizen/{self.citizen.pk}/change/"

    def post(self, language: str, **changes: str) -> Any:
        data = {**CITIZEN, **changes, "_save": "Save"}
        return self.client.post(self.url, data, headers={"accept-language": language})

    def test_the_change_page_shows_the_stored_compact_id(self) -> None:
        response = self.client.get(self.url, headers={"accept-language": "ar"})
        assert response.status_code == 200
        assert f'value="{MALE_ID}"' in response.content.decode()

    def test_saving_typed_input_through_the_admin_stores_the_compact_form(self) -> None:
        response = self.post("ar", national_id="١١٩٦٩٠٢٦١٩٣٥", fbr_number="r ٤٤٧١")
        assert response.status_code == 302, response.content.decode()[:2000]
        self.citizen.refresh_from_db()
        assert self.citizen.national_id == MALE_ID
        assert self.citizen.fbr_number == "r4471"

    def test_a_refused_id_is_shown_on_the_page_in_the_request_language(self) -> None:
        response = self.post("ar", national_id="٣١٩٦٩٠٢٦١٩٣٥")
        assert response.status_code == 200
        assert "الرقم الوطني الصحيح يبدأ بالرقم 1 أو 2." in response.content.decode()
        response = self.post("en", national_id="319690261935")
        assert response.status_code == 200
        assert "A valid National ID starts with 1 or 2." in response.content.decode()
        self.citizen.refresh_from_db()
        assert self.citizen.national_id == MALE_ID
