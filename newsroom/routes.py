"""First path segments the site itself uses.

Categories live at ``/<slug>/``, so a category may not take any of these: it
would shadow a page (or be shadowed by one). ``tests/test_routes.py`` checks
that every top-level URL of the project is listed here.
"""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

RESERVED_SLUGS = frozenset(
    {
        "about",
        "accessibility",
        "accounts",
        "admin",
        "api",
        "author",
        "authors",
        "contact",
        "feed",
        "feeds",
        "healthz",
        "media",
        "news-sitemap.xml",
        "newsletter",
        "preview",
        "privacy",
        "robots.txt",
        "search",
        "sitemap.xml",
        "static",
        "subscribe",
        "tag",
        "tags",
        "terms",
    }
)


@lru_cache(maxsize=4096)
def _reversed(urlconf, prefix, viewname, slug):
    return reverse(viewname, urlconf=urlconf, kwargs={"slug": slug})


def slug_path(viewname, slug):
    """``reverse(viewname, kwargs={"slug": slug})``, remembered: a home page
    links some 150 categories, authors and articles, and reversing each
    one anew was a tenth of its rendering time."""
    return _reversed(get_urlconf(), get_script_prefix(), viewname, slug)
