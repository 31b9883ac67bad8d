# Claimdesk: `make run` serves the site, `make test` runs the whole suite.
# Both work on a fresh machine with Python 3.11 and nothing else installed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: install install-test run test lint check-migrations lock bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	@touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	@touch $@

install: $(STAMP)

install-test: $(TEST_STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_demo
	@echo ""
	@echo "Claimdesk is at http://127.0.0.1:$(PORT)/ (log in with a demo user above; Ctrl-C stops it)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-test
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: install
	$(BIN)/python manage.py makemigrations --check --dry-run

# Re-pin every dependency (run after changing pyproject.toml, commit the result).
lock: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test,dev]"
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

bench: install-test
	$(BIN)/python bench/segmentation.py
	$(BIN)/python bench/detection.py
	$(BIN)/python bench/pipeline.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
