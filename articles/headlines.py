"""The newest headlines: the strip in every public page's header and the
"Latest News" column beside every list, read with one query for both.

Together they are the page cache's ``headlines`` slot (``newsroom.page_slots``):
a cached page is filed without them and they are put in as it is served,
rendered here once for each version of the keys that say what they show:
``headlines`` (which stories, their headlines and addresses:
``articles.stale_pages``) and ``site`` (a section's address). Each part is
also a fragment (``newsroom.fragments``), rendered once for each set of
headlines and addresses it shows.
"""

from django.template import engines
from django.utils import timezone

from articles.card_rows import HEADLINE_COLUMNS, headlines_from_rows
from articles.models import Article
from newsroom import page_keys, page_slots
from newsroom.fragments import render_fragment
from newsroom.prepared import PreparedQuery

HEADLINES_IN_STRIP = 20
# The column beside lists shows the first of them.
HEADLINES_IN_COLUMN = 6

SLOT = page_keys.HEADLINES
SLOT_KEYS = (page_keys.HEADLINES, page_keys.SITE)


def latest_headlines():
    """The strip's articles, newest first, as light rows (``Headline``s of
    ``articles.card_rows``): one query, compiled once per process."""
    return headlines_from_rows(HEADLINES.rows(now=timezone.now()))


HEADLINES = PreparedQuery(
    Article,
    lambda keys, now: (
        Article.objects.published(now)
        .order_by("-published_at", "-id")
        .values_list(*HEADLINE_COLUMNS)[:HEADLINES_IN_STRIP]
    ),
    uses_moment=True,
)


def strip(engine, headlines):
    """templates/includes/headlines.html: what it shows is each headline and
    its address."""
    headlines = list(headlines)
    shown = tuple(
        (article.headline, article.get_absolute_url()) for article in headlines
    )
    values = {"headlines": headlines}
    return render_fragment(engine, "includes/headlines.html", values, shown=shown)


def column(engine, headlines):
    """templates/includes/latest_sidebar.html: the first of the headlines."""
    headlines = list(headlines)[:HEADLINES_IN_COLUMN]
    shown = tuple(
        (article.headline, article.get_absolute_url()) for article in headlines
    )
    values = {"headlines": headlines}
    return render_fragment(engine, "includes/latest_sidebar.html", values, shown=shown)


PARTS = {"strip": strip, "column": column}


def shown(engine, part, headlines):
    """``part`` of the slot for a page being rendered: its marker while the
    page cache renders a page it may keep, else the part itself."""
    # The type itself, not isinstance(): the chrome's lazy headlines would
    # answer isinstance() by loading them, a query the slot exists to spare.
    if type(headlines) is str:
        # Rendered without the news chrome (the template's empty value for a
        # missing latest_headlines): none to show, now or when served.
        return PARTS[part](engine, [])
    return page_slots.place(SLOT, part) or PARTS[part](engine, headlines)


def render_slot():
    """Every part, as the database has them now (one query)."""
    engine = engines["django"].engine
    headlines = list(latest_headlines())
    return {part: render(engine, headlines) for part, render in PARTS.items()}


def register():
    """Tells the page cache how to render the slot (``ArticlesConfig.ready``)."""
    page_slots.fill_with(SLOT, keys=SLOT_KEYS, render=render_slot)
