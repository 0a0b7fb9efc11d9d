"""First path segments the site itself uses.

Categories live at ``/<slug>/``, so a category may not take any of these: it
would shadow a page (or be shadowed by one). ``tests/test_routes.py`` checks
that every top-level URL of the project is listed here.
"""

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
