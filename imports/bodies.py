"""An old post's HTML into the article's structure: an intro (the dek) and
sections, each under its subheading, each body sanitised as the desk's are.

- The text before the first ``<h2>`` is the intro when it reads as one: a
  paragraph or two, ``INTRO_WORDS`` words at most. A longer lead is the
  first section (under the headline, as a section needs a subheading), and
  the intro is then the post's excerpt, else its first short paragraph.
- Each ``<h2>`` starts a section; its text is the subheading.
- A body may hold only what the desk's editor makes
  (``newsroom.richtext.BODY_EXTENSIONS``, sanitised by ``sanitize_body``),
  in the form the editor makes it, so that opening an imported story at
  the desk changes nothing by itself. It holds subheadings (every heading
  below the section's ``<h2>`` becomes its ``<h3>``), tables with header
  cells (each cell's text in a paragraph, as the editor's cells hold it),
  pull quotes (Gutenberg's core/pullquote, Ghost's alternative quote:
  ``<blockquote class="pull-quote">``) and embeds (an old player or a
  post's address alone on its line: the site's embed when the allowlist
  takes it, else a link).
- What it cannot hold is turned into what it can before sanitising, so no
  text runs into its neighbour: code lines with breaks, a figure its
  caption (the image is listed in a warning). Each rule asks the extension
  list first: when the editor learns images, they pass through as they are.
- A lead holding more than paragraphs (a subheading, a list, a quote, a
  table, media) is no intro: it is the first section, its structure kept.

Pure: no database, so every rule is unit-tested (tests/test_import_bodies.py).
"""

import html
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags

from imports.wordpress_markup import Context, embed_url, render, wpautop
from newsroom.richtext import BODY_EXTENSIONS, sanitize_body

INTRO_WORDS = 70
SUBHEADING_LENGTH = 200  # Section.subheading's max_length
H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.I | re.S)
PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.I | re.S)
# Wrappers with nothing of their own for a reader: their content stays, a
# block's apart from its neighbours, an inline one's within its sentence.
WRAPPERS = re.compile(
    r"</?(?:div|section|article|aside|header|footer|main|nav|figure|dl|dd|dt|"
    r"details|summary|center|iframe|video|audio|noscript|form|thead|tbody|tfoot|"
    r"caption|colgroup|col)\b[^>]*>",
    re.I,
)
# Ghost's alternative quote, its pull quote (Gutenberg's becomes one in
# wordpress_markup, where the block is read).
PULL_QUOTE = re.compile(
    r"<blockquote\b[^>]*\bclass=\"[^\"]*\bkg-blockquote-alt\b[^\"]*\"[^>]*>", re.I
)
IFRAME = re.compile(r"<iframe\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>.*?</iframe>", re.I | re.S)
INLINE_WRAPPERS = re.compile(
    r"</?(?:span|mark|font|small|big|sup|sub|u|s|del|ins|abbr|time|picture|"
    r"source|button|label)\b[^>]*>",
    re.I,
)


@dataclass
class Body:
    dek: str = ""
    sections: list = field(default_factory=list)  # (subheading, body HTML)
    warnings: list = field(default_factory=list)


def plain(markup):
    """The text of ``markup``, entities read, whitespace made single."""
    return " ".join(html.unescape(strip_tags(markup or "")).split())


def words(text):
    return len(plain(text).split())


def convert(markup, *, headline, excerpt="", source="html", context=None):
    """``markup`` (a WordPress post's stored content when ``source`` is
    ``"wordpress"``, Ghost's HTML otherwise) as a ``Body``."""
    context = ready(context)
    rendered = render(markup, context) if source == "wordpress" else markup or ""
    body = Body()
    pieces = H2.split(rendered)
    lead, rest = pieces[0], pieces[1:]
    sections = [(plain(rest[i]), rest[i + 1]) for i in range(0, len(rest), 2)]
    lead_paragraphs = [p for p in paragraphs(lead) if p]
    short_lead = words(lead) <= INTRO_WORDS and len(lead_paragraphs) <= 2
    excerpt_text = plain(excerpt)
    if lead_paragraphs and short_lead and not has_blocks(lead):
        body.dek = "\n\n".join(lead_paragraphs)
    elif plain(lead) or has_blocks(lead):
        own = PARAGRAPH.findall(lead)  # a real paragraph, not a table's text
        first = plain(own[0]) if own else ""
        if excerpt_text:
            body.dek = excerpt_text
        elif first and words(first) <= INTRO_WORDS:
            body.dek = first
            lead = PARAGRAPH.sub("", lead, count=1)
        sections.insert(0, (headline, lead))
    if not body.dek:
        body.dek = excerpt_text
    for number, (subheading, section_html) in enumerate(sections, start=1):
        subheading = (subheading or headline or f"Part {number}")[:SUBHEADING_LENGTH]
        cleaned = clean(section_html, context)
        if plain(cleaned) or subheading:
            body.sections.append((subheading, cleaned))
    body.sections = [(s, b) for s, b in body.sections if plain(b) or s != headline]
    body.warnings = list(context.warnings)
    return body


def paragraphs(markup):
    """The plain text of each paragraph of ``markup`` (loose text counts as
    one: a Ghost lead may be a bare line)."""
    found = PARAGRAPH.findall(markup)
    if not found and plain(markup):
        return [plain(markup)]
    return [plain(p) for p in found]


def has_media(markup):
    return bool(re.search(r"<(?:img|figure|table|iframe)\b", markup, re.I))


