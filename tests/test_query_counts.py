"""Queries per public page are constant, whatever the length of its lists.

Each page is measured with a few articles and with many (each with several
bylines and tags, and the article under test with many parts): the count
must be exactly the same. The numbers are spelled out so a new query shows up
as a failing test, not as a slow page in production.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.models import SitePage, SiteSettings
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, add_parts

pytestmark = pytest.mark.django_db

# What every page with the site's header and footer pays: site settings,
# the menu's categories and the latest-headlines strip.
CHROME = 3
# A paginated list: the paginator's count, the page of articles, then their
# bylines with authors.
LIST = 3

EXPECTED = {
    # The newest articles (+ bylines with authors), the newest few per menu
    # category in one windowed query (+ bylines with authors), the menu.
    "home": CHROME + 2 + 2 + 1,
    "category": CHROME + 1 + LIST,  # the category
    "tag": CHROME + 1 + LIST,  # the tag
    "author": CHROME + 1 + LIST,  # the author
    # The page's snippets, for all its results at once (articles.search).
    "search": CHROME + LIST + 1,
    # The article, then its bylines with authors, sections, key points,
    # FAQs, corrections and tags; Keep Reading (+ bylines with authors).
    "article": CHROME + 1 + 6 + 2,
    "site page": CHROME + 1,
}

URLS = {
    "home": "/",
    "category": "/world/",
    "tag": "/tag/harbour/",
    "author": "/author/ada/",
    "search": "/search/?q=harbour",
    "article": "/world/the-article/",
    "site page": "/about/",
}


@pytest.fixture
def newsroom():
    """Grows the newsroom to a given number of live articles on demand."""
    SiteSettings.load()  # the first load creates the row; pages only read it
    SitePage.objects.create(slug="about", title="About Us", body="<p>Hello.</p>")
    desks = [
        CategoryFactory(name=name, slug=name.lower(), menu_order=order)
        for order, name in enumerate(["World", "Business", "Health"])
    ]
    ada, ben, cleo = (AuthorFactory(slug=slug) for slug in ["ada", "ben", "cleo"])
    article = ArticleFactory(
        headline="The harbour article",
        slug="the-article",
        category=desks[0],
        bylines=[ada, ben],
        tag_names=["Harbour", "Budget", "Storms"],
    )
    add_parts(article, sections=1, key_points=1, faqs=1)
    made = [article]

    def grow(total):
        while len(made) < total:
            n = len(made)
            made.append(
                ArticleFactory(
                    headline=f"Harbour story {n}",
                    category=desks[(n // 2) % len(desks)],
                    bylines=[ada, ben, cleo][: 1 + n % 3] or [ada],
                    tag_names=["Harbour", f"Topic {n}", f"Place {n}"],
                    published_at=timezone.now() - timedelta(minutes=n),
                    is_featured=n == 2,
                )
            )
        # The article under test grows its parts with the newsroom.
        add_parts(article, sections=total, key_points=total, faqs=total)

    return grow


@pytest.mark.parametrize("page", EXPECTED)
@pytest.mark.parametrize("size", [3, 15])
def test_page_query_count_does_not_grow_with_its_lists(
    client, newsroom, django_assert_num_queries, page, size
):
    newsroom(size)

    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(URLS[page])

    assert response.status_code == 200
