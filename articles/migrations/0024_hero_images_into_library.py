"""Heroes move into the image library (2 of 3): every stored hero becomes a
library image, the same stored file (no copy, no new name: pages, caches
and renditions stay valid), with its size, its renditions and the article's
alt text, caption and credit. A file several articles share (the demo
archive's) becomes one library image; each article keeps its own texts in
``hero_alt``/``hero_caption``/``hero_credit``, now the article's overrides,
so nothing any reader saw changes. The article's saved revisions name the
library image instead of the file too, so history and restore keep working.

Reversible: going back puts each article's library file (and its texts,
where the article had none of its own) back into its own columns. The
library images stay until ``library``'s own migration is reversed.
"""

import json

from django.db import migrations

OLD_COLUMNS = ("hero_width", "hero_height", "hero_renditions")


def _library_image(Image, name, width, height, renditions, **texts):
    image = Image.objects.filter(file=name).order_by("pk").first()
    if image is None:
        image = Image.objects.create(
            file=name,
            width=width,
            height=height,
            renditions=list(renditions or []),
            **texts,
        )
    return image


def _rewrite_revisions(apps, rewrite):
    """Applies ``rewrite`` to the fields of every saved revision of an
    article (reversion's JSON), writing back those it changed."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.filter(
        app_label="articles", model="article"
    ).first()
    if content_type is None:
        return
    versions = Version.objects.filter(content_type=content_type, format="json")
    for version in versions.iterator():
        try:
            data = json.loads(version.serialized_data)
        except ValueError:
            continue
        changed = False
        for item in data:
            changed |= rewrite(item.get("fields", {}))
        if changed:
            Version.objects.filter(pk=version.pk).update(
                serialized_data=json.dumps(data)
            )


def forward(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("library", "Image")
    articles = Article.objects.exclude(hero_file="").exclude(hero_file__isnull=True)
    for article in articles.order_by("pk").iterator():
        image = _library_image(
            Image,
            article.hero_file.name,
            article.hero_width,
            article.hero_height,
            article.hero_renditions,
            alt=article.hero_alt,
            caption=article.hero_caption,
            credit=article.hero_credit,
            uploaded_at=article.created_at,
        )
        Article.objects.filter(pk=article.pk).update(hero_image=image)

    def to_library(fields):
        name = fields.get("hero_image")
        if not isinstance(name, str):
            return False
        image = None
        if name:
            image = Image.objects.filter(file=name).order_by("pk").first()
            if image is None:
                # A revision's picture no article holds any more.
                image = _library_image(
                    Image,
                    name,
                    fields.get("hero_width"),
                    fields.get("hero_height"),
                    fields.get("hero_renditions"),
                    alt=fields.get("hero_alt", ""),
                    caption=fields.get("hero_caption", ""),
                    credit=fields.get("hero_credit", ""),
                )
        fields["hero_image"] = image.pk if image else None
        for column in OLD_COLUMNS:
            fields.pop(column, None)
        return True

    _rewrite_revisions(apps, to_library)


def backward(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in (
        Article.objects.exclude(hero_image=None).select_related("hero_image").iterator()
    ):
        image = article.hero_image
        Article.objects.filter(pk=article.pk).update(
            hero_file=image.file.name,
            hero_width=image.width,
            hero_height=image.height,
            hero_renditions=[w for w in image.renditions if w >= 480],
            hero_alt=article.hero_alt or image.alt,
            hero_caption=article.hero_caption or image.caption,
            hero_credit=article.hero_credit or image.credit,
            hero_image=None,
        )
    Image = apps.get_model("library", "Image")

    def to_file(fields):
        pk = fields.get("hero_image")
        if isinstance(pk, str):
            return False
        image = Image.objects.filter(pk=pk).first() if pk else None
        fields["hero_image"] = image.file.name if image else ""
        fields["hero_width"] = image.width if image else None
        fields["hero_height"] = image.height if image else None
        fields["hero_renditions"] = (
            [w for w in image.renditions if w >= 480] if image else []
        )
        return True

    _rewrite_revisions(apps, to_file)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0023_hero_from_library"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, backward)]
