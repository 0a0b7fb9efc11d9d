"""The article form's writing aids in a real browser (static/js/desk-writing.js):
live character counts, a live word count and reading time that agree with
the server's, and warnings before unsaved edits are lost."""

import math
import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from articles.models import Article
from articles.models.articles import count_words
from tests.e2e.audit import csp_violations, describe_violations, run_axe
from tests.e2e.test_desk import action_form, log_in
from tests.factories import ArticleFactory, EditorFactory

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = "#desk-writing-words"
COUNTER = "#id_headline_count"


def article_in_review(**fields):
    return ArticleFactory(
        with_parts=True,
        status=Article.Status.IN_REVIEW,
        published_at=None,
        **fields,
    )


def server_words(article):
    """The words the server counts for the reading time
    (Article.compute_reading_time's texts)."""
    texts = [article.headline, article.dek, article.summary]
    for section in article.sections.all():
        texts += [section.subheading, section.body]
    texts += [point.text for point in article.key_points.all()]
    for faq in article.faqs.all():
        texts += [faq.question, faq.answer]
    return count_words(*texts)


def shown_words(page):
    return int(page.locator(WORDS).inner_text().split(" word")[0].replace(",", ""))


def open_change_form(page, article):
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    # The form's state at load is taken once the page has loaded.
    page.wait_for_load_state("load")


class Dialogs(list):
    """Every dialog a page raises, as (type, message), each accepted unless
    ``accept`` is set to False."""

    def __init__(self, page):
        super().__init__()
        self.accept = True
        page.on("dialog", self._answer)

    def _answer(self, dialog):
        self.append((dialog.type, dialog.message))
        if self.accept:
            dialog.accept()
        else:
            dialog.dismiss()

    @property
    def kinds(self):
        return [kind for kind, _ in self]


def test_word_count_and_reading_time_follow_typing_as_the_server_counts(
    new_page, console_errors
):
    article = article_in_review(summary="")
    page = new_page()
    log_in(page, EditorFactory())
    open_change_form(page, article)

    words = server_words(article)
    expect(page.locator(WORDS)).to_contain_text(f"{words} words")
    expect(page.locator(WORDS)).to_contain_text("1 minute to read")

    # The intro, a plain field.
    page.locator("#id_dek").press("Control+End")
    page.locator("#id_dek").press_sequentially(" and three more")
    expect(page.locator(WORDS)).to_contain_text(f"{words + 3} words")

    # A section body, in the rich-text editor.
    page.locator("#sections-0 .ProseMirror").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Four new words here.")
    expect(page.locator(WORDS)).to_contain_text(f"{words + 7} words")

    # A section marked for deletion no longer counts.
    before = shown_words(page)
    page.locator("#id_sections-1-DELETE").check()
    assert shown_words(page) < before

    # Enough words for more minutes, at the server's reading speed.
    per_minute = settings.NEWSROOM_WORDS_PER_MINUTE
    page.locator("#id_summary").fill("word " * (2 * per_minute))
    total = shown_words(page)
    assert total > 2 * per_minute
    expect(page.locator(WORDS)).to_contain_text(
        f"{math.ceil(total / per_minute)} minutes to read"
    )

    # Saved, the server counts what the page counted.
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    article.refresh_from_db()
    assert server_words(article) == total
    assert article.reading_time == math.ceil(total / per_minute)
    expect(page.locator(WORDS)).to_contain_text(f"{total} words")
    assert not csp_violations(console_errors)


def test_headline_counts_its_characters_and_warns_past_the_advised_length(
    new_page,
):
    article = article_in_review(headline="Harbour bridge reopens")
    page = new_page()
    log_in(page, EditorFactory())
    open_change_form(page, article)
    headline = page.locator("#id_headline")
    counter = page.locator(COUNTER)

    expect(counter).to_have_text("22 / 110")
    assert "id_headline_count" in headline.get_attribute("aria-describedby").split()
    # The count itself is not read out on every keystroke: a polite status,
    # once typing pauses, is.
    assert counter.get_attribute("aria-live") is None
    announce = page.locator("#desk-writing-announce")
    assert announce.get_attribute("aria-live") == "polite"

    headline.fill("x" * 110)
    expect(counter).to_have_text("110 / 110")
    expect(counter).not_to_have_class("desk-count desk-count--over")

    headline.fill("x" * 120)
    expect(counter).to_contain_text("120 / 110")
    expect(counter).to_contain_text("10 too long")
    expect(counter).to_have_class("desk-count desk-count--over")
    expect(announce).to_have_text("Headline: 120 characters, 10 over the advised 110.")


