"""WordPress eXtended RSS (WXR 1.0–1.2, Tools → Export) read into
``imports.records``.

Parsed with defusedxml: a file declaring a DTD or entities is refused, so no
entity expansion (the "billion laughs") and no external entity reaches a
file or the network. A file that is not XML, is cut short or is not an RSS
export fails at once with one line saying so (``ExportError``); an item that
cannot be read is listed in ``Export.skipped`` and the rest go on.

What WordPress keeps where: users are ``wp:author``; categories
(``wp:category``, the parent named by its slug) and tags (``wp:tag``);
each ``item`` is a post, page, attachment or one of WordPress's own kinds
(menus, templates, revisions: counted, not imported). An item names its
categories, tags and Co-Authors Plus authors as ``<category domain=...>``,
its featured image as the ``_thumbnail_id`` meta (an attachment's id), its
SEO title and description as Yoast's or Rank Math's meta.
"""

import html
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import unquote

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeTree

from imports import records
from imports.records import ExportError

# Namespace URIs by the prefix WXR files give them (the version varies).
PREFIXES = (
    ("http://wordpress.org/export/", "wp"),
    ("http://purl.org/rss/1.0/modules/content/", "content"),
    ("http://wordpress.org/export/1.2/excerpt/", "excerpt"),
    ("http://wordpress.org/export/1.1/excerpt/", "excerpt"),
    ("http://wordpress.org/export/1.0/excerpt/", "excerpt"),
    ("http://purl.org/dc/elements/1.1/", "dc"),
)
STATUSES = {
    "publish": records.PUBLISHED,
    "future": records.SCHEDULED,
    "draft": records.DRAFT,
    "pending": records.PENDING,
    "private": records.PRIVATE,
}
SEO_TITLE_KEYS = ("_yoast_wpseo_title", "rank_math_title")
SEO_DESCRIPTION_KEYS = ("_yoast_wpseo_metadesc", "rank_math_description")
# Yoast's %%title%% and Rank Math's %title%: filled in by the plugin on the
# page, meaningless here.
SEO_VARIABLE = re.compile(r"%%?[a-z_]+%%?")
NO_DATE = "0000-00-00 00:00:00"


def name_of(tag):
    """``{http://wordpress.org/export/1.2/}post_id`` as ``wp:post_id``."""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    # The excerpt's URI starts like wp's: the longer match wins.
    for prefix_uri, prefix in sorted(PREFIXES, key=lambda p: -len(p[0])):
        if uri.startswith(prefix_uri):
            return f"{prefix}:{local}"
    return local


def children(element):
    """{name: first child's text}, and every child as (name, element)."""
    found, every = {}, []
    for child in element:
        name = name_of(child.tag)
        every.append((name, child))
        text = child.text or ""
        found.setdefault(name, text if name == "content:encoded" else text.strip())
    return found, every


def parse(path):
    """The export at ``path`` as an ``Export``; ``ExportError`` if it is not
    a WordPress export at all."""
    try:
        tree = SafeTree.parse(str(path), forbid_dtd=True)
    except DefusedXmlException as error:
        raise ExportError(
            f"Refused: the file declares a DTD or entities ({type(error).__name__}); "
            "a WordPress export never does."
        ) from error
    except SafeTree.ParseError as error:
        raise ExportError(
            f"Not a readable XML file ({error}); was it cut short or is it "
            "another kind of file?"
        ) from error
    except OSError as error:
        raise ExportError(f"Cannot read {path}: {error.strerror or error}.") from error
    root = tree.getroot()
    channel = root.find("channel")
    if name_of(root.tag) != "rss" or channel is None:
        raise ExportError(
            f"Not a WordPress export: the file's root is <{name_of(root.tag)}>, "
            "not an RSS <channel>."
        )
    fields, every = children(channel)
    if "wp:wxr_version" not in fields and "wp:base_site_url" not in fields:
        raise ExportError("Not a WordPress export: an RSS file without WXR's fields.")
    export = records.Export(
        system="wordpress",
        site_url=fields.get("wp:base_blog_url") or fields.get("link", ""),
    )
    for name, element in every:
        if name == "wp:author":
            person = read_author(element)
            export.people[person.source_id] = person
        elif name in ("wp:category", "wp:tag"):
            term = read_term(name, element)
            export.terms[term.source_id] = term
    items = [element for name, element in every if name == "item"]
    for element in items:
        try:
            read_item(element, export)
        except (ValueError, KeyError, TypeError) as error:
            title = (element.findtext("title") or "").strip() or "(untitled item)"
            export.skipped.append((title, f"could not be read: {error}"))
    resolve_featured_images(export)
    return export


def read_author(element):
    fields, _ = children(element)
    login = fields.get("wp:author_login", "")
    name = fields.get("wp:author_display_name") or " ".join(
        part
        for part in (
            fields.get("wp:author_first_name"),
            fields.get("wp:author_last_name"),
        )
        if part
    )
    return records.Person(
        source_id=login,
        name=html.unescape(name or login),
        slug=login,
        email=fields.get("wp:author_email", ""),
        bio=fields.get("wp:author_description", ""),
    )


def read_term(name, element):
    fields, _ = children(element)
    if name == "wp:category":
        slug = unquote(fields.get("wp:category_nicename", ""))
        parent = unquote(fields.get("wp:category_parent", ""))
        return records.Term(
            source_id=f"category:{slug}",
            name=html.unescape(fields.get("wp:cat_name") or slug),
            slug=slug,
            kind="category",
            parent=f"category:{parent}" if parent else "",
            description=fields.get("wp:category_description", ""),
        )
    slug = unquote(fields.get("wp:tag_slug", ""))
    return records.Term(
        source_id=f"tag:{slug}",
        name=html.unescape(fields.get("wp:tag_name") or slug),
        slug=slug,
        kind="tag",
        description=fields.get("wp:tag_description", ""),
    )


