"""WordPress's stored post content into plain HTML: Gutenberg block comments,
shortcodes and ``wpautop`` paragraphs, as WordPress itself would render them
for a reader (less the theme's decoration). Pure functions, no database.

- ``wpautop``: WordPress's classic editor stores paragraphs as blank lines
  and line breaks as newlines; the theme adds ``<p>`` and ``<br>`` on
  output. This is a port of ``wp-includes/formatting.php``'s ``wpautop``
  (its block-element list and its steps, less the few for markup no export
  holds), so a classic post keeps its paragraphs.
- ``render_blocks``: the block editor stores HTML between comments
  (``<!-- wp:image {"id":5} --> … <!-- /wp:image -->``). Known core blocks
  give their HTML (columns and groups their inner blocks', embeds an embed
  element); an unknown block gives its inner HTML and a warning. Text
  outside any block is classic content.
- ``render_shortcodes``: ``[caption]`` becomes a figure with its caption,
  ``[gallery ids=…]`` the images, ``[embed]URL[/embed]`` an embed; an
  unknown shortcode leaves its text and a warning.

``Context`` carries what a body needs from the rest of the export (the
attachments, for galleries) and collects the warnings.
"""

import html
import json
import re
from dataclasses import dataclass, field

BLOCKS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li"
    "|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend"
    "|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details"
    "|menu|summary"
)
OPEN_BLOCK = re.compile(rf"(<(?:{BLOCKS})[\s/>])", re.I)
CLOSE_BLOCK = re.compile(rf"(</(?:{BLOCKS})>)", re.I)
PRE = re.compile(r"<pre[\s>].*?</pre>", re.I | re.S)

# WordPress's block comment grammar (wp-includes/class-wp-block-parser.php).
BLOCK_COMMENT = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<namespace>[a-z][a-z0-9_-]*/)?"
    r"(?P<name>[a-z][a-z0-9_-]*)\s+(?P<attrs>\{(?:(?!\}\s+/?-->).)*?\}\s+)?"
    r"(?P<void>/)?-->",
    re.S,
)
# Blocks whose own HTML is the content, kept as written.
AS_WRITTEN = {
    "paragraph", "heading", "list", "list-item", "quote", "table", "code",
    "preformatted", "verse", "html", "freeform", "image", "footnotes",
}  # fmt: skip
# Blocks that only hold others: their inner blocks' content, in order.
CONTAINERS = {"columns", "column", "group", "row", "stack", "gallery"}
# Layout with nothing for a reader of the article: dropped without a warning.
DECORATION = {"spacer", "more", "nextpage", "separator-spacer"}

SHORTCODE_NAME = r"[a-zA-Z][a-zA-Z0-9_-]*"
SHORTCODE_ATTRS = re.compile(
    r'([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*\'([^\']*)\'(?:\s|$)'
    r"|([\w-]+)\s*=\s*([^\s'\"]+)(?:\s|$)|\"([^\"]*)\"(?:\s|$)|'([^']*)'(?:\s|$)"
    r"|(\S+)(?:\s|$)"
)
# An enclosing shortcode, or a self-closing one, or one with attributes:
# "[sic]" or "[1]" in a sentence is not a shortcode, as in WordPress, where
# only registered names are.
SHORTCODE = re.compile(
    rf"\[(?P<name>{SHORTCODE_NAME})(?P<attrs>(?:\s[^\]]*?)?)(?P<selfclose>/)?\]"
    rf"(?:(?P<inner>.*?)\[/(?P=name)\])?",
    re.S,
)
KNOWN_SHORTCODES = {"caption", "wp_caption", "gallery", "embed", "audio", "video"}
IMG = re.compile(r"<img\b[^>]*>", re.I)
STANDALONE_URL = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$", re.M)


@dataclass
class Context:
    """What rendering one body needs from its export, and what it noticed."""

    attachments: dict = field(default_factory=dict)  # id -> records.Attachment
    embed: object = None  # url -> HTML, when the site has embeds
    warnings: list = field(default_factory=list)

    def warn(self, message):
        if message not in self.warnings:
            self.warnings.append(message)


def render(content, context):
    """A WordPress post's stored content as HTML."""
    content = content or ""
    if "<!-- wp:" in content:
        content = render_blocks(content, context)
    else:
        content = wpautop(autoembed(render_shortcodes(content, context), context))
    return content


