"""The Redis cache: django-redis, failing soft, and left alone after a failure.

Everything this project keeps in the cache can be rebuilt: cached pages, file
sizes, the site settings. So a Redis that is down must cost speed, never a
reader's page. django-redis does most of that (``IGNORE_EXCEPTIONS``: reads
miss, writes are dropped); this adds the one thing it has no setting for.

A Redis that stops answering (a hung server, a dropped route) is met only by
the socket timeout, on every call. Measured with django-redis alone, timeouts
0.5 s, against a server that takes connections and never replies: every page
request paid 2.0 s (the page cache's read and write, the site settings' read
and write), 1.0 s with the page cache off, for as long as the outage lasted,
so a few workers were soon all waiting on Redis. Here the first failure
leaves the server alone for ``PAUSE_SECONDS``: that request paid 0.55 s, the
following ones nothing (0.01-0.07 s, as with no cache), and one call every
``PAUSE_SECONDS`` looks again. A refused connection fails at once either way.

(Throttle counts are not here: they live in the database, newsroom.throttle,
so an outage never opens them.)
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError

logger = logging.getLogger(__name__)

PAUSE_SECONDS = 5

# Per server address, shared by every thread of the process.
_down_until = {}
_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    """django-redis's cache with its ``IGNORE_EXCEPTIONS`` on, whose calls
    skip a server that failed in the last ``PAUSE_SECONDS``."""

    def __init__(self, server, params):
        options = {"IGNORE_EXCEPTIONS": True, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})

    @property
    def client(self):
        return _PausingClient(super().client, location=str(self._server))


class _PausingClient:
    """Stands in for django-redis's client: each call to Redis goes through
    unless the server failed lately. A skipped call raises what a failed one
    raises, so django-redis answers it as it answers any failure (a miss, a
    dropped write)."""

    # Calls that never wait on the server.
    _LOCAL = {"close", "make_key"}

    def __init__(self, client, location):
        self._client = client
        self._location = location

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if name in self._LOCAL or not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            if time.monotonic() < _down_until.get(self._location, 0.0):
                try:
                    raise RedisConnectionError("left alone after a failure")
                except RedisConnectionError as skipped:
                    raise ConnectionInterrupted(connection=None) from skipped
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted:
                logger.warning(
                    "Cache unreachable at %s; going without it for %s s",
                    _without_password(self._location),
                    PAUSE_SECONDS,
                    exc_info=True,
                )
                with _lock:
                    _down_until[self._location] = time.monotonic() + PAUSE_SECONDS
                raise

        return call


def _without_password(location):
    """The address for the log, without the credentials a URL may carry."""
    parts = urlsplit(location)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}"
