"""Telling the CDN in front which pages went stale.

Every public page goes out with its page keys (``newsroom.page_keys``) as
``Surrogate-Key`` (Fastly, space-separated) and ``Cache-Tag`` (Cloudflare,
comma-separated) headers. When a write changes keys, after it commits, a
task (``purge_keys``) hands them to the configured backend
(``NEWSROOM_CDN_PURGE``, read from the environment in settings):

- ``log`` (the default): logs the keys; for a site with no CDN, or a CDN
  that only honours ``s-maxage``.
- ``cloudflare``: purge by cache tags (zone id and API token).
- ``fastly``: surrogate-key purge (service id and API token).
- ``cloudfront``: CloudFront purges paths, not tags. The page cache notes,
  per key, the paths of the pages it stored with that key (``remember_paths``,
  in the cache, at most ``PATHS_PER_KEY`` each, only when this backend is
  on); a purge invalidates those, and ``/*`` for ``site``. The limit: a path
  the cache did not note (evicted, or a page served only by the CDN) is not
  invalidated and lives out its ``s-maxage`` (``NEWSROOM_CDN_SECONDS``, 5 s
  by default), so keep that short. It goes through boto3 (already installed
  for S3 media): CloudFront's API wants AWS request signing.
- ``off``: no task at all.

A purge that fails is logged and tried again later with the project's
back-off (``newsroom.retries``), first after ``FIRST_RETRY_AFTER``; a write
never waits on a CDN, and a queue that is down only logs (the CDN copy then
lives out its ``s-maxage``). Calls have a timeout of ``TIMEOUT`` seconds.
"""

import json
import logging
import time
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django_tasks import task

from newsroom.retries import try_again_later

logger = logging.getLogger(__name__)

TIMEOUT = 10
FIRST_RETRY_AFTER = timedelta(seconds=15)
# Cloudflare takes up to 30 tags a call; Fastly up to 256 keys.
CLOUDFLARE_BATCH = 30
FASTLY_BATCH = 256
PATHS_PER_KEY = 200
PATHS_SECONDS = 24 * 60 * 60


def headers_for(response, keys):
    """Labels ``response`` with its page keys for the CDN."""
    if not keys:
        return
    ordered = sorted(keys)
    response.headers["Surrogate-Key"] = " ".join(ordered)
    response.headers["Cache-Tag"] = ",".join(ordered)


class LogPurge:
    wants_paths = False

    def purge(self, keys):
        logger.info("CDN purge: %s", " ".join(keys))


class HttpPurge:
    """A purge over HTTP with urllib: each call's JSON or status checked."""

    wants_paths = False

    def __init__(self, *, target, token, endpoint=""):
        if not (target and token):
            raise ValueError(
                "NEWSROOM_CDN_PURGE_TARGET and NEWSROOM_CDN_PURGE_TOKEN are needed."
            )
        self.target, self.token = target, token
        self.endpoint = (endpoint or self.ENDPOINT).rstrip("/")
        if not self.endpoint.startswith(("https://", "http://")):
            raise ValueError("NEWSROOM_CDN_PURGE_ENDPOINT must be an http(s) URL.")

    def send(self, url, *, headers, body=None):
        # An http(s) endpoint, checked when the backend was made.
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
            return answer.status, answer.read()


def _batches(items, size):
    items = list(items)
    return [items[start : start + size] for start in range(0, len(items), size)]


class CloudflarePurge(HttpPurge):
    ENDPOINT = "https://api.cloudflare.com/client/v4"

    def purge(self, keys):
        url = f"{self.endpoint}/zones/{self.target}/purge_cache"
        for batch in _batches(keys, CLOUDFLARE_BATCH):
            _status, body = self.send(
                url,
                headers={
                    "Authorization": f"Bearer {self.token}",
                    "Content-Type": "application/json",
                },
                body=json.dumps({"tags": batch}).encode(),
            )
            if not json.loads(body or b"{}").get("success"):
                raise RuntimeError(f"Cloudflare refused the purge: {body[:300]!r}")


