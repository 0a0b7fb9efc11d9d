"""What tests need differently: fast hashing, plain static files, no real mail."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path


def _redis_url_of_this_test_worker():
    """The suite runs in two processes (pytest-xdist); each gets a Redis
    database of its own, since every test empties the cache (FLUSHDB) and
    the RQ tests read their queue. Set before the settings read REDIS_URL,
    and in the environment, so a worker process a test starts uses the same
    database; marked, so that process does not move it again."""
    url = os.environ.get("REDIS_URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url or not worker.startswith("gw") or os.environ.get("NEWSROOM_TEST_REDIS"):
        return
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    database = (base + int(worker[2:])) % 16
    os.environ["REDIS_URL"] = urlunsplit(parts._replace(path=f"/{database}"))
    os.environ["NEWSROOM_TEST_REDIS"] = os.environ["REDIS_URL"]


_redis_url_of_this_test_worker()

from newsroom.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in the request that enqueues them, so every test that asserts a
# mail (mail.outbox) still sees it. tests/test_tasks.py proves the real path:
# it enqueues on the database or RQ backend and starts a worker process with
# these settings, NEWSROOM_TEST_TASKS naming its backend and
# NEWSROOM_TEST_MAIL_DIR a folder for the mail it sends, which the test reads.
TASKS = {
    "default": {
        "BACKEND": TASK_BACKENDS[  # noqa: F405
            os.environ.get("NEWSROOM_TEST_TASKS", "immediate")
        ]
    }
}
if os.environ.get("NEWSROOM_TEST_TASKS") == "rq":
    INSTALLED_APPS += ["django_rq"]  # noqa: F405 - its rqworker command
if os.environ.get("NEWSROOM_TEST_MAIL_DIR"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["NEWSROOM_TEST_MAIL_DIR"]
# Uploads made by tests never land in the project's media folder.
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
STORAGES["imports"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": tempfile.mkdtemp(prefix="newsroom-test-imports-")},
}
# Tests never run collectstatic; let whitenoise look files up as they are asked for.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# django-axes needs the request on every authenticate(); the test client's
# login() has none. Tests of login throttling switch it on for themselves.
AXES_ENABLED = False
# Tests see each request rendered; the page cache's own tests (and the
# visibility matrix) switch it on with the ``page_cache`` fixture.
NEWSROOM_PAGE_CACHE_SECONDS = 0

# On SQLite the test database is a file, not Django's shared in-memory one:
# only a file gives other threads and processes real SQLite locking (WAL,
# IMMEDIATE transactions, the busy timeout) for the concurrency tests to prove.
# A fresh folder per run, so two runs at once never share a database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _TEST_DATABASE_DIR = tempfile.mkdtemp(prefix="newsroom-test-db-")
    atexit.register(shutil.rmtree, _TEST_DATABASE_DIR, ignore_errors=True)
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(_TEST_DATABASE_DIR) / "test.sqlite3")
    }
