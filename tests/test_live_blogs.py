"""Live blogs: who may post and change entries, what readers see of the
stream (page, updates, feed, structured data), and freshness without moving
the site's cache generation."""

import json
import re
from datetime import timedelta
from html import unescape
from unittest import mock

import feedparser
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles import live_blogs, live_pages, workflow
from articles.models import Article, LiveEntry
from articles.views import CategoryView
from newsroom import generations
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    JournalistFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_blog(journalist):
    return ArticleFactory(
        headline="Storm Bram live: the coast braces",
        slug="storm-bram-live",
        is_live_blog=True,
        bylines=[journalist.author_profile],
    )


def post(article, by, text="Winds reach 90 mph at the pier.", **kwargs):
    return live_blogs.post_entry(article, by=by, body=f"<p>{text}</p>", **kwargs)


def updates(client, article, after=0, **headers):
    return client.get(f"{article.get_absolute_url()}updates/?after={after}", **headers)


# --- Who may ------------------------------------------------------------------


def test_a_bylined_journalist_posts_and_the_entry_names_them(live_blog, journalist):
    entry = post(live_blog, journalist)
    assert entry.is_approved
    assert list(entry.authors.all()) == [journalist.author_profile]


def test_a_journalist_not_bylined_may_not_post(live_blog):
    stranger = JournalistFactory()
    with pytest.raises(PermissionDenied):
        post(live_blog, stranger)
    assert not LiveEntry.objects.exists()


def test_an_editor_posts_on_any_live_blog(live_blog, editor):
    assert post(live_blog, editor).is_approved


def test_a_journalists_entry_waits_for_an_editor_where_the_blog_says_so(
    live_blog, journalist, editor, client
):
    Article.objects.filter(pk=live_blog.pk).update(entries_need_approval=True)
    entry = post(live_blog, journalist, "Unconfirmed: ferry cancelled")
    assert not entry.is_approved
    assert "Unconfirmed" not in client.get(live_blog.get_absolute_url()).text
    with pytest.raises(PermissionDenied):
        live_blogs.approve_entry(entry, by=journalist)
    live_blogs.approve_entry(entry, by=editor)
    assert "Unconfirmed" in client.get(live_blog.get_absolute_url()).text


def test_a_journalists_edit_of_an_approved_entry_waits_for_approval_again(
    live_blog, journalist, editor, client
):
    Article.objects.filter(pk=live_blog.pk).update(entries_need_approval=True)
    entry = post(live_blog, journalist, "Ferry cancelled")
    live_blogs.approve_entry(entry, by=editor)
    live_blogs.edit_entry(entry, by=journalist, body="<p>Ferry sunk</p>")
    page = client.get(live_blog.get_absolute_url()).text
    assert "Ferry sunk" not in page and "Ferry cancelled" not in page
    live_blogs.approve_entry(entry, by=editor)
    assert "Ferry sunk" in client.get(live_blog.get_absolute_url()).text


def test_a_journalist_changes_only_their_own_entries(live_blog, journalist, editor):
    colleague = JournalistFactory()
    live_blog.bylines.create(author=colleague.author_profile, position=1)
    theirs = post(live_blog, colleague)
    with pytest.raises(PermissionDenied):
        live_blogs.delete_entry(theirs, by=journalist)
    with pytest.raises(PermissionDenied):
        live_blogs.edit_entry(theirs, by=journalist, body="<p>Mine now</p>")
    live_blogs.delete_entry(theirs, by=editor)


def test_an_empty_entry_is_refused_with_a_reason(live_blog, editor):
    with pytest.raises(live_blogs.LiveBlogError, match="needs some text"):
        live_blogs.post_entry(live_blog, by=editor, body="<p></p>")


def test_only_an_editor_ends_the_coverage_and_then_no_entry_is_taken(
    live_blog, journalist, editor
):
    with pytest.raises(PermissionDenied):
        workflow.end_coverage(live_blog, by=journalist)
    workflow.end_coverage(live_blog, by=editor)
    live_blog.refresh_from_db()
    assert live_blog.coverage_ended_at is not None
    assert live_blog.events.filter(action="end_coverage").exists()
    with pytest.raises(live_blogs.LiveBlogError, match="ended"):
        post(live_blog, editor)
    with pytest.raises(workflow.InvalidTransition):
        workflow.end_coverage(live_blog, by=editor)


