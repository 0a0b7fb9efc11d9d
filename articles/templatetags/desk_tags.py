"""Template helpers for the desk (the admin's home page and calendar).

The admin's index view is Django's own, so the desk's lists reach its template
through these tags rather than through a view's context.
"""

from functools import lru_cache

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles import desk_home
from articles.models import Article
from newsroom import times

# Each status's label, translated when a badge is made.
STATUS_LABELS = dict(Article.Status.choices)

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
    key = "scheduled" if article.is_scheduled() else article.status
    return _status_badge(key, get_language())


@lru_cache(maxsize=64)
def _status_badge(key, language):
    # One badge per status and language, made once: the desk's list draws 50
    # a page, and a label looked up for each (``get_status_display()``
    # translates it afresh) was a tenth of the rows' time.
    label = _("Scheduled") if key == "scheduled" else STATUS_LABELS.get(key, key)
    return format_html(
        '<span class="desk-status desk-status--{}">{}</span>', key, label
    )
