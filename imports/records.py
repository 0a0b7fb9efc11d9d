"""The plain records an export is read into, whichever system wrote it.

The parsers (``imports.wxr``, ``imports.ghost``) yield these and nothing
else: no Django model, no database. The importer (``imports.importer``)
alone turns them into the newsroom's rows, so one set of rules (statuses,
categories, bylines, redirects) serves both sources, and a parser can be
tested on its own.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime


class ExportError(Exception):
    """The file as a whole cannot be read: not XML/JSON, the wrong root, cut
    short. Its message is one line, for the person running the import."""


# The statuses a post can have here, whatever the source called them.
PUBLISHED = "published"
SCHEDULED = "scheduled"
DRAFT = "draft"
PENDING = "pending"  # waiting for an editor: "in review"
PRIVATE = "private"  # readable by logged-in users only at the source
PASSWORD = "password"  # noqa: S105 - a status: behind a password at the source
STATUSES = (PUBLISHED, SCHEDULED, DRAFT, PENDING, PRIVATE, PASSWORD)


@dataclass
class Person:
    """An author at the source (a WordPress user, a Co-Authors Plus guest,
    a Ghost staff user)."""

    source_id: str
    name: str
    slug: str = ""
    email: str = ""
    bio: str = ""
    website: str = ""
    avatar: str = ""  # a URL or path at the source


@dataclass
class Term:
    """A category or tag at the source. ``parent``: the parent category's
    ``source_id`` (WordPress categories nest)."""

    source_id: str
    name: str
    slug: str
    kind: str  # "category" or "tag"
    parent: str = ""
    description: str = ""


@dataclass
class SourceImage:
    """An image as the export names it: where it was, what it shows."""

    url: str
    alt: str = ""
    caption: str = ""


@dataclass
class Attachment:
    """A WordPress media item (an attachment post): galleries and featured
    images name it by id."""

    source_id: str
    url: str
    alt: str = ""
    caption: str = ""
    title: str = ""


@dataclass
class Post:
    """A post or a page, its body still as the source wrote it.

    ``format`` says how to read ``body``: ``"wordpress"`` (classic HTML with
    wpautop paragraphs, shortcodes and Gutenberg block comments) or
    ``"html"`` (Ghost's rendered HTML).
    """

    source_id: str
    guid: str
    title: str
    slug: str
    body: str
    format: str
    status: str
    kind: str = "post"  # "post" or "page"
    published_at: datetime | None = None
    excerpt: str = ""
    authors: list = field(default_factory=list)  # Person.source_id, in order
    categories: list = field(default_factory=list)  # Term.source_id
    tags: list = field(default_factory=list)  # Term.source_id, in order
    link: str = ""  # the post's public URL at the source
    featured_image: SourceImage | None = None
    seo_title: str = ""
    seo_description: str = ""
    comments: int = 0
    problems: list = field(default_factory=list)  # why it cannot be imported
    warnings: list = field(default_factory=list)  # what the reader will miss

    def fingerprint(self):
        """Changes whenever anything the import reads from the post does: a
        second run of an unchanged export leaves the article alone."""
        data = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(data.encode()).hexdigest()


@dataclass
class Member:
    """A newsletter subscriber at the source (a Ghost member)."""

    source_id: str
    email: str
    subscribed: bool
    consented_at: datetime | None = None


@dataclass
class Export:
    """Everything read from one export file."""

    system: str  # "wordpress" or "ghost"
    site_url: str = ""
    people: dict = field(default_factory=dict)  # source_id -> Person
    terms: dict = field(default_factory=dict)  # source_id -> Term
    attachments: dict = field(default_factory=dict)  # source_id -> Attachment
    posts: list = field(default_factory=list)
    members: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (what, why): unreadable items
    ignored: dict = field(default_factory=dict)  # item kind -> how many

    @property
    def source(self):
        """Names the site the export came from: what an imported row's
        source id is unique within."""
        return f"{self.system} {self.site_url}".strip()
