"""The reader's site and the desk on small screens, and on paper: the phone's
sections menu (with and without JavaScript), the desk's article form at a
phone's width and its headline field on a desktop, the article's meta line
when it wraps, and an article's FAQ answers when printed."""

import contextlib
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.text import slugify
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from articles.models import Article, Category, Correction
from tests.e2e.stories import make_story
from tests.e2e.test_desk import log_in
from tests.factories import (
    SOCIAL_LINKS,
    AuthorFactory,
    CategoryFactory,
    EditorFactory,
    site_settings,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
SECTIONS = [
    "World",
    "U.S. News",
    "Business",
    "Politics",
    "Europe News",
    "Finance",
    "Turkey Reports",
    "Money Watch",
    "Health",
]


def newsroom_with_every_section():
    """The reference site's nine sections in its order, and its social links."""
    article = make_story()  # its category is "World"
    Category.objects.filter(pk=article.category_id).update(menu_order=0)
    for order, name in enumerate(SECTIONS[1:], start=1):
        CategoryFactory(name=name, slug=slugify(name), menu_order=order)
    site_settings(**SOCIAL_LINKS)
    return article


def section_links(page):
    return page.locator(".mainnav__link")


def social_links(page):
    return page.locator(".mainnav").locator("a[href*='.example/ledger']")


def assert_nothing_to_see_beyond_the_screen(page, what):
    sideways = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert sideways[0] <= sideways[1], f"{what} scrolls sideways: {sideways}"


# --- The phone's sections menu ---------------------------------------------


def test_on_a_phone_the_menu_button_opens_every_section_and_the_social_links(
    new_page,
):
    newsroom_with_every_section()
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("/")
    menu = page.locator(".mainnav summary")

    expect(menu).to_be_visible()
    expect(menu).to_have_text("Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_have_attribute("aria-controls", "mainnav-panel")
    expect(section_links(page).first).to_be_hidden()

    menu.click()

    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#mainnav-panel")).to_be_visible()
    expect(section_links(page)).to_have_text(SECTIONS)
    for link in section_links(page).all() + social_links(page).all():
        expect(link).to_be_in_viewport()
    expect(social_links(page)).to_have_count(3)
    assert_nothing_to_see_beyond_the_screen(page, "the open menu")

    section_links(page).filter(has_text="Money Watch").click()
    expect(page).to_have_url(re.compile(r"/money-watch/$"))


def test_the_phone_menu_works_from_the_keyboard_and_esc_closes_it(new_page):
    newsroom_with_every_section()
    page = new_page(viewport=PHONE)
    page.goto("/")
    menu = page.locator(".mainnav summary")
    menu.focus()

    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    # Next in the order: the sections, in the menu's order.
    page.keyboard.press("Tab")
    expect(section_links(page).first).to_be_focused()
    page.keyboard.press("Tab")
    expect(section_links(page).nth(1)).to_be_focused()

    page.keyboard.press("Escape")

    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(section_links(page).first).to_be_hidden()
    page.keyboard.press("Space")
    expect(section_links(page).first).to_be_visible()


def test_without_javascript_the_phone_menu_still_opens_and_closes(new_page):
    newsroom_with_every_section()
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto("/")
    menu = page.locator(".mainnav summary")
    expect(section_links(page).first).to_be_hidden()

    menu.click()

    expect(section_links(page)).to_have_text(SECTIONS)
    for link in section_links(page).all() + social_links(page).all():
        expect(link).to_be_visible()
    menu.click()
    expect(section_links(page).first).to_be_hidden()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_with_no_menu_sections_yet_phones_still_get_the_social_links_and_search(
    new_page, javascript
):
    newsroom_with_every_section()
    Category.objects.update(is_in_menu=False)
    page = new_page(viewport=PHONE, java_script_enabled=javascript)
    page.goto("/")
    menu = page.locator(".mainnav summary")
    expect(menu).to_have_text("Menu")
    expect(social_links(page).first).to_be_hidden()

    menu.click()

    expect(social_links(page)).to_have_count(3)
    for link in social_links(page).all():
        expect(link).to_be_in_viewport()
    expect(section_links(page)).to_have_count(0)
    assert_nothing_to_see_beyond_the_screen(page, "the open menu")
    # And the search, in the bar: a button opening it, or without
    # JavaScript the form itself.
    if javascript:
        page.locator("[data-search-toggle]").click()
    search_box = page.get_by_role("searchbox", name="Search articles")
    expect(search_box).to_be_in_viewport()
    search_box.fill("harbour")
    search_box.press("Enter")
    page.wait_for_url("**/search/?q=harbour")

    # Wider screens have the links in the bar, and no empty menu bar.
    page.set_viewport_size(DESKTOP)
    page.goto("/")
    expect(page.locator(".mainnav")).to_be_hidden()
    expect(page.locator(".masthead__social a")).to_have_count(3)
    expect(page.locator(".masthead__social a").first).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_on_a_wide_screen_every_section_shows_in_the_bar_with_no_menu_button(
    new_page, javascript
):
    newsroom_with_every_section()
    for width in (700, 1280):
        page = new_page(
            viewport={"width": width, "height": 900}, java_script_enabled=javascript
        )
        page.goto("/")

        expect(page.locator(".mainnav summary")).to_be_hidden()
        expect(section_links(page)).to_have_text(SECTIONS)
        # Every one on screen, none cut off behind a scrolling strip.
        for link in section_links(page).all():
            expect(link).to_be_in_viewport(ratio=1)
        # The bar above has the social links; the menu's copy stays hidden.
        expect(social_links(page).first).to_be_hidden()
        expect(page.locator(".masthead__social a").first).to_be_visible()
        assert_nothing_to_see_beyond_the_screen(page, f"home at {width}px")


# --- The desk ----------------------------------------------------------------

# Every element of the form whose right edge is past the screen's, or that
# scrolls sideways inside its own box.
SIDEWAYS = """() => [...document.querySelectorAll("#content-main *")]
    .filter((element) => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        const scrolls = ["auto", "scroll"].includes(style.overflowX)
            && element.scrollWidth > element.clientWidth + 1;
        return (box.width > 0 && box.right > window.innerWidth + 1) || scrolls;
    })
    .map((element) => `${element.localName}#${element.id}.${element.className}`)
"""


# Every rich-text body of a row on the page has its editor.
EDITORS_READY = """() => [...document.querySelectorAll(
        ".inline-related:not(.empty-form) textarea[data-django-prose-editor]"
    )].every((textarea) => textarea.closest(".prose-editor")
        ?.querySelector(".prose-menubar .prose-menubar__button"))
"""


def nothing_scrolls_sideways(page):
    """The elements of the form past the screen's edge or scrolling inside
    their box (``SIDEWAYS``), once the page's scripts have set it up: the
    rich-text editors build their toolbars after the page has loaded, and
    a toolbar is one line wide until then."""
    page.wait_for_function(EDITORS_READY)
    with contextlib.suppress(PlaywrightTimeoutError):  # reported below
        page.wait_for_function(f"() => ({SIDEWAYS})().length === 0", timeout=5_000)
    return page.evaluate(SIDEWAYS)


def test_the_article_form_on_a_phone_fits_the_screen(new_page):
    article = make_story()
    article.bylines.create(
        author=AuthorFactory(name="Bartholomew Longname-Correspondent"), position=1
    )
    Correction.objects.create(article=article, text="An earlier version erred.")
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, EditorFactory())

    page.goto(f"/admin/articles/article/{article.pk}/change/")

    assert_nothing_to_see_beyond_the_screen(page, "the article form")
    assert nothing_scrolls_sideways(page) == []
    # The bylines' every column is within the screen's width: author, order,
    # delete.
    bylines = page.locator("#bylines-group")
    for control in (
        bylines.locator(".select2-selection").first,
        bylines.locator(".desk-order__down").first,
        bylines.locator("input[name$='-DELETE']").first,
    ):
        box = control.bounding_box()
        assert box["x"] >= 0, control
        assert box["x"] + box["width"] <= PHONE["width"], control


# Every input of the form on screen with a value, and whether its text is
# wider than its box (the browser then shows only the start of it).
CUT_OFF = """() => [...document.querySelectorAll("#article_form input")]
    .filter((input) => input.value && input.checkVisibility())
    .map((input) => ({
        name: input.name,
        value: input.value,
        cut: input.scrollWidth > input.clientWidth,
    }))
"""


def test_on_a_phone_every_input_of_the_article_form_shows_its_whole_value(new_page):
    article = make_story()
    Correction.objects.create(article=article, text="An earlier version erred.")
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, EditorFactory())

    page.goto(f"/admin/articles/article/{article.pk}/change/")

    inputs = page.evaluate(CUT_OFF)
    names = {field["name"] for field in inputs}
    # The correction's date and time, among the rest.
    assert {"corrections-0-created_at_0", "corrections-0-created_at_1"} <= names
    assert [field for field in inputs if field["cut"]] == []
    assert nothing_scrolls_sideways(page) == []


