"""The section-body editor's extensions of our own, for django-prose-editor.

django-prose-editor reads ``DJANGO_PROSE_EDITOR_EXTENSIONS`` (newsroom/settings.py
sets it to ``EXTENSIONS`` below) for two things: the JavaScript module that
defines an extension in the editor (static/js/prose-body.js; library images:
static/js/prose-library-image.js) and the sanitiser
rule that says which markup the extension makes. Both meet in
newsroom/richtext.py's ``BODY_EXTENSIONS``, so what the editor can make is
what survives a save.

This module is read while settings load, so it imports no models and nothing
that needs the app registry.
"""

from django.templatetags.static import static
from django.utils.functional import lazy
from django_prose_editor.config import (
    add_allowed_classes,
    add_tags_and_attributes,
    process_table,
)

PULL_QUOTE_CLASS = "pull-quote"
EMBED_CLASS = "embed"
EMBED_URL_ATTRIBUTE = "data-embed-url"
# A library image: ``<figure data-library-image="ID" data-alt="…">`` with an
# optional ``<figcaption>``, the reference newsroom/richtext.py keeps in one form.
LIBRARY_IMAGE_ATTRIBUTE = "data-library-image"
LIBRARY_ALT_ATTRIBUTE = "data-alt"


def process_pull_quote(config, shared_config):
    """A pull quote: ``<blockquote class="pull-quote">``; that class, no other."""
    add_tags_and_attributes(shared_config, ["blockquote"], None)
    add_allowed_classes(shared_config, {"blockquote": [PULL_QUOTE_CLASS]})


def process_embed(config, shared_config):
    """An embed: ``<figure class="embed" data-embed-url="…">`` around a plain
    link. Which addresses may stay one is newsroom.embeds' call, made by the
    sanitiser (newsroom/richtext.py) after this allow-list."""
    add_tags_and_attributes(
        shared_config, ["figure", "a"], {"figure": [EMBED_URL_ATTRIBUTE]}
    )
    add_allowed_classes(shared_config, {"figure": [EMBED_CLASS]})


def process_library_image(config, shared_config):
    """A library image's reference: ``<figure data-library-image="ID">``, its
    alt text for this use in ``data-alt``, its caption for this use as the
    ``<figcaption>``. The sanitiser (newsroom/richtext.py) then keeps an
    integer id and those two texts, nothing else."""
    add_tags_and_attributes(
        shared_config,
        ["figure", "figcaption"],
        {"figure": [LIBRARY_IMAGE_ATTRIBUTE, LIBRARY_ALT_ATTRIBUTE]},
    )


# Resolved when the editor renders, so the hashed file name of the
# production storage is used.
static_lazy = lazy(static, str)

EXTENSIONS = [
    {
        "js": [static_lazy("js/prose-body.js")],
        "extensions": {
            "PullQuote": process_pull_quote,
            "Embed": process_embed,
            # Our module's Table asks for a header row by default.
            "Table": process_table,
        },
    },
    {
        "js": [static_lazy("js/prose-library-image.js")],
        "extensions": {"LibraryImage": process_library_image},
    },
]