class FastlyPurge(HttpPurge):
    ENDPOINT = "https://api.fastly.com"

    def purge(self, keys):
        url = f"{self.endpoint}/service/{self.target}/purge"
        for batch in _batches(keys, FASTLY_BATCH):
            self.send(
                url,
                headers={
                    "Fastly-Key": self.token,
                    "Surrogate-Key": " ".join(batch),
                    "Accept": "application/json",
                },
            )


class CloudFrontPurge:
    wants_paths = True

    def __init__(self, *, target, token="", endpoint=""):
        if not target:
            raise ValueError("NEWSROOM_CDN_PURGE_TARGET (a distribution id) is needed.")
        self.distribution, self.endpoint = target, endpoint or None

    def purge(self, keys):
        import boto3
        from botocore.config import Config

        paths = ["/*"] if "site" in keys else sorted(paths_for(keys))
        if not paths:
            return
        client = boto3.client(
            "cloudfront",
            endpoint_url=self.endpoint,
            config=Config(
                connect_timeout=TIMEOUT,
                read_timeout=TIMEOUT,
                retries={"max_attempts": 1},
            ),
        )
        client.create_invalidation(
            DistributionId=self.distribution,
            InvalidationBatch={
                "Paths": {"Quantity": len(paths), "Items": paths},
                "CallerReference": f"newsroom-{time.time_ns()}",
            },
        )


BACKENDS = {
    "log": LogPurge,
    "cloudflare": CloudflarePurge,
    "fastly": FastlyPurge,
    "cloudfront": CloudFrontPurge,
}


def backend():
    """The configured purge backend, or None when purging is off."""
    config = settings.NEWSROOM_CDN_PURGE
    name = (config.get("BACKEND") or "log").strip().lower()
    if name == "off":
        return None
    if name not in BACKENDS:
        choices = ", ".join(BACKENDS)
        raise ValueError(
            f"NEWSROOM_CDN_PURGE_BACKEND is {name!r}; use one of {choices} or off."
        )
    if name == "log":
        return LogPurge()
    return BACKENDS[name](
        target=config.get("TARGET", ""),
        token=config.get("TOKEN", ""),
        endpoint=config.get("ENDPOINT", ""),
    )


# --- Paths, for a CDN that purges by path ------------------------------------------


def wants_paths():
    chosen = (settings.NEWSROOM_CDN_PURGE.get("BACKEND") or "").strip().lower()
    return chosen == "cloudfront"


def remember_paths(keys, path):
    """Notes ``path`` under each of ``keys`` (not ``site``: it stands for every
    path), in two calls to the cache. A lost update between two processes
    loses a path: see the module's note on the limit."""
    names = [f"cdn-paths:{key}" for key in keys if key != "site"]
    known = cache.get_many(names)
    grown = {
        name: [*known.get(name, []), path][-PATHS_PER_KEY:]
        for name in names
        if path not in known.get(name, [])
    }
    if grown:
        cache.set_many(grown, PATHS_SECONDS)


def paths_for(keys):
    found = cache.get_many([f"cdn-paths:{key}" for key in keys])
    return {path for paths in found.values() for path in paths}


# --- The task ------------------------------------------------------------------


def purge_after_commit(keys):
    """Queues the purge of ``keys`` (from ``transaction.on_commit``)."""
    if (settings.NEWSROOM_CDN_PURGE.get("BACKEND") or "").strip().lower() == "off":
        return
    try:
        purge_keys.enqueue(list(keys))
    except Exception:  # noqa: BLE001 - the write has committed; the CDN copy ages out
        logger.exception("Could not queue the CDN purge of %s", " ".join(keys))


@task()
def purge_keys(keys, attempt=1):
    try:
        chosen = backend()
        if chosen is not None:
            chosen.purge(keys)
    except Exception:  # noqa: BLE001 - any failure is logged and tried again
        logger.exception("CDN purge failed (attempt %s): %s", attempt, " ".join(keys))
        try_again_later(
            purge_keys, keys, attempt=attempt, first_after=FIRST_RETRY_AFTER
        )
        return False
    return True
