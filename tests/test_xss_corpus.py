"""Hostile text in every field a person can type into, checked on every output.

The corpus (``tests/xss_payloads.py``, 136 payloads in 11 families) goes in
two ways:

- **Straight into the database** (``TestHostileNewsroom``), whatever a form
  would have made of it, the way an import, a restore or a bug elsewhere
  could write it. The corpus is planted in eight sets of neighbours
  (``SETS``). Each set is a live article with its category, authors, tags,
  sections, key points, FAQs, corrections, workflow events, preview links,
  logins and contact messages. Every payload lands whole in a row of each
  kind (``bins``), and the set's single objects hold the set one payload
  after another (``packed``). Then everything that shows them is rendered:
  article pages, previews, category, author, tag, search and site pages, the
  home page and the 404 with every category in the menu, JSON-LD and share
  cards (inside those pages), RSS and Atom, the sitemaps, the desk's lists,
  change forms, history, compare, restore and delete pages, the calendar,
  the subscriber export and the e-mails.
- **Forged POSTs** through the desk's add and change forms and the public
  forms (contact, newsletter, search), no page loaded first: what the forms
  store is checked against what was sent, and rendered.

An output passes when nothing in it can run (``hazards``). HTML is parsed and
compared with the same page rendered from harmless text: a new element, a new
attribute, an event handler, a ``javascript:``/``data:``/``vbscript:``
address, a script that is not ours or a data block that is not valid JSON is
a failure. Feeds and sitemaps must stay well-formed XML whose HTML parts (RSS
item titles and descriptions, Atom summaries) hold nothing but paragraphs,
and e-mail headers must stay on one line. Pages must also say what was typed:
the headline in the ``<h1>`` and the JSON-LD, the query in the search box.
"""

import contextlib
import csv
import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import timedelta
from html import unescape
from html.parser import HTMLParser
from unittest import mock
from urllib.parse import quote, urlsplit

import feedparser
import pytest
import reversion
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from factory.django import mute_signals
from taggit.models import Tag

from articles import notifications, previews, revisions, search
from articles.feeds import xml_text
from articles.models import (
    FAQ,
    Article,
    ArticleEvent,
    Byline,
    Category,
    Correction,
    KeyPoint,
    PreviewLink,
    Section,
)
from authors.models import Author
from contact.models import ContactMessage
from library.models import Image as LibraryImage
from newsletter import digests, emails
from newsletter.models import Digest, Subscriber
from newsroom.models import SitePage, SiteSettings
from newsroom.richtext import sanitize_body
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    UserFactory,
    admin_article_data,
    client_for,
    png_upload,
)
from tests.xss_payloads import HOSTILE_EMAILS, PAYLOADS

pytestmark = pytest.mark.django_db


# --- What "nothing can run" means ------------------------------------------------

# Attributes a browser follows as an address (or a list of them: srcset).
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "data",
        "poster",
        "background",
        "srcset",
        "ping",
        "cite",
        "codebase",
        "lowsrc",
        "dynsrc",
    }
)
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:")
# Script elements a browser never runs: data blocks, which must hold JSON.
DATA_SCRIPT_TYPES = frozenset({"application/ld+json", "application/json", "importmap"})
# Browsers drop ASCII whitespace and controls around (and tabs and line
# breaks inside) an address before reading its scheme; dropping them all is
# stricter still.
URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


def is_dangerous_url(value, *, srcset=False):
    candidates = [part.split()[0] for part in value.split(",")] if srcset else [value]
    return any(
        URL_NOISE.sub("", candidate).lower().startswith(DANGEROUS_SCHEMES)
        for candidate in candidates
        if candidate.strip()
    )


