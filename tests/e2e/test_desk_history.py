"""Readable history in the browser: an editor picks two saved versions on the
article's history page and reads what changed word by word (the changed
word marked as removed and its replacement as added, said in words for
screen readers), on a desktop and on a phone, axe-clean."""

import pytest
import reversion
from playwright.sync_api import expect

from articles import revisions
from tests.e2e.audit import csp_violations, describe_violations, run_axe
from tests.e2e.stories import make_story
from tests.e2e.test_desk import log_in
from tests.factories import EditorFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}


def story_with_a_word_changed(editor):
    """The story as first made, then saved again with one word of its first
    section changed and a hostile key point added."""
    article = make_story()
    revisions.record_before_first_edit(article)
    section = article.sections.order_by("position").first()
    section.body = section.body.replace("detail", "colour")
    section.save()
    article.key_points.create(position=9, text="<script>alert(1)</script> tolls")
    with reversion.create_revision():
        reversion.set_user(editor)
        revisions.record(article)
    return article


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_comparing_two_versions_marks_the_changed_word_axe_clean(
    new_page, axe_source, console_errors, screenshot_dir, viewport
):
    editor = EditorFactory()
    article = story_with_a_word_changed(editor)
    screen = {"viewport": PHONE, "is_mobile": True} if viewport == "phone" else {}
    page = new_page(**screen)
    log_in(page, editor)

    page.goto(f"/admin/articles/article/{article.pk}/history/")
    page.get_by_role("button", name="Compare the chosen versions").click()

    expect(page.get_by_role("heading", name="Compare versions")).to_be_visible()
    body = page.locator(".desk-diff__part", has_text="Section 1").locator("dd")
    expect(body.locator("del")).to_have_text("removed: detail. (end of removal)")
    expect(body.locator("ins")).to_have_text("added: colour. (end of addition)")
    expect(page.get_by_text("2 sections unchanged")).to_be_visible()
    hostile = page.locator(".desk-diff__part", has_text="(added)")
    expect(hostile.locator("ins")).to_contain_text("<script>alert(1)</script> tolls")
    assert page.locator("script", has_text="alert(1)").count() == 0

    sideways = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert sideways[0] <= sideways[1], f"the comparison scrolls sideways: {sideways}"
    assert not csp_violations(console_errors)
    page.screenshot(
        path=screenshot_dir / f"desk-compare-{viewport}.png", full_page=True
    )

    # axe's own script needs the Content-Security-Policy bypassed: a context
    # of its own, on the same page.
    audited = new_page(bypass_csp=True, **screen)
    log_in(audited, editor)
    audited.goto(page.url)
    expect(audited.locator(".desk-diff ins").first).to_be_visible()
    violations = run_axe(audited, axe_source)
    assert not violations, describe_violations(violations)
