"""RSS 2.0 and Atom feeds: the whole site, each category, each author, each tag.

Each feed holds the newest ``FEED_LENGTH`` live articles, starting from
``Article.objects.published()`` like every public surface, in a fixed number
of queries whatever the length. Every byline is carried (``dc:creator`` in
RSS, one ``<author>`` each in Atom), with the category and tags, the hero
image (an enclosure, and a Media RSS element with its alt text) and the times
it went live and was last updated.
"""

import hashlib
import logging
import mimetypes
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from django.contrib.syndication.views import Feed, FeedDoesNotExist
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles import redirects
from articles.models import Article, Category, shown_authors
from articles.structured_data import logo_url, site_description
from articles.update_times import article_modified_at, with_last_correction
from newsroom.models import SiteSettings

logger = logging.getLogger(__name__)

FEED_LENGTH = 20

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
MEDIA_RSS = "http://search.yahoo.com/mrss/"

# Characters XML 1.0 forbids outright: a headline pasted from a word processor
# may carry one, and one is enough to make a whole feed unreadable.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# A stored file's size hardly changes (storages pick a new name rather than
# overwrite), and asking a remote storage costs a round trip per image.
SIZE_CACHE_SECONDS = 24 * 60 * 60


def xml_text(value):
    """``value`` without the characters XML 1.0 cannot carry."""
    return XML_ILLEGAL.sub("", value)


def _xml_safe(value):
    """Strings anywhere inside ``value`` made XML-safe; other values as given."""
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(part) for part in value)
    if isinstance(value, dict):
        return {key: _xml_safe(part) for key, part in value.items()}
    return value


# --- Generators: what Django's RSS and Atom writers leave out ---------------