def autoembed(text, context):
    """A web address alone on its line is an embed of it, as WordPress's
    oEmbed makes it (an address the site does not embed becomes a link)."""

    def replace(match):
        return "\n" + embed_url(html.unescape(match.group(1)), context) + "\n"

    return STANDALONE_URL.sub(replace, text)


# --- wpautop -------------------------------------------------------------------


def wpautop(text, br=True):
    """Paragraphs and line breaks from blank lines and newlines, as
    WordPress's ``wpautop`` makes them."""
    if not text.strip():
        return ""
    pres = []

    def keep_pre(match):
        pres.append(match.group(0))
        return f"<pre wp-pre-tag-{len(pres) - 1}></pre>"

    text = PRE.sub(keep_pre, text) + "\n"
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text, flags=re.I)
    text = OPEN_BLOCK.sub(r"\n\n\1", text)
    text = CLOSE_BLOCK.sub(r"\1\n\n", text)
    text = re.sub(r"<hr\s*?/?>", "<hr />\n\n", text, flags=re.I)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*(</?(?:{BLOCKS})[^>]*>)\s*</p>", r"\1", text, flags=re.I)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text, flags=re.I)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?(?:{BLOCKS})[^>]*>)", r"\1", text, flags=re.I)
    text = re.sub(rf"(</?(?:{BLOCKS})[^>]*>)\s*</p>", r"\1", text, flags=re.I)
    if br:
        # A newline inside a paragraph is a line break, unless beside a block tag.
        text = re.sub(
            r"(?<!<br />)\s*\n(?!\s*</?(?:" + BLOCKS + r")[\s/>])",
            "<br />\n",
            text,
            flags=re.I,
        )
        text = re.sub(rf"(</?(?:{BLOCKS})[^>]*>)\s*<br />", r"\1", text, flags=re.I)
        text = re.sub(
            r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)",
            r"\1",
            text,
            flags=re.I,
        )
    text = re.sub(r"\n</p>$", "</p>", text)
    for number, pre in enumerate(pres):
        text = text.replace(f"<pre wp-pre-tag-{number}></pre>", pre)
    return text.strip()


# --- Shortcodes ----------------------------------------------------------------


def parse_attrs(text):
    """A shortcode's attributes, as ``shortcode_parse_atts`` reads them:
    named ones by name, bare ones by position."""
    attrs, position = {}, 0
    for match in SHORTCODE_ATTRS.finditer(text.strip() + " "):
        groups = match.groups()
        for name_at, value_at in ((0, 1), (2, 3), (4, 5)):
            if groups[name_at]:
                attrs[groups[name_at].lower()] = html.unescape(groups[value_at])
                break
        else:
            bare = next((g for g in groups[6:] if g is not None), "")
            attrs[position] = bare
            position += 1
    return attrs


def render_shortcodes(text, context):
    def replace(match):
        name = match.group("name").lower()
        inner = match.group("inner")
        attrs = parse_attrs(match.group("attrs") or "")
        if name not in KNOWN_SHORTCODES:
            if inner is None and not any(isinstance(k, str) for k in attrs):
                return match.group(0)  # "[sic]": text, not a shortcode
            context.warn(f"unknown shortcode [{name}]: its text was kept")
            return render_shortcodes(inner or "", context)
        return SHORTCODES[name](attrs, inner or "", context)

    return SHORTCODE.sub(replace, text)


def caption(attrs, inner, context):
    """``[caption]<img …> The caption[/caption]``: a figure (an older form
    puts the caption in ``caption="…"``)."""
    inner = render_shortcodes(inner, context)
    image = IMG.search(inner)
    text = attrs.get("caption") or IMG.sub("", inner)
    # The image may sit inside a link: take the link's tags off the text.
    text = re.sub(r"</?a\b[^>]*>", "", text).strip()
    if image is None:
        return f"<p>{text}</p>" if text else ""
    return figure(image.group(0), text)


def figure(img, text):
    caption_html = f"<figcaption>{text}</figcaption>" if text else ""
    return f"<figure>{img}{caption_html}</figure>"


def gallery(attrs, inner, context):
    """``[gallery ids="1,2,3"]``: the images, each with its caption."""
    ids = [i.strip() for i in str(attrs.get("ids", "")).split(",") if i.strip()]
    if not ids:
        context.warn(
            "a [gallery] without ids (the post's attached images) was left out"
        )
        return ""
    images = []
    for source_id in ids:
        found = context.attachments.get(source_id)
        if found is None:
            context.warn(f"gallery image {source_id} is not among the export's media")
            continue
        img = f'<img src="{html.escape(found.url)}" alt="{html.escape(found.alt)}">'
        images.append(figure(img, html.escape(found.caption)))
    return "\n".join(images)