def test_on_a_phone_the_blank_rows_the_add_links_copy_stay_hidden(new_page):
    article = make_story()
    Correction.objects.create(article=article, text="An earlier version erred.")
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, EditorFactory())
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    corrections = page.locator("#corrections-group tbody tr.form-row")
    expect(corrections).to_have_count(2)  # the correction, and the blank copy

    # One row on screen: the article's one correction, none blank.
    expect(corrections.filter(visible=True)).to_have_count(1)
    expect(corrections.filter(visible=True).locator("textarea")).to_have_value(
        "An earlier version erred."
    )
    expect(
        page.locator(".inline-group tr.empty-form").filter(visible=True)
    ).to_have_count(0)

    page.locator("#corrections-group .add-row a").click()

    expect(corrections.filter(visible=True)).to_have_count(2)


def test_on_a_desktop_the_headline_and_intro_span_the_writing_column_in_large_type(
    page,
):
    article = make_story()
    log_in(page, EditorFactory())

    page.goto(f"/admin/articles/article/{article.pk}/change/")

    column = page.locator(".desk-columns__main").bounding_box()
    side = page.locator(".desk-columns__side").bounding_box()
    # What files the story (its slug among it) stands beside it.
    assert side["x"] >= column["x"] + column["width"]
    slug = page.locator("#id_slug").bounding_box()
    assert slug["x"] >= side["x"] and slug["width"] > side["width"] - 40
    for field in ("headline", "dek"):
        label = page.locator(f"label[for=id_{field}]").bounding_box()
        box = page.locator(f"#id_{field}").bounding_box()
        # The label above, the field from edge to edge of the column, less
        # the rows' padding.
        assert box["y"] >= label["y"] + label["height"], field
        assert box["x"] < column["x"] + 24, (field, box)
        assert box["x"] + box["width"] > column["x"] + column["width"] - 24, field
        assert box["width"] > 500, (field, box)
    sizes = page.evaluate(
        """() => ["id_headline", "id_dek", "id_summary"].map(
            (id) => parseFloat(getComputedStyle(document.getElementById(id)).fontSize)
        )"""
    )
    assert sizes[0] > sizes[1] > sizes[2], sizes


