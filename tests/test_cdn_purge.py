"""The CDN is told which pages went stale (newsroom.cdn): after the write
commits, never on a rollback, by the configured backend, and a CDN that
fails is tried again later without the write ever noticing."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from unittest import mock

import pytest
from django.db import transaction

from articles import services
from newsroom import cdn
from tests.factories import ArticleFactory, EditorFactory
from tests.task_worker import tasks_queued

pytestmark = pytest.mark.django_db

PURGE_TASK = "newsroom.cdn.purge_keys"


@pytest.fixture
def story():
    return ArticleFactory(headline="Bridge reopens", tag_names=["Transport"])


@pytest.fixture
def purges():
    with tasks_queued(lambda path: path == PURGE_TASK) as queued:
        yield queued


class FakeCdn:
    """A local HTTP server standing in for a CDN's API: it keeps what it was
    sent and answers with ``status`` and ``body``."""

    def __init__(self, status=200, body=b'{"success": true}'):
        self.requests = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                fake.requests.append(
                    (self.path, dict(self.headers), self.rfile.read(length))
                )
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_cdn():
    made = []

    def make(**kwargs):
        made.append(FakeCdn(**kwargs))
        return made[-1]

    yield make
    for server in made:
        server.close()


TOKEN = "fake-api-token"  # noqa: S105 - sent only to the local fake


def configure(settings, backend, url="", target="zone-1", token=TOKEN):
    settings.NEWSROOM_CDN_PURGE = {
        "BACKEND": backend,
        "TARGET": target,
        "TOKEN": token,
        "ENDPOINT": url,
    }


def test_an_edit_queues_one_purge_of_the_pages_keys_after_commit(
    story, purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story.dek = "Repairs finished early."
        services.save_article(article=story, by=EditorFactory())
        assert purges == []  # not before the commit
    for callback in callbacks:
        callback()

    (queued,) = purges
    (keys,) = queued.args
    assert f"article-{story.pk}" in keys
    assert "site" not in keys


def test_a_rolled_back_write_tells_the_cdn_nothing(
    story, purges, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
        services.writing(by=EditorFactory()),
    ):
        story.headline = "Never published"
        story.save()
        raise RuntimeError("the desk's save failed")

    assert purges == []


def test_the_logging_backend_logs_the_keys(story, caplog):
    assert cdn.purge_keys.call(["article-7", "list-home"]) is True
    assert "CDN purge: article-7 list-home" in caplog.text


def test_cloudflare_is_asked_to_purge_the_keys_as_cache_tags(settings, fake_cdn):
    server = fake_cdn()
    configure(settings, "cloudflare", server.url)
    keys = [f"article-{n}" for n in range(31)]

    assert cdn.purge_keys.call(keys) is True

    assert len(server.requests) == 2  # at most 30 tags a call
    path, headers, body = server.requests[0]
    assert path == "/zones/zone-1/purge_cache"
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    sent = [tag for _p, _h, b in server.requests for tag in json.loads(b)["tags"]]
    assert sorted(sent) == sorted(keys)


def test_fastly_is_asked_to_purge_the_keys_as_surrogate_keys(settings, fake_cdn):
    server = fake_cdn()
    configure(settings, "fastly", server.url, target="service-9")

    assert cdn.purge_keys.call(["article-7", "list-home"]) is True

    ((path, headers, _body),) = server.requests
    assert path == "/service/service-9/purge"
    assert headers["Surrogate-Key"] == "article-7 list-home"
    assert headers["Fastly-Key"] == TOKEN


def test_a_failing_purge_is_tried_again_later_and_never_breaks_the_write(
    settings, fake_cdn, story, caplog, django_capture_on_commit_callbacks
):
    server = fake_cdn(status=500, body=b'{"success": false}')
    configure(settings, "cloudflare", server.url)

    with (
        mock.patch.object(cdn, "try_again_later") as again,
        django_capture_on_commit_callbacks(execute=True),
    ):
        story.headline = "Bridge reopens to traffic"
        services.save_article(article=story, by=EditorFactory())

    story.refresh_from_db()
    assert story.headline == "Bridge reopens to traffic"
    assert server.requests  # it was tried
    assert "CDN purge failed" in caplog.text
    (call,) = again.call_args_list
    assert call.args[0] is cdn.purge_keys
    assert call.kwargs["attempt"] == 1


def test_a_cloudflare_refusal_is_a_failure(settings, fake_cdn):
    server = fake_cdn(body=b'{"success": false, "errors": [{"code": 10000}]}')
    configure(settings, "cloudflare", server.url)

    with mock.patch.object(cdn, "try_again_later") as again:
        assert cdn.purge_keys.call(["article-7"]) is False
    again.assert_called_once()


def test_cloudfront_invalidates_the_paths_stored_under_the_keys(
    settings, client, page_cache, story
):
    configure(settings, "cloudfront", target="E2DISTRIBUTION", token="")
    client.get("/")
    client.get(story.get_absolute_url())

    with mock.patch("boto3.client") as boto:
        cdn.purge_keys.call([f"article-{story.pk}"])
        cdn.purge_keys.call(["site"])

    first, everything = boto.return_value.create_invalidation.call_args_list
    assert first.kwargs["DistributionId"] == "E2DISTRIBUTION"
    paths = first.kwargs["InvalidationBatch"]["Paths"]["Items"]
    assert sorted(paths) == sorted(["/", story.get_absolute_url()])
    assert everything.kwargs["InvalidationBatch"]["Paths"]["Items"] == ["/*"]


def test_an_unknown_backend_is_named_in_the_error(settings):
    configure(settings, "akamai")
    with pytest.raises(ValueError, match="akamai"):
        cdn.backend()


def test_purging_turned_off_queues_nothing(
    settings, story, purges, django_capture_on_commit_callbacks
):
    configure(settings, "off")
    with django_capture_on_commit_callbacks(execute=True):
        services.save_article(article=story, by=EditorFactory())
    assert purges == []
