"""The shipped test kit: the pytest plugin (via pytester), the Hypothesis hook, the helpers."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electoral.errors import InvalidFormat, MissingValue, ValidationErrors
from electoral.ids import national_id
from electoral.model import Center, ResultForm, Station
from electoral.testing import (
    SampleElection,
    assert_codes,
    assert_roundtrip,
    raises_code,
    sample_election,
)


def test_plugin_fixtures_are_available_and_session_scoped(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from electoral.testing import SampleElection

        def test_sample(electoral_sample):
            assert isinstance(electoral_sample, SampleElection)
            assert len(electoral_sample.centers) == 5

        def test_as_of(electoral_as_of, electoral_sample):
            assert electoral_as_of == electoral_sample.election.polling_start

        def test_same_object(electoral_sample):
            from electoral.testing import sample_election
            assert electoral_sample is sample_election()
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)


def test_as_of_fixture_can_be_overridden(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        import pendulum
        import pytest

        @pytest.fixture(scope="session")
        def electoral_as_of():
            return pendulum.datetime(2026, 3, 1, tz="Africa/Tripoli")
        """
    )
    pytester.makepyfile(
        """
        def test_override(electoral_as_of):
            assert electoral_as_of.year == 2026
        """
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_fixtures_work_inside_given_without_health_check_errors(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        from hypothesis import given, strategies as st
        from electoral.model import Center

        @given(center=st.from_type(Center))
        def test_from_type(electoral_sample, center):
            assert isinstance(center, Center)
            assert electoral_sample.centers
        """
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


HEAVY = ("electoral.model", "electoral.errors", "electoral.testing.", "pendulum", "attr", "cattrs")
ALLOWED = ("electoral.testing._hypothesis_hook", "electoral.testing.pytest_plugin")


def _run(code: str, cwd: str | None = None) -> str:
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=cwd
    )
    assert completed.returncode == 0, completed.stderr + completed.stdout
    return completed.stdout


def _heavy(names: str) -> list[str]:
    return [
        name for name in names.split() if name.startswith(HEAVY) and not name.startswith(ALLOWED)
    ]


def test_import_hypothesis_imports_nothing_of_ours() -> None:
    loaded = _run("import sys, hypothesis; print(' '.join(sys.modules))")
    assert "electoral.testing._hypothesis_hook" in loaded.split()  # the hook did run
    assert _heavy(loaded) == []


def test_a_pytest_run_that_uses_no_fixture_of_ours_imports_nothing_of_ours(
    tmp_path: pathlib.Path,
) -> None:
    (tmp_path / "test_plain.py").write_text("def test_plain():\n    assert True\n")
    code = (
        "import sys, pytest\n"
        "code = pytest.main(['-q', '-p', 'no:cacheprovider', 'test_plain.py'])\n"
        "assert code == 0, code\n"
        "assert 'electoral.testing.pytest_plugin' in sys.modules\n"
        "print('MODULES', ' '.join(sys.modules))\n"
    )
    output = _run(code, cwd=str(tmp_path))
    loaded = output.split("MODULES", 1)[1]
    assert _heavy(loaded) == []


@pytest.mark.parametrize("first", ["hypothesis", "model"])
def test_from_type_works_whichever_is_imported_first(first: str) -> None:
    imports = ["import hypothesis", "import electoral.model"]
    if first == "model":
        imports.reverse()
    code = "\n".join(
        [
            *imports,
            "from hypothesis import given, settings, strategies as st",
            "from electoral.model import Center, ResultForm",
            "@settings(max_examples=5, database=None)",
            "@given(st.from_type(Center), st.from_type(ResultForm))",
            "def check(center, form):",
            "    assert isinstance(center, Center) and isinstance(form, ResultForm)",
            "check()",
            "print('ok')",
        ]
    )
    assert _run(code).strip() == "ok"


def test_plugin_does_not_import_hypothesis() -> None:
    code = (
        "import sys, electoral.testing.pytest_plugin, electoral.testing;"
        "assert 'hypothesis' not in sys.modules, 'hypothesis was imported'"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr


@given(st.from_type(Station))
def test_from_type_works_through_the_entry_point(station: Station) -> None:
    assert 1 <= station.number <= 102


@given(st.from_type(ResultForm))
def test_from_type_result_forms_are_valid(form: ResultForm) -> None:
    assert (form.center_id is None) == (form.station_key is None)


def test_sample_election_is_immutable_and_consistent() -> None:
    sample = sample_election()
    assert isinstance(sample, SampleElection)
    assert hash(sample.centers) == hash(sample_election().centers)
    with pytest.raises(TypeError):
        sample.reconciliation_forms["x"] = sample.reconciliation_forms["11001001117"]  # type: ignore[index]
    center_ids = {center.center_id for center in sample.centers}
    assert all(station.center_id in center_ids for station in sample.stations)
    assert sample.center(11003).copy_of == 11001
    with pytest.raises(KeyError):
        sample.center(99998)


def test_raises_code_passes_and_records_the_error() -> None:
    with raises_code("national_id.length", field="national_id") as caught:
        national_id.validate("123")
    assert caught.error is not None
    assert caught.error.value == "123"


def test_raises_code_fails_on_the_wrong_code_field_or_nothing() -> None:
    with pytest.raises(AssertionError, match="expected code"), raises_code("national_id.length"):
        national_id.validate("319690261935")
    with (
        pytest.raises(AssertionError, match="expected field"),
        raises_code("national_id.length", field="nid"),
    ):
        national_id.validate("1")
    with pytest.raises(AssertionError, match="nothing was raised"), raises_code("x"):
        national_id.validate("119690261935")


def _fail(error: Exception) -> None:
    raise error


def test_raises_code_on_groups() -> None:
    group = ValidationErrors("g", [MissingValue(field="a"), InvalidFormat(field="b")])
    with raises_code("missing", field="a"):
        _fail(group)
    with pytest.raises(AssertionError, match="in the group"), raises_code("range"):
        _fail(group)


def test_assert_codes_and_roundtrip() -> None:
    group = ValidationErrors("g", [MissingValue(field="a")])
    assert_codes(group, ["missing"])
    with pytest.raises(AssertionError, match="expected codes"):
        assert_codes(group, ["range"])
    assert_roundtrip(Center(center_id=11001, name_ar="أ"))
