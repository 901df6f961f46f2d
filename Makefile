# The two commands of the README. Each (re)creates .venv from pyproject.toml when it is missing or older.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test lint clean-venv

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/planner $(ARGS)

test: $(STAMP)
	$(VENV)/bin/python -m pytest -q -n 2 --durations=15 $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check planner tests benchmarks
	$(VENV)/bin/lint-imports

clean-venv:
	rm -rf $(VENV)
