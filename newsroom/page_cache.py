"""Whole public pages, cached for anonymous readers.

A breaking story sends a spike of readers at one page; they all get the same
bytes, so the first request renders the page and the rest are answered from
the cache (local memory, or Redis when ``REDIS_URL`` is set) without a
query. What keeps that safe:

- Only anonymous readers: a request carrying a session (anyone logged in)
  or a pending message is neither answered from the cache nor stored.
- Only public pages: never the admin, previews, media, the health check,
  and never a response that is not a plain 200, sets a cookie, varies by
  cookie or says ``private``/``no-store``/``no-cache`` (the forms do).
- Never stale: a page is filed under the site's generation
  (``newsroom.generations``) with the page keys it recorded and the key
  version it was rendered at (``newsroom.page_keys``); it is served only
  while none of its keys has changed since. A write changes the keys of what
  it touched, so an edit to one story leaves the pages that do not show it
  cached; so does a scheduled article's going live, at the first request
  after its time (the generation's check, before the cache is looked in).
  An entry is never kept past midnight (the masthead shows the date). A page
  whose view recorded nothing is served, never kept.
- The strip of newest headlines (and the column beside lists) is not in the
  entry: a page is filed with a marker in its place, and the strip as it is
  now goes in whenever the page is served, cached or just rendered
  (``newsroom.page_slots``). A new story or an edited headline thus
  re-renders the strip once, and the pages that show the story, not every
  page; the bytes, the ETag and the CDN's keys are those of the whole page.
- One render at a time: a request that finds no fresh entry takes a short
  lock (``cache.add``, atomic in local memory and in Redis) and renders; the
  others for the same page wait for its entry, looking every
  ``RENDER_POLL_SECONDS`` for up to ``RENDER_WAIT_SECONDS``, then render
  themselves (a lock whose render ended without an entry, a 404 say, lets
  them go at once). The rule: a reader is never served a previous version
  of a page once a change to it is known, whatever the change (an edit, an
  unpublish, a withdrawal, a deletion); waiting costs at most a render's
  time, and a slow render costs the others ``RENDER_WAIT_SECONDS``, never a
  stale page. Without a cache that answers (Redis down) there is no lock
  either: each request renders after one look (``RENDER_POLL_SECONDS``).

A page that changes by the second (a live blog's, and its updates: see
``articles.live_pages``) says so with ``keep_fresh(response, seconds)``: its
entry lives that long at most, here and at the CDN, instead of waiting for
the generation to move; nothing else of the site is rendered again.

Every public page, cached or not, carries an ``ETag`` of its bytes and
answers ``304 Not Modified`` to a reader who already has them, and a
``Cache-Control`` that lets a CDN keep it for ``NEWSROOM_CDN_SECONDS`` (then
serve it stale while refetching), never past the next go-live (the CDN is
not asked first, as we are), and its page keys as ``Surrogate-Key`` and
``Cache-Tag``, which ``newsroom.cdn`` purges when they change. Everything
else a logged-in user or a preview sees is ``private, no-store``.

Public pages (and feeds, sitemaps) go out gzipped to readers who accept it,
cached or not: ``PublicGZipMiddleware`` below. They vary by
``Accept-Encoding``, so a CDN keeps a copy per encoding.

A Redis that is down costs speed, not pages: see ``newsroom.cache``.
"""

import hashlib
import time
from contextlib import nullcontext
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
)

from newsroom import cdn, generations, page_keys, page_slots

