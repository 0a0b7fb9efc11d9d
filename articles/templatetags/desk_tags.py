"""Template helpers for the desk (the admin's home page and calendar).

The admin's index view is Django's own, so the desk's lists reach its template
through these tags rather than through a view's context.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from articles import desk_home
from newsroom import times

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_lists(context):
    """``{% desk_lists as lists %}``: the desk home's lists for the user."""
    return desk_home.desk_lists(context["request"].user)


@register.filter
def newsroom_time(value, format="list"):
    """An aware datetime in the newsroom's zone, whatever zone is active
    (unlike ``|date``, which shows the active one), in one of
    ``newsroom.times.FORMATS`` or a date format string."""
    return times.newsroom_time(value, format)


@register.simple_tag
def desk_status(article):
    """The article's status as the article list shows it: a badge, with
    "Scheduled" for a publication still to come."""
    if article.is_scheduled():
        key, label = "scheduled", _("Scheduled")
    else:
        key, label = article.status, article.get_status_display()
    return format_html(
        '<span class="desk-status desk-status--{}">{}</span>', key, label
    )
