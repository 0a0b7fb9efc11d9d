"""Avatars move into the image library (2 of 3): every stored avatar becomes
a library image, the same stored file (no copy, no new name), with its size
and renditions, described as the site describes it ("Portrait of <name>").
A file several profiles share becomes one library image.

Reversible: going back puts each profile's library file back into its own
columns; the library images stay until ``library``'s own migration is
reversed.
"""

from django.db import migrations


def forward(apps, schema_editor):
    Author = apps.get_model("authors", "Author")
    Image = apps.get_model("library", "Image")
    authors = Author.objects.exclude(avatar_file="").exclude(avatar_file__isnull=True)
    for author in authors.order_by("pk").iterator():
        name = author.avatar_file.name
        image = Image.objects.filter(file=name).order_by("pk").first()
        if image is None:
            image = Image.objects.create(
                file=name,
                width=author.avatar_width,
                height=author.avatar_height,
                renditions=list(author.avatar_renditions or []),
                alt=f"Portrait of {author.name}",
                uploaded_at=author.created_at,
            )
        Author.objects.filter(pk=author.pk).update(avatar=image)


def backward(apps, schema_editor):
    Author = apps.get_model("authors", "Author")
    for author in Author.objects.exclude(avatar=None).select_related("avatar"):
        image = author.avatar
        Author.objects.filter(pk=author.pk).update(
            avatar_file=image.file.name,
            avatar_width=image.width,
            avatar_height=image.height,
            avatar_renditions=[w for w in image.renditions if w in (128, 256)],
            avatar=None,
        )


class Migration(migrations.Migration):
    dependencies = [("authors", "0006_avatar_from_library")]

    operations = [migrations.RunPython(forward, backward)]
