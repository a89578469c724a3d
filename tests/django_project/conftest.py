"""A real Django project for the tests of ``electoral.contrib.django``.

``hnec_site`` holds the settings and URLs, ``hnec`` an app with citizens, centres and
result forms whose migrations are committed. The session's database is Django's test
database on SQLite, in memory, created by applying those migrations.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import django
import pytest

HERE = Path(__file__).resolve().parent
# The project's packages, imported by name as Django imports them; never collected.
collect_ignore = ["hnec", "hnec_site"]


def _setup() -> None:
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    os.environ["DJANGO_SETTINGS_MODULE"] = "hnec_site.settings"
    django.setup()


_setup()


@pytest.fixture(scope="session", autouse=True)
def django_database() -> Iterator[None]:
    """Django's test environment and test database, migrated, for the whole session."""
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    yield
    connection.creation.destroy_test_db(old_name, verbosity=0)
    teardown_test_environment()
