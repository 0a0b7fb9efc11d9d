"""Signing up, confirming and leaving: every change to a subscriber's state.

Whatever state an address is in, a sign-up request does the same visible
things (one row, one e-mail to that address) so neither the page nor its
timing tells a stranger whether the address was already on the list. Only
the mailbox's owner learns which it was, from the e-mail.
"""

import logging

from django.contrib.auth.base_user import BaseUserManager
from django.db import transaction
from django.utils import timezone

from newsletter import tasks, tokens
from newsletter.models import Subscriber, new_key

logger = logging.getLogger(__name__)

Status = Subscriber.Status


def normalise_email(address):
    """Trimmed, with the domain lower-cased; the local part is the mailbox
    owner's business (RFC 5321), so it is kept as typed."""
    return BaseUserManager.normalize_email((address or "").strip())


def request_subscription(*, email):
    """Record a sign-up request and send the one e-mail it calls for."""
    email = normalise_email(email)
    now = timezone.now()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email__iexact=email, defaults={"email": email, "requested_at": now}
        )
        if not created:
            if subscriber.status == Status.UNSUBSCRIBED:
                # Coming back is a new consent: confirm it again, with fresh links.
                subscriber.status = Status.PENDING
                subscriber.key = new_key()
                subscriber.confirmed_at = None
            subscriber.requested_at = now
            subscriber.save(
                update_fields=["status", "key", "confirmed_at", "requested_at"]
            )
    # Committed above, so a worker finds the row; queued the same way for
    # every state, so the page's timing tells a stranger nothing either.
    try:
        tasks.send_signup_mail.enqueue(subscriber.pk)
    except Exception:  # noqa: BLE001 - the reader sees the same page either way
        logger.exception(
            "Could not queue the sign-up e-mail to subscriber %s", subscriber.pk
        )
    return subscriber


def confirmable(subscribers, token):
    """The subscriber among ``subscribers`` a confirmation link names; raises
    ``tokens.InvalidToken`` (or ``ExpiredToken``) when it can confirm nothing."""
    key = tokens.key_from_confirmation_token(token)
    subscriber = subscribers.filter(key=key).first()
    if subscriber is None or subscriber.status == Status.UNSUBSCRIBED:
        # Leaving came after this link was sent; the link may not undo it.
        raise tokens.InvalidToken
    return subscriber


def subscriber_for_confirmation(token):
    """Whom a confirmation link would confirm, confirming nothing: what its
    page shows before the reader presses the button."""
    return confirmable(Subscriber.objects.all(), token)


def confirm(token):
    """The subscriber the token confirms; raises ``tokens.InvalidToken`` (or
    ``ExpiredToken``) when the link cannot confirm anything."""
    with transaction.atomic():
        subscriber = confirmable(Subscriber.objects.select_for_update(), token)
        if subscriber.status == Status.PENDING:
            subscriber.status = Status.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["status", "confirmed_at"])
    return subscriber


def subscriber_for_unsubscribe(token):
    """The subscriber an unsubscribe link names, or None when it names no one
    any more; raises ``tokens.InvalidToken`` for a forged link."""
    key = tokens.key_from_unsubscribe_token(token)
    return Subscriber.objects.filter(key=key).first()


def unsubscribe(subscriber):
    """Take the address off the list; leaving twice is the same as once."""
    updated = (
        Subscriber.objects.filter(pk=subscriber.pk)
        .exclude(status=Status.UNSUBSCRIBED)
        .update(status=Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    )
    return bool(updated)
