# Ketenkaart: `make demo` serves the demo, `make test` runs every check. Both install what they
# need first, and skip what is already installed.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
SYNCED := $(VENV)/.ketenkaart-synced
AXE := node_modules/axe-core/axe.min.js
STEP := scripts/step

# Test runs never inherit the caller's database or the demo and production switches.
TEST_ENV := env -u DATABASE_URL -u KETENKAART_DEMO -u KETENKAART_PRODUCTION -u SECRET_KEY \
	-u DEBUG -u ALLOWED_HOSTS
PYTEST := $(TEST_ENV) $(BIN)/pytest -p no:cacheprovider
# check --deploy runs under production settings with a throw-away key of 50+ random characters.
PRODUCTION_ENV := env -u DATABASE_URL -u KETENKAART_DEMO KETENKAART_PRODUCTION=1 \
	ALLOWED_HOSTS=ketenkaart.example.nl \
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')"

.PHONY: help
help:
	@echo "make demo    install, migrate, load the demo region, serve http://127.0.0.1:8000 and run the worker"
	@echo "make test    install what is missing and run every check and test"
	@echo "make lint    ruff format --check, ruff check, mypy, and uv.lock up to date"

	@echo "make bench   every performance bar against a bare Django ceiling (bench/README.md)"
	@echo "make clean   remove caches; make distclean also removes .venv and node_modules"

# --- installing ---------------------------------------------------------------------------

$(SYNCED): pyproject.toml uv.lock scripts/bootstrap-venv
	scripts/bootstrap-venv
	touch $@

.PHONY: venv
venv: $(SYNCED)

.PHONY: system-packages
system-packages:
	scripts/ensure-system-packages

$(AXE): package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The default SQLite database lives here; Git keeps no var/ in a fresh clone.
var:
	mkdir -p $@

# --- the demo -----------------------------------------------------------------------------

.PHONY: demo
demo: $(SYNCED) | var
	scripts/ensure-system-packages runtime
	KETENKAART_DEMO=1 $(BIN)/ketenkaart migrate --no-input
	KETENKAART_DEMO=1 KETENKAART_DEMO_HISTORY_WEEKS=52 $(BIN)/ketenkaart loaddemo
	@echo
	@echo "Ketenkaart demo on http://127.0.0.1:8000 - log in as jeugdprofessional, password demo."
	@echo
	@# The web server and the worker; both stop on Ctrl-C, on a TERM to make, or when one ends.
	scripts/demo-serve $(BIN)

# --- checks and tests ---------------------------------------------------------------------
# The runs share nothing (SQLite in memory, each PostgreSQL on its own throw-away cluster and
# port), so `make test` runs them in two lanes side by side, one per core: SQLite then the
# browser, PostgreSQL then PgBouncer (LANES=1 orders each pair). Each run prints its output
# when it is done.

.PHONY: test
test: system-packages $(SYNCED) $(AXE)
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory lint check-migrations check-deploy; \
	$(MAKE) --no-print-directory -j2 --output-sync=target LANES=1 test-browser test-pgbouncer; \
	echo; echo "make test: all passed in $$(( $$(date +%s) - start ))s"

.PHONY: lint
lint: $(SYNCED)
	@$(STEP) "ruff format --check" $(BIN)/ruff format --check .
	@$(STEP) "ruff check" $(BIN)/ruff check .
	@$(STEP) "mypy (strict on access, audit and services)" $(TEST_ENV) $(BIN)/mypy
	@$(STEP) "uv.lock matches pyproject.toml" $(BIN)/uv lock --check --quiet

.PHONY: check-migrations
check-migrations: $(SYNCED) | var
	@$(STEP) "no missing migrations" $(TEST_ENV) $(BIN)/ketenkaart makemigrations --check --dry-run

.PHONY: check-deploy
check-deploy: $(SYNCED)
	@$(STEP) "check --deploy under production settings" \
		$(PRODUCTION_ENV) $(BIN)/ketenkaart check --deploy --fail-level WARNING

.PHONY: test-sqlite
test-sqlite: $(SYNCED)
	@$(STEP) "pytest on SQLite" $(PYTEST) -m "not browser"

.PHONY: test-postgres
test-postgres: $(SYNCED) system-packages
	@$(STEP) "pytest on PostgreSQL 15" $(TEST_ENV) scripts/with-postgres $(BIN)/pytest \
		-p no:cacheprovider -m "not browser"

# A subset through PgBouncer in transaction mode (docs/operations.md, "PgBouncer"): the dossier
# read and its audit row, the audit log on PostgreSQL (partitions, the runtime role, record_many
# beside record) and the worker's jobs. The backup test needs a direct connection (pg_dump).
PGBOUNCER_TESTS := ketenkaart/api/tests/test_dossier.py ketenkaart/audit/tests/test_postgres.py \
	ketenkaart/audit/tests/test_record_many.py ketenkaart/worker ketenkaart/core/tests/test_pgbouncer.py

.PHONY: test-pgbouncer
test-pgbouncer: $(SYNCED) system-packages | $(if $(LANES),test-postgres)
	@$(STEP) "pytest through PgBouncer (transaction mode)" $(TEST_ENV) scripts/with-postgres \
		scripts/with-pgbouncer $(BIN)/pytest -p no:cacheprovider -m "not browser" \
		-k "not restored_pg_dump" $(PGBOUNCER_TESTS)

.PHONY: test-browser
test-browser: $(SYNCED) system-packages $(AXE) | $(if $(LANES),test-sqlite)
	@$(STEP) "browser tests in Chromium" $(PYTEST) -m browser

# --- benchmarks (not part of make test) --------------------------------------------------

.PHONY: bench
bench: $(SYNCED) system-packages
	command -v wrk >/dev/null || scripts/ensure-system-packages bench
	$(TEST_ENV) bench/run.sh

# --- housekeeping -------------------------------------------------------------------------

.PHONY: clean
clean:
	rm -rf .pytest_cache .ruff_cache .mypy_cache var/static
	find . -path ./.venv -prune -o -path ./node_modules -prune -o -name __pycache__ -type d \
		-exec rm -rf {} +

.PHONY: distclean
distclean: clean
	rm -rf $(VENV) node_modules
