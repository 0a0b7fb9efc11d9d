"""The markup a section body may hold, defined once for editor and sanitiser.

The same extension list configures the admin's editor toolbar and the nh3
allow-list, so what a journalist can make is exactly what survives a save,
whatever a browser (or a forged POST) sends: paragraphs, bold and italic,
links, lists, block quotes and pull quotes (``<blockquote
class="pull-quote">``), subheadings below the section's own title (``<h3>``
only: the section title is the page's ``<h2>``), tables with header cells,
and embeds (newsroom/embeds.py; our own editor extensions:
newsroom/body_extensions.py, static/js/prose-body.js).

An embed is stored as the address of the post only, in one fixed form::

    <figure class="embed" data-embed-url="https://…"><a href="https://…">https://…</a></figure>

The sanitiser rewrites every embed to that form, so the reader's page
(newsroom/templatetags/bodies.py) can rely on it. An address that is not on
the allowlist never stays an embed: the desk's form refuses it with a
message (``RichTextField.clean``), and any other path that writes a body
(a model's ``save()``, an import) keeps it as a plain link (an address that
is not a web address at all, such as ``javascript:``, goes), so no iframe
can come of it.

A library image is stored as a reference only, in one fixed form::

    <figure data-library-image="42" data-alt="…"><figcaption>…</figcaption></figure>

an integer id, then optionally this use's alt text and caption (the
library's own texts otherwise). The sanitiser rewrites every such figure to
that form and drops one whose id is not a whole number; what the reference
becomes on a page (the picture, its renditions, credit) is the library's
business (library/inline.py, reached through newsroom/templatetags/bodies.py),
so a picture's later changes show everywhere it is used.

``plain_text`` is the body as a reader reads it: the words that the reading
time counts (articles.models.count_words; desk-writing.js mirrors it).
"""

import html
import re
from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.html import escape
from django_prose_editor.config import allowlist_from_extensions, expand_extensions
from django_prose_editor.fields import ProseEditorField

from newsroom import embeds
from newsroom.body_extensions import (
    EMBED_URL_ATTRIBUTE,
    LIBRARY_ALT_ATTRIBUTE,
    LIBRARY_IMAGE_ATTRIBUTE,
)

BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": {"protocols": ["http", "https", "mailto"], "enableTarget": False},
    "Heading": {"levels": [3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "PullQuote": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "Embed": {
        **embeds.editor_config(),
        "messages": {
            "notALink": embeds.NOT_A_LINK,
            "unsafeLink": embeds.UNSAFE_LINK,
            "notAllowed": embeds.NOT_ALLOWED,
        },
    },
    # The dialog searches the library's desk and uploads through its add page.
    "LibraryImage": {
        "searchUrl": reverse_lazy("admin:library_image_search"),
        "summaryUrl": reverse_lazy("admin:library_image_summary", args=[0]),
        "addUrl": reverse_lazy("admin:library_image_add"),
    },
    "HardBreak": True,
    "History": True,
    # The editor's default menu, with paragraph and subheading as buttons
    # rather than a dropdown (one click, and one ".ProseMirror" per editor).
    "Menu": {
        "groups": [
            {"group": "blockType -lists"},
            {"group": "lists"},
            {"group": "nodes -blockType -lists"},
            {"group": "marks"},
            {"group": "link"},
            {"group": "table"},
            {"group": "history"},
            {"group": "utility"},
        ]
    },
}

# An embed as nh3 writes it back: attributes double-quoted, entities escaped.
EMBED_RE = re.compile(
    rf"<figure\b[^>]*\b{EMBED_URL_ATTRIBUTE}=\"([^\"]*)\"[^>]*>.*?</figure>",
    re.DOTALL,
)

# A library image's reference as nh3 writes it back (see the module's docstring).
LIBRARY_IMAGE_RE = re.compile(
    rf"<figure\b[^>]*\b{LIBRARY_IMAGE_ATTRIBUTE}=\"([^\"]*)\"[^>]*>(.*?)</figure>",
    re.DOTALL,
)
_ALT_RE = re.compile(rf"\b{LIBRARY_ALT_ATTRIBUTE}=\"([^\"]*)\"")
_FIGCAPTION_RE = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)

_cleaner = None


def _clean(markup):
    """nh3 with the allow-list the editor's extensions make (built on first
    use: the extensions' settings are read then)."""
    global _cleaner
    if _cleaner is None:
        _cleaner = nh3.Cleaner(
            **allowlist_from_extensions(expand_extensions(BODY_EXTENSIONS))
        )
    return _cleaner.clean(markup)


def embed_markup(url):
    """The one stored form of an embed of ``url`` (already allowlisted)."""
    url = escape(url)
    return (
        f'<figure class="embed" {EMBED_URL_ATTRIBUTE}="{url}">'
        f'<a href="{url}">{url}</a></figure>'
    )


def link_markup(url):
    """What a refused embed becomes: a link when it is a web address, else
    nothing (the editor never makes one; the desk's form refuses it first)."""
    if re.match(r"https?://", url, re.IGNORECASE):
        return f'<p><a href="{escape(url)}">{escape(url)}</a></p>'
    return ""


def _settle_embed(match):
    url = html.unescape(match.group(1))
    try:
        return embed_markup(embeds.embed_for(url).url)
    except embeds.EmbedRefused:
        return link_markup(url)