class XmlSafeFeedMixin:
    """Every string reaching the writer is cleaned in one place, so no field,
    today's or tomorrow's, can break the XML (Django refuses the characters
    in text, and lets them through in attributes)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*_xml_safe(args), **_xml_safe(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*_xml_safe(args), **_xml_safe(kwargs))


def add_media_content(handler, item):
    """A Media RSS element for the hero image: readers that show pictures
    look here, and it carries the alt text an enclosure cannot."""
    image = item.get("image")
    if not image:
        return
    attrs = {"url": image["url"], "medium": "image", "type": image["mime_type"]}
    if image["length"]:
        attrs["fileSize"] = str(image["length"])
    if image["width"] and image["height"]:
        attrs["width"], attrs["height"] = str(image["width"]), str(image["height"])
    handler.startElement("media:content", attrs)
    if image["alt"]:
        handler.addQuickElement("media:description", image["alt"], {"type": "plain"})
    if image["credit"]:
        handler.addQuickElement("media:credit", image["credit"])
    handler.endElement("media:content")


class BylinedRssFeed(XmlSafeFeedMixin, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with one ``dc:creator`` per byline, the update time
    (``atom:updated``; RSS has no element of its own) and Media RSS."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:dc": DUBLIN_CORE,
            "xmlns:media": MEDIA_RSS,
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("logo_url"):
            handler.startElement("image", {})
            handler.addQuickElement("url", self.feed["logo_url"])
            handler.addQuickElement("title", self.feed["title"])
            handler.addQuickElement("link", self.feed["link"])
            handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item["bylines"]:
            handler.addQuickElement("dc:creator", name)
        if item["updateddate"] is not None:
            handler.addQuickElement(
                "atom:updated", feedgenerator.rfc3339_date(item["updateddate"])
            )
        add_media_content(handler, item)


class BylinedAtomFeed(XmlSafeFeedMixin, feedgenerator.Atom1Feed):
    """Atom with one ``<author>`` (name and page) per byline, and Media RSS."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_RSS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("logo_url"):
            handler.addQuickElement("logo", self.feed["logo_url"])

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["bylines"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if url:
                handler.addQuickElement("uri", url)
            handler.endElement("author")
        add_media_content(handler, item)


# --- What a feed holds ------------------------------------------------------


@dataclass
class Entry:
    """One article as a feed item, its addresses already made absolute."""

    article: Article
    url: str
    # (name, absolute URL of the author's page or "" without one), in order
    bylines: list
    image: dict | None = None


@dataclass
class Source:
    """One feed: its channel and its entries."""

    title: str
    link: str
    description: str
    logo_url: str
    entries: list = field(default_factory=list)


def stored_sizes(files):
    """File name -> size in bytes, None for a file the storage cannot find.

    Read from the cache where it can be: a remote storage would answer each
    size with a request of its own.
    """
    keys = {
        f"feeds:size:{hashlib.sha256(f.name.encode()).hexdigest()}": f for f in files
    }
    known = cache.get_many(keys)
    found = {}
    for key, file in keys.items():
        if key in known:
            continue
        try:
            found[key] = file.storage.size(file.name)
        except Exception:
            # Missing, or the storage is unreachable: the item goes out
            # without its image rather than the feed failing.
            logger.warning("No size for %s in storage", file.name, exc_info=True)
    if found:
        cache.set_many(found, SIZE_CACHE_SECONDS)
    known.update(found)
    return {file.name: known.get(key) for key, file in keys.items()}


def hero_image(request, article, sizes):
    file = article.hero_image
    length = sizes.get(file.name) if file else None
    if length is None:
        return None
    return {
        "url": request.build_absolute_uri(file.url),
        "length": length,
        "mime_type": mimetypes.guess_type(file.name)[0] or "application/octet-stream",
        "width": article.hero_width,
        "height": article.hero_height,
        "alt": article.hero_alt,
        "credit": article.hero_credit,
    }


def entries_for(request, articles):
    sizes = stored_sizes([a.hero_image for a in articles if a.hero_image])
    return [
        Entry(
            article=article,
            url=request.build_absolute_uri(article.get_absolute_url()),
            bylines=[
                (
                    author.name,
                    author.page_url and request.build_absolute_uri(author.page_url),
                )
                for author in article.byline_authors
            ],
            image=hero_image(request, article, sizes),
        )
        for article in articles
    ]


# --- The feeds --------------------------------------------------------------


class ArticleFeed(Feed):
    """The newest live articles of one subject (the whole site by default).

    RSS 2.0, or Atom with ``atom=True``. Subclasses choose the subject from
    the URL (``get_subject``), its articles (``filter_articles``) and the
    channel's words (``describe``).
    """

    # An empty feed is a 404 where the subject's page is one too (a tag seen
    # only on unpublished work must not be revealed by its feed).
    requires_articles = False
    # The name of the subject's RSS URL (its Atom one adds "-atom"), and the
    # path of the subject's page for a slug: where a renamed subject's old
    # feed address is looked up (``articles.redirects``). None: no subject.
    url_name = None
    page_path = None

    def __init__(self, *, atom=False):
        self.atom = atom
        self.feed_type = BylinedAtomFeed if atom else BylinedRssFeed

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:
            if self.url_name is None:
                raise
        # A subject renamed since the reader subscribed: a 301 to its feed
        # under the new address, so the subscription follows it.
        return redirects.moved_or_404(
            request, self.page_path(kwargs["slug"]), address=self.address_of
        )

    def address_of(self, subject):
        """The URL of ``subject``'s feed in this format (not ``feed_url``:
        Django's name for the channel's self link)."""
        name = f"{self.url_name}-atom" if self.atom else self.url_name
        return reverse(name, kwargs={"slug": subject.slug})

    def get_subject(self, **kwargs):
        return None

    def filter_articles(self, articles, subject):
        return articles

    def describe(self, subject, site):
        """(title, description) of the channel."""
        return site.name, site_description(site)

    def subject_url(self, subject):
        return reverse("articles:home")

    def get_object(self, request, *args, **kwargs):
        subject = self.get_subject(**kwargs)
        site = SiteSettings.load()
        articles = with_last_correction(
            self.filter_articles(Article.objects.published(), subject)
        )
        articles = list(articles.for_listing().prefetch_related("tags")[:FEED_LENGTH])
        if self.requires_articles and not articles:
            raise FeedDoesNotExist
        title, description = self.describe(subject, site)
        return Source(
            title=title,
            link=self.subject_url(subject),
            description=description,
            logo_url=logo_url(request, site),
            entries=entries_for(request, articles),
        )

    # The channel.

    def title(self, source):
        return source.title

    def link(self, source):
        return source.link

    def description(self, source):
        return source.description

    def subtitle(self, source):
        return source.description

    def feed_extra_kwargs(self, source):
        return {"logo_url": source.logo_url}

    def items(self, source):
        return source.entries

    # Each item.

    def item_title(self, entry):
        # RSS readers commonly render an item title as HTML, so RSS gets it
        # escaped once more, as Django does by default; an Atom title is
        # plain text by definition and goes as written.
        headline = entry.article.headline
        return headline if self.atom else escape(headline)

    def item_description(self, entry):
        article = entry.article
        # HTML in both formats (Atom's summary is type="html"): the dek's
        # text escaped, its paragraphs kept.
        return linebreaks(article.dek or article.summary, autoescape=True)

    def item_link(self, entry):
        return entry.url

    def item_guid(self, entry):
        # Stable across a change of slug or category, so readers do not show
        # a moved article as a new one.
        article = entry.article
        host = urlparse(entry.url).hostname
        first = article.first_published_at or article.published_at
        return f"tag:{host},{first:%Y-%m-%d}:article:{article.pk}"

    def item_guid_is_permalink(self, entry):
        return False

    def item_pubdate(self, entry):
        return entry.article.published_at

    def item_updateddate(self, entry):
        return article_modified_at(entry.article)

    def item_categories(self, entry):
        article = entry.article
        names = [article.category.name] if article.category else []
        names += [tag.name for tag in article.tags.all()]
        return list(dict.fromkeys(names))  # once each, in order

    def item_enclosures(self, entry):
        image = entry.image
        if not image:
            return []
        return [
            feedgenerator.Enclosure(
                url=image["url"],
                length=str(image["length"]),
                mime_type=image["mime_type"],
            )
        ]

    def item_extra_kwargs(self, entry):
        return {"bylines": entry.bylines, "image": entry.image}


class SiteFeed(ArticleFeed):
    pass


class CategoryFeed(ArticleFeed):
    url_name = "articles:category-feed"
    page_path = staticmethod(redirects.category_path)

    def get_subject(self, *, slug):
        return get_object_or_404(Category, slug=slug)

    def filter_articles(self, articles, category):
        return articles.filter(category=category)

    def describe(self, category, site):
        return (
            _("%(category)s | %(site)s")
            % {"category": category.name, "site": site.name},
            category.description
            or _("The latest in %(category)s from %(site)s.")
            % {"category": category.name, "site": site.name},
        )

    def subject_url(self, category):
        return category.get_absolute_url()


class AuthorFeed(ArticleFeed):
    url_name = "authors:feed"
    page_path = staticmethod(redirects.author_path)

    def get_subject(self, *, slug):
        return get_object_or_404(shown_authors(), slug=slug)

    def filter_articles(self, articles, author):
        return articles.filter(bylines__author=author)

    def describe(self, author, site):
        return (
            _("%(author)s | %(site)s") % {"author": author.name, "site": site.name},
            _("The latest articles by %(author)s for %(site)s.")
            % {"author": author.name, "site": site.name},
        )

    def subject_url(self, author):
        return author.get_absolute_url()


class TagFeed(ArticleFeed):
    requires_articles = True
    url_name = "articles:tag-feed"
    page_path = staticmethod(redirects.tag_path)

    def get_subject(self, *, slug):
        return get_object_or_404(Tag, slug=slug)

    def filter_articles(self, articles, tag):
        return articles.tagged(tag)

    def describe(self, tag, site):
        return (
            _("Articles tagged “%(tag)s” | %(site)s")
            % {"tag": tag.name, "site": site.name},
            _("The latest articles tagged “%(tag)s” from %(site)s.")
            % {"tag": tag.name, "site": site.name},
        )

    def subject_url(self, tag):
        return redirects.page_url(tag)
