"""``manage.py import_ghost`` on an export in Ghost's documented shape
(tests/import_exports/the-tide-ghost.json): staff users, tags with an
internal ``#tag``, posts_tags and posts_authors in order, posts_meta,
members with newsletters."""

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image

from articles.models import Article
from imports.models import ImportedItem
from newsletter.models import Subscriber
from newsroom.models import SitePage
from tests.factories import client_for
from tests.import_helpers import OWN_EXPORTS, count, run_import
from tests.import_helpers import imported_article as article

pytestmark = pytest.mark.django_db
EXPORT = OWN_EXPORTS / "the-tide-ghost.json"
Status = Article.Status


@pytest.fixture
def report(tmp_path):
    return run_import("import_ghost", EXPORT, tmp_path)


def test_the_report_counts_what_the_file_holds(report):
    assert count(report, "posts in the file") == 6
    assert count(report, "imported") == 5
    assert count(report, "skipped") == 1
    assert "“Only in the editor”: its body is only in Ghost's editor format" in report
    assert Article.objects.count() == 5


def test_bylines_follow_posts_authors_and_the_primary_tag_is_the_category(report):
    lighthouse = article("p1")
    assert [a.name for a in lighthouse.byline_authors] == ["Tom Okafor", "Maya Patel"]
    assert lighthouse.category.name == "Coast"
    assert list(lighthouse.tags.names()) == ["People"]  # "#import-batch" dropped
    maya = lighthouse.byline_authors[1]
    assert (maya.bio, maya.website, maya.user_id) == (
        "Maya writes about the coast.",
        "https://maya.example.com",
        None,
    )


def test_the_body_splits_at_its_subheadings(report):
    lighthouse = article("p1")
    assert lighthouse.dek == "After forty years, the keeper hands over the keys."
    assert [s.subheading for s in lighthouse.sections.all()] == [
        "The last night",
        "What next",
    ]


def test_statuses_and_visibility(report, client):
    assert article("p1").is_published()
    assert article("p3").is_scheduled()
    assert article("p4").status == Status.DRAFT
    assert article("p5").status == Status.DRAFT  # paid members only at the source
    assert "“Paid subscribers' briefing”" in report
    for hidden in ("p3", "p4", "p5"):
        story = article(hidden)
        if story.category_id:
            assert client.get(story.get_absolute_url()).status_code == 404
        assert client.get(f"/{story.slug}/").status_code == 404


def test_old_ghost_addresses_lead_to_the_articles_and_the_category(report, client):
    lighthouse = article("p1")
    response = client.get("/lighthouse-keeper-retires/")
    assert (response.status_code, response["Location"]) == (
        301,
        lighthouse.get_absolute_url(),
    )
    response = client.get("/tag/coast/")
    assert (response.status_code, response["Location"]) == (301, "/coast/")
    assert client.get(lighthouse.get_absolute_url()).status_code == 200


def test_members_with_the_newsletter_are_confirmed_subscribers_never_emailed(report):
    subscribers = Subscriber.objects.order_by("email")
    assert [s.email for s in subscribers] == [
        "reader.one@example.com",
        "reader.two@example.com",
    ]
    one = subscribers[0]
    assert one.status == Subscriber.Status.CONFIRMED
    assert one.confirmed_at.isoformat() == "2023-02-01T10:00:00+00:00"
    assert ImportedItem.objects.get(subscriber=one).consented_at == one.confirmed_at
    assert count(report, "members without the newsletter (not imported)") == 1
    assert mail.outbox == []


def test_the_newsletter_desk_shows_who_was_imported_and_their_consent(
    report, superuser
):
    Subscriber.objects.create(
        email="signed.up@example.com",
        status=Subscriber.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    desk = client_for(superuser)
    listing = "/admin/newsletter/subscriber/"
    imported = desk.get(listing, {"joined": "imported"}).content.decode()
    assert "reader.one@example.com" in imported
    assert "signed.up@example.com" not in imported
    assert "How they joined" in imported or "how they joined" in imported
    here = desk.get(listing, {"joined": "here"}).content.decode()
    assert "signed.up@example.com" in here and "reader.one@" not in here
    one = Subscriber.objects.get(email="reader.one@example.com")
    assert one.import_source.startswith("ghost") and one.imported_at
    detail = desk.get(f"{listing}{one.pk}/change/").content.decode()
    assert "Given on" in detail and "as it recorded it" in detail
    assert one.import_source in detail
    assert mail.outbox == []


def test_an_address_already_on_the_list_keeps_its_state(tmp_path):
    Subscriber.objects.create(
        email="Reader.Two@example.com", status=Subscriber.Status.UNSUBSCRIBED
    )
    run_import("import_ghost", EXPORT, tmp_path)
    assert Subscriber.objects.get(email__iexact="reader.two@example.com").status == (
        Subscriber.Status.UNSUBSCRIBED
    )


def test_the_privacy_page_fills_the_site_page(report):
    assert "as little about you" in SitePage.objects.get(slug="privacy").body


def test_a_second_run_changes_nothing(report, tmp_path):
    again = run_import("import_ghost", EXPORT, tmp_path)
    assert count(again, "unchanged") == 6  # five posts and the page
    assert count(again, "imported") == 0
    assert Subscriber.objects.count() == 2
    assert Article.objects.count() == 5


def test_the_feature_image_comes_from_ghosts_images_folder(tmp_path):
    images = tmp_path / "images"
    (images / "2024" / "04").mkdir(parents=True)
    Image.new("RGB", (40, 30), "teal").save(images / "2024" / "04" / "lighthouse.jpg")
    run_import("import_ghost", EXPORT, tmp_path, "--media-dir", str(images))
    lighthouse = article("p1")
    hero = lighthouse.hero_image
    assert (hero.alt, hero.caption, hero.credit) == (
        "The lighthouse at dusk",
        "Photo: Sam Lee",
        "Sam Lee",
    )
