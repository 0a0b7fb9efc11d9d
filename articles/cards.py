"""Article cards, each rendered once per version of what it shows.

A home page shows some 45 cards and a listing 20, and rendering them through
the template engine was most of an uncached page's time (bench/profile.py:
includes 54 % of a home page, 60 % of a category page). A card is the same
HTML wherever the same story appears in the same form, so each is rendered
once and reused on every page that shows it (``newsroom.fragments``, which
says how a reused fragment can never be stale).

What a card shows (``card_values``): the article's own fields (headline,
slug, intro, publication time, reading time, whether its live coverage is
on, hero text), its category's name
and slug, each bylined author's name, slug and whether they have a page, its
picture's file, size, renditions and focal point, and the form it is shown
in. Any of them changed, by any path (a service, a workflow step that saves
two fields, ``refresh_reading_time``'s bare ``update()``, a category renamed
in the desk), is a card never rendered before.

Only live articles are kept (``Article.is_published``): a card for a
draft, a scheduled story or a preview is rendered each time and kept
nowhere. Listings only ever show ``published()`` articles, so this costs
nothing; it keeps the store free of unpublished work whatever a future page
passes in. Search results show a passage around the reader's words instead of
the intro: their cards are kept with an empty slot for it, and the passage,
the reader's own query, is put in on each page and kept nowhere.

The values are read from the rows a listing loads anyway (``for_cards()``:
the category, the picture and the bylines, as light rows of
``articles.card_rows``), so a page costs the same queries with or without
reused cards.
"""

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from articles.card_rows import as_cards
from newsroom.fragments import render_fragment

CARD_TEMPLATE = "includes/article_card.html"
# The forms a card takes (templates/includes/article_card.html says which is
# which); each is a different fragment.
FORMS = ("lead", "compact", "in_list", "show_dek")
# Where a search result's passage goes in its kept card: a comment, which no
# value shown on a card can hold (the template escapes every "<" of them).
SNIPPET_SLOT = mark_safe("<!--search-passage-->")


def for_cards(articles):
    """``articles`` (a queryset) in a list's order, yielding light ``Card``s
    with their bylines (``articles.card_rows``) rather than model instances:
    a home page's rows load in a fraction of the time. Still a queryset, for
    a paginator to count and slice and a search to filter and rank."""
    return as_cards(articles.for_listing().prefetch_related(None))


def render_card(article, *, engine, first_picture=None, snippet="", **form):
    """The card of ``article`` as HTML, reused when this very card was
    rendered before. ``form`` holds the flags of ``FORMS``;
    ``first_picture`` the page's first article with a picture (its card's
    image is fetched first); ``snippet`` a search result's passage."""
    unknown = set(form) - set(FORMS)
    if unknown:
        raise TypeError(f"Unknown card options: {', '.join(sorted(unknown))}")
    values = {**form, "article": article, "first_picture": first_picture}
    is_first = article is first_picture
    # A card of anything not live must not outlive the page that shows it.
    keep = article.is_published()
    shown = card_values(article, form, is_first=is_first) if keep else None
    if not snippet:
        return render_fragment(engine, CARD_TEMPLATE, values, shown=shown)
    # A search result's card is kept with a slot where its passage goes: the
    # passage holds the reader's query, so it is put in on each page and
    # kept nowhere.
    values["snippet"] = SNIPPET_SLOT
    html = render_fragment(
        engine, CARD_TEMPLATE, values, shown=shown and (*shown, SNIPPET_SLOT)
    )
    passage = conditional_escape(snippet)
    return mark_safe(html.replace(SNIPPET_SLOT, passage, 1))  # noqa: S308 (both escaped)


def card_values(article, form, *, is_first):
    """Every value the card of ``article`` shows (the module's docstring
    lists them and says why)."""
    category = article.category
    image = article.hero_image
    return (
        tuple(bool(form.get(name)) for name in FORMS),
        is_first,
        article.pk,
        article.headline,
        article.slug,
        article.dek,
        article.published_at,
        article.reading_time,
        article.is_live_now,
        article.hero_alt_text,
        (category.slug, category.name) if category else None,
        (
            image.name,
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
