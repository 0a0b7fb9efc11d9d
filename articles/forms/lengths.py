"""The one way the desk's forms refuse text that is too long: saying how long
it is and how long it may be (the limits are ``articles.limits``)."""

from django import forms
from django.core import validators

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


def counted_by_the_desk(field):
    """Leaves the length of a form ``field`` with a ``max_length`` to
    ``refuse_longer_than`` alone: no ``maxlength`` in the browser (it cuts a
    paste short without a word) and no check of Django's (it counts a line
    break as two, and says less). The model's ``max_length`` stays the limit."""
    field.max_length = None
    field.widget.attrs.pop("maxlength", None)
    field.validators = [
        validator
        for validator in field.validators
        if not isinstance(validator, validators.MaxLengthValidator)
    ]


def single_line_within(text, limit, message):
    """``text`` as one line (a title or description shown in a results page
    or a share card: a line break typed or pasted into it is a space there),
    refused as ``refuse_longer_than`` does when longer than ``limit``."""
    return refuse_longer_than(" ".join((text or "").split()), limit, message)
