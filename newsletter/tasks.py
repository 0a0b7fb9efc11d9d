"""The newsletter's mail that a reader's request calls for, sent by a worker
so the sign-up page never waits on the mail server (or tells by its timing
which e-mail went)."""

import logging

from django_tasks import task

from newsletter import emails
from newsletter.models import Subscriber

logger = logging.getLogger(__name__)


@task()
def send_signup_mail(subscriber_id):
    """The one e-mail a sign-up request calls for, chosen by the address's
    state when it is sent: a confirmation link, or "already subscribed"."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return  # gone, or left, since asking
    if subscriber.status == Subscriber.Status.CONFIRMED:
        message = emails.already_subscribed_message(subscriber)
    else:
        message = emails.confirmation_message(subscriber)
    try:
        message.send()
    except Exception:  # noqa: BLE001 - the reader saw the same page either way
        logger.exception(
            "Could not send the sign-up e-mail to subscriber %s", subscriber.pk
        )
