"""Citizens, centres and result forms, with the library's fields and rules."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from electoral import model as nouns
from electoral.contrib.django import validate_phone_number
from electoral.contrib.django.models import (
    BarcodeField,
    CenterIdField,
    FbrNumberField,
    NationalIdField,
    NounModelMixin,
    StationNumberField,
)

GENDERS = [("male", "male"), ("female", "female")]


class Citizen(NounModelMixin, models.Model):
    """A citizen of the civil registry (SmartElect's ``Citizen``)."""

    electoral_noun = nouns.Citizen

    civil_registry_id = models.BigIntegerField(unique=True)
    national_id = NationalIdField(unique=True)
    fbr_number = FbrNumberField()
    first_name = models.CharField(max_length=255, blank=True)
    father_name = models.CharField(max_length=255, blank=True)
    grandfather_name = models.CharField(max_length=255, blank=True)
    family_name = models.CharField(max_length=255, blank=True)
    mother_name = models.CharField(max_length=255, blank=True)
    birth_date = models.DateField()
    gender = models.CharField(max_length=6, choices=GENDERS)
    phone = models.CharField(max_length=20, blank=True, validators=[validate_phone_number])

    def __str__(self) -> str:
        return self.national_id


class Center(NounModelMixin, models.Model):
    """A registration and polling centre (SmartElect's ``RegistrationCenter``)."""

    electoral_noun = nouns.Center

    center_id = CenterIdField(unique=True)
    name_ar = models.CharField(max_length=255)
    center_type = models.CharField(
        max_length=16,
        choices=[(kind.value, kind.value) for kind in nouns.CenterType],
        default=nouns.CenterType.GENERAL.value,
    )
    copy_of = CenterIdField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.center_id)


class ResultForm(NounModelMixin, models.Model):
    """A result form (Tally-Ho's ``ResultForm``); its centre is a foreign key."""

    electoral_noun = nouns.ResultForm
    electoral_fields: ClassVar[dict[str, str]] = {"center_id": "center"}

    barcode = BarcodeField(unique=True)
    ballot_number = models.PositiveIntegerField()
    center = models.ForeignKey(Center, null=True, blank=True, on_delete=models.PROTECT)
    station_number = StationNumberField(null=True, blank=True)
    gender = models.CharField(max_length=6, choices=[*GENDERS, ("unisex", "unisex")], blank=True)

    def electoral_data(self) -> dict[str, object]:
        """The noun's fields: the centre's id, and no gender where the form has none."""
        data = super().electoral_data()
        data["center_id"] = self.center.center_id if self.center is not None else None
        data["gender"] = self.gender or None
        return data

    def __str__(self) -> str:
        return self.barcode
