"""Autosave in a real browser (static/js/desk-autosave.js): words typed into
a live article and never saved survive the browser closing, are offered when
the editor logs in again and are restored into the form; readers and the
article's revisions never see them."""

import re

import pytest
from playwright.sync_api import expect

from articles import revisions
from articles.models import Article, WorkingDraft
from tests.e2e.audit import (
    WCAG_AA_TAGS,
    csp_violations,
    describe_violations,
    run_axe,
)
from tests.e2e.stories import make_story
from tests.e2e.test_desk import log_in
from tests.factories import ArticleFactory, EditorFactory

pytestmark = pytest.mark.django_db(transaction=True)

TYPED = " Ferries resume on Friday."
IN_SECTION = " Tolls stay as they were."
# Three seconds of quiet, then the request, on a busy machine.
AUTOSAVE_WAIT = 20_000


def test_unsaved_words_survive_a_closed_browser_and_are_restored(
    new_page, console_errors
):
    article = make_story()
    editor = EditorFactory(first_name="Edna", last_name="Editor")
    intro = article.dek
    versions = revisions.versions_of(article).count()
    change = f"/admin/articles/article/{article.pk}/change/"

    page = new_page()
    log_in(page, editor)
    page.goto(change)
    page.locator("#id_dek").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(TYPED)
    # The rich-text editor's changes are kept too.
    page.locator("#sections-0 .ProseMirror").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(IN_SECTION)
    status = page.get_by_role("status").filter(has_text="working draft")
    expect(status).to_have_text(
        re.compile(r"Saved as your working draft at \d\d:\d\d"), timeout=AUTOSAVE_WAIT
    )
    page.context.close()  # no save: the browser is gone

    stored = Article.objects.get(pk=article.pk)
    assert stored.dek == intro
    assert IN_SECTION.strip() not in stored.sections.order_by("position")[0].body
    assert revisions.versions_of(article).count() == versions
    assert WorkingDraft.objects.get(user=editor, article=article)
    reader = new_page()
    reader.goto(article.get_absolute_url())
    expect(reader.get_by_text(intro)).to_be_visible()
    assert TYPED.strip() not in reader.content()

    # Another day, another browser: the work is offered, then restored.
    page = new_page()
    log_in(page, editor)
    page.goto(change)
    offer = page.locator(".desk-working-draft")
    expect(offer).to_contain_text("You have unsaved work from")
    expect(page.locator("#id_dek")).to_have_value(intro)
    offer.get_by_role("link", name="Restore").click()
    expect(page.locator(".desk-working-draft")).to_contain_text(
        "Restored your unsaved work from"
    )
    expect(page.locator("#id_dek")).to_have_value(intro + TYPED)
    expect(page.locator("#sections-0 .ProseMirror")).to_contain_text(IN_SECTION.strip())
    assert Article.objects.get(pk=article.pk).dek == intro
    assert revisions.versions_of(article).count() == versions
    assert not csp_violations(console_errors)

    # Saving keeps the work and clears the draft; one revision more.
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    expect(page.locator(".desk-working-draft")).to_have_count(0)
    assert Article.objects.get(pk=article.pk).dek == intro + TYPED
    assert not WorkingDraft.objects.exists()


def test_the_offer_of_unsaved_work_is_accessible_and_fits_a_phone(new_page, axe_source):
    # In review, as the desk's own audit has it (test_accessibility).
    article = ArticleFactory(
        with_parts=True, status=Article.Status.IN_REVIEW, published_at=None
    )
    editor = EditorFactory()
    WorkingDraft.objects.create(
        user=editor,
        article=article,
        data={"dek": ["Unsaved intro"]},
        saved_at=article.updated_at,
    )
    change = f"/admin/articles/article/{article.pk}/change/"

    for width in (375, 1280):
        page = new_page(bypass_csp=True, viewport={"width": width, "height": 800})
        log_in(page, editor)
        page.goto(change)
        expect(page.locator(".desk-working-draft")).to_contain_text("unsaved work")
        # None serious on the page at the desk's usual width (the desk's
        # rule: lesser ones are Django's), and none at all in the offer.
        violations = [
            violation
            for violation in run_axe(page, axe_source)
            if width == 1280 and violation["impact"] in ("serious", "critical")
        ]
        violations += page.evaluate(
            "options => axe.run('.desk-working-draft', options)",
            {"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}},
        )["violations"]
        assert not violations, describe_violations(violations)
        scroll, inner = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll <= inner, f"{scroll}px wide at {width}px"
