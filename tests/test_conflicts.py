"""Two people editing one article: a save from a stale form is merged with
the save made in between when they changed different things (and says so);
where both changed the same field or part, it is refused, both versions are
shown side by side with a choice for each, the rest is merged, and nothing
the second person typed is lost."""

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
    AuthorFactory,
    EditorFactory,
    JournalistFactory,
    admin_article_data,
)
from tests.test_concurrent_writes import at_the_same_moment

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


def choose(form, refused, choice):
    """``form`` with ``choice`` ("theirs" or "yours") for every conflict the
    refused page asks about, as a person ticking the radios would post it."""
    page = refused.content.decode()
    names = set(re.findall(r'type="radio" name="(merge-[^"]+)"', page))
    assert names, "the page offers no choice"
    chosen = dict(form)
    chosen.update({name: choice for name in names})
    chosen["merge_version"] = re.search(r'name="merge_version" value="(\d+)"', page)[1]
    return chosen


def test_a_save_from_a_stale_form_changing_the_same_field_is_refused_and_the_first_kept(
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


def test_saves_of_different_fields_and_parts_are_merged_and_the_message_says_so(
    settings, article, first_editor, second_editor
):
    settings.TIME_ZONE = "UTC"
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article)
    bobs_form.update(
        {
            "sections-1-body": "<p>Bob's rewritten second section.</p>",
            "key_points-0-text": "Bob's key point",
        }
    )
    anns_form = admin_article_data(article, headline="Ann's headline")
    anns_form["faqs-0-answer"] = "Ann's answer."
    assert ann.post(change_url(article), anns_form).status_code == 302

    bobs_save = bob.post(change_url(article), bobs_form, follow=True)

    assert bobs_save.redirect_chain  # saved, not shown again
    saved = Article.objects.get(pk=article.pk)
    assert saved.headline == "Ann's headline"
    assert saved.sections.all()[1].body == "<p>Bob's rewritten second section.</p>"
    assert [k.text for k in saved.key_points.all()] == [
        "Bob's key point",
        "Key point 2",
        "Key point 3",
    ]
    assert saved.faqs.all()[0].answer == "Ann's answer."
    assert saved.version == article.version + 2
    page = page_text(bobs_save)
    message = re.search(r"Merged with Ann Early's save of (\d\d:\d\d): (.*?)\.", page)
    assert message, page
    assert "they changed the headline and the FAQ “Question 1?”" in message[2]
    assert "you changed the section “Subheading 2” and the key point" in message[2]


def test_the_same_change_made_on_both_sides_is_no_conflict(
    article, first_editor, second_editor
):
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article, headline="Typo fixed", dek="Bob's intro.")
    ann.post(change_url(article), admin_article_data(article, headline="Typo fixed"))

    assert bob.post(change_url(article), bobs_form).status_code == 302
    saved = Article.objects.get(pk=article.pk)
    assert (saved.headline, saved.dek) == ("Typo fixed", "Bob's intro.")


def test_a_conflict_shows_theirs_and_yours_side_by_side_with_the_rest_merged(
    article, first_editor, second_editor
):
    ann, bob = client_for(first_editor), client_for(second_editor)
    anns_form = admin_article_data(article, dek="Ann's intro of the story.")
    anns_form["sections-0-subheading"] = "Ann's subheading"
    bobs_form = admin_article_data(article, dek="Bob's intro of the story.")
    bobs_form["key_points-1-text"] = "Bob's key point"
    ann.post(change_url(article), anns_form)

    refused = bob.post(change_url(article), bobs_form)

    assert refused.status_code == 200
    page = page_text(refused)
    assert "you both changed the intro" in page
    panel = page[page.index('class="desk-merge"') :]
    assert "Theirs (Ann Early," in panel
    # The word only one side has is marked, and said, on each side.
    assert "only in theirs: </span>Ann's" in panel
    assert "only in yours: </span>Bob's" in panel
    assert 'name="merge-field-dek" value="theirs"' in panel
    # Bob's own intro stays in the form; Ann's other change is merged in.
    assert "Bob's intro of the story.</textarea>" in page
    assert 'value="Ann\'s subheading"' in page
    assert 'value="Bob\'s key point"' in page
    assert Article.objects.get(pk=article.pk).dek == "Ann's intro of the story."


