"""Junk at every address: a crawler of the URL map with odd slugs, unicode,
overlong and invalid percent-escapes, NUL bytes, path traversal, bad page
numbers, hostile queries, trailing garbage and wrong methods.

None may answer a 500: a bad request gets a 4xx (or the page it nearly
asked for), a missing page the site's designed 404, and no answer carries a
traceback or the site's settings.
"""

import pytest
from django.test import Client

from articles.search import MAX_QUERY_LENGTH
from newsroom.models import SitePage
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    png_upload,
)

pytestmark = pytest.mark.django_db

NOT_FOUND_TITLE = "We couldn’t find that page"
# What must never reach a visitor, whatever they sent.
LEAKS = ("Traceback", "SECRET_KEY", "DATABASES", "django.db", 'File "/')

# Path segments a slug can be given: unknown, hostile, encoded or broken.
JUNK_SEGMENTS = [
    "no-such-thing",
    "a" * 300,
    "-",
    "_",
    "0",
    "-1",
    "9" * 40,
    "caf%C3%A9",  # unicode, well encoded
    "%E2%80%AE%F0%9F%93%B0",  # right-to-left override, emoji
    "%C3%28",  # invalid UTF-8
    "%FF%FE",
    "%C0%AE%C0%AE",  # overlong "..", the classic traversal disguise
    "%00",
    "%0D%0ASet-Cookie:%20x=y",
    "..%2F..%2Fetc%2Fpasswd",
    "%2F",
    "%5C",
    "%zz",
    "%",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%22%3E%3Csvg%20onload=alert(1)%3E",
    "a%20b",
    ".env",
    "wp-login.php",
]

# Every route of the site, with {x} where a junk segment goes.
ROUTES = [
    "/{x}/",
    "/{x}/feed/",
    "/world/{x}/",
    "/tag/{x}/",
    "/tag/{x}/feed/",
    "/author/{x}/",
    "/author/{x}/feed/",
    "/sitemap-{x}.xml",
    "/preview/{x}/",
    "/subscribe/confirm/{x}/",
    "/subscribe/unsubscribe/{x}/",
    "/media/{x}",
    "/media/articles/{x}.jpg",
    "/static/{x}",
]

# Addresses that exist, with something stuck on the end.
TRAILING_GARBAGE = [
    "/feed/junk/",
    "/feed/atom/junk",
    "/world/feed/rss/",
    "/world/a-story/feed/",
    "/world/a-story/amp/",
    "/world/a-story.json",
    "/sitemap.xml/",
    "/sitemap.xml.gz",
    "/news-sitemap.xml/x",
    "/robots.txt/",
    "/robots.txt%00.html",
    "/healthz/",
    "/healthz.json",
    "/search/junk/",
    "/contact/thanks/junk/",
    "/subscribe/check-your-inbox/junk/",
    "/about/junk/",
    "/preview/staff/1/junk/",
    "/preview/staff/99999999999999999999/",
    "/preview/staff/-1/",
    "//world//a-story//",
    "/world/./a-story/",
    "/world/../admin/",
    "/%2e%2e/%2e%2e/settings.py",
    "/media/../newsroom/settings.py",
    "/media/%2e%2e/%2e%2e/newsroom/settings.py",
    "/media/..%5C..%5Cnewsroom%5Csettings.py",
    "/static/../manage.py",
]

# ?page= values for every paginated list.
BAD_PAGES = [
    "abc",
    "-1",
    "0",
    "1.5",
    "1e3",
    str(10**9),
    "9" * 5000,  # longer than Python will turn into an int
    "",
    "%20",
    "%00",
    "NaN",
    "inf",
    "0x10",
    "%EF%BC%92",  # a full-width two
    "%D9%A1",  # an Arabic-Indic one
    "1;DROP TABLE articles_article",
    "1&page=2",
    "[]",
]
LISTS = ["/", "/world/", "/tag/harbour/", "/author/ada/", "/search/?q=harbour"]

# What a search box can be sent.
BAD_QUERIES = [
    "x" * 10_000,
    " ".join(["word"] * 2000),
    "%00",
    "a%00b",
    "%FF%FE",
    "%C3%28",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%22",
    "%22%22%22",
    "-",
    "--",
    "*",
    "-*",
    "NEAR(a%20b)",
    "a%20AND%20OR%20NOT",
    "harbour:*",
    "!harbour%20%26%20|",
    "(((((",
    "%5E",
    "%E2%80%AE",
    "%F0%9F%93%B0",
    "%20",
    "%0A%0D",
    "or",
    "%27%20OR%201=1--",
]

