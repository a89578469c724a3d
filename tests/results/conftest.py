"""Fixtures of the results tests: the demo tally and a fixed moment."""

from __future__ import annotations

import datetime as dt

import pytest

from electoral.model import Gender, ResultForm
from electoral.results import FormRecord, TallySetup, import_form
from electoral.testing import DEMO_NOW, demo_tally_setup


@pytest.fixture(scope="session")
def setup() -> TallySetup:
    return demo_tally_setup()


@pytest.fixture(scope="session")
def now() -> dt.datetime:
    return DEMO_NOW


@pytest.fixture(scope="session")
def fresh() -> FormRecord:
    """An UNSUBMITTED form of centre 31001, station 1, ballot 117."""
    form = ResultForm(
        barcode="31001001117",
        ballot_number=117,
        center_id=31001,
        station_number=1,
        gender=Gender.MALE,
    )
    return import_form(form, user="setup", now=DEMO_NOW).record