DESK_LAYOUT_WIDTHS = (375, 768, 1024, 1280)


@pytest.mark.parametrize("where", ["change", "changelist"])
def test_the_article_form_and_list_never_scroll_sideways(new_page, where):
    article = make_story()
    Correction.objects.create(article=article, text="An earlier version erred.")
    Article.objects.filter(pk=article.pk).update(
        headline="Harbour bridge reopens after eleven months of repairs and a "
        "long argument over who pays for them"
    )
    page = new_page()
    log_in(page, EditorFactory())
    path = "/admin/articles/article/"
    for width in DESK_LAYOUT_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{path}{article.pk}/change/" if where == "change" else path)

        assert_nothing_to_see_beyond_the_screen(page, f"the {where} at {width}px")
        assert nothing_scrolls_sideways(page) == [], width
        if where == "changelist":
            # Every column of the list on screen, none in a strip that scrolls.
            for cell in (
                page.locator("#result_list tbody tr").first.locator("td, th").all()
            ):
                box = cell.bounding_box()
                assert box["x"] + box["width"] <= width + 1, (width, box)


def test_on_a_phone_a_corrections_kind_shows_its_whole_name(new_page):
    article = make_story()
    Correction.objects.create(article=article, text="An earlier version erred.")
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, EditorFactory())

    page.goto(f"/admin/articles/article/{article.pk}/change/")

    kind = page.locator("#id_corrections-0-kind")
    expect(kind).to_be_visible()
    # Each choice's text fits the box (the arrow aside).
    widest = kind.evaluate(
        """(select) => {
            const probe = document.createElement("span");
            probe.style.font = getComputedStyle(select).font;
            probe.style.position = "absolute";
            document.body.append(probe);
            const widths = [...select.options].map((option) => {
                probe.textContent = option.text;
                return probe.getBoundingClientRect().width;
            });
            probe.remove();
            return Math.max(...widths);
        }"""
    )
    assert kind.bounding_box()["width"] >= widest + 20


