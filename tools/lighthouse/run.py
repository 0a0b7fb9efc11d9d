"""`make lighthouse`: Lighthouse's four scores for the demo newsroom's home,
category and article pages, served as in production.

The demo newsroom (``seed_demo``) is built in a database and media folder of
its own in a temporary directory, so a run neither depends on nor changes the
developer's data. It is served by gunicorn with ``DEBUG`` off (compressed,
hashed static files through whitenoise, the real security headers) on
127.0.0.1. Lighthouse comes from the npm registry (pinned in
``tools/lighthouse/package.json``, installed on first use) and drives the
system's Chromium (``CHROME_PATH``, else ``NEWSROOM_CHROMIUM``, else
``chromium`` on the PATH), with its default mobile profile: an emulated
mid-range phone on a throttled network and CPU.

Each page is measured ``LIGHTHOUSE_RUNS`` times (default 3) and the median
score of each category is printed, then the metrics behind the last run's
performance score and the bytes it moved (the HTML's as sent and as read:
compression); the reports are written to ``test-artifacts/lighthouse/``.
"""

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOL = Path(__file__).resolve().parent
LIGHTHOUSE = TOOL / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "test-artifacts" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {
    "FCP": "first-contentful-paint",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
    "Speed Index": "speed-index",
}
# Lighthouse now and then fails to record a page load's trace on a loaded
# machine (NO_NAVSTART); such a run is tried again, this many times.
RETRIES = 2


def chrome_path():
    for candidate in (
        os.environ.get("CHROME_PATH"),
        os.environ.get("NEWSROOM_CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("No Chromium: install Debian's chromium or set CHROME_PATH.")


def chrome_flags():
    flags = ["--headless=new", "--disable-gpu", "--no-first-run"]
    if os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium's sandbox cannot start as root.
    return " ".join(flags)


def install_lighthouse():
    wanted = json.loads((TOOL / "package.json").read_text())["dependencies"]
    installed = TOOL / "node_modules" / "lighthouse" / "package.json"
    if installed.exists():
        version = json.loads(installed.read_text())["version"]
        if version == wanted["lighthouse"]:
            return
    print(f"Installing lighthouse {wanted['lighthouse']} from npm...", flush=True)
    subprocess.run(["npm", "install", "--no-save"], cwd=TOOL, check=True)  # noqa: S607


def manage(env, *args):
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True
    )


def demo_environment(workdir):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        NEWSROOM_MEDIA_ROOT=str(workdir / "media"),
    )
    env.pop("REDIS_URL", None)
    # gunicorn.conf.py, as deployed, with two workers and no access log.
    env.update(WEB_CONCURRENCY="2", GUNICORN_ACCESSLOG="off")
    return env


def pages_to_measure(env):
    """The home page, the first menu category and its newest article."""
    script = (
        "import json\n"
        "from articles.models import Article, Category\n"
        "category = Category.objects.in_menu().first()\n"
        "article = Article.objects.published().filter(category=category)"
        ".order_by('-published_at').first()\n"
        "print(json.dumps({'home': '/', 'category': category.get_absolute_url(),"
        " 'article': article.get_absolute_url()}))\n"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def wait_until_up(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"The demo server did not answer at {url}.")


def measure(url, name, chrome):
    """One Lighthouse run: its report."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    output = REPORTS / name
    for attempt in range(RETRIES + 1):
        finished = subprocess.run(  # noqa: S603
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                "--output=html",
                f"--output-path={output}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={chrome_flags()}",
            ],
            env={**os.environ, "CHROME_PATH": chrome},
            check=attempt == RETRIES,
        )
        if finished.returncode == 0:
            break
        print("Lighthouse failed; trying again.", flush=True)
    return json.loads(output.with_suffix(".report.json").read_text())


def scores_of(report):
    """The score (0-100) of each category."""
    return {
        category: round(report["categories"][category]["score"] * 100)
        for category in CATEGORIES
    }


def metrics_of(report):
    """What the performance score is made of, as Lighthouse words it, and
    the bytes transferred: the whole page's, and the HTML's as sent and as
    read."""
    audits = report["audits"]
    found = {label: audits[audit]["displayValue"] for label, audit in METRICS.items()}
    found["transferred"] = (
        f"{audits['total-byte-weight']['numericValue'] / 1024:.0f} KiB"
    )
    requests = audits["network-requests"]["details"]["items"]
    html = next(item for item in requests if item.get("resourceType") == "Document")
    found["HTML"] = (
        f"{html['transferSize'] / 1024:.0f} of {html['resourceSize'] / 1024:.0f} KiB"
    )
    found["CPU index"] = str(round(report["environment"]["benchmarkIndex"]))
    return {label: value.replace("\xa0", " ") for label, value in found.items()}


def main():
    chrome = chrome_path()
    install_lighthouse()
    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
    port = os.environ.get("LIGHTHOUSE_PORT", "8765")
    base = f"http://127.0.0.1:{port}"

    with tempfile.TemporaryDirectory(prefix="newsroom-lighthouse-") as directory:
        env = demo_environment(Path(directory))
        print("Building the demo newsroom...", flush=True)
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "seed_demo", "--verbosity", "0")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        pages = pages_to_measure(env)

        server = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "newsroom.wsgi",
                f"--bind=127.0.0.1:{port}",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            wait_until_up(f"{base}/healthz")
            results, last = {}, {}
            for name, path in pages.items():
                print(f"Measuring {name} ({path}), {runs} run(s)...", flush=True)
                reports = [measure(base + path, name, chrome) for _ in range(runs)]
                scores = [scores_of(report) for report in reports]
                results[name] = {
                    category: round(statistics.median(s[category] for s in scores))
                    for category in CATEGORIES
                }
                last[name] = metrics_of(reports[-1])
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

    print()
    header = f"{'page':<10}" + "".join(f"{category:>16}" for category in CATEGORIES)
    print(header)
    print("-" * len(header))
    for name, scores in results.items():
        print(f"{name:<10}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
    print("\nThe last run's metrics (CPU index: Lighthouse's benchmark of the machine)")
    labels = list(next(iter(last.values())))
    print(f"{'page':<10}" + "".join(f"{label:>16}" for label in labels))
    for name, metrics in last.items():
        print(f"{name:<10}" + "".join(f"{metrics[label]:>16}" for label in labels))
    print(f"\nMedian of {runs} run(s) each; reports in {REPORTS.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
