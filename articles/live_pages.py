"""What readers get of a live blog: its stream on the article page, the
updates its page polls, and its entries' feed.

Freshness without flushing the site. Posting, editing or deleting an entry
moves the live blog's page key (``articles.live_blogs``), so our cache
renders again its page, its updates and the pages showing its card, and
nothing else. A CDN cannot be told in time by every deployment, so while the
coverage is live the live blog's page and its updates may be kept
``LIVE_CACHE_SECONDS`` at most downstream (the CDN's, the browser's:
``newsroom.page_cache.keep_fresh``), and our own entry no longer either. A
reader's page polls every ``POLL_SECONDS`` with ``cache: "no-cache"`` (an
ETag round trip, a 304 when nothing changed): the worst case from a post to a
reader's screen is the CDN's 3 s on a copy we had just rendered, then one
poll, 4 s: 7 s, and with a purge hook set (``newsroom.cdn``) one poll.
A reader without JavaScript reloads and gets a page at most 3 s old. Once
ended, a live blog's page is kept ``ENDED_CACHE_SECONDS`` downstream.

Polling rather than server-sent events: the updates are one small JSON
answer per cursor that every reader at the same point shares, served from
the page cache without a query (and by a CDN without reaching us), so a
spike of readers costs cache reads, and sync gunicorn workers are never held
open.

The cursor counts milliseconds of entries' ``updated_at`` (kept to the
millisecond, and growing in commit order: see ``articles.live_blogs``):
"after" a cursor is every entry changed since, those readers may see
rendered, the others (deleted, unapproved) as ids to remove. Second
resolution lost an entry posted in the same second as the one before it.

Visibility: the live blog is found through ``Article.objects.published()``
(a draft is a 404 here too), its entries through ``LiveEntry.objects.shown()``.
"""

import copy
from datetime import UTC, datetime

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.feeds import BylinedRssFeed
from articles.models import Article, LiveEntry
from newsroom import page_keys
from newsroom.page_cache import keep_fresh
from newsroom.richtext import plain_text
from newsroom.templatetags.bodies import resolve_images

LIVE_CACHE_SECONDS = 3
ENDED_CACHE_SECONDS = 60
POLL_SECONDS = 4
ENTRIES_PER_PAGE = 20
KEY_EVENTS_SHOWN = 12
# More changes than this since a cursor: the page is better reloaded.
MAX_UPDATES = 50
FEED_LENGTH = 30


def cursor_of(moment):
    """A time as the updates' cursor: whole milliseconds since the epoch."""
    return int(moment.timestamp() * 1000) if moment else 0


def moment_of(cursor):
    return datetime.fromtimestamp(cursor / 1000, tz=UTC)


def cursor_from(request):
    """The ``?after=`` cursor a page sent (0 when none), or ``None`` when it
    is no cursor."""
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        return None
    return after if after >= 0 else None


def latest_cursor(article):
    """The cursor a page of ``article``'s stream starts from: its latest
    change. Taken before the page's entries are read, so an entry committed
    in between is sent again (and put in its place), never skipped."""
    latest = LiveEntry.objects.filter(article=article).aggregate(Max("updated_at"))
    return cursor_of(latest["updated_at__max"])


def changed_after(entries, after):
    """The entries of ``entries`` changed after the cursor ``after``, shown
    or not, in posting order, and the cursor that follows them; ``None`` for
    the entries when more than ``MAX_UPDATES`` changed (reload the page).
    The one rule of the cursor, for readers' pages and the desk's alike."""
    changed = list(
        entries.filter(updated_at__gt=moment_of(after)).order_by("posted_at", "id")[
            : MAX_UPDATES + 1
        ]
    )
    if len(changed) > MAX_UPDATES:
        return None, after
    latest = max((entry.updated_at for entry in changed), default=None)
    return changed, max(after, cursor_of(latest))


def live_blog_or_404(category, slug):
    """The public live blog at /<category>/<slug>/, or a 404."""
    article = get_object_or_404(
        Article.objects.published().for_reading().select_related("category"),
        slug=slug,
        is_live_blog=True,
    )
    if article.category is None or article.category.slug != category:
        raise Http404("No live blog at this address.")
    # What the updates and the feed show: an entry posted, edited or deleted
    # moves this key, so the page cache may keep them (an answer that
    # records nothing is rendered for every poll: a query and a render each).
    page_keys.record_articles([article])
    return article


def keep_page_fresh(response, article):
    """The cache lifetime of a live blog's page (the module docstring)."""
    if article.is_live_blog:
        seconds = LIVE_CACHE_SECONDS if article.is_live_now else ENDED_CACHE_SECONDS
        keep_fresh(response, seconds)
    return response


