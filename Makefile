# INTEGRA — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INTEGRA := $(BIN)/integra
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/integra
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15

.PHONY: run test test-sqlite test-postgres lint bench install install-test assets translations messages clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# htmx (served from static) and axe-core (accessibility tests) come from npm, never from the repository.
assets: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: pages work, without htmx enhancements. Install Node.js for the full interface."; fi

translations: install
	$(INTEGRA) compiletranslations --verbosity 0

## run: install, migrate a SQLite database under var/, load the demo, serve http://127.0.0.1:8000/
run: install assets translations
	$(INTEGRA) migrate --noinput
	$(INTEGRA) demo
	$(INTEGRA) runserver 127.0.0.1:8000

## test: the whole suite on SQLite, then on PostgreSQL + Redis when they answer (always in CI). Each run includes
## tests/api_contract: schemathesis over the whole API schema against a live server with the demo, on that database
## (INTEGRA_CONTRACT_EXAMPLES cases per operation, INTEGRA_CONTRACT_SEED=random to explore beyond the fixed seed).
test: install-test assets translations test-sqlite
	@if [ -n "$$CI" ] || $(BIN)/python -c "import psycopg; psycopg.connect('$(POSTGRES_TEST_URL:integra=postgres)', connect_timeout=2).close()" 2>/dev/null; then \
		$(MAKE) --no-print-directory test-postgres; \
	else echo "PostgreSQL not reachable at $(POSTGRES_TEST_URL): skipped the PostgreSQL run (CI always runs it)."; fi

test-sqlite:
	$(BIN)/pytest

test-postgres:
	DATABASE_URL=$(POSTGRES_TEST_URL) REDIS_URL=$(REDIS_TEST_URL) $(BIN)/pytest -m "not browser"

lint: install-test
	$(BIN)/ruff check src tests bench
	$(INTEGRA) makemigrations --check --dry-run
	$(BIN)/pytest -q tests/core/test_deploy.py

## bench: seed a large dataset and measure p50/p95 latency and queries per request under concurrent load
bench: install-test assets translations
	$(BIN)/python bench/run.py

## messages: refresh the .po catalogues after changing interface text (needs GNU gettext)
messages: install
	cd src/integra && ../../$(INTEGRA) makemessages --all --no-obsolete --ignore "*/node_modules/*"

clean:
	rm -rf $(VENV) node_modules var
