"""Two people editing one article: a save from a stale form is refused, the
first save stays, and the second person's input is shown again."""

import html
import re

import pytest
from django.test import Client

from articles import workflow
from articles.admin import ArticleAdmin
from articles.models import Article
from tests.admin_urls import change_url
from tests.factories import (
    ArticleFactory,
    EditorFactory,
    JournalistFactory,
    admin_article_data,
)

pytestmark = pytest.mark.django_db

Status = Article.Status


def page_text(response):
    return html.unescape(response.content.decode())


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def loaded_version(response):
    """The version token in a change form, as the browser would post it."""
    match = re.search(r'name="loaded_version" value="(\d+)"', response.content.decode())
    return int(match[1])


@pytest.fixture
def first_editor():
    return EditorFactory(username="ann", first_name="Ann", last_name="Early")


@pytest.fixture
def second_editor():
    return EditorFactory(username="bob", first_name="Bob", last_name="Late")


@pytest.fixture
def article():
    return ArticleFactory(
        headline="As filed", status=Status.IN_REVIEW, published_at=None, with_parts=True
    )


def test_a_save_from_a_stale_form_is_refused_and_the_first_save_kept(
    settings, article, first_editor, second_editor
):
    settings.TIME_ZONE = "Europe/London"
    ann, bob = client_for(first_editor), client_for(second_editor)
    # Both open the article; their forms carry the version they loaded.
    assert loaded_version(ann.get(change_url(article))) == article.version
    bobs_form = admin_article_data(article)

    anns_save = ann.post(
        change_url(article), admin_article_data(article, headline="Ann's headline")
    )
    bobs_form.update(
        {
            "headline": "Bob's headline",
            "dek": "Bob's carefully typed intro.",
            "sections-1-body": "<p>Bob's rewritten second section.</p>",
            "key_points-0-text": "Bob's key point",
        }
    )
    bobs_save = bob.post(change_url(article), bobs_form)

    assert anns_save.status_code == 302
    assert bobs_save.status_code == 200  # the form again, not a redirect
    saved = Article.objects.get(pk=article.pk)
    assert saved.headline == "Ann's headline"
    assert saved.dek == article.dek
    assert saved.sections.all()[1].body == article.sections.all()[1].body
    assert saved.key_points.all()[0].text == "Key point 1"
    assert saved.version == article.version + 1

    page = page_text(bobs_save)
    assert "Not saved: Ann Early saved this article on" in page
    when = re.search(r"saved this article on (\d+ \w+ \d{4}, \d\d:\d\d \w+)", page)
    assert when and when[1].endswith(("GMT", "BST"))
    # Everything Bob typed is in the form again, inlines included.
    assert 'value="Bob\'s headline"' in page
    assert "Bob's carefully typed intro." in page
    assert "Bob's rewritten second section." in page
    assert 'value="Bob\'s key point"' in page


def test_an_edit_of_the_parts_alone_also_makes_other_forms_stale(
    article, first_editor, second_editor
):
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article, headline="Bob's headline")
    anns_form = admin_article_data(article)
    anns_form["key_points-0-text"] = "Ann's key point"

    assert ann.post(change_url(article), anns_form).status_code == 302
    bobs_save = bob.post(change_url(article), bobs_form)

    assert bobs_save.status_code == 200
    assert "Not saved: Ann Early saved this article" in page_text(bobs_save)
    saved = Article.objects.get(pk=article.pk)
    assert saved.headline == "As filed"
    assert saved.key_points.all()[0].text == "Ann's key point"


def test_saving_again_after_the_warning_is_a_deliberate_overwrite(
    article, first_editor, second_editor
):
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article, headline="Bob's headline")
    ann.post(change_url(article), admin_article_data(article, headline="Ann's"))

    refused = bob.post(change_url(article), bobs_form)
    # The re-displayed form now carries the current version: Bob, told whose
    # work it is, may save over it on purpose.
    bobs_form["loaded_version"] = loaded_version(refused)
    second_try = bob.post(change_url(article), bobs_form)

    assert refused.status_code == 200
    assert second_try.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "Bob's headline"


def test_a_form_without_its_version_token_is_refused(article, second_editor):
    forged = admin_article_data(article, headline="Forged")
    del forged["loaded_version"]

    response = client_for(second_editor).post(change_url(article), forged)

    assert response.status_code == 200
    assert "Not saved" in page_text(response)
    assert Article.objects.get(pk=article.pk).headline == "As filed"


def test_a_workflow_step_between_loading_and_saving_is_not_undone(
    article, first_editor, second_editor
):
    # Bob opens the article in review; Ann approves it; Bob then saves a
    # typo fix. The workflow's fields are not the form's: it stays published.
    bobs_form = admin_article_data(article, headline="As filed, typo fixed")
    workflow.approve(article, by=first_editor)

    response = client_for(second_editor).post(change_url(article), bobs_form)

    assert response.status_code == 302
    saved = Article.objects.get(pk=article.pk)
    assert saved.headline == "As filed, typo fixed"
    assert saved.status == Status.PUBLISHED
    assert saved.published_at is not None


