"""The live preview in a real browser (static/js/desk-live-preview.js): the
unsaved form in the public template beside the form, following the typing,
at phone and desktop widths, in a tab of its own too, with nothing saved."""

import pytest
from playwright.sync_api import expect

from articles import revisions
from articles.models import Article
from tests.e2e.audit import csp_violations, describe_violations, run_axe
from tests.e2e.stories import make_story
from tests.e2e.test_desk import log_in
from tests.factories import EditorFactory

pytestmark = pytest.mark.django_db(transaction=True)

PANE = "#desk-live-preview"
FRAME = f"{PANE} iframe:not(.desk-live-preview__frame--loading)"


def open_change_form(page, article):
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.wait_for_load_state("load")


def open_preview(page):
    toggle = page.get_by_role("button", name="Live preview", exact=True)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(PANE)).to_be_visible()
    expect(page.locator(f"{PANE} [role=status]")).to_have_text("Preview updated")


def preview_frame(page):
    return page.frame_locator(FRAME)


def test_the_preview_follows_typing_without_saving(new_page, client, console_errors):
    article = make_story()
    headline = article.headline
    versions = revisions.versions_of(article).count()
    page = new_page()
    log_in(page, EditorFactory())
    open_change_form(page, article)
    open_preview(page)

    frame = preview_frame(page)
    expect(frame.locator("h1.article__headline")).to_have_text(headline)
    # The public template: the numbered contents, key points, FAQs, tags.
    expect(frame.locator(".toc__list li")).to_have_count(3)
    expect(frame.locator(".key-points__table tbody tr")).to_have_count(3)
    expect(frame.locator(".faq__item")).to_have_count(2)
    expect(
        frame.locator(".tags__list").get_by_role("link", name="Harbour")
    ).to_be_visible()
    expect(frame.locator(".article__hero-image")).to_be_visible()

    # Beside the form, which stays usable.
    form_box = page.locator("#id_headline").bounding_box()
    pane_box = page.locator(PANE).bounding_box()
    assert form_box["x"] + form_box["width"] <= pane_box["x"], (form_box, pane_box)

    page.locator("#id_headline").fill("Harbour bridge opens a month early")
    page.locator("#sections-0 [contenteditable=true]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" A sentence typed just now.")

    expect(frame.locator("h1.article__headline")).to_have_text(
        "Harbour bridge opens a month early"
    )
    expect(frame.locator(".article-section").first).to_contain_text(
        "A sentence typed just now."
    )
    expect(frame.locator(".preview-banner")).to_contain_text("Live preview")

    # Phone width: the preview is laid out at 375 px.
    page.get_by_role("radio", name="Phone (375 px)").check()
    expect(page.locator(FRAME)).to_have_css("width", "375px")
    assert frame.locator("html").evaluate("() => window.innerWidth") == 375
    page.get_by_role("radio", name="Desktop (1280 px)").check()
    expect(page.locator(FRAME)).to_have_css("width", "1280px")
    # Closed from the pane, the focus goes back to the toggle.
    page.get_by_role("button", name="Close the live preview").click()
    expect(page.locator(PANE)).to_be_hidden()
    toggle = page.get_by_role("button", name="Live preview", exact=True)
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    open_preview(page)

    # Nothing was saved: not the article, not a revision, not the public page.
    article.refresh_from_db()
    assert article.headline == headline
    assert revisions.versions_of(article).count() == versions
    public = client.get(article.get_absolute_url()).content.decode()
    assert "opens a month early" not in public
    assert "A sentence typed just now." not in public
    # Reloaded, the desk shows the saved text (and the pane open, as left).
    page.once("dialog", lambda dialog: dialog.accept())  # unsaved edits warning
    page.reload()
    expect(page.locator("#id_headline")).to_have_value(headline)
    expect(preview_frame(page).locator("h1.article__headline")).to_have_text(headline)
    assert not csp_violations(console_errors)


def test_the_preview_keeps_its_place_as_it_updates(new_page):
    article = make_story()
    page = new_page()
    log_in(page, EditorFactory())
    open_change_form(page, article)
    open_preview(page)

    frame = page.locator(FRAME)
    frame.content_frame.locator(".faq").scroll_into_view_if_needed()
    scrolled = frame.evaluate("frame => frame.contentWindow.scrollY")
    assert scrolled > 0

    page.locator("#id_summary").fill("A new summary, typed while reading lower down.")
    expect(preview_frame(page).locator(".summary")).to_contain_text(
        "typed while reading lower down"
    )
    assert page.locator(FRAME).evaluate(
        "frame => frame.contentWindow.scrollY"
    ) == pytest.approx(scrolled, abs=80)


def test_a_second_tab_follows_the_form(new_page, console_errors):
    article = make_story()
    page = new_page()
    log_in(page, EditorFactory())
    open_change_form(page, article)

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Open the live preview in a new tab").click()
    tab = opened.value
    tab.wait_for_load_state("load")
    frame = tab.frame_locator(
        ".desk-live-preview iframe:not(.desk-live-preview__frame--loading)"
    )
    expect(frame.locator("h1.article__headline")).to_have_text(article.headline)

    page.bring_to_front()
    page.locator("#id_headline").fill("Typed in the other tab")
    expect(frame.locator("h1.article__headline")).to_have_text("Typed in the other tab")
    assert Article.objects.get(pk=article.pk).headline == article.headline
    assert not csp_violations(console_errors)


def found(violations):
    return {
        (violation["id"], str(node["target"]))
        for violation in violations
        for node in violation["nodes"]
    }


def test_the_form_with_the_preview_open_passes_axe_and_fits_a_phone(
    new_page, axe_source
):
    article = make_story()
    page = new_page(bypass_csp=True)
    log_in(page, EditorFactory())
    open_change_form(page, article)
    closed = found(run_axe(page, axe_source))
    open_preview(page)

    # Opening the preview adds nothing axe finds (the form itself is
    # audited with the desk's other pages), and nothing at all is found on
    # the preview's own controls.
    violations = run_axe(page, axe_source)
    added = [
        violation
        for violation in violations
        if found([violation]) - closed
        or any("live-preview" in str(node["target"]) for node in violation["nodes"])
    ]
    assert not added, describe_violations(added)

    page.set_viewport_size({"width": 375, "height": 812})
    expect(page.locator(PANE)).to_be_visible()
    box = page.locator(PANE).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    # Below the form on a phone.
    form = page.locator("#article_form").bounding_box()
    assert box["y"] >= form["y"] + form["height"], (box, form)
    sideways = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert sideways[0] <= sideways[1], f"the change form scrolls sideways: {sideways}"
    # The phone width still lays the preview out at 375 px, scaled to the pane.
    page.get_by_role("radio", name="Phone (375 px)").check()
    assert preview_frame(page).locator("html").evaluate("() => innerWidth") == 375