class Markup(HTMLParser):
    """Elements, attributes and script blocks of a page, as a parser sees them."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, [(name, value)])
        self.scripts = []  # (attrs dict, text)
        self.text = []
        self._script = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        if tag == "script":
            self._script = (dict(attrs), [])

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))
        if tag == "script":
            self.scripts.append((dict(attrs), ""))

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            attrs, parts = self._script
            self.scripts.append((attrs, "".join(parts)))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)
        else:
            self.text.append(data)


@dataclass
class Shape:
    """What a page legitimately holds: its elements, their attributes and
    its scripts, read from the page rendered with harmless text."""

    tags: set = field(default_factory=set)
    attributes: set = field(default_factory=set)
    script_sources: set = field(default_factory=set)
    inline_scripts: set = field(default_factory=set)

    def learn(self, html):
        markup = Markup(html)
        for tag, attrs in markup.elements:
            self.tags.add(tag)
            self.attributes.update((tag, name) for name, _value in attrs)
        for attrs, text in markup.scripts:
            if attrs.get("src"):
                self.script_sources.add(attrs["src"])
            elif attrs.get("type") not in DATA_SCRIPT_TYPES:
                self.inline_scripts.add(text)
        return self


def hazards(html, shape):
    """Everything in ``html`` that could run, or that the harmless page
    (``shape``) does not have: [] for a safe page."""
    found = []
    markup = Markup(html)
    for tag, attrs in markup.elements:
        if tag not in shape.tags:
            found.append(f"an element <{tag}> the page never has")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                found.append(f"an event handler {name}= on <{tag}>")
            elif (tag, name) not in shape.attributes:
                found.append(f"an attribute {name}= on <{tag}> the page never has")
            if name in URL_ATTRIBUTES and is_dangerous_url(
                value, srcset=name == "srcset"
            ):
                found.append(f"a {value[:30]!r} address in <{tag} {name}>")
            if name == "http-equiv" and value.strip().lower() == "refresh":
                found.append("a <meta http-equiv=refresh>")
    for attrs, text in markup.scripts:
        kind = attrs.get("type")
        if attrs.get("src"):
            if attrs["src"] not in shape.script_sources:
                found.append(f"a script from {attrs['src']!r}")
        elif kind in DATA_SCRIPT_TYPES:
            try:
                json.loads(text)
            except ValueError:
                found.append(f"a {kind} block that is not valid JSON")
            if kind == "application/ld+json" and "<" in text:
                found.append("a JSON-LD block with a raw '<' in it")
        elif text not in shape.inline_scripts:
            found.append(f"an inline script {text[:40]!r}")
    # A script start the parser did not take for one would still be a risk.
    if len(re.findall(r"<script\b", html, re.IGNORECASE)) != len(markup.scripts):
        found.append("a '<script' the page's own scripts do not account for")
    return found


FEED_HTML_TAGS = frozenset({"p", "br"})


def fragment_hazards(html):
    """An HTML snippet inside a feed: paragraphs and line breaks only."""
    markup = Markup(html)
    found = [
        f"<{tag}> in feed HTML"
        for tag, attrs in markup.elements
        if tag not in FEED_HTML_TAGS or attrs
    ]
    if markup.scripts or re.search(r"<script\b", html, re.IGNORECASE):
        found.append("a script in feed HTML")
    return found


def local_name(element):
    return element.tag.rsplit("}", 1)[-1]


def feed_hazards(content):
    """A feed must parse as XML and as a feed; RSS item titles and
    descriptions and Atom html-typed text are HTML to a reader, and may hold
    nothing but paragraphs; everything else is plain text."""
    try:
        root = ET.fromstring(content)  # noqa: S314 - our own output
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    found = []
    if feedparser.parse(content).bozo:
        found.append("feedparser finds the feed broken")
    is_rss = local_name(root) == "rss"
    for element in root.iter():
        name = local_name(element)
        text = element.text or ""
        if is_rss:
            in_item = name in {"title", "description"} and element in {
                child for item in root.iter("item") for child in item
            }
            if in_item:
                found += fragment_hazards(text)
        elif element.get("type") in {"html", "xhtml"}:
            found += fragment_hazards(text)
        for attribute, value in element.attrib.items():
            if local_name(ET.Element(attribute)) in {"href", "url", "uri"} and (
                is_dangerous_url(value)
            ):
                found.append(f"a {value[:30]!r} address in <{name}>")
    return found


def sitemap_hazards(content):
    try:
        root = ET.fromstring(content)  # noqa: S314 - our own output
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    return [
        f"a {element.text!r} location"
        for element in root.iter()
        if local_name(element) == "loc"
        and not (element.text or "").startswith(("http://", "https://"))
    ]


def mail_hazards(message):
    """Headers on one line; any HTML part safe against the digest's shape."""
    found = []
    for name in ("Subject", "To", "From", "Reply-To"):
        value = message.message().get(name) or ""
        if re.search(r"[\r\n]\S", str(value).replace("\r\n ", " ")):
            found.append(f"a line break in the {name} header")
    return found


def jsonld_blocks(html):
    return [
        json.loads(text)
        for attrs, text in Markup(html).scripts
        if attrs.get("type") == "application/ld+json"
    ]


# --- Putting payloads into fields -------------------------------------------------

# Harmless text of the same shape: two lines, so that line breaks are part of
# what a page legitimately holds.
CONTROL = "Plain words about the harbour.\nA second line."


def packed(payloads, length=None, *, start=0):
    """The payloads one after another (from the ``start``-th on, round),
    cut to a single-line field's length.

    Escaping works character by character, so a value holding several
    payloads tests every one of them in the place it lands; a field cut
    short keeps the first ones, and ``start`` lets each single-line field of
    an object lead with a different payload.
    """
    turned = payloads[start % len(payloads) :] + payloads[: start % len(payloads)]
    text = " ".join(turned)
    return text if length is None else text[:length]


def bins(payloads, length):
    """Values of at most ``length`` characters that hold every payload whole,
    once (a payload longer than that alone, cut)."""
    values, current = [], ""
    for payload in payloads:
        candidate = f"{current} {payload}" if current else payload
        if len(candidate) <= length:
            current = candidate
            continue
        if current:
            values.append(current)
        current = payload[:length]
    return [*values, current] if current else values


def deal(items, size):
    """``items`` in runs of ``size`` neighbours."""
    return [items[start : start + size] for start in range(0, len(items), size)]


# The corpus is planted in sets of neighbours (a family or two each). Every
# payload of a set goes whole into a row of its own wherever an article has
# rows (bylines, tags, sections, key points, FAQs, corrections, workflow
# events, preview links, contact messages, logins); the set's article,
# category, lead author and lead tag hold the whole set one payload after
# another. One page per set then shows all of it.
SET_SIZE = 17
SETS = deal(PAYLOADS, SET_SIZE)


