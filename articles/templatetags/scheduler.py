"""``{% publish_scheduled_warning %}``: the desk's warning that go-live side
effects are overdue, with when ``manage.py publish_scheduled`` last ran.

Used on the article list and the article's page; any admin template can load
it (``{% load scheduler %}``).
"""

from django import template

from articles import desk_home
from articles.models import SchedulerHeartbeat
from articles.roles import is_editor

register = template.Library()


@register.inclusion_tag("admin/articles/scheduler_warning.html", takes_context=True)
def publish_scheduled_warning(context):
    """Renders nothing unless articles went live more than a couple of
    minutes ago and their effects (notifications, cache purges) have not run.

    Editors only: they schedule, and they (or whoever runs the servers) can
    act on it. Two small queries, and only for editors.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not (is_editor(user) and user.has_perm("articles.view_article")):
        return {"overdue_count": 0}
    overdue = desk_home.overdue_go_live_count()
    if not overdue:
        return {"overdue_count": 0}
    return {
        "overdue_count": overdue,
        "last_run_at": SchedulerHeartbeat.last_run_at_or_none(),
    }
