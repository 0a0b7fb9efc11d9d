import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]

# What a server started on the default, embedded database gets: read by a
# fresh interpreter, since settings are read once at import.
SQLITE_PROBE = """
import json, django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    pragmas = {
        name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "busy_timeout")
    }
print(json.dumps({"transaction_mode": connection.transaction_mode, **pragmas}))
"""


@pytest.mark.django_db
def test_suite_runs_on_the_database_ci_asked_for():
    # CI runs the suite a second time on PostgreSQL; if DATABASE_URL were lost
    # on the way, that run would silently test SQLite twice.
    expected = os.environ.get("NEWSROOM_EXPECT_DATABASE", "")
    if not expected:
        pytest.skip("No database was asked for explicitly.")
    assert connection.vendor == expected


@pytest.mark.django_db
def test_health_check_reports_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_on_sqlite_writers_wait_their_turn_and_readers_never_wait(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NEWSROOM_", "DJANGO_", "REDIS_", "DATABASE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", SQLITE_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(result.stdout.strip().splitlines()[-1])

    # Readers read the last commit while a writer writes (WAL); a transaction
    # takes the write lock as it begins, so it never fails to upgrade
    # (IMMEDIATE); a writer waits for the one before it, long enough for a
    # dozen desk saves (busy_timeout, in milliseconds).
    assert found["journal_mode"] == "wal"
    assert found["transaction_mode"] == "IMMEDIATE"
    assert found["busy_timeout"] >= 10_000
    assert found["synchronous"] == 1  # NORMAL: what WAL needs to stay safe


@pytest.mark.django_db
def test_the_suites_own_sqlite_database_is_a_file_in_wal_mode():
    # The concurrency tests (test_concurrent_writes) need SQLite's real
    # locking: Django's in-memory test database has none of it.
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's own setting.")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert not connection.is_in_memory_db()


@pytest.mark.django_db
def test_postgresql_plans_are_not_jit_compiled():
    # A tag page's lookup spent 67 ms in PostgreSQL's JIT compiler for 8.5 ms
    # of work at 100,000 articles (docs/performance.md): every query here is
    # short, so the connection turns JIT off.
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's JIT")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