# The admin's own layouts change at 767px and 1024px (object tools floated
# beside the title above that); the widths the desk is used at around them.
DESK_WIDTHS = (320, 375, 767, 768, 1024, 1025, 1280, 1920)


# The boxes an element's text is drawn in, one a line: a heading's own box
# spans the column whatever the length of its words.
TEXT_BOXES = """(element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return [...range.getClientRects()].map(
        (box) => ({x: box.x, y: box.y, width: box.width, height: box.height})
    );
}"""


def overlap(first, second):
    """Whether two bounding boxes share any area."""
    return (
        first["x"] < second["x"] + second["width"]
        and second["x"] < first["x"] + first["width"]
        and first["y"] < second["y"] + second["height"]
        and second["y"] < first["y"] + first["height"]
    )


@pytest.mark.parametrize("where", ["change", "changelist"])
def test_the_desk_buttons_never_cover_the_scheduler_warning_or_the_headline(
    new_page, where
):
    article = make_story()
    # Live ten minutes ago and their go-live effects never ran: the warning.
    # The headline runs the width of the page as the title over the form.
    Article.objects.update(
        published_at=timezone.now() - timedelta(minutes=10), live_effects_at=None
    )
    Article.objects.filter(pk=article.pk).update(
        headline="Harbour bridge reopens after repairs " * 5
    )
    page = new_page(viewport=DESKTOP)
    log_in(page, EditorFactory())
    path = "/admin/articles/article/"
    page.goto(f"{path}{article.pk}/change/" if where == "change" else path)
    buttons = page.locator(".object-tools a")
    covered = [page.locator(".desk-scheduler-warning"), page.locator("#content h1")]
    expect(covered[0]).to_contain_text("went live more than two minutes ago")
    if where == "change":
        covered.append(page.locator("#content h2").first)
        expect(covered[-1]).to_contain_text("Harbour bridge reopens")
        expect(buttons).to_have_text(
            [re.compile("history", re.I), re.compile("view on site", re.I)]
        )

    for width in DESK_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for button in buttons.all():
            for element in covered:
                for box in element.evaluate(TEXT_BOXES):
                    assert not overlap(button.bounding_box(), box), (
                        width,
                        button.inner_text(),
                        element.inner_text()[:40],
                    )


# --- The article's meta line -------------------------------------------------

