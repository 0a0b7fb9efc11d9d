"""One write, one set of effects: a desk save re-indexes its article once
and marks the readers' pages it made stale once (one set of page keys, one
version), however many parts it saves."""

from unittest import mock

import pytest
from django.urls import reverse

from articles import search, services, workflow
from articles.models import Article, Redirect
from newsroom import page_keys
from tests.admin_urls import change_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    admin_article_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted():
    """The real indexing and page-key functions, their calls counted."""
    with (
        mock.patch.object(
            search, "update_search_documents", wraps=search.update_search_documents
        ) as index,
        mock.patch.object(page_keys, "changed", wraps=page_keys.changed) as stale,
    ):
        yield index, stale


def test_a_new_article_with_all_its_parts_saved_at_the_desk_is_indexed_once_and_marks_pages_stale_once(  # noqa: E501
    editor_client, counted
):
    index, stale = counted
    data = admin_article_data(
        category=CategoryFactory().pk,
        dek="Traffic returns to the crossing.",
        summary="The bridge is open again.",
        tags="bridges, harbour, transport, city council",
        inlines={
            "bylines": [{"author": AuthorFactory(), "position": 0}],
            "sections": [
                {"subheading": f"Part {n}", "body": "<p>Words.</p>", "position": n}
                for n in range(5)
            ],
            "key_points": [{"text": f"Point {n}", "position": n} for n in range(3)],
            "faqs": [
                {"question": f"Question {n}?", "answer": "Yes.", "position": n}
                for n in range(3)
            ],
        },
    )

    index.reset_mock()  # the category and author made above
    stale.reset_mock()

    response = editor_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get(slug="harbour-bridge-reopens")
    assert article.sections.count() == 5
    assert article.key_points.count() == 3
    assert article.faqs.count() == 3
    assert len(article.tags.names()) == 4
    index.assert_called_once_with([article.pk])
    assert stale.call_count == 1


def test_editing_one_part_of_a_live_article_marks_its_pages_stale_once(
    editor_client, client, page_cache, counted
):
    _index, stale = counted
    article = ArticleFactory(with_parts=True, tag_names=["harbour"])
    assert (
        "What the engineers found"
        not in client.get(article.get_absolute_url()).content.decode()
    )
    stale.reset_mock()
    data = admin_article_data(article)
    data["sections-0-subheading"] = "What the engineers found"

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302, response.context["errors"]
    assert stale.call_count == 1
    page = client.get(article.get_absolute_url()).content.decode()
    assert "What the engineers found" in page


def test_unpublishing_marks_its_pages_stale_once(
    counted,
):
    _index, stale = counted
    article = ArticleFactory(with_parts=True)
    stale.reset_mock()

    workflow.unpublish(article, by=EditorFactory(), note="Legal asked us to.")

    assert stale.call_count == 1
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_saves_made_outside_the_services_still_reach_the_index_and_the_page_keys(
    counted,
):
    index, stale = counted
    article = ArticleFactory(status=Article.Status.PUBLISHED)
    index.reset_mock()
    stale.reset_mock()

    with services.writing():
        article.headline = "Ferry timetable changes"
        article.save()
        article.sections.create(subheading="New times", body="<p>x</p>", position=0)
        article.tags.add("ferries")

    index.assert_called_once_with([article.pk])
    assert stale.call_count == 1


def test_a_write_rolled_back_inside_another_leaves_no_redirect_and_no_reindex(counted):
    """An import writes fifty articles as one write, each its own savepoint:
    one that fails must take what it reported with it."""
    index, _stale = counted
    kept, failed = ArticleFactory(), ArticleFactory(slug="harbour-bridge")
    old_address = failed.get_absolute_url()
    index.reset_mock()

    with services.writing():
        kept.headline = "Ferry timetable changes"
        kept.save()
        with pytest.raises(RuntimeError), services.writing():
            failed.slug = "harbour-bridge-reopens"
            failed.save()
            raise RuntimeError("a bad item")

    failed.refresh_from_db()
    assert failed.slug == "harbour-bridge"
    assert not Redirect.objects.filter(old_path=old_address).exists()
    index.assert_called_once_with([kept.pk])
