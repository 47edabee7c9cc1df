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

# Two processes (pytest-xdist): the browser tests all in one of them, in order (two
# calls at once on two cores slowed each other past their timeouts; the scheduler is
# tests/conftest.py's), the rest of the suite in the other. Each process has its own
# throwaway database, ports and LiveKit. PYTEST_WORKERS=0 runs everything in this process.
PYTEST_WORKERS ?= 2
XDIST := $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS),)

.PHONY: pytest
pytest: install web ## Run the pytest suite (throwaway PostgreSQL: DATABASE_URL's server if set, else embedded)
	$(PY) -m pytest $(XDIST) $(PYTEST_ARGS)

# The database tests again, through PgBouncer in transaction pooling mode (what RDS
# Proxy and the pooled endpoints of hosted PostgreSQL do): the tests start it on a free
# loopback port with a config in a temp folder. Needs Debian's pgbouncer package.
PGBOUNCER_TESTS := tests/integration tests/functions tests/infra/test_migrator.py

.PHONY: pytest-pgbouncer
pytest-pgbouncer: install web ## The integration and function tests through PgBouncer (transaction mode)
	MEET_TEST_PGBOUNCER=1 $(PY) -m pytest $(PGBOUNCER_TESTS) -q $(PYTEST_ARGS)

# The pages' typed contract: web/openapi.json from the functions' routes, and the
# TypeScript types generated from it. web-check fails when either is stale.
.PHONY: api-types
api-types: install web/node_modules/.package-lock.json ## Regenerate web/openapi.json and web/src/shared/api-types.ts from the API's routes
	$(PY) -m scripts.openapi
	cd web && $(NPM) run --silent api-types

.PHONY: web-check
web-check: install web/node_modules/.package-lock.json ## The pages: generated API types current, ESLint, tsc, Vitest
	$(PY) -m scripts.openapi --check
	cd web && $(NPM) run --silent api-types -- --check
	cd web && $(NPM) run --silent lint
	cd web && $(NPM) run --silent typecheck
	cd web && $(NPM) run --silent test

# Byte-compiled modules are kept even where PYTHONDONTWRITEBYTECODE is set: without them
# every run compiles the service and the tests again (seconds of CPU). The fuzzing
# plugin is left out: no test here uses it, and importing it costs as much.
.PHONY: check
check: export PYTHONDONTWRITEBYTECODE :=
check: lint typecheck web-check ## The fast inner loop: lint, types, the pages' checks, unit and handler tests (no browser, no template)
	$(PY) -m pytest tests/unit tests/functions -q -x -m "not browser and not slow" -p no:schemathesis $(PYTEST_ARGS)

# The checks and the template gate run side by side (nothing in them is timed; each
# target's output is printed whole when it ends, and any failure fails the build). The
# test suites and the benchmarks run one after another: on two cores, anything beside
# the browser tests slowed them past their timeouts.
.PHONY: test
test: ## Everything CI runs: lint, types, template checks (and policy), all tests (and through PgBouncer), quick benchmarks
	@$(MAKE) --no-print-directory -j2 --output-sync=target lint typecheck web-check check-template
	@$(MAKE) --no-print-directory pytest
	@$(MAKE) --no-print-directory pytest-pgbouncer
	@$(MAKE) --no-print-directory bench-quick

.PHONY: fuzz
fuzz: install ## Fuzz the whole API with schemathesis (over 2,000 generated requests; FUZZ_EXAMPLES per operation and mode)
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-60} $(PY) -m pytest tests/reliability/test_fuzz.py -q -p no:logging

.PHONY: bench
bench: install web ## Run every benchmark; figures to the screen and bench/results.json
	$(PY) -m bench

.PHONY: bench-quick
bench-quick: install web ## The benchmarks at small sizes (seconds; CI runs this)
	$(PY) -m bench --quick

.PHONY: clean
clean: ## Remove build output (keeps .data, the local database and admin key)
	rm -rf .aws-sam web/dist .pytest_cache .mypy_cache .ruff_cache

# --- AWS ---
# SAM CLI and cfn-lint live in their own venv: SAM pins boto3 and pydantic versions
# that the service's .venv must not inherit. ENV picks the samconfig.toml environment.
TOOLS := .tools/sam
SAM := $(TOOLS)/bin/sam
CFN_LINT := $(TOOLS)/bin/cfn-lint
SAM_CLI_VERSION := 1.170.0
CFN_LINT_VERSION := 1.58.0
TOOLS_STAMP := $(TOOLS)/.installed-$(SAM_CLI_VERSION)-$(CFN_LINT_VERSION)
TEMPLATE := infra/template.yaml
ENV ?= default
# Linting is offline, but SAM and cfn-lint still want a region to lint for.
SAM_RUN := SAM_CLI_TELEMETRY=0 AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-us-east-1}
COMPOSE := docker compose -f docker-compose.test.yml
COMPOSE_DATABASE_URL := postgresql://meet:meet@127.0.0.1:55432/meet

# Policy as code: checkov in a venv of its own (its pins differ from SAM's), and
# cfn-guard with AWS Control Tower's proactive-control rules from the npm package that
# ships both (the binary for Linux and macOS, x86_64 and arm64).
POLICY_TOOLS := .tools/policy
CHECKOV_VERSION := 3.3.30
POLICY_STAMP := $(POLICY_TOOLS)/.installed-$(CHECKOV_VERSION)
GUARD_DIR := .tools/cfn-guard
GUARD_PACKAGE := @cdklabs/cdk-validator-cfnguard@0.0.62
GUARD_STAMP := $(GUARD_DIR)/.installed-0.0.62

