"""The public page cache: fast for the crowd, never stale, never leaky.

Freshness bounds (issue "Caching"): a change to a live article, its
category, its authors or the site's menu shows on every affected page at
once in this process, and within NEWSROOM_GENERATION_RECHECK_SECONDS in any
other; a scheduled article appears at its time; unpublishing removes it
everywhere at once. A draft never reaches a cached response.
"""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles import previews, workflow
from articles.models import Article, PreviewLink
from newsroom import generations, page_cache
from newsroom.models import CacheGeneration
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    site_settings,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

Status = Article.Status


@pytest.fixture
def story():
    desk = CategoryFactory(name="Harbour Desk", slug="harbour", is_in_menu=True)
    rita = AuthorFactory(name="Rita Reporter", slug="rita")
    return ArticleFactory(
        headline="Bridge reopens",
        slug="bridge-reopens",
        category=desk,
        bylines=[rita],
        tag_names=["Transport"],
        with_parts=True,
    )


def pages_of(article):
    author = article.bylines.first().author
    return [
        "/",
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        author.get_absolute_url(),
        "/tag/transport/",
        "/feed/",
    ]


def shows(client, url, text):
    response = client.get(url)
    assert response.status_code == 200, url
    return text in response.content.decode()


# --- Served from the cache -------------------------------------------------


def test_a_repeated_anonymous_request_is_answered_without_a_query(
    client, story, django_assert_num_queries
):
    first = client.get(story.get_absolute_url())

    with django_assert_num_queries(0):
        again = client.get(story.get_absolute_url())

    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_a_head_request_is_answered_from_the_cache_too(
    client, story, django_assert_num_queries
):
    page = client.get("/")
    with django_assert_num_queries(0):
        head = client.head("/")

    assert head.status_code == 200
    assert head["ETag"] == page["ETag"]
    assert head.content == b""


def test_every_kind_of_public_page_is_cached(client, story, django_assert_num_queries):
    urls = [
        *pages_of(story),
        "/feed/atom/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/search/?q=bridge",
    ]
    first = {url: client.get(url) for url in urls}
    for url in urls:
        assert first[url].status_code == 200, url
    for url in urls:
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.status_code == 200, url
        assert again.content == first[url].content, url


