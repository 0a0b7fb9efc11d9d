"""A Ghost export (Ghost 2.x–6.x, Settings → Labs → Export) read into
``imports.records``.

The file is JSON: ``{"db": [{"meta": {...}, "data": {...}}]}``, the tables
in ``data``: ``posts`` (pages too: ``type`` since 4.x, ``page: true``
before), ``users``, ``tags``, ``posts_tags`` and ``posts_authors`` (each
with its ``sort_order``), ``posts_meta`` (4.x on: SEO fields and the
feature image's alt and caption), ``members`` and, from 5.x,
``members_newsletters``. A post's body is read from its ``html`` field,
which Ghost fills from its Mobiledoc or Lexical document; a post that has
only the document (no ``html``) is skipped with that reason, as rendering
either format here would be a second, drifting copy of Ghost's renderer.

Ghost's tags: the first public tag of a post is its primary tag (the
importer makes it the category), the others tags; internal tags (named
``#…``, ``visibility: internal``) are Ghost's own bookkeeping and dropped.
"""

import json
from datetime import UTC, datetime

from imports import records
from imports.records import ExportError

STATUSES = {
    "published": records.PUBLISHED,
    "sent": records.PUBLISHED,  # a newsletter post, also on the site
    "scheduled": records.SCHEDULED,
    "draft": records.DRAFT,
}
# Where Ghost's own URLs put the site's address in an export.
GHOST_URL = "__GHOST_URL__"


def parse(path):
    """The export at ``path`` as an ``Export``; ``ExportError`` if it is not
    a Ghost export."""
    try:
        with open(path, encoding="utf-8") as file:
            document = json.load(file)
    except json.JSONDecodeError as error:
        raise ExportError(
            f"Not a readable JSON file ({error.msg} at line {error.lineno}); "
            "was it cut short or is it another kind of file?"
        ) from error
    except UnicodeDecodeError as error:
        raise ExportError("Not a Ghost export: the file is not UTF-8 text.") from error
    except OSError as error:
        raise ExportError(f"Cannot read {path}: {error.strerror or error}.") from error
    data = tables(document)
    export = records.Export(system="ghost", site_url=site_url(data))
    for user in data.get("users") or []:
        person = read_user(user)
        export.people[person.source_id] = person
    tags = {str(tag.get("id")): tag for tag in data.get("tags") or []}
    for tag_id, tag in tags.items():
        if is_public(tag):
            export.terms[tag_id] = records.Term(
                source_id=tag_id,
                name=tag.get("name") or tag.get("slug") or tag_id,
                slug=tag.get("slug") or "",
                kind="tag",
                description=tag.get("description") or "",
            )
    meta = {str(row.get("post_id")): row for row in data.get("posts_meta") or []}
    post_tags = ordered_links(data.get("posts_tags"), "tag_id")
    post_authors = ordered_links(data.get("posts_authors"), "author_id")
    for row in data.get("posts") or []:
        try:
            post = read_post(row, meta.get(str(row.get("id")), {}))
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            title = row.get("title") if isinstance(row, dict) else None
            export.skipped.append((title or "(untitled post)", f"unreadable: {error}"))
            continue
        post.authors = post_authors.get(post.source_id) or (
            [str(row["author_id"])] if row.get("author_id") else []
        )
        public = [t for t in post_tags.get(post.source_id, []) if t in export.terms]
        # The primary tag is the category; the importer reads it from here.
        post.categories, post.tags = public[:1], public[1:]
        export.posts.append(post)
    export.members = read_members(data)
    return export


def tables(document):
    """The export's tables, from any Ghost version's shape."""
    database = document.get("db") if isinstance(document, dict) else None
    if isinstance(database, list) and database and isinstance(database[0], dict):
        data = database[0].get("data")
        if isinstance(data, dict):
            return data
    if isinstance(document, dict) and isinstance(document.get("data"), dict):
        return document["data"]  # an export's inner object, saved on its own
    raise ExportError(
        "Not a Ghost export: no db[0].data with posts (is it another JSON file?)."
    )


