"""Readers' messages: stored first, then e-mailed to the newsroom by a task
(contact.tasks), so the reader never waits on the mail server.

The database is the record. A mail server that is down costs the newsroom
its copy in the inbox, never the message: the error is written on the row
and the desk lists it.
"""

import logging

from django.conf import settings
from django.utils import timezone

from contact import tasks
from contact.models import ContactMessage
from newsroom.models import SiteSettings

logger = logging.getLogger(__name__)


def newsroom_address():
    """Where messages go: the site settings' contact address, else the
    address the site sends from."""
    return SiteSettings.load().contact_email or settings.DEFAULT_FROM_EMAIL


def receive(*, name, email, subject, message):
    """Store a reader's message and queue its mail to the newsroom; returns
    the stored row (the task fills in when it was mailed, or why not)."""
    contact_message = ContactMessage.objects.create(
        name=name,
        email=email,
        subject=subject,
        message=message,
        mailed_to=newsroom_address(),
    )
    # The row is committed (requests run in autocommit), so a worker finds it.
    try:
        tasks.mail_contact_message.enqueue(contact_message.pk)
    except Exception as error:  # noqa: BLE001 - the message is safe in the database
        logger.exception("Could not queue contact message %s", contact_message.pk)
        why = f"not queued: {type(error).__name__}: {error}"
        contact_message.mail_error = why[:2000]
        contact_message.save(update_fields=["mail_error"])
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
