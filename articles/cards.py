"""Article cards, each rendered once per version of what it shows.

A home page shows some 45 cards and a listing 20, and rendering them through
the template engine was most of an uncached page's time (bench/profile.py:
includes 54 % of a home page, 60 % of a category page). A card is the same
HTML wherever the same story appears in the same form, so each is rendered
once and the HTML reused on every page that shows it.

What keeps a reused card honest: its key is a digest of *every value the card
shows*, not a version number kept up to date by the write path. The
article's own fields (headline, slug, intro, publication time, reading time,
hero text), its category's name and slug, each bylined author's name, slug
and whether they have a page, its picture's file, size, renditions and focal
point, the form it is shown in, the language and time zone it is rendered
in, the script prefix of its links, and the card template's source. Change
any of them, by any path (a service, a workflow step that saves two fields,
``refresh_reading_time``'s bare ``update()``, a category renamed in the
desk), and the next page asks for a card that was never rendered: a reused
card cannot be stale, so nothing has to find and drop the old ones. They are
left to age out.

Only live articles are filed (``Article.is_published``): a card for a
draft, a scheduled story or a preview is rendered each time and kept
nowhere. Listings only ever show ``published()`` articles, so this costs
nothing; it keeps the store free of unpublished work whatever a future page
passes in. Search results show a passage around the reader's words instead of
the intro: those cards are rendered each time too.

The store is the ``cards`` cache, each process's own memory (Django's
``LocMemCache``, bounded): since the keys say what the HTML is, processes need
not agree on anything, and a shared cache would add a network round trip
per card where a render costs under half a millisecond. Tests that change
settings (storage, formats) empty it, as Django does its own caches.

The values the key is made of are read from the rows a listing loads anyway
(``for_listing()``: the category, the picture and the bylines), so a page
costs the same queries with or without reused cards.
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

CARD_TEMPLATE = "includes/article_card.html"
# The forms a card takes (templates/includes/article_card.html says which is
# which); each is a different fragment.
FORMS = ("lead", "compact", "in_list", "show_dek")


def fragments():
    """The store, or None where the settings name none (cards are then
    rendered every time)."""
    return caches["cards"] if "cards" in settings.CACHES else None


def render_card(article, *, engine, first_picture=None, snippet="", **form):
    """The card of ``article`` as HTML, from the store when this very card
    was rendered before. ``form`` holds the flags of ``FORMS``;
    ``first_picture`` the page's first article with a picture (its card's
    image is fetched first); ``snippet`` a search result's passage."""
    unknown = set(form) - set(FORMS)
    if unknown:
        raise TypeError(f"Unknown card options: {', '.join(sorted(unknown))}")
    template = engine.get_template(CARD_TEMPLATE)
    values = {**form, "article": article, "first_picture": first_picture}
    if snippet:
        values["snippet"] = snippet
    store = fragments()
    if store is None or snippet or not article.is_published():
        # Never filed: a search passage is the reader's query, and a card of
        # anything not live must not outlive the page that shows it.
        return template.render(Context(values))
    key = card_key(article, template, form, is_first=article is first_picture)
    html = store.get(key)
    if html is None:
        html = template.render(Context(values))
        store.set(key, html)
    return html


def card_key(article, template, form, *, is_first):
    """A digest of everything the card of ``article`` shows (the module's
    docstring lists it and says why)."""
    category = article.category
    image = article.hero_image
    shown = (
        template_digest(template.source),
        translation.get_language(),
        timezone.get_current_timezone_name(),
        get_script_prefix(),
        tuple(bool(form.get(name)) for name in FORMS),
        is_first,
        article.pk,
        article.headline,
        article.slug,
        article.dek,
        article.published_at,
        article.reading_time,
        article.hero_alt_text,
        (category.slug, category.name) if category else None,
        (
            image.file.name,
            image.width,
            image.height,
            tuple(image.renditions or ()),
            image.focal_x,
            image.focal_y,
        )
        if image
        else None,
        tuple(
            (author.pk, author.name, author.slug, author.is_active)
            for author in article.byline_authors
        ),
    )
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
    return f"card:{digest}"


@lru_cache(maxsize=8)
def template_digest(source):
    """The card template's own version: a template edited while the server
    runs (the cached loader reloads it in development) renders new cards."""
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()


@receiver(setting_changed)
def forget_cards(**kwargs):
    # A test that swaps the storage or the formats would otherwise be shown
    # cards rendered under the old ones.
    store = fragments()
    if store is not None:
        store.clear()