def fit(payload, length, suffix=None):
    """``payload`` cut to a field's length; with a ``suffix``, unique too."""
    if suffix is None:
        return payload[:length]
    suffix = f" ~{suffix}"
    return payload[: length - len(suffix)] + suffix


def hostile_address(text):
    # What a URL field holds when it was written past its form (a script,
    # an import): the page must still escape it.
    return f"https://example.com/{text}"[:200]


class Failures(list):
    def check(self, where, problems):
        self.extend(f"{where}: {problem}" for problem in problems)

    def report(self):
        shown = "\n".join(self[:40])
        more = f"\n… and {len(self) - 40} more" if len(self) > 40 else ""
        return f"{len(self)} hazards:\n{shown}{more}"


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def desk_url(name, *args):
    return reverse(f"admin:{name}", args=args)


PAGE_LINK = re.compile(r'href="\?(?:[^"]*&amp;)?p=(\d+)"')


def changelist_pages(client, url):
    """Every page of an admin list (the admin numbers them ``?p=N``)."""
    html = get(client, url)
    last = max([1, *map(int, PAGE_LINK.findall(html))])
    joiner = "&" if "?" in url else "?"
    return [html, *(get(client, f"{url}{joiner}p={n}") for n in range(2, last + 1))]


# --- The hostile newsroom ---------------------------------------------------------


@dataclass
class PlantedSet:
    index: int
    payloads: list
    article: Article
    category: Category
    author: Author  # the lead author: the whole set in each field
    tag: Tag  # the lead tag
    user: object  # the lead login
    contact_message: ContactMessage
    versions: list
    preview_url: str

    def __str__(self):
        first = PAYLOADS.index(self.payloads[0])
        return f"set {self.index} (payloads #{first}–#{first + len(self.payloads) - 1})"


def plant_set(index, payloads, *, hero, when, editor):
    """An article in review holding ``payloads`` (see ``SETS``), with its
    category, authors, tags, parts, events, preview links, logins and
    contact messages; then published, so it has two revisions.

    Rows hold the payloads in ``bins`` of their field's length (sections
    one each: their bodies are sanitised one by one), so every payload is
    whole in some row of every kind; the lead author, tag, login and
    message and the article itself hold the set one payload after another.
    """
    User = get_user_model()
    key = f"xss-{index}"
    names = bins(payloads, 120)  # authors' names and job titles, logins'
    users = User.objects.bulk_create(
        User(
            username=f"{key}-login-{n}",
            first_name=name,
            last_name=fit(packed(payloads, start=n), 150),
            email=f"{key}-{n}@example.com",
            is_staff=True,
        )
        for n, name in enumerate([packed(payloads, 150), *names])
    )
    lead_user, users = users[0], users[1:]
    category = Category.objects.create(
        name=fit(packed(payloads), 80, index),
        slug=key,
        description=packed(payloads),
        menu_order=index + 1,
        # Out of the menu, or every page would list every set's category;
        # test_every_category_in_the_menu_runs_nothing puts them all in.
        is_in_menu=False,
    )
    authors = Author.objects.bulk_create(
        Author(
            name=name,
            slug=f"{key}-author-{n}",
            user=user,
            job_title=name,
            bio=packed(payloads, start=n),
            website=hostile_address(name),
            x_handle=fit(name, 60),
            facebook_url=hostile_address(name),
            instagram_url=hostile_address(name),
            linkedin_url=hostile_address(name),
        )
        for n, (name, user) in enumerate(
            zip([packed(payloads, 120), *names], [lead_user, *users], strict=True)
        )
    )
    tags = Tag.objects.bulk_create(
        # ASCII slugs of our own: a tag's unicode slug is a problem apart
        # (test_a_tag_with_accents_keeps_its_pages).
        Tag(name=fit(name, 100, f"{index}.{n}"), slug=f"{key}-{n}")
        for n, name in enumerate([packed(payloads), *bins(payloads, 92)])
    )
    article = Article.objects.create(
        headline=f"Set {index} as first filed",
        slug=key,
        category=category,
        status=Article.Status.IN_REVIEW,
    )
    with reversion.create_revision():
        reversion.set_user(editor)
        revisions.record(article)
    article.headline = packed(payloads, 200)
    article.dek = packed(payloads, start=1)
    article.summary = packed(payloads, start=2)
    article.hero_image = hero
    article.hero_alt = packed(payloads, 250, start=3)
    article.hero_caption = packed(payloads, 300, start=4)
    article.hero_credit = packed(payloads, 150, start=5)
    article.save()
    Byline.objects.bulk_create(
        Byline(article=article, author=author, position=n)
        for n, author in enumerate(authors)
    )
    article.tags.add(*tags)
    for n, payload in enumerate(payloads):
        # One by one: Section.save() is where bodies are sanitised.
        Section.objects.create(
            article=article,
            position=n,
            subheading=fit(payload, 200),
            body=f"<p>Before {n}.</p>{payload}<p>After.</p>",
        )
    KeyPoint.objects.bulk_create(
        KeyPoint(article=article, position=n, text=text)
        for n, text in enumerate(bins(payloads, 400))
    )
    FAQ.objects.bulk_create(
        FAQ(article=article, position=n, question=text, answer=text)
        for n, text in enumerate(bins(payloads, 300))
    )
    Correction.objects.create(article=article, text=packed(payloads))
    ArticleEvent.objects.bulk_create(
        ArticleEvent(
            article=article,
            action=ArticleEvent.Action.REQUEST_CHANGES,
            actor=editor,
            actor_name=text,
            from_status=Article.Status.IN_REVIEW,
            to_status=Article.Status.CHANGES_REQUESTED,
            note=text,
            notified=[f"{key}@example.com"],
            notification_error=text,
        )
        for text in bins(payloads, 150)
    )
    PreviewLink.objects.bulk_create(
        PreviewLink(article=article, created_by=user) for user in users
    )
    contact_messages = ContactMessage.objects.bulk_create(
        ContactMessage(
            name=text,
            email=f"{key}-reader-{n}@example.com",
            subject=text,
            message=packed(payloads, start=n),
            mail_error=text,
        )
        for n, text in enumerate([packed(payloads, 100), *bins(payloads, 100)])
    )
    with reversion.create_revision():
        reversion.set_user(lead_user)
        reversion.set_comment(packed(payloads))
        revisions.record(article)
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=when, first_published_at=when
    )
    article.refresh_from_db()
    article.refresh_reading_time()
    link = PreviewLink.objects.create(article=article, created_by=lead_user)
    return PlantedSet(
        index=index,
        payloads=payloads,
        article=article,
        category=category,
        author=authors[0],
        tag=tags[0],
        user=lead_user,
        contact_message=contact_messages[0],
        versions=list(revisions.versions_of(article)),
        preview_url=previews.url_for(link),
    )


