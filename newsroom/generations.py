"""The page cache's generation: the site-wide part of keeping cached pages honest.

Every cached page is filed under the generation it was rendered in; moving
the generation on lets every page go at once, with nothing to find and
delete. Most changes do not need that: a write makes stale only the pages
showing what it changed (``newsroom.page_keys``), and this row is where it
takes its key version (``next_keys_version``), so the one read below also
says whether any key changed.

Time changes pages too: a scheduled article goes live at ``published_at``
without anyone saving anything. The row remembers when the next one is due
(``next_change_at``, read again with every key change; a write never moves
it past a time that has come and not been handled), and the first request
after that moment moves the keys of the pages that go-live changes
(``_go_live``): exactly those publishing the articles then would move, as
the articles app says (``scheduled_changes_from``). Only one process does
it; the others, and the requests after it, see the new versions before they
look in the cache, so no cached page lacking the story is served once its
time has come, and no worker need run at that moment.

Only ``advance`` still moves the generation, for what touches every page
and bypasses the writes: new image renditions (srcsets) and bulk loaders
(the demo, the bench archive).

Each process keeps the current generation in memory and rereads the row at most
every ``NEWSROOM_GENERATION_RECHECK_SECONDS`` (a change made in this process is
seen at once, and again on its commit; one made in another process within that
many seconds).
"""

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Case, F, When
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Generation:
    number: int
    next_change_at: datetime | None
    # The last page-key version handed out (``newsroom.page_keys``): read
    # with the generation, so one query says whether any key changed.
    keys_version: int = 0

    def is_due(self, now):
        """Has a scheduled article gone live since its keys last moved?"""
        return self.next_change_at is not None and self.next_change_at <= now


# One process-wide memory (not per thread): a change made by one thread must
# reach the others at once.
_memory = {"generation": None, "read_at": 0.0}
_lock = threading.Lock()


def current():
    """The generation pages are rendered in now.

    Costs no query while the process's memory of it is fresh; a database
    that cannot be reached leaves the last known generation in force.
    """
    now = timezone.now()
    generation, read_at = _memory["generation"], _memory["read_at"]
    fresh = time.monotonic() - read_at < settings.NEWSROOM_GENERATION_RECHECK_SECONDS
    if generation is not None and fresh and not generation.is_due(now):
        return generation
    try:
        generation = _read()
        if generation.is_due(now):
            generation = _go_live(since=generation, now=now)
    except DatabaseError:
        if generation is None:
            raise
        logger.warning(
            "Generation unreadable; pages keep generation %s", generation.number
        )
        return generation
    _remember(generation)
    return generation


def advance():
    """Something readers see has changed: every page rendered before is out
    of date. Runs inside the caller's transaction, so the generation and the
    change commit (or roll back) together."""
    from newsroom.models import CacheGeneration

    now = timezone.now()
    updated = CacheGeneration.objects.filter(pk=CacheGeneration.SINGLETON_PK).update(
        number=F("number") + 1, next_change_at=_next_change(now)
    )
    if not updated:
        CacheGeneration.objects.create(
            pk=CacheGeneration.SINGLETON_PK,
            number=1,
            next_change_at=_next_go_live(now),
        )
    # Not the new number: the transaction may still roll back. Forgetting
    # makes this process read the row again on its next request, and again
    # once it commits (a thread may have read the row in between).
    _forget_now_and_on_commit()


def next_keys_version():
    """The next page-key version (``newsroom.page_keys``), inside the caller's
    transaction. The update locks the row until the commit, so versions
    commit in the order they are handed out. The next go-live is read again
    with it (``_next_change``)."""
    from newsroom.models import CacheGeneration

    rows = CacheGeneration.objects.filter(pk=CacheGeneration.SINGLETON_PK)
    step = {
        "keys_version": F("keys_version") + 1,
        "next_change_at": _next_change(timezone.now()),
    }
    if not rows.update(**step):
        CacheGeneration.objects.get_or_create(pk=CacheGeneration.SINGLETON_PK)
        rows.update(**step)
    _forget_now_and_on_commit()
    return rows.values_list("keys_version", flat=True).get()


def _next_change(now):
    """The row's next go-live after a write: the next one to come, read again
    (the write may have scheduled an article, or moved one), unless the time
    it holds has come and no request has moved its keys yet (``_go_live``):
    that one stays."""
    return Case(
        When(next_change_at__lte=now, then=F("next_change_at")),
        default=_next_go_live(now),
    )


def _forget_now_and_on_commit():
    forget()
    transaction.on_commit(forget)


def forget():
    """Drops this process's memory of the generation (tests, and after a change)."""
    with _lock:
        _memory["generation"] = None
        _memory["read_at"] = 0.0


def _remember(generation):
    with _lock:
        _memory["generation"] = generation
        _memory["read_at"] = time.monotonic()


def _read():
    from newsroom.models import CacheGeneration

    rows = CacheGeneration.objects.filter(pk=CacheGeneration.SINGLETON_PK)
    row = rows.values_list("number", "next_change_at", "keys_version").first()
    if row is None:
        # Made now, not at the first write: its time must be there to come.
        CacheGeneration.objects.get_or_create(
            pk=CacheGeneration.SINGLETON_PK,
            defaults={"next_change_at": _next_go_live(timezone.now())},
        )
        row = rows.values_list("number", "next_change_at", "keys_version").get()
    return Generation(*row)


def _go_live(since, now):
    """Scheduled articles' time has come: the keys of the pages showing them
    move on, as the articles app says publishing them now would
    (``scheduled_changes_from``), and the row learns the next time. Only one
    process does it (the update is conditional on the time it found; the
    row stays locked until the keys are filed); the others read what it
    left."""
    from newsroom import page_keys
    from newsroom.models import CacheGeneration

    rows = CacheGeneration.objects.filter(pk=CacheGeneration.SINGLETON_PK)
    with transaction.atomic():
        claimed = rows.filter(next_change_at=since.next_change_at).update(
            keys_version=F("keys_version") + 1, next_change_at=_next_go_live(now)
        )
        if claimed:
            version = rows.values_list("keys_version", flat=True).get()
            keys = _finder["keys_going_live"](since.next_change_at, now)
            page_keys.file_versions(keys, version)
    return _read()


def scheduled_changes_from(*, next_at, keys_going_live):
    """Tells the generation how readers' pages change with nobody saving
    anything: ``next_at(now)`` is when the next scheduled article goes live
    (after ``now``), or None; ``keys_going_live(since, now)`` the page keys
    the articles going live from ``since`` to ``now`` (both included) make
    stale. The articles app passes them at start-up (``ArticlesConfig.ready``),
    so this site-wide module needs no article."""
    _finder.update(next_change_at=next_at, keys_going_live=keys_going_live)


_finder = {
    "next_change_at": lambda now: None,
    "keys_going_live": lambda since, now: (),
}


def _next_go_live(now):
    return _finder["next_change_at"](now)