def test_page_cache_seconds_zero_turns_the_cache_off(
    client, story, settings, django_assert_max_num_queries
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    client.get("/")
    response = client.get("/")
    assert response.status_code == 200
    assert "ETag" in response  # still answerable with a 304
    Article.objects.filter(pk=story.pk).update(headline="Changed behind its back")
    assert shows(client, "/", "Changed behind its back")


# --- Fresh ----------------------------------------------------------------


def test_an_edit_to_a_live_article_shows_on_every_page_at_once(client, story):
    for url in pages_of(story):
        assert shows(client, url, "Bridge reopens"), url

    story.headline = "Bridge reopens to traffic"
    story.save()

    for url in pages_of(story):
        assert shows(client, url, "Bridge reopens to traffic"), url


def test_an_edit_to_a_part_of_a_live_article_shows_at_once(client, story):
    assert shows(client, story.get_absolute_url(), "Subheading 1")

    section = story.sections.get(position=0)
    section.subheading = "What the engineers found"
    section.save()

    assert shows(client, story.get_absolute_url(), "What the engineers found")


def test_renaming_the_category_author_or_tag_shows_on_every_page(client, story):
    for url in pages_of(story):
        client.get(url)

    desk = story.category
    desk.name = "Waterfront"
    desk.save()
    rita = story.bylines.first().author
    rita.name = "Rita Q. Reporter"
    rita.save()

    assert shows(client, "/", "Waterfront")  # the menu
    assert shows(client, story.get_absolute_url(), "Rita Q. Reporter")
    assert shows(client, desk.get_absolute_url(), "Waterfront")


def test_a_change_to_the_site_settings_shows_on_every_page(client, story):
    for url in pages_of(story):
        client.get(url)

    site_settings(name="The Evening Harbour")

    for url in pages_of(story)[:5]:
        assert shows(client, url, "The Evening Harbour"), url


def test_taking_a_category_out_of_the_menu_shows_at_once(client, story):
    menu_link = 'class="mainnav__link" href="/harbour/"'
    assert shows(client, "/", menu_link)

    story.category.is_in_menu = False
    story.category.save()

    assert not shows(client, "/", menu_link)


def test_unpublishing_removes_the_article_everywhere_at_once(client, story):
    for url in pages_of(story):
        assert shows(client, url, "Bridge reopens"), url
    assert shows(client, "/sitemap-articles.xml", story.get_absolute_url())

    story.status = Status.UNPUBLISHED
    story.save()

    assert client.get(story.get_absolute_url()).status_code == 404
    # Its only tag and its author have nothing live left: their pages go too.
    assert client.get("/tag/transport/").status_code == 404
    assert client.get("/author/rita/").status_code == 404
    for url in ["/", "/harbour/", "/feed/"]:
        assert not shows(client, url, "Bridge reopens"), url
    assert not shows(client, "/sitemap-articles.xml", story.get_absolute_url())


def test_saving_a_draft_leaves_the_cached_pages_alone(client, story):
    client.get("/")
    before = CacheGeneration.objects.values_list("number", flat=True).first()

    draft = ArticleFactory(
        status=Status.DRAFT,
        headline="Secret draft",
        category=story.category,
        bylines=[story.bylines.first().author],
    )
    draft.headline = "Secret draft, revised"
    draft.save()

    assert CacheGeneration.objects.values_list("number", flat=True).first() == before
    assert not shows(client, "/", "Secret draft")


def test_a_change_made_by_another_process_shows_within_the_recheck_interval(
    client, story, settings
):
    """Another app server moved the generation on: this process notices on its
    first request after NEWSROOM_GENERATION_RECHECK_SECONDS."""
    assert shows(client, "/", "Bridge reopens")
    # What another process's save leaves in the database: new content and a
    # new generation, with nothing said to this process.
    Article.objects.filter(pk=story.pk).update(headline="Bridge reopens early")
    CacheGeneration.objects.update(number=999)

    assert not shows(client, "/", "Bridge reopens early")  # still remembered
    later = generations.time.monotonic() + settings.NEWSROOM_GENERATION_RECHECK_SECONDS
    with mock.patch.object(generations.time, "monotonic", return_value=later):
        assert shows(client, "/", "Bridge reopens early")


def test_a_scheduled_article_appears_at_its_time_on_cached_pages(client, story):
    go_live = timezone.now() + timedelta(hours=3)
    ArticleFactory(
        headline="Tide tables published",
        category=story.category,
        published_at=go_live,
        tag_names=["Transport"],
    )
    watched = ["/", "/harbour/", "/tag/transport/", "/feed/"]

    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        for url in watched:
            assert not shows(client, url, "Tide tables published"), url
            assert not shows(client, url, "Tide tables published"), url  # cached

    with time_machine.travel(go_live, tick=False):
        for url in watched:
            assert shows(client, url, "Tide tables published"), url


def test_no_cdn_copy_outlives_the_next_go_live(client, story):
    """The CDN does not ask us first: its copy must be gone at the go-live.
    (Ours is made stale then by its keys.)"""
    go_live = timezone.now() + timedelta(seconds=90)
    ArticleFactory(headline="Soon", category=story.category, published_at=go_live)

    response = client.get("/")
    cached = client.get(story.category.get_absolute_url())
    again = client.get(story.category.get_absolute_url())

    for answer in (response, cached, again):
        s_maxage = int(answer["Cache-Control"].split("s-maxage=")[1].split(",")[0])
        assert s_maxage <= 90


def test_a_scheduled_article_moved_earlier_appears_at_its_new_time(client, story):
    soon = ArticleFactory(
        headline="Ferry timetable changes",
        category=story.category,
        published_at=timezone.now() + timedelta(days=1),
        with_parts=True,
    )
    assert not shows(client, "/", "Ferry timetable changes")  # cached

    new = timezone.now() + timedelta(seconds=90)
    workflow.reschedule(soon, by=EditorFactory(), publish_at=new)
    with mock.patch.object(page_cache.PageCacheMiddleware, "cache_set") as stored:
        response = client.get("/")

    stored.assert_called_once()  # not the old entry
    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert s_maxage <= 90
    with time_machine.travel(new - timedelta(seconds=1), tick=False):
        assert not shows(client, "/", "Ferry timetable changes")
    with time_machine.travel(new, tick=False):
        assert shows(client, "/", "Ferry timetable changes")


def test_no_cache_entry_outlives_midnight(client, story):
    """The masthead carries the date."""
    almost_midnight = timezone.localtime().replace(hour=23, minute=59, second=30)
    with (
        time_machine.travel(almost_midnight, tick=False),
        mock.patch.object(page_cache.PageCacheMiddleware, "cache_set") as stored,
    ):
        client.get("/")
    (_key, _entry, lifetime), _ = stored.call_args
    assert lifetime <= 30


# --- Never leaky ------------------------------------------------------------


def test_an_editor_previewing_a_draft_never_fills_the_cache_for_readers(client):
    editor = EditorFactory()
    draft = ArticleFactory(
        status=Status.DRAFT, headline="Embargoed merger", slug="embargoed-merger"
    )
    link = PreviewLink.objects.create(article=draft, created_by=editor)

    staff = client.__class__()
    staff.force_login(editor)
    staff_preview = staff.get(reverse("staff-preview", args=[draft.pk]))
    shared = client.get(previews.url_for(link))
    staff_public = staff.get(draft.get_absolute_url())

    assert "Embargoed merger" in staff_preview.content.decode()
    assert "Embargoed merger" in shared.content.decode()
    for response in (staff_preview, shared):
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
    assert staff_public.status_code in (200, 404)
    # The anonymous reader right after: nothing of the draft anywhere.
    assert client.get(draft.get_absolute_url()).status_code == 404
    for url in ["/", draft.category.get_absolute_url(), "/feed/", "/search/?q=merger"]:
        assert not shows(client, url, "Embargoed merger"), url


def test_logged_in_staff_are_never_served_from_the_cache(client, story):
    editor = EditorFactory()
    client.get("/")  # cached for readers
    Article.objects.filter(pk=story.pk).update(headline="Quietly changed")

    staff = client.__class__()
    staff.force_login(editor)
    response = staff.get("/")

    assert "Quietly changed" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "Quietly changed" not in client.get("/").content.decode()


def test_a_page_rendered_for_staff_is_never_stored_for_readers(client, story):
    editor = EditorFactory()
    staff = client.__class__()
    staff.force_login(editor)
    staff.get("/")
    Article.objects.filter(pk=story.pk).update(headline="After the staff visit")

    assert shows(client, "/", "After the staff visit")


def test_forms_and_cookie_setting_pages_are_not_stored(
    client, story, django_assert_max_num_queries
):
    for url in ["/subscribe/", "/contact/"]:
        first = client.get(url)
        assert (
            "no-store" in first["Cache-Control"] or "private" in first["Cache-Control"]
        )
        with mock.patch.object(page_cache.PageCacheMiddleware, "cache_set") as stored:
            client.get(url)
        stored.assert_not_called()


def test_a_reader_with_a_pending_message_gets_a_fresh_page(client, story):
    client.get("/")
    Article.objects.filter(pk=story.pk).update(headline="Fresh for the messaged")
    client.cookies["messages"] = "anything"

    assert shows(client, "/", "Fresh for the messaged")


def test_not_found_pages_and_redirects_are_not_stored(client, story):
    with mock.patch.object(page_cache.PageCacheMiddleware, "cache_set") as stored:
        assert client.get("/harbour/no-such-story/").status_code == 404
        assert client.get("/harbour/?page=abc").status_code == 200
    assert stored.call_count == 1  # the list page, not the 404


# --- Conditional GET and Cache-Control -------------------------------------


@pytest.mark.parametrize("kind", ["home", "category", "article", "tag", "feed"])
def test_an_unchanged_page_answers_304_to_a_reader_who_has_it(client, story, kind):
    url = {
        "home": "/",
        "category": "/harbour/",
        "article": story.get_absolute_url(),
        "tag": "/tag/transport/",
        "feed": "/feed/",
    }[kind]
    etag = client.get(url)["ETag"]

    again = client.get(url, headers={"if-none-match": etag})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_a_changed_page_answers_200_with_a_new_etag(client, story):
    etag = client.get(story.get_absolute_url())["ETag"]
    story.dek = "Repairs finished a month early."
    story.save()

    response = client.get(story.get_absolute_url(), headers={"if-none-match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_public_pages_let_a_cdn_keep_them_briefly(client, story, settings):
    control = client.get("/")["Cache-Control"]

    assert "public" in control
    assert "max-age=0" in control
    assert f"s-maxage={settings.NEWSROOM_CDN_SECONDS}" in control
    assert "stale-while-revalidate=" in control


def test_the_desk_and_previews_are_private_and_never_stored(client, story):
    editor = EditorFactory()
    client.force_login(editor)
    for url in ["/admin/", "/admin/articles/article/", f"/preview/staff/{story.pk}/"]:
        control = client.get(url)["Cache-Control"]
        assert "private" in control, url
        assert "no-store" in control, url


# --- When the cache is down ---------------------------------------------------


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            # Nothing listens on port 9: connections are refused.
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
)
def test_pages_and_forms_work_when_the_cache_is_unreachable(client, story, caplog):
    for url in [*pages_of(story), "/feed/atom/", "/subscribe/"]:
        assert client.get(url).status_code == 200, url
    signed_up = client.post("/subscribe/", {"email": "reader@example.com"})
    assert signed_up.status_code in (200, 302)
    assert "Cache unreachable" in caplog.text