def compare_url(planted):
    older, newer = planted.versions[-1], planted.versions[0]
    url = desk_url("articles_article_compare", planted.article.pk)
    return f"{url}?from={older.pk}&to={newer.pk}"


# Each page showing one set: name -> its address. Reader pages are asked
# for anonymously, desk pages by a superuser.
READER_PAGES = {
    "article page": lambda s: s.article.get_absolute_url(),
    "shared preview": lambda s: s.preview_url,
    "category page": lambda s: s.category.get_absolute_url(),
    "author page": lambda s: s.author.get_absolute_url(),
    "tag page": lambda s: reverse("articles:tag", args=[s.tag.slug]),
}
FEEDS = {
    "category RSS": lambda s: reverse("articles:category-feed", args=[s.category.slug]),
    "category Atom": lambda s: reverse(
        "articles:category-feed-atom", args=[s.category.slug]
    ),
    "author RSS": lambda s: reverse("authors:feed", args=[s.author.slug]),
    "author Atom": lambda s: reverse("authors:feed-atom", args=[s.author.slug]),
    "tag RSS": lambda s: reverse("articles:tag-feed", args=[s.tag.slug]),
    "tag Atom": lambda s: reverse("articles:tag-feed-atom", args=[s.tag.slug]),
}
DESK_PAGES = {
    "article change form": lambda s: desk_url("articles_article_change", s.article.pk),
    "article history": lambda s: desk_url("articles_article_history", s.article.pk),
    "version compare": compare_url,
    "restore page": lambda s: desk_url(
        "articles_article_revision", s.article.pk, s.versions[-1].pk
    ),
    "staff preview": lambda s: reverse("staff-preview", args=[s.article.pk]),
    "author change form": lambda s: desk_url("authors_author_change", s.author.pk),
    "author delete page": lambda s: desk_url("authors_author_delete", s.author.pk),
    "category change form": lambda s: desk_url(
        "articles_category_change", s.category.pk
    ),
    "category delete page": lambda s: desk_url(
        "articles_category_delete", s.category.pk
    ),
    "contact message page": lambda s: desk_url(
        "contact_contactmessage_change", s.contact_message.pk
    ),
    "event page": lambda s: desk_url(
        "articles_articleevent_change", s.article.events.first().pk
    ),
    "article list search": lambda s: (
        desk_url("articles_article_changelist") + f"?q={quote(packed(s.payloads[:4]))}"
    ),
}
# Pages showing every set at once: name -> (address, status).
READER_LISTS = {
    "home page": ("/", 200),
    "not-found page": ("/no-such-section/no-such-article/", 404),
}
# Desk lists, every page of each.
DESK_LISTS = {
    "desk home": lambda: desk_url("index"),
    "desk calendar": lambda: reverse("desk-calendar"),
    "article list": lambda: desk_url("articles_article_changelist"),
    "author list": lambda: desk_url("authors_author_changelist"),
    "category list": lambda: desk_url("articles_category_changelist"),
    "tag list": lambda: desk_url("taggit_tag_changelist"),
    "event list": lambda: desk_url("articles_articleevent_changelist"),
    "contact message list": lambda: desk_url("contact_contactmessage_changelist"),
    "login list": lambda: desk_url("auth_user_changelist"),
    "subscriber list": lambda: desk_url("newsletter_subscriber_changelist"),
}


