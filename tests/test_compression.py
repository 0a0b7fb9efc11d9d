"""Compressed responses: public pages, feeds and sitemaps gzipped for readers
who accept it (cached or not, with the headers a CDN and a browser need to
keep the encodings apart); nothing with a secret in it compressed (BREACH);
static files served with brotli as well as gzip."""

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import brotli
import pytest
from django.test import Client
from django.urls import reverse

from articles.models import PreviewLink
from articles.previews import url_for
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    png_upload,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def story():
    category = CategoryFactory(name="World", slug="world")
    author = AuthorFactory(name="Rita Reporter", slug="rita")
    return ArticleFactory(
        headline="Bridge reopens",
        slug="bridge-reopens",
        category=category,
        bylines=[author],
        tag_names=["Transport"],
        hero_image=png_upload("bridge.png"),
        hero_alt="The bridge",
        with_parts=True,
    )


def public_addresses(article):
    return [
        "/",
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        "/author/rita/",
        "/tag/transport/",
        "/search/?q=bridge",
        "/feed/",
        "/feed/atom/",
        "/sitemap.xml",
        "/news-sitemap.xml",
    ]


def varies_by_encoding(response):
    vary = [word.strip().lower() for word in response.get("Vary", "").split(",")]
    return "accept-encoding" in vary


@pytest.mark.parametrize("cached", [False, True], ids=["uncached", "cached"])
def test_public_pages_feeds_and_sitemaps_are_gzipped_for_readers_who_accept_it(
    client, story, cached, request
):
    if cached:
        request.getfixturevalue("page_cache")
    for url in public_addresses(story):
        # Twice each: the second is the cache's copy when the cache is on.
        for _ in range(2):
            plain = client.get(url)
            zipped = client.get(url, **GZIP)

            assert plain.status_code == zipped.status_code == 200, url
            assert "Content-Encoding" not in plain, url
            assert zipped["Content-Encoding"] == "gzip", url
            assert gzip.decompress(zipped.content) == plain.content, url
            assert len(zipped.content) < len(plain.content), url
            for response in (plain, zipped):
                assert varies_by_encoding(response), url
                assert int(response["Content-Length"]) == len(response.content), url
            # One ETag for the page's bytes, weak for the gzipped encoding.
            if "ETag" in plain:
                assert zipped["ETag"] == "W/" + plain["ETag"], url


def test_a_gzip_reader_revalidating_a_cached_page_gets_304_saying_it_varies(
    client, story, page_cache
):
    url = story.get_absolute_url()
    first = client.get(url, **GZIP)

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], **GZIP)
    plain_again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["ETag"].startswith('W/"')
    for response in (again, plain_again):
        assert response.status_code == 304
        assert response.content == b""
        assert varies_by_encoding(response)


def assert_not_compressed(response, what):
    assert response.status_code == 200, (what, response.status_code)
    assert len(response.content) > 200, what  # long enough to be worth it
    assert "Content-Encoding" not in response, what
    assert b"<html" in response.content or b"<!DOCTYPE" in response.content, what


def test_pages_carrying_a_csrf_token_are_never_compressed(client, story):
    for url in ["/subscribe/", "/contact/", reverse("admin:login")]:
        response = client.get(url, **GZIP)

        assert_not_compressed(response, url)
        assert "csrfmiddlewaretoken" in response.content.decode(), url


def test_the_desk_and_pages_seen_logged_in_are_never_compressed(client, story):
    editor = EditorFactory()
    client.force_login(editor)
    link = PreviewLink.objects.create(article=story, created_by=editor)
    for url in [
        reverse("admin:index"),
        reverse("admin:articles_article_change", args=[story.pk]),
        reverse("staff-preview", args=[story.pk]),
        story.get_absolute_url(),
        "/",
    ]:
        assert_not_compressed(client.get(url, **GZIP), url)

    # A shareable preview is private to whoever holds its link.
    reader = Client()
    assert_not_compressed(reader.get(url_for(link), **GZIP), "shared preview")


def test_uploaded_images_are_sent_as_they_are(client, story):
    response = client.get(story.hero_image.url, **GZIP)

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


# A reader's request for a stylesheet, as the production server answers it.
STATIC_PROBE = """
import json, django
django.setup()
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
call_command("collectstatic", "--noinput", verbosity=0)
url = static("css/site.css")
found = {}
for accepts in ("gzip, deflate, br", "gzip", ""):
    response = Client().get(url, HTTP_ACCEPT_ENCODING=accepts)
    body = b"".join(response.streaming_content)
    found[accepts] = {
        "status": response.status_code,
        "encoding": response.get("Content-Encoding"),
        "vary": response.get("Vary"),
        "length": int(response["Content-Length"]),
        "size": len(body),
        "body": body.hex(),
    }
print(json.dumps(found))
"""


def test_static_files_are_served_with_brotli_to_browsers_that_accept_it(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NEWSROOM_", "DJANGO_", "REDIS_", "DATABASE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        NEWSROOM_STATIC_ROOT=str(tmp_path),
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", STATIC_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(result.stdout.strip().splitlines()[-1])
    source = (ROOT / "static" / "css" / "site.css").read_bytes()

    brotli_reader, gzip_reader, plain_reader = (
        found["gzip, deflate, br"],
        found["gzip"],
        found[""],
    )
    assert brotli_reader["encoding"] == "br"
    assert gzip_reader["encoding"] == "gzip"
    assert plain_reader["encoding"] is None
    assert brotli.decompress(bytes.fromhex(brotli_reader["body"])) == source
    assert gzip.decompress(bytes.fromhex(gzip_reader["body"])) == source
    assert bytes.fromhex(plain_reader["body"]) == source
    # Brotli is the smaller; each says its own length and varies by encoding.
    assert brotli_reader["size"] < gzip_reader["size"] < plain_reader["size"]
    for response in found.values():
        assert response["status"] == 200
        assert response["length"] == response["size"]
        assert "Accept-Encoding" in response["vary"]