def test_entries_are_revisioned_and_a_deleted_one_comes_back(live_blog, editor):
    from reversion.models import Version

    entry = post(live_blog, editor, "First words")
    live_blogs.edit_entry(entry, by=editor, body="<p>Better words</p>")
    live_blogs.delete_entry(entry, by=editor)
    versions = Version.objects.get_for_object(entry)
    comments = [v.revision.comment for v in versions]
    assert comments == ["Deleted.", "Edited.", "Posted."]
    assert "First words" in versions.last().field_dict["body"]
    assert not LiveEntry.objects.shown().exists()
    live_blogs.restore_entry(entry, by=editor)
    assert LiveEntry.objects.shown().get().body == "<p>Better words</p>"


def test_an_entry_body_is_sanitised_like_a_section_body(live_blog, editor):
    entry = post(live_blog, editor, '<img src=x onerror="alert(1)">Calm<script>x')
    assert "onerror" not in entry.body and "<script" not in entry.body


# --- Freshness ----------------------------------------------------------------


def test_posting_an_entry_leaves_the_site_wide_generation_alone(live_blog, editor):
    before = generations.current().number
    entry = post(live_blog, editor)
    live_blogs.edit_entry(entry, by=editor, body="<p>Edited</p>")
    live_blogs.delete_entry(entry, by=editor)
    generations.forget()
    assert generations.current().number == before


def test_an_entry_refreshes_the_live_blogs_page_and_leaves_other_pages_cached(
    live_blog, editor, client, page_cache
):
    arts = CategoryFactory(name="Arts", slug="arts")
    ArticleFactory(headline="Lighthouse repainted", category=arts)
    elsewhere = arts.get_absolute_url()
    assert "Lighthouse repainted" in client.get(elsewhere).text  # stored
    client.get(live_blog.get_absolute_url())  # stored

    with mock.patch.object(
        CategoryView, "get_context_data", side_effect=AssertionError("rendered")
    ):
        post(live_blog, editor, "Sea wall breached")
        assert "Sea wall breached" in client.get(live_blog.get_absolute_url()).text
        assert "Lighthouse repainted" in client.get(elsewhere).text  # cached


def test_ending_the_coverage_shows_the_ended_page_at_once(
    live_blog, editor, client, page_cache
):
    following = "Updates appear here as they are posted."
    assert following in client.get(live_blog.get_absolute_url()).text
    workflow.end_coverage(live_blog, by=editor)
    page = client.get(live_blog.get_absolute_url()).text
    assert "This live coverage has ended" in page and following not in page


def test_a_live_blogs_page_is_kept_seconds_only_while_live(
    live_blog, editor, client, page_cache
):
    control = client.get(live_blog.get_absolute_url())["Cache-Control"]
    # A CDN keeps it 3 s at most and never serves it stale: a reader behind
    # one gets a new entry within seconds.
    assert "s-maxage=3" in control and "stale-while-revalidate=0" in control


def test_an_ordinary_articles_page_keeps_the_usual_cache_time(client, page_cache):
    article = ArticleFactory()
    control = client.get(article.get_absolute_url())["Cache-Control"]
    assert "s-maxage=5" in control and "stale-while-revalidate=30" in control


# --- The reader's page --------------------------------------------------------


def test_the_page_reads_newest_first_with_pinned_on_top_and_key_events(
    live_blog, editor, client
):
    now = timezone.now()
    pinned = post(live_blog, editor, "Where to find shelter", is_pinned=True)
    key = post(live_blog, editor, "Red warning issued", is_key_event=True)
    newest = post(live_blog, editor, "Trains stopped")
    LiveEntry.objects.filter(pk=pinned.pk).update(posted_at=now - timedelta(hours=3))
    LiveEntry.objects.filter(pk=key.pk).update(posted_at=now - timedelta(hours=2))
    html = client.get(live_blog.get_absolute_url()).text
    order = [int(pk) for pk in re.findall(r'data-entry="(\d+)"', html)]
    assert order == [pinned.pk, newest.pk, key.pk]
    box = html[html.index('id="key-events"') :]
    assert f'href="#entry-{key.pk}"' in box[: box.index("</nav>")]


