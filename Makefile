# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo run test e2e lint format clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo

# The server and, beside it, the worker that runs background tasks (the mail):
# the database backend's, or RQ's with NEWSROOM_TASKS=rq, none with
# NEWSROOM_TASKS=immediate. Ctrl-C stops both.
run: demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	@export DJANGO_DEBUG=$${DJANGO_DEBUG:-true}; \
	case "$${NEWSROOM_TASKS:-database}" in \
	  immediate) ;; \
	  rq) $(MANAGE) rqworker default --job-class django_tasks_rq.Job \
	        --with-scheduler & ;; \
	  *) $(MANAGE) db_worker & ;; \
	esac; \
	worker=$$!; \
	trap 'if [ -n "$$worker" ]; then kill $$worker 2>/dev/null; wait $$worker; fi' \
	  EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=newsroom.settings_test $(MANAGE) check

# The suite in two processes (pytest-xdist; a module's tests stay together,
# so its shared fixtures are built once), then the browser tests in one: each
# of those runs a browser and a live server already, and two at once on a
# two-core machine only trade speed for timeouts.
TEST_PROCESSES ?= 2
test: lint
	$(BIN)/pytest -n $(TEST_PROCESSES) --dist loadfile --ignore=tests/e2e
	$(BIN)/pytest tests/e2e

# Only the browser tests (also part of `test`); see docs/testing.md.
e2e: install
	$(BIN)/pytest tests/e2e

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Lighthouse's four scores (mobile) for the demo newsroom's home, category and
# article pages, served by gunicorn as in production: tools/lighthouse/run.py,
# docs/lighthouse.md. Needs Node.js with npm, and Chromium (CHROME_PATH).
.PHONY: lighthouse
lighthouse: install
	$(BIN)/python tools/lighthouse/run.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Load test: N articles (BENCH_ARTICLES, default 100,000), gunicorn, wrk; see
# docs/performance.md. Never part of `test`.
.PHONY: bench bench-breaking bench-live bench-peer soak
bench: install
	$(BIN)/python -m bench.run
	[ -z "$$BENCH_PEER" ] || $(BIN)/python -m bench.versus
	$(BIN)/python -m bench.breaking
	$(BIN)/python -m bench.live

# Page types against Wagtail's news template at the same article count
# (BENCH_ARTICLES), installed under bench/var/peer: requests/s and CPU per
# request, uncached and cached. Part of `make bench` with BENCH_PEER=wagtail.
bench-peer: install
	BENCH_PEER=wagtail $(BIN)/python -m bench.versus

# Breaking news (BENCH_BREAKING_SECONDS, 2 minutes a run): 64 readers of the
# home page, the lead story and the categories, calm, then while the desk
# edits the lead every 10 s and publishes a story every 30 s.
bench-breaking: install
	$(BIN)/python -m bench.breaking

# Readers (BENCH_LIVE_READERS, 2,000) polling a live blog while an entry is
# posted every 5 seconds for 2 minutes: delay from post to reader, CPU, errors.
bench-live: install
	$(BIN)/python -m bench.live

# Five minutes (SOAK_SECONDS) of mixed and junk traffic, cache on: errors,
# memory and latency over time, with a verdict.
soak: install
	$(BIN)/python -m bench.soak