@dataclass
class Newsroom:
    controls: list
    sets: list
    reader: Client
    desk: Client
    shapes: dict


def shape_of(client, url, status=200):
    return Shape().learn(get(client, url, status))


def learn_lists(desk, shapes):
    """The desk lists' shapes, paginated too (one row a page), so page
    links are part of what a list legitimately holds."""
    for name, url in DESK_LISTS.items():
        shape = shapes.setdefault(name, Shape())
        shape.learn(get(desk, url()))
        with contextlib.ExitStack() as stack:
            for model_admin in admin.site._registry.values():
                stack.enter_context(mock.patch.object(model_admin, "list_per_page", 1))
            shape.learn(get(desk, url()))
            shape.learn(get(desk, f"{url()}?p=2"))


def build_newsroom():
    stored = default_storage.save("library/xss/hero.png", png_upload())
    hero = LibraryImage.objects.create(file=stored, width=64, height=48, alt="A hero")
    editor = EditorFactory(username="xss-editor")
    root = UserFactory(username="xss-root", is_superuser=True)
    reader, desk = Client(), client_for(root)
    now = timezone.now()

    def planted(index, payloads):
        when = now - timedelta(minutes=index + 1)
        return plant_set(index, payloads, hero=hero, when=when, editor=editor)

    # The search index and the page cache's generation are brought up to date
    # once, at the end, instead of after every row.
    signals = (post_save, post_delete, pre_delete, m2m_changed)
    with mute_signals(*signals):
        SiteSettings.objects.create(name=CONTROL, tagline=CONTROL, description=CONTROL)
        for kind in SitePage.Kind:
            SitePage.objects.create(slug=kind, title=kind, intro=CONTROL, body=CONTROL)
        controls = [
            planted(len(SETS) + n, [f"{CONTROL} {n}.{m}" for m in range(3)])
            for n in range(3)
        ]
        Subscriber.objects.create(email="control@example.com")
    Category.objects.filter(pk=controls[0].category.pk).update(is_in_menu=True)
    search.rebuild_search_index()
    control = controls[0]
    shapes = {
        name: shape_of(reader, url, status)
        for name, (url, status) in READER_LISTS.items()
    }
    learn_lists(desk, shapes)
    shapes.update(
        (name, shape_of(reader, url(control))) for name, url in READER_PAGES.items()
    )
    shapes.update(
        (name, shape_of(desk, url(control))) for name, url in DESK_PAGES.items()
    )
    shapes["search page"] = shape_of(reader, "/search/?q=harbour")
    shapes["site page"] = shape_of(reader, "/about/")
    shapes["contact page"] = shape_of(reader, "/contact/")
    with mute_signals(*signals):
        sets = [planted(index, payloads) for index, payloads in enumerate(SETS)]
        Subscriber.objects.bulk_create(
            Subscriber(email=email) for email in HOSTILE_EMAILS
        )
    search.rebuild_search_index()
    cache.clear()
    return Newsroom(
        controls=controls, sets=sets, reader=reader, desk=desk, shapes=shapes
    )


def first_text(html, tag):
    """The text of the first ``<tag>`` element, entities decoded."""
    match = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", html, re.S)
    return unescape(match.group(1)) if match else None


def search_value(html):
    """What the search page's own box shows the reader they searched for."""
    for tag, attrs in Markup(html).elements:
        attrs = dict(attrs)
        if tag == "input" and attrs.get("id") == "search-page-q":
            return attrs.get("value")
    return None


def article_integrity(html, article):
    """What readers and crawlers are told is what was typed."""
    problems = []
    if first_text(html, "h1") != article.headline:
        problems.append(f"the <h1> reads {first_text(html, 'h1')!r}")
    news = [b for b in jsonld_blocks(html) if b.get("@type") == "NewsArticle"]
    if not news or news[0]["headline"] != article.headline:
        problems.append("the NewsArticle's headline is not the headline")
    return problems


# --- Forged POSTs: what the forms store ------------------------------------------


def posted(response):
    """The form went through: the admin redirects after a save."""
    errors = response.context and response.context.get("errors")
    assert response.status_code == 302, errors
    return response


def typed(value):
    # What any form does to a single-line value: surrounding space goes, and
    # it is read in Unicode's composed form (newsroom.text).
    return unicodedata.normalize("NFC", value.strip())


def article_form(payloads, slug, category, author):
    """What the desk's article form posts for ``payloads``: the article's
    own fields hold the set, its rows the payloads (sections one each)."""
    return admin_article_data(
        headline=packed(payloads, 200),
        slug=slug,
        dek=packed(payloads, start=1),
        summary=packed(payloads, start=2),
        category=category.pk,
        # Quoted, so that commas stay in the name. Tags that would get a
        # slug with accents have a test of their own
        # (test_a_tag_with_accents_keeps_its_pages).
        tags=", ".join(
            f'"{text}"'
            for text in bins(payloads, 90)
            if text.isascii() and '"' not in text
        ),
        inlines={
            "bylines": [{"author": author, "position": 0}],
            "sections": [
                {"subheading": fit(payload, 200), "body": payload, "position": n}
                for n, payload in enumerate(payloads)
            ],
            "key_points": [
                {"text": text, "position": n}
                for n, text in enumerate(bins(payloads, 400))
            ],
            "faqs": [
                {"question": text, "answer": text, "position": n}
                for n, text in enumerate(bins(payloads, 300))
            ],
            "corrections": [
                {
                    "created_at_0": "2025-01-01",
                    "created_at_1": "10:00",
                    "kind": Correction.Kind.CORRECTION,
                    "text": packed(payloads),
                }
            ],
        },
    )


