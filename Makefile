# Claimdesk: `make run` serves the site, `make test` runs the whole suite.
# Both work on a fresh machine with Python 3.11 and nothing else installed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
DEV_STAMP := $(VENV)/.installed-dev
# The project's own JavaScript (vendored libraries excluded) and its node unit tests.
JS_FILES := $(sort $(wildcard static/js/*.js */static/*/*.js))
JS_TESTS := $(sort $(wildcard tests/js/*.test.mjs))

.PHONY: install install-test install-dev run test check lint mypy check-migrations deploy-check js \
	compose-check lock bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	@touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	@touch $@

$(DEV_STAMP): $(TEST_STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test,dev]"
	@touch $@

install: $(STAMP)

install-test: $(TEST_STAMP)

install-dev: $(DEV_STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_demo
	@echo ""
	@echo "Claimdesk is at http://127.0.0.1:$(PORT)/ (log in with a demo user above; Ctrl-C stops it)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Every quality gate CI runs before the tests (`make -k check` runs them all, then fails if
# any did). The same checks run on commit with pre-commit (README, "Before you commit").
check: lint mypy check-migrations deploy-check js compose-check

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/django-upgrade --target-version 5.2 --check $$(git ls-files '*.py' | grep -v /migrations/)
	$(BIN)/djhtml --check $$(git ls-files 'templates/*.html' '*/templates/*.html')

# The apps and flags are pyproject.toml's [tool.mypy] (files = ...).
mypy: install-dev
	$(BIN)/mypy

check-migrations: install
	$(BIN)/python manage.py makemigrations --check --dry-run

# Django's deployment checks with the production settings of .env.example (DEBUG=false,
# PostgreSQL, Redis, HTTPS); SECRET_KEY from the environment, else a random one.
deploy-check: install
	@key="$${SECRET_KEY:-}"; set -a; . ./.env.example; set +a; \
	SECRET_KEY="$${key:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')}"; \
	echo "manage.py check --deploy --fail-level WARNING (.env.example, DEBUG=$$DEBUG)"; \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# Each file must parse as a classic script and as an ES module (strict mode); then the unit
# tests of the pure helpers under node's own test runner. Without node: a notice, and a
# failure under CI=true.
js:
	@if ! command -v node >/dev/null 2>&1; then \
	  echo "node is not installed: the JavaScript checks need Node.js 20+ (apt-get install nodejs)"; \
	  if [ "$${CI:-}" = "true" ]; then exit 1; fi; echo "skipping them (CI=true fails here)"; exit 0; \
	fi; \
	for f in $(JS_FILES); do \
	  node --check "$$f" && node --input-type=module --check < "$$f" \
	    || { echo "$$f: syntax error"; exit 1; }; \
	done; \
	echo "node --check: $(words $(JS_FILES)) files parse ($(JS_FILES))"; \
	node --test --test-reporter=spec $(JS_TESTS)

# docker-compose.yml as Compose reads it (`config`: no engine needed), with .env.example
# as the .env it names. Debian's docker-compose (or the docker compose plugin) does it; where
# neither is installed: a notice (.ci/run installs Debian's), and a failure under CI=true.
compose-check:
	@compose="$$(command -v docker-compose || true)"; \
	if [ -z "$$compose" ] && docker compose version >/dev/null 2>&1; then compose="docker compose"; fi; \
	if [ -z "$$compose" ]; then \
	  echo "no Compose installed (apt-get install docker-compose): docker-compose.yml not validated"; \
	  if [ "$${CI:-}" = "true" ]; then exit 1; fi; exit 0; \
	fi; \
	dir="$$(mktemp -d)"; cp docker-compose.yml "$$dir/"; cp .env.example "$$dir/.env"; \
	(cd "$$dir" && $$compose config -q) && echo "$$compose config: docker-compose.yml is valid"; \
	status=$$?; rm -rf "$$dir"; exit $$status

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
