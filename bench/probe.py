"""The benchmark's look inside Django: ``python -m bench.probe TASK [ARG]``.

Run by ``bench/run.py`` with the environment of the database and cache being
measured; each task prints one JSON line on stdout.

- ``state``: how many articles the database holds, and its version.
- ``urls DIR``: one file of paths per page type, read from the database.
- ``queries DIR``: SQL queries per request for a sample of each type's paths,
  counted in-process (``CaptureQueriesContext``), first request and (cache
  on) repeat, and how long the slowest took alone;
  also an article page as served (``article.html``), for the static-file
  ceiling.
"""

import json
import math
import os
import random
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.admin import ArticleAdmin  # noqa: E402
from articles.models import Article, Category  # noqa: E402
from articles.sitemaps import ArticleSitemap  # noqa: E402
from authors.models import Author  # noqa: E402
from bench.common import PAGE_TYPES  # noqa: E402

# How many different URLs the load spreads over, per page type at most.
ARTICLES = 2000
TAGS = 300
SEARCHES = 400
# Paths per type whose queries are counted.
SAMPLE = 3
ADMIN_USER = os.environ.get("BENCH_ADMIN_USER", "editor")
ADMIN_LIST = "/admin/articles/article/"
ADMIN_PAGE_SIZE = ArticleAdmin.list_per_page
WORD = re.compile(r"[A-Za-z]{5,}")


def emit(data):
    sys.stdout.write(json.dumps(data) + "\n")


def state():
    emit(
        {
            "articles": Article.objects.count(),
            "published": Article.objects.published().count(),
            "vendor": connection.vendor,
            "version": database_version(),
        }
    )


def database_version():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return cursor.fetchone()[0]


def pages(count, per_page):
    return max(1, math.ceil(count / per_page))


