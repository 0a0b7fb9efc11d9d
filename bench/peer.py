"""The benchmark's peer: Wagtail's news template, installed in ``bench/var/peer``.

``BENCH_PEER=wagtail`` makes ``make bench`` measure it page type by page
type against the newsroom (``bench.versus``). Nothing of it is committed:
its virtualenv, its project and its database live under ``bench/var/peer``.

- **The template**: ``BENCH_PEER_TEMPLATE``, what ``wagtail start
  --template=`` takes (a directory or a zip's address), by default the
  template's own address on GitHub, or ``bench/var/peer/news-template`` when
  a copy is there (a machine without GitHub). The project is made from it
  exactly as its README says (``wagtail start --template=...``), with its
  migrations made when the template ships none for an app.
- **Its virtualenv** (``bench/var/peer/venv``): Wagtail 8 (``BENCH_PEER_WAGTAIL``)
  with the Django, gunicorn and whitenoise our own virtualenv has, so that
  the framework and the server are the same on both sides and only the CMS
  differs. The template pins Django 6.0, which needs Python 3.12: on an older
  Python the peer runs on our Django 5.2, which Wagtail 8 supports.
- **A fair configuration** (``peer/settings/bench.py``, written here): its
  production settings with the cache in local memory instead of the SQLite
  database cache it ships with (which writes to the database on every view),
  and persistent connections as it ships.
- **The same newsroom**: ``bench/peer_seed.py`` gives it as many articles as
  our bench database holds, from the same stories and pictures.

Whatever fails (no network for the template, a package missing) is said in
the output and the peer column is left out: ``install`` returns the reason.
"""

import json
import os
import shutil
import subprocess
import sys

from bench.common import REPO, VAR, say
from bench.server import Server

PEER = VAR / "peer"
VENV = PEER / "venv"
PEER_PYTHON = VENV / "bin" / "python"
TEMPLATE_URL = "https://github.com/wagtail/news-template/archive/refs/heads/main.zip"
LOCAL_TEMPLATE = PEER / "news-template"
WAGTAIL = os.environ.get("BENCH_PEER_WAGTAIL", "wagtail>=8.0,<8.1")
APPS = ("home", "images", "navigation", "news", "standardpages", "users", "utils")

BENCH_SETTINGS = '''"""Written by the newsroom's bench (bench/peer.py): the template's
production settings, with the cache in local memory (a fair peer), on loopback."""
import os

from .production import *  # noqa

SECRET_KEY = "bench-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DATABASES["default"]["NAME"] = os.environ["PEER_DATABASE"]  # noqa: F405
LOGGING["loggers"]["wagtail"]["level"] = "WARNING"  # noqa: F405
'''


