"""The Author desk over HTTP: who may link a login to a profile (and that every
change of that link is recorded, for the four-eyes rule), and what a
journalist sees of colleagues' profiles."""

import html
import json

import pytest
from django.urls import reverse

from articles.models import Article, ArticleEvent
from authors.models import LoginLinkChange
from demo.management.commands.seed_demo import (
    link_logins_to_authors,
    read_fixture,
)
from tests.admin_urls import change_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    JournalistFactory,
    UserFactory,
    admin_article_data,
    client_for,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
Action = ArticleEvent.Action
AUTHOR_LIST = reverse("admin:authors_author_changelist")
AUTOCOMPLETE = reverse("admin:autocomplete")


def author_url(author):
    return reverse("admin:authors_author_change", args=[author.pk])


def transition_url(article, action):
    return reverse("admin:articles_article_transition", args=[article.pk, action])


def text_of(response):
    return html.unescape(response.content.decode())


def profile_data(author, **fields):
    """What the author form posts: the profile as it is, then ``fields``."""
    data = {
        name: getattr(author, name) or ""
        for name in (
            "name",
            "slug",
            "job_title",
            "bio",
            "website",
            "email",
            "x_handle",
            "facebook_url",
            "instagram_url",
            "linkedin_url",
        )
    }
    data["user"] = author.user_id or ""
    if author.is_active:
        data["is_active"] = "on"
    data.update(fields)
    return data


def story_in_review(journalist):
    """A complete story the journalist wrote on the desk and submitted."""
    article = ArticleFactory(
        status=Status.DRAFT,
        published_at=None,
        with_parts=True,
        bylines=[journalist.author_profile],
        category=CategoryFactory(),
    )
    client = client_for(journalist)
    # Their save is the article's first revision: they wrote it.
    assert client.post(change_url(article), admin_article_data(article)).status_code
    client.post(transition_url(article, Action.SUBMIT))
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    return article


