"""Notes on a story (``articles.models.notes``): the desk's notes on an
article, anchored to a field or a part, with replies, a resolved state and
the people each mentions (and whether their mail went). No data to move:
there are no notes yet."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

PART_ANCHORS = ("section", "key_point", "faq")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0021_article_seo_fields"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Note",
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
                ("body", models.TextField(max_length=2000)),
                (
                    "anchor",
                    models.CharField(
                        choices=[
                            ("story", "the whole story"),
                            ("headline", "headline"),
                            ("slug", "slug"),
                            ("dek", "intro"),
                            ("hero", "hero image"),
                            ("filing", "category and tags"),
                            ("seo", "search and sharing"),
                            ("summary", "summary"),
                            ("section", "section"),
                            ("key_point", "key point"),
                            ("faq", "FAQ"),
                        ],
                        default="story",
                        max_length=20,
                    ),
                ),
                ("anchor_part_id", models.PositiveBigIntegerField(blank=True, null=True)),
                ("anchor_label", models.CharField(blank=True, max_length=200)),
                ("resolved_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notes",
                        to="articles.article",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="article_notes",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="replies",
                        to="articles.note",
                    ),
                ),
                (
                    "resolved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"ordering": ["created_at", "id"]},
        ),
        migrations.CreateModel(
            name="NoteMention",
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
                ("emailed_at", models.DateTimeField(blank=True, null=True)),
                ("email_error", models.CharField(blank=True, max_length=1000)),
                (
                    "note",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mentions",
                        to="articles.note",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("note", "user"), name="articles_note_mention_once"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="note",
            name="mentioned",
            field=models.ManyToManyField(
                blank=True,
                related_name="mentioned_in_notes",
                through="articles.NoteMention",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddIndex(
            model_name="note",
            index=models.Index(
                condition=models.Q(
                    ("parent__isnull", True), ("resolved_at__isnull", True)
                ),
                fields=["article"],
                name="articles_note_open",
            ),
        ),
        migrations.AddConstraint(
            model_name="note",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("anchor__in", PART_ANCHORS), ("anchor_part_id__isnull", False)
                    ),
                    models.Q(
                        models.Q(("anchor__in", PART_ANCHORS), _negated=True),
                        ("anchor_part_id__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="articles_note_part_anchor_has_part",
            ),
        ),
    ]
