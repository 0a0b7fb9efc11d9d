"""Search on SQLite, the laptop's and the small newsroom's database: its FTS5
full-text index.

The virtual table ``articles_article_fts`` (``ArticleSearchEntry``, made by
migration 0009) holds one row per article, its rowid the article's id, one
column per weight of PostgreSQL's vector, ranked by bm25 with the same
weights; words are stemmed (porter) and accents folded. Reading this index
first, rather than the article table, is what keeps a search at 100,000
articles in milliseconds (docs/performance.md).

The reader's words become quoted FTS5 strings joined by FTS5's own ``OR``
and ``NOT`` (``fts5_query``): nothing a reader types is FTS5 syntax, so no
input is a syntax error, and a query means what PostgreSQL's
``websearch_to_tsquery`` makes of it. Snippets by FTS5's ``snippet()``.

An SQLite built without FTS5 is not supported: ``manage.py check`` says so
(articles.E001) before anything is migrated or served.
"""

import re
import sqlite3
from contextlib import closing
from functools import cache

from django.core.checks import Error, Tags, register
from django.db import connections
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import Article, ArticleSearchEntry
from articles.search.documents import WEIGHTS, document, html_text
from articles.search.results import candidates
from articles.search.snippets import (
    MARK_START,
    MARK_STOP,
    SNIPPET_ELLIPSIS,
    SNIPPET_SOURCE_CHARS,
    SNIPPET_WORDS,
    opening,
)
from newsroom.prepared import PreparedQuery

# A term of the reader's query: a word, or a "quoted phrase" (its closing
# quote optional), each perhaps with a minus before it.
_TERM = re.compile(r'(-?)("[^"]*"?|\S+)')
_WORD = re.compile(r"[^\W_]+")


@cache
def fts5_available():
    """Whether this Python's SQLite has FTS5, as migration 0009 found when it
    made the index. Asked of a throwaway in-memory database, so no query
    reaches the site's own."""
    try:
        with closing(sqlite3.connect(":memory:")) as probe:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.Error:
        return False
    return True


@register(Tags.compatibility)
def check_fts5(app_configs, **kwargs):
    on_sqlite = any(connection.vendor == "sqlite" for connection in connections.all())
    if not on_sqlite or fts5_available():
        return []
    return [
        Error(
            f"This Python's SQLite ({sqlite3.sqlite_version}) has no FTS5: "
            "search on SQLite runs on its FTS5 index.",
            hint="Use a Python whose SQLite has FTS5 (the official builds "
            "and Debian's have), or PostgreSQL.",
            id="articles.E001",
        )
    ]


def fts5_query(text, *, any_word=False):
    """The reader's words as an FTS5 query: every word (or "quoted phrase")
    must appear, ``or`` between two offers either, ``-word`` excludes; as
    in PostgreSQL's ``websearch_to_tsquery``, AND binds before OR. Empty
    when no word is left to search for (FTS5 cannot ask for "everything
    but").

    ``any_word``: any of the words (and phrases) sought, to mark them in a
    snippet: its text may hold some of them and not all."""
    sought, excluded = [], []
    for minus, token in _TERM.findall(text):
        if token.lower() == "or" and not minus:
            if sought and sought[-1] != "OR":
                sought.append("OR")
        elif _WORD.search(token):  # punctuation alone is no term at all
            term = '"{}"'.format(token.strip('"').replace('"', '""'))
            (excluded if minus else sought).append(term)
    while sought and sought[-1] == "OR":
        sought.pop()
    if not sought:
        return ""
    if any_word:
        return " OR ".join(term for term in sought if term != "OR")
    return " NOT ".join([f"({' '.join(sought)})", *excluded])


