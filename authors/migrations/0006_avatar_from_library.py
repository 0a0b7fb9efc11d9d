"""Avatars move into the image library (1 of 3): the old file column is set
aside as ``avatar_file``; ``avatar`` becomes a choice from the library."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0005_login_link_changes"),
        ("library", "0001_image"),
    ]

    operations = [
        migrations.RenameField(
            model_name="author", old_name="avatar", new_name="avatar_file"
        ),
        migrations.AddField(
            model_name="author",
            name="avatar",
            field=models.ForeignKey(
                blank=True,
                help_text="Choose a portrait from the library, or upload a new one to it.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="avatar_of",
                to="library.image",
            ),
        ),
    ]
