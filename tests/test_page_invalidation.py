"""A change makes stale only the cached pages that show it (newsroom.page_keys).

Story A (Harbour desk, tagged Transport, by Rita) and story B (Arts desk, by
Ben). Editing A leaves the Arts page in the cache; every page showing A is
fresh on the next request; publishing and unpublishing reach every list at
once; another process's change is seen within the recheck interval; a cold
page is rendered once however many readers ask for it at the same moment.
"""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test import Client

from articles import services, workflow
from articles.models import Article
from articles.views import CategoryView, HomeView
from newsroom import generations, page_keys
from newsroom.models import CacheGeneration, PageKeyVersion
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

Status = Article.Status


@pytest.fixture
def story_a():
    return ArticleFactory(
        headline="Bridge reopens",
        dek="Traffic returns to the crossing.",
        category=CategoryFactory(name="Harbour", slug="harbour", is_in_menu=True),
        bylines=[AuthorFactory(name="Rita Reporter", slug="rita")],
        tag_names=["Transport"],
        with_parts=True,
    )


@pytest.fixture
def story_b():
    return ArticleFactory(
        headline="Gallery extends its hours",
        category=CategoryFactory(name="Arts", slug="arts", is_in_menu=True),
        bylines=[AuthorFactory(name="Ben Critic", slug="ben")],
    )


def pages_showing(article):
    return [
        article.get_absolute_url(),
        "/",
        "/harbour/",
        "/tag/transport/",
        "/author/rita/",
        "/feed/",
        "/harbour/feed/",
    ]


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def listed_on(client, url):
    """A listing's own list, without the header's strip or the sidebar."""
    page = text_of(client, url)
    start = page.index('class="listing__main"')
    return page[start : page.index("<aside", start)]


def test_editing_an_article_leaves_an_unrelated_category_page_in_the_cache(
    client, story_a, story_b, category_renders, django_assert_num_queries
):
    first = client.get("/arts/")
    story_a.dek = "Repairs finished a month early."
    services.save_article(article=story_a, by=EditorFactory())
    category_renders.reset_mock()

    again = client.get("/arts/")  # catches up with the new versions: no render
    with django_assert_num_queries(0):
        third = client.get("/arts/")

    category_renders.assert_not_called()
    assert again.content == third.content == first.content
    assert "Repairs finished a month early." in text_of(client, "/harbour/")


def test_editing_an_article_makes_every_page_showing_it_fresh_at_once(
    client, story_a, story_b
):
    for url in pages_showing(story_a):
        assert "Bridge reopens" in text_of(client, url), url

    story_a.headline = "Bridge reopens to traffic"
    services.save_article(article=story_a, by=EditorFactory())

    for url in [*pages_showing(story_a), "/arts/"]:  # Arts: the headlines strip
        assert "Bridge reopens to traffic" in text_of(client, url), url


def test_an_edit_to_a_part_refreshes_the_article_page_and_nothing_unrelated(
    client, story_a, story_b, category_renders
):
    assert "What the engineers found" not in text_of(client, story_a.get_absolute_url())
    client.get("/arts/")
    category_renders.reset_mock()

    section = story_a.sections.get(position=0)
    section.subheading = "What the engineers found"
    section.save()

    assert "What the engineers found" in text_of(client, story_a.get_absolute_url())
    client.get("/arts/")
    category_renders.assert_not_called()


def test_publishing_a_story_shows_it_on_every_list_at_once(client, story_a, story_b):
    waiting = ArticleFactory(
        status=Status.IN_REVIEW,
        headline="Ferry timetable changes",
        category=story_a.category,
        bylines=[story_a.bylines.first().author],
        tag_names=["Transport"],
        with_parts=True,
    )
    watched = ["/", "/harbour/", "/tag/transport/", "/author/rita/", "/feed/", "/arts/"]
    for url in watched:
        assert "Ferry timetable changes" not in text_of(client, url), url

    workflow.approve(waiting, by=EditorFactory())

    for url in watched:
        assert "Ferry timetable changes" in text_of(client, url), url


def test_unpublishing_removes_a_story_from_every_page_at_once(client, story_a, story_b):
    ArticleFactory(category=story_a.category, tag_names=["Transport"])
    urls = [*pages_showing(story_a), "/arts/", "/sitemap-articles.xml"]
    for url in urls:
        client.get(url)

    workflow.unpublish(story_a, by=EditorFactory(), note="Legal asked us to.")

    assert client.get(story_a.get_absolute_url()).status_code == 404
    assert client.get("/author/rita/").status_code == 404  # nothing live left
    for url in ["/", "/harbour/", "/tag/transport/", "/feed/", "/arts/"]:
        assert "Bridge reopens" not in text_of(client, url), url
    assert story_a.get_absolute_url() not in text_of(client, "/sitemap-articles.xml")


def test_deleting_a_story_removes_it_from_its_lists_at_once(client, story_a, story_b):
    ArticleFactory(category=story_a.category, tag_names=["Transport"])
    urls = ["/", "/harbour/", "/tag/transport/", "/feed/", "/arts/"]
    for url in urls:
        assert "Bridge reopens" in text_of(client, url), url

    story_a.delete()

    for url in urls:
        assert "Bridge reopens" not in text_of(client, url), url