$(POLICY_STAMP):
	$(PYTHON) -m venv $(POLICY_TOOLS)
	@echo '*' > $(POLICY_TOOLS)/.gitignore
	$(POLICY_TOOLS)/bin/pip install --quiet --disable-pip-version-check "checkov==$(CHECKOV_VERSION)"
	@touch $@

$(GUARD_STAMP):
	rm -rf $(GUARD_DIR) && mkdir -p $(GUARD_DIR)
	cd $(GUARD_DIR) && $(NPM) pack --silent $(GUARD_PACKAGE) >/dev/null && tar xzf *.tgz && rm -f *.tgz
	@echo '*' > $(GUARD_DIR)/.gitignore
	@touch $@

.PHONY: policy-tools
policy-tools: $(POLICY_STAMP) $(GUARD_STAMP) ## Install checkov (.tools/policy) and cfn-guard with the Control Tower rules (.tools/cfn-guard)

$(TOOLS_STAMP):
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11+"; exit 1; }
	$(PYTHON) -m venv $(TOOLS)
	@echo '*' > $(TOOLS)/.gitignore # the venv ignores itself
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check --upgrade pip
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check \
		"aws-sam-cli==$(SAM_CLI_VERSION)" "cfn-lint==$(CFN_LINT_VERSION)"
	@touch $@

.PHONY: tools
tools: $(TOOLS_STAMP) ## Install SAM CLI and cfn-lint into their own venv (.tools/sam)

.PHONY: sam-validate
sam-validate: tools ## sam validate --lint of infra/template.yaml (no errors, no warnings)
	$(SAM_RUN) $(SAM) validate --lint --template-file $(TEMPLATE)

# Every optional rule too (experimental, informational), except I4010: it asks for
# AI-context metadata on every resource, which says nothing about the stack.
.PHONY: cfn-lint
cfn-lint: tools ## cfn-lint of infra/template.yaml (no errors, no warnings, optional rules included)
	$(SAM_RUN) $(CFN_LINT) --include-experimental --include-checks I --ignore-checks I4010 -- $(TEMPLATE)

.PHONY: policy
policy: tools policy-tools ## checkov and cfn-guard (Control Tower controls) on the transformed template; exceptions in .checkov.yaml, infra/guard-exceptions.yaml
	$(SAM_RUN) $(TOOLS)/bin/python -m scripts.policy

.PHONY: sam-build
sam-build: tools ## sam build (arm64 wheels from PyPI; needs python3.12, found on PATH or in pyenv)
	@py312="$$($(PYTHON) scripts/find_python312.py)" || exit 1; \
	echo "sam build with $$py312/python3.12"; \
	PATH="$$py312:$$PATH" $(SAM_RUN) $(SAM) build --config-env $(ENV)
	@du -sb .aws-sam/build/CommonLayer | awk '{printf "common layer, unzipped: %.1f MB\n", $$1 / 1e6}'

# The template's API paths come from the functions' FastAPI apps, and its page-rewrite
# CloudFront Function from web/pages.json: regenerate after adding a route or a page.
.PHONY: routes
routes: install ## Regenerate the template's API paths (from the apps) and page rewrite (from web/pages.json)
	$(PY) -m scripts.api_routes
	$(PY) -m scripts.page_routes

.PHONY: routes-check
routes-check: install ## Fail if the template's generated API paths or page rewrite are stale
	$(PY) -m scripts.api_routes --check
	$(PY) -m scripts.page_routes --check

.PHONY: check-template
check-template: routes-check sam-validate cfn-lint policy sam-build ## The template gate for `make test`: generated parts fresh, validate, lint, policy, build

# PARAMS: template parameters over samconfig.toml's, e.g. the first deploy's
# PARAMS="LiveKitUrl=wss://my-project.livekit.cloud CreateNetwork=true".
PARAMS ?=

.PHONY: deploy
deploy: install sam-build web ## sam deploy (ENV=prod; PARAMS="Key=Value ..."), prune old versions, upload the pages, invalidate CloudFront
	SAM=$(SAM) SAM_CLI_TELEMETRY=0 $(PY) -m scripts.deploy --config-env $(ENV) $(foreach p,$(PARAMS),--parameter $(p))

.PHONY: destroy
destroy: install ## Delete the stack and what it made (ENV=prod for prod; asks first; says what it keeps)
	$(PY) -m scripts.destroy --config-env $(ENV)

.PHONY: test-compose
test-compose: install ## With Docker: integration tests against PostgreSQL and LocalStack from docker-compose.test.yml
	$(COMPOSE) up --detach --wait
	DATABASE_URL=$(COMPOSE_DATABASE_URL) MEET_TEST_AWS_ENDPOINT=http://127.0.0.1:4566 \
		$(PY) -m pytest tests/integration tests/functions tests/infra $(PYTEST_ARGS); \
		status=$$?; $(COMPOSE) down --volumes; exit $$status

.PHONY: sam-local
sam-local: install sam-build ## With Docker: sam local start-api on :3000 against the compose PostgreSQL
	$(COMPOSE) up --detach --wait postgres
	DATABASE_URL=$(COMPOSE_DATABASE_URL) $(PY) -m meet_common.migrate
	$(SAM_RUN) $(SAM) local start-api --config-env $(ENV) --port 3000
