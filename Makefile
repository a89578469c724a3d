# Two commands for a fresh machine (see README.md):
#   make demo   run the main job: the embedded synthetic national election
#   make test   run every check CI runs (.ci/run calls exactly this)
# Each creates its own virtual environment; nothing is installed by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
WHEEL_VENV := .venv-wheel
PIP_QUIET := --quiet --disable-pip-version-check
PYTEST_FLAGS := -p no:cacheprovider --hypothesis-profile=ci
# The two long runs share the machine's cores (pytest-xdist, one worker per core).
PARALLEL := --numprocesses=auto

# The Django tests (tests/django_project) run in the suite against Django's latest LTS
# (the dev extra pins it) and, in a venv of their own, against the current release,
# which needs Python 3.12 or later (found here or in pyenv's versions).
DJANGO_CURRENT := 6.1
DJANGO_VENV := .venv-django-$(DJANGO_CURRENT)
DJANGO_PYTHON ?= $(shell for candidate in python3.14 python3.13 python3.12 \
	$(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3; do \
	"$$candidate" -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null \
	&& { echo "$$candidate"; break; }; done)

.PHONY: demo test lint typecheck unit django-current wheel-test bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install $(PIP_QUIET) -e ".[dev]"
	touch $@

demo: $(BIN)/.installed
	$(BIN)/electoral demo

test: lint typecheck unit django-current wheel-test

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(BIN)/.installed
	$(BIN)/mypy

# Unit, property, golden and doctests (modules, README and docs pages), and the
# Sphinx build with warnings as errors (tests/test_docs.py), with branch coverage
# (pytest-cov, which gathers the measures of every xdist worker):
# the whole library is held by a floor a little under today's figure, and the
# identifiers, the model and the formats layer by 100 % (pyproject.toml).
COVERAGE_FLOOR := 95.5
unit: $(BIN)/.installed
	rm -f .coverage .coverage.*
	$(BIN)/python -m pytest $(PYTEST_FLAGS) $(PARALLEL) --cov --cov-branch \
		--cov-report=term-missing:skip-covered --cov-fail-under=$(COVERAGE_FLOOR) \
		--doctest-modules src tests docs README.md
	$(BIN)/python -m coverage report --fail-under=100 \
		--include='src/electoral/ids/*,src/electoral/model/*,src/electoral/formats/*'

# The Django tests against the current Django release (the suite above ran them
# against the LTS).
$(DJANGO_VENV)/.installed: pyproject.toml
	@test -n "$(DJANGO_PYTHON)" || { echo "Django $(DJANGO_CURRENT) needs Python 3.12+:" \
		"none found; set DJANGO_PYTHON=/path/to/python3.12" >&2; exit 1; }
	rm -rf $(DJANGO_VENV)
	$(DJANGO_PYTHON) -m venv $(DJANGO_VENV)
	$(DJANGO_VENV)/bin/pip install $(PIP_QUIET) -e ".[testing]" "django==$(DJANGO_CURRENT).*"
	touch $@

django-current: $(DJANGO_VENV)/.installed
	$(DJANGO_VENV)/bin/python -c "import django; assert django.VERSION[:2] == \
		tuple(map(int, '$(DJANGO_CURRENT)'.split('.'))), django.get_version()"
	$(DJANGO_VENV)/bin/python -m pytest $(PYTEST_FLAGS) tests/django_project

# The same suite against the built wheel in a clean environment, so a missing
# py.typed, data file or entry point fails here. The docs build needs the source tree.
wheel-test: $(BIN)/.installed
	rm -rf dist $(WHEEL_VENV)
	$(BIN)/python -m build --wheel --outdir dist . > /dev/null
	$(PYTHON) -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/pip install $(PIP_QUIET) "$$(ls dist/electoral-*.whl)[testing,django]" \
		"django>=5.2,<5.3" votelib jsonschema "scipy>=1.11" "pytest-xdist>=3.5"
	cd tests && ../$(WHEEL_VENV)/bin/python -c "import electoral, pathlib; \
		assert 'site-packages' in electoral.__file__, electoral.__file__; \
		assert (pathlib.Path(electoral.__file__).parent / 'py.typed').exists()"
	$(WHEEL_VENV)/bin/python -m pytest $(PYTEST_FLAGS) $(PARALLEL) tests --deselect tests/test_docs.py

bench: $(BIN)/.installed
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done
	$(BIN)/python benchmarks/table.py

clean:
	rm -rf $(VENV) $(WHEEL_VENV) $(DJANGO_VENV) dist docs/_build .hypothesis .mypy_cache .ruff_cache .coverage