def embed(attrs, inner, context):
    url = (inner or attrs.get("src") or attrs.get("url") or attrs.get(0) or "").strip()
    return embed_url(url, context)


def media_link(attrs, inner, context):
    """``[audio src=…]``, ``[video mp4=…]``: a link to the file."""
    url = next(
        (
            v
            for k, v in attrs.items()
            if k in ("src", "mp3", "mp4", "m4a", "ogg", "webm", "wav")
        ),
        "",
    )
    if not url:
        return ""
    return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'


def embed_url(url, context):
    """An embed of ``url``: the site's own element when it has embeds and
    allows the address, else a link."""
    if url.startswith("//"):  # a protocol-relative player address
        url = "https:" + url
    if not url.startswith(("http://", "https://")):
        return ""
    if context.embed is not None:
        element = context.embed(url)
        if element:
            return element
    safe = html.escape(url)
    return f'<p><a href="{safe}">{safe}</a></p>'


SHORTCODES = {
    "caption": caption,
    "wp_caption": caption,
    "gallery": gallery,
    "embed": embed,
    "audio": media_link,
    "video": media_link,
}


# --- Gutenberg blocks ---------------------------------------------------------------


@dataclass
class Block:
    name: str  # "paragraph", or "namespace/name" outside core
    attrs: dict
    parts: list = field(default_factory=list)  # str (HTML) and Block, in order


def parse_blocks(content):
    """The content as a list of blocks and classic-HTML strings."""
    root = Block("", {})
    stack = [root]
    position = 0
    for match in BLOCK_COMMENT.finditer(content):
        if match.start() > position:
            stack[-1].parts.append(content[position : match.start()])
        position = match.end()
        namespace = (match.group("namespace") or "core/").rstrip("/")
        name = (
            match.group("name")
            if namespace == "core"
            else f"{namespace}/{match.group('name')}"
        )
        if match.group("closer"):
            if len(stack) > 1 and stack[-1].name == name:
                stack.pop()
            continue
        try:
            attrs = json.loads(match.group("attrs") or "{}")
        except ValueError:
            attrs = {}
        block = Block(name, attrs if isinstance(attrs, dict) else {})
        stack[-1].parts.append(block)
        if not match.group("void"):
            stack.append(block)
    if position < len(content):
        stack[-1].parts.append(content[position:])
    return root.parts


def render_blocks(content, context):
    return "\n".join(
        piece
        for piece in (render_part(p, context) for p in parse_blocks(content))
        if piece
    )


def render_part(part, context):
    if isinstance(part, str):
        # Classic content between blocks, as WordPress renders it.
        if not part.strip():
            return ""
        return wpautop(autoembed(render_shortcodes(part, context), context))
    return render_block(part, context)


def inner_html(block, context):
    """The block's own HTML with each inner block rendered where it stood."""
    pieces = []
    for part in block.parts:
        if isinstance(part, str):
            pieces.append(render_shortcodes(part, context))
        else:
            pieces.append(render_block(part, context))
    return "".join(pieces).strip()


def render_block(block, context):
    name = block.name
    if name in DECORATION:
        return ""
    if name == "separator":
        return "<hr>"
    if name == "embed" or name.startswith("core-embed/"):
        return embed_url(block.attrs.get("url", ""), context)
    if name == "shortcode":
        return render_shortcodes(inner_html(block, context), context)
    if name == "pullquote":
        # <figure class="wp-block-pullquote"><blockquote>…</blockquote></figure>
        quote = re.sub(r"</?figure\b[^>]*>", "", inner_html(block, context)).strip()
        return re.sub(r"<blockquote\b[^>]*>", '<blockquote class="pull-quote">', quote)
    if name in CONTAINERS:
        inner = [render_block(p, context) for p in block.parts if isinstance(p, Block)]
        if name == "gallery" and not inner:  # the older gallery: <figure>s in a <ul>
            return inner_html(block, context)
        caption_html = ""
        if name == "gallery":
            found = re.search(
                r"<figcaption[^>]*blocks-gallery-caption[^>]*>.*?</figcaption>",
                "".join(p for p in block.parts if isinstance(p, str)),
                re.S,
            )
            caption_html = found.group(0) if found else ""
        return "\n".join(piece for piece in [*inner, caption_html] if piece)
    if name not in AS_WRITTEN:
        context.warn(f"unsupported block {name}: its content was kept as it was")
    return inner_html(block, context)
