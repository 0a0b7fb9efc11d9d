"""A fixed-window counter in the cache, for forms the public may post.

Counts live in the shared cache (Redis in production), so every app server
sees the same numbers. A window is a fixed slice of the clock: simple, cheap,
and the "try again in N minutes" a reader is told is exact.
"""

import hashlib
import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
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
    """The client's IP address.

    REMOTE_ADDR, unless the operator says how many proxies of their own stand
    in front (``NEWSROOM_TRUSTED_PROXIES``): then the address the outermost of
    them saw, read from the right of X-Forwarded-For. Entries further left are
    whatever the client chose to send, so they are never trusted.
    """
    proxies = settings.NEWSROOM_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "unknown"


def client_key(request):
    """Who a per-client allowance belongs to: the client's address, or for
    IPv6 its /64 network. One home or phone line is given a whole /64, and a
    client can pick any address in it, so counting single IPv6 addresses
    would give it billions of allowances."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_ip_address(request):
    """``client_address``, or None when that is not an IP address (a request
    made without one, such as the test client's force_login): django-axes
    keeps addresses in an IP column, which PostgreSQL checks."""
    address = client_address(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address
