"""``make bench-live``: readers following a live blog while entries are posted.

The issue's proof that polling scales on one two-core machine: gunicorn with
the repository's settings (sync workers, the page cache on) serves the demo
newsroom's live blog; ``BENCH_LIVE_READERS`` simulated readers (2,000 by
default) poll its updates every ``articles.live_pages.POLL_SECONDS`` as the
page's script does (the cursor it was given, ``If-None-Match`` with the last
ETag: a 304 when nothing changed), while a poster process
(``python -m bench.live post``) posts an entry every
``BENCH_LIVE_POST_EVERY`` seconds for ``BENCH_LIVE_SECONDS``. Reported: the
delay from each entry's commit to each reader's seeing it (p50, p95, max),
requests per second and their statuses, the server's CPU (gunicorn's master
and workers, from /proc) and errors, which must be none. The results go to
``bench/var/results/live-*.json``; docs/performance.md records a run.

The readers are asyncio tasks over plain sockets (HTTP/1.1, one request per
connection as sync gunicorn workers answer), in this process: no client
library is needed for a GET and a status line. The figures include their
own CPU's share of the same two cores, so they are if anything pessimistic.
"""

import asyncio
import datetime
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import Counter

from bench.common import PYTHON, REPO, VAR, Config, Database, env_int, say
from bench.common import django_env as bench_env
from bench.server import Server

READERS = env_int("BENCH_LIVE_READERS", 2000)
SECONDS = env_int("BENCH_LIVE_SECONDS", 120)
POST_EVERY = env_int("BENCH_LIVE_POST_EVERY", 5)
POLL = env_int("BENCH_LIVE_POLL_SECONDS", 4)  # articles.live_pages.POLL_SECONDS
LIVE_BLOG = "/europe-news/storm-ines-live-gales-and-floods-on-the-west-coast/"
CURSOR = re.compile(rb'data-live-cursor="(\d+)"')


