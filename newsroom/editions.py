"""The public site's edition: what keeps the page cache honest.

Every cached page is filed under the edition it was rendered in. Whatever a
reader can see changing (a live article or its parts, a category, an author,
a tag, the site's settings or pages) moves the edition on (``advance``), in
the same transaction as the change, so the new edition and the new content
become visible together and every page filed under the old one is simply
never asked for again. Nothing has to find and delete the affected pages.
Who calls ``advance``: a write through ``articles.services``, once at its
end, and bulk code that bypasses the models' signals (the demo loader).

Time moves it on too: a scheduled article goes live at ``published_at``
without anyone saving anything, so the edition remembers when the next one
is due and the first request after that moment opens a new edition.

Each process keeps the current edition in memory and rereads the row at most
every ``NEWSROOM_EDITION_RECHECK_SECONDS`` (a change made in this process is
seen at once; one made in another process within that many seconds).
"""

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Edition:
    number: int
    next_change_at: datetime | None

    def is_due(self, now):
        """Has a scheduled article gone live since this edition began?"""
        return self.next_change_at is not None and self.next_change_at <= now


# One process-wide memory (not per thread): a change made by one thread must
# reach the others at once.
_memory = {"edition": None, "read_at": 0.0}
_lock = threading.Lock()


def current():
    """The edition pages are rendered in now.

    Costs no query while the process's memory of it is fresh; a database
    that cannot be reached leaves the last known edition in force.
    """
    now = timezone.now()
    edition, read_at = _memory["edition"], _memory["read_at"]
    fresh = time.monotonic() - read_at < settings.NEWSROOM_EDITION_RECHECK_SECONDS
    if edition is not None and fresh and not edition.is_due(now):
        return edition
    try:
        edition = _read()
        if edition.is_due(now):
            edition = _open_next(since=edition)
    except DatabaseError:
        if edition is None:
            raise
        logger.warning("Edition unreadable; pages keep edition %s", edition.number)
        return edition
    _remember(edition)
    return edition


def advance():
    """Something readers see has changed: every page rendered before is out
    of date. Runs inside the caller's transaction, so the edition and the
    change commit (or roll back) together."""
    from newsroom.models import PublicEdition

    updated = PublicEdition.objects.filter(pk=PublicEdition.SINGLETON_PK).update(
        number=F("number") + 1, next_change_at=_next_go_live()
    )
    if not updated:
        PublicEdition.objects.create(
            pk=PublicEdition.SINGLETON_PK, number=1, next_change_at=_next_go_live()
        )
    # Not the new number: the transaction may still roll back. Forgetting
    # makes this process read the row again on its next request.
    forget()


def forget():
    """Drops this process's memory of the edition (tests, and after a change)."""
    with _lock:
        _memory["edition"] = None
        _memory["read_at"] = 0.0


def _remember(edition):
    with _lock:
        _memory["edition"] = edition
        _memory["read_at"] = time.monotonic()


def _read():
    from newsroom.models import PublicEdition

    row = (
        PublicEdition.objects.filter(pk=PublicEdition.SINGLETON_PK)
        .values_list("number", "next_change_at")
        .first()
    )
    if row is None:
        return Edition(number=0, next_change_at=_next_go_live())
    return Edition(*row)


def _open_next(since):
    """A scheduled article's time has come. Only one process opens the next
    edition (the update is conditional on the old number); the others read
    what it opened."""
    from newsroom.models import PublicEdition

    next_change_at = _next_go_live()
    updated = PublicEdition.objects.filter(
        pk=PublicEdition.SINGLETON_PK, number=since.number
    ).update(number=F("number") + 1, next_change_at=next_change_at)
    if not updated and since.number == 0:
        PublicEdition.objects.get_or_create(
            pk=PublicEdition.SINGLETON_PK,
            defaults={"number": 1, "next_change_at": next_change_at},
        )
    return _read()


def _next_go_live():
    from articles.models import Article

    return (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
