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
  strip in every header), unless the story is older than the strip's last
  one (``may_be_in_the_strip``). Publishing a story makes every page with a
  header stale; correcting or taking down an old one does not.

Whatever else readers see (a category, an author, a tag, the site's settings
and pages, an image's texts) changes ``site``, which every page carries.
A scheduled article's going live needs no key: the generation moves at its
time (``newsroom.generations``); moving its time is a change of its lists, so
cached lists are re-rendered and filed no longer than the new time.
"""

from django.contrib.contenttypes.models import ContentType
from taggit.models import TaggedItem

from articles.context_processors import HEADLINES_IN_STRIP
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
    now = {
        pk: tuple(row)
        for pk, *row in Article.objects.filter(pk__in=touched).values_list(
            "pk", *LISTED
        )
    }
    relisted, restripped = set(), []
    for pk in touched:
        before, after = changes.listed_before.get(pk), now.get(pk)
        if not concerns_readers(pk, changes, after):
            continue
        keys |= {page_keys.article(pk), page_keys.SEARCH, page_keys.SITEMAPS}
        if changes.lists.get(pk):
            keys |= {*changes.lists[pk], page_keys.FEEDS}
        if (
            after is None
            or pk in changes.created
            or (before is not None and before[:DECIDES_LISTS] != after[:DECIDES_LISTS])
        ):
            relisted.add(pk)
            keys.update(EVERY_LIST)
            keys |= {
                page_keys.category_list(r[2]) for r in (before, after) if r and r[2]
            }
            restripped.extend([before, after])
        elif before is not None and before[DECIDES_LISTS:] != after[DECIDES_LISTS:]:
            restripped.extend([before, after])
    if relisted:
        keys |= lists_of(relisted)
    if restripped and may_be_in_the_strip(restripped):
        keys.add(page_keys.HEADLINES)
    return keys


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
