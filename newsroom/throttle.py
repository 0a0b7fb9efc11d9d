"""A fixed-window counter in the cache, for forms the public may post.

Counts live in the shared cache (Redis in production), so every app server
sees the same numbers. A window is a fixed slice of the clock: simple, cheap,
and the "try again in N minutes" a reader is told is exact.
"""

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache

HOUR = 60 * 60


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window resets


def hit(scope, identity, *, limit, window=HOUR):
    """Count one attempt by ``identity`` in ``scope``; not allowed past ``limit``."""
    now = time.time()
    bucket = int(now // window)
    # Hashed: keys stay short and cache-safe, and no e-mail address or IP
    # address is written into the cache in clear.
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    key = f"throttle:{scope}:{digest}:{bucket}"
    retry_after = max(1, int((bucket + 1) * window - now))
    cache.add(key, 0, timeout=retry_after + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add() and incr()
        cache.set(key, 1, timeout=retry_after + 1)
        count = 1
    return Verdict(allowed=count <= limit, retry_after=retry_after)


def client_address(request):
    """The client's IP address as the server saw it.

    Only REMOTE_ADDR: a forwarded-for header is whatever the client wants it
    to be. Behind a proxy or CDN the proxy must set REMOTE_ADDR to the real
    client (e.g. the web server's real-IP module), or every reader shares
    one allowance.
    """
    return request.META.get("REMOTE_ADDR") or "unknown"
