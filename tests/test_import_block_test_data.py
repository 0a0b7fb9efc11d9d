"""WordPress's own block test export (61 posts, every core block) imported
once for the module: the counts match the file, every live article shows on
every public surface, every old address leads to its article, and a second
run changes nothing."""

import re
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management import call_command
from django.utils.html import escape, strip_tags

from articles.models import Article, Redirect
from imports import wxr
from imports.models import ImportedItem
from newsroom.models import CacheGeneration
from tests.import_helpers import (
    BLOCK_TEST_DATA,
    count,
    remove_everything_imported,
    shared_export,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker, tmp_path_factory):
    """The file imported once; its report's text and the parsed export."""
    path = shared_export(BLOCK_TEST_DATA)
    report = tmp_path_factory.mktemp("import") / "report.txt"
    with django_db_blocker.unblock():
        call_command(
            "import_wordpress", str(path), "--report", str(report), verbosity=0
        )
        yield report.read_text(), wxr.parse(path)
        remove_everything_imported()


def posts_in_file():
    """Counted in the raw file, not by the parser under test."""
    text = BLOCK_TEST_DATA.read_text(encoding="utf-8")
    return len(re.findall(r"<wp:post_type>(?:<!\[CDATA\[)?post(?:\]\]>)?<", text))


def test_the_reports_counts_match_the_file(imported):
    report, _export = imported
    assert posts_in_file() == 61
    assert count(report, "posts in the file") == 61
    assert count(report, "imported") == 61
    assert Article.objects.count() == 61
    assert Article.objects.published().count() == 61
    # The one page has no site page of its slug: skipped, with why.
    assert count(report, "skipped") == 1
    assert "How to use the test data" in report and "this site's pages are" in report


def test_every_imported_article_renders_with_its_sections(imported, client):
    for article in Article.objects.select_related("category"):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200, article.headline
        assert escape(article.headline) in response.content.decode()


def test_listings_feeds_and_sitemaps_show_the_imported_articles(imported, client):
    newest = Article.objects.published().select_related("category").first()
    for url in ("/", newest.category.get_absolute_url(), "/feed/", "/feed/atom/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert escape(newest.headline) in response.content.decode(), url
    sitemap = b"".join(
        client.get(f"/sitemap-articles.xml?p={page}").content for page in (1, 2)
    ).decode()
    for article in Article.objects.published().select_related("category"):
        assert article.get_absolute_url() in unquote(sitemap)


def test_tag_and_author_pages_of_the_import_render(imported, client):
    assert client.get("/tag/border/").status_code == 200
    assert client.get("/author/themereviewer/").status_code == 200


def test_search_finds_imported_articles_by_a_word_of_their_body(imported, client):
    cases = {
        "Paragraph": "drop",
        "Table": "Stripes",
        "Columns": "thirds",
    }
    for headline, word in cases.items():
        article = Article.objects.get(headline=headline)
        body = " ".join(strip_tags(s.body) for s in article.sections.all())
        assert word in body
        response = client.get("/search/", {"q": word})
        assert response.status_code == 200
        assert article.get_absolute_url() in response.content.decode(), headline


def test_every_old_address_leads_to_its_article(imported, client):
    report, export = imported
    checked = 0
    for post in export.posts:
        if post.kind != "post":
            continue
        old_path = unquote(urlsplit(post.link).path)
        item = ImportedItem.objects.get(kind="post", source_id=post.source_id)
        if f"{old_path}:" in report:  # a collision the report lists
            continue
        response = client.get(old_path)
        assert response.status_code == 301, old_path
        assert response["Location"] == item.article.get_absolute_url()
        checked += 1
    assert checked >= 55


def test_a_second_run_changes_nothing(imported, tmp_path):
    before = {
        "articles": list(Article.objects.values_list("pk", "updated_at", "slug")),
        "redirects": Redirect.objects.count(),
        "generation": CacheGeneration.objects.values_list(
            "number", "keys_version"
        ).first(),
    }
    report = tmp_path / "again.txt"
    call_command(
        "import_wordpress", str(BLOCK_TEST_DATA), "--report", str(report), verbosity=0
    )
    text = report.read_text()
    assert count(text, "unchanged") == 61
    assert count(text, "imported") == 0 and count(text, "updated") == 0
    assert before == {
        "articles": list(Article.objects.values_list("pk", "updated_at", "slug")),
        "redirects": Redirect.objects.count(),
        "generation": CacheGeneration.objects.values_list(
            "number", "keys_version"
        ).first(),
    }
