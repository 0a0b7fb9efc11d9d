"""The admin as the newsroom desk: writing an article, lists, links, settings."""

import html
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Category, Correction, KeyPoint, Section
from articles.pagination import DeskSearchPaginator, EstimatedCountPaginator
from newsroom.models import SiteSettings
from tests.admin_urls import change_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    JournalistFactory,
    admin_article_data,
    library_image,
    png_upload,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
CHANGELIST_URL = reverse("admin:articles_article_changelist")


def page_text(response):
    return html.unescape(response.content.decode())


# --- Writing an article -------------------------------------------------------


def test_editor_creates_an_article_with_all_its_parts_in_order(editor_client):
    category = CategoryFactory(name="City", slug="city")
    first, second = AuthorFactory(name="Ada Byline"), AuthorFactory(name="Ben Byline")
    long_body = "<p>" + "word " * 300 + "</p>"
    data = admin_article_data(
        category=category.pk,
        dek="Traffic returns to the crossing.",
        summary="The bridge is open again.",
        tags="city council, transport",
        hero_image=library_image(png_upload("bridge.png"), alt="A bridge").pk,
        hero_alt="The bridge at dawn",
        inlines={
            # Rows posted out of order: the position decides.
            "bylines": [
                {"author": second, "position": 1},
                {"author": first, "position": 0},
            ],
            "sections": [
                {"subheading": "The repairs", "body": long_body, "position": 1},
                {"subheading": "The closure", "body": long_body, "position": 0},
            ],
            "key_points": [
                {"text": "Reopened today", "position": 2},
                {"text": "Closed in May", "position": 0},
                {"text": "Cost two million", "position": 1},
            ],
            "faqs": [
                {"question": "Is it open?", "answer": "Yes.", "position": 0},
                {"question": "Tolls?", "answer": "None.", "position": 1},
            ],
        },
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get(slug="harbour-bridge-reopens")
    assert article.status == Article.Status.DRAFT
    assert article.category == category
    assert article.byline_authors == [first, second]
    assert [s.subheading for s in article.sections.all()] == [
        "The closure",
        "The repairs",
    ]
    assert [p.text for p in article.key_points.all()] == [
        "Closed in May",
        "Cost two million",
        "Reopened today",
    ]
    assert [f.question for f in article.faqs.all()] == ["Is it open?", "Tolls?"]
    assert sorted(article.tags.names()) == ["city council", "transport"]
    assert article.hero_image.name.startswith("library/")
    assert article.hero_alt_text == "The bridge at dawn"
    # 600 words of sections and a few dozen more: three minutes, which only a
    # count made after the parts were saved can know.
    assert article.reading_time == 3


def test_slug_is_made_from_the_headline_when_left_empty(editor_client):
    data = admin_article_data(
        headline="Mayor resigns over expenses",
        slug="",
        inlines={"bylines": [{"author": AuthorFactory(), "position": 0}]},
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302
    assert Article.objects.filter(slug="mayor-resigns-over-expenses").exists()


def publish(article):
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now() - timedelta(hours=1)
    article.save()


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        ("東京の新しい橋が開通", "東京の新しい橋が開通"),
        ("Київ відкриває новий міст", "київ-відкриває-новий-міст"),
        ("Η Αθήνα ανοίγει τη γέφυρα", "η-αθήνα-ανοίγει-τη-γέφυρα"),
    ],
)
def test_a_headline_in_another_script_gets_an_address_in_its_own_words(
    editor_client, client, headline, slug
):
    category = CategoryFactory(slug="world")
    data = admin_article_data(
        headline=headline,
        slug="",
        category=category.pk,
        inlines={"bylines": [{"author": AuthorFactory(), "position": 0}]},
    )

    first = editor_client.post(ADD_URL, data)
    second = editor_client.post(ADD_URL, data)  # the same headline again

    assert first.status_code == 302
    assert second.status_code == 302
    articles = list(Article.objects.order_by("pk"))
    assert [a.slug for a in articles] == [slug, f"{slug}-2"]
    for article in articles:
        publish(article)
        url = article.get_absolute_url()
        assert url == reverse(
            "articles:detail", kwargs={"category": "world", "slug": article.slug}
        )
        assert url.isascii()  # percent-encoded, as an address must be
        page = client.get(url)
        assert page.status_code == 200, url
        assert headline in page.content.decode()


def test_an_address_in_another_script_works_on_every_surface(editor_client, client):
    article = ArticleFactory(
        headline="Київ відкриває новий міст",
        slug="київ-відкриває-новий-міст",
        category=CategoryFactory(slug="world"),
        with_parts=True,
    )
    url = article.get_absolute_url()
    absolute = f"http://testserver{url}"

    assert f'href="{url}"' in client.get("/world/").content.decode()
    assert absolute in client.get("/sitemap-articles.xml").content.decode()
    for feed in ["/feed/", "/feed/atom/", "/world/feed/"]:
        assert absolute in client.get(feed).content.decode(), feed

    # Renamed on the desk: the old address leads to the new one.
    response = editor_client.post(
        change_url(article), admin_article_data(article, slug="kyiv-bridge")
    )
    assert response.status_code == 302
    moved = client.get(url)
    assert moved.status_code == 301
    assert moved["Location"] == "/world/kyiv-bridge/"


