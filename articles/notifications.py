"""E-mail about an article's progress, sent by a task after the transition
has committed.

A mail server that is down must never undo, block or slow a transition: the
transition only enqueues a task (with the event's id) once it has committed,
and a worker sends the mail. A failure is logged and written on the event,
and the task tries again later, a few times, where the backend can run a task
later (database and RQ); the immediate backend records the failure only.

The mail's words are templates (``templates/articles/email/``), as the
newsletter's are: wording changes without touching the code that sends it.

The task lives here rather than in a tasks module: the workflow enqueues it
through ``notify_after_commit``, and the task sends what this module composes,
so a separate module would import this one and be imported by it.
"""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from articles.models import ArticleEvent
from articles.roles import EDITORS
from newsroom.retries import try_again_later
from newsroom.times import newsroom_time

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
    """(subject, body) of the mail about ``event``, from
    ``templates/articles/email/`` as the newsletter's mails are."""
    article = event.article
    edit_url = reverse("admin:articles_article_change", args=[article.pk])
    context = {
        "action": event.get_action_display(),
        # A header may not hold a line break, whatever a headline contains.
        "headline": " ".join(article.headline.split()),
        "actor": event.actor_name or "the newsroom",
        "publish_at": mail_time(event.publish_at) if event.publish_at else "",
        "went_live": event.action == Action.GO_LIVE,
        "note": event.note,
        "edit_url": f"{settings.NEWSROOM_BASE_URL}{edit_url}",
    }
    subject = render_to_string("articles/email/notification_subject.txt", context)
    context["subject"] = " ".join(subject.split())
    body = render_to_string("articles/email/notification.txt", context)
    return context["subject"], body


def mail_time(value):
    """A time as the desk shows it, in the newsroom's zone, with the zone
    named in full: a reader of the mail may be anywhere."""
    return newsroom_time(value, "desk", zone_in_full=True)


def send_event_notifications(event_id):
    """Mail the people an event concerns and record whom, or the error on
    the event; False when the mail server failed."""
    event = ArticleEvent.objects.select_related("article").filter(pk=event_id).first()
    if event is None:  # the article, and its history, were deleted since
        return True
    recipients = recipients_for(event)
    if not recipients:
        return True
    subject, body = message_for(event)
    try:
        send_mail(subject, body, None, recipients)
    except Exception as error:  # noqa: BLE001 - any mail failure is reported, not raised
        logger.exception("Could not send notification for event %s", event.pk)
        event.notification_error = f"{type(error).__name__}: {error}"[:1000]
        event.save(update_fields=["notification_error"])
        return False
    event.notified = recipients
    event.notification_error = ""
    event.save(update_fields=["notified", "notification_error"])
    return True


@task()
def deliver_event_notifications(event_id, attempt=1):
    if not send_event_notifications(event_id):
        try_again_later(deliver_event_notifications, event_id, attempt=attempt)


def enqueue_notifications(event_id):
    try:
        deliver_event_notifications.enqueue(event_id)
    except Exception as error:  # noqa: BLE001 - the transition has committed
        # The queue (Redis, say) is down: the step stands, the desk sees
        # why no one was told.
        logger.exception("Could not queue the notification for event %s", event_id)
        ArticleEvent.objects.filter(pk=event_id).update(
            notification_error=f"not queued: {type(error).__name__}: {error}"[:1000]
        )


def notify_after_commit(event):
    """Queue the event's mail once the transition has committed: a worker
    reads the committed rows, and a rolled-back step tells no one."""
    transaction.on_commit(partial(enqueue_notifications, event.pk))
