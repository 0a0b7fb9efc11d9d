"""The form throttles' counts: one count for every process, kept in the
database, exact under concurrent attempts, and tidied away once over."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from newsroom import throttle
from newsroom.models import ThrottleCount

ROOT = Path(__file__).resolve().parents[1]
# How long the test waits for its worker processes: longer than starting
# Django and counting a few times takes on a busy machine, short of forever.
PATIENCE_SECONDS = 120

# A worker process, as a gunicorn worker would count: it says it is ready,
# waits for the word, then counts five sign-up attempts by the same client.
WORKER = """
import json, os, sys, time
import django
django.setup()
from newsroom import throttle
ready, go, attempts = sys.argv[1], sys.argv[2], int(sys.argv[3])
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.005)
verdicts = [
    throttle.hit("newsletter-client", "203.0.113.5", limit=10).allowed
    for _ in range(attempts)
]
print(json.dumps(verdicts))
"""

# A fresh SQLite file holds only the counts' table; Django's in-memory test
# database cannot be opened by another process.
CREATE_TABLE = """
import django
django.setup()
from django.db import connection
from newsroom.models import ThrottleCount
with connection.schema_editor() as editor:
    editor.create_model(ThrottleCount)
"""


def database_url(tmp_path):
    """A database URL that processes other than this one can open, holding
    the counts' table: the test database itself on PostgreSQL."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or 'localhost'}"
        f":{db['PORT'] or 5432}/{db['NAME']}"
    )


def environment(url):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "REDIS_", "DJANGO_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings_test",
        DATABASE_URL=url,
        # One connection per process is all a worker here needs.
        DATABASE_POOL="false",
    )
    return env


def start(code, env, *args):
    return subprocess.Popen(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", code, *map(str, args)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process):
    out, err = process.communicate(timeout=PATIENCE_SECONDS)
    assert process.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1]) if out.strip() else None


def attempts_in_processes(env, tmp_path, *, processes, each):
    """Runs ``processes`` worker processes that count ``each`` attempts,
    released at the same moment; returns every verdict."""
    go = tmp_path / f"go-{time.monotonic_ns()}"
    workers = []
    for n in range(processes):
        ready = tmp_path / f"ready-{n}-{go.name}"
        workers.append((ready, start(WORKER, env, ready, go, each)))
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not all(ready.exists() for ready, _ in workers):
        assert time.monotonic() < deadline, "a worker process never started"
        assert all(worker.poll() is None for _, worker in workers), [
            worker.stderr.read() for _, worker in workers if worker.poll()
        ]
        time.sleep(0.01)
    go.touch()
    return [verdict for _, worker in workers for verdict in finish(worker)]


@pytest.mark.django_db(transaction=True)
def test_twenty_attempts_at_once_in_four_processes_let_exactly_the_limit_through(
    tmp_path,
):
    env = environment(database_url(tmp_path))
    if connection.vendor == "sqlite":
        finish(start(CREATE_TABLE, env))

    verdicts = attempts_in_processes(env, tmp_path, processes=4, each=5)

    # Counted in each process's memory, four processes let all 20 in.
    assert verdicts.count(True) == 10
    assert verdicts.count(False) == 10
    # A worker started afterwards (a recycled one) knows the count too.
    assert attempts_in_processes(env, tmp_path, processes=1, each=1) == [False]


@pytest.mark.django_db
def test_a_client_is_let_in_again_when_the_window_ends_and_old_counts_go(
    time_machine,
):
    time_machine.move_to("2026-12-01 09:10Z", tick=False)
    verdicts = [throttle.hit("contact-client", "203.0.113.5", limit=2) for _ in "abc"]
    throttle.hit("newsletter-client", "203.0.113.6", limit=2)
    assert [verdict.allowed for verdict in verdicts] == [True, True, False]
    assert verdicts[-1].retry_after == 50 * 60

    time_machine.move_to("2026-12-01 10:00:01Z", tick=False)
    again = throttle.hit("contact-client", "203.0.113.5", limit=2)

    assert again.allowed
    # Only the window now under way is kept: the table does not grow with
    # every client that ever posted a form.
    assert ThrottleCount.objects.count() == 1
