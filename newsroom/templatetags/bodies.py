"""Rich-text bodies on the reader's pages: ``{{ section.body|public_body }}``.

A body is stored sanitised (newsroom/richtext.py); this turns three of its
elements into what a reader's page needs, at render time, so the stored body
stays small and the rules can change without rewriting it:

- an embed becomes the click-to-load placeholder (templates/newsroom/embed.html):
  the provider's name and a link to the post, and a button that loads the
  provider's iframe (static/js/embeds.js, loaded by the first embed of a
  page). Until the reader presses it, nothing comes from the provider. An
  address no longer on the allowlist becomes a plain link;
- a table is wrapped in its own scrolling box, so a wide table scrolls there
  and never makes the page scroll sideways on a phone. The box is a labelled,
  focusable region: a keyboard can scroll it;
- a library image's reference becomes the picture. The library sits above
  this layer, so it lends its two halves when it starts
  (``use_inline_images``, from library/apps.py): ``resolve`` (ids to images,
  one query) and ``render`` (an image, with this use's texts, to a figure).
  A page with several bodies resolves them all at once:
  ``{% body_images article.sections.all as images %}`` then
  ``{{ section.body|public_body:images }}``. A reference that resolves to
  nothing (a deleted image) shows nothing.
"""

import html

from django import template
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from newsroom import embeds
from newsroom.richtext import (
    EMBED_RE,
    LIBRARY_IMAGE_RE,
    library_image_refs,
    link_markup,
)

register = template.Library()

# The library's two halves (library/apps.py); without a library, references
# show nothing.
_inline_images = {"resolve": lambda ids: {}, "render": lambda image, alt, caption: ""}


def use_inline_images(*, resolve, render):
    """Let ``resolve(ids) -> {id: image}`` and ``render(image, alt, caption)
    -> markup`` turn library references into pictures on the reader's pages."""
    _inline_images.update(resolve=resolve, render=render)


def resolve_images(bodies):
    """{id: image} of every library image the ``bodies`` refer to, in one
    query (none when they refer to none)."""
    ids = {ref[0] for body in bodies for ref in library_image_refs(body)}
    return _inline_images["resolve"](ids) if ids else {}


@register.simple_tag
def body_images(parts):
    """The library images of ``parts`` (objects with a ``body``), resolved
    at once for ``public_body``."""
    return resolve_images(part.body for part in parts)


def _placeholder(match):
    url = html.unescape(match.group(1))
    try:
        embed = embeds.embed_for(url)
    except embeds.EmbedRefused:
        return link_markup(url)
    return render_to_string("newsroom/embed.html", {"embed": embed})


def _pictures(body, images):
    if not isinstance(images, dict):  # none given (or a name the page lacks)
        images = resolve_images([body])

    def picture(match):
        refs = library_image_refs(match.group(0))
        if not refs or refs[0][0] not in images:
            return ""
        image_id, alt, caption = refs[0]
        return _inline_images["render"](images[image_id], alt, caption)

    return LIBRARY_IMAGE_RE.sub(picture, body)


@register.filter
def public_body(body, images=None):
    """The sanitised ``body`` as the reader's page shows it; ``images``, the
    page's library images (``body_images``), else the body's own are read."""
    body = body or ""
    if "<table" in body:
        region = format_html(
            '<div class="table-scroll" role="region" tabindex="0" aria-label="{}">',
            _("Table"),
        )
        body = body.replace("<table>", f"{region}<table>").replace(
            "</table>", "</table></div>"
        )
    if LIBRARY_IMAGE_RE.search(body):
        body = _pictures(body, images)
    if EMBED_RE.search(body):
        body = EMBED_RE.sub(_placeholder, body)
        # Only pages with an embed load the script; its own guard lets a
        # second copy (from a second body) do nothing.
        body += format_html('<script src="{}" defer></script>', static("js/embeds.js"))
    # Sanitised when saved; the placeholders and pictures escape what they show.
    return mark_safe(body)  # noqa: S308
