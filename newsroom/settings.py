"""Settings for the newsroom.

Everything an operator may change comes from the environment; the defaults are
safe for a laptop: SQLite, local media, local-memory cache, console e-mail,
debug off unless asked for.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from newsroom import body_extensions, embeds

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


# --- Core -------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", False)

# Without DJANGO_SECRET_KEY a development key is used: fine on a laptop, and
# flagged by `manage.py check --deploy` so it never reaches production unnoticed.
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "django-insecure-local-development-key-change-me"
)
# Earlier keys, while rotating to a new one: sessions, preview links and
# confirmation links signed with them keep working until they expire.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "reversion",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_prose_editor",
    "csp",
    "axes",
    "solo",
    "newsroom",
    "library",
    "authors",
    "articles",
    "newsletter",
    "contact",
    "imports",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Gzips public pages, cached or not; never the desk nor any page with a
    # CSRF token or for a logged-in user (BREACH): see its docstring. Below
    # whitenoise, whose static files are compressed (gzip, brotli) already.
    "newsroom.page_cache.PublicGZipMiddleware",
    "newsroom.outage.DatabaseOutageMiddleware",
    # Before sessions and everything else: a cached page costs no more.
    "newsroom.page_cache.PageCacheMiddleware",
    "articles.redirects.MovedAddressMiddleware",  # a 404 at an old address: a 301
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.middleware.ContentSecurityPolicyMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site_chrome",
                "articles.context_processors.news_chrome",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------

# Connections kept between requests, checked before reuse (a new SQLite one: 0.7 ms).
_DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
_DB = dj_database_url.parse(_DATABASE_URL, conn_max_age=600, conn_health_checks=True)
DATABASES = {"default": _DB}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's psycopg 3 pool (no persistent connections with it), JIT off: a
    # tag page spent 67 ms compiling a plan for 8.5 ms of work (performance.md).
    if pooled := env_bool("DATABASE_POOL", True):
        DATABASES["default"]["CONN_MAX_AGE"] = 0
    _DB.setdefault("OPTIONS", {}).update(pool=pooled, options="-c jit=off")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Every transaction takes the write lock as it begins, so writers
            # queue for it instead of failing: a transaction begun as a reader
            # cannot become a writer once another has written (SQLite answers
            # "database is locked" at once), and select_for_update() does
            # nothing on SQLite. Pages that only read open no transaction.
            "transaction_mode": "IMMEDIATE",
            # Seconds a writer waits for the lock before giving up with the
            # 503 page. A desk save holds the lock for well under a second, so
            # a dozen at once queue for a few seconds at most; 20 leaves room
            # for a slow disk and stays under gunicorn's 30 s worker timeout,
            # so a writer that truly cannot get in is told, not killed.
            "timeout": 20,
            # WAL: readers read the last committed state while a writer
            # writes, and never wait for it. synchronous=NORMAL is WAL's
            # durable-enough setting: a crash of the app loses nothing, a
            # power cut at most the last commits, never the database.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------

_LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
_BOUNDED = {"MAX_ENTRIES": 5000}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # django-redis, failing soft: a Redis that is down costs speed,
            # never a page; one that hangs costs one request a timeout, then
            # is left alone a few seconds (newsroom.cache, which logs it).
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": _LOCMEM, "OPTIONS": _BOUNDED}}
CACHES["default"]["KEY_PREFIX"] = os.environ.get("NEWSROOM_CACHE_PREFIX", "newsroom")
# Partials keyed by what they show, so never expired (newsroom.fragments): each
# process's own memory (a card is some 2 KB), whatever the default cache is.
_FRAGMENTS = {"LOCATION": "fragments", "TIMEOUT": None, "OPTIONS": _BOUNDED}
CACHES["fragments"] = {"BACKEND": _LOCMEM, **_FRAGMENTS}

# The site settings (django-solo) are read from the cache on every page, not
# from the database; a save files the new row at once (newsroom.models). The
# timeout bounds how long another worker's copy lasts when each worker has a
# cache of its own (no REDIS_URL, newsroom.W003).
SOLO_CACHE = "default"
SOLO_CACHE_TIMEOUT = 60
# The desk's site settings list opens the one row at its own address (newsroom.admin).
SOLO_ADMIN_SKIP_OBJECT_LIST_PAGE = False

# Whole public pages for anonymous readers (newsroom.page_cache); 0 turns it
# off. A change makes the pages showing it stale at once (newsroom.page_keys);
# another process sees it within the recheck interval.
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "300"))
NEWSROOM_GENERATION_RECHECK_SECONDS = float(
    os.environ.get("NEWSROOM_GENERATION_RECHECK_SECONDS", "1")
)
# A CDN may keep public pages this long (s-maxage, never past the next
# go-live), then serve one stale while it refetches; it is told what to purge
# (newsroom.cdn: BACKEND log, cloudflare, fastly, cloudfront or off).
NEWSROOM_CDN_SECONDS = int(os.environ.get("NEWSROOM_CDN_SECONDS", "5"))
NEWSROOM_CDN_STALE_SECONDS = int(os.environ.get("NEWSROOM_CDN_STALE_SECONDS", "30"))
NEWSROOM_CDN_PURGE = {
    name: os.environ.get(f"NEWSROOM_CDN_PURGE_{name}", "")
    for name in ("BACKEND", "TARGET", "TOKEN", "ENDPOINT")
}

# --- Auth -------------------------------------------------------------------

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# django-axes first: it refuses a locked-out login before any password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = os.environ.get("NEWSROOM_LANGUAGE", "en-us")
# The newsroom's own zone: dates on the site and times in the admin use it.
TIME_ZONE = os.environ.get("NEWSROOM_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

# --- Static files and media -------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("NEWSROOM_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("NEWSROOM_MEDIA_ROOT", BASE_DIR / "media"))
NEWSROOM_IMPORT_DIR = os.environ.get("NEWSROOM_IMPORT_DIR", "")  # imports.uploads

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Compressed files with hashed names, served by whitenoise.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# django-imagekit (newsroom.renditions) readies an RQ job as it is imported
# wherever django-rq is installed (django-tasks-rq brings it), and django-rq
# then insists on a "default" queue. Tasks on RQ name the real one (below);
# otherwise nothing ever connects to this one.
RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/0"}}

# Local media is served by Django itself unless an operator puts it elsewhere.
SERVE_MEDIA = env_bool("NEWSROOM_SERVE_MEDIA", True)

# Media on S3-compatible object storage (AWS S3, MinIO, R2, ...) through
# django-storages, when a bucket is named. Credentials come the way boto3
# looks for them (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or a role).
if os.environ.get("NEWSROOM_S3_BUCKET"):
    STORAGES["default"] = {
        # django-storages' S3Storage, with Cache-Control per object.
        "BACKEND": "newsroom.s3.MediaStorage",
        "OPTIONS": {
            "bucket_name": os.environ["NEWSROOM_S3_BUCKET"],
            "endpoint_url": os.environ.get("NEWSROOM_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("NEWSROOM_S3_REGION") or None,
            # Public images at plain URLs (a CDN domain if given), never
            # overwritten: a new upload gets a new name.
            "custom_domain": os.environ.get("NEWSROOM_MEDIA_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    SERVE_MEDIA = False

# --- E-mail -----------------------------------------------------------------

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "desk@localhost")
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")  # the SMTP backend's
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10

# --- Background tasks -------------------------------------------------------

# Mail (and, later, other slow work) goes through Django's tasks framework
# (the django-tasks backport of Django 6's django.tasks), so a request never
# waits on SMTP. NEWSROOM_TASKS picks where tasks wait and run:
#   database   (default) a table in the site's own database, run by
#              `manage.py db_worker` (`make run` starts one beside the server);
#   rq         Redis (NEWSROOM_TASKS_REDIS_URL, else REDIS_URL), run by
#              `manage.py rqworker` on as many machines as needed. Chosen,
#              never inferred from REDIS_URL: a Redis set up only as the
#              cache has no worker reading it, and mail would wait unseen;
#   immediate  in the request that asked, as before tasks: for a laptop
#              without a worker (and the tests), never for production.
NEWSROOM_TASKS = os.environ.get("NEWSROOM_TASKS", "database").strip().lower()
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if NEWSROOM_TASKS not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"NEWSROOM_TASKS is {NEWSROOM_TASKS!r}; use one of {', '.join(TASK_BACKENDS)}."
    )
# RQ's Redis: the cache's unless given. A Redis that evicts keys when full
# (a cache's usual maxmemory-policy) may evict queued mail too: give the
# queue one that does not.
TASKS_REDIS_URL = os.environ.get("NEWSROOM_TASKS_REDIS_URL") or os.environ.get(
    "REDIS_URL"
)
if NEWSROOM_TASKS == "rq" and not TASKS_REDIS_URL:
    raise ImproperlyConfigured(
        "NEWSROOM_TASKS=rq needs REDIS_URL (or NEWSROOM_TASKS_REDIS_URL)."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[NEWSROOM_TASKS]}}
# The database backend's table exists whichever backend runs, so switching
# backends never leaves a migration behind. Neither backend's pages join the
# desk (newsroom.tasks, RQ_SHOW_ADMIN_LINK).
INSTALLED_APPS += ["django_tasks", "newsroom.tasks.DatabaseTasksConfig"]
if TASKS_REDIS_URL:
    # django-rq reads its queues from here; its worker also runs deferred
    # tasks (the retries) when started with --with-scheduler.
    RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL, "DEFAULT_TIMEOUT": 300}}
RQ_SHOW_ADMIN_LINK = False
if NEWSROOM_TASKS == "rq":
    # For its worker command. Its one model has no table (it is a hook for
    # an admin page), so `dumpdata` needs `--exclude django_rq` with it.
    INSTALLED_APPS += ["django_rq"]
# A failed workflow notification is tried again this many times in all, later
# each time (articles.notifications), where the backend can run a task later.
NEWSROOM_NOTIFICATION_ATTEMPTS = int(
    os.environ.get("NEWSROOM_NOTIFICATION_ATTEMPTS", "4")
)

# --- Security ---------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
# The CSRF cookie stays script-readable (Django's default; HttpOnly adds nothing).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_HTTPS", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Only marks the header as fit for browsers' preload lists (as
    # cookiecutter-django does); joining a list is a separate, manual step.
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)

# Content-Security-Policy (django-csp). Public pages run our own static
# scripts and styles only; the hashes of a page's JSON-LD blocks are added to
# script-src as it renders them (articles.templatetags.seo); frames come only
# from embeds' providers (newsroom.embeds). The desk (/admin/): newsroom.middleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "frame-src": embeds.FRAME_ORIGINS,
        "form-action": [SELF],
    },
}
# Browser features no page of ours uses, switched off for every page.
NEWSROOM_PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "autoplay": "()",
    "browsing-topics": "()",
    "camera": "()",
    "display-capture": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "interest-cohort": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "usb": "()",
}

# --- Login throttling (django-axes) -----------------------------------------

# A desk login locks after this many failures in a row for the same login
# name from the same address, for the cool-off time. Keyed on both, so a
# stranger guessing one journalist's password does not lock the newsroom's
# shared office address out, nor everyone else out of that login.
# An IPv6 client counts as its /64, as the forms' throttles count it: it may
# pick any address in it, so each would otherwise bring five more guesses.
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSROOM_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("NEWSROOM_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# The same client as the other throttles (proxies counted alike, IPv6 by /64).
AXES_CLIENT_IP_CALLABLE = "newsroom.throttle.client_ip_address"

# --- Third-party apps -------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
TAGGIT_CASE_INSENSITIVE = True
# Tags typed anywhere are read in NFC: "Café" is one tag however typed.
TAGGIT_TAGS_FROM_STRING = "newsroom.text.parse_tags"
DJANGO_PROSE_EDITOR_EXTENSIONS = body_extensions.EXTENSIONS

# --- Newsroom ---------------------------------------------------------------

# Uploaded images (newsroom.uploads): the largest file and picture accepted.
NEWSROOM_UPLOAD_MAX_BYTES = int(
    os.environ.get("NEWSROOM_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024))
)
NEWSROOM_UPLOAD_MAX_PIXELS = int(
    os.environ.get("NEWSROOM_UPLOAD_MAX_PIXELS", "40000000")
)

# Words a reader reads per minute, for "N Mins Read".
NEWSROOM_WORDS_PER_MINUTE = 230
NEWSROOM_PAGE_SIZE = 12
# The language PostgreSQL's full-text search stems words in ("english",
# "simple"...); run `manage.py rebuild_search_index` after changing it.
NEWSROOM_SEARCH_CONFIG = os.environ.get("NEWSROOM_SEARCH_CONFIG", "english")
# A search ranks the newest this many of its matches (articles.search).
NEWSROOM_SEARCH_CANDIDATES = int(os.environ.get("NEWSROOM_SEARCH_CANDIDATES", "500"))
# Listings number no more pages than this (articles.pagination).
NEWSROOM_MAX_LIST_PAGES = int(os.environ.get("NEWSROOM_MAX_LIST_PAGES", "100"))

# --- Newsletter and contact form --------------------------------------------

# How long a sign-up's confirmation link works.
NEWSLETTER_CONFIRM_DAYS = int(os.environ.get("NEWSLETTER_CONFIRM_DAYS", "7"))
# Sign-up attempts allowed per hour, per address and per client IP address;
# the contact form's messages per hour per client IP address.
NEWSLETTER_THROTTLE_PER_ADDRESS = int(
    os.environ.get("NEWSLETTER_THROTTLE_PER_ADDRESS", "3")
)
NEWSLETTER_THROTTLE_PER_CLIENT = int(
    os.environ.get("NEWSLETTER_THROTTLE_PER_CLIENT", "10")
)
CONTACT_THROTTLE_PER_CLIENT = int(os.environ.get("CONTACT_THROTTLE_PER_CLIENT", "5"))

# One line per event, on stderr, tracebacks only for errors (newsroom.logs).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {
            "class": "newsroom.logs.OneLineFormatter",
            "format": "[{asctime}] {levelname} {name}: {message}",
            "style": "{",
        },
    },
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line"},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler (under DEBUG) would print every line
        # twice: the root's alone prints it, for "django" and its children.
        "django": {"handlers": ["mail_admins"], "level": "NOTSET", "propagate": True},
    },
}

# The site's public address, for links in e-mails sent outside a request.
NEWSROOM_BASE_URL = os.environ.get("NEWSROOM_BASE_URL", "http://127.0.0.1:8000")
# Four-eyes rule: an editor may not approve an article they are bylined on.
NEWSROOM_FOUR_EYES = env_bool("NEWSROOM_FOUR_EYES", False)
# How long a shareable preview link works unless revoked sooner.
NEWSROOM_PREVIEW_DAYS = int(os.environ.get("NEWSROOM_PREVIEW_DAYS", "7"))

# How many proxies of our own (load balancer, CDN) stand in front of the app:
# client addresses for throttling are then read from X-Forwarded-For.
NEWSROOM_TRUSTED_PROXIES = int(os.environ.get("NEWSROOM_TRUSTED_PROXIES", "0"))