def main():
    config = Config()
    database = Database(
        "sqlite", f"sqlite:///{VAR / 'live-bench.sqlite3'}", "live-bench"
    )
    env = django_env(config, database)
    prepare(env)
    load_before = round(os.getloadavg()[0], 2)
    with Server(env, "live-bench") as server:
        say(f"  gunicorn on {server.url}, workers {server.workers()}")
        cursor = initial_cursor(server.url)
        poster = subprocess.Popen(  # noqa: S603 (our own command)
            [PYTHON, "-m", "bench.live", "post", str(SECONDS), str(POST_EVERY)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        cpu_before, started = server.cpu_seconds(), time.monotonic()
        own_before = time.process_time()
        result = asyncio.run(follow(server, cursor, poster))
        elapsed = time.monotonic() - started
        cpu = server.cpu_seconds() - cpu_before
        own = time.process_time() - own_before
        poster.wait()
    result.update(
        readers=READERS,
        seconds=round(elapsed, 1),
        post_every=POST_EVERY,
        poll_seconds=POLL,
        server_cpu_cores=round(cpu / elapsed, 2),
        readers_cpu_cores=round(own / elapsed, 2),
        load_before=load_before,
        cores=os.cpu_count(),
        load_after=round(os.getloadavg()[0], 2),
    )
    show(result)
    out = VAR / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S")
    (out / f"live-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
    if result["errors"] or result["missed"]:
        raise SystemExit("errors or missed entries: see above")


def django_env(config, database):
    """Production settings, the page cache as configured by default; tasks
    (the re-index after each entry) run in the request, no worker beside."""
    return {**bench_env(config, database), "NEWSROOM_TASKS": "immediate"}


def prepare(env):
    VAR.mkdir(parents=True, exist_ok=True)
    say("== live blog under polling readers")
    for args in (["migrate", "--noinput"], ["seed_demo", "--quiet"]):
        subprocess.run(  # noqa: S603 (our own commands)
            [PYTHON, "manage.py", *args],
            cwd=REPO,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=REPO,
        env=env,
        check=True,
    )


def initial_cursor(base_url):
    with urllib.request.urlopen(base_url + LIVE_BLOG, timeout=10) as page:  # noqa: S310
        return int(CURSOR.search(page.read()).group(1))


# --- The readers ---------------------------------------------------------------


async def follow(server, cursor, poster):
    posted = {}  # entry id -> commit time (time.time())
    seen = {}  # (reader, entry id) -> when seen
    statuses, errors = Counter(), Counter()
    answered = []  # seconds each request took, asked to answered
    done = asyncio.Event()
    host, port = "127.0.0.1", server.port

    async def read_poster():
        loop = asyncio.get_running_loop()
        while True:
            line = await loop.run_in_executor(None, poster.stdout.readline)
            if not line:
                break
            entry_id, at = line.split()
            posted[int(entry_id)] = float(at)
        # The last entry has its poll interval and cache time to arrive.
        await asyncio.sleep(POLL + 8)
        done.set()

    async def reader(number):
        # A browser revalidates what it holds for the same address: the
        # ETag of the last answer, while the cursor (the address) is the same.
        mine, held = cursor, (None, None)
        await asyncio.sleep(random.uniform(0, POLL))  # noqa: S311 (not crypto)
        while not done.is_set():
            asked = time.monotonic()
            path = f"{LIVE_BLOG}updates/?after={mine}"
            etag = held[1] if held[0] == path else None
            try:
                status, headers, body = await get(host, port, path, etag)
            except (TimeoutError, OSError, ValueError) as error:
                errors[type(error).__name__] += 1
            else:
                statuses[status] += 1
                answered.append(time.monotonic() - asked)
                if status == 200:
                    data = json.loads(body)
                    now = time.time()
                    for entry in data.get("entries", []):
                        seen.setdefault((number, entry["id"]), now)
                    held = (path, headers.get(b"etag"))
                    mine = data["cursor"]
                elif status != 304:
                    errors[f"HTTP {status}"] += 1
            wait = POLL - (time.monotonic() - asked)
            await asyncio.sleep(max(0.0, wait))

    await asyncio.gather(read_poster(), *(reader(n) for n in range(READERS)))
    delays = [
        at - posted[entry] for (_reader, entry), at in seen.items() if entry in posted
    ]
    expected = len(posted) * READERS
    return {
        "entries_posted": len(posted),
        "deliveries": len(delays),
        "missed": expected - len(delays),
        "delay_seconds": summary(delays),
        "statuses": {str(k): v for k, v in statuses.items()},
        # A reader polls again POLL seconds after it asked, or at once when
        # the answer took longer: slow answers stretch the interval.
        "response_seconds": summary(answered),
        "errors": dict(errors),
    }


async def get(host, port, path, etag):
    """One GET on a connection of its own: (status, headers, body)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 10)
    try:
        request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n"
        if etag:
            request += f"If-None-Match: {etag.decode()}\r\n"
        writer.write((request + "\r\n").encode())
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), 20)
    finally:
        writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def summary(values):
    if not values:
        return {}
    ordered = sorted(values)
    return {
        "p50": round(statistics.median(ordered), 2),
        "p95": round(ordered[int(len(ordered) * 0.95) - 1], 2),
        "max": round(ordered[-1], 2),
    }


def show(result):
    delay = result["delay_seconds"]
    requests = sum(result["statuses"].values())
    say(
        f"\n  {result['readers']:,} readers, {result['entries_posted']} entries "
        f"(one every {result['post_every']} s) over {result['seconds']} s"
    )
    say(
        f"  post to reader: p50 {delay.get('p50')} s, p95 {delay.get('p95')} s, "
        f"max {delay.get('max')} s ({result['deliveries']:,} deliveries, "
        f"{result['missed']} missed)"
    )
    say(
        f"  {requests / result['seconds']:.0f} requests/s, statuses "
        f"{result['statuses']}; errors {result['errors'] or 'none'}"
    )
    answered = result["response_seconds"]
    say(
        f"  answered in p50 {answered.get('p50')} s, p95 {answered.get('p95')} s, "
        f"max {answered.get('max')} s (each reader asks every {result['poll_seconds']}"
        " s, or at once after a slower answer)"
    )
    say(
        f"  server CPU: {result['server_cpu_cores']} of {result['cores']} cores, "
        f"the readers' own {result['readers_cpu_cores']} (load average "
        f"{result['load_before']} before, {result['load_after']} after)"
    )


# --- The poster ----------------------------------------------------------------


def post(seconds, every):
    """Post an entry every ``every`` seconds for ``seconds``, through the
    service, printing each one's id and commit time. Django is set up here,
    in the poster's own process, not when the bench imports this module."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from articles import live_blogs
    from articles.models import Article

    editor = get_user_model().objects.get(username="editor")
    article = Article.objects.get(is_live_blog=True)
    if article.coverage_ended_at:
        Article.objects.filter(pk=article.pk).update(coverage_ended_at=None)
        article.refresh_from_db()
    end = time.monotonic() + seconds
    number = 0
    while time.monotonic() < end:
        number += 1
        # One write of its own: committed when it returns.
        entry = live_blogs.post_entry(
            article, by=editor, body=f"<p>Bench update {number}.</p>"
        )
        print(entry.pk, time.time(), flush=True)
        time.sleep(every)


if __name__ == "__main__":
    if sys.argv[1:2] == ["post"]:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
        sys.path.insert(0, str(REPO))
        post(int(sys.argv[2]), int(sys.argv[3]))
    else:
        main()
