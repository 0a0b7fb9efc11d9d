"""Template helpers for notes on the story: the desk home's "Mentions for
you" (Django's own index view renders that page, so the list comes through a
tag) and a note's text as the desk shows it."""

import re

from django import template
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import mark_safe

from articles import desk_home
from articles.notes import MENTION, anchor_text

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_mentions(context):
    """``{% desk_mentions as mentions %}``: the open notes mentioning the user."""
    return desk_home.mentions_for(context["request"].user)


@register.filter
def note_anchor(note):
    """What the note is on: "headline", "section: Background"…"""
    return anchor_text(note)


@register.filter
def note_text(body):
    """A note's plain text as HTML: escaped first, then its paragraphs and
    line breaks, each ``@name`` marked. Escaping comes first, so nothing a
    note holds can become markup; a login name holds no character that
    escaping changes, so the marks wrap exactly what was typed."""
    escaped = linebreaks(escape(body))
    marked = re.sub(
        MENTION,
        lambda match: format_html('<b class="desk-note__mention">{}</b>', match[0]),
        escaped,
    )
    return mark_safe(marked)  # noqa: S308 - escaped above; our own <b> only
