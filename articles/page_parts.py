"""What the article page shows of an article besides its own row: its bylines
with their authors, its sections, key points, FAQs, corrections and tags,
loaded for the reader's page and the desk's previews of it.

They are handed to the article as its prefetched relations
(``as_prefetched``), so the template and its tags read
``article.sections.all()`` and the rest as they would after
``prefetch_related``; the live preview (``articles.live_preview``) hands
over the form's rows the same way.

Why not ``prefetch_related``: on an uncached article page, loading the
article with its six prefetches took more CPU than rendering it
(bench/profile.py), nearly all of it in Python: each prefetch builds and
clones querysets and filters, and Django writes each query's SQL anew on
every request, while SQLite spends a few hundredths of a millisecond
running it. Measured on one demo article (CPU, median of 300, SQLite):
6.0 ms for the article with its prefetches, 1.1 ms of it the article's
own row. So:

- The parts each have a query compiled once per process and database
  (``newsroom.prepared``), from the same relation and ``Meta.ordering`` a
  prefetch would use; each page then runs its SQL with the article's id and
  makes the model instances from the rows, their values converted as the
  ORM does. A part's query costs about 0.1 ms this way (the five 0.5 ms of
  CPU, median, where ``raw()`` running the same SQL took 1.1 ms), against
  0.41 ms written anew and more through a prefetch.
- The bylines, whose authors and portraits come by joins (three models'
  instances from each row), are one plain query (``select_related``)
  without the prefetch around it, for the article and its Keep Reading cards (light
  rows, ``articles.card_rows``) at once: 0.7 ms less than the two they were
  (the cards' authors come whole, and a card shows the same of them).
"""

from taggit.models import Tag

from articles.models import Article, Byline
from newsroom.prepared import PreparedQuery, whole_rows

# The article's relations loaded by a query compiled once.
PARTS = ("sections", "key_points", "faqs", "corrections")


def attach_page_parts(article, *, cards=()):
    """Loads onto ``article`` (a saved one) the parts the article page shows,
    as its prefetched relations, and onto ``cards`` (the page's other
    stories, its Keep Reading: ``Card``s whose bylines are not read yet,
    ``articles.card_rows.without_bylines``) their ``byline_authors``: six
    queries in all, however much they hold. Returns ``article``."""
    bylines = {story.pk: [] for story in [article, *cards]}
    for byline in Byline.objects.filter(article__in=list(bylines)).select_related(
        "author__avatar"
    ):
        bylines[byline.article_id].append(byline)
    cache = prefetched(article)
    cache["bylines"] = as_prefetched(
        Byline, belonging(bylines[article.pk], "bylines", article)
    )
    for card in cards:
        card.byline_authors = [byline.author for byline in bylines[card.pk]]
    for name in PARTS:
        rows = belonging(QUERIES[name].instances([article.pk]), name, article)
        cache[name] = as_prefetched(Article._meta.get_field(name).related_model, rows)
    cache["tags"] = as_prefetched(Tag, QUERIES["tags"].instances([article.pk]))
    return article


def prefetched(article):
    """The prefetched relations of ``article``, which this may add to."""
    return vars(article).setdefault("_prefetched_objects_cache", {})


def belonging(rows, name, article):
    """``rows`` of the relation ``name``, each knowing ``article`` without a
    query, as after a prefetch."""
    rows = list(rows)
    field = Article._meta.get_field(name).field
    for row in rows:
        field.set_cached_value(row, article)
    return rows


def part_of(name):
    """The query of the part ``name`` of the article ``keys[0]``: every
    column of the related rows, in the relation's ``Meta.ordering``."""
    relation = Article._meta.get_field(name)

    def build(keys):
        rows = relation.related_model._default_manager.filter(
            **{relation.field.name: keys[0]}
        )
        return whole_rows(rows)

    return PreparedQuery(relation.related_model, build)


def tags_of(keys):
    """The query of the article ``keys[0]``'s tags. Ordered by the tag, as
    the prefetch's query came back from SQLite (its unique index on the
    tagged items); it had no order of its own. The content type by name, as
    the prefetch had it: an id kept in the SQL would outlive a test
    database's."""
    items = Article.tags.through.tag.field.related_query_name()
    tags = Tag.objects.filter(
        **{
            f"{items}__content_type__app_label": Article._meta.app_label,
            f"{items}__content_type__model": Article._meta.model_name,
            f"{items}__object_id": keys[0],
        }
    ).order_by("pk")
    return whole_rows(tags)


QUERIES = {name: part_of(name) for name in PARTS} | {
    "tags": PreparedQuery(Tag, tags_of)
}


def as_prefetched(model, rows):
    """``rows`` (unsaved or not) as a prefetched queryset: what the related
    manager's ``all()`` returns, read without a query."""
    queryset = model._default_manager.none()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    return queryset
