"""Autosave on the desk (``articles.admin.autosave``): a working draft per
person and article, never a save of the article; offered again, restored into
the form without saving, discarded, and cleared by a real save."""

import pytest
from django.urls import reverse

from articles import revisions
from articles.models import MAX_WORKING_DRAFT_BYTES, Article, WorkingDraft
from newsroom import generations
from tests.factories import (
    ArticleFactory,
    JournalistFactory,
    admin_article_data,
    client_for,
)

pytestmark = pytest.mark.django_db

TYPED = "Unsaved words about the harbour wall"


def page_generation():
    generations.forget()  # read from the database, not this process's memory
    return generations.current()  # its number and its page-key version


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def autosave_url(article):
    return reverse("admin:articles_article_autosave", args=[article.pk])


def discard_url(article):
    return reverse("admin:articles_article_autosave_discard", args=[article.pk])


def typed_form(article, **fields):
    """The change form as the journalist left it: a new intro, the first
    section's body rewritten, the second ticked for deletion, a new section."""
    data = admin_article_data(
        article,
        inlines={
            "sections": [
                {"subheading": "A new section", "body": "<p>Brand new.</p>"},
            ]
        },
        **{"dek": TYPED, **fields},
    )
    data["sections-0-body"] = "<p>A rewritten first section.</p>"
    data["sections-1-DELETE"] = "on"
    data["csrfmiddlewaretoken"] = "not kept"
    data["sections-__prefix__-body"] = ""
    return data


@pytest.fixture
def mine(journalist):
    return ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=None,
        with_parts=True,
        bylines=[journalist.author_profile],
    )


def test_autosave_stores_a_working_draft_and_never_changes_the_article(
    journalist, mine, client
):
    before = Article.objects.get(pk=mine.pk)
    versions = revisions.versions_of(mine).count()
    response = client_for(journalist).post(autosave_url(mine), typed_form(mine))

    assert response.status_code == 200
    assert "Saved as your working draft at" in response.json()["message"]
    draft = WorkingDraft.objects.get(user=journalist, article=mine)
    assert draft.data["dek"] == [TYPED]
    assert "csrfmiddlewaretoken" not in draft.data
    assert not [name for name in draft.data if "__prefix__" in name]
    after = Article.objects.get(pk=mine.pk)
    assert (after.dek, after.version, after.updated_at) == (
        before.dek,
        before.version,
        before.updated_at,
    )
    assert mine.sections.count() == 3
    assert revisions.versions_of(mine).count() == versions

    # A second autosave replaces the first: one draft per person and article.
    client_for(journalist).post(autosave_url(mine), typed_form(mine, dek="Later"))
    assert WorkingDraft.objects.get(user=journalist, article=mine).data["dek"] == [
        "Later"
    ]


def test_readers_and_search_never_see_an_autosaved_live_article(
    editor, article, client
):
    versions = revisions.versions_of(article).count()
    generation = page_generation()
    response = client_for(editor).post(autosave_url(article), typed_form(article))

    assert response.status_code == 200
    assert page_generation() == generation  # no cached page is let go
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert TYPED not in page.content.decode()
    assert article.dek in page.content.decode()
    results = client.get(reverse("articles:search"), {"q": "Unsaved harbour wall"})
    assert TYPED not in results.content.decode()
    assert revisions.versions_of(article).count() == versions


def test_a_colleague_who_may_not_change_the_article_stores_nothing(journalist, mine):
    colleague = JournalistFactory()
    response = client_for(colleague).post(autosave_url(mine), typed_form(mine))

    assert response.status_code in (403, 404)
    assert not WorkingDraft.objects.exists()


def test_an_article_under_review_is_no_longer_the_journalists_to_autosave(
    journalist, mine
):
    Article.objects.filter(pk=mine.pk).update(status=Article.Status.IN_REVIEW)
    response = client_for(journalist).post(autosave_url(mine), typed_form(mine))

    assert response.status_code == 403
    assert "may not change" in response.json()["error"]
    assert not WorkingDraft.objects.exists()


def test_autosave_checks_the_csrf_token_and_takes_only_posts(journalist, mine):
    refused = client_for(journalist, csrf=True).post(
        autosave_url(mine), typed_form(mine)
    )
    assert refused.status_code == 403
    assert client_for(journalist).get(autosave_url(mine)).status_code == 405
    assert not WorkingDraft.objects.exists()