def test_a_journalists_save_racing_their_own_submission_is_refused(monkeypatch):
    # The page checks "may they still edit?" on the article it loaded; the
    # form checks again on the locked row. Here the submission lands between
    # the two, as it could when a second tab submits at the same moment.
    journalist = JournalistFactory(first_name="Jo")
    article = ArticleFactory(
        status=Status.DRAFT,
        published_at=None,
        with_parts=True,
        bylines=[journalist.author_profile],
    )
    form = admin_article_data(article, headline="Typed after submitting")
    loaded_before = Article.objects.get(pk=article.pk)
    workflow.submit(article, by=journalist)
    monkeypatch.setattr(
        ArticleAdmin, "get_object", lambda *args, **kwargs: loaded_before
    )

    response = client_for(journalist).post(change_url(article), form)

    assert response.status_code == 200
    assert "no longer yours to change" in page_text(response)
    assert "Typed after submitting" in page_text(response)
    saved = Article.objects.get(pk=article.pk)
    assert saved.headline == article.headline
    assert saved.status == Status.IN_REVIEW


# --- Parts deleted or added by the other person -----------------------------------


def refused_then_saved_again(client, article, form):
    """Post ``form`` from a stale page, then again after the refusal, as the
    person would: the re-displayed form carries the current version."""
    refused = client.post(change_url(article), form)
    assert refused.status_code == 200
    assert "Not saved:" in page_text(refused)
    form["loaded_version"] = loaded_version(refused)
    return refused, client.post(change_url(article), form, follow=True)


def test_parts_deleted_meanwhile_are_put_back_from_the_form_saved_again(
    article, first_editor, second_editor
):
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article)
    bobs_form.update(
        {
            "sections-1-subheading": "Bob's subheading",
            "sections-1-body": "<p>Bob's rewritten middle section.</p>",
            "key_points-0-text": "Bob's key point",
            "faqs-1-answer": "Bob's answer.",
        }
    )
    anns_form = admin_article_data(article)
    anns_form.update(
        {"sections-1-DELETE": "on", "key_points-0-DELETE": "on", "faqs-1-DELETE": "on"}
    )
    assert ann.post(change_url(article), anns_form).status_code == 302

    refused, saved_again = refused_then_saved_again(bob, article, bobs_form)

    # The refusal shows every row Bob posted, those after a deleted part too.
    for name in ("sections-2-subheading", "key_points-2-text", "faqs-1-answer"):
        assert f'name="{name}"' in page_text(refused)
    assert "Bob's rewritten middle section." in page_text(refused)
    assert saved_again.redirect_chain  # saved, not "please correct the errors"
    page = page_text(saved_again)
    assert "Ann Early had deleted the section “Bob's subheading”" in page
    assert "Ann Early had deleted the key point “Bob's key point”" in page
    assert "Ann Early had deleted the FAQ “Question 2?”" in page
    saved = Article.objects.get(pk=article.pk)
    assert [(s.subheading, s.body) for s in saved.sections.all()] == [
        ("Subheading 1", article.sections.all()[0].body),
        ("Bob's subheading", "<p>Bob's rewritten middle section.</p>"),
        ("Subheading 3", article.sections.all()[2].body),
    ]
    assert [k.text for k in saved.key_points.all()] == [
        "Bob's key point",
        "Key point 2",
        "Key point 3",
    ]
    assert [(f.question, f.answer) for f in saved.faqs.all()] == [
        ("Question 1?", "Yes."),
        ("Question 2?", "Bob's answer."),
    ]


def test_a_part_both_deleted_is_simply_gone(article, first_editor, second_editor):
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article, headline="Bob's headline")
    bobs_form.update({"sections-0-DELETE": "on", "key_points-2-DELETE": "on"})
    anns_form = admin_article_data(article)
    anns_form.update({"sections-0-DELETE": "on", "key_points-2-DELETE": "on"})
    assert ann.post(change_url(article), anns_form).status_code == 302

    _, saved_again = refused_then_saved_again(bob, article, bobs_form)

    assert saved_again.redirect_chain
    assert "had deleted" not in page_text(saved_again)
    saved = Article.objects.get(pk=article.pk)
    assert saved.headline == "Bob's headline"
    assert [s.subheading for s in saved.sections.all()] == [
        "Subheading 2",
        "Subheading 3",
    ]
    assert [k.text for k in saved.key_points.all()] == ["Key point 1", "Key point 2"]


def test_a_part_added_meanwhile_stays_after_a_deliberate_save(
    article, first_editor, second_editor
):
    # Bob's save replaces what both forms showed; a part Bob's form never had
    # is not his to remove: Ann's addition is kept.
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article, headline="Bob's headline")
    bobs_form["key_points-0-text"] = "Bob's key point"
    added = {"text": "Ann's new key point", "position": 3}
    anns_form = admin_article_data(article, inlines={"key_points": [added]})
    anns_form["key_points-0-text"] = "Ann's key point"
    assert ann.post(change_url(article), anns_form).status_code == 302

    _, saved_again = refused_then_saved_again(bob, article, bobs_form)

    assert saved_again.redirect_chain
    saved = Article.objects.get(pk=article.pk)
    assert saved.headline == "Bob's headline"
    assert [k.text for k in saved.key_points.all()] == [
        "Bob's key point",
        "Key point 2",
        "Key point 3",
        "Ann's new key point",
    ]
