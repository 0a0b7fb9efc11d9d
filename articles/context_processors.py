"""What every public page's chrome shows of the news."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from articles.card_rows import HEADLINE_COLUMNS, headlines_from_rows, menu_sections
from articles.models import Article
from newsroom import page_keys
from newsroom.prepared import PreparedQuery

HEADLINES_IN_STRIP = 20


def news_chrome(request):
    """What the header of every public page needs from the news: the menu's
    sections and the strip of latest headlines. Lazy: a page that never
    renders the header (the admin, feeds) pays no query for them."""
    # The strip shows the newest headlines; the menu is the site's chrome.
    page_keys.record_chrome(page_keys.HEADLINES)
    return {
        "menu_categories": SimpleLazyObject(menu_sections),
        "latest_headlines": SimpleLazyObject(latest_headlines),
    }


def latest_headlines():
    """The newest ``HEADLINES_IN_STRIP`` live stories, as ``Headline``s."""
    return headlines_from_rows(HEADLINES.rows(now=timezone.now()))


# Compiled once per process: the chrome of every page but the home page's.
HEADLINES = PreparedQuery(
    Article,
    lambda keys, now: (
        Article.objects.published(now)
        .order_by("-published_at", "-id")
        .values_list(*HEADLINE_COLUMNS)[:HEADLINES_IN_STRIP]
    ),
    uses_moment=True,
)
