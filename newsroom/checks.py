"""Deployment checks of our own, run by ``manage.py check --deploy``.

Django's checks cannot know that a newsroom mails links to its readers: with
the local defaults, sign-up confirmations point at the developer's machine and
every mail is printed to the console while the site reports success, so
double opt-in never completes and contact messages never reach the desk.
Nor that its page cache, in local memory, is one cache per gunicorn worker.
"""

import ipaddress
import os
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Tags, Warning, register

LOCAL_MAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


def is_local_host(host):
    if host in {"", "localhost"} or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@register(Tags.compatibility, deploy=True)
def check_reader_links_and_mail(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    problems = []
    base = urlsplit(settings.NEWSROOM_BASE_URL)
    if is_local_host(base.hostname or ""):
        problems.append(
            Warning(
                f"NEWSROOM_BASE_URL is {settings.NEWSROOM_BASE_URL!r}: links in "
                "mails (sign-up confirmation, unsubscribe, digest, previews) "
                "will point at this machine, not at the site.",
                hint="Set NEWSROOM_BASE_URL to the site's public address, "
                "e.g. https://news.example.com.",
                id="newsroom.W001",
            )
        )
    if settings.EMAIL_BACKEND in LOCAL_MAIL_BACKENDS:
        problems.append(
            Warning(
                f"DJANGO_EMAIL_BACKEND is {settings.EMAIL_BACKEND}: no mail "
                "leaves the server, so readers never get their confirmation "
                "and the desk never gets contact messages or notifications.",
                hint="Set DJANGO_EMAIL_BACKEND="
                "django.core.mail.backends.smtp.EmailBackend and DJANGO_EMAIL_HOST "
                "(docs/deploy.md).",
                id="newsroom.W002",
            )
        )
    return problems


@register(Tags.caches, deploy=True)
def check_page_cache_is_shared(app_configs, **kwargs):
    # gunicorn starts 2 x cores + 1 workers unless told otherwise
    # (gunicorn.conf.py): only WEB_CONCURRENCY=1 makes one cache one process.
    one_worker = os.environ.get("WEB_CONCURRENCY", "").strip() == "1"
    if (
        settings.DEBUG
        or one_worker
        or not settings.NEWSROOM_PAGE_CACHE_SECONDS
        or not isinstance(caches["default"], LocMemCache)
    ):
        return []
    return [
        Warning(
            "The page cache is in each process's own memory (no REDIS_URL): "
            "every gunicorn worker renders and keeps its own copy of each "
            "page, and loses them all when it is recycled.",
            hint="Set REDIS_URL for one cache every worker shares, or "
            "WEB_CONCURRENCY=1 (docs/deploy.md).",
            id="newsroom.W003",
        )
    ]