def urls(directory):
    """Write ``<type>.txt`` files of paths, shuffled (the first are sampled)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2025)  # the same URLs on every run of one database
    live = Article.objects.published()
    per_page = settings.NEWSROOM_PAGE_SIZE
    paths = {name: [] for name in PAGE_TYPES}

    paths["home"] = ["/"]

    live_counts = dict(
        live.values_list("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    categories = [c for c in Category.objects.in_menu() if live_counts.get(c.pk)]
    for category in categories:
        last = pages(live_counts[category.pk], per_page)
        # Readers page through the first pages; crawlers go deeper.
        paths["category"] += [f"/{category.slug}/"]
        paths["category"] += [
            f"/{category.slug}/?page={n}" for n in range(2, min(last, 20) + 1)
        ]

    ids = list(live.values_list("id", flat=True))
    chosen = rng.sample(ids, min(ARTICLES, len(ids)))
    for start in range(0, len(chosen), 500):
        rows = Article.objects.filter(id__in=chosen[start : start + 500]).values_list(
            "category__slug", "slug"
        )
        paths["article"] += [f"/{cat}/{slug}/" for cat, slug in rows if cat]

    authors = (
        Author.objects.annotate(
            n=Count("articles", filter=Q(articles__in=live), distinct=True)
        )
        .filter(n__gt=0)
        .values_list("slug", "n")
    )
    for slug, n in authors:
        paths["author"] += [f"/author/{slug}/"]
        paths["author"] += [
            f"/author/{slug}/?page={p}"
            for p in range(2, min(pages(n, per_page), 5) + 1)
        ]

    tags = list(
        Tag.objects.filter(article__in=live)
        .annotate(n=Count("article", distinct=True))
        .order_by("-n", "slug")
        .values_list("slug", "n")[:TAGS]
    )
    for slug, n in tags:
        paths["tag"] += [f"/tag/{slug}/"]
        if n > per_page:
            paths["tag"] += [f"/tag/{slug}/?page=2"]

    # Words readers would type: taken from live headlines, one or two at a time.
    headlines = Article.objects.filter(id__in=chosen[:SEARCHES]).values_list(
        "headline", flat=True
    )
    for headline in headlines:
        words = [w.lower() for w in WORD.findall(headline)]
        if not words:
            continue
        query = "+".join(rng.sample(words, min(len(words), rng.choice((1, 1, 2)))))
        paths["search"] += [f"/search/?q={query}"]
    paths["search"] += [f"{p}&page=2" for p in paths["search"][:20]]

    paths["feed"] = ["/feed/", "/feed/atom/"]
    paths["feed"] += [f"/{c.slug}/feed/" for c in categories]
    paths["feed"] += [f"/{c.slug}/feed/atom/" for c in categories]
    paths["feed"] += [f"/tag/{slug}/feed/" for slug, _n in tags[:50]]
    paths["feed"] += [f"/author/{slug}/feed/" for slug, _n in authors]

    paths["sitemap"] = [
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/sitemap-categories.xml",
        "/sitemap-authors.xml",
        "/sitemap-pages.xml",
    ]
    article_pages = pages(len(ids), ArticleSitemap.limit)
    paths["sitemap"] += ["/sitemap-articles.xml"]
    paths["sitemap"] += [
        f"/sitemap-articles.xml?p={n}" for n in range(2, article_pages + 1)
    ]

    # The desk: the newest-edited pages, filtered by status, category, author,
    # a date, and a search (editors look for a story by a word of it).
    admin_pages = pages(Article.objects.count(), ADMIN_PAGE_SIZE)
    admin = [ADMIN_LIST] + [
        f"{ADMIN_LIST}?p={n}" for n in range(1, min(admin_pages, 20))
    ]
    admin += [f"{ADMIN_LIST}?status__exact={s}" for s in Article.Status.values]
    admin += [
        f"{ADMIN_LIST}?status__exact=published&p={n}"
        for n in range(1, min(pages(len(ids), ADMIN_PAGE_SIZE), 10))
    ]
    admin += [f"{ADMIN_LIST}?category__id__exact={c.pk}" for c in categories]
    admin += [
        f"{ADMIN_LIST}?bylines__author__id__exact={pk}"
        for pk in Author.objects.values_list("pk", flat=True)[:20]
    ]
    years = live.dates("published_at", "year")
    admin += [f"{ADMIN_LIST}?published_at__year={d.year}" for d in years]
    paths["admin"] = admin

    for name, items in paths.items():
        if name != "home":
            rng.shuffle(items)
        (directory / f"{name}.txt").write_text("\n".join(items) + "\n")
    emit({name: len(items) for name, items in paths.items()})


def count_queries(client, path):
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, len(queries), (time.perf_counter() - started) * 1000


def queries(directory):
    """Queries per request of each page type (the most over a few paths), and
    the slowest of those requests alone, in-process, in milliseconds.

    With the page cache on, each path is asked for twice: the repeat is what
    a cache hit costs.
    """
    directory = Path(directory)
    cached = settings.NEWSROOM_PAGE_CACHE_SECONDS > 0
    anonymous = Client(HTTP_HOST="127.0.0.1")
    editor = Client(HTTP_HOST="127.0.0.1")
    editor.force_login(
        get_user_model().objects.get(username=ADMIN_USER),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    anonymous.get("/")  # templates loaded, connections open: not measured
    result = {
        "first": {},
        "first_ms": {},
        "repeat": {},
        "article_bytes": None,
        "failures": [],
    }
    for name in PAGE_TYPES:
        paths = (directory / f"{name}.txt").read_text().split()[:SAMPLE]
        client = editor if name == "admin" else anonymous
        first, first_ms, repeat = [], [], []
        for path in paths:
            response, n, ms = count_queries(client, path)
            if response.status_code != 200:
                result["failures"].append(f"{path}: {response.status_code}")
            first.append(n)
            first_ms.append(ms)
            if cached:
                repeat.append(count_queries(client, path)[1])
            if name == "article" and result["article_bytes"] is None:
                # The static-file ceiling serves this very page as a file.
                result["article_bytes"] = len(response.content)
                (directory / "article.html").write_bytes(response.content)
        result["first"][name] = max(first)
        result["first_ms"][name] = round(max(first_ms), 1)
        result["repeat"][name] = max(repeat) if repeat else None
    emit(result)


TASKS = {"state": state, "urls": urls, "queries": queries}

if __name__ == "__main__":
    TASKS[sys.argv[1]](*sys.argv[2:])
