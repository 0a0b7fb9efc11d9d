"""Search and redirects.

Search keeps its index where each database does it best (``articles.search``):
on PostgreSQL a weighted ``tsvector`` column with a GIN index; on SQLite an
FTS5 virtual table, ``articles_article_fts``, with its bm25 column weights
configured once here. Either is filled by ``manage.py rebuild_search_index``
and kept fresh on every save after that.

The index and the virtual table are made by SQL that runs only on their own
database: a GIN index or an FTS5 table declared on the models would be
created (and recreated whenever SQLite rebuilds the table) everywhere.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import OperationalError, migrations, models, transaction

import articles.models

GIN_INDEX = "articles_article_search_gin"
FTS_TABLE = "articles_article_fts"
# headline, dek, notes, body: the weights of PostgreSQL's A, B, C and D.
FTS_RANK = "bm25(10.0, 4.0, 2.0, 1.0)"


def create_search_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {GIN_INDEX} ON articles_article USING gin (search_vector)"
        )
    elif connection.vendor == "sqlite":
        try:
            with transaction.atomic(using=connection.alias):
                schema_editor.execute(
                    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
                    "headline, dek, notes, body, "
                    "tokenize = 'porter unicode61 remove_diacritics 2')"
                )
        except OperationalError:
            # An SQLite built without FTS5, which search does not support:
            # `manage.py check` says so (articles.E001).
            return
        schema_editor.execute(
            f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('rank', '{FTS_RANK}')"
        )


def drop_search_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
    elif connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_image_dimensions"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.CreateModel(
            name="ArticleSearchEntry",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        db_column="rowid",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                (
                    "document",
                    articles.models.FullTextColumn(db_column="articles_article_fts"),
                ),
                ("rank", models.FloatField()),
            ],
            options={
                "db_table": "articles_article_fts",
                "managed": False,
                "default_permissions": (),
            },
        ),
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.CreateModel(
            name="Redirect",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("old_path", models.CharField(max_length=500, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="redirects",
                        to="articles.article",
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="redirects",
                        to="articles.category",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("article__isnull", False), ("category__isnull", True)
                            ),
                            models.Q(
                                ("article__isnull", True), ("category__isnull", False)
                            ),
                            _connector="OR",
                        ),
                        name="redirect_has_one_target",
                    )
                ],
            },
        ),
    ]
