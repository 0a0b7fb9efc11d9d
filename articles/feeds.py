"""RSS 2.0 and Atom feeds: the whole site, each category, each author, each tag.

Each feed holds the newest ``FEED_LENGTH`` live articles, starting from
``Article.objects.published()`` like every public surface, in a fixed number
of queries whatever the length. Every byline is carried (``dc:creator`` in
RSS, one ``<author>`` each in Atom), with the category and tags, the hero
image (an enclosure, and a Media RSS element with its alt text) and the times
it went live and was last updated.

Written on Django's syndication hooks: ``get_object`` finds the subject (a
404 without one; an old address of a renamed subject is answered by
``articles.redirects``), ``items`` its articles, and each ``item_*`` hook
reads one article. What Django's RSS and Atom writers leave out reaches the
writers below (the ``feed_type``) through ``feed_extra_kwargs`` and
``item_extra_kwargs``.
"""

import copy
import hashlib
import logging
import mimetypes
import re
from functools import cached_property
from urllib.parse import urlparse

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from articles.models import Article, Category, shown_authors, shown_tags
from articles.structured_data import logo_url, site_description
from articles.update_times import article_modified_at, with_last_correction
from newsroom import page_keys
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


# --- Hero images' sizes ----------------------------------------------------


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


# --- The feeds --------------------------------------------------------------


class ArticleFeed(Feed):
    """The newest live articles of the whole site; the feeds below narrow
    them to one subject (``get_object``, ``filter_articles``) and name their
    channel after it. RSS 2.0, or Atom with ``atom=True``."""

    item_guid_is_permalink = False

    def __init__(self, *, atom=False):
        self.atom = atom
        self.feed_type = BylinedAtomFeed if atom else BylinedRssFeed

    def __call__(self, request, *args, **kwargs):
        # urls.py makes one instance for every request. As a class-based view
        # does, each request is answered by an instance of its own, whose
        # hooks read the request (absolute addresses) and what it loaded.
        feed = copy.copy(self)
        feed.request = request
        return super(ArticleFeed, feed).__call__(request, *args, **kwargs)

    @cached_property
    def site(self):
        return SiteSettings.load()

    def filter_articles(self, articles, subject):
        return articles

    def items(self, subject):
        articles = with_last_correction(
            self.filter_articles(Article.objects.published(), subject)
        )
        articles = list(articles.for_listing().prefetch_related("tags")[:FEED_LENGTH])
        page_keys.record(page_keys.FEEDS)
        page_keys.record_articles(articles)
        self.image_sizes = stored_sizes(
            [a.hero_image.file for a in articles if a.hero_image]
        )
        return articles

    # The channel.

    def title(self, subject):
        return self.site.name

    def description(self, subject):
        return site_description(self.site)

    def subtitle(self, subject):
        return self.description(subject)  # Atom's word for it

    def link(self, subject):
        return reverse("articles:home")

    def feed_extra_kwargs(self, subject):
        return {"logo_url": logo_url(self.request, self.site)}

    # Each item (its link: Django's default, the article's address).

    def item_title(self, article):
        # RSS readers commonly render an item title as HTML, so RSS gets it
        # escaped once more, as Django does by default; an Atom title is
        # plain text by definition and goes as written.
        return article.headline if self.atom else escape(article.headline)

    def item_description(self, article):
        # HTML in both formats (Atom's summary is type="html"): the dek's
        # text escaped, its paragraphs kept.
        return linebreaks(article.dek or article.summary, autoescape=True)

    def item_guid(self, article):
        # Stable across a change of slug or category, so readers do not show
        # a moved article as a new one.
        host = urlparse(self.request.build_absolute_uri("/")).hostname
        first = article.first_published_at or article.published_at
        return f"tag:{host},{first:%Y-%m-%d}:article:{article.pk}"

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article_modified_at(article)

    def item_categories(self, article):
        names = [article.category.name] if article.category else []
        names += [tag.name for tag in article.tags.all()]
        return list(dict.fromkeys(names))  # once each, in order

    def item_enclosures(self, article):
        image = self.hero_image(article)
        if image is None:
            return []
        return [
            feedgenerator.Enclosure(
                url=image["url"],
                length=str(image["length"]),
                mime_type=image["mime_type"],
            )
        ]

    def item_extra_kwargs(self, article):
        """For the writers: (name, absolute URL of their page or "") of each
        byline in order, and the hero image's Media RSS."""
        absolute = self.request.build_absolute_uri
        return {
            "bylines": [
                (author.name, author.page_url and absolute(author.page_url))
                for author in article.byline_authors
            ],
            "image": self.hero_image(article),
        }

    def hero_image(self, article):
        """The hero image as an item carries it, or None: none, or not found
        in storage (the item goes out without one rather than the feed
        failing)."""
        file = article.hero_image.file if article.hero_image else None
        length = self.image_sizes.get(file.name) if file else None
        if length is None:
            return None
        return {
            "url": self.request.build_absolute_uri(file.url),
            "length": length,
            "mime_type": mimetypes.guess_type(file.name)[0]
            or "application/octet-stream",
            "width": article.hero_image.width,
            "height": article.hero_image.height,
            "alt": article.hero_alt_text,
            "credit": article.hero_credit_text,
        }


class SiteFeed(ArticleFeed):
    pass


class CategoryFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def filter_articles(self, articles, category):
        return articles.filter(category=category)

    def title(self, category):
        return _("%(category)s | %(site)s") % {
            "category": category.name,
            "site": self.site.name,
        }

    def description(self, category):
        return category.description or _(
            "The latest in %(category)s from %(site)s."
        ) % {"category": category.name, "site": self.site.name}

    def link(self, category):
        return category.get_absolute_url()


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(shown_authors(), slug=slug)

    def filter_articles(self, articles, author):
        return articles.filter(bylines__author=author)

    def title(self, author):
        return _("%(author)s | %(site)s") % {
            "author": author.name,
            "site": self.site.name,
        }

    def description(self, author):
        return _("The latest articles by %(author)s for %(site)s.") % {
            "author": author.name,
            "site": self.site.name,
        }

    def link(self, author):
        return author.get_absolute_url()


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        # A tag seen only on unpublished work has no feed, as it has no page.
        return get_object_or_404(shown_tags(), slug=slug)

    def filter_articles(self, articles, tag):
        return articles.tagged(tag)

    def title(self, tag):
        return _("Articles tagged “%(tag)s” | %(site)s") % {
            "tag": tag.name,
            "site": self.site.name,
        }

    def description(self, tag):
        return _("The latest articles tagged “%(tag)s” from %(site)s.") % {
            "tag": tag.name,
            "site": self.site.name,
        }

    def link(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})
