"""Trigram indexes for the desk's article search, on PostgreSQL only.

The desk searches headline, intro and slug for the words typed
(``ArticleAdmin.search_fields``): Django's ``icontains``, which PostgreSQL
runs as ``UPPER(column::text) LIKE UPPER('%word%')``. No B-tree serves a
pattern with a leading wildcard, so each search read the whole table (764 ms
at 100,000 articles). A GIN index of the trigrams (``pg_trgm``) of that very
expression serves it: the planner uses an expression index only for the
expression it was built on, hence ``UPPER(... ::text)`` and not the column.
One index per searched column, so the ``OR`` across them is a ``BitmapOr``
of three index scans.

Made by SQL that runs only on PostgreSQL (as the full-text index, 0009):
SQLite has neither the extension nor GIN, and searches its smaller tables
well enough as they are. ``pg_trgm`` is a trusted extension: the database's
owner may create it, no superuser needed.
"""

from django.db import migrations

# (index name, column) for each of ArticleAdmin.search_fields.
TRIGRAM_INDEXES = [
    ("article_headline_trgm_idx", "headline"),
    ("article_dek_trgm_idx", "dek"),
    ("article_slug_trgm_idx", "slug"),
]


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON articles_article "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    # The extension stays: other database objects may have come to use it.


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0026_live_blogs"),
    ]

    operations = [
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
