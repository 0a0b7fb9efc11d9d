"""Sitemaps and robots.txt: what search engines and news aggregators crawl."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import sitemaps
from articles.models import Article, Correction
from newsroom.models import SitePage
from newsroom.routes import RESERVED_SLUGS
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    site_settings,
)
from tests.test_visibility import STATES

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
SECTIONS = ["articles", "categories", "authors", "pages"]


def xml(client, url):
    """The response parsed as XML: a test fails on anything ill-formed."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own output


def locs(root):
    return [node.text for node in root.iterfind(".//sm:loc", NS)]


def lastmods(root):
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.iterfind("sm:url", NS)
    }


def settled(article, at=None):
    """As if last edited when it went live (a factory saves it just now)."""
    Article.objects.filter(pk=article.pk).update(updated_at=at or article.published_at)
    article.refresh_from_db()
    return article


def iso(value):
    return timezone.localtime(value).isoformat(timespec="seconds")


# --- The index and its sections ---------------------------------------------


def test_sitemap_index_lists_every_section(client):
    ArticleFactory()

    root = xml(client, "/sitemap.xml")

    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    assert locs(root) == [
        f"http://testserver/sitemap-{section}.xml" for section in SECTIONS
    ]
    for section in SECTIONS:
        xml(client, f"/sitemap-{section}.xml")


def test_articles_section_lists_exactly_the_live_articles(client):
    desk = CategoryFactory(slug="desk")
    for state, (status, offset) in STATES.items():
        ArticleFactory(
            slug=state,
            category=desk,
            status=status,
            published_at=timezone.now() + offset,
        )

    assert locs(xml(client, "/sitemap-articles.xml")) == [
        "http://testserver/desk/live/"
    ]


def test_article_lastmod_is_when_it_was_last_updated(client):
    now = timezone.now()
    fresh = settled(ArticleFactory(slug="fresh", published_at=now - timedelta(days=2)))
    edited = settled(
        ArticleFactory(slug="edited", published_at=now - timedelta(days=3)),
        at=now - timedelta(days=1),
    )
    corrected = settled(
        ArticleFactory(slug="corrected", published_at=now - timedelta(days=4))
    )
    correction = Correction.objects.create(
        article=corrected, text="Fixed.", created_at=now - timedelta(hours=5)
    )

    dates = lastmods(xml(client, "/sitemap-articles.xml"))

    assert dates == {
        f"http://testserver{corrected.get_absolute_url()}": iso(correction.created_at),
        f"http://testserver{edited.get_absolute_url()}": iso(edited.updated_at),
        f"http://testserver{fresh.get_absolute_url()}": iso(fresh.published_at),
    }
    index = xml(client, "/sitemap.xml")
    articles_entry = index.find("sm:sitemap", NS)
    assert articles_entry.findtext("sm:lastmod", namespaces=NS).startswith(
        timezone.localtime(correction.created_at).strftime("%Y-%m-%dT%H:%M:%S")
    )


def test_a_large_archive_is_split_into_pages_the_index_lists(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    now = timezone.now()
    made = [
        ArticleFactory(published_at=now - timedelta(hours=10 - n)) for n in range(5)
    ]

    index = locs(xml(client, "/sitemap.xml"))
    pages = [locs(xml(client, f"/sitemap-articles.xml?p={page}")) for page in (1, 2, 3)]

    assert index[:3] == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
    ]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert sum(pages, []) == [
        f"http://testserver{a.get_absolute_url()}" for a in made
    ]  # oldest first: old pages keep their content as the archive grows
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404


def test_categories_and_authors_sections_list_only_those_with_live_work(client):
    live_desk = CategoryFactory(slug="live-desk")
    draft_desk = CategoryFactory(slug="draft-desk")
    CategoryFactory(slug="empty-desk")
    writer = AuthorFactory(slug="writer")
    drafter = AuthorFactory(slug="drafter")
    AuthorFactory(slug="idle")
    article = ArticleFactory(category=live_desk, bylines=[writer])
    ArticleFactory(category=draft_desk, bylines=[drafter], status=Article.Status.DRAFT)
    ArticleFactory(
        category=draft_desk,
        bylines=[drafter],
        published_at=timezone.now() + timedelta(hours=1),
    )

    categories = lastmods(xml(client, "/sitemap-categories.xml"))
    authors = locs(xml(client, "/sitemap-authors.xml"))

    assert categories == {"http://testserver/live-desk/": iso(article.published_at)}
    assert authors == ["http://testserver/author/writer/"]


