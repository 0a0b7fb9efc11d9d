from articles.card_rows import as_headlines
from articles.models import Article, Category
from newsroom import page_keys

HEADLINES_IN_STRIP = 20


def news_chrome(request):
    """What the header of every public page needs from the news: the menu's
    sections and the strip of latest headlines. Lazy querysets: a page that
    never renders the header (the admin, feeds) pays no query for them."""
    # The strip shows the newest headlines; the menu is the site's chrome.
    page_keys.record_chrome(page_keys.HEADLINES)
    return {
        "menu_categories": Category.objects.in_menu(),
        "latest_headlines": as_headlines(
            Article.objects.published().order_by("-published_at", "-id")
        )[:HEADLINES_IN_STRIP],
    }