def test_a_headline_with_only_accents_keeps_an_ascii_address(editor_client):
    data = admin_article_data(
        headline="Café Zürich reopens",
        slug="",
        inlines={"bylines": [{"author": AuthorFactory(), "position": 0}]},
    )

    assert editor_client.post(ADD_URL, data).status_code == 302

    assert Article.objects.get().slug == "cafe-zurich-reopens"


def test_a_headline_without_letters_or_digits_still_gets_an_address(
    editor_client, client
):
    category = CategoryFactory(slug="world")
    data = admin_article_data(
        headline="!!!",
        slug="",
        category=category.pk,
        inlines={"bylines": [{"author": AuthorFactory(), "position": 0}]},
    )

    responses = [editor_client.post(ADD_URL, data) for _ in range(2)]

    assert [r.status_code for r in responses] == [302, 302]
    articles = list(Article.objects.order_by("pk"))
    assert [a.slug for a in articles] == ["article", "article-2"]
    for article in articles:
        publish(article)
        assert client.get(article.get_absolute_url()).status_code == 200


def test_an_emptied_slug_is_made_again_from_the_headline(editor_client):
    article = ArticleFactory(headline="Mayor resigns", slug="old-slug")
    ArticleFactory(slug="mayor-resigns")

    response = editor_client.post(
        change_url(article), admin_article_data(article, slug="")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.slug == "mayor-resigns-2"


@pytest.mark.parametrize("taken", ["budget-passes", "東京の新しい橋"])
def test_a_slug_typed_by_hand_that_another_article_has_is_refused(editor_client, taken):
    ArticleFactory(slug=taken)
    data = admin_article_data(
        slug=taken,
        inlines={"bylines": [{"author": AuthorFactory(), "position": 0}]},
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        "Another article already has this slug, so its address would be taken; "
        "choose another (or leave it empty to have one made from the headline)."
    ]
    assert Article.objects.count() == 1


def test_a_slug_too_long_for_an_address_is_refused(editor_client):
    data = admin_article_data(
        slug="橋" * 60,  # 60 characters, 540 in the address
        inlines={"bylines": [{"author": AuthorFactory(), "position": 0}]},
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "too long for an address" in str(
        response.context["adminform"].form.errors["slug"]
    )
    assert not Article.objects.exists()


def test_a_long_headline_in_another_script_gets_an_address_that_fits(
    editor_client,
):
    data = admin_article_data(
        headline="東京" * 90,
        slug="",
        inlines={"bylines": [{"author": AuthorFactory(), "position": 0}]},
    )

    assert editor_client.post(ADD_URL, data).status_code == 302

    slug = Article.objects.get().slug
    assert slug.startswith("東京東京")
    assert len(reverse("articles:detail", args=["world", slug])) < 500


def test_approving_an_article_without_a_slug_says_it_needs_one(editor_client):
    article = ArticleFactory(
        status=Article.Status.IN_REVIEW, published_at=None, with_parts=True
    )
    Article.objects.filter(pk=article.pk).update(slug="")  # as old data may be

    response = editor_client.post(
        reverse("admin:articles_article_transition", args=[article.pk, "approve"]),
        follow=True,
    )

    assert "The article still needs an address (slug)." in messages_of(response)
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_a_tag_with_spaces_and_no_comma_stays_one_tag(editor_client):
    data = admin_article_data(
        tags="city council",
        inlines={"bylines": [{"author": AuthorFactory(), "position": 0}]},
    )

    editor_client.post(ADD_URL, data)

    article = Article.objects.get(slug="harbour-bridge-reopens")
    assert list(article.tags.names()) == ["city council"]


def test_a_tag_of_punctuation_alone_is_refused_with_a_message(editor_client):
    data = admin_article_data(
        tags="budget, !!!",
        inlines={"bylines": [{"author": AuthorFactory(), "position": 0}]},
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "A tag needs at least one letter or digit: !!!." in page_text(response)
    assert not Article.objects.exists()


def test_a_tag_in_any_alphabet_keeps_its_page(editor_client, client):
    data = admin_article_data(
        tags="Türkiye, 日本",
        inlines={"bylines": [{"author": AuthorFactory(), "position": 0}]},
    )
    editor_client.post(ADD_URL, data)
    article = Article.objects.get(slug="harbour-bridge-reopens")
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now() - timedelta(hours=1)
    article.save()

    assert client.get(article.get_absolute_url()).status_code == 200
    for tag in article.tags.all():
        response = client.get(reverse("articles:tag", args=[tag.slug]))
        assert response.status_code == 200, tag.slug
        assert article.headline in response.content.decode()


def test_an_article_without_any_byline_is_refused_with_a_message(editor_client):
    response = editor_client.post(ADD_URL, admin_article_data())

    assert response.status_code == 200
    assert "Add at least one byline." in page_text(response)
    assert not Article.objects.exists()


def test_hero_image_without_alt_text_is_refused_with_a_message(editor_client):
    # Chosen from the library, where it has no alt text yet, and given none
    # here either.
    data = admin_article_data(
        hero_image=library_image(alt="").pk,
        hero_alt="",
        inlines={"bylines": [{"author": AuthorFactory(), "position": 0}]},
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "Describe the hero image for readers who cannot see it." in page_text(
        response
    )
    assert not Article.objects.exists()


def test_a_new_article_is_a_draft_whatever_the_form_says(editor_client):
    data = admin_article_data(
        category=CategoryFactory().pk,
        status=Article.Status.PUBLISHED,
        published_at_0="2020-01-01",
        published_at_1="09:00:00",
        inlines={"bylines": [{"author": AuthorFactory(), "position": 0}]},
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302
    article = Article.objects.get(slug="harbour-bridge-reopens")
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert article.first_published_at is None


def test_editor_cannot_publish_through_the_article_form(editor_client):
    # Publishing is the workflow's: the form has no status or time to set.
    article = ArticleFactory(status=Article.Status.IN_REVIEW, published_at=None)

    page = editor_client.get(change_url(article)).content.decode()
    response = editor_client.post(
        change_url(article),
        admin_article_data(
            article,
            status=Article.Status.PUBLISHED,
            published_at_0="2020-01-01",
            published_at_1="09:00:00",
        ),
    )

    assert 'name="status"' not in page
    assert 'name="published_at_0"' not in page
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert article.published_at is None


HOSTILE_BODY = (
    "<p>Safe <strong>bold</strong> and <em>italic</em> "
    '<a href="https://example.com/story">a link</a></p>'
    "<ul><li>listed</li></ul>"
    "<blockquote><p>quoted</p></blockquote>"
    "<script>alert(1)</script>"
    "<img src=x onerror=alert(1)>"
    '<p><a href="javascript:alert(1)">js link</a></p>'
    '<p><a href="data:text/html,<script>alert(1)</script>">data link</a></p>'
    "<p onclick=alert(1)>clickable</p>"
)


def test_forged_section_body_keeps_the_editors_markup_and_nothing_else(
    editor_client,
):
    data = admin_article_data(
        inlines={
            "bylines": [{"author": AuthorFactory(), "position": 0}],
            "sections": [{"subheading": "S", "body": HOSTILE_BODY, "position": 0}],
        },
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302
    body = Article.objects.get().sections.get().body
    for marker in ["<script", "onerror", "onclick", "javascript:", "data:", "<img"]:
        assert marker not in body.lower()
    for kept in [
        "<strong>bold</strong>",
        "<em>italic</em>",
        'href="https://example.com/story"',
        "<ul><li>listed</li></ul>",
        "<blockquote><p>quoted</p></blockquote>",
        "<p>clickable</p>",
    ]:
        assert kept in body


# --- Keeping a live or in-review article publishable --------------------------


def emptied_of_intro_and_sections(article, **fields):
    """The change form as an editor posts it after clearing the intro,
    ticking every section's delete box and typing other changes."""
    data = admin_article_data(
        article,
        dek="",
        headline="Harbour bridge: the whole story",
        inlines={"key_points": [{"text": "Tolls return in May", "position": 9}]},
        **fields,
    )
    for index in range(article.sections.count()):
        data[f"sections-{index}-DELETE"] = "on"
    return data


@pytest.mark.parametrize(
    ("status", "needs"),
    [
        (
            Article.Status.PUBLISHED,
            "Not saved: this article is published, and it would no longer have "
            "what publishing needs: an intro and at least one section.",
        ),
        (
            Article.Status.IN_REVIEW,
            "Not saved: this article is in review, and it would no longer have "
            "what publishing needs: an intro and at least one section.",
        ),
    ],
)
def test_an_article_live_or_in_review_cannot_be_saved_without_what_publishing_needs(
    editor_client, client, status, needs
):
    article = ArticleFactory(status=status, with_parts=True)
    before = editor_client.get(change_url(article))
    assert before.status_code == 200

    response = editor_client.post(
        change_url(article), emptied_of_intro_and_sections(article)
    )

    assert response.status_code == 200
    page = page_text(response)
    assert needs in page
    # Everything typed is shown again: nothing is lost.
    assert 'value="Harbour bridge: the whole story"' in page
    assert "Tolls return in May" in page
    for index in range(3):
        assert re.search(rf'name="sections-{index}-DELETE"[^>]* checked', page)
    # And nothing was saved.
    article.refresh_from_db()
    assert article.dek == "The vote ends a month of argument over the city's spending."
    assert article.headline.startswith("Council approves budget")
    assert article.sections.count() == 3
    assert article.key_points.count() == 3
    if status == Article.Status.PUBLISHED:
        assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        ({"hero_credit": ""}, "a credit for the hero image"),
        ({"hero_alt": ""}, "Describe the hero image for readers who cannot see it."),
    ],
)
def test_a_live_article_keeps_its_hero_credit_and_alt_text(
    editor_client, media_root, change, missing
):
    # The article's own texts, the library's empty: clearing them leaves none.
    article = ArticleFactory(
        with_parts=True,
        hero_image=library_image(alt="", credit=""),
        hero_alt="The bridge at dawn",
        hero_credit="Photo: Ana Ruiz",
    )

    response = editor_client.post(
        change_url(article), admin_article_data(article, **change)
    )

    assert response.status_code == 200
    assert missing in page_text(response)
    article.refresh_from_db()
    assert (article.hero_alt, article.hero_credit) == (
        "The bridge at dawn",
        "Photo: Ana Ruiz",
    )


def test_a_live_article_keeps_its_last_byline(editor_client):
    article = ArticleFactory(with_parts=True)
    data = admin_article_data(article)
    data["bylines-0-DELETE"] = "on"

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert "Add at least one byline." in page_text(response)
    assert article.bylines.count() == 1


def test_a_live_article_may_swap_its_sections_and_bylines(editor_client):
    # Publishing needs at least one of each, not the same ones.
    article = ArticleFactory(with_parts=True)
    new_author = AuthorFactory()
    data = admin_article_data(
        article,
        inlines={
            "bylines": [{"author": new_author, "position": 5}],
            "sections": [
                {"subheading": "What next", "body": "<p>x</p>", "position": 9}
            ],
        },
    )
    data["bylines-0-DELETE"] = "on"
    for index in range(3):
        data[f"sections-{index}-DELETE"] = "on"

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302
    assert article.byline_authors == [new_author]
    assert [s.subheading for s in article.sections.all()] == ["What next"]


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.CHANGES_REQUESTED]
)
def test_a_draft_or_returned_article_may_be_saved_incomplete(editor_client, status):
    article = ArticleFactory(status=status, published_at=None, with_parts=True)

    response = editor_client.post(
        change_url(article), emptied_of_intro_and_sections(article)
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.dek == ""
    assert not Section.objects.filter(article=article).exists()


def test_a_live_article_that_already_lacked_a_part_can_still_be_corrected(
    editor_client,
):
    # Published before sections were required: a typo can still be fixed.
    article = ArticleFactory(headline="Budget pases")
    assert article.publication_problems() == ["at least one section"]

    response = editor_client.post(
        change_url(article), admin_article_data(article, headline="Budget passes")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Budget passes"


# --- A journalist's byline ----------------------------------------------------


@pytest.mark.parametrize(
    "their_rows",
    ["none", "a_colleague_only", "themselves_after_a_colleague"],
)
def test_journalists_new_article_has_them_as_first_byline(client, their_rows):
    journalist = JournalistFactory()
    own, colleague = journalist.author_profile, AuthorFactory()
    rows = {
        "none": [],
        "a_colleague_only": [{"author": colleague, "position": 0}],
        "themselves_after_a_colleague": [
            {"author": colleague, "position": 0},
            {"author": own, "position": 1},
        ],
    }[their_rows]
    client.force_login(journalist)

    response = client.post(ADD_URL, admin_article_data(inlines={"bylines": rows}))

    assert response.status_code == 302
    article = Article.objects.get()
    expected = [own] if their_rows == "none" else [own, colleague]
    assert article.byline_authors == expected
    assert [b.position for b in article.bylines.all()] == list(range(len(expected)))


# --- The change form ----------------------------------------------------------


def test_change_form_loads_the_rich_text_editor_and_desk_assets(editor_client):
    article = ArticleFactory(with_parts=True)

    response = editor_client.get(change_url(article))

    assert response.status_code == 200
    page = response.content.decode()
    # The section body is the prose editor's widget, configured from the field.
    assert "data-django-prose-editor-configurable" in page
    assert '<script type="importmap"' in page
    assets = [
        "/static/django_prose_editor/editor.css",
        "/static/django_prose_editor/editor.js",
        "/static/django_prose_editor/configurable.js",
        "/static/js/admin-ordering.js",
        "/static/css/admin-desk.css",
    ]
    for asset in assets:
        assert asset in page
        assert editor_client.get(asset).status_code == 200, asset


def test_change_form_shows_every_part_with_its_position(editor_client):
    article = ArticleFactory(with_parts=True)

    page = editor_client.get(change_url(article)).content.decode()

    for prefix in ["bylines", "sections", "key_points", "faqs"]:
        assert f'name="{prefix}-0-position"' in page
    assert 'id="corrections-group"' in page


@pytest.mark.parametrize(
    ("status", "offset", "has_link"),
    [
        (Article.Status.PUBLISHED, timedelta(hours=-1), True),
        (Article.Status.PUBLISHED, timedelta(hours=1), False),  # scheduled
        (Article.Status.DRAFT, None, False),
        (Article.Status.IN_REVIEW, None, False),
        (Article.Status.UNPUBLISHED, timedelta(hours=-1), False),
    ],
)
def test_view_on_site_link_only_for_live_articles(
    editor_client, status, offset, has_link
):
    published_at = timezone.now() + offset if offset is not None else None
    article = ArticleFactory(status=status, published_at=published_at)

    page = editor_client.get(change_url(article)).content.decode()

    assert ("viewsitelink" in page) is has_link
    assert (f'href="{article.get_absolute_url()}"' in page) is has_link
    # The desk's /admin/r/ shortcut follows the same rule, even when typed.
    shortcut = reverse(
        "admin:view_on_site",
        args=[ContentType.objects.get_for_model(Article).pk, article.pk],
    )
    response = editor_client.get(shortcut)
    if has_link:
        assert response.status_code == 302
        assert response["Location"] == article.get_absolute_url()
    else:
        assert response.status_code == 404


def test_view_on_site_shortcut_opens_an_author_and_a_category_page(editor_client):
    # Their admins keep Django's plain "view on site": the object's own address.
    for obj in [AuthorFactory(), CategoryFactory()]:
        shortcut = reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(obj).pk, obj.pk],
        )

        response = editor_client.get(shortcut)

        assert response.status_code == 302
        assert response["Location"] == obj.get_absolute_url()


# --- The article list ---------------------------------------------------------


def test_article_list_filters_and_searches(editor_client):
    author = AuthorFactory(name="Cara Filter")
    ArticleFactory(headline="Budget passes", bylines=[author])
    ArticleFactory(headline="Budget stalls", status=Article.Status.DRAFT)
    ArticleFactory(headline="Storm warning", slug="storm-warning", dek="Wind.")

    response = editor_client.get(
        CHANGELIST_URL, {"q": "budget", "status__exact": "published"}
    )

    assert response.status_code == 200
    page = page_text(response)
    assert 'id="changelist-filter"' in page
    assert 'id="searchbar"' in page
    assert "Budget passes" in page
    assert "Budget stalls" not in page
    assert "Storm warning" not in page
    assert "Cara Filter" in page  # the bylines column
    assert "desk-status--published" in page

    by_author = editor_client.get(
        CHANGELIST_URL, {"bylines__author__id__exact": author.pk}
    )
    assert by_author.status_code == 200
    assert "Budget passes" in page_text(by_author)
    assert "Storm warning" not in page_text(by_author)


def listed(response):
    assert response.status_code == 200
    return {article.headline for article in response.context["cl"].result_list}


def filter_link(response, title, choice):
    """The address of a choice of the list filter titled ``title``, as the
    page links it."""
    for spec in response.context["cl"].filter_specs:
        if str(spec.title) == title:
            for option in spec.choices(response.context["cl"]):
                if str(option["display"]) == choice:
                    return CHANGELIST_URL + option["query_string"]
    raise AssertionError(f"No {choice!r} under {title!r}")


@pytest.fixture
def dated_articles():
    now = timezone.now()
    ArticleFactory(headline="Out an hour ago", published_at=now - timedelta(hours=1))
    ArticleFactory(headline="Out three days ago", published_at=now - timedelta(days=3))
    ArticleFactory(headline="Out last year", published_at=now - timedelta(days=400))
    ArticleFactory(headline="Never out", status=Article.Status.DRAFT, published_at=None)


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (
            "Any date",
            {"Out an hour ago", "Out three days ago", "Out last year", "Never out"},
        ),
        ("Past 7 days", {"Out an hour ago", "Out three days ago"}),
        ("No date", {"Never out"}),
        ("Has date", {"Out an hour ago", "Out three days ago", "Out last year"}),
    ],
)
def test_published_date_filter_narrows_the_list(
    editor_client, dated_articles, choice, expected
):
    page = editor_client.get(CHANGELIST_URL)

    narrowed = editor_client.get(filter_link(page, "published at", choice))

    assert listed(narrowed) == expected


