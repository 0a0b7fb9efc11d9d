"""A database that cannot be reached: a short "back soon" page, never a 500.

When the database is down (restarting, failing over, out of connections),
every page that needs it answers ``503 Service Unavailable`` with a
``Retry-After`` and ``templates/503.html``: a static page that needs no
query, no request context and no URL lookup, like the 500 page. Browsers,
crawlers and the load balancer all read a 503 as "try again shortly", and a
CDN keeps no copy of it. Pages the page cache already holds are still served
from it, and ``/healthz`` says what is down.

Only the errors that mean "no database" count (``OperationalError``,
``InterfaceError``): a bug that happens to be a database error (a
``ProgrammingError``, an ``IntegrityError``) stays a 500, reported as usual.

The middleware sits near the top of ``MIDDLEWARE``, so its 503 also covers a
failure in the middleware below it. A failure in a view or while rendering its
template is turned into the 503 where it happens (``process_exception``), and
passes back up through the other middleware, so it carries the usual
security headers. One raised in a middleware below this one has already
become a 500 response by the time it gets here (Django converts exceptions
layer by layer); the ``got_request_exception`` signal that came with it marks
the request, and the 500 is swapped for the 503.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before trying again: long enough for a
# database restart or a failover, short enough that readers come back.
RETRY_AFTER_SECONDS = 30
OUTAGE_ERRORS = (OperationalError, InterfaceError)
TEMPLATE = "503.html"
# Set on a request whose handling met an outage in a middleware below.
MARK = "_newsroom_database_unavailable"


def is_outage(error):
    return isinstance(error, OUTAGE_ERRORS)


def unavailable_response():
    """The 503: a static page, rendered with no request and no database."""
    try:
        content = loader.get_template(TEMPLATE).render()
    except Exception:  # noqa: BLE001 - the outage page itself must not fail
        logger.exception("Could not render %s", TEMPLATE)
        content = "<!DOCTYPE html><title>Back soon</title><h1>Back soon</h1>"
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def mark_outage(sender, request=None, **kwargs):
    """``got_request_exception`` receiver: notes that the exception being
    handled means the database is unavailable."""
    if request is not None and is_outage(sys.exc_info()[1]):
        setattr(request, MARK, True)


got_request_exception.connect(mark_outage, dispatch_uid="newsroom-outage")


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, MARK, False) and response.status_code >= 500:
            return unavailable_response()
        return response

    def process_exception(self, request, exception):
        if not is_outage(exception):
            return None
        # One line, not a traceback per request: an outage brings many.
        logger.error(
            "Database unavailable, answered %s with 503: %s", request.path, exception
        )
        return unavailable_response()