# The staff preview of an article posted with harmless text: its shape does
# not depend on the test, so it is learnt once.
_PREVIEW_SHAPE = []


def preview_shape(client, category, author):
    if not _PREVIEW_SHAPE:
        with mock.patch("articles.search.update_search_documents"):
            posted(
                client.post(
                    desk_url("articles_article_add"),
                    article_form([CONTROL] * 3, "control", category, author),
                )
            )
        control = Article.objects.get(slug="control")
        url = reverse("staff-preview", args=[control.pk])
        _PREVIEW_SHAPE.append(Shape().learn(get(client, url)))
    return _PREVIEW_SHAPE[0]


@pytest.mark.parametrize("index", range(len(SETS)))
def test_article_form_stores_every_payload_as_typed(editor_client, index):
    payloads, category, author = SETS[index], CategoryFactory(), AuthorFactory()
    shape = preview_shape(editor_client, category, author)
    # Search indexing is not what this test is about, and with each part
    # saved it re-reads the whole article.
    with mock.patch("articles.search.update_search_documents"):
        posted(
            editor_client.post(
                desk_url("articles_article_add"),
                article_form(payloads, "forged", category, author),
            )
        )

    article = Article.objects.get(slug="forged")
    assert article.headline == typed(packed(payloads, 200))
    assert article.dek == typed(packed(payloads, start=1))
    assert [s.subheading for s in article.sections.all()] == [
        typed(fit(p, 200)) for p in payloads
    ]
    assert [s.body for s in article.sections.all()] == [
        sanitize_body(typed(p)) for p in payloads
    ]
    assert [k.text for k in article.key_points.all()] == [
        typed(text) for text in bins(payloads, 400)
    ]
    # What the desk's preview then shows of it runs nothing either.
    html = get(editor_client, reverse("staff-preview", args=[article.pk]))
    assert hazards(html, shape) == []


@pytest.mark.parametrize("index", range(len(SETS)))
def test_author_category_and_site_forms_store_every_payload_as_typed(
    admin_client, index
):
    payloads = SETS[index]
    author_data = {
        "name": packed(payloads, 120),
        "slug": f"forged-author-{index}",
        "job_title": packed(payloads, 120, start=1),
        "bio": packed(payloads, start=2),
        "x_handle": packed(payloads, 60, start=3),
        "is_active": "on",
    }
    category_data = {
        "name": packed(payloads, 80),
        "slug": f"forged-{index}",
        "description": packed(payloads, start=1),
        "menu_order": 1,
    }
    site_data = {
        "name": packed(payloads, 120),
        "tagline": packed(payloads, 200, start=1),
        "description": packed(payloads, start=2),
    }
    page_data = {
        "slug": "about",
        "title": packed(payloads, 120),
        "intro": packed(payloads, start=1),
        "body": packed(payloads, start=2),
    }

    posted(admin_client.post(desk_url("authors_author_add"), author_data))
    posted(admin_client.post(desk_url("articles_category_add"), category_data))
    posted(
        admin_client.post(
            desk_url("newsroom_sitesettings_change", SiteSettings.load().pk), site_data
        )
    )
    posted(admin_client.post(desk_url("newsroom_sitepage_add"), page_data))

    author = Author.objects.get(slug=f"forged-author-{index}")
    category = Category.objects.get(slug=f"forged-{index}")
    site = SiteSettings.load()
    page = SitePage.objects.get(slug="about")
    for obj, data in [
        (author, author_data),
        (category, category_data),
        (site, site_data),
    ]:
        for name, value in data.items():
            if isinstance(value, str) and name not in ("slug", "is_active"):
                assert getattr(obj, name) == typed(value), name
    assert page.title == typed(page_data["title"])
    assert page.body == sanitize_body(typed(page_data["body"]))


# Text a browser would follow if a page linked it.
SCHEMED = [p for p in PAYLOADS if re.match(r"\s*(javascript|data|vbscript):", p, re.I)]


@pytest.mark.parametrize(
    "field", ["website", "facebook_url", "instagram_url", "linkedin_url"]
)
def test_author_links_refuse_every_script_address(admin_client, field):
    for number, address in enumerate(SCHEMED):
        response = admin_client.post(
            desk_url("authors_author_add"),
            {"name": "Ada", "slug": f"ada-{number}", "is_active": "on", field: address},
        )
        assert response.status_code == 200, address
        assert field in response.context["adminform"].form.errors
    assert not Author.objects.exists()


