"""Deleting is never a loss: a category with articles filed under it, or an
author whose byline is on articles, cannot be deleted, from the desk (its
page or its list's bulk action, forged POSTs included) or from code; the
desk says why and what to do instead, and nothing changes."""

import html
import re

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from articles.models import Article, Byline, Category
from authors.models import Author
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A section with two articles, a byline on both, and an empty section
    and an author without bylines that may go."""
    author = AuthorFactory(name="Ada Byline")
    category = CategoryFactory(name="City")
    first = ArticleFactory(
        category=category, headline="Harbour bridge reopens", bylines=[author]
    )
    second = ArticleFactory(
        category=category, headline="Ferry fares rise", bylines=[author]
    )
    return {
        "author": author,
        "category": category,
        "articles": [first, second],
        "empty_category": CategoryFactory(name="Archive"),
        "guest": AuthorFactory(name="Gone Guest"),
    }


def snapshot():
    return {
        "articles": sorted(Article.objects.values_list("pk", "category_id")),
        "bylines": sorted(Byline.objects.values_list("article_id", "author_id")),
        "categories": sorted(Category.objects.values_list("pk", flat=True)),
        "authors": sorted(Author.objects.values_list("pk", flat=True)),
    }


def page_text(response):
    return " ".join(
        html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split()
    )


def delete_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])


def changelist_url(model):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")


def test_category_with_articles_says_why_it_cannot_be_deleted(editor_client, world):
    response = editor_client.get(delete_url(world["category"]))

    text = page_text(response)
    assert response.status_code == 200
    assert "“City” cannot be deleted: 2 articles are filed under it." in text
    assert "Move them to another category first" in text
    assert "Harbour bridge reopens" in text and "Ferry fares rise" in text
    assert 'type="submit"' not in response.content.decode().split("</h1>", 1)[1]


# (model, the world's record that is kept, one that may go, the kept one's name)
PROTECTED = [
    pytest.param(Category, "category", "empty_category", "City", id="category"),
    pytest.param(Author, "author", "guest", "Ada Byline", id="author"),
]


@pytest.mark.parametrize(("model", "kept", "free", "name"), PROTECTED)
def test_forged_delete_of_a_record_in_use_changes_nothing(
    editor_client, world, model, kept, free, name
):
    before = snapshot()

    response = editor_client.post(delete_url(world[kept]), {"post": "yes"})

    assert response.status_code == 200
    assert f"“{name}” cannot be deleted" in page_text(response)
    assert snapshot() == before


@pytest.mark.parametrize(("model", "kept", "free", "name"), PROTECTED)
def test_bulk_delete_with_one_record_in_use_deletes_none(
    editor_client, world, model, kept, free, name
):
    before = snapshot()
    chosen = [world[kept].pk, world[free].pk]

    response = editor_client.post(
        changelist_url(model),
        {"action": "delete_selected", "_selected_action": chosen, "post": "yes"},
    )

    assert response.status_code == 200
    assert f"“{name}” cannot be deleted" in page_text(response)
    assert snapshot() == before


@pytest.mark.parametrize(("model", "kept", "free", "name"), PROTECTED)
def test_a_record_in_use_by_nothing_can_still_be_deleted(
    editor_client, world, model, kept, free, name
):
    response = editor_client.post(delete_url(world[free]), {"post": "yes"})

    assert response.status_code == 302
    assert not model.objects.filter(pk=world[free].pk).exists()
    assert model.objects.filter(pk=world[kept].pk).exists()
    assert Article.objects.count() == 2


def test_author_with_bylines_names_the_articles_that_keep_them(editor_client, world):
    response = editor_client.get(delete_url(world["author"]))

    text = page_text(response)
    assert response.status_code == 200
    assert "“Ada Byline” cannot be deleted: their byline is on 2 articles." in text
    assert "Untick “active”" in text
    assert "Article: Harbour bridge reopens" in text
    assert "Article: Ferry fares rise" in text
    # Not Django's "Byline: <the author's own name>", which tells nothing.
    assert "Byline: Ada Byline" not in text
    change = reverse("admin:articles_article_change", args=[world["articles"][0].pk])
    assert f'href="{change}"' in response.content.decode()


def test_deleting_a_login_keeps_its_author_and_bylines(journalist):
    author = journalist.author_profile
    ArticleFactory(bylines=[author])
    before = snapshot()

    journalist.delete()

    author.refresh_from_db()
    assert author.user is None
    assert snapshot() == before


def test_code_cannot_delete_them_either(world):
    before = snapshot()

    with pytest.raises(ProtectedError):
        world["category"].delete()
    with pytest.raises(ProtectedError):
        world["author"].delete()
    with pytest.raises(ProtectedError):
        Category.objects.filter(pk=world["category"].pk).delete()

    assert snapshot() == before


def test_journalists_cannot_delete_categories_or_authors(journalist_client, world):
    before = snapshot()

    for obj in (world["empty_category"], world["guest"]):
        response = journalist_client.post(delete_url(obj), {"post": "yes"})
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response.url == reverse("admin:index")

    assert snapshot() == before
