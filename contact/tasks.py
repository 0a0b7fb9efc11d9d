"""Mailing a reader's message to the newsroom, in a worker.

The message is stored before this runs; a mail server that is down costs the
newsroom its copy in the inbox, never the message, and the desk lists the
error written on the row.
"""

import logging

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from contact.models import ContactMessage

logger = logging.getLogger(__name__)


@task()
def mail_contact_message(message_id):
    contact_message = ContactMessage.objects.filter(pk=message_id).first()
    if contact_message is None or contact_message.mailed_at:
        return  # deleted from the desk since, or mailed by an earlier run
    mail = EmailMessage(
        # The form made subject single-line; the prefix sorts the inbox.
        subject=f"[Contact] {contact_message.subject}",
        body=render_to_string(
            "contact/email/message.txt", {"message": contact_message}
        ),
        to=[contact_message.mailed_to],
        # Replying goes to the reader; the sender stays our own address, so
        # the mail passes the newsroom's SPF/DMARC checks.
        reply_to=[contact_message.email],
    )
    try:
        mail.send()
    except Exception as error:  # noqa: BLE001 - the message is safe in the database
        logger.exception("Could not e-mail contact message %s", contact_message.pk)
        contact_message.mail_error = f"{type(error).__name__}: {error}"[:2000]
    else:
        contact_message.mailed_at = timezone.now()
        contact_message.mail_error = ""
    contact_message.save(update_fields=["mailed_at", "mail_error"])