class SqliteBackend:
    table = ArticleSearchEntry._meta.db_table
    columns = list(WEIGHTS)
    # Where a snippet comes from, in order of preference: the first with a
    # match; the dek when none has (a headline-only match).
    snippet_columns = ["dek", "body", "notes"]

    def __init__(self, alias):
        self.alias = alias

    def ranked_pks(self, text):
        """The pks of the live articles matching ``text``, best first,
        among the newest ``candidates()`` matches."""
        match = fts5_query(text)
        if not match:
            return []
        rows = RANKED.rows(now=timezone.now(), text=match)
        return [pk for (pk,) in rows]

    def snippets(self, articles, text):
        """Snippets cut by FTS5's snippet() from ``snippet_sources()``, in a
        throwaway in-memory copy of the index (same columns, same
        tokenizer): what it costs is bounded by what it is given, whatever
        the article's size. The site's own database is only read."""
        any_word = fts5_query(text, any_word=True)
        definition, sources = self._snippet_sources([a.pk for a in articles])
        if not any_word or not sources:
            return {}
        columns = ", ".join(["rowid", *self.columns])
        marks = (MARK_START, MARK_STOP, SNIPPET_ELLIPSIS)
        passages = ", ".join(
            f"snippet({self.table}, {self.columns.index(column)}, ?, ?, ?, "
            f"{SNIPPET_WORDS})"
            for column in self.snippet_columns
        )
        with closing(sqlite3.connect(":memory:")) as copy:
            copy.execute(definition)
            copy.executemany(
                f"INSERT INTO {self.table} ({columns}) "  # noqa: S608
                f"VALUES ({', '.join('?' * (len(self.columns) + 1))})",
                [(pk, *texts) for pk, texts in sources.items()],
            )
            rows = copy.execute(
                f"SELECT rowid, {passages} FROM {self.table} "  # noqa: S608
                f"WHERE {self.table} MATCH ?",
                [*marks * len(self.snippet_columns), any_word],
            ).fetchall()
        found = {}
        for pk, *passages in rows:
            marked = [p for p in passages if p and MARK_START in p]
            found[pk] = marked[0] if marked else passages[0]
        # Found by a word past the openings only: the start of the dek.
        dek = self.columns.index("dek")
        for pk, texts in sources.items():
            found.setdefault(pk, opening(texts[dek]))
        return found

    def snippet_sources(self, pks):
        """{pk: [the first ``SNIPPET_SOURCE_CHARS`` characters of each index
        column]} of the articles ``pks``: all a snippet is cut from."""
        return self._snippet_sources(pks)[1]

    def _snippet_sources(self, pks):
        """The statement that made the index (its columns and tokenizer, for
        a copy that finds and marks words as it does), and
        ``snippet_sources(pks)``: read in one query, so a search page costs
        the same from a process's first search on."""
        if not pks:
            return "", {}
        cut = ", ".join(f"substr({column}, 1, %s)" for column in self.columns)
        definition = "(SELECT sql FROM sqlite_master WHERE name = %s)"
        with connections[self.alias].cursor() as cursor:
            cursor.execute(
                f"SELECT {definition}, rowid, {cut} FROM {self.table} "  # noqa: S608
                f"WHERE rowid IN ({', '.join(['%s'] * len(pks))})",
                [self.table] + [SNIPPET_SOURCE_CHARS] * len(self.columns) + list(pks),
            )
            rows = cursor.fetchall()
        definition = rows[0][0] if rows else ""
        return definition, {pk: texts for _, pk, *texts in rows}

    def index(self, pks):
        # A deleted article's row goes, and is not written back.
        ArticleSearchEntry.objects.filter(pk__in=pks).delete()
        rows = [(pk, *texts) for pk, texts in self._documents(pks)]
        names = ", ".join(["rowid", *self.columns])
        values = ", ".join(["%s"] * (len(self.columns) + 1))
        with connections[self.alias].cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.table} ({names}) VALUES ({values})",  # noqa: S608
                rows,
            )

    def clear(self):
        ArticleSearchEntry.objects.all().delete()

    def _documents(self, pks):
        """(pk, [text per index column]) for each article of ``pks``."""
        items = document("sqlite")
        names = {f"item_{number}": item for number, item in enumerate(items)}
        rows = (
            Article.objects.filter(pk__in=pks)
            .annotate(
                **{name: expression for name, (_, expression, _) in names.items()}
            )
            .values_list("pk", *names)
        )
        for pk, *values in rows:
            texts = {column: [] for column in self.columns}
            for (column, _, is_html), value in zip(items, values, strict=True):
                if value:
                    texts[column].append(html_text(value) if is_html else value)
            yield pk, [" ".join(texts[column]) for column in self.columns]


def ranked_matches(keys, now, text):
    """The query of ``SqliteBackend.ranked_pks``, for the FTS5 query ``text``.

    The index is read first: joined to the articles, SQLite loops over the
    live articles and runs the full-text query once per article (seconds
    for a common word). Here FTS5 walks the matches from the newest (rowids
    are article ids, which grow with time), checks each against the live
    articles by its primary key, and stops at the newest N live ones; only
    those are ranked (bm25 with the index's column weights; lower is
    better). The index holds every article, so the check comes before the
    count: a newer draft never takes a live match's place."""
    limit = candidates()
    live = Article.objects.published(now).filter(pk=OuterRef("pk")).values("pk")
    matches = ArticleSearchEntry.objects.filter(document__match=text)
    live_matches = matches.filter(Exists(live))
    newest = live_matches.order_by("-pk").values("pk")[limit - 1 : limit]
    return (
        live_matches.filter(pk__gte=Coalesce(Subquery(newest), 0))
        .order_by("rank", "-pk")
        .values_list("pk")
    )


RANKED = PreparedQuery(
    ArticleSearchEntry, ranked_matches, uses_moment=True, uses_text=True
)
