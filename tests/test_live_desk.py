"""The live blog's desk page over HTTP: who may open it and post, posting
and the entries' buttons with and without the page's script."""

import pytest
from django.urls import reverse

from articles.models import LiveEntry
from tests.factories import ArticleFactory, JournalistFactory, client_for

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def live_blog(journalist):
    return ArticleFactory(is_live_blog=True, bylines=[journalist.author_profile])


def desk_url(article, *rest):
    name = "live" if not rest else ("live_edit" if rest[-1] == "edit" else "live_act")
    args = [article.pk, *(r for r in rest if r != "edit")]
    return reverse(f"admin:articles_article_{name}", args=args)


def test_a_bylined_journalist_opens_the_live_desk_and_posts_without_reload(
    live_blog, journalist
):
    client = client_for(journalist)
    page = client.get(desk_url(live_blog))
    assert page.status_code == 200
    assert "data-desk-live-form" in page.text
    answer = client.post(
        desk_url(live_blog), {"title": "", "body": "<p>Roof torn off</p>"}, **JSON
    )
    assert answer.status_code == 201
    assert "Roof torn off" in answer.json()["html"]
    assert LiveEntry.objects.get().posted_by == journalist


def test_posting_without_the_script_comes_back_to_the_desk_page(live_blog, editor):
    client = client_for(editor)
    answer = client.post(desk_url(live_blog), {"body": "<p>Tide peaks</p>"})
    assert answer.status_code == 302
    assert "Tide peaks" in client.get(answer["Location"]).text


def test_an_empty_entry_is_refused_with_its_reason(live_blog, editor):
    answer = client_for(editor).post(desk_url(live_blog), {"body": "<p></p>"}, **JSON)
    assert answer.status_code == 400
    assert answer.json()["errors"]
    assert not LiveEntry.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_nobody_else_reaches_the_live_desk(live_blog, who):
    user = JournalistFactory() if who == "stranger" else None
    client = client_for(user)
    page = client.get(desk_url(live_blog))
    posted = client.post(desk_url(live_blog), {"body": "<p>Hijack</p>"}, **JSON)
    assert page.status_code in (302, 403, 404)
    assert posted.status_code in (302, 403, 404)
    assert not LiveEntry.objects.exists()


def test_an_article_that_is_no_live_blog_has_no_live_desk(editor):
    article = ArticleFactory()
    assert client_for(editor).get(desk_url(article)).status_code == 404


def test_pin_delete_and_restore_answer_the_entry_as_the_desk_shows_it(
    live_blog, editor
):
    client = client_for(editor)
    client.post(desk_url(live_blog), {"body": "<p>Shelter at the school</p>"})
    entry = LiveEntry.objects.get()
    pinned = client.post(desk_url(live_blog, entry.pk, "pin"), **JSON)
    assert "Unpin" in pinned.json()["html"]
    deleted = client.post(desk_url(live_blog, entry.pk, "delete"), **JSON)
    assert "Restore" in deleted.json()["html"]
    assert not LiveEntry.objects.shown().exists()
    client.post(desk_url(live_blog, entry.pk, "restore"), **JSON)
    assert LiveEntry.objects.shown().get().is_pinned


def test_a_journalist_may_not_approve(live_blog, journalist, editor):
    live_blog.entries_need_approval = True
    live_blog.save()
    client = client_for(journalist)
    client.post(desk_url(live_blog), {"body": "<p>Waiting</p>"})
    entry = LiveEntry.objects.get()
    assert not entry.is_approved
    assert client.post(desk_url(live_blog, entry.pk, "approve")).status_code == 403
    assert "Approve" in client_for(editor).get(desk_url(live_blog)).text


def test_the_buttons_take_posts_only(live_blog, editor):
    client = client_for(editor)
    client.post(desk_url(live_blog), {"body": "<p>Once</p>"})
    entry = LiveEntry.objects.get()
    assert client.get(desk_url(live_blog, entry.pk, "delete")).status_code == 405


def test_an_entry_is_edited_on_a_page_of_its_own(live_blog, editor):
    client = client_for(editor)
    client.post(desk_url(live_blog), {"body": "<p>Typo hre</p>"})
    entry = LiveEntry.objects.get()
    url = desk_url(live_blog, entry.pk, "edit")
    assert "Typo hre" in client.get(url).text
    client.post(url, {"title": "", "body": "<p>Typo here</p>"})
    entry.refresh_from_db()
    assert entry.body == "<p>Typo here</p>"
