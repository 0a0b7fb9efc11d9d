"""The news every public page's header needs, for its templates."""

from articles.headlines import latest_headlines
from articles.models import Category


def news_chrome(request):
    """What the header of every public page needs from the news: the menu's
    sections and the strip of latest headlines. Lazy querysets: a page that
    never renders the header (the admin, feeds), or whose strip the page
    cache puts in as it serves it (``articles.headlines``), pays no query
    for them."""
    return {
        "menu_categories": Category.objects.in_menu(),
        "latest_headlines": latest_headlines(),
    }
