# LiveKit Meet, serverless. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
NPM ?= npm

.PHONY: help
help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_-]+:.*## / {printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11+"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $@

.PHONY: install
install: $(STAMP) ## Create .venv with the service and its development tools

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && $(NPM) ci --no-audit --no-fund --loglevel=error

.PHONY: web
web: web/node_modules/.package-lock.json ## Build the static pages into web/dist
	cd web && $(NPM) run build --silent

.PHONY: dev
dev: install web ## Run pages, API and docs on one origin (embedded PostgreSQL unless DATABASE_URL is set)
	$(PY) -m devserver

.PHONY: migrate
migrate: install ## Apply database migrations (to DATABASE_URL, else the embedded .data database)
	$(PY) -m devserver --migrate-only

.PHONY: lint
lint: install ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

.PHONY: format
format: install ## Apply ruff formatting and safe fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

.PHONY: typecheck
typecheck: install ## mypy, strict
	$(VENV)/bin/mypy

.PHONY: pytest
pytest: install web ## Run the pytest suite (throwaway PostgreSQL: DATABASE_URL's server if set, else embedded)
	$(PY) -m pytest $(PYTEST_ARGS)

.PHONY: test
test: lint typecheck pytest ## Everything CI runs: lint, types, template checks, all tests

.PHONY: bench
bench: install web ## Run every benchmark; figures to the screen and bench/results.json
	$(PY) -m bench

.PHONY: bench-quick
bench-quick: install web ## The benchmarks at small sizes (seconds; CI runs this)
	$(PY) -m bench --quick

.PHONY: clean
clean: ## Remove build output (keeps .data, the local database and admin key)
	rm -rf .aws-sam web/dist .pytest_cache .mypy_cache .ruff_cache