@pytest.mark.parametrize(
    ("choice", "intro"),
    [("theirs", "Ann's intro."), ("yours", "Bob's intro.")],
)
def test_saving_with_a_choice_keeps_the_side_chosen_and_everything_merged(
    article, first_editor, second_editor, choice, intro
):
    ann, bob = client_for(first_editor), client_for(second_editor)
    anns_form = admin_article_data(article, dek="Ann's intro.")
    anns_form["sections-0-subheading"] = "Ann's subheading"
    bobs_form = admin_article_data(article, dek="Bob's intro.")
    bobs_form["key_points-1-text"] = "Bob's key point"
    ann.post(change_url(article), anns_form)
    refused = bob.post(change_url(article), bobs_form)

    saved_page = bob.post(change_url(article), choose(bobs_form, refused, choice))

    assert saved_page.status_code == 302
    saved = Article.objects.get(pk=article.pk)
    assert saved.dek == intro
    assert saved.sections.all()[0].subheading == "Ann's subheading"
    assert saved.key_points.all()[1].text == "Bob's key point"


def test_saving_again_without_choosing_shows_the_conflict_again(
    article, first_editor, second_editor
):
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article, headline="Bob's headline")
    ann.post(change_url(article), admin_article_data(article, headline="Ann's"))
    refused = bob.post(change_url(article), bobs_form)
    bobs_form["loaded_version"] = loaded_version(refused)

    second_try = bob.post(change_url(article), bobs_form)

    assert second_try.status_code == 200
    assert "you both changed the headline" in page_text(second_try)
    assert Article.objects.get(pk=article.pk).headline == "Ann's"


def test_a_choice_made_is_kept_while_the_page_asks_about_the_rest(
    article, first_editor, second_editor
):
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article, headline="Bob's", dek="Bob's intro.")
    ann.post(
        change_url(article),
        admin_article_data(article, headline="Ann's", dek="Ann's intro."),
    )
    refused = bob.post(change_url(article), bobs_form)
    only_headline = choose(bobs_form, refused, "yours")
    del only_headline["merge-field-dek"]

    asked_again = bob.post(change_url(article), only_headline)

    assert asked_again.status_code == 200
    page = asked_again.content.decode()
    assert 'name="merge-field-dek" value="theirs"' in page
    assert 'type="hidden" name="merge-field-headline" value="yours"' in page
    form = dict(only_headline, **{"merge-field-dek": "theirs"})
    assert bob.post(change_url(article), form).status_code == 302
    saved = Article.objects.get(pk=article.pk)
    assert (saved.headline, saved.dek) == ("Bob's", "Ann's intro.")


def test_a_choice_made_before_yet_another_save_is_asked_again(
    article, first_editor, second_editor
):
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article, headline="Bob's headline")
    ann.post(change_url(article), admin_article_data(article, headline="Ann's"))
    refused = bob.post(change_url(article), bobs_form)
    chosen = choose(bobs_form, refused, "yours")
    ann.post(
        change_url(article),
        admin_article_data(Article.objects.get(pk=article.pk), headline="Ann's again"),
    )

    asked_again = bob.post(change_url(article), chosen)

    assert asked_again.status_code == 200
    page = page_text(asked_again)
    assert "you both changed the headline" in page
    assert "Ann's again" in page[page.index('class="desk-merge"') :]
    assert Article.objects.get(pk=article.pk).headline == "Ann's again"


def test_conflicting_text_is_escaped_on_both_sides(
    article, first_editor, second_editor
):
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article, headline="<script>alert('bob')</script>")
    ann.post(
        change_url(article),
        admin_article_data(article, headline="<img src=x onerror=alert(1)>"),
    )

    page = bob.post(change_url(article), bobs_form).content.decode()

    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_reordering_on_one_side_keeps_that_order_with_the_others_edits(
    article, first_editor, second_editor
):
    ann, bob = client_for(first_editor), client_for(second_editor)
    anns_form = admin_article_data(article)
    anns_form.update({"sections-0-position": 2, "sections-2-position": 0})
    added = {"text": "Bob's new key point", "position": 3}
    bobs_form = admin_article_data(article, inlines={"key_points": [added]})
    bobs_form["sections-1-subheading"] = "Bob's middle"
    ann.post(change_url(article), anns_form)

    assert bob.post(change_url(article), bobs_form).status_code == 302
    saved = Article.objects.get(pk=article.pk)
    assert [s.subheading for s in saved.sections.all()] == [
        "Subheading 3",
        "Bob's middle",
        "Subheading 1",
    ]
    assert [k.text for k in saved.key_points.all()][-1] == "Bob's new key point"


