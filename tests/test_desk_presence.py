"""Presence on the desk over HTTP: an article's change page posts a heartbeat
and learns who else has it open (articles/admin/presence.py). Only people who
may view the article are recorded or listed, by display name; names expire;
only a CSRF-checked POST writes; the heartbeat costs a constant number of
queries and touches nothing readers see."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import search
from articles.models import Article, ArticlePresence
from newsroom import page_keys
from tests.admin_urls import change_url
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    EditorFactory,
    JournalistFactory,
    client_for,
)

pytestmark = pytest.mark.django_db


def presence_url(article_or_pk):
    pk = getattr(article_or_pk, "pk", article_or_pk)
    return reverse("admin:articles_article_presence", args=[pk])


def beat(client, article, **data):
    return client.post(presence_url(article), data)


def others(response):
    assert response.status_code == 200, response.status_code
    return response.json()["others"]


@pytest.fixture
def sam(journalist):
    journalist.first_name, journalist.last_name = "Sam", "Reporter"
    journalist.save()
    return journalist


@pytest.fixture
def story(sam):
    return ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, bylines=[sam.author_profile]
    )


def test_each_sees_the_other_by_name_and_whether_they_may_edit(sam, editor, story):
    editor.first_name, editor.last_name = "Eda", "Chief"
    editor.save()
    as_sam, as_editor = client_for(sam), client_for(editor)

    assert others(beat(as_sam, story)) == []
    assert others(beat(as_editor, story)) == [{"name": "Sam Reporter", "editing": True}]
    assert others(beat(as_sam, story)) == [{"name": "Eda Chief", "editing": True}]


def test_answers_never_carry_an_e_mail_address(sam, editor, story):
    beat(client_for(sam), story)
    response = beat(client_for(editor), story)
    assert sam.email not in response.content.decode()
    # Without a full name, the login name, as the desk names people elsewhere.
    sam.first_name = sam.last_name = ""
    sam.save()
    assert others(beat(client_for(editor), story)) == [{"name": "jo", "editing": True}]


def test_a_journalist_who_may_only_view_is_listed_as_viewing(sam, editor):
    in_review = ArticleFactory(
        status=Article.Status.IN_REVIEW,
        published_at=None,
        bylines=[sam.author_profile],
    )
    beat(client_for(sam), in_review)
    assert others(beat(client_for(editor), in_review)) == [
        {"name": "Sam Reporter", "editing": False}
    ]


def test_a_colleague_who_cannot_view_the_article_gets_a_404_and_is_never_listed(
    sam, editor, story
):
    outsider = JournalistFactory(first_name="Olga", last_name="Outsider")
    as_outsider = client_for(outsider)
    beat(client_for(sam), story)

    assert beat(as_outsider, story).status_code == 404
    assert not ArticlePresence.objects.filter(user=outsider).exists()
    assert others(beat(client_for(editor), story)) == [
        {"name": "Sam Reporter", "editing": True}
    ]
    # The same answer as for an article that does not exist.
    assert beat(as_outsider, 999_999).status_code == 404
    assert client_for(outsider).post(presence_url("not-a-number")).status_code == 404


def test_taken_off_the_byline_a_journalist_drops_out_at_the_next_beat(
    sam, editor, story
):
    as_sam = client_for(sam)
    beat(as_sam, story)
    story.bylines.update(author=AuthorFactory())

    assert beat(as_sam, story).status_code == 404
    assert others(beat(client_for(editor), story)) == []


def test_names_expire_and_old_rows_are_cleaned_by_the_heartbeat(sam, editor, story):
    as_sam, as_editor = client_for(sam), client_for(editor)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        beat(as_sam, story)
    with time_machine.travel(start + timedelta(seconds=15), tick=False):
        assert [o["name"] for o in others(beat(as_editor, story))] == ["Sam Reporter"]
    with time_machine.travel(start + timedelta(seconds=25), tick=False):
        assert others(beat(as_editor, story)) == []
        assert ArticlePresence.objects.filter(user=sam).exists()
    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        beat(as_editor, story)
        assert list(ArticlePresence.objects.values_list("user", flat=True)) == [
            editor.pk
        ]


def test_a_heartbeat_keeps_one_row_per_person_and_article(sam, story):
    as_sam = client_for(sam)
    for _ in range(3):
        beat(as_sam, story)
    assert ArticlePresence.objects.filter(user=sam, article=story).count() == 1


def test_leaving_the_page_removes_the_name_at_once(sam, editor, story):
    as_sam, as_editor = client_for(sam), client_for(editor)
    beat(as_sam, story)
    assert others(beat(as_editor, story)) != []

    assert others(beat(as_sam, story, gone="1")) == []
    assert others(beat(as_editor, story)) == []


def test_a_deactivated_login_is_not_listed(sam, editor, story):
    beat(client_for(sam), story)
    sam.is_active = False
    sam.save()
    assert others(beat(client_for(editor), story)) == []


def test_a_forged_get_writes_nothing(sam, story):
    response = client_for(sam).get(presence_url(story), {"gone": "1"})
    assert response.status_code == 405
    assert not ArticlePresence.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(sam, story):
    as_sam = client_for(sam, csrf=True)
    assert beat(as_sam, story).status_code == 403
    assert not ArticlePresence.objects.exists()

    # The token the change page carries (the presence bar's data-csrf-token).
    page = as_sam.get(change_url(story))
    token = page.context["csrf_token"]
    assert f'data-csrf-token="{token}"' in page.content.decode()
    assert beat(as_sam, story, csrfmiddlewaretoken=str(token)).status_code == 200
    assert ArticlePresence.objects.filter(user=sam).exists()


def test_the_change_page_carries_the_presence_bar(sam, story):
    page = client_for(sam).get(change_url(story)).content.decode()
    assert 'role="status"' in page
    assert f'data-presence-url="{presence_url(story)}"' in page
    assert "js/desk-presence.js" in page


def test_presence_is_not_content(sam, editor, story):
    """No cached page let go, nothing re-indexed, no revision, and the article
    itself untouched."""
    updated_at = story.updated_at
    with (
        mock.patch.object(page_keys, "changed") as stale,
        mock.patch.object(search, "update_search_documents") as index,
    ):
        beat(client_for(sam), story)
        beat(client_for(editor), story)
        beat(client_for(sam), story, gone="1")
    stale.assert_not_called()
    index.assert_not_called()
    assert not Version.objects.exists()
    story.refresh_from_db()
    assert story.updated_at == updated_at


@pytest.mark.parametrize("colleagues", [1, 6])
def test_the_heartbeat_costs_the_same_however_many_are_here(
    colleagues, story, django_assert_num_queries
):
    editors = [EditorFactory() for _ in range(colleagues)]
    for editor in editors:
        beat(client_for(editor), story)
    me = client_for(editors[0])
    beat(me, story)  # the first beat inserts; every later one refreshes

    # The session, the user, the article with its bylines and their authors,
    # the user's permissions (own and groups'), whether they are an editor;
    # then the upsert, the clean-up and the read of who is here.
    with django_assert_num_queries(10):
        response = beat(me, story)
    assert len(others(response)) == colleagues - 1
