"""The database unreachable: a short 503 page with Retry-After, never a 500
or a traceback; /healthz says what is down.

The database is made unreachable in-process: every attempt to reach it
raises ``OperationalError``, as a refused connection, a failover or an
exhausted pool do (Django wraps the driver's error the same way on SQLite
and PostgreSQL).
"""

import contextlib
from unittest import mock

import pytest
from django.db import OperationalError, ProgrammingError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from newsroom import outage
from tests.factories import EditorFactory

pytestmark = pytest.mark.django_db

OUTAGE_TITLE = "We’ll be back in a moment"


@contextlib.contextmanager
def database_down():
    with mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError("connection refused (port 5432)"),
    ):
        yield


def assert_outage_page(response):
    content = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    assert OUTAGE_TITLE in content
    for leak in ("Traceback", "OperationalError", "connection refused", "5432"):
        assert leak not in content


@pytest.fixture
def tagged_article(article):
    """``article``, tagged "harbour": its tag page and a search find it."""
    article.tags.add("harbour")
    return article


def reader_urls(article):
    return [
        "/",
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        article.byline_authors[0].get_absolute_url(),
        reverse("articles:tag", args=["harbour"]),
        "/search/?q=harbour",
        "/about/",
        "/contact/",
        "/subscribe/",
        "/feed/",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/no-such-section/",
    ]


def test_reader_pages_answer_503_with_the_outage_page_when_the_database_is_down(
    client, tagged_article
):
    urls = reader_urls(tagged_article)

    with database_down():
        responses = {url: client.get(url) for url in urls}

    for url, response in responses.items():
        assert response.status_code == 503, url
        assert_outage_page(response)


def test_a_form_sent_during_an_outage_gets_the_outage_page(client):
    with database_down():
        response = client.post(
            "/contact/",
            {
                "name": "Ada",
                "email": "ada@example.com",
                "subject": "Hello",
                "message": "A message long enough.",
            },
        )

    assert_outage_page(response)


def test_the_desk_answers_503_to_a_logged_in_editor_when_the_database_is_down(
    article,
):
    client = Client()
    client.force_login(EditorFactory())

    with database_down():
        for url in [
            reverse("admin:index"),
            reverse("admin:articles_article_changelist"),
            reverse("admin:articles_article_change", args=[article.pk]),
        ]:
            assert_outage_page(client.get(url))


def test_the_outage_page_still_carries_the_security_headers(client):
    with database_down():
        response = client.get("/")

    assert_outage_page(response)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"


def test_an_outage_met_in_a_middleware_is_a_503_too():
    # Django turns an exception raised below this middleware into a 500
    # response before it gets here; the signal that came with it tells.
    client = Client(raise_request_exception=False)
    with mock.patch(
        "newsroom.page_cache.may_use_cache",
        side_effect=OperationalError("server closed the connection"),
    ):
        response = client.get("/")

    assert_outage_page(response)


def test_a_database_error_that_is_a_bug_stays_a_500(client):
    # Only "cannot reach the database" is an outage; a broken query is a bug
    # and must be reported as one, not hidden behind "back soon".
    client.raise_request_exception = False
    with mock.patch(
        "articles.views.HomeView.get_context_data",
        side_effect=ProgrammingError("no such column"),
    ):
        response = client.get("/")

    assert response.status_code == 500
    assert OUTAGE_TITLE not in response.content.decode()


def test_a_page_already_cached_is_still_served_during_an_outage(
    client, article, page_cache
):
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200

    with database_down():
        response = client.get(url)

    assert response.status_code == 200
    assert article.headline in response.content.decode()


def test_the_outage_is_logged_in_one_line(client, caplog):
    with database_down():
        client.get("/")

    [record] = [r for r in caplog.records if r.name == "newsroom.outage"]
    assert "Database unavailable" in record.getMessage()
    assert record.exc_info is None


# --- /healthz ---------------------------------------------------------------------


def test_health_check_reports_database_and_cache_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_check_answers_503_when_the_database_is_down(client):
    with database_down():
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "unavailable",
        "cache": "ok",
    }


def test_health_check_stays_up_but_degraded_when_the_cache_is_down(client):
    # The site keeps serving without its cache, so the load balancer must
    # keep sending traffic: 200, with the cache named.
    with mock.patch(
        "newsroom.views.cache.set", side_effect=ConnectionError("Redis is down")
    ):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "unavailable",
    }
