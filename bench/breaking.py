"""``make bench-breaking``: readers of a breaking story while the desk edits it.

Issue 16's scenario. gunicorn as in production (``gunicorn.conf.py``, the
production settings, the page cache on: in local memory, or in Redis when
``BENCH_REDIS_URL`` is set), the task worker beside it, and 64 readers
(``READERS``: 26 on the home page, 26 on the lead story, 12 spread over the
menu's category pages) for ``BENCH_BREAKING_SECONDS`` (120) twice:

- **calm**: nobody writes;
- **breaking**: a desk process (``bench.newsdesk``, through the services and
  the workflow, against the same database) corrects the lead's headline
  every ``BENCH_BREAKING_EDIT_EVERY`` (10) seconds and publishes a new story
  every ``BENCH_BREAKING_STORY_EVERY`` (30). A watcher reads the pages as an
  anonymous reader would, every ``WATCH_EVERY`` seconds, and notes when each
  edited headline (each new story's headline) first shows on the home page
  and on the article's page: seconds from the write's commit.

Readers are three wrk processes side by side, one per page class, so each
class has its own throughput and latency; the run's p50/p95/p99 are those
of the three distributions merged (each wrk prints its distribution,
``bench/wrk/paths.lua``). Errors are responses other than 2xx/3xx and
socket errors (connect, read, write, timeouts of 10 s). The server's CPU
(gunicorn's processes, from /proc) per request is shown too.

The database is the benchmark's (``BENCH_ARTICLES``, PostgreSQL when
``BENCH_POSTGRES_URL`` is set unless ``BENCH_ONLY=sqlite``), seeded by
``make bench`` or here; the desk puts it back as it was afterwards
(``bench.newsdesk restore``), so ``make bench`` reuses it.

Targets (issue 16): breaking throughput at least half the calm one, p99 at
most 250 ms, no errors, and every write visible on both pages within 5 s
(behind a CDN, add its window: ``NEWSROOM_CDN_SECONDS`` unless purged).
"""

import datetime
import json
import os
import subprocess
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from bench import common
from bench.common import PYTHON, REPO, VAR, Config, env_int, manage, say, wrk
from bench.server import Server, tcp_counters

# 64 readers: home 40 %, the lead story 40 %, the categories 20 %.
READERS = {"home": 26, "lead": 26, "categories": 12}
SECONDS = env_int("BENCH_BREAKING_SECONDS", 120)
EDIT_EVERY = env_int("BENCH_BREAKING_EDIT_EVERY", 10)
STORY_EVERY = env_int("BENCH_BREAKING_STORY_EVERY", 30)
# How often the watcher reads the pages it is waiting on, and how long after
# the readers stop it still waits for a write to show.
WATCH_EVERY = 0.15
WATCH_GRACE = 20
# The targets.
SHARE_OF_CALM = 0.5
P99_MS = 250
VISIBLE_SECONDS = 5


