"""The reader's site without a mouse: every control reachable by Tab, in
reading order, with a focus indicator a sighted keyboard user can see; the
skip link; the search overlay (opens from the keyboard, holds focus, Esc
closes it and gives focus back); and no motion for readers who ask for none.
"""

import io

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import expect

from newsroom.models import SitePage
from tests.e2e.stories import make_story
from tests.factories import SOCIAL_LINKS, site_settings

pytestmark = pytest.mark.django_db(transaction=True)

# What the keyboard should stop at: the HTML elements that take focus by
# themselves, minus those taken out of the order.
FOCUSABLE = (
    "a[href], area[href], button, input:not([type=hidden]), select, textarea,"
    " summary, iframe, [contenteditable=true], [tabindex]"
)

MARK_EXPECTED_STOPS = """selector => {
    const stops = [...document.querySelectorAll(selector)].filter(
        (element) =>
            element.tabIndex >= 0 &&
            !element.disabled &&
            !element.closest("[inert]") &&
            // A <summary> takes focus only as its <details>' first summary.
            (element.localName !== "summary" ||
                element.parentElement.querySelector("summary") === element) &&
            element.checkVisibility({ visibilityProperty: true })
    );
    stops.forEach((element, index) => { element.dataset.tabStop = index; });
    return stops.map(describe);

    function describe(element) {
        const text = (element.textContent || element.value || "").trim();
        return `<${element.localName}> ${text.slice(0, 40)}`;
    }
}"""