def read_item(element, export):
    fields, every = children(element)
    kind = fields.get("wp:post_type", "")
    meta = {}
    for name, child in every:
        if name == "wp:postmeta":
            meta_fields, _ = children(child)
            meta[meta_fields.get("wp:meta_key", "")] = meta_fields.get(
                "wp:meta_value", ""
            )
    if kind == "attachment":
        source_id = fields["wp:post_id"]
        export.attachments[source_id] = records.Attachment(
            source_id=source_id,
            url=fields.get("wp:attachment_url") or fields.get("guid", ""),
            alt=meta.get("_wp_attachment_image_alt", ""),
            caption=fields.get("excerpt:encoded", ""),
            title=fields.get("title", ""),
        )
        return
    if kind == "guest-author":  # Co-Authors Plus keeps guest bylines as posts
        login = meta.get("cap-user_login", "")
        export.people[login] = records.Person(
            source_id=login,
            name=meta.get("cap-display_name") or login,
            slug=login,
            email=meta.get("cap-user_email", ""),
            bio=meta.get("cap-description", ""),
            website=meta.get("cap-website", ""),
        )
        return
    if kind not in ("post", "page"):
        export.ignored[kind or "item without a type"] = (
            export.ignored.get(kind or "item without a type", 0) + 1
        )
        return
    export.posts.append(read_post(fields, every, meta, kind, export))


def read_post(fields, every, meta, kind, export):
    title = html.unescape(fields.get("title", ""))
    post = records.Post(
        source_id=fields.get("wp:post_id", ""),
        guid=fields.get("guid", ""),
        title=title,
        slug=unquote(fields.get("wp:post_name", "")),
        body=fields.get("content:encoded", ""),
        format="wordpress",
        status=fields.get("wp:status", ""),
        kind=kind,
        published_at=read_date(fields),
        excerpt=fields.get("excerpt:encoded", ""),
        link=fields.get("link", ""),
        seo_title=seo_text(meta, SEO_TITLE_KEYS),
        seo_description=seo_text(meta, SEO_DESCRIPTION_KEYS),
    )
    if not post.source_id:
        post.problems.append("it has no post id")
    raw_status = post.status
    post.status = STATUSES.get(raw_status, "")
    if fields.get("wp:post_password"):
        post.status = records.PASSWORD
    if raw_status == "trash":
        post.problems.append("it is in WordPress's trash")
    elif raw_status == "auto-draft":
        post.problems.append("it is an auto-draft nobody saved")
    elif not post.status:
        post.problems.append(f"its status “{raw_status}” is not one WordPress exports")
    if post.status in (records.PUBLISHED, records.SCHEDULED) and not post.published_at:
        post.problems.append("it is published but has no readable date")
    for name, child in every:
        if name == "category":
            add_term(post, child, export)
        elif name == "wp:comment":
            post.comments += 1
    if not post.authors and fields.get("dc:creator"):
        post.authors.append(fields["dc:creator"])
    for login in post.authors:
        export.people.setdefault(
            login, records.Person(source_id=login, name=login, slug=login)
        )
    if meta.get("_thumbnail_id"):
        # Resolved to the attachment once every item is read.
        post.featured_image = records.SourceImage(
            url=f"attachment:{meta['_thumbnail_id']}"
        )
    return post


def add_term(post, element, export):
    domain = element.get("domain", "")
    slug = unquote(element.get("nicename", ""))
    text = (element.text or "").strip()
    if domain == "author":  # Co-Authors Plus: "cap-<login>", in byline order
        login = slug.removeprefix("cap-") or text
        if login not in post.authors:
            post.authors.append(login)
        export.people.setdefault(
            login, records.Person(source_id=login, name=text or login, slug=login)
        )
        return
    if domain == "category":
        kind, listing = "category", post.categories
    elif domain == "post_tag":
        kind, listing = "tag", post.tags
    else:
        return  # post formats, custom taxonomies
    source_id = f"{kind}:{slug}"
    export.terms.setdefault(
        source_id,
        records.Term(
            source_id=source_id, name=html.unescape(text or slug), slug=slug, kind=kind
        ),
    )
    if source_id not in listing:
        listing.append(source_id)


def read_date(fields):
    """The post's date in UTC: its GMT date, else the RSS pubDate; None for
    a draft never dated."""
    gmt = fields.get("wp:post_date_gmt", "")
    if gmt and gmt != NO_DATE:
        return datetime.strptime(gmt, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    pub_date = fields.get("pubDate", "")
    if pub_date and not pub_date.startswith("Thu, 01 Jan 1970"):
        try:
            return parsedate_to_datetime(pub_date).astimezone(UTC)
        except (TypeError, ValueError):
            return None
    return None


def seo_text(meta, keys):
    for key in keys:
        text = " ".join(SEO_VARIABLE.sub("", meta.get(key, "")).split())
        if text.strip(" -|–—"):
            return text
    return ""


def resolve_featured_images(export):
    for post in export.posts:
        image = post.featured_image
        if image is None:
            continue
        attachment = export.attachments.get(image.url.removeprefix("attachment:"))
        if attachment is None:
            post.warnings.append(
                f"its featured image ({image.url}) is not among the export's media"
            )
            post.featured_image = None
            continue
        post.featured_image = records.SourceImage(
            url=attachment.url, alt=attachment.alt, caption=attachment.caption
        )
