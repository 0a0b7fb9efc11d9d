"""What the benchmarks and the soak test share: configuration, databases,
wrk (gunicorn is ``bench.server``). Standard library only; Django runs in
subprocesses (``manage.py``, ``bench.probe``, gunicorn) with the environment
built here.
"""

import http.cookiejar
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
VAR = BENCH / "var"
PYTHON = sys.executable

# Settings the benchmark decides; inherited values would skew or break it.
CONTROLLED = (
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_HTTPS",
    "NEWSROOM_PAGE_CACHE_SECONDS",
    "NEWSROOM_MEDIA_ROOT",
    "GUNICORN_BIND",
    "PORT",
)


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value.replace("_", "")) if value else default


# The page types measured, in the order the tables show them.
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


@dataclass
class Config:
    articles: int = field(default_factory=lambda: env_int("BENCH_ARTICLES", 100_000))
    seconds: int = field(default_factory=lambda: env_int("BENCH_SECONDS", 10))
    connections: int = field(default_factory=lambda: env_int("BENCH_CONNECTIONS", 16))
    threads: int = field(default_factory=lambda: env_int("BENCH_THREADS", 2))
    # Light load: one request in flight, so latency is the time a request
    # takes rather than the time it queues or shares the two cores with
    # another (at saturation a closed-loop client measures connections /
    # throughput, Little's law).
    light_connections: int = field(
        default_factory=lambda: env_int("BENCH_LIGHT_CONNECTIONS", 1)
    )
    warmup: int = field(default_factory=lambda: env_int("BENCH_WARMUP_SECONDS", 5))
    # How many URLs of each type the cached runs spread over.
    hot_urls: int = field(default_factory=lambda: env_int("BENCH_HOT_URLS", 10))
    postgres_url: str = field(
        default_factory=lambda: (
            os.environ.get("BENCH_POSTGRES_URL")
            or os.environ.get("BENCH_DATABASE_URL", "")
        )
    )
    redis_url: str = field(
        default_factory=lambda: os.environ.get("BENCH_REDIS_URL", "")
    )
    # Empty: the databases named above (SQLite always, PostgreSQL if set);
    # "sqlite" or "postgresql" to run only one.
    only: str = field(default_factory=lambda: os.environ.get("BENCH_ONLY", ""))
    admin_user: str = field(
        default_factory=lambda: os.environ.get("BENCH_ADMIN_USER", "editor")
    )
    admin_password: str = field(
        default_factory=lambda: os.environ.get("BENCH_ADMIN_PASSWORD", "editor-demo")
    )
    # One key for the whole run: sessions made at login stay valid.
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))


@dataclass
class Database:
    label: str  # "sqlite" or "postgresql"
    url: str
    key: str  # names its files under bench/var

    @property
    def marker(self):
        return VAR / f"{self.key}.seeded.json"


def databases(config):
    found = []
    if config.only in ("", "sqlite"):
        path = VAR / f"sqlite-{config.articles}.sqlite3"
        found.append(
            Database("sqlite", f"sqlite:///{path}", f"sqlite-{config.articles}")
        )
    if config.postgres_url and config.only in ("", "postgresql"):
        name = urllib.parse.urlsplit(config.postgres_url).path.strip("/") or "pg"
        found.append(Database("postgresql", config.postgres_url, f"pg-{name}"))
    return found


def django_env(config, database, *, cache_seconds=None, redis_url=""):
    """Production settings on loopback, for ``database`` and the cache asked."""
    env = {k: v for k, v in os.environ.items() if k not in CONTROLLED}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=config.secret_key,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database.url,
        NEWSROOM_MEDIA_ROOT=str(VAR / "media"),
        LOG_LEVEL=os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    if cache_seconds is not None:
        env["NEWSROOM_PAGE_CACHE_SECONDS"] = str(cache_seconds)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def say(message=""):
    print(message, flush=True)


