"""Junk at every address: a crawler of the URL map with odd slugs, unicode,
overlong and invalid percent-escapes, NUL bytes, path traversal, bad page
numbers, hostile queries, trailing garbage and wrong methods.

None may answer a 500: a bad request gets a 4xx (or the page it nearly
asked for), a missing page the site's designed 404, and no answer carries a
traceback or the site's settings.
"""

from datetime import timedelta

import pytest
from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from articles.models import Article
from articles.search import MAX_QUERY_LENGTH
from contact.models import ContactMessage
from newsletter.models import Delivery, Digest, Subscriber
from newsroom.admin import DeskAdminMixin
from newsroom.models import SitePage
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    library_image,
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
    # A picture, so the media folder has its library/ folder, as it does on
    # any site that has published one.
    article.hero_image = library_image(png_upload("hero.png"))
    article.save()
    SitePage.objects.create(slug="about", title="About", body="<p>Us.</p>")


# A name longer than the file system allows: os.stat() refuses it.
OVERLONG_MEDIA_NAME = f"/media/library/{'a' * 300}.jpg"


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
# What the address of every list of the desk can be given.
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
# What each field a list filters by (its list_filter, its date drill-down)
# can be given, {f} the field.
FILTER_QUERIES = [
    "{f}={n}",
    "{f}__exact={n}",
    "{f}__id__exact={n}",
    "{f}__in=1,{n}",
    "{f}__gte={n}",
    "{f}__isnull={n}",
    "{f}__year={n}",
    "{f}__year=2026&{f}__month={n}",
    "{f}__year=2026&{f}__month=1&{f}__day={n}",
]
ARTICLE_LIST_QUERIES = [
    "category__id__exact={n}",
    "bylines__author__id__exact={n}",
    "published_year={n}",
    "published_at__gte={n}",
    "status__exact={n}",
]
# Pages of one article taking two values, {a} its id.
ARTICLE_PAGES = [
    "/admin/articles/article/{a}/history/{n}/",
    "/admin/articles/article/{a}/history/compare/?from={n}&to=1",
    "/admin/articles/article/{a}/history/compare/?from=1&to={n}",
    "/admin/articles/article/{a}/workflow/{n}/",
    "/admin/articles/article/{a}/previews/{n}/revoke/",
]
# Pages of the desk outside any one admin.
DESK_PAGES = [
    "/admin/r/{n}/{n}/",
    "/admin/desk/calendar/?month={n}",
    "/preview/staff/{n}/",
]


def registered_labels():
    """Every model on the desk's site: its admins are what is crawled."""
    return sorted(model._meta.label for model in admin.site._registry)


def model_admin_of(label):
    return admin.site.get_model_admin(apps.get_model(label))


def filtered_fields(model_admin):
    """The fields a list filters by, as its address names them, and the
    parameters of its filters of its own."""
    fields, parameters = [], []
    for entry in model_admin.list_filter:
        if isinstance(entry, (list, tuple)):
            fields.append(entry[0])
        elif isinstance(entry, str):
            fields.append(entry)
        elif getattr(entry, "parameter_name", None):
            parameters.append(entry.parameter_name)
    if model_admin.date_hierarchy:
        fields.append(model_admin.date_hierarchy)
    return fields, parameters


def one_value_pages(model_admin, n):
    """Every page of an admin whose address takes one value (an object's
    change, history, delete or password page, a version to recover...),
    given ``n``; a page whose address cannot hold ``n`` is left out."""
    opts = model_admin.opts
    prefix = f"{opts.app_label}_{opts.model_name}_"
    pages = []
    for pattern in model_admin.get_urls():
        if not (pattern.name or "").startswith(prefix):
            continue
        try:
            pages.append(reverse(f"admin:{pattern.name}", args=[n]))
        except NoReverseMatch:
            continue
    return pages


