"""Revisions: every save on the desk is kept, can be compared and restored,
and a deleted article can be recovered, over HTTP."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles import revisions, workflow
from articles.models import Article, ArticleEvent, ArticleRevisionTags
from tests.admin_urls import change_url, history_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    JournalistFactory,
    admin_article_data,
    library_image,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
Action = ArticleEvent.Action
ADD_URL = reverse("admin:articles_article_add")


def compare_url(article):
    return reverse("admin:articles_article_compare", args=[article.pk])


def revision_url(article, version):
    return reverse("admin:articles_article_revision", args=[article.pk, version.pk])


def page_text(response):
    return html.unescape(response.content.decode())


def versions(article):
    """Oldest first, as the story was written."""
    return list(reversed(revisions.versions_of(article)))


@pytest.fixture
def editor():
    return EditorFactory(username="ed", first_name="Edna", last_name="Desk")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def write_article(client, **fields):
    """An article made on the desk, with parts and tags: its first revision."""
    data = admin_article_data(
        headline="Harbour bridge reopens",
        category=CategoryFactory().pk,
        dek="The first intro.",
        tags="harbour, transport",
        inlines={
            "bylines": [{"author": AuthorFactory(name="Ada Byline"), "position": 0}],
            "sections": [
                {"subheading": "Before", "body": "<p>First body.</p>", "position": 0}
            ],
            "key_points": [{"text": "A first point", "position": 0}],
            "faqs": [{"question": "Open?", "answer": "Yes.", "position": 0}],
        },
        **fields,
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["errors"]
    return Article.objects.get(slug="harbour-bridge-reopens")


def edit_article(client, article, inlines=None, **fields):
    article = Article.objects.get(pk=article.pk)
    data = admin_article_data(article, inlines=inlines, **fields)
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["errors"]
    return Article.objects.get(pk=article.pk)


def test_every_save_on_the_desk_is_one_revision_holding_the_parts(editor_client):
    article = write_article(editor_client)
    edit_article(editor_client, article, headline="Harbour bridge reopens at last")

    first, second = versions(article)
    assert first.revision.user.username == "ed"
    held = {
        v.content_type.model
        for v in first.revision.version_set.select_related("content_type")
    }
    assert held == {"article", "byline", "section", "keypoint", "faq"}
    assert first.field_dict["headline"] == "Harbour bridge reopens"
    assert second.field_dict["headline"] == "Harbour bridge reopens at last"
    tags = ArticleRevisionTags.objects.get(revision=first.revision)
    assert tags.names == ["harbour", "transport"]


def test_an_edit_of_the_parts_alone_is_a_revision_too(editor_client):
    article = write_article(editor_client)
    data_article = Article.objects.get(pk=article.pk)
    data = admin_article_data(data_article)
    data["key_points-0-text"] = "A sharper point"

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302
    newest = revisions.versions_of(article).first()
    points = [
        v.field_dict["text"]
        for v in newest.revision.version_set.all()
        if v.content_type.model == "keypoint"
    ]
    assert points == ["A sharper point"]


def test_history_lists_revisions_with_author_and_time_in_the_newsrooms_zone(
    settings, editor_client
):
    settings.TIME_ZONE = "Europe/London"
    article = write_article(editor_client)
    edit_article(editor_client, article, dek="A second intro.")

    page = page_text(editor_client.get(history_url(article)))

    assert page.count("Edna Desk") == 2
    assert re.search(r"\d{1,2} \w{3} \d{4}, \d\d:\d\d (GMT|BST)", page)
    assert "Changed Intro" in page  # the admin's change message


def test_compare_shows_the_changed_field_and_part_word_by_word_escaped(
    editor_client,
):
    article = write_article(editor_client)
    edited = Article.objects.get(pk=article.pk)
    data = admin_article_data(edited, headline="Bridge <b>reopens</b>")
    data["sections-0-subheading"] = "After"
    editor_client.post(change_url(article), data)
    first, second = versions(article)

    response = editor_client.get(
        compare_url(article), {"from": second.pk, "to": first.pk}
    )

    assert response.status_code == 200
    result = response.context["comparison"]
    fields = {change.label: change for change in result.fields}
    assert "Intro" not in fields  # unchanged fields are left out
    headline = fields["Headline"].runs
    assert [run.text for run in headline if run.kind == "added"] == [
        "Bridge <b>reopens</b>"
    ]
    [sections] = [group for group in result.groups if group.label == "Sections"]
    [subheading] = sections.changes[0].fields
    assert [(run.kind, run.text) for run in subheading.runs] == [
        ("removed", "Before"),
        ("added", "After"),
    ]
    page = response.content.decode()
    assert "Bridge &lt;b&gt;reopens&lt;/b&gt;" in page
    assert "<b>reopens</b>" not in page


def test_compare_refuses_versions_of_another_article(editor_client):
    article = write_article(editor_client)
    edit_article(editor_client, article, dek="Second.")
    other = ArticleFactory()
    revisions.record_before_first_edit(other)
    foreign = revisions.versions_of(other).first()
    own = revisions.versions_of(article).first()

    response = editor_client.get(
        compare_url(article), {"from": foreign.pk, "to": own.pk}
    )

    assert response.status_code == 404


def test_restore_brings_back_text_parts_and_tags_but_never_the_status(
    editor_client, editor
):
    article = write_article(editor_client)
    data = admin_article_data(
        Article.objects.get(pk=article.pk),
        headline="Rewritten headline",
        dek="Rewritten intro.",
        tags="weather",
        inlines={"sections": [{"subheading": "Added", "body": "<p>New.</p>"}]},
    )
    data["key_points-0-DELETE"] = "on"
    data["sections-0-body"] = "<p>Changed body.</p>"
    editor_client.post(change_url(article), data)
    workflow.submit(article, by=editor)
    workflow.approve(article, by=editor)
    published = Article.objects.get(pk=article.pk)
    first = versions(article)[0]

    review = editor_client.get(revision_url(article, first))
    response = editor_client.post(revision_url(article, first))

    assert review.status_code == 200
    assert "Restore this version" in page_text(review)
    assert response.status_code == 302
    restored = Article.objects.get(pk=article.pk)
    assert restored.headline == "Harbour bridge reopens"
    assert restored.dek == "The first intro."
    assert [(s.subheading, s.body) for s in restored.sections.all()] == [
        ("Before", "<p>First body.</p>")
    ]
    assert [p.text for p in restored.key_points.all()] == ["A first point"]
    assert sorted(restored.tags.names()) == ["harbour", "transport"]
    # The workflow's fields are as they were before the restore.
    assert restored.status == Status.PUBLISHED
    assert restored.published_at == published.published_at
    assert restored.first_published_at == published.first_published_at
    assert restored.version == published.version + 1
    newest = revisions.versions_of(article).first()
    assert "Restored the version" in newest.revision.get_comment()


def test_restore_refuses_a_version_whose_author_was_deleted(editor_client):
    article = write_article(editor_client)
    replacement = AuthorFactory()
    data = admin_article_data(Article.objects.get(pk=article.pk))
    data["bylines-0-author"] = replacement.pk
    editor_client.post(change_url(article), data)
    gone = versions(article)[0]
    Article.objects.get(pk=article.pk)
    from authors.models import Author

    Author.objects.filter(name="Ada Byline").delete()

    response = editor_client.post(revision_url(article, gone), follow=True)

    assert "has been deleted since" in page_text(response)
    article.refresh_from_db()
    assert article.byline_authors == [replacement]


def test_journalist_restores_own_draft_but_not_a_colleagues_or_a_submitted_one(
    client, editor_client
):
    journalist = JournalistFactory()
    article = write_article(editor_client)
    article.bylines.update(author=journalist.author_profile)
    edit_article(editor_client, article, headline="Second headline")
    first = versions(article)[0]
    colleague = JournalistFactory()

    client.force_login(colleague)
    theirs = client.post(revision_url(article, first))
    client.force_login(journalist)
    Article.objects.filter(pk=article.pk).update(status=Status.IN_REVIEW)
    submitted = client.post(revision_url(article, first))
    Article.objects.filter(pk=article.pk).update(status=Status.DRAFT)
    own_draft = client.post(revision_url(article, first))

    assert theirs.status_code == 404
    assert submitted.status_code == 403
    assert own_draft.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "Harbour bridge reopens"


def test_journalist_may_read_but_not_restore_once_it_left_their_hands(
    client, editor_client
):
    journalist = JournalistFactory()
    article = write_article(editor_client)
    article.bylines.update(author=journalist.author_profile)
    edit_article(editor_client, article, headline="Second headline")
    Article.objects.filter(pk=article.pk).update(status=Status.IN_REVIEW)
    client.force_login(journalist)

    history = client.get(history_url(article))
    review = client.get(revision_url(article, versions(article)[0]))

    assert history.status_code == 200
    assert review.status_code == 200
    assert "Restore this version" not in page_text(review)


def test_a_deleted_article_is_recovered_as_a_draft_with_its_parts(editor_client):
    # Made outside the desk (no revision yet), published, then deleted.
    article = ArticleFactory(
        headline="Ferry strike ends", with_parts=True, tag_names=["ferries"]
    )
    pk = article.pk
    delete = editor_client.post(
        reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"}
    )
    assert delete.status_code == 302
    assert not Article.objects.filter(pk=pk).exists()

    listing = editor_client.get(reverse("admin:articles_article_recoverlist"))
    assert "Ferry strike ends" in page_text(listing)
    version = revisions.deleted_versions().get()
    recover_url = reverse("admin:articles_article_recover", args=[version.pk])
    assert editor_client.get(recover_url).status_code == 200
    response = editor_client.post(recover_url)

    assert response.status_code == 302
    recovered = Article.objects.get(pk=pk)
    assert recovered.headline == "Ferry strike ends"
    assert recovered.status == Status.DRAFT
    assert recovered.published_at is None
    assert recovered.sections.count() == 3
    assert recovered.key_points.count() == 3
    assert recovered.faqs.count() == 2
    assert list(recovered.tags.names()) == ["ferries"]
    assert not revisions.deleted_versions().exists()


def test_articles_deleted_from_the_list_are_recoverable_too(editor_client):
    article = ArticleFactory(headline="Bulk deleted")

    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
    )

    assert not Article.objects.filter(pk=article.pk).exists()
    assert [v.object_repr for v in revisions.deleted_versions()] == ["Bulk deleted"]


def test_a_deleted_article_keeps_its_trail_and_gets_it_back_when_recovered(
    editor, editor_client
):
    journalist = JournalistFactory(username="jo")
    article = ArticleFactory(
        headline="Ferry strike ends",
        status=Status.IN_REVIEW,
        published_at=None,
        with_parts=True,
        bylines=[journalist.author_profile],
    )
    pk = article.pk
    workflow.request_changes(article, by=editor, note="Who confirmed it?")

    editor_client.post(
        reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"}
    )

    # The trail is still there, with who deleted it and when...
    assert not Article.objects.filter(pk=pk).exists()
    deleted, requested = ArticleEvent.objects.filter(article_id=pk)
    assert deleted.action == Action.DELETE
    assert (deleted.actor, deleted.actor_name) == (editor, "Edna Desk")
    assert deleted.from_status == Status.CHANGES_REQUESTED
    assert deleted.note == "Deleted “Ferry strike ends”."
    assert requested.note == "Who confirmed it?"
    # ...and editors read it before recovering, and in the list of all steps.
    version = revisions.deleted_versions().get()
    recover_url = reverse("admin:articles_article_recover", args=[version.pk])
    page = page_text(editor_client.get(recover_url))
    trail = page[page.index('id="desk-events"') :]
    assert "Deleted “Ferry strike ends”." in trail
    assert "Who confirmed it?" in trail
    listing = page_text(
        editor_client.get(
            reverse("admin:articles_articleevent_changelist"), {"action": "delete"}
        )
    )
    assert f"Deleted article #{pk}" in listing
    event_page = editor_client.get(
        reverse("admin:articles_articleevent_change", args=[deleted.pk])
    )
    assert f"Deleted article #{pk}" in page_text(event_page)

    editor_client.post(recover_url)

    recovered = Article.objects.get(pk=pk)
    assert [(e.action, e.actor) for e in recovered.events.all()] == [
        (Action.RECOVER, editor),
        (Action.DELETE, editor),
        (Action.REQUEST_CHANGES, editor),
    ]
    page = page_text(editor_client.get(change_url(recovered)))
    trail = page[page.index('id="desk-events"') :]
    for text in ("Recovered", "Deleted “Ferry strike ends”.", "Who confirmed it?"):
        assert text in trail


def test_a_draft_its_journalist_deleted_is_recovered_by_an_editor(
    editor, editor_client
):
    # Written and deleted on the desk by the journalist, as a draft that
    # never ran; an editor brings it back, parts, trail and all.
    journalist = JournalistFactory(username="jo", first_name="Jo", last_name="Byline")
    desk = Client()
    desk.force_login(journalist)
    response = desk.post(
        ADD_URL,
        admin_article_data(
            headline="Harbour bridge reopens",
            category=CategoryFactory().pk,
            dek="A first intro.",
            inlines={
                "sections": [
                    {"subheading": "Before", "body": "<p>Body.</p>", "position": 0}
                ]
            },
        ),
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="harbour-bridge-reopens")
    pk = article.pk

    deleted = desk.post(
        reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"}
    )

    assert deleted.status_code == 302
    assert not Article.objects.filter(pk=pk).exists()
    [event] = ArticleEvent.objects.filter(article_id=pk)
    assert (event.action, event.actor, event.from_status) == (
        Action.DELETE,
        journalist,
        Status.DRAFT,
    )
    version = revisions.deleted_versions().get()
    listing = page_text(
        editor_client.get(reverse("admin:articles_article_recoverlist"))
    )
    assert "Harbour bridge reopens" in listing and "Jo Byline" in listing

    editor_client.post(reverse("admin:articles_article_recover", args=[version.pk]))

    recovered = Article.objects.get(pk=pk)
    assert (recovered.headline, recovered.status) == (
        "Harbour bridge reopens",
        Status.DRAFT,
    )
    assert [s.subheading for s in recovered.sections.all()] == ["Before"]
    assert recovered.byline_authors == [journalist.author_profile]
    assert [(e.action, e.actor) for e in recovered.events.all()] == [
        (Action.RECOVER, editor),
        (Action.DELETE, journalist),
    ]


def test_articles_deleted_from_the_list_keep_their_trail_too(editor, editor_client):
    article = ArticleFactory(headline="Bulk deleted")
    workflow.unpublish(article, by=editor, note="Out of date")

    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
    )

    assert [e.action for e in ArticleEvent.objects.filter(article_id=article.pk)] == [
        Action.DELETE,
        Action.UNPUBLISH,
    ]


def test_only_editors_may_recover_deleted_articles(client, editor_client):
    article = ArticleFactory()
    editor_client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    version = revisions.deleted_versions().get()
    journalist = Client()
    journalist.force_login(JournalistFactory())

    listing = journalist.get(reverse("admin:articles_article_recoverlist"))
    recover = journalist.post(
        reverse("admin:articles_article_recover", args=[version.pk])
    )
    changelist = journalist.get(reverse("admin:articles_article_changelist"))

    assert listing.status_code == 403
    assert recover.status_code == 403
    assert not Article.objects.filter(pk=article.pk).exists()
    assert "Recover deleted articles" not in page_text(changelist)
    assert "Recover deleted articles" in page_text(
        editor_client.get(reverse("admin:articles_article_changelist"))
    )


def test_the_first_edit_of_an_article_made_elsewhere_keeps_the_original(
    editor_client,
):
    article = ArticleFactory(headline="Seeded headline", with_parts=True)

    edit_article(editor_client, article, headline="Edited on the desk")

    original, edited = versions(article)
    assert original.field_dict["headline"] == "Seeded headline"
    assert edited.field_dict["headline"] == "Edited on the desk"
    assert Version.objects.get_for_object(article).count() == 2


def test_restoring_a_revision_brings_back_the_hero_it_chose_from_the_library(
    editor_client,
):
    harbour = library_image(alt="The harbour")
    bridge = library_image(alt="The bridge")
    article = write_article(editor_client, hero_image=harbour.pk)
    edit_article(editor_client, article, hero_image=bridge.pk)
    first = versions(article)[0]

    compare = editor_client.get(
        compare_url(article), {"from": versions(article)[-1].pk, "to": first.pk}
    )
    response = editor_client.post(revision_url(article, first))

    # Compared by the pictures' descriptions, restored as the choice it was.
    fields = {change.label: change for change in compare.context["comparison"].fields}
    changed = {
        run.text.strip() for run in fields["Hero image"].runs if run.kind != "same"
    }
    assert {"bridge", "harbour"} <= {word.lower() for word in " ".join(changed).split()}
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).hero_image == harbour
