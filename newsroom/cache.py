"""The Redis cache, made to fail soft.

Everything this project keeps in the cache can be rebuilt: cached pages,
file sizes, the cache generation. So a Redis that is down or unreachable must
cost speed, never a reader's page: reads miss, writes are dropped, and after
a failure the cache is left alone for ``PAUSE_SECONDS`` so that each request
does not wait on a dead server again. (Throttle counts are not here: they
live in the database, newsroom.throttle, so an outage never opens them.)
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PAUSE_SECONDS = 5

# Per server address, shared by every thread's connection to it.
_down_until = {}
_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    def _soft(self, method, fallback, *args, **kwargs):
        location = self._servers[0]
        if time.monotonic() < _down_until.get(location, 0.0):
            return fallback()
        try:
            return getattr(super(), method)(*args, **kwargs)
        except RedisError:
            logger.warning(
                "Cache unreachable at %s; going without it for %s s",
                location,
                PAUSE_SECONDS,
                exc_info=True,
            )
            with _lock:
                _down_until[location] = time.monotonic() + PAUSE_SECONDS
            return fallback()

    def get(self, key, default=None, version=None):
        return self._soft("get", lambda: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._soft("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._soft("has_key", lambda: False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("set", lambda: None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("set_many", lambda: list(data), data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("add", lambda: False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._soft("delete", lambda: False, key, version)

    def delete_many(self, keys, version=None):
        return self._soft("delete_many", lambda: None, keys, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (cache unreachable).")

        return self._soft("incr", missing, key, delta, version)

    def clear(self):
        return self._soft("clear", lambda: False)