def desk_junk_requests(model_admin, request, article):
    """(method, address, data) of every junk request to one admin."""
    opts = model_admin.opts
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    fields, parameters = filtered_fields(model_admin)
    queries = [*DESK_LIST_QUERIES, *(f"{p}={{n}}" for p in parameters)]
    queries += [query.replace("{f}", f) for f in fields for query in FILTER_QUERIES]
    pages = []
    if opts.model is Article:
        queries += ARTICLE_LIST_QUERIES
        pages += [page.replace("{a}", str(article.pk)) for page in ARTICLE_PAGES]
    actions = list(model_admin.get_actions(request))
    requests = []
    for n in DESK_NUMBERS:
        requests += [
            ("get", f"{changelist}?{query.format(n=n)}", None) for query in queries
        ]
        requests += [("get", page.format(n=n), None) for page in pages]
        requests += [("get", page, None) for page in one_value_pages(model_admin, n)]
        for action in actions:
            for confirmed in ({}, {"post": "yes"}):
                data = {"action": action, "_selected_action": [n], **confirmed}
                requests.append(("post", changelist, data))
    return requests


@pytest.fixture
def desk_records(newsroom):
    """A row in every list of the desk."""
    subscriber = Subscriber.objects.create(email="reader@example.com")
    digest = Digest.objects.create(
        period="2026-W01", starts_at=timezone.now(), ends_at=timezone.now()
    )
    Delivery.objects.create(digest=digest, subscriber=subscriber)
    ContactMessage.objects.create(
        name="Reader", email="reader@example.com", subject="Hi", message="Hello"
    )
    AccessAttempt.objects.create(
        ip_address="203.0.113.7", username="ada", failures_since_start=1
    )
    AccessLog.objects.create(ip_address="203.0.113.7", username="ada")
    AccessFailureLog.objects.create(ip_address="203.0.113.7", username="ada")
    return ArticleFactory(slug="another-story")


@pytest.mark.parametrize("label", registered_labels())
def test_no_junk_desk_request_gets_a_500(
    label, desk_records, django_user_model, settings, rf
):
    # As in production: the login throttle's own lists on, as every other.
    settings.AXES_ENABLED = True
    user = django_user_model.objects.create_superuser("root", "root@example.com")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    request = rf.get("/admin/")
    request.user = user
    requests = desk_junk_requests(model_admin_of(label), request, desk_records)
    if label == registered_labels()[0]:
        requests += [
            ("get", page.format(n=n), None) for n in DESK_NUMBERS for page in DESK_PAGES
        ]
    failures = []
    for method, url, data in requests:
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


def test_every_admin_of_the_site_holds_the_desk_rules_and_keeps_its_own():
    labels = registered_labels()
    # Django's users and groups and the login throttle's lists too, not only
    # the newsroom's own; each still the admin its app made.
    stock = {
        "auth.User": UserAdmin,
        "auth.Group": GroupAdmin,
        "axes.AccessAttempt": AccessAttemptAdmin,
        "axes.AccessLog": AccessLogAdmin,
        "axes.AccessFailureLog": AccessFailureLogAdmin,
    }
    for label, stock_admin in stock.items():
        assert isinstance(model_admin_of(label), stock_admin), label
    assert set(stock) <= set(labels)
    for label in labels:
        assert isinstance(model_admin_of(label), DeskAdminMixin), label


def test_cleaning_up_expired_login_attempts_on_the_desk_works(admin_client):
    expired = AccessAttempt.objects.create(
        ip_address="203.0.113.7", username="ada", failures_since_start=3
    )
    # Older than the cool-off: what the action is for.
    AccessAttempt.objects.filter(pk=expired.pk).update(
        attempt_time=timezone.now() - timedelta(days=2)
    )
    recent = AccessAttempt.objects.create(
        ip_address="203.0.113.8", username="bob", failures_since_start=1
    )

    response = admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "cleanup_expired_attempts", "_selected_action": [recent.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Cleaned up 1 expired access attempts" in response.content.decode()
    assert list(AccessAttempt.objects.all()) == [recent]


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
