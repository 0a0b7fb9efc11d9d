from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from articles.models import Article, Category
from newsroom.models import SitePage, SiteSettings

HEADLINES_IN_STRIP = 20


def site_chrome(request):
    """What the header and footer of every public page need.

    Everything is lazy: pages that never render the chrome (the admin, feeds)
    pay no queries for it, and pages that do pay a fixed number.
    """
    return {
        "site": SimpleLazyObject(SiteSettings.load),
        "menu_categories": Category.objects.in_menu(),
        "latest_headlines": Article.objects.published()
        .select_related("category")
        .only("headline", "slug", "category__slug")
        .order_by("-published_at", "-id")[:HEADLINES_IN_STRIP],
        "site_pages": SitePage.Kind,
        "today": timezone.localdate,
    }
