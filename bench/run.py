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
from bench.common import PAGE_TYPES, REPO, VAR, Config, manage, probe, say, wrk
from bench.server import Server

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
CEILING_SHARE = 0.8


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
    load = os.getloadavg()[0]
    report["machine"]["load_at_start"] = round(load, 2)
    if load > 0.5 * (os.cpu_count() or 1):
        say(
            f"WARNING: load average {load:.1f} on {os.cpu_count()} cores: something "
            "else is running, and the numbers will show it."
        )
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
            explain(config, database, stamp)


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

    # Cached runs read the first (random) few URLs of each list: a spike
    # falls on few pages, and every worker's local cache fills in the warm-up.
    for page in PAGE_TYPES:
        lines = (urls / f"{page}.txt").read_text().split()[: config.hot_urls]
        (urls / f"{page}.hot.txt").write_text("\n".join(lines) + "\n")

    result = {
        "state": state,
        "urls": counts,
        "queries": queries,
        "article_bytes": queries["uncached"]["article_bytes"],
        "modes": {},
    }
    for mode, env in modes:
        say(f"  -- {mode} (load average {os.getloadavg()[0]:.1f})")
        if mode == "cached-redis":
            common.flush_redis(config.redis_url)
        with Server(env, f"bench-{database.key}-{mode}") as server:
            rows = {}
            if mode == "uncached":
                static = urls / "static.txt"
                wrk(server.url, static, seconds=2, connections=2, threads=2)
                result["static"] = measure(config, server, static)
                show("static", result["static"])
            for page in PAGE_TYPES:
                if page == "admin" and mode != "uncached":
                    continue  # the desk is never cached: nothing new to see
                headers = []
                if page == "admin":
                    cookie = common.login_cookie(
                        server.url, config.admin_user, config.admin_password
                    )
                    headers = [f"Cookie: {cookie}"]
                hot = "" if mode == "uncached" else ".hot"
                paths = urls / f"{page}{hot}.txt"
                if config.warmup:
                    # Not measured: every worker compiles the page's templates
                    # (and, cache on, fills its cache) before the clock starts.
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
                if not server.settle():
                    say("  WARNING: the workers are still busy after 90 s")
            result["modes"][mode] = rows
            logged = server.log.read_text().splitlines()
            result.setdefault("server_errors", {})[mode] = [
                line
                for line in logged
                if "Traceback" in line or "WORKER TIMEOUT" in line or "ERROR" in line
            ][:20]
            if result["server_errors"][mode]:
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


def explain(config, database, stamp):
    command = REPO / "articles" / "management" / "commands" / "explain_queries.py"
    if not command.exists():
        say("\nexplain_queries: no such command yet; skipped.")
        return
    say(f"\n== EXPLAIN on {database.label} (manage.py explain_queries)")
    env = common.django_env(config, database, cache_seconds=0)
    output = VAR / "results" / f"{stamp}-explain-{database.label}.json"
    subprocess.run(  # noqa: S603
        [
            common.PYTHON,
            "manage.py",
            "explain_queries",
            "--no-plans",
            "--repeat",
            "3",
            "--json",
            str(output),
        ],
        cwd=REPO,
        env=env,
        check=False,
    )
    say(f"Plans written to bench/var/results/{output.name}")


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
        f"(light p50/p95/p99), {config['seconds']} s each; latency in ms. "
        f"Uncached runs spread over every listed URL, cached runs over the first "
        f"{config['hot_urls']} of each type; each run after a {config['warmup']} s "
        "warm-up. "
        "Queries: per request, the most over 3 URLs (cached: a cache hit). "
        "Alone: the slowest of those 3 requests served in-process, one at a "
        "time. Load average at the start: "
        f"{m.get('load_at_start', '?')}.",
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
            if mode == "uncached":
                counted = result["queries"]["uncached"]
                queries, alone = counted["first"], counted["first_ms"]
            else:
                queries, alone = result["queries"]["cached"]["repeat"], None
            lines += [
                f"### {mode}",
                "",
                table(rows, queries, static["rps"], alone),
                "",
            ]
        verdicts += targets(label, result)
    lines += ["## Targets", "", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {t} | {m} | {v} |" for t, m, v in verdicts]
    return "\n".join(lines)


def errors_of(run):
    return run["errors"]["status"] + run["socket_errors"]


def cells(run):
    """p50, p95, p99; a dash when nothing came back in time."""
    if not run["requests"]:
        return ["—"] * 3
    return [ms(run["latency_ms"][p]) for p in ("p50", "p95", "p99")]


def table(rows, queries, static_rps, alone=None):
    header = "| page | req/s | p50 | p95 | p99 | light p50 | light p95 | light p99 "
    header += "| queries | of static | errors |"
    if alone:
        header += " alone |"
    out = [header, "|---" + "|--:" * (header.count("|") - 2) + "|"]
    for page, row in rows.items():
        heavy, light = row["heavy"], row["light"]
        line = [
            page,
            f"{heavy['rps']:.0f}",
            *cells(heavy),
            *cells(light),
            str(queries.get(page, "?")),
            f"{heavy['rps'] / static_rps:.0%}",
            str(errors_of(heavy) + errors_of(light)),
        ]
        if alone:
            line.append(ms(alone[page]) if page in alone else "?")
        out.append("| " + " | ".join(line) + " |")
    return "\n".join(out)


def targets(label, result):
    """(target, measured, verdict) rows for the issue's targets."""
    found = []
    uncached = result["modes"]["uncached"]
    for page, limits in LATENCY_TARGETS.items():
        limit = limits[label]
        light, heavy = uncached[page]["light"], uncached[page]["heavy"]
        name = f"{label}: uncached {page} p95 ≤ {limit} ms"
        if not light["requests"] or errors_of(light):
            found.append(
                (
                    name,
                    f"{light['requests']} responses, {errors_of(light)} errors or "
                    "timeouts at light load",
                    "MISSED",
                )
            )
            continue
        p95 = light["latency_ms"]["p95"]
        saturated = cells(heavy)[1]
        found.append(
            (
                name,
                f"{ms(p95)} ms light load ({saturated} ms saturated)",
                "met" if p95 <= limit else f"MISSED by {ms(p95 - limit)} ms",
            )
        )
    static = result["static"]["heavy"]["rps"]
    for mode, rows in result["modes"].items():
        if mode == "uncached":
            continue
        for page, row in rows.items():
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