# The meta line's text, character by character, grouped into the lines it
# is drawn on: for each line, the left edge of its first character.
LINE_STARTS = """(selector) => {
    const meta = document.querySelector(selector);
    const walker = document.createTreeWalker(meta, NodeFilter.SHOW_TEXT);
    const lines = [];
    let node;
    while ((node = walker.nextNode())) {
        for (let index = 0; index < node.data.length; index++) {
            if (!node.data[index].trim()) continue;
            const range = document.createRange();
            range.setStart(node, index);
            range.setEnd(node, index + 1);
            const box = range.getBoundingClientRect();
            let line = lines.find((l) => Math.abs(l.top - box.top) < 4);
            if (!line) lines.push((line = {top: box.top, left: box.left}));
            line.left = Math.min(line.left, box.left);
        }
    }
    return {left: meta.getBoundingClientRect().left, lines: lines.map((l) => l.left)};
}"""


def test_no_line_of_a_wrapped_meta_line_starts_with_a_dot(new_page):
    long_name = CategoryFactory(name="Turkey Reports", slug="turkey-reports")
    article = make_story()
    article.category = long_name
    article.published_at = timezone.now() - timedelta(days=3)
    article.save()
    Correction.objects.create(article=article, text="An earlier version erred.")

    for width in (320, 375, 420):
        page = new_page(viewport={"width": width, "height": 800})
        page.goto(article.get_absolute_url())
        meta = page.locator(".article__meta .meta")
        expect(meta).to_contain_text("Updated")

        found = page.evaluate(LINE_STARTS, ".article__meta .meta")

        assert len(found["lines"]) >= 2, f"at {width}px the line does not wrap"
        # Every line begins with a word at the left edge: nothing (a dot)
        # stands before it.
        for left in found["lines"]:
            assert abs(left - found["left"]) < 1, (width, found)


def test_the_dot_before_the_category_is_not_part_of_its_link(page):
    article = make_story()
    page.goto(article.get_absolute_url())

    link = page.locator(".article__meta .meta a")

    expect(link).to_have_text("World")
    for pseudo in ("::before", "::after"):
        content = link.evaluate(
            "(a, pseudo) => getComputedStyle(a, pseudo).content", pseudo
        )
        assert content in ("none", "normal"), (pseudo, content)
    # The dot is drawn, outside the link, before it.
    before_link = page.locator(".article__meta .meta > :has(> a)").evaluate(
        "(item) => getComputedStyle(item.previousElementSibling, '::after').content"
    )
    assert "·" in before_link


# --- On paper ----------------------------------------------------------------

ANSWERS_SHOWN = """() => [...document.querySelectorAll(".faq__answer")].map(
    (answer) => answer.checkVisibility({contentVisibilityAuto: true})
)"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_printing_an_article_prints_every_faq_answer(new_page, javascript):
    article = make_story()
    page = new_page(java_script_enabled=javascript)
    page.goto(article.get_absolute_url())
    on_screen = page.evaluate(ANSWERS_SHOWN)
    assert len(on_screen) >= 2
    assert not any(on_screen)  # closed until the reader opens one

    page.emulate_media(media="print")

    # Chromium shows a <details>' content again at its next rendering step.
    # Looked for on a timer, not on animation frames: a page with nothing
    # moving may not ask for the next frame soon.
    page.wait_for_function(f"() => ({ANSWERS_SHOWN})().every(Boolean)", polling=100)
    answer = page.locator(".faq__answer").first
    assert answer.bounding_box()["height"] > 0
    assert page.pdf()  # and Chromium prints the page


def test_before_printing_the_page_opens_the_answers_and_closes_them_after(page):
    article = make_story()
    page.goto(article.get_absolute_url())
    page.locator(".faq__question").nth(1).click()  # one the reader opened

    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    opened = page.evaluate(
        "() => [...document.querySelectorAll('.faq__item')].map((d) => d.open)"
    )
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    after = page.evaluate(
        "() => [...document.querySelectorAll('.faq__item')].map((d) => d.open)"
    )

    assert opened == [True, True]
    assert after == [False, True]  # as the reader left them