class Peer:
    """The peer's project for ``articles`` articles: set up, seeded, served."""

    def __init__(self, articles):
        self.articles = articles
        self.site = PEER / f"site-{articles}"
        self.database = PEER / f"site-{articles}.sqlite3"
        self.marker = PEER / f"site-{articles}.seeded.json"

    def env(self):
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO", "DATABASE", "NEWSROOM", "REDIS"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="peer.settings.bench",
            PEER_DATABASE=str(self.database),
            MEDIA_ROOT=str(PEER / "media"),
            PYTHONDONTWRITEBYTECODE="1",
        )
        return env

    def manage(self, *args, quiet=True):
        subprocess.run(  # noqa: S603 (the peer's own manage.py)
            [str(PEER_PYTHON), "manage.py", *args],
            cwd=self.site,
            env=self.env(),
            check=True,
            stdout=subprocess.DEVNULL if quiet else None,
        )

    def install(self):
        """Make the peer ready to serve; None, or why it cannot be."""
        try:
            self._venv()
            if self._seeded():
                say(f"  peer: reusing {self.site.relative_to(REPO)}")
                return None
            self._project()
            self._seed()
        except (OSError, subprocess.CalledProcessError) as error:
            return f"{type(error).__name__}: {error}"
        return None

    def _venv(self):
        if not PEER_PYTHON.exists():
            say(f"  peer: a virtualenv in {VENV.relative_to(REPO)}")
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)  # noqa: S603
        ours = {}
        for name in ("django", "gunicorn", "whitenoise"):
            done = subprocess.run(  # noqa: S603
                [sys.executable, "-m", "pip", "show", name],
                capture_output=True,
                text=True,
                check=True,
            )
            ours[name] = next(
                line.split()[-1]
                for line in done.stdout.splitlines()
                if line.startswith("Version:")
            )
        wanted = [WAGTAIL, "dj-database-url"] + [f"{k}=={v}" for k, v in ours.items()]
        say(f"  peer: pip install {' '.join(wanted)}")
        subprocess.run(  # noqa: S603
            [str(PEER_PYTHON), "-m", "pip", "install", "-q", *wanted],
            check=True,
        )

    def template(self):
        chosen = os.environ.get("BENCH_PEER_TEMPLATE")
        if chosen:
            return chosen
        return str(LOCAL_TEMPLATE) if LOCAL_TEMPLATE.is_dir() else TEMPLATE_URL

    def _project(self):
        shutil.rmtree(self.site, ignore_errors=True)
        self.database.unlink(missing_ok=True)
        self.site.mkdir(parents=True)
        template = self.template()
        say(f"  peer: wagtail start --template={template}")
        subprocess.run(  # noqa: S603
            [
                str(VENV / "bin" / "wagtail"),
                "start",
                f"--template={template}",
                "peer",
                str(self.site),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (self.site / "peer" / "settings" / "bench.py").write_text(BENCH_SETTINGS)
        shipped = [
            app
            for app in APPS
            if any((self.site / "peer" / app / "migrations").glob("0*.py"))
        ]
        missing = [app for app in APPS if app not in shipped]
        if missing:
            say(f"  peer: making the migrations it lacks ({', '.join(missing)})")
            self.manage("makemigrations", *missing)
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")

    def _seed(self):
        say(f"  peer: seeding {self.articles:,} articles (Wagtail's add_child)")
        subprocess.run(  # noqa: S603
            [
                str(PEER_PYTHON),
                str(REPO / "bench" / "peer_seed.py"),
                str(self.articles),
                str(REPO / "demo" / "newsroom.json"),
                str(REPO / "demo" / "images"),
            ],
            cwd=self.site,
            env=self.env(),
            check=True,
        )
        self.marker.write_text(json.dumps({"articles": self.articles}) + "\n")

    def _seeded(self):
        try:
            recorded = json.loads(self.marker.read_text())
        except (OSError, ValueError):
            return False
        return recorded.get("articles") == self.articles and self.database.exists()

    def paths(self, searches):
        """{page type: [path]}: the peer's pages of the types both sites
        have, and the same searches as ours."""
        script = (
            "import json\n"
            "from peer.news.models import ArticlePage\n"
            "from peer.utils.models import ArticleTopic\n"
            "urls = list(ArticlePage.objects.live().order_by('?')"
            ".values_list('url_path', flat=True)[:2000])\n"
            "topics = list(ArticleTopic.objects.values_list('slug', flat=True))\n"
            "print(json.dumps([urls, topics]))\n"
        )
        done = subprocess.run(  # noqa: S603
            [str(PEER_PYTHON), "manage.py", "shell", "-c", script],
            cwd=self.site,
            env=self.env(),
            capture_output=True,
            text=True,
            check=True,
        )
        urls, topics = json.loads(done.stdout.strip().splitlines()[-1])
        # url_path is the tree's: /home/news/slug/; the site's root is /home/.
        articles = [u.removeprefix("/home") for u in urls]
        category = [f"/news/?topic={t}" for t in topics]
        category += [f"/news/?topic={t}&page={n}" for t in topics for n in (2, 5)]
        search = [f"/search/?query={q}" for q in searches]
        return {
            "home": ["/"],
            "category": category,
            "article": articles,
            "search": search,
        }

    def server(self, log_name):
        return Server(
            self.env(),
            log_name,
            python=str(PEER_PYTHON),
            cwd=self.site,
            app="peer.wsgi:application",
            health="/",
        )
