import pytest
from django.core.exceptions import ValidationError
from django.urls import get_resolver, reverse

from newsroom.routes import RESERVED_SLUGS
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def first_segments():
    """The literal first path segment of every top-level URL pattern."""
    segments = set()
    for pattern in get_resolver().url_patterns:
        text = str(pattern.pattern).lstrip("^")
        literal = text.split("/")[0]
        if literal and "<" not in literal and "(" not in literal:
            segments.add(literal.rstrip("$"))
        elif "(?P<slug>" in text:  # the site pages' alternation
            inner = text.split("(?P<slug>")[1].split(")")[0]
            segments.update(inner.split("|"))
    return segments


def test_every_top_level_route_is_reserved_from_category_slugs():
    assert first_segments() - RESERVED_SLUGS == set()


@pytest.mark.parametrize("slug", ["admin", "tag", "author", "search", "feed", "about"])
def test_a_category_cannot_take_a_slug_the_site_uses(slug):
    category = CategoryFactory.build(name=slug.title(), slug=slug)
    with pytest.raises(ValidationError) as error:
        category.full_clean()
    assert "used by the site itself" in str(error.value)


def test_an_ordinary_category_slug_is_accepted():
    CategoryFactory.build(name="Health", slug="health").full_clean()


@pytest.mark.django_db
def test_addresses_built_from_remembered_paths_are_the_url_map_s_own():
    article = ArticleFactory(
        slug="budget-passes", category=CategoryFactory(slug="world")
    )
    author = AuthorFactory(slug="ada-lovelace")

    assert article.category.get_absolute_url() == reverse(
        "articles:category", kwargs={"slug": "world"}
    )
    assert article.get_absolute_url() == reverse(
        "articles:detail", kwargs={"category": "world", "slug": "budget-passes"}
    )
    assert author.get_absolute_url() == reverse(
        "authors:detail", kwargs={"slug": "ada-lovelace"}
    )
