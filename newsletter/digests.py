"""The weekly digest: pick the week's live articles, send each confirmed
subscriber their own copy, and remember what went out.

Every copy is a ``Delivery`` row claimed with a conditional UPDATE before it
is sent, so a rerun (or two runs at once) never mails anyone twice. A failed
copy is recorded with its error and retried by the next run; a copy left
"sending" by a crash is not, because we cannot know whether it went.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from articles.models import Article
from newsletter import emails
from newsletter.models import Delivery, Digest, Subscriber
from newsroom.models import SiteSettings

logger = logging.getLogger(__name__)

PERIOD_DAYS = 7


@dataclass
class Outcome:
    digest: Digest | None
    sent: int = 0
    failed: int = 0
    already_sent: int = 0


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


def claim(delivery):
    """True when this run may send the copy: it was owed and no one else took it."""
    return bool(
        Delivery.objects.filter(
            pk=delivery.pk,
            status__in=[Delivery.Status.QUEUED, Delivery.Status.FAILED],
            subscriber__status=Subscriber.Status.CONFIRMED,
        ).update(status=Delivery.Status.SENDING, attempts=F("attempts") + 1)
    )


def send_digest(now=None):
    digest = digest_for_this_week(now)
    outcome = Outcome(digest=digest)
    if digest is None:
        return outcome
    queue_deliveries(digest)
    # The stored selection, filtered again: an article taken down since the
    # first run is not sent to anyone a retry reaches.
    articles = list(
        Article.objects.published()
        .filter(pk__in=digest.article_ids)
        .select_related("category")
        .order_by("-published_at", "-id")
    )
    site_name = emails.one_line(SiteSettings.load().name)
    owed = (
        Delivery.objects.filter(digest=digest)
        .exclude(status=Delivery.Status.SENT)
        .select_related("subscriber")
        .order_by("pk")
    )
    outcome.already_sent = digest.deliveries.filter(status=Delivery.Status.SENT).count()
    connection = get_connection()
    try:
        # One connection for the whole run. If the server cannot be reached
        # now, each send below tries again and records its own failure.
        connection.open()
    except Exception:  # noqa: BLE001 - reported per delivery below
        logger.exception("Digest %s: could not connect to the mail server", digest)
    try:
        for delivery in owed:
            if delivery.subscriber is None or not claim(delivery):
                continue
            deliver(delivery, digest, articles, site_name, connection, outcome)
    finally:
        connection.close()
    return outcome


def deliver(delivery, digest, articles, site_name, connection, outcome):
    message = emails.digest_message(
        subscriber=delivery.subscriber,
        digest=digest,
        articles=articles,
        site_name=site_name,
    )
    message.connection = connection
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - one bad address must not stop the rest
        logger.exception("Digest %s: could not send delivery %s", digest, delivery.pk)
        delivery.status = Delivery.Status.FAILED
        delivery.error = f"{type(error).__name__}: {error}"[:2000]
        delivery.save(update_fields=["status", "error", "updated_at"])
        outcome.failed += 1
    else:
        delivery.status = Delivery.Status.SENT
        delivery.error = ""
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["status", "error", "sent_at", "updated_at"])
        outcome.sent += 1
