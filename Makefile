# Druskininkai city VVG portal. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run install install-dev setup serve test test-postgres test-browser screenshots lint format \
	check messages bench loadtest loadtest-mail lighthouse api-snapshot api-lint security audit backup restore worker

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-15s\033[0m %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the runtime requirements

install-dev: $(VENV)/.installed-dev ## Also install the test and lint tools

# ical.js, the independent iCalendar parser the calendar tests read every .ics file with.
ICAL_JS := tests/ical/node_modules/.package-lock.json

$(ICAL_JS): tests/ical/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the calendar tests: apt-get install nodejs npm"; exit 1; }
	cd tests/ical && npm ci --no-audit --no-fund --silent

setup: install ## Migrate the SQLite database, load the demo content, create an administrator
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo_content
	$(PY) manage.py ensure_admin --site-url http://$(HOST):$(PORT)

run: setup serve ## Set everything up and serve the site at http://127.0.0.1:8000/ with its worker (HOST=…, PORT=… for another address)

# The background worker (e-mails, index updates) runs beside the development server; Ctrl-C
# stops the server, and the trap then stops the worker too.
serve: install ## Serve the site and run the background worker beside it, without setting anything up
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(PY) manage.py db_worker & worker=$$!; \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: install ## Run a background worker alone (the queue of e-mails and index updates)
	$(PY) manage.py db_worker

test: install-dev $(ICAL_JS) ## Run the whole test suite on SQLite (browser tests skip if there is no chromium)
	$(PY) -m pytest

test-postgres: install-dev $(ICAL_JS) ## Run the suite on PostgreSQL ($$DATABASE_URL or POSTGRES_URL), browser tests aside
	DATABASE_URL=$${DATABASE_URL:-$(POSTGRES_URL)} $(PY) -m pytest --ignore=tests/browser

test-browser: install-dev ## Run only the browser tests (needs Debian's chromium: apt-get install chromium)
	PORTAL_REQUIRE_BROWSER=1 $(PY) -m pytest tests/browser

screenshots: install-dev ## Copy the browser tests' screenshots of each page type into docs/screenshots/ (after make test-browser)
	$(PY) tests/browser/publish_screenshots.py

lint: install-dev ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev ## Format the code and fix what ruff can fix
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install-dev ## Django's system checks and missing migrations
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

messages: install ## Update the lt and en translation catalogues, then compile them
	for app in portal security outbox webhooks home strategy calls initiatives engagement search; do \
		(cd $$app && ../$(PY) ../manage.py makemessages -l lt -l en --no-obsolete --no-location -i 'migrations/*'); \
	done
	$(PY) manage.py compilemessages --ignore=.venv

bench: install-dev ## Benchmark every page type and API list against a bare view (gunicorn + wrk; PostgreSQL and Redis on 127.0.0.1)
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "wrk is needed: apt-get install wrk"; exit 1; }
	$(PY) bench/run.py $(BENCH_ARGS)

loadtest: install-dev ## 60 s of 20 residents browsing and sending ideas, with Redis stopped midway and no mail server
	$(PY) -m bench.loadtest $(LOADTEST_ARGS)

loadtest-mail: install-dev ## 60 s of 20 residents sending ideas while the mail server hangs, then the mail comes back
	$(PY) -m bench.mail_loadtest $(LOADTEST_ARGS)

api-snapshot: install-dev ## Regenerate tests/snapshots/openapi.json after an intended API change
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py export_openapi_schema \
		--api portal.urls.api_v1 --indent 2 --sorted --output tests/snapshots/openapi.json
	echo >> tests/snapshots/openapi.json

# Redocly's CLI, run through npm; pinned so the lint's rules only change when we choose.
REDOCLY_CLI := @redocly/cli@2.77.0

api-lint: install-dev ## Validate the served OpenAPI document (openapi-spec-validator) and lint it with Redocly's recommended rules (needs npm)
	@command -v npx >/dev/null || { echo "npm is needed for the API lint: apt-get install nodejs npm"; exit 1; }
	@document=$$(mktemp --suffix=.json); trap 'rm -f $$document' EXIT; \
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py export_openapi_schema \
		--api portal.urls.api_v1 --output $$document && \
	$(VENV)/bin/openapi-spec-validator $$document && \
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
		npx --yes $(REDOCLY_CLI) lint --extends recommended --format stylish $$document

security: install-dev ## bandit: no medium or high severity finding in the project's own code
	$(VENV)/bin/bandit -c pyproject.toml -r . --severity-level medium --quiet

audit: ## pip-audit the pinned requirements against the advisory databases (needs internet)
	test -x .venv-audit/bin/pip-audit || ($(PYTHON) -m venv .venv-audit && .venv-audit/bin/pip install --quiet pip-audit==2.10.1)
	.venv-audit/bin/pip-audit --strict --requirement requirements.txt --requirement requirements-dev.txt

backup: install ## Back up the database and media into backups/ (see docs/security.md)
	$(PY) manage.py backup

restore: install ## Restore the newest backup, or BACKUP=backups/portal-….tar.gz
	$(PY) manage.py restore $(BACKUP)

.PHONY: bench-search
# Lighthouse, the npm package pinned in bench/lighthouse/package.json, on Debian's chromium.
LIGHTHOUSE := bench/lighthouse/node_modules/.package-lock.json

$(LIGHTHOUSE): bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund --silent

lighthouse: install-dev $(LIGHTHOUSE) ## Lighthouse (mobile) on every page type of the benchmark's site (2,000 initiatives); LIGHTHOUSE_ARGS=--skip-setup reuses its database
	$(PY) -m bench.lighthouse $(LIGHTHOUSE_ARGS)

bench-search: install ## Search benchmark: 5 000 pages, 10 000 ideas, p50/p95 on SQLite and PostgreSQL
	$(PY) bench/search_benchmark.py