@pytest.mark.parametrize("field", ["facebook_url", "x_url", "instagram_url"])
def test_site_links_refuse_every_script_address(admin_client, field):
    site = SiteSettings.load()
    for address in SCHEMED:
        response = admin_client.post(
            desk_url("newsroom_sitesettings_change", site.pk),
            {"name": "The Ledger", field: address},
        )
        assert response.status_code == 200, address
    site.refresh_from_db()
    assert getattr(site, field) == ""


def test_contact_form_keeps_messages_whole_and_mail_headers_on_one_line(
    client, settings
):
    settings.CONTACT_THROTTLE_PER_CLIENT = 1000
    for payloads in SETS:
        response = client.post(
            "/contact/",
            {
                "name": packed(payloads, 100),
                "email": "reader@example.com",
                "subject": packed(payloads, 150, start=1),
                "message": packed(payloads)[:5000],
            },
        )
        assert response.status_code == 302, response.context["form"].errors
    messages = list(ContactMessage.objects.order_by("pk"))
    assert len(messages) == len(mail.outbox) == len(SETS)
    for payloads, message, sent in zip(SETS, messages, mail.outbox, strict=True):
        assert message.message == typed(packed(payloads)[:5000])
        assert message.subject == " ".join(packed(payloads, 150, start=1).split())
        assert mail_hazards(sent) == []
        assert sent.subject == f"[Contact] {message.subject}"


def test_newsletter_takes_odd_but_valid_addresses_and_refuses_the_rest(
    client, settings
):
    settings.NEWSLETTER_THROTTLE_PER_CLIENT = 1000
    for email in HOSTILE_EMAILS:
        assert client.post("/subscribe/", {"email": email}).status_code == 302
    for payloads in SETS:
        response = client.post("/subscribe/", {"email": packed(payloads, 254)})
        assert response.status_code == 200
        assert response.context["form"].errors["email"]

    assert sorted(Subscriber.objects.values_list("email", flat=True)) == sorted(
        HOSTILE_EMAILS
    )
    assert len(mail.outbox) == len(HOSTILE_EMAILS)
    assert all(mail_hazards(message) == [] for message in mail.outbox)


def test_a_tag_with_accents_keeps_its_pages(client):
    article = ArticleFactory(tag_names=["Türkiye"])
    tag_url = reverse("articles:tag", args=[article.tags.get().slug])

    article_page = get(client, article.get_absolute_url())
    tag_page = get(client, tag_url)

    assert f'href="{tag_url}"' in article_page
    assert "Türkiye" in tag_page
    assert escape(article.headline) in tag_page