def test_pages_section_lists_the_home_page_and_the_site_pages(client):
    ArticleFactory()
    for slug in ["about", "privacy"]:
        SitePage.objects.create(slug=slug, title=slug.title())

    assert locs(xml(client, "/sitemap-pages.xml")) == [
        "http://testserver/",
        "http://testserver/about/",
        "http://testserver/privacy/",
    ]


def test_unknown_section_is_a_404(client):
    assert client.get("/sitemap-drafts.xml").status_code == 404


@pytest.mark.parametrize("section", SECTIONS)
def test_sitemap_section_query_count_does_not_grow(
    client, django_assert_max_num_queries, section
):
    def grow(count):
        for _ in range(count):
            ArticleFactory(bylines=[AuthorFactory(), AuthorFactory()])

    grow(3)
    with django_assert_max_num_queries(4) as small:
        xml(client, f"/sitemap-{section}.xml")
    grow(12)
    with django_assert_max_num_queries(4) as large:
        xml(client, f"/sitemap-{section}.xml")

    assert len(small.captured_queries) == len(large.captured_queries)


# --- The Google News sitemap -------------------------------------------------


def news_items(client):
    root = xml(client, "/news-sitemap.xml")
    return {
        url.findtext("sm:loc", namespaces=NS): url.find("news:news", NS)
        for url in root.iterfind("sm:url", NS)
    }


def test_news_sitemap_holds_exactly_the_live_articles_of_the_last_48_hours(client):
    now = timezone.now()
    desk = CategoryFactory(slug="desk")

    def article(slug, hours_ago, **fields):
        went_live = now - timedelta(hours=hours_ago)
        fields = {"first_published_at": went_live, **fields}
        return ArticleFactory(
            slug=slug, category=desk, published_at=went_live, **fields
        )

    article("just-out", 1)
    article("nearly-two-days", 47)
    article("older", 49)
    article("no-first-date", 2, first_published_at=None)
    # Republished today, but first published last week: not news again.
    article("republished", 1, first_published_at=now - timedelta(days=7))
    article("draft", 1, status=Article.Status.DRAFT)
    article("unpublished", 1, status=Article.Status.UNPUBLISHED)
    ArticleFactory(
        slug="scheduled", category=desk, published_at=now + timedelta(hours=1)
    )

    with time_machine.travel(now, tick=False):
        listed = set(news_items(client))
    with time_machine.travel(now + timedelta(hours=2), tick=False):
        later = set(news_items(client))

    expected = {"just-out", "nearly-two-days", "no-first-date"}
    assert listed == {f"http://testserver/desk/{slug}/" for slug in expected}
    assert later == {
        f"http://testserver/desk/{slug}/"
        for slug in expected - {"nearly-two-days"} | {"scheduled"}
    }


def test_news_entries_name_the_publication_language_title_and_date(client, settings):
    settings.LANGUAGE_CODE = "en-us"
    site_settings(name="The Harbour Ledger & Post")
    article = ArticleFactory(headline="Tide & time </news:title>")

    (news,) = news_items(client).values()

    assert news.findtext("news:publication/news:name", namespaces=NS) == (
        "The Harbour Ledger & Post"
    )
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Tide & time </news:title>"
    assert news.findtext("news:publication_date", namespaces=NS) == iso(
        article.published_at
    )


def test_news_title_drops_characters_xml_forbids(client):
    ArticleFactory(headline="Bell\x07 and\x0b tab")

    (news,) = news_items(client).values()

    assert news.findtext("news:title", namespaces=NS) == "Bell and tab"


def test_empty_news_sitemap_is_still_a_valid_document(client):
    ArticleFactory(published_at=timezone.now() - timedelta(days=5))

    assert news_items(client) == {}


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en-us", "en"), ("en", "en"), ("pt-br", "pt"), ("zh-tw", "zh-tw"), ("de", "de")],
)
def test_news_language_is_what_google_news_expects(code, expected):
    assert sitemaps.news_language(code) == expected


# --- robots.txt ----------------------------------------------------------------


def test_robots_txt_names_both_sitemaps_and_keeps_desk_and_previews_out(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /preview/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
    assert "Disallow: /" not in lines  # the site itself stays open


def test_robots_txt_names_the_sitemaps_on_the_host_asked(client):
    response = client.get("/robots.txt", headers={"host": "localhost"}, secure=True)

    assert "Sitemap: https://localhost/sitemap.xml" in response.content.decode()


def test_crawler_addresses_are_kept_from_category_slugs():
    assert {"sitemap.xml", "news-sitemap.xml", "robots.txt", "feed"} <= RESERVED_SLUGS