def manage(*args, env, quiet=False):
    say(f"  $ manage.py {' '.join(args)}")
    output = subprocess.DEVNULL if quiet else None
    subprocess.run(  # noqa: S603 (our own commands)
        [PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True, stdout=output
    )


def archive(articles, *, env):
    """The demo newsroom's archive: ``articles`` more (bench/archive.py)."""
    say(f"  $ python -m bench.archive {articles}")
    subprocess.run(  # noqa: S603 (our own commands)
        [PYTHON, "-m", "bench.archive", str(articles)], cwd=REPO, env=env, check=True
    )


def probe(task, *args, env):
    """Run ``bench.probe``; its last line of output is JSON."""
    return run_module("bench.probe", task, *args, env=env)


def run_module(module, task, *args, env):
    """``python -m MODULE TASK ARGS…`` in the project: its last line of
    output, read as JSON (None when it printed nothing); a failure stops the
    bench with what it said."""
    done = subprocess.run(  # noqa: S603 (our own commands)
        [PYTHON, "-m", module, task, *map(str, args)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{module} {task} failed")
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else None


# --- Databases --------------------------------------------------------------


def prepare(config, database):
    """Migrate and seed ``database`` with ``config.articles`` articles, unless a
    previous run already did (same number, same article count): reruns are quick.
    """
    # Seeding's tasks (the demo's re-indexing, its pictures' renditions) run
    # as it goes: no worker runs beside the benchmark's servers.
    env = {
        **django_env(config, database, cache_seconds=0),
        "NEWSROOM_TASKS": "immediate",
    }
    VAR.mkdir(parents=True, exist_ok=True)
    (VAR / "media").mkdir(exist_ok=True)
    say(f"\n== {database.label}: {database.url}")
    if database.label == "postgresql":
        check_postgres(database.url)
    recorded = read_marker(database)
    manage("migrate", "--noinput", env=env, quiet=True)
    # A database seeded by an earlier version may lack image renditions and
    # stored image sizes (pages would then open image files to measure them):
    # quick when nothing is missing.
    manage("make_renditions", env=env, quiet=True)
    if recorded and recorded.get("requested") == config.articles:
        current = probe("state", env=env)
        if current["articles"] == recorded["articles"]:
            say(f"  reusing the seeded database: {current['articles']:,} articles")
            return current
        say("  the seeded database changed since: seeding it again")
    reset(database, env)
    started = time.monotonic()
    manage("seed_demo", "--quiet", env=env)
    archive(config.articles, env=env)
    current = probe("state", env=env)
    current.update(
        requested=config.articles,
        seconds=round(time.monotonic() - started, 1),
    )
    database.marker.write_text(json.dumps(current, indent=2) + "\n")
    say(
        f"  seeded {current['articles']:,} articles "
        f"({current['published']:,} live) in {current['seconds']} s"
    )
    return current


def read_marker(database):
    try:
        return json.loads(database.marker.read_text())
    except (OSError, ValueError):
        return None


def reset(database, env):
    """Empty the database, so seeding starts from a known state."""
    database.marker.unlink(missing_ok=True)
    if database.label == "sqlite":
        path = Path(urllib.parse.urlsplit(database.url).path)
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
    else:
        # Not `flush`: it empties the tables data migrations filled (the
        # roles' permissions) and nothing fills them again.
        import psycopg

        with psycopg.connect(database.url, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
    manage("migrate", "--noinput", env=env, quiet=True)


def check_postgres(url):
    try:
        import psycopg
    except ImportError as error:
        raise SystemExit(
            "PostgreSQL asked for, but psycopg is not installed"
        ) from error
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as error:
        raise SystemExit(
            f"Cannot connect to {url}: {error}\n"
            "Create it first, e.g.: su postgres -c \"psql -c 'CREATE DATABASE "
            "newsroom_bench OWNER newsroom_ci'\""
        ) from error


def postgres_connections(url):
    """Connections to the database of ``url``, other than this one."""
    import psycopg

    with psycopg.connect(url, connect_timeout=5) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()
    return row[0]


def redis_available(url):
    if not url:
        return False, "BENCH_REDIS_URL not set"
    try:
        import redis  # noqa: F401 (Django's Redis cache backend needs it)
    except ImportError:
        return False, "the redis package is not installed in this environment"
    parts = urllib.parse.urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), 2).close()
    except OSError as error:
        return False, f"no Redis at {url}: {error}"
    return True, ""


def flush_redis(url):
    """Empty the Redis database of ``url``: a run starts with a cold cache."""
    import redis

    redis.Redis.from_url(url).flushdb()


def login_cookie(base_url, username, password):
    """Log in through the desk's login form; the Cookie header it leaves."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = f"{base_url}/admin/login/"
    with opener.open(login, timeout=10) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not token:
        raise SystemExit("No CSRF token on the login page")
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": password,
            "next": "/admin/",
        }
    ).encode()
    with opener.open(login, data=form, timeout=10):
        pass
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"Could not log in to the desk as {username!r}")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, dict(response.headers), response.read()


# --- wrk --------------------------------------------------------------------


def require_wrk():
    if shutil.which("wrk"):
        return
    sys.stderr.write(
        "wrk, the HTTP load generator, is not installed. Install it with\n"
        "    sudo apt-get install wrk      (Debian, Ubuntu)\n"
        "    brew install wrk              (macOS)\n"
        "and run this again.\n"
    )
    raise SystemExit(2)


def wrk(
    url, paths_file, *, seconds, connections, threads, headers=(), script="paths.lua"
):
    """Drive ``url`` with wrk over the paths in ``paths_file``: wrk's numbers,
    with latencies in milliseconds and requests per second added."""
    command = [
        "wrk",
        f"-t{max(1, min(threads, connections))}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(BENCH / "wrk" / script),
    ]
    for header in headers:
        command += ["-H", header]
    command += [url, "--", str(paths_file)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    line = next(
        (x for x in done.stdout.splitlines() if x.startswith("WRK_JSON ")), None
    )
    if done.returncode or line is None:
        raise SystemExit(f"wrk failed:\n{done.stdout}\n{done.stderr}")
    result = json.loads(line.removeprefix("WRK_JSON "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["latency_ms"] = {k: v / 1000 for k, v in result["latency_us"].items()}
    result["socket_errors"] = sum(
        v for k, v in result["errors"].items() if k != "status"
    )
    return result
