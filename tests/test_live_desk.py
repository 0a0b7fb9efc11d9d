"""The live blog's desk page over HTTP: who may open it and post, posting
and the entries' buttons with and without the page's script."""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import live_blogs, live_pages, workflow
from articles.models import LiveEntry
from tests.factories import (
    ArticleFactory,
    EditorFactory,
    JournalistFactory,
    admin_article_data,
    client_for,
)
from tests.test_live_blogs import structured_data

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


# --- The desk follows the stream -----------------------------------------------


def updates_url(article, after):
    url = reverse("admin:articles_article_live_updates", args=[article.pk])
    return f"{url}?after={after}"


def desk_cursor(client, article):
    page = client.get(desk_url(article)).text
    return re.search(r'data-desk-live-cursor="(\d+)"', page).group(1)


def test_a_colleagues_entries_reach_an_open_desk_page_with_their_buttons(
    live_blog, journalist, editor
):
    live_blog.entries_need_approval = True
    live_blog.save()
    desk = client_for(editor)
    cursor = desk_cursor(desk, live_blog)
    client_for(journalist).post(desk_url(live_blog), {"body": "<p>Levee holds</p>"})

    answer = desk.get(updates_url(live_blog, cursor))

    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    assert "private" in answer["Cache-Control"]
    [entry] = answer.json()["entries"]
    assert "Levee holds" in entry["html"]
    assert "Waiting for approval" in entry["html"]
    assert 'data-action="approve"' in entry["html"]
    # Asked again from the cursor it gave: nothing new.
    again = desk.get(updates_url(live_blog, answer.json()["cursor"]))
    assert again.json()["entries"] == []


def test_a_deleted_entry_comes_to_the_desk_with_its_restore_button(live_blog, editor):
    desk = client_for(editor)
    desk.post(desk_url(live_blog), {"body": "<p>Wrong town</p>"})
    entry = LiveEntry.objects.get()
    cursor = desk_cursor(desk, live_blog)
    client_for(EditorFactory()).post(desk_url(live_blog, entry.pk, "delete"))

    [changed] = desk.get(updates_url(live_blog, cursor)).json()["entries"]

    assert changed["id"] == entry.pk
    assert 'data-action="restore"' in changed["html"]


def test_a_journalist_not_bylined_gets_nothing_from_the_desk_updates(live_blog):
    client_for(EditorFactory()).post(desk_url(live_blog), {"body": "<p>Secret</p>"})
    answer = client_for(JournalistFactory()).get(updates_url(live_blog, 0))
    assert answer.status_code in (403, 404)
    assert "Secret" not in answer.text


def test_anonymous_is_sent_to_log_in_from_the_desk_updates(client, live_blog):
    answer = client.get(updates_url(live_blog, 0))
    assert answer.status_code == 302
    assert "/login/" in answer["Location"]


@pytest.mark.parametrize("after", ["abc", "-5", "1e3"])
def test_a_bad_cursor_gets_a_clear_message(live_blog, editor, after):
    answer = client_for(editor).get(updates_url(live_blog, after))
    assert answer.status_code == 400
    assert "cursor" in answer.json()["errors"][0]


# --- Coverage start ----------------------------------------------------------------


def coverage_form(article, started):
    # Typed in the newsroom's zone, in the browser's date-and-time box.
    local = timezone.localtime(started)
    return admin_article_data(
        article, is_live_blog="on", coverage_started_at=f"{local:%Y-%m-%dT%H:%M}"
    )


def test_the_desk_sets_the_coverage_start_that_search_engines_are_told(
    live_blog, editor, client
):
    started = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=5)
    change = reverse("admin:articles_article_change", args=[live_blog.pk])

    answer = client_for(editor).post(change, coverage_form(live_blog, started))

    assert answer.status_code == 302, answer.context["adminform"].form.errors
    live_blog.refresh_from_db()
    assert live_blog.coverage_started_at == started
    data = structured_data(client.get(live_blog.get_absolute_url()).text)
    posting = next(d for d in data if d.get("@type") == "LiveBlogPosting")
    assert datetime.fromisoformat(posting["coverageStartTime"]) == started


def test_a_coverage_start_after_its_end_is_refused_with_its_reason(live_blog, editor):
    workflow.end_coverage(live_blog, by=editor)
    live_blog.refresh_from_db()
    later = live_blog.coverage_ended_at + timedelta(hours=1)
    change = reverse("admin:articles_article_change", args=[live_blog.pk])

    answer = client_for(editor).post(change, coverage_form(live_blog, later))

    assert answer.status_code == 200
    assert "cannot start after it ended" in answer.text
    live_blog.refresh_from_db()
    assert live_blog.coverage_started_at is None


@pytest.mark.parametrize("count", [1, 8])
def test_the_desk_updates_take_the_same_queries_for_one_change_or_many(
    live_blog, editor, journalist, count, django_assert_max_num_queries
):
    for n in range(count):
        live_blogs.post_entry(live_blog, by=journalist, body=f"<p>Gust {n}</p>")
    desk = client_for(editor)
    desk.get(desk_url(live_blog))  # the session and the user, as warm as a desk's

    with django_assert_max_num_queries(9):
        answer = desk.get(updates_url(live_blog, 0))

    assert len(answer.json()["entries"]) == count


def test_too_many_changes_at_once_ask_the_desk_to_reload(
    live_blog, editor, monkeypatch
):
    monkeypatch.setattr(live_pages, "MAX_UPDATES", 2)
    for n in range(3):
        live_blogs.post_entry(live_blog, by=editor, body=f"<p>Surge {n}</p>")

    answer = client_for(editor).get(updates_url(live_blog, 0)).json()

    assert answer["reload"] is True
    assert "entries" not in answer
