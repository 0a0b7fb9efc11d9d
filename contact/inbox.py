"""Readers' messages: stored first, then e-mailed to the newsroom.

The database is the record. A mail server that is down costs the newsroom
its copy in the inbox, never the message: the error is written on the row
and the desk lists it.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from contact.models import ContactMessage
from newsroom.models import SiteSettings

logger = logging.getLogger(__name__)


def newsroom_address():
    """Where messages go: the site settings' contact address, else the
    address the site sends from."""
    return SiteSettings.load().contact_email or settings.DEFAULT_FROM_EMAIL


def receive(*, name, email, subject, message):
    """Store a reader's message and e-mail it on; returns the stored row."""
    contact_message = ContactMessage.objects.create(
        name=name, email=email, subject=subject, message=message
    )
    recipient = newsroom_address()
    mail = EmailMessage(
        # The form made subject single-line; the prefix sorts the inbox.
        subject=f"[Contact] {subject}",
        body=render_to_string(
            "contact/email/message.txt", {"message": contact_message}
        ),
        to=[recipient],
        # Replying goes to the reader; the sender stays our own address, so
        # the mail passes the newsroom's SPF/DMARC checks.
        reply_to=[email],
    )
    contact_message.mailed_to = recipient
    try:
        mail.send()
    except Exception as error:  # noqa: BLE001 - the message is safe in the database
        logger.exception("Could not e-mail contact message %s", contact_message.pk)
        contact_message.mail_error = f"{type(error).__name__}: {error}"[:2000]
    else:
        contact_message.mailed_at = timezone.now()
    contact_message.save(update_fields=["mailed_to", "mailed_at", "mail_error"])
    return contact_message


def mark_handled(queryset, *, by):
    """Mark messages handled by ``by``; returns how many changed."""
    return queryset.filter(is_handled=False).update(
        is_handled=True, handled_at=timezone.now(), handled_by=by
    )


def mark_unhandled(queryset):
    return queryset.filter(is_handled=True).update(
        is_handled=False, handled_at=None, handled_by=None
    )
