"""Queries per page are constant, whatever the length of its lists.

Every public page, each feed and sitemap, and the desk's own pages are
measured with a small newsroom and with one ten times larger (more live
articles, each with several bylines, tags and all its parts; more drafts,
scheduled stories and articles in review; more categories and authors): the
count must be exactly the same. The numbers are spelled out so a new query
shows up as a failing test, not as a slow page in production.

Each measured request starts from an empty cache, so a page cache (or any
cached fragment) can never hide a query from the count.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticleEvent, Correction
from articles.views import ArticleListView
from newsroom.models import SitePage, SiteSettings
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    JournalistFactory,
    add_parts,
)

pytestmark = pytest.mark.django_db

SIZES = [3, 30]

# What every page with the site's header and footer pays: site settings,
# the menu's categories and the latest-headlines strip.
CHROME = 3
# A paginated list: the paginator's count, the page of articles, then their
# bylines with authors.
LIST = 3
# A feed: site settings, the articles (each with its category and the time of
# its last correction), their bylines with authors, their tags.
FEED = 4

PUBLIC = {
    # The chrome's menu and headlines strip are the home page's own rows too
    # (read once): the newest stories and the newest few per menu category
    # in one query (the strip's among them), then the bylines of every card.
    "home": ("/", CHROME + 1),
    "category": ("/world/", CHROME + 1 + LIST),  # the category
    "category page 2": ("/world/?page=2", CHROME + 1 + LIST),
    "tag": ("/tag/harbour/", CHROME + 1 + LIST),  # the tag
    "author": ("/author/ada/", CHROME + 1 + LIST),  # the author
    # The page's snippets, for all its results at once (articles.search).
    "search": ("/search/?q=harbour", CHROME + LIST + 1),
    # Nothing found: the count is zero, so no page and no snippets.
    "search, nothing found": ("/search/?q=zebra", CHROME + 1),
    # The article, Keep Reading, then the bylines with authors of both at
    # once; the article's sections, key points, FAQs, corrections and tags.
    "article": ("/world/the-article/", CHROME + 1 + 1 + 1 + 5),
    "site page": ("/about/", CHROME + 1),
    "site RSS": ("/feed/", FEED),
    "site Atom": ("/feed/atom/", FEED),
    "category RSS": ("/world/feed/", 1 + FEED),  # the category
    "category Atom": ("/world/feed/atom/", 1 + FEED),
    "tag RSS": ("/tag/harbour/feed/", 1 + FEED),  # the tag
    "tag Atom": ("/tag/harbour/feed/atom/", 1 + FEED),
    "author RSS": ("/author/ada/feed/", 1 + FEED),  # the author
    "author Atom": ("/author/ada/feed/atom/", 1 + FEED),
    # Per section, its newest change and its count of pages: articles (one
    # aggregate, one count), categories and authors (their items, their
    # count), site pages (read once; the home page's newest article).
    "sitemap index": ("/sitemap.xml", 2 + 2 + 2 + 2),
    # The count of pages, then the page's items.
    "sitemap articles": ("/sitemap-articles.xml", 2),
    "sitemap categories": ("/sitemap-categories.xml", 2),
    "sitemap authors": ("/sitemap-authors.xml", 2),
    # The site pages, and when the home page last changed.
    "sitemap pages": ("/sitemap-pages.xml", 2),
    # The count, the articles, then the publication's name.
    "news sitemap": ("/news-sitemap.xml", 3),
    "robots.txt": ("/robots.txt", 0),
}

# What every desk page pays: the session, the user, the user's permissions
# (their own and their groups'), whether they are an editor, and the site
# settings for the desk's branding.
DESK_CHROME = 6
# The "publish_scheduled is not running" warning, shown to editors: the
# overdue go-live count and the scheduler's last run.
SCHEDULER_WARNING = 2

DESK = {
    # The filters' choices (categories; authors with a byline on the list;
    # the years, from the oldest publication), the count (capped:
    # articles.pagination), the page, the bylines with their authors.
    "article list": (
        "/admin/articles/article/",
        {
            "editor": DESK_CHROME + 3 + 3 + SCHEDULER_WARNING,
            "journalist": DESK_CHROME + 3 + 3,
        },
    ),
    # Their own author profile, one query per short list (five) and one for
    # all their bylines, the notes that mention them, the recent actions
    # sidebar.
    "desk home": (
        "/admin/",
        {
            "editor": DESK_CHROME + 1 + 5 + 1 + 1 + 1 + SCHEDULER_WARNING,
            "journalist": DESK_CHROME + 1 + 5 + 1 + 1 + 1,
        },
    ),
    # The month's articles.
    "calendar": (
        "/admin/desk/calendar/",
        {"editor": DESK_CHROME + 1, "journalist": DESK_CHROME + 1},
    ),
}


def make_article(desks, authors, n, **fields):
    """A live article with every part: bylines by up to three authors, tags,
    sections, key points, FAQs and (on every third) a correction."""
    article = ArticleFactory(
        headline=f"Harbour story {n}",
        slug=f"harbour-story-{n}",
        category=desks[0] if n < 3 else desks[n % len(desks)],
        bylines=[authors[(n + i) % len(authors)] for i in range(1 + n % 3)],
        tag_names=["Harbour", f"Topic {n}", f"Place {n % 7}"],
        **{
            "published_at": timezone.now() - timedelta(minutes=n),
            "is_featured": n == 2,
            **fields,
        },
    )
    add_parts(article, sections=2, key_points=2, faqs=1)
    if n % 3 == 0:
        Correction.objects.create(article=article, text=f"Corrected {n}.")
    return article


def start_newsroom():
    """Grows the newsroom to a given size on demand: that many live articles,
    and alongside them drafts, articles in review, returned and scheduled ones,
    categories and authors, in proportion."""
    SiteSettings.load()  # the first load creates the row; pages only read it
    SitePage.objects.create(slug="about", title="About Us", body="<p>Hello.</p>")
    desks = [
        CategoryFactory(name=name, slug=name.lower(), menu_order=order)
        for order, name in enumerate(["World", "Business", "Health"])
    ]
    ada, ben, cleo = (AuthorFactory(slug=slug) for slug in ["ada", "ben", "cleo"])
    journalist = JournalistFactory()
    authors = [ada, ben, cleo, journalist.author_profile]
    article = ArticleFactory(
        headline="The harbour article",
        slug="the-article",
        category=desks[0],
        bylines=[ada, ben, journalist.author_profile],
        tag_names=["Harbour", "Budget", "Storms"],
    )
    Correction.objects.create(article=article, text="The bridge is 40 m long.")
    made = [article]
    unpublished = []

    def grow(total):
        while len(desks) < 3 + total // 10:
            desks.append(CategoryFactory(menu_order=len(desks)))
        while len(authors) < 4 + total // 5:
            authors.append(AuthorFactory())
        while len(made) < total:
            made.append(make_article(desks, authors, len(made)))
        # Work on the desk grows with the archive.
        statuses = [
            (Article.Status.DRAFT, None),
            (Article.Status.IN_REVIEW, None),
            (Article.Status.CHANGES_REQUESTED, None),
            (Article.Status.PUBLISHED, timezone.now() + timedelta(days=1)),
        ]
        while len(unpublished) < total:
            n = len(unpublished)
            status, published_at = statuses[n % len(statuses)]
            other = make_article(
                desks,
                authors,
                1000 + n,
                status=status,
                published_at=published_at,
            )
            if status == Article.Status.CHANGES_REQUESTED:
                ArticleEvent.objects.create(
                    article=other,
                    action=ArticleEvent.Action.REQUEST_CHANGES,
                    from_status=Article.Status.IN_REVIEW,
                    to_status=status,
                    note="Needs a source.",
                )
            unpublished.append(other)
        # The article under test grows its parts with the newsroom.
        add_parts(article, sections=total, key_points=total, faqs=total)

    grow.journalist = journalist
    return grow


@pytest.fixture(scope="module", params=SIZES, ids=lambda size: f"{size} live")
def newsroom(request, django_db_setup, django_db_blocker):
    """The newsroom at each size, built once for every test of this module at
    that size, in a transaction rolled back after them; each test runs in a
    savepoint of it. Returns its journalist."""
    with django_db_blocker.unblock(), transaction.atomic():
        grow = start_newsroom()
        grow(request.param)
        yield grow.journalist
        transaction.set_rollback(True)


@pytest.fixture
def warm_site(client, settings):
    """Readies a process as one serving readers is: the page cache has learnt
    the site's generation (it asks at most every few seconds, not per request),
    and the cache is then emptied, so the measured page is rendered in full
    and no cached page or fragment hides a query."""

    def warm():
        settings.NEWSROOM_GENERATION_RECHECK_SECONDS = 600
        client.get("/robots.txt")
        cache.clear()

    return warm


@pytest.mark.parametrize("page", PUBLIC)
def test_public_page_query_count_does_not_grow_with_its_lists(
    newsroom, client, warm_site, django_assert_num_queries, monkeypatch, page
):
    url, expected = PUBLIC[page]
    if page == "category page 2":
        # A second page at both sizes (World holds three live articles in
        # the small newsroom).
        monkeypatch.setattr(ArticleListView, "paginate_by", 2)
    warm_site()

    with django_assert_num_queries(expected):
        response = client.get(url)

    assert response.status_code == 200
    if page == "category page 2":
        assert response.context["page_obj"].number == 2


@pytest.mark.parametrize("page", ["home", "article", "site page", "site RSS"])
def test_the_site_settings_cost_no_query_once_a_page_has_read_them(
    newsroom, client, warm_site, page
):
    url, expected = PUBLIC[page]
    warm_site()
    client.get(url)  # the first page reads them

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    assert not [q for q in queries if "newsroom_sitesettings" in q["sql"]]
    assert len(queries) == expected - 1


@pytest.mark.parametrize("role", ["editor", "journalist"])
@pytest.mark.parametrize("page", DESK)
def test_desk_page_query_count_does_not_grow_with_the_newsroom(
    newsroom, client, warm_site, django_assert_num_queries, page, role
):
    url, expected = DESK[page]
    if role == "editor":
        user = EditorFactory()
        AuthorFactory(user=user, name="Edna Editor")
    else:
        user = newsroom
    warm_site()
    client.force_login(user)

    with django_assert_num_queries(expected[role]):
        response = client.get(url)

    assert response.status_code == 200
    # The list shows a page of the newsroom's articles, not all of them.
    if page == "article list":
        shown = response.context["cl"].result_list
        assert 0 < len(shown) <= 50