def keep_results_fresh(response, articles):
    """Search results listing a live blog: found by its entries' words, they
    live downstream as briefly as its page."""
    blogs = [article for article in articles if article.is_live_blog]
    if blogs:
        keep_page_fresh(response, min(blogs, key=lambda a: not a.is_live_now))
    return response


def key_event_label(entry):
    return entry.title or Truncator(plain_text(entry.body)).words(12)


def stream(article, page_number=None):
    """What the live blog's page shows of its stream, in a fixed number of
    queries: a page of entries (pinned first, then newest), the key events,
    the cursor the page's updates start from, the entries' library images."""
    cursor = latest_cursor(article)
    shown = LiveEntry.objects.filter(article=article).shown()
    entries = Paginator(shown.for_stream(), ENTRIES_PER_PAGE).get_page(page_number)
    key_events = [
        (entry, key_event_label(entry))
        for entry in shown.filter(is_key_event=True).order_by("-posted_at", "-id")[
            :KEY_EVENTS_SHOWN
        ]
    ]
    url = article.get_absolute_url()
    return {
        "entries": entries,
        "key_events": key_events,
        "cursor": cursor,
        "images": resolve_images(entry.body for entry in entries),
        "updates_url": f"{url}updates/",
        "feed_url": f"{url}feed/",
        "poll_seconds": POLL_SECONDS,
        "is_ended": article.coverage_ended_at is not None,
    }


def render_entry(entry, images):
    return render_to_string(
        "includes/live_entry.html", {"entry": entry, "images": images}
    )


def updates(request, category, slug):
    """The entries changed after ``?after=<cursor>``, as JSON (the module
    docstring)."""
    article = live_blog_or_404(category, slug)
    after = cursor_from(request)
    if after is None:
        return JsonResponse(
            {"error": _("“after” must be a cursor this page gave.")}, status=400
        )
    changed, cursor = changed_after(
        LiveEntry.objects.filter(article=article).prefetch_related(
            "authors", "corrections"
        ),
        after,
    )
    if changed is None:
        return keep_page_fresh(JsonResponse({"reload": True}), article)
    shown = [e for e in changed if e.is_approved and e.deleted_at is None]
    images = resolve_images(entry.body for entry in shown)
    response = JsonResponse(
        {
            "cursor": cursor,
            "entries": [
                {
                    "id": entry.pk,
                    "html": render_entry(entry, images),
                    "pinned": entry.is_pinned,
                    "key_event": entry.is_key_event,
                    "label": key_event_label(entry) if entry.is_key_event else "",
                }
                for entry in shown
            ],
            "removed": [entry.pk for entry in changed if entry not in shown],
            "ended": article.coverage_ended_at is not None,
        }
    )
    if changed:
        response["Last-Modified"] = http_date(cursor / 1000)
    return keep_page_fresh(response, article)


class LiveBlogFeed(Feed):
    """A live blog's entries, newest first, as RSS 2.0 (a feed of its own:
    the site's feeds list articles, and a live blog is one of them)."""

    feed_type = BylinedRssFeed

    def __call__(self, request, *args, **kwargs):
        # One instance per request, as ``articles.feeds.ArticleFeed`` does:
        # the hooks read the request and the live blog it found.
        feed = copy.copy(self)
        feed.request = request
        response = super(LiveBlogFeed, feed).__call__(request, *args, **kwargs)
        return keep_page_fresh(response, feed.article)

    def get_object(self, request, category, slug):
        self.article = live_blog_or_404(category, slug)
        return self.article

    def items(self, article):
        entries = list(
            LiveEntry.objects.filter(article=article)
            .shown()
            .order_by("-posted_at", "-id")
            .prefetch_related("authors", "corrections")[:FEED_LENGTH]
        )
        self.images = resolve_images(entry.body for entry in entries)
        return entries

    def title(self, article):
        return _("%(headline)s: live updates") % {"headline": article.headline}

    def link(self, article):
        return article.get_absolute_url()

    def description(self, article):
        return article.dek or article.summary or article.headline

    def item_title(self, entry):
        # Escaped once more for RSS readers that render titles as HTML (as
        # the site's feeds do).
        return escape(entry.title or key_event_label(entry))

    def item_description(self, entry):
        return render_entry(entry, self.images)

    def item_link(self, entry):
        return f"{self.article.get_absolute_url()}#{entry.anchor}"

    def item_guid(self, entry):
        return self.request.build_absolute_uri(self.item_link(entry))

    item_guid_is_permalink = True

    def item_pubdate(self, entry):
        return entry.posted_at

    def item_updateddate(self, entry):
        return entry.updated_at

    def item_extra_kwargs(self, entry):
        absolute = self.request.build_absolute_uri
        return {
            "bylines": [
                (author.name, author.page_url and absolute(author.page_url))
                for author in entry.authors.all()
            ],
            "image": None,
        }
