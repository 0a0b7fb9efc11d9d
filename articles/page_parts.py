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

- The parts each have a query the ORM writes once per process and database
  (``written``), from the same relation and ``Meta.ordering`` a prefetch
  would use, with a stand-in for the article's id; each page then runs it
  with the real id through ``raw()``, which converts the values as the ORM
  does. A part's query costs 0.13 ms this way, against 0.41 ms written
  anew and more through a prefetch.
- The bylines, whose authors and portraits come by joins that ``raw()``
  cannot unpack, are one plain query (``select_related``) without the
  prefetch around it, for the article and its Keep Reading cards at once:
  0.7 ms less than the two they were (the cards' authors come whole, and
  a card shows the same of them).
"""

import functools

from taggit.models import Tag

from articles.models import Article, Byline

# The article's relations loaded by a query the ORM writes once.
PARTS = ("sections", "key_points", "faqs", "corrections")
# Stands for the article's id while the ORM writes a part's query; no row
# has it, and the query's other parameters are constants.
ANY_ARTICLE = -(2**31) + 7


def attach_page_parts(article, *, cards=()):
    """Loads onto ``article`` (a saved one) the parts the article page shows,
    as its prefetched relations, and onto ``cards`` (the page's other
    stories, its Keep Reading) their bylines: six queries in all, however
    much they hold. Returns ``article``."""
    articles = [article, *cards]
    bylines = {story.pk: [] for story in articles}
    for byline in Byline.objects.filter(article__in=articles).select_related(
        "author__avatar"
    ):
        bylines[byline.article_id].append(byline)
    for story in articles:
        prefetched(story)["bylines"] = as_prefetched(
            Byline, belonging(bylines[story.pk], "bylines", story)
        )
    cache = prefetched(article)
    for name in PARTS:
        rows = belonging(run(name, article), name, article)
        cache[name] = as_prefetched(Article._meta.get_field(name).related_model, rows)
    cache["tags"] = as_prefetched(Tag, run("tags", article))
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


def run(name, article):
    """The rows of the part ``name`` of ``article``, by its written query."""
    model, sql, params = written(name, article._state.db)
    params = [article.pk if value == ANY_ARTICLE else value for value in params]
    return model._default_manager.raw(sql, params, using=article._state.db)


@functools.cache
def written(name, using):
    """The model, SQL and parameters of the part ``name``'s query on the
    database ``using``, ``ANY_ARTICLE`` standing for the article's id."""
    if name == "tags":
        # Ordered by the tag, as the prefetch's query came back from SQLite
        # (its unique index on the tagged items); it had no order of its own.
        # The content type by name, as the prefetch had it: an id kept here
        # would outlive a test database's.
        items = Article.tags.through.tag.field.related_query_name()
        queryset = Tag.objects.filter(
            **{
                f"{items}__content_type__app_label": Article._meta.app_label,
                f"{items}__content_type__model": Article._meta.model_name,
                f"{items}__object_id": ANY_ARTICLE,
            }
        ).order_by("pk")
    else:
        relation = Article._meta.get_field(name)
        queryset = relation.related_model._default_manager.filter(
            **{relation.field.name: ANY_ARTICLE}
        )
    sql, params = queryset.query.get_compiler(using).as_sql()
    if list(params).count(ANY_ARTICLE) != 1:
        raise ValueError(f"The query of {name} does not name the article once.")
    return queryset.model, sql, tuple(params)


def as_prefetched(model, rows):
    """``rows`` (unsaved or not) as a prefetched queryset: what the related
    manager's ``all()`` returns, read without a query."""
    queryset = model._default_manager.none()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    return queryset
