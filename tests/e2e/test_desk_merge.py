"""A stale save merged in a real browser: two editors, each in a browser of
their own, change one article from the same version. Different fields are
both kept and the second is told so; the same field shows theirs and yours
side by side with a choice each, and the result is what was chosen. The
conflict form and the restore page are axe-clean and fit a 375 px screen."""

import pytest
from playwright.sync_api import expect

from articles import revisions
from articles.models import Article
from tests.e2e.audit import csp_violations, describe_violations, run_axe
from tests.e2e.stories import make_story
from tests.e2e.test_desk import log_in
from tests.factories import EditorFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
IN_SECTION = " Tolls stay as they were."


def save(page):
    page.get_by_role("button", name="Save and continue editing").click()


def serious(violations):
    # The desk's standard (tests/e2e/test_accessibility.py): nothing serious
    # or critical.
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def scrolls_sideways(page):
    width, inner = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    return width > inner


def test_two_editors_different_fields_merge_and_the_same_field_is_chosen(
    new_page, axe_source, console_errors, screenshot_dir
):
    article = make_story()
    ann = EditorFactory(username="ann", first_name="Ann", last_name="Early")
    bob = EditorFactory(username="bob", first_name="Bob", last_name="Late")
    change = f"/admin/articles/article/{article.pk}/change/"
    anns = new_page()
    # Bob works on a phone; his browser also runs the accessibility audit,
    # whose script needs the Content-Security-Policy bypassed (Ann's pages
    # run under it).
    bobs = new_page(bypass_csp=True, viewport=PHONE)
    for page, editor in ((anns, ann), (bobs, bob)):
        log_in(page, editor)
        page.goto(change)

    # Different fields: Ann the headline, Bob (still on the old version) a
    # section's body. Both are kept, and Bob is told.
    anns.locator("#id_headline").fill("Harbour bridge reopens to all traffic")
    save(anns)
    expect(anns.locator(".messagelist").first).to_contain_text(
        "was changed successfully"
    )
    bobs.locator("#sections-1 [contenteditable=true]").first.click()
    bobs.keyboard.press("Control+End")
    bobs.keyboard.type(IN_SECTION)
    save(bobs)
    expect(bobs.locator(".messagelist").first).to_contain_text(
        "Merged with Ann Early's save of"
    )
    # Only what each changed is named: the sections Bob's editor sent back
    # untouched are no change of his.
    expect(bobs.locator(".messagelist").first).to_contain_text(
        "they changed the headline; you changed the section “Subheading 2”. "
        "Both are kept."
    )
    expect(bobs.locator("#id_headline")).to_have_value(
        "Harbour bridge reopens to all traffic"
    )
    saved = Article.objects.get(pk=article.pk)
    assert saved.headline == "Harbour bridge reopens to all traffic"
    assert IN_SECTION.strip() in saved.sections.order_by("position")[1].body

    # The same fields: both change the headline and the intro. Ann's form is
    # a version behind Bob's merge, but touches nothing Bob changed.
    anns.locator("#id_headline").fill("Bridge open again")
    anns.locator("#id_dek").fill("Ann's intro: the bridge is open again.")
    save(anns)
    expect(anns.locator(".messagelist").first).to_contain_text("Merged with Bob Late's")
    bobs.locator("#id_headline").fill("Bridge reopens, tolls unchanged")
    bobs.locator("#id_dek").fill("Bob's intro: tolls stay as they were.")
    save(bobs)

    panel = bobs.locator(".desk-merge")
    expect(bobs.locator(".errorlist.nonfield")).to_contain_text(
        "you both changed the headline and the intro"
    )
    intro = panel.get_by_role("group", name="Intro")
    theirs, yours = intro.locator(".desk-merge__side").all()
    expect(theirs).to_contain_text("Theirs (Ann Early,")
    expect(theirs.locator("mark").last).to_have_text(
        "only in theirs: the bridge is open again. (end)"
    )
    expect(yours.locator("mark").last).to_have_text(
        "only in yours: tolls stay as they were. (end)"
    )
    # Nothing Bob typed is lost: his text is still in the form.
    expect(bobs.locator("#id_dek")).to_have_value(
        "Bob's intro: tolls stay as they were."
    )
    assert Article.objects.get(pk=article.pk).dek == (
        "Ann's intro: the bridge is open again."
    )
    assert not scrolls_sideways(bobs), "the conflict form scrolls sideways"
    bobs.screenshot(
        path=screenshot_dir / "desk-merge-conflict-phone.png", full_page=True
    )
    violations = serious(run_axe(bobs, axe_source))
    assert not violations, describe_violations(violations)

    panel.get_by_role("group", name="Headline").get_by_label("Keep theirs").check()
    intro.get_by_label("Keep yours").check()
    save(bobs)

    expect(bobs.locator(".messagelist").first).to_contain_text(
        "was changed successfully"
    )
    saved = Article.objects.get(pk=article.pk)
    assert saved.headline == "Bridge open again"
    assert saved.dek == "Bob's intro: tolls stay as they were."
    assert IN_SECTION.strip() in saved.sections.order_by("position")[1].body
    assert not csp_violations(console_errors)


def test_the_restore_page_reads_word_by_word_axe_clean_on_a_phone(
    new_page, axe_source, screenshot_dir
):
    article = make_story()
    editor = EditorFactory()
    page = new_page(bypass_csp=True, viewport=PHONE)
    log_in(page, editor)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.locator("#id_dek").fill("A new intro about the harbour bridge.")
    save(page)
    expect(page.locator(".messagelist").first).to_contain_text(
        "was changed successfully"
    )
    older = revisions.versions_of(article)[1]

    page.goto(f"/admin/articles/article/{article.pk}/history/{older.pk}/")

    intro = page.locator(".desk-diff__fields", has_text="Intro").first
    # Restoring takes the new intro's words away.
    expect(intro.locator("del").first).to_contain_text("removed: A new intro")
    expect(page.get_by_role("button", name="Restore this version")).to_be_visible()
    assert not scrolls_sideways(page), "the restore page scrolls sideways"
    page.screenshot(path=screenshot_dir / "desk-restore-phone.png", full_page=True)
    violations = serious(run_axe(page, axe_source))
    assert not violations, describe_violations(violations)
