"""Search over live articles: ``/search/?q=``.

One interface, three backends, chosen by the database in use:

- PostgreSQL: full-text search on ``Article.search_vector``, a stored,
  GIN-indexed ``tsvector`` weighted headline (A) over dek (B) over the rest
  (C, D); queries read as ``websearch_to_tsquery``, so quotes, ``or`` and
  ``-word`` work and no input is a syntax error; ranked by ``ts_rank``;
  snippets by ``ts_headline``.
- SQLite with FTS5: the virtual table ``articles_article_fts`` (see
  ``ArticleSearchEntry``), one column per weight, ranked by bm25 with the
  same weights; the reader's words become quoted FTS5 strings, so no input
  is a syntax error there either; snippets by ``snippet()``.
- Anything else (an SQLite without FTS5): every word must appear somewhere
  (``icontains``), headline matches first.

Only the newest ``NEWSROOM_SEARCH_CANDIDATES`` matches (500) are ranked
and listed. Ranking scores every match, and a common word is found in tens
of thousands of articles of a ten-year archive: hundreds of milliseconds a
search at 100,000 articles, spent on results nobody pages to. A reader of
news wants the recent ones first among equals anyway, and more words reach
further back.

Every search starts from ``Article.objects.published()``: the index holds
drafts too (it is status-blind, so publishing needs no re-indexing), and the
published filter decides what a reader may find.

Every write of an article, its parts or its tags re-indexes the article
once, at its end (``articles.services``), whichever code path made it.
``QuerySet.update()`` and bulk writes report nothing: code that uses them
calls ``update_search_documents()`` itself (the demo loader does), and
``manage.py rebuild_search_index`` rebuilds everything (after ``loaddata``,
the first deploy of search, or a change of ``NEWSROOM_SEARCH_CONFIG``).
"""

import html
import operator
import re
import sqlite3
from contextlib import closing
from functools import cache, cached_property, reduce