def test_both_reordering_differently_is_a_conflict_on_the_order(
    article, first_editor, second_editor
):
    ann, bob = client_for(first_editor), client_for(second_editor)
    anns_form = admin_article_data(article)
    anns_form.update({"key_points-0-position": 2, "key_points-2-position": 0})
    bobs_form = admin_article_data(article)
    bobs_form.update({"key_points-0-position": 1, "key_points-1-position": 0})
    ann.post(change_url(article), anns_form)

    refused = bob.post(change_url(article), bobs_form)

    assert refused.status_code == 200
    assert "you both changed the order of the key points" in page_text(refused)
    assert (
        bob.post(change_url(article), choose(bobs_form, refused, "yours")).status_code
        == 302
    )
    saved = Article.objects.get(pk=article.pk)
    assert [k.text for k in saved.key_points.all()] == [
        "Key point 2",
        "Key point 1",
        "Key point 3",
    ]


def test_tags_added_and_removed_on_both_sides_are_combined(first_editor, second_editor):
    made = ArticleFactory(
        status=Status.DRAFT,
        published_at=None,
        with_parts=True,
        tag_names=["roads", "city"],
    )
    article = Article.objects.get(pk=made.pk)
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article, tags="roads, bridges")
    ann.post(
        change_url(article), admin_article_data(article, tags="roads, city, budget")
    )

    bobs_save = bob.post(change_url(article), bobs_form)

    assert bobs_save.status_code == 302
    saved = Article.objects.get(pk=article.pk)
    assert sorted(tag.name for tag in saved.tags.all()) == [
        "bridges",
        "budget",
        "roads",
    ]


def test_a_byline_changed_to_the_author_they_just_bylined_is_saved_with_them_once(
    article, first_editor, second_editor
):
    # Bob replaces the writer with Sam; Ann meanwhile added Sam beside the
    # writer. Saving Bob's form must not fail on "one byline per author".
    sam = AuthorFactory(name="Sam Stringer")
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article)
    bobs_form["bylines-0-author"] = sam.pk
    anns_form = admin_article_data(
        article, inlines={"bylines": [{"author": sam.pk, "position": 1}]}
    )
    assert ann.post(change_url(article), anns_form).status_code == 302

    bobs_save = bob.post(change_url(article), bobs_form, follow=True)

    assert bobs_save.redirect_chain  # saved, not a server error
    saved = Article.objects.get(pk=article.pk)
    assert saved.byline_authors == [sam]
    assert "The byline “Sam Stringer” was on both sides: it is there once." in (
        page_text(bobs_save)
    )


def test_two_bylines_changed_to_one_author_on_each_side_are_saved_as_one(
    first_editor, second_editor
):
    # Ann replaced the second writer with Sam, Bob the first: neither
    # writer stays, Sam is bylined once, in Bob's place.
    first, second = AuthorFactory(name="Ann Writer"), AuthorFactory(name="Ben Writer")
    article = ArticleFactory(
        status=Status.IN_REVIEW,
        published_at=None,
        with_parts=True,
        bylines=[first, second],
    )
    sam = AuthorFactory(name="Sam Stringer")
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article)
    bobs_form["bylines-0-author"] = sam.pk
    anns_form = admin_article_data(article)
    anns_form["bylines-1-author"] = sam.pk
    assert ann.post(change_url(article), anns_form).status_code == 302

    bobs_save = bob.post(change_url(article), bobs_form, follow=True)

    assert bobs_save.redirect_chain
    assert Article.objects.get(pk=article.pk).byline_authors == [sam]
    assert "The byline “Sam Stringer” was on both sides" in page_text(bobs_save)


def test_a_tag_added_on_both_sides_in_different_case_is_saved_once(
    first_editor, second_editor
):
    made = ArticleFactory(
        status=Status.DRAFT, published_at=None, with_parts=True, tag_names=["roads"]
    )
    article = Article.objects.get(pk=made.pk)
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article, tags="roads, harbour wall")
    ann.post(
        change_url(article), admin_article_data(article, tags="roads, Harbour Wall")
    )

    assert bob.post(change_url(article), bobs_form).status_code == 302
    saved = Article.objects.get(pk=article.pk)
    assert sorted(tag.name.lower() for tag in saved.tags.all()) == [
        "harbour wall",
        "roads",
    ]


