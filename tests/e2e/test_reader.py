"""A reader's site in a real browser: navigation, keyboard, small screens."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.audit import csp_violations
from tests.e2e.stories import make_story

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_goes_from_home_through_the_menu_to_an_article_and_its_author(
    page, console_errors
):
    article = make_story()

    page.goto("/")
    menu = page.get_by_role("navigation", name="Sections")
    menu.get_by_role("link", name="World").click()
    expect(page).to_have_url(re.compile(r"/world/$"))
    expect(menu.get_by_role("link", name="World")).to_have_attribute(
        "aria-current", "page"
    )

    page.locator("main").get_by_role("link", name=article.headline).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(article.headline)

    main = page.locator("main")
    expect(main.locator(".article__byline")).to_contain_text("By Ada Reporter")
    expect(main.locator(".read-time, .article__meta")).not_to_have_count(0)
    expect(main.get_by_role("img", name="The bridge at dawn")).to_be_visible()
    expect(main.locator("figcaption")).to_contain_text("The bridge reopened on Monday.")
    expect(main.locator("figcaption")).to_contain_text("Photo: Ada Reporter")
    expect(main.locator(".article__dek")).to_contain_text("The vote ends a month")
    toc = main.get_by_role("navigation", name="Article Subheadings")
    expect(toc.get_by_role("link")).to_have_count(3)
    for number in (1, 2, 3):
        expect(
            main.get_by_role("heading", level=2, name=f"Subheading {number}")
        ).to_be_visible()
    key_points = main.get_by_role("table")
    expect(key_points.get_by_role("columnheader")).to_have_text(["No.", "Key Point"])
    expect(key_points.get_by_role("row")).to_have_count(4)
    expect(main.get_by_role("heading", name="Summary")).to_be_visible()
    expect(
        main.get_by_role("heading", name="Frequently Asked Questions")
    ).to_be_visible()
    main.get_by_text("Question 1?").click()
    expect(main.locator(".faq__answer").first).to_be_visible()
    expect(main.get_by_role("link", name="Harbour", exact=True)).to_be_visible()
    expect(main.locator(".author-box")).to_contain_text("News Director")
    expect(main.get_by_role("heading", name="Keep Reading")).to_be_visible()
    expect(main.get_by_role("link", name="Ferry timetable changes")).to_be_visible()

    # A table-of-contents link lands on its section.
    toc.get_by_role("link", name="Subheading 2").click()
    expect(page).to_have_url(re.compile(r"#subheading-2$"))

    main.locator(".article__byline").get_by_role("link", name="Ada Reporter").click()
    expect(page).to_have_url(re.compile(r"/author/ada-reporter/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ada Reporter")
    expect(
        page.locator("main").get_by_role("link", name=article.headline).first
    ).to_be_visible()
    # The site's scripts and styles all ran under its Content-Security-Policy.
    assert not csp_violations(console_errors)


def test_search_overlay_opens_searches_and_closes_by_keyboard(page):
    article = make_story()
    page.goto(article.get_absolute_url())

    # The toggle, not the form's own submit button of the same name.
    toggle = page.locator("[data-search-toggle]")
    expect(toggle).to_have_accessible_name("Search")
    # Tab through the page until the toggle has focus, as a keyboard user would.
    for _ in range(20):
        page.keyboard.press("Tab")
        if toggle.evaluate("element => element === document.activeElement"):
            break
    expect(toggle).to_be_focused()

    page.keyboard.press("Enter")
    search_box = page.get_by_role("searchbox", name="Search articles")
    expect(search_box).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_text("Press Esc to cancel.")).to_be_visible()

    page.keyboard.press("Escape")
    expect(search_box).to_be_hidden()
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("Enter")
    expect(search_box).to_be_focused()
    page.keyboard.type("harbour")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=harbour")
    expect(
        page.locator("main").get_by_role("link", name=article.headline).first
    ).to_be_visible()


def test_search_form_works_without_javascript(new_page):
    article = make_story()
    page = new_page(java_script_enabled=False)
    page.goto("/")

    expect(page.locator("[data-search-toggle]")).to_be_hidden()
    search_box = page.get_by_role("searchbox", name="Search articles")
    search_box.fill("bridge")
    search_box.press("Enter")
    page.wait_for_url("**/search/?q=bridge")
    expect(
        page.locator("main").get_by_role("link", name=article.headline).first
    ).to_be_visible()


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page):
    make_story()
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_phone_width_pages_do_not_scroll_sideways(new_page):
    article = make_story()
    page = new_page(viewport={"width": 375, "height": 812}, is_mobile=True)

    for path in ("/", article.category.get_absolute_url(), article.get_absolute_url()):
        page.goto(path)
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert widths[0] <= widths[1], f"{path} scrolls sideways: {widths}"


def test_screenshots_of_reader_pages_at_desktop_and_phone_widths(
    new_page, screenshot_dir
):
    article = make_story()
    pages = {
        "home": "/",
        "category": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
    }
    for width, height in ((1280, 900), (375, 812)):
        page = new_page(viewport={"width": width, "height": height})
        for name, path in pages.items():
            page.goto(path)
            page.screenshot(path=screenshot_dir / f"{name}-{width}.png", full_page=True)
            assert (screenshot_dir / f"{name}-{width}.png").stat().st_size > 0
