"""gunicorn settings for the newsroom: ``gunicorn -c gunicorn.conf.py``.

Everything an operator tunes comes from the environment, with defaults fit for
one machine behind a buffering proxy or CDN (docs/deploy.md):

- ``WEB_CONCURRENCY``: worker processes (default: 2 x cores + 1 for sync
  workers, cores + 1 with threads).
- ``GUNICORN_THREADS``: threads per worker (default 1, the sync worker; more
  switches to the gthread worker).
- ``GUNICORN_BIND``, else ``PORT`` (on all addresses, as a PaaS expects), else
  ``127.0.0.1:8000``.
- ``GUNICORN_TIMEOUT`` (30 s), ``GUNICORN_GRACEFUL_TIMEOUT`` (30 s),
  ``GUNICORN_KEEPALIVE`` (5 s).
- ``GUNICORN_MAX_REQUESTS`` (2000; 0 turns recycling off) and
  ``GUNICORN_MAX_REQUESTS_JITTER`` (10% of it).
- ``FORWARDED_ALLOW_IPS``: the proxies whose ``X-Forwarded-*`` headers are
  believed (default loopback only).
- ``GUNICORN_ACCESSLOG``: ``-`` (stdout, the default), a file, or ``off``.
- ``GUNICORN_PRELOAD``: import the app once in the master (default on).
- ``GUNICORN_CONTROL_SOCKET``: a path for gunicorn's control socket
  (``gunicornc``); off by default.
"""

import multiprocessing
import os


def _int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _bool(name, default):
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in {"1", "true", "yes", "on"}


def _bind():
    if os.environ.get("GUNICORN_BIND"):
        return [address.strip() for address in os.environ["GUNICORN_BIND"].split(",")]
    if os.environ.get("PORT"):
        return [f"0.0.0.0:{os.environ['PORT']}"]  # noqa: S104 (a PaaS routes to it)
    return ["127.0.0.1:8000"]


wsgi_app = "newsroom.wsgi:application"
bind = _bind()

# --- Workers ----------------------------------------------------------------

cores = multiprocessing.cpu_count()
threads = _int("GUNICORN_THREADS", 1)
# Django renders in Python: one request holds a core for its whole CPU time,
# so sync workers scale with cores (gunicorn's 2 x cores + 1). Threads help
# only while a request waits on the database or the cache.
worker_class = "gthread" if threads > 1 else "sync"
workers = _int("WEB_CONCURRENCY", cores * 2 + 1 if threads == 1 else cores + 1)

# Loading the app once in the master shares its memory between workers and
# makes a broken release fail at start rather than in every worker.
preload_app = _bool("GUNICORN_PRELOAD", True)

# Recycle each worker after a while, so a slow leak (ours or a library's)
# never grows without bound; the jitter keeps workers from restarting at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 10)

# --- Timeouts ---------------------------------------------------------------

timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# The heartbeat file on a RAM disk: a worker is never killed as "stuck"
# because a container's overlay file system was slow to write.
RAM_DISK = "/dev/shm"  # noqa: S108 (gunicorn's own advice for containers)
if os.path.isdir(RAM_DISK):
    worker_tmp_dir = RAM_DISK

# --- Proxies ----------------------------------------------------------------

forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Refuse oversized request lines and headers before Django sees them.
limit_request_line = 8190
limit_request_fields = 100

# gunicorn's control socket defaults to one path per user: a second server
# on the machine (another site, a blue/green switch, the benchmark) would
# take it over. Off unless given a path of its own.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True

# --- Logging ----------------------------------------------------------------

_access = os.environ.get("GUNICORN_ACCESSLOG", "-").strip()
accesslog = None if _access.lower() in {"", "off", "none", "false"} else _access
errorlog = os.environ.get("GUNICORN_ERRORLOG", "-")
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# The combined log format plus the time the request took, in milliseconds,
# and the worker's pid (to tell one slow worker from a slow page).
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms %(p)s'
)


# --- Hooks ------------------------------------------------------------------


def pre_fork(server, worker):
    """Leave the workers no database connection or pool made in the master.

    With ``preload_app`` anything the app opened while loading (a pool's
    background threads, a socket) would be shared by every forked worker.
    """
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
        close_pool = getattr(connection, "close_pool", None)
        if close_pool is not None:
            close_pool()
