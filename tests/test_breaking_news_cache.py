"""A breaking-news day in the page cache: news moves the strip, not every page.

The strip of newest headlines in every header (and the Latest News column
beside every list) is put into each page as it is served
(newsroom.page_slots): a new story or an edit to the lead's headline
re-renders the pages that show the story and the strip, while an unrelated
section stays in the cache and still shows the new headline in its strip. A
scheduled story going live makes stale exactly its own page and lists, at
its time, with no job running. What a reader gets is byte for byte what a
page rendered whole gives.
"""

import threading
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.utils import timezone

from articles import services, workflow
from articles.models import Article
from articles.views import CategoryView
from newsroom import page_cache
from newsroom.models import CacheGeneration, PageKeyVersion
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    JournalistFactory,
)

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def lead():
    """The newest story (Harbour, tagged Transport, by Rita): the strip's first."""
    return ArticleFactory(
        headline="Bridge reopens",
        category=CategoryFactory(name="Harbour", slug="harbour", is_in_menu=True),
        bylines=[AuthorFactory(name="Rita Reporter", slug="rita")],
        tag_names=["Transport"],
        with_parts=True,
    )


@pytest.fixture
def arts(lead):
    """An unrelated section, with an older story of its own."""
    ArticleFactory(
        headline="Gallery extends its hours",
        category=CategoryFactory(name="Arts", slug="arts", is_in_menu=True),
        bylines=[AuthorFactory(name="Ben Critic", slug="ben")],
        published_at=lead.published_at - timedelta(hours=1),
    )
    return "/arts/"


@pytest.fixture
def category_renders():
    """How many times the category view chose what to show."""
    with mock.patch.object(
        CategoryView,
        "get_context_data",
        autospec=True,
        side_effect=CategoryView.get_context_data,
    ) as spy:
        yield spy


def strip_of(html):
    start = html.index('<nav class="headlines"')
    return html[start : html.index("</nav>", start)]


def column_of(html):
    start = html.index('<aside class="sidebar"')
    return html[start : html.index("</aside>", start)]


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.usefixtures("page_cache")
def test_a_new_lead_headline_leaves_an_unrelated_section_cached_with_it_in_the_strip(
    client, lead, arts, category_renders, django_assert_num_queries
):
    client.get(arts)
    category_renders.reset_mock()

    lead.headline = "Bridge reopens to traffic"
    services.save_article(article=lead, by=EditorFactory())
    home = text_of(client, "/")  # the lead's page: catches up, renders the strip
    with (
        mock.patch.object(
            page_cache.PageCacheMiddleware,
            "cache_get",
            autospec=True,
            side_effect=page_cache.PageCacheMiddleware.cache_get,
        ) as cache_reads,
        django_assert_num_queries(0),
    ):
        page = client.get(arts).content.decode()

    category_renders.assert_not_called()
    assert cache_reads.call_count == 1  # the page's entry, nothing for the strip
    assert "Bridge reopens to traffic" in strip_of(page)
    assert "Bridge reopens to traffic" in column_of(page)
    assert strip_of(page) == strip_of(home)
    assert "Bridge reopens to traffic" in text_of(client, "/harbour/")


@pytest.mark.usefixtures("page_cache")
def test_publishing_a_story_leaves_an_unrelated_section_cached_with_it_in_the_strip(
    client, lead, arts, category_renders, django_assert_num_queries
):
    waiting = ArticleFactory(
        status=Status.IN_REVIEW,
        headline="Ferry timetable changes",
        category=lead.category,
        tag_names=["Transport"],
        with_parts=True,
    )
    client.get(arts)
    category_renders.reset_mock()

    workflow.approve(waiting, by=EditorFactory())
    assert "Ferry timetable changes" in text_of(client, "/")
    with django_assert_num_queries(0):
        page = client.get(arts).content.decode()

    category_renders.assert_not_called()
    assert "Ferry timetable changes" in strip_of(page)
    assert "Ferry timetable changes" in column_of(page)
    assert "Ferry timetable changes" in text_of(client, "/harbour/")


@pytest.mark.usefixtures("page_cache")
def test_a_changed_strip_changes_the_etag_of_a_cached_page(client, lead, arts):
    before = client.get(arts)
    assert (
        client.get(arts, headers={"if-none-match": before["ETag"]}).status_code == 304
    )

    lead.headline = "Bridge reopens to traffic"
    services.save_article(article=lead, by=EditorFactory())
    after = client.get(arts, headers={"if-none-match": before["ETag"]})

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "Bridge reopens to traffic" in strip_of(after.content.decode())
    again = client.get(arts, headers={"if-none-match": after["ETag"]})
    assert again.status_code == 304