def test_year_filter_narrows_the_list_to_a_year_in_the_newsrooms_zone(editor_client):
    london = ZoneInfo("Europe/London")
    ArticleFactory(
        headline="Midsummer 2023", published_at=datetime(2023, 6, 21, tzinfo=london)
    )
    # 23:30 on New Year's Eve in London: still 2024 there.
    ArticleFactory(
        headline="Last story of 2024",
        published_at=datetime(2024, 12, 31, 23, 30, tzinfo=london),
    )
    ArticleFactory(
        headline="First story of 2025",
        published_at=datetime(2025, 1, 1, 0, 30, tzinfo=london),
    )
    page = editor_client.get(CHANGELIST_URL)
    this_year = str(timezone.localdate().year)

    years = [
        str(option["display"])
        for spec in page.context["cl"].filter_specs
        if str(spec.title) == "year published"
        for option in spec.choices(page.context["cl"])
    ]
    assert years[:2] == ["All", this_year]
    assert years[-3:] == ["2025", "2024", "2023"]
    for year, expected in [
        ("2024", {"Last story of 2024"}),
        ("2025", {"First story of 2025"}),
        ("2023", {"Midsummer 2023"}),
    ]:
        narrowed = editor_client.get(filter_link(page, "year published", year))
        assert listed(narrowed) == expected, year


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"published_year": "abc"}, "“abc” is not a year"),
        ({"published_year": "99999"}, "“99999” is not a year"),
        ({"published_year": "<b>1</b>"}, "“<b>1</b>” is not a year"),
        ({"published_at__gte": "junk"}, "could not be read"),
        ({"published_at__lt": "2024-13-45"}, "could not be read"),
        (
            {"published_at__gte": "2024-01-01", "published_at__lt": "soon"},
            "could not be read",
        ),
        ({"published_at__gte": "0001-01-01 00:00:00+05:00"}, "could not be read"),
        ({"published_at__gte": "9999-12-31 23:59:59-05:00"}, "could not be read"),
    ],
)
def test_junk_filter_values_list_every_article_and_say_why(
    editor_client, dated_articles, query, message
):
    response = editor_client.get(CHANGELIST_URL, query)

    assert listed(response) == {
        "Out an hour ago",
        "Out three days ago",
        "Out last year",
        "Never out",
    }
    assert any(message in text for text in messages_of(response))
    assert "<b>1</b>" not in response.content.decode()