def main():
    config = Config()
    common.require_wrk()
    database = common.databases(config)[-1]  # PostgreSQL when asked for
    state = common.prepare(config, database)
    redis, why = common.redis_available(config.redis_url)
    env = common.django_env(
        config,
        database,
        cache_seconds=os.environ.get("BENCH_CACHE_SECONDS") or None,
        redis_url=config.redis_url if redis else "",
    )
    if not redis:
        say(f"  Redis: not used ({why}); the page cache is in local memory")
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    if SECONDS > 8 * STORY_EVERY:
        say("  WARNING: after 8 new stories the lead leaves the home page's top")
    desk = newsdesk("prepare", env=env)
    paths = write_paths(database, desk)
    say(
        f"\n== breaking news on {database.label} ({state['articles']:,} articles): "
        f"lead {desk['lead_path']}, {len(desk['categories'])} category pages"
    )
    if redis:
        common.flush_redis(config.redis_url)
    report = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": database.label,
        "articles": state["articles"],
        "cache": "Redis" if redis else "local memory",
        "seconds": SECONDS,
        "readers": READERS,
        "edit_every": EDIT_EVERY,
        "story_every": STORY_EVERY,
        "cores": os.cpu_count(),
        "cdn_seconds": int(env.get("NEWSROOM_CDN_SECONDS", "5")),
    }
    try:
        with Server(env, f"breaking-{database.key}") as server, task_worker(env):
            report["workers"] = len(server.workers())
            if config.warmup:
                readers(server, paths, config.warmup)
            for name in ("calm", "breaking"):
                server.settle()
                say(f"  -- {name} (load average {os.getloadavg()[0]:.2f})")
                report[name] = run(server, paths, env, desk=name == "breaking")
                show(name, report[name])
    finally:
        newsdesk("restore", env=env)
    text = render(report)
    say("\n" + text)
    results = VAR / "results"
    results.mkdir(parents=True, exist_ok=True)
    stamp = report["started"].replace(":", "").replace("-", "")[:15]
    (results / f"breaking-{stamp}.md").write_text(text + "\n")
    (results / f"breaking-{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    say(f"Written to bench/var/results/breaking-{stamp}.md and .json")


def newsdesk(task, *args, env):
    """``bench.newsdesk TASK``: its last line of output, as JSON, if any."""
    return common.run_module("bench.newsdesk", task, *args, env=env)


def write_paths(database, desk):
    folder = VAR / "urls" / database.key
    folder.mkdir(parents=True, exist_ok=True)
    found = {
        "home": ["/"],
        "lead": [desk["lead_path"]],
        "categories": desk["categories"],
    }
    files = {}
    for name, items in found.items():
        files[name] = folder / f"breaking-{name}.txt"
        files[name].write_text("\n".join(items) + "\n")
    return files


@contextmanager
def task_worker(env):
    """The worker production runs beside gunicorn (the Makefile's ``run``):
    the writes' tasks (re-indexing, the CDN purge, the go-live mail) cost
    the same machine's CPU as there."""
    backend = env.get("NEWSROOM_TASKS", "database").strip().lower()
    command = {
        "database": ["db_worker"],
        "rq": ["rqworker", "default", "--job-class", "django_tasks_rq.Job"],
    }.get(backend)
    if command is None:  # immediate: the tasks run in the writer's process
        yield
        return
    log = VAR / "logs" / "breaking-worker.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as output:
        worker = subprocess.Popen(  # noqa: S603 (our own command)
            [PYTHON, "manage.py", *command],
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def readers(server, paths, seconds):
    """The 64 readers for ``seconds``: each class's wrk result."""
    with ThreadPoolExecutor(len(READERS)) as pool:
        running = {
            name: pool.submit(
                wrk,
                server.url,
                paths[name],
                seconds=seconds,
                connections=connections,
                threads=1,
            )
            for name, connections in READERS.items()
        }
        return {name: future.result() for name, future in running.items()}


def run(server, paths, env, *, desk):
    load = os.getloadavg()[0]
    cpu, tcp = server.cpu_seconds(), tcp_counters()
    watcher = None
    with ThreadPoolExecutor(1) as pool:
        reading = pool.submit(readers, server, paths, SECONDS)
        if desk:
            watcher = Watcher(server.url)
            watcher.start()
            write(env, watcher)
        classes = reading.result()
    cpu = server.cpu_seconds() - cpu
    result = {
        "load_before": round(load, 2),
        "load_after": round(os.getloadavg()[0], 2),
        "classes": classes,
        "total": merge(classes.values()),
        "server_cpu_seconds": round(cpu, 1),
        "tcp": {k: v - tcp.get(k, 0) for k, v in tcp_counters().items()},
    }
    if watcher is not None:
        result["writes"] = watcher.finish()
        result["watch_errors"] = watcher.errors
    return result


def write(env, watcher):
    """The desk's writes, each handed to the watcher once committed."""
    desk = subprocess.Popen(  # noqa: S603 (our own command)
        [
            PYTHON,
            "-m",
            "bench.newsdesk",
            "run",
            str(SECONDS),
            str(EDIT_EVERY),
            str(STORY_EVERY),
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    for line in desk.stdout:
        event = json.loads(line)
        say(f"     {event['kind']} {event['number']}: {event['marker']}")
        watcher.add(event)
    if desk.wait():
        raise SystemExit("bench.newsdesk run failed")


class Watcher(threading.Thread):
    """An anonymous reader looking, every ``WATCH_EVERY`` seconds, at each
    page a write should show on until it does: ``seen`` holds when (epoch
    seconds, once the response is in)."""

    def __init__(self, base_url):
        super().__init__(daemon=True)
        self.base_url = base_url
        self.events = []
        self.errors = 0
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def add(self, event):
        with self.lock:
            self.events.append({**event, "seen": {}})

    def waiting(self):
        with self.lock:
            return {
                path
                for event in self.events
                for path in event["paths"]
                if path not in event["seen"]
            }

    def run(self):
        while not self.stop.is_set():
            started = time.monotonic()
            for path in sorted(self.waiting()):
                body = self.read(path)
                now = time.time()
                with self.lock:
                    for event in self.events:
                        if path in event["paths"] and event["marker"] in body:
                            event["seen"].setdefault(path, now)
            self.stop.wait(max(0.0, WATCH_EVERY - (time.monotonic() - started)))

    def read(self, path):
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=10) as page:  # noqa: S310
                return page.read().decode()
        except (urllib.error.URLError, OSError):
            # A new story's page before it is live answers 404: not an error.
            return ""

    def finish(self):
        """The writes, with the delay to each page (None: never seen)."""
        deadline = time.monotonic() + WATCH_GRACE
        while self.waiting() and time.monotonic() < deadline:
            time.sleep(WATCH_EVERY)
        self.stop.set()
        self.join()
        with self.lock:
            return [
                {
                    "kind": event["kind"],
                    "number": event["number"],
                    "delays": {
                        page: (
                            round(event["seen"][path] - event["at"], 2)
                            if path in event["seen"]
                            else None
                        )
                        for page, path in zip(
                            ("home", "article"), event["paths"], strict=True
                        )
                    },
                }
                for event in self.events
            ]


# --- Figures ------------------------------------------------------------------


def merge(runs):
    """Requests, req/s, errors and p50/p95/p99 of runs made side by side, from
    each one's distribution (``quantiles``: (percentile, µs) pairs)."""
    runs = list(runs)
    total = sum(r["requests"] for r in runs)
    merged = {
        "requests": total,
        "rps": sum(r["rps"] for r in runs),
        "errors": sum(errors_of(r) for r in runs),
        "latency_ms": {},
    }
    runs = [r for r in runs if r["requests"]]
    if not total:
        return merged
    candidates = sorted({us for r in runs for _p, us in r["quantiles"]})

    def share_within(us):
        return (
            sum(
                r["requests"]
                * max((p for p, at in r["quantiles"] if at <= us), default=0)
                for r in runs
            )
            / 100
            / total
        )

    for name, q in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
        at = next((us for us in candidates if share_within(us) >= q), candidates[-1])
        merged["latency_ms"][name] = at / 1000
    return merged


def errors_of(run):
    return run["errors"]["status"] + run["socket_errors"]


def delays(writes, kind, page):
    found = [w["delays"][page] for w in writes if w["kind"] == kind]
    seen = sorted(d for d in found if d is not None)
    return {
        "count": len(found),
        "missed": len(found) - len(seen),
        "p50": seen[len(seen) // 2] if seen else None,
        "max": seen[-1] if seen else None,
    }


def show(name, result):
    total = result["total"]
    p99 = ms(total["latency_ms"].get("p99"))
    say(f"     {total['rps']:8.1f} req/s  p99 {p99} ms  errors {total['errors']}")


def ms(value):
    if value is None:
        return "—"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def seconds(value):
    return "never" if value is None else f"{value:.2f}"


def render(report):
    calm, breaking = report["calm"], report["breaking"]
    lines = [
        f"# Breaking news, {report['started']}",
        "",
        f"{report['database']}, {report['articles']:,} articles; page cache in "
        f"{report['cache']}; gunicorn with {report['workers']} workers and the task "
        f"worker, {report['cores']} cores. Readers: "
        + ", ".join(f"{n} {name}" for name, n in report["readers"].items())
        + f" (wrk, one process each), {report['seconds']} s a run. Breaking: the "
        f"lead's headline edited every {report['edit_every']} s, a new story "
        f"every {report['story_every']} s, by the desk's services. Latency in ms.",
        "",
        "| run | class | req/s | p50 | p95 | p99 | errors | server CPU ms/req "
        "| load before/after | SYNs resent |",
        "|---|---|--:|--:|--:|--:|--:|--:|---|--:|",
    ]
    for name, result in (("calm", calm), ("breaking", breaking)):
        total = result["total"]
        cpu = 1000 * result["server_cpu_seconds"] / max(1, total["requests"])
        lines.append(
            f"| {name} | all | {total['rps']:.0f} | "
            + " | ".join(ms(total["latency_ms"].get(p)) for p in ("p50", "p95", "p99"))
            + f" | {total['errors']} | {cpu:.2f} | {result['load_before']} / "
            f"{result['load_after']} | {result['tcp'].get('TCPSynRetrans', '?')} |"
        )
        for cls, run_ in result["classes"].items():
            lines.append(
                f"| {name} | {cls} | {run_['rps']:.0f} | "
                + " | ".join(ms(run_["latency_ms"][p]) for p in ("p50", "p95", "p99"))
                + f" | {errors_of(run_)} | | | |"
            )
    writes = breaking["writes"]
    lines += [
        "",
        "Seconds from each write's commit to a reader's seeing it (the watcher "
        f"reads every {WATCH_EVERY} s):",
        "",
        "| write | count | home p50 | home max | article p50 | article max "
        "| never seen |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for kind, label in (("edit", "lead edited"), ("story", "new story")):
        home, article = delays(writes, kind, "home"), delays(writes, kind, "article")
        lines.append(
            f"| {label} | {home['count']} | {seconds(home['p50'])} | "
            f"{seconds(home['max'])} | {seconds(article['p50'])} | "
            f"{seconds(article['max'])} | {home['missed'] + article['missed']} |"
        )
    lines += ["", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {t} | {m} | {v} |" for t, m, v in targets(report)]
    return "\n".join(lines)


def targets(report):
    calm, breaking = report["calm"]["total"], report["breaking"]["total"]
    share = breaking["rps"] / calm["rps"] if calm["rps"] else 0
    p99 = breaking["latency_ms"].get("p99")
    errors = calm["errors"] + breaking["errors"]
    found = [d for w in report["breaking"]["writes"] for d in w["delays"].values()]
    slowest = None if None in found or not found else max(found)
    cdn = report["cdn_seconds"]

    def verdict(ok):
        return "met" if ok else "MISSED"

    return [
        (
            "breaking throughput ≥ 50% of calm",
            f"{share:.0%} ({breaking['rps']:.0f} / {calm['rps']:.0f} req/s)",
            verdict(share >= SHARE_OF_CALM),
        ),
        (
            f"breaking p99 ≤ {P99_MS} ms",
            f"{ms(p99)} ms",
            verdict(p99 is not None and p99 <= P99_MS),
        ),
        (
            "0 errors",
            f"{errors} (calm {calm['errors']}, breaking {breaking['errors']})",
            verdict(errors == 0),
        ),
        (
            f"every write visible ≤ {VISIBLE_SECONDS} s (behind a CDN: + up to "
            f"{cdn} s, NEWSROOM_CDN_SECONDS, unless purged)",
            f"{seconds(slowest)} s at most, {found.count(None)} never seen"
            if found
            else "no writes",
            verdict(slowest is not None and slowest <= VISIBLE_SECONDS),
        ),
    ]


if __name__ == "__main__":
    main()