def test_older_updates_are_a_plain_link_to_the_next_page(live_blog, editor, client):
    for n in range(live_pages.ENTRIES_PER_PAGE + 2):
        post(live_blog, editor, f"Update number {n}")
    first = client.get(live_blog.get_absolute_url()).text
    assert "Update number 0<" not in first
    assert 'href="?updates=2#live"' in first
    second = client.get(f"{live_blog.get_absolute_url()}?updates=2").text
    assert "Update number 0<" in second


def test_an_ended_live_blog_says_so_and_leads_with_its_summary(
    live_blog, editor, client
):
    post(live_blog, editor)
    workflow.end_coverage(live_blog, by=editor)
    html = client.get(live_blog.get_absolute_url()).text
    assert "This live coverage has ended" in html
    main = html[html.index('<main id="main"') :]
    assert main.index("The council passed the budget") < main.index("Winds reach")
    assert "data-live-updates" not in html  # nothing to poll


def test_home_and_category_cards_say_live_while_the_coverage_is(
    live_blog, editor, client
):
    category = live_blog.category.get_absolute_url()
    assert "LIVE" in client.get(category).text
    assert "card__live" in client.get("/").text
    workflow.end_coverage(live_blog, by=editor)
    assert "card__live" not in client.get(category).text


def test_the_live_page_reads_a_fixed_number_of_queries(
    live_blog, editor, client, django_assert_max_num_queries
):
    post(live_blog, editor)
    client.get(live_blog.get_absolute_url())
    with django_assert_max_num_queries(30) as few:
        client.get(live_blog.get_absolute_url())
    for n in range(15):
        post(live_blog, editor, f"More {n}", is_key_event=n % 3 == 0)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(live_blog.get_absolute_url())


# --- Updates -------------------------------------------------------------------


def test_updates_give_new_edited_and_deleted_entries_after_the_cursor(
    live_blog, editor, client
):
    old = post(live_blog, editor, "Old news")
    cursor = updates(client, live_blog).json()["cursor"]
    assert updates(client, live_blog, cursor).json()["entries"] == []
    new = post(live_blog, editor, "Power cut in the old town")
    live_blogs.delete_entry(old, by=editor)
    data = updates(client, live_blog, cursor).json()
    assert [e["id"] for e in data["entries"]] == [new.pk]
    assert "Power cut in the old town" in data["entries"][0]["html"]
    assert data["removed"] == [old.pk]
    assert data["cursor"] > cursor


def test_two_entries_in_the_same_second_are_both_delivered(live_blog, editor, client):
    first = post(live_blog, editor, "One")
    cursor = updates(client, live_blog).json()["cursor"]
    second = post(live_blog, editor, "Two")
    # Same second, milliseconds apart: a cursor in seconds would lose it.
    same_second = first.updated_at.replace(microsecond=999_000)
    LiveEntry.objects.filter(pk=second.pk).update(updated_at=same_second)
    LiveEntry.objects.filter(pk=first.pk).update(
        updated_at=first.updated_at.replace(microsecond=1000)
    )
    cursor = live_pages.cursor_of(first.updated_at.replace(microsecond=1000))
    data = updates(client, live_blog, cursor).json()
    assert [e["id"] for e in data["entries"]] == [second.pk]


def test_updates_answer_304_while_nothing_changed(
    live_blog, editor, client, page_cache
):
    post(live_blog, editor)
    first = updates(client, live_blog, 0)
    control = first["Cache-Control"]
    assert "public" in control and "max-age=3," in control and "s-maxage=3" in control
    assert first.has_header("Last-Modified")
    again = updates(client, live_blog, 0, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_polling_readers_are_answered_from_the_cache_until_an_entry_is_posted(
    live_blog, editor, client, page_cache, django_assert_num_queries
):
    post(live_blog, editor, "First.")
    updates(client, live_blog, 0)
    with django_assert_num_queries(0):
        cached = updates(client, live_blog, 0)
    assert len(cached.json()["entries"]) == 1

    post(live_blog, editor, "Gusts of 100 mph.")

    fresh = updates(client, live_blog, 0).json()
    assert len(fresh["entries"]) == 2
    assert "Gusts of 100 mph." in unescape(fresh["entries"][-1]["html"])


def test_a_bad_cursor_is_a_clear_400(live_blog, client):
    response = client.get(f"{live_blog.get_absolute_url()}updates/?after=yesterday")
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]


