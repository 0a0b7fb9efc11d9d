"""Search on PostgreSQL, the production database: its own full-text search.

``Article.search_vector`` is a stored, GIN-indexed ``tsvector``, weighted
headline (A) over dek (B) over the rest (C, D), stemmed in the language
``NEWSROOM_SEARCH_CONFIG`` names. The newest matches are looked for among
recent articles first (``articles.search.newest``). Queries are read by
``websearch_to_tsquery``, so quotes, ``or`` and ``-word`` work and no input
is a syntax error; ranked by ``ts_rank``; snippets by ``ts_headline``, cut
from the article's rows as they are now (never from the index).
"""

import html
import operator
from functools import reduce

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Coalesce, Concat, Left
from django.utils import timezone

from articles.models import Article
from articles.search.documents import WEIGHTS, document, escaped_sql, html_text_sql
from articles.search.newest import newest_matches
from articles.search.results import candidates
from articles.search.snippets import (
    MARK_START,
    MARK_STOP,
    SNIPPET_ELLIPSIS,
    SNIPPET_SOURCE_CHARS,
)
from newsroom.prepared import PreparedQuery


def search_config():
    """The text search configuration (language) PostgreSQL stems words with."""
    return settings.NEWSROOM_SEARCH_CONFIG


def reader_text(text):
    """The reader's words as the query is given them: the parser reads
    "<word>" as an XML tag and drops it, and a reader searching for
    "<script>" means the word (see _vector_text)."""
    return text.replace("<", " ").replace(">", " ")


def search_query(text):
    return SearchQuery(text, search_type="websearch", config=search_config())


class PostgresBackend:
    def ranked_pks(self, text):
        """The pks of the live articles matching ``text``, best first,
        among the newest ``candidates()`` matches."""
        rows = RANKED.rows(now=timezone.now(), text=reader_text(text))
        return [pk for (pk,) in rows]

    def snippets(self, articles, text):
        rows = SNIPPETS.rows(
            [article.pk for article in articles], text=reader_text(text)
        )
        return {pk: html.unescape(snippet) for pk, snippet in rows}

    def snippet_source(self):
        """What ``ts_headline`` cuts a snippet from, as an SQL expression:
        the opening ``SNIPPET_SOURCE_CHARS`` characters of the dek, then of
        the body, then of the notes (``SNIPPET_SOURCE_CHARS`` in all), as
        HTML."""
        items = document("postgresql")
        # The headline is on the card already: passages come from the rest,
        # the dek first, so a headline-only match shows the start of the dek.
        order = ["dek", "body", "notes"]
        # As HTML: ts_headline turns tags into spaces but keeps entities, so
        # text a writer typed ("<script>", "&") survives as entities, and
        # comes back as characters in snippets(), escaped like all the rest.
        texts = [
            expression if is_html else escaped_sql(expression)
            for column in order
            for name, expression, is_html in items
            if name == column
        ]
        pieces = []
        for piece in texts:
            # Each part cut before it is joined: the joining itself then
            # copies no more than that, however long an article is.
            piece = Left(Coalesce(piece, Value("")), SNIPPET_SOURCE_CHARS)
            pieces += [piece, Value(" ")]
        source = Concat(*pieces, output_field=TextField())
        return Left(source, SNIPPET_SOURCE_CHARS)

    def index(self, pks):
        Article.objects.filter(pk__in=pks).update(search_vector=self._vector())

    def clear(self):
        pass  # every row is rewritten; a deleted article's vector went with it

    def _vector(self):
        by_column = {}
        for column, expression, is_html in document("postgresql"):
            text = html_text_sql(expression) if is_html else expression
            by_column.setdefault(column, []).append(_vector_text(text))
        return reduce(
            operator.add,
            (
                SearchVector(*texts, config=search_config(), weight=WEIGHTS[column])
                for column, texts in by_column.items()
            ),
        )


def _vector_text(expression):
    # Angle brackets left in the text are the writer's own (real tags are
    # gone): without them "<script>" is the word "script", not a tag the
    # parser would drop. FTS5 splits on them anyway.
    return Func(
        expression,
        Value("<>"),
        Value("  "),
        function="TRANSLATE",
        output_field=TextField(),
    )


def ranked_matches(keys, now, text):
    """The query of ``PostgresBackend.ranked_pks``: the newest matches,
    looked for among recent articles first (``articles.search.newest``),
    then ranked. Finding them is the bulk of a search's time, so it is done
    once a search: the ranked pks serve both the count and the page."""
    query = search_query(text)
    live = Article.objects.published(now)
    newest = newest_matches(live, live.filter(search_vector=query), candidates())
    return (
        live.filter(pk__in=newest)
        .annotate(search_rank=SearchRank(F("search_vector"), query))
        .order_by("-search_rank", "-published_at", "-id")
        .values_list("pk")
    )


def snippets_of(keys, text):
    """The query of ``PostgresBackend.snippets``: ``ts_headline`` over
    ``snippet_source()``, for the articles ``keys``."""
    headline = SearchHeadline(
        PostgresBackend().snippet_source(),
        search_query(text),
        config=search_config(),
        start_sel=MARK_START,
        stop_sel=MARK_STOP,
        # Two short passages, about as long as SQLite's one: a line or two.
        max_words=16,
        min_words=8,
        max_fragments=2,
        fragment_delimiter=f" {SNIPPET_ELLIPSIS} ",
    )
    return (
        Article.objects.filter(pk__in=keys)
        .order_by()
        .annotate(snippet=headline)
        .values_list("pk", "snippet")
    )


# Compiled once per process (newsroom.prepared): the snippets' expression,
# every part of the document, took longer to build than to run.
RANKED = PreparedQuery(Article, ranked_matches, uses_moment=True, uses_text=True)
SNIPPETS = PreparedQuery(Article, snippets_of, uses_text=True)
