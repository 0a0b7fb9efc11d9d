"""Parts of an article put in order on the desk by keyboard as well as by
mouse, saved or not yet saved (static/js/admin-ordering.js, whose header says
why it is not django-admin-sortable2: there a keyboard user cannot reorder,
and a new row cannot move)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.stories import make_story
from tests.e2e.test_desk import log_in
from tests.factories import EditorFactory

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED_CONTROL = "() => document.activeElement?.getAttribute('aria-label')"


def key_points_in_order(article):
    return list(article.key_points.order_by("position").values_list("text", flat=True))


def test_key_points_are_reordered_from_the_keyboard_new_rows_included(new_page):
    article = make_story()
    assert key_points_in_order(article) == ["Key point 1", "Key point 2", "Key point 3"]
    page = new_page()
    log_in(page, EditorFactory())
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    group = page.locator("#key_points-group")

    # Reached with Tab (a real button), moved with Enter, the focus kept on
    # the button so the next press moves the row again.
    down = group.locator("#key_points-0 .desk-order__down")
    group.locator("#key_points-0 .desk-order__up").focus()
    page.keyboard.press("Tab")
    expect(down).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED_CONTROL) == "Move down"
    expect(group.locator("#key_points-1 input[name$='-position']")).to_have_value("0")
    expect(group.locator("#key_points-0 input[name$='-position']")).to_have_value("1")

    # A row not saved yet moves too, with Space: up twice, to second place.
    group.locator(".add-row a").click()
    group.locator("#id_key_points-3-text").fill("Tolls return in May")
    up = group.locator("#key_points-3 .desk-order__up")
    up.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Space")
    expect(up).to_be_focused()

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    assert key_points_in_order(article) == [
        "Key point 2",
        "Tolls return in May",
        "Key point 1",
        "Key point 3",
    ]