# Other query strings that are not what a page expects.
BAD_QUERY_STRINGS = [
    "/?q=x&" + "&".join(f"f{n}=1" for n in range(1100)),  # past Django's field cap
    "/search/?q[]=a&q[]=b",
    "/search/?q=a&q=b&q=c",
    "/search/?%FF=%FE",
    "/world/?page=2&page=abc",
    "/feed/?format=%00",
    "/sitemap.xml?p=abc",
    "/sitemap-articles.xml?p=abc",
    "/sitemap-articles.xml?p=-1",
    "/sitemap-articles.xml?p=99999",
    "/admin/desk/calendar/?month=%00",
    "/contact/?next=javascript:alert(1)",
    "/subscribe/?email=%00",
]

METHODS = ["post", "put", "patch", "delete", "options", "head", "trace"]
METHOD_ROUTES = [
    "/",
    "/world/",
    "/world/a-story/",
    "/author/ada/",
    "/search/?q=harbour",
    "/world/feed/atom/",
    "/sitemap.xml",
    "/robots.txt",
    "/about/",
    "/contact/",
    "/subscribe/",
    "/healthz",
    "/preview/abc/",
]


@pytest.fixture
def newsroom():
    category = CategoryFactory(name="World", slug="world")
    author = AuthorFactory(name="Ada", slug="ada")
    article = ArticleFactory(
        category=category,
        slug="a-story",
        bylines=[author],
        tag_names=["harbour"],
        with_parts=True,
    )
    # A picture, so the media folder has its articles/ folder, as it does on
    # any site that has published one.
    article.hero_image.save("hero.png", png_upload())
    SitePage.objects.create(slug="about", title="About", body="<p>Us.</p>")


# A name longer than the file system allows: os.stat() refuses it.
OVERLONG_MEDIA_NAME = f"/media/articles/{'a' * 300}.jpg"


def junk_requests():
    """(method, address) of every junk request."""
    requests = [
        ("get", route.format(x=segment))
        for route in ROUTES
        for segment in JUNK_SEGMENTS
    ]
    requests += [("get", url) for url in TRAILING_GARBAGE]
    requests += [
        ("get", f"{url}{'&' if '?' in url else '?'}page={page}")
        for url in LISTS
        for page in BAD_PAGES
    ]
    requests += [("get", f"/search/?q={query}") for query in BAD_QUERIES]
    requests += [("get", url) for url in BAD_QUERY_STRINGS]
    requests += [(method, url) for url in METHOD_ROUTES for method in METHODS]
    return requests


def problems_with(response):
    status = response.status_code
    content = response.content.decode(errors="replace")
    found = []
    if status >= 500:
        found.append(f"answered {status}")
    # (A HEAD answer has no body to show a page in.)
    html = "text/html" in response.get("Content-Type", "") and content
    if status == 404 and html and NOT_FOUND_TITLE not in content:
        found.append("a 404 that is not the site's own page")
    found += [f"shows {leak!r}" for leak in LEAKS if leak in content]
    return found


# --- The desk -------------------------------------------------------------------

# Where a number goes on the desk: past a 64-bit column (SQLite cannot be
# asked for one, PostgreSQL refuses it), past a 32-bit one, negative, junk.
DESK_NUMBERS = ["9" * 25, str(2**63), str(2**31), "-" + "9" * 25, "0", "-1", "abc"]
# Every list of the desk's own, and what its address can be given.
DESK_LISTS = [
    "/admin/articles/article/",
    "/admin/articles/articleevent/",
    "/admin/articles/redirect/",
    "/admin/articles/category/",
    "/admin/taggit/tag/",
    "/admin/newsroom/sitepage/",
]
DESK_LIST_QUERIES = [
    "created_at__year={n}",
    "created_at__year=2026&created_at__month={n}",
    "created_at__year=2026&created_at__month=1&created_at__day={n}",
    "id={n}",
    "id__exact={n}",
    "id__in=1,{n}",
    "id__gte={n}",
    "id__lt={n}",
    "p={n}",
    "o={n}",
]
ARTICLE_LIST_QUERIES = [
    "category__id__exact={n}",
    "bylines__author__id__exact={n}",
    "published_year={n}",
    "published_at__gte={n}",
    "status__exact={n}",
]
# Pages of one article, {a} its id.
DESK_PAGES = [
    "/admin/articles/article/{n}/change/",
    "/admin/articles/article/{n}/history/",
    "/admin/articles/article/{a}/history/{n}/",
    "/admin/articles/article/{a}/history/compare/?from={n}&to=1",
    "/admin/articles/article/{a}/history/compare/?from=1&to={n}",
    "/admin/articles/article/recover/{n}/",
    "/admin/articles/articleevent/{n}/change/",
    "/admin/articles/category/{n}/change/",
    "/admin/taggit/tag/{n}/change/",
    "/admin/r/{n}/{n}/",
    "/admin/desk/calendar/?month={n}",
    "/preview/staff/{n}/",
]
# Bulk actions with ticked ids, on each list that has some.
DESK_ACTIONS = [
    ("/admin/articles/article/", "delete_selected"),
    ("/admin/articles/category/", "delete_selected"),
    ("/admin/taggit/tag/", "delete_selected"),
    ("/admin/taggit/tag/", "render_tag_form"),
    ("/admin/newsroom/sitepage/", "delete_selected"),
]


