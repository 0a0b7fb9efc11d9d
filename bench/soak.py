"""``make soak``: minutes of mixed traffic against gunicorn with the cache on.

Page views, searches, feeds and sitemaps from the benchmark's URL lists, and
at the same time a stream of junk requests (bad page numbers, huge and badly
encoded queries, unknown addresses, wrong methods). In windows of
``SOAK_WINDOW`` seconds for ``SOAK_SECONDS`` (default 300) it records errors,
latency, the gunicorn processes' memory (RSS and PSS, from /proc) and, on
PostgreSQL, the database's connections; then prints a verdict:

- no 5xx at all, no socket errors, and the pages answer 2xx/3xx only;
- memory flat: the workers' total RSS at the end within 10% of where it stood
  after the first window (caches filling up is not a leak);
- latency flat: p95 of the last window within 1.5 x the first's;
- PostgreSQL connections no more at the end than after the first window.

Workers are not recycled during the soak (``GUNICORN_MAX_REQUESTS=0``), so
a leak shows instead of being hidden by restarts. The database is the
benchmark's (``BENCH_ARTICLES``; PostgreSQL when ``BENCH_POSTGRES_URL`` is
set, unless ``BENCH_ONLY=sqlite``), the cache the default one, or Redis with
``BENCH_REDIS_URL``.
"""

import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from bench import common
from bench.common import VAR, Config, env_int, manage, probe, say, wrk
from bench.server import Server

# Share of the page traffic each page type gets.
MIX = {
    "article": 45,
    "home": 10,
    "category": 12,
    "search": 12,
    "tag": 6,
    "author": 5,
    "feed": 6,
    "sitemap": 4,
}
JUNK = [
    "/?page=abc",
    "/world/?page=abc",
    "/world/?page=-1",
    "/world/?page=0",
    "/world/?page=1000000000",
    "/world/?page=1e9",
    "/world/?page=%00",
    "/search/?q=" + "a" * 8000,
    # Longer than gunicorn's limit_request_line: refused before Django.
    "/search/?q=" + "b" * 10_000,
    "/search/?q=%ff%fe%fd",
    "/search/?q=%E2%28%A1",
    "/search/?q=%",
    "/search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    '/search/?q="unbalanced',
    "/search/?q=-",
    "/search/?q=or+or+or",
    "/search/?q=a&page=-5",
    "/search/?q=news&page=99999999",
    "/%ff/",
    "/world/%C0%AF/",
    "/no-such-category/",
    "/world/no-such-article/",
    "/tag/no-such-tag/",
    "/tag/no-such-tag/feed/",
    "/author/no-such-author/",
    "/author/no-such-author/feed/",
    "/sitemap-articles.xml?p=abc",
    "/sitemap-articles.xml?p=999999",
    "/sitemap-nothing.xml",
    "/preview/not-a-token/",
    "/admin/",
    "/admin/articles/article/",
    "/static/no-such-file.css",
    "/media/../settings.py",
    "/media/no-such-image.jpg",
    "POST /",
    "POST /search/",
    "PUT /world/",
    "DELETE /feed/",
    "POST /subscribe/",
    "POST /contact/",
]
GROWTH_LIMIT = 1.10
LATENCY_LIMIT = 1.5


def main():
    config = Config()
    common.require_wrk()
    seconds = env_int("SOAK_SECONDS", 300)
    window = min(env_int("SOAK_WINDOW", 30), seconds)
    databases = common.databases(config)
    database = databases[-1]  # PostgreSQL when asked for, else SQLite
    common.prepare(config, database)
    env = common.django_env(config, database)
    ok, why = common.redis_available(config.redis_url)
    if ok:
        env = common.django_env(config, database, redis_url=config.redis_url)
    cache = "Redis" if ok else "local memory"
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    urls = VAR / "urls" / database.key
    probe("urls", urls, env=env)
    pages, junk = write_mix(urls)

    junk_connections = 2
    page_connections = max(1, config.connections - junk_connections)
    say(
        f"\n== soak: {seconds} s on {database.label}, cache in {cache}, "
        f"{page_connections} page + {junk_connections} junk connections, "
        f"windows of {window} s"
    )
    windows = []
    with Server(env, f"soak-{database.key}", GUNICORN_MAX_REQUESTS="0") as server:
        start = snapshot(server, database)
        say(
            f"  start: {len(start['workers'])} workers, RSS "
            f"{mib(start['rss'])} MiB (PSS {mib(start['pss'])} MiB)"
            + connections_text(start)
        )
        ends = time.monotonic() + seconds
        with ThreadPoolExecutor(2) as pool:
            while time.monotonic() < ends - window / 2:
                length = max(1, min(window, round(ends - time.monotonic())))
                page_run = pool.submit(
                    wrk,
                    server.url,
                    pages,
                    seconds=length,
                    connections=page_connections,
                    threads=config.threads,
                    script="soak.lua",
                )
                junk_run = pool.submit(
                    wrk,
                    server.url,
                    junk,
                    seconds=length,
                    connections=junk_connections,
                    threads=1,
                    script="soak.lua",
                )
                result = {
                    "pages": page_run.result(),
                    "junk": junk_run.result(),
                    **snapshot(server, database),
                }
                windows.append(result)
                show(len(windows), result)
        log_errors = [
            line
            for line in server.log.read_text().splitlines()
            if "Traceback" in line or "[CRITICAL]" in line or "WORKER TIMEOUT" in line
        ]
    return verdict(start, windows, log_errors, server.log)


