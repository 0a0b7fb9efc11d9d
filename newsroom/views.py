from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from newsroom.models import SitePage


def site_page(request, slug):
    page = get_object_or_404(SitePage, slug=slug)
    return render(request, "newsroom/site_page.html", {"page": page})


@never_cache
def healthz(request):
    """Up, and the database answers: what a load balancer needs to know."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
