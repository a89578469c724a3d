"""The pytest plugin of ``electoral``, loaded by pytest through the ``pytest11`` entry point.

It adds session-scoped, **immutable** fixtures, so they are safe to share between
tests and between Hypothesis examples (a function-scoped fixture inside ``@given``
would trip Hypothesis's ``function_scoped_fixture`` health check):

``electoral_sample``
    the :class:`~electoral.testing.SampleElection` (every noun, every centre kind).
``electoral_as_of``
    the moment rules are evaluated at: by default the sample election's polling
    start (2014-06-25 08:00, Africa/Tripoli). Override it in a ``conftest.py``
    to test another day, the way faker's ``faker_locale`` is overridden::

        @pytest.fixture(scope="session")
        def electoral_as_of():
            return pendulum.datetime(2026, 3, 1, tz="Africa/Tripoli")

pytest loads the plugin at the start of every run in an environment where
``electoral`` is installed, so it imports nothing but pytest: the fixtures import
the library inside their bodies, when a test first asks for one. A suite that does
not use them pays nothing, and the plugin never imports Hypothesis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import electoral

if TYPE_CHECKING:
    import pendulum

    import electoral.testing

__all__ = ["electoral_as_of", "electoral_sample"]


@pytest.fixture(scope="session")
def electoral_sample() -> electoral.testing.SampleElection:
    """The sample election: immutable, shared by the whole session."""
    from electoral.testing._sample import sample_election

    return sample_election()


@pytest.fixture(scope="session")
def electoral_as_of(electoral_sample: electoral.testing.SampleElection) -> pendulum.DateTime:
    """The moment the rules are evaluated at; override to change it."""
    return electoral_sample.election.polling_start