def add_own_byline(client, article, author):
    response = client.post(
        change_url(article),
        admin_article_data(
            article,
            inlines={"bylines": [{"author": author.pk, "position": 1}]},
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert author in article.byline_authors


def approve(client, article):
    return client.post(transition_url(article, Action.APPROVE))


# --- Four eyes: who a login is and was linked to --------------------------------


def test_an_editor_cannot_unlink_their_profile_to_approve_their_own_story(
    settings, writing_editor
):
    """The issue's way round the rule: byline, unlink, approve, relink."""
    settings.NEWSROOM_FOUR_EYES = True
    article = story_in_review(JournalistFactory())
    client = client_for(writing_editor)
    profile = writing_editor.author_profile
    add_own_byline(client, article, profile)

    unlinked = client.post(author_url(profile), profile_data(profile, user=""))
    approved = approve(client, article)

    assert unlinked.status_code == 302
    profile.refresh_from_db()
    assert profile.user == writing_editor  # not theirs to unlink
    assert not LoginLinkChange.objects.exists()
    assert approved.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_a_profile_once_linked_to_an_editor_stays_their_byline_after_an_unlink(
    settings, writing_editor, superuser
):
    settings.NEWSROOM_FOUR_EYES = True
    article = story_in_review(JournalistFactory())
    editor_client = client_for(writing_editor)
    profile = writing_editor.author_profile
    add_own_byline(editor_client, article, profile)

    # An administrator unlinks the profile (recorded)...
    response = client_for(superuser).post(
        author_url(profile), profile_data(profile, user="")
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.user is None

    # ...and its byline is still the editor's: they may not approve.
    page = editor_client.get(change_url(article))
    assert "you are or were bylined on it" in text_of(page)
    assert approve(editor_client, article).status_code == 403
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    # A second pair of eyes may.
    approve(client_for(EditorFactory(username="second-pair")), article)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_an_administrator_relinking_a_profile_is_recorded_and_shown_on_its_page(
    writing_editor, superuser
):
    profile = writing_editor.author_profile
    other = EditorFactory(username="other-login")
    admin_client = client_for(superuser)

    admin_client.post(author_url(profile), profile_data(profile, user=""))
    profile.refresh_from_db()
    admin_client.post(author_url(profile), profile_data(profile, user=other.pk))
    profile.refresh_from_db()

    assert profile.user == other
    trail = [
        (c.from_username, c.to_username, c.changed_by, c.changed_by_name)
        for c in LoginLinkChange.objects.order_by("changed_at", "id")
    ]
    assert trail == [
        ("writing-editor", "", superuser, "root"),
        ("", "other-login", superuser, "root"),
    ]
    # Editors read the trail on the profile's desk page; nobody edits it.
    page = text_of(client_for(EditorFactory()).get(author_url(profile)))
    assert "root changed it from writing-editor to no login." in page
    assert "root changed it from no login to other-login." in page
    assert 'name="login_history"' not in page
    # Saving the page with nothing changed records nothing.
    admin_client.post(author_url(profile), profile_data(profile))
    assert LoginLinkChange.objects.count() == 2


def test_only_an_administrator_may_link_a_login_to_a_profile(superuser):
    guest = AuthorFactory(name="Guest Writer")
    login = EditorFactory(username="new-hire")
    editor_client = client_for(EditorFactory())

    editor_page = editor_client.get(author_url(guest)).content.decode()
    forged = editor_client.post(author_url(guest), profile_data(guest, user=login.pk))

    assert 'name="user"' not in editor_page
    assert forged.status_code == 302  # the rest of the profile saves
    guest.refresh_from_db()
    assert guest.user is None
    assert not LoginLinkChange.objects.exists()

    admin_page = client_for(superuser).get(author_url(guest)).content.decode()
    assert 'name="user"' in admin_page


# --- What a journalist sees of colleagues ---------------------------------------


@pytest.fixture
def colleague():
    login = UserFactory(username="colleague-login", email="login.mail@example.com")
    return AuthorFactory(
        user=login,
        name="Colleague Writer",
        job_title="Court Reporter",
        bio="Covers the courts.",
        website="https://colleague.example",
        email="private.colleague@example.com",
        x_handle="colleague_x",
    )


PRIVATE = ("colleague-login", "login.mail@example.com", "private.colleague@example.com")


def assert_nothing_private(response):
    assert response.status_code == 200
    page = text_of(response)
    assert [secret for secret in PRIVATE if secret in page] == []


def test_a_journalist_sees_only_the_public_face_of_a_colleagues_profile(colleague):
    client = client_for(JournalistFactory())

    listing = client.get(AUTHOR_LIST)
    searched = client.get(AUTHOR_LIST, {"q": "Colleague"})
    page = client.get(author_url(colleague))
    byline_choices = client.get(
        AUTOCOMPLETE,
        {
            "app_label": "articles",
            "model_name": "byline",
            "field_name": "author",
            "term": "Colleague",
        },
    )

    for response in (listing, searched, page, byline_choices):
        assert_nothing_private(response)
    assert "Colleague Writer" in text_of(searched)
    shown = text_of(page)
    for public in (
        "Colleague Writer",
        "Court Reporter",
        "Covers the courts.",
        "colleague_x",
    ):
        assert public in shown
    assert "https://colleague.example" in shown
    assert json.loads(byline_choices.content)["results"] == [
        {"id": str(colleague.pk), "text": "Colleague Writer"}
    ]


def test_a_journalist_cannot_tell_a_colleagues_address_by_filtering_the_list(
    colleague,
):
    client = client_for(JournalistFactory())

    for lookup in ("email__startswith", "user__username", "user__email__contains"):
        response = client.get(AUTHOR_LIST, {lookup: "p"})
        assert response.status_code == 400, lookup
        assert "Colleague Writer" not in response.content.decode()


def test_a_journalist_sees_their_own_profile_whole_and_editors_see_every_one(
    colleague,
):
    journalist = JournalistFactory(username="jo-login")
    own = journalist.author_profile
    own.email = "jo.private@example.com"
    own.save()

    own_page = text_of(client_for(journalist).get(author_url(own)))
    editor_client = client_for(EditorFactory())
    editor_page = text_of(editor_client.get(author_url(colleague)))
    editor_list = text_of(editor_client.get(AUTHOR_LIST))

    assert "jo.private@example.com" in own_page
    assert "jo-login" in own_page
    assert "private.colleague@example.com" in editor_page
    assert "colleague-login" in editor_list
    assert editor_client.get(AUTHOR_LIST, {"email__startswith": "p"}).status_code == 200


def test_the_demo_newsroom_records_the_logins_it_links():
    logins = [login for login in read_fixture()["logins"] if login["author"]]
    users = {
        login["username"]: (UserFactory(username=login["username"]), True)
        for login in logins
    }
    authors = {login["author"]: AuthorFactory(slug=login["author"]) for login in logins}

    link_logins_to_authors(logins, users, authors)

    trail = {
        (change.author.slug, change.from_user, change.to_user.username)
        for change in LoginLinkChange.objects.all()
    }
    assert trail == {(login["author"], None, login["username"]) for login in logins}
