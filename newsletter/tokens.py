"""The signed tokens in the links we e-mail.

Each link carries a subscriber's random key, signed with a salt of its own so
a token made for one purpose is refused for the other. A confirmation link
expires; an unsubscribe link must work from any digest, however old.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


class InvalidToken(Exception):
    """Altered, made up, or made for something else."""


class ExpiredToken(InvalidToken):
    """Genuine, but older than the confirmation window."""


def confirmation_token(subscriber):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(subscriber.key)


def key_from_confirmation_token(token):
    max_age = timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS)
    try:
        return signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        raise ExpiredToken from None
    except signing.BadSignature:
        raise InvalidToken from None


def unsubscribe_token(subscriber):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(subscriber.key)


def key_from_unsubscribe_token(token):
    try:
        return signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        raise InvalidToken from None
