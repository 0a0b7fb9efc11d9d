"""Heroes move into the image library (1 of 3): the old file column is set
aside as ``hero_file`` and ``hero_image`` becomes a choice from the library;
journalists may upload and describe library images, editors delete them."""

import django.db.models.deletion
from django.db import migrations, models

from articles.migrations._grants import grant_to_group

JOURNALISTS = [("library", "image", ["add", "change", "view"])]
EDITORS = [("library", "image", ["add", "change", "view", "delete"])]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0022_story_notes"),
        ("library", "0001_image"),
    ]

    operations = [
        migrations.RenameField(
            model_name="article", old_name="hero_image", new_name="hero_file"
        ),
        migrations.AddField(
            model_name="article",
            name="hero_image",
            field=models.ForeignKey(
                blank=True,
                help_text="Choose a picture from the library, or upload a new one to it.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="hero_of",
                to="library.image",
                verbose_name="hero image",
            ),
        ),
        migrations.RunPython(*grant_to_group("Journalists", JOURNALISTS)),
        migrations.RunPython(*grant_to_group("Editors", EDITORS)),
    ]