def test_sections_added_on_both_sides_at_the_same_place_are_both_kept(
    article, first_editor, second_editor
):
    # Positions are not unique: both new sections land after the last one.
    ann, bob = client_for(first_editor), client_for(second_editor)
    count = article.sections.count()
    bobs_form = admin_article_data(
        article,
        inlines={
            "sections": [{"subheading": "Bob's", "body": "<p>B</p>", "position": count}]
        },
    )
    anns_form = admin_article_data(
        article,
        inlines={
            "sections": [{"subheading": "Ann's", "body": "<p>A</p>", "position": count}]
        },
    )
    assert ann.post(change_url(article), anns_form).status_code == 302

    assert bob.post(change_url(article), bobs_form).status_code == 302
    saved = [s.subheading for s in Article.objects.get(pk=article.pk).sections.all()]
    assert sorted(saved[-2:]) == ["Ann's", "Bob's"]
    assert len(saved) == count + 2


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
    """Post ``form`` from a stale page, then again keeping their own version
    of every conflict, as the person would."""
    refused = client.post(change_url(article), form)
    assert refused.status_code == 200
    assert "Not saved:" in page_text(refused)
    return refused, client.post(
        change_url(article), choose(form, refused, "yours"), follow=True
    )


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

    saved_again = bob.post(change_url(article), bobs_form, follow=True)

    assert saved_again.redirect_chain
    assert "had deleted" not in page_text(saved_again)
    saved = Article.objects.get(pk=article.pk)
    assert saved.headline == "Bob's headline"
    assert [s.subheading for s in saved.sections.all()] == [
        "Subheading 2",
        "Subheading 3",
    ]
    assert [k.text for k in saved.key_points.all()] == ["Key point 1", "Key point 2"]


def test_a_part_deleted_on_one_side_and_left_alone_on_the_other_stays_deleted(
    article, first_editor, second_editor
):
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article, headline="Bob's headline")
    anns_form = admin_article_data(article)
    anns_form["faqs-0-DELETE"] = "on"
    assert ann.post(change_url(article), anns_form).status_code == 302

    saved_again = bob.post(change_url(article), bobs_form, follow=True)

    assert saved_again.redirect_chain
    assert "had deleted" not in page_text(saved_again)
    saved = Article.objects.get(pk=article.pk)
    assert saved.headline == "Bob's headline"
    assert [f.question for f in saved.faqs.all()] == ["Question 2?"]


def test_a_part_deleted_by_them_and_edited_by_you_stays_deleted_if_you_choose_theirs(
    article, first_editor, second_editor
):
    ann, bob = client_for(first_editor), client_for(second_editor)
    bobs_form = admin_article_data(article)
    bobs_form["key_points-1-text"] = "Bob's key point"
    anns_form = admin_article_data(article)
    anns_form["key_points-1-DELETE"] = "on"
    ann.post(change_url(article), anns_form)
    refused = bob.post(change_url(article), bobs_form)
    assert "you both changed the key point “Bob's key point”" in page_text(refused)

    saved_page = bob.post(change_url(article), choose(bobs_form, refused, "theirs"))

    assert saved_page.status_code == 302
    saved = Article.objects.get(pk=article.pk)
    assert [k.text for k in saved.key_points.all()] == ["Key point 1", "Key point 3"]


def test_a_part_added_meanwhile_stays_after_a_deliberate_save(
    article, first_editor, second_editor
):
    # Bob keeps his version of the key point both changed; a part Bob's form
    # never had is not his to remove: Ann's addition is kept.
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


# --- At the same moment -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_different_fields_at_the_same_moment_are_both_kept(
    first_editor, second_editor
):
    article = ArticleFactory(headline="As filed", with_parts=True)
    # Saved on the desk before, as most articles are.
    assert (
        client_for(EditorFactory())
        .post(change_url(article), admin_article_data(article))
        .status_code
        == 302
    )
    article.refresh_from_db()
    anns_form = admin_article_data(article, headline="Ann's headline")
    bobs_form = admin_article_data(article)
    bobs_form["sections-2-subheading"] = "Bob's subheading"
    ann, bob = client_for(first_editor), client_for(second_editor)

    responses = at_the_same_moment(
        lambda: ann.post(change_url(article), anns_form),
        lambda: bob.post(change_url(article), bobs_form),
    )

    # One waits for the other's lock, then merges with what it saved.
    assert [response.status_code for response in responses] == [302, 302]
    saved = Article.objects.get(pk=article.pk)
    assert saved.headline == "Ann's headline"
    assert saved.sections.all()[2].subheading == "Bob's subheading"
    assert saved.version == article.version + 2
