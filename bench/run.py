"""``make bench``: the newsroom under load, page by page (docs/performance.md).

For each database (SQLite always; PostgreSQL when ``BENCH_POSTGRES_URL`` is
set), seeded with ``BENCH_ARTICLES`` articles and reused by later runs:

1. lists URLs of every page type from the database (``bench.probe urls``);
2. counts SQL queries per request in-process (``bench.probe queries``);
3. starts gunicorn (gunicorn.conf.py, production settings, whitenoise) on
   loopback, uncached (``NEWSROOM_PAGE_CACHE_SECONDS=0``), then cached
   (local memory), then cached in Redis when ``BENCH_REDIS_URL`` is set;
4. drives each page type with wrk, spread over its URLs, at
   ``BENCH_CONNECTIONS`` (throughput, and latency at saturation) and at
   ``BENCH_LIGHT_CONNECTIONS`` (latency without queueing);
5. serves the article page as a static file through the same stack: the
   ceiling every page's throughput is compared with;
6. prints the tables and the issue's targets, met or missed, and writes them
   to ``bench/var/results/``. On PostgreSQL it also runs ``explain_queries``
   when the project has it.
"""

import datetime
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from bench import common
from bench.common import VAR, Config, Server, manage, probe, say, wrk

PAGE_TYPES = (
    "home",
    "category",
    "article",
    "author",
    "tag",
    "search",
    "feed",
    "sitemap",
    "admin",
)
CEILING = "bench-ceiling.html"

# The targets, at 100,000 articles on a two-core machine: p95 in ms,
# uncached; search's depends on the database.
LATENCY_TARGETS = {
    "article": {"sqlite": 30, "postgresql": 30},
    "home": {"sqlite": 50, "postgresql": 50},
    "category": {"sqlite": 50, "postgresql": 50},
    "search": {"sqlite": 150, "postgresql": 50},
    "admin": {"sqlite": 300, "postgresql": 300},
}
# Cached public pages: at least this share of the static file's requests/s.
CEILING_SHARE = 0.5