def write_mix(urls):
    rng = random.Random(7)
    mixed = []
    for page, weight in MIX.items():
        choices = (urls / f"{page}.txt").read_text().split()
        mixed += rng.choices(choices, k=weight * 40)
    rng.shuffle(mixed)
    pages = urls / "soak-pages.txt"
    pages.write_text("\n".join(mixed) + "\n")
    junk = urls / "soak-junk.txt"
    junk.write_text("\n".join(JUNK) + "\n")
    return pages, junk


def snapshot(server, database):
    memory = server.memory()
    workers = {pid: m for pid, m in memory.items() if pid != server.process.pid}
    found = {
        "workers": workers,
        "rss": sum(m["rss_kib"] for m in workers.values()),
        "pss": sum(m["pss_kib"] for m in memory.values()),
        "max_worker_rss": max((m["rss_kib"] for m in workers.values()), default=0),
        "db_connections": None,
    }
    if database.label == "postgresql":
        found["db_connections"] = common.postgres_connections(database.url)
    return found


def mib(kib):
    return f"{kib / 1024:.0f}"


def connections_text(snap):
    if snap["db_connections"] is None:
        return ""
    return f", {snap['db_connections']} PostgreSQL connections"


def show(number, result):
    pages, junk = result["pages"], result["junk"]
    say(
        f"  window {number:>2}: {pages['rps']:6.0f} req/s pages, "
        f"p50 {pages['latency_ms']['p50']:5.1f} p95 {pages['latency_ms']['p95']:6.1f} "
        f"p99 {pages['latency_ms']['p99']:6.1f} ms; "
        f"pages 2xx/3xx/4xx/5xx {status(pages)}; junk {status(junk)}; "
        f"workers RSS {mib(result['rss'])} MiB (max {mib(result['max_worker_rss'])})"
        + connections_text(result)
    )


def status(run):
    s = run["status"]
    return f"{s['2xx']}/{s['3xx']}/{s['4xx']}/{s['5xx']}"


def verdict(start, windows, log_errors, log):
    first, last = windows[0], windows[-1]
    runs = [w[kind] for w in windows for kind in ("pages", "junk")]
    server_errors = sum(run["status"]["5xx"] for run in runs)
    socket_errors = sum(run["socket_errors"] for run in runs)
    page_errors = sum(
        w["pages"]["status"]["4xx"] + w["pages"]["status"]["5xx"] for w in windows
    )
    requests = sum(run["requests"] for run in runs)
    growth = last["rss"] / first["rss"] if first["rss"] else 1
    p95_first = first["pages"]["latency_ms"]["p95"]
    p95_last = last["pages"]["latency_ms"]["p95"]
    checks = [
        (
            "no 5xx",
            server_errors == 0,
            f"{server_errors} server errors in {requests:,} requests",
        ),
        (
            "no socket errors or timeouts",
            socket_errors == 0,
            f"{socket_errors} socket errors",
        ),
        (
            "pages answer 2xx/3xx",
            page_errors == 0,
            f"{page_errors} error responses to page views",
        ),
        (
            "no tracebacks or worker timeouts logged",
            not log_errors,
            f"{len(log_errors)} lines in {log.name}" if log_errors else "none",
        ),
        (
            "memory flat",
            growth <= GROWTH_LIMIT,
            f"workers' RSS {mib(start['rss'])} MiB at start, {mib(first['rss'])} "
            f"after the first window, {mib(last['rss'])} at the end "
            f"({growth - 1:+.1%})",
        ),
        (
            "latency flat",
            p95_last <= LATENCY_LIMIT * p95_first + 2,
            f"p95 {p95_first:.1f} ms in the first window, {p95_last:.1f} ms in "
            "the last",
        ),
    ]
    if first["db_connections"] is not None:
        most = max(w["db_connections"] for w in windows)
        checks.append(
            (
                "database connections stable",
                last["db_connections"] <= first["db_connections"],
                f"{first['db_connections']} after the first window, "
                f"{last['db_connections']} at the end, {most} at most",
            )
        )
    say("\n== soak verdict")
    for name, passed, detail in checks:
        say(f"  {'PASS' if passed else 'FAIL'}  {name}: {detail}")
    passed = all(ok for _name, ok, _detail in checks)
    say(f"\n  {'PASSED' if passed else 'FAILED'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
