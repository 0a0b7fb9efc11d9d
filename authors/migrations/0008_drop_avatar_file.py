"""Avatars move into the image library (3 of 3): the profile's own file
columns go; the library holds the file, its size and renditions."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("authors", "0007_avatars_into_library")]

    operations = [
        migrations.RemoveField(model_name="author", name="avatar_file"),
        migrations.RemoveField(model_name="author", name="avatar_width"),
        migrations.RemoveField(model_name="author", name="avatar_height"),
        migrations.RemoveField(model_name="author", name="avatar_renditions"),
    ]
