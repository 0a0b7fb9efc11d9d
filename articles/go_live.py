"""Going live: what follows once a published article's time has come.

Readers see an article from its ``published_at`` on, by query time
(``Article.objects.published()``); nothing here makes it visible. What
happens here are its go-live effects, exactly once per publication: a "went
live" event on its trail, the mail to its journalists and the
``article_went_live`` hook.

Two halves: the claim, which makes it "once", is quick and the runner's;
the work is a task's, which a worker takes once:

- ``run_go_live_effects`` (from `publish_scheduled` every minute, and from
  ``workflow.approve``/``reschedule`` when they publish at once) claims each
  article that is due with one conditional UPDATE, which only one runner can
  win, records the event in the same transaction and, once that has
  committed, queues the effects: one task per article.
- ``deliver_go_live_effects``, the task, run by a worker (or in the caller,
  with the immediate backend): the mail (a task of its own, with its retries:
  ``articles.notifications``) and the hook. A slow hook or mail server holds
  up neither the scheduler nor the desk step that published.

A claim whose task could not be queued (the queue was down) is released, and
its event removed, so the next run claims it again: nothing is lost, nothing
runs twice, and meanwhile the desk's overdue warning shows it waiting.
"""

import logging
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from articles.desk_home import GO_LIVE_GRACE
from articles.models import Article, ArticleEvent
from articles.notifications import enqueue_notifications
from articles.signals import article_went_live
from newsroom.times import desk_time

logger = logging.getLogger(__name__)

Status = Article.Status
Action = ArticleEvent.Action


def run_go_live_effects(*, now=None, article_ids=None):
    """Claim every article (of ``article_ids``, if given) that has gone live
    since its effects last ran, record that on its trail and queue its
    effects after commit; returns the articles claimed by this call.

    Safe to run often and concurrently: the claim makes each publication's
    effects happen exactly once; anything missed while no runner ran is
    caught up on the next run.
    """
    now = now or timezone.now()
    due = Article.objects.published().filter(
        live_effects_at__isnull=True, published_at__lte=now
    )
    if article_ids is not None:
        due = due.filter(pk__in=article_ids)
    handled = []
    for pk in due.order_by("published_at").values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Article.objects.filter(
                pk=pk,
                live_effects_at__isnull=True,
                status=Status.PUBLISHED,
                published_at__lte=now,
            ).update(live_effects_at=now)
            if not claimed:
                continue  # another runner has it, or it was pulled meanwhile
            article = Article.objects.get(pk=pk)
            event = ArticleEvent.objects.create(
                article=article,
                action=Action.GO_LIVE,
                actor_name="",
                from_status=Status.PUBLISHED,
                to_status=Status.PUBLISHED,
                publish_at=article.published_at,
                note=_went_live_note(article.published_at, now),
                created_at=now,
            )
            # After commit: a worker reads the committed event, and a claim
            # rolled back queues nothing.
            transaction.on_commit(
                partial(_enqueue_effects, article_id=pk, event_id=event.pk, at=now)
            )
        handled.append(article)
    return handled


@task()
def deliver_go_live_effects(event_id):
    """The effects of the going live ``event_id`` records: the mail to the
    article's journalists, then the ``article_went_live`` hook."""
    event = ArticleEvent.objects.select_related("article").filter(pk=event_id).first()
    if event is None:  # the article was deleted since, its trail with it
        return
    enqueue_notifications(event.pk)
    article_went_live.send(sender=Article, article=event.article)


def _enqueue_effects(*, article_id, event_id, at):
    try:
        deliver_go_live_effects.enqueue(event_id)
    except Exception:  # noqa: BLE001 - the claim has committed
        logger.exception(
            "Could not queue the go-live effects of article %s; the next run "
            "of publish_scheduled tries again",
            article_id,
        )
        _release_claim(article_id=article_id, event_id=event_id, at=at)


def _release_claim(*, article_id, event_id, at):
    """Undo a claim whose effects were never queued, so that the next run
    makes it again (the event is recorded again then, saying how late)."""
    with transaction.atomic():
        ArticleEvent.objects.filter(pk=event_id).delete()
        # Only this claim's: a publication since then is another's to run.
        Article.objects.filter(pk=article_id, live_effects_at=at).update(
            live_effects_at=None
        )


def _went_live_note(published_at, now):
    note = _("Went live at %(time)s.") % {"time": desk_time(published_at)}
    if now - published_at > GO_LIVE_GRACE:
        # The trail says when readers could first see it, and also that the
        # mails and hooks came late (the scheduler was not running).
        note += " " + _("Its go-live notices went out late, at %(time)s.") % {
            "time": desk_time(now)
        }
    return note
