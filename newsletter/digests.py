"""The weekly digest: pick the week's live articles, queue each confirmed
subscriber's own copy as a task, and remember what went out.

A run returns once the copies are queued (thousands of them take seconds,
not the hours of mailing them); workers send them (``send_digest_copy``).
Every copy is a ``Delivery`` row claimed with a conditional UPDATE before it
is sent, so a rerun, a retry or two workers holding the same copy never
mail anyone twice. A refused copy is recorded with its error and tried
again later, a few times, where the backend can run a task later (database
and RQ), and by the next run in any case; a copy left "sending" by a crash
is not, because we cannot know whether it went.

The task lives here rather than in ``newsletter.tasks``: a run queues it, and
it sends what this module picks, so each module would import the other.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from articles.models import Article
from newsletter import emails
from newsletter.models import Delivery, Digest, Subscriber
from newsroom.models import SiteSettings

logger = logging.getLogger(__name__)

PERIOD_DAYS = 7
# Tries in all for a copy the mail server refused, each later than the last
# (10, 40 minutes), before it waits for the next run.
COPY_ATTEMPTS = 3
FIRST_RETRY_AFTER = timedelta(minutes=10)
# What a copy's task did.
SENT, FAILED, SKIPPED = "sent", "failed", "skipped"


@dataclass
class Outcome:
    digest: Digest | None
    sent: int = 0  # by this run (the immediate backend sends as it queues)
    failed: int = 0
    already_sent: int = 0
    queued: int = 0  # waiting for a worker


def period_key(moment):
    year, week, _weekday = timezone.localdate(moment).isocalendar()
    return f"{year}-W{week:02d}"


def live_articles(*, starts_at, ends_at):
    """The articles live now that went live in the period, newest first."""
    return (
        Article.objects.published()
        .filter(published_at__gt=starts_at, published_at__lte=ends_at)
        .select_related("category")
        .order_by("-published_at", "-id")
    )


def digest_for_this_week(now=None):
    """This week's digest, made on first call; None when there is nothing to
    send (no live article since the last digest, at most seven days back)."""
    now = now or timezone.now()
    key = period_key(now)
    digest = Digest.objects.filter(period=key).first()
    if digest is not None:
        return digest
    # Seven days back, or from where the last digest stopped if that is
    # later: two runs either side of a week's boundary (a late cron, a manual
    # run) never send the same article twice.
    starts_at = now - timedelta(days=PERIOD_DAYS)
    previous = Digest.objects.filter(ends_at__gt=starts_at).order_by("-ends_at")
    if last := previous.first():
        starts_at = last.ends_at
    ids = list(
        live_articles(starts_at=starts_at, ends_at=now).values_list("pk", flat=True)
    )
    if not ids:
        return None
    try:
        with transaction.atomic():
            return Digest.objects.create(
                period=key, starts_at=starts_at, ends_at=now, article_ids=ids
            )
    except IntegrityError:  # another run made it a moment ago
        return Digest.objects.get(period=key)


def queue_deliveries(digest):
    """A delivery row for every confirmed subscriber who has none yet."""
    confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
    has_one = Delivery.objects.filter(digest=digest).values("subscriber_id")
    Delivery.objects.bulk_create(
        [
            Delivery(digest=digest, subscriber_id=pk)
            for pk in confirmed.exclude(pk__in=has_one).values_list("pk", flat=True)
        ],
        ignore_conflicts=True,  # a concurrent run queued some of them
    )


def claim(delivery_id):
    """True when the caller may send the copy: it was owed and no one else
    took it."""
    return bool(
        Delivery.objects.filter(
            pk=delivery_id,
            status__in=[Delivery.Status.QUEUED, Delivery.Status.FAILED],
            subscriber__status=Subscriber.Status.CONFIRMED,
        ).update(status=Delivery.Status.SENDING, attempts=F("attempts") + 1)
    )


def send_digest(now=None):
    """Queues every copy of this week's digest still owed; returns an
    ``Outcome``."""
    digest = digest_for_this_week(now)
    outcome = Outcome(digest=digest)
    if digest is None:
        return outcome
    queue_deliveries(digest)
    outcome.already_sent = digest.deliveries.filter(status=Delivery.Status.SENT).count()
    # Queued or failed, never "sending": a copy queued by an earlier run and
    # still waiting is queued again, in case its task was lost; the claim
    # lets one of the two send it.
    owed = (
        Delivery.objects.filter(
            digest=digest,
            status__in=[Delivery.Status.QUEUED, Delivery.Status.FAILED],
            subscriber__status=Subscriber.Status.CONFIRMED,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # Read first: the immediate backend updates these rows as it queues.
    for delivery_id in list(owed):
        try:
            result = send_digest_copy.enqueue(delivery_id)
        except Exception as error:  # noqa: BLE001 - the rest may still go
            # The queue (Redis, say) is down: on the desk, for the next run.
            logger.exception(
                "Digest %s: could not queue delivery %s", digest, delivery_id
            )
            record_failure(delivery_id, f"not queued: {type(error).__name__}: {error}")
            outcome.failed += 1
            continue
        count(result, outcome)
    return outcome


def count(result, outcome):
    """Adds a copy's task to the run's outcome: waiting for a worker, or
    (the immediate backend) done already."""
    if not result.is_finished:
        outcome.queued += 1
    elif result.status == TaskResultStatus.FAILED:  # raised: left "sending"
        outcome.failed += 1
    elif result.return_value == SENT:
        outcome.sent += 1
    elif result.return_value == FAILED:
        outcome.failed += 1


@task()
def send_digest_copy(delivery_id):
    """Sends one subscriber their copy, unless it went already, is being
    sent or they left; returns "sent", "failed" or "skipped"."""
    if not claim(delivery_id):
        return SKIPPED
    delivery = Delivery.objects.select_related("digest", "subscriber").get(
        pk=delivery_id
    )
    digest = delivery.digest
    # The stored selection, filtered again: an article taken down since the
    # run queued the copy is not sent.
    articles = list(
        Article.objects.published()
        .filter(pk__in=digest.article_ids)
        .select_related("category")
        .order_by("-published_at", "-id")
    )
    message = emails.digest_message(
        subscriber=delivery.subscriber,
        digest=digest,
        articles=articles,
        site_name=emails.one_line(SiteSettings.load().name),
    )
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - recorded, and tried again
        logger.exception("Digest %s: could not send delivery %s", digest, delivery.pk)
        record_failure(delivery.pk, f"{type(error).__name__}: {error}")
        retry_later(delivery)
        return FAILED
    delivery.status = Delivery.Status.SENT
    delivery.error = ""
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=["status", "error", "sent_at", "updated_at"])
    return SENT


def record_failure(delivery_id, error):
    Delivery.objects.filter(pk=delivery_id).update(
        status=Delivery.Status.FAILED, error=error[:2000], updated_at=timezone.now()
    )


def retry_later(delivery):
    if delivery.attempts >= COPY_ATTEMPTS:
        return  # the next run tries again
    if not send_digest_copy.get_backend().supports_defer:
        return  # the immediate backend: the next run is the retry
    wait = FIRST_RETRY_AFTER * 4 ** (delivery.attempts - 1)
    try:
        send_digest_copy.using(run_after=timezone.now() + wait).enqueue(delivery.pk)
    except Exception:  # noqa: BLE001 - recorded as failed: the next run retries
        logger.exception("Digest: could not queue a retry of delivery %s", delivery.pk)
