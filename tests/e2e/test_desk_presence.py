"""Presence on the desk in a real browser (static/js/desk-presence.js): an
editor and the bylined journalist open the same article in two browser
contexts, and each sees the other's name within ten seconds; when one leaves,
the name goes. The bar stays axe-clean and fits a phone."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.audit import csp_violations, describe_violations, run_axe
from tests.e2e.test_desk import log_in
from tests.factories import ArticleFactory, EditorFactory, JournalistFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
SIDEWAYS = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def test_two_people_on_one_article_see_each_other_and_the_one_who_leaves_goes(
    new_page, axe_source, console_errors
):
    editor = EditorFactory(username="ed", first_name="Eda", last_name="Chief")
    journalist = JournalistFactory(
        username="sam", first_name="Sam", last_name="Reporter"
    )
    article = ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=None,
        bylines=[journalist.author_profile],
    )
    change = f"/admin/articles/article/{article.pk}/change/"

    # The journalist on a phone, under the desk's real CSP; the editor's
    # context lets the axe audit's script in.
    sams = new_page(viewport=PHONE)
    log_in(sams, journalist)
    sams.goto(change)
    edas = new_page(bypass_csp=True)
    log_in(edas, editor)
    edas.goto(change)

    on_sams = sams.get_by_role("status").filter(has_text="Also here")
    on_edas = edas.get_by_role("status").filter(has_text="Also here")
    expect(on_edas).to_have_text("Also here: Sam Reporter (editing)", timeout=10_000)
    expect(on_sams).to_have_text("Also here: Eda Chief (editing)", timeout=10_000)
    # Never an e-mail address, in either page.
    for page, other in ((sams, editor), (edas, journalist)):
        assert other.email not in page.content()

    # Nothing to scroll sideways on the phone, names shown.
    width, screen = sams.evaluate(SIDEWAYS)
    assert width <= screen, f"the change page scrolls sideways: {width} > {screen}"

    # The desk's standard (no serious or critical finding) on the page, and
    # nothing at all in the presence bar.
    violations = run_axe(edas, axe_source)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, describe_violations(serious)
    in_bar = [
        v
        for v in violations
        if any("desk-presence" in str(node["target"]) for node in v["nodes"])
    ]
    assert not in_bar, describe_violations(in_bar)

    # Sam closes the tab: the "gone" beacon removes the name at once, well
    # before it would have expired (20 s).
    sams.close(run_before_unload=True)
    expect(edas.locator("#desk-presence")).to_have_text("", timeout=10_000)
    expect(edas.locator("#desk-presence")).not_to_have_text(re.compile("Sam"))
    assert not csp_violations(console_errors)
