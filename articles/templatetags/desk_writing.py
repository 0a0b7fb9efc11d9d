"""The rules the article form's writing aids (``static/js/desk-writing.js``)
count by, handed to the script from here so each has one definition: the
lengths the desk advises for short texts, and the reading speed the server
turns words into minutes with (``articles.models.minutes_to_read``)."""

from django import template
from django.conf import settings

register = template.Library()

# Characters a text can have and still show in full where it is shown: a
# headline on cards and in shares (about 110), a search result's title (60)
# and its description (160). Advice, not a limit: the desk counts and warns
# past it, and the server refuses only what the model's max_length does.
# A field the form does not have is skipped.
ADVISED_CHARS = {"headline": 110, "seo_title": 60, "seo_description": 160}


@register.simple_tag
def desk_writing_rules():
    return {
        "advised_chars": ADVISED_CHARS,
        "words_per_minute": settings.NEWSROOM_WORDS_PER_MINUTE,
    }