def test_leaving_with_unsaved_changes_warns_but_not_after_undoing_or_saving(
    new_page,
):
    article = article_in_review()
    page = new_page()
    log_in(page, EditorFactory())
    open_change_form(page, article)
    dialogs = Dialogs(page)
    dek = page.locator("#id_dek")

    # Typed, then undone: nothing to lose, nothing asked.
    dek.press("Control+End")
    dek.press_sequentially(" more")
    for _ in " more":
        dek.press("Backspace")
    page.goto("/admin/")
    assert dialogs == []

    # Typed and left: the browser asks first.
    open_change_form(page, article)
    page.locator("#id_dek").press("Control+End")
    page.locator("#id_dek").press_sequentially(" more")
    page.goto("/admin/")
    assert dialogs.kinds == ["beforeunload"]
    expect(page).to_have_url(re.compile(r"/admin/$"))  # left, once answered

    # Typed in a section body and saved: nothing asked, on saving or after.
    dialogs.clear()
    open_change_form(page, article)
    page.locator("#sections-0 .ProseMirror").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Saved words.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    page.wait_for_load_state("load")
    page.goto("/admin/")
    assert dialogs == []


def test_a_workflow_step_with_unsaved_edits_asks_first(new_page):
    article = article_in_review()
    page = new_page()
    log_in(page, EditorFactory())
    open_change_form(page, article)
    approve = action_form(page, "approve").get_by_role(
        "button", name="Approve and publish"
    )

    # Declined: the step is not taken and the edits stay.
    dialogs = Dialogs(page)
    dialogs.accept = False
    page.locator("#id_dek").press("Control+End")
    page.locator("#id_dek").press_sequentially(" unsaved")
    approve.click()
    expect(page.locator("#id_dek")).to_have_value(f"{article.dek} unsaved")
    assert dialogs.kinds == ["confirm"]
    assert "will be lost" in dialogs[0][1]
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW

    # Accepted: the step is taken, with no second question on leaving.
    dialogs.clear()
    dialogs.accept = True
    approve.click()
    expect(page.locator(".desk-workflow__status")).to_contain_text("Published")
    assert dialogs.kinds == ["confirm"]
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert not article.dek.endswith("unsaved")

    # No edits: no question.
    dialogs.clear()
    page.wait_for_load_state("load")
    action_form(page, "unpublish").locator("textarea").fill("Pulled for a check")
    action_form(page, "unpublish").get_by_role("button", name="Unpublish").click()
    expect(page.locator(".desk-workflow__status")).to_contain_text("Unpublished")
    assert dialogs == []


def test_the_writing_aids_pass_axe_and_fit_a_phone(new_page, axe_source):
    article = article_in_review()
    page = new_page(bypass_csp=True)
    log_in(page, EditorFactory())
    open_change_form(page, article)
    page.locator("#id_headline").fill("x" * 130)  # the warning, audited too
    expect(page.locator(COUNTER)).to_contain_text("130 / 110")

    # As the desk's other pages (test_accessibility): nothing serious or
    # critical, and nothing at all on the writing aids.
    violations = [
        violation
        for violation in run_axe(page, axe_source)
        if violation["impact"] in ("serious", "critical")
        or any(
            "desk-writing" in str(node["target"]) or "_count" in str(node["target"])
            for node in violation["nodes"]
        )
    ]
    assert not violations, describe_violations(violations)

    page.set_viewport_size({"width": 375, "height": 812})
    for selector in ("#desk-writing", COUNTER):
        box = page.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, (selector, box)
    sideways = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert sideways[0] <= sideways[1], f"the change form scrolls sideways: {sideways}"
