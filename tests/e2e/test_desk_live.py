"""The live blog's desk page in the browser (static/js/desk-live.js):
posting, pinning and deleting without a reload, a colleague's entry arriving
without one, and the page, editor included, within a phone's width."""

import pytest
from playwright.sync_api import expect

from tests.e2e.audit import csp_violations
from tests.e2e.test_desk import log_in
from tests.e2e.test_small_screens import (
    PHONE,
    assert_nothing_to_see_beyond_the_screen,
    nothing_scrolls_sideways,
)
from tests.factories import ArticleFactory, EditorFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def live_blog():
    return ArticleFactory(headline="Count night live", is_live_blog=True)


def open_live_desk(page, article, editor=None):
    log_in(page, editor or EditorFactory())
    page.goto(f"/admin/articles/article/{article.pk}/live/")
    # The editor has built its toolbar.
    expect(page.locator(".desk-live .prose-menubar__button").first).to_be_visible()
    page.evaluate("() => { window.loadedOnce = true; }")


def test_an_entry_is_posted_pinned_and_deleted_without_a_reload(
    new_page, live_blog, console_errors
):
    page = new_page()
    open_live_desk(page, live_blog)

    page.locator(".desk-live__body .ProseMirror").click()
    page.keyboard.type("Turnout at 64 per cent")
    page.get_by_label("Key event").check()
    page.get_by_role("button", name="Post entry").click()

    entry = page.locator("[data-desk-entry]").first
    expect(entry).to_contain_text("Turnout at 64 per cent")
    expect(entry).to_contain_text("Key event")
    # The editor is emptied for the next entry.
    expect(page.locator(".desk-live__body .ProseMirror")).to_have_text("")

    entry.get_by_role("button", name="Pin").click()
    expect(entry.get_by_role("button", name="Unpin")).to_be_visible()
    expect(entry).to_contain_text("Pinned")

    entry.get_by_role("button", name="Delete").click()
    expect(entry).to_contain_text("Deleted")
    entry.get_by_role("button", name="Restore").click()
    expect(entry.get_by_role("button", name="Delete")).to_be_visible()

    assert page.evaluate("() => window.loadedOnce === true")
    assert not csp_violations(console_errors)


def test_a_colleagues_entry_reaches_an_open_desk_without_a_reload(
    new_page, live_blog, console_errors
):
    watching = new_page()
    open_live_desk(watching, live_blog)
    # Half a sentence typed into the watching desk's own new entry.
    watching.locator(".desk-live__body .ProseMirror").click()
    watching.keyboard.type("Polls close in")
    posting = new_page()
    open_live_desk(posting, live_blog)

    posting.locator(".desk-live__body .ProseMirror").click()
    posting.keyboard.type("Exit poll: a hung council")
    posting.get_by_role("button", name="Post entry").click()
    expect(posting.locator("[data-desk-entry]").first).to_contain_text("Exit poll")

    arrived = watching.locator("[data-desk-entry]", has_text="a hung council")
    expect(arrived).to_be_visible(timeout=10_000)
    expect(arrived.get_by_role("button", name="Delete")).to_be_visible()
    # Nothing typed here was disturbed, and the page never reloaded.
    expect(watching.locator(".desk-live__body .ProseMirror")).to_have_text(
        "Polls close in"
    )
    assert watching.evaluate("() => window.loadedOnce === true")
    assert not csp_violations(console_errors)


def test_a_desk_logged_out_says_it_no_longer_follows_the_stream(new_page, live_blog):
    page = new_page()
    open_live_desk(page, live_blog)

    page.context.clear_cookies()

    expect(page.locator("[data-desk-live-notice]")).to_contain_text(
        "no longer follows the stream", timeout=10_000
    )


def test_the_live_desk_fits_a_phone_without_sideways_scrolling(new_page, live_blog):
    page = new_page(viewport=PHONE)
    open_live_desk(page, live_blog)
    page.locator(".desk-live__body .ProseMirror").click()  # toolbar at its widest

    assert nothing_scrolls_sideways(page) == []
    assert_nothing_to_see_beyond_the_screen(page, "the live desk at 375px")
