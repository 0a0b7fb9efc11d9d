"""Partials rendered once per version of what they show, and reused.

Rendering through Django's template engine was most of an uncached page's
time (bench/profile.py), and much of a page is the same HTML on page after
page: an article's card on every listing it is in, the masthead and the
footer on every page. ``render_fragment`` renders such a partial once and
serves the HTML again whenever the same values are shown.

What keeps a reused fragment honest: its key is a digest of *every value the
partial shows*, which the caller lists (``shown``), together with what every
rendering depends on: the partial's own source (a template edited while the
server runs renders anew), the language, the time zone and the script
prefix of links. Change any value, by any path (a service, a bare
``update()``, a setting in the desk), and the next page asks for a fragment
that was never rendered: a reused fragment cannot be stale, so nothing has
to find and drop the old ones. They age out.

The store is the ``fragments`` cache, each process's own memory (Django's
``LocMemCache``, bounded): since the keys say what the HTML is, processes need
not agree on anything, and a shared cache would add a network round trip per
fragment where a render costs well under a millisecond. A test that changes
settings (storage, formats) empties it, as Django does its own caches.

Django's ``{% cache %}`` tag keys fragments by what the template lists, but
a list of an object's fields in the template would be the part that goes
out of date; here the code that knows what a partial shows lists it once.
"""

import hashlib
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Context
from django.urls import get_script_prefix
from django.utils import timezone, translation

STORE = "fragments"


def fragments():
    """The store, or None where the settings name none (partials are then
    rendered every time)."""
    return caches[STORE] if STORE in settings.CACHES else None


def render_fragment(engine, template_name, values, *, shown):
    """``template_name`` rendered with ``values`` (its only context), reused
    while ``shown`` is the same. ``shown`` is a tuple of every value the
    partial shows, or None to render it afresh and keep it nowhere."""
    template = engine.get_template(template_name)
    store = fragments()
    if store is None or shown is None:
        return template.render(Context(values))
    key = fragment_key(template, shown)
    html = store.get(key)
    if html is None:
        html = template.render(Context(values))
        store.set(key, html)
    return html


def fragment_key(template, shown):
    every = (
        template_digest(template.source),
        translation.get_language(),
        timezone.get_current_timezone_name(),
        get_script_prefix(),
        shown,
    )
    digest = hashlib.blake2b(repr(every).encode(), digest_size=16).hexdigest()
    return f"fragment:{digest}"


@lru_cache(maxsize=32)
def template_digest(source):
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()


@receiver(setting_changed)
def forget_fragments(*, setting, **kwargs):
    # A test that swaps the storage or the formats would otherwise be shown
    # fragments rendered under the old ones. (New caches start empty.)
    if setting == "CACHES":
        return
    store = fragments()
    if store is not None:
        store.clear()