# Paths never cached, whatever their response says.
PRIVATE_PREFIXES = ("/preview/",)
UNCACHED_PREFIXES = ("/healthz", "/media/", "/subscribe/", "/contact/")
# A reader-supplied query string longer than this is served, not stored.
MAX_QUERY_LENGTH = 256
# One render of a page at a time: the others wait this long at most, looking
# every RENDER_POLL_SECONDS; a render that outlives the lock (a stuck worker)
# stops holding the others back.
RENDER_LOCK_SECONDS = 10
RENDER_WAIT_SECONDS = 2.5
RENDER_POLL_SECONDS = 0.02


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_private(request):
            return keep_private(self.get_response(request))
        if not may_use_cache(request):
            response = self.get_response(request)
            if is_personal(request, response):
                keep_private(response)
            return response

        seconds = settings.NEWSROOM_PAGE_CACHE_SECONDS
        generation = generations.current() if seconds else None
        key = page_key(request, generation) if seconds else None
        # Taken before the render reads anything: a change committed while
        # it renders makes its entry stale at once.
        version = page_keys.current(generation) if key else None
        entry = self.fresh_entry(key) if key else None
        if entry is not None:
            response, keys, storable = rebuild(entry), entry["keys"], True
        elif key and request.method == "GET":
            response, keys, storable = self.render_once(
                request, key, generation, version, seconds
            )
        else:
            response, keys, storable = self.render(request, marking=bool(key))
        if key:
            page_slots.fill(response, generation, version)
        if not storable:
            if is_personal(request, response):
                keep_private(response)
            return response
        publish_headers(response, generation)
        cdn.headers_for(response, shown_keys(response, keys))
        return get_conditional_response(
            request, etag=response.headers["ETag"], response=response
        )

    def render(self, request, *, marking):
        """The response, the page keys it recorded (with ``site``, the chrome;
        none when its view said nothing of what it shows) and whether it may
        be kept. ``marking``: its slots are left as markers, to be filled
        (``newsroom.page_slots``)."""
        slots = page_slots.marking() if marking else nullcontext(())
        with page_keys.collecting() as recorded, slots as placed:
            response = self.get_response(request)
        response.page_slots = page_slots.locate(response, placed)
        if not is_storable(request, response):
            return response, None, False
        tag(response)
        if not recorded.chosen:
            return response, (), True  # served, never kept: see page_keys
        return response, {page_keys.SITE, *recorded.keys}, True

    def render_once(self, request, key, generation, version, seconds):
        """Renders the page and files it, unless another request is rendering
        it already: then waits for that render (``wait_for``)."""
        lock = f"{key}:rendering"
        mine = cache.add(lock, True, RENDER_LOCK_SECONDS)
        if not mine:
            entry = self.wait_for(key, lock)
            if entry is not None:
                return rebuild(entry), entry["keys"], True
        try:
            response, keys, storable = self.render(request, marking=True)
            lifetime = entry_lifetime(seconds)
            lifetime = min(lifetime, fresh_for(response) or lifetime)
            if storable and keys and lifetime > 0:
                entry = freeze(response, keys, version, lifetime)
                self.cache_set(key, entry, lifetime)
                if cdn.wants_paths():
                    cdn.remember_paths(
                        shown_keys(response, keys), request.get_full_path()
                    )
        finally:
            if mine:
                cache.delete(lock)
        return response, keys, storable

    def wait_for(self, key, lock):
        """The entry another request is rendering, once filed; None if its
        render ended without one or took longer than ``RENDER_WAIT_SECONDS``
        (the caller then renders itself)."""
        deadline = time.monotonic() + RENDER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(RENDER_POLL_SECONDS)
            # The lock first: a render files its entry before it lets go.
            rendering = cache.get(lock) is not None
            entry = self.fresh_entry(key)
            if entry is not None or not rendering:
                return entry
        return None

    def fresh_entry(self, key):
        """The entry filed under ``key`` if none of its page keys changed
        since it was rendered, else None. One rendered before this process
        began remembering versions is checked against the table and filed
        again at the version it is now known fresh at."""
        entry = self.cache_get(key)
        if entry is None or "keys" not in entry:  # none, or filed by an older release
            return None
        fresh_at = page_keys.fresh_at(entry["keys"], entry["version"])
        if fresh_at is None:
            return None
        if fresh_at != entry["version"]:
            entry = {**entry, "version": fresh_at}
            lifetime = int(entry["expires"] - time.time())
            if lifetime > 0:
                self.cache_set(key, entry, lifetime)
        return entry

    def cache_get(self, key):
        return cache.get(key)

    def cache_set(self, key, entry, lifetime):
        cache.set(key, entry, lifetime)


class PublicGZipMiddleware(GZipMiddleware):
    """Gzips public pages, feeds and sitemaps, and nothing that holds a
    secret.

    BREACH reads a secret out of a compressed response by making it reflect
    guesses (a search query, say) and watching its length. A public page
    holds no secret: it is the same bytes for every reader (that is what
    lets the page cache share it). The desk and previews, and any response
    for a logged-in user or one that sets or depends on a cookie (a page
    with a form carries a CSRF token, and sets its cookie), may hold one:
    they are sent uncompressed. Django's gzip also pads each response with
    random bytes, a further BREACH mitigation, on every response compressed.

    It sits above the page cache, so a cached page is compressed on its way
    out for a reader who accepts gzip and sent plain to one who does not;
    the cache keeps one plain copy with its strong ETag, which the gzipped
    response carries weakened (``W/``), as a different encoding must, and
    which still answers a conditional request with a 304. Below whitenoise,
    which serves static files already compressed (gzip and brotli) itself.
    """

    def process_response(self, request, response):
        if is_private(request) or is_personal(request, response):
            return response
        if not is_text(response):
            return response
        return super().process_response(request, response)


def is_text(response):
    """Worth compressing: HTML, feeds, sitemaps, robots.txt, JSON; not media
    (images come compressed)."""
    kind = response.get("Content-Type", "").partition(";")[0].strip().lower()
    return kind.startswith("text/") or kind.endswith(("/xml", "+xml", "/json", "+json"))