@mock.patch.object(CategoryView, "paginate_by", 2)
def test_a_story_leaving_a_list_moves_the_next_one_up_on_its_later_pages(
    client, story_a
):
    """Page 2 never showed it, yet changes: its first story moves to page 1."""
    for days, headline in [(1, "Ferry fares frozen"), (2, "Lighthouse repainted")]:
        ArticleFactory(
            headline=headline,
            category=story_a.category,
            published_at=story_a.published_at - timedelta(days=days),
        )
    ArticleFactory(
        category=story_a.category,
        published_at=story_a.published_at - timedelta(days=3),
    )
    assert "Lighthouse repainted" in listed_on(client, "/harbour/?page=2")

    story_a.delete()

    assert "Lighthouse repainted" not in listed_on(client, "/harbour/?page=2")
    assert "Lighthouse repainted" in listed_on(client, "/harbour/")


def test_taking_down_an_old_story_leaves_pages_that_never_showed_it_cached(
    client, story_a, story_b, category_renders
):
    """Older than every headline in the strip: only its own lists change."""
    old = ArticleFactory(
        headline="Pier closed in 2019",
        category=story_a.category,
        published_at=story_a.published_at - timedelta(days=400),
        with_parts=True,
    )
    for _ in range(20):
        ArticleFactory(category=story_a.category)
    assert "Pier closed in 2019" in text_of(client, "/harbour/?page=2")
    client.get("/arts/")
    category_renders.reset_mock()

    workflow.unpublish(old, by=EditorFactory(), note="Legal asked us to.")

    client.get("/arts/")
    category_renders.assert_not_called()
    assert client.get(old.get_absolute_url()).status_code == 404
    assert "Pier closed in 2019" not in text_of(client, "/harbour/?page=2")


def test_saving_a_draft_makes_no_page_stale(client, story_a):
    draft = ArticleFactory(status=Status.DRAFT, category=story_a.category)
    before = PageKeyVersion.objects.count()

    draft.headline = "Secret draft, revised"
    services.save_article(article=draft, by=EditorFactory())

    assert PageKeyVersion.objects.count() == before
    assert not PageKeyVersion.objects.filter(key=f"article-{draft.pk}").exists()


def test_a_change_made_by_another_process_shows_within_the_recheck_interval(
    client, story_b, settings
):
    assert "Gallery extends its hours" in text_of(client, "/arts/")
    # What another process's write leaves in the database: the new content,
    # the next version and the key it moved, with nothing said to this one.
    Article.objects.filter(pk=story_b.pk).update(headline="Gallery closes early")
    CacheGeneration.objects.update(keys_version=999)
    PageKeyVersion.objects.update_or_create(
        key=page_keys.article(story_b.pk), defaults={"version": 999}
    )

    assert "Gallery closes early" not in text_of(client, "/arts/")  # remembered
    later = generations.time.monotonic() + settings.NEWSROOM_GENERATION_RECHECK_SECONDS
    with mock.patch.object(generations.time, "monotonic", return_value=later):
        assert "Gallery closes early" in text_of(client, "/arts/")


def test_a_page_cached_before_this_process_began_is_checked_once_then_served_free(
    client, story_b, category_renders, django_assert_num_queries
):
    first = client.get("/arts/")
    # A new worker: no memory of the versions, the shared cache still full.
    generations.forget()
    page_keys.forget()
    category_renders.reset_mock()

    again = client.get("/arts/")
    with django_assert_num_queries(0):
        third = client.get("/arts/")

    category_renders.assert_not_called()
    assert first.content == again.content == third.content


def test_a_page_cached_before_this_process_began_is_not_served_if_it_changed(
    client, story_b
):
    client.get("/arts/")
    generations.forget()
    page_keys.forget()
    # Changed while no process of ours was looking.
    Article.objects.filter(pk=story_b.pk).update(headline="Gallery closes early")
    CacheGeneration.objects.update(keys_version=999)
    PageKeyVersion.objects.update_or_create(
        key=page_keys.article(story_b.pk), defaults={"version": 999}
    )
    generations.forget()
    page_keys.forget()

    assert "Gallery closes early" in text_of(client, "/arts/")


def test_pages_tell_the_cdn_their_keys(client, story_a):
    response = client.get(story_a.get_absolute_url())

    keys = response["Surrogate-Key"].split()
    assert {f"article-{story_a.pk}", "site", "headlines"} <= set(keys)
    assert response["Cache-Tag"].split(",") == keys
    cached = client.get(story_a.get_absolute_url())
    assert cached["Surrogate-Key"] == response["Surrogate-Key"]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_for_a_cold_page_render_it_once(story_a):
    readers = 6
    renders = []
    real = HomeView.get_context_data

    def slow_render(view, **kwargs):
        renders.append(threading.get_ident())
        threading.Event().wait(0.3)  # a slow page: the others arrive meanwhile
        return real(view, **kwargs)

    # The generation is read before the readers arrive, as on a warm worker.
    page_keys.current(generations.current())
    start = threading.Barrier(readers)
    answers = [None] * readers

    def read(slot):
        try:
            start.wait()
            response = Client().get("/")
            answers[slot] = (response.status_code, response.content)
        finally:
            connection.close()

    with mock.patch.object(HomeView, "get_context_data", slow_render):
        threads = [threading.Thread(target=read, args=(n,)) for n in range(readers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    assert len(renders) == 1
    assert {status for status, _content in answers} == {200}
    assert len({content for _status, content in answers}) == 1