class TestHostileNewsroom:
    """Every payload planted in every field, through every output."""

    @pytest.fixture(scope="class")
    @classmethod
    def newsroom(cls, django_db_setup, django_db_blocker):
        # Built once for the class, in a transaction rolled back at its end;
        # each test runs in a savepoint of it.
        with django_db_blocker.unblock(), transaction.atomic():
            yield build_newsroom()
            transaction.set_rollback(True)

    @pytest.fixture(autouse=True)
    def _unrecorded_templates(self):
        # The test client copies the context of every template it renders,
        # for assertions these tests do not make; pages go faster without.
        with mock.patch("django.test.client.store_rendered_templates"):
            yield

    # Reader pages -------------------------------------------------------------

    def test_article_pages_run_nothing_and_say_what_was_typed(self, newsroom):
        failures = Failures()
        for planted in newsroom.sets:
            # The publication's own name and words carry the set too.
            site = SiteSettings.load()
            site.name = packed(planted.payloads, 120)
            site.tagline = packed(planted.payloads, 200, start=1)
            site.description = packed(planted.payloads, start=2)
            site.save()
            html = get(newsroom.reader, planted.article.get_absolute_url())
            where = f"article page of {planted}"
            failures.check(where, hazards(html, newsroom.shapes["article page"]))
            failures.check(where, article_integrity(html, planted.article))
        assert not failures, failures.report()

    @pytest.mark.parametrize(
        "output", [name for name in READER_PAGES if name != "article page"]
    )
    def test_reader_pages_run_nothing(self, newsroom, output):
        failures = Failures()
        for planted in newsroom.sets:
            html = get(newsroom.reader, READER_PAGES[output](planted))
            failures.check(
                f"{output} of {planted}", hazards(html, newsroom.shapes[output])
            )
        assert not failures, failures.report()

    def test_searches_run_nothing_and_show_the_query_as_typed(self, newsroom):
        failures = Failures()
        for query in bins(PAYLOADS, search.MAX_QUERY_LENGTH):
            html = get(newsroom.reader, f"/search/?q={quote(query)}")
            where = f"search for {query!r}"
            failures.check(where, hazards(html, newsroom.shapes["search page"]))
            if search_value(html) != search.clean_query(query):
                failures.append(f"{where}: the box shows {search_value(html)!r}")
        assert not failures, failures.report()

    def test_site_pages_run_nothing(self, newsroom):
        failures = Failures()
        pages = list(SitePage.objects.all())
        for start in range(0, len(SETS), len(pages)):
            for page, payloads in zip(pages, SETS[start:], strict=False):
                page.title = packed(payloads, 120)
                page.intro = packed(payloads, start=1)
                page.body = packed(payloads, start=2)
                page.save()
            for page in pages:
                output = "contact page" if page.slug == "contact" else "site page"
                html = get(newsroom.reader, f"/{page.slug}/")
                failures.check(
                    f"{output} {page.title!r}", hazards(html, newsroom.shapes[output])
                )
        assert not failures, failures.report()

    def test_every_category_in_the_menu_runs_nothing(self, newsroom):
        Category.objects.update(is_in_menu=True)
        cache.clear()
        failures = Failures()
        for output, (url, status) in READER_LISTS.items():
            html = get(newsroom.reader, url, status)
            failures.check(output, hazards(html, newsroom.shapes[output]))
        html = get(newsroom.reader, newsroom.sets[0].article.get_absolute_url())
        failures.check("article page", hazards(html, newsroom.shapes["article page"]))
        assert not failures, failures.report()

    # Feeds and sitemaps ----------------------------------------------------------

    @pytest.mark.parametrize("output", list(FEEDS))
    def test_feeds_stay_valid_and_run_nothing(self, newsroom, output):
        failures = Failures()
        for planted in newsroom.sets:
            response = newsroom.reader.get(FEEDS[output](planted))
            assert response.status_code == 200
            failures.check(f"{output} of {planted}", feed_hazards(response.content))
        assert not failures, failures.report()

    @pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
    def test_site_feeds_with_every_article_stay_valid(self, newsroom, url):
        response = newsroom.reader.get(url)
        parsed = feedparser.parse(response.content)

        assert feed_hazards(response.content) == []
        assert len(parsed.entries) == len(newsroom.sets) + len(newsroom.controls)

    def test_sitemaps_stay_valid_xml_with_the_headlines_as_written(self, newsroom):
        index = newsroom.reader.get("/sitemap.xml").content
        failures = Failures()
        failures.check("sitemap index", sitemap_hazards(index))
        for location in ET.fromstring(index).iter():  # noqa: S314 - our own output
            if local_name(location) == "loc":
                content = newsroom.reader.get(urlsplit(location.text).path).content
                failures.check(location.text, sitemap_hazards(content))
        news = newsroom.reader.get("/news-sitemap.xml").content
        failures.check("news sitemap", sitemap_hazards(news))
        titles = {
            element.text
            for element in ET.fromstring(news).iter()  # noqa: S314 - our own output
            if local_name(element) == "title"
        }
        assert not failures, failures.report()
        assert {xml_text(s.article.headline) for s in newsroom.sets} <= titles

    # The desk --------------------------------------------------------------------

    @pytest.mark.parametrize("output", list(DESK_PAGES))
    def test_desk_pages_run_nothing(self, newsroom, output):
        failures = Failures()
        for planted in newsroom.sets:
            html = get(newsroom.desk, DESK_PAGES[output](planted))
            failures.check(
                f"{output} of {planted}", hazards(html, newsroom.shapes[output])
            )
        assert not failures, failures.report()

    @pytest.mark.parametrize("output", list(DESK_LISTS))
    def test_desk_lists_run_nothing(self, newsroom, output):
        failures = Failures()
        pages = changelist_pages(newsroom.desk, DESK_LISTS[output]())
        for number, html in enumerate(pages, start=1):
            failures.check(
                f"{output}, page {number}", hazards(html, newsroom.shapes[output])
            )
        assert not failures, failures.report()

    def test_subscriber_export_holds_no_formula(self, newsroom):
        response = newsroom.desk.post(
            desk_url("newsletter_subscriber_changelist"),
            {
                "action": "export_csv",
                "_selected_action": list(
                    Subscriber.objects.values_list("pk", flat=True)
                ),
            },
        )
        rows = list(csv.reader(io.StringIO(response.content.decode())))

        emails = [row[0] for row in rows[1:]]
        assert len(emails) == len(HOSTILE_EMAILS) + 1
        assert not [e for e in emails if e.startswith(("=", "+", "-", "@"))]

    # E-mail ----------------------------------------------------------------------

    def test_workflow_mail_keeps_its_headers_on_one_line(self, newsroom):
        failures = Failures()
        for planted in newsroom.sets:
            for event in planted.article.events.all():
                mail.outbox.clear()
                notifications.send_event_notifications(event.pk)
                assert len(mail.outbox) == 1
                failures.check(
                    f"notification of {planted}", mail_hazards(mail.outbox[0])
                )
        assert not failures, failures.report()

    def test_the_digest_with_every_article_runs_nothing(self, newsroom):
        subscriber = Subscriber.objects.create(
            email="reader@example.com", status=Subscriber.Status.CONFIRMED
        )
        control = emails.digest_message(
            subscriber=subscriber,
            digest=Digest(period="x", starts_at=timezone.now(), ends_at=timezone.now()),
            articles=[c.article for c in newsroom.controls],
            site_name=CONTROL,
        )
        shape = Shape().learn(control.alternatives[0][0])
        mail.outbox.clear()

        digests.send_digest()

        [message] = mail.outbox
        html, kind = message.alternatives[0]
        assert kind == "text/html"
        assert hazards(html, shape) == []
        assert mail_hazards(message) == []
        assert all(escape(s.article.headline) in html for s in newsroom.sets)