def keep_private(response):
    """Out of every cache, ours and downstream; a response that already says
    ``private, no-store`` (a preview's) keeps its own words."""
    control = response.headers.get("Cache-Control", "")
    if not ("private" in control and "no-store" in control):
        add_never_cache_headers(response)
    return response


def is_private(request):
    """The desk and previews: never stored, by us or anyone downstream."""
    path = request.path_info
    return path.startswith(admin_prefix()) or path.startswith(PRIVATE_PREFIXES)


def may_use_cache(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(UNCACHED_PREFIXES):
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    # Whoever carries a session may be logged in; a messages cookie means a
    # notice meant for this reader alone is waiting to be shown.
    cookies = request.COOKIES
    return not (
        settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies
    )


def is_personal(request, response):
    """A response meant for one person: a logged-in user's, or one that sets
    or depends on a cookie."""
    user = getattr(request, "user", None)
    return (
        (user is not None and user.is_authenticated)
        or bool(response.cookies)
        or has_vary_header(response, "Cookie")
    )


def is_storable(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if is_personal(request, response):
        return False
    control = response.headers.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def page_key(request, generation):
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: let Django answer it, uncached
        return None
    address = f"{request.scheme}://{host}{request.get_full_path()}"
    today = timezone.localdate().isoformat()
    digest = hashlib.sha256(address.encode()).hexdigest()[:40]
    return f"page:{generation.number}:{today}:{digest}"


def entry_lifetime(seconds):
    """Seconds an entry may live: never past midnight. (A go-live moves the
    keys of the pages it changes: ``newsroom.generations``.)"""
    now = timezone.now()
    ends = [now + timedelta(seconds=seconds), next_midnight(now)]
    return int((min(ends) - now).total_seconds())


def next_midnight(now):
    local = timezone.localtime(now)
    tomorrow = local.date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))


def keep_fresh(response, seconds):
    """Keep ``response`` no longer than ``seconds`` in any cache, ours, the
    CDN's or the browser's (which may keep it as long: a reader's reload
    within it is as fresh as the CDN's copy)."""
    response.fresh_for = seconds
    return response


def fresh_for(response):
    return getattr(response, "fresh_for", None)


def tag(response):
    digest = hashlib.sha256(response.content).hexdigest()[:32]
    response.headers["ETag"] = f'"{digest}"'


def publish_headers(response, generation):
    """Lets browsers keep the page but ask each time (the ETag makes that a
    304), and a CDN keep it briefly, never past the next go-live."""
    cdn_seconds = settings.NEWSROOM_CDN_SECONDS
    stale_seconds = settings.NEWSROOM_CDN_STALE_SECONDS
    browser_seconds = 0
    if generation is not None and generation.next_change_at:
        until = (generation.next_change_at - timezone.now()).total_seconds()
        cdn_seconds = max(0, min(cdn_seconds, int(until)))
    if (fresh := fresh_for(response)) is not None:
        # Served stale while refetched would add the stale time to the
        # promise: none for these.
        cdn_seconds = browser_seconds = min(cdn_seconds, fresh)
        stale_seconds = 0
    patch_cache_control(
        response,
        public=True,
        max_age=browser_seconds,
        s_maxage=cdn_seconds,
        stale_while_revalidate=stale_seconds,
    )
    # Sent gzipped or plain by PublicGZipMiddleware; said here as well, so a
    # 304 carries it too.
    patch_vary_headers(response, ["Accept-Encoding"])


def shown_keys(response, keys):
    """The page keys a page goes out with: those it recorded, and its slots'
    (not recorded: the slots are filled as it is served)."""
    return {*keys, *page_slots.keys_of(response)} if keys else keys


def freeze(response, keys, version, lifetime):
    """What the cache keeps of a page: the response (with its slots'
    markers), its page keys and the key version it was rendered at
    (``newsroom.page_keys``)."""
    return {
        "keys": sorted(keys),
        "slots": page_slots.spans_of(response),
        "version": version,
        "expires": time.time() + lifetime,
        "status": response.status_code,
        "headers": [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in ("cache-control", "surrogate-key", "cache-tag")
        ],
        "content": response.content,
        "fresh_for": fresh_for(response),
    }


def rebuild(entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response.headers[name] = value
    if entry.get("fresh_for") is not None:
        keep_fresh(response, entry["fresh_for"])
    response.page_slots = tuple(entry.get("slots", ()))
    return response


_admin_prefix = None


def admin_prefix():
    global _admin_prefix
    if _admin_prefix is None:
        _admin_prefix = reverse("admin:index")
    return _admin_prefix
