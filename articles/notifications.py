"""E-mail about an article's progress, sent after the transition has committed.

A mail server that is down must never undo or block a transition: sending
happens after commit, failures are logged and written on the event.
"""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles.forms import desk_time
from articles.models import ArticleEvent
from newsroom.roles import EDITORS

logger = logging.getLogger(__name__)

Action = ArticleEvent.Action


def recipients_for(event):
    """Addresses to tell: editors of a submission; editors and its bylined
    journalists of a withdrawal (it leaves the editors' queue, and a
    co-author's story is a draft again); bylined journalists of everything
    else, a reopened story included (it is theirs to work on again). Never
    the person who acted."""
    User = get_user_model()
    editors = Q(groups__name=EDITORS)
    bylined = Q(author_profile__bylines__article=event.article)
    if event.action == Action.SUBMIT:
        users = User.objects.filter(editors)
    elif event.action == Action.WITHDRAW:
        users = User.objects.filter(editors | bylined)
    else:
        users = User.objects.filter(bylined)
    if event.actor_id:
        users = users.exclude(pk=event.actor_id)
    emails = (
        users.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )
    return sorted(set(emails))


def message_for(event):
    article = event.article
    # A header may not hold a line break, whatever a headline contains.
    headline = " ".join(article.headline.split())
    subject = f"{event.get_action_display()}: {headline}"
    lines = [
        f"{event.get_action_display()}: {headline}",
        f"By: {event.actor_name or 'the newsroom'}",
    ]
    if event.publish_at:
        label = "Went live" if event.action == Action.GO_LIVE else "Goes live"
        lines.append(f"{label}: {mail_time(event.publish_at)}")
    if event.note:
        lines += ["", "Note:", event.note]
    edit_url = reverse("admin:articles_article_change", args=[article.pk])
    lines += ["", f"Open it on the desk: {settings.NEWSROOM_BASE_URL}{edit_url}"]
    return subject, "\n".join(lines)


def mail_time(value):
    """A time as the desk shows it, in the newsroom's zone, with the zone
    named in full: a reader of the mail may be anywhere."""
    zone = timezone.get_default_timezone_name()
    return f"{desk_time(value)} ({zone} time)"


def send_event_notifications(event_id):
    event = ArticleEvent.objects.select_related("article").get(pk=event_id)
    recipients = recipients_for(event)
    if not recipients:
        return
    subject, body = message_for(event)
    try:
        send_mail(subject, body, None, recipients)
    except Exception as error:  # noqa: BLE001 - any mail failure is reported, not raised
        logger.exception("Could not send notification for event %s", event.pk)
        event.notification_error = f"{type(error).__name__}: {error}"[:1000]
        event.save(update_fields=["notification_error"])
    else:
        event.notified = recipients
        event.save(update_fields=["notified"])


def notify_after_commit(event):
    transaction.on_commit(partial(send_event_notifications, event.pk))
