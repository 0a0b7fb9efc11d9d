"""How much one article may hold: past each limit the desk refuses the save
with a message naming it, keeps everything typed in the form, and creates
nothing (no tag, no part)."""

import html

import pytest
from taggit.models import Tag

from articles import limits
from articles.models import FAQ, Article, Byline, Correction, KeyPoint, Section
from tests.admin_urls import change_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    admin_article_data,
)

pytestmark = pytest.mark.django_db


def page_text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def draft():
    return ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, headline="As filed"
    )


def save(client, article, data):
    return client.post(change_url(article), data)


# --- Tags -------------------------------------------------------------------------


@pytest.mark.parametrize("count", [limits.MAX_TAGS + 1, 3000])
def test_more_tags_than_the_limit_are_refused_before_any_tag_is_made(
    editor_client, draft, count, django_assert_max_num_queries
):
    typed = ", ".join(f"topic {number}" for number in range(count))

    # Refused at once: not a query (or more) per tag.
    with django_assert_max_num_queries(60):
        response = save(editor_client, draft, admin_article_data(draft, tags=typed))

    assert response.status_code == 200
    assert (
        f"An article may have at most {limits.MAX_TAGS} tags; these are {count}."
        in page_text(response)
    )
    assert typed in page_text(response)  # kept as typed
    assert not Tag.objects.exists()
    assert not draft.tags.exists()


def test_as_many_tags_as_the_limit_are_saved(editor_client, draft):
    typed = ", ".join(f"topic {number}" for number in range(limits.MAX_TAGS))

    response = save(editor_client, draft, admin_article_data(draft, tags=typed))

    assert response.status_code == 302
    assert draft.tags.count() == limits.MAX_TAGS


# --- Parts ------------------------------------------------------------------------


def new_rows(prefix, count):
    """``count`` new rows of the inline ``prefix``, as the desk posts them."""
    if prefix == "bylines":
        return [
            {"author": AuthorFactory(), "position": number + 1}
            for number in range(count)
        ]
    if prefix == "sections":
        return [
            {"subheading": f"Part {n}", "body": f"<p>Text {n}.</p>", "position": n}
            for n in range(count)
        ]
    if prefix == "key_points":
        return [{"text": f"Point {n}", "position": n} for n in range(count)]
    if prefix == "faqs":
        return [
            {"question": f"Question {n}?", "answer": "Yes.", "position": n}
            for n in range(count)
        ]
    return [
        {
            "created_at_0": "2026-01-02",
            "created_at_1": "10:00:00",
            "kind": "correction",
            "text": f"Fixed {n}.",
        }
        for n in range(count)
    ]


PARTS = [
    # (inline prefix, model, limit, how the message names them)
    ("bylines", Byline, limits.MAX_BYLINES, "bylines"),
    ("sections", Section, limits.MAX_SECTIONS, "sections"),
    ("key_points", KeyPoint, limits.MAX_KEY_POINTS, "key points"),
    ("faqs", FAQ, limits.MAX_FAQS, "FAQs"),
    ("corrections", Correction, limits.MAX_CORRECTIONS, "corrections"),
]


@pytest.mark.parametrize(("prefix", "model", "limit", "name"), PARTS)
def test_more_parts_than_the_limit_are_refused_with_everything_typed_kept(
    editor_client, draft, prefix, model, limit, name
):
    before = model.objects.count()
    existing = getattr(draft, prefix).count()
    rows = new_rows(prefix, limit + 1 - existing)
    data = admin_article_data(draft, inlines={prefix: rows}, headline="Typed")

    response = save(editor_client, draft, data)

    assert response.status_code == 200
    assert f"An article may have at most {limit} {name}." in page_text(response)
    assert 'value="Typed"' in page_text(response)
    # The last row typed is still in the form.
    last = f'name="{prefix}-{limit}-'
    assert last in page_text(response)
    assert model.objects.count() == before
    assert Article.objects.get(pk=draft.pk).headline == "As filed"


@pytest.mark.parametrize(("prefix", "model", "limit", "name"), PARTS)
def test_as_many_parts_as_the_limit_are_saved(
    editor_client, draft, prefix, model, limit, name
):
    existing = getattr(draft, prefix).count()
    rows = new_rows(prefix, limit - existing)

    response = save(
        editor_client, draft, admin_article_data(draft, inlines={prefix: rows})
    )

    assert response.status_code == 302
    assert getattr(draft, prefix).count() == limit


@pytest.mark.parametrize(("prefix", "model", "limit", "name"), PARTS)
def test_the_form_offers_no_row_past_the_limit(
    editor_client, draft, prefix, model, limit, name
):
    page = editor_client.get(change_url(draft)).content.decode()

    assert f'name="{prefix}-MAX_NUM_FORMS" value="{limit}"' in page


# --- A section's size -------------------------------------------------------------


def test_a_section_longer_than_the_limit_is_refused_saying_how_long_it_is(
    editor_client, draft
):
    body = "<p>" + "The harbour walls held fast. " * 4000 + "</p>"  # ~113 KB
    data = admin_article_data(
        draft,
        inlines={"sections": [{"subheading": "Night", "body": body, "position": 0}]},
    )

    response = save(editor_client, draft, data)

    assert response.status_code == 200
    text = page_text(response)
    assert "This section is 114 KB of text and markup" in text
    assert f"at most {limits.MAX_SECTION_BODY_KB} KB" in text
    assert "Split it into two or more sections" in text
    assert "The harbour walls held fast. " * 10 in text  # still in the editor
    assert not draft.sections.exists()


def test_a_section_as_long_as_the_limit_is_saved(editor_client, draft):
    sentence = "The harbour walls held fast. "
    body = (
        "<p>"
        + sentence * (limits.MAX_SECTION_BODY_KB * 1024 // len(sentence) - 1)
        + "</p>"
    )
    data = admin_article_data(
        draft,
        inlines={"sections": [{"subheading": "Night", "body": body, "position": 0}]},
    )

    response = save(editor_client, draft, data)

    assert response.status_code == 302
    assert draft.sections.get().body == body
