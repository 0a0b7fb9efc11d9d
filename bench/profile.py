"""Where an uncached public request's time goes, in-process:
``python -m bench.profile [home|category|article|search|all] [--requests N]
[--top N]``.

The load test (``bench/run.py``) says how fast a page is; this says why. It
serves pages through Django's test client in this one process, page cache
off, against the benchmark's database (``DATABASE_URL``, else the largest
SQLite database ``bench/run.py`` seeded under ``bench/var/``), and prints
for each page type:

- CPU milliseconds per request (``time.process_time``: the process's own
  CPU, SQLite's included, so a busy shared machine slows it far less than
  wall-clock time), the median and the spread over many requests spread
  over a fixed sample of URLs, after a warm-up;
- the shares of a profiled run (``cProfile``, standard library: nothing to
  install) that go to the costs the issue named: templates, includes,
  for-loops, the ORM's SQL compilation, executing SQL, prefetching, date
  formatting; then the top functions by their own time.

The profiler slows everything it sees, Python more than C, so read its
shares as where to look and the unprofiled CPU milliseconds as the result.
"""

import argparse
import cProfile
import os
import pstats
import random
import re
import statistics
import sys
import time
from pathlib import Path

VAR = Path(__file__).resolve().parent / "var"


def default_database():
    seeded = sorted(
        VAR.glob("sqlite-*.sqlite3"), key=lambda p: int(p.stem.split("-")[1])
    )
    if not seeded:
        raise SystemExit(
            "No benchmark database: set DATABASE_URL, or seed one with "
            "`BENCH_ARTICLES=5000 BENCH_ONLY=sqlite make bench` first."
        )
    return f"sqlite:///{seeded[-1]}"


if "DATABASE_URL" not in os.environ:  # only then must a seeded one exist
    os.environ["DATABASE_URL"] = default_database()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-profile-only")
os.environ["DJANGO_DEBUG"] = "false"
os.environ["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1"
os.environ["NEWSROOM_PAGE_CACHE_SECONDS"] = "0"  # uncached pages only
os.environ.setdefault("NEWSROOM_MEDIA_ROOT", str(VAR / "media"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.backends.utils import CursorWrapper  # noqa: E402
from django.db.models import QuerySet, prefetch_related_objects  # noqa: E402
from django.db.models.sql.compiler import SQLCompiler  # noqa: E402
from django.template import (  # noqa: E402
    base,
    context,
    defaulttags,
    loader_tags,
    response,
)
from django.test import Client  # noqa: E402
from django.utils import dateformat  # noqa: E402

from articles import cards  # noqa: E402
from articles.models import Article, Category  # noqa: E402

PAGE_TYPES = ("home", "category", "article", "search")
SAMPLE = 20  # URLs per page type, the same on every run of one database

# (label, function): each function's inclusive time, as a share of the
# whole. Nested costs overlap (includes are templates, SQL runs in a prefetch).
COSTS = (
    ("templates (all rendering)", response.SimpleTemplateResponse.render),
    ("  includes", loader_tags.IncludeNode.render),
    ("  for-loops", defaulttags.ForNode.render),
    ("  variable lookups", base.Variable._resolve_lookup),
    ("  date formatting", dateformat.format),
    ("  article cards", cards.render_card),
    ("context processors", context.RequestContext.bind_template),
    ("ORM: loading rows", QuerySet._fetch_all),
    ("  SQL compilation", SQLCompiler.as_sql),
    ("  executing SQL", CursorWrapper._execute),
    ("  prefetching", prefetch_related_objects),
)


def sample_paths(kind):
    rng = random.Random(2026)
    live = Article.objects.published()
    if kind == "home":
        return ["/"]
    if kind == "category":
        slugs = list(Category.objects.in_menu().values_list("slug", flat=True))
        paths = [f"/{s}/" for s in slugs] + [f"/{s}/?page=2" for s in slugs]
        return sorted(rng.sample(paths, min(SAMPLE, len(paths))))
    ids = list(live.values_list("id", flat=True))
    chosen = rng.sample(ids, min(SAMPLE, len(ids)))
    if kind == "search":
        return search_paths(rng, chosen)
    rows = Article.objects.filter(id__in=chosen).values_list("category__slug", "slug")
    return sorted(f"/{cat}/{slug}/" for cat, slug in rows if cat)


def search_paths(rng, chosen):
    """Words readers would type, one or two from each of the ``chosen``
    articles' headlines (as ``bench.probe`` picks them for the load test),
    half of them on their second page."""
    headlines = Article.objects.filter(id__in=chosen).values_list("headline", flat=True)
    paths = []
    for n, headline in enumerate(sorted(headlines)):
        words = [w.lower() for w in re.findall(r"\w{3,}", headline)]
        if words:
            query = "+".join(rng.sample(words, min(len(words), rng.choice((1, 2)))))
            paths.append(f"/search/?q={query}" + ("&page=2" if n % 2 else ""))
    return paths


def fetch(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: {response.status_code}")
    return response


def cpu_ms(client, paths, requests):
    """CPU milliseconds of each of ``requests`` requests, over ``paths``."""
    times = []
    for n in range(requests):
        path = paths[n % len(paths)]
        started = time.process_time()
        fetch(client, path)
        times.append((time.process_time() - started) * 1000)
    return times


def shares(stats, whole):
    # cProfile counts a recursive function's time once, at its outermost
    # call: an include inside an include is not counted twice.
    cumulative = {key: row[3] for key, row in stats.stats.items()}
    return [
        (label, cumulative.get(code_key(function), 0.0) / whole)
        for label, function in COSTS
    ]


def code_key(function):
    code = function.__code__
    return (code.co_filename, code.co_firstlineno, code.co_name)


def report(kind, client, requests, top):
    paths = sample_paths(kind)
    for path in paths:  # templates compiled, connections open, caches filled
        fetch(client, path)
    times = cpu_ms(client, paths, requests)
    quartiles = statistics.quantiles(times, n=10)
    print(
        f"\n== {kind}: {len(paths)} URL(s), {requests} requests; CPU ms per "
        f"request: median {statistics.median(times):.2f} "
        f"(p10 {quartiles[0]:.2f}, p90 {quartiles[-1]:.2f})"
    )

    profile = cProfile.Profile(time.process_time)
    profiled = max(len(paths), requests // 4)
    started = time.process_time()
    profile.enable()
    for n in range(profiled):
        fetch(client, paths[n % len(paths)])
    profile.disable()
    whole = time.process_time() - started
    stats = pstats.Stats(profile, stream=sys.stdout)
    print(
        f"   Python function calls per request: {stats.total_calls / profiled:,.0f}"
        " (the same on a busy machine and a quiet one)"
    )
    print("   share of a profiled request:")
    for label, share in shares(stats, whole):
        print(f"   {share:6.1%}  {label}")
    if top:
        print(f"   top {top} by own time:")
        stats.sort_stats("tottime").print_stats(top)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", default="all", choices=PAGE_TYPES + ("all",))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    print(f"database: {os.environ['DATABASE_URL']}")
    print(f"load average: {os.getloadavg()[0]:.2f}")
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        # Hashed static files, as production (and bench/run.py) serves them.
        call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1")
    caches["default"].clear()
    for kind in PAGE_TYPES if args.page == "all" else (args.page,):
        report(kind, client, args.requests, args.top)


if __name__ == "__main__":
    main()
