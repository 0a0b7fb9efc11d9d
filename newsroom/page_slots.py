"""Slots: parts of a cached page that change more often than the page, left
out of its cache entry and put in each time it is served.

The strip of newest headlines in every header (and the "Latest News" column
beside every list) changes with each story published and each edit to a
recent headline. Filed inside each page, it made every page of the site
stale at every such change. Instead, while the page cache renders a page it
may keep (``marking``), the tag that shows a slot's part writes a marker in
its place (``place``); the cache files the page with its markers and, each
time it serves it, from the cache or just rendered, puts the slot's current
parts in their place (``fill``).

A slot's parts are rendered together, once per version of what they show,
by the app that owns it (``fill_with``: the articles app registers the
headlines at start-up, so this site-wide module needs no article). They are
kept in this process's memory with the page-key version they were rendered
at, and are fresh while none of the slot's keys (``headlines`` and ``site``
for the strip) has moved since, exactly as a page is (``newsroom.page_keys``);
a new generation or another language renders them anew. So serving a page
costs no query and no cache read while its slots are fresh, and one render
of each per process once they change. A database that cannot be reached
keeps the last parts rendered, as it keeps the last known generation.

What the reader gets does not change: the same tags render the same
partials, so the bytes are those of a page rendered whole; its ``ETag``
covers the parts put in (``fill``), so a changed strip is no ``304``; and it
still carries the slot's keys for the CDN (``keys_of``), so a purge of
``headlines`` refreshes every page showing the strip there. Outside the
page cache's renders (the cache off, a logged-in reader, a preview) the tag
renders its part where it stands, and the page records the slot's keys.

A marker carries a token made from the secret key: no text a page shows can
pass for one.
"""

import hashlib
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import lru_cache

from django.core.signals import setting_changed
from django.db import DatabaseError
from django.dispatch import receiver
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe

from newsroom import page_keys


@dataclass(frozen=True)
class Slot:
    keys: tuple
    # Every part's HTML, by part name, rendered from the database as it is.
    render: Callable[[], dict]


@dataclass(frozen=True)
class Rendered:
    """A slot's parts as rendered at a page-key ``version``."""

    number: int  # the generation's
    language: str
    version: int
    parts: dict  # part name -> its HTML, encoded
    digest: str


_slots = {}


def fill_with(name, *, keys, render):
    """Registers the slot ``name``: ``render()`` returns the HTML of each of
    its parts by part name, ``keys`` are the page keys of what they show."""
    _slots[name] = Slot(keys=tuple(keys), render=render)


# --- Rendering a page with markers ------------------------------------------------

_placed = ContextVar("newsroom_page_slots", default=None)


@contextmanager
def marking():
    """While the page cache renders a page it may keep: the parts it shows
    are left as markers, gathered (as ``(slot, part)``) in the set yielded."""
    placed = set()
    token = _placed.set(placed)
    try:
        yield placed
    finally:
        _placed.reset(token)


def place(name, part):
    """The marker standing for ``part`` of the slot ``name`` in a page the
    page cache is rendering; otherwise None, and the page records the slot's
    keys: the caller then renders the part in place."""
    placed = _placed.get()
    if placed is None:
        page_keys.record_chrome(*_slots[name].keys)
        return None
    placed.add((name, part))
    return mark_safe(marker(name, part))  # noqa: S308 (a comment we make)


def marker(name, part):
    return f"<!--slot {name} {part} {_token()}-->"


@lru_cache(maxsize=1)
def _token():
    return salted_hmac("newsroom.page_slots", "marker").hexdigest()[:20]


def locate(response, placed):
    """Where in ``response`` its ``placed`` parts' markers are: ``(start,
    end, slot, part)`` in order, found once when the page is rendered, so
    that serving it again cuts and joins without searching."""
    if not placed or response.streaming:
        return ()
    content = response.content
    spans = []
    for name, part in placed:
        mark = marker(name, part).encode()
        start = content.find(mark)
        while start != -1:
            spans.append((start, start + len(mark), name, part))
            start = content.find(mark, start + len(mark))
    return tuple(sorted(spans))


# --- Serving it with the current parts -------------------------------------------


def spans_of(response):
    """Where the markers in ``response`` are (``locate``), if any."""
    return getattr(response, "page_slots", ())


def keys_of(response):
    """The page keys of the slots ``response`` shows (for the CDN)."""
    names = {name for _start, _end, name, _part in spans_of(response)}
    return {key for name in names for key in _slots[name].keys}


def fill(response, generation, version):
    """Puts the current parts of the slots ``response`` shows in place of
    their markers, and makes its ETag (made from the bytes with markers)
    cover them. ``version`` is the page-key version the request began at,
    which a render made now is filed at."""
    spans = spans_of(response)
    if not spans:
        return
    names = {name for _start, _end, name, _part in spans}
    slots = {name: current(name, generation, version) for name in names}
    content = response.content
    pieces, done = [], 0
    for start, end, name, part in spans:
        pieces += [content[done:start], slots[name].parts[part]]
        done = end
    pieces.append(content[done:])
    response.content = content = b"".join(pieces)
    if response.has_header("Content-Length"):
        response.headers["Content-Length"] = str(len(content))
    if etag := response.headers.get("ETag"):
        every = " ".join([etag, *(slots[name].digest for name in sorted(slots))])
        digest = hashlib.blake2b(every.encode(), digest_size=16).hexdigest()
        response.headers["ETag"] = f'"{digest}"'


# Process-wide: (slot, language) -> its Rendered parts.
_memory = {}


def current(name, generation, version):
    """The parts of the slot ``name`` as they are now: remembered, or
    rendered (and remembered) at ``version``."""
    slot = _slots[name]
    language = translation.get_language()
    known = _memory.get((name, language))
    if known is not None and known.number == generation.number:
        fresh_at = page_keys.fresh_at(slot.keys, known.version)
        if fresh_at is not None:
            if fresh_at != known.version:  # checked against the table: once
                known = _memory[(name, language)] = replace(known, version=fresh_at)
            return known
    try:
        parts = {part: html.encode() for part, html in slot.render().items()}
    except DatabaseError:
        if known is None:
            raise
        return known  # the database is out: the last parts, as the generation
    digest = hashlib.blake2b(digest_size=16)
    for part in sorted(parts):
        digest.update(b"%s\0%s\0" % (part.encode(), parts[part]))
    rendered = Rendered(generation.number, language, version, parts, digest.hexdigest())
    latest = _memory.get((name, language))
    # Another thread may have rendered them at a later version meanwhile.
    if latest is None or (latest.number, latest.version) <= (rendered.number, version):
        _memory[(name, language)] = rendered
    return rendered


def forget():
    """Drops this process's rendered slots (tests, and a change of settings)."""
    _memory.clear()


@receiver(setting_changed)
def forget_slots(*, setting, **kwargs):
    # As the fragments they are made of: a test that swaps storage or formats
    # must not be shown parts rendered under the old ones.
    forget()
    if setting == "SECRET_KEY":
        _token.cache_clear()