def site_url(data):
    for setting in data.get("settings") or []:
        if isinstance(setting, dict) and setting.get("key") == "url":
            return setting.get("value") or ""
    return ""


def is_public(tag):
    name = tag.get("name") or ""
    return tag.get("visibility", "public") == "public" and not name.startswith("#")


def ordered_links(rows, key):
    """{post id: [linked id, ...]} in Ghost's ``sort_order``."""
    links = {}
    for row in sorted(rows or [], key=lambda row: row.get("sort_order") or 0):
        links.setdefault(str(row.get("post_id")), []).append(str(row.get(key)))
    return links


def read_user(user):
    return records.Person(
        source_id=str(user.get("id")),
        name=user.get("name") or user.get("slug") or "",
        slug=user.get("slug") or "",
        email=user.get("email") or "",
        bio=user.get("bio") or "",
        website=user.get("website") or "",
        avatar=user.get("profile_image") or "",
    )


def read_post(row, meta):
    kind = row.get("type") or ("page" if row.get("page") else "post")
    slug = row.get("slug") or ""
    post = records.Post(
        source_id=str(row["id"]),
        guid=row.get("uuid") or str(row["id"]),
        title=row.get("title") or "",
        slug=slug,
        body=row.get("html") or "",
        format="html",
        status=STATUSES.get(row.get("status"), ""),
        kind=kind if kind in ("post", "page") else "",
        published_at=read_date(row.get("published_at")),
        excerpt=row.get("custom_excerpt") or "",
        link=f"/{slug}/" if slug else "",
        seo_title=meta.get("meta_title") or row.get("meta_title") or "",
        seo_description=meta.get("meta_description")
        or row.get("meta_description")
        or "",
    )
    if not post.kind:
        post.problems.append(f"its type “{kind}” is neither a post nor a page")
    if not post.status:
        post.problems.append(f"its status “{row.get('status')}” is not one Ghost has")
    if row.get("visibility") not in (None, "public") and post.status:
        # Members-only or paid: not for every reader, as a password was.
        post.status = records.PRIVATE
    if not row.get("html") and (row.get("mobiledoc") or row.get("lexical")):
        post.problems.append(
            "its body is only in Ghost's editor format (no html field): "
            "export it again from Ghost 2.x or later"
        )
    if post.status in (records.PUBLISHED, records.SCHEDULED) and not post.published_at:
        post.problems.append("it is published but has no readable date")
    image = row.get("feature_image")
    if image:
        post.featured_image = records.SourceImage(
            url=image,
            alt=meta.get("feature_image_alt") or row.get("feature_image_alt") or "",
            caption=meta.get("feature_image_caption")
            or row.get("feature_image_caption")
            or "",
        )
    return post


def read_date(value):
    """Ghost's dates: ISO 8601 in UTC ("2024-01-02T10:00:00.000Z"), or
    the database's "2024-01-02 10:00:00" in older exports."""
    if not value:
        return None
    if isinstance(value, int | float):  # milliseconds, in some 1.x exports
        return datetime.fromtimestamp(value / 1000, UTC)
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def read_members(data):
    """Members who want the newsletter: ``subscribed`` before 5.x, a row in
    ``members_newsletters`` since."""
    by_newsletter = {
        str(row.get("member_id")) for row in data.get("members_newsletters") or []
    }
    members = []
    for row in data.get("members") or []:
        if not isinstance(row, dict) or not row.get("email"):
            continue
        member_id = str(row.get("id"))
        subscribed = member_id in by_newsletter or bool(row.get("subscribed"))
        try:
            consented_at = read_date(row.get("created_at"))
        except ValueError:
            consented_at = None
        members.append(
            records.Member(
                source_id=member_id,
                email=row["email"].strip(),
                subscribed=subscribed,
                consented_at=consented_at,
            )
        )
    return members
