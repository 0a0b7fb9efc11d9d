"""Existing heroes and avatars move into the image library by migration
(articles 0023-0025, authors 0006-0008), nothing lost: the same stored
file, its size and renditions, its texts, and the article's revisions
naming the library image; and back again."""

import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("media_root"),
]

BEFORE = [
    ("articles", "0022_story_notes"),
    ("authors", "0005_login_link_changes"),
    ("library", "0001_image"),
]
AFTER = [
    ("articles", "0025_drop_hero_file"),
    ("authors", "0008_drop_avatar_file"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.fixture
def old_newsroom():
    """The newsroom before the library: an article with a hero file (and a
    revision naming it), a second sharing it, and an author with an avatar."""
    apps = migrate(BEFORE)
    hero = default_storage.save("articles/2025/01/harbour.jpg", ContentFile(b"jpeg"))
    avatar = default_storage.save("authors/2025/ada.png", ContentFile(b"png"))
    Article = apps.get_model("articles", "Article")
    Author = apps.get_model("authors", "Author")
    first = Article.objects.create(
        headline="Harbour wall rebuilt",
        slug="harbour-wall-rebuilt",
        hero_image=hero,
        hero_width=1600,
        hero_height=900,
        hero_renditions=[480, 800, 1200],
        hero_alt="Cranes on the harbour wall",
        hero_caption="Work on the wall.",
        hero_credit="Photo: Ledger staff",
    )
    second = Article.objects.create(
        headline="Harbour reopens",
        slug="harbour-reopens",
        hero_image=hero,
        hero_width=1600,
        hero_height=900,
        hero_renditions=[480, 800, 1200],
        hero_alt="The same harbour",
        hero_credit="Photo: Ledger staff",
    )
    author = Author.objects.create(
        name="Ada Lovelace",
        slug="ada",
        avatar=avatar,
        avatar_width=400,
        avatar_height=400,
        avatar_renditions=[128, 256],
    )
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("reversion", "Revision")
    Version = apps.get_model("reversion", "Version")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="articles", model="article"
    )
    revision = Revision.objects.create(date_created=timezone.now(), comment="")
    Version.objects.create(
        revision=revision,
        object_id=str(first.pk),
        content_type=content_type,
        db="default",
        format="json",
        object_repr=first.headline,
        serialized_data=json.dumps(
            [
                {
                    "model": "articles.article",
                    "pk": first.pk,
                    "fields": {
                        "headline": first.headline,
                        "hero_image": hero,
                        "hero_width": 1600,
                        "hero_height": 900,
                        "hero_renditions": [480, 800, 1200],
                        "hero_alt": first.hero_alt,
                    },
                }
            ]
        ),
    )
    yield {
        "hero": hero,
        "avatar": avatar,
        "first": first.pk,
        "second": second.pk,
        "author": author.pk,
    }
    migrate(latest())


def test_heroes_and_avatars_become_library_images_with_nothing_lost(old_newsroom):
    apps = migrate(AFTER)
    Article = apps.get_model("articles", "Article")
    Author = apps.get_model("authors", "Author")
    Image = apps.get_model("library", "Image")
    Version = apps.get_model("reversion", "Version")

    first = Article.objects.get(pk=old_newsroom["first"])
    second = Article.objects.get(pk=old_newsroom["second"])
    # One library image for the file both articles share: the same stored
    # file, its size and renditions, the first article's texts.
    assert first.hero_image_id == second.hero_image_id
    image = Image.objects.get(pk=first.hero_image_id)
    assert image.file.name == old_newsroom["hero"]
    assert (image.width, image.height) == (1600, 900)
    assert image.renditions == [480, 800, 1200]
    assert (image.alt, image.caption, image.credit) == (
        "Cranes on the harbour wall",
        "Work on the wall.",
        "Photo: Ledger staff",
    )
    # Each article keeps its own texts, now its overrides.
    assert second.hero_alt == "The same harbour"
    assert first.hero_caption == "Work on the wall."
    # The portrait too, described as the site describes it.
    author = Author.objects.get(pk=old_newsroom["author"])
    portrait = Image.objects.get(pk=author.avatar_id)
    assert portrait.file.name == old_newsroom["avatar"]
    assert portrait.renditions == [128, 256]
    assert portrait.alt == "Portrait of Ada Lovelace"
    assert Image.objects.count() == 2
    # The saved revision names the library image, so history still reads.
    (version,) = Version.objects.all()
    fields = json.loads(version.serialized_data)[0]["fields"]
    assert fields["hero_image"] == image.pk
    assert "hero_width" not in fields
    assert default_storage.exists(old_newsroom["hero"])


def test_the_move_can_be_undone(old_newsroom):
    migrate(AFTER)

    apps = migrate(BEFORE)

    Article = apps.get_model("articles", "Article")
    Author = apps.get_model("authors", "Author")
    Version = apps.get_model("reversion", "Version")
    first = Article.objects.get(pk=old_newsroom["first"])
    assert first.hero_image.name == old_newsroom["hero"]
    assert (first.hero_width, first.hero_height) == (1600, 900)
    assert first.hero_renditions == [480, 800, 1200]
    assert first.hero_alt == "Cranes on the harbour wall"
    author = Author.objects.get(pk=old_newsroom["author"])
    assert author.avatar.name == old_newsroom["avatar"]
    assert author.avatar_renditions == [128, 256]
    fields = json.loads(Version.objects.get().serialized_data)[0]["fields"]
    assert fields["hero_image"] == old_newsroom["hero"]