def test_scheduled_articles_are_badged_as_scheduled(editor_client):
    ArticleFactory(published_at=timezone.now() + timedelta(days=1))

    page = editor_client.get(CHANGELIST_URL).content.decode()

    assert "desk-status--scheduled" in page


def test_article_list_escapes_hostile_headlines_and_names(editor_client):
    ArticleFactory(
        headline="<script>alert(1)</script>",
        bylines=[AuthorFactory(name="<img src=x onerror=alert(2)>")],
    )

    page = editor_client.get(CHANGELIST_URL).content.decode()

    assert "<script>alert(1)" not in page
    assert "<img src=x onerror" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_article_list_queries_do_not_grow_with_the_number_of_articles(
    editor_client,
):
    def queries_for_list():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(CHANGELIST_URL).status_code == 200
        return len(queries)

    SiteSettings.load()  # created on first sight, which would count once
    ArticleFactory.create_batch(2, bylines=[AuthorFactory(), AuthorFactory()])
    few = queries_for_list()
    ArticleFactory.create_batch(10, bylines=[AuthorFactory(), AuthorFactory()])

    assert queries_for_list() == few


def test_article_list_counts_a_long_archive_no_further_than_its_limit(
    editor_client, monkeypatch
):
    # The limit stands in for 10,000: past it the desk's list never counts
    # every row (on 100,000 articles that would be each page view's cost).
    monkeypatch.setattr(EstimatedCountPaginator, "exact_limit", 5)
    ArticleFactory.create_batch(8)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_article")

    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(CHANGELIST_URL)

    assert response.status_code == 200
    # The list's own count, over a subquery of its rows (the editor's
    # scheduler warning counts overdue stories apart).
    counts = [q["sql"] for q in queries if "COUNT(*) FROM (SELECT" in q["sql"]]
    assert len(counts) == 1
    assert "LIMIT 6" in counts[0]
    shown = response.context["cl"].paginator.count
    if connection.vendor == "postgresql":
        assert shown >= 6  # the planner's estimate, never below what was counted
    else:
        assert shown == 5  # SQLite keeps no estimate: the count stops at the cap
        assert "5+ articles" in page_text(response)
    assert len(response.context["cl"].result_list) == 8