def has_blocks(markup):
    """Whether ``markup`` holds more than paragraphs: what an intro (plain
    text) would lose."""
    return has_media(markup) or bool(
        re.search(r"<(?:h[1-6]|ul|ol|blockquote|pre)\b", markup, re.I)
    )


def allowed(extension):
    return bool(BODY_EXTENSIONS.get(extension))


def ready(context):
    """``context``, embedding as the site does (when bodies hold embeds)."""
    context = context or Context()
    if context.embed is None and allowed("Embed"):
        context.embed = embed_element
    return context


def clean(markup, context=None):
    """Section HTML as the desk would have saved it."""
    context = ready(context)
    markup = re.sub(
        r"<(script|style|template)\b.*?</\1>", "", markup, flags=re.I | re.S
    )
    markup = re.sub(r"<!--.*?-->", "", markup, flags=re.S)
    markup = re.sub(r"<h([1-6])\b[^>]*>(.*?)</h\1>", heading, markup, flags=re.I | re.S)
    if not (allowed("Figure") or allowed("Image")):
        markup = images_as_captions(markup, context)
    if not allowed("Table"):
        markup = re.sub(
            r"<table\b[^>]*>(.*?)</table>", table_rows, markup, flags=re.I | re.S
        )
    else:
        markup = re.sub(
            r"<table\b[^>]*>.*?</table>", table_cells, markup, flags=re.I | re.S
        )
    if allowed("PullQuote"):
        markup = PULL_QUOTE.sub('<blockquote class="pull-quote">', markup)
    if not allowed("CodeBlock"):
        markup = re.sub(
            r"<pre\b[^>]*>(.*?)</pre>", code_lines, markup, flags=re.I | re.S
        )
    if not allowed("HorizontalRule"):
        markup = re.sub(r"<hr\b[^>]*>", "", markup, flags=re.I)
    # A quote's source, and a caption, on lines of their own.
    markup = re.sub(
        r"<cite\b[^>]*>(.*?)</cite>", r"<p>— \1</p>", markup, flags=re.I | re.S
    )
    markup = re.sub(
        r"<figcaption\b[^>]*>(.*?)</figcaption>", r"<p><em>\1</em></p>", markup,
        flags=re.I | re.S,
    )  # fmt: skip
    # A player from the old page: the address it plays, embedded or linked.
    markup = IFRAME.sub(lambda m: embed_url(html.unescape(m.group(1)), context), markup)
    markup = INLINE_WRAPPERS.sub("", markup)
    markup = WRAPPERS.sub(unwrap, markup)
    # Loose text between blocks into paragraphs of its own, then sanitised.
    return sanitize_body(wpautop(markup, br=False)).strip()


def images_as_captions(markup, context):
    def replace(match):
        found = re.search(r'\bsrc="([^"]*)"', match.group(0))
        if found:
            url = html.unescape(found.group(1))
            context.warn(f"inline image left out (bodies hold no images yet): {url}")
        return ""

    return re.sub(r"<img\b[^>]*>", replace, markup, flags=re.I)


def table_rows(match):
    rows = re.findall(r"<tr\b[^>]*>(.*?)</tr>", match.group(1), re.I | re.S)
    lines = []
    for row in rows:
        cells = re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, re.I | re.S)
        text = " · ".join(html.escape(plain(cell)) for cell in cells if plain(cell))
        if text:
            lines.append(f"<p>{text}</p>")
    return "\n".join(lines)


def table_cells(match):
    """A table with each cell's content in a paragraph, as the editor's
    cells hold it (a cell with paragraphs of its own is left as it is)."""

    def cell(found):
        opening, name, content = found.group(1), found.group(2), found.group(3)
        if re.search(r"<p\b", content, re.I):
            return found.group(0)
        return f"{opening}<p>{content.strip()}</p></{name}>"

    return re.sub(
        r"(<(t[hd])\b[^>]*>)(.*?)</\2>", cell, match.group(0), flags=re.I | re.S
    )


def code_lines(match):
    text = html.unescape(strip_tags(match.group(1))).strip("\n")
    return "<p>" + "<br>".join(html.escape(line) for line in text.split("\n")) + "</p>"


def heading_level():
    """The level a heading inside a section takes (below the section's own
    ``<h2>``), or None when a body holds no headings."""
    config = BODY_EXTENSIONS.get("Heading")
    if not config:
        return None
    levels = config.get("levels", [3, 4, 5, 6]) if isinstance(config, dict) else [3]
    return min((level for level in levels if level > 2), default=None)


def heading(match):
    level = heading_level()
    if level is None:
        return f"<p><strong>{match.group(2)}</strong></p>"
    return f"<h{level}>{match.group(2)}</h{level}>"


def unwrap(match):
    """A wrapper's tag goes, its content stays, apart from its neighbours;
    an embed's figure stays whole (the sanitiser settles it)."""
    tag = match.group(0)
    if tag.lower().startswith("<figure") and "data-embed-url" in tag:
        return tag
    if tag.lower() == "</figure>":
        return "</figure>"  # unmatched closers are dropped by the sanitiser
    return "\n\n"


def embed_element(url):
    """The body's one form of an embed; ``sanitize_body`` keeps it only for
    an allowlisted address, else it becomes a link."""
    url = html.escape(url)
    return (
        f'<figure class="embed" data-embed-url="{url}"><a href="{url}">{url}</a>'
        "</figure>"
    )
