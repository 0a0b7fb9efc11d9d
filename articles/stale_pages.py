"""Which readers' pages a write made stale: its page keys (``newsroom.page_keys``).

``articles.services`` gathers what a write touched (``Changes``) and, at its
end, asks ``keys_changed`` which keys to move on. The rules, for an article
that is published (or scheduled) before or after the write; a draft's
changes concern no reader:

- any change (the article, a part, a byline, a tag): ``article-<id>``, which
  every page showing it (its page, each card of it) recorded; ``search`` (its
  words may now match another query) and ``sitemaps`` (its last change);
- a change of what decides the lists it is in (going live, unpublishing,
  deletion, its time, category or featured flag): ``list-home``, ``feeds``,
  the old and new category's list, and its tags' and authors' lists;
- a tag or a byline added or taken away: that tag's or author's list and
  ``feeds``;
- any change of its lists, or of its headline or address: ``headlines`` (the
  strip of newest headlines in every header, and the column beside every
  list), unless the story is older than the strip's last one
  (``may_be_in_the_strip``). No page records that key: the page cache puts
  the strip in as it serves each page (``newsroom.page_slots``), so a new
  story or an edited headline re-renders the strip and the pages that show
  the story, not every page.

Whatever else readers see (a category, an author, a tag, the site's settings
and pages, an image's texts) changes ``site``, which every page carries.

A scheduled article goes live at its time with nobody saving: the first
request after it moves what publishing it then would have moved
(``keys_going_live``, called by ``newsroom.generations``), nothing more.
Moving its time is a change of its lists.
"""

from django.contrib.contenttypes.models import ContentType
from taggit.models import TaggedItem

from articles.headlines import HEADLINES_IN_STRIP
from articles.models import Article, Byline
from newsroom import page_keys

PUBLISHED = Article.Status.PUBLISHED
# What lists show of an article, as read before and after a write: the first
# four decide which lists hold it, the others only what the strip shows.
LISTED = ("status", "published_at", "category_id", "is_featured", "headline", "slug")
DECIDES_LISTS = 4
# A save naming none of these (``update_fields``) changes no list.
LISTED_FIELDS = {*LISTED, "category"}
EVERY_LIST = (page_keys.HOME, page_keys.FEEDS)


def keys_changed(changes):
    """The page keys the write gathered in ``changes`` made stale."""
    keys = {page_keys.SITE} if changes.site_changed else set()
    touched = set(changes.touched) | set(changes.lists)
    if not touched:
        return keys
    now = listed(Article.objects.filter(pk__in=touched))
    relisted, restripped = set(), []
    for pk in touched:
        before, after = changes.listed_before.get(pk), now.get(pk)
        if not concerns_readers(pk, changes, after):
            continue
        keys |= shown_keys(pk)
        if changes.lists.get(pk):
            keys |= {*changes.lists[pk], page_keys.FEEDS}
        if (
            after is None
            or pk in changes.created
            or (before is not None and before[:DECIDES_LISTS] != after[:DECIDES_LISTS])
        ):
            relisted.add(pk)
            keys |= relisted_keys([before, after])
            restripped.extend([before, after])
        elif before is not None and before[DECIDES_LISTS:] != after[DECIDES_LISTS:]:
            restripped.extend([before, after])
    if relisted:
        keys |= lists_of(relisted)
    if restripped and may_be_in_the_strip(restripped):
        keys.add(page_keys.HEADLINES)
    return keys


def keys_going_live(since, now):
    """The page keys the scheduled articles going live from ``since`` to
    ``now`` (both included) make stale: what ``keys_changed`` moves for an
    article published at once, each one joining its lists (and the strip, if
    it is new enough to be in it). None for a time with no article left (it
    was moved or pulled since)."""
    went_live = listed(
        Article.objects.filter(
            status=PUBLISHED, published_at__gte=since, published_at__lte=now
        )
    )
    if not went_live:
        return set()
    keys = lists_of(list(went_live))
    for pk, row in went_live.items():
        keys |= shown_keys(pk) | relisted_keys([row])
    if may_be_in_the_strip(list(went_live.values())):
        keys.add(page_keys.HEADLINES)
    return keys


def listed(articles):
    """What lists show of each of ``articles`` (``LISTED``), by pk: one query."""
    return {pk: tuple(row) for pk, *row in articles.values_list("pk", *LISTED)}


def shown_keys(pk):
    """What any change to a published article makes stale."""
    return {page_keys.article(pk), page_keys.SEARCH, page_keys.SITEMAPS}


def relisted_keys(rows):
    """What a change of the lists holding an article makes stale, beside its
    tags' and authors' lists (``lists_of``): ``rows`` is the article as listed
    before and after the change (None where it was not)."""
    return {*EVERY_LIST, *(page_keys.category_list(r[2]) for r in rows if r and r[2])}


def may_be_in_the_strip(rows):
    """Could any of ``rows`` (an article as listed before or after the write)
    be in the header's strip of newest headlines, then or now? Only a story
    at least as new as the strip's last one now can have been: the others
    were older than all of those already (any that this write put there is
    in ``rows`` itself). So correcting or taking down an old story leaves
    every other page in the cache. One query; a row not known (made or
    deleted in this write) counts as in it."""
    if any(row is None or row[1] is None for row in rows):
        return True
    last = (
        Article.objects.published()
        .order_by("-published_at", "-id")
        .values_list("published_at", flat=True)[HEADLINES_IN_STRIP - 1 :]
        .first()
    )
    return last is None or any(row[1] >= last for row in rows)


def concerns_readers(pk, changes, after):
    """Was or is the article published (live or scheduled)? One deleted in
    this write whose status was never read counts as live."""
    statuses = {changes.before.get(pk), changes.touched.get(pk)}
    if after is not None:
        statuses.add(after[0])
    elif changes.touched.get(pk) is None:
        return True
    return PUBLISHED in statuses


def lists_of(pks):
    """The tag and author lists holding the articles ``pks`` now (two queries)."""
    authors = Byline.objects.filter(article__in=pks).values_list("author_id", flat=True)
    tags = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id__in=pks
    ).values_list("tag_id", flat=True)
    return {
        *(page_keys.author_list(pk) for pk in set(authors)),
        *(page_keys.tag_list(pk) for pk in set(tags)),
    }


def byline_lists(byline):
    return (page_keys.author_list(byline.author_id),)


def tagging_lists(tagged_item):
    return (page_keys.tag_list(tagged_item.tag_id),)
