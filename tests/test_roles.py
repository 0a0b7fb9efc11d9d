"""Journalists and Editors: what each role sees and may do on the desk, over HTTP.

Who may open, save, delete, restore and preview an article, and take each
workflow step, in each of its states: the permission matrix in
``test_permission_boundaries.py``. Here: the groups, the lists, and the
fields each role may write.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article, Correction
from authors.models import Author
from tests.admin_urls import change_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    EditorFactory,
    UserFactory,
    add_parts,
    admin_article_data,
    role_group,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGELIST_URL = reverse("admin:articles_article_changelist")


def permissions_of(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def crud(app_label, model, actions=("view", "add", "change", "delete")):
    return {f"{app_label}.{action}_{model}" for action in actions}


def own_article(journalist, **kwargs):
    return ArticleFactory(bylines=[journalist.author_profile], **kwargs)


# --- The groups ---------------------------------------------------------------


def test_migration_creates_journalists_group_with_writing_permissions():
    assert permissions_of("Journalists") == (
        # Deleting: only their own never-published drafts (articles.roles
        # may_delete; 0018_withdraw_and_journalists_delete_own_drafts).
        crud("articles", "article", ("view", "add", "change", "delete"))
        | crud("articles", "section")
        | crud("articles", "keypoint")
        | crud("articles", "faq")
        | crud("articles", "byline")
        | crud("articles", "correction", ("view",))
        | crud("articles", "category", ("view",))
        | crud("authors", "author", ("view", "change"))
        | crud("taggit", "tag", ("view", "add"))
        # The image library: uploaded and described by anyone, deleted by
        # editors (articles 0023_hero_from_library).
        | crud("library", "image", ("view", "add", "change"))
    )


def test_migration_creates_editors_group_with_desk_permissions():
    articles_models = [
        "article",
        "section",
        "keypoint",
        "faq",
        "byline",
        "correction",
        "category",
    ]
    expected = set().union(*(crud("articles", model) for model in articles_models))
    expected |= crud("authors", "author") | crud("taggit", "tag")
    expected |= crud("newsroom", "sitepage", ("view", "change"))
    # The audit trail is read, never edited (0005_editors_view_events).
    expected |= crud("articles", "articleevent", ("view",))
    # Old addresses are listed, never edited (0010_editors_view_redirects).
    expected |= crud("articles", "redirect", ("view",))
    # Readers' messages are read and marked handled, never added or deleted
    # (contact/0002_editors_read_reader_messages).
    expected |= crud("contact", "contactmessage", ("view", "change"))
    expected |= crud("library", "image")

    assert permissions_of("Editors") == expected
    assert not any(name.startswith("auth.") for name in expected)


@pytest.mark.parametrize("name", ["Journalists", "Editors"])
def test_a_role_group_made_again_after_a_flush_has_what_the_migrations_granted(name):
    # Transactional tests empty the database, groups included; the factories
    # then make each group again (role_group), which must grant what every
    # app's role migrations granted, no more and no less.
    migrated = permissions_of(name)
    Group.objects.filter(name=name).delete()

    role_group(name)

    assert permissions_of(name) == migrated


# --- What a journalist sees ---------------------------------------------------


def test_journalist_article_list_hides_colleagues_articles(client, journalist):
    mine = own_article(journalist, headline="My council story")
    co_author = AuthorFactory()
    shared = ArticleFactory(
        headline="Our joint story", bylines=[co_author, journalist.author_profile]
    )
    ArticleFactory(headline="A colleague's scoop")
    client.force_login(journalist)

    response = client.get(CHANGELIST_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert mine.headline in page
    assert shared.headline in page
    assert "scoop" not in page
    # The author filter offers the people they share bylines with.
    assert f"bylines__author__id__exact={co_author.pk}" in page


# --- What a journalist may change ---------------------------------------------


def test_journalist_cannot_publish_or_feature_by_forging_the_form(
    journalist_client, journalist
):
    article = own_article(journalist, status=Status.DRAFT, published_at=None)

    response = journalist_client.post(
        change_url(article),
        admin_article_data(
            article,
            status=Status.PUBLISHED,
            published_at_0="2020-01-01",
            published_at_1="09:00:00",
            is_featured="on",
        ),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.published_at is None
    assert not article.is_featured


def test_journalist_sees_status_and_publish_time_read_only(
    journalist_client, journalist
):
    article = own_article(journalist, status=Status.DRAFT)

    page = journalist_client.get(change_url(article)).content.decode()

    assert 'name="headline"' in page
    assert 'name="status"' not in page
    assert 'name="published_at_0"' not in page
    assert (
        '<div class="readonly"><span class="desk-status desk-status--draft">'
        "Draft</span></div>"
    ) in page


def test_journalist_cannot_add_a_correction_by_forging_the_form(
    journalist_client, journalist
):
    article = own_article(journalist, status=Status.DRAFT)

    response = journalist_client.post(
        change_url(article),
        admin_article_data(
            article,
            inlines={
                "corrections": [
                    {
                        "created_at_0": "2026-01-01",
                        "created_at_1": "10:00:00",
                        "kind": "correction",
                        "text": "Forged",
                    }
                ]
            },
        ),
    )

    assert response.status_code == 302  # the rest of the form is saved
    assert not Correction.objects.exists()


def test_journalist_may_drop_a_part_of_their_own_draft(journalist_client, journalist):
    article = add_parts(own_article(journalist, status=Status.DRAFT))
    data = admin_article_data(article)
    data["key_points-0-DELETE"] = "on"

    response = journalist_client.post(change_url(article), data)

    assert response.status_code == 302
    assert [p.text for p in article.key_points.all()] == ["Key point 2", "Key point 3"]


def test_journalist_edits_their_own_author_profile_only(client, journalist):
    colleague = AuthorFactory(user=UserFactory(), name="Colleague")
    own = journalist.author_profile
    client.force_login(journalist)

    mine = client.post(
        reverse("admin:authors_author_change", args=[own.pk]),
        {"name": "New Name", "job_title": "Reporter", "user": colleague.user.pk},
    )
    theirs_get = client.get(reverse("admin:authors_author_change", args=[colleague.pk]))
    theirs_post = client.post(
        reverse("admin:authors_author_change", args=[colleague.pk]),
        {"name": "Renamed", "job_title": "Intern"},
    )

    assert mine.status_code == 302
    own.refresh_from_db()
    assert own.name == "New Name"
    # Who the profile belongs to is not theirs to change.
    assert own.user == journalist
    assert theirs_get.status_code == 200
    assert 'name="name"' not in theirs_get.content.decode()
    assert theirs_post.status_code == 403
    assert Author.objects.get(pk=colleague.pk).name == "Colleague"


def test_journalist_has_no_access_to_logins_or_site_settings(journalist_client):
    assert journalist_client.get(reverse("admin:auth_user_changelist")).status_code == (
        403
    )
    assert (
        journalist_client.get(
            reverse("admin:newsroom_sitesettings_changelist")
        ).status_code
        == 403
    )


# --- What an editor may do ----------------------------------------------------


def test_editor_article_list_shows_every_article_in_every_status(client):
    headlines = {
        status: ArticleFactory(status=status, headline=f"Filed, {status}").headline
        for status in Status
    }
    client.force_login(EditorFactory())

    listing = client.get(CHANGELIST_URL).content.decode()

    assert [status for status in Status if headlines[status] not in listing] == []


def test_editor_edits_site_pages_but_not_logins(editor_client):
    pages = editor_client.get(reverse("admin:newsroom_sitepage_changelist"))

    assert pages.status_code == 200
    assert "Select site page to change" in pages.content.decode()
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