def test_an_oversize_draft_is_refused_clearly(journalist, mine):
    huge = "x" * (MAX_WORKING_DRAFT_BYTES + 1)
    response = client_for(journalist).post(
        autosave_url(mine), typed_form(mine, summary=huge)
    )

    assert response.status_code == 413
    assert "at most 1024 KB" in response.json()["error"]
    assert not WorkingDraft.objects.exists()


def test_the_change_page_offers_the_unsaved_work(journalist, mine):
    client = client_for(journalist)
    client.post(autosave_url(mine), typed_form(mine))

    page = client.get(change_url(mine)).content.decode()

    assert "You have unsaved work from" in page
    assert "?restore=working-draft" in page
    assert discard_url(mine) in page
    assert "saved since by" not in page
    assert TYPED not in page  # offered, not filled in


def test_restore_fills_the_form_from_the_draft_without_saving(journalist, mine):
    client = client_for(journalist)
    client.post(autosave_url(mine), typed_form(mine))

    response = client.get(change_url(mine), {"restore": "working-draft"})

    assert response.status_code == 200
    assert "Restored your unsaved work from" in response.content.decode()
    form = response.context["adminform"].form
    assert form["dek"].value() == TYPED
    sections = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "sections"
    )
    assert sections.forms[0]["body"].value() == "<p>A rewritten first section.</p>"
    assert sections.forms[1]["DELETE"].value() is True
    assert sections.forms[2]["body"].value() == mine.sections.all()[2].body
    assert sections.forms[3]["subheading"].value() == "A new section"
    assert sections.management_form["TOTAL_FORMS"].value() == 4
    assert Article.objects.get(pk=mine.pk).dek == mine.dek
    assert WorkingDraft.objects.filter(user=journalist).exists()


def test_a_real_save_clears_the_draft_and_makes_the_one_revision(journalist, mine):
    client = client_for(journalist)
    revisions.record_before_first_edit(mine)  # its first revision, as it was
    client.post(autosave_url(mine), typed_form(mine))
    versions = revisions.versions_of(mine).count()

    response = client.post(change_url(mine), admin_article_data(mine, dek=TYPED))

    assert response.status_code == 302
    assert Article.objects.get(pk=mine.pk).dek == TYPED
    assert not WorkingDraft.objects.exists()
    assert revisions.versions_of(mine).count() == versions + 1


def test_discard_deletes_only_this_persons_draft(journalist, editor, mine):
    client_for(journalist).post(autosave_url(mine), typed_form(mine))
    client_for(editor).post(autosave_url(mine), typed_form(mine))

    response = client_for(journalist).post(discard_url(mine))

    assert response.status_code == 302
    assert response.url == change_url(mine)
    assert list(WorkingDraft.objects.values_list("user", flat=True)) == [editor.pk]


def test_a_draft_older_than_a_colleagues_save_says_so(journalist, editor, mine):
    client_for(journalist).post(autosave_url(mine), typed_form(mine))
    client_for(editor).post(change_url(mine), admin_article_data(mine, dek="Theirs"))

    page = client_for(journalist).get(change_url(mine)).content.decode()

    assert "You have unsaved work from" in page
    assert "the article was saved since by" in page


def test_user_text_in_a_draft_is_escaped_on_restore(journalist, mine):
    client = client_for(journalist)
    client.post(
        autosave_url(mine), typed_form(mine, headline="<script>alert(1)</script>")
    )

    page = client.get(change_url(mine), {"restore": "working-draft"})

    assert "<script>alert(1)</script>" not in page.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.content.decode()


def test_a_restored_draft_keeps_the_version_its_form_was_loaded_at(
    journalist, editor, mine
):
    client = client_for(journalist)
    loaded = Article.objects.get(pk=mine.pk).version
    client.post(autosave_url(mine), typed_form(mine))
    client_for(editor).post(change_url(mine), admin_article_data(mine, dek="Theirs"))

    restored = client.get(change_url(mine), {"restore": "working-draft"})
    form = restored.context["adminform"].form

    # So saving it is refused as a conflict naming the colleague, not a
    # silent overwrite of their save.
    assert int(form["loaded_version"].value()) == loaded
    assert Article.objects.get(pk=mine.pk).version == loaded + 1
