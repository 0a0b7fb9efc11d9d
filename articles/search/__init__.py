"""Search over live articles: ``/search/?q=``.

One interface, two backends, chosen by the database in use:

- PostgreSQL, in production: its full-text search on a weighted, GIN-indexed
  ``tsvector`` (``articles.search.postgres``).
- SQLite: its FTS5 index, ranked by bm25 with the same weights
  (``articles.search.sqlite``). An SQLite without FTS5 is not supported.

What an article is found by is defined once, for both
(``articles.search.documents``); so is what a result shows of its match
(``articles.search.snippets``). Both find body words, rank headline over
dek over the rest, and take any input without a syntax error.

Only the newest ``NEWSROOM_SEARCH_CANDIDATES`` matches (500) are ranked
and listed. Ranking scores every match, and a common word is found in tens
of thousands of articles of a ten-year archive: hundreds of milliseconds a
search at 100,000 articles, spent on results nobody pages to. A reader of
news wants the recent ones first among equals anyway, and more words reach
further back.

Every search starts from ``Article.objects.published()``: the index holds
drafts too (it is status-blind, so publishing needs no re-indexing), and the
published filter decides, when the search runs, what a reader may find. So
an index that lags behind the articles can never show a draft.

Every write of an article, its parts or its tags queues one re-index of the
articles it touched, at its end (``articles.services`` calls
``queue_reindex``), whichever code path made it; a task worker does it
(``reindex_articles``), reading the articles as they are then. Until it has,
a search finds an edited article by its words before the edit (and, on
SQLite, shows its snippet from them).
``QuerySet.update()`` and bulk writes report nothing: code that uses them
calls ``update_search_documents()`` itself (the demo loader does), and
``manage.py rebuild_search_index`` rebuilds everything (after ``loaddata``,
the first deploy of search, or a change of ``NEWSROOM_SEARCH_CONFIG``).
"""

import re
from functools import partial

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router, transaction
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db.backend import DatabaseBackend

from articles.models import Article, ArticleSearchEntry
from articles.search.documents import INDEXED_FIELDS, tagged_article_pks
from articles.search.postgres import PostgresBackend
from articles.search.results import RankedArticles, candidates
from articles.search.snippets import (
    MARK_START,
    MARK_STOP,
    SNIPPET_SOURCE_CHARS,
    marked_html,
)
from articles.search.sqlite import SqliteBackend, fts5_available
from newsroom.text import nfc

__all__ = [
    "INDEXED_FIELDS",
    "MAX_QUERY_LENGTH",
    "SNIPPET_SOURCE_CHARS",
    "ArticleSearchEntry",  # the SQLite index's rows, for tests and tools
    "PostgresBackend",
    "RankedArticles",
    "SqliteBackend",
    "candidates",
    "clean_query",
    "fts5_available",
    "get_backend",
    "marked_html",
    "queue_reindex",
    "rebuild_search_index",
    "reindex_articles",
    "search",
    "tagged_article_pks",
    "update_search_document",
    "update_search_documents",
    "with_snippets",
]

# Longer queries are cut: nobody types more, and it bounds the work a query
# (or a bot) can ask of the database.
MAX_QUERY_LENGTH = 200
# Articles indexed per statement when many are (a rebuild, a renamed tag).
CHUNK = 500

_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f{MARK_START}{MARK_STOP}]")


def clean_query(text):
    """The reader's query as searched and shown back: in NFC, as everything
    stored is (``newsroom.text``: "Café" typed with a combining accent finds
    the stored "Café"), control characters (PostgreSQL refuses NUL) turned
    to spaces, spaces collapsed, at most ``MAX_QUERY_LENGTH`` characters."""
    query = " ".join(_CONTROL.sub(" ", nfc(text or "")).split())
    if len(query) > MAX_QUERY_LENGTH:
        # Cut between words where there is one: half a word finds nothing.
        cut = query[: MAX_QUERY_LENGTH + 1]
        query = cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_QUERY_LENGTH]
    return query


def search(query):
    """The live articles that match ``query``, best first, among the newest
    ``candidates()`` matches: a ``RankedArticles`` of their cards, empty for
    an empty query."""
    backend = get_backend()
    return RankedArticles(lambda: backend.ranked_pks(query) if query else [])


def with_snippets(articles, query):
    """``articles`` as a list, each with ``search_snippet``: a short passage
    around its match, safe HTML with the matched words in <mark> (empty when
    there is none). One query for the whole list."""
    articles = list(articles)
    if articles:
        found = get_backend().snippets(articles, query)
        for article in articles:
            # Tags and paragraph breaks leave runs of spaces: one will do.
            text = " ".join((found.get(article.pk) or "").split())
            article.search_snippet = marked_html(text)
    return articles


def get_backend():
    connection = connections[router.db_for_write(Article)]
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend(connection.alias)
    raise ImproperlyConfigured(
        f"Search runs on PostgreSQL or SQLite, not {connection.display_name}."
    )


# --- Keeping the index fresh ----------------------------------------------------


def update_search_document(article):
    """Re-index one article (an ``Article`` or its pk) from what the database
    holds now; a deleted article leaves the index."""
    update_search_documents([getattr(article, "pk", article)])


def update_search_documents(pks):
    backend = get_backend()
    pks = list(pks)
    for start in range(0, len(pks), CHUNK):
        backend.index(pks[start : start + CHUNK])


def rebuild_search_index():
    """Index every article afresh; returns how many there are."""
    backend = get_backend()
    backend.clear()
    pks = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    update_search_documents(pks)
    return len(pks)


@task()
def reindex_articles(pks):
    """Re-index the articles ``pks`` as the database holds them when the
    task runs, not as they were when it was queued: of two queued re-indexes
    of one article, the one that runs last writes its latest words."""
    update_search_documents(pks)


# Queues that commit with the write (the database backend's table, in the
# site's own database) or run the task inside it (the immediate backend) are
# given the task at once: it is never lost to a crash between the commit and
# the enqueue, and with the immediate backend the next request finds the
# edit, as before tasks. Any other queue (RQ's Redis) is given it once the
# write has committed: a worker could otherwise read the rows before it.
_QUEUES_IN_THE_WRITE = (DatabaseBackend, ImmediateBackend)


def queue_reindex(pks):
    """Queue one re-index of the articles ``pks``, for the end of a write."""
    enqueue = partial(reindex_articles.enqueue, sorted(pks))
    if isinstance(reindex_articles.get_backend(), _QUEUES_IN_THE_WRITE):
        enqueue()
    else:
        # A queue that is down costs the index this write (logged), never the
        # write itself, which has committed.
        transaction.on_commit(enqueue, using=router.db_for_write(Article), robust=True)
