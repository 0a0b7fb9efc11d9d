"""The live preview on the desk (``articles.admin.live_preview``,
``articles.live_preview``): the unsaved change form rendered in the public
article template, every part as typed, with nothing saved, sanitised as a
save would be, for those who may change the article only, never cached,
indexed or framed by anyone else."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from articles import revisions
from articles.models import Article, Section, WorkingDraft
from newsroom import generations
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    JournalistFactory,
    admin_article_data,
    client_for,
    library_image,
    png_upload,
)
from tests.task_worker import tasks_queued

pytestmark = pytest.mark.django_db


def preview_url(article):
    return reverse("admin:articles_article_live_preview", args=[article.pk])


def tab_url(article):
    return reverse("admin:articles_article_live_preview_tab", args=[article.pk])


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def page_generation():
    generations.forget()  # read from the database, not this process's memory
    return generations.current()  # its number and its page-key version


@pytest.fixture
def mine(journalist):
    return ArticleFactory(
        headline="Harbour deal draft",
        status=Article.Status.DRAFT,
        published_at=None,
        with_parts=True,
        bylines=[journalist.author_profile],
        tag_names=["Harbour"],
    )


def typed_form(article, inlines=None, **fields):
    return admin_article_data(article, inlines=inlines, **fields)


def preview(user, article, data):
    response = client_for(user).post(preview_url(article), data)
    assert response.status_code == 200, response.content[:500]
    return response


def test_the_preview_shows_the_unsaved_form_in_the_public_template(journalist, mine):
    data = typed_form(
        mine,
        inlines={
            "sections": [{"subheading": "What comes next", "body": "<p>New.</p>"}],
            "key_points": [{"text": "A brand new point"}],
            "faqs": [{"question": "Will it open?", "answer": "In May."}],
        },
        headline="Harbour deal signed at last",
        dek="The intro as typed.",
        summary="A summary typed just now.",
        tags="Harbour, Ferries",
    )
    data["sections-0-body"] = "<p>A sentence typed into the first section.</p>"
    data["sections-1-DELETE"] = "on"
    html = preview(journalist, mine, data).content.decode()

    assert '<h1 class="article__headline">Harbour deal signed at last</h1>' in html
    assert "The intro as typed." in html
    assert "A sentence typed into the first section." in html
    assert "Subheading 2" not in html  # ticked for deletion
    # The numbered contents list the sections as they will be.
    assert '<a href="#subheading-1">Subheading 1</a>' in html
    assert '<a href="#what-comes-next">What comes next</a>' in html
    assert "A brand new point" in html
    assert "Will it open?" in html
    assert "A summary typed just now." in html
    assert ">Ferries</a>" in html and ">Harbour</a>" in html
    assert journalist.author_profile.name in html
    assert "Live preview — not saved" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_a_preview_saves_nothing_and_lets_no_cached_page_go(editor, article, client):
    before = Article.objects.get(pk=article.pk)
    versions = revisions.versions_of(article).count()
    generation = page_generation()
    data = typed_form(
        article,
        inlines={"sections": [{"subheading": "Unsaved part", "body": "<p>x</p>"}]},
        headline="A headline nobody saved",
        tags="Brand new tag",
    )
    with tasks_queued(lambda path: True) as queued:
        preview(editor, article, data)

    assert queued == []  # no search re-indexing, no mail
    assert page_generation() == generation
    assert revisions.versions_of(article).count() == versions
    assert not WorkingDraft.objects.exists()
    after = Article.objects.get(pk=article.pk)
    assert (after.headline, after.version, after.updated_at) == (
        before.headline,
        before.version,
        before.updated_at,
    )
    assert not Section.objects.filter(subheading="Unsaved part").exists()
    assert not article.tags.filter(name="Brand new tag").exists()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "A headline nobody saved" not in page
    assert before.headline in page


def test_a_half_written_story_still_renders(journalist, mine):
    data = typed_form(
        mine,
        inlines={
            "sections": [{"subheading": "", "body": "<p>Only a body so far.</p>"}],
            "bylines": [{"author": "999999"}],  # not chosen properly
        },
        headline="",
        category="not-a-category",
        tags=",,,",
    )
    data["sections-0-position"] = "first"
    data["sections-TOTAL_FORMS"] = "9999"  # forged
    response = client_for(journalist).post(preview_url(mine), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="article__headline"></h1>' in html
    assert "Only a body so far." in html
    # An unknown category: the saved one stays.
    assert f'<a class="kicker" href="{mine.category.get_absolute_url()}">' in html


def test_too_long_text_is_shown_as_typed(journalist, mine):
    long_intro = "word " * 2000
    html = preview(journalist, mine, typed_form(mine, dek=long_intro)).content
    assert long_intro.strip().encode() in html


def test_fields_not_posted_show_as_saved(journalist, mine):
    data = {"headline": "Only the headline was posted"}
    html = preview(journalist, mine, data).content.decode()

    assert "Only the headline was posted" in html
    for section in mine.sections.all():
        assert section.subheading in html
    assert escape(mine.dek) in html


def test_the_hero_shows_as_chosen_from_the_library_or_none(editor, media_root):
    story = ArticleFactory(hero_image=png_upload("hero.png"))
    other = library_image(alt="The lighthouse at dusk")
    shown = preview(editor, story, typed_form(story)).content.decode()
    assert 'alt="A picture from the library"' in shown
    chosen = preview(editor, story, typed_form(story, hero_image=other.pk))
    assert 'alt="The lighthouse at dusk"' in chosen.content.decode()
    cleared = preview(editor, story, typed_form(story, hero_image=""))
    assert "A picture from the library" not in cleared.content.decode()


def test_a_new_category_and_byline_show_as_chosen(editor, article):
    category = CategoryFactory(name="Business", slug="business")
    author = AuthorFactory(name="Nia Writer")
    data = typed_form(
        article, category=category.pk, inlines={"bylines": [{"author": author}]}
    )
    html = preview(editor, article, data).content.decode()
    assert '<a class="kicker" href="/business/">Business</a>' in html
    assert "Nia Writer" in html


@pytest.mark.parametrize(
    "body",
    [
        '<p>Fine</p><script>alert("x")</script>',
        '<p onclick="alert(1)">Fine</p>',
        '<p><a href="javascript:alert(1)">Fine</a></p>',
        '<img src="x" onerror="alert(1)"><p>Fine</p>',
    ],
)
def test_a_forged_section_body_is_sanitised_as_a_save_would(editor, article, body):
    data = typed_form(article)
    data["sections-0-body"] = body
    html = preview(editor, article, data).content.decode()
    body_html = html.split('class="prose">', 1)[1].split("</div>", 1)[0]
    assert "Fine" in body_html
    assert "alert" not in body_html
    assert "<script" not in body_html


def test_typed_text_is_escaped(editor, article):
    data = typed_form(
        article,
        headline="<script>alert(1)</script>",
        inlines={"key_points": [{"text": "<b>bold?</b>"}]},
    )
    html = preview(editor, article, data).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold?&lt;/b&gt;" in html


def test_the_answer_is_private_and_framable_by_our_own_pages_only(editor, article):
    response = preview(editor, article, typed_form(article))

    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    # Only this answer: the change page may not be framed by anyone.
    change = client_for(editor).get(change_url(article))
    assert change["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in change["Content-Security-Policy"]


def test_only_posts_with_the_csrf_token_are_rendered(editor, article):
    data = typed_form(article)
    assert (
        client_for(editor, csrf=True).post(preview_url(article), data).status_code
        == 403
    )
    assert client_for(editor).get(preview_url(article)).status_code == 405


def test_who_may_see_a_live_preview(journalist, mine):
    data = typed_form(mine, headline="Secret unsaved headline")
    colleague = JournalistFactory()
    in_review = ArticleFactory(
        status=Article.Status.IN_REVIEW,
        published_at=None,
        bylines=[journalist.author_profile],
    )

    # Another journalist's draft: as if it did not exist.
    refused = client_for(colleague).post(preview_url(mine), data)
    assert refused.status_code == 404
    assert b"Secret unsaved headline" not in refused.content
    # Their own article in review is no longer theirs to change.
    in_review_data = typed_form(in_review)
    answer = client_for(journalist).post(preview_url(in_review), in_review_data)
    assert answer.status_code == 403
    assert "may not change" in answer.json()["error"]
    # Not logged in: the desk's log-in page.
    anonymous = client_for(None).post(preview_url(mine), data)
    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]
    # An editor may.
    assert preview(EditorFactory(), mine, data).status_code == 200


def test_the_change_page_offers_the_live_preview_to_those_who_may_change(
    journalist, mine
):
    page = client_for(journalist).get(change_url(mine)).content.decode()
    assert 'id="desk-live-preview-toggle"' in page
    assert 'aria-controls="desk-live-preview"' in page
    assert f'data-url="{preview_url(mine)}"' in page
    assert f'href="{tab_url(mine)}"' in page

    Article.objects.filter(pk=mine.pk).update(status=Article.Status.IN_REVIEW)
    read_only = client_for(journalist).get(change_url(mine)).content.decode()
    assert "desk-live-preview-toggle" not in read_only


def test_the_preview_tab_follows_the_form_of_the_same_article(journalist, mine):
    page = client_for(journalist).get(tab_url(mine))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-channel="newsroom-live-preview-{mine.pk}"' in html
    assert f'data-url="{preview_url(mine)}"' in html
    assert 'data-in-tab="true"' in html
    assert client_for(JournalistFactory()).get(tab_url(mine)).status_code == 404
