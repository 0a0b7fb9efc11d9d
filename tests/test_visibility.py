"""One matrix: every editorial state through every public surface.

Only a live article (published, its time come) may appear anywhere a reader
can look: the pages, every feed (RSS and Atom, of the site, a category, an
author and a tag), every section of the sitemap index, the news sitemap and
search. Everything else is a 404 on its own address and absent from all of
them. A scheduled article goes live on its own, everywhere at once, with no
job running.

Each test runs twice: rendering every request, and with the page cache on,
where a page stored while the article was hidden must not keep it hidden
once it is live, and a page stored while it is hidden must not leak it.
"""

import re
import time
from contextlib import nullcontext
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from articles import live_blogs, live_pages
from articles.models import Article
from newsroom import generations
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
PAST = timedelta(hours=-2)
FUTURE = timedelta(hours=2)

STATES = {
    "draft": (Status.DRAFT, PAST),
    "in_review": (Status.IN_REVIEW, PAST),
    "changes_requested": (Status.CHANGES_REQUESTED, PAST),
    "scheduled": (Status.PUBLISHED, FUTURE),
    "live": (Status.PUBLISHED, PAST),
    "unpublished": (Status.UNPUBLISHED, PAST),
}

# A word only the article under test carries, so search finds nothing else.
MARKER = "Zephyrwatch"


def lists(html, *, start, end):
    """The part of a page between two markers: one surface, not the whole page.

    Empty when the page leaves that part out (Keep Reading with nothing to
    keep reading, say).
    """
    begin = html.find(start)
    return "" if begin == -1 else html[begin : html.index(end, begin)]


# Each surface: the address to fetch and the part of it that lists articles
# (so the headlines strip in the header never stands in for a list); None
# for the whole document, as for feeds and sitemaps.
MAIN = dict(start='<main id="main"', end="</main>")
RESULTS = dict(start='class="listing__main"', end="<aside")
STRIP = dict(start='<nav class="headlines"', end="</nav>")
COLUMN = dict(start='<aside class="sidebar"', end="</aside>")
KEEP_READING = dict(start='<aside class="container keep-reading"', end="</aside>")

FEEDS = {
    "site": "/feed/",
    "category": "/desk/feed/",
    "author": "/author/reporter/feed/",
    "tag": "/tag/harbour/feed/",
}
SITEMAP_SECTIONS = {
    name: f"/sitemap-{name}.xml"
    for name in ("articles", "categories", "authors", "pages")
}

SURFACES = {
    "home": ("/", MAIN),
    "category": ("/desk/", RESULTS),
    "tag": ("/tag/harbour/", RESULTS),
    "author": ("/author/reporter/", RESULTS),
    "search": (f"/search/?q={MARKER}", RESULTS),
    "headlines strip": ("/desk/", STRIP),
    "latest news column": ("/desk/", COLUMN),
    "keep reading": ("/desk/sibling-story/", KEEP_READING),
    **{f"{name} feed (RSS)": (url, None) for name, url in FEEDS.items()},
    **{f"{name} feed (Atom)": (f"{url}atom/", None) for name, url in FEEDS.items()},
    **{f"sitemap: {name}": (url, None) for name, url in SITEMAP_SECTIONS.items()},
    "news sitemap": ("/news-sitemap.xml", None),
}
ADDRESSES = sorted({url for url, _part in SURFACES.values()})


@pytest.fixture(params=["uncached", "cached"])
def client(request, client):
    if request.param == "cached":
        request.getfixturevalue("page_cache")
    return client


def cache_is_on(settings):
    return settings.NEWSROOM_PAGE_CACHE_SECONDS > 0


def warm(client):
    """Every surface requested once: with the cache on, each is stored."""
    for url in ADDRESSES:
        assert client.get(url).status_code == 200, url


@pytest.fixture
def newsroom():
    """A live sibling in the same desk, tag and byline: every list page has
    something on it whatever the state of the article under test."""
    desk = CategoryFactory(name="Desk", slug="desk")
    reporter = AuthorFactory(name="Rita Reporter", slug="reporter")
    ArticleFactory(
        headline="Sibling story",
        slug="sibling-story",
        category=desk,
        bylines=[reporter],
        tag_names=["Harbour"],
        published_at=timezone.now() - timedelta(days=1),
    )
    return desk, reporter


def make_article(newsroom, status, published_at):
    """The article under test. Its second author writes nothing else, so the
    authors' sitemap lists them only while it is live."""
    desk, reporter = newsroom
    return ArticleFactory(
        headline=f"{MARKER} article under test",
        slug="article-under-test",
        category=desk,
        bylines=[reporter, AuthorFactory(name="Sol Solo", slug="solo")],
        tag_names=["Harbour"],
        status=status,
        published_at=published_at.replace(microsecond=0),
    )


def signs_of(article):
    """What gives the article away in a page: its headline, its address, its
    only-live-here author's address."""
    return [article.headline, article.get_absolute_url(), "/author/solo/"]


# A sitemap's dates: an article's publication time there (the newest live
# one of its category, of the home page) gives it away as well.
SITEMAP_TIME = re.compile(
    r"<(?:lastmod|news:publication_date)>([^<]+)</(?:lastmod|news:publication_date)>"
)


def shows(document, part, article):
    text = document if part is None else lists(document, **part)
    if any(sign in text for sign in signs_of(article)):
        return True
    times = {datetime.fromisoformat(found) for found in SITEMAP_TIME.findall(text)}
    return article.published_at in times


def fetch_surfaces(client):
    pages = {}
    for url in ADDRESSES:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        pages[url] = response.content.decode()
    return pages


def shown_on(pages, article):
    return {
        name
        for name, (url, part) in SURFACES.items()
        if shows(pages[url], part, article)
    }


