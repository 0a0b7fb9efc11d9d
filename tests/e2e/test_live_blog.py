"""A live blog in the reader's browser (static/js/live-blog.js): an entry an
editor posts on the desk reaches an open page without a reload within ten
seconds; pinned entries stay on top and key events link to their entries;
ending the coverage shows the ended state; without JavaScript the page
still reads newest first."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import live_blogs, live_pages, workflow
from articles.models import LiveEntry
from tests.e2e.audit import csp_violations, describe_violations
from tests.e2e.test_desk import log_in
from tests.e2e.test_small_screens import PHONE, assert_nothing_to_see_beyond_the_screen
from tests.factories import ArticleFactory, EditorFactory

pytestmark = pytest.mark.django_db(transaction=True)

# The promise: from a post to a reader's screen (articles/live_pages.py).
WITHIN = 10_000


@pytest.fixture
def editor_user():
    return EditorFactory()


@pytest.fixture
def live_blog(editor_user):
    article = ArticleFactory(
        headline="Storm Ines live", slug="storm-ines-live", is_live_blog=True
    )
    live_blogs.post_entry(article, by=editor_user, body="<p>Gales reach the coast</p>")
    return article


def entries(page):
    return page.locator("[data-live-entries] > .live-entry")


def mark_loaded(page):
    """A flag that a reload would lose."""
    page.evaluate("() => { window.loadedOnce = true; }")


def still_the_same_page(page):
    return page.evaluate("() => window.loadedOnce === true")


def test_an_editors_entry_reaches_an_open_page_without_reload_within_ten_seconds(
    new_page, live_blog, editor_user, console_errors
):
    reader = new_page()
    reader.goto(live_blog.get_absolute_url())
    expect(entries(reader)).to_have_count(1)
    mark_loaded(reader)

    desk = new_page()
    log_in(desk, editor_user)
    desk.goto(f"/admin/articles/article/{live_blog.pk}/live/")
    body = desk.locator(".desk-live__body .ProseMirror")
    body.click()
    desk.keyboard.type("Sea wall breached at Westmoor")
    desk.get_by_role("button", name="Post entry").click()
    expect(desk.locator("[data-desk-live-list]")).to_contain_text("Sea wall breached")

    # At the top of the stream, the reader gets it in place.
    expect(entries(reader).first).to_contain_text(
        "Sea wall breached at Westmoor", timeout=WITHIN
    )
    assert still_the_same_page(reader)
    expect(entries(reader).first.locator(".live-entry__ago")).to_be_visible()
    assert not csp_violations(console_errors)


def test_a_reader_further_down_is_offered_the_new_updates_on_a_button(
    new_page, live_blog, editor_user
):
    for n in range(8):
        live_blogs.post_entry(
            live_blog,
            by=editor_user,
            body=f"<p>Earlier update {n}</p>" + "<p>…</p>" * 6,
        )
    reader = new_page(viewport={"width": 1280, "height": 600})
    reader.goto(live_blog.get_absolute_url())
    reader.locator(".live__feed").scroll_into_view_if_needed()
    mark_loaded(reader)

    live_blogs.post_entry(live_blog, by=editor_user, body="<p>Bridge closed</p>")

    button = reader.get_by_role("button", name="1 new update")
    expect(button).to_be_visible(timeout=WITHIN)
    expect(reader.get_by_text("Bridge closed")).to_have_count(0)
    button.click()
    expect(entries(reader).first).to_contain_text("Bridge closed")
    assert still_the_same_page(reader)


def test_pinned_entries_stay_on_top_and_key_events_link_to_their_entries(
    new_page, live_blog, editor_user
):
    pinned = live_blogs.post_entry(
        live_blog, by=editor_user, body="<p>Where to find shelter</p>", is_pinned=True
    )
    LiveEntry.objects.filter(pk=pinned.pk).update(
        posted_at=timezone.now() - timedelta(hours=2)
    )
    key = live_blogs.post_entry(
        live_blog,
        by=editor_user,
        title="Red warning issued",
        body="<p>Danger to life</p>",
        is_key_event=True,
    )
    reader = new_page()
    reader.goto(live_blog.get_absolute_url())
    expect(entries(reader).first).to_contain_text("Where to find shelter")
    expect(entries(reader).nth(1)).to_contain_text("Danger to life")

    # Posted now, it still goes below the pinned one.
    live_blogs.post_entry(live_blog, by=editor_user, body="<p>Trains stopped</p>")
    expect(entries(reader).nth(1)).to_contain_text("Trains stopped", timeout=WITHIN)
    expect(entries(reader).first).to_contain_text("Where to find shelter")

    reader.get_by_role("link", name=re.compile("Red warning issued")).click()
    expect(reader).to_have_url(re.compile(f"#entry-{key.pk}$"))
    expect(reader.locator(f"#entry-{key.pk}")).to_be_in_viewport()


def test_ending_the_coverage_shows_the_ended_state(new_page, live_blog, editor_user):
    reader = new_page()
    reader.goto(live_blog.get_absolute_url())
    expect(reader.locator(".live__state")).to_contain_text("Updates appear here")

    workflow.end_coverage(live_blog, by=editor_user)

    expect(reader.locator(".live__state")).to_contain_text(
        "This live coverage has ended", timeout=WITHIN
    )
    reader.reload()
    main = reader.locator("main")
    expect(main.locator(".live__state--ended")).to_have_text(
        "This live coverage has ended."
    )
    expect(main.locator(".summary--lead")).to_be_visible()


def test_without_javascript_the_page_reads_newest_first(
    new_page, live_blog, editor_user
):
    for text in ("Second update", "Third update"):
        live_blogs.post_entry(live_blog, by=editor_user, body=f"<p>{text}</p>")
    reader = new_page(java_script_enabled=False)
    reader.goto(live_blog.get_absolute_url())
    expect(entries(reader)).to_have_count(3)
    expect(entries(reader).first).to_contain_text("Third update")
    expect(entries(reader).last).to_contain_text("Gales reach the coast")
    expect(reader.locator("[data-live-show]")).to_be_hidden()


def test_the_live_page_has_no_wcag_aa_violations(
    axe_violations, live_blog, editor_user
):
    live_blogs.post_entry(
        live_blog,
        by=editor_user,
        title="Red warning issued",
        body="<p>Danger to life</p>",
        is_key_event=True,
        is_pinned=True,
    )
    violations = axe_violations(live_blog.get_absolute_url())
    assert violations == [], describe_violations(violations)


def test_the_live_page_fits_a_phone(new_page, live_blog, editor_user):
    live_blogs.post_entry(
        live_blog,
        by=editor_user,
        title="A long title that has to wrap on a small screen without overflowing",
        body="<p>https://example.com/a-very-long-address-without-any-spaces-at-all-0123456789</p>",
        is_key_event=True,
        is_pinned=True,
    )
    reader = new_page(viewport=PHONE)
    reader.goto(live_blog.get_absolute_url())
    expect(entries(reader)).to_have_count(2)
    assert_nothing_to_see_beyond_the_screen(reader, "the live page at 375px")


def test_older_updates_load_in_place(new_page, live_blog, editor_user):
    for n in range(live_pages.ENTRIES_PER_PAGE):
        live_blogs.post_entry(live_blog, by=editor_user, body=f"<p>Update {n}</p>")
    reader = new_page()
    reader.goto(live_blog.get_absolute_url())
    expect(entries(reader)).to_have_count(live_pages.ENTRIES_PER_PAGE)
    mark_loaded(reader)

    reader.get_by_role("link", name="Older updates").click()

    expect(entries(reader)).to_have_count(live_pages.ENTRIES_PER_PAGE + 1)
    expect(entries(reader).last).to_contain_text("Gales reach the coast")
    expect(reader.get_by_role("link", name="Older updates")).to_have_count(0)
    assert still_the_same_page(reader)
