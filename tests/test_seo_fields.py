"""An article's SEO title and description: what search engines and share
cards show when the desk sets them, the headline and intro when it does not;
typed on the desk (normalised, one line, refused past their caps with what
was typed kept), escaped on the page, and kept in the article's history."""

import html
import unicodedata

import pytest
from django.urls import reverse

from articles import revisions
from articles.models import Article
from tests.admin_urls import change_url
from tests.factories import (
    ArticleFactory,
    EditorFactory,
    admin_article_data,
    site_settings,
)
from tests.test_structured_data import head

pytestmark = pytest.mark.django_db

HEADLINE = "Harbour bridge reopens after eleven months of repairs"
SEO_TITLE = "Harbour bridge reopens"
SEO_DESCRIPTION = "Traffic is back on the harbour bridge: what changed, what it cost."


@pytest.fixture
def story():
    site_settings(name="The Harbour Ledger")
    return ArticleFactory(
        headline=HEADLINE,
        slug="harbour-bridge",
        dek="The bridge carried its first cars at dawn.",
        summary="Repairs ran long and over budget.",
    )


def page_of(client, article):
    return head(client, article.get_absolute_url())


# --- The public page ----------------------------------------------------------


def test_the_seo_title_and_description_are_what_search_engines_and_shares_show(
    client, story
):
    Article.objects.filter(pk=story.pk).update(
        seo_title=SEO_TITLE, seo_description=SEO_DESCRIPTION
    )

    page = page_of(client, story)

    assert page.title == f"{SEO_TITLE} | The Harbour Ledger"
    assert page.one("og:title") == SEO_TITLE
    assert page.one("twitter:title") == SEO_TITLE
    assert page.one("description") == SEO_DESCRIPTION
    assert page.one("og:description") == SEO_DESCRIPTION
    assert page.one("twitter:description") == SEO_DESCRIPTION


def test_the_page_and_its_structured_data_keep_the_headline(client, story):
    Article.objects.filter(pk=story.pk).update(
        seo_title=SEO_TITLE, seo_description=SEO_DESCRIPTION
    )

    response = client.get(story.get_absolute_url())

    assert f'<h1 class="article__headline">{HEADLINE}</h1>' in response.content.decode()
    (data,) = page_of(client, story).jsonld()["NewsArticle"]
    assert data["headline"] == HEADLINE


def test_without_them_the_page_shows_the_headline_and_the_intro(client, story):
    page = page_of(client, story)

    assert page.title == f"{HEADLINE} | The Harbour Ledger"
    assert page.one("og:title") == HEADLINE
    assert page.one("twitter:title") == HEADLINE
    assert page.one("description") == "The bridge carried its first cars at dawn."
    assert page.one("og:description") == "The bridge carried its first cars at dawn."


def test_without_an_intro_either_the_description_is_the_summary(client, story):
    Article.objects.filter(pk=story.pk).update(dek="")

    page = page_of(client, story)

    assert page.one("description") == "Repairs ran long and over budget."
    assert page.one("og:description") == "Repairs ran long and over budget."


def test_a_long_intro_standing_in_is_cut_as_results_cut_it_but_the_seo_text_is_whole(
    client, story
):
    Article.objects.filter(pk=story.pk).update(dek="Word " * 60)
    assert len(page_of(client, story).one("description")) == 160

    description = "A description of the repairs. " * 6  # 180 characters
    Article.objects.filter(pk=story.pk).update(seo_description=description.strip())

    assert page_of(client, story).one("description") == description.strip()


def test_seo_texts_are_escaped_on_the_page(client, story):
    attack = '"><script>alert(1)</script> & <b>bold</b>'
    Article.objects.filter(pk=story.pk).update(seo_title=attack, seo_description=attack)

    response = client.get(story.get_absolute_url())
    page = response.content.decode()

    assert "<script>alert(1)" not in page
    assert "<b>bold</b>" not in page
    parsed = page_of(client, story)
    assert parsed.title == f"{attack} | The Harbour Ledger"
    assert parsed.one("og:title") == attack
    assert parsed.one("description") == attack


# --- The desk -------------------------------------------------------------------


def test_the_desk_saves_them_in_nfc_on_one_line(editor_client, story):
    decomposed = unicodedata.normalize("NFD", "Café reopens")
    data = admin_article_data(
        story,
        seo_title=f"  {decomposed}  ",
        seo_description="Traffic is back.\r\nWhat changed,\r\n  what it cost.",
    )

    response = editor_client.post(change_url(story), data)

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.seo_title == "Café reopens"
    assert story.seo_title == unicodedata.normalize("NFC", story.seo_title)
    assert story.seo_description == "Traffic is back. What changed, what it cost."


def test_the_desk_form_offers_them_under_search_and_sharing(editor_client, story):
    Article.objects.filter(pk=story.pk).update(seo_title=SEO_TITLE)

    response = editor_client.get(change_url(story))

    page = response.content.decode()
    assert "Search &amp; sharing" in page
    assert f'name="seo_title" value="{SEO_TITLE}"' in page
    assert 'name="seo_description"' in page
    # No cap in the browser: it would cut a paste short without a word.
    assert 'maxlength="100"' not in page


@pytest.mark.parametrize(
    ("field", "limit", "message"),
    [
        ("seo_title", 100, "This SEO title is {count} characters long"),
        ("seo_description", 200, "This SEO description is {count} characters long"),
    ],
)
def test_one_past_its_cap_is_refused_saying_so_and_what_was_typed_stays(
    editor_client, story, field, limit, message
):
    text = "x" * (limit + 1)

    response = editor_client.post(
        change_url(story), admin_article_data(story, **{field: text})
    )

    assert response.status_code == 200
    shown = html.unescape(response.content.decode())
    assert message.format(count=limit + 1) in shown
    assert f"it may have at most {limit}" in shown
    assert text in shown
    assert getattr(Article.objects.get(pk=story.pk), field) == ""

    response = editor_client.post(
        change_url(story), admin_article_data(story, **{field: "x" * limit})
    )
    assert response.status_code == 302
    assert getattr(Article.objects.get(pk=story.pk), field) == "x" * limit


def test_history_compares_and_restores_the_seo_title(client, story):
    editor = EditorFactory()
    client.force_login(editor)
    first = admin_article_data(story, seo_title="Bridge reopens at dawn")
    assert client.post(change_url(story), first).status_code == 302
    second = admin_article_data(story, seo_title="Bridge reopens at noon")
    assert client.post(change_url(story), second).status_code == 302
    newer, older = revisions.versions_of(story)[:2]

    response = client.get(
        reverse("admin:articles_article_compare", args=[story.pk]),
        {"from": older.pk, "to": newer.pk},
    )

    page = response.content.decode()
    assert "SEO title" in page
    assert '<del><span class="visually-hidden">removed: </span>dawn<' in page
    assert '<ins><span class="visually-hidden">added: </span>noon<' in page

    revisions.restore(story, older, by=editor)
    assert Article.objects.get(pk=story.pk).seo_title == "Bridge reopens at dawn"