def test_article_search_counts_its_matches_to_a_limit_and_says_there_are_more(
    editor_client, monkeypatch
):
    # The limit stands in for 500: a common word is in thousands of intros.
    monkeypatch.setattr(DeskSearchPaginator, "exact_limit", 3)
    for number in range(5):
        ArticleFactory(headline=f"Harbour works, day {number}")
    ArticleFactory(headline="Quayside market opens")
    ArticleFactory(headline="Quayside market closes")

    with CaptureQueriesContext(connection) as queries:
        common = editor_client.get(CHANGELIST_URL, {"q": "harbour"})
    counts = [q["sql"] for q in queries if "COUNT(*) FROM (SELECT" in q["sql"]]
    rare = editor_client.get(CHANGELIST_URL, {"q": "quayside"})

    assert len(counts) == 1
    assert "LIMIT 4" in counts[0]  # one past the limit, and no further
    assert common.context["cl"].result_count == 3
    assert "3+ results" in page_text(common)
    assert "3+ articles" in page_text(common)
    assert len(listed(common)) == 5  # the page lists every match it shows
    # Nobody is offered to select "all 3" of more than 3.
    assert "Select all 3" not in page_text(common)
    assert rare.context["cl"].result_count == 2
    assert "2 results" in page_text(rare)
    assert "2+" not in page_text(rare)


