"""The newsletter's e-mails: confirmation, "already subscribed", the digest.

Links are absolute, built on NEWSROOM_BASE_URL rather than the request's Host
header, so a forged Host can never put someone else's address in our mail.
Subjects are single lines whatever the site's name holds.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone

from newsletter import tokens
from newsroom.models import SiteSettings


def absolute(path):
    return f"{settings.NEWSROOM_BASE_URL.rstrip('/')}{path}"


def one_line(text):
    return " ".join(str(text).split())


def confirm_url(subscriber):
    token = tokens.confirmation_token(subscriber)
    return absolute(reverse("newsletter:confirm", kwargs={"token": token}))


def unsubscribe_url(subscriber):
    token = tokens.unsubscribe_token(subscriber)
    return absolute(reverse("newsletter:unsubscribe", kwargs={"token": token}))


def _text_message(subject, template, context, to):
    body = render_to_string(template, context)
    return EmailMultiAlternatives(one_line(subject), body, None, [to])


def confirmation_message(subscriber):
    site = SiteSettings.load()
    context = {
        "site_name": one_line(site.name),
        "confirm_url": confirm_url(subscriber),
        "days": settings.NEWSLETTER_CONFIRM_DAYS,
    }
    subject = f"Confirm your subscription to {context['site_name']}"
    return _text_message(
        subject, "newsletter/email/confirm.txt", context, subscriber.email
    )


def already_subscribed_message(subscriber):
    site = SiteSettings.load()
    context = {
        "site_name": one_line(site.name),
        "unsubscribe_url": unsubscribe_url(subscriber),
    }
    subject = f"You are already subscribed to {context['site_name']}"
    return _text_message(
        subject, "newsletter/email/already_subscribed.txt", context, subscriber.email
    )


def digest_message(*, subscriber, digest, articles, site_name):
    """One subscriber's digest: plain text with an HTML alternative, and the
    List-Unsubscribe headers mail clients turn into a one-click button."""
    leave_url = unsubscribe_url(subscriber)
    context = {
        "site_name": site_name,
        "home_url": absolute("/"),
        "digest": digest,
        "articles": [
            (article, absolute(article.get_absolute_url())) for article in articles
        ],
        "unsubscribe_url": leave_url,
    }
    starts = dateformat.format(timezone.localtime(digest.starts_at), "j M")
    ends = dateformat.format(timezone.localtime(digest.ends_at), "j M Y")
    subject = f"{site_name}: the week's news, {starts} to {ends}"
    message = EmailMultiAlternatives(
        one_line(subject),
        render_to_string("newsletter/email/digest.txt", context),
        None,
        [subscriber.email],
        headers={
            "List-Unsubscribe": f"<{leave_url}>",
            # RFC 8058: the client may POST to the link without asking again.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("newsletter/email/digest.html", context), "text/html"
    )
    return message
