"""Presence on the desk: who has an article's change page open right now
(``articles.models.presence``)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_withdraw_and_journalists_delete_own_drafts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticlePresence",
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
                ("editing", models.BooleanField(default=False)),
                (
                    "first_seen_at",
                    models.DateTimeField(default=django.utils.timezone.now),
                ),
                ("seen_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="presences",
                        to="articles.article",
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
                "verbose_name": "presence on the desk",
                "verbose_name_plural": "presences on the desk",
                "indexes": [
                    models.Index(
                        fields=["article", "seen_at"], name="articles_presence_seen"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "article"),
                        name="articles_presence_one_per_user",
                    )
                ],
            },
        ),
    ]
