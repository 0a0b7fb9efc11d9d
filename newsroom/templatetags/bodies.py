"""Rich-text bodies on the reader's pages: ``{{ section.body|public_body }}``.

A body is stored sanitised (newsroom/richtext.py); this turns two of its
elements into what a reader's page needs, at render time, so the stored body
stays small and the rules can change without rewriting it:

- an embed becomes the click-to-load placeholder (templates/newsroom/embed.html):
  the provider's name and a link to the post, and a button that loads the
  provider's iframe (static/js/embeds.js, loaded by the first embed of a
  page). Until the reader presses it, nothing comes from the provider. An
  address no longer on the allowlist becomes a plain link;
- a table is wrapped in its own scrolling box, so a wide table scrolls there
  and never makes the page scroll sideways on a phone. The box is a labelled,
  focusable region: a keyboard can scroll it.
"""

import html

from django import template
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from newsroom import embeds
from newsroom.richtext import EMBED_RE, link_markup

register = template.Library()


def _placeholder(match):
    url = html.unescape(match.group(1))
    try:
        embed = embeds.embed_for(url)
    except embeds.EmbedRefused:
        return link_markup(url)
    return render_to_string("newsroom/embed.html", {"embed": embed})


@register.filter
def public_body(body):
    """The sanitised ``body`` as the reader's page shows it."""
    body = body or ""
    if "<table" in body:
        region = format_html(
            '<div class="table-scroll" role="region" tabindex="0" aria-label="{}">',
            _("Table"),
        )
        body = body.replace("<table>", f"{region}<table>").replace(
            "</table>", "</table></div>"
        )
    if EMBED_RE.search(body):
        body = EMBED_RE.sub(_placeholder, body)
        # Only pages with an embed load the script; its own guard lets a
        # second copy (from a second body) do nothing.
        body += format_html('<script src="{}" defer></script>', static("js/embeds.js"))
    # Sanitised when saved; the placeholders escape what they show.
    return mark_safe(body)  # noqa: S308
