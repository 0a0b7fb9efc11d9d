"""One matrix: every editorial state through every public surface.

Only a live article (published, its time come) may appear anywhere a reader
can look; everything else is a 404 on its own address and absent from every
list. A scheduled article goes live on its own, with no job running.

Each test runs twice: rendering every request, and with the page cache on,
every surface already cached before the article under test exists, so a
cached page can neither leak it nor hide it.
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
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


# Each surface: the address to fetch and the part of its page that lists
# articles (so the headlines strip in the header never stands in for a list).
MAIN = dict(start='<main id="main"', end="</main>")
RESULTS = dict(start='class="listing__main"', end="<aside")
STRIP = dict(start='<nav class="headlines"', end="</nav>")
COLUMN = dict(start='<aside class="sidebar"', end="</aside>")
KEEP_READING = dict(start='<aside class="container keep-reading"', end="</aside>")

SURFACES = {
    "home": ("/", MAIN),
    "category": ("/desk/", RESULTS),
    "tag": ("/tag/harbour/", RESULTS),
    "author": ("/author/reporter/", RESULTS),
    "search": (f"/search/?q={MARKER}", RESULTS),
    "headlines strip": ("/desk/", STRIP),
    "latest news column": ("/desk/", COLUMN),
    "keep reading": ("/desk/sibling-story/", KEEP_READING),
}


@pytest.fixture(params=["uncached", "cached"])
def client(request, client, settings):
    if request.param == "cached":
        settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    return client


def warm(client):
    """Every surface requested once, so the cached run starts from a full cache."""
    for url, _part in SURFACES.values():
        assert client.get(url).status_code == 200


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
    desk, reporter = newsroom
    return ArticleFactory(
        headline=f"{MARKER} article under test",
        slug="article-under-test",
        category=desk,
        bylines=[reporter],
        tag_names=["Harbour"],
        status=status,
        published_at=published_at,
    )


def where_it_shows(client, article):
    """The surfaces that show the article, and its own page's status code."""
    shown = set()
    for name, (url, part) in SURFACES.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        if article.headline in lists(response.content.decode(), **part):
            shown.add(name)
    return shown, client.get(article.get_absolute_url()).status_code


@pytest.mark.parametrize("state", STATES)
def test_only_a_live_article_shows_on_any_public_surface(client, newsroom, state):
    status, offset = STATES[state]
    warm(client)
    article = make_article(newsroom, status, timezone.now() + offset)

    shown, page_status = where_it_shows(client, article)

    if state == "live":
        assert shown == set(SURFACES)
        assert page_status == 200
    else:
        assert shown == set(), f"a {state} article leaks onto {sorted(shown)}"
        assert page_status == 404


def test_scheduled_article_appears_everywhere_exactly_at_its_time_with_no_job(
    client, newsroom
):
    go_live = timezone.now() + timedelta(days=1)
    article = make_article(newsroom, Status.PUBLISHED, go_live)

    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        warm(client)
        assert where_it_shows(client, article) == (set(), 404)
    with time_machine.travel(go_live, tick=False):
        assert where_it_shows(client, article) == (set(SURFACES), 200)


def test_a_tag_used_only_on_unpublished_work_is_a_404(client):
    ArticleFactory(status=Status.DRAFT, tag_names=["Secret merger"])

    assert client.get("/tag/secret-merger/").status_code == 404
