"""One spelling per word, one look per address, over HTTP: text typed in either
Unicode form is stored in NFC (so "Café" is one tag), and an address that
would look the same as an existing one (a Cyrillic "К" for a Latin "K") is
numbered when made from a headline and refused when typed."""

import html
import unicodedata

import pytest
from django.test import Client
from django.urls import reverse
from taggit.models import Tag
from taggit.utils import parse_tags

from articles.models import Article, Category
from authors.models import Author
from contact.models import ContactMessage
from newsletter.models import Subscriber
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    admin_article_data,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
COMPOSED = "Caf\u00e9"  # é as one code point
DECOMPOSED = "Cafe\u0301"  # e, then a combining acute accent
CYRILLIC_K = "\u041a"


def test_the_two_spellings_of_cafe_differ_only_in_code_points():
    # The premise: they look the same and are different strings.
    assert COMPOSED != DECOMPOSED
    assert unicodedata.normalize("NFC", DECOMPOSED) == COMPOSED


def new_article(client, inlines=None, **fields):
    """Adds an article on the desk (bylined on a new author unless
    ``inlines`` say otherwise); returns the response."""
    inlines = inlines or {"bylines": [{"author": AuthorFactory().pk, "position": 0}]}
    data = admin_article_data(
        inlines=inlines, **{"category": CategoryFactory().pk, **fields}
    )
    return client.post(ADD_URL, data)


def test_cafe_typed_either_way_is_one_tag_with_one_address(editor_client):
    first = new_article(
        editor_client, headline="Old café", slug="old-cafe", tags=COMPOSED
    )
    second = new_article(
        editor_client, headline="New café", slug="new-cafe", tags=DECOMPOSED
    )

    assert first.status_code == second.status_code == 302
    assert list(Tag.objects.values_list("name", "slug")) == [(COMPOSED, "café")]
    tag = Tag.objects.get()
    assert set(Article.objects.filter(tags=tag).values_list("slug", flat=True)) == {
        "old-cafe",
        "new-cafe",
    }


def test_taggits_parser_reads_tags_in_nfc():
    assert parse_tags(f"{DECOMPOSED}, {COMPOSED}") == [COMPOSED]


def test_headline_dek_and_parts_typed_decomposed_are_stored_composed(editor_client):
    response = new_article(
        editor_client,
        headline=f"{DECOMPOSED} reopens",
        slug="",
        dek=f"The {DECOMPOSED} on the quay.",
        inlines={
            "bylines": [{"author": AuthorFactory().pk, "position": 0}],
            "sections": [
                {
                    "subheading": f"At the {DECOMPOSED}",
                    "body": f"<p>{DECOMPOSED} au lait.</p>",
                    "position": 0,
                }
            ],
            "key_points": [{"text": f"{DECOMPOSED} is back", "position": 0}],
        },
    )

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.headline == f"{COMPOSED} reopens"
    assert article.dek == f"The {COMPOSED} on the quay."
    section = article.sections.get()
    assert section.subheading == f"At the {COMPOSED}"
    assert COMPOSED in section.body and DECOMPOSED not in section.body
    assert article.key_points.get().text == f"{COMPOSED} is back"


def test_author_and_category_names_typed_decomposed_are_stored_composed(editor_client):
    author = AuthorFactory(name="Ana")
    category = CategoryFactory(name="Food", slug="food")

    editor_client.post(
        reverse("admin:authors_author_change", args=[author.pk]),
        {"name": f"Ana {DECOMPOSED}", "slug": author.slug, "is_active": "on"},
    )
    editor_client.post(
        reverse("admin:articles_category_change", args=[category.pk]),
        {"name": f"{DECOMPOSED} culture", "slug": "food", "menu_order": 1},
    )

    assert Author.objects.get(pk=author.pk).name == f"Ana {COMPOSED}"
    assert Category.objects.get(pk=category.pk).name == f"{COMPOSED} culture"


def test_a_readers_message_typed_decomposed_is_stored_composed():
    Client().post(
        "/contact/",
        {
            "name": f"{DECOMPOSED} Owner",
            "email": "owner@example.com",
            "subject": f"My {DECOMPOSED}",
            "message": f"Please review my {DECOMPOSED} again.",
            "website": "",
        },
    )

    message = ContactMessage.objects.get()
    assert (message.name, message.subject) == (f"{COMPOSED} Owner", f"My {COMPOSED}")


def test_a_search_typed_decomposed_finds_the_composed_word():
    ArticleFactory(headline=f"{COMPOSED} reopens on the quay")

    response = Client().get("/search/", {"q": DECOMPOSED})

    page = response.content.decode()
    results = page[page.index('class="listing__main"') :]
    results = results[: results.find("<aside")]
    assert f"{COMPOSED} reopens on the quay" in html.unescape(results)
    # The query shown back in the search box is the one searched.
    assert f'name="q" value="{COMPOSED}"' in page


def test_a_newsletter_address_typed_decomposed_is_one_subscriber_stored_composed(
    mailoutbox,
):
    # A domain may be written in any script (IDNA); its "é" either way.
    for typed in (f"reader@{COMPOSED}.example", f"reader@{DECOMPOSED}.example"):
        Client().post("/subscribe/", {"email": typed})

    assert list(Subscriber.objects.values_list("email", flat=True)) == [
        f"reader@{COMPOSED.lower()}.example"
    ]
    assert [m.to for m in mailoutbox] == [[f"reader@{COMPOSED.lower()}.example"]] * 2


# --- Addresses that look alike ----------------------------------------------------


def test_a_headline_with_a_cyrillic_k_does_not_get_a_look_alike_address(editor_client):
    existing = ArticleFactory(
        headline="Kyiv bridge reopens", slug="kyiv-bridge-reopens"
    )

    response = new_article(
        editor_client, headline=f"{CYRILLIC_K}yiv bridge reopens", slug=""
    )

    assert response.status_code == 302
    spoof = Article.objects.exclude(pk=existing.pk).get()
    # Numbered, as a taken address is: readers can tell the two apart.
    assert spoof.slug == "\u043ayiv-bridge-reopens-2"


def test_a_typed_look_alike_address_is_refused_with_a_clear_message(editor_client):
    ArticleFactory(slug="kyiv-bridge-reopens")

    response = new_article(
        editor_client, headline="Bridge", slug="\u043ayiv-bridge-reopens"
    )

    assert response.status_code == 200
    errors = html.unescape(response.content.decode())
    assert "This address would look the same as another article" in errors
    assert Article.objects.count() == 1


def test_an_address_in_another_script_that_looks_different_is_kept(editor_client):
    ArticleFactory(slug="kyiv-bridge-reopens")

    response = new_article(editor_client, headline="Київ відкриває міст", slug="")

    assert response.status_code == 302
    assert Article.objects.filter(slug="київ-відкриває-міст").exists()


def test_two_plain_ascii_addresses_are_never_called_look_alikes(editor_client):
    # "l" and "1" are a spelling, not a spoof: both addresses are honest.
    ArticleFactory(slug="top-10-walks")

    response = new_article(editor_client, headline="Top walks", slug="top-l0-walks")

    assert response.status_code == 302
    assert Article.objects.filter(slug="top-l0-walks").exists()


def test_a_new_tag_that_looks_like_an_existing_one_is_refused(editor_client):
    Tag.objects.create(name="Kyiv", slug="kyiv")

    response = new_article(editor_client, tags=f"{CYRILLIC_K}yiv")

    assert response.status_code == 200
    assert "would look the same as the tag “Kyiv”" in html.unescape(
        response.content.decode()
    )
    assert list(Tag.objects.values_list("name", flat=True)) == ["Kyiv"]
