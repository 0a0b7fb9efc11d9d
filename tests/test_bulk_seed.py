"""`python -m bench.archive N` (after `manage.py seed_demo`): an archive of N
more live articles, each with every part the article page shows, found by
search and listed on the public pages like any other."""

import io
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.files.images import get_image_dimensions
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles import search
from articles.models import Article, Category
from articles.workflow import run_go_live_effects
from bench import archive as bulk
from demo.management.commands import seed_demo
from library.models import Image as LibraryImage
from newsroom.renditions import rendition_name
from newsroom.richtext import sanitize_body

pytestmark = pytest.mark.django_db

ARCHIVE = 120
TEN_YEARS = timedelta(days=3653)


def small_pictures(read_image):
    """The demo's hero images at a fraction of the rendition time (wide enough
    for one rendition); avatars as they are."""

    def read(name):
        if not name.endswith(".jpg"):
            return read_image(name)
        buffer = io.BytesIO()
        Image.new("RGB", (640, 360), (40, 60, 90)).save(buffer, format="JPEG")
        return buffer.getvalue()

    return read


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo newsroom and an archive of ARCHIVE articles, seeded once for
    the module inside a transaction rolled back when it is done."""
    output = io.StringIO()
    with (
        pytest.MonkeyPatch.context() as patch,
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("archive-media")),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        patch.setattr(seed_demo, "read_image", small_pictures(seed_demo.read_image))
        call_command("seed_demo", "--quiet")
        bulk.run(ARCHIVE, stdout=output)
        yield SimpleNamespace(output=output.getvalue())
        transaction.set_rollback(True)


def demo_slugs():
    return {story["slug"] for story in seed_demo.read_fixture()["articles"]}


def archive():
    """The articles the archive added: all but the demo's own."""
    return Article.objects.exclude(slug__in=demo_slugs())


def live_archive():
    return (
        archive()
        .published()
        .select_related("category")
        .prefetch_related("sections", "key_points", "faqs", "tags", "bylines")
    )


def newest_archive_article():
    return archive().select_related("category").order_by("-published_at").first()


