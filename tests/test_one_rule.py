"""Each rule has one definition: "scheduled", a time on the desk, the badge."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib import admin
from django.test.utils import override_settings
from django.utils import timezone, translation

from articles.models import Article
from articles.templatetags.desk_tags import desk_status
from newsroom.times import newsroom_time
from tests.factories import ArticleFactory

Status = Article.Status
pytestmark = pytest.mark.django_db


def test_an_article_approved_for_a_later_time_is_scheduled_until_that_time():
    goes_live = timezone.now() + timedelta(hours=2)
    article = ArticleFactory(published_at=goes_live)

    assert article.is_scheduled()
    assert not article.is_published()
    assert list(Article.objects.scheduled()) == [article]
    assert not article.is_scheduled(now=goes_live)
    assert not Article.objects.scheduled(now=goes_live).exists()


def test_a_live_a_draft_and_an_undated_article_are_not_scheduled():
    live = ArticleFactory()
    draft = ArticleFactory(
        status=Status.DRAFT, published_at=timezone.now() + timedelta(hours=2)
    )
    undated = ArticleFactory.build(published_at=None)

    assert not live.is_scheduled()
    assert not draft.is_scheduled()
    assert not undated.is_scheduled()
    assert not Article.objects.scheduled().exists()


def test_every_desk_time_reads_the_newsroom_clock_whatever_zone_is_active():
    moment = datetime(2025, 7, 16, 13, 30, tzinfo=UTC)

    with timezone.override(ZoneInfo("Asia/Tokyo")):
        assert newsroom_time(moment) == "16 Jul 2025, 14:30 BST"
        assert newsroom_time(moment, "list") == "Wed 16 Jul, 14:30 BST"
        assert newsroom_time(moment, "H:i") == "14:30"
        assert (
            newsroom_time(moment, zone_in_full=True)
            == "16 Jul 2025, 14:30 BST (Europe/London time)"
        )
        assert newsroom_time(None) == ""


def test_a_desk_time_shown_again_follows_the_newsrooms_zone_and_language():
    # Times are remembered once formatted: never across a change of the
    # newsroom's zone or of the reader's language.
    moment = datetime(2025, 5, 16, 13, 30, tzinfo=UTC)

    assert newsroom_time(moment) == "16 May 2025, 14:30 BST"
    with translation.override("de"):
        assert newsroom_time(moment) == "16 Mai 2025, 14:30 BST"
    with override_settings(TIME_ZONE="America/New_York"):
        assert newsroom_time(moment) == "16 May 2025, 09:30 EDT"
    assert newsroom_time(moment) == "16 May 2025, 14:30 BST"


def test_the_article_list_and_the_desk_badge_a_scheduled_article_alike():
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(hours=2))
    live = ArticleFactory()
    article_admin = admin.site._registry[Article]

    for article in (scheduled, live):
        assert article_admin.status_badge(article) == desk_status(article)
    assert "Scheduled" in desk_status(scheduled)
    assert "desk-status--published" in desk_status(live)
