"""Page keys: what a cached page shows, and which writes make it stale.

A public page records, while it renders, the keys of what it shows
(``record``): ``article-<id>`` for its article and every card on it,
``list-home``, ``list-category-<id>``, ``list-tag-<id>``, ``list-author-<id>``
for which articles a listing holds, ``feeds``, ``search``, ``sitemaps``, and
``site`` for the chrome every page carries (menu, settings, site pages).
``headlines``, the strip of newest headlines in the header, is the key of a
slot the page cache puts in as it serves a page (``newsroom.page_slots``):
pages rendered for the cache do not record it, so it stales the strip, not
every page; it is recorded where the strip is rendered in place. The views
and queries that choose what is shown record them, never the templates; a
page that recorded nothing is not stored (``recorded``): an unannotated page
is slow, never stale. The same keys go out as the CDN's surrogate keys.

A write says which keys it changed, once, in its transaction (``changed``,
called by ``articles.services``). Each change takes the next number from
``CacheGeneration.keys_version`` and files it as the key's version
(``PageKeyVersion``). Taking the number updates the generation's row, which
stays locked until the write commits, so versions commit in the order they
were handed out: a process that has seen version N and reads the rows above
N misses nothing.

A cached entry keeps its keys and the version the process knew when the
render began; it is fresh while none of its keys has a later version. Each
process keeps the versions that changed since it started (``_memory``) and
catches up when ``generations.current()`` (the one query every
``NEWSROOM_GENERATION_RECHECK_SECONDS``) reports a higher ``keys_version``:
one indexed range read of the rows that changed, only then. A change made in
this process is seen at once (the write forgets the generation, again on
commit). An entry rendered before this process started is checked once
against the table (one query) and filed again, so a restart does not turn
the whole cache cold.

Why our own code: Django's cache framework has no dependency tracking, and
the libraries that add tags (django-cacheops, django-cachalot) invalidate by
table or query, not by what a page shows, and keep their tags in the cache,
which may drop them: a lost tag there is a stale page here.
"""

import threading
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial, wraps

from django.db import DatabaseError, transaction

from newsroom import cdn, generations

SITE = "site"
HEADLINES = "headlines"
HOME = "list-home"
FEEDS = "feeds"
SEARCH = "search"
SITEMAPS = "sitemaps"


def article(pk):
    return f"article-{pk}"


def category_list(pk):
    return f"list-category-{pk}"


def tag_list(pk):
    return f"list-tag-{pk}"


def author_list(pk):
    return f"list-author-{pk}"


# --- Recording what a page shows --------------------------------------------------

_collected = ContextVar("newsroom_page_keys", default=None)


class Collected:
    """The keys one page recorded; ``chosen`` once its view said what it
    shows (the chrome alone does not make a page cacheable)."""

    def __init__(self):
        self.keys = set()
        self.chosen = False


@contextmanager
def collecting():
    """Gathers the keys recorded while the page renders (the page cache)."""
    collected = Collected()
    token = _collected.set(collected)
    try:
        yield collected
    finally:
        _collected.reset(token)


def record(*keys):
    """The page being rendered shows these; outside a cached request, nothing."""
    collected = _collected.get()
    if collected is not None:
        collected.keys.update(keys)
        collected.chosen = True


def record_chrome(*keys):
    """The header or footer every page carries shows these."""
    collected = _collected.get()
    if collected is not None:
        collected.keys.update(keys)


def record_articles(articles):
    """The page shows each of ``articles`` (its page, or a card)."""
    record(*(article(each.pk) for each in articles if each is not None))


def depends_on(*keys):
    """For a function view that shows only what ``keys`` say (site pages,
    sitemaps, robots.txt)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            record(*keys)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


# --- Versions --------------------------------------------------------------------

# Process-wide, as the generation is: ``floor`` is the keys_version when this
# process began remembering, ``seen`` the last it caught up to, ``known`` every
# key changed since ``floor`` with its version (a few thousand a busy day,
# dropped when the worker is recycled).
_memory = {"floor": None, "seen": 0, "known": {}}
_lock = threading.Lock()


def current(generation):
    """The version a page rendered now is filed at, caught up with
    ``generation`` (``generations.current()``): no query unless keys changed."""
    from newsroom.models import PageKeyVersion

    target = generation.keys_version
    with _lock:
        floor, seen = _memory["floor"], _memory["seen"]
        if floor is None:
            _memory.update(floor=target, seen=target, known={})
            return target
        if target <= seen:  # another thread caught up already
            return seen
    rows = PageKeyVersion.objects.filter(version__gt=seen).values_list("key", "version")
    with _lock:
        if _memory["seen"] == seen:
            _memory["known"].update(rows)
            _memory["seen"] = target
        return _memory["seen"]


def fresh_at(keys, version):
    """The version an entry with ``keys``, rendered at ``version``, is known
    fresh at, or None when one of its keys changed since. An entry older than
    this process's memory is checked against the table (one query)."""
    from newsroom.models import PageKeyVersion

    known, floor, seen = _memory["known"], _memory["floor"], _memory["seen"]
    if floor is None:
        return None
    if version < floor:
        try:
            moved = PageKeyVersion.objects.filter(key__in=keys, version__gt=version)
            if moved.exists():
                return None
        except DatabaseError:
            return None  # unknown: rendered afresh (or answered by the outage page)
        version = seen
    if any(known.get(key, 0) > version for key in keys):
        return None
    return version


def changed(keys):
    """Readers' pages showing ``keys`` are out of date. Runs inside the
    writer's transaction: the versions commit (or roll back) with the change;
    the CDN is told after the commit, and never on a rollback."""
    keys = sorted(set(keys))
    if keys:
        file_versions(keys, generations.next_keys_version())


def file_versions(keys, version):
    """Files ``version`` (just taken, in the caller's transaction) as the
    version of each of ``keys``, and tells the CDN once that commits."""
    from newsroom.models import PageKeyVersion

    keys = sorted(set(keys))
    if not keys:
        return
    PageKeyVersion.objects.bulk_create(
        [PageKeyVersion(key=key, version=version) for key in keys],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["version"],
    )
    transaction.on_commit(partial(cdn.purge_after_commit, keys))


def forget():
    """Drops this process's memory of the versions (tests)."""
    with _lock:
        _memory.update(floor=None, seen=0, known={})