def main():
    config = Config()
    common.require_wrk()
    started = datetime.datetime.now(datetime.UTC)
    report = {
        "started": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "config": {
            k: v
            for k, v in vars(config).items()
            if k not in ("secret_key", "admin_password")
        },
        "databases": {},
    }
    databases = common.databases(config)
    if not config.postgres_url:
        say("PostgreSQL: not measured (set BENCH_POSTGRES_URL=postgres://... to).")
    for database in databases:
        report["databases"][database.label] = bench_database(config, database)
    report["machine"]["databases"] = {
        label: result["state"]["version"]
        for label, result in report["databases"].items()
    }
    report["seconds"] = round(
        (datetime.datetime.now(datetime.UTC) - started).total_seconds()
    )

    text = render(report)
    say("\n" + text)
    results = VAR / "results"
    results.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    (results / f"{stamp}.md").write_text(text + "\n")
    (results / f"{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    say(f"Written to bench/var/results/{stamp}.md and .json")

    for database in databases:
        if database.label == "postgresql":
            explain(config, database)


def bench_database(config, database):
    state = common.prepare(config, database)
    uncached_env = common.django_env(config, database, cache_seconds=0)
    # The cache as configured by default: NEWSROOM_PAGE_CACHE_SECONDS unset,
    # unless BENCH_CACHE_SECONDS names a lifetime.
    cache_seconds = os.environ.get("BENCH_CACHE_SECONDS") or None
    cached_env = common.django_env(config, database, cache_seconds=cache_seconds)

    # Hashed, compressed static files, as production serves them.
    manage("collectstatic", "--noinput", "--verbosity", "0", env=uncached_env)
    urls = VAR / "urls" / database.key
    say("  listing URLs")
    counts = probe("urls", urls, env=uncached_env)
    say("  " + ", ".join(f"{name} {n}" for name, n in counts.items()))
    say("  counting queries per request")
    queries = {
        "uncached": probe("queries", urls, env=uncached_env),
        "cached": probe("queries", urls, env=cached_env),
    }
    for mode, found in queries.items():
        for failure in found["failures"]:
            say(f"  WARNING ({mode}): {failure}")

    # The ceiling: this article page, byte for byte, as a static file.
    shutil.copyfile(urls / "article.html", VAR / "static" / CEILING)
    (urls / "static.txt").write_text(f"/static/{CEILING}\n")

    modes = [("uncached", uncached_env), ("cached", cached_env)]
    ok, why = common.redis_available(config.redis_url)
    if ok:
        redis_env = common.django_env(
            config, database, cache_seconds=cache_seconds, redis_url=config.redis_url
        )
        modes.append(("cached-redis", redis_env))
    else:
        say(f"  Redis: not measured ({why})")

    result = {
        "state": state,
        "urls": counts,
        "queries": queries,
        "article_bytes": queries["uncached"]["article_bytes"],
        "modes": {},
    }
    for mode, env in modes:
        say(f"  -- {mode}")
        if mode == "cached-redis":
            flush_redis(config.redis_url)
        with Server(env, f"bench-{database.key}-{mode}") as server:
            cookie = common.login_cookie(
                server.url, config.admin_user, config.admin_password
            )
            rows = {}
            if mode == "uncached":
                result["static"] = measure(config, server, urls / "static.txt")
                show("static", result["static"])
            for page in PAGE_TYPES:
                headers = [f"Cookie: {cookie}"] if page == "admin" else []
                paths = urls / f"{page}.txt"
                if mode != "uncached" and config.warmup:
                    wrk(
                        server.url,
                        paths,
                        seconds=config.warmup,
                        connections=config.connections,
                        threads=config.threads,
                        headers=headers,
                    )
                rows[page] = measure(config, server, paths, headers)
                show(page, rows[page])
            result["modes"][mode] = rows
            problems = [line for line in server.log_tail(200).splitlines() if line]
            errors = [
                line for line in problems if "Traceback" in line or "ERROR" in line
            ]
            if errors:
                say(f"  WARNING: the server logged errors, see {server.log}")
    return result


def measure(config, server, paths, headers=()):
    heavy = wrk(
        server.url,
        paths,
        seconds=config.seconds,
        connections=config.connections,
        threads=config.threads,
        headers=headers,
    )
    light = wrk(
        server.url,
        paths,
        seconds=config.seconds,
        connections=config.light_connections,
        threads=config.threads,
        headers=headers,
    )
    return {"heavy": heavy, "light": light}


def show(page, row):
    heavy, light = row["heavy"], row["light"]
    errors = heavy["errors"]["status"] + heavy["socket_errors"]
    say(
        f"     {page:<9} {heavy['rps']:8.1f} req/s  "
        f"p95 {heavy['latency_ms']['p95']:7.1f} ms  "
        f"light p95 {light['latency_ms']['p95']:6.1f} ms"
        + (f"  ERRORS {errors}" if errors else "")
    )


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def explain(config, database):
    command = (
        common.REPO / "articles" / "management" / "commands" / "explain_queries.py"
    )
    if not command.exists():
        say("\nexplain_queries: no such command yet; skipped.")
        return
    say(f"\n== EXPLAIN on {database.label} (manage.py explain_queries)")
    env = common.django_env(config, database, cache_seconds=0)
    subprocess.run(  # noqa: S603
        [common.PYTHON, "manage.py", "explain_queries"],
        cwd=common.REPO,
        env=env,
        check=False,
    )


# --- Report -----------------------------------------------------------------


def machine():
    meminfo = dict(
        line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines()
    )
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    wrk_version = subprocess.run(  # noqa: S603
        [shutil.which("wrk"), "-v"], capture_output=True, text=True, check=False
    ).stdout.split()
    import django
    import gunicorn

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(int(meminfo["MemTotal"].split()[0]) / 1024**2, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "sqlite": sqlite3.sqlite_version,
        "wrk": wrk_version[1] if len(wrk_version) > 1 else "?",
    }


def ms(value):
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def render(report):
    config = report["config"]
    m = report["machine"]
    lines = [
        f"# Benchmark, {report['started']}",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM; "
        f"Python {m['python']}, Django {m['django']}, gunicorn {m['gunicorn']}, "
        + ", ".join(f"{k} {v}" for k, v in m.get("databases", {}).items())
        + f"; wrk {m['wrk']}.",
        f"Load: wrk, {config['threads']} threads, {config['connections']} "
        f"connections (req/s and p50/p95/p99), then {config['light_connections']} "
        f"(light p50/p95/p99), {config['seconds']} s each; latency in ms.",
        "",
    ]
    verdicts = []
    for label, result in report["databases"].items():
        state = result["state"]
        static = result["static"]["heavy"]
        lines += [
            f"## {label}: {state['articles']:,} articles ({state['published']:,} "
            f"live); article page {result['article_bytes']:,} bytes",
            "",
            f"Static-file ceiling: {static['rps']:.0f} req/s, p95 "
            f"{ms(static['latency_ms']['p95'])} ms.",
            "",
        ]
        for mode, rows in result["modes"].items():
            counted = result["queries"]["uncached" if mode == "uncached" else "cached"]
            queries = counted["first" if mode == "uncached" else "repeat"]
            lines += [f"### {mode}", "", table(rows, queries, static["rps"]), ""]
        verdicts += targets(label, result)
    lines += ["## Targets", "", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {t} | {m} | {v} |" for t, m, v in verdicts]
    return "\n".join(lines)


def table(rows, queries, static_rps):
    out = [
        "| page | req/s | p50 | p95 | p99 | light p50 | light p95 | light p99 "
        "| queries | of static | errors |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for page, row in rows.items():
        heavy, light = row["heavy"], row["light"]
        h, lt = heavy["latency_ms"], light["latency_ms"]
        errors = (
            heavy["errors"]["status"]
            + heavy["socket_errors"]
            + light["errors"]["status"]
            + light["socket_errors"]
        )
        out.append(
            f"| {page} | {heavy['rps']:.0f} | {ms(h['p50'])} | {ms(h['p95'])} | "
            f"{ms(h['p99'])} | {ms(lt['p50'])} | {ms(lt['p95'])} | {ms(lt['p99'])} "
            f"| {queries.get(page, '?')} | {heavy['rps'] / static_rps:.0%} "
            f"| {errors} |"
        )
    return "\n".join(out)


def targets(label, result):
    """(target, measured, verdict) rows for the issue's targets."""
    found = []
    uncached = result["modes"]["uncached"]
    for page, limits in LATENCY_TARGETS.items():
        limit = limits[label]
        light = uncached[page]["light"]["latency_ms"]["p95"]
        heavy = uncached[page]["heavy"]["latency_ms"]["p95"]
        found.append(
            (
                f"{label}: uncached {page} p95 ≤ {limit} ms",
                f"{ms(light)} ms light load ({ms(heavy)} ms saturated)",
                "met" if light <= limit else f"MISSED by {ms(light - limit)} ms",
            )
        )
    static = result["static"]["heavy"]["rps"]
    for mode, rows in result["modes"].items():
        if mode == "uncached":
            continue
        for page, row in rows.items():
            if page == "admin":  # never cached, by design
                continue
            share = row["heavy"]["rps"] / static
            found.append(
                (
                    f"{label}: {mode} {page} ≥ {CEILING_SHARE:.0%} of static",
                    f"{share:.0%} ({row['heavy']['rps']:.0f} / {static:.0f} req/s)",
                    "met" if share >= CEILING_SHARE else "MISSED",
                )
            )
    return found


if __name__ == "__main__":
    sys.exit(main())
