"""SQLite's full-text index of articles as a model, and the ``match`` lookup
that queries it (``articles.search`` writes and reads it; on PostgreSQL the
index is ``Article.search_vector`` instead)."""

from django.db import models

from articles.models.articles import Article


class FullTextMatch(models.Lookup):
    """``column MATCH query``: a full-text query on SQLite's FTS5."""

    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FullTextColumn(models.TextField):
    """FTS5's hidden column named after its table: what ``match`` searches."""


FullTextColumn.register_lookup(FullTextMatch)


class ArticleSearchEntry(models.Model):
    """A row of SQLite's full-text index of articles (an FTS5 virtual table,
    made by migration 0009 only on SQLite; ``articles.search`` writes it).

    Not managed by Django: the model is here only so a search can join the
    index to its articles. Its columns hold the headline, the dek, the
    "notes" (subheadings, key points, FAQ questions, tags) and the "body"
    (section bodies as text, FAQ answers, summary).
    """

    article = models.OneToOneField(
        Article,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="search_entry",
    )
    document = FullTextColumn(db_column="articles_article_fts")
    # bm25() with the column weights the migration configured.
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "articles_article_fts"
        # Nobody edits the index by hand: no admin permissions for it.
        default_permissions = ()

    def __str__(self):
        return f"Search entry of article {self.pk}"
