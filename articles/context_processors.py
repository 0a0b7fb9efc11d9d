"""The news every public page's header needs, for its templates."""

from django.utils.functional import SimpleLazyObject

from articles.card_rows import menu_sections
from articles.headlines import latest_headlines


def news_chrome(request):
    """What the header of every public page needs from the news: the menu's
    sections and the strip of latest headlines, as light rows. Lazy: a page
    that never renders the header (the admin, feeds), or whose strip the
    page cache puts in as it serves it (``articles.headlines``), pays no
    query for them."""
    return {
        "menu_categories": SimpleLazyObject(menu_sections),
        "latest_headlines": SimpleLazyObject(latest_headlines),
    }