def test_article_list_tick_boxes_are_djangos_own(editor_client):
    # Drawn without Django's widget templates (DeskAdminMixin), to the letter
    # of what the bulk actions' script and screen readers were given.
    article = ArticleFactory(headline='Tom & Jerry\'s "<b>best</b>" day')
    model_admin = admin.site._registry[Article]

    page = editor_client.get(CHANGELIST_URL).content.decode()

    assert admin.ModelAdmin.action_checkbox(model_admin, article) in page
    assert 'id="action-toggle"' in page


# --- Crafted requests ----------------------------------------------------------

# Numbers no id can be: past a 64-bit column (SQLite cannot even be asked for
# one; PostgreSQL refuses), and junk where a number goes.
NO_IDS = ["9" * 25, str(2**63), "-" + "9" * 25, "abc", "1.5"]


@pytest.fixture
def draft_with_parts():
    article = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, with_parts=True
    )
    Correction.objects.create(article=article, text="The date was wrong.")
    return article


def parts_of(article):
    return {
        prefix: sorted(getattr(article, prefix).values_list("pk", flat=True))
        for prefix in ("bylines", "sections", "key_points", "faqs", "corrections")
    }


@pytest.mark.parametrize(
    "prefix", ["bylines", "sections", "key_points", "faqs", "corrections"]
)
@pytest.mark.parametrize("posted_id", ["999999", "-1", *NO_IDS])
def test_a_part_row_naming_a_part_the_article_never_had_is_a_form_error(
    editor_client, draft_with_parts, prefix, posted_id
):
    article = draft_with_parts
    before = parts_of(article)
    data = admin_article_data(article, headline="Typed headline")
    data[f"{prefix}-0-id"] = posted_id

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert "the article never had, so it cannot be saved" in page_text(response)
    assert 'value="Typed headline"' in page_text(response)
    assert parts_of(article) == before
    assert Article.objects.get(pk=article.pk).headline == article.headline