DESCRIBE_ACTIVE = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) {
        return null;
    }
    return {
        stop: "tabStop" in element.dataset ? Number(element.dataset.tabStop) : null,
        html: element.outerHTML.slice(0, 160),
    };
}"""

# The box a focus ring may be drawn in: the element and a margin around it,
# inside the viewport.
FOCUS_AREA = """margin => {
    const box = document.activeElement.getBoundingClientRect();
    const left = Math.max(0, box.left - margin);
    const top = Math.max(0, box.top - margin);
    const right = Math.min(window.innerWidth, box.right + margin);
    const bottom = Math.min(window.innerHeight, box.bottom + margin);
    return {x: left, y: top, width: right - left, height: bottom - top};
}"""

# Focus scrolls its element into view, smoothly where the reader allows
# motion: wait until the page has stopped moving.
SCROLL_SETTLED = """() => new Promise((resolve) => {
    let last = null, still = 0;
    function check() {
        const now = [window.scrollX, window.scrollY].join();
        still = now === last ? still + 1 : 0;
        last = now;
        if (still >= 3) { resolve(); } else { requestAnimationFrame(check); }
    }
    requestAnimationFrame(check);
})"""


def story_site():
    """A live article with every part, and a site whose header and footer
    carry every control they can."""
    article = make_story()
    site_settings(**SOCIAL_LINKS)
    SitePage.objects.create(
        slug=SitePage.Kind.ABOUT,
        title="About Us",
        intro="Who we are.",
        body="<p>An independent newsroom. <a href='/subscribe/'>Subscribe</a>.</p>",
    )
    return article


def changed_pixels(before, after):
    """How many pixels differ clearly between two screenshots of one area."""
    first = Image.open(io.BytesIO(before)).convert("RGB")
    second = Image.open(io.BytesIO(after)).convert("RGB")
    difference = ImageChops.difference(first, second).convert("L")
    return difference.point(lambda value: 255 if value > 40 else 0).histogram()[255]


def focus_is_visible(page):
    """Whether focusing the active element changed what is on screen around
    it: its ring (or other indicator) is drawn, and not clipped away."""
    page.evaluate(SCROLL_SETTLED)
    area = page.evaluate(FOCUS_AREA, 8)
    if area["width"] <= 0 or area["height"] <= 0:
        return False  # focused, but off screen
    focused = page.screenshot(clip=area, animations="disabled")
    page.evaluate("() => { window.__focused = document.activeElement; }")
    page.evaluate("() => document.activeElement.blur()")
    unfocused = page.screenshot(clip=area, animations="disabled")
    page.evaluate("() => window.__focused.focus()")
    # A ring around even a small control changes a few dozen pixels.
    return changed_pixels(focused, unfocused) >= 20


def walk_tab_order(page):
    """Tabs from the top of the page to its end: the order of the focus
    stops reached, and those whose focus could not be seen."""
    expected = page.evaluate(MARK_EXPECTED_STOPS, FOCUSABLE)
    reached, unseen = [], []
    for _ in range(len(expected) + 5):
        page.keyboard.press("Tab")
        active = page.evaluate(DESCRIBE_ACTIVE)
        if active is None or (reached and active["stop"] == reached[0]):
            break  # past the last stop: focus left the page or went round
        reached.append(active["stop"])
        if not focus_is_visible(page):
            unseen.append(active["html"])
    return expected, reached, unseen


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "home, phone",
        "category",
        "article",
        "article, phone",
        "author",
        "search",
        "about",
        "subscribe",
    ],
)
def test_every_control_is_reached_by_tab_in_reading_order_with_visible_focus(
    name, new_page
):
    article = story_site()
    # On a phone the menu and the headlines scroll sideways: focus must
    # bring each link into view all the same.
    phone = name.endswith(", phone")
    name = name.removesuffix(", phone")
    viewport = (
        {"width": 375, "height": 812} if phone else {"width": 1280, "height": 900}
    )
    page = new_page(viewport=viewport)
    path = {
        "home": "/",
        "category": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "author": article.byline_authors[0].get_absolute_url(),
        "search": "/search/?q=harbour",
        "about": "/about/",
        "subscribe": "/subscribe/",
    }[name]
    page.goto(path)
    assert (
        page.locator("[tabindex]:not([tabindex='-1']):not([tabindex='0'])").count() == 0
    ), "a positive tabindex takes a control out of reading order"

    expected, reached, unseen = walk_tab_order(page)

    assert len(expected) > 10, f"{path}: too few controls for a real page"
    missing = [expected[stop] for stop in range(len(expected)) if stop not in reached]
    assert not missing, f"{path}: Tab never reaches {missing}"
    assert None not in reached, f"{path}: Tab stops at something not interactive"
    assert reached == sorted(reached), f"{path}: Tab goes out of reading order"
    assert not unseen, f"{path}: no visible focus indicator on {unseen}"


def test_skip_link_is_first_and_takes_focus_past_the_header(page):
    story_site()
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # The next Tab lands on the page's own content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null")


def test_search_overlay_holds_focus_until_escape_returns_it_to_the_toggle(page):
    story_site()
    page.goto("/")
    toggle = page.locator("[data-search-toggle]")
    toggle.focus()

    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Search")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("searchbox")).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "true")

    # Round and round, both ways: focus never leaves the overlay.
    inside = (
        "() => document.querySelector('dialog[open]').contains(document.activeElement)"
    )
    for key in ["Tab"] * 8 + ["Shift+Tab"] * 8:
        page.keyboard.press(key)
        assert page.evaluate(inside), f"{key} moved focus out of the open overlay"

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")

    # Space opens it too (a button); its close button gives focus back as well.
    page.keyboard.press("Space")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close search").focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(toggle).to_be_focused()


MOTION = """() => {
    const seconds = (value) =>
        Math.max(...value.split(",").map((part) =>
            part.trim().endsWith("ms") ? parseFloat(part) / 1000 : parseFloat(part)));
    const moving = [];
    for (const element of document.querySelectorAll("*")) {
        for (const pseudo of [null, "::before", "::after", "::backdrop"]) {
            const style = getComputedStyle(element, pseudo);
            const animated = style.animationName !== "none"
                && seconds(style.animationDuration) > 0.001;
            const transitioned = seconds(style.transitionDuration) > 0.001;
            const smooth = pseudo === null && style.scrollBehavior === "smooth";
            if (animated || transitioned || smooth) {
                const what = `${element.localName}.${element.className}${pseudo || ""}`;
                moving.push(
                    `${what}: animation ${style.animationName}`
                    + ` ${style.animationDuration},`
                    + ` transition ${style.transitionDuration},`
                    + ` scroll ${style.scrollBehavior}`
                );
            }
        }
    }
    return moving;
}"""


def open_search_and_measure_motion(page, path):
    page.goto(path)
    page.locator("[data-search-toggle]").click()
    expect(page.get_by_role("dialog", name="Search")).to_be_visible()
    return page.evaluate(MOTION)


def test_reduced_motion_switches_off_animation_transition_and_smooth_scrolling(
    new_page,
):
    article = story_site()

    moving = new_page(reduced_motion="no-preference")
    # Proof that the measure sees motion where there is some.
    assert any(
        "drop-in" in found
        for found in open_search_and_measure_motion(moving, article.get_absolute_url())
    )

    still = new_page(reduced_motion="reduce")
    for path in ("/", article.get_absolute_url()):
        motion = open_search_and_measure_motion(still, path)
        assert not motion, f"{path} still moves under reduced motion: {motion}"
