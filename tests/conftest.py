"""Shared test configuration: Hypothesis profiles.

``ci`` (selected by ``make test``) is thorough and reproducible: derandomised, no
deadline (the CI machine is shared), and prints the blob to replay a failure.
``dev`` is quick, for the edit-test loop.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=20, deadline=None)
