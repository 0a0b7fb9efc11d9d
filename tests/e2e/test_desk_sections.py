"""The writing column on the desk (static/js/desk-sections.js and the
change form's layout): sections that fold to their heading, all at once
too, and still folded after a save; a section added between two others and
saved there, the numbered table of contents following as it is typed; the
SEO title counted as it is typed and used by the public page; and the whole
form within a phone's width and clean of serious accessibility findings,
sections folded or not."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, Correction
from tests.e2e.audit import describe_violations, run_axe
from tests.e2e.stories import make_story
from tests.e2e.test_desk import log_in
from tests.e2e.test_small_screens import (
    DESKTOP,
    PHONE,
    assert_nothing_to_see_beyond_the_screen,
    nothing_scrolls_sideways,
)
from tests.factories import EditorFactory

pytestmark = pytest.mark.django_db(transaction=True)


def open_article(page, article):
    log_in(page, EditorFactory())
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    # The script has named each section's heading.
    expect(page.locator(".desk-section__toggle")).to_have_count(
        article.sections.count()
    )


def toggle(page, index):
    return page.locator(f"#sections-{index} .desk-section__toggle")


def body_editor(page, index):
    return page.locator(f"#sections-{index} [contenteditable='true'][role='textbox']")


def contents(page):
    return page.locator(".desk-toc__list li")


def saved_subheadings(article):
    return list(
        article.sections.order_by("position").values_list("subheading", flat=True)
    )


def save_and_continue(page):
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()


def test_a_section_folds_to_its_heading_and_opens_again(page):
    article = make_story()
    open_article(page, article)
    first = toggle(page, 0)
    subheading = page.locator("#id_sections-0-subheading")
    expect(first).to_have_text("1. Subheading 1")
    expect(first).to_have_attribute("aria-expanded", "true")

    first.click()

    expect(first).to_have_attribute("aria-expanded", "false")
    expect(subheading).to_be_hidden()
    expect(body_editor(page, 0)).to_be_hidden()
    # Folded, it can still be moved.
    expect(page.locator("#sections-0 .desk-order__down")).to_be_visible()
    expect(page.locator("#id_sections-1-subheading")).to_be_visible()

    first.press("Enter")

    expect(first).to_have_attribute("aria-expanded", "true")
    expect(subheading).to_be_visible()
    expect(subheading).to_have_value("Subheading 1")


def test_sections_folded_stay_folded_after_save_and_continue(page):
    article = make_story()
    open_article(page, article)
    toggle(page, 1).click()
    page.locator("#id_sections-0-subheading").fill("Subheading 1, revised")

    save_and_continue(page)

    expect(toggle(page, 1)).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#id_sections-1-subheading")).to_be_hidden()
    expect(toggle(page, 0)).to_have_attribute("aria-expanded", "true")
    expect(toggle(page, 0)).to_have_text("1. Subheading 1, revised")

    # Opened again, it stays open after the next save.
    toggle(page, 1).click()
    save_and_continue(page)
    expect(toggle(page, 1)).to_have_attribute("aria-expanded", "true")


def test_collapse_all_and_expand_all_fold_and_open_every_section(page):
    article = make_story()
    open_article(page, article)
    toggles = page.locator(".desk-section__toggle")

    page.get_by_role("button", name="Collapse all").click()

    for index in range(toggles.count()):
        expect(toggles.nth(index)).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#sections-group [name$='-subheading']:visible")).to_have_count(
        0
    )

    # A folded section's entry in the contents opens it, at its subheading.
    contents(page).nth(1).get_by_role("link").click()
    expect(toggle(page, 1)).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#id_sections-1-subheading")).to_be_focused()

    page.get_by_role("button", name="Expand all").click()

    for index in range(toggles.count()):
        expect(toggles.nth(index)).to_have_attribute("aria-expanded", "true")


def test_a_section_added_between_the_first_and_second_is_saved_there(page):
    article = make_story()
    open_article(page, article)
    expect(contents(page)).to_have_text(
        ["Subheading 1", "Subheading 2", "Subheading 3"]
    )

    page.get_by_role(
        "button", name="Add section here, between sections 1 and 2"
    ).click()

    new_subheading = page.locator("#id_sections-3-subheading")
    expect(new_subheading).to_be_focused()
    # Between the first and the second on the page.
    rows = page.locator("#sections-group .inline-related:not(.empty-form)")
    expect(rows.nth(1)).to_have_id("sections-3")
    page.keyboard.type("Tolls return in May")
    expect(contents(page)).to_have_text(
        ["Subheading 1", "Tolls return in May", "Subheading 2", "Subheading 3"]
    )
    expect(toggle(page, 3)).to_have_text("2. Tolls return in May")
    expect(toggle(page, 1)).to_have_text("3. Subheading 2")
    body_editor(page, 3).click()
    page.keyboard.type("The council votes on the tolls next week.")

    save_and_continue(page)

    assert saved_subheadings(article) == [
        "Subheading 1",
        "Tolls return in May",
        "Subheading 2",
        "Subheading 3",
    ]
    page.goto(article.get_absolute_url())
    expect(page.locator(".toc__list li")).to_have_text(
        ["Subheading 1", "Tolls return in May", "Subheading 2", "Subheading 3"]
    )
    expect(page.locator(".article-section").nth(1)).to_contain_text(
        "The council votes on the tolls next week."
    )


def test_removing_a_new_section_leaves_every_other_one_its_own_text(page):
    # Django renumbers the rows' fields by their place in the page when a
    # new one is removed: a new row moved above saved ones must not take a
    # saved part's form.
    article = make_story()
    open_article(page, article)
    page.get_by_role(
        "button", name="Add section here, between sections 1 and 2"
    ).click()
    page.keyboard.type("Tolls return in May")
    page.locator("#sections-group .add-row a").click()
    page.locator("#id_sections-4-subheading").fill("A section thought better of")

    page.locator("#sections-4 .inline-deletelink").click()

    expect(contents(page)).to_have_text(
        ["Subheading 1", "Tolls return in May", "Subheading 2", "Subheading 3"]
    )
    save_and_continue(page)
    assert saved_subheadings(article) == [
        "Subheading 1",
        "Tolls return in May",
        "Subheading 2",
        "Subheading 3",
    ]
    bodies = dict(article.sections.values_list("subheading", "body"))
    assert "section 2" in bodies["Subheading 2"]
    assert "section 3" in bodies["Subheading 3"]


def test_a_section_marked_for_deletion_leaves_the_contents(page):
    article = make_story()
    open_article(page, article)

    page.locator("#id_sections-1-DELETE").check()

    expect(contents(page)).to_have_text(["Subheading 1", "Subheading 3"])
    expect(toggle(page, 2)).to_have_text("2. Subheading 3")
    expect(toggle(page, 1)).to_contain_text("Deleted when saved")


def test_the_seo_title_is_counted_as_typed_and_becomes_the_pages_title(page):
    article = make_story()
    open_article(page, article)
    sharing = page.locator("summary", has_text="Search & sharing")
    seo_title = page.get_by_label("SEO title")
    expect(seo_title).to_be_hidden()  # folded until wanted

    sharing.click()
    seo_title.fill("Harbour bridge open again")

    expect(page.locator("#id_seo_title_count")).to_have_text("25 / 60")
    page.get_by_label("SEO description").fill("Cars are back on the bridge.")
    expect(page.locator("#id_seo_description_count")).to_have_text("28 / 160")
    save_and_continue(page)
    assert Article.objects.get(pk=article.pk).seo_title == "Harbour bridge open again"

    page.goto(article.get_absolute_url())
    expect(page).to_have_title(re.compile(r"^Harbour bridge open again \| "))
    expect(page.locator("h1")).to_have_text("Harbour bridge reopens after repairs")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_the_writing_column_is_axe_clean_and_within_the_screen(
    new_page, axe_source, viewport
):
    article = make_story()
    Correction.objects.create(article=article, text="An earlier version erred.")
    page = new_page(bypass_csp=True, viewport=viewport)
    open_article(page, article)
    # Every state the script makes: a section folded, one added between two,
    # the search fields open.
    page.get_by_role(
        "button", name="Add section here, between sections 2 and 3"
    ).click()
    page.keyboard.type("Tolls return in May")
    toggle(page, 0).click()
    page.locator("summary", has_text="Search & sharing").click()

    assert_nothing_to_see_beyond_the_screen(page, "the writing column")
    assert nothing_scrolls_sideways(page) == []
    violations = [
        violation
        for violation in run_axe(page, axe_source)
        if violation["impact"] in ("serious", "critical")
    ]
    assert not violations, describe_violations(violations)
