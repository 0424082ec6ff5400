# The labour volunteer network portal. Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONWARNINGS := ignore::UserWarning:platformdirs

.PHONY: run dev prepare test install install-dev browser-deps redis-deps lint format check-migrations messages worker stop db-url backup restore clean \
	bench bench-import bench-pages bench-dashboard bench-report-import bench-load bench-weight

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Debian's Chromium and Thai fonts for the browser tests (`playwright install` cannot download here), and
## LibreOffice Calc without its GUI, which the tests use to check how our .xlsx dates show and to write .ods rosters.
browser-deps:
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi tlwg && command -v soffice >/dev/null; then \
	  echo "Chromium, Thai fonts and LibreOffice: present"; \
	else \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    chromium fonts-thai-tlwg fontconfig libreoffice-calc-nogui >/dev/null \
	  && echo "Installed Debian's chromium, fonts-thai-tlwg and libreoffice-calc-nogui"; \
	fi

## Debian's Redis server for the tests of the RQ task backend and the Redis cache (each test run starts its own).
redis-deps:
	@if [ -x /usr/bin/redis-server ]; then echo "Redis server: present"; \
	else \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    redis-server >/dev/null && echo "Installed Debian's redis-server"; \
	fi

## Start (or reuse) the local PostgreSQL server and print its URL (only when DATABASE_URL is unset).
db-url: install
	@$(PY) -m config.localdb url

## The database, its tables and the demo data, for `make run` and `make dev`.
prepare: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_geography
	$(MANAGE) load_demo

# Checks the port, starts the import worker in the background (pid in .local/worker.pid, for `make stop`) unless
# one runs already, then runs the web server given as $(1); Ctrl+C ends it and the worker it started. The
# database keeps running until `make stop`.
define serve_with_worker
	@$(PY) -m config.serve --check $(HOST) $(PORT)
	@mkdir -p .local; \
	if [ -f .local/worker.pid ] && kill -0 $$(cat .local/worker.pid) 2>/dev/null; then \
	  echo "The task worker is already running (pid $$(cat .local/worker.pid))."; \
	else \
	  echo "Starting the background task worker (imports); its log is .local/worker.log"; \
	  $(PY) -m config.worker > .local/worker.log 2>&1 & echo $$! > .local/worker.pid; \
	  trap 'kill $$(cat .local/worker.pid 2>/dev/null) 2>/dev/null; rm -f .local/worker.pid' EXIT INT TERM; \
	fi; \
	echo "Portal: http://$(HOST):$(PORT)/  (Ctrl+C stops the web server and the worker; \`make stop\` also the database)"; \
	$(1)
endef

## As production serves it: gunicorn, WhiteNoise, DEBUG off (every error is the portal's Thai page).
run: prepare
	HASHED_STATIC_FILES=true $(MANAGE) collectstatic --noinput --verbosity 0
	$(call serve_with_worker,$(PY) -m config.serve $(HOST) $(PORT))

## For developers: Django's runserver with DEBUG on (technical error pages) and autoreload.
dev: prepare
	$(call serve_with_worker,$(PY) -m config.serve --dev $(HOST) $(PORT))

## The background task worker for TASKS_BACKEND: db_worker (database, the default) or RQ's rqworker (rq).
worker: install
	$(PY) -m config.worker

## ruff, then mypy over core, accounts and rosters ([tool.mypy] in pyproject.toml). Mypy's Django plugin reads the
## settings but never connects: a placeholder DATABASE_URL keeps it from starting the local PostgreSQL server.
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DATABASE_URL=$${DATABASE_URL:-postgres://mypy@127.0.0.1:1/mypy} $(VENV)/bin/mypy

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-migrations: install
	$(MANAGE) makemigrations --check --dry-run

messages: install
	cd $(CURDIR) && $(MANAGE) compilemessages --ignore=.venv

test: install-dev browser-deps redis-deps lint check-migrations
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -q $(PYTEST_ARGS)

## Benchmarks (README, "Benchmarks"): each fills a database of its own on the local PostgreSQL server once and reuses
## it until a migration or its fill changes. They install the test tools (Locust for bench-load). Options go in
## BENCH_ARGS, e.g. `make bench-pages BENCH_ARGS="--volunteers 10000 --runs 5"`, `make bench-import BENCH_ARGS=10000`.
bench-import: install-dev
	$(PY) bench/import_roster.py $(or $(BENCH_ARGS),100000)

bench-pages: install-dev
	$(PY) bench/roster_pages.py $(BENCH_ARGS)

bench-dashboard: install-dev
	$(PY) bench/dashboard.py $(BENCH_ARGS)

## A month of 10,000 monthly reports through the import (preview + confirm); bench-dashboard runs it too.
bench-report-import: install-dev
	$(PY) bench/report_import.py $(BENCH_ARGS)

bench-load: install-dev
	$(PY) bench/load.py $(BENCH_ARGS)

## First and repeat visits of the main pages in Chromium on a throttled 1.6 Mbit/s, 150 ms link (demo data).
bench-weight: install-dev browser-deps
	$(PY) bench/page_weight.py $(BENCH_ARGS)

## All five at their full size, one after the other (long the first time: it fills 1,000,000 volunteers twice).
bench:
	$(MAKE) bench-import BENCH_ARGS=
	$(MAKE) bench-pages BENCH_ARGS=
	$(MAKE) bench-dashboard BENCH_ARGS=
	$(MAKE) bench-load BENCH_ARGS=
	$(MAKE) bench-weight BENCH_ARGS=

## Back up the whole database (pg_dump, custom format) to .local/backups/ (or BACKUP_DIR); KEEP=n keeps the newest n.
backup: install
	$(MANAGE) backup_db $(if $(KEEP),--keep $(KEEP))

## Replace the database with a backup: make restore FILE=.local/backups/portal-<time>.dump (stop `make run` first).
restore: install
	@[ -n "$(FILE)" ] || { echo "Usage: make restore FILE=.local/backups/portal-<time>.dump"; exit 2; }
	$(MANAGE) restore_db "$(FILE)"

## Stop what `make run` started: the web server, the task worker and the local PostgreSQL server.
stop:
	@$(PY) -m config.serve stop

clean: stop
	rm -rf $(VENV) .local
