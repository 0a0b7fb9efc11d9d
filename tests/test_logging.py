"""The log: one line per event, each printed once, and a traceback only for
a server error. A refused request is the site working, not a fault."""

import io
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import include, path

pytestmark = pytest.mark.django_db


def refuse(request):
    raise PermissionDenied


def break_down(request):
    raise RuntimeError("the printing press is jammed")


# This module is the URLconf of its tests: the site, with a page that
# refuses and one that fails.
urlpatterns = [
    path("forbidden/", refuse),
    path("broken/", break_down),
    path("", include("newsroom.urls")),
]


@pytest.fixture(params=[True, False], ids=["make run (DEBUG)", "production"])
def console(request, settings):
    """What the console shows for a request's log: every stream handler a
    ``django.request`` record reaches, writing into one buffer."""
    settings.DEBUG = request.param
    settings.ROOT_URLCONF = __name__
    printed = io.StringIO()
    logger, handlers = logging.getLogger("django.request"), []
    while logger is not None:
        handlers += [
            handler
            for handler in logger.handlers
            if isinstance(handler, logging.StreamHandler)
            # pytest's own capture of log records is not the console.
            and not type(handler).__module__.startswith("_pytest")
        ]
        logger = logger.parent if logger.propagate else None
    streams = [(handler, handler.setStream(printed)) for handler in handlers]
    yield printed
    for handler, stream in streams:
        handler.setStream(stream)


def test_a_refused_request_is_one_line_without_a_traceback(console):
    response = Client().get("/forbidden/")

    assert response.status_code == 403
    lines = console.getvalue().splitlines()
    assert len(lines) == 1, console.getvalue()
    assert (
        "WARNING django.request: Forbidden (Permission denied): /forbidden/"
        in (lines[0])
    )
    assert "Traceback" not in console.getvalue()


def test_a_page_not_found_is_one_line(console):
    response = Client().get("/no-such-page/")

    assert response.status_code == 404
    assert console.getvalue().count("\n") == 1, console.getvalue()
    assert "Not Found: /no-such-page/" in console.getvalue()


def test_a_server_error_is_logged_once_with_its_traceback(console):
    response = Client(raise_request_exception=False).get("/broken/")

    assert response.status_code == 500
    log = console.getvalue()
    assert log.count("ERROR django.request: Internal Server Error: /broken/") == 1
    assert log.count("Traceback (most recent call last):") == 1
    assert "RuntimeError: the printing press is jammed" in log
