from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from newsroom.models import SitePage, SiteSettings


def site_chrome(request):
    """What the header and footer of every public page need from the site
    itself (the articles app adds its menu and headlines:
    ``articles.context_processors``).

    Everything is lazy: pages that never render the chrome (the admin, feeds)
    pay no queries for it, and pages that do pay a fixed number.
    """
    return {
        "site": SimpleLazyObject(SiteSettings.load),
        "site_pages": SitePage.Kind,
        "today": timezone.localdate,
    }
