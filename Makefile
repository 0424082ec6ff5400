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

.PHONY: run test install install-dev browser-deps lint format check-migrations messages worker stop db-url backup restore clean

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

## Debian's Chromium and Thai fonts for the browser tests (`playwright install` cannot download here).
browser-deps:
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi tlwg; then echo "Chromium and Thai fonts: present"; \
	else \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-thai-tlwg fontconfig >/dev/null \
	  && echo "Installed Debian's chromium and fonts-thai-tlwg"; \
	fi

## Start (or reuse) the local PostgreSQL server and print its URL (only when DATABASE_URL is unset).
db-url: install
	@$(PY) -m config.localdb url

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_geography
	$(MANAGE) load_demo
	@echo "Starting the background task worker (imports); its log is .local/worker.log"
	@mkdir -p .local && ($(MANAGE) db_worker --queue-name '*' > .local/worker.log 2>&1 & echo $$! > .local/worker.pid)
	@echo "Portal: http://$(HOST):$(PORT)/  (Ctrl+C stops the web server and the worker)"
	@trap 'kill $$(cat .local/worker.pid) 2>/dev/null; rm -f .local/worker.pid' EXIT INT TERM; \
	 $(PY) -m config.serve $(HOST) $(PORT)

worker: install
	$(MANAGE) db_worker --queue-name '*'

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-migrations: install
	$(MANAGE) makemigrations --check --dry-run

messages: install
	cd $(CURDIR) && $(MANAGE) compilemessages --ignore=.venv

test: install-dev browser-deps lint check-migrations
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -q $(PYTEST_ARGS)

## Back up the whole database (pg_dump, custom format) to .local/backups/ (or BACKUP_DIR); KEEP=n keeps the newest n.
backup: install
	$(MANAGE) backup_db $(if $(KEEP),--keep $(KEEP))

## Replace the database with a backup: make restore FILE=.local/backups/portal-<time>.dump (stop `make run` first).
restore: install
	@[ -n "$(FILE)" ] || { echo "Usage: make restore FILE=.local/backups/portal-<time>.dump"; exit 2; }
	$(MANAGE) restore_db "$(FILE)"

stop:
	-@[ -f .local/worker.pid ] && kill $$(cat .local/worker.pid) 2>/dev/null; rm -f .local/worker.pid
	@$(PY) -m config.localdb stop

clean: stop
	rm -rf $(VENV) .local