def where_it_shows(client, article):
    """The surfaces that show the article, and its own page's status code."""
    shown = shown_on(fetch_surfaces(client), article)
    return shown, client.get(article.get_absolute_url()).status_code


def forget_the_cache():
    cache.clear()
    generations.forget()


def test_the_matrix_covers_every_section_of_the_sitemap_index(client, newsroom):
    index = client.get("/sitemap.xml").content.decode()

    listed = {urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", index)}

    assert listed == set(SITEMAP_SECTIONS.values())


@pytest.mark.parametrize("state", STATES)
def test_only_a_live_article_shows_on_any_public_surface(
    client, settings, django_assert_num_queries, newsroom, state
):
    status, offset = STATES[state]
    if state == "live":
        # Pages stored before it went live must not keep it out.
        warm(client)
    article = make_article(newsroom, status, timezone.now() + offset)

    found = [where_it_shows(client, article)]
    if cache_is_on(settings):
        # Then every page stored with the article in the database, and
        # answered from the cache.
        forget_the_cache()
        found.append(where_it_shows(client, article))
        with django_assert_num_queries(0):
            from_cache = fetch_surfaces(client)
        found.append((shown_on(from_cache, article), found[-1][1]))

    for shown, page_status in found:
        if state == "live":
            assert set(SURFACES) - shown == set()
            assert page_status == 200
        else:
            assert shown == set(), f"a {state} article leaks onto {sorted(shown)}"
            assert page_status == 404


def test_scheduled_article_appears_everywhere_exactly_at_its_time_with_no_job(
    client, settings, django_assert_num_queries, newsroom
):
    go_live = timezone.now() + timedelta(days=1)
    article = make_article(newsroom, Status.PUBLISHED, go_live)
    go_live = article.published_at
    # With the cache on, the last look before its time is answered from the
    # cache: those are the entries that must not keep it out afterwards.
    answered = django_assert_num_queries(0) if cache_is_on(settings) else nullcontext()

    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        warm(client)
        with answered:
            shown_before = shown_on(fetch_surfaces(client), article)
        status_before = client.get(article.get_absolute_url()).status_code
    with time_machine.travel(go_live, tick=False):
        shown, page_status = where_it_shows(client, article)

    assert (shown_before, status_before) == (set(), 404)
    assert set(SURFACES) - shown == set()
    assert page_status == 200


def test_a_tag_used_only_on_unpublished_work_is_a_404(client):
    ArticleFactory(status=Status.DRAFT, tag_names=["Secret merger"])

    assert client.get("/tag/secret-merger/").status_code == 404


# --- Live blogs and their entries ------------------------------------------------

ENTRY_MARKER = "Quillonstorm"


def live_blog_surfaces(article):
    """A live blog's own surfaces: its page (with its JSON-LD), its updates,
    its entries' feed, and search."""
    url = article.get_absolute_url()
    return {
        "page": url,
        "updates": f"{url}updates/?after=0",
        "entries feed": f"{url}feed/",
        "search": f"/search/?q={ENTRY_MARKER}",
    }


def entry_shown_on(client, article):
    shown = set()
    for name, url in live_blog_surfaces(article).items():
        response = client.get(url)
        if response.status_code != 200:
            continue
        text = response.content.decode()
        # Search echoes the query: what counts is the article in its results.
        found = (
            shows(text, RESULTS, article) if name == "search" else ENTRY_MARKER in text
        )
        if found:
            shown.add(name)
    return shown


@pytest.mark.parametrize("state", STATES)
def test_a_live_blog_and_its_entries_show_only_while_it_is_live(
    client, newsroom, editor, state
):
    status, offset = STATES[state]
    article = make_article(newsroom, status, timezone.now() + offset)
    Article.objects.filter(pk=article.pk).update(is_live_blog=True)
    live_blogs.post_entry(article, by=editor, body=f"<p>{ENTRY_MARKER} rising</p>")

    codes = {
        name: client.get(url).status_code
        for name, url in live_blog_surfaces(article).items()
        if name != "search"
    }
    shown = entry_shown_on(client, article)

    if state == "live":
        assert set(codes.values()) == {200}
        assert shown == set(live_blog_surfaces(article))
        assert set(SURFACES) - where_it_shows(client, article)[0] == set()
    else:
        assert set(codes.values()) == {404}, codes
        assert shown == set()
        assert where_it_shows(client, article)[0] == set()


@pytest.mark.parametrize("hidden_by", ["waiting for approval", "deleted"])
def test_an_unapproved_or_deleted_entry_is_on_no_surface(
    client, settings, newsroom, editor, journalist, hidden_by
):
    article = make_article(newsroom, Status.PUBLISHED, timezone.now() + PAST)
    Article.objects.filter(pk=article.pk).update(is_live_blog=True)
    article.bylines.create(author=journalist.author_profile, position=2)
    article.refresh_from_db()
    body = f"<p>{ENTRY_MARKER} sighted</p>"
    if hidden_by == "deleted":
        entry = live_blogs.post_entry(article, by=editor, body=body)
        assert entry_shown_on(client, article) == set(live_blog_surfaces(article))
        live_blogs.delete_entry(entry, by=editor)
    else:
        Article.objects.filter(pk=article.pk).update(entries_need_approval=True)
        live_blogs.post_entry(article, by=journalist, body=body)

    # A page stored before the change lives seconds only while live.
    later = timezone.now() + timedelta(seconds=live_pages.LIVE_CACHE_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        if "Redis" in settings.CACHES["default"]["BACKEND"]:
            time.sleep(live_pages.LIVE_CACHE_SECONDS + 1)  # Redis keeps its own time
        assert entry_shown_on(client, article) == set()
