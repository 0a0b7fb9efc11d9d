import pytest
from django.test import override_settings

from articles.models import FAQ, KeyPoint, Section, count_words, minutes_to_read
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def words(n):
    return " ".join(["word"] * n)


def test_words_inside_markup_are_counted_but_tags_are_not():
    assert (
        count_words("<p>One <strong>two</strong> three’s <a href='x'>four</a></p>") == 4
    )


@override_settings(NEWSROOM_WORDS_PER_MINUTE=200)
def test_reading_time_rounds_up_and_is_never_zero():
    assert minutes_to_read(0) == 1
    assert minutes_to_read(200) == 1
    assert minutes_to_read(201) == 2


@override_settings(NEWSROOM_WORDS_PER_MINUTE=200)
def test_reading_time_counts_every_part_of_the_article():
    article = ArticleFactory(headline="Short", dek="", summary="")
    assert article.reading_time == 1

    Section.objects.create(article=article, subheading="A", body=f"<p>{words(300)}</p>")
    KeyPoint.objects.create(article=article, text=words(60))
    FAQ.objects.create(article=article, question="Why?", answer=words(240))
    article.refresh_reading_time()

    # 1 + 1 + 300 + 60 + 1 + 240 = 603 words
    assert article.reading_time == 4
    article.refresh_from_db()
    assert article.reading_time == 4


@override_settings(NEWSROOM_WORDS_PER_MINUTE=200)
def test_saving_the_article_recounts_its_own_text():
    article = ArticleFactory(headline="Short", dek="", summary="")
    article.summary = words(450)
    article.save()
    article.refresh_from_db()
    assert article.reading_time == 3