def desk_junk_requests(article):
    """(method, address, data) of every junk request to the desk."""
    requests = []
    for n in DESK_NUMBERS:
        requests += [
            ("get", f"{url}?{query.format(n=n)}", None)
            for url in DESK_LISTS
            for query in DESK_LIST_QUERIES
        ]
        requests += [
            ("get", f"/admin/articles/article/?{query.format(n=n)}", None)
            for query in ARTICLE_LIST_QUERIES
        ]
        requests += [
            ("get", page.format(a=article.pk, n=n), None) for page in DESK_PAGES
        ]
        for url, action in DESK_ACTIONS:
            for confirmed in ({}, {"post": "yes"}):
                data = {"action": action, "_selected_action": [n], **confirmed}
                requests.append(("post", url, data))
    return requests


def test_no_junk_desk_request_gets_a_500(newsroom, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.com")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    article = ArticleFactory(slug="another-story")
    failures = []
    for method, url, data in desk_junk_requests(article):
        response = getattr(client, method)(url, data)
        if response.status_code >= 500:
            failures.append(
                f"{method.upper()} {url} {data or ''}: {response.status_code}"
            )
        failures += [
            f"{method.upper()} {url}: shows {leak!r}"
            for leak in LEAKS
            if leak in response.content.decode(errors="replace")
        ]

    assert failures == [], "\n".join(failures[:50])


def test_the_crawl_is_a_few_hundred_requests_long():
    assert len(junk_requests()) >= 300


def test_no_junk_request_gets_a_500_or_an_undesigned_404(newsroom):
    # A browser without the CSRF cookie, as a bot is; and a 500 is a
    # response to count here, not an exception to stop at.
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    failures = []
    statuses = set()
    for method, url in junk_requests():
        response = getattr(client, method)(url)
        statuses.add(response.status_code)
        failures += [f"{method.upper()} {url}: {p}" for p in problems_with(response)]

    assert failures == [], "\n".join(failures[:50])
    assert statuses <= {200, 301, 302, 304, 400, 403, 404, 405, 410}


def test_bad_page_numbers_land_on_a_real_page(client, newsroom):
    for page in ["abc", "-1", "0", str(10**9), "9" * 5000, "NaN"]:
        response = client.get(f"/world/?page={page}")
        assert response.status_code == 200, page
        assert response.context["page_obj"].number == 1, page


def test_a_search_query_is_cut_to_its_limit_and_still_finds(client, newsroom):
    response = client.get("/search/?q=" + "budget " + "x" * 10_000)

    assert response.status_code == 200
    assert len(response.context["query"]) <= MAX_QUERY_LENGTH


def test_wrong_methods_are_refused_not_served(newsroom):
    client = Client(enforce_csrf_checks=True)

    for url in ["/", "/world/", "/world/a-story/", "/feed/", "/sitemap.xml"]:
        assert client.put(url).status_code in (403, 405), url
        assert client.delete(url).status_code in (403, 405), url
    assert client.post("/search/?q=harbour").status_code in (403, 405)
    # The forms take a POST only with their CSRF token.
    for url in ["/contact/", "/subscribe/"]:
        response = client.post(url)
        assert response.status_code == 403
        # The site's own page, saying what to do, not Django's.
        assert "This form has expired" in response.content.decode()


def test_an_overlong_media_file_name_is_a_404_not_a_500(newsroom):
    client = Client(raise_request_exception=False)

    assert client.get(OVERLONG_MEDIA_NAME).status_code == 404
