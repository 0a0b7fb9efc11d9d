"""The masthead and the footer every public page shows, each rendered once
per version of what it shows (``newsroom.fragments``) rather than on every
page: together they were a sixth of an uncached category page's time.

Each tag lists what its partial shows. A page's address matters to them only
where it is one the partial marks as the current page (the home page, a
section in the menu, a site page), so every other address shares one
fragment.
"""

from django import template
from django.utils import timezone

from newsroom.fragments import render_fragment
from newsroom.routes import slug_path

register = template.Library()


def site_values(site):
    """What the chrome shows of the site settings."""
    return (
        site.name,
        site.tagline,
        site.logo.name if site.logo else "",
        site.facebook_url,
        site.x_url,
        site.instagram_url,
    )


@register.simple_tag(takes_context=True)
def masthead(context, *, site, today, menu_categories, current_category, request_path):
    """templates/includes/header.html, which says what each value is for."""
    menu = list(menu_categories)
    current = current_category.pk if current_category else None
    current_url = current_category.get_absolute_url() if current_category else None
    shown = (
        site_values(site),
        today,
        tuple((c.pk, c.name, c.get_absolute_url()) for c in menu),
        request_path == "/",
        current,
        current_url == request_path,
    )
    values = {
        "site": site,
        "today": today,
        "menu_categories": menu,
        "current_category": current_category,
        "request_path": request_path,
    }
    engine = context.template.engine
    return render_fragment(engine, "includes/header.html", values, shown=shown)


@register.simple_tag(takes_context=True)
def site_footer(context, *, site, site_pages, request_path):
    """templates/includes/footer.html, which says what each value is for."""
    pages = [slug_path("site-page", slug) for slug in site_pages.values]
    shown = (
        site_values(site),
        tuple(site_pages.choices),
        timezone.localdate().year,  # the copyright line's
        request_path if request_path in pages else "",
    )
    values = {"site": site, "site_pages": site_pages, "request_path": request_path}
    engine = context.template.engine
    return render_fragment(engine, "includes/footer.html", values, shown=shown)