def test_a_draft_live_blog_has_no_updates_nor_feed(client, journalist):
    draft = ArticleFactory(
        is_live_blog=True, status=Article.Status.DRAFT, published_at=None
    )
    assert updates(client, draft).status_code == 404
    assert client.get(f"{draft.get_absolute_url()}feed/").status_code == 404
    ordinary = ArticleFactory()
    assert updates(client, ordinary).status_code == 404


def test_an_unapproved_entry_is_on_no_surface(live_blog, journalist, client):
    Article.objects.filter(pk=live_blog.pk).update(entries_need_approval=True)
    live_blog.refresh_from_db()
    entry = post(live_blog, journalist, "Zephyrwatch rumour")
    url = live_blog.get_absolute_url()
    surfaces = [
        client.get(url).text,
        json.dumps(updates(client, live_blog).json()["entries"]),
        client.get(f"{url}feed/").text,
    ]
    assert not any("Zephyrwatch" in text for text in surfaces)
    assert updates(client, live_blog).json()["removed"] == [entry.pk]


# --- Structured data and feed -------------------------------------------------


def structured_data(html):
    blocks = re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.DOTALL
    )
    return [json.loads(block) for block in blocks]


def test_the_page_describes_itself_as_a_live_blog_posting(live_blog, editor, client):
    entry = post(live_blog, editor, "Bridge closed", title="A14 bridge shut")
    post(live_blog, editor, "Deleted later")
    live_blogs.delete_entry(LiveEntry.objects.latest("id"), by=editor)
    data = structured_data(client.get(live_blog.get_absolute_url()).text)
    posting = next(d for d in data if d.get("@type") == "LiveBlogPosting")
    assert posting["coverageStartTime"]
    assert "coverageEndTime" not in posting
    [update] = posting["liveBlogUpdate"]
    assert update["headline"] == "A14 bridge shut"
    assert update["articleBody"] == "Bridge closed"
    assert update["url"].endswith(f"#entry-{entry.pk}")
    workflow.end_coverage(live_blog, by=editor)
    data = structured_data(client.get(live_blog.get_absolute_url()).text)
    assert next(d for d in data if d.get("@type") == "LiveBlogPosting")[
        "coverageEndTime"
    ]


def test_the_entries_feed_parses_newest_first(live_blog, editor, client):
    post(live_blog, editor, "First <b>bold</b>")
    post(live_blog, editor, "Second", title="Evacuation & shelters")
    feed = feedparser.parse(client.get(f"{live_blog.get_absolute_url()}feed/").content)
    assert not feed.bozo
    # Escaped once more for readers that show titles as HTML, as the site's are.
    assert unescape(feed.entries[0].title) == "Evacuation & shelters"
    assert len(feed.entries) == 2
    assert "#entry-" in feed.entries[0].link


def test_entry_authors_are_shown(live_blog, editor, client):
    author = AuthorFactory(name="Rhiannon Gale")
    entry = post(live_blog, editor)
    entry.authors.add(author)
    assert "Rhiannon Gale" in client.get(live_blog.get_absolute_url()).text


def test_search_finds_a_live_blog_by_its_shown_entries_only(live_blog, editor, client):
    post(live_blog, editor, "Quagmirefield flooded")
    gone = post(live_blog, editor, "Zanzibarfoo rumour")
    live_blogs.delete_entry(gone, by=editor)

    def results(query):
        page = client.get(f"/search/?q={query}").text
        return page[page.index('class="listing__main"') :].split("<aside")[0]

    assert live_blog.headline in results("Quagmirefield")
    assert live_blog.headline not in results("Zanzibarfoo")
