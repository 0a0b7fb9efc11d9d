"""A fixed-window counter in the database, for forms the public may post.

A window is a fixed slice of the clock: simple, cheap, and the "try again in
N minutes" a reader is told is exact.

Counts live in a table (``newsroom.models.ThrottleCount``), not the cache:
without Redis the cache is each worker's own memory, so a limit of 10 let
10 x workers through and started again whenever a worker was recycled. The
table is shared by every process of every app server, and survives them all.
Why a table rather than Django's database (or file) cache: their ``incr()`` is
a read followed by a write, so two requests at once can both read 9 and both
be let in; here one ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` counts
and reads in a single statement, atomic on SQLite (3.35+) and PostgreSQL
alike (django-ratelimit counts with the cache's ``incr()``, the same race).
Only form posts are counted, and each of them writes to the database anyway,
so the extra statement costs nothing that matters; so the table is used with
Redis too: one way of counting, and a Redis outage (which the cache rides out
by forgetting, ``newsroom.cache``) opens no throttle.

A window's row is worthless once it is over: whoever opens a new window
deletes every expired row on the way.
"""

import hashlib
import ipaddress
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection

from newsroom.models import ThrottleCount

HOUR = 60 * 60


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window resets


def hit(scope, identity, *, limit, window=HOUR):
    """Count one attempt by ``identity`` in ``scope``; not allowed past ``limit``."""
    now = time.time()
    bucket = int(now // window)
    # Hashed: keys stay short, and no e-mail address or IP address is
    # written into the table in clear.
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    ends_at = datetime.fromtimestamp((bucket + 1) * window, tz=UTC)
    hits = count(f"{scope}:{digest}:{bucket}", expires_at=ends_at)
    if hits == 1:
        forget_expired(now=datetime.fromtimestamp(now, tz=UTC))
    retry_after = max(1, int((bucket + 1) * window - now))
    return Verdict(allowed=hits <= limit, retry_after=retry_after)


def count(key, *, expires_at):
    """Add one to the count under ``key`` (a new row counts 1); returns the
    new count, read in the same statement that wrote it."""
    meta = ThrottleCount._meta
    table = connection.ops.quote_name(meta.db_table)
    key_column, hits, expires = (
        connection.ops.quote_name(meta.get_field(name).column)
        for name in ("key", "hits", "expires_at")
    )
    expires_value = meta.get_field("expires_at").get_db_prep_value(
        expires_at, connection
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_column}, {hits}, {expires}) "  # noqa: S608
            f"VALUES (%s, 1, %s) ON CONFLICT ({key_column}) "
            f"DO UPDATE SET {hits} = {table}.{hits} + 1 RETURNING {hits}",
            [key, expires_value],
        )
        return cursor.fetchone()[0]


def forget_expired(*, now):
    ThrottleCount.objects.filter(expires_at__lte=now).delete()


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
    """What django-axes counts log-in failures by: the network ``client_key``
    names, as its first address, so an IPv6 client is locked out by its /64
    as the forms count it, and the desk reads "2001:db8:4:7::" (that /64)
    where it would have read any one of its addresses. None when the client
    has no IP address (a request made without one, such as the test client's
    force_login): django-axes keeps addresses in an IP column, which
    PostgreSQL checks."""
    try:
        network = ipaddress.ip_network(client_key(request))
    except ValueError:
        return None
    return str(network.network_address)
