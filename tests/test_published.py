"""`Article.objects.published()`: the one definition of what the public sees."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
PAST = timedelta(hours=-2)
FUTURE = timedelta(hours=2)


@pytest.mark.parametrize(
    ("status", "offset", "is_public"),
    [
        (Status.DRAFT, PAST, False),
        (Status.DRAFT, FUTURE, False),
        (Status.DRAFT, None, False),
        (Status.IN_REVIEW, PAST, False),
        (Status.CHANGES_REQUESTED, PAST, False),
        (Status.PUBLISHED, PAST, True),
        (Status.PUBLISHED, FUTURE, False),  # scheduled
        (Status.PUBLISHED, None, False),
        (Status.UNPUBLISHED, PAST, False),
    ],
)
def test_only_published_articles_whose_time_has_come_are_public(
    status, offset, is_public
):
    published_at = timezone.now() + offset if offset is not None else None
    article = ArticleFactory(status=status, published_at=published_at)

    assert (article in Article.objects.published()) is is_public
    assert article.is_published() is is_public


def test_scheduled_article_becomes_public_at_its_time_without_any_job():
    go_live = timezone.now() + timedelta(days=1)
    article = ArticleFactory(status=Status.PUBLISHED, published_at=go_live)

    with time_machine.travel(go_live - timedelta(seconds=1)):
        assert not Article.objects.published().filter(pk=article.pk).exists()
        assert not article.is_published()
    with time_machine.travel(go_live):
        assert Article.objects.published().filter(pk=article.pk).exists()
        assert article.is_published()