def listing_page_showing(client, path, article, listed):
    """The page of the listing at ``path`` (whose live articles are
    ``listed``) where ``article`` should appear, newest first."""
    newer = listed.filter(published_at__gt=article.published_at).count()
    per_page = client.get(path).context["paginator"].per_page
    response = client.get(path, {"page": newer // per_page + 1})
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_archive_adds_n_live_articles_with_every_part_of_the_page(seeded):
    articles = list(live_archive())

    assert len(articles) == ARCHIVE
    for article in articles:
        assert 3 <= len(article.sections.all()) <= 6, article.slug
        assert 3 <= len(article.key_points.all()) <= 6, article.slug
        assert 2 <= len(article.faqs.all()) <= 4, article.slug
        assert 2 <= len(article.tags.all()) <= 4, article.slug
        assert 1 <= len(article.bylines.all()) <= 2, article.slug
        assert article.headline and article.dek and article.summary
        assert article.first_published_at == article.published_at
        assert article.created_at < article.published_at <= article.updated_at
        for section in article.sections.all():
            assert section.subheading
            assert section.body.count("<p>") >= 2, "several paragraphs"
            assert sanitize_body(section.body) == section.body, "allowed markup"
        assert [p.position for p in article.sections.all()] == list(
            range(len(article.sections.all()))
        )


def test_hero_images_reuse_the_demos_library_images_with_their_credits(seeded):
    articles = list(archive().select_related("hero_image"))
    demo_images = set(
        Article.objects.filter(slug__in=demo_slugs()).values_list(
            "hero_image", flat=True
        )
    )
    library_size = LibraryImage.objects.count()

    assert {article.hero_image_id for article in articles} <= demo_images
    for article in articles[:20]:
        assert article.hero_alt_text and article.hero_caption_text
        assert article.hero_credit_text
        with default_storage.open(article.hero_image.name) as file:
            size = get_image_dimensions(file)
        assert (article.hero_image.width, article.hero_image.height) == size
    # Nothing new in the library: the archive only points at it.
    assert LibraryImage.objects.count() == library_size


def test_archive_articles_share_the_renditions_of_the_images_they_reuse(seeded):
    demo = Article.objects.filter(slug__in=demo_slugs())
    recorded = dict(
        LibraryImage.objects.filter(hero_of__in=demo)
        .distinct()
        .values_list("pk", "renditions")
    )
    names = dict(LibraryImage.objects.values_list("pk", "file"))

    for pk in archive().values_list("hero_image", flat=True):
        assert recorded[pk] == [128, 256, 480]
        assert default_storage.exists(rendition_name(names[pk], 480))
    # One set of renditions per stored image, none per archive article.
    heroes = {names[pk].rsplit("/", 1)[1] for pk in recorded}
    folders = {names[pk].rsplit("/", 1)[0] for pk in recorded}
    stored = [
        file
        for folder in folders
        for file in default_storage.listdir(folder)[1]
        if file.endswith(".webp") and file.rsplit(".", 2)[0] in heroes
    ]
    assert len(stored) == 3 * len(recorded)


def test_reading_time_is_what_the_article_would_count_itself(seeded):
    articles = list(archive().prefetch_related("sections", "key_points", "faqs"))

    for article in articles:
        assert article.reading_time == article.compute_reading_time(), article.slug
    assert len({article.reading_time for article in articles}) >= 3


def test_the_archive_spans_ten_years_and_every_category(seeded):
    now = timezone.now()
    dates = list(archive().values_list("published_at", flat=True))

    assert now - TEN_YEARS <= min(dates) <= now - timedelta(days=8 * 365)
    assert max(dates) <= now
    assert set(archive().values_list("category__slug", flat=True)) == set(
        Category.objects.values_list("slug", flat=True)
    )


def test_no_go_live_effects_are_due_for_the_archive(seeded):
    # Otherwise the first `publish_scheduled` would announce ten years of news.
    assert run_go_live_effects() == []


def test_search_finds_an_archive_article_by_words_of_its_headline(seeded, client):
    article = newest_archive_article()
    words = re.findall(r"[^\W\d_]{4,}", article.headline)

    found = search.search(" ".join(words))

    assert article.pk in found.pks
    response = client.get(reverse("articles:search"), {"q": words[0]})
    assert response.status_code == 200
    assert len(response.context["paginator"].object_list) > 1


def test_archive_articles_have_their_own_page(seeded, client):
    article = newest_archive_article()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert article.sections.first().subheading in page
    assert article.faqs.first().question in page


def test_archive_articles_are_listed_on_category_tag_and_author_pages(seeded, client):
    article = newest_archive_article()
    live = Article.objects.published()
    tag = article.tags.first()
    author = article.bylines.first().author
    listings = {
        article.category.get_absolute_url(): live.filter(category=article.category),
        reverse("articles:tag", args=[tag.slug]): live.filter(tags=tag),
        reverse("authors:detail", args=[author.slug]): live.filter(
            bylines__author=author
        ),
    }

    assert client.get("/").status_code == 200
    for path, listed in listings.items():
        page = listing_page_showing(client, path, article, listed)
        assert article.get_absolute_url() in page, path


def test_the_desk_lists_and_finds_archive_articles(seeded, client):
    client.force_login(get_user_model().objects.get(username="admin"))
    article = newest_archive_article()
    changelist = reverse("admin:articles_article_changelist")

    assert client.get(changelist).status_code == 200
    response = client.get(changelist, {"q": article.slug})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [article]


def test_every_archive_article_is_in_the_search_index(seeded):
    if connection.vendor == "postgresql":
        assert not archive().filter(search_vector__isnull=True).exists()
    else:
        assert search.ArticleSearchEntry.objects.filter(
            article__in=archive()
        ).count() == (ARCHIVE)


def test_running_it_again_adds_another_n_with_new_slugs(seeded):
    before = set(Article.objects.values_list("slug", flat=True))

    # In batches of seven, the last one short.
    assert bulk.seed_archive(30, batch_size=7) == 30

    after = set(Article.objects.values_list("slug", flat=True))
    assert len(after) == len(before) + 30
    assert before < after


def test_the_same_database_and_n_give_the_same_archive(seeded):
    now = timezone.now()

    def seed_and_read():
        with transaction.atomic():
            bulk.seed_archive(10, now=now)
            added = list(
                Article.objects.order_by("-pk")[:10].values_list(
                    "slug", "published_at", "dek", "reading_time"
                )
            )
            transaction.set_rollback(True)
        return added

    assert seed_and_read() == seed_and_read()


def test_the_command_draws_a_progress_bar(seeded):
    assert f"[{'#' * 30}] {ARCHIVE}/{ARCHIVE} articles" in seeded.output
    assert f"Added {ARCHIVE} archive articles" in seeded.output


def test_quiet_prints_nothing_and_still_adds_the_archive(seeded):
    count = Article.objects.count()
    output = io.StringIO()

    bulk.run(5, stdout=output, quiet=True)

    assert output.getvalue() == ""
    assert Article.objects.count() == count + 5


def test_the_demo_command_leaves_the_archive_to_the_benchmark(seeded):
    with pytest.raises(CommandError):
        call_command("seed_demo", "--quiet", "--articles", "5")
