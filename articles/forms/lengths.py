"""The one way the desk's forms refuse text that is too long: saying how long
it is and how long it may be (the limits are ``articles.limits``)."""

from django import forms

from articles import limits


def refuse_longer_than(text, limit, message):
    """``text``, or a ValidationError saying ``message`` (with its length
    and ``limit``) when it is longer than ``limit`` characters (one of
    ``articles.limits``)."""
    count = limits.text_length(text)
    if count > limit:
        raise forms.ValidationError(
            message, code="too_long", params={"count": count, "limit": limit}
        )
    return text