from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connections, router
from django.db.models import (
    Aggregate,
    Case,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Left, Replace
from django.utils.html import format_html, format_html_join

from articles.models import FAQ, Article, ArticleSearchEntry, KeyPoint, Section
from newsroom.text import nfc

# Longer queries are cut: nobody types more, and it bounds the work a query
# (or a bot) can ask of the database.
MAX_QUERY_LENGTH = 200
# How many of the reader's words the substring fallback looks for.
MAX_SIMPLE_WORDS = 10
# Articles indexed per statement when many are (a rebuild, a renamed tag).
CHUNK = 500
# A snippet is cut from the opening of an article's texts only: the first
# this many characters of each. A line or two around a match needs no more,
# and the databases' snippet functions take time that grows faster than the
# text they are given (FTS5's snippet() with the square of the matches in
# it: eight seconds for one long body full of the searched word), so an
# anonymous search could hold a worker as long as the longest article took.
# A match further in still finds the article; its snippet is then the dek.
SNIPPET_SOURCE_CHARS = 20_000
# Words in SQLite's snippet (FTS5 counts tokens), and in the dek's opening
# shown when no match is in what a snippet is cut from.
SNIPPET_WORDS = 24

# What the database puts around a match in a snippet, turned into <mark> by
# ``marked_html`` once everything else is escaped. Private-use characters:
# no text a reader or a journalist types is expected to hold them, and stray
# ones are dropped.
MARK_START, MARK_STOP = "\ue000", "\ue001"
SNIPPET_ELLIPSIS = "…"

# Article columns the index reads: saving only others (the workflow's status
# and times, reading time) does not re-index.
INDEXED_FIELDS = frozenset({"headline", "dek", "summary"})

# Index column -> PostgreSQL weight; the SQLite index has the same columns,
# weighted alike by its bm25 rank (migration 0009).
WEIGHTS = {"headline": "A", "dek": "B", "notes": "C", "body": "D"}

_CONTROL = re.compile(f"[\\x00-\\x1f\\x7f{MARK_START}{MARK_STOP}]")
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")
_MARKED = re.compile(f"{MARK_START}(.*?){MARK_STOP}", re.S)
_MARKER = re.compile(f"[{MARK_START}{MARK_STOP}]")
# What the body sanitiser (nh3) writes as entities, in the order that undoes it.
_ENTITIES = [
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", '"'),
    ("&#39;", "'"),
    ("&nbsp;", " "),
    ("&amp;", "&"),
]


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


def search(articles, query):
    """``articles`` (a queryset of ``Article.objects.published()``) that match
    ``query``, best first, among the newest ``candidates()`` matches: a
    queryset, or on SQLite a ``RankedArticles``; none for an empty query."""
    if not query:
        return articles.none()
    return get_backend().search(articles, query)


def candidates():
    return max(1, settings.NEWSROOM_SEARCH_CANDIDATES)


class RankedArticles:
    """Search results as a sequence for the paginator: the pks of the live
    matches in rank order (one query, on first use), and for a slice its
    articles, read by pk (one query) from ``articles``, in that order."""

    def __init__(self, articles, ranked_pks):
        self.articles = articles
        self.ranked_pks = ranked_pks

    @cached_property
    def pks(self):
        return list(self.ranked_pks)

    def count(self):
        return len(self.pks)

    def __len__(self):
        return len(self.pks)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self.pks and self[index : index + 1 or None][0]
        pks = self.pks[index]
        if not pks:
            return []
        # Unordered: the order is the ranking's, and ordered by date SQLite
        # would walk the whole live index to find these few.
        page = self.articles.filter(pk__in=pks).order_by()
        found = {article.pk: article for article in page}
        return [found[pk] for pk in pks if pk in found]


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


def marked_html(text):
    """``text`` as HTML: everything escaped, and the spans the database marked
    as matches (``MARK_START``…``MARK_STOP``) in <mark>."""
    pairs, position = [], 0
    for match in _MARKED.finditer(text):
        before, marked = text[position : match.start()], match.group(1)
        pairs.append((_MARKER.sub("", before), _MARKER.sub("", marked)))
        position = match.end()
    return format_html(
        "{}{}",
        format_html_join("", "{}<mark>{}</mark>", pairs),
        _MARKER.sub("", text[position:]),
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


def tagged_article_pks(tag):
    """The pks of the articles carrying ``tag``."""
    return _article_tags().filter(tag=tag).values_list("object_id", flat=True)


# --- What an article is found by -------------------------------------------------


def _article_tags():
    """taggit's tagged items of articles (taggit keeps every model's in one table)."""
    return Article.tags.through.objects.filter(
        content_type__app_label=Article._meta.app_label,
        content_type__model=Article._meta.model_name,
    )


def _joined(rows, group_by, field, order_by, vendor):
    """A subquery: ``field`` of an article's ``rows``, joined into one text."""
    if vendor == "postgresql":
        text = StringAgg(field, delimiter=" ", order_by=order_by)
    else:
        text = _GroupConcat(field)  # in storage order; only its words count
    rows = rows.order_by().values(group_by).annotate(text=text).values("text")
    return Subquery(rows, output_field=TextField())


def _parts(model, field, vendor):
    rows = model.objects.filter(article=OuterRef("pk"))
    return _joined(rows, "article", field, "position", vendor)


def _tag_names(vendor):
    rows = _article_tags().filter(object_id=OuterRef("pk"))
    return _joined(rows, "object_id", "tag__name", "tag__name", vendor)


def _document(vendor):
    """The article's searchable text, as (index column, SQL expression, is
    HTML) items: the one definition of what search finds an article by."""
    return [
        ("headline", F("headline"), False),
        ("dek", F("dek"), False),
        ("notes", _parts(Section, "subheading", vendor), False),
        ("notes", _parts(KeyPoint, "text", vendor), False),
        ("notes", _parts(FAQ, "question", vendor), False),
        ("notes", _tag_names(vendor), False),
        ("body", _parts(Section, "body", vendor), True),
        ("body", _parts(FAQ, "answer", vendor), False),
        ("body", F("summary"), False),
    ]


class _GroupConcat(Aggregate):
    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ' ')"
    output_field = TextField()


def _html_text(value):
    """A sanitised body as plain text (the SQL twin is ``_html_text_sql``):
    tags become spaces, so paragraphs do not run into each other."""
    return html.unescape(_TAG.sub(" ", value))


def _escaped_sql(expression):
    """Plain text as HTML text, in SQL."""
    text = Replace(expression, Value("&"), Value("&amp;"))
    text = Replace(text, Value("<"), Value("&lt;"))
    return Replace(text, Value(">"), Value("&gt;"))


def _html_text_sql(expression):
    text = Func(
        expression,
        Value(_TAG.pattern),
        Value(" "),
        Value("g"),
        function="REGEXP_REPLACE",
        output_field=TextField(),
    )
    for entity, character in _ENTITIES:
        text = Replace(text, Value(entity), Value(character))
    return text


# --- Backends ---------------------------------------------------------------------


def get_backend():
    connection = connections[router.db_for_write(Article)]
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite" and fts5_available():
        return SqliteBackend(connection.alias)
    return SimpleBackend()


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


def search_config():
    """The text search configuration (language) PostgreSQL stems words with."""
    return settings.NEWSROOM_SEARCH_CONFIG


class PostgresBackend:
    def _query(self, text):
        # The parser reads "<word>" as an XML tag and drops it; a reader
        # searching for "<script>" means the word (see _vector_text).
        text = text.replace("<", " ").replace(">", " ")
        return SearchQuery(text, search_type="websearch", config=search_config())

    def search(self, articles, text):
        query = self._query(text)
        # The newest matches: read backwards along the live index, or from
        # the GIN index for a rare word, as the planner finds cheaper.
        newest = (
            articles.filter(search_vector=query)
            .order_by("-published_at", "-id")
            .values("pk")[: candidates()]
        )
        return (
            articles.filter(pk__in=newest)
            .annotate(search_rank=SearchRank(F("search_vector"), query))
            .order_by("-search_rank", "-published_at", "-id")
        )

    def snippets(self, articles, text):
        headline = SearchHeadline(
            self.snippet_source(),
            self._query(text),
            config=search_config(),
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            # Two short passages, about as long as SQLite's one: a line or two.
            max_words=16,
            min_words=8,
            max_fragments=2,
            fragment_delimiter=f" {SNIPPET_ELLIPSIS} ",
        )
        rows = (
            Article.objects.filter(pk__in=[article.pk for article in articles])
            .order_by()
            .annotate(snippet=headline)
            .values_list("pk", "snippet")
        )
        return {pk: html.unescape(snippet) for pk, snippet in rows}

    def snippet_source(self):
        """What ``ts_headline`` cuts a snippet from, as an SQL expression:
        the opening ``SNIPPET_SOURCE_CHARS`` characters of the dek, then of
        the body, then of the notes (``SNIPPET_SOURCE_CHARS`` in all), as
        HTML."""
        items = _document("postgresql")
        # The headline is on the card already: passages come from the rest,
        # the dek first, so a headline-only match shows the start of the dek.
        order = ["dek", "body", "notes"]
        # As HTML: ts_headline turns tags into spaces but keeps entities, so
        # text a writer typed ("<script>", "&") survives as entities, and
        # comes back as characters in snippets(), escaped like all the rest.
        texts = [
            expression if is_html else _escaped_sql(expression)
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

    def forget(self, pks):
        pass  # the vector goes with the article's row

    def clear(self):
        pass  # every row is rewritten

    def _vector(self):
        by_column = {}
        for column, expression, is_html in _document("postgresql"):
            text = _html_text_sql(expression) if is_html else expression
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


class SqliteBackend:
    table = ArticleSearchEntry._meta.db_table
    columns = list(WEIGHTS)
    # Where a snippet comes from, in order of preference: the first with a
    # match; the dek when none has (a headline-only match).
    snippet_columns = ["dek", "body", "notes"]

    def __init__(self, alias):
        self.alias = alias

    def search(self, articles, text):
        match = fts5_query(text)
        if not match:
            return articles.none()
        # The index is read first: joined to the articles, SQLite loops over
        # the live articles and runs the full-text query once per article
        # (seconds for a common word). Here FTS5 walks the matches from the
        # newest (rowids are article ids, which grow with time), checks each
        # against the live articles by its primary key, and stops at the
        # newest N live ones; only those are ranked (bm25 with the index's
        # column weights; lower is better). The index holds every article, so
        # the check comes before the count: a newer draft never takes a live
        # match's place.
        live = articles.order_by().filter(pk=OuterRef("pk")).values("pk")
        matches = ArticleSearchEntry.objects.filter(document__match=match)
        live_matches = matches.filter(Exists(live))
        cut = candidates()
        newest = live_matches.order_by("-pk").values("pk")[cut - 1 : cut]
        ranked = (
            live_matches.filter(pk__gte=Coalesce(Subquery(newest), 0))
            .order_by("rank", "-pk")
            .values_list("pk", flat=True)
        )
        return RankedArticles(articles, ranked)

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
            found.setdefault(pk, _opening(texts[dek]))
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
                [ArticleSearchEntry._meta.db_table]
                + [SNIPPET_SOURCE_CHARS] * len(self.columns)
                + list(pks),
            )
            rows = cursor.fetchall()
        definition = rows[0][0] if rows else ""
        return definition, {pk: texts for _, pk, *texts in rows}

    def index(self, pks):
        self.forget(pks)
        rows = [(pk, *texts) for pk, texts in self._documents(pks)]
        names = ", ".join(["rowid", *self.columns])
        values = ", ".join(["%s"] * (len(self.columns) + 1))
        with connections[self.alias].cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.table} ({names}) VALUES ({values})",  # noqa: S608
                rows,
            )

    def forget(self, pks):
        ArticleSearchEntry.objects.filter(pk__in=pks).delete()

    def clear(self):
        ArticleSearchEntry.objects.all().delete()

    def _documents(self, pks):
        """(pk, [text per index column]) for each article of ``pks``."""
        items = _document("sqlite")
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
                    texts[column].append(_html_text(value) if is_html else value)
            yield pk, [" ".join(texts[column]) for column in self.columns]


