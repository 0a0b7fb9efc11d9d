"""What search finds an article by: the one definition of its searchable
text, shared by both backends.

``document(vendor)`` lists the article's texts as SQL expressions, each
filed under one of the index's four columns (headline, dek, notes, body),
which PostgreSQL weights A to D in its ``tsvector`` and SQLite's FTS5 table
weights alike in its bm25 rank (migration 0009). A part added to an article
is searched once it is listed here.

Bodies are sanitised HTML: the index holds their text, never their markup
(``html_text`` in Python, ``html_text_sql`` in SQL, one the other's twin).
"""

import html
import re

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import Aggregate, F, Func, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Replace

from articles.models import FAQ, Article, KeyPoint, LiveEntry, Section

# Article columns the index reads: saving only others (the workflow's status
# and times, reading time) does not re-index.
INDEXED_FIELDS = frozenset({"headline", "dek", "summary"})

# Index column -> PostgreSQL weight; the SQLite index has the same columns,
# weighted alike by its bm25 rank (migration 0009).
WEIGHTS = {"headline": "A", "dek": "B", "notes": "C", "body": "D"}

TAG = re.compile(r"<[^>]*>")
# What the body sanitiser (nh3) writes as entities, in the order that undoes it.
_ENTITIES = [
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", '"'),
    ("&#39;", "'"),
    ("&nbsp;", " "),
    ("&amp;", "&"),
]


def document(vendor):
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
        # A live blog's entries, those readers may see (``articles.live_blogs``
        # re-indexes the article after every entry's write).
        ("notes", _entries("title", vendor), False),
        ("body", _entries("body", vendor), True),
    ]


def article_tags():
    """taggit's tagged items of articles (taggit keeps every model's in one table)."""
    return Article.tags.through.objects.filter(
        content_type__app_label=Article._meta.app_label,
        content_type__model=Article._meta.model_name,
    )


def tagged_article_pks(tag):
    """The pks of the articles carrying ``tag``."""
    return article_tags().filter(tag=tag).values_list("object_id", flat=True)


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


def _entries(field, vendor):
    rows = LiveEntry.objects.shown().filter(article=OuterRef("pk"))
    return _joined(rows, "article", field, "posted_at", vendor)


def _tag_names(vendor):
    rows = article_tags().filter(object_id=OuterRef("pk"))
    return _joined(rows, "object_id", "tag__name", "tag__name", vendor)


class _GroupConcat(Aggregate):
    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ' ')"
    output_field = TextField()


def html_text(value):
    """A sanitised body as plain text (the SQL twin is ``html_text_sql``):
    tags become spaces, so paragraphs do not run into each other."""
    return html.unescape(TAG.sub(" ", value))


def html_text_sql(expression):
    text = Func(
        expression,
        Value(TAG.pattern),
        Value(" "),
        Value("g"),
        function="REGEXP_REPLACE",
        output_field=TextField(),
    )
    for entity, character in _ENTITIES:
        text = Replace(text, Value(entity), Value(character))
    return text


def escaped_sql(expression):
    """Plain text as HTML text, in SQL."""
    text = Replace(expression, Value("&"), Value("&amp;"))
    text = Replace(text, Value("<"), Value("&lt;"))
    return Replace(text, Value(">"), Value("&gt;"))