def test_a_part_row_naming_another_articles_part_is_a_form_error(
    editor_client, draft_with_parts
):
    other = ArticleFactory(with_parts=True)
    theirs = other.key_points.first()
    data = admin_article_data(draft_with_parts)
    data["key_points-0-id"] = theirs.pk
    data["key_points-0-text"] = "Copied over"

    response = editor_client.post(change_url(draft_with_parts), data)

    assert response.status_code == 200
    assert "key point the article never had" in page_text(response)
    assert not KeyPoint.objects.filter(text="Copied over").exists()


def test_a_journalists_second_save_leaves_a_correction_deleted_meanwhile_deleted(
    client, editor_client
):
    # Corrections are the editors': a journalist's page shows them read-only
    # and posts their ids. A save merged with the deletion may not add one
    # back, nor may a deliberate save of the same form afterwards.
    journalist = JournalistFactory()
    article = ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=None,
        with_parts=True,
        bylines=[journalist.author_profile],
    )
    Correction.objects.create(article=article, text="The date was wrong.")
    journalists_form = admin_article_data(article, headline="Jo's headline")
    editors_form = admin_article_data(article)
    editors_form["corrections-0-DELETE"] = "on"
    assert editor_client.post(change_url(article), editors_form).status_code == 302
    client.force_login(journalist)

    merged = client.post(change_url(article), journalists_form)
    assert merged.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "Jo's headline"
    assert not article.corrections.exists()
    journalists_form["loaded_version"] = Article.objects.get(pk=article.pk).version
    saved = client.post(change_url(article), journalists_form)

    assert saved.status_code == 302
    assert not article.corrections.exists()


@pytest.mark.parametrize("posted_id", ["999999", "9" * 25])
def test_a_journalist_cannot_add_a_correction_by_posting_an_unknown_id(
    client, posted_id
):
    journalist = JournalistFactory()
    article = ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=None,
        bylines=[journalist.author_profile],
    )
    data = admin_article_data(
        article,
        inlines={"corrections": [{"kind": "correction", "text": "Forged."}]},
    )
    data.update({"corrections-INITIAL_FORMS": 1, "corrections-0-id": posted_id})
    client.force_login(journalist)

    response = client.post(change_url(article), data)

    assert response.status_code in (200, 302)
    assert not Correction.objects.filter(text="Forged.").exists()


@pytest.mark.parametrize("number", NO_IDS)
def test_comparing_versions_that_no_id_can_name_says_choose_two(editor_client, number):
    article = ArticleFactory()
    url = reverse("admin:articles_article_compare", args=[article.pk])

    response = editor_client.get(url, {"from": number, "to": 1}, follow=True)

    assert response.status_code == 200
    assert "Choose two versions to compare." in messages_of(response)


BULK_LISTS = [
    "admin:articles_article_changelist",
    "admin:articles_category_changelist",
    "admin:taggit_tag_changelist",
    "admin:newsroom_sitepage_changelist",
]


