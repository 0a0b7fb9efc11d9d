import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from newsroom import page_keys
from newsroom.models import SitePage

logger = logging.getLogger(__name__)


@page_keys.depends_on(page_keys.SITE)
def site_page(request, slug):
    page = get_object_or_404(SitePage, slug=slug)
    return render(request, "newsroom/site_page.html", {"page": page})


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.error("Health check: database unavailable: %s", error)
        return "unavailable"
    return "ok"


def cache_status():
    """Whether the cache takes a value and gives it back. A cache that is
    down costs speed, not pages, so it never makes the check fail."""
    key, value = "healthz:probe", secrets.token_hex(8)
    try:
        cache.set(key, value, 10)
        answered = cache.get(key)
    except Exception as error:  # noqa: BLE001 - any cache failure is "unavailable"
        logger.warning("Health check: cache unavailable: %s", error)
        return "unavailable"
    return "ok" if answered == value else "unavailable"


@never_cache
def healthz(request):
    """What a load balancer and a monitor need to know, as JSON: 200 while
    the database answers (``"status": "degraded"`` if only the cache does
    not), 503 when it does not."""
    checks = {"database": database_status(), "cache": cache_status()}
    if checks["database"] != "ok":
        status, code = "error", 503
    elif checks["cache"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **checks}, status=code)