def library_image_markup(image_id, alt="", caption=""):
    """The one stored form of a reference to library image ``image_id``,
    with this use's ``alt`` text and ``caption`` (plain text) when given."""
    alt = " ".join(alt.split())
    caption = " ".join(caption.split())
    markup = f'<figure {LIBRARY_IMAGE_ATTRIBUTE}="{int(image_id)}"'
    if alt:
        markup += f' {LIBRARY_ALT_ATTRIBUTE}="{escape(alt)}"'
    markup += ">"
    if caption:
        markup += f"<figcaption>{escape(caption)}</figcaption>"
    return markup + "</figure>"


def library_image_refs(markup):
    """[(id, alt, caption)] of the library images the sanitised ``markup``
    holds, in order; alt and caption are this use's texts ("" for the
    library's own)."""
    refs = []
    for match in LIBRARY_IMAGE_RE.finditer(markup or ""):
        if not match.group(1).isdigit():
            continue
        alt = _ALT_RE.search(match.group(0)[: match.start(2) - match.start(0)])
        caption = _FIGCAPTION_RE.search(match.group(2))
        refs.append(
            (
                int(match.group(1)),
                html.unescape(alt.group(1)) if alt else "",
                plain_text(caption.group(1)).strip() if caption else "",
            )
        )
    return refs


def _settle_library_image(match):
    refs = library_image_refs(match.group(0))
    return library_image_markup(*refs[0]) if refs else ""


# A library image (kept whole) or a caption anywhere else.
_STRAY_CAPTION_RE = re.compile(
    rf"(<figure {LIBRARY_IMAGE_ATTRIBUTE}=\"\d+\"[^>]*>.*?</figure>)"
    r"|<figcaption>(.*?)</figcaption>",
    re.DOTALL,
)


def _unwrap_caption(match):
    """A caption belongs to a library image only; elsewhere its words are a
    paragraph."""
    return match.group(1) or f"<p>{match.group(2)}</p>"


def sanitize_body(markup):
    """The body as it may be stored: the allow-list, then each embed and
    library image in its one form (or a plain link, or nothing), then the
    allow-list again, which mends whatever the rewriting left unbalanced in
    a forged body."""
    cleaned = _clean(markup or "")
    if EMBED_URL_ATTRIBUTE in cleaned:
        cleaned = _clean(EMBED_RE.sub(_settle_embed, cleaned))
    if LIBRARY_IMAGE_ATTRIBUTE in cleaned or LIBRARY_ALT_ATTRIBUTE in cleaned:
        # Every figure that is no embed: a library image in its one form, or
        # (a forged one) gone.
        cleaned = _clean(_OTHER_FIGURE_RE.sub(_settle_library_image, cleaned))
    if "<figcaption" in cleaned:
        cleaned = _STRAY_CAPTION_RE.sub(_unwrap_caption, cleaned)
    # nh3 keeps a class attribute it emptied of every value.
    cleaned = cleaned.replace(' class=""', "")
    # The editor's empty document is one empty paragraph: store nothing.
    if re.fullmatch(r"<(\w+)></\1>", cleaned):
        return ""
    return cleaned


# A figure that is not an embed (only those two kinds are made by the editor).
_OTHER_FIGURE_RE = re.compile(
    rf"<figure\b(?![^>]*\b{EMBED_URL_ATTRIBUTE}=)[^>]*>.*?</figure>", re.DOTALL
)


def embed_urls(markup):
    """The addresses the (sanitised) body embeds, in order."""
    return [html.unescape(url) for url in EMBED_RE.findall(markup or "")]


def refused_embeds(markup):
    """Why each embed of ``markup`` that may not be one is refused."""
    problems = []
    for url in embed_urls(_clean(markup or "")):
        try:
            embeds.embed_for(url)
        except embeds.EmbedRefused as refusal:
            problems.append(str(refusal))
    return problems


class RichTextField(ProseEditorField):
    """A rich-text body: the editor with ``BODY_EXTENSIONS``, sanitised by
    ``sanitize_body`` whenever it is cleaned, and refusing (with the reason)
    an embed that is not on the allowlist, so the journalist can fix it
    before anything is saved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("extensions", BODY_EXTENSIONS)
        kwargs.setdefault("sanitize", sanitize_body)
        super().__init__(**kwargs)

    def clean(self, value, instance):
        if problems := refused_embeds(value):
            raise ValidationError(problems, code="embed_refused")
        return super().clean(value, instance)


# Elements that end a run of words: text on either side of one is two words.
_BLOCK_TAG_NAMES = (
    "address article aside blockquote br dd div dl dt figcaption figure footer "
    "h1 h2 h3 h4 h5 h6 header hr li ol p pre section table tbody td tfoot th "
    "thead tr ul"
)
BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())


class _TextReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0  # depth inside an embed or a library image

    def handle_starttag(self, tag, attrs):
        if self.skipping and tag == "figure":
            self.skipping += 1
        elif tag == "figure" and {EMBED_URL_ATTRIBUTE, LIBRARY_IMAGE_ATTRIBUTE} & {
            name for name, _value in attrs
        }:
            self.skipping = 1
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if self.skipping and tag == "figure":
            self.skipping -= 1
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def plain_text(markup):
    """``markup`` as a reader reads it: tags gone (a paragraph, a heading or a
    table cell ends its words), entities decoded, an embed's address and a
    library image's caption left out (a post and a picture, not words of
    the story)."""
    reader = _TextReader()
    reader.feed(markup or "")
    reader.close()
    return "".join(reader.parts)