def fts5_query(text, *, any_word=False):
    """The reader's words as an FTS5 query with websearch_to_tsquery's
    meaning: words (and "quoted phrases") must all appear, ``or`` between
    two offers either, ``-word`` excludes. Every term is a quoted FTS5
    string of word characters only, so nothing typed is FTS5 syntax.
    Empty when nothing searchable is left.

    ``any_word``: any of the words (and phrases) sought, for marking them
    in a snippet: its text may hold some of them and not all."""
    groups, excluded, pending_or = [], [], False
    for token in re.findall(r'-?"[^"]*"?|\S+', text):
        if token.lower() == "or":
            pending_or = bool(groups)
            continue
        negated = token.startswith("-")
        words = _WORD.findall(token)
        if not words:
            continue
        term = '"{}"'.format(" ".join(words))
        if negated:
            excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    if not groups:
        return ""  # FTS5 cannot ask for "everything but": nothing is found
    if any_word:
        return " OR ".join(term for group in groups for term in group)
    query = " AND ".join("({})".format(" OR ".join(group)) for group in groups)
    for term in excluded:
        query = f"({query}) NOT {term}"
    return query


def _opening(text):
    """The first ``SNIPPET_WORDS`` words of ``text``, as a snippet."""
    words = text.split()
    if len(words) <= SNIPPET_WORDS:
        return " ".join(words)
    return " ".join(words[:SNIPPET_WORDS]) + SNIPPET_ELLIPSIS


