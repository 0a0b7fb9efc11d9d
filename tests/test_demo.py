"""`manage.py seed_demo`: the demo newsroom loads completely, once, and leaves
whatever people changed afterwards alone. It is data (demo/ in a checkout)."""

import importlib.util
import io
from collections import Counter
from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max, Min
from django.test import override_settings
from django.utils import timezone
from PIL import Image
from taggit.models import Tag, TaggedItem

from articles.models import (
    FAQ,
    Article,
    ArticleEvent,
    Byline,
    Category,
    Correction,
    KeyPoint,
    LiveEntry,
    Section,
)
from articles.workflow import run_go_live_effects
from authors.models import Author
from demo.management.commands.seed_demo import DEMO_DIR, read_fixture
from library.models import Image as LibraryImage
from newsroom.models import SitePage, SiteSettings
from newsroom.renditions import rendition_name
from newsroom.richtext import sanitize_body

pytestmark = pytest.mark.django_db

Status = Article.Status

MENU = [
    ("World", "world"),
    ("U.S. News", "us-news"),
    ("Business", "business"),
    ("Politics", "politics"),
    ("Europe News", "europe-news"),
    ("Finance", "finance"),
    ("Turkey Reports", "turkey-reports"),
    ("Money Watch", "money-watch"),
    ("Health", "health"),
]
LOGINS = [
    ("journalist", "journalist-demo", "Journalists"),
    ("editor", "editor-demo", "Editors"),
]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seeds once for the whole module (drawing the images is the slow part).

    It all happens inside a transaction rolled back when the module is done, so
    no other test module ever sees the demo; each test runs in a savepoint of it.
    """
    media_root = tmp_path_factory.mktemp("demo-media")
    output = io.StringIO()
    with (
        override_settings(MEDIA_ROOT=media_root),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        seeded_at = timezone.now()
        call_command("seed_demo", stdout=output)
        yield SimpleNamespace(
            output=output.getvalue(), media_root=media_root, seeded_at=seeded_at
        )
        transaction.set_rollback(True)


def seed_again():
    output = io.StringIO()
    call_command("seed_demo", "--quiet", stdout=output)
    return output.getvalue()


def snapshot(media_root):
    models = [
        Article,
        Section,
        KeyPoint,
        FAQ,
        Correction,
        Byline,
        Category,
        Author,
        get_user_model(),
        Group,
        SitePage,
        Tag,
        TaggedItem,
    ]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["files"] = sum(1 for path in media_root.rglob("*") if path.is_file())
    return counts


def live_articles():
    return Article.objects.published().prefetch_related(
        "sections", "key_points", "faqs", "tags", "bylines__author"
    )


def test_running_it_again_adds_nothing_and_duplicates_nothing(seeded):
    before = snapshot(seeded.media_root)

    assert seed_again() == ""  # --quiet

    assert snapshot(seeded.media_root) == before
    names = Author.objects.values_list("name", flat=True)
    assert len(set(names)) == len(names)
    tags = [name.lower() for name in Tag.objects.values_list("name", flat=True)]
    assert len(set(tags)) == len(tags)


def test_the_nine_categories_make_the_menu_in_order(seeded):
    menu = list(Category.objects.in_menu())

    assert [(c.name, c.slug) for c in menu] == MENU
    assert [c.menu_order for c in menu] == list(range(1, 10))
    assert all(c.description for c in menu)


def test_sixty_live_articles_have_every_part_of_the_article_page(seeded):
    articles = list(live_articles())

    assert len(articles) >= 60
    for article in articles:
        assert 3 <= len(article.sections.all()) <= 6, article.slug
        assert 3 <= len(article.key_points.all()) <= 6, article.slug
        assert 2 <= len(article.faqs.all()) <= 4, article.slug
        assert 2 <= len(article.tags.all()) <= 5, article.slug
        assert article.bylines.all(), article.slug
        assert article.dek and article.summary
        assert article.first_published_at is not None
        assert 3 <= article.reading_time <= 8, article.slug
        # Alt text and credit are the library image's, the caption the story's.
        assert article.hero_alt_text and article.hero_credit_text
        assert article.hero_caption
        assert default_storage.exists(article.hero_image.name)
        for section in article.sections.all():
            assert section.subheading
            assert section.body.count("<p>") >= 2, "several paragraphs"
            assert sanitize_body(section.body) == section.body, "allowed markup"


def test_live_articles_span_every_category_and_the_last_four_weeks(seeded):
    articles = list(live_articles().select_related("category"))
    now = timezone.now()

    per_category = Counter(article.category.slug for article in articles)
    assert set(per_category) == {slug for _, slug in MENU}
    assert min(per_category.values()) >= 5
    oldest = min(article.published_at for article in articles)
    assert now - timedelta(days=29) <= oldest <= now - timedelta(days=21)
    assert len({article.reading_time for article in articles}) >= 3
    assert 2 <= sum(article.is_featured for article in articles) <= 8
    assert Correction.objects.filter(article__in=articles).count() >= 3


def test_drafts_reviews_and_scheduled_stories_exist_but_are_not_public(seeded):
    now = timezone.now()
    scheduled = Article.objects.filter(status=Status.PUBLISHED, published_at__gt=now)
    not_live = {
        "draft": Article.objects.filter(status=Status.DRAFT),
        "in review": Article.objects.filter(status=Status.IN_REVIEW),
        "changes requested": Article.objects.filter(status=Status.CHANGES_REQUESTED),
        "scheduled": scheduled,
    }

    assert not_live["draft"].count() >= 2
    assert not_live["in review"].count() >= 2
    assert not_live["changes requested"].count() >= 1
    assert 2 <= scheduled.count() <= 3
    public = set(Article.objects.published().values_list("pk", flat=True))
    for state, articles in not_live.items():
        assert not public & set(articles.values_list("pk", flat=True)), state


def test_stories_that_predate_the_demo_have_no_go_live_effects_left_to_run(seeded):
    # Otherwise the first `publish_scheduled` would announce every demo story.
    assert run_go_live_effects() == []

    # Scheduled stories still have theirs due, when their time comes.
    with time_machine.travel(timezone.now() + timedelta(days=4), tick=False):
        went_live = run_go_live_effects()
    assert 2 <= len(went_live) <= 3
    assert all(article.first_published_at for article in went_live)


def test_the_story_sent_back_to_its_reporter_carries_the_editors_note(seeded):
    article = Article.objects.get(status=Status.CHANGES_REQUESTED)
    returned = article.events.get(action=ArticleEvent.Action.REQUEST_CHANGES)

    assert returned.actor.username == "editor"
    assert len(returned.note) > 40
    submitted = article.events.get(action=ArticleEvent.Action.SUBMIT)
    assert submitted.created_at < returned.created_at
    for article in Article.objects.filter(status=Status.IN_REVIEW):
        assert article.events.filter(action=ArticleEvent.Action.SUBMIT).exists()


def test_demo_users_log_in_with_their_roles_and_bylines(seeded, client):
    for username, password, group in LOGINS:
        user = get_user_model().objects.get(username=username)
        assert client.login(username=username, password=password)
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert user.author_profile
    admin = get_user_model().objects.get(username="admin")
    assert client.login(username="admin", password="admin-demo")
    assert admin.is_superuser

    # The journalist's unpublished work carries their byline, so the
    # "change their own drafts" rule has something to show.
    journalist = Author.objects.get(user__username="journalist")
    own = Article.objects.filter(bylines__author=journalist)
    assert own.filter(status=Status.DRAFT).exists()
    assert own.filter(status=Status.CHANGES_REQUESTED).exists()


def test_the_command_prints_the_logins_with_a_development_warning(seeded):
    assert "DEVELOPMENT ONLY" in seeded.output
    for password in ("journalist-demo", "editor-demo", "admin-demo"):
        assert password in seeded.output
    assert "64 live" in seeded.output


def test_changes_made_after_seeding_survive_running_it_again(seeded):
    article = Article.objects.published().first()
    article.headline = "Edited by the desk"
    article.save()
    section = article.sections.first()
    section.body = "<p>Rewritten by an editor.</p>"
    section.save()
    article.key_points.last().delete()
    article.tags.set(["Edited"])
    site = SiteSettings.load()
    site.name = "Our Own Paper"
    site.save()
    page = SitePage.objects.get(slug="about")
    page.intro = "Our own words."
    page.save()
    journalist = get_user_model().objects.get(username="journalist")
    journalist.set_password("a-better-secret")
    journalist.save()
    key_points = article.key_points.count()

    seed_again()

    article.refresh_from_db()
    assert article.headline == "Edited by the desk"
    assert article.sections.first().body == "<p>Rewritten by an editor.</p>"
    assert article.key_points.count() == key_points
    assert [tag.name for tag in article.tags.all()] == ["Edited"]
    assert SiteSettings.load().name == "Our Own Paper"
    assert SitePage.objects.get(slug="about").intro == "Our own words."
    journalist.refresh_from_db()
    assert journalist.check_password("a-better-secret")


def test_authors_have_full_profiles_and_generated_avatars(seeded):
    authors = list(Author.objects.all())

    assert len(authors) >= 6
    assert any(author.user is None for author in authors), "a guest contributor"
    assert sum(bool(author.x_handle) for author in authors) >= 3
    for author in authors:
        assert author.slug and author.job_title
        assert author.bio.count(". ") >= 1, "a multi-sentence bio"
        assert author.website.startswith("https://")
        assert ".example.com" in author.website
        with default_storage.open(author.avatar.name) as file, Image.open(file) as img:
            assert img.size == (400, 400)
        assert Article.objects.published().filter(bylines__author=author).exists()


def test_hero_images_are_generated_widescreen_and_light(seeded):
    for article in Article.objects.all():
        name = article.hero_image.name
        assert default_storage.size(name) < 150 * 1024, name
        with default_storage.open(name) as file, Image.open(file) as img:
            assert (img.format, img.size) == ("JPEG", (1600, 900))


def test_hero_images_and_avatars_come_with_smaller_renditions(seeded):
    for article in Article.objects.all():
        name = article.hero_image.name
        image = article.hero_image
        assert image.renditions == [128, 256, 480, 800, 1200]
        assert (image.width, image.height) == (1600, 900)
        sizes = [
            default_storage.size(rendition_name(name, width))
            for width in image.renditions
        ]
        assert sorted(sizes) == sizes
        assert sizes[-1] < default_storage.size(name)
    for author in Author.objects.all():
        assert author.avatar.renditions == [128, 256]
        assert default_storage.exists(rendition_name(author.avatar.name, 256))


def test_site_identity_and_pages_are_filled_in(seeded):
    site = SiteSettings.load()
    assert site.name != "The Daily Ledger" and site.tagline and site.description
    for url in (site.facebook_url, site.x_url, site.instagram_url):
        assert url.startswith("https://")
    assert site.contact_email.endswith("example.com")

    pages = {page.slug: page for page in SitePage.objects.all()}
    assert {slug: page.title for slug, page in pages.items()} == {
        "about": "About Us",
        "contact": "Get In Touch",
        "privacy": "Privacy Policy",
        "accessibility": "Accessibility",
        "terms": "Terms and Conditions",
    }
    for page in pages.values():
        assert page.intro
        assert len(page.body) > 1000
        assert page.body.count("<p>") + page.body.count("<li>") >= 6


def test_loaded_another_day_it_is_the_same_newsroom_with_dates_as_fresh(seeded):
    slugs = set(Article.objects.values_list("slug", flat=True))
    ages = {
        article.slug: seeded.seeded_at - article.published_at
        for article in Article.objects.published()
    }
    Article.objects.all().delete()
    later = timezone.now() + timedelta(days=3, hours=7)

    with time_machine.travel(later, tick=False):
        seed_again()
        reloaded = {a.slug: a for a in Article.objects.all()}

        assert set(reloaded) == slugs
        for slug, age in ages.items():
            again = later - reloaded[slug].published_at
            assert abs(again - age) < timedelta(minutes=2), slug
            assert reloaded[slug].is_published()


def test_a_story_is_told_on_the_weekday_it_is_dated(seeded):
    told = {story["slug"]: story for story in read_fixture()["articles"]}

    for article in live_articles():
        weekday = timezone.localtime(article.published_at).strftime("%A")
        bodies = [section["body"] for section in told[article.slug]["sections"]]
        assert [section.body for section in article.sections.all()] == [
            body.replace("{weekday}", weekday) for body in bodies
        ]


def test_the_demo_is_data_in_the_checkout_not_code_in_the_package(seeded):
    assert importlib.util.find_spec("newsroom.demo") is None
    data = read_fixture()
    images = {path.name for path in (DEMO_DIR / "images").iterdir()}
    stored = sum(path.stat().st_size for path in (DEMO_DIR / "images").iterdir())

    assert {story["slug"] for story in data["articles"]} == set(
        Article.objects.values_list("slug", flat=True)
    )
    assert {story["hero"] for story in data["articles"]} <= images
    assert {author["avatar"] for author in data["authors"]} <= images
    assert stored < 500 * 1024, "a few hundred KB of pictures"


def test_each_desk_picture_is_one_library_image_shared_by_its_stories(seeded):
    pictures = {story["hero"] for story in read_fixture()["articles"]}
    heroes = set(Article.objects.values_list("hero_image", flat=True))
    # The demo's desk pictures and its portraits, each uploaded once.
    assert len(heroes) == len(pictures)
    assert LibraryImage.objects.count() == len(pictures) + Author.objects.count()


def test_the_demo_has_a_live_blog_with_a_stream_of_a_storm_day(seeded):
    live_blog = Article.objects.published().get(is_live_blog=True)
    entries = LiveEntry.objects.filter(article=live_blog).shown()
    assert entries.count() >= 50
    assert entries.filter(is_pinned=True).exists()
    assert entries.filter(is_key_event=True).count() >= 5
    assert entries.filter(corrections__isnull=False).exists()
    span = entries.aggregate(first=Min("posted_at"), last=Max("posted_at"))
    assert span["last"] - span["first"] >= timedelta(hours=10)