@pytest.mark.usefixtures("page_cache")
def test_cached_pages_carrying_the_strip_still_tell_the_cdn_its_key(client, lead, arts):
    rendered = client.get(arts)
    cached = client.get(arts)

    for response in (rendered, cached):
        assert "headlines" in response["Surrogate-Key"].split()
        assert "headlines" in response["Cache-Tag"].split(",")


def test_readers_get_the_same_bytes_with_the_page_cache_on_or_off(
    client, settings, lead, arts
):
    urls = [
        "/",
        arts,
        "/harbour/",
        lead.get_absolute_url(),
        "/tag/transport/",
        "/author/rita/",
        "/search/?q=bridge",
    ]
    whole = {url: text_of(client, url) for url in urls}
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300

    rendered = {url: text_of(client, url) for url in urls}
    cached = {url: text_of(client, url) for url in urls}

    assert rendered == whole
    assert cached == whole
    assert "<!--slot" not in "".join(cached.values())


@pytest.mark.usefixtures("page_cache")
def test_a_logged_in_reader_gets_the_strip_rendered_in_place(client, lead, arts):
    text_of(client, arts)  # a reader's copy, cached
    anonymous = text_of(Client(), arts)
    client.force_login(JournalistFactory())

    assert text_of(client, arts) == anonymous


# --- A scheduled story going live --------------------------------------------------


@pytest.mark.usefixtures("page_cache")
def test_a_scheduled_story_going_live_makes_stale_exactly_its_page_and_lists(
    client, lead, arts, category_renders, django_assert_num_queries
):
    go_live = timezone.now() + timedelta(hours=3)
    story = ArticleFactory(
        headline="Tide tables published",
        category=lead.category,
        bylines=[lead.bylines.first().author],
        tag_names=["Transport"],
        published_at=go_live,
    )
    its_pages = ["/", "/harbour/", "/tag/transport/", "/author/rita/", "/feed/"]
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        for url in [*its_pages, arts]:
            assert "Tide tables published" not in text_of(client, url), url
        generation = CacheGeneration.objects.get()
    category_renders.reset_mock()

    with time_machine.travel(go_live, tick=False):
        home = text_of(client, "/")  # the first request after its time
        with django_assert_num_queries(0):
            section = client.get(arts).content.decode()
        shown = {
            url: "Tide tables published" in text_of(client, url) for url in its_pages
        }
        assert client.get(story.get_absolute_url()).status_code == 200

    assert "Tide tables published" in home
    assert shown == dict.fromkeys(its_pages, True)
    assert "Tide tables published" in strip_of(section)
    assert category_renders.call_count == 1  # Harbour's, not Arts'
    now = CacheGeneration.objects.get()
    assert now.number == generation.number  # no site-wide change
    moved = PageKeyVersion.objects.filter(version__gt=generation.keys_version)
    tag_id = story.tags.get().pk
    assert set(moved.values_list("key", flat=True)) == {
        f"article-{story.pk}",
        "list-home",
        "feeds",
        f"list-category-{story.category_id}",
        f"list-tag-{tag_id}",
        f"list-author-{story.bylines.first().author_id}",
        "search",
        "sitemaps",
        "headlines",
    }


@pytest.mark.usefixtures("page_cache")
def test_a_story_goes_live_on_cached_pages_though_a_write_came_first_after_its_time(
    client, lead, arts
):
    go_live = timezone.now() + timedelta(hours=3)
    ArticleFactory(
        headline="Tide tables published", category=lead.category, published_at=go_live
    )
    with time_machine.travel(go_live - timedelta(seconds=1), tick=False):
        assert "Tide tables published" not in text_of(client, "/harbour/")

    with time_machine.travel(go_live + timedelta(minutes=1), tick=False):
        # Before any reader comes: an edit elsewhere, which reads the next
        # go-live again (there is none to come now).
        other = Article.objects.get(headline="Gallery extends its hours")
        other.dek = "Open until ten."
        services.save_article(article=other, by=EditorFactory())

        assert "Tide tables published" in text_of(client, "/harbour/")
        assert "Tide tables published" in text_of(client, "/")


@pytest.mark.django_db(transaction=True)
def test_a_go_live_moves_the_keys_once_however_many_readers_arrive_at_its_time(
    page_cache,
):
    go_live = timezone.now() + timedelta(hours=3)
    ArticleFactory(headline="Tide tables published", published_at=go_live)
    before = CacheGeneration.objects.get()
    readers = 6
    start = threading.Barrier(readers)
    answers = []

    def read():
        try:
            start.wait()
            answers.append(Client().get("/").content.decode())
        finally:
            connection.close()

    with time_machine.travel(go_live, tick=False):
        threads = [threading.Thread(target=read) for _ in range(readers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    after = CacheGeneration.objects.get()
    assert len(answers) == readers
    assert all("Tide tables published" in answer for answer in answers)
    assert after.keys_version == before.keys_version + 1
    assert after.number == before.number