class SimpleBackend:
    """Substring matching, for databases without full-text search."""

    def search(self, articles, text):
        words = _WORD.findall(text)[:MAX_SIMPLE_WORDS]
        if not words:
            return articles.none()
        matches = articles
        for word in words:
            matches = matches.filter(_mentions(word))
        newest = matches.order_by("-published_at", "-id").values("pk")[: candidates()]
        articles = articles.filter(pk__in=newest)
        rank = reduce(
            operator.add,
            (
                Case(
                    When(headline__icontains=word, then=Value(2)),
                    When(dek__icontains=word, then=Value(1)),
                    default=Value(0),
                )
                for word in words
            ),
        )
        return articles.annotate(search_rank=rank).order_by(
            "-search_rank", "-published_at", "-id"
        )

    def snippets(self, articles, text):
        words = _WORD.findall(text)[:MAX_SIMPLE_WORDS]
        if not words:
            return {}
        pattern = re.compile(
            r"\b(?:{})\w*".format("|".join(map(re.escape, words))), re.IGNORECASE
        )
        return {
            article.pk: pattern.sub(
                lambda match: f"{MARK_START}{match.group(0)}{MARK_STOP}",
                _MARKER.sub("", article.dek),
            )
            for article in articles
        }

    def index(self, pks):
        pass  # it reads the articles themselves

    def forget(self, pks):
        pass

    def clear(self):
        pass


def _mentions(word):
    def in_parts(model, *fields):
        found = reduce(operator.or_, (Q(**{f"{f}__icontains": word}) for f in fields))
        return Exists(model.objects.filter(found, article=OuterRef("pk")))

    return (
        Q(headline__icontains=word)
        | Q(dek__icontains=word)
        | Q(summary__icontains=word)
        | in_parts(Section, "subheading", "body")
        | in_parts(KeyPoint, "text")
        | in_parts(FAQ, "question", "answer")
        | Exists(
            _article_tags().filter(object_id=OuterRef("pk"), tag__name__icontains=word)
        )
    )
