# Two set-up commands: `make run` (the app on demo data) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= portfolio-demo.db
PG_DIR ?= .cache/pg
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) * 2 )))
PG_WORKERS ?= $(shell nproc)
APP_PACKAGES := tui store screens widgets
# What `make test` runs again on PostgreSQL: the store and CLI tests (a CLI run acts as
# its database login: the tests connect as the login `tester`, or as the person a test
# acts as; tests/support/pg.py), the RAG journey through the editor, idle and busy,
# and the live refresh journey (two TUIs, LISTEN/NOTIFY on the server).
PG_TESTS ?= tests/store tests/cli tests/tui/test_rag_journey.py tests/tui/test_rag_busy.py \
    tests/tui/test_live_refresh.py

.PHONY: run test lint format bench pg clean

$(VENV)/.app-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(VENV)/.app-installed

## run: open the TUI on a local SQLite file, loading the demo portfolio if it is empty
# The app's own modules are compiled first (a no-op when they are), as pip compiles an
# installed package: the editable install does not, and where PYTHONDONTWRITEBYTECODE is
# set (this project's CI machines) each start would compile them again (~50 ms).
run: $(VENV)/.app-installed
	$(BIN)/python -m compileall -q $(APP_PACKAGES)
	$(BIN)/portfolio demo --db $(DB) --if-empty
	$(BIN)/portfolio --db $(DB)

## test: lint, check formatting and the import layers, and run every test (in parallel) on
## SQLite; when PORTFOLIO_TEST_PG names a PostgreSQL server, $(PG_TESTS) on it too, side
## by side with the SQLite pass (scripts/test-passes; .ci/run starts a server)
# Two test workers per core for the SQLite pass: a Pilot test spends much of its time
# waiting for the app to go idle (Textual's pilot sleeps until the process is quiet),
# which a second worker fills; the server pass, running beside it, fills what is left.
test: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	scripts/test-passes $(BIN) $(TEST_WORKERS) $(PG_WORKERS) $(PG_TESTS)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .

format: $(VENV)/.test-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: print performance figures (never fails on timing); BENCH="NAME..." picks measures
bench: $(VENV)/.test-installed
	$(BIN)/python -m tests.bench $(BENCH)

## pg: start a private PostgreSQL (socket in $(PG_DIR)) for development; prints its URLs
pg:
	scripts/pg-dev $(PG_DIR)

clean:
	test ! -f $(PG_DIR)/data/PG_VERSION || scripts/pg-dev $(PG_DIR) stop
	rm -rf $(VENV) .cache
	find $(APP_PACKAGES) tests -name __pycache__ -prune -exec rm -rf {} +
