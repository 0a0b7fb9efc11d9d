import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_article_factory_makes_a_live_article_with_parts():
    article = ArticleFactory(with_parts=True)
    assert article.is_published()
    assert article.sections.count() == 3