@pytest.mark.parametrize("changelist", BULK_LISTS)
@pytest.mark.parametrize("number", NO_IDS)
def test_a_bulk_action_on_ids_that_name_nothing_changes_nothing_and_says_so(
    admin_client, changelist, number
):
    ArticleFactory()  # a category, a byline, a row in every list
    rows = Article.objects.count(), Category.objects.count()

    response = admin_client.post(
        reverse(changelist),
        {"action": "delete_selected", "_selected_action": [number], "post": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    assert any("Items must be selected" in text for text in messages_of(response))
    assert (Article.objects.count(), Category.objects.count()) == rows


@pytest.mark.parametrize(
    "query",
    [
        {"created_at__year": "9" * 25},
        {"created_at__year": str(2**63)},
        {"created_at__year": "0"},
        {"created_at__year": "2026", "created_at__month": "9" * 25},
        {
            "created_at__year": "2026",
            "created_at__month": "1",
            "created_at__day": "9" * 20,
        },
    ],
)
@pytest.mark.parametrize("changelist", ["articleevent", "redirect", "article"])
def test_a_date_in_a_list_address_no_calendar_has_lists_everything_and_says_so(
    editor_client, changelist, query
):
    article = ArticleFactory(
        status=Article.Status.IN_REVIEW, published_at=None, with_parts=True
    )
    workflow.approve(article, by=EditorFactory())  # an event to list

    response = editor_client.get(
        reverse(f"admin:articles_{changelist}_changelist"), query, follow=True
    )

    assert response.status_code == 200
    assert response.context["cl"].result_count >= (changelist != "redirect")
    assert any("could not be filtered" in text for text in messages_of(response))


@pytest.mark.parametrize(
    "parameter", ["category__id__exact", "bylines__author__id__exact", "id__in"]
)
@pytest.mark.parametrize("number", ["9" * 25, str(2**63)])
def test_a_list_filter_past_any_id_lists_every_article_and_says_so(
    editor_client, parameter, number
):
    ArticleFactory(headline="Listed")

    response = editor_client.get(CHANGELIST_URL, {parameter: number}, follow=True)

    assert listed(response) == {"Listed"}
    assert any("could not be filtered" in text for text in messages_of(response))


# --- Categories, authors, tags ------------------------------------------------


@pytest.mark.parametrize("slug", ["admin", "tag", "search"])
def test_category_slug_that_would_shadow_a_site_route_is_refused(admin_client, slug):
    response = admin_client.post(
        reverse("admin:articles_category_add"),
        {"name": "Sneaky", "slug": slug, "menu_order": 0, "is_in_menu": "on"},
    )

    assert response.status_code == 200
    assert (
        f"“{slug}” is used by the site itself (/{slug}/); choose another."
        in page_text(response)
    )
    assert not Category.objects.filter(slug=slug).exists()


def test_category_menu_order_is_editable_from_the_list(editor_client):
    CategoryFactory(name="World", slug="world")

    page = editor_client.get(reverse("admin:articles_category_changelist"))

    assert page.status_code == 200
    assert 'name="form-0-menu_order"' in page.content.decode()


def byline_choices(client, term):
    """The names the byline field's autocomplete offers for ``term``."""
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "byline",
            "field_name": "author",
            "term": term,
        },
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_byline_autocomplete_finds_authors_for_a_journalist(client):
    AuthorFactory(name="Dana Colleague")
    client.force_login(JournalistFactory())

    assert byline_choices(client, "Dana") == ["Dana Colleague"]


def test_byline_autocomplete_leaves_out_authors_taken_off_the_site(client):
    AuthorFactory(name="Dana Colleague")
    AuthorFactory(name="Dana Departed", is_active=False)
    client.force_login(JournalistFactory())

    assert byline_choices(client, "Dana") == ["Dana Colleague"]


def test_author_list_shows_avatar_previews(editor_client):
    AuthorFactory(name="Eve Avatar", avatar=png_upload("eve.png"))

    response = editor_client.get(reverse("admin:authors_author_changelist"))

    assert response.status_code == 200
    assert 'class="desk-avatar" src="/media/library/' in response.content.decode()


def test_tags_are_searchable_in_the_admin(editor_client):
    ArticleFactory(tag_names=["harbour", "weather"])

    response = editor_client.get(reverse("admin:taggit_tag_changelist"), {"q": "harb"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "harbour" in page
    assert "weather" not in page


# --- Site settings and branding -----------------------------------------------


def test_site_settings_is_a_single_row_that_cannot_be_added_twice_or_deleted(
    admin_client,
):
    settings = SiteSettings.load()

    add = admin_client.get(reverse("admin:newsroom_sitesettings_add"))
    delete = admin_client.post(
        reverse("admin:newsroom_sitesettings_delete", args=[settings.pk]),
        {"post": "yes"},
    )
    listing = admin_client.get(reverse("admin:newsroom_sitesettings_changelist"))

    assert add.status_code == 403
    assert delete.status_code == 403
    assert SiteSettings.objects.count() == 1
    assert listing.status_code == 302
    assert listing.url == reverse(
        "admin:newsroom_sitesettings_change", args=[settings.pk]
    )


def test_desk_is_branded_with_the_publications_name(admin_client):
    SiteSettings.objects.update_or_create(pk=1, defaults={"name": "Harbour Times"})

    page = admin_client.get(reverse("admin:index")).content.decode()

    assert "Harbour Times desk" in page
