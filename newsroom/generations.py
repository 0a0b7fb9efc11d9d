"""The page cache's generation: the site-wide part of keeping cached pages honest.

Every cached page is filed under the generation it was rendered in; moving
the generation on lets every page go at once, with nothing to find and
delete. Most changes no longer need that: a write makes stale only the pages
showing what it changed (``newsroom.page_keys``), and this row is where it
takes its key version (``next_keys_version``), so the one read below also
says whether any key changed. What still moves the generation:

- time: a scheduled article goes live at ``published_at`` without anyone
  saving anything, so the generation remembers when the next one is due
  (``next_change_at``, read again with every key change) and the first
  request after that moment opens a new generation. Rare, and every list
  shows the new story at once without a key for it;
- ``advance``, for what touches every page and bypasses the writes: new
  image renditions (srcsets) and bulk loaders (the demo, the bench archive).

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
from django.db.models import F
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
        """Has a scheduled article gone live since this generation began?"""
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
            generation = _open_next(since=generation)
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

    updated = CacheGeneration.objects.filter(pk=CacheGeneration.SINGLETON_PK).update(
        number=F("number") + 1, next_change_at=_next_go_live()
    )
    if not updated:
        CacheGeneration.objects.create(
            pk=CacheGeneration.SINGLETON_PK, number=1, next_change_at=_next_go_live()
        )
    # Not the new number: the transaction may still roll back. Forgetting
    # makes this process read the row again on its next request, and again
    # once it commits (a thread may have read the row in between).
    _forget_now_and_on_commit()


def next_keys_version():
    """The next page-key version (``newsroom.page_keys``), inside the caller's
    transaction. The update locks the row until the commit, so versions
    commit in the order they are handed out. The next go-live is read again
    with it: the change may have scheduled an article, or moved one."""
    from newsroom.models import CacheGeneration

    rows = CacheGeneration.objects.filter(pk=CacheGeneration.SINGLETON_PK)
    step = {"keys_version": F("keys_version") + 1, "next_change_at": _next_go_live()}
    if not rows.update(**step):
        CacheGeneration.objects.get_or_create(pk=CacheGeneration.SINGLETON_PK)
        rows.update(**step)
    _forget_now_and_on_commit()
    return rows.values_list("keys_version", flat=True).get()


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

    row = (
        CacheGeneration.objects.filter(pk=CacheGeneration.SINGLETON_PK)
        .values_list("number", "next_change_at", "keys_version")
        .first()
    )
    if row is None:
        return Generation(number=0, next_change_at=_next_go_live())
    return Generation(*row)


def _open_next(since):
    """A scheduled article's time has come. Only one process opens the next
    generation (the update is conditional on the old number); the others read
    what it opened."""
    from newsroom.models import CacheGeneration

    next_change_at = _next_go_live()
    updated = CacheGeneration.objects.filter(
        pk=CacheGeneration.SINGLETON_PK, number=since.number
    ).update(number=F("number") + 1, next_change_at=next_change_at)
    if not updated and since.number == 0:
        CacheGeneration.objects.get_or_create(
            pk=CacheGeneration.SINGLETON_PK,
            defaults={"number": 1, "next_change_at": next_change_at},
        )
    return _read()


def next_change_from(finder):
    """Tells the generation how to find when readers' pages next change with
    nobody saving anything: ``finder()`` returns that time or None. The
    articles app passes its next scheduled go-live at start-up
    (``ArticlesConfig.ready``), so this site-wide module needs no article."""
    _finder["next_change_at"] = finder


_finder = {"next_change_at": lambda: None}


def _next_go_live():
    return _finder["next_change_at"]()
